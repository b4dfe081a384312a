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
Colour = tuple[int, int, int]
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
        return self.arabic if _ARABIC.search(text) else self.latin

    def digest(self) -> str:
        """A hash of both files' bytes, for cache keys: a new font redraws every picture."""
        sha = hashlib.sha256()
        for path in (self.latin, self.arabic):
            sha.update(path.read_bytes())
        return sha.hexdigest()


# Arabic letters (and their presentation forms): a search, not a loop, as thousands of
# social cards' titles go through it
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


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


_COVERED: dict[Path, set[str]] = {}  # characters each font is known to draw (or not to need)


def coverage_issue(field: str, text: str, path: Path) -> Issue | None:
    """An issue naming the scripts whose characters the font lacks, or None."""
    covered = _COVERED.setdefault(path, set())
    characters = set(text)
    if characters <= covered:  # the usual case, for thousands of titles: a set lookup
        return None
    missing = sorted({ch for ch in characters - covered if _drawn(ch) and not has_glyph(path, ch)})
    if not missing:
        covered |= characters
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
    return 1.55 if _ARABIC.search(text) else 1.2


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


REFERENCE_SIZE = 200  # the size pieces are measured at by ``fit_measured``


@lru_cache(maxsize=8192)
def measure(path: Path, size: int, text: str, writing: Writing) -> tuple[float, int, int, int, int]:
    """The advance and the ink box (left, top, right, bottom, from the pen on the baseline)
    of ``text`` drawn alone at ``size``; kept, as words come back from title to title."""
    font = font_at(path, size)
    direction, language = writing.direction, writing.language
    advance = font.getlength(text, direction=direction, language=language)
    left, top, right, bottom = font.getbbox(
        text, anchor="ls", direction=direction, language=language
    )
    return advance, int(left), int(top), int(right), int(bottom)


def simple(line: str, writing: Writing) -> bool:
    """True when raqm lays a line out word after word in the writing's direction, so that
    ``draw_measured`` may draw it a word at a time: no bidi isolate (a hashtag) and no word
    of the other direction (a Latin word in an Arabic line, which would run left to right
    with its neighbours). Digits and punctuation follow the words around them."""
    if FSI in line or PDI in line:
        return False
    other = ("L",) if writing.direction == "rtl" else ("R", "AL")
    return not any(unicodedata.bidirectional(ch) in other for ch in line)


def _line_ink(line: str, path: Path, size: int, writing: Writing) -> tuple[float, int, int]:
    """The width and the ink's top and bottom of a line as ``draw_measured`` draws it."""
    if simple(line, writing):
        units = line.split(" ")
        space = measure(path, size, " ", writing)[0]
        pen, widest, top, bottom = 0.0, 0.0, 0, 0
        for unit in units:
            advance, _left, ink_top, right, ink_bottom = measure(path, size, unit, writing)
            widest = max(widest, round(pen) + right, pen + advance)
            top, bottom = min(top, ink_top), max(bottom, ink_bottom)
            pen += advance + space
        return widest, top, bottom
    font = font_at(path, size)
    box = font.getbbox(line, anchor="ls", direction=writing.direction, language=writing.language)
    return box[2] - min(box[0], 0), int(box[1]), int(box[3])


def fit_measured(
    text: str,
    path: Path,
    box: tuple[float, float],
    sizes: tuple[int, int],
    max_lines: int,
    writing: Writing,
) -> Block:
    """``truncate_to_fit`` for many texts in a hurry (social cards), for ``draw_measured``:
    each piece of the text is measured once, at ``REFERENCE_SIZE`` (and kept for the next
    text), and sizes, wrapping and balancing are worked out from those widths scaled; the
    lines chosen are measured at their size, to make sure. A line's width is its pieces'
    widths plus the spaces between them (raqm shapes each word on its own anyway: Arabic
    letters never join across a space); hinting rounds widths at each size, which the check
    at the end corrects (one size smaller)."""
    width, height = box
    largest, smallest = sizes
    pieces = tokens(text)
    if not pieces:
        return _block(font_at(path, smallest), smallest, [], writing)
    measured = [measure(path, REFERENCE_SIZE, piece, writing) for piece in pieces]
    widths = [found[0] for found in measured]
    space = measure(path, REFERENCE_SIZE, " ", writing)[0]
    ellipsis = measure(path, REFERENCE_SIZE, "…", writing)
    # the ink of any line lies within the ink of all its pieces
    top = min(found[2] for found in (*measured, ellipsis))
    bottom = max(found[4] for found in (*measured, ellipsis))
    spacing = leading(text)

    def lines_at(size: int, count: int, limit: float) -> list[list[int]] | None:
        """Greedy lines of the first ``count`` pieces (an ellipsis after the last when
        ``count`` leaves some out) within ``limit`` pixels, as lists of piece indexes;
        None when they do not fit the box at ``size``."""
        scale = size / REFERENCE_SIZE
        found: list[list[int]] = []
        current = 0.0
        for index in range(count):
            piece = widths[index] + (ellipsis[0] if index == count - 1 < len(pieces) - 1 else 0)
            if found and current + space + piece <= limit / scale:
                found[-1].append(index)
                current += space + piece
            else:
                if piece > limit / scale or len(found) == max_lines:
                    return None
                found.append([index])
                current = piece
        ink = (len(found) - 1) * round(size * spacing) + (bottom - top) * scale
        return found if ink <= height else None

    def best(count: int) -> tuple[int, list[list[int]]] | None:
        """The largest size at which ``count`` pieces fit (a 2 % margin for hinting)."""
        if lines_at(smallest, count, width * 0.98) is None:
            return None
        lo, hi = smallest, largest
        if lines_at(largest, count, width * 0.98) is not None:
            lo = largest  # most titles: no need to search
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if lines_at(mid, count, width * 0.98) is not None:
                lo = mid
            else:
                hi = mid - 1
        found = lines_at(lo, count, width * 0.98)
        assert found is not None
        # balanced: the narrowest limit that keeps as many lines
        narrow, wide = width * 0.98 / max(len(found), 1) * 0.8, width * 0.98
        while len(found) > 1 and wide - narrow > 4:
            limit = (narrow + wide) / 2
            candidate = lines_at(lo, count, limit)
            if candidate is not None and len(candidate) == len(found):
                found, wide = candidate, limit
            else:
                narrow = limit
        return lo, found

    count, chosen = len(pieces), best(len(pieces))
    while chosen is None and count > 1:  # too long: the last pieces give way to an ellipsis
        count -= 1
        chosen = best(count)
    size, groups = chosen if chosen is not None else (smallest, [[0]])
    words = [*pieces[: count - 1], pieces[count - 1] + ("…" if count < len(pieces) else "")]
    lines = [" ".join(words[index] for index in group) for group in groups]
    while True:  # measured at the size chosen: one size smaller if hinting made it too wide
        line_height = round(size * leading("".join(lines)))
        inks = [_line_ink(line, path, size, writing) for line in lines]
        ink_top = min(ink[1] + i * line_height for i, ink in enumerate(inks))
        ink_bottom = max(ink[2] + i * line_height for i, ink in enumerate(inks))
        widest = max(ink[0] for ink in inks)
        if size <= 8 or (ink_bottom - ink_top <= height and widest <= width):
            font = font_at(path, size)
            return Block(font, size, tuple(lines), line_height, ink_top, ink_bottom)
        size -= 1


