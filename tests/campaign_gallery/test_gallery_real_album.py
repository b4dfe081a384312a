"""The real "No Hate Chain" album: valid, fully translated, and made by tools/draw_gallery.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PIL import Image

from campaign_gallery import imaging
from campaign_gallery.albums import check_album

PROJECT = Path(__file__).resolve().parents[2]
FOLDER = PROJECT / "content" / "gallery" / "no-hate-chain"
LANGS = ("en", "fr", "ar")


def album():
    names = sorted(path.name for path in FOLDER.iterdir())
    files = {name: (FOLDER / name).read_bytes() for name in names if name.endswith(".md")}
    return check_album("no-hate-chain", "content/gallery/no-hate-chain", names, files, LANGS)


def test_the_album_is_valid_and_fully_translated():
    source, problems = album()
    assert problems == []
    assert 6 <= len(source.photos) <= 8
    assert set(source.texts) == set(LANGS)
    for photo in source.photos:
        for lang in LANGS:
            text = photo.texts[lang]
            assert text.lang == lang and text.alt and text.caption and text.credit


def test_the_pictures_exercise_the_pipeline():
    source, _ = album()
    probes = {}
    for photo in source.photos:
        data = (FOLDER / photo.file).read_bytes()
        assert len(data) < 250_000, photo.file
        probes[photo.file] = imaging.probe(data, 50_000_000)
    sideways = FOLDER / "kind-message.jpg"
    with Image.open(sideways) as image:
        assert image.size == (1600, 1067)
        assert image.getexif()[0x0112] == 6  # shown upright only after orientation
        assert image.getexif().get_ifd(0x8825)  # a phone-like GPS position to strip
    assert (probes["kind-message.jpg"].width, probes["kind-message.jpg"].height) == (1067, 1600)
    assert probes["chain-sticker.png"].alpha
    landscape = [p for name, p in probes.items() if name.endswith(".jpg") and name != sideways.name]
    assert landscape and all((p.width, p.height) == (1600, 1067) for p in landscape)


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf").is_file(),
    reason="the DejaVu fonts are needed to draw the pictures",
)
def test_draw_gallery_makes_these_pictures(tmp_path):
    """The tool draws every picture of the album, in its format, size and orientation (the
    bytes themselves depend on the Pillow and FreeType versions, not on us)."""
    spec = importlib.util.spec_from_file_location("draw_gallery", PROJECT / "tools/draw_gallery.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["draw_gallery.py", str(tmp_path)]) == 0
    made = sorted(path.name for path in tmp_path.iterdir())
    assert made == sorted(path.name for path in FOLDER.iterdir() if path.suffix != ".md")
    for name in made:
        with Image.open(tmp_path / name) as drawn, Image.open(FOLDER / name) as shipped:
            assert (drawn.format, drawn.mode, drawn.size) == (
                shipped.format,
                shipped.mode,
                shipped.size,
            ), name
            assert drawn.getexif().get(0x0112) == shipped.getexif().get(0x0112), name
            assert bool(drawn.getexif().get_ifd(0x8825)) == bool(
                shipped.getexif().get_ifd(0x8825)
            ), name
