"""Reading files from ``content/`` safely: the one rule every reader goes through.

Pure (standard library only). The repository is trusted; what a file under ``content/``
points to is not. So:

- a symlink under ``content/`` is followed only when it resolves inside ``content/``
  (resolved first, then checked against the resolved content folder);
- only ordinary files are opened: a device, FIFO or socket is refused after a ``stat``,
  before any ``open``; the file is then opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked
  again with ``fstat``;
- a dangling symlink or a symlink loop is an error naming the file;
- the size is checked with ``fstat`` before reading, and no more than the limit is ever read.

Every refusal is a ``Refused`` carrying a sentence and a fix an editor understands; callers
turn it into a ``Problem`` on the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MARKDOWN_MAX_BYTES = 1024 * 1024  # a story of 1 MB is about 150,000 words
PICTURE_MAX_BYTES = 30 * 1024 * 1024  # CAMPAIGN_IMAGE_MAX_BYTES's default
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0)
LOOP = "this is a link (symlink) that leads back to itself (a loop)"

FIXES = {
    "outside": "copy the file itself into content/ instead of linking to it",
    "dangling": "replace the link with the file itself, or delete the link",
    "loop": "delete the link and put the real file in its place",
    "special": "delete it and put an ordinary text or picture file in its place",
    "folder": "put a file here, not a folder",
    "large": "split the text into several pages, or remove pasted material such as pictures "
    "written out as text",
    "unreadable": "check that the file can be read (its permissions), or copy it again",
    "missing": "check the file name",
}


class Refused(Exception):
    """A file that is not read: ``reason`` says why, ``fix`` what to do, ``kind`` which rule."""

    def __init__(self, reason: str, kind: str, fix: str = ""):
        super().__init__(reason, kind, fix)  # all of them, so that it crosses process pools
        self.reason = reason
        self.kind = kind
        self.fix = fix or FIXES.get(kind, "")

    def __str__(self) -> str:
        return self.reason


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def resolve_inside(root: Path, path: Path) -> Path:
    """``path`` with every symlink resolved, when that is inside ``root`` (itself resolved);
    ``Refused`` otherwise, and for a dangling link or a loop."""
    try:
        real_root = Path(os.path.realpath(root))
        real = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        if os.path.lexists(path) or _has_dangling_link(root, path):
            raise Refused(
                "this is a link (symlink) to a file or folder that does not exist", "dangling"
            ) from None
        raise Refused("this file does not exist", "missing") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused(LOOP, "loop") from None
        raise Refused(f"this file cannot be read ({error.strerror})", "unreadable") from None
    except RuntimeError:  # pragma: no cover - older Pythons report a loop this way
        raise Refused(LOOP, "loop") from None
    if real != real_root and real_root not in real.parents:
        raise Refused(
            "this is a link (symlink) to something outside the content folder; the site never "
            "reads or publishes files from outside content/",
            "outside",
        )
    return real


def _has_dangling_link(root: Path, path: Path) -> bool:
    """True when a folder on the way from ``root`` to ``path`` is a dangling link."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    current = root
    for part in parts:
        current = current / part
        if os.path.islink(current) and not os.path.exists(current):
            return True
    return False


def check_folder(root: Path, path: Path) -> Path:
    """A folder under ``root`` that may be listed: resolved inside ``root`` and a folder."""
    real = resolve_inside(root, path)
    if not real.is_dir():
        raise Refused("this is not a folder", "folder", "put the files in a folder")
    return real


def check_file(root: Path, path: Path, limit: int, fix_large: str = "") -> os.stat_result:
    """``stat`` of an ordinary file under ``root`` of at most ``limit`` bytes (not opened)."""
    real = resolve_inside(root, path)
    info = os.stat(real)
    _check_stat(info, limit, fix_large)
    return info


def _check_stat(info: os.stat_result, limit: int, fix_large: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise Refused("this is a folder, not a file", "folder")
    if not stat.S_ISREG(info.st_mode):
        raise Refused(
            "this is not an ordinary file (it is a device, a pipe or a socket), so it is not read",
            "special",
        )
    if info.st_size > limit:
        raise Refused(
            f"the file is too big ({_megabytes(info.st_size)} MB; the limit is "
            f"{_megabytes(limit)} MB)",
            "large",
            fix_large,
        )


def read_bytes(root: Path, path: Path, limit: int, fix_large: str = "") -> bytes:
    """The bytes of the ordinary file ``path`` under ``root``, at most ``limit`` of them;
    ``Refused`` for anything the rule above does not allow."""
    real = resolve_inside(root, path)
    try:
        _check_stat(os.stat(real), limit, fix_large)  # before open: a device is never opened
        fd = os.open(real, _OPEN_FLAGS)
    except Refused:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:  # swapped for a link since it was resolved
            raise Refused(
                "this is a link (symlink) that changed while it was read", "loop"
            ) from None
        raise Refused(f"this file cannot be read ({error.strerror})", "unreadable") from None
    try:
        _check_stat(os.fstat(fd), limit, fix_large)  # what was opened, not what was named
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while being read
                raise Refused(
                    f"the file is too big (the limit is {_megabytes(limit)} MB)",
                    "large",
                    fix_large,
                )
        return b"".join(chunks)
    except OSError as error:
        raise Refused(f"this file cannot be read ({error.strerror})", "unreadable") from None
    finally:
        os.close(fd)
