"""Hostile content and broken machines: nothing from outside content/ is read, every bad
input is a named error, and no failure poisons a later build (see docs/security.md).

Real files on disk (links made in a temporary copy), real builds, real concurrent processes.
After each fault, a build of the repaired site equals a clean build, byte for byte.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from test_incremental import clean_build_of, tree

from campaign_site import markup, safety
from campaign_site.cache import ContentCache
from campaign_site.generator import CampaignGenerator
from campaign_site.prepare import PrepareConfig, prepare
from campaign_site.problems import Problem
from campaign_site.render import OutputWriter, manifest_path
from conftest import PROJECT, Site, story

SECRET = "SECRET-OUTSIDE-WORD"
CONFIG = PrepareConfig(("en",), ("stories", "hints", "memes"), ("stories", "hints", "memes"))

ALBUM = """\
Title: Walls
Summary: Notes on a wall.
Date: 2026-02-07

Image: one.jpg
Alt: A wall of notes.
"""
PICTURE_STORY = story("pictured").replace(
    "A paragraph", "![A square](images/leak.png)\n\nA paragraph"
)


def jpeg(path: Path, colour: str = "green") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (120, 80), colour).save(path)


def poll(predicate, timeout: float = 120.0, what: str = "") -> None:
    """Wait until ``predicate()`` is true (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def good_site(site: Site) -> Site:
    site.settings["CAMPAIGN_WORKERS"] = 1
    for slug in ("a-first", "b-second"):
        site.write(f"stories/{slug}.en.md", story(slug))
    site.write("pages/about.en.md", "Title: About\nSlug: about\nLang: en\n\nAbout us.\n")
    site.write("gallery/walls/album.en.md", ALBUM)
    jpeg(site.content / "gallery" / "walls" / "one.jpg")
    return site


# -- the safe reader ------------------------------------------------------------------


def test_the_safe_reader_refuses_what_is_not_an_ordinary_file_inside_content(tmp_path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    content.mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text(SECRET)
    (content / "ok.md").write_text("fine")
    (content / "inside-link.md").symlink_to("ok.md")
    (content / "out.md").symlink_to(outside / "secret.md")
    (content / "zero.md").symlink_to("/dev/zero")
    (content / "dangling.md").symlink_to("nowhere.md")
    (content / "loop.md").symlink_to("loop.md")
    (content / "folder").symlink_to(outside)
    os.mkfifo(content / "pipe.md")  # opening it for reading would wait forever
    (content / "big.md").write_bytes(b"x" * 11)

    def kind(name: str) -> str:
        try:
            safety.read_bytes(content, content / name, 10)
        except safety.Refused as refused:
            assert refused.fix  # every refusal says what to do
            return refused.kind
        return "read"

    assert kind("ok.md") == kind("inside-link.md") == "read"
    assert kind("out.md") == kind("zero.md") == kind("folder/secret.md") == "outside"
    assert kind("dangling.md") == "dangling"
    assert kind("loop.md") == "loop"
    assert kind("pipe.md") == "special"
    assert kind("big.md") == "large"
    assert kind("missing.md") == "missing"


# -- a hostile site, built --------------------------------------------------------------


def test_hostile_content_is_refused_by_name_and_the_rest_of_the_site_builds(site, tmp_path):
    good_site(site)
    outside = tmp_path / "outside"
    (outside / "album").mkdir(parents=True)
    (outside / "leak.md").write_text(story("leak", title=SECRET))
    (outside / "album" / "album.en.md").write_text(ALBUM.replace("Walls", SECRET))
    jpeg(outside / "album" / "one.jpg", "red")
    jpeg(outside / "leak.png", "red")
    stories = site.content / "stories"
    (stories / "leak.en.md").symlink_to(outside / "leak.md")
    (stories / "zero.en.md").symlink_to("/dev/zero")
    (stories / "dangling.en.md").symlink_to("gone.en.md")
    (stories / "loop.en.md").symlink_to("loop.en.md")
    os.mkfifo(stories / "pipe.en.md")
    site.write("stories/huge.en.md", story("huge") + "word " * 220_000)  # 1.1 MB
    site.write("stories/deep-quote.en.md", story("deep-quote") + "\n" + ">" * 10_000 + " deep\n")
    deep_list = "".join("    " * level + "- item\n" for level in range(300))
    site.write("stories/deep-list.en.md", story("deep-list") + "\n" + deep_list)
    site.write("stories/pictured.en.md", PICTURE_STORY)
    (site.content / "images").mkdir()
    (site.content / "images" / "leak.png").symlink_to(outside / "leak.png")
    (site.content / "gallery" / "linked").symlink_to(outside / "album")
    (site.content / "gallery" / "walls" / "two.jpg").symlink_to(outside / "album" / "one.jpg")
    site.write("gallery/walls/album.en.md", ALBUM + "\nImage: two.jpg\nAlt: Another wall.\n")

    result = site.build()
    log = " ".join(result.log.split())
    assert result.returncode == 0, result.log
    for name, words in {
        "stories/leak.en.md": "outside the content folder",
        "stories/zero.en.md": "outside the content folder",
        "stories/dangling.en.md": "does not exist",
        "stories/loop.en.md": "a loop",
        "stories/pipe.en.md": "not an ordinary file",
        "stories/huge.en.md": "too big",
        "stories/deep-quote.en.md:": "levels deep here; the limit is 100",
        "stories/deep-list.en.md:": "levels deep here; the limit is 100",
        "gallery/linked": "outside the content folder",
        "gallery/walls/two.jpg": "outside the content folder",
        "images/leak.png": "outside the content folder",
    }.items():
        assert f"content/{name}" in log and words in log, (name, words)
    assert "Traceback" not in result.log and "RecursionError" not in result.log
    files = tree(result.output)
    leaked = [
        rel
        for rel in files
        if SECRET.encode() in (result.output / rel).read_bytes() or "leak" in rel
    ]
    assert leaked == []
    assert not any("/linked/" in rel for rel in files)
    assert result.exists("stories/a-first/") and result.exists("gallery/walls/")
    assert len([rel for rel in files if "/walls/" in rel and rel.endswith("index.html")]) == 2

    # repaired: the hostile files removed, the album as it was
    for path in [*stories.iterdir(), site.content / "images", site.content / "gallery/linked"]:
        if path.name.split(".")[0] not in ("a-first", "b-second"):
            path.unlink() if path.is_symlink() or not path.is_dir() else shutil.rmtree(path)
    (site.content / "gallery" / "walls" / "two.jpg").unlink()
    site.write("gallery/walls/album.en.md", ALBUM)
    repaired = site.build()
    assert repaired.returncode == 0, repaired.log
    assert tree(repaired.output) == clean_build_of(site, tmp_path)


# -- conversion never poisons what follows ---------------------------------------------


# a list item with a second paragraph: parsed wrongly (as code) by a converter whose block
# parser kept the state of an earlier failure
LOOSE_ITEM = "- a\n\n    more of a\n"
LOOSE_HTML = "<ul>\n<li>\n<p>a</p>\n<p>more of a</p>\n</li>\n</ul>"
DEEP_LIST = "".join("    " * level + "- item\n" for level in range(300))


def test_a_failed_conversion_leaves_a_clean_converter(monkeypatch):
    monkeypatch.setattr(markup, "MAX_NESTING", 10**6)  # let Python-Markdown itself fail
    assert markup.to_html(LOOSE_ITEM) == LOOSE_HTML
    with pytest.raises(RecursionError):
        markup.to_html(DEEP_LIST)
    assert markup.to_html(LOOSE_ITEM) == LOOSE_HTML


def test_a_failed_conversion_is_reported_and_never_cached(tmp_path, monkeypatch):
    monkeypatch.setattr(markup, "MAX_NESTING", 10**6)
    content = tmp_path / "content"
    (content / "stories").mkdir(parents=True)
    (content / "stories" / "a-deep.en.md").write_text(story("a-deep") + "\n" + DEEP_LIST)
    (content / "stories" / "b-fine.en.md").write_text(story("b-fine") + "\n" + LOOSE_ITEM)
    cfg = SimpleNamespace(cache_path=tmp_path / "cache", workers=1)
    fake = SimpleNamespace(campaign=SimpleNamespace(settings=cfg, problems=[], plugin_folders=[]))
    prepared = {item.rel: item for item in CampaignGenerator._prepare_all(fake, content, CONFIG)}
    bad, fine = prepared["stories/a-deep.en.md"], prepared["stories/b-fine.en.md"]
    assert not bad.cacheable and "nested too deeply" in str(bad.problems[-1])
    assert LOOSE_HTML in fine.html
    cache = ContentCache(cfg.cache_path / "content.sqlite", "prepared")
    rows = [key for (key,) in cache.db.execute("SELECT key FROM items")]
    cache.close()
    assert [key.split("\0")[2] for key in rows] == ["stories/b-fine.en.md"]


def test_deep_nesting_is_a_path_line_error_with_a_fix():
    body = "Title: Deep\nSlug: deep\nLang: en\n\nText.\n\n" + "> " * 10_000 + "deep\n"
    result = prepare("content/pages/deep.en.md", "pages/deep.en.md", body.encode(), CONFIG)
    [problem] = [p for p in result.problems if "levels deep" in p.message]
    assert (problem.line, problem.skips, result.cacheable) == (7, True, False)
    assert "docs/content-guide.md" in problem.fix


# -- caches ---------------------------------------------------------------------------


def test_a_damaged_cache_is_discarded_with_one_warning_and_rebuilt(site, tmp_path):
    good_site(site)
    first = site.build()
    assert first.returncode == 0, first.log
    cache = site.root / ".cache" / "campaign"
    (cache / "content.sqlite").write_bytes(os.urandom(8192))
    manifest = manifest_path(cache, site.output.resolve())
    manifest.write_text('{"../../outside.txt": ["x", 1, ""], "index.html": 3}')
    (site.root / "outside.txt").write_text("not the site's")
    site.write("stories/c-third.en.md", story("c-third"))
    result = site.build()
    log = " ".join(result.log.split())
    assert result.returncode == 0, result.log
    assert log.count("content.sqlite was damaged") == 1, result.log
    assert log.count(f"{manifest.name} was damaged") == 1, result.log
    assert (site.root / "outside.txt").is_file()  # a damaged manifest deletes nothing outside
    assert tree(result.output) == clean_build_of(site, tmp_path)
    again = site.build()
    assert "damaged" not in again.log and tree(again.output) == tree(result.output)


def _read_only(folder: Path) -> None:
    """Make ``folder`` read-only, also for root: a read-only tmpfs holding a copy of it."""
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return
    copy = folder.with_name(folder.name + ".copy")
    shutil.copytree(folder, copy)
    shutil.rmtree(folder)
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)], check=True)
    shutil.copytree(copy, folder, dirs_exist_ok=True)
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def test_a_read_only_cache_means_building_without_it(site, tmp_path):
    good_site(site)
    assert site.build().returncode == 0
    cache = site.root / ".cache"
    _read_only(cache)
    try:
        site.write("stories/c-third.en.md", story("c-third"))
        (site.content / "stories" / "a-first.en.md").unlink()
        result = site.build()
        log = " ".join(result.log.split())
        assert result.returncode == 0, result.log
        assert log.count("the build cache cannot be written") == 1, result.log
        assert not result.exists("stories/a-first/")
        assert tree(result.output) == clean_build_of(site, tmp_path)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(cache)], check=False)


