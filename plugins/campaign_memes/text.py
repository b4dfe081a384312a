"""The text engine shared by memes and social cards: fonts, bidi, wrapping and fitting.

Pure Pillow: takes words, a font file and a box, returns lines and a font size. Lines are
laid out with Pillow's raqm layout (HarfBuzz shaping, FriBiDi reordering), one line at a
time, so Arabic letters join and a Latin word inside an Arabic line is put in its place.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RAQM = ImageFont.Layout.RAQM
LATIN_FONT = "NotoSans-Bold.subset.ttf"
ARABIC_FONT = "NotoSansArabic-Bold.subset.ttf"

# A hashtag, a mention or an address is one unit that reads left to right (or right to left
# for an Arabic hashtag). Without an isolate, '#' is a neutral character: in an Arabic line
# the bidi algorithm gives it the line's direction, so '#SaferInternetDay' would be drawn as
# 'SaferInternetDay#'. First-strong isolates (FSI ... PDI) keep each token in one piece, in
# its own direction, and put the tokens of a footer in the line's reading order.
FSI, PDI = "\u2068", "\u2069"
_ISOLATED = re.compile(r"^(?:[#@]|https?://|www\.)\S")
# Breaks at spaces, never at a no-break space (French puts U+202F or U+00A0 before ':').
_BREAKS = re.compile(r"[^\S\u00a0\u202f\u2007]+")
# Punctuation that never starts a line (French ' :' '!' '»'), or never ends one ('«').
_CLOSING = re.compile(r"^[:;!?»›%)\]}…،؛؟.,]+$")
_OPENING = re.compile(r"^[«‹(\[{¿¡]+$")
# A code point no font maps: what a missing character looks like in a given font.
_ABSENT = "\U0010fffd"


@dataclass(frozen=True)
class Issue:
    """One problem with a meme's words, artwork or layout, in an editor's words.

    ``field`` names the Markdown key it comes from (``Text``, ``Footer``, ``Layout``,
    ``Artwork``, ``Title``), so that the build can report it as ``path:line``.
    """

    field: str
    message: str
    fix: str


class MemeError(ValueError):
    """The picture cannot be drawn; ``issues`` says every reason at once."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = tuple(issues)
        super().__init__("; ".join(f"{i.field}: {i.message}" for i in self.issues))


@dataclass(frozen=True)
class Writing:
    """How a language is written: its code (for shaping) and its direction."""

    language: str
    direction: str = "ltr"  # "ltr" or "rtl"

    def __post_init__(self) -> None:
        if self.direction not in ("ltr", "rtl"):
            raise ValueError(f"direction must be 'ltr' or 'rtl', not {self.direction!r}")


@dataclass(frozen=True)
class Fonts:
    """The font files: one for Latin text, one for Arabic text (which also has Latin)."""

    latin: Path
    arabic: Path

    @classmethod
    def in_folder(cls, folder: Path) -> Fonts:
        """The fonts shipped in ``theme/fonts/`` (or a folder laid out the same way)."""
        return cls(folder / LATIN_FONT, folder / ARABIC_FONT)

    def for_text(self, text: str) -> Path:
        """The Arabic font for text with any Arabic letter in it, the Latin one otherwise."""
        return self.arabic if any(_is_arabic(ch) for ch in text) else self.latin

    def digest(self) -> str:
        """A hash of both files' bytes, for cache keys: a new font redraws every picture."""
        sha = hashlib.sha256()
        for path in (self.latin, self.arabic):
            sha.update(path.read_bytes())
        return sha.hexdigest()


def _is_arabic(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x0600 <= cp <= 0x06FF
        or 0x0750 <= cp <= 0x077F
        or 0x08A0 <= cp <= 0x08FF
        or 0xFB50 <= cp <= 0xFDFF
        or 0xFE70 <= cp <= 0xFEFF
    )


