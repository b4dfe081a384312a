"""The Pillow core of the image pipeline: open safely, orient, normalise, resize, encode.

Pure and site-agnostic: functions take source bytes and plain specs and return values or
bytes; nothing here knows about Pelican, the campaign or file paths. Every derivative is
re-encoded from a brand-new image built from raw pixels, so no metadata of the source
(EXIF, GPS, XMP, IPTC, ICC profiles, comments, PNG text chunks) can reach an output file.

``render`` is what the process pool runs: source bytes + specs -> derivative bytes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

# Bump when a change here alters the bytes of any derivative: every cache key includes it.
PIPELINE_VERSION = "6"

#: Pillow format names accepted as sources (MPO: JPEGs from phones with a second picture).
SOURCE_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
#: encoder format -> (file extension, MIME type)
FORMATS = {
    "avif": ("avif", "image/avif"),
    "webp": ("webp", "image/webp"),
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
}
CARD_SIZE = (1200, 630)
CARD_BACKGROUND = (255, 255, 255)
SIXTEEN_BIT_MODES = {"I", "I;16", "I;16L", "I;16B", "I;16N"}

_SRGB = None


def avif_supported() -> bool:
    """True when this Pillow can encode AVIF."""
    try:
        return bool(features.check("avif"))
    except Exception:  # an odd Pillow build: treat as unsupported
        return False


def configure(max_pixels: int) -> None:
    """Pillow's own decompression-bomb guard, as a second line behind ``open_checked``.

    Pillow warns above ``MAX_IMAGE_PIXELS`` and refuses above twice as much; ``open_checked``
    turns the warning into an error too.
    """
    Image.MAX_IMAGE_PIXELS = max_pixels


class BadImage(Exception):
    """The source cannot be used. ``reason`` is a short sentence without the file's path;
    ``kind`` ("empty", "not-picture", "format", "damaged" or "large") lets the caller say
    how to fix it (``service.FIXES``)."""

    def __init__(self, reason: str, kind: str = "damaged"):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


@dataclass(frozen=True)
class Probe:
    """What the pipeline needs to know about a readable source picture."""

    format: str  # "JPEG", "PNG", "WebP" or "GIF"
    width: int  # displayed size, after EXIF orientation
    height: int
    alpha: bool  # the picture really uses transparency (fallback is PNG, not JPEG)
    frames: int = 1  # >1: animated, only the first frame is used


@dataclass(frozen=True)
class Spec:
    """One derivative: a ``width`` x ``height`` picture (``card``: cover-cropped) in ``fmt``."""

    fmt: str  # "avif", "webp", "jpeg" or "png"
    width: int
    height: int
    quality: int = 0  # lossy formats only
    card: bool = False
    speed: int = 10  # AVIF encoder effort (0 slowest/best .. 10 fastest)
    method: int = 2  # WebP encoder effort (0 fastest .. 6 slowest/best)

    def token(self) -> str:
        """A stable text for cache keys."""
        kind = "card" if self.card else "fit"
        effort = {"avif": f":s{self.speed}", "webp": f":m{self.method}"}.get(self.fmt, "")
        return f"{kind}:{self.width}x{self.height}:{self.fmt}:q{self.quality}{effort}"


def open_checked(data: bytes, max_pixels: int, draft=None) -> Image.Image:
    """Decode the first frame of ``data`` fully, or raise ``BadImage`` with the reason.

    ``draft(image)`` may return a size in stored (not displayed) orientation: a JPEG is then
    decoded by its DCT scaling at 1/2, 1/4 or 1/8 of its size, never below that size in
    either dimension. The size before that is kept in ``image.info["stored_size"]``.
    """
    if not data:
        raise BadImage("the file is empty", "empty")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadImage(_too_large_reason(data, max_pixels), "large") from None
        except UnidentifiedImageError:
            raise BadImage(
                "the file is not a picture (or another kind of file renamed with a picture "
                "extension)",
                "not-picture",
            ) from None
        except Exception as error:
            raise BadImage(f"the file cannot be read ({describe(error)})") from None
        kind = SOURCE_FORMATS.get(image.format or "")
        if kind is None:
            image.close()
            raise BadImage(
                f"the file is a {image.format} picture, which the site does not use", "format"
            )
        width, height = image.size
        if width < 1 or height < 1:
            raise BadImage("the picture has no pixels")
        if width * height > max_pixels:
            raise BadImage(_too_large_reason(data, max_pixels, (width, height)), "large")
        try:
            image.seek(0)
            image.info["stored_size"] = image.size
            if draft is not None and image.format in ("JPEG", "MPO"):
                wanted = draft(image)
                if wanted is not None:
                    image.draft(None, wanted)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadImage(_too_large_reason(data, max_pixels, (width, height)), "large") from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError) as error:
            text = str(error).lower()
            if "truncated" in text or isinstance(error, EOFError):
                raise BadImage("the file is incomplete (truncated)") from None
            raise BadImage(f"the file is damaged ({describe(error)})") from None
        except MemoryError:
            raise BadImage("the picture is too large to decode", "large") from None
    return image


def _too_large_reason(data: bytes, max_pixels: int, size: tuple[int, int] | None = None) -> str:
    if size is None:  # Pillow refused in open(): read the header alone, guard off briefly
        guard = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            with Image.open(io.BytesIO(data)) as header:
                size = header.size
        except Exception:
            size = None
        finally:
            Image.MAX_IMAGE_PIXELS = guard
    limit = f"{max_pixels / 1e6:g} megapixels"
    if size:
        return (
            f"the picture is too large ({size[0]} x {size[1]} pixels, "
            f"{size[0] * size[1] / 1e6:.0f} megapixels; the limit is {limit})"
        )
    return f"the picture is too large (the limit is {limit})"


def describe(error: BaseException) -> str:
    """An error as a short text for an editor: its class and the first line of its message."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    name = error.__class__.__name__
    return f"{name}: {message[:80]}" if message else name


