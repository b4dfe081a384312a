"""UI catalogs: problems located as path:line, Arabic plural forms, extraction and updates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from i18n_helpers import CATALOGS, PROJECT, TEMPLATES, TOOL

from campaign_i18n import load_catalogs, parse_languages
from campaign_i18n.catalogs import (
    PLURAL_FORMS,
    extract_template_catalog,
    missing_from_catalogs,
    po_path,
)
from campaign_i18n.update import build_template, render_po, template_path, update_language

LANGUAGES = parse_languages(
    [
        {"code": "en", "locale": "en_GB"},
        {"code": "fr", "locale": "fr_FR"},
        {"code": "ar", "locale": "ar", "direction": "rtl"},
    ]
)
FR_ONLY = LANGUAGES[:2]

FR_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr_FR\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#: index.html:3
msgid "Stories"
msgstr "Histoires"

#: index.html:4
msgid "Memes"
msgstr ""

#: tags.html:2
#, fuzzy
msgid "Topics"
msgstr "Sujets"

#: partials/strings.html:7
#, python-format
msgid "%(count)s story"
msgid_plural "%(count)s stories"
msgstr[0] "%(count)s histoire"
msgstr[1] ""
"""


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line == needle)


def write_po(directory: Path, code: str, text: str) -> Path:
    path = po_path(directory, code)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_and_fuzzy_strings_are_reported_with_path_and_line(tmp_path):
    path = write_po(tmp_path, "fr", FR_PO)
    result = load_catalogs(tmp_path, FR_ONLY)
    found = {(issue.path, issue.line): issue.message for issue in result.issues}
    assert found == {
        (path, line_of(FR_PO, 'msgid "Memes"')): "'Memes' is not translated; fill in its msgstr",
        (path, line_of(FR_PO, 'msgid "Topics"')): (
            "fuzzy translation of 'Topics'; check it and remove the '#, fuzzy' line"
        ),
        (path, line_of(FR_PO, 'msgid "%(count)s story"')): (
            "'%(count)s story' is not translated; fill in its msgstr"
        ),
    }
    fr = result.get("fr")
    assert fr.gettext("Stories") == "Histoires"
    assert fr.gettext("Topics") == "Topics"  # a fuzzy translation is never used
    assert fr.gettext("Memes") == "Memes"


def test_a_missing_catalog_is_reported(tmp_path):
    result = load_catalogs(tmp_path, FR_ONLY)
    assert [(issue.path, issue.line) for issue in result.issues] == [(po_path(tmp_path, "fr"), 0)]
    assert "run 'make translations'" in result.issues[0].message
    assert result.get("fr").gettext("Stories") == "Stories"


def test_babels_swapped_arabic_plural_header_is_reported(tmp_path):
    """Babel's own table swaps Arabic forms 4 and 5 (python-babel/babel#816)."""
    wrong = (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=0 && n%100<=2 ? 4 : 5);"
    )
    text = (
        f'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Plural-Forms: {wrong}\\n"\n\n'
        'msgid "Stories"\nmsgstr "القصص"\n'
    )
    path = write_po(tmp_path, "ar", text)
    issues = load_catalogs(tmp_path, (LANGUAGES[0], LANGUAGES[2])).issues
    assert [(issue.path, issue.line) for issue in issues] == [(path, 4)]
    assert "wrong Plural-Forms header" in issues[0].message


def test_the_project_catalogs_are_complete():
    """Every template string is in every catalog and translated: run `make translations`."""
    result = load_catalogs(CATALOGS, LANGUAGES)
    assert [f"{i.path}:{i.line}: {i.message}" for i in result.issues] == []
    template = extract_template_catalog(TEMPLATES)
    assert missing_from_catalogs(template, CATALOGS, LANGUAGES) == []


def test_the_template_file_is_up_to_date():
    assert template_path(CATALOGS).read_bytes() == render_po(build_template(TEMPLATES))


def test_the_arabic_catalog_uses_the_cldr_plural_rule():
    with po_path(CATALOGS, "ar").open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    assert catalog.plural_forms == PLURAL_FORMS["ar"]


