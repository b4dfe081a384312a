"""`make devserver`: build, serve on 127.0.0.1 and reload the browser after every saved edit.

One Pelican object is kept for the whole session, so a rebuild reuses the warm process and
the content cache. HTML responses get one extra <script src="/__livereload.js"> (same
origin, development only); the script listens to /__events and reloads the page after a
rebuild. Changes to settings or plugin code need a restart (the server says so).

The preview shows drafts and scheduled pages too, each with a banner (``CAMPAIGN_PREVIEW``),
and is built into ``output.preview/``, so that nothing unpublished ever reaches ``output/``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tools"))

from serve import SiteHandler, open_server  # noqa: E402

logger = logging.getLogger("devserver")

RELOAD_JS = b"""(function () {
  var source = new EventSource("/__events");
  source.onmessage = function (event) { if (event.data === "reload") { location.reload(); } };
})();
"""
SNIPPET = b'<script src="/__livereload.js"></script>'
PREVIEW_SUFFIX = ".preview"  # output.preview/: the preview never mixes with output/


class BuildState:
    """The build counter the browser waits on."""

    def __init__(self):
        self.generation = 0
        self.changed = threading.Condition()

    def bump(self) -> None:
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen, timeout=timeout)
            return self.generation


class Handler(SiteHandler):
    """The site's files, HTML pages with the reload script, and the reload events."""

    state: BuildState

    def do_GET(self):
        if self.path == "/__livereload.js":
            return self.send_body(RELOAD_JS, "text/javascript")
        if self.path == "/__events":
            return self._events()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # let http.server redirect to the slash form
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self.send_body(_with_reload(path.read_bytes()), "text/html; charset=utf-8")
        return super().do_GET()

    def not_found_page(self) -> bytes:
        return _with_reload(super().not_found_page())

    def _events(self):
        seen = self.state.generation  # before the headers: a client that has them is counted
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while True:
                now = self.state.wait(seen, timeout=15)
                message = b"data: reload\n\n" if now != seen else b": keep-alive\n\n"
                seen = now
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def _with_reload(page: bytes) -> bytes:
    return page.replace(b"</body>", SNIPPET + b"</body>", 1)


def rebuild(pelican) -> float:
    started = time.perf_counter()
    try:
        pelican.run()
    except SystemExit:  # a strict setting failed the build: its lines were printed
        pass
    except Exception as error:  # a broken template must not stop the server
        print(f"devserver: the build failed: {error.__class__.__name__}: {error}", flush=True)
    return time.perf_counter() - started


def watch(pelican, state: BuildState, paths: list[Path]) -> None:
    from watchfiles import watch as watch_files

    plugins = (ROOT / "plugins").as_posix()
    for changes in watch_files(*paths, debounce=100, step=50):
        changed = sorted({Path(path).as_posix() for _kind, path in changes})
        if any(name.startswith(plugins) or name.endswith(".py") for name in changed):
            print("devserver: settings or plugin code changed: restart `make devserver`")
        seconds = rebuild(pelican)
        names = [Path(name).name for name in changed[:5]]
        print(f"rebuilt in {seconds:.2f} s after: {', '.join(names)}", flush=True)
        state.bump()


def main(argv: list[str] | None = None) -> int:
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    args = parser.parse_args(argv)

    init_logging(level=logging.WARNING)
    settings = read_settings(
        args.settings,
        override={
            "CAMPAIGN_CANONICAL_SITEURL": f"http://{args.host}:{args.port}",
            # drafts and scheduled pages are shown, with a banner; never in output/
            "CAMPAIGN_PREVIEW": True,
            "CAMPAIGN_SUMMARY_AT_EXIT": False,
        },
    )
    output = Path(settings["OUTPUT_PATH"])
    settings["OUTPUT_PATH"] = str(output.with_name(output.name + PREVIEW_SUFFIX))
    state = BuildState()
    handler = partial(
        type("DevHandler", (Handler,), {"state": state}), directory=settings["OUTPUT_PATH"]
    )
    server = open_server(args.host, args.port, handler, "devserver")
    if server is None:
        return 1
    pelican = Pelican(settings)
    print(f"first build took {rebuild(pelican):.2f} s", flush=True)
    watched = [
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        ROOT / "plugins",
        Path(args.settings),
    ]
    threading.Thread(target=watch, args=(pelican, state, watched), daemon=True).start()
    print(
        f"serving a preview (drafts and scheduled pages included) on http://{args.host}:"
        f"{args.port}/ (Ctrl+C to stop)",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