def normalise(image: Image.Image) -> Image.Image:
    """Orient, convert to sRGB and to ``RGB``, ``RGBA`` or ``L``; metadata is left behind.

    Handles CMYK, 16-bit, palette (with transparency), LA/PA/RGBA, 1-bit and ICC profiles.
    The alpha channel is kept only when some pixel is actually transparent.
    """
    frames = getattr(image, "n_frames", 1)
    if frames > 1:
        image.seek(0)
    try:
        oriented = ImageOps.exif_transpose(image)
    except Exception:  # a broken EXIF block: keep the pixels as stored
        oriented = image
    if oriented is None:  # pragma: no cover - only with in_place=True
        oriented = image
    icc = image.info.get("icc_profile")
    mode = oriented.mode
    if mode in SIXTEEN_BIT_MODES:
        oriented = oriented.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    elif mode == "F":
        oriented = oriented.convert("L")
    alpha = oriented.has_transparency_data
    if icc and oriented.mode in ("RGB", "RGBA", "CMYK"):
        oriented = _to_srgb(oriented, icc)
    if alpha:
        oriented = oriented.convert("RGBA")
        low, _high = oriented.getchannel("A").getextrema()
        if low == 255:  # an alpha channel that hides nothing
            oriented = oriented.convert("RGB")
    elif oriented.mode not in ("RGB", "L"):
        oriented = oriented.convert("RGB")
    return _bare(oriented)


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    global _SRGB
    try:
        if _SRGB is None:
            _SRGB = ImageCms.createProfile("sRGB")
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image, source, _SRGB, outputMode=out_mode, renderingIntent=ImageCms.Intent.PERCEPTUAL
        )
        return converted if converted is not None else image
    except Exception:  # an unusable profile: fall back to the plain conversion
        return image.convert("RGBA" if image.mode == "RGBA" else "RGB")


def _bare(image: Image.Image) -> Image.Image:
    """The same pixels in a new image without ``info``, EXIF, XMP or palette metadata."""
    if image.mode in ("RGB", "RGBA", "L"):  # no palette: share the pixels, drop the rest
        image.load()
        bare = Image.new(image.mode, (0, 0))
        bare.im = image.im
        bare._size = image.size
        return bare
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _is_bare(image: Image.Image) -> bool:
    """A plain ``Image`` (not a file) without ``info``, as ``normalise`` and resizing make."""
    return type(image) is Image.Image and not image.info and image.mode in ("RGB", "RGBA", "L")


def probe(data: bytes, max_pixels: int) -> Probe:
    """Decode and normalise ``data`` once to learn its displayed size and transparency.

    Raises ``BadImage`` for anything unusable. A JPEG is decoded at 1/8 of its size (all of
    its compressed data is still read, so a damaged file is still found): it has no alpha,
    and its displayed size is its stored size, turned when the EXIF orientation turns it.
    """
    image = open_checked(data, max_pixels, draft=lambda _image: (1, 1))
    try:
        kind = SOURCE_FORMATS[image.format or ""]
        frames = getattr(image, "n_frames", 1)
        stored = image.size
        full = image.info.get("stored_size", stored)
        try:
            normal = normalise(image)
        except MemoryError:
            raise BadImage("the picture is too large to decode", "large") from None
        except Exception as error:
            raise BadImage(f"the picture cannot be converted ({describe(error)})") from None
        width, height = full if normal.size == stored else (full[1], full[0])
        return Probe(kind, width, height, normal.mode == "RGBA", frames)
    finally:
        image.close()


