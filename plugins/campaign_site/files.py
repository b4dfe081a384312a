"""Writing files safely; no dependency beyond the standard library."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, so that no reader (and no
    interrupted build) ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:  # a full disk, an interrupt: no half-written file stays behind
        tmp.unlink(missing_ok=True)
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """Put ``source``'s bytes at ``target`` (replaced atomically): a hard link when both are
    on one file system (cached derivatives and cards are never modified in place), otherwise
    a copy."""
    try:
        if os.path.samefile(source, target):
            return  # already linked: a rename onto the same file would do nothing, tmp would stay
    except OSError:
        pass
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)
