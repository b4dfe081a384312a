"""Compose a meme: word-free artwork + layout + words in one language -> the picture.

Three share-ready formats are drawn from the same artwork and layout. The square post is
the artwork with the words in the layout's boxes. The taller formats are laid out again,
not cropped: the illustration (the artwork above the text box) keeps its size, the canvas
is extended with the background colour, and the text box gets half of the extra height,
so the slogan is fitted again (it may wrap differently or be drawn larger). The 9:16 story
keeps its words out of the bands that the apps cover with their own buttons.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageStat, UnidentifiedImageError

from .layout import ARTWORK_SIZE, Colour, Layout, contrast_ratio, hex_colour
from .text import (
    Fonts,
    Issue,
    MemeError,
    Writing,
    characters_to_cut,
    coverage_issue,
    draw_block,
    fit,
)

FOOTER_SIZES = (34, 22)
FOOTER_HEIGHT = 60
MARGIN = 70  # the footer's distance from the picture's sides
RULE = (200, 6, 44)  # width, height, distance above the footer's middle
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Format:
    """A share-ready picture size; ``safe_top``/``safe_bottom`` are bands kept free of
    words because apps draw their own buttons over them."""

    name: str
    width: int
    height: int
    safe_top: int = 0
    safe_bottom: int = 0


SQUARE = Format("square", 1080, 1080)
PORTRAIT = Format("portrait", 1080, 1350)  # 4:5 feed post
STORY = Format("story", 1080, 1920, safe_top=250, safe_bottom=250)  # 9:16 story
FORMATS = (SQUARE, PORTRAIT, STORY)


@dataclass(frozen=True)
class Words:
    """What a meme says in one language."""

    text: str  # the slogan
    footer: str  # the hashtags
    writing: Writing


@dataclass(frozen=True)
class Geometry:
    """Where things go in one format, in that format's pixels."""

    art_top: int  # where the illustration (artwork rows 0 .. text box top) is pasted
    text: tuple[int, int, int, int]
    footer: int  # the footer's middle


