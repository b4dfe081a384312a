"""The published site behind Debian's nginx with the generated server block, then in Debian's
chromium (through Playwright) with the content security policy in force.

Skipped only when the nginx or chromium binary is missing; `make test` installs both
(`make system-deps`).
"""

from __future__ import annotations

import gzip
import os
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import brotli
import pytest
from publish_support import NGINX, PROJECT, free_port, make_site, nginx_serving, publish
from quality.quality_checks import CHROMIUM as _BROWSER
from quality.quality_checks import CHROMIUM_ARGS

CHROMIUM = _BROWSER if os.access(_BROWSER, os.X_OK) else None
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Permissions-Policy",
    "X-Frame-Options",
)
IMMUTABLE = "public, max-age=31536000, immutable"
FOLLOW = """\
Title: Follow {lang}
Slug: follow
Lang: {lang}
Template: follow
Summary: Our feeds, in {lang}.

How to follow us, in {lang}.
"""

pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt nginx-light)"),
    # the tests share one nginx: pytest-xdist (--dist loadgroup) runs them in one worker
    pytest.mark.xdist_group("nginx"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A site published for http://127.0.0.1:<port> and served there by nginx."""
    base = tmp_path_factory.mktemp("served")
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}"
    site = make_site(base / "site")
    for lang in ("en", "fr", "ar"):  # the page the lists' feed links lead to
        site.write(f"pages/follow.{lang}.md", FOLLOW.format(lang=lang))
    done = publish(site, siteurl)
    assert done.returncode == 0, done.stdout + done.stderr
    with nginx_serving(NGINX, site.root / "server" / "nginx.conf", base / "nginx", port):
        yield siteurl, site


