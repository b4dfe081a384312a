"""Markdown to safe HTML: conversion, link placeholders, sanitising. Pure, no Pelican imports."""

from __future__ import annotations

import re
from html import unescape

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

MARKDOWN_EXTENSIONS = ("extra", "sane_lists", "toc")
MARKDOWN_CONFIG = {"toc": {"slugify": slugify_unicode, "toc_depth": "2-4"}}

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "abbr": {"title"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# starts with a literal, so that the regex engine can skip to the candidates quickly; the
# attribute's name (href or src) is read just before the match
PLACEHOLDER_RE = re.compile(r'="\{(filename|static|attach)\}([^"#?]*)([^"]*)"')
H1_RE = re.compile(r"<(/?)h1\b")
TAG_RE = re.compile(r"<[^>]+>")
BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|br|tr|td|th|figure|figcaption)\b[^>]*>"
)
PARA_RE = re.compile(r"<p>(.*?)</p>", re.DOTALL)

# Quotes, lists and HTML elements nested deeper than this are refused (docs/content-guide.md,
# "Limits"): Python-Markdown recurses on nested lists (a RecursionError near 300 levels) and
# so does BeautifulSoup in the feeds step (near 300 levels too); editors never need 10.
MAX_NESTING = 100
NESTING_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
VOID_TAGS = frozenset({"br", "hr", "img", "wbr", "col", "source", "input", "meta", "link"})
ORDERED_MARKER_RE = re.compile(r"\d{1,9}[.)](?=[ \t]|$)")

_converter: markdown.Markdown | None = None


class NestingError(ValueError):
    """Markdown nested deeper than ``MAX_NESTING`` (``line``: 0-based line of the body)."""

    def __init__(self, depth: int, line: int):
        super().__init__(f"nested {depth} levels deep")
        self.depth = depth
        self.line = line


def _new_converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS),
        extension_configs=MARKDOWN_CONFIG,
        output_format="html",
    )


def to_html(body: str) -> str:
    """Convert Markdown to (unsanitised) HTML with one converter per process.

    Raises ``NestingError`` for Markdown nested deeper than ``MAX_NESTING``. A converter that
    failed is thrown away: Python-Markdown's ``reset()`` does not clear its block parser's
    state stack, so after an exception half-way (a RecursionError in a deep list) every later
    file came out as raw text."""
    global _converter  # one Markdown instance per process: creating it costs more than a file
    check_nesting(body)
    if _converter is None or _converter.parser.state:
        _converter = _new_converter()
    try:
        html = _converter.reset().convert(body)
    except BaseException:
        _converter = None
        raise
    return H1_RE.sub(r"<\1h2", html)  # the title is the page's only h1


def _line_depth(line: str) -> int:
    """How many quote markers, list markers and indentation steps start ``line``."""
    depth, index, end = 0, 0, len(line)
    while index < end:
        char = line[index]
        if char in ">\t":
            depth, index = depth + 1, index + 1
        elif line.startswith("    ", index):
            depth, index = depth + 1, index + 4
        elif char == " ":
            index += 1
        elif char in "-*+" and (index + 1 == end or line[index + 1] in " \t"):
            depth, index = depth + 1, index + 1
        elif char.isdigit() and (found := ORDERED_MARKER_RE.match(line, index)):
            depth, index = depth + 1, found.end()
        else:
            break
    return depth


def check_nesting(body: str, limit: int | None = None) -> None:
    """``NestingError`` at the first line of ``body`` that nests quotes or lists deeper
    than ``limit`` (``MAX_NESTING``): a cheap, linear look before any recursive parser sees
    the text."""
    limit = MAX_NESTING if limit is None else limit
    for number, line in enumerate(body.split("\n")):
        if len(line) > limit and (depth := _line_depth(line)) > limit:
            raise NestingError(depth, number)


def html_depth(html: str) -> int:
    """How deep the elements of an HTML fragment are nested (void elements do not count)."""
    depth = deepest = 0
    for match in NESTING_TAG_RE.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in VOID_TAGS or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def sanitize(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes (nh3 / ammonia)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def resolve_links(html: str, resolve) -> str:
    """Replace placeholders with ``resolve(kind, target)`` (a URL) keeping ``#fragment``.

    A picture's ``src="{static}/..."`` (or ``{attach}``/``{filename}``, as Pelican allows) is
    left as it is: pictures are published by the image step, which understands the prefixes.
    """

    def replace(match: re.Match) -> str:
        start = match.start()
        if html[start - 4 : start] != "href":  # a picture's src (or another attribute)
            return match.group(0)
        url = resolve(match.group(1), match.group(2))
        return f'="{url}{match.group(3)}"'

    return PLACEHOLDER_RE.sub(replace, html)


def plain_text(html: str) -> str:
    """Text of an HTML fragment, with whitespace collapsed."""
    return " ".join(unescape(TAG_RE.sub("", BLOCK_TAG_RE.sub(" ", html))).split())


def first_paragraph(html: str, limit: int = 300) -> str:
    """Plain-text first paragraph, cut at a word boundary: the fallback summary."""
    match = PARA_RE.search(html)
    text = plain_text(match.group(1) if match else html)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