@lru_cache(maxsize=2048)
def _word_picture(
    path: Path, size: int, unit: str, writing: Writing
) -> tuple[Image.Image, int, int]:
    """A word drawn alone, as a mask, and where its top left is from the pen on the
    baseline; kept, as words come back from title to title."""
    _advance, left, top, right, bottom = measure(path, size, unit, writing)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(mask).text(
        (-left, -top),
        unit,
        font=font_at(path, size),
        fill=255,
        anchor="ls",
        direction=writing.direction,
        language=writing.language,
    )
    return mask, left, top


@lru_cache(maxsize=1024)
def _word_tile(
    path: Path, size: int, unit: str, writing: Writing, fill: Colour, background: Colour
) -> Image.Image:
    """A word drawn alone in ``fill`` on ``background``, the size of its ink: pasted as it
    is (a copy of its rows), about thirty times faster than blending its mask."""
    mask = _word_picture(path, size, unit, writing)[0]
    tile = Image.new("RGB", mask.size, background)
    tile.paste(fill, (0, 0), mask)
    return tile


def _overlap(one: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def draw_measured(
    image: Image.Image,
    block: Block,
    span: tuple[float, float],
    top: float,
    fill: Colour,
    writing: Writing,
    path: Path,
    background: Colour | None = None,
) -> None:
    """Draw a block of ``fit_measured`` with its ink from ``top`` down, at the start of
    ``span`` (left, right) in the writing's direction. A ``simple`` line is put together
    from pictures of its words (each drawn by raqm once, then kept: most of a card's time
    was spent rasterising the same words again), the others are drawn whole. With
    ``background`` (the plain colour the block is drawn on), a word is pasted as a picture
    of its own on that colour, unless its box meets one already drawn (then blended)."""
    rtl = writing.direction == "rtl"
    baseline = round(top - block.top)
    draw = None
    drawn: list[tuple[int, int, int, int]] = []
    for line in block.lines:
        if simple(line, writing):
            space = measure(path, block.size, " ", writing)[0]
            pen = span[1] if rtl else span[0]
            for unit in line.split(" "):
                advance = measure(path, block.size, unit, writing)[0]
                if rtl:
                    pen -= advance
                mask, left, ink_top = _word_picture(path, block.size, unit, writing)
                x, y = round(pen) + left, baseline + ink_top
                box = (x, y, x + mask.width, y + mask.height)
                if background is not None and not any(_overlap(box, other) for other in drawn):
                    tile = _word_tile(path, block.size, unit, writing, fill, background)
                    image.paste(tile, (x, y))
                else:
                    image.paste(fill, (x, y), mask)
                drawn.append(box)
                pen = pen - space if rtl else pen + advance + space
        else:
            draw = draw or ImageDraw.Draw(image)
            start, anchor = (span[1], "rs") if rtl else (span[0], "ls")
            direction, language = writing.direction, writing.language
            draw.text(
                (start, baseline),
                line,
                font=block.font,
                fill=fill,
                anchor=anchor,
                direction=direction,
                language=language,
            )
            ink = block.font.getbbox(line, anchor=anchor, direction=direction, language=language)
            drawn.append(
                (
                    int(start + ink[0]),
                    baseline + int(ink[1]),
                    int(start + ink[2]) + 1,
                    baseline + int(ink[3]),
                )
            )
        baseline += block.line_height


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