# -- the output manifest stays true --------------------------------------------------


def test_a_build_that_crashed_half_way_leaves_nothing_behind(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    site.settings["THEME"] = str(theme)
    good_site(site)
    assert site.build().returncode == 0
    tag = theme / "templates" / "tag.html"
    original = tag.read_text()
    tag.write_text("{{ this_is_not_defined() }}" + original)  # pages after stories/ fail
    site.write("stories/c-third.en.md", story("c-third"))
    crashed = site.build()
    assert crashed.returncode != 0
    assert crashed.exists("stories/c-third/")  # written before the crash
    tag.write_text(original)
    (site.content / "stories" / "c-third.en.md").unlink()
    result = site.build()
    assert result.returncode == 0, result.log
    assert not result.exists("stories/c-third/")
    assert tree(result.output) == clean_build_of(site, tmp_path)


# -- the writer refuses to write one file twice -------------------------------------


def test_the_writer_refuses_a_second_write_of_one_file(tmp_path):
    problems: list[Problem] = []
    out = OutputWriter(tmp_path / "output", tmp_path / "cache" / "m.json", problems.append)
    out.write("x/index.html", b"first", source="content/pages/x.en.md")
    out.write("x/index.html", b"second", source="content/stories/x.en.md")
    out.record("images/a.jpg", "k", 3)
    out.record("images/a.jpg", "k", 3)  # the same file again: not an overwrite
    assert (tmp_path / "output" / "x" / "index.html").read_bytes() == b"first"
    [problem] = problems
    assert problem.path == "content/stories/x.en.md"
    assert "'x/index.html'" in problem.message and "content/pages/x.en.md" in problem.message
    assert not out.claim("x/index.html", "the tag page tags/x/")
    assert out.claim("x/index.html", "content/pages/x.en.md")  # its owner, again
    out.finish()
    assert not (tmp_path / "cache" / "m.building").exists()


# -- one build at a time --------------------------------------------------------------


def _start_build(site: Site, log: Path) -> subprocess.Popen:
    settings = site.settings_file()
    command = [sys.executable, "-m", "pelican", str(site.content), "-s", str(settings)]
    command += ["-o", str(site.output)]
    with log.open("w") as handle:
        return subprocess.Popen(
            command,
            cwd=site.root,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "250"},
        )


