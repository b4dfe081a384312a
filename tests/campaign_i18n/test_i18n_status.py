"""Content translation status: missing and outdated translations (pure core and CLI)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import datetime

from i18n_helpers import TOOL

from campaign_i18n.status import (
    DRAFT,
    MISSING,
    OUTDATED,
    PRESENT,
    SourceFile,
    format_table,
    is_outdated,
    outdated_details,
    source_file,
    summarise,
    translation_status,
)
from campaign_site.source import parse_date, parse_source
from conftest import story

LANGS = ("en", "fr", "ar")


def src(slug, lang, date=None, modified=None, section="stories", draft=False):
    return SourceFile(
        path=f"content/{section}/{slug}.{lang}.md",
        section=section,
        slug=slug,
        lang=lang,
        date=datetime.fromisoformat(date) if date else None,
        modified=datetime.fromisoformat(modified) if modified else None,
        draft=draft,
    )


def states(rows):
    return {row.key: {code: cell.state for code, cell in row.cells.items()} for row in rows}


def test_missing_present_outdated_and_draft():
    files = [
        src("a", "en", "2026-01-10"),
        src("a", "fr", "2026-01-10"),  # same date as the original: up to date
        src("a", "ar", "2026-01-09"),  # older than the original
        src("b", "en", "2026-01-10", modified="2026-02-01"),
        src("b", "fr", "2026-01-12"),  # before the original's change
        src("b", "ar", "2026-01-10", modified="2026-02-03"),  # updated after it
        src("c", "en", "2026-01-10"),
        src("c", "fr", "2026-01-11", draft=True),
        src("about", "en", modified="2026-03-01", section="pages"),
        src("about", "fr", section="pages"),  # undated translation of a changed page
        src("about", "ar", modified="2026-03-02", section="pages"),
        src("privacy", "en", section="pages"),
        src("privacy", "fr", section="pages"),
    ]
    rows = translation_status(files, LANGS, section_order=("stories", "hints", "memes", "pages"))
    assert [row.key for row in rows] == [
        "stories/a",
        "stories/b",
        "stories/c",
        "pages/about",
        "pages/privacy",
    ]
    assert states(rows) == {
        "stories/a": {"en": PRESENT, "fr": PRESENT, "ar": OUTDATED},
        "stories/b": {"en": PRESENT, "fr": OUTDATED, "ar": PRESENT},
        "stories/c": {"en": PRESENT, "fr": DRAFT, "ar": MISSING},
        "pages/about": {"en": PRESENT, "fr": OUTDATED, "ar": PRESENT},
        "pages/privacy": {"en": PRESENT, "fr": PRESENT, "ar": MISSING},
    }
    assert [str(summary) for summary in summarise(rows, LANGS)] == [
        "fr: 4/5 translated, 0 missing, 2 outdated, 1 draft",
        "ar: 3/5 translated, 2 missing, 1 outdated",
    ]


def test_outdated_rules():
    original = src("x", "en", "2026-01-10")
    assert not is_outdated(original, src("x", "fr", "2026-01-10"))
    assert is_outdated(original, src("x", "fr", "2026-01-09 23:00"))
    changed = src("x", "en", "2026-01-10", modified="2026-01-20")
    assert is_outdated(changed, src("x", "fr", "2026-01-15"))
    assert is_outdated(changed, src("x", "fr", "2026-01-10", modified="2026-01-19"))
    assert not is_outdated(changed, src("x", "fr", "2026-01-10", modified="2026-01-20"))
    assert not is_outdated(src("p", "en"), src("p", "fr"))  # undated pages: nothing to compare
    assert is_outdated(src("p", "en", modified="2026-01-20"), src("p", "fr"))


def test_originals_in_any_language_and_unknown_language():
    files = [
        src("lost", "fr", "2026-01-01"),  # French only: the French file is the original
        src("x", "de", "2026-01-01"),  # not a language of the site: not listed
        src("arabic", "ar", "2026-01-01"),
        src("arabic", "en", "2025-12-01"),  # older than its Arabic original
        src("marked", "en", "2026-01-01"),
        replace(src("marked", "fr", "2026-01-01"), marked=True),  # Original: yes
    ]
    rows = translation_status(files, LANGS)
    assert {row.key: row.original for row in rows} == {
        "stories/arabic": "en",  # the default language's file, when none is marked
        "stories/lost": "fr",
        "stories/marked": "fr",
    }
    assert states(rows)["stories/lost"] == {"en": MISSING, "fr": PRESENT, "ar": MISSING}
    assert states(rows)["stories/marked"] == {"en": PRESENT, "fr": PRESENT, "ar": MISSING}
    assert [str(summary) for summary in summarise(rows, LANGS)] == [
        "en: 1/2 translated, 1 missing, 0 outdated",  # missing counts against the original
        "fr: 0/1 translated, 1 missing, 0 outdated",
        "ar: 1/3 translated, 2 missing, 0 outdated",
    ]
    table = format_table(rows, LANGS).splitlines()
    assert table[0].split() == ["section/slug", "original", "en", "fr", "ar"]
    assert ["stories/lost", "fr", "missing", "✓", "missing"] in [t.split() for t in table]


def test_table_and_details():
    files = [
        src("a", "en", "2026-01-10", modified="2026-02-01"),
        src("a", "fr", "2026-01-12"),
        src("b", "en", "2026-01-10"),
    ]
    rows = translation_status(files, LANGS)
    table = format_table(rows, LANGS).splitlines()
    assert table[0].split() == ["section/slug", "original", "en", "fr", "ar"]
    assert table[2].split() == ["stories/a", "en", "✓", "outdated", "missing"]
    assert table[3].split() == ["stories/b", "en", "✓", "missing", "missing"]
    assert outdated_details(rows, LANGS) == [
        "content/stories/a.fr.md:1: outdated: content/stories/a.en.md changed on 2026-02-01, "
        "this translation is from 2026-01-12; update it and set 'Modified:' to today"
    ]


def test_source_file_from_a_parsed_source():
    text = story("x", "fr").replace("Author:", "Modified: 2026-03-01\nStatus: draft\nAuthor:")
    doc = parse_source("content/stories/x.fr.md", "stories/x.fr.md", text.encode())
    found = source_file(doc, parse_date)
    assert found == SourceFile(
        path="content/stories/x.fr.md",
        section="stories",
        slug="x",
        lang="fr",
        date=datetime(2026, 2, 7, 9, 0),
        modified=datetime(2026, 3, 1),
        draft=True,
        line=5,
    )
    nameless = parse_source("content/stories/x.md", "stories/x.md", text.encode())
    assert source_file(nameless, parse_date) is None


def test_status_command(site):
    site.write(
        "stories/a.en.md", story("a", "en").replace("Author:", "Modified: 2026-03-01\nAuthor:")
    )
    site.write("stories/a.fr.md", story("a", "fr"))
    site.write(
        "stories/a.ar.md", story("a", "ar").replace("Author:", "Modified: 2026-03-02\nAuthor:")
    )
    site.write("stories/b.en.md", story("b", "en"))
    site.write("stories/b.fr.md", story("b", "fr"))
    site.write("pages/about.en.md", "Title: About\nSlug: about\nLang: en\n\nText.\n")
    settings = site.settings_file()
    done = subprocess.run(
        [sys.executable, str(TOOL), "status", "-s", str(settings)],
        capture_output=True,
        text=True,
        cwd=site.root,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    assert ["stories/a", "en", "✓", "outdated", "✓"] in lines
    assert ["stories/b", "en", "✓", "✓", "missing"] in lines
    assert ["pages/about", "en", "✓", "missing", "missing"] in lines
    assert "fr: 2/3 translated, 1 missing, 1 outdated" in done.stdout
    assert "ar: 1/3 translated, 2 missing, 0 outdated" in done.stdout
    assert "content/stories/a.fr.md:4: outdated: content/stories/a.en.md changed on 2026-03-01" in (
        done.stdout
    )
