"""The progress bar of image encoding: a tqdm bar on a terminal, nothing elsewhere."""

from __future__ import annotations

import sys
from typing import Protocol

PROGRESS_DELAY = 1.0  # seconds of work before a progress bar appears (terminals only)


class Progress(Protocol):
    def update(self, n: int) -> object: ...

    def close(self) -> None: ...


class NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def progress(total: int, enabled: bool) -> Progress:
    """A tqdm bar on the terminal, shown once the work has lasted ``PROGRESS_DELAY``.

    Pelican runs the build under a rich spinner that swaps ``sys.stderr`` for a
    line-buffered proxy; the bar then goes to the real terminal, on the line below the
    spinner, so that the two do not overwrite each other.
    """
    terminal = sys.__stderr__
    if not enabled or terminal is None or not _isatty(terminal):
        return NoProgress()
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc="images",
        unit="file",
        delay=PROGRESS_DELAY,
        leave=False,
        file=terminal,
        position=0 if sys.stderr is terminal else 1,
        mininterval=0.25,
        dynamic_ncols=True,
    )


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
