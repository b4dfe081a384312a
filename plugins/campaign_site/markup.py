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
RELATIVE_SRC_RE = re.compile(r'<img([^>]*?)\ssrc="(?![a-z][a-z0-9+.-]*:|/|\{|#)([^"]+)"')
H1_RE = re.compile(r"<(/?)h1\b")
TAG_RE = re.compile(r"<[^>]+>")
BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|br|tr|td|th|figure|figcaption)\b[^>]*>"
)
PARA_RE = re.compile(r"<p>(.*?)</p>", re.DOTALL)

_converter: markdown.Markdown | None = None


def to_html(body: str) -> str:
    """Convert Markdown to (unsanitised) HTML with one converter per process."""
    global _converter  # one Markdown instance per process: creating it costs more than a file
    if _converter is None:
        _converter = markdown.Markdown(
            extensions=list(MARKDOWN_EXTENSIONS),
            extension_configs=MARKDOWN_CONFIG,
            output_format="html",
        )
    html = _converter.reset().convert(body)
    return H1_RE.sub(r"<\1h2", html)  # the title is the page's only h1


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
