"""The pure Pillow core: metadata stripping, orientation, odd modes and bad files."""

from __future__ import annotations

import io

import gallery_testkit as kit
import pytest
from PIL import Image

from campaign_gallery import imaging

LIMIT = 50_000_000
FORMATS = ["jpeg", "png", "webp"] + (["avif"] if imaging.avif_supported() else [])


def specs_for(probe: imaging.Probe, widths=(160, 400)) -> list[imaging.Spec]:
    size = (probe.width, probe.height)
    found = [
        imaging.Spec(fmt, w, imaging.height_for(w, size), 80)
        for fmt in FORMATS
        for w in imaging.widths_for((probe.width, probe.height), widths)
    ]
    found.append(imaging.Spec("jpeg", 1200, 630, 80, card=True))
    return found


def assert_no_metadata(data: bytes, where: str) -> None:
    for forbidden in kit.FORBIDDEN:
        assert forbidden not in data, f"{where}: {forbidden!r} found"
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not dict(exif), f"{where}: EXIF {dict(exif)}"
        assert not exif.get_ifd(0x8825), f"{where}: GPS"
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"):
            assert not image.info.get(key), f"{where}: {key} in info"
        assert not getattr(image, "text", {}), f"{where}: PNG text"


SOURCES = {
    "jpeg-exif-gps-xmp-icc-comment": kit.jpeg(),
    "jpeg-sideways": kit.jpeg(orientation=6),
    "png-text-chunks-exif-icc": kit.png_with_text(),
    "webp-exif-xmp": kit.webp_with_metadata(),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_sources_really_carry_metadata(name):
    """The fixtures are honest: the metadata we strip is there to begin with."""
    data = SOURCES[name]
    assert b"Secret" in data or b"GPS" in data or b"Exif" in data


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_derivative_is_free_of_metadata(name):
    data = SOURCES[name]
    probe = imaging.probe(data, LIMIT)
    specs = specs_for(probe)
    outputs = imaging.render(data, tuple(specs), LIMIT)
    assert len(outputs) == len(specs)
    for spec, output in zip(specs, outputs, strict=True):
        assert_no_metadata(output, f"{name} -> {spec.token()}")
        with Image.open(io.BytesIO(output)) as image:
            assert image.size == (spec.width, spec.height)
            assert image.format.lower() == {"jpeg": "jpeg", "png": "png"}.get(spec.fmt, spec.fmt)


def test_orientation_is_applied():
    data = kit.jpeg(size=(400, 200), orientation=6)  # stored landscape, shown portrait
    probe = imaging.probe(data, LIMIT)
    assert (probe.width, probe.height) == (200, 400)
    (output,) = imaging.render(data, (imaging.Spec("png", 200, 400),), LIMIT)
    with Image.open(io.BytesIO(output)) as image:
        assert image.size == (200, 400)
        assert not dict(image.getexif())  # no Orientation tag left to rotate it twice
        # Orientation 6 turns the picture 90° clockwise: the stored bottom-left (blue)
        # quadrant becomes the top-left one, the stored top-left (red) the top-right one.
        assert _near(image.getpixel((50, 100)), (0, 0, 255))
        assert _near(image.getpixel((150, 100)), (255, 0, 0))
        assert _near(image.getpixel((50, 300)), (255, 255, 255))


def _near(pixel, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], expected, strict=True))


def test_widths_never_upscale_and_the_largest_fits_the_box():
    widths = (480, 800, 1200, 1600)
    assert imaging.widths_for((4000, 3000), widths) == [480, 800, 1200, 1600]
    assert imaging.widths_for((1080, 720), widths) == [480, 800, 1080]
    assert imaging.widths_for((300, 200), (480, 800)) == [300]
    assert imaging.widths_for((800, 600), (480, 800)) == [480, 800]
    # portraits: the long side, not the width, is held to the largest width
    assert imaging.widths_for((2000, 3000), widths) == [480, 800, 1066]
    assert imaging.widths_for((3000, 4000), widths) == [480, 800, 1200]
    assert imaging.widths_for((1000, 1200), widths) == [480, 800, 1000]
    assert imaging.widths_for((100, 5000), widths) == [32]  # a tall strip: 32 x 1600


def test_social_card_is_exactly_1200x630_even_from_a_small_portrait():
    data = kit.jpeg(size=(300, 500))
    (card,) = imaging.render(data, (imaging.Spec("jpeg", 1200, 630, 82, card=True),), LIMIT)
    with Image.open(io.BytesIO(card)) as image:
        assert (image.format, image.size, image.mode) == ("JPEG", (1200, 630), "RGB")


