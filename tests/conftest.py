"""Shared fixtures: a tiny site builder that runs real Pelican builds (forked from a build
server, tests/build_server.py, or in a new interpreter)."""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
NOW = "2026-11-22T12:00:00"  # fixed "now" so scheduled content is deterministic in tests


@dataclass
class BuildResult:
    returncode: int
    log: str
    output: Path

    def page(self, url: str) -> str:
        """HTML of a site URL such as ``"fr/stories/x/"``."""
        rel = url + "index.html" if url == "" or url.endswith("/") else url
        return (self.output / rel).read_text(encoding="utf-8")

    def exists(self, url: str) -> bool:
        rel = url + "index.html" if url == "" or url.endswith("/") else url
        return (self.output / rel).is_file()


# The test sites' compiled templates: one folder per test run, shared by the workers (an
# environment variable, as tests/campaign_publish loads this file as a module of its own).
# Keyed by the template's file, its source and the environment, so sites with other themes or
# settings get entries of their own (tests/campaign_site/test_template_cache.py).
TEMPLATES = "CAMPAIGN_TEST_TEMPLATE_CACHE"


@pytest.fixture(scope="session", autouse=True)
def _template_cache(tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    run = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    os.environ[TEMPLATES] = str(run / "templates")


@dataclass
class Site:
    """A throwaway site: its own content/, output/ and cache, the project's theme and plugins."""

    root: Path
    settings: dict = field(default_factory=dict)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def settings_file(self, extra: dict | None = None, base: str = "pelicanconf") -> Path:
        shared = os.environ.get(TEMPLATES)
        values = {
            **({"CAMPAIGN_TEMPLATE_CACHE_PATH": shared} if shared else {}),
            **self.settings,
            **(extra or {}),
        }
        lines = [
            "import sys",
            f"sys.path.insert(0, {str(PROJECT)!r})",
            f"from {base} import *  # noqa",
            "PATH = 'content'",
            "OUTPUT_PATH = 'output'",
            f"THEME = {str(PROJECT / 'theme')!r}",
            f"PLUGIN_PATHS = [{str(PROJECT / 'plugins')!r}]",
            f"CAMPAIGN_NOW = {NOW!r}",
            f"CAMPAIGN_EDITOR_TEMPLATES = {str(PROJECT / 'docs' / 'templates')!r}",
        ]
        lines += [f"{key} = {value!r}" for key, value in values.items()]
        path = self.root / f"settings_{base}.py"
        path.write_text("\n".join(lines) + "\n")
        return path

    def build(
        self,
        *args: str,
        extra: dict | None = None,
        base: str = "pelicanconf",
        env: dict | None = None,
        fresh: bool = False,
    ) -> BuildResult:
        """A real ``pelican`` run of the site, forked from the worker's build server
        (tests/build_server.py); in a new interpreter when ``fresh`` (its own hash seed: for
        tests that compare two builds byte for byte) or with ``env`` variables of its own."""
        settings = self.settings_file(extra, base)
        argv = [str(self.content), "-s", str(settings), "-o", str(self.output), *args]
        environ = {**os.environ, "COLUMNS": "250", **(env or {})}
        if not fresh and env is None:
            returncode, log = BUILD_SERVER.build(argv, self.root, environ)
            return BuildResult(returncode, log, self.output)
        done = subprocess.run(
            [sys.executable, "-m", "pelican", *argv],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=environ,
            timeout=600,
        )
        return BuildResult(done.returncode, done.stdout + done.stderr, self.output)


class BuildServer:
    """This test process's build server (tests/build_server.py), started on first use."""

    TIMEOUT = 600

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def build(self, argv: list[str], cwd: Path, environ: dict) -> tuple[int, str]:
        with self.lock, tempfile.NamedTemporaryFile("rb", suffix=".log") as log:
            if self.process is None or self.process.poll() is not None:
                self.process = subprocess.Popen(
                    [sys.executable, str(PROJECT / "tests" / "build_server.py")],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env={**os.environ, "COLUMNS": "250"},
                    text=True,
                )
            assert self.process.stdin is not None and self.process.stdout is not None
            request = {"argv": argv, "cwd": str(cwd), "env": environ, "log": log.name}
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [], self.TIMEOUT)
            line = self.process.stdout.readline() if ready else ""
            if not line:
                self.process.kill()
                self.process = None
                raise RuntimeError(f"no build within {self.TIMEOUT} s (or the build server died)")
            text = log.read().decode("utf-8", "replace")
        return json.loads(line)["returncode"], text


