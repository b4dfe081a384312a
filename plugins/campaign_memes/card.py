"""The 1200x630 social card of a page: the campaign's brand, the section and the title,
in the page's language and script, drawn with the same text engine as the memes.

The card is mirrored for right-to-left languages: the brand and the words start at the
right. A title too long for three lines at the smallest size loses its last words to an
ellipsis (a card never stops a build); a title in a script the fonts lack is an issue.

A site has thousands of cards, so drawing one is kept short (about 2.5 ms of CPU with its
JPEG): the background with the brand (mark, site name, accent band) and the section is
drawn and encoded once per process; the title is fitted by ``text.fit_measured`` and drawn
by ``text.draw_measured``, which measure and rasterise each word once and then reuse it;
``card_jpeg`` encodes only the rows of blocks the title is on and puts the background's
rows around them; nothing is supersampled but the mark, drawn once. A meme's card is its
square picture on the brand background (``compose_meme_card``), so its slogan is never cut.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from .layout import Colour, hex_colour
from .text import (
    Fonts,
    Issue,
    MemeError,
    Writing,
    coverage_issue,
    draw_block,
    draw_measured,
    fit,
    fit_measured,
    truncate_to_fit,
)

CARD_SIZE = (1200, 630)
PAD = 80
MARK = 76  # the brand mark's side
MARK_SUPERSAMPLE = 4  # the mark only, drawn once per process
MCU = 16  # the height of a row of JPEG blocks (colour at half resolution: 4:2:0)
BAND = 18  # the accent band at the bottom
TITLE_SIZES = (84, 44)
TITLE_LINES = 3
JPEG_QUALITY = 82
_RESTART = re.compile(b"\xff[\xd0-\xd7]")


@dataclass(frozen=True)
class Brand:
    """The campaign's colours: those of theme/static/img/logo.svg (the purple square and
    the yellow heart), which theme/static/css/site.css calls --brand and --sun."""

    background: Colour = (0x5B, 0x2A, 0x86)
    ink: Colour = (0xFF, 0xFF, 0xFF)
    accent: Colour = (0xFF, 0xD1, 0x66)

    def key(self) -> str:
        return " ".join(hex_colour(colour) for colour in (self.background, self.ink, self.accent))


BRAND = Brand()


@dataclass(frozen=True)
class CardWords:
    """What a page's card says, in the page's language."""

    title: str
    site_name: str
    writing: Writing
    section: str = ""  # "Stories", "Memes"...; empty on the home page

    def alt(self) -> str:
        """The card's words as one line, for ``og:image:alt``: title, section, site."""
        return " — ".join(
            part.strip() for part in (self.title, self.section, self.site_name) if part.strip()
        )


def check_card(words: CardWords, fonts: Fonts) -> list[Issue]:
    """Issues with the card's words: only characters the fonts lack."""
    issues = []
    for field, text in (
        ("Title", words.title),
        ("Section", words.section),
        ("Site name", words.site_name),
    ):
        issue = coverage_issue(field, text, fonts.for_text(text))
        if issue:
            issues.append(issue)
    return issues


def card_key(words: CardWords, fonts_digest: str, brand: Brand = BRAND) -> str:
    """The cache key of a card: a hash of its words, their writing, the brand and the
    fonts (the build adds the drawing code's digest, as for memes)."""
    sha = hashlib.sha256(b"card")
    for part in (
        words.title,
        words.section,
        words.site_name,
        words.writing.language,
        words.writing.direction,
        brand.key(),
        fonts_digest,
    ):
        sha.update(b"\0" + part.encode("utf-8"))
    return sha.hexdigest()


def compose_card(words: CardWords, fonts: Fonts, brand: Brand = BRAND) -> Image.Image:
    """The card as a 1200x630 RGB picture; ``MemeError`` if a script is missing."""
    base, strip, first = _title_strip(words, fonts, brand)
    card = base.image.copy()
    card.paste(strip, (0, first * MCU))
    return card


def card_jpeg(words: CardWords, fonts: Fonts, brand: Brand = BRAND) -> bytes:
    """The card as ``encode_card`` writes it, byte for byte, but only the rows of blocks
    with the title are encoded: the others are the background's, encoded once per
    process. A JPEG that restarts at every row of 16x16 blocks codes each row on its own
    (the DC predictions start again), so rows of two encodings with the same tables can be
    put together; ``MemeError`` if a script is missing."""
    base, strip, first = _title_strip(words, fonts, brand)
    _head, rows = _rows(encode_card(strip))
    return _join(base.head, [*base.rows[:first], *rows, *base.rows[first + len(rows) :]])