def widths_for(size: tuple[int, int], widths: tuple[int, ...]) -> list[int]:
    """Widths to publish for a picture of ``size``: the configured ones below the largest,
    plus the largest. The largest fits in a square of the largest configured width (a
    1600 x 1600 box by default, as photo sites size by the long side: a portrait photo is
    shown height-limited, so a wider one would only cost bytes) and never upscales."""
    width, height = size
    top = max(1, min(width, max(widths), max(widths) * width // height))
    return sorted({w for w in widths if w < top} | {top})


def height_for(width: int, source: tuple[int, int]) -> int:
    return max(1, round(width * source[1] / source[0]))


def render(data: bytes, specs: tuple[Spec, ...], max_pixels: int) -> list[bytes]:
    """Encode each spec from the source bytes. Raises ``BadImage``.

    The source is decoded once (a large JPEG by DCT scaling, never below the largest size
    asked for), oriented and normalised once; each width is resized from the next larger
    one (a bicubic step of at most about 2x), the card from the smallest picture that still
    covers it, and a spec asked for twice is encoded once.
    """
    image = open_checked(data, max_pixels, draft=_draft_for(specs))
    try:
        normal = normalise(image)
    finally:
        image.close()
    fits = _fits(normal, {(s.width, s.height) for s in specs if not s.card})
    encoded: dict[Spec, bytes] = {}
    results = []
    for spec in specs:
        if spec not in encoded:
            if spec.card:
                cover = _cover(fits, (spec.width, spec.height))
                picture = _card(cover, (spec.width, spec.height))
            else:
                picture = fits[(spec.width, spec.height)]
            encoded[spec] = encode(picture, spec)
        results.append(encoded[spec])
    return results


def _draft_for(specs: tuple[Spec, ...]):
    """``open_checked``'s ``draft``: the least stored size every spec can be made from."""

    def size(image: Image.Image) -> tuple[int, int] | None:
        try:
            turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        except Exception:  # a broken EXIF block: normalise keeps the pixels as stored
            turned = False
        if not specs:
            return None
        shown = (image.height, image.width) if turned else image.size
        scale = max(max(s.width / shown[0], s.height / shown[1]) for s in specs)
        if scale > 0.5:
            return None  # DCT scaling cannot help
        need = (int(shown[0] * scale) + 1, int(shown[1] * scale) + 1)
        return (need[1], need[0]) if turned else need

    return size


def _fits(image: Image.Image, sizes: set[tuple[int, int]]) -> dict[tuple[int, int], Image.Image]:
    """Every size resized from the next larger one, largest first (the source itself for its
    own size).

    Bicubic, as Pillow's own ``thumbnail``: each step shrinks by at most about 2x, where it
    differs from Lanczos by less than the encoders do (about 42 dB PSNR on 3000x2000 photos)
    for 60 % of the resizing time.
    """
    found: dict[tuple[int, int], Image.Image] = {image.size: image}
    current = image
    for size in sorted(sizes, key=lambda item: -item[0] * item[1]):
        if size not in found:
            found[size] = current.resize(size, Image.Resampling.BICUBIC, reducing_gap=3.0)
        current = found[size]
    return found


def _cover(fits: dict[tuple[int, int], Image.Image], size: tuple[int, int]) -> Image.Image:
    """The smallest of ``fits`` that covers ``size`` (or the largest when none does)."""
    covering = [
        picture
        for picture in fits.values()
        if picture.width >= size[0] and picture.height >= size[1]
    ]
    if covering:
        return min(covering, key=lambda picture: picture.width * picture.height)
    return max(fits.values(), key=lambda picture: picture.width * picture.height)


def _card(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Cover-crop to ``size`` and flatten transparency onto white (Open Graph is JPEG)."""
    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, CARD_BACKGROUND)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    return ImageOps.fit(image, size, method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def encode(image: Image.Image, spec: Spec) -> bytes:
    """Encode ``image`` as ``spec.fmt`` with nothing but pixels."""
    picture = image if _is_bare(image) else _bare(image)
    if spec.fmt == "jpeg" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    buffer = io.BytesIO()
    if spec.fmt == "jpeg":
        # the fallback for browsers without WebP: optimised Huffman tables (about 3 % smaller,
        # cheap); progressive would save about 5 % more for 3 times the encoding time
        picture.save(buffer, "JPEG", quality=spec.quality, optimize=True, exif=b"")
    elif spec.fmt == "png":
        picture.save(buffer, "PNG", optimize=True)
    elif spec.fmt == "webp":
        if picture.mode == "L":
            picture = picture.convert("RGB")
        picture.save(buffer, "WEBP", quality=spec.quality, method=spec.method, exif=b"", xmp=b"")
    elif spec.fmt == "avif":
        picture.save(
            buffer,
            "AVIF",
            quality=spec.quality,
            speed=spec.speed,
            max_threads=1,
            exif=b"",
            xmp=b"",
            icc_profile=b"",
        )
    else:
        raise ValueError(f"unknown output format {spec.fmt!r}")
    return buffer.getvalue()
