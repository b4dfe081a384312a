"""Pelican builds for the tests, each forked from one process that has already imported
Pelican and the plugins.

A test build is a real ``pelican`` run in its own process, as before; only the start-up
(about half a second of imports, most of a small site's build) is paid once per test
worker instead of once per build. The child of each build changes to the site's folder,
takes the test's environment, writes its output to a log file and exits with Pelican's
exit code; nothing of one build survives into the next.

All builds of one server share its hash seed. A test that compares two builds byte for
byte asks for a fresh interpreter instead (``Site.build(fresh=True)``), so that an output
depending on the order of a set still shows up. So does a build with its own environment
variables: Pelican's console reads ``COLUMNS`` when it is imported.

Protocol: one JSON request per line on stdin, ``{"argv", "cwd", "env", "log"}``; one
JSON reply per line on the reply pipe, ``{"returncode"}``.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import logging
import os
import pkgutil
import sys
import traceback
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _preload() -> None:
    sys.path[:0] = [str(PROJECT / "plugins"), str(PROJECT)]
    import pelican  # noqa: F401

    import pelicanconf

    for name in pelicanconf.PLUGINS:  # the plugins every test site's settings start from
        package = importlib.import_module(name)
        # and their modules, which a build imports as it needs them: a third of a second
        for module in pkgutil.iter_modules(package.__path__, f"{name}."):
            importlib.import_module(module.name)


def _child(request: dict, reply_fd: int) -> None:
    """In the forked child: run one build and exit (never returns)."""
    code = 1
    try:
        os.close(reply_fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        from pelican import main

        try:
            main(request["argv"])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # a build that ends in a traceback must show it, like a process would
        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()  # as at a normal exit (the build summary is printed then)
        except BaseException:
            traceback.print_exc()
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


def serve() -> None:
    _preload()
    reply_fd = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing but replies on the reply pipe
    with os.fdopen(reply_fd, "w") as reply:
        for line in sys.stdin:
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                _child(request, reply_fd)
            _, status = os.waitpid(pid, 0)
            reply.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}) + "\n")
            reply.flush()


if __name__ == "__main__":
    serve()