def geometry(layout: Layout, fmt: Format) -> Geometry:
    """The layout placed in a format: the square as written, taller ones re-laid out."""
    extra = fmt.height - fmt.safe_top - fmt.safe_bottom - ARTWORK_SIZE
    if extra < 0 or fmt.width != ARTWORK_SIZE:
        raise ValueError(f"format {fmt.name} is smaller than the artwork")
    x0, y0, x1, y1 = layout.text
    art_top = fmt.safe_top + extra // 4
    text_top = art_top + y0 + extra // 4
    text_bottom = text_top + (y1 - y0) + extra - 2 * (extra // 4)
    footer = fmt.height - fmt.safe_bottom - (ARTWORK_SIZE - layout.footer)
    return Geometry(art_top, (x0, text_top, x1, text_bottom), footer)


def load_artwork(artwork: bytes | Image.Image) -> Image.Image:
    """The artwork as a 1080x1080 RGB picture; ``MemeError`` if it cannot be one."""
    if isinstance(artwork, bytes | bytearray):
        try:
            with Image.open(io.BytesIO(artwork)) as img:
                img.load()
                artwork = img.copy()
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
            raise MemeError(
                [
                    Issue(
                        "Artwork",
                        f"the artwork is not a picture Pillow can read ({error})",
                        "save it again as PNG",
                    )
                ]
            ) from None
    if artwork.width != artwork.height:
        raise MemeError(
            [
                Issue(
                    "Artwork",
                    f"the artwork is {artwork.width}x{artwork.height}, not square",
                    "draw it 1080x1080 (or larger, square)",
                )
            ]
        )
    rgb = artwork.convert("RGB")
    if rgb.size != (ARTWORK_SIZE, ARTWORK_SIZE):
        rgb = rgb.resize((ARTWORK_SIZE, ARTWORK_SIZE), Image.Resampling.LANCZOS)
    return rgb


def check_meme(artwork: Image.Image, layout: Layout, words: Words, fonts: Fonts) -> list[Issue]:
    """Every reason the meme cannot be drawn in some format, without drawing it."""
    issues = []
    text_font = fonts.for_text(words.text)
    for field, text, path in (
        ("Text", words.text, text_font),
        ("Footer", words.footer, fonts.for_text(words.footer)),
    ):
        issue = coverage_issue(field, text, path)
        if issue:
            issues.append(issue)
    if not words.text.strip():
        issues.append(Issue("Text", "the meme has no slogan", "write it in 'Text:'"))
    if issues:
        return issues
    behind = _colour_behind(artwork, layout)
    if contrast_ratio(layout.ink, behind) < MIN_CONTRAST:
        issues.append(
            Issue(
                "Layout",
                f"the ink {hex_colour(layout.ink)} on the artwork's {hex_colour(behind)} behind "
                f"the text has a contrast of {contrast_ratio(layout.ink, behind):.1f}:1, too low "
                "to read",
                f"choose an ink with a contrast of at least {MIN_CONTRAST}:1",
            )
        )
    for fmt in FORMATS:
        box = _box_size(geometry(layout, fmt).text)
        if fit(words.text, text_font, box, layout.size, layout.lines, words.writing) is None:
            cut = characters_to_cut(
                words.text, text_font, box, layout.size[1], layout.lines, words.writing
            )
            issues.append(
                Issue(
                    "Text",
                    f"the slogan does not fit its box even at the smallest size "
                    f"({layout.size[1]} px, {layout.lines} lines)",
                    f"shorten it by about {cut} character{'s' * (cut != 1)} "
                    f"(it has {len(words.text.strip())})",
                )
            )
            break  # the square is the tightest format: once is enough
    if words.footer.strip() and _fit_footer(words, fonts) is None:
        width = ARTWORK_SIZE - 2 * MARGIN
        cut = characters_to_cut(
            words.footer,
            fonts.for_text(words.footer),
            (width, FOOTER_HEIGHT),
            FOOTER_SIZES[1],
            1,
            words.writing,
        )
        issues.append(
            Issue(
                "Footer",
                "the footer does not fit on one line even at the smallest size",
                f"shorten it by about {cut} character{'s' * (cut != 1)}",
            )
        )
    return issues


def _box_size(box: tuple[int, int, int, int]) -> tuple[int, int]:
    return box[2] - box[0], box[3] - box[1]


def _colour_behind(artwork: Image.Image, layout: Layout) -> Colour:
    """The artwork's median colour inside the text box."""
    median = ImageStat.Stat(artwork.crop(layout.text)).median
    return (median[0], median[1], median[2])


def _fit_footer(words: Words, fonts: Fonts):
    width = ARTWORK_SIZE - 2 * MARGIN
    return fit(
        words.footer,
        fonts.for_text(words.footer),
        (width, FOOTER_HEIGHT),
        FOOTER_SIZES,
        1,
        words.writing,
    )


def compose_meme(
    artwork: bytes | Image.Image,
    layout: Layout,
    words: Words,
    fonts: Fonts,
    fmt: Format = SQUARE,
) -> Image.Image:
    """The meme in one format (an RGB picture); ``MemeError`` lists every problem."""
    art = load_artwork(artwork)
    issues = check_meme(art, layout, words, fonts)
    if issues:
        raise MemeError(issues)
    return _draw(art, layout, words, fonts, fmt)


def compose_formats(
    artwork: bytes | Image.Image, layout: Layout, words: Words, fonts: Fonts
) -> dict[str, Image.Image]:
    """The meme in every format, by format name; checked once."""
    art = load_artwork(artwork)
    issues = check_meme(art, layout, words, fonts)
    if issues:
        raise MemeError(issues)
    return {fmt.name: _draw(art, layout, words, fonts, fmt) for fmt in FORMATS}


def _draw(art: Image.Image, layout: Layout, words: Words, fonts: Fonts, fmt: Format):
    geo = geometry(layout, fmt)
    if fmt == SQUARE:
        canvas = art.copy()
    else:
        background = layout.background or art.getpixel((0, 0))
        canvas = Image.new("RGB", (fmt.width, fmt.height), background)
        canvas.paste(art.crop((0, 0, ARTWORK_SIZE, layout.text[1])), (0, geo.art_top))
    draw = ImageDraw.Draw(canvas)
    path = fonts.for_text(words.text)
    block = fit(words.text, path, _box_size(geo.text), layout.size, layout.lines, words.writing)
    assert block is not None  # check_meme made sure
    draw_block(draw, block, geo.text, layout.align, layout.ink, words.writing)
    if words.footer.strip():
        footer = _fit_footer(words, fonts)
        assert footer is not None
        width, height, above = RULE
        cx = fmt.width / 2
        draw.rounded_rectangle(
            (cx - width / 2, geo.footer - above, cx + width / 2, geo.footer - above + height),
            radius=height // 2,
            fill=layout.ink,
        )
        box = (
            MARGIN,
            geo.footer - FOOTER_HEIGHT / 2,
            fmt.width - MARGIN,
            geo.footer + FOOTER_HEIGHT / 2,
        )
        draw_block(draw, footer, box, "center", layout.ink, words.writing)
    return canvas


def meme_key(artwork: bytes, layout: Layout, words: Words, fonts_digest: str, fmt: Format) -> str:
    """The cache key of one composed picture: a hash of everything that changes its pixels
    (the artwork's bytes, the layout, this language's words, the font files, the format),
    so that editing the French slogan redraws only the French pictures."""
    sha = hashlib.sha256(artwork)
    for part in (
        layout.key(),
        words.text,
        words.footer,
        words.writing.language,
        words.writing.direction,
        fonts_digest,
        f"{fmt.name} {fmt.width}x{fmt.height} {fmt.safe_top} {fmt.safe_bottom}",
    ):
        sha.update(b"\0" + part.encode("utf-8"))
    return sha.hexdigest()
