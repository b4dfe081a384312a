"""Fixtures of the quality gates: the real site built once, served over HTTP, one Chromium.

Chromium (Debian's ``chromium``) and Java (``default-jre-headless``, for vnu.jar) are system
packages that ``make test`` installs (``make system-deps``): without them these tests FAIL.
Locally, ``SKIP_BROWSER=1`` skips the browser tests and ``SKIP_VNU=1`` the HTML validation
(both refused when ``CI`` is set).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .quality_checks import (
    APT_HINT,
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    GALLERY_TYPES,
    LANGUAGES,
    PAGE_TYPES,
    PROJECT,
    VNU_JAR,
    WEIGHTS,
    StaticServer,
    copy_site,
    edit_page,
    page_url,
    site_origin,
)


def _opted_out(variable: str, what: str) -> None:
    """Skip when the developer opted out with ``variable=1``; CI may not opt out."""
    if os.environ.get(variable, "") not in ("", "0"):
        if os.environ.get("CI", "") not in ("", "0", "false"):
            pytest.fail(f"{variable} is set but CI is too: CI must run the {what}", False)
        pytest.skip(f"{variable}=1: {what} skipped on request")


def require_chromium() -> str:
    _opted_out("SKIP_BROWSER", "browser checks")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} not found: the browser checks need Debian's chromium; {APT_HINT}, "
            "or set SKIP_BROWSER=1 to skip them locally",
            False,
        )
    return CHROMIUM


def require_vnu() -> tuple[str, Path]:
    _opted_out("SKIP_VNU", "HTML validation (vnu.jar)")
    java = shutil.which("java")
    if not java:
        pytest.fail(
            f"java not found: the HTML validation runs vnu.jar; {APT_HINT}, "
            "or set SKIP_VNU=1 to skip it locally",
            False,
        )
    jar = Path(os.environ.get("VNU_JAR", VNU_JAR))
    if not jar.is_file():
        pytest.fail(
            f"{jar} not found: run `make test` (it installs the pinned npm package vnu-jar) or "
            "`npm ci --ignore-scripts --no-audit --no-fund`, or set SKIP_VNU=1 to skip it locally",
            False,
        )
    return java, jar


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """Path of vnu.jar, with java on PATH (fails with the fix when either is missing)."""
    return require_vnu()[1]


# --------------------------------------------------------------------------- the site


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """The real content built once (development settings) into a temporary folder; or, with
    ``QUALITY_SITE=<folder>``, a site already built there (e.g. ``output``), to iterate fast."""
    prebuilt = os.environ.get("QUALITY_SITE", "")
    if prebuilt:
        folder = Path(prebuilt).resolve()
        assert (folder / "index.html").is_file(), f"QUALITY_SITE={prebuilt}: no index.html there"
        return folder
    real_site = request.getfixturevalue("real_site")
    assert real_site.returncode == 0, f"the real site does not build:\n{real_site.log[-4000:]}"
    return real_site.output


@pytest.fixture(scope="session")
def origin(built_site) -> str:
    """The site's canonical origin (absolute links to it are internal links)."""
    return site_origin(built_site)


@pytest.fixture(scope="session")
def site_server(built_site):
    with StaticServer(built_site) as server:
        yield server


def _cases() -> list[tuple[str, str]]:
    kinds = list(PAGE_TYPES)
    if (PROJECT / "content" / "gallery").is_dir():
        kinds += GALLERY_TYPES
    return [(lang, kind) for kind in kinds for lang in LANGUAGES]


def pytest_generate_tests(metafunc):
    if "page_case" in metafunc.fixturenames:
        cases = _cases()
        metafunc.parametrize("page_case", cases, ids=[f"{lang}-{kind}" for lang, kind in cases])


