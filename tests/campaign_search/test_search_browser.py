"""The search pages of the real content, published and served by nginx with the production
headers, used in Debian's Chromium: results, languages, keyboard, axe, no JavaScript.

Screenshots: test-artifacts/screenshots/search--<lang>--<device>.png.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "campaign_publish"))

from publish_support import NGINX, Site, free_port, nginx_serving, publish
from quality.quality_checks import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT,
    SCREENSHOTS,
    PageWatch,
    axe_problems,
    overflow_problems,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt nginx-light)"),
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason="chromium is not installed"),
    # one published site and one nginx: pytest-xdist (--dist loadgroup) runs them in one worker
    pytest.mark.xdist_group("search-browser"),
]
RESULT_LINKS = ".search-results .search-result-title a"
WASM = "'wasm-unsafe-eval'"
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, real_site):
    """The real content, published for http://127.0.0.1:<port> and served by nginx. The
    publish starts from the shared development build's caches (pictures and memes are
    keyed by their inputs, so they are reused, not redrawn): the same files, a fifth of
    the time."""
    base = tmp_path_factory.mktemp("search")
    site = Site(base / "site")
    shutil.copytree(PROJECT / "content", site.content)
    shutil.copytree(real_site.output.parent / ".cache", site.root / ".cache")
    site.settings["CAMPAIGN_IMAGE_PROGRESS"] = False
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}"
    done = publish(site, siteurl)
    assert done.returncode == 0, done.stdout + done.stderr
    with nginx_serving(NGINX, site.root / "server" / "nginx.conf", base / "nginx", port):
        yield siteurl, site


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Visit:
    """One page in a fresh context, watched for console errors and warnings, requests to
    other sites and content security policy violations."""

    def __init__(self, browser, siteurl: str, **options):
        self.siteurl = siteurl
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(120_000)  # a shared, busy machine: be patient
        self.page = self.context.new_page()
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.watch = PageWatch(self.page, siteurl)
        self.warnings: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                self.warnings.append(message.text) if message.type == "warning" else None
            ),
        )

    def open(self, path: str):
        response = self.page.goto(self.siteurl + path, wait_until="load")
        assert response.ok, path
        return response

    def search(self, query: str) -> list[str]:
        """Type ``query`` as a visitor would and return the result paths, best first."""
        field = self.page.locator("#search-query")
        field.fill("")
        field.press_sequentially(query, delay=20)
        self.page.wait_for_function(
            "q => document.querySelector('[data-search-results]').dataset.query === q",
            arg=query,
        )
        links = self.page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
        return [urlsplit(href).path for href in links]

    def problems(self) -> list[str]:
        found = self.watch.problems() + [f"console warning: {text}" for text in self.warnings]
        found += [f"CSP: {v}" for v in self.page.evaluate("window.__cspViolations || []")]
        return found

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, served):
    visits = []

    def make(**options) -> Visit:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        made = Visit(browser, served[0], **options)
        visits.append(made)
        return made

    yield make
    for made in visits:
        made.close()


def screenshot(page, lang: str, device: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search--{lang}--{device}.png"), full_page=True)


def arabic_story() -> tuple[str, str]:
    """(slug, a long word of its title) of the first Arabic story of the real content."""
    path = sorted((PROJECT / "content" / "stories").glob("*.ar.md"))[0]
    title = re.search(r"^Title:\s*(.+)$", path.read_text(encoding="utf-8"), re.M).group(1)
    words = sorted(re.findall(r"[\u0621-\u064a]+", title), key=len, reverse=True)
    return path.name.split(".")[0], words[0]


def test_only_the_search_paths_may_compile_webassembly(served):
    siteurl, _site = served
    for path, allowed in (
        ("/search/", True),
        ("/fr/search/", True),
        ("/ar/search/?q=x", True),
        ("/pagefind/pagefind-worker.js", True),
        ("/", False),
        ("/report-it/", False),
        ("/fr/stories/", False),
        ("/no-such-page/search/", False),
    ):
        try:
            with urllib.request.urlopen(siteurl + path, timeout=10) as response:
                headers = response.headers
        except urllib.error.HTTPError as error:
            headers = error.headers
        csp = headers["Content-Security-Policy"]
        assert csp.startswith("default-src 'self'"), path
        assert (WASM in csp) is allowed, (path, csp)


def test_report_finds_the_report_it_page_first_or_second(visit):
    visiting = visit()
    visiting.open("/search/")
    results = visiting.search("report")
    assert "/report-it/" in results[:2], results
    assert all(not path.startswith(("/fr/", "/ar/")) for path in results), results
    # title, section and the matched words highlighted
    first = visiting.page.locator(".search-result").first
    assert first.locator(".search-result-title a").inner_text().strip()
    assert visiting.page.locator(".search-result-excerpt mark").count() >= 1
    assert visiting.page.locator(".search-result-section").count() >= 1
    status = visiting.page.locator("[data-search-status]").inner_text()
    assert status.startswith("Number of results:"), status
    assert visiting.problems() == []


def test_signaler_finds_the_french_report_page_and_nothing_in_other_languages(visit):
    visiting = visit()
    visiting.open("/fr/search/")
    results = visiting.search("signaler")
    assert "/fr/report-it/" in results, results
    for query in ("report", "TikTok", "mème", "haine"):
        found = visiting.search(query)
        assert all(path.startswith("/fr/") for path in found), (query, found)
    status = visiting.page.locator("[data-search-status]").inner_text()
    assert status.startswith(("Nombre de résultats", "Aucun résultat")), status
    visiting.search("zzqqxx")
    none = visiting.page.locator("[data-search-status]").inner_text()
    assert none.startswith("Aucun résultat pour «\u202fzzqqxx\u202f»"), none
    assert visiting.problems() == []


def test_a_word_of_an_arabic_title_finds_its_story(visit):
    slug, word = arabic_story()
    visiting = visit()
    visiting.open("/ar/search/")
    assert visiting.page.evaluate("document.documentElement.dir") == "rtl"
    results = visiting.search(word)
    assert f"/ar/stories/{slug}/" in results, (word, results)
    assert all(path.startswith("/ar/") for path in results), results
    assert visiting.page.locator("[data-search-status]").inner_text().startswith("عدد النتائج")
    screenshot(visiting.page, "ar", "desktop")
    assert visiting.problems() == []


def test_memes_show_their_picture(visit):
    visiting = visit()
    visiting.open("/search/")
    results = visiting.search("meme share")
    assert any(path.startswith("/memes/") for path in results), results
    pictures = visiting.page.locator(".search-result-image")
    assert pictures.count() >= 1
    pictures.first.scroll_into_view_if_needed()
    visiting.page.wait_for_function(
        "() => [...document.querySelectorAll('.search-result-image')]"
        ".some(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(visiting.page, "en", "desktop")
    assert visiting.problems() == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_is_clean_with_results_open(visit, lang):
    from axe_playwright_python.sync_playwright import Axe

    visiting = visit()
    visiting.open("/search/" if lang == "en" else "/ar/search/")
    assert visiting.search("report" if lang == "en" else arabic_story()[1])
    assert axe_problems(Axe(), visiting.page) == []
    assert visiting.problems() == []


def test_keyboard_only(visit):
    visiting = visit()
    page = visiting.page
    visiting.open("/search/")
    for _ in range(30):  # from the top of the page to the search field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-query":
            break
    else:
        pytest.fail("Tab never reaches the search field")
    page.keyboard.type("report", delay=20)
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.activeElement && document.activeElement.matches({RESULT_LINKS!r})"
    )
    target = page.evaluate("document.activeElement.href")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Tab")  # on to the next result
    assert page.evaluate(f"document.activeElement.matches({RESULT_LINKS!r})")
    page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target
    assert visiting.problems() == []


def test_phone_layout(visit):
    visiting = visit(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    visiting.open("/fr/search/")
    visiting.search("signaler")
    assert overflow_problems(visiting.page) == []
    screenshot(visiting.page, "fr", "phone")
    visiting.open("/ar/search/")
    visiting.search(arabic_story()[1])
    assert overflow_problems(visiting.page) == []
    screenshot(visiting.page, "ar", "phone")
    assert visiting.problems() == []


def test_without_javascript_the_page_offers_sections_and_topics(visit):
    visiting = visit(java_script_enabled=False)
    visiting.open("/fr/search/?q=signaler")
    page = visiting.page
    note = page.locator(".search-nojs")
    assert note.is_visible()
    assert "JavaScript" in note.inner_text()
    assert page.locator(".search-browse a[href*='/fr/tags/']").count() >= 3
    assert page.locator(".search-browse a[href$='/fr/stories/']").count() == 1
    assert page.locator(".search-results").is_hidden()
    screenshot(page, "fr", "nojs")
    # the form comes back to the search page, which stays useful
    page.locator("#search-query").fill("haine")
    with page.expect_navigation():
        page.locator(".search-form button").click()
    assert urlsplit(page.url).path == "/fr/search/" and "q=haine" in page.url
    assert visiting.problems() == []


def test_other_pages_load_no_script(visit):
    visiting = visit()
    scripts = []
    visiting.page.on(
        "request",
        lambda request: scripts.append(request.url) if request.resource_type == "script" else None,
    )
    for path in ("/", "/fr/report-it/", "/ar/stories/", "/memes/", "/fr/no-such-page/"):
        visiting.page.goto(visiting.siteurl + path)
    assert scripts == []
