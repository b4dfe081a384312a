"""A language can go live before every UI string is translated: the pages show the missing
strings in English, marked lang="en"; builds warn once per language; a setting makes complete
catalogs mandatory; `make translations-status` shows each language's UI coverage."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from i18n_helpers import CATALOGS, PROJECT, TEMPLATES, TOOL, soup

from campaign_i18n import load_catalogs, parse_languages
from campaign_i18n.catalogs import po_path
from campaign_i18n.fallback import END, START, FallbackTranslations, mark, mark_fallbacks
from campaign_i18n.update import build_template, render_po, update_language
from conftest import Site, story

LANGUAGES = [
    {"code": "en", "name": "English", "locale": "en_GB", "direction": "ltr"},
    {"code": "fr", "name": "Français", "locale": "fr_FR", "direction": "ltr"},
    {"code": "ar", "name": "العربية", "locale": "ar", "direction": "rtl"},
    {"code": "de", "name": "Deutsch", "locale": "de"},
]
GERMAN = {
    "Stories": "Geschichten",
    "This page is not translated yet": "Diese Seite ist noch nicht übersetzt",
    "All topics": "Alle Themen",
}
FUZZY = ("Topics", "Themen")  # translated, but marked fuzzy: not used
PARTIAL_PLURAL = "%(count)s story"  # only its plural is translated: English in every form
SPAN = '<span lang="en" dir="ltr">'
MARKS = ("\ue000", "\ue001", "%EE%80%80", "%EE%80%81")


# -- the marks, without a build -----------------------------------------------------------------


def marked_page(body: str, title: str = "Site") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def test_marked_text_becomes_a_span_and_attributes_plain_text():
    report = mark("Report it")
    html = marked_page(
        f'<a href="/r/" title="{report}">{report}</a>'
        f'<meta content="{report}"><script>var a = "{report}";</script>',
        title=f"{mark('Topics')} – Site",
    )
    assert mark_fallbacks(html, "en", "ltr") == marked_page(
        f'<a href="/r/" title="Report it">{SPAN}Report it</span></a>'
        '<meta content="Report it"><script>var a = "Report it";</script>',
        title="Topics – Site",
    )


def test_the_default_languages_code_and_direction_are_used():
    html = marked_page(f"<p>{mark('Report it')}</p>")
    assert '<p><span lang="ar" dir="rtl">Report it</span></p>' in mark_fallbacks(html, "ar", "rtl")


def test_placeholders_stay_outside_the_marks():
    assert mark("Topic: %(name)s") == f"{START}Topic:{END} %(name)s"
    assert mark("%(count)s stories") == f"%(count)s {START}stories{END}"
    assert mark("%(name)s, %(age)s") == "%(name)s, %(age)s"  # no words: nothing to mark
    assert mark("100%% sure, %(name)s") == f"{START}100%% sure,{END} %(name)s"
    assert mark("%%(name)s") == f"{START}%%(name)s{END}"  # "%(name)s", written as it is


def test_where_a_span_cannot_go_the_english_is_plain():
    word = mark("Hello")
    html = marked_page(
        f"<svg><text>{word}</text></svg><select><option>{word}</option></select>"
        f"<textarea>{word}</textarea><!-- {word} --><div>{START}<p>a</p>{END}</div>"
        f'<p>{START}outer {word} text{END}</p><a href="?t=%EE%80%80Hi%EE%80%81">x</a>'
    )
    assert mark_fallbacks(html, "en", "ltr") == marked_page(
        "<svg><text>Hello</text></svg><select><option>Hello</option></select>"
        "<textarea>Hello</textarea><!-- Hello --><div><p>a</p></div>"
        f'<p>{SPAN}outer Hello text</span></p><a href="?t=Hi">x</a>'
    )


def test_a_page_without_marks_is_left_as_it_is():
    html = marked_page("<p>Bonjour</p>")
    assert mark_fallbacks(html, "en", "ltr") is html


def test_fallback_translations(tmp_path):
    languages = parse_languages(LANGUAGES[:2])
    path = po_path(tmp_path, "fr")
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Stories"\nmsgstr "Histoires"\n\nmsgid "Memes"\nmsgstr ""\n\n'
        'msgid "%(count)s story"\nmsgid_plural "%(count)s stories"\n'
        'msgstr[0] "%(count)s histoire"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    catalogs = load_catalogs(tmp_path, languages)
    pages = catalogs.for_pages("fr")
    assert isinstance(pages, FallbackTranslations)
    assert pages.gettext("Stories") == "Histoires"
    assert pages.gettext("Memes") == f"{START}Memes{END}"
    assert pages.gettext("Not in the catalog") == f"{START}Not in the catalog{END}"
    # a partly translated plural is English in every form, never half and half
    assert (
        pages.ngettext("%(count)s story", "%(count)s stories", 1) == f"%(count)s {START}story{END}"
    )
    assert pages.ngettext("%(count)s story", "%(count)s stories", 5) == (
        f"%(count)s {START}stories{END}"
    )
    # feeds and Python code get the plain English text; English pages are never marked
    assert catalogs.get("fr").gettext("Memes") == "Memes"
    assert catalogs.for_pages("en").gettext("Memes") == "Memes"
    [summary] = catalogs.summaries()
    assert (summary.path, summary.line, summary.message) == (
        path,
        0,
        "2 of 3 UI strings are not translated yet (shown in English); "
        "run 'make translations-status' for the list",
    )


def test_a_language_without_a_catalog_is_one_warning(tmp_path):
    catalogs = load_catalogs(tmp_path, parse_languages(LANGUAGES[:2]))
    [summary] = catalogs.summaries()
    assert summary.shown_in_english
    assert "no UI catalog for fr yet" in summary.message
    assert catalogs.for_pages("fr").gettext("Stories") == f"{START}Stories{END}"


# -- a real site with a fourth, partly translated language ---------------------------------------


def german_catalog(directory: Path) -> Path:
    """The project's catalogs and a German one with a few strings translated, one fuzzy and
    one plural only half translated (as a translator leaves it half-way)."""
    shutil.copytree(CATALOGS, directory)
    (german,) = parse_languages(LANGUAGES)[3:]
    path = update_language(build_template(TEMPLATES), directory, german).path
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    for msgid, text in GERMAN.items():
        catalog[msgid].string = text
    catalog[FUZZY[0]].string = FUZZY[1]
    catalog[FUZZY[0]].flags.add("fuzzy")
    catalog[PARTIAL_PLURAL].string = ("", "%(count)s Geschichten")
    path.write_bytes(render_po(catalog))
    return path


# the tests share the module's site: pytest-xdist (--dist loadgroup) runs them in one worker
pytestmark = pytest.mark.xdist_group("german")


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """A site in four languages whose German UI catalog is mostly untranslated, built once."""
    site = Site(tmp_path_factory.mktemp("german") / "site")
    site.content.mkdir(parents=True)
    catalogs = site.root / "translations"
    german_catalog(catalogs)
    site.settings = {"CAMPAIGN_LANGUAGES": LANGUAGES, "CAMPAIGN_CATALOGS": str(catalogs)}
    site.write("stories/hallo.en.md", story("hallo", "en", tags="school"))
    site.write("stories/hallo.de.md", story("hallo", "de", title="Hallo", tags="Schule"))
    site.write("stories/solo.en.md", story("solo", "en"))
    return site, site.build()


def german_count(site: Site) -> tuple[int, int]:
    """(strings in the German catalog, strings it translates)."""
    path = po_path(Path(site.settings["CAMPAIGN_CATALOGS"]), "de")
    with path.open("rb") as handle:
        total = sum(1 for message in read_po(handle, locale="de") if message.id)
    return total, len(GERMAN)


def test_the_site_builds_and_shows_missing_strings_in_english(german):
    _site, result = german
    assert result.returncode == 0, result.log
    page = result.page("de/stories/")
    html = soup(page)
    assert html.select_one("h1").get_text(strip=True) == "Geschichten"
    assert f'<a class="skip-link" href="#main">{SPAN}Skip to main content</span></a>' in page
    # the count's number stays outside the English words; the half-translated plural is English
    # even in the form that is translated (2 stories: the English one is listed too)
    assert f"2 {SPAN}stories</span>" in page
    assert "Geschichten</p>" not in page
    # the fuzzy "Topics" is shown in English, plain in the <title>
    tags = result.page("de/tags/")
    assert soup(tags).select_one("title").get_text() == "Topics – Safer, kinder internet"
    assert f"<h1>{SPAN}Topics</span></h1>" in tags
    assert ">Alle Themen</a>" in result.page("de/tags/schule/")  # translated: not marked


def test_attributes_and_the_head_get_plain_english(german):
    _site, result = german
    html = soup(result.page("de/stories/hallo/"))
    assert html.select_one('meta[name="description"]') is not None
    assert html.select_one('meta[property="og:site_name"]')["content"] == "Safer, kinder internet"
    assert html.select_one("title").get_text().endswith("– Safer, kinder internet")
    for element in html.find_all(True):
        for name, value in element.attrs.items():
            assert "<span" not in str(value), (element.name, name)
    # the English page's switcher: the German note is German, the others' as their catalogs say
    switcher = soup(result.page("stories/solo/")).select_one('a[hreflang="de"]')
    assert switcher["title"] == GERMAN["This page is not translated yet"]


def test_the_default_language_pages_have_no_english_marks(german):
    _site, result = german
    for url in ("", "stories/", "stories/hallo/", "tags/"):
        assert SPAN not in result.page(url), url


def test_no_output_file_has_a_mark(german):
    _site, result = german
    files = [path for path in result.output.rglob("*") if path.is_file()]
    assert any(path.name == "sitemap.xml" for path in files)
    assert any("feed" in path.as_posix() and "/de/" in path.as_posix() for path in files)
    found = []
    for path in files:
        data = path.read_bytes()
        found += [
            f"{path.relative_to(result.output)}: {mark!r}"
            for mark in MARKS
            if mark.encode() in data
        ]
    assert found == []
    # the German feeds' titles are in English, plain
    feeds = [path for path in files if "/de/" in path.as_posix() and path.suffix == ".xml"]
    assert any("All content" in path.read_text(encoding="utf-8") for path in feeds)


def test_one_warning_line_per_language(german):
    site, result = german
    total, translated = german_count(site)
    lines = [line for line in result.log.splitlines() if "UI strings are not translated" in line]
    assert len(lines) == 1, result.log
    assert "translations/de/LC_MESSAGES/messages.po" in lines[0]
    assert lines[0].endswith(
        f"{total - translated} of {total} UI strings are not translated yet "
        "(shown in English; 1 of them fuzzy); run 'make translations-status' for the list"
    )
    assert "is not translated; fill in its msgstr" not in result.log
    assert "fuzzy translation of" not in result.log


def test_a_strict_build_publishes_a_partly_translated_language(german):
    site, _result = german
    strict = site.build(extra={"CAMPAIGN_STRICT": True})
    assert strict.returncode == 0, strict.log


def test_required_complete_catalogs_fail_a_strict_build_naming_each_string(german):
    site, _result = german
    total, translated = german_count(site)
    strict = site.build(
        "-e", "CAMPAIGN_STRICT=true", extra={"CAMPAIGN_REQUIRE_COMPLETE_CATALOGS": True}
    )
    assert strict.returncode != 0, strict.log
    assert "'Skip to main content' is not translated; fill in its msgstr" in strict.log
    assert "fuzzy translation of 'Topics'" in strict.log
    assert "'%(count)s story' is not translated" in strict.log
    assert "UI strings are not translated yet" not in strict.log
    named = re.findall(r"de/LC_MESSAGES/messages\.po:\d+: .*(?:not translated|fuzzy)", strict.log)
    assert len(named) == total - translated


def test_a_changed_catalog_changes_the_pages(german, tmp_path):
    """The pages' fingerprints cover the catalogs: translating a string rebuilds the pages."""
    site, _result = german
    copy = Site(tmp_path / "site", dict(site.settings))
    shutil.copytree(site.content, copy.content)
    catalogs = tmp_path / "translations"
    path = german_catalog(catalogs)
    copy.settings["CAMPAIGN_CATALOGS"] = str(catalogs)
    assert copy.build().returncode == 0
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    catalog["Skip to main content"].string = "Zum Inhalt springen"
    path.write_bytes(render_po(catalog))
    again = copy.build()
    assert again.returncode == 0, again.log
    skip = soup(again.page("de/stories/hallo/")).select_one(".skip-link")
    assert str(skip) == '<a class="skip-link" href="#main">Zum Inhalt springen</a>'


