"""Pagefind over built pages: pages in, the files of the search bundle out. No Pelican import.

Pagefind's command-line program is run once over a folder holding only the pages to index
(hard links to the built files), so what is searchable is decided here and by the templates'
``data-pagefind-*`` attributes, never by what else lies in the output folder. Pagefind makes
one index per language, from each page's ``<html lang>``, with the stemmer of that language
when it has one (English, French and Arabic all have one).

Pagefind's Python API (``pagefind.index``) is not used: it waits a tenth of a second for every
answer of the indexing service, so a site of a thousand pages would take minutes; the program
takes well under a second per thousand pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Pagefind's ready-made interfaces: the site has its own (theme/static/js/search.js)
UNUSED_PREFIXES = (
    "pagefind-ui.",
    "pagefind-modular-ui.",
    "pagefind-component-ui.",
    "pagefind-highlight.",
    "playground/",
)
ENTRY_FILE = "pagefind-entry.json"
INSTALL_FIX = "install the project's dependencies (pyproject.toml pins pagefind[extended])"


class IndexerError(RuntimeError):
    """Pagefind could not index the site; ``fix`` says what to do."""

    def __init__(self, message: str, fix: str = ""):
        super().__init__(message)
        self.fix = fix


@dataclass(frozen=True)
class Bundle:
    """The search bundle: its files (relative to the bundle folder) and what it holds."""

    files: tuple[tuple[str, bytes], ...]
    languages: dict[str, int]  # language code -> pages indexed
    seconds: float

    @property
    def pages(self) -> int:
        return sum(self.languages.values())

    @property
    def size(self) -> int:
        return sum(len(data) for _name, data in self.files)


def executable() -> Path:
    """Pagefind's program, as installed by the ``pagefind`` package's binary extra."""
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = __import__(module).get_executable()
        except (ImportError, AttributeError, FileNotFoundError):
            continue
        if found and Path(found).is_file():
            return Path(found)
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if found:
        return Path(found)
    raise IndexerError("the search indexer (Pagefind) is not installed", INSTALL_FIX)


def version(program: Path) -> str:
    """``pagefind_extended 1.5.2``: part of the index's fingerprint."""
    done = subprocess.run(
        [str(program), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    return done.stdout.strip() or str(program)


def fingerprint(pages: list[tuple[str, str]], *inputs) -> str:
    """Everything the bundle is made from: each indexed file (output-relative name, sha256
    of its bytes) and the indexer's inputs (settings, Pagefind's version)."""
    material = repr((sorted(pages), inputs))
    return hashlib.sha256(material.encode()).hexdigest()


def build_bundle(output: Path, pages: list[str], work: Path, program: Path) -> Bundle:
    """Index ``pages`` (HTML files relative to ``output``); ``work`` is a scratch folder
    (on the output's file system, so the pages are linked rather than copied)."""
    started = time.perf_counter()
    try:
        work.mkdir(parents=True, exist_ok=True)
        scratch_folder = tempfile.TemporaryDirectory(dir=work, prefix="index-")
    except OSError:  # a read-only or full cache: the system's temporary folder instead
        scratch_folder = tempfile.TemporaryDirectory(prefix="campaign-search-")
    with scratch_folder as scratch:
        site, bundle = Path(scratch) / "site", Path(scratch) / "bundle"
        for rel in pages:
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(output / rel, target)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(output / rel, target)
        command = [
            str(program),
            "--site",
            str(site),
            "--output-path",
            str(bundle),
            "--quiet",
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=1800, check=False
            )
        except OSError as error:
            raise IndexerError(f"Pagefind could not be started ({error})", INSTALL_FIX) from None
        if done.returncode != 0 or not (bundle / ENTRY_FILE).is_file():
            detail = " ".join((done.stderr or done.stdout).split())[-400:]
            raise IndexerError(
                f"Pagefind failed (exit status {done.returncode}): {detail or 'no message'}",
                "tell the developers; the site is published without a new search index",
            )
        files = tuple(
            (rel, path.read_bytes())
            for path in sorted(bundle.rglob("*"))
            if path.is_file()
            and not (rel := path.relative_to(bundle).as_posix()).startswith(UNUSED_PREFIXES)
        )
    entry = json.loads(dict(files)[ENTRY_FILE])
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    files = tuple(
        (name, _stable_json(entry) if name == ENTRY_FILE else data) for name, data in files
    )
    languages = {code: int(info.get("page_count", 0)) for code, info in entry["languages"].items()}
    return Bundle(files, languages, time.perf_counter() - started)


def _stable_json(value) -> bytes:
    """Pagefind lists the languages in any order: sorted, the same pages give the same bytes
    (a publish of the same content is byte-identical)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
