"""A meme's layout: where its words go on the artwork, in what colour and how large.

An editor (or the artist) writes it as one line of clauses separated by semicolons, each
a name and its values, in pixels of the 1080x1080 artwork::

    text 70 650 1010 930; ink #FFFFFF; background #1D3557; size 104 56; align center

- ``text X0 Y0 X1 Y1`` (required): the box the slogan is fitted into (left, top, right,
  bottom); the artwork above its top is the illustration kept in every format.
- ``ink #RRGGBB`` (required): the colour of the slogan, the footer and the rule.
- ``background #RRGGBB``: the colour that extends the artwork in the 4:5 and 9:16 formats
  (default: the artwork's top-left pixel).
- ``size MAX MIN``: the slogan's largest and smallest font size in pixels (``104 56``).
- ``lines N``: at most this many lines of slogan (``3``).
- ``align center|start|end``: start is the left in English and French, the right in
  Arabic (``center``).
- ``footer Y``: the middle of the footer line with the hashtags (``1010``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .text import Issue, MemeError

ARTWORK_SIZE = 1080
Colour = tuple[int, int, int]
ALIGNS = ("center", "start", "end")
SMALLEST_ALLOWED = 32  # below this a slogan is unreadable on a phone feed
LARGEST_ALLOWED = 200
_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Layout:
    """Where and how a meme's words are drawn, in 1080x1080 artwork pixels."""

    text: tuple[int, int, int, int]
    ink: Colour
    background: Colour | None = None  # None: the artwork's top-left pixel
    size: tuple[int, int] = (104, 56)  # largest, smallest
    lines: int = 3
    align: str = "center"
    footer: int = 1010

    def key(self) -> str:
        """The layout written out in full, for cache keys and messages."""
        parts = [
            "text " + " ".join(map(str, self.text)),
            f"ink {hex_colour(self.ink)}",
        ]
        if self.background is not None:
            parts.append(f"background {hex_colour(self.background)}")
        parts += [
            f"size {self.size[0]} {self.size[1]}",
            f"lines {self.lines}",
            f"align {self.align}",
            f"footer {self.footer}",
        ]
        return "; ".join(parts)


def hex_colour(colour: Colour) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


def _issue(message: str, fix: str) -> Issue:
    return Issue("Layout", message, fix)


def _ints(name: str, values: list[str], count: int) -> tuple[int, ...] | Issue:
    if len(values) != count or not all(v.isascii() and v.isdigit() for v in values):
        return _issue(
            f"'{name} {' '.join(values)}' needs {count} whole number{'s' * (count > 1)}",
            f"write it like '{_EXAMPLES[name]}'",
        )
    return tuple(int(v) for v in values)


def _colour(name: str, values: list[str]) -> Colour | Issue:
    match = _COLOUR.match(values[0]) if len(values) == 1 else None
    if not match:
        return _issue(
            f"'{name} {' '.join(values)}' is not a colour",
            f"write it as six hexadecimal digits, like '{_EXAMPLES[name]}'",
        )
    digits = match.group(1)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


_EXAMPLES = {
    "text": "text 70 650 1010 950",
    "ink": "ink #FFFFFF",
    "background": "background #1D3557",
    "size": "size 104 56",
    "lines": "lines 3",
    "align": "align center",
    "footer": "footer 1010",
}


def parse_layout(source: str) -> Layout:
    """The ``Layout`` written in ``source``; ``MemeError`` lists every mistake in it."""
    issues: list[Issue] = []
    values: dict[str, object] = {}
    for clause in (c.strip() for c in source.split(";")):
        if not clause:
            continue
        name, *args = clause.split()
        key = name.lower()
        if key not in _EXAMPLES:
            guess = difflib.get_close_matches(key, _EXAMPLES, n=1)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            issues.append(
                _issue(
                    f"unknown layout clause '{name}'",
                    f"{hint}use {', '.join(_EXAMPLES)}",
                )
            )
            continue
        if key in values:
            issues.append(_issue(f"'{key}' is given twice", "keep one of them"))
            continue
        value: object
        if key in ("text", "size"):
            value = _ints(key, args, 4 if key == "text" else 2)
        elif key in ("lines", "footer"):
            number = _ints(key, args, 1)
            value = number if isinstance(number, Issue) else number[0]
        elif key in ("ink", "background"):
            value = _colour(key, args)
        elif len(args) == 1 and args[0].lower() in ALIGNS:
            value = args[0].lower()
        else:
            value = _issue(
                f"'align {' '.join(args)}' is not an alignment", f"use {', '.join(ALIGNS)}"
            )
        if isinstance(value, Issue):
            issues.append(value)
        else:
            values[key] = value
    for required in ("text", "ink"):
        if required not in values and not any(
            i.message.startswith(f"'{required} ") for i in issues
        ):
            issues.append(_issue(f"the layout has no '{required}'", f"add '{_EXAMPLES[required]}'"))
    if issues:
        raise MemeError(issues)
    layout = Layout(**values)  # type: ignore[arg-type]
    problems = _check(layout)
    if problems:
        raise MemeError(problems)
    return layout


def _check(layout: Layout) -> list[Issue]:
    """Values that parse but cannot work together."""
    issues = []
    x0, y0, x1, y1 = layout.text
    box_ok = 0 <= x0 < x1 <= ARTWORK_SIZE and 0 <= y0 < y1 <= ARTWORK_SIZE
    if not box_ok:
        issues.append(
            _issue(
                f"the text box {x0} {y0} {x1} {y1} is not a box inside the 1080x1080 artwork",
                "give left, top, right, bottom, each from 0 to 1080, left < right and top < bottom",
            )
        )
    largest, smallest = layout.size
    if not SMALLEST_ALLOWED <= smallest <= largest <= LARGEST_ALLOWED:
        issues.append(
            _issue(
                f"'size {largest} {smallest}' is not a range of font sizes",
                f"give the largest size first, then the smallest, from {SMALLEST_ALLOWED} "
                f"to {LARGEST_ALLOWED}",
            )
        )
    elif box_ok and y1 - y0 < smallest:
        issues.append(
            _issue(
                f"the text box is {y1 - y0} pixels high, less than the smallest size {smallest}",
                "make the box taller or the smallest size smaller",
            )
        )
    if not 1 <= layout.lines <= 6:
        issues.append(_issue(f"'lines {layout.lines}' is out of range", "use 1 to 6 lines"))
    if not y1 < layout.footer < ARTWORK_SIZE:
        issues.append(
            _issue(
                f"the footer at {layout.footer} is not below the text box (which ends at {y1})",
                f"give a footer position between {y1 + 1} and {ARTWORK_SIZE - 1}",
            )
        )
    if layout.background is not None and contrast_ratio(layout.ink, layout.background) < 4.5:
        ratio = contrast_ratio(layout.ink, layout.background)
        issues.append(
            _issue(
                f"the ink {hex_colour(layout.ink)} on {hex_colour(layout.background)} has a "
                f"contrast of {ratio:.1f}:1, too low to read",
                "choose colours with a contrast of at least 4.5:1",
            )
        )
    return issues


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = colour
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