def test_translations_status_shows_ui_coverage(german):
    site, _result = german
    total, translated = german_count(site)
    done = subprocess.run(
        [sys.executable, str(TOOL), "status", "-s", str(site.settings_file())],
        capture_output=True,
        text=True,
        cwd=site.root,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "stories/hallo" in out  # the content table is still there, first
    assert re.search(r"^  fr: \d+/\d+ UI strings translated", out, re.M)
    assert (
        f"de: {translated}/{total} UI strings translated, {total - translated} shown in English"
        in out
    )
    path = po_path(Path(site.settings["CAMPAIGN_CATALOGS"]), "de")
    with path.open("rb") as handle:
        line = read_po(handle, locale="de")["Skip to main content"].lineno
    assert f"de/LC_MESSAGES/messages.po:{line}: 'Skip to main content' is not translated" in out
    assert "fuzzy translation of 'Topics'" in out
    ui_only = subprocess.run(
        [sys.executable, str(TOOL), "status", "--ui", "-s", str(site.settings_file())],
        capture_output=True,
        text=True,
        cwd=site.root,
    )
    assert ui_only.returncode == 0, ui_only.stderr
    assert "stories/hallo" not in ui_only.stdout
    assert f"de: {translated}/{total} UI strings translated" in ui_only.stdout


def load_check_tool():
    spec = importlib.util.spec_from_file_location("check_tool", PROJECT / "tools" / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("required", [False, True])
def test_make_check_warns_about_strings_missing_from_a_catalog(tmp_path, required):
    """Strings the theme uses that a catalog lacks: one warning, or an error each if required."""
    check = load_check_tool()
    languages = parse_languages(LANGUAGES[:2])
    path = po_path(tmp_path, "fr")
    path.parent.mkdir(parents=True)
    path.write_text('msgid "Stories"\nmsgstr "Histoires"\n', encoding="utf-8")
    cfg = SimpleNamespace(
        theme_path=PROJECT / "theme",
        catalog_path=tmp_path,
        languages=languages,
        require_complete_catalogs=required,
    )
    problems = check.catalog_problems(cfg)
    missing = sum(1 for message in build_template(TEMPLATES) if message.id) - 1
    if required:
        assert len(problems) == missing
        assert {severity for severity, _line in problems} == {"error"}
        assert (
            "error",
            f"{path}: 'Skip to main content' is used by the theme but missing here; "
            "run 'make translations' and translate it",
        ) in problems
    else:
        assert problems == [
            (
                "warning",
                f"{path}: {missing} UI strings used by the theme are not in this catalog yet "
                "(shown in English); run 'make translations' to add them",
            )
        ]
