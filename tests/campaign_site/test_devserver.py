"""`make devserver`: a saved edit reaches the browser (reload event + new page) quickly."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import PROJECT, story


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_saved_edit_triggers_rebuild_and_reload(site):
    for index in range(30):
        site.write(f"stories/s{index}.en.md", story(f"s{index}"))
    port = free_port()
    settings = site.settings_file()
    server = subprocess.Popen(
        [
            sys.executable,
            str(PROJECT / "tools" / "devserver.py"),
            "--port",
            str(port),
            "--settings",
            str(settings),
        ],
        cwd=site.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/stories/s3/")
        assert '<script src="/__livereload.js"></script></body>' in page
        assert "EventSource" in wait_for(f"http://127.0.0.1:{port}/__livereload.js")
        events = urllib.request.urlopen(f"http://127.0.0.1:{port}/__events", timeout=30)
        time.sleep(0.5)  # let the watcher settle
        started = time.monotonic()
        site.write("stories/s3.en.md", story("s3") + "\nA freshly saved sentence.\n")
        line = b""
        while not line.startswith(b"data:") and time.monotonic() - started < 40:
            line = events.readline()
        elapsed = time.monotonic() - started
        assert line.strip() == b"data: reload"
        assert "A freshly saved sentence." in wait_for(f"http://127.0.0.1:{port}/stories/s3/")
        assert elapsed < 10, f"reload took {elapsed:.1f} s"  # bench measures the real figure
        status = urllib.request.Request(f"http://127.0.0.1:{port}/missing/")
        try:
            urllib.request.urlopen(status, timeout=5)
        except urllib.error.HTTPError as error:
            assert error.code == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
