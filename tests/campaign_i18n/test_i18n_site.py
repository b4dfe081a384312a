"""Multilingual output of real builds of small sites: URLs, switcher, hreflang, plurals, dates,
<html lang dir>, untranslated entries in lists and a fourth language."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from i18n_helpers import (
    CATALOGS,
    NOT_TRANSLATED,
    TOOL,
    alternates,
    html_attrs,
    html_pages,
    soup,
    switcher,
    url_of,
)

from campaign_i18n.catalogs import po_path
from campaign_i18n.update import render_po
from conftest import Site, story

CANONICAL = "http://127.0.0.1:8000"
SLUGS = [f"s{n:02d}" for n in range(1, 12)]  # 11 stories: two list pages of 10
AR_TAGS = {1: "واحد", 2: "اثنان", 3: "ثلاثة"}


def tags_for(index: int, every: str, counted: dict[int, str]) -> str:
    """Tag ``every`` on all stories, and tag ``counted[n]`` on the first n stories."""
    return ", ".join([every, *(name for n, name in counted.items() if index < n)])


# the tests share the module's site: pytest-xdist (--dist loadgroup) runs them in one worker
pytestmark = pytest.mark.xdist_group("multi")


@pytest.fixture(scope="module")
def multi(tmp_path_factory):
    """11 stories in English, all of them in Arabic, the first two in French; a page in en/fr."""
    site = Site(tmp_path_factory.mktemp("multi") / "site")
    site.content.mkdir(parents=True)
    for index, slug in enumerate(SLUGS):
        site.write(
            f"stories/{slug}.en.md",
            story(slug, "en", tags=tags_for(index, "school", {1: "one", 2: "two", 3: "three"})),
        )
        site.write(
            f"stories/{slug}.ar.md", story(slug, "ar", tags=tags_for(index, "مدرسة", AR_TAGS))
        )
    for index, slug in enumerate(SLUGS[:2]):
        site.write(
            f"stories/{slug}.fr.md", story(slug, "fr", tags=tags_for(index, "école", {1: "un"}))
        )
    site.write("pages/about.en.md", "Title: About\nSlug: about\nLang: en\n\nAbout us.\n")
    site.write("pages/about.fr.md", "Title: À propos\nSlug: about\nLang: fr\n\nQui on est.\n")
    result = site.build()
    assert result.returncode == 0, result.log
    return result


# -- URL scheme -------------------------------------------------------------------------------

EN_URLS = [
    "",
    "stories/",
    "stories/page/2/",
    "stories/s01/",
    "about/",
    "tags/",
    "tags/school/",
    "archives/",
    "404.html",
]


@pytest.mark.parametrize("url", EN_URLS)
def test_english_lives_at_the_root(multi, url):
    assert multi.exists(url), url
    assert html_attrs(multi.page(url)) == ("en", "ltr")


@pytest.mark.parametrize("code", ["fr", "ar"])
@pytest.mark.parametrize(
    "url", ["", "stories/", "stories/page/2/", "stories/s01/", "tags/", "archives/", "404.html"]
)
def test_other_languages_live_under_their_prefix(multi, code, url):
    assert multi.exists(f"{code}/{url}"), f"{code}/{url}"
    assert html_attrs(multi.page(f"{code}/{url}"))[0] == code


def test_translated_pages_tags_and_missing_translations(multi):
    assert multi.exists("fr/about/")
    assert not multi.exists("ar/about/")
    assert multi.exists("fr/stories/s02/")
    assert not multi.exists("fr/stories/s03/")
    assert multi.exists("fr/tags/ecole/")
    assert not multi.exists("fr/tags/school/")
    assert not multi.exists("stories/page/3/")
    assert not multi.exists("fr/fr/")


def test_pagination_links_stay_in_the_language(multi):
    page = soup(multi.page("fr/stories/"))
    assert page.select_one('a[rel="next"]')["href"] == "/fr/stories/page/2/"
    page = soup(multi.page("ar/stories/page/2/"))
    assert page.select_one('a[rel="prev"]')["href"] == "/ar/stories/"
    assert "الصفحة 2 من 2" in page.select_one("nav.pagination").get_text()


# -- language switcher ------------------------------------------------------------------------


def test_switcher_links_to_the_translations(multi):
    links = switcher(multi.page("stories/s01/"))
    assert links["en"]["current"]
    assert links["fr"]["href"] == "/fr/stories/s01/"
    assert links["ar"]["href"] == "/ar/stories/s01/"
    assert links["fr"]["note"] == links["ar"]["note"] == ""
    assert (links["fr"]["name"], links["ar"]["name"]) == ("Français", "العربية")
    assert switcher(multi.page("ar/stories/s01/"))["en"]["href"] == "/stories/s01/"


def test_switcher_without_translation_goes_home_with_a_note_in_the_target_language(multi):
    links = switcher(multi.page("stories/s03/"))
    assert links["fr"]["href"] == "/fr/"
    assert links["fr"]["note"] == NOT_TRANSLATED["fr"]
    assert links["ar"]["href"] == "/ar/stories/s03/"
    assert links["ar"]["note"] == ""
    links = switcher(multi.page("ar/stories/s03/"))
    assert links["fr"]["href"] == "/fr/"
    assert links["fr"]["note"] == NOT_TRANSLATED["fr"]
    assert links["en"]["href"] == "/stories/s03/"
    links = switcher(multi.page("fr/about/"))
    assert links["ar"]["href"] == "/ar/"
    assert links["ar"]["note"] == NOT_TRANSLATED["ar"]
    assert links["ar"]["lang"] == "ar"
    assert links["en"] == {**links["en"], "href": "/about/", "note": ""}


def test_switcher_on_lists_and_home(multi):
    links = switcher(multi.page("fr/stories/page/2/"))
    assert links["en"]["href"] == "/stories/page/2/"
    assert links["ar"]["href"] == "/ar/stories/page/2/"
    assert switcher(multi.page("ar/"))["en"]["href"] == "/"
    assert switcher(multi.page("ar/"))["fr"]["href"] == "/fr/"


# -- hreflang ---------------------------------------------------------------------------------


def test_hreflang_alternates_are_reciprocal_with_x_default(multi):
    output = multi.output
    by_url = {}
    for path in html_pages(output):
        html = path.read_text(encoding="utf-8")
        if 'name="robots" content="noindex"' in html:
            assert alternates(html) == {}, path
            continue
        by_url[f"{CANONICAL}/{url_of(output, path)}"] = alternates(html)
    assert f"{CANONICAL}/stories/s01/" in by_url
    for url, links in by_url.items():
        lang_links = {code: href for code, href in links.items() if code != "x-default"}
        assert url in lang_links.values(), f"{url} does not list itself"
        assert links["x-default"] == lang_links.get("en", next(iter(lang_links.values())))
        for href in lang_links.values():
            assert by_url[href] == links, f"{url} and {href} disagree"
    assert by_url[f"{CANONICAL}/stories/s01/"] == {
        "en": f"{CANONICAL}/stories/s01/",
        "fr": f"{CANONICAL}/fr/stories/s01/",
        "ar": f"{CANONICAL}/ar/stories/s01/",
        "x-default": f"{CANONICAL}/stories/s01/",
    }
    assert set(by_url[f"{CANONICAL}/stories/s03/"]) == {"en", "ar", "x-default"}
    assert by_url[f"{CANONICAL}/fr/"]["x-default"] == f"{CANONICAL}/"


# -- dates, <html lang dir> -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("stories/s01/", "7 February 2026"),
        ("fr/stories/s01/", "7 février 2026"),
        ("ar/stories/s01/", "7 فبراير 2026"),
    ],
)
def test_dates_are_formatted_by_babel(multi, url, expected):
    time = soup(multi.page(url)).select_one(".entry-meta time")
    assert time.get_text(strip=True) == expected
    assert time["datetime"].startswith("2026-02-07T09:00")


def test_every_page_has_its_html_lang_and_dir(multi):
    for path in html_pages(multi.output):
        url = url_of(multi.output, path)
        code = url.split("/", 1)[0] if url.startswith(("fr/", "ar/")) else "en"
        expected = (code, "rtl" if code == "ar" else "ltr")
        assert html_attrs(path.read_text(encoding="utf-8")) == expected, url


def test_arabic_pages_are_rtl_and_say_so_in_arabic(multi):
    page = soup(multi.page("ar/stories/s01/"))
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert page.select_one(".skip-link").get_text(strip=True) == "انتقل إلى المحتوى الرئيسي"
    assert page.select_one(".storyteller").get_text(strip=True) == "Sami، 15 عامًا"


# -- plural forms -----------------------------------------------------------------------------

STORIES = {
    "en": {1: "1 story", 2: "2 stories", 3: "3 stories", 11: "11 stories"},
    "fr": {1: "1 histoire", 2: "2 histoires", 3: "3 histoires", 11: "11 histoires"},
    "ar": {1: "قصة واحدة", 2: "قصتان", 3: "3 قصص", 11: "11 قصة"},
}
ITEMS = {
    "en": {1: "1 item", 2: "2 items", 3: "3 items", 11: "11 items"},
    "ar": {1: "منشور واحد", 2: "منشوران", 3: "3 منشورات", 11: "11 منشورًا"},
}


def stories_note(html: str) -> str:
    return soup(html).select_one("main p.note").get_text(" ", strip=True)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_stories_count_plural_forms(site, count):
    for slug in SLUGS[:count]:
        site.write(f"stories/{slug}.en.md", story(slug, "en"))
    result = site.build()
    assert result.returncode == 0, result.log
    for code, prefix in (("en", ""), ("fr", "fr/"), ("ar", "ar/")):
        note = stories_note(result.page(f"{prefix}stories/"))
        assert note.endswith(STORIES[code][count]), (code, note)
        if code == "ar" and count > 2:
            assert note.endswith(f" {STORIES[code][count]}")


def test_eleven_stories_plural_forms(multi):
    for code, prefix in (("en", ""), ("fr", "fr/"), ("ar", "ar/")):
        note = stories_note(multi.page(f"{prefix}stories/"))
        assert note.endswith(STORIES[code][11]), (code, note)
        home = soup(multi.page(prefix)).select_one("a.more").get_text(" ", strip=True)
        assert home.endswith(f"({STORIES[code][11]})"), (code, home)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_item_counts_on_the_topics_page(multi, code):
    """Arabic 11 takes the accusative singular, 100 the genitive: Babel's own Plural-Forms
    for ar swaps those two forms."""
    prefix = "" if code == "en" else f"{code}/"
    counts = [
        span.get_text(strip=True).strip("()")
        for span in soup(multi.page(f"{prefix}tags/")).select(".tag-cloud .count")
    ]
    assert sorted(counts) == sorted(ITEMS[code].values())


def test_item_counts_in_french(multi):
    counts = [
        span.get_text(strip=True).strip("()")
        for span in soup(multi.page("fr/tags/")).select(".tag-cloud .count")
    ]
    assert sorted(counts) == ["1 publication", "2 publications"]


# -- untranslated entries on lists ------------------------------------------------------------


def test_untranslated_stories_are_listed_with_their_language(multi):
    # 11 stories, balanced over two list pages (6 + 5)
    cards = [
        card
        for url in ("fr/stories/", "fr/stories/page/2/")
        for card in soup(multi.page(url)).select("article.card")
    ]
    assert len(cards) == 11
    own = [card for card in cards if not card.get("lang")]
    foreign = [card for card in cards if card.get("lang")]
    assert {card.select_one(".card-title").get_text(strip=True) for card in own} == {
        "Story s01 fr",
        "Story s02 fr",
    }
    assert {card["lang"] for card in foreign} == {"en"}
    assert {card["dir"] for card in foreign} == {"ltr"}
    assert all("Langue\u00a0: English" in card.get_text() for card in foreign)
    page = soup(multi.page("ar/stories/")).select("article.card")
    assert not any(card.get("lang") for card in page)


def test_untranslated_stories_are_left_out_when_the_setting_is_off(site):
    site.write("stories/a.en.md", story("a", "en"))
    site.write("stories/a.fr.md", story("a", "fr"))
    site.write("stories/b.en.md", story("b", "en"))
    result = site.build(extra={"CAMPAIGN_LIST_UNTRANSLATED": False})
    assert result.returncode == 0, result.log
    page = soup(result.page("fr/stories/"))
    cards = page.select("article.card")
    assert [card.select_one(".card-title").get_text(strip=True) for card in cards] == ["Story a fr"]
    assert not page.select("article.card[lang]")
    assert stories_note(result.page("fr/stories/")).endswith("1 histoire")
    assert len(soup(result.page("stories/")).select("article.card")) == 2


# -- a fourth language ------------------------------------------------------------------------

SPANISH = {
    "Stories": "Historias",
    "This page is not translated yet": "Esta página aún no está traducida",
    "Skip to main content": "Ir al contenido principal",
}


def test_a_fourth_language(site):
    catalogs = site.root / "translations"
    shutil.copytree(CATALOGS, catalogs)
    languages = [
        {"code": "en", "name": "English", "locale": "en_GB", "direction": "ltr"},
        {"code": "fr", "name": "Français", "locale": "fr_FR", "direction": "ltr"},
        {"code": "ar", "name": "العربية", "locale": "ar", "direction": "rtl"},
        {"code": "es", "name": "Español", "locale": "es"},
    ]
    extra = {"CAMPAIGN_LANGUAGES": languages, "CAMPAIGN_CATALOGS": str(catalogs)}
    settings = site.settings_file(extra)
    # `make translations` creates the new catalog (and fails: nothing is translated yet)
    done = subprocess.run(
        [sys.executable, str(TOOL), "update", "-s", str(settings)],
        capture_output=True,
        text=True,
        cwd=site.root,
    )
    assert done.returncode == 1
    assert re.search(r"es/LC_MESSAGES/messages.po \(created\): 0 translated", done.stdout)
    path = po_path(catalogs, "es")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    assert catalog.num_plurals == 2
    for msgid, text in SPANISH.items():
        catalog[msgid].string = text
    path.write_bytes(render_po(catalog))

    site.write("stories/hola.en.md", story("hola", "en"))
    site.write("stories/hola.es.md", story("hola", "es", title="Hola"))
    site.write("stories/solo.en.md", story("solo", "en"))
    result = site.build(extra=extra)
    assert result.returncode == 0, result.log
    for url in (
        "es/",
        "es/stories/",
        "es/stories/hola/",
        "es/tags/",
        "es/archives/",
        "es/404.html",
    ):
        assert result.exists(url), url
        assert html_attrs(result.page(url)) == ("es", "ltr"), url
    page = soup(result.page("es/stories/"))
    assert page.select_one("h1").get_text(strip=True) == "Historias"
    assert page.select_one(".skip-link").get_text(strip=True) == "Ir al contenido principal"
    assert "febrero de 2026" in result.page("es/stories/hola/")

    links = switcher(result.page("stories/hola/"))
    assert (links["es"]["name"], links["es"]["href"]) == ("Español", "/es/stories/hola/")
    assert alternates(result.page("stories/hola/"))["es"] == f"{CANONICAL}/es/stories/hola/"
    links = switcher(result.page("stories/solo/"))
    assert (links["es"]["href"], links["es"]["note"]) == ("/es/", SPANISH[NOT_TRANSLATED["en"]])
    assert switcher(result.page("es/stories/hola/"))["es"]["current"]
    assert list(switcher(result.page("fr/"))) == ["en", "fr", "ar", "es"]
