"""Content problems: what is wrong, where, and how an editor fixes it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as ``path:line``.

    ``path`` is relative to the project (``content/stories/x.en.md``); ``line`` is 0 when the
    problem concerns the whole file. ``fix`` says what to do, in an editor's words.
    """

    path: str
    line: int
    message: str
    fix: str = ""
    severity: str = "error"  # "error" fails `make check` / `make publish`; "warning" does not
    skips: bool = True  # the file is left out of the site (False: published with the fault removed)

    def __str__(self) -> str:
        """``path:line: message; fix`` on one line (``warning:`` after the location of a
        warning). A whole-file problem points at line 1, so that the location stays
        clickable in editors; a folder has no line."""
        line = self.line or (1 if PurePosixPath(self.path).suffix else 0)
        where = f"{self.path}:{line}" if line else self.path
        kind = "warning: " if self.severity == "warning" else ""
        text = f"{self.message}; {self.fix}" if self.fix else self.message
        return f"{where}: {kind}{' '.join(text.split())}"  # never more than one line
