"""Read one Markdown source file: its metadata header and body, with line numbers.

Pure: takes bytes and a path, returns values. All per-file validation that does not need
the rest of the site happens here, so its result can be cached by the file's content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from .problems import Problem

KNOWN_KEYS = {
    "title": "Title",
    "slug": "Slug",
    "lang": "Lang",
    "date": "Date",
    "modified": "Modified",
    "summary": "Summary",
    "tags": "Tags",
    "status": "Status",
    "author": "Author",
    "age": "Age",
    "warning": "Warning",
    "image": "Image",
    "imagealt": "ImageAlt",
    "sharetext": "ShareText",
    "order": "Order",
    "template": "Template",
    "menu": "Menu",
    "original": "Original",
    # a drawn meme (docs/drawn-memes.md): its words in each language, its artwork and layout
    # on the original
    "text": "Text",
    "footer": "Footer",
    "artwork": "Artwork",
    "layout": "Layout",
    "search": "Search",
}
# `Search: no` keeps a page out of the site's search (campaign_search); yes is the default
SEARCH_VALUES = {"yes", "no", "true", "false", "on", "off"}
NOT_SEARCHED = {"no", "false", "off"}
STATUSES = {"published", "draft"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADER_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
# Typical double-encoding: UTF-8 bytes decoded as Latin-1/cp1252 and encoded again.
MOJIBAKE_RE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf\u2018-\u201e\u2020-\u2026\u2030\u2039\u203a\u20ac\u0152"
    "\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122]"
    "|\u00e2\u20ac[\u0153\u009d\u2122\u02dc\u201c\u201d\u00a6]"
    "|\u00d8[\u00a7-\u00ba]|\u00d9[\u0080-\u008a]"
)
SCRIPT_RE = re.compile(r"<\s*/?\s*script\b", re.IGNORECASE)
HANDLER_RE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL_RE = re.compile(
    r"(?:\]\(|href\s*=\s*[\"']?|src\s*=\s*[\"']?)\s*(?:javascript|vbscript|data):", re.IGNORECASE
)
LINK_RE = re.compile(r"\{(?:filename|static|attach)\}([^)\s\"'#?]+)")
# every link target as written: inline [text](target), <autolinks> and reference definitions
HREF_RE = re.compile(
    r"(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)"
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<((?:https?|mailto):[^>\s]+)>"
)
LOCAL_URL_RE = re.compile(
    r"\b(?:https?://)?(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\])(?::\d+)?(/[^)\s\"'<>]*)?",
    re.IGNORECASE,
)
IMAGE_MD_RE = re.compile(r"!\[([^\]]*)\]\(\s*([^)\s]+)")
HTML_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


@dataclass
class SourceDoc:
    """A parsed source file: metadata values as written, body and where the body starts."""

    path: str  # project-relative, e.g. content/stories/x.en.md
    rel: str  # content-relative, e.g. stories/x.en.md
    section: str
    file_slug: str
    file_lang: str
    meta: dict[str, str] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    images: list[tuple[str, str, int]] = field(default_factory=list)  # (alt, target, line)
    links: list[tuple[str, int]] = field(default_factory=list)  # ({filename} target, line)
    hrefs: list[tuple[str, int]] = field(default_factory=list)  # (any link target, line)

    def line_of(self, key: str) -> int:
        return self.meta_lines.get(key, 1)

    def problem(self, line: int, message: str, fix: str = "", *, skips: bool = True) -> None:
        self.problems.append(Problem(self.path, line, message, fix, skips=skips))


def split_name(rel: str) -> tuple[str, str, str]:
    """``stories/x.en.md`` -> (section, slug, lang); missing parts are empty strings."""
    section, _, name = rel.rpartition("/")
    stem = name[:-3] if name.endswith(".md") else name
    slug, _, lang = stem.rpartition(".")
    if not slug:
        slug, lang = stem, ""
    return section, slug, lang


@lru_cache(maxsize=16384)
def parse_date(text: str) -> datetime | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    try:  # full ISO 8601, possibly with a time zone (2026-02-07T10:00:00+01:00)
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def parse_source(path: str, rel: str, data: bytes) -> SourceDoc:
    """Decode, split and check one file on its own (no knowledge of other files)."""
    section, file_slug, file_lang = split_name(rel)
    doc = SourceDoc(path=path, rel=rel, section=section, file_slug=file_slug, file_lang=file_lang)
    if not data.strip():
        doc.problem(
            0,
            "the file is empty",
            "copy a template from docs/templates/ and fill it in, or delete the file",
        )
        return doc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        doc.problem(
            line,
            "the file is not valid UTF-8 text",
            'save it again as UTF-8 in your editor ("Save with encoding" > UTF-8)',
        )
        return doc
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    _read_header(doc, lines)
    _check_text(doc, lines)
    return doc


def _read_header(doc: SourceDoc, lines: list[str]) -> None:
    index = 0
    last_key = None
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        if line[:1] in (" ", "\t") and last_key:
            doc.meta[last_key] += " " + line.strip()
            index += 1
            continue
        match = HEADER_RE.match(line)
        if not match:
            if index == 0:
                doc.problem(
                    1,
                    "the file does not start with a metadata header",
                    "start it with lines such as 'Title: ...' and 'Slug: ...', then "
                    "an empty line, then the text",
                )
            else:
                doc.problem(
                    index + 1,
                    f"this line is not a 'Key: value' line: {line.strip()[:60]!r}",
                    "put an empty line between the metadata header and the text",
                )
            break
        raw_key, value = match.group(1), match.group(2).strip()
        key = raw_key.lower()
        if key not in KNOWN_KEYS:
            close = _closest_key(key)
            hint = (
                f"did you mean '{close}:'?" if close else "see docs/content-guide.md for the keys"
            )
            doc.problem(index + 1, f"unknown metadata key '{raw_key}:'", hint, skips=False)
            last_key = None
        elif key in doc.meta:
            doc.problem(
                index + 1, f"'{KNOWN_KEYS[key]}:' is given twice", "keep only one", skips=False
            )
            last_key = None
        else:
            doc.meta[key] = value
            doc.meta_lines[key] = index + 1
            last_key = key
        index += 1
    doc.body_line = index + 2
    doc.body = "\n".join(lines[index + 1 :])


def _decoded(line: str) -> str:
    """The line with HTML character references decoded (``&#106;avascript:``), so that an
    encoded link is recognised like a plain one."""
    from html import unescape

    return unescape(unescape(line))


def _closest_key(key: str) -> str | None:
    from difflib import get_close_matches

    found = get_close_matches(key, list(KNOWN_KEYS), n=1, cutoff=0.6)
    return KNOWN_KEYS[found[0]] if found else None


def _check_text(doc: SourceDoc, lines: list[str]) -> None:
    """Checks that look at every line: encoding damage, unsafe HTML, images and alt text."""
    for number, line in enumerate(lines, start=1):
        mojibake = MOJIBAKE_RE.search(line)
        if mojibake:
            sample = mojibake.group(0)
            doc.problem(
                number,
                f"garbled characters {sample!r} (text that was encoded twice)",
                "retype the accented letters or re-save the original as UTF-8",
            )
        if SCRIPT_RE.search(line):
            doc.problem(
                number,
                "a <script> tag is not allowed in content",
                "remove it; the site runs no scripts from content",
            )
        if HANDLER_RE.search(line):
            doc.problem(
                number,
                "HTML with an event handler (on...=) is not allowed in content",
                "remove the HTML and write plain Markdown",
            )
        if JS_URL_RE.search(line) or ("&" in line and JS_URL_RE.search(_decoded(line))):
            doc.problem(
                number,
                "a javascript:, vbscript: or data: link is not allowed",
                "link to an https:// address or to a page of the site",
            )
        for local in LOCAL_URL_RE.finditer(line) if number >= doc.body_line else ():
            doc.problem(
                number,
                f"the link {local.group(0)!r} points to your own computer (the preview), "
                "so it is broken for everyone else",
                "link to the page's file instead, e.g. [text]({filename}/pages/report-it.en.md)",
                skips=False,
            )
        if number >= doc.body_line:
            doc.links.extend((match.group(1), number) for match in LINK_RE.finditer(line))
            for match in HREF_RE.finditer(line):
                if match.group(1):  # a picture, checked with the pictures
                    continue
                target = match.group(2) or match.group(3) or match.group(4)
                if target:
                    doc.hrefs.append((target, number))
            for match in IMAGE_MD_RE.finditer(line):
                alt, target = match.group(1).strip(), match.group(2)
                doc.images.append((alt, target, number))
                if not alt:
                    doc.problem(
                        number,
                        f"the picture {target!r} has no alt text",
                        "describe the picture between the square brackets: ![what it shows](...)",
                        skips=False,
                    )
            if HTML_IMG_RE.search(line):
                doc.problem(
                    number,
                    "HTML <img> tags are not allowed in content",
                    "use Markdown: ![what it shows](images/picture.jpg)",
                )
