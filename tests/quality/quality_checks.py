"""The quality gates as plain functions, shared by the gate tests and their negative tests.

Nothing here imports pytest: every check takes a folder (a built site or a modified copy of one)
or a Playwright page, and returns a list of human-readable problems (empty means it passes).
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree, html

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # offline: every host name but the test server's fails to resolve (requests still show)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
APT_HINT = (
    "run `make system-deps` as root (apt-get install -y chromium nginx-light default-jre-headless)"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HOME_BUDGET = 100 * 1024  # bytes of HTML + CSS + JS + fonts on the home page, images excluded
LANGUAGES = {"en": "", "fr": "fr/", "ar": "ar/"}
PAGE_TYPES = [
    "home",
    "story-list",
    "story",
    "page",
    "hint",
    "hint-list",
    "meme-list",
    "meme",
    "tags",
    "tag",
    "archives",
    "404",
    "follow",
    "rules",
    "checklist",
]
# the style guide is one page, in the default language (tests/quality/test_design.py)
GALLERY_TYPES = ["gallery", "album", "image"]
WEIGHTS: dict[str, dict[str, dict]] = {}  # page type -> language -> weight, for the summary
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".svg", ".ico")


# --------------------------------------------------------------------------- the built site


def url_file(output: Path, url: str) -> Path:
    """The file a site-relative URL (no leading slash) is served from."""
    return output / (url + "index.html" if url == "" or url.endswith("/") else url)


def _first_dir(folder: Path, prefer: str = "") -> str | None:
    """Name of the first sub-folder (sorted) holding an index.html, preferring one whose page
    contains ``prefer``; ``page`` (pagination) is not an entry."""
    if not folder.is_dir():
        return None
    names = sorted(
        p.name for p in folder.iterdir() if p.name != "page" and (p / "index.html").is_file()
    )
    if prefer:
        for name in names:
            if prefer in (folder / name / "index.html").read_text(encoding="utf-8"):
                return name
    return names[0] if names else None


def page_url(output: Path, lang: str, kind: str) -> str | None:
    """Site-relative URL of one page of type ``kind`` in language ``lang``, or None if the site
    has no such page."""
    prefix = LANGUAGES[lang]
    base = output / prefix
    fixed = {
        "home": "",
        "story-list": "stories/",
        "page": "report-it/",
        "hint-list": "hints/",
        "meme-list": "memes/",
        "tags": "tags/",
        "archives": "archives/",
        "404": "404.html",
        "follow": "follow/",
        "rules": "dos-and-donts/",
        "checklist": "hints/checklist/",
        "styleguide": "style-guide/",
        "gallery": "gallery/",
    }
    if kind in fixed:
        url = prefix + fixed[kind]
        return url if url_file(output, url).is_file() else None
    folder = {"story": "stories", "hint": "hints", "meme": "memes", "tag": "tags"}.get(kind)
    if folder:
        # a story with a content warning shows the most components
        name = _first_dir(base / folder, 'class="content-warning"' if kind == "story" else "")
        return f"{prefix}{folder}/{name}/" if name else None
    album = _first_dir(base / "gallery")
    if kind == "album":
        return f"{prefix}gallery/{album}/" if album else None
    if kind == "image" and album:
        image = _first_dir(base / "gallery" / album)
        return f"{prefix}gallery/{album}/{image}/" if image else None
    return None


def site_origin(output: Path) -> str:
    """The site's canonical origin, read from the home page's canonical link."""
    tree = html.parse(str(output / "index.html"))
    hrefs = tree.xpath('//link[@rel="canonical"]/@href')
    if not hrefs:
        raise AssertionError("the home page has no <link rel=canonical>")
    parts = urlsplit(hrefs[0])
    return f"{parts.scheme}://{parts.netloc}"


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def file_url(output: Path, path: Path) -> str:
    """Site-relative URL of a built file (``index.html`` shown as its folder)."""
    rel = path.relative_to(output).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def copy_site(output: Path, target: Path) -> Path:
    """A modifiable copy of a built site (images hard-linked when possible: they are big)."""

    def copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(output, target, copy_function=copy)
    return target


def edit_page(output: Path, url: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a built page (fails loudly if ``old`` is absent)."""
    path = url_file(output, url)
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise AssertionError(f"{old!r} not in {url or '/'}")
    path.unlink()  # the copy may be a hard link: never write through it
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --------------------------------------------------------------------------- links


