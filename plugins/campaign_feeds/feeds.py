"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents from plain values.

Pure: no Pelican import. ``FeedInfo`` and ``FeedItem`` carry everything a feed shows, with
absolute URLs; ``render(feed, fmt)`` returns the document's bytes. The same values give the
same bytes: no date is ever "now" (feedgen's defaults are always overridden) and the
generator element carries no version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

GENERATOR = "campaign_feeds"
ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # "updated" of a feed that has never had an item


@dataclass(frozen=True)
class Format:
    key: str  # "rss", "atom", "json"
    suffix: str  # file name after the feed's name: all.rss.xml
    mime: str
    name: str  # shown to people; a format's proper name, not translated


FORMATS = (
    Format("rss", "rss.xml", "application/rss+xml", "RSS"),
    Format("atom", "atom.xml", "application/atom+xml", "Atom"),
    Format("json", "json", "application/feed+json", "JSON Feed"),
)
FORMAT_BY_KEY = {fmt.key: fmt for fmt in FORMATS}


@dataclass(frozen=True)
class Enclosure:
    url: str  # absolute
    length: int  # bytes
    mime: str


@dataclass(frozen=True)
class Category:
    term: str  # machine form (a tag's slug)
    label: str  # what people read (the tag's name)
    scheme: str = ""  # absolute URL of the site's tag index


@dataclass(frozen=True)
class FeedItem:
    id: str  # permanent, never a URL of the output (see ``tag_uri``)
    url: str  # absolute URL of the entry's page
    title: str  # plain text
    content_html: str  # full content, every URL absolute
    summary: str  # plain text
    published: datetime  # time-zone aware
    updated: datetime  # time-zone aware
    authors: tuple[str, ...] = ()  # names (pseudonyms) only, never an e-mail address
    categories: tuple[Category, ...] = ()
    enclosure: Enclosure | None = None
    language: str = ""


@dataclass(frozen=True)
class FeedInfo:
    id: str
    title: str
    description: str
    language: str  # BCP 47 tag: <language>, xml:lang, JSON "language"
    home_url: str  # absolute URL of the HTML page the feed belongs to
    urls: dict[str, str]  # format key -> absolute URL of this feed in that format
    publisher: str  # the site's name: the feed's author, by name only
    items: tuple[FeedItem, ...] = ()
    icon: str = ""  # absolute URL of a square PNG: RSS <image>, Atom <icon>/<logo>, JSON icon
    favicon: str = ""  # absolute URL of a small square PNG: JSON Feed's favicon
    empty_updated: datetime = field(default=EPOCH)  # "updated" when there is no item

    @property
    def updated(self) -> datetime:
        """The newest item's date: unchanged content gives an unchanged feed."""
        return max((item.updated for item in self.items), default=self.empty_updated)


def tag_uri(host: str, date: str, specific: str) -> str:
    """A ``tag:`` URI (RFC 4151): stable across rebuilds, output folders and URL changes."""
    return f"tag:{host.lower()},{date}:{specific}"


def host_of(siteurl: str) -> str:
    return urlsplit(siteurl).hostname or "localhost"


# -- content ------------------------------------------------------------------------------

URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action")


@lru_cache(maxsize=4096)  # one entry is in several feeds and formats: parse it once
def absolutize(html: str, base: str) -> str:
    """``html`` with every link and picture URL (href, src, srcset, ...) absolute against
    ``base`` (the absolute URL of the page the HTML comes from)."""
    from bs4 import BeautifulSoup  # imported when a feed is written, not on every build

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for name in URL_ATTRIBUTES:
            value = tag.get(name)
            if isinstance(value, str) and value.strip():
                tag[name] = urljoin(base, value.strip())
        srcset = tag.get("srcset")
        if isinstance(srcset, str) and srcset.strip():
            tag["srcset"] = _absolute_srcset(srcset, base)
    return str(soup)


def _absolute_srcset(srcset: str, base: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([urljoin(base, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


# -- documents ----------------------------------------------------------------------------


def render(feed: FeedInfo, fmt: str) -> bytes:
    if fmt == "rss":
        return rss(feed)
    if fmt == "atom":
        return atom(feed)
    if fmt == "json":
        return json_feed(feed)
    raise ValueError(f"unknown feed format {fmt!r}")


def _generator(feed: FeedInfo, fmt: Format) -> FeedGenerator:
    from feedgen.feed import FeedGenerator  # imported when a feed is written

    gen = FeedGenerator()
    gen.id(feed.id)
    gen.title(feed.title)
    gen.description(feed.description or feed.title)
    gen.language(feed.language)
    gen.author(name=feed.publisher)
    gen.generator(GENERATOR)
    # RSS's channel <link> is feedgen's last link: the page the feed belongs to
    gen.link(href=feed.urls[fmt.key], rel="self", type=fmt.mime)
    gen.link(href=feed.home_url, rel="alternate", type="text/html", hreflang=feed.language)
    gen.updated(feed.updated)  # atom:updated and rss:lastBuildDate, never "now"
    if feed.icon:
        gen.icon(feed.icon)
        gen.logo(feed.icon)  # Atom's logo; then RSS's <image> with the channel's title and link
        gen.image(url=feed.icon, title=feed.title, link=feed.home_url)
    if fmt.key == "rss":
        gen.load_extension("dc", atom=False, rss=True)
    for item in feed.items:
        entry = gen.add_entry(order="append")
        entry.id(item.id)
        entry.title(item.title)
        if fmt.key == "rss":  # Atom entry links: see ``_atom_links``
            entry.link(href=item.url, rel="alternate", type="text/html")
            if item.enclosure:
                enclosure = item.enclosure
                entry.enclosure(enclosure.url, str(enclosure.length), enclosure.mime)
        entry.content(item.content_html, type="html")
        if fmt.key == "rss":
            entry.summary(escape(item.summary, quote=False))  # description holds HTML
        else:
            entry.summary(item.summary)  # atom:summary as text
        entry.published(item.published)
        entry.updated(item.updated)
        for name in item.authors:
            if fmt.key == "rss":
                entry.dc.dc_creator(name)
            else:
                entry.author(name=name)
        for category in item.categories:
            values = {"term": category.term, "label": category.label}
            if category.scheme:
                values["scheme"] = category.scheme
            entry.category(**values)
    return gen


def _atom_links(root: etree._Element, items: tuple[FeedItem, ...]) -> None:
    """Add each entry's alternate and enclosure links (feedgen 1.0.0 drops the ``rel``,
    ``type`` and ``length`` of entry links in Atom, which would turn an enclosure into a
    second alternate)."""
    entries = root.findall(f"{{{ATOM_NS}}}entry")
    for element, item in zip(entries, items, strict=True):
        anchor = element.find(f"{{{ATOM_NS}}}content")
        links = [{"rel": "alternate", "type": "text/html", "href": item.url}]
        if item.enclosure:
            links.append(
                {
                    "rel": "enclosure",
                    "type": item.enclosure.mime,
                    "length": str(item.enclosure.length),
                    "href": item.enclosure.url,
                }
            )
        for attributes in reversed(links):
            link = etree.Element(f"{{{ATOM_NS}}}link", attributes)
            if anchor is not None:
                anchor.addnext(link)
            else:
                element.append(link)


def _finish(xml: bytes, feed: FeedInfo, fmt: str) -> bytes:
    """Complete feedgen's document: Atom entry links; re-indented, deterministic bytes. No
    ``<?xml-stylesheet?>``: a feed is for feed readers, and browsers are removing XSLT, so
    the site's pages link to the Follow page instead (docs/design.md, "Feeds in a browser").

    ``huge_tree``: an entry's HTML is one text node, and libxml2 refuses text nodes over
    10 MB ("text node too long") without it. Safe here: the document is feedgen's own
    serialisation of sanitised content (no DTD, no entities to expand), and its size is
    bounded by the Markdown size limit (``campaign_site.safety``)."""
    parser = etree.XMLParser(
        remove_blank_text=True, huge_tree=True, resolve_entities=False, no_network=True
    )
    root = etree.fromstring(xml, parser)
    if fmt == "atom":
        _atom_links(root, feed.items)
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def rss(feed: FeedInfo) -> bytes:
    gen = _generator(feed, FORMAT_BY_KEY["rss"])
    return _finish(gen.rss_str(), feed, "rss")


def atom(feed: FeedInfo) -> bytes:
    gen = _generator(feed, FORMAT_BY_KEY["atom"])
    return _finish(gen.atom_str(), feed, "atom")


def _date(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def json_feed(feed: FeedInfo) -> bytes:
    items = []
    for item in feed.items:
        data: dict[str, object] = {
            "id": item.id,
            "url": item.url,
            "title": item.title,
            "content_html": item.content_html,
            "summary": item.summary,
        }
        if item.enclosure and item.enclosure.mime.startswith("image/"):
            data["image"] = item.enclosure.url
        data["date_published"] = _date(item.published)
        data["date_modified"] = _date(item.updated)
        if item.authors:
            data["authors"] = [{"name": name} for name in item.authors]
        if item.categories:
            data["tags"] = [category.label for category in item.categories]
        data["language"] = item.language or feed.language
        if item.enclosure:
            data["attachments"] = [
                {
                    "url": item.enclosure.url,
                    "mime_type": item.enclosure.mime,
                    "size_in_bytes": item.enclosure.length,
                }
            ]
        items.append(data)
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.urls["json"],
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.publisher}],
    }
    if feed.icon:
        document["icon"] = feed.icon
    if feed.favicon:
        document["favicon"] = feed.favicon
    document["items"] = items
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