@pytest.fixture
def page_url_of(built_site):
    """``(lang, kind) -> URL`` of the built page of that type; fails if the site lacks it."""

    def find(lang: str, kind: str) -> str:
        url = page_url(built_site, lang, kind)
        if url is None:
            pytest.fail(f"the built site has no {kind!r} page in {lang!r}", False)
        return url

    return find


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium per test process (never a downloaded browser)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


CONTEXTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 375, "height": 812},
        "device_scale_factor": 1,
        "is_mobile": True,
        "has_touch": True,
    },
    "nojs": {"viewport": {"width": 1280, "height": 900}, "java_script_enabled": False},
}


@pytest.fixture(scope="session")
def contexts(browser):
    """Browser contexts by name (see ``CONTEXTS``), created on first use, kept for the session."""
    made = {}

    def get(name: str):
        if name not in made:
            options = {"color_scheme": "light", "reduced_motion": "reduce", **CONTEXTS[name]}
            made[name] = browser.new_context(**options)
        return made[name]

    yield get
    for context in made.values():
        context.close()


@pytest.fixture(scope="session")
def tabs(contexts):
    """One page (a browser tab) per context, kept for the session: test after test loads
    its URL into it, since opening a tab starts a renderer process, which costs twice a page
    load. Each use first puts back what a test may have changed: the context's viewport and
    the light color scheme (every load is a new document, with its own DOM and focus)."""
    made = {}

    def get(name: str):
        page = made.get(name)
        if page is None or page.is_closed():
            page = made[name] = contexts(name).new_page()
        page.set_viewport_size(CONTEXTS[name]["viewport"])
        page.emulate_media(color_scheme="light")
        return page

    return get


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# --------------------------------------------------------------------------- reporting
# (called by tests/conftest.py's hooks, which also run in pytest-xdist's controller)


def write_weights() -> None:
    if WEIGHTS:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "page-weight.json").write_text(json.dumps(WEIGHTS, indent=2) + "\n")


def weights_summary(terminalreporter) -> None:
    if not WEIGHTS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("page weight (bytes, images excluded; gzip estimate)")
    langs = list(LANGUAGES)
    write(f"{'page type':<12}" + "".join(f"{lang:>22}" for lang in langs))
    for kind in WEIGHTS:
        cells = []
        for lang in langs:
            weight = WEIGHTS[kind].get(lang)
            cells.append(f"{weight['total']:>10} ({weight['gzip']:>7} gz)" if weight else "")
        write(f"{kind:<12}" + "".join(f"{cell:>22}" for cell in cells))
    write("written to test-artifacts/page-weight.json")


# --------------------------------------------------------------------------- faults

HEAD_END = "</head>"
MAIN_START = '<main id="main" tabindex="-1">'
BODY_END = "</body>"
FONT = "https://fonts.googleapis.com/css2?family=Roboto"


def _faults(output: Path, origin: str) -> dict:
    """neg/<name>/ -> (old, new) edits of a copy of the home page that add one fault each."""
    image = sorted((output / "images").glob("*.png"))[0].name
    return {
        "img-alt": (MAIN_START, f'{MAIN_START}<img src="/images/{image}" width="40" height="40">'),
        "dark-contrast": (HEAD_END, f'<link rel="stylesheet" href="/neg/dark.css">{HEAD_END}'),
        "console": (BODY_END, f'<script src="/neg/boom.js"></script>{BODY_END}'),
        "foreign": (HEAD_END, f'<link rel="stylesheet" href="{FONT}">{HEAD_END}'),
        "wide": (HEAD_END, f'<link rel="stylesheet" href="/neg/wide.css">{HEAD_END}'),
        "keyboard": ('class="report-cta" href', 'class="report-cta" tabindex="-1" href'),
        "heavy": (HEAD_END, f'<link rel="stylesheet" href="/neg/heavy.css">{HEAD_END}'),
        "links": (
            MAIN_START,
            f'{MAIN_START}<p><a href="/no-such-page/">a</a> <a href="/report-it/#no-such-id">b</a>'
            f' <a href="missing.html">c</a> <a href="{origin}/gone/">d</a></p>',
        ),
        "inline-script": (BODY_END, f"<script>document.title = 'x';</script>{BODY_END}"),
        "inline-style": (MAIN_START, f'{MAIN_START}<p style="color: red">x</p>'),
        "style-element": (HEAD_END, f"<style>p {{ color: red; }}</style>{HEAD_END}"),
        "font-css": (HEAD_END, f'<link rel="stylesheet" href="/neg/font.css">{HEAD_END}'),
        "invalid-html": (MAIN_START, f"{MAIN_START}<span><p>block in inline</p></span>"),
    }


