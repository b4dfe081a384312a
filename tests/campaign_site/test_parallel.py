"""The process pools of campaign_site.parallel: results in order, and Ctrl-C (SIGINT to the
whole process group) left to the build, which ends its pool; a worker prints nothing."""

from __future__ import annotations

import os
import signal

from campaign_site.parallel import parallel_map


def _in_a_worker(_item) -> tuple[bool, bool]:
    """(runs in another process, ignores SIGINT)."""
    return os.getpid() != PARENT, signal.getsignal(signal.SIGINT) == signal.SIG_IGN


PARENT = os.getpid()


def _square(number: int) -> int:
    return number * number


def test_results_come_back_in_order():
    assert parallel_map(_square, list(range(40)), workers=2, chunk=3) == [
        number * number for number in range(40)
    ]


def test_pool_workers_leave_ctrl_c_to_the_build():
    results = parallel_map(_in_a_worker, list(range(8)), workers=2, chunk=2)
    in_workers = [ignores for elsewhere, ignores in results if elsewhere]
    assert in_workers and all(in_workers)
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # the build's own is kept
