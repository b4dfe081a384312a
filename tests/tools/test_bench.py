"""`make bench` keeps working from a clone alone: a smoke run on tiny corpora made by the
project's own generator (tools/gen_corpus.py), in a scratch folder."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT

GEN = PROJECT / "tools" / "gen_corpus.py"


def generate(folder, *args: str) -> dict:
    run = subprocess.run(
        [sys.executable, str(GEN), str(folder), "--quiet", *args], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return json.loads((folder / "manifest.json").read_text())


def test_corpus_is_deterministic_and_a_smaller_one_is_a_prefix(tmp_path):
    first = generate(tmp_path / "a", "--stories", "6", "--pages", "2")
    assert first == generate(tmp_path / "b", "--stories", "6", "--pages", "2")
    assert first["counts"] == {"story_files": 18, "page_files": 6, "albums": 0, "images": 0}
    generate(tmp_path / "c", "--stories", "3", "--pages", "2")
    for path in (tmp_path / "c" / "content").rglob("*.md"):
        twin = tmp_path / "a" / path.relative_to(tmp_path / "c")
        assert twin.read_bytes() == path.read_bytes(), path.name


@pytest.mark.first  # about 20 s: not the last test of a worker
def test_quick_bench_measures_every_figure(tmp_path):
    results = tmp_path / "bench.json"
    run = subprocess.run(
        [
            sys.executable,
            str(PROJECT / "tools" / "bench.py"),
            "--quick",
            "--work",
            str(tmp_path / "work"),
            "--results",
            str(results),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    figures = json.loads(results.read_text())
    for name in (
        "plain pelican start-up (empty site)",
        "tiny plain pelican full",
        "tiny ours full",
        "tiny ours nothing changed",
        "tiny ours one story edited",
        "tiny ours one story added",
        "tiny devserver save to reload",
        "images Pillow floor",
        "images ours cold",
        "images ours warm",
    ):
        assert figures[name]["median_s"] > 0, name
    assert figures["tiny ours full"]["peak_mib"] > 0
    search = figures["tiny search index"]
    assert search["median_s"] > 0 and search["pages"] > 0 and search["size_kib"] > 0
    assert "tiny search: index size (KiB)" in run.stdout
    per_photo = figures["images per photo"]
    assert per_photo["photos"] == 4 and per_photo["cold_ms"] > per_photo["warm_ms"] > 0
    assert "ratio to plain" in run.stdout and "Pillow floor" in run.stdout