def test_two_builds_at_once_wait_for_each_other(site, tmp_path):
    good_site(site)
    for index in range(6):
        site.write(f"stories/more-{index}.en.md", story(f"more-{index}", tags=f"t{index}"))
    lock = site.root / ".cache" / "campaign" / "build.lock"
    lock.parent.mkdir(parents=True)
    logs = [tmp_path / "one.log", tmp_path / "two.log"]
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a build is running: both must wait for it
        builds = []
        for log in logs:
            builds.append(_start_build(site, log))
            poll(
                lambda log=log: "another build of this site is running" in log.read_text(),
                what=f"{log.name} to say that it waits",
            )
        assert all(build.poll() is None for build in builds)
    codes = [build.wait(timeout=600) for build in builds]
    assert codes == [0, 0], [log.read_text() for log in logs]
    concurrent = tree(site.output)
    assert concurrent == clean_build_of(site, tmp_path)
    assert tree(site.build().output) == concurrent


def test_bad_metadata_is_a_named_error_never_a_traceback(site, tmp_path):
    """Inputs that once ended in a traceback (and took the whole site down) are errors on
    their file and line; the rest of the site builds and equals a clean build once fixed."""
    good_site(site)
    long_tag = "a" * 300  # its folder name would exceed the file system's limit
    site.write("stories/long-tag.en.md", story("long-tag", tags=f"school, {long_tag}"))
    site.write("stories/digits.en.md", story("digits").replace("Age: 15", "Age: ¹⁵"))
    site.write(
        "hints/order.en.md",
        "Title: H\nSlug: order\nLang: en\nDate: 2026-02-01\nOrder: ²\n\nA hint.\n",
    )
    site.write("pages/typo.en.md", "Title: T\nSlug: typo\nLang: en\nTemplate: folow\n\nText.\n")
    site.write(
        "pages/escape.en.md",
        "Title: E\nSlug: escape\nLang: en\nTemplate: ../../../../etc/passwd\n\nText.\n",
    )
    site.write(
        "stories/raw-html.en.md",
        story("raw-html")
        + '\n<object data="x"></object> <form><input></form> <style>p{}</style>\n',
    )
    site.write("stories/encoded.en.md", story("encoded") + "\n[click](&#106;avascript:alert(1))\n")
    (
        site.content
        / "stories"
        / "caf\udce9.en.md".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    ).write_bytes(story("cafe").encode())
    result = site.build()
    log = result.log
    assert result.returncode == 0 and "Traceback" not in log, log
    for expected in (
        "content/stories/long-tag.en.md:7: the topic 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' "
        "is 300 characters long; the limit is 60",
        "content/stories/digits.en.md:6: 'Age: ¹⁵' is not an age from 13 to 25",
        "content/hints/order.en.md:5: 'Order: ²' is not a whole number",
        "content/pages/typo.en.md:4: unknown template 'folow'; the page is shown with the "
        "normal layout; did you mean 'Template: follow'?",
        "content/pages/escape.en.md:4: unknown template '../../../../etc/passwd'",
        "content/stories/raw-html.en.md:12: the HTML tag <object> is removed from the page",
        "content/stories/raw-html.en.md:12: the HTML tag <form> is removed",
        "content/stories/raw-html.en.md:12: the HTML tag <style> is removed",
        "content/stories/encoded.en.md:12: a javascript:, vbscript: or data: link is not allowed",
        "content/stories/caf\\xe9.en.md:1: the file name is not valid UTF-8 text",
    ):
        assert expected in log, expected
    assert result.exists("stories/long-tag/") and result.exists("typo/")
    assert result.exists("escape/") and result.exists("hints/order/")
    assert not any(len(part) > 100 for path in result.output.rglob("*") for part in path.parts)
    published = result.page("stories/raw-html/")
    assert "<object" not in published and "<form" not in published and "p{}" not in published
    assert not result.exists("stories/encoded/")
