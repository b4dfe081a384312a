"""Unit tests of campaign_feeds' pure core: no Pelican build."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from campaign_feeds import feeds, strings
from campaign_feeds.items import ItemContext, entry_item, newest
from campaign_feeds.settings import FeedSettingsError, read_settings
from campaign_i18n.catalogs import extract_template_catalog

PROJECT = Path(__file__).resolve().parents[2]
PARIS = timezone(timedelta(hours=1))


def make_feed(items=(), **overrides) -> feeds.FeedInfo:
    values = {
        "id": "tag:campaign.example.org,2026:feeds/en/all",
        "title": "All content – Safer, kinder internet",
        "description": "Young people against online hate speech",
        "language": "en",
        "home_url": "https://campaign.example.org/",
        "urls": {
            "rss": "https://campaign.example.org/feeds/all.rss.xml",
            "atom": "https://campaign.example.org/feeds/all.atom.xml",
            "json": "https://campaign.example.org/feeds/all.json",
        },
        "publisher": "Safer, kinder internet",
        "items": tuple(items),
    }
    values.update(overrides)
    return feeds.FeedInfo(**values)


def make_item(slug="a", day=1, **overrides) -> feeds.FeedItem:
    values = {
        "id": f"tag:campaign.example.org,2026:stories/{slug}/en",
        "url": f"https://campaign.example.org/stories/{slug}/",
        "title": f"Story {slug}",
        "content_html": "<p>Text</p>",
        "summary": "Summary",
        "published": datetime(2026, 1, day, 9, 0, tzinfo=PARIS),
        "updated": datetime(2026, 1, day, 9, 0, tzinfo=PARIS),
        "authors": ("Sami",),
    }
    values.update(overrides)
    return feeds.FeedItem(**values)


def test_absolutize_rewrites_href_src_and_srcset():
    html = (
        '<p><a href="/fr/report-it/">r</a> <a href="../other/">o</a> <a href="#x">x</a>'
        ' <a href="https://elsewhere.example/">e</a> <a href="mailto:a">m</a></p>'
        '<picture><source srcset="/images/a-400.webp 400w, /images/a-800.webp 800w">'
        '<img src="images/a.jpg" srcset="/images/a-1x.jpg 1x,/images/a-2x.jpg 2x" alt="A">'
        "</picture>"
    )
    base = "https://campaign.example.org/fr/stories/x/"
    result = feeds.absolutize(html, base)
    assert 'href="https://campaign.example.org/fr/report-it/"' in result
    assert 'href="https://campaign.example.org/fr/stories/other/"' in result
    assert 'href="https://campaign.example.org/fr/stories/x/#x"' in result
    assert 'href="https://elsewhere.example/"' in result
    assert 'href="mailto:a"' in result
    assert (
        'srcset="https://campaign.example.org/images/a-400.webp 400w, '
        'https://campaign.example.org/images/a-800.webp 800w"'
    ) in result
    assert 'src="https://campaign.example.org/fr/stories/x/images/a.jpg"' in result
    assert "https://campaign.example.org/images/a-2x.jpg 2x" in result
    for value in re.findall(r'(?:href|src)="([^"]*)"', result):
        assert ":" in value, value


def test_tag_uri_uses_host_not_output():
    assert feeds.host_of("https://Campaign.Example.org:8443/sub") == "campaign.example.org"
    assert (
        feeds.tag_uri("campaign.example.org", "2026", "stories/x/fr")
        == "tag:campaign.example.org,2026:stories/x/fr"
    )


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_xml_feeds_parse_and_are_plain_feeds(fmt):
    data = feeds.render(make_feed([make_item("a", 2), make_item("b", 1)]), fmt)
    root = etree.fromstring(data)
    assert root.getprevious() is None, "no <?xml-stylesheet?>: feeds are for feed readers"
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert [entry.id for entry in parsed.entries] == [
        "tag:campaign.example.org,2026:stories/a/en",
        "tag:campaign.example.org,2026:stories/b/en",
    ]
    assert parsed.feed.language == "en"
    assert b"python-feedgen" not in data


def test_updated_is_the_newest_item_never_now():
    item = make_item("a", 3, updated=datetime(2026, 2, 1, 8, 0, tzinfo=PARIS))
    feed = make_feed([make_item("b", 5), item])
    assert feed.updated == datetime(2026, 2, 1, 8, 0, tzinfo=PARIS)
    rss = feeds.render(feed, "rss")
    assert b"<lastBuildDate>Sun, 01 Feb 2026 08:00:00 +0100</lastBuildDate>" in rss
    atom = feeds.render(feed, "atom")
    assert b"<updated>2026-02-01T08:00:00+01:00</updated>" in atom
    empty = make_feed([], empty_updated=datetime(2026, 1, 1, tzinfo=PARIS))
    assert b"<updated>2026-01-01T00:00:00+01:00</updated>" in feeds.render(empty, "atom")
    for fmt in ("rss", "atom", "json"):
        assert feeds.render(feed, fmt) == feeds.render(feed, fmt)


def test_atom_entry_links_keep_rel_type_and_length():
    enclosure = feeds.Enclosure("https://campaign.example.org/images/m.png", 1234, "image/png")
    atom = etree.fromstring(feeds.render(make_feed([make_item(enclosure=enclosure)]), "atom"))
    ns = {"a": feeds.ATOM_NS}
    links = atom.findall("a:entry/a:link", ns)
    assert [(link.get("rel"), link.get("type"), link.get("length")) for link in links] == [
        ("alternate", "text/html", None),
        ("enclosure", "image/png", "1234"),
    ]


def test_json_feed_1_1():
    enclosure = feeds.Enclosure("https://campaign.example.org/images/m.png", 1234, "image/png")
    data = json.loads(feeds.render(make_feed([make_item(enclosure=enclosure)]), "json"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"].endswith("/feeds/all.json")
    item = data["items"][0]
    assert item["date_published"] == "2026-01-01T09:00:00+01:00"
    assert item["attachments"] == [
        {
            "url": "https://campaign.example.org/images/m.png",
            "mime_type": "image/png",
            "size_in_bytes": 1234,
        }
    ]
    assert item["authors"] == [{"name": "Sami"}]


def test_titles_are_plain_text():
    item = make_item(title='Q&A: why "quotes" & <3 matter', summary="Tom & Jerry <3")
    for fmt in ("rss", "atom"):
        parsed = feedparser.parse(feeds.render(make_feed([item]), fmt))
        assert parsed.bozo == 0
        assert parsed.entries[0].title == 'Q&A: why "quotes" & <3 matter'
        assert parsed.entries[0].title_detail.type == "text/plain"
    # RSS titles are ambiguous for readers when they look like markup; Atom's are text
    tagged = make_item(title="Not <b>bold</b>")
    parsed = feedparser.parse(feeds.render(make_feed([tagged]), "atom"))
    assert parsed.entries[0].title == "Not <b>bold</b>"
    atom = etree.fromstring(feeds.render(make_feed([item]), "atom"))
    title = atom.find(f"{{{feeds.ATOM_NS}}}entry/{{{feeds.ATOM_NS}}}title")
    assert title.get("type") in (None, "text")


class _Lang:
    code, prefix, rtl = "fr", "fr/", False


class _Tag:
    def __init__(self, name, slug):
        self.name, self.slug = name, slug


class _Entry:
    section, slug, lang = "stories", "x", _Lang()
    url = "fr/stories/x/"
    title = "Une histoire"
    summary = "Résumé."
    content = '<p>Voir <a href="/fr/report-it/">ici</a>.</p>'
    date = datetime(2026, 1, 18, 16, 30, tzinfo=PARIS)
    modified = None
    author = "Kofi"
    warning = "Décrit des insultes racistes."
    image = ""
    image_alt = ""
    tags = (_Tag("discours de haine", "discours-de-haine"),)


def test_entry_item_puts_the_warning_first_and_uses_a_stable_id():
    context = ItemContext(
        canonical="https://campaign.example.org",
        host="campaign.example.org",
        id_date="2026",
        content_warning="Avertissement :",
        tags_scheme="https://campaign.example.org/fr/tags/",
    )
    item = entry_item(_Entry(), context)
    assert item.id == "tag:campaign.example.org,2026:stories/x/fr"
    assert item.content_html.startswith(
        "<p><strong>Avertissement :</strong> Décrit des insultes racistes.</p>"
    )
    assert 'href="https://campaign.example.org/fr/report-it/"' in item.content_html
    assert item.summary.startswith("Avertissement : Décrit des insultes racistes.")
    assert item.summary.endswith("Résumé.")
    assert item.categories[0].label == "discours de haine"
    assert item.updated == item.published


def test_newest_keeps_dated_entries_newest_first():
    class E:
        def __init__(self, slug, day):
            self.section, self.slug = "stories", slug
            self.date = datetime(2026, 1, day, tzinfo=PARIS) if day else None

    chosen = newest([E("a", 1), E("b", 3), E("c", None), E("d", 2)], 2)
    assert [entry.slug for entry in chosen] == ["b", "d"]


@pytest.mark.parametrize("value", [0, -3, "20", 2.5, True, None])
def test_item_count_setting_fails_fast(value):
    with pytest.raises(FeedSettingsError, match="CAMPAIGN_FEED_ITEMS"):
        read_settings({"CAMPAIGN_FEED_ITEMS": value})


def test_settings_defaults_and_a_bad_id_date():
    settings = read_settings({})
    assert settings.items == 20 and settings.id_date == "2026"
    with pytest.raises(FeedSettingsError, match="CAMPAIGN_FEED_ID_DATE"):
        read_settings({"CAMPAIGN_FEED_ID_DATE": "last year"})


def test_python_strings_are_extracted_from_the_theme():
    """Every string strings.py translates is in the theme, so Babel puts it in the catalogs."""
    catalog = extract_template_catalog(PROJECT / "theme" / "templates")
    extracted = {message.id for message in catalog if message.id}
    missing = [msgid for msgid in strings.MSGIDS if msgid not in extracted]
    assert not missing
    sources = {
        location[0]
        for message in catalog
        if message.id in strings.MSGIDS
        for location in message.locations
    }
    assert "partials/feed_strings.html" in sources
