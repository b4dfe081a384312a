"""Content problems: what is wrong, where, and how an editor fixes it."""

from __future__ import annotations

from dataclasses import dataclass


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
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text}; {self.fix}" if self.fix else text


def errors_summary(errors: list[Problem]) -> str:
    """The last line of a strict build (check, publish) that found errors."""
    count = len(errors)
    return (
        f"{count} content error{'s' if count != 1 else ''} (listed above); "
        "fix them and run the command again"
    )