NEG_FILES = {
    "dark.css": "@media (prefers-color-scheme: dark) { .lead { color: #3b3842; } }\n",
    "boom.js": "console.error('boom: a script error');\n",
    "wide.css": "main::after { content: ''; display: block; inline-size: 900px; block-size: 9px; }",
    "heavy.css": "/*" + "x" * 120_000 + "*/\n",
    "font.css": (
        "@font-face { font-family: X; src: url(https://fonts.gstatic.com/s/x.woff2); }\n"
        '@import "https://fonts.googleapis.com/css2?family=Y";\n'
    ),
    "fill.js": (
        "document.querySelector('main').insertAdjacentHTML('afterbegin', "
        "'<h1>Rendered by JavaScript</h1><p>Only there with scripts on, which is the fault.</p>');\n"
    ),
}


@pytest.fixture(scope="session")
def faulty_site(built_site, origin, tmp_path_factory) -> Path:
    """A copy of the built site with one fault per page under neg/<fault>/ (see ``_faults``),
    for the negative tests that prove each gate catches its fault."""
    root = copy_site(built_site, tmp_path_factory.mktemp("faulty") / "output")
    neg = root / "neg"
    neg.mkdir()
    for name, text in NEG_FILES.items():
        (neg / name).write_text(text, encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for name, (old, new) in _faults(built_site, origin).items():
        (neg / name).mkdir()
        (neg / name / "index.html").write_text(home, encoding="utf-8")
        edit_page(root, f"neg/{name}/", old, new)
    # the same overflow on a right-to-left page (it overflows to the left there)
    (neg / "wide-rtl").mkdir()
    (neg / "wide-rtl" / "index.html").write_text(
        (built_site / "ar" / "index.html")
        .read_text(encoding="utf-8")
        .replace(HEAD_END, f'<link rel="stylesheet" href="/neg/wide.css">{HEAD_END}'),
        encoding="utf-8",
    )
    # a page whose main content only JavaScript writes
    (neg / "nojs").mkdir()
    start, end = home.index(MAIN_START) + len(MAIN_START), home.index("</main>")
    nojs = home[:start] + home[end:]
    nojs = nojs.replace(BODY_END, f'<script src="/neg/fill.js"></script>{BODY_END}')
    (neg / "nojs" / "index.html").write_text(nojs, encoding="utf-8")
    # feeds whose site links are broken
    (neg / "feeds").mkdir()
    (neg / "feeds" / "all.atom.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        f'<link href="{origin}/"/><link rel="self" href="{origin}/neg/feeds/nope.xml"/>'
        f'<entry><title>e</title><link href="{origin}/stories/no-such-story/"/>'
        f'<content type="html">&lt;a href="{origin}/report-it/#nowhere"&gt;x&lt;/a&gt;</content>'
        "</entry></feed>\n",
        encoding="utf-8",
    )
    (neg / "feeds" / "feed.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "title": "t",'
        f' "home_page_url": "{origin}/", "feed_url": "{origin}/neg/feeds/missing.json",'
        f' "items": [{{"id": "1", "url": "{origin}/memes/gone/",'
        f' "content_html": "<img src=\\"{origin}/images/gone.png\\" alt=\\"\\">"}}]}}\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="session")
def faulty_server(faulty_site):
    with StaticServer(faulty_site) as server:
        yield server
