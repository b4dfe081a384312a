"""One album file (``content/gallery/<album>/album.<lang>.md``): parse and validate it alone.

Pure: takes bytes, file names and language codes; returns values and ``Problem``s located
as ``path:line``. Knows nothing of Pelican, of pictures' pixels or of URLs.

The format (documented for editors in docs/content-guide.md, "Gallery")::

    Title: No Hate Chain
    Summary: Supporters sent us pictures of their paper chains against hate.
    Date: 2026-02-07
    Cover: heart-chain.jpg

    Image: heart-chain.jpg
    Alt: A chain of paper hearts hanging across a classroom window.
    Caption: Our classroom window on Action Day.
    Credit: Drawing: Lina, 15

    Image: ...

Header keys come before the first ``Image:`` line; every ``Image:`` line starts the block of
one picture, whose ``Alt:``, ``Caption:`` and ``Credit:`` follow it. Blank lines are only for
readability; an indented line continues the value above it. The default language's file
decides which pictures the album has and in which order; translations give the texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import PurePosixPath

from campaign_site.problems import Problem
from campaign_site.source import parse_date

HEADER_KEYS = {
    "title": "Title",
    "summary": "Summary",
    "date": "Date",
    "cover": "Cover",
    "status": "Status",
    "original": "Original",
}
IMAGE_KEYS = {"image": "Image", "alt": "Alt", "caption": "Caption", "credit": "Credit"}
ALL_KEYS = {**HEADER_KEYS, **IMAGE_KEYS}
STATUSES = ("published", "draft")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
ALBUM_FILE_RE = re.compile(r"^album(?:\.([^.]+))?\.md$")
KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
GUIDE = "see 'Gallery' in docs/content-guide.md"


@dataclass
class ImageBlock:
    """One ``Image:`` block as written in one language's file."""

    file: str
    line: int
    alt: str = ""
    caption: str = ""
    credit: str = ""
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class AlbumFile:
    """One parsed ``album.<lang>.md``."""

    path: str  # project-relative, e.g. content/gallery/no-hate-chain/album.en.md
    lang: str
    meta: dict[str, str] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    blocks: list[ImageBlock] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    def line_of(self, key: str) -> int:
        return self.meta_lines.get(key, 1)

    def problem(self, line: int, message: str, fix: str = "", *, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, message, fix, severity, skips=False))

    def block(self, name: str) -> ImageBlock | None:
        return next((block for block in self.blocks if block.file == name), None)


def parse_album_file(path: str, lang: str, data: bytes) -> AlbumFile:
    """Read one album file on its own: keys, blocks and the problems of this file alone."""
    doc = AlbumFile(path=path, lang=lang)
    if not data.strip():
        doc.readable = False
        doc.problem(
            0,
            "the album file is empty",
            f"start it with 'Title: ...' and 'Date: ...', then one 'Image:' block per picture; "
            f"{GUIDE}",
        )
        return doc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        doc.readable = False
        doc.problem(
            data[: error.start].count(b"\n") + 1,
            "the file is not valid UTF-8 text",
            'save it again as UTF-8 in your editor ("Save with encoding" > UTF-8)',
        )
        return doc
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    _read_lines(doc, text.split("\n"))
    _check_file(doc)
    return doc