@dataclass
class _Target:
    exists: bool
    ids: frozenset[str] = frozenset()


URL_ATTRIBUTES = {"href", "src", "poster", "data", "action", "cite"}


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def html_urls(tree) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, URL) of a parsed page: href/src/srcset and friends, and the
    site-pointing ``<meta content>`` of social cards."""
    found = []
    for element in tree.iter(etree.Element):
        tag = element.tag if isinstance(element.tag, str) else ""
        for name, value in element.attrib.items():
            name = name.lower()
            if name in URL_ATTRIBUTES:
                found.append((tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                found += [(tag, name, url) for url in _srcset_urls(value)]
            elif tag == "meta" and name == "content" and re.match(r"https?://", value):
                found.append((tag, name, value.strip()))
    return found


class LinkChecker:
    """Checks that internal URLs point at built files and that #fragments exist there.

    Internal: relative URLs, root-relative ones and absolute ones on the site's own origin
    (canonical links, hreflang alternates, feeds and social cards use absolute URLs).
    """

    def __init__(self, output: Path, origin: str):
        self.output = output
        self.origin = origin.rstrip("/")
        self._targets: dict[Path, _Target] = {}

    def _target(self, path: Path) -> _Target:
        if path not in self._targets:
            if not path.is_file():
                self._targets[path] = _Target(False)
            elif path.suffix in (".html", ".htm"):
                tree = html.parse(str(path))
                ids = tree.xpath("//@id") + tree.xpath("//a/@name")
                self._targets[path] = _Target(True, frozenset(ids))
            else:
                self._targets[path] = _Target(True)
        return self._targets[path]

    def resolve(self, base_url: str, url: str) -> str | None:
        """Absolute URL of ``url`` on the site, or None when it is not the site's."""
        if not url or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
            return None
        absolute = urljoin(base_url, url)
        if absolute == self.origin or absolute.startswith(self.origin + "/"):
            return absolute
        return None

    def check_url(self, source: str, base_url: str, url: str) -> str | None:
        absolute = self.resolve(base_url, url)
        if absolute is None:
            return None
        parts = urlsplit(absolute)
        rel = unquote(parts.path).lstrip("/")
        path = self.output / rel
        if rel == "" or rel.endswith("/") or path.is_dir():
            path = path / "index.html"
        target = self._target(path)
        if not target.exists:
            return f"{source}: broken link {url!r} (no file {path.relative_to(self.output)})"
        fragment = unquote(parts.fragment)
        if fragment and fragment != "top" and path.suffix == ".html" and fragment not in target.ids:
            return f"{source}: link {url!r}: no id {fragment!r} in {parts.path}"
        return None

    def check_html(self, path: Path) -> list[str]:
        source = path.relative_to(self.output).as_posix()
        base_url = f"{self.origin}/{file_url(self.output, path)}"
        tree = html.parse(str(path))
        problems = []
        for _tag, _attr, url in html_urls(tree):
            problem = self.check_url(source, base_url, url)
            if problem:
                problems.append(problem)
        return problems

    def check_feed(self, path: Path) -> list[str]:
        """XML (RSS, Atom, sitemap) and JSON (JSON Feed) files: every value that is a URL on
        the site, including links inside HTML carried in the feed's content."""
        source = path.relative_to(self.output).as_posix()
        base_url = f"{self.origin}/{file_url(self.output, path)}"
        values: list[str] = []
        urls = []
        if path.suffix == ".json":
            values = list(_json_strings(json.loads(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".txt":  # robots.txt
            for line in path.read_text(encoding="utf-8").splitlines():
                name, _, value = line.partition(":")
                if name.strip().lower() == "sitemap":
                    urls.append(value.strip())
        else:
            tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False))
            for element in tree.getroot().iter(etree.Element):
                for name, value in element.attrib.items():
                    values.append(value)
                    local = etree.QName(name).localname  # a relative href/src
                    if local in ("href", "src") and "://" not in value:
                        urls.append(value)
                if element.text and element.text.strip():
                    values.append(element.text.strip())
        for value in values:
            if value.startswith(self.origin) and not re.search(r"\s", value):
                urls.append(value)
            elif "<" in value and ("href=" in value or "src=" in value):
                # HTML content of an item: its links are resolved against the site
                fragment = html.fragment_fromstring(value, create_parent="div")
                urls += [url for _t, _a, url in html_urls(fragment)]
        problems = []
        for url in urls:
            problem = self.check_url(source, base_url, url)
            if problem:
                problems.append(problem)
        return problems

    def check_site(self) -> list[str]:
        problems = []
        for path in html_files(self.output):
            problems += self.check_html(path)
        for path in feed_files(self.output):
            problems += self.check_feed(path)
        return problems


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def feed_files(output: Path) -> list[Path]:
    """Feeds (RSS, Atom, JSON), the sitemap and robots.txt."""
    suffixes = {".xml", ".rss", ".atom", ".json"}
    found = [p for p in output.rglob("*") if p.suffix in suffixes and p.is_file()]
    found += [p for p in [output / "robots.txt"] if p.is_file()]
    return sorted(p for p in found if p.stat().st_size)


# --------------------------------------------------------------------------- static rules


def _other_origin(url: str, origin: str) -> bool:
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if not parts.scheme or parts.scheme in ("data", "blob"):
        return False
    if parts.scheme not in ("http", "https"):
        return True
    return f"{parts.scheme}://{parts.netloc}" != origin.rstrip("/")


RESOURCE_TAGS = {"link", "script", "img", "iframe", "source", "video", "audio", "embed", "object"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def static_rule_problems(output: Path, origin: str) -> list[str]:
    """No inline script, inline style, event handler or ``javascript:`` URL on any page, and
    nothing loaded from another origin (HTML resources and CSS ``url()``/``@import``)."""
    problems = []
    for path in html_files(output):
        source = path.relative_to(output).as_posix()
        tree = html.parse(str(path))
        for element in tree.iter(etree.Element):
            tag = element.tag if isinstance(element.tag, str) else ""
            line = element.sourceline
            if tag == "script" and not element.get("src"):
                problems.append(f"{source}:{line}: inline <script> (use a file with src=)")
            if tag == "style":
                problems.append(f"{source}:{line}: <style> element (use theme/static/css)")
            for name, value in element.attrib.items():
                name = name.lower()
                if name == "style":
                    problems.append(f"{source}:{line}: inline style attribute on <{tag}>")
                elif name.startswith("on"):
                    problems.append(f"{source}:{line}: inline event handler {name}= on <{tag}>")
                elif value.strip().lower().startswith("javascript:"):
                    problems.append(f"{source}:{line}: javascript: URL on <{tag}>")
            if tag in RESOURCE_TAGS and not (
                tag == "link" and element.get("rel", "").lower() in ("canonical", "alternate")
            ):
                urls = [element.get(a, "") for a in ("src", "href", "data", "poster")]
                urls += _srcset_urls(element.get("srcset", ""))
                urls += _srcset_urls(element.get("imagesrcset", ""))
                for url in filter(None, (u.strip() for u in urls)):
                    if _other_origin(url, origin):
                        problems.append(f"{source}:{line}: <{tag}> loads {url!r} from another site")
    for path in sorted(output.rglob("*.css")):
        source = path.relative_to(output).as_posix()
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
            url = match.group(2) or match.group(4)
            if _other_origin(url.strip(), origin):
                problems.append(f"{source}: CSS loads {url!r} from another site")
    return problems


# --------------------------------------------------------------------------- HTML validity


def vnu_problems_by_folder(folders: list[Path], jar: Path = VNU_JAR) -> dict[Path, list[str]]:
    """Nu HTML Checker errors over every HTML file (and CSS) of each folder, in one run of
    the checker (one Java start-up), each with its path relative to its folder."""
    done = subprocess.run(
        [
            "java",
            # the client compiler only: a run of a few seconds is over before the optimising
            # compiler pays off (less than half the CPU time); it needs a deeper stack
            "-XX:TieredStopAtLevel=1",
            "-Xss4m",
            "-jar",
            str(jar),
            "--errors-only",
            "--also-check-css",
            "--format",
            "json",
            "--skip-non-html",
            *(str(folder) for folder in folders),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = done.stderr.strip() or done.stdout.strip()
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(
            f"vnu.jar failed (exit {done.returncode}):\n{report[-3000:]}"
        ) from None
    problems: dict[Path, list[str]] = {folder: [] for folder in folders}
    for message in messages:
        where = unquote(urlsplit(message.get("url", "")).path)
        owner = next((f for f in folders if where.startswith(str(f.resolve()) + "/")), folders[0])
        if where.startswith(str(owner.resolve()) + "/"):
            where = where[len(str(owner.resolve())) + 1 :]
        line = message.get("lastLine", "")
        extract = message.get("extract", "").strip().replace("\n", " ")[:120]
        problems[owner].append(f"{where}:{line}: {message.get('message')}  [{extract}]")
    return problems


# --------------------------------------------------------------------------- HTTP server


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that closes a connection mid-answer (a page left before its last
        picture) is not an error of the site: no traceback in the test log."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StaticServer:
    """``http.server`` with directory indexes on 127.0.0.1, a free port, in a thread."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, rel: str) -> str:
        return f"{self.origin}/{rel}"


# --------------------------------------------------------------------------- browser checks


class PageWatch:
    """Listens to one Playwright page: console errors, uncaught exceptions and requests to
    any origin other than the site's (recorded; Chromium resolves no host name but 127.0.0.1,
    see ``CHROMIUM_ARGS``, so they fail and the tests stay offline)."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page = page
        page.on("console", self._console)
        page.on("pageerror", self._uncaught)
        page.on("request", self._request)

    def stop(self) -> None:
        """Stop listening (the page itself is kept, for the next test to use)."""
        self.page.remove_listener("console", self._console)
        self.page.remove_listener("pageerror", self._uncaught)
        self.page.remove_listener("request", self._request)

    def _uncaught(self, error) -> None:
        self.errors.append(f"uncaught: {error}")

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            self.errors.append(f"console error: {message.text} ({location})")

    def _is_foreign(self, url: str) -> bool:
        return not (
            url.startswith(self.origin + "/")
            or url == self.origin
            or url.startswith(("data:", "blob:", "about:"))
        )

    def _request(self, request) -> None:
        if self._is_foreign(request.url):
            self.foreign.append(request.url)

    def reset(self) -> None:
        self.errors.clear()
        self.foreign.clear()

    def problems(self) -> list[str]:
        return self.errors + [f"request to another origin: {url}" for url in self.foreign]


CONTRAST_RULES = ["color-contrast", "link-in-text-block"]  # what a color scheme changes


def axe_problems(axe, page, rules: list[str] | None = None) -> list[str]:
    """axe-core WCAG 2.1 A/AA violations of the loaded page (or only ``rules``), one line per
    element."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe.axe_script)  # once per page: the dark-scheme run reuses it
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    response = page.evaluate("options => axe.run(document, options)", options)
    problems = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            target = ", ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            problems.append(f"axe {violation['id']} ({violation['impact']}): {target}: {summary}")
    return problems


OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const wide = [];
  if (root.scrollWidth > root.clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > root.clientWidth + 1 || box.left < -1) {
        wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                  + ' [' + Math.round(box.left) + ', ' + Math.round(box.right) + ']');
      }
    }
  }
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 8)};
}"""


def overflow_problems(page) -> list[str]:
    """Horizontal scroll: the document is wider than the viewport."""
    found = page.evaluate(OVERFLOW_JS)
    if found["scroll"] <= found["client"]:
        return []
    return [
        f"horizontal scroll: scrollWidth {found['scroll']} > clientWidth {found['client']}; "
        f"too wide: {'; '.join(found['wide'])}"
    ]


FOCUS_LOG_JS = """() => {
  window.__qaFocus = [];
  document.addEventListener('focusin', event => {
    const el = event.target;
    const style = getComputedStyle(el);
    window.__qaFocus.push({
      target: el.getAttribute('data-qa-target'),
      text: (el.textContent || el.tagName).trim().slice(0, 40),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      shadow: style.boxShadow !== 'none',
    });
  });
  return [...document.querySelectorAll(
      '.language-switcher a[href], header a.report-cta[href]')].map((el, i) => {
    el.setAttribute('data-qa-target', String(i));
    return el.outerHTML;
  });
}"""


def keyboard_problems(page, max_tabs: int = 40, batch: int = 8) -> list[str]:
    """From the top of a freshly loaded page, Tab reaches every language switcher link and the
    "Report it" link of the header, and each focused element shows a visible focus outline."""
    targets = page.evaluate(FOCUS_LOG_JS)
    problems = []
    if not page.query_selector("header a.report-cta[href]"):
        problems.append('no "Report it" link (header a.report-cta) on the page')
    if not page.query_selector(".language-switcher a[href]"):
        problems.append("no language switcher links (.language-switcher a)")
    remaining = set(range(len(targets)))
    pressed = 0
    while remaining and pressed < max_tabs:
        for _ in range(batch):
            page.keyboard.press("Tab")
        pressed += batch
        for focused in page.evaluate("() => window.__qaFocus.splice(0)"):
            if not (focused["outline"] or focused["shadow"]):
                problems.append(f"no visible focus indicator on {focused['text']!r}")
            if focused["target"] is not None:
                remaining.discard(int(focused["target"]))
    for index in sorted(remaining):
        problems.append(f"Tab does not reach {targets[index][:160]} within {max_tabs} presses")
    return problems


NOJS_JS = """() => {
  const main = document.querySelector('main');
  const navLinks = [...document.querySelectorAll('nav a[href]')]
    .filter(a => a.getBoundingClientRect().width > 0);
  const box = main ? main.getBoundingClientRect() : null;
  return {
    main: main ? main.innerText.trim().length : -1,
    mainVisible: !!box && box.width > 0 && box.height > 0,
    h1: !!(main && main.querySelector('h1') && main.querySelector('h1').innerText.trim()),
    nav: navLinks.length,
  };
}"""


def nojs_problems(page) -> list[str]:
    """With JavaScript off: visible main content with a heading, and visible nav links."""
    # Runs in Playwright's utility world, which works when the page's scripts are off.
    found = page.evaluate(NOJS_JS)
    problems = []
    if found["main"] < 20 or not found["mainVisible"]:
        problems.append(f"without JavaScript, <main> is missing or empty ({found})")
    if not found["h1"]:
        problems.append("without JavaScript, <main> has no visible <h1>")
    if found["nav"] < 3:
        problems.append(f"without JavaScript, the navigation shows {found['nav']} link(s)")
    return problems


WEIGHT_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const items = [{url: nav.name, type: 'document', bytes: nav.encodedBodySize || nav.transferSize}];
  for (const r of performance.getEntriesByType('resource')) {
    items.push({url: r.name, type: r.initiatorType, bytes: r.encodedBodySize || r.transferSize});
  }
  return items;
}"""


def page_weight(page, output: Path) -> dict:
    """Bytes the loaded page fetched, by kind: HTML, CSS, JS, fonts and images (images are
    reported apart and not counted in ``total``); ``gzip`` estimates ``total`` compressed.
    A file of the built site counts with its size on disk, whether the browser fetched it or
    found it in its cache (a cached file reports no body, or a 304's headers)."""
    weight = {"html": 0, "css": 0, "js": 0, "fonts": 0, "other": 0, "images": 0, "gzip": 0}
    for item in page.evaluate(WEIGHT_JS):
        path = unquote(urlsplit(item["url"]).path)
        lower = path.lower()
        if item["type"] == "document":
            kind = "html"
        elif lower.endswith(IMAGE_SUFFIXES) or item["type"] == "img":
            kind = "images"
        elif lower.endswith(".css"):
            kind = "css"
        elif lower.endswith((".js", ".mjs")):
            kind = "js"
        elif lower.endswith((".woff2", ".woff", ".ttf", ".otf", ".eot")):
            kind = "fonts"
        else:
            kind = "other"
        built = url_file(output, path.lstrip("/"))
        if built.is_file():
            data = built.read_bytes()
            weight[kind] += len(data)
            if kind != "images":
                weight["gzip"] += gzip_size(data)
        else:
            weight[kind] += int(item["bytes"] or 0)
    weight["total"] = sum(weight[k] for k in ("html", "css", "js", "fonts", "other"))
    return weight


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 9))