@pytest.mark.parametrize(
    ("code", "count", "stories", "items"),
    [
        ("fr", 0, "0 histoire", "0 publication"),
        ("fr", 1, "1 histoire", "1 publication"),
        ("fr", 2, "2 histoires", "2 publications"),
        ("fr", 11, "11 histoires", "11 publications"),
        ("ar", 0, "لا توجد قصص", "لا توجد منشورات"),
        ("ar", 1, "قصة واحدة", "منشور واحد"),
        ("ar", 2, "قصتان", "منشوران"),
        ("ar", 3, "3 قصص", "3 منشورات"),
        ("ar", 10, "10 قصص", "10 منشورات"),
        ("ar", 11, "11 قصة", "11 منشورًا"),
        ("ar", 99, "99 قصة", "99 منشورًا"),
        ("ar", 100, "100 قصة", "100 منشور"),
        ("ar", 102, "102 قصة", "102 منشور"),
        ("ar", 103, "103 قصص", "103 منشورات"),
        ("ar", 111, "111 قصة", "111 منشورًا"),
    ],
)
def test_compiled_plural_forms(code, count, stories, items):
    translations = load_catalogs(CATALOGS, LANGUAGES).get(code)
    story = translations.ngettext("%(count)s story", "%(count)s stories", count)
    item = translations.ngettext("%(count)s item", "%(count)s items", count)
    assert story % {"count": count} == stories
    assert item % {"count": count} == items


def make_templates(root: Path, extra: str = "") -> Path:
    templates = root / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "page.html").write_text(
        '<h1>{{ _("Stories") }}</h1>\n'
        "<p>{% trans count=n %}{{ count }} story{% pluralize %}{{ count }} stories{% endtrans %}"
        "</p>\n" + extra,
        encoding="utf-8",
    )
    return templates


def test_update_creates_catalogs_and_is_deterministic(tmp_path):
    templates = make_templates(tmp_path)
    directory = tmp_path / "translations"
    template = build_template(templates)
    results = [update_language(template, directory, language) for language in LANGUAGES[1:]]
    assert [(r.created, r.written) for r in results] == [(True, True), (True, True)]
    first = {r.language.code: r.path.read_bytes() for r in results}
    ar = first["ar"].decode()
    assert PLURAL_FORMS["ar"].split("plural=")[1][:20] in ar
    assert ar.count("msgstr[") == 6
    assert "POT-Creation-Date: 2026-01-01 00:00+0000" in ar
    again = [update_language(build_template(templates), directory, lg) for lg in LANGUAGES[1:]]
    assert [(r.created, r.written) for r in again] == [(False, False), (False, False)]
    assert {r.language.code: r.path.read_bytes() for r in again} == first
    assert render_po(build_template(templates)) == render_po(template)


def test_update_picks_up_new_template_strings_and_keeps_translations(tmp_path):
    templates = make_templates(tmp_path)
    directory = tmp_path / "translations"
    update_language(build_template(templates), directory, FR_ONLY[1])
    path = po_path(directory, "fr")
    text = path.read_text(encoding="utf-8").replace(
        'msgid "Stories"\nmsgstr ""', 'msgid "Stories"\nmsgstr "Histoires"'
    )
    path.write_text(text, encoding="utf-8")
    make_templates(tmp_path, '<p>{{ _("A brand new string") }}</p>\n')
    result = update_language(build_template(templates), directory, FR_ONLY[1])
    assert result.written and not result.created
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="fr_FR")
    assert catalog["Stories"].string == "Histoires"
    assert catalog["A brand new string"].string == ""
    issues = load_catalogs(directory, FR_ONLY).issues
    assert any("'A brand new string' is not translated" in issue.message for issue in issues)


def test_the_update_command_reports_problems_and_exits_1(tmp_path):
    """`make translations` on a copy of the project's settings with a new, empty language."""
    catalogs = tmp_path / "translations"
    shutil.copytree(CATALOGS, catalogs)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(PROJECT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"THEME = {str(PROJECT / 'theme')!r}\nPATH = {str(PROJECT / 'content')!r}\n"
        f"CAMPAIGN_CATALOGS = {str(catalogs)!r}\n"
        "CAMPAIGN_LANGUAGES = CAMPAIGN_LANGUAGES + [{'code': 'es', 'locale': 'es'}]\n"
    )
    done = subprocess.run(
        [sys.executable, str(TOOL), "update", "-s", str(settings)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "fr/LC_MESSAGES/messages.po (unchanged)" in done.stdout
    assert "es/LC_MESSAGES/messages.po (created): 0 translated, 0 fuzzy," in done.stdout
    es = po_path(catalogs, "es").read_text(encoding="utf-8")
    stories = line_of(es, 'msgid "Stories"')
    assert f"es/LC_MESSAGES/messages.po:{stories}: 'Stories' is not translated" in done.stdout
    assert (catalogs / "messages.pot").read_bytes() == template_path(CATALOGS).read_bytes()
