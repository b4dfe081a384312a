"""The build's writer, which also waits for the files made in the background.

Some files are needed only when the build ends, not while pages are rendered: the social
cards (``cards.py``), whose URLs the pages know before they are drawn. They are drawn beside
the build, at low priority (``parallel.Background``), so that they fill the cores the later
phases leave idle (Pagefind indexes on one core) instead of adding a phase of their own.
Whatever makes them registers a step with ``wait_for``; ``finish``, the last write of a
build (the core's ``finalized``, after every generator), runs the steps first, so that
those files are in the output folder, recorded and announced before the stale files are
removed and the records kept. Pure: Pelican's signal is sent by the ``announce`` callable
the generator gives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .problems import Problem
from .render import OutputWriter

# records the files it waited for and returns the problems met
Step = Callable[[], list[Problem]]


class BackgroundWriter(OutputWriter):
    """``OutputWriter`` that runs the registered steps when the build finishes."""

    def __init__(
        self,
        output: Path,
        manifest: Path,
        report: Callable[[Problem], None] | None = None,
        announce: Callable[[OutputWriter], None] | None = None,
    ):
        super().__init__(output, manifest, report)
        self.announce = announce  # Pelican's content_written for the files not yet announced
        self.waiting: list[Step] = []

    def wait_for(self, step: Step) -> None:
        """Run ``step`` when the build finishes, before the records are kept."""
        self.waiting.append(step)

    def finish(self) -> None:
        waiting, self.waiting = self.waiting, []
        if waiting:
            # what the later generators wrote is theirs to announce (the search index and the
            # publishing files are not; a content_written receiver changing them now would
            # leave their compressed copies behind): only the steps' files are announced
            self.take_made()
            for step in waiting:
                for problem in step():
                    if self.report is not None:
                        self.report(problem)
            if self.announce is not None:
                self.announce(self)
        super().finish()
