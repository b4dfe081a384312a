"""Which files under ``content/`` the site reads, and the ones it would ignore.

Every file an editor puts in ``content/`` is either read or reported: a Markdown file saved
as ``x.en.md.txt`` (Windows Notepad), ``x.en.markdown`` or ``x.en.MD`` would otherwise be
skipped without a word. Folders are walked without following links (a link to a folder is
reported, never followed), and a file name that is not valid UTF-8 is reported, not read.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from pathlib import Path

from .images import IMAGE_SUFFIXES
from .problems import Problem

MARKDOWN_LOOKALIKES = (".markdown", ".mdown", ".mkd", ".md.txt", ".txt", ".text")
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
DATA_FILES = {"topics.toml"}  # read by the core itself (topics.py)


def _walk(content: Path, skip: Collection[str] = ()) -> Iterator[tuple[str, list[str], list[str]]]:
    """(folder relative to content/, its file names, its folder names), no links followed,
    hidden files and folders and the first folders in ``skip`` (a plugin's, such as the
    gallery's) left out."""
    for folder, dirs, files in os.walk(content, followlinks=False):
        rel = Path(folder).relative_to(content).as_posix()
        rel = "" if rel == "." else rel
        if not rel:
            dirs[:] = [d for d in dirs if d not in skip]
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield rel, sorted(f for f in files if not f.startswith(".")), dirs


def _valid_name(rel: str) -> bool:
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes come back as surrogates
        return False
    return True


def scan(content: Path, skip: Collection[str] = ()) -> list[str]:
    """Content-relative paths of every Markdown file outside the folders of ``skip``, sorted."""
    found = []
    for folder, files, _dirs in _walk(content, skip):
        for name in files:
            rel = f"{folder}/{name}" if folder else name
            if name.endswith(".md") and _valid_name(rel):
                found.append(rel)
    return sorted(found)


def ignored_files(content: Path, project: Path, skip: Collection[str] = ()) -> list[Problem]:
    """Files and folders under ``content/`` that the site would skip without a word."""
    problems = []

    def where(rel: str) -> str:
        path = content / rel
        try:
            return path.relative_to(project).as_posix()
        except ValueError:
            return path.as_posix()

    for folder, files, dirs in _walk(content, skip):
        for name in dirs:
            rel = f"{folder}/{name}" if folder else name
            if (content / rel).is_symlink():
                problems.append(
                    Problem(
                        _printable(where(rel)),
                        0,
                        "this folder is a link (symlink); the site never follows links to "
                        "folders, so nothing in it is published",
                        "put the files themselves in content/ instead of a link",
                    )
                )
        for name in files:
            rel = f"{folder}/{name}" if folder else name
            if not _valid_name(rel):
                problems.append(
                    Problem(
                        _printable(where(rel)),
                        0,
                        "the file name is not valid UTF-8 text, so the file is not read",
                        "rename it with plain letters, digits and hyphens, e.g. my-story.en.md",
                    )
                )
                continue
            lower = name.lower()
            if name.endswith(".md") or name in IGNORED_NAMES or rel in DATA_FILES:
                continue
            if lower.endswith(".md"):
                problems.append(
                    Problem(
                        where(rel),
                        0,
                        f"the file name ends in {name[-3:]!r}, so the site does not read it",
                        f"rename it to end in lower-case .md: {name[:-3]}.md",
                    )
                )
            elif lower.endswith(MARKDOWN_LOOKALIKES):
                stem = name[: -len(next(s for s in MARKDOWN_LOOKALIKES if lower.endswith(s)))]
                stem = stem[:-3] if stem.lower().endswith(".md") else stem
                problems.append(
                    Problem(
                        where(rel),
                        0,
                        "the site only reads Markdown files whose name ends in .md, so this "
                        "file is not published",
                        f"rename it to {stem}.md (in Windows, turn on 'File name extensions' "
                        "to see the whole name)",
                    )
                )
            elif Path(lower).suffix not in IMAGE_SUFFIXES:
                problems.append(
                    Problem(
                        where(rel),
                        0,
                        "this file is neither a Markdown page (.md) nor a picture, so it is "
                        "not published",
                        "remove it from content/, or convert it (pictures: .jpg, .png, "
                        ".webp, .gif)",
                        "warning",
                        skips=False,
                    )
                )
    return problems


def _printable(text: str) -> str:
    """A file name with undecodable bytes shown as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


PLACEHOLDER_KEYS = (
    "title",
    "summary",
    "warning",
    "author",
    "imagealt",
    "sharetext",
    "slug",
    "text",  # a meme's slogan
)


def placeholders(folder: Path) -> tuple[str, ...]:
    """The example text of the editors' templates (``docs/templates/*.md``): their titles,
    summaries and other texts, and every line of their bodies that is not a heading. An
    editor who copied a template and left one of these in has not finished the file."""
    from .source import parse_source

    found: set[str] = set()
    if not folder.is_dir():
        return ()
    for path in sorted(folder.glob("*.md")):
        doc = parse_source(path.name, path.name, path.read_bytes())
        found.update(doc.meta[key].strip() for key in PLACEHOLDER_KEYS if doc.meta.get(key))
        for line in doc.body.split("\n"):
            text = line.strip()
            if text and not text.startswith("#") and "](" not in text:  # links are examples
                found.add(text)
    return tuple(sorted(found))
