"""`make devserver`: a saved edit reaches the browser (reload event + new page). How quickly
is the bench's figure ("devserver save to reload"), not a test's."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
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


def reload_events(port: int):
    """The devserver's event stream, read by a thread: (its socket, queue of its lines). A
    plain socket, so that the test can shut it down at once (closing a urllib response
    waits for the thread's pending read, until the server's next keep-alive)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    sock.sendall(b"GET /__events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    lines: queue.Queue[bytes] = queue.Queue()

    def read() -> None:
        try:
            with sock.makefile("rb") as stream:
                for line in stream:
                    lines.put(line)
        except (OSError, ValueError):  # shut down by the test
            pass

    threading.Thread(target=read, daemon=True).start()
    return sock, lines


def save_until_reload(site, lines: queue.Queue, seconds: float = 60) -> None:
    """Save the edit, and again every few seconds until a reload event comes (the watcher
    starts in a thread of its own: the first save may come before it watches)."""
    deadline = time.monotonic() + seconds
    saves = 0
    while time.monotonic() < deadline:
        saves += 1
        text = story("s3") + "\nA freshly saved sentence.\n" + "\n" * saves
        site.write("stories/s3.en.md", text)
        retry = time.monotonic() + 3
        while time.monotonic() < retry:
            try:
                line = lines.get(timeout=max(0.01, retry - time.monotonic()))
            except queue.Empty:
                break
            if line.startswith(b"data:"):
                assert line.strip() == b"data: reload"
                return
    raise AssertionError(f"no reload event within {seconds} s ({saves} saves)")


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
        events, lines = reload_events(port)
        try:
            save_until_reload(site, lines)
        finally:
            events.shutdown(socket.SHUT_RDWR)
            events.close()
        assert "A freshly saved sentence." in wait_for(f"http://127.0.0.1:{port}/stories/s3/")
        status = urllib.request.Request(f"http://127.0.0.1:{port}/missing/")
        try:
            urllib.request.urlopen(status, timeout=5)
        except urllib.error.HTTPError as error:
            assert error.code == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