@lru_cache(maxsize=256)
def font_at(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """The font at a pixel size, with the raqm layout (shaping and bidi)."""
    return ImageFont.truetype(str(path), size, layout_engine=RAQM)


def normalise(text: str) -> str:
    """NFC (an accent typed as a separate mark joins its letter) and single spaces."""
    return " ".join(_BREAKS.split(unicodedata.normalize("NFC", text))).strip()


# ---------------------------------------------------------------------------
# Coverage
# ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _absent_mask(path: Path) -> bytes:
    return _mask(path, _ABSENT)


def _mask(path: Path, ch: str) -> bytes:
    font = font_at(path, 24)
    img = Image.new("L", (64, 48))
    ImageDraw.Draw(img).text((8, 4), ch, font=font, fill=255)
    return img.tobytes()


@lru_cache(maxsize=4096)
def has_glyph(path: Path, ch: str) -> bool:
    """True if the font draws ``ch`` with a glyph of its own (not the missing-glyph box)."""
    return _mask(path, ch) != _absent_mask(path)


def _drawn(ch: str) -> bool:
    """Letters, marks, digits, punctuation and symbols; not spaces or bidi controls."""
    return unicodedata.category(ch)[0] in "LMNPS"


def _script(ch: str) -> str:
    if unicodedata.category(ch) == "So" or ord(ch) >= 0x1F000:
        return "emoji and symbols"
    word = unicodedata.name(ch, f"U+{ord(ch):04X}").split(" ")[0]
    return word if word in ("CJK", "NKO") or word.startswith("U+") else word.capitalize()


def coverage_issue(field: str, text: str, path: Path) -> Issue | None:
    """An issue naming the scripts whose characters the font lacks, or None."""
    missing = sorted({ch for ch in text if _drawn(ch) and not has_glyph(path, ch)})
    if not missing:
        return None
    letters = [ch for ch in missing if unicodedata.category(ch)[0] == "L"]
    scripts = sorted({_script(ch) for ch in letters or missing})
    sample = " ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
    return Issue(
        field,
        f"the site's fonts have no letters for {', '.join(scripts)} ({sample}), "
        "so this text cannot be drawn",
        "write it in a language the fonts cover (Latin or Arabic script), "
        "or add a font for that script to theme/fonts/",
    )


# ---------------------------------------------------------------------------
# Wrapping and fitting
# ---------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """The unbreakable pieces of a text: words, with punctuation glued to its word and
    hashtags, mentions and addresses wrapped in bidi isolates."""
    pieces: list[str] = []
    glue_next = False
    for word in _BREAKS.split(normalise(text)):
        if not word:
            continue
        if _ISOLATED.match(word):
            word = f"{FSI}{word}{PDI}"
        if pieces and (glue_next or _CLOSING.match(word)):
            pieces[-1] = f"{pieces[-1]} {word}"
        else:
            pieces.append(word)
        glue_next = bool(_OPENING.match(word))
    return pieces


def line_width(line: str, font: ImageFont.FreeTypeFont, writing: Writing) -> float:
    return font.getlength(line, direction=writing.direction, language=writing.language)


def wrap(
    pieces: list[str], font: ImageFont.FreeTypeFont, width: float, writing: Writing
) -> list[str]:
    """Greedy wrapping: as many pieces on each line as fit in ``width``."""
    lines: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}" if current else piece
        if not current or line_width(candidate, font, writing) <= width:
            current = candidate
        else:
            lines.append(current)
            current = piece
    if current:
        lines.append(current)
    return lines


def balanced(
    pieces: list[str], font: ImageFont.FreeTypeFont, width: float, writing: Writing
) -> list[str]:
    """The same number of lines as greedy wrapping, as even as possible: the narrowest
    width that still gives that many lines (no long first line over a lone last word)."""
    best = wrap(pieces, font, width, writing)
    lo, hi = width / max(len(best), 1) * 0.8, width
    while hi - lo > 4:
        mid = (lo + hi) / 2
        candidate = wrap(pieces, font, mid, writing)
        if len(candidate) == len(best) and _fits_width(candidate, font, mid, writing):
            best, hi = candidate, mid
        else:
            lo = mid
    return best


def _fits_width(lines: list[str], font, width: float, writing: Writing) -> bool:
    return all(line_width(line, font, writing) <= width for line in lines)


@dataclass(frozen=True)
class Block:
    """Lines of text fitted to a box: the font, the lines and where their ink is."""

    font: ImageFont.FreeTypeFont
    size: int
    lines: tuple[str, ...]
    line_height: int
    top: int  # ink top relative to the first baseline (negative: above it)
    bottom: int  # ink bottom relative to the first baseline

    @property
    def height(self) -> int:
        return self.bottom - self.top


def leading(text: str) -> float:
    """Line spacing: Arabic letters and their marks reach higher and lower than Latin."""
    return 1.55 if any(_is_arabic(ch) for ch in text) else 1.2


def layout_block(
    pieces: list[str], path: Path, size: int, width: float, writing: Writing, wrap_lines=True
) -> Block:
    font = font_at(path, size)
    if wrap_lines:
        lines = wrap(pieces, font, width, writing)
    else:
        lines = [" ".join(pieces)] if pieces else []
    return _block(font, size, lines, writing)


def _block(font, size: int, lines: list[str], writing: Writing) -> Block:
    line_height = round(size * leading("".join(lines)))
    top, bottom = 0, 0
    for i, line in enumerate(lines):
        _l, t, _r, b = font.getbbox(
            line, anchor="ls", direction=writing.direction, language=writing.language
        )
        top = min(top, int(t) + i * line_height) if i else int(t)
        bottom = max(bottom, int(b) + i * line_height)
    return Block(font, size, tuple(lines), line_height, top, bottom)


def _fits(block: Block, width: float, height: float, max_lines: int, writing: Writing) -> bool:
    return (
        len(block.lines) <= max_lines
        and block.height <= height
        and _fits_width(list(block.lines), block.font, width, writing)
    )


def fit(
    text: str,
    path: Path,
    box: tuple[float, float],
    sizes: tuple[int, int],
    max_lines: int,
    writing: Writing,
) -> Block | None:
    """The largest size from ``sizes`` (largest, smallest) at which the text, wrapped and
    balanced, fits in ``box`` (width, height) in at most ``max_lines`` lines; None if it
    does not fit even at the smallest size."""
    width, height = box
    pieces = tokens(text)
    largest, smallest = sizes

    def fits_at(size: int) -> Block | None:
        block = layout_block(pieces, path, size, width, writing, wrap_lines=max_lines > 1)
        return block if _fits(block, width, height, max_lines, writing) else None

    if fits_at(smallest) is None:
        return None
    lo, hi = smallest, largest  # lo always fits; find the largest size that does
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits_at(mid):
            lo = mid
        else:
            hi = mid - 1
    font = font_at(path, lo)
    lines = balanced(pieces, font, width, writing) if max_lines > 1 else [" ".join(pieces)]
    return _block(font, lo, lines, writing)


def characters_to_cut(
    text: str,
    path: Path,
    box: tuple[float, float],
    smallest: int,
    max_lines: int,
    writing: Writing,
) -> int:
    """How many characters the text is too long by, at the smallest size."""
    text = normalise(text)
    lo, hi = 0, len(text)  # text[:lo] fits (the empty text does), text[:hi] does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fit(text[:mid], path, box, (smallest, smallest), max_lines, writing):
            lo = mid
        else:
            hi = mid
    return len(text) - lo


def truncate_to_fit(
    text: str,
    path: Path,
    box: tuple[float, float],
    sizes: tuple[int, int],
    max_lines: int,
    writing: Writing,
) -> Block:
    """Like ``fit``, but a text too long even at the smallest size loses its last words,
    replaced by an ellipsis (for social cards, which must never stop a build)."""
    block = fit(text, path, box, sizes, max_lines, writing)
    words = normalise(text).split(" ")
    while block is None and len(words) > 1:
        words.pop()
        block = fit(" ".join(words) + "…", path, box, sizes, max_lines, writing)
    if block is None:  # a single word too long for the box: draw it at the smallest size
        block = layout_block(tokens(words[0]), path, sizes[1], box[0], writing)
    return block


def draw_block(
    draw: ImageDraw.ImageDraw,
    block: Block,
    box: tuple[float, float, float, float],
    align: str,
    fill: tuple[int, int, int],
    writing: Writing,
) -> None:
    """Draw the lines with their ink centred vertically in ``box``; ``align`` is
    ``start``, ``center`` or ``end`` in the writing's direction."""
    x0, y0, x1, y1 = box
    baseline = y0 + (y1 - y0 - block.height) / 2 - block.top
    rtl = writing.direction == "rtl"
    side = {"center": "m", "start": "r" if rtl else "l", "end": "l" if rtl else "r"}[align]
    x = {"m": (x0 + x1) / 2, "l": x0, "r": x1}[side]
    for line in block.lines:
        draw.text(
            (x, baseline),
            line,
            font=block.font,
            fill=fill,
            anchor=f"{side}s",
            direction=writing.direction,
            language=writing.language,
        )
        baseline += block.line_height
