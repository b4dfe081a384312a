"""The one process-pool helper of the campaign: every core for CPU-bound batches.

- ``parallel_map`` (Markdown, page rendering, image probes): results in order; the parent
  works on its share instead of waiting, which keeps one process fewer in memory.
- ``parallel_each`` (image encoding): long, uneven tasks yielded as they finish, with a bound
  on the tasks in flight; a task that fails (or a worker that dies) yields its exception.
- ``Background`` (social cards): tasks started at once in low-priority processes while the
  build goes on, finished at its end; they use the cores the build leaves idle.

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
import os
import pickle
import resource
import signal
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.process import BaseProcess
from typing import IO, Any

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


def _ignore_interrupt() -> None:
    """In a pool's worker: Ctrl-C reaches the whole process group, but only the build stops
    on it; it then ends its pool (SIGTERM), and no worker prints a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
        context = multiprocessing.get_context("fork")
        with context.Pool(workers - 1, initializer=_ignore_interrupt) as pool:
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
    return time.process_time() + _children_cpu()


# -- work beside the build ------------------------------------------------------------------

LOW_PRIORITY = 19  # the nice value of background workers: they run when a core is idle
_CPU = -1  # the index of a worker's last record: its CPU seconds


class TaskError(Exception):
    """A background task that raised (its exception, as a sentence that can be pickled)."""


class Background:
    """``function`` over ``items``, started at once in low-priority processes beside the
    build; ``results()`` finishes the work and yields it.

    Why: some phases of a build leave cores idle (one core indexes the end of the search
    index; a single-process phase leaves ``workers - 1`` cores idle), and work whose output
    is needed only at the end (the social cards) can fill them. ``workers - 1`` processes at
    the lowest CPU priority take only what the build leaves, so the build's own phases run
    as fast as without them. When the build waits for the work (``results()``), they stop
    after their current task and ``parallel_each`` does what is left on every core.

    Each worker takes every n-th item and appends ``(index, result)`` records to an unlinked
    temporary file of its own, so that nothing is ever blocked on a pipe (not even when the
    build fails before it waits: the workers end on their own), and a worker that dies loses
    only its current task, which is done again. Workers are daemons: a build that stops
    early terminates them, and each finishes its current task first (SIGTERM is handled
    between tasks), so no file is left half written. No worker with one core or one item.

    ``function`` must be a module-level function (as for the pools)."""

    def __init__(self, function: Callable[[Any], Any], items: Sequence, workers: int):
        self.function = function
        self.items = items
        self.workers = workers
        self.cpu = 0.0  # CPU seconds of the worker processes, once ``results()`` is done
        self.runners: list[tuple[BaseProcess, IO[bytes]]] = []
        count = min(workers - 1, len(items))
        if count < 1 or len(items) < 2:  # one task is not worth a fork: done when waited for
            return
        _before_fork()
        try:
            context = multiprocessing.get_context("fork")
            for first in range(count):
                share = range(first, len(items), count)
                records = tempfile.TemporaryFile()  # noqa: SIM115 (closed by results())
                runner = context.Process(
                    target=_run_share, args=(function, items, share, records), daemon=True
                )
                try:
                    runner.start()
                except OSError:
                    records.close()
                    raise
                self.runners.append((runner, records))
        except OSError as error:  # no process: everything is done when waited for
            logger.warning("no background process (%s); working later", error)
        finally:
            gc.unfreeze()

    def results(self) -> Iterator[tuple[int, Any]]:
        """Every item's ``(index, result)``, the result being the exception when the call
        raised (or its worker died), as ``parallel_each`` yields them."""
        for runner, _records in self.runners:
            runner.terminate()  # handled between tasks: the current one is finished first
        done: set[int] = set()
        for runner, records in self.runners:
            runner.join()
            if runner.exitcode not in (0, -signal.SIGTERM):  # stopped before its handler: fine
                logger.warning(
                    "a background process stopped (exit code %s); its work is done now",
                    runner.exitcode,
                )
            with records:
                for index, result in _read_records(records):
                    if index == _CPU:
                        self.cpu += result
                        continue
                    done.add(index)
                    yield index, result
        self.runners = []
        rest = [index for index in range(len(self.items)) if index not in done]
        cpu = _children_cpu()
        for position, result in parallel_each(
            self.function, [self.items[index] for index in rest], self.workers
        ):
            yield rest[position], result
        self.cpu += _children_cpu() - cpu


def _run_share(function: Callable, items: Sequence, share: range, records: IO[bytes]) -> None:
    """A background worker: ``function`` over its share of ``items``, each result appended
    to ``records``; then its CPU time. Stops between tasks when terminated."""
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda number, _frame: stopping.append(number))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build, which stops this
    os.nice(LOW_PRIORITY)
    for index in share:
        if stopping:
            break
        try:
            result = function(items[index])
        except Exception as error:  # yielded by ``results()``, as ``parallel_each`` does
            result = TaskError(f"{error.__class__.__name__}: {error}")
        pickle.dump((index, result), records)
        records.flush()
    times = os.times()
    pickle.dump((_CPU, times.user + times.system), records)
    records.flush()


def _read_records(records: IO[bytes]) -> Iterator[tuple[int, Any]]:
    """The records a worker appended (up to a record cut short by its death)."""
    records.seek(0)
    while True:
        try:
            yield pickle.load(records)
        except (EOFError, pickle.UnpicklingError, ValueError, AttributeError):
            return


def _children_cpu() -> float:
    """CPU seconds of this process's finished children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime
