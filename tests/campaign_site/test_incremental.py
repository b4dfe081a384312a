"""Incremental rebuilds give exactly the output of a clean build of the same content."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import PROJECT, Site, copy_built_site, shared, story


def tree(root) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def clean_build_of(site: Site, tmp_path, extra=None) -> dict[str, str]:
    """A fresh site with a copy of the same content (and theme), built from nothing."""
    fresh = Site(tmp_path / "fresh", dict(site.settings))
    if fresh.root.exists():
        shutil.rmtree(fresh.root)
    shutil.copytree(site.content, fresh.content)
    result = fresh.build(extra=extra)
    assert result.returncode == 0, result.log
    return tree(result.output)


MEME = """\
Title: Be kind
Slug: kind
Lang: en
Date: 2026-02-01 10:00
Summary: A kind meme.
Image: memes/kind.png
ImageAlt: A square of one colour.
ShareText: Be kind online.

Kindness is contagious.
"""


def picture(site: Site, colour: str) -> None:
    """The meme's picture (its feeds' enclosure): a plain square of ``colour``."""
    path = site.content / "memes" / "kind.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 320), colour).save(path)


ALBUM = """\
Title: Kind walls
Summary: Notes on a wall.
Date: 2026-02-07
Cover: one.jpg

Image: one.jpg
Alt: A wall of notes.
Caption: The first wall.
"""
SECOND_PHOTO = """
Image: two.jpg
Alt: A second wall.
"""


def photo(site: Site, name: str, colour: str) -> None:
    path = site.content / "gallery" / "walls" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (360, 240), colour).save(path)


def base_site(site: Site) -> Site:
    for index in range(14):
        site.write(
            f"stories/s{index:02d}.en.md",
            story(f"s{index:02d}", tags="school, friends" if index % 2 else "games"),
        )
        if index % 3 == 0:
            site.write(f"stories/s{index:02d}.fr.md", story(f"s{index:02d}", "fr", tags="école"))
    site.write("memes/kind.en.md", MEME)
    picture(site, "red")
    site.write("gallery/walls/album.en.md", ALBUM)
    photo(site, "one.jpg", "green")
    site.write("pages/about.en.md", "Title: About\nSlug: about\nLang: en\n\nAbout us.\n")
    site.write("pages/report-it.en.md", "Title: Report it\nSlug: report-it\nLang: en\n\nHow.\n")
    return site


def _build_base(folder: Path) -> str:
    site = base_site(Site(folder / "site"))
    result = site.build()
    assert result.returncode == 0, result.log
    return str(site.root)


@pytest.fixture(scope="session")
def base_build(tmp_path_factory) -> Path:
    """``base_site`` built once per test run (content, output and caches), for tests to copy."""
    return Path(shared(tmp_path_factory, "incremental-base", _build_base))


def from_base(site: Site, base: Path) -> Site:
    """``site`` becomes a copy of the base site's first build (its next build is incremental)."""
    shutil.rmtree(site.root)
    copy_built_site(base, site.root)
    return site


EDITS = {
    "body edited": lambda s: s.write("stories/s03.en.md", story("s03") + "\nMore words.\n"),
    "title edited": lambda s: s.write("stories/s05.en.md", story("s05", title="A new title")),
    "story added": lambda s: s.write("stories/zz-new.en.md", story("zz-new")),
    "story deleted": lambda s: (s.content / "stories/s07.en.md").unlink(),
    "translation added": lambda s: s.write("stories/s01.fr.md", story("s01", "fr")),
    "tag changed": lambda s: s.write("stories/s02.en.md", story("s02", tags="new tag")),
    "page title edited": lambda s: s.write(
        "pages/report-it.en.md", "Title: Report hate\nSlug: report-it\nLang: en\n\nHow.\n"
    ),
    "picture replaced": lambda s: picture(s, "blue"),
    "album caption edited": lambda s: s.write(
        "gallery/walls/album.en.md", ALBUM.replace("The first wall.", "Our first wall.")
    ),
    "photo added to an album": lambda s: (
        photo(s, "two.jpg", "yellow"),
        s.write("gallery/walls/album.en.md", ALBUM + SECOND_PHOTO),
    ),
    "story turned draft": lambda s: s.write(
        "stories/s04.en.md", story("s04").replace("Summary:", "Status: draft\nSummary:")
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_build_equals_clean_build(site, tmp_path, base_build, edit):
    from_base(site, base_build)
    before = tree(site.output)
    EDITS[edit](site)
    second = site.build()
    assert second.returncode == 0, second.log
    after = tree(second.output)
    assert after != before, "the edit must change the output"
    assert after == clean_build_of(site, tmp_path)


@pytest.mark.parametrize(
    "setting",
    [("CAMPAIGN_HOME_SECTIONS", (("stories", 5),)), ("CAMPAIGN_FEED_ITEMS", 3)],
    ids=lambda s: s[0],
)
def test_setting_change_rebuilds_what_it_touches(site, tmp_path, base_build, setting):
    from_base(site, base_build)
    before = tree(site.output)
    site.settings[setting[0]] = setting[1]
    result = site.build()
    after = tree(result.output)
    assert after != before, "the setting must change the output"
    assert after == clean_build_of(site, tmp_path)


def test_template_change_rebuilds_every_page(site, tmp_path, base_build):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    from_base(site, base_build)  # built with the project's theme, the same files
    site.settings["THEME"] = str(theme)
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text().replace("</footer>", "<p>changed</p></footer>"))
    result = site.build()
    pages = [p for p in result.output.rglob("*.html")]
    assert pages and all("<p>changed</p>" in p.read_text() for p in pages)
    assert tree(result.output) == clean_build_of(site, tmp_path)


def test_nothing_changed_rewrites_nothing(site, base_build):
    from_base(site, base_build)
    stamps = {p: p.stat().st_mtime_ns for p in site.output.rglob("*") if p.is_file()}
    result = site.build("-v")
    assert "0 pages rendered" in " ".join(result.log.split())
    assert {p: p.stat().st_mtime_ns for p in site.output.rglob("*") if p.is_file()} == stamps