def _read_lines(doc: AlbumFile, lines: list[str]) -> None:
    current: ImageBlock | None = None
    last: tuple[dict[str, str] | ImageBlock, str] | None = None  # where a continuation goes
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            last = None
            continue
        if line[:1] in (" ", "\t") and last is not None:
            target, key = last
            if isinstance(target, ImageBlock):
                setattr(target, key, (getattr(target, key) + " " + line.strip()).strip())
            else:
                target[key] = (target[key] + " " + line.strip()).strip()
            continue
        match = KEY_RE.match(line.strip())
        if not match:
            doc.problem(
                number,
                f"this line is not a 'Key: value' line: {line.strip()[:60]!r}",
                "write 'Image: file.jpg', 'Alt: ...', 'Caption: ...' or 'Credit: ...' "
                "(a long text may continue on indented lines)",
            )
            last = None
            continue
        raw_key, value = match.group(1), match.group(2).strip()
        key = raw_key.lower()
        if key not in ALL_KEYS:
            close = get_close_matches(key, list(ALL_KEYS), n=1, cutoff=0.6)
            hint = f"did you mean '{ALL_KEYS[close[0]]}:'?" if close else GUIDE
            doc.problem(number, f"unknown key '{raw_key}:'", hint)
            last = None
            continue
        if key == "image":
            current = ImageBlock(file=value, line=number, lines={"image": number})
            doc.blocks.append(current)
            last = None
            continue
        if key in HEADER_KEYS:
            if current is not None:
                doc.problem(
                    number,
                    f"'{HEADER_KEYS[key]}:' belongs to the album header",
                    "move it to the top of the file, before the first 'Image:' line",
                )
                last = None
            elif key in doc.meta:
                doc.problem(number, f"'{HEADER_KEYS[key]}:' is given twice", "keep only one")
                last = None
            else:
                doc.meta[key] = value
                doc.meta_lines[key] = number
                last = (doc.meta, key)
            continue
        # Alt, Caption, Credit
        if current is None:
            doc.problem(
                number,
                f"'{IMAGE_KEYS[key]}:' comes before any 'Image:' line",
                f"put it under the 'Image: file.jpg' line of its picture; {GUIDE}",
            )
            last = None
        elif key in current.lines:
            doc.problem(
                number,
                f"'{IMAGE_KEYS[key]}:' is given twice for {current.file}",
                "keep only one",
            )
            last = None
        else:
            setattr(current, key, value)
            current.lines[key] = number
            last = (current, key)


def _check_file(doc: AlbumFile) -> None:
    meta = doc.meta
    if not meta.get("title", "").strip():
        doc.problem(
            doc.line_of("title") if "title" in meta else 1,
            "the album has no title",
            "add a line 'Title: ...' at the top of the file",
        )
    date = meta.get("date", "").strip()
    if date and parse_date(date) is None:
        doc.problem(
            doc.line_of("date"),
            f"the date {date!r} is not a valid date",
            "write it as 'Date: YYYY-MM-DD' or 'Date: YYYY-MM-DD HH:MM'",
        )
    status = meta.get("status", "published").strip().lower()
    if status not in STATUSES:
        doc.problem(
            doc.line_of("status"),
            f"unknown status {status!r}",
            "write 'Status: published' or 'Status: draft'",
        )
    seen: dict[str, int] = {}
    kept = []
    for block in doc.blocks:
        name = block.file
        if not name:
            doc.problem(block.line, "'Image:' gives no file name", "write 'Image: file.jpg'")
            continue
        if "/" in name or "\\" in name:
            doc.problem(
                block.line,
                f"'Image: {name}' must be a file name only",
                f"put the picture in the album's folder and write "
                f"'Image: {PurePosixPath(name.replace(chr(92), '/')).name}'",
            )
            continue
        if not name.lower().endswith(IMAGE_SUFFIXES):
            doc.problem(
                block.line,
                f"{name!r} is not a picture file name",
                "use a .jpg, .jpeg, .png, .webp or .gif picture",
            )
            continue
        if name in seen:
            doc.problem(
                block.line,
                f"{name} is listed twice (first on line {seen[name]})",
                "keep one 'Image:' block per picture",
            )
            continue
        seen[name] = block.line
        if not block.alt.strip():
            doc.problem(
                block.lines.get("alt", block.line),
                f"{name}: the picture has no alt text",
                "add 'Alt: ...' under its 'Image:' line, describing what the picture shows "
                "for people who cannot see it",
            )
        kept.append(block)
    doc.blocks = kept