BUILD_SERVER = BuildServer()


STORY = """\
Title: {title}
Slug: {slug}
Lang: {lang}
Date: 2026-02-07 09:00
Author: Sami
Age: 15
Tags: {tags}
Summary: {title} summary.

A paragraph of the story {slug} in {lang}.
"""


def story(slug: str, lang: str = "en", title: str | None = None, tags: str = "school") -> str:
    """A valid story file's text."""
    return STORY.format(slug=slug, lang=lang, title=title or f"Story {slug} {lang}", tags=tags)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty throwaway site (add files with ``site.write``)."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    return Site(root)


def copy_built_site(base: Path, root: Path) -> None:
    """Copy the built site folder ``base`` (content, output, caches; file times kept) to
    ``root``. The writer's manifest is named after the output folder: it is renamed for the
    copy's, so the copy's next build is incremental."""
    from campaign_site.render import manifest_path

    shutil.copytree(base, root, symlinks=True)
    cache = root / ".cache" / "campaign"
    manifest_path(cache, base / "output").rename(manifest_path(cache, root / "output"))


def shared(tmp_path_factory, name: str, make):
    """``make(folder)``'s JSON-able result, made once per test run: with pytest-xdist the first
    worker makes it in a folder all workers see (under a file lock) and the others wait and
    reuse it. Only for things the tests read and never change."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process: nothing to share
        return make(tmp_path_factory.mktemp(name))
    run = tmp_path_factory.getbasetemp().parent  # this run's folder, above the workers' own
    folder, done = run / name, run / f"{name}.json"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(json.dumps(make(folder)))
    return json.loads(done.read_text())


def pytest_collection_modifyitems(items):
    """Tests marked ``first`` go first. pytest-xdist hands out its groups (largest first), then
    the other tests in this order: a long test collected last would keep one worker busy long
    after the other has finished."""
    items.sort(key=lambda item: item.get_closest_marker("first") is None)


@pytest.fixture(autouse=True)
def _kept_in_its_group(request):
    """Fail a test that pytest-xdist's ``--dist loadgroup`` did not keep in its group (it
    marks a grouped test's id with ``@group``; pytest 9.2 drops that, pytest-xdist#1386):
    such a run still passes, but each worker builds its own copy of every shared site."""
    config, node = request.config, request.node
    if not os.environ.get("PYTEST_XDIST_WORKER") or not config.getoption("loadgroup", False):
        return
    if node.get_closest_marker("xdist_group") and "@" not in node.nodeid:
        pytest.fail(
            f"pytest-xdist lost this test's group with pytest {pytest.__version__} "
            "(pytest-xdist#1386): install the locked versions (make test)"
        )


def pytest_sessionfinish(session):
    """The page weights the browser tests measured (tests/quality): a pytest-xdist worker
    hands its own to the controller, which writes them all."""
    from quality.conftest import write_weights
    from quality.quality_checks import WEIGHTS

    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["page_weights"] = json.dumps(WEIGHTS)
    else:
        write_weights()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from quality.quality_checks import WEIGHTS

    for kind, by_lang in json.loads(node.workeroutput.get("page_weights", "{}")).items():
        WEIGHTS.setdefault(kind, {}).update(by_lang)


def pytest_terminal_summary(terminalreporter):
    from quality.conftest import weights_summary

    weights_summary(terminalreporter)


def _build_real(root: Path) -> list:
    shutil.copytree(PROJECT / "content", root / "content")
    result = Site(root).build()
    return [result.returncode, result.log, str(result.output)]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuildResult:
    """The project's real content built once per test run with development settings (shared
    by the xdist workers: tests only read it)."""
    returncode, log, output = shared(tmp_path_factory, "real", _build_real)
    return BuildResult(returncode, log, Path(output))
