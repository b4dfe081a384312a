"""The ``[gallery ...]`` shortcode: a paragraph that embeds an album or one of its pictures.

Pure: finds the shortcodes in rendered HTML and replaces them with what ``render`` returns.

- ``[gallery no-hate-chain]``: the album's pictures as a grid, linking to their pages;
- ``[gallery no-hate-chain/heart-chain.jpg]``: one picture with its caption and credit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: the whole paragraph must be the shortcode (Markdown wraps it in <p>...</p>)
SHORTCODE_RE = re.compile(r"<p>\s*\[gallery\s+([^\]\s<>]+)\s*\]\s*</p>")
SOURCE_RE = re.compile(r"^\s*\[gallery\s+([^\]\s]+)\s*\]\s*$")


def split_target(target: str) -> tuple[str, str]:
    """``album/file.jpg`` -> ("album", "file.jpg"); ``album`` -> ("album", "")."""
    album, _, name = target.strip().strip("/").partition("/")
    return album, name


def expand(html: str, render: Callable[[str, str], str | None]) -> tuple[str, list[str]]:
    """Replace every shortcode paragraph with ``render(album, file)``.

    ``render`` returns the HTML, or ``None`` when the target does not exist (the paragraph is
    then removed). Returns the new HTML and the targets that could not be rendered.
    """
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        target = match.group(1)
        album, name = split_target(target)
        result = render(album, name)
        if result is None:
            unknown.append(target)
            return ""
        return result

    return SHORTCODE_RE.sub(replace, html), unknown


def source_line(text: str, target: str) -> int:
    """The line of ``[gallery target]`` in a Markdown source (0 when not found)."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = SOURCE_RE.match(line)
        if match and match.group(1) == target:
            return number
    return 0
