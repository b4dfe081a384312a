"""`make bench` keeps working: a smoke run on tiny corpora, in a scratch folder."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PROJECT

GEN = PROJECT.parent / "shared" / "bench" / "gen_corpus.py"


@pytest.mark.skipif(not GEN.is_file(), reason="../shared/bench/gen_corpus.py is not beside")
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