def fetch(url: str, accept_encoding: str | None = None) -> tuple[int, dict, bytes]:
    """Status, headers (case-insensitive) and raw body, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url)
    if accept_encoding is not None:
        request.add_header("Accept-Encoding", accept_encoding)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _asset(site, folder: str, suffix: str) -> str:
    return next(
        path.relative_to(site.output).as_posix()
        for path in sorted((site.output / folder).rglob(f"*{suffix}"))
    )


@pytest.mark.parametrize("path", ["/", "/fr/", "/ar/stories/first/", "/sitemap.xml", "/missing"])
def test_security_headers_on_every_response(server, path):
    siteurl, _site = server
    _status, headers, _body = fetch(siteurl + path, "gzip, deflate, br")
    for name in SECURITY_HEADERS:
        assert headers[name], (path, name)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "upgrade-insecure-requests" not in csp  # the test site is served over plain http
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_hashed_files_are_cached_for_a_year_and_pages_briefly(server):
    siteurl, site = server
    css = _asset(site, "assets", ".css")
    image = _asset(site, "images", ".jpg")
    for rel in (css, image, _asset(site, "assets", ".svg")):
        status, headers, _ = fetch(f"{siteurl}/{rel}")
        assert status == 200, rel
        assert headers["Cache-Control"] == IMMUTABLE, rel
    for path in ("/", "/fr/stories/first/", "/sitemap.xml", "/robots.txt"):
        _status, headers, _ = fetch(siteurl + path)
        assert headers["Cache-Control"] == "public, max-age=300", path


@pytest.mark.parametrize(
    ("path", "rel", "mime"),
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/fr/stories/first/", "fr/stories/first/index.html", "text/html; charset=utf-8"),
        ("/sitemap.xml", "sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "robots.txt", "text/plain; charset=utf-8"),
        ("CSS", "", "text/css; charset=utf-8"),
    ],
)
def test_precompressed_files_are_served_by_encoding(server, path, rel, mime):
    siteurl, site = server
    if path == "CSS":
        rel = _asset(site, "assets", ".css")
        path = "/" + rel
    original = (site.output / rel).read_bytes()
    for accept, encoding, decode in (
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ):
        status, headers, body = fetch(siteurl + path, accept)
        assert status == 200
        assert headers["Content-Encoding"] == encoding, (path, accept)
        assert headers["Content-Type"] == mime
        assert "Accept-Encoding" in headers["Vary"]
        assert decode(body) == original
    status, headers, body = fetch(siteurl + path, "identity")
    assert headers["Content-Encoding"] is None and body == original


def test_mime_types(server):
    siteurl, site = server
    expected = {".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml"}
    found = 0
    for suffix, mime in expected.items():
        files = sorted(site.output.rglob(f"*{suffix}"))
        if not files:
            continue
        rel = files[0].relative_to(site.output).as_posix()
        _status, headers, _ = fetch(f"{siteurl}/{rel}", "gzip, br")
        assert headers["Content-Type"].split(";")[0] == mime, rel
        found += 1
    assert found
    for path in (
        sorted((site.output / "feeds").rglob("*.json")) if (site.output / "feeds").is_dir() else []
    ):
        _status, headers, _ = fetch(f"{siteurl}/{path.relative_to(site.output).as_posix()}")
        assert headers["Content-Type"] == "application/json; charset=utf-8"
    # what a browser asks for when it shows a feed or a picture: the brand's icon, not a 404
    status, headers, body = fetch(f"{siteurl}/favicon.ico")
    assert (status, headers["Content-Type"]) == (200, "image/x-icon")
    assert body == (PROJECT / "theme" / "static" / "img" / "favicon.ico").read_bytes()


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/missing", "404.html"),
        ("/stories/nothing-here/", "404.html"),
        ("/fr/missing", "fr/404.html"),
        ("/fr/stories/nothing/", "fr/404.html"),
        ("/ar/missing.html", "ar/404.html"),
        ("/assets/", "404.html"),  # a folder without a page
        ("/_headers", "404.html"),  # the static hosts' file is not served
    ],
)
def test_missing_pages_get_their_language_404(server, path, page):
    siteurl, site = server
    status, headers, body = fetch(siteurl + path, "br")
    assert status == 404
    assert headers["Content-Encoding"] == "br"
    assert brotli.decompress(body) == (site.output / page).read_bytes()


def test_folder_without_slash_redirects_relatively(server):
    siteurl, _site = server
    status, headers, _ = fetch(siteurl + "/fr")
    assert status == 301 and headers["Location"] == "/fr/"


# -- in the browser ---------------------------------------------------------------------------

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt chromium)")
def test_pages_load_in_chromium_under_the_policy(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    siteurl, _site = server
    origin = urlsplit(siteurl)
    paths = [
        "/",
        "/fr/",
        "/ar/",
        "/stories/pictured/",
        "/fr/stories/pictured/",
        "/ar/about/",
        "/tags/",
        "/fr/no-such-page/",
    ]
    problems, foreign, failed = [], [], []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(RECORD_VIOLATIONS)
            missing_url = siteurl + "/fr/no-such-page/"

            def on_console(message):
                if message.type not in ("error", "warning"):
                    return
                url = message.location.get("url", "")
                if url == missing_url and "404" in message.text:
                    return  # the page asked for on purpose does not exist
                problems.append(f"console {message.type} at {url}: {message.text}")

            page.on("console", on_console)
            page.on(
                "response",
                lambda response: (
                    failed.append(f"{response.status} {response.url}")
                    if response.status >= 400 and response.url != missing_url
                    else None
                ),
            )
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on(
                "request",
                lambda request: (
                    foreign.append(request.url)
                    if urlsplit(request.url).netloc != origin.netloc
                    else None
                ),
            )
            page.on(
                "requestfailed",
                lambda request: (
                    # a late request (the favicon) cancelled because the test moved on to the
                    # next page is not a failure; anything blocked or unreachable is
                    failed.append(f"{request.failure} {request.url}")
                    if request.failure != "net::ERR_ABORTED"
                    else None
                ),
            )
            for path in paths:
                response = page.goto(siteurl + path, wait_until="load")
                expected = 404 if "no-such-page" in path else 200
                assert response.status == expected, path
                assert response.headers["content-security-policy"].startswith("default-src")
                violations = page.evaluate("window.__cspViolations")
                assert violations == [], (path, violations)
                # the stylesheet applied and every picture decoded (img-src 'self' suffices)
                assert page.evaluate("document.styleSheets.length") >= 1, path
                # (lazy pictures loaded now, and waited for: on a busy machine one may still
                # be on its way at the load event)
                broken = page.evaluate(
                    """async () => {
                      const images = [...document.images];
                      images.forEach(i => { i.loading = 'eager'; });
                      await Promise.all(images.map(i => i.decode().catch(() => null)));
                      return images.filter(i => i.naturalWidth === 0)
                                   .map(i => i.currentSrc || i.src);
                    }"""
                )
                assert broken == [], (path, broken)
            pictured = page.goto(siteurl + "/stories/pictured/")
            assert pictured.ok
            assert page.evaluate("document.images.length") >= 1
        finally:
            browser.close()
    assert problems == []
    assert foreign == []
    assert failed == []


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt chromium)")
def test_feed_links_lead_to_the_follow_page_and_feeds_open_under_the_policy(server):
    """Feeds are plain feeds (no XSLT, which browsers are removing; docs/design.md): a list's
    visible feed link opens the Follow page in its language, and a feed opened in a tab is
    shown by the browser's own viewer, with the right type and no policy violation."""
    sync_api = pytest.importorskip("playwright.sync_api")
    siteurl, _site = server
    feeds = {
        "/feeds/all.atom.xml": "application/xml; charset=utf-8",
        "/fr/feeds/stories.rss.xml": "application/xml; charset=utf-8",
        "/ar/feeds/all.json": "application/json; charset=utf-8",
    }
    problems = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(RECORD_VIOLATIONS)
            page.on(
                "console",
                lambda message: (
                    problems.append(message.text)
                    if "Content Security Policy" in message.text or "XSLT" in message.text
                    else None
                ),
            )
            page.goto(siteurl + "/fr/stories/", wait_until="load")
            page.click(".feed-link a")
            page.wait_for_load_state("load")
            assert page.url == siteurl + "/fr/follow/#feed-stories"
            assert page.evaluate("document.documentElement.lang") == "fr"
            assert page.evaluate("document.styleSheets.length") >= 1
            assert page.evaluate("document.getElementById('feed-stories') !== null")
            assert page.evaluate("window.__cspViolations") == []
            for path, mime in feeds.items():
                response = page.goto(siteurl + path, wait_until="load")
                assert response.status == 200, path
                assert response.headers["content-type"] == mime, path
                policy = response.headers["content-security-policy"]
                assert "script-src 'self';" in policy, path  # scripts stay forbidden
                body = response.body()
                assert b"xml-stylesheet" not in body, path
                title = "Stories" if "stories" in path else "All content"
                assert title in page.evaluate("document.documentElement.innerText"), path
                if path.endswith(".xml"):  # the browser's XML viewer, styled
                    assert page.evaluate("document.styleSheets.length") >= 1, path
        finally:
            browser.close()
    assert problems == []
