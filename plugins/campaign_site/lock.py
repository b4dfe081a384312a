"""One build at a time per site: an exclusive ``flock`` on a file in the cache folder.

Two builds of the same folder at once (two ``make html``, the live-reload server and a
``make check``) would write the same output files and caches and could leave a mix of both.
The second build waits for the first, after one line saying so. The lock belongs to the open
file, so the system releases it when the process ends, however it ends.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)

LOCK_NAME = "build.lock"


class BuildLock:
    """Taken when a build starts, released when it is finalized (or its process ends)."""

    def __init__(self):
        self.fd: int | None = None

    def acquire(self, folder: Path) -> None:
        """Wait until no other build of this site runs, then hold the lock."""
        self.release()  # a build of this process that stopped before it was finalized
        path = folder / LOCK_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            try:  # a read-only cache folder: an existing lock file can still be locked
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            except OSError as error:
                logger.warning(
                    "cannot take the build lock %s (%s); do not run two builds of this site "
                    "at the same time",
                    path,
                    error.strerror or error,
                )
                return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.warning(
                "another build of this site is running (it holds %s); waiting for it to finish",
                path,
            )
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)  # closing the file releases the lock
