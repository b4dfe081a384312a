"""The 1200x630 social card of a page: the campaign's brand, the section and the title,
in the page's language and script, drawn with the same text engine as the memes.

The card is mirrored for right-to-left languages: the brand and the words start at the
right. A title too long for three lines at the smallest size loses its last words to an
ellipsis (a card never stops a build); a title in a script the fonts lack is an issue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from .layout import Colour
from .text import (
    Fonts,
    MemeError,
    Writing,
    coverage_issue,
    draw_block,
    fit,
    truncate_to_fit,
)

CARD_SIZE = (1200, 630)
PAD = 80
MARK = 76  # the brand mark's side
SUPERSAMPLE = 4


@dataclass(frozen=True)
class Brand:
    """The campaign's colours (those of the favicon and the theme's accent)."""

    background: Colour = (0x5B, 0x2A, 0x86)
    ink: Colour = (0xFF, 0xFF, 0xFF)
    accent: Colour = (0xFF, 0xD1, 0x66)


BRAND = Brand()


@dataclass(frozen=True)
class CardWords:
    """What a page's card says, in the page's language."""

    title: str
    site_name: str
    writing: Writing
    section: str = ""  # "Stories", "Memes"...; empty on the home page


def check_card(words: CardWords, fonts: Fonts) -> list:
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


def compose_card(words: CardWords, fonts: Fonts, brand: Brand = BRAND) -> Image.Image:
    """The card as a 1200x630 RGB picture; ``MemeError`` if a script is missing."""
    issues = check_card(words, fonts)
    if issues:
        raise MemeError(issues)
    width, height = CARD_SIZE
    card = Image.new("RGB", CARD_SIZE, brand.background)
    draw = ImageDraw.Draw(card)
    rtl = words.writing.direction == "rtl"

    def span(x0: float, x1: float) -> tuple[float, float]:
        """A horizontal span given for left-to-right, mirrored for right-to-left."""
        return (width - x1, width - x0) if rtl else (x0, x1)

    # Brand: the mark, then the site's name beside it.
    mx0, _mx1 = span(PAD, PAD + MARK)
    card.paste(brand_mark(MARK, brand), (int(mx0), PAD - 16))
    name_x0, name_x1 = span(PAD + MARK + 24, width - PAD)
    _draw_line(
        draw,
        words.site_name,
        fonts,
        (name_x0, PAD - 16, name_x1, PAD - 16 + MARK),
        (40, 24),
        brand.ink,
        words.writing,
    )
    top = PAD + MARK + 40
    if words.section.strip():
        x0, x1 = span(PAD, width - PAD)
        _draw_line(
            draw,
            words.section.upper() if not rtl else words.section,
            fonts,
            (x0, top, x1, top + 50),
            (32, 22),
            brand.accent,
            words.writing,
        )
        top += 66
    # The title fills what is left, above the accent band.
    band = 18
    x0, x1 = span(PAD, width - PAD)
    box = (x0, top, x1, height - band - 50)
    path = fonts.for_text(words.title)
    block = truncate_to_fit(
        words.title, path, (box[2] - box[0], box[3] - box[1]), (84, 44), 3, words.writing
    )
    # Titles sit at the top of their box, under the section, not in its middle.
    draw_block(
        draw,
        block,
        (box[0], box[1], box[2], box[1] + block.height),
        "start",
        brand.ink,
        words.writing,
    )
    draw.rectangle((0, height - band, width, height), fill=brand.accent)
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


def brand_mark(side: int, brand: Brand = BRAND) -> Image.Image:
    """The campaign's mark (as in the favicon): a heart in a rounded square."""
    big = side * SUPERSAMPLE
    img = Image.new("RGB", (big, big), brand.background)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=brand.accent)
    # The favicon's heart, in its 32x32 grid: two circles and a point.
    s = big / 32
    r = 5.4 * s
    for cx in (11.4, 20.6):
        draw.ellipse((cx * s - r, 13.6 * s - r, cx * s + r, 13.6 * s + r), fill=brand.background)
    draw.polygon(
        [(6.2 * s, 15.2 * s), (16 * s, 27 * s), (25.8 * s, 15.2 * s), (16 * s, 11 * s)],
        fill=brand.background,
    )
    return img.resize((side, side), Image.Resampling.LANCZOS)
