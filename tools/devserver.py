"""`make devserver`: build, serve on 127.0.0.1 and reload the browser after every saved edit.

One Pelican object is kept for the whole session, so a rebuild reuses the warm process and
the content cache. HTML responses get one extra <script src="/__livereload.js"> (same
origin, development only); the script listens to /__events and reloads the page after a
rebuild. Changes to settings or plugin code need a restart (the server says so).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

logger = logging.getLogger("devserver")

RELOAD_JS = b"""(function () {
  var source = new EventSource("/__events");
  source.onmessage = function (event) { if (event.data === "reload") { location.reload(); } };
})();
"""
SNIPPET = b'<script src="/__livereload.js"></script>'


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


class Handler(SimpleHTTPRequestHandler):
    state: BuildState

    def log_message(self, format, *args):  # keep the terminal for build messages
        logger.debug(format, *args)

    def do_GET(self):
        if self.path == "/__livereload.js":
            return self._send(RELOAD_JS, "text/javascript")
        if self.path == "/__events":
            return self._events()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # let http.server redirect to the slash form
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes().replace(b"</body>", SNIPPET + b"</body>", 1)
            return self._send(body, "text/html; charset=utf-8")
        if not path.exists():
            return self._not_found()
        return super().do_GET()

    def _not_found(self):
        parts = self.path.lstrip("/").split("/", 1)
        page = Path(self.directory) / parts[0] / "404.html"
        if not page.is_file():
            page = Path(self.directory) / "404.html"
        body = (
            page.read_bytes().replace(b"</body>", SNIPPET + b"</body>", 1)
            if page.is_file()
            else b""
        )
        self._send(body, "text/html; charset=utf-8", status=404)

    def _send(self, body: bytes, content_type: str, status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.state.generation
        try:
            while True:
                now = self.state.wait(seen, timeout=15)
                message = b"data: reload\n\n" if now != seen else b": keep-alive\n\n"
                seen = now
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def rebuild(pelican) -> float:
    started = time.perf_counter()
    try:
        pelican.run()
    except Exception as error:  # a broken template must not stop the server
        logger.error("build failed: %s", error)
    return time.perf_counter() - started


def watch(pelican, state: BuildState, paths: list[Path]) -> None:
    from watchfiles import watch as watch_files

    plugins = (ROOT / "plugins").as_posix()
    for changes in watch_files(*paths, debounce=100, step=50):
        changed = sorted({Path(path).as_posix() for _kind, path in changes})
        if any(name.startswith(plugins) or name.endswith(".py") for name in changed):
            logger.warning("settings or plugin code changed: restart `make devserver`")
        seconds = rebuild(pelican)
        names = [Path(name).name for name in changed[:5]]
        logger.warning("rebuilt in %.2f s after: %s", seconds, ", ".join(names))
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
        },
    )
    pelican = Pelican(settings)
    logger.warning("first build took %.2f s", rebuild(pelican))
    state = BuildState()
    handler = partial(
        type("DevHandler", (Handler,), {"state": state}), directory=settings["OUTPUT_PATH"]
    )
    server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    watched = [
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        ROOT / "plugins",
        Path(args.settings),
    ]
    threading.Thread(target=watch, args=(pelican, state, watched), daemon=True).start()
    logger.warning("serving http://%s:%d/ (Ctrl+C to stop)", args.host, args.port)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