# -- odd but valid pictures ---------------------------------------------------------------


def test_cmyk_becomes_rgb():
    data = kit.cmyk_jpeg()
    probe = imaging.probe(data, LIMIT)
    assert not probe.alpha
    (output,) = imaging.render(data, (imaging.Spec("jpeg", 300, 200, 90),), LIMIT)
    with Image.open(io.BytesIO(output)) as image:
        assert image.mode == "RGB"
        assert _near(image.getpixel((150, 100)), (255, 0, 0), 60)


def test_16_bit_greyscale_is_scaled_not_clipped():
    data = kit.png16_gray(value=32768)  # mid grey
    with Image.open(io.BytesIO(data)) as source:
        assert source.mode.startswith("I")
    (output,) = imaging.render(data, (imaging.Spec("png", 64, 32),), LIMIT)
    with Image.open(io.BytesIO(output)) as image:
        value = image.convert("L").getpixel((10, 10))
        assert 120 <= value <= 135, value


def test_16_bit_rgb():
    data = kit.png16_rgb()
    (output,) = imaging.render(data, (imaging.Spec("jpeg", 64, 32, 95),), LIMIT)
    with Image.open(io.BytesIO(output)) as image:
        assert _near(image.getpixel((10, 10)), (10, 200, 30), 20)


@pytest.mark.parametrize(
    "data",
    [kit.palette_transparent_png(), kit.gray_alpha_png(), kit.png_with_text()],
    ids=["palette", "gray-alpha", "with-text"],  # the bytes differ from run to run (ICC)
)
def test_transparency_is_kept_with_a_png_fallback(data):
    probe = imaging.probe(data, LIMIT)
    assert probe.alpha
    outputs = imaging.render(
        data,
        (imaging.Spec("png", probe.width, probe.height), imaging.Spec("webp", 60, 30, 80)),
        LIMIT,
    )
    for output in outputs:
        with Image.open(io.BytesIO(output)) as image:
            alpha = image.convert("RGBA").getchannel("A")
            assert alpha.getextrema() == (0, 255)


def test_an_opaque_alpha_channel_is_dropped():
    probe = imaging.probe(kit.opaque_rgba_png(), LIMIT)
    assert not probe.alpha  # published as JPEG, not as a needlessly heavy PNG


def test_animated_gif_uses_the_first_frame():
    data = kit.animated_gif()
    probe = imaging.probe(data, LIMIT)
    assert probe.frames == 3
    (output,) = imaging.render(data, (imaging.Spec("png", 90, 60),), LIMIT)
    with Image.open(io.BytesIO(output)) as image:
        assert not getattr(image, "is_animated", False)
        assert _near(image.convert("RGB").getpixel((45, 30)), (255, 0, 0))


# -- bad files ---------------------------------------------------------------------------

BAD = {
    "empty": (b"", "empty"),
    "text named .jpg": (b"Hello, this is not a picture.\n" * 20, "not a picture"),
    "truncated jpeg": (kit.truncated(kit.jpeg(metadata=False)), "truncated"),
    "truncated png": (kit.truncated(kit.png_with_text()), ""),
    "corrupt jpeg": (kit.corrupt(kit.jpeg(metadata=False)), ""),
    "corrupt png": (kit.corrupt(kit.png_with_text()), ""),
    "bmp": (kit.bmp(), "BMP"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_raise_bad_image_with_a_reason(name):
    data, words = BAD[name]
    with pytest.raises(imaging.BadImage) as caught:
        imaging.probe(data, LIMIT)
    assert words in caught.value.reason
    with pytest.raises(imaging.BadImage):
        imaging.render(data, (imaging.Spec("jpeg", 10, 10, 80),), LIMIT)


def test_decompression_bomb_is_refused_before_decoding():
    data = kit.bomb_png()
    assert len(data) < 100_000  # a tiny file...
    imaging.configure(LIMIT)
    with pytest.raises(imaging.BadImage) as caught:
        imaging.probe(data, LIMIT)  # ...of 144 megapixels
    assert "too large" in caught.value.reason
    assert "12000 x 12000" in caught.value.reason


def test_pillow_bomb_guard_is_also_caught():
    """Above twice MAX_IMAGE_PIXELS Pillow itself refuses in Image.open."""
    data = kit.bomb_png(side=3000)  # 9 MP
    imaging.configure(2_000_000)
    try:
        with pytest.raises(imaging.BadImage) as caught:
            imaging.probe(data, 1_000_000_000)
        assert "too large" in caught.value.reason
    finally:
        imaging.configure(LIMIT)
