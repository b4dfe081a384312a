"""`tools/publish.py` on broken machines: a full disk, an `output` that is a file or a mount
point, a publish that was killed. One clear line each; the published site is left as it was.

The disk-full and mount-point tests mount a small tmpfs, which needs root; without root they
are skipped (CI runs as root, so there they run).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from publish_support import PROJECT, make_site, publish, published_site, story, tree

SITEURL = "https://campaign.example.org"
ROOT = os.geteuid() == 0


def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=False)


needs_root = pytest.mark.skipif(not ROOT, reason="mounting a tmpfs needs root (CI runs as root)")


def _log(done: subprocess.CompletedProcess) -> str:
    return " ".join((done.stdout + done.stderr).split())


def test_output_being_a_file_is_one_clear_line_and_nothing_changes(tmp_path):
    site = make_site(tmp_path / "site")
    site.output.write_text("not a folder")
    done = publish(site, SITEURL)
    assert done.returncode != 0
    assert f"{site.output} is a file, not a folder" in _log(done)
    assert site.output.read_text() == "not a folder"
    assert not list(site.root.glob("output.*"))


@needs_root
def test_a_full_disk_is_one_clear_line_and_the_site_stays(tmp_path):
    root = tmp_path / "disk"
    _mount_tmpfs(root, "48m")
    try:
        site = published_site(root / "site", SITEURL)
        before = tree(site.output)
        filler = root / "filler"
        with filler.open("wb") as handle:  # fill the disk up to its last few kilobytes
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        site.write("stories/first.en.md", story("first", title="Changed while full"))
        full = publish(site, SITEURL)
        log = _log(full)
        assert full.returncode != 0
        assert "publish: the disk is full" in log and "was left unchanged" in log, log
        assert "Traceback" not in log
        assert tree(site.output) == before
        assert not list(site.root.glob("output.*"))

        filler.unlink()  # repaired: the next publish is the one a clean machine makes
        again = publish(site, SITEURL)
        assert again.returncode == 0, _log(again)
        # the clean site on the same file system: Pagefind indexes pages in the order the
        # file system lists them, so its index is byte-identical on the same kind of disk
        clean = make_site(root / "clean")
        clean.write("stories/first.en.md", story("first", title="Changed while full"))
        assert publish(clean, SITEURL).returncode == 0
        assert tree(site.output) == tree(clean.output)
    finally:
        _umount(root)


@needs_root
def test_an_output_that_is_a_mount_point_is_updated_in_place(tmp_path):
    site = make_site(tmp_path / "site")
    _mount_tmpfs(site.output, "64m")
    try:
        (site.output / "stale.html").write_text("from an older site")
        done = publish(site, SITEURL)
        assert done.returncode == 0, _log(done)
        assert os.path.ismount(site.output)
        assert not (site.output / "stale.html").exists()
        (site.content / "stories" / "only-english.en.md").unlink()
        again = publish(site, SITEURL)
        assert again.returncode == 0, _log(again)
        assert not list(site.root.glob("output.*"))
        clean = make_site(tmp_path / "clean")
        (clean.content / "stories" / "only-english.en.md").unlink()
        assert publish(clean, SITEURL).returncode == 0
        assert tree(site.output) == tree(clean.output)
    finally:
        _umount(site.output)


def test_a_killed_publish_leaves_nothing_after_the_next_one(tmp_path):
    site = published_site(tmp_path / "site", SITEURL)
    before = tree(site.output)
    settings = site.settings_file(base="publishconf")
    command = [sys.executable, str(PROJECT / "tools" / "publish.py")]
    command += ["--content", str(site.content), "--settings", str(settings)]
    command += ["--output", str(site.output)]
    killed = subprocess.Popen(
        command,
        cwd=site.root,
        env={**os.environ, "SITEURL": SITEURL},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the build goes down with it
    )
    deadline = time.monotonic() + 120
    while not list(site.root.glob("output.tmp-*/*")):
        assert killed.poll() is None, "the publish finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    assert list(site.root.glob("output.tmp-*")), "the killed publish left its folder"
    assert tree(site.output) == before

    done = publish(site, SITEURL)
    assert done.returncode == 0, _log(done)
    assert "left by a publish that was interrupted" in _log(done)
    assert not list(site.root.glob("output.*"))
    assert tree(site.output) == before
    cache = site.root / ".cache" / "campaign"
    assert len(list(cache.glob("output-*.json"))) == 1


def test_an_output_lost_during_a_killed_swap_is_put_back(tmp_path):
    site = published_site(tmp_path / "site", SITEURL)
    before = tree(site.output)
    shutil.move(site.output, site.root / "output.old-999999999")  # no such process
    site.write("stories/broken.en.md", "")  # this publish fails: the old site must be back
    done = publish(site, SITEURL)
    assert done.returncode != 0
    assert "was put back" in _log(done)
    assert tree(site.output) == before
    assert not list(site.root.glob("output.*"))
