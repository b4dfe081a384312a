"""`make serve`: serve output/ on 127.0.0.1, with the site's own 404 page of the right language.

    python tools/serve.py --port 8000 --directory output

A busy port is one line saying how to pick another (`make serve PORT=8001`), never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

logger = logging.getLogger("serve")


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files; a missing page gets ``<lang>/404.html`` (or the root one) with status 404."""

    def log_message(self, format, *args):  # keep the terminal for what matters
        logger.debug(format, *args)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists():
            self._not_found()
            return None
        return super().send_head()

    def not_found_page(self) -> bytes:
        parts = self.path.lstrip("/").split("/", 1)
        page = Path(self.directory) / parts[0] / "404.html"
        if not parts[0] or not page.is_file():
            page = Path(self.directory) / "404.html"
        return page.read_bytes() if page.is_file() else b"<h1>Not found</h1>"

    def _not_found(self) -> None:
        self.send_body(self.not_found_page(), "text/html; charset=utf-8", status=404)

    def send_body(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def open_server(host: str, port: int, handler, command: str) -> ThreadingHTTPServer | None:
    """The HTTP server, or None after one line saying the port is taken and what to do."""
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, errno.EACCES):
            reason = "is already in use" if error.errno == errno.EADDRINUSE else "is not allowed"
            print(
                f"{command}: port {port} on {host} {reason} (another server is running?); "
                f"stop it, or pick another port: make {command} PORT={port + 1}",
                file=sys.stderr,
            )
            return None
        raise
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--directory", default="output")
    args = parser.parse_args(argv)
    folder = Path(args.directory)
    if not (folder / "index.html").is_file():
        print(f"serve: {folder}/ has no site yet; run `make html` first", file=sys.stderr)
        return 1
    server = open_server(args.host, args.port, partial(SiteHandler, directory=str(folder)), "serve")
    if server is None:
        return 1
    print(f"serving {folder}/ on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