def _title_strip(words: CardWords, fonts: Fonts, brand: Brand) -> tuple[_Base, Image.Image, int]:
    """The rows of blocks the title is drawn on (the background's, with the title), and
    the first row's number."""
    issues = check_card(words, fonts)
    if issues:
        raise MemeError(issues)
    rtl = words.writing.direction == "rtl"
    base = _background(words.site_name, words.section, words.writing, fonts, brand)
    x0, x1 = _span(PAD, CARD_SIZE[0] - PAD, rtl)
    top, bottom = base.top, CARD_SIZE[1] - BAND - 50
    block = fit_measured(
        words.title,
        fonts.for_text(words.title),
        (x1 - x0, bottom - top),
        TITLE_SIZES,
        TITLE_LINES,
        words.writing,
    )
    # the rows of blocks the ink reaches (a row more where antialiasing might spill over)
    first = max(0, (top - 2) // MCU)
    last = min(len(base.rows), -(-(top + block.height + 2) // MCU))
    strip = base.image.crop((0, first * MCU, CARD_SIZE[0], last * MCU))
    # titles sit at the top of their box, under the section, not in its middle
    path = fonts.for_text(words.title)
    draw_measured(
        strip, block, (x0, x1), top - first * MCU, brand.ink, words.writing, path, brand.background
    )
    return base, strip, first


def compose_meme_card(square: Image.Image, writing: Writing, brand: Brand = BRAND) -> Image.Image:
    """A meme's card: its square picture whole, centred on the brand background, with the
    mark at the start of the reading direction (never a crop that cuts the slogan)."""
    card = _meme_background(writing.direction == "rtl", brand).copy()
    side = CARD_SIZE[1] - BAND - 2 * 24
    picture = square.convert("RGB")
    if picture.size != (side, side):
        picture = picture.resize((side, side), Image.Resampling.LANCZOS)
    card.paste(picture, ((CARD_SIZE[0] - side) // 2, 24))
    return card


def encode_card(card: Image.Image) -> bytes:
    """The card as a baseline JPEG without metadata (no EXIF, ICC or comment: the picture
    is new, drawn from words), with a restart marker after every row of blocks (80 bytes in
    all; ``card_jpeg`` needs them). Huffman optimisation would save about 8 % for three
    times the encoding time, which thousands of cards would feel (and would give each
    picture tables of its own)."""
    buffer = io.BytesIO()
    card.save(buffer, "JPEG", quality=JPEG_QUALITY, restart_marker_rows=1)
    return buffer.getvalue()


def _rows(jpeg: bytes) -> tuple[bytes, list[bytes]]:
    """A JPEG of ``encode_card`` as its headers (up to the scan's data) and the coded data
    of each row of blocks (between restart markers; coded data never holds 0xFF followed by
    0xD0-0xD7, the encoder stuffs a 0x00 after every 0xFF)."""
    start = 2  # after the start of image: marker segments up to the start of scan
    while jpeg[start + 1] != 0xDA:
        start += 2 + int.from_bytes(jpeg[start + 2 : start + 4], "big")
    start += 2 + int.from_bytes(jpeg[start + 2 : start + 4], "big")
    end = jpeg.rindex(b"\xff\xd9")
    return jpeg[:start], _RESTART.split(jpeg[start:end])


def _join(head: bytes, rows: list[bytes]) -> bytes:
    """Headers and rows of blocks as one JPEG, the restart markers numbered again."""
    parts = [head]
    for number, row in enumerate(rows):
        if number:
            parts.append(bytes((0xFF, 0xD0 + (number - 1) % 8)))
        parts.append(row)
    parts.append(b"\xff\xd9")
    return b"".join(parts)


def _span(x0: float, x1: float, rtl: bool) -> tuple[float, float]:
    """A horizontal span given for left-to-right, mirrored for right-to-left."""
    width = CARD_SIZE[0]
    return (width - x1, width - x0) if rtl else (x0, x1)


@dataclass(frozen=True)
class _Base:
    """What cards of one site name, section and writing share."""

    image: Image.Image  # the brand background, the mark, the site's name, the section
    top: int  # where the title's box starts
    head: bytes  # the image encoded: its headers
    rows: list[bytes]  # and each row of blocks


@lru_cache(maxsize=64)
def _background(
    site_name: str, section: str, writing: Writing, fonts: Fonts, brand: Brand
) -> _Base:
    """The background of cards of one site name, section and writing, drawn and encoded
    once per process: the brand colour, the mark, the site's name, the section and the
    accent band."""
    rtl = writing.direction == "rtl"
    width = CARD_SIZE[0]
    card = _plain(brand).copy()
    draw = ImageDraw.Draw(card)
    mark_x, _end = _span(PAD, PAD + MARK, rtl)
    card.paste(brand_mark(MARK, brand), (int(mark_x), PAD - 16))
    name_x0, name_x1 = _span(PAD + MARK + 24, width - PAD, rtl)
    _draw_line(
        draw,
        site_name,
        fonts,
        (name_x0, PAD - 16, name_x1, PAD - 16 + MARK),
        (40, 24),
        brand.ink,
        writing,
    )
    top = PAD + MARK + 40
    if section.strip():
        x0, x1 = _span(PAD, width - PAD, rtl)
        _draw_line(
            draw,
            section if rtl else section.upper(),
            fonts,
            (x0, top, x1, top + 50),
            (32, 22),
            brand.accent,
            writing,
        )
        top += 66
    head, rows = _rows(encode_card(card))
    return _Base(card, top, head, rows)


@lru_cache(maxsize=4)
def _plain(brand: Brand) -> Image.Image:
    """The brand background with its accent band."""
    width, height = CARD_SIZE
    card = Image.new("RGB", CARD_SIZE, brand.background)
    ImageDraw.Draw(card).rectangle((0, height - BAND, width, height), fill=brand.accent)
    return card


@lru_cache(maxsize=4)
def _meme_background(rtl: bool, brand: Brand) -> Image.Image:
    card = _plain(brand).copy()
    mark_x, _end = _span(PAD, PAD + MARK, rtl)
    card.paste(brand_mark(MARK, brand), (int(mark_x), PAD - 16))
    return card


def _draw_line(draw, text, fonts, box, sizes, fill, writing) -> None:
    """One line, shrunk to fit, at the start of ``box``."""
    if not text.strip():
        return
    path = fonts.for_text(text)
    size = (box[2] - box[0], box[3] - box[1])
    block = fit(text, path, size, sizes, 1, writing) or truncate_to_fit(
        text, path, size, sizes, 1, writing
    )
    draw_block(draw, block, box, "start", fill, writing)


# The logo (theme/static/img/logo.svg) in its 64x64 grid: the heart's outline (two arcs
# between two curves) and the check mark's stroke.
_HEART_ARCS = (((13, 27), (32, 24.8)), ((32, 24.8), (51, 27)))
_HEART_RADIUS = 9.6
_CHECK = ((22, 30.5), (29, 37), (42, 23))
_CHECK_WIDTH = 5


@lru_cache(maxsize=8)
def brand_mark(side: int, brand: Brand = BRAND) -> Image.Image:
    """The campaign's logo as a mark for the brand background: its rounded square in the
    accent colour, the heart in the background colour and the check in the accent colour
    (the logo's colours swapped, so that it stands out on the logo's own purple)."""
    big = side * MARK_SUPERSAMPLE
    s = big / 64
    img = Image.new("RGB", (big, big), brand.background)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(16 * s), fill=brand.accent)
    heart = _cubic((32, 52), (32, 52), (13, 40.4), (13, 27))
    for start, end in _HEART_ARCS:
        heart += _arc(start, end, _HEART_RADIUS)
    heart += _cubic((51, 27), (51, 40.4), (32, 52), (32, 52))
    draw.polygon([(x * s, y * s) for x, y in heart], fill=brand.background)
    points = [(x * s, y * s) for x, y in _CHECK]
    draw.line(points, fill=brand.accent, width=round(_CHECK_WIDTH * s), joint="curve")
    radius = _CHECK_WIDTH * s / 2
    for x, y in (points[0], points[-1]):  # round caps
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=brand.accent)
    return img.resize((side, side), Image.Resampling.LANCZOS)


def _cubic(p0, p1, p2, p3, steps: int = 24) -> list[tuple[float, float]]:
    found = []
    for step in range(steps + 1):
        t = step / steps
        u = 1 - t
        found.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return found


def _arc(start, end, radius: float, steps: int = 32) -> list[tuple[float, float]]:
    """An SVG arc (small, clockwise on screen: large-arc 0, sweep 1) from start to end."""
    (x1, y1), (x2, y2) = start, end
    hx, hy = (x1 - x2) / 2, (y1 - y2) / 2
    radius = max(radius, math.hypot(hx, hy))
    coef = math.sqrt(max(0.0, radius**2 - hx**2 - hy**2) / (hx**2 + hy**2))
    cx, cy = coef * hy + (x1 + x2) / 2, -coef * hx + (y1 + y2) / 2
    first = math.atan2(y1 - cy, x1 - cx)
    last = math.atan2(y2 - cy, x2 - cx)
    if last < first:
        last += 2 * math.pi
    return [
        (
            cx + radius * math.cos(first + (last - first) * step / steps),
            cy + radius * math.sin(first + (last - first) * step / steps),
        )
        for step in range(steps + 1)
    ]
