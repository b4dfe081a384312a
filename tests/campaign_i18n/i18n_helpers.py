"""Helpers shared by the campaign_i18n tests (HTML reading, the project's paths)."""

from __future__ import annotations

import warnings
from pathlib import Path

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

PROJECT = Path(__file__).resolve().parents[2]
CATALOGS = PROJECT / "theme" / "translations"
TEMPLATES = PROJECT / "theme" / "templates"
TOOL = PROJECT / "tools" / "translations.py"
NOT_TRANSLATED = {
    "en": "This page is not translated yet",
    "fr": "Cette page n’est pas encore traduite",
    "ar": "هذه الصفحة غير مترجمة بعد",
}


def soup(html: str) -> BeautifulSoup:
    """Parse a page."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html, "lxml")


def switcher(html: str) -> dict[str, dict]:
    """The language switcher: {code: {"href", "current", "note"}}."""
    nav = soup(html).select_one("nav.language-switcher")
    assert nav is not None, "no language switcher"
    links = {}
    for item in nav.select("li"):
        current = item.select_one(".current-language")
        if current is not None:
            links[current["lang"]] = {"href": None, "current": True, "note": "", "name": ""}
            continue
        link = item.select_one("a")
        note = link.select_one(".not-translated")
        links[link["hreflang"]] = {
            "href": link["href"],
            "current": False,
            "note": note.get_text(strip=True).strip("()") if note else "",
            "name": link.contents[0].strip() if link.contents else "",
            "lang": link.get("lang"),
        }
    return links


def alternates(html: str) -> dict[str, str]:
    """``<link rel="alternate" hreflang>`` of a page: {hreflang: href}."""
    return {
        link["hreflang"]: link["href"]
        for link in soup(html).select('link[rel="alternate"][hreflang]')
    }


def html_attrs(html: str) -> tuple[str | None, str | None]:
    root = soup(html).html
    return root.get("lang"), root.get("dir")


def html_pages(output: Path) -> list[Path]:
    return sorted(path for path in output.rglob("*.html") if "assets" not in path.parts)


def url_of(output: Path, path: Path) -> str:
    """The site URL of an output file (``fr/stories/x/`` or ``fr/404.html``)."""
    rel = path.relative_to(output).as_posix()
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel
