"""sitemap.xml and robots.txt, from plain data (no Pelican, no templates).

The sitemap lists every indexable page with its absolute address, the date it last changed
(when it has one) and its ``hreflang`` alternates, as search engines expect of a multilingual
site: https://developers.google.com/search/docs/specialty/international/localized-versions
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP_NAME = "sitemap.xml"
MAX_URLS = 50_000  # the protocol's limit for one sitemap file


@dataclass(frozen=True)
class SitemapUrl:
    loc: str  # absolute URL
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, absolute URL), x-default last
    lastmod: datetime | None = None


def _w3c(moment: datetime) -> str:
    """W3C Datetime as the sitemap protocol wants: a date, or a time with its offset."""
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def build_sitemap(urls: Iterable[SitemapUrl]) -> bytes:
    """The sitemap document, URLs sorted by address so every build writes the same bytes."""
    items = sorted(urls, key=lambda item: item.loc)
    if len(items) > MAX_URLS:
        raise ValueError(f"{len(items)} URLs do not fit one sitemap (at most {MAX_URLS})")
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    for item in items:
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = item.loc
        if item.lastmod is not None:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = _w3c(item.lastmod)
        for hreflang, href in item.alternates:
            link = etree.SubElement(url, f"{{{XHTML_NS}}}link")
            link.set("rel", "alternate")
            link.set("hreflang", hreflang)
            link.set("href", href)
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots_txt(sitemap_url: str) -> bytes:
    """Every crawler may visit everything; the sitemap is announced by its absolute URL."""
    return f"User-agent: *\nDisallow:\n\nSitemap: {sitemap_url}\n".encode()
