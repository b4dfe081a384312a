"""The one process-pool helper of the campaign: every core for CPU-bound batches.

- ``parallel_map`` (Markdown, page rendering, image probes): results in order; the parent
  works on its share instead of waiting, which keeps one process fewer in memory.
- ``parallel_each`` (image encoding): long, uneven tasks yielded as they finish, with a bound
  on the tasks in flight; a task that fails (or a worker that dies) yields its exception.

Workers are forked (they inherit the parent's state, such as a Jinja environment or the site
model) after ``gc.freeze()``, so the collector does not touch, and thereby copy, the pages
they share with the parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import resource
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

logger = logging.getLogger(__name__)


def _run_chunk(job):
    function, chunk = job
    return [function(item) for item in chunk]


def _trim_heap() -> None:
    """Give freed heap memory back to the system before forking, so that workers do not
    inherit (and the parent does not keep) pages of garbage. glibc only; a no-op elsewhere."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _before_fork() -> None:
    gc.collect()
    _trim_heap()
    gc.freeze()


def parallel_map(function: Callable, items: Sequence, workers: int, chunk: int) -> list:
    """``[function(item) for item in items]`` on ``workers`` processes, in order.

    ``function`` must be a module-level function (it is sent to workers by name)."""
    if workers < 2 or len(items) <= chunk:
        return [function(item) for item in items]
    chunks = [items[start : start + chunk] for start in range(0, len(items), chunk)]
    mine = set(range(0, len(chunks), workers))  # every workers-th chunk stays here
    theirs = [index for index in range(len(chunks)) if index not in mine]
    _before_fork()
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


def parallel_each(
    function: Callable[[Any], Any], items: Sequence, workers: int
) -> Iterator[tuple[int, Any]]:
    """Yield ``(index, function(items[index]))`` for every item, as each finishes; the result
    is the exception when the call raised (or its worker died), so one bad item never stops
    the others. At most ``2 * workers`` items are in flight, so only a few are held in
    memory at once; serial (in this process) with one worker or item.

    ``function`` must be a module-level function (it is sent to workers by name)."""
    pool = None
    if workers > 1 and len(items) > 1:
        _before_fork()
        try:
            pool = ProcessPoolExecutor(
                min(workers, len(items)), mp_context=multiprocessing.get_context("fork")
            )
        except (OSError, ValueError, NotImplementedError) as error:
            gc.unfreeze()
            logger.warning("no process pool (%s); working serially", error)
    if pool is None:
        for index, item in enumerate(items):
            try:
                yield index, function(item)
            except Exception as error:  # reported by the caller, on its item
                yield index, error
        return
    try:
        with pool:
            pending: dict[Future, int] = {}
            upcoming = iter(enumerate(items))
            while True:
                for index, item in upcoming:
                    try:
                        pending[pool.submit(function, item)] = index
                    except Exception as error:  # a broken pool
                        yield index, error
                    if len(pending) >= 2 * workers:
                        break
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    try:
                        yield index, future.result()
                    except Exception as error:  # the item failed, or a worker died
                        yield index, error
    finally:
        gc.unfreeze()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
