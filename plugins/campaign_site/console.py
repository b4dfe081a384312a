"""How the campaign's plugins talk to the person running the build: one line per message.

Pelican logs through ``rich``, which adds a time and a source location (``hooks.py:45``) and
wraps long lines at the terminal's width (at 80 columns when piped). An editor needs
``path:line: message; fix`` on one line, clickable, in any terminal and in CI logs. So the
campaign's messages go through ``EditorLines``: Pelican's console (it keeps them above its
spinner), never wrapped, nothing added but ``warning:``/``error:`` on lines that are not
content problems (those say it themselves).
"""

from __future__ import annotations

import logging
from typing import ClassVar

PLUGIN_LOGGERS = (
    "campaign_site",
    "campaign_gallery",
    "campaign_feeds",
    "campaign_publish",
    "campaign_i18n",
)


class EditorLines(logging.Handler):
    """Writes a log record as one unwrapped line through Pelican's console."""

    STYLES: ClassVar[dict[int, str]] = {logging.ERROR: "red", logging.WARNING: "yellow"}

    def __init__(self, label: bool = True):
        super().__init__()
        self.label = label  # say "warning:" / "error:" before the message

    def emit(self, record: logging.LogRecord) -> None:
        from pelican.log import console

        try:
            text = self.format(record)
            if self.label and record.levelno >= logging.WARNING:
                text = f"{record.levelname.lower()}: {text}"
            console.print(
                " ".join(text.split()),
                soft_wrap=True,
                markup=False,
                highlight=False,
                emoji=False,
                style=self.STYLES.get(record.levelno),
            )
        except Exception:  # never let reporting break the build
            self.handleError(record)


def editor_logger() -> logging.Logger:
    """The logger of content problems and of the build's summary: a logger of its own,
    outside Pelican's, whose filter drops a message it has seen once per process (the
    devserver rebuilds in one process) and whose ``--fatal`` would raise on the first line,
    before the others are shown."""
    editor = logging.Logger("campaign_site.report", logging.INFO)
    editor.addHandler(EditorLines(label=False))
    editor.propagate = False
    return editor


def route_plugin_logs() -> None:
    """The plugins' own warnings (a damaged cache, another build running) as one line each."""
    for name in PLUGIN_LOGGERS:
        plugin_logger = logging.getLogger(name)
        if not any(isinstance(h, EditorLines) for h in plugin_logger.handlers):
            plugin_logger.addHandler(EditorLines())
        plugin_logger.propagate = False
