"""Sections come from the settings: a site can add one or do without one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaign_site.settings import SettingsError, read_settings
from conftest import PROJECT, story

EVENT = """\
Title: Meet-up at the library
Slug: meetup
Lang: en
Date: 2026-03-01 18:00
Summary: We meet to make posters.

Bring pens.
"""


def nav(html: str) -> list[str]:
    """The addresses the header's main menu links to."""
    menu = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="/([^"]*)"', menu)


def test_a_new_section_is_read_listed_syndicated_and_in_the_menu(site):
    site.settings.update(
        CAMPAIGN_SECTIONS={"stories": 10, "hints": 0, "memes": 0, "events": 0},
        CAMPAIGN_DATED_SECTIONS=("stories", "hints", "memes", "events"),
        CAMPAIGN_HOME_SECTIONS=(("stories", 3), ("events", 2)),
    )
    site.write("stories/first.en.md", story("first"))
    site.write("events/meetup.en.md", EVENT)
    result = site.build()
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log and "content/events" not in result.log, result.log
    entry = result.page("events/meetup/")
    assert re.search(r"<h1[^>]*>Meet-up at the library</h1>", entry)
    assert '<a href="/events/">events</a>' in entry, "the kicker links to the section's list"
    listing = result.page("events/")
    assert "<h1>events</h1>" in listing and 'href="/events/meetup/"' in listing
    assert '<div class="cards cards-events">' in listing
    home = result.page("")
    assert nav(home)[:4] == ["stories/", "hints/", "memes/", "events/"]
    block = re.search(
        r'<section class="home-section" aria-labelledby="events">.*?</section>', home, re.S
    )
    assert block and 'href="/events/meetup/"' in block.group(0)
    assert re.search(r'<a class="more" href="/events/">[^<]*events', block.group(0)), block.group(0)
    assert "Meet-up at the library" in result.page("feeds/events.rss.xml")
    assert "Meet-up at the library" in result.page("feeds/all.atom.xml")


def test_a_site_without_hints_builds_and_says_where_a_hint_cannot_go(site):
    site.settings["CAMPAIGN_SECTIONS"] = {"stories": 10, "memes": 0}
    site.write("stories/first.en.md", story("first"))
    site.write("hints/stray.en.md", story("stray"))
    result = site.build()
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    assert (
        "content/hints/stray.en.md:1: the file is not in a content folder "
        "(stories, memes, pages); move it into content/stories/, content/memes/ or content/pages/"
    ) in " ".join(result.log.split())
    home = result.page("")
    assert "hints/" not in home and "Spot fake news" not in home
    assert 'aria-labelledby="latest-stories"' in home and 'aria-labelledby="memes"' in home
    assert nav(home)[:2] == ["stories/", "memes/"]
    assert not result.exists("hints/") and not result.exists("feeds/hints.rss.xml")
    assert result.exists("stories/first/") and result.exists("feeds/stories.rss.xml")


def settings(**values) -> dict:
    return {
        "PATH": str(PROJECT / "content"),
        "OUTPUT_PATH": "output",
        "THEME": str(PROJECT / "theme"),
        **values,
    }


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"CAMPAIGN_HOME_SECTIONS": (("news", 3),)}, "CAMPAIGN_HOME_SECTIONS lists 'news'"),
        ({"CAMPAIGN_HOME_SECTIONS": (("stories", 0),)}, "(section, how many) pair"),
        ({"CAMPAIGN_DATED_SECTIONS": ("stories", "news")}, "CAMPAIGN_DATED_SECTIONS lists 'news'"),
        ({"CAMPAIGN_SECTIONS": {"pages": 0}}, "'pages' cannot be a section"),
        ({"CAMPAIGN_SECTION_TEXTS": {"news": {"title": "News"}}}, "names 'news'"),
        ({"CAMPAIGN_SECTION_TEXTS": {"stories": {"titel": "S"}}}, "the keys 'title'"),
        ({"CAMPAIGN_PAGE_TEMPLATES": ("follow", "contact")}, "no templates/contact.html"),
        ({"CAMPAIGN_HOME_STORIES": 3}, "write CAMPAIGN_HOME_SECTIONS"),
    ],
)
def test_section_settings_fail_fast(values, words):
    with pytest.raises(SettingsError) as caught:
        read_settings(settings(**values))
    assert words in str(caught.value)


def test_defaults_about_sections_follow_the_sections_a_site_has():
    cfg = read_settings(settings(CAMPAIGN_SECTIONS={"stories": 10, "events": 0}))
    assert cfg.dated_sections == ("stories",)
    assert cfg.home_sections == (("stories", 3),)
    assert cfg.entry_templates == {"stories": "story", "pages": "page"}
    assert cfg.section_texts["events"].title == "events"
    assert cfg.section_texts["stories"].all_link == "All stories"
    assert cfg.picture_sections == ()


def test_every_default_section_text_is_extracted_for_the_catalogs():
    from campaign_i18n.catalogs import extract_template_catalog

    extracted = {m.id for m in extract_template_catalog(Path(PROJECT / "theme" / "templates"))}
    texts = read_settings(settings()).section_texts.values()
    missing = [
        text for t in texts for text in (t.title, t.intro, t.all) if text and text not in extracted
    ]
    assert not missing
