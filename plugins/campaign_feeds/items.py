"""From the site model's entries to feed items.

Pure: reads the attributes of ``campaign_site.model.Entry`` (section, slug, lang, url, title,
summary, content, date, modified, author, warning, image_alt, tags) and plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .feeds import Category, Enclosure, FeedItem, absolutize, tag_uri


@dataclass(frozen=True)
class ItemContext:
    """What every item of one language's feeds shares."""

    canonical: str  # the canonical site URL, without a trailing slash
    host: str  # its host name, for tag: URIs
    id_date: str  # the date part of tag: URIs (``CAMPAIGN_FEED_ID_DATE``)
    content_warning: str  # "Content warning:" in the feed's language
    tags_scheme: str  # absolute URL of the language's tag index
    # sections whose picture is the content itself (CAMPAIGN_PICTURE_SECTIONS: memes): the
    # picture heads the item's content
    picture_sections: tuple[str, ...] = ()


def item_id(host: str, id_date: str, section: str, slug: str, lang: str) -> str:
    """The permanent id of an entry in one language: no output path or URL in it."""
    return tag_uri(host, id_date, f"{section}/{slug}/{lang}")


def feed_id(host: str, id_date: str, lang: str, name: str) -> str:
    return tag_uri(host, id_date, f"feeds/{lang}/{name}")


def entry_item(entry, context: ItemContext, enclosure: Enclosure | None = None) -> FeedItem:
    """A feed item for a dated ``entry``: absolute URLs, the content warning first."""
    url = f"{context.canonical}/{entry.url}"
    content = absolutize(str(entry.content), url)
    if enclosure is not None and entry.section in context.picture_sections:
        picture = f'<p><img src="{escape(enclosure.url)}" alt="{escape(entry.image_alt)}"></p>'
        content = f"{picture}\n{content}"
    summary = entry.summary
    if entry.warning:
        label, warning = context.content_warning, entry.warning
        content = f"<p><strong>{escape(label)}</strong> {escape(warning)}</p>\n{content}"
        summary = f"{label} {warning}\n\n{summary}" if summary else f"{label} {warning}"
    if entry.lang.rtl:  # a reader that ignores the feed's language still lays it out right
        content = f'<div dir="rtl" lang="{escape(entry.lang.code)}">{content}</div>'
    return FeedItem(
        id=item_id(context.host, context.id_date, entry.section, entry.slug, entry.lang.code),
        url=url,
        title=entry.title,
        content_html=content,
        summary=summary,
        published=entry.date,
        updated=entry.modified or entry.date,
        authors=(entry.author,) if entry.author else (),
        categories=tuple(
            Category(term=tag.slug, label=tag.name, scheme=context.tags_scheme)
            for tag in entry.tags
        ),
        enclosure=enclosure,
        language=entry.lang.code,
    )


def newest(entries, count: int) -> list:
    """The ``count`` newest dated entries, newest first (ties in a stable order)."""
    dated = [entry for entry in entries if entry.date is not None]
    dated.sort(key=lambda entry: (-entry.date.timestamp(), entry.section, entry.slug))
    return dated[:count]
