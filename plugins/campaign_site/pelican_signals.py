"""Pelican's writer signals for the files the campaign writes, so that plugins written against
Pelican's documented signals (a minifier on ``content_written``, a feed tweak on
``feed_written``) keep working although Pelican's own writer is not used.

Sent as Pelican 4.12 sends them (``pelican/writers.py``): ``content_written(path,
context=...)`` and ``feed_written(path, context=..., feed=...)`` with the file's full path
and Pelican's context. ``feed`` is the campaign's ``campaign_feeds.feeds.FeedInfo`` (title,
URLs, items), not a feedgenerator object. Files an incremental build keeps as they were are
not written, so no signal is sent for them.
"""

from __future__ import annotations

import os

from pelican import signals


def announce(writer, context: dict, feed=None) -> None:
    """Send ``content_written`` (or ``feed_written`` when ``feed`` is given) for every file
    ``writer`` wrote since the last call. A receiver may change a file in place: the
    writer then records the new bytes (precompression and the next build see them)."""
    made = writer.take_made()
    signal = signals.content_written if feed is None else signals.feed_written
    if not made or not signal.receivers:
        return
    paths = {rel: os.path.join(writer.output, rel) for rel in made}
    before = {rel: _stamp(path) for rel, path in paths.items()}
    for path in paths.values():
        if feed is None:
            signal.send(path, context=context)
        else:
            signal.send(path, context=context, feed=feed)
    writer.refresh([rel for rel, path in paths.items() if _stamp(path) != before[rel]])


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns
