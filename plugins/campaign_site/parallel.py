"""Use every core for CPU-bound batches, the calling process included.

Workers are forked (they inherit the parent's state, such as a Jinja environment or the site
model) after ``gc.freeze()``, so the collector does not touch, and thereby copy, the pages
they share with the parent. The parent works on its share instead of waiting, which keeps
one process fewer in memory.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
from collections.abc import Callable, Sequence


def _run_chunk(job):
    function, chunk = job
    return [function(item) for item in chunk]


def _trim_heap() -> None:
    """Give freed heap memory back to the system before forking, so that workers do not
    inherit (and the parent does not keep) pages of garbage. glibc only; a no-op elsewhere."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def parallel_map(function: Callable, items: Sequence, workers: int, chunk: int) -> list:
    """``[function(item) for item in items]`` on ``workers`` processes, in order.

    ``function`` must be a module-level function (it is sent to workers by name)."""
    if workers < 2 or len(items) <= chunk:
        return [function(item) for item in items]
    chunks = [items[start : start + chunk] for start in range(0, len(items), chunk)]
    mine = set(range(0, len(chunks), workers))  # every workers-th chunk stays here
    theirs = [index for index in range(len(chunks)) if index not in mine]
    gc.collect()
    _trim_heap()
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            pending = pool.map_async(
                _run_chunk, [(function, chunks[index]) for index in theirs], chunksize=1
            )
            results = {index: _run_chunk((function, chunks[index])) for index in sorted(mine)}
            results.update(zip(theirs, pending.get(), strict=True))
    finally:
        gc.unfreeze()
    return [result for index in range(len(chunks)) for result in results[index]]
