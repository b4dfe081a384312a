"""Every ``CAMPAIGN_IMAGE_*`` / ``CAMPAIGN_GALLERY_*`` setting with its default, read once.

A bad value stops the build at once with a sentence saying what to change (``SettingsError``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from campaign_site.safety import PICTURE_MAX_BYTES
from campaign_site.settings import SettingsError
from campaign_site.source import SLUG_RE

DEFAULTS: dict[str, Any] = {
    # widths (pixels) offered in srcset; a picture is never enlarged, and the largest width
    # also bounds the height (a portrait photo's largest version fits in 1600 x 1600)
    "CAMPAIGN_IMAGE_WIDTHS": (480, 800, 1200, 1600),
    # modern formats offered as <source>, best first; AVIF is skipped when Pillow cannot
    # encode it. The <img> fallback is always JPEG (PNG for pictures with transparency).
    "CAMPAIGN_IMAGE_FORMATS": ("avif", "webp"),
    # encoder quality per lossy format (1-100); PNG is lossless
    "CAMPAIGN_IMAGE_QUALITY": {"jpeg": 82, "webp": 80, "avif": 60},
    # AVIF encoder effort: 0 (slowest, smallest) to 10 (fastest). On 3000x2000 photos 10 is
    # about 5 times faster than 8 (about as fast as WebP) for files under 1 % larger and
    # 0.1 dB less PSNR; 6, libavif's default, is about 3.5 times slower again
    "CAMPAIGN_IMAGE_AVIF_SPEED": 10,
    # decompression-bomb guard: larger pictures are refused (a 48 MP phone photo passes)
    "CAMPAIGN_IMAGE_MAX_PIXELS": 50_000_000,
    # source files above this size are refused
    "CAMPAIGN_IMAGE_MAX_BYTES": PICTURE_MAX_BYTES,  # 30 MB, also BasicImages' limit
    # tqdm progress bar while encoding (only on a terminal, and only if it takes a moment)
    "CAMPAIGN_IMAGE_PROGRESS": True,
    # albums of the default language that have no translation are listed on the other
    # languages' gallery pages (marked with their language)
    "CAMPAIGN_GALLERY_LIST_UNTRANSLATED": True,
    # the albums' folder in content/ and the gallery's address (<folder>/); the core neither
    # reads it nor lets a page take its name
    "CAMPAIGN_GALLERY_FOLDER": "gallery",
}
MODERN_FORMATS = ("avif", "webp")
QUALITY_KEYS = ("jpeg", "webp", "avif")


@dataclass(frozen=True)
class GallerySettings:
    widths: tuple[int, ...]
    formats: tuple[str, ...]  # modern formats as configured (AVIF may be unavailable)
    quality: dict[str, int]
    avif_speed: int
    max_pixels: int
    max_bytes: int
    progress: bool
    list_untranslated: bool
    folder: str = "gallery"

    def __hash__(self) -> int:  # ``quality`` is a dict
        return hash((self.widths, self.formats, tuple(sorted(self.quality.items()))))


def _int(key: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"{key} must be a whole number from {low} to {high}, not {value!r}")
    return value


def _bool(key: str, value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{key} must be True or False, not {value!r}")


def read_gallery_settings(settings: dict) -> GallerySettings:
    """Decode Pelican's settings dict; raise ``SettingsError`` with the fix on a bad value."""
    unknown = sorted(
        key
        for key in settings
        if key.startswith(("CAMPAIGN_IMAGE_", "CAMPAIGN_GALLERY_")) and key not in DEFAULTS
    )
    if unknown:
        raise SettingsError(
            f"unknown setting {unknown[0]}; the image and gallery settings are: "
            + ", ".join(sorted(DEFAULTS))
        )
    get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731

    raw_widths = get("CAMPAIGN_IMAGE_WIDTHS")
    if isinstance(raw_widths, (str, bytes)) or not hasattr(raw_widths, "__iter__"):
        raise SettingsError("CAMPAIGN_IMAGE_WIDTHS must be a list of widths, e.g. (480, 800)")
    widths = tuple(sorted({_int("CAMPAIGN_IMAGE_WIDTHS", width, 16, 8192) for width in raw_widths}))
    if not widths:
        raise SettingsError("CAMPAIGN_IMAGE_WIDTHS must list at least one width")

    raw_formats = get("CAMPAIGN_IMAGE_FORMATS")
    if isinstance(raw_formats, str):
        raw_formats = (raw_formats,)
    formats = []
    for name in raw_formats:
        name = str(name).lower()
        if name not in MODERN_FORMATS:
            raise SettingsError(
                f"CAMPAIGN_IMAGE_FORMATS: unknown format {name!r}; use 'avif' and/or 'webp' "
                "(the JPEG/PNG fallback is always made)"
            )
        if name not in formats:
            formats.append(name)

    raw_quality = get("CAMPAIGN_IMAGE_QUALITY")
    if not isinstance(raw_quality, dict):
        raise SettingsError("CAMPAIGN_IMAGE_QUALITY must be a dict such as {'jpeg': 82}")
    quality: dict[str, int] = dict(DEFAULTS["CAMPAIGN_IMAGE_QUALITY"])
    for name, value in raw_quality.items():
        if name not in QUALITY_KEYS:
            raise SettingsError(
                f"CAMPAIGN_IMAGE_QUALITY: unknown format {name!r}; use {', '.join(QUALITY_KEYS)}"
            )
        quality[name] = _int(f"CAMPAIGN_IMAGE_QUALITY[{name!r}]", value, 1, 100)

    folder = get("CAMPAIGN_GALLERY_FOLDER")
    if not isinstance(folder, str) or not SLUG_RE.match(folder):
        raise SettingsError(
            f"CAMPAIGN_GALLERY_FOLDER must be a folder name of a-z, 0-9 and hyphens, not {folder!r}"
        )
    return GallerySettings(
        folder=folder,
        widths=widths,
        formats=tuple(formats),
        quality=quality,
        avif_speed=_int("CAMPAIGN_IMAGE_AVIF_SPEED", get("CAMPAIGN_IMAGE_AVIF_SPEED"), 0, 10),
        max_pixels=_int(
            "CAMPAIGN_IMAGE_MAX_PIXELS", get("CAMPAIGN_IMAGE_MAX_PIXELS"), 10_000, 1_000_000_000
        ),
        max_bytes=_int(
            "CAMPAIGN_IMAGE_MAX_BYTES", get("CAMPAIGN_IMAGE_MAX_BYTES"), 1024, 2 * 1024**3
        ),
        progress=_bool("CAMPAIGN_IMAGE_PROGRESS", get("CAMPAIGN_IMAGE_PROGRESS")),
        list_untranslated=_bool(
            "CAMPAIGN_GALLERY_LIST_UNTRANSLATED", get("CAMPAIGN_GALLERY_LIST_UNTRANSLATED")
        ),
    )
