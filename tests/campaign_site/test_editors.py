"""What editors do every day works as they meant, or stops with one clear line (issue 11).

Real builds of small sites: withdrawing and scheduling per story, the preview, menus from
metadata, reserved addresses, ignored files, every kind of link, one-line messages.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import etree

from campaign_site.pages import PageSpec, collisions
from conftest import PROJECT, Site, story
from tests.campaign_site.test_incremental import clean_build_of, tree

PROBLEM_LINE = re.compile(r"^content/\S+:\d+: (warning: )?[^;\n]+(; .+)?$")


def lines(log: str) -> list[str]:
    return log.splitlines()


def with_meta(text: str, extra: str) -> str:
    """A file's text with metadata lines added before ``Summary:``."""
    return text.replace("Summary:", f"{extra}\nSummary:", 1)


def story_in_three(site: Site, slug: str, **meta: str) -> None:
    for lang in ("en", "fr", "ar"):
        text = story(slug, lang)
        if lang in meta:
            text = with_meta(text, meta[lang])
        site.write(f"stories/{slug}.{lang}.md", text)


def published_urls(output: Path) -> set[str]:
    sitemap = etree.parse(str(output / "sitemap.xml"))
    return {node.text for node in sitemap.iter("{*}loc")}


def feed_text(output: Path) -> str:
    return "".join(path.read_text() for path in output.rglob("feeds/*.xml"))


# -- withdrawing and scheduling are per story ---------------------------------------------


def test_a_draft_original_withdraws_every_language(site):
    story_in_three(site, "kept")
    story_in_three(site, "gone", en="Status: draft")
    result = site.build(extra={"CAMPAIGN_SERVER_CONFIG": False})
    assert result.returncode == 0, result.log
    for prefix in ("", "fr/", "ar/"):
        assert result.exists(f"{prefix}stories/kept/")
        assert not result.exists(f"{prefix}stories/gone/"), prefix
        assert "gone" not in result.page(f"{prefix}stories/")
    assert not any("gone" in url for url in published_urls(result.output))
    assert "gone" not in feed_text(result.output)
    assert (
        "content/stories/gone.en.md:8: withdrawn (Status: draft) in en, so fr and ar are "
        "not published either" in result.log
    )


def test_a_draft_translation_waits_alone(site):
    story_in_three(site, "mixed", fr="Status: draft")
    result = site.build()
    assert result.exists("stories/mixed/") and result.exists("ar/stories/mixed/")
    assert not result.exists("fr/stories/mixed/")
    assert "content/stories/mixed.fr.md:8: withdrawn (Status: draft) in fr, not published" in (
        result.log
    )
    # the French list shows the story in another language instead, marked as such
    assert "mixed" in result.page("fr/stories/")


def test_a_scheduled_original_schedules_its_translations(site):
    story_in_three(site, "soon")
    site.write("stories/soon.en.md", story("soon").replace("2026-02-07", "2027-01-10"))
    result = site.build()
    for prefix in ("", "fr/", "ar/"):
        assert not result.exists(f"{prefix}stories/soon/"), prefix
    assert (
        "content/stories/soon.en.md:4: scheduled for 2027-01-10 09:00, with its fr and ar "
        "versions" in result.log
    )
    later = site.build(extra={"CAMPAIGN_NOW": "2027-01-11T00:00:00"})
    assert all(later.exists(f"{p}stories/soon/") for p in ("", "fr/", "ar/"))


def test_drafting_a_published_original_removes_its_translations_like_a_clean_build(site, tmp_path):
    story_in_three(site, "kept")
    story_in_three(site, "teller")
    first = site.build()
    assert first.exists("fr/stories/teller/") and "teller" in feed_text(first.output)
    site.write("stories/teller.en.md", with_meta(story("teller"), "Status: draft"))
    second = site.build()
    assert second.returncode == 0, second.log
    for prefix in ("", "fr/", "ar/"):
        assert not second.exists(f"{prefix}stories/teller/")
    assert "teller" not in feed_text(second.output)
    assert not any("teller" in url for url in published_urls(second.output))
    assert tree(second.output) == clean_build_of(site, tmp_path)


def test_the_preview_shows_drafts_with_a_banner_and_nowhere_else(site):
    story_in_three(site, "kept")
    story_in_three(site, "draft", en="Status: draft")
    site.write("stories/soon.en.md", story("soon").replace("2026-02-07", "2027-01-10"))
    result = site.build(extra={"CAMPAIGN_PREVIEW": True})
    page = result.page("stories/draft/")
    assert 'class="preview-banner"' in page and "Draft — not published" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "preview-banner" in result.page("fr/stories/draft/")
    assert "Scheduled for" in result.page("stories/soon/")
    assert "draft" not in result.page("stories/") and "soon" not in result.page("stories/")
    assert "draft" not in feed_text(result.output)
    assert not any("/draft/" in url or "/soon/" in url for url in published_urls(result.output))
    assert "preview-banner" not in result.page("stories/kept/")
    normal = site.build()  # the same folder built normally: no trace of the preview
    assert not normal.exists("stories/draft/") and not normal.exists("stories/soon/")


# -- menus and reachability --------------------------------------------------------------


PAGE = "Title: {title}\nSlug: {slug}\nLang: {lang}\n{meta}\n\nText of {slug}.\n"


def page(site: Site, slug: str, lang: str = "en", title: str = "", meta: str = "") -> None:
    site.write(
        f"pages/{slug}.{lang}.md",
        PAGE.format(title=title or f"{slug} {lang}", slug=slug, lang=lang, meta=meta),
    )


def test_menus_come_from_metadata_and_translations_follow_the_original(site):
    site.write("stories/s.en.md", story("s"))
    page(site, "zeta", meta="Menu: main\nOrder: 1", title="Zeta")
    page(site, "alpha", meta="Menu: main, footer\nOrder: 2", title="Alpha")
    page(site, "alpha", "fr", title="Alpha FR")  # no Menu: line, follows the original
    page(site, "legal", meta="Menu: footer", title="Legal")
    page(site, "lost", title="Lost")
    page(site, "typo", meta="Menu: mian", title="Typo")
    result = site.build()
    header = result.page("").split('class="site-nav"')[1].split("</nav>")[0]
    assert header.index("Zeta") < header.index("Alpha") and "Legal" not in header
    footer = result.page("").split('class="site-footer"')[1]
    assert "Alpha" in footer and "Legal" in footer and "Zeta" not in footer
    fr_header = result.page("fr/").split('class="site-nav"')[1].split("</nav>")[0]
    assert "Alpha FR" in fr_header and 'lang="en">Zeta' in fr_header
    log = result.log
    assert "content/pages/lost.en.md:1: warning: nothing links to this page" in log
    assert "content/pages/typo.en.md:4: unknown menu 'mian'; did you mean 'Menu: main'?" in log
    assert "pages/alpha.en.md:1: warning: nothing links" not in log


def test_a_linked_page_is_reachable(site):
    page(site, "hidden", title="Hidden")
    page(site, "home-page", meta="Menu: main", title="Hub")
    site.write(
        "pages/home-page.en.md",
        PAGE.format(title="Hub", slug="home-page", lang="en", meta="Menu: main")
        + "\nSee [the hidden page](/hidden/).\n",
    )
    result = site.build()
    assert "hidden.en.md:1: warning: nothing links" not in result.log, result.log


def test_a_page_cannot_take_an_address_the_site_uses(site):
    site.write("stories/s.en.md", story("s"))
    page(site, "stories", meta="Menu: main")
    page(site, "fr", meta="Menu: main")
    page(site, "feeds", meta="Menu: main")
    result = site.build()
    assert (
        "content/pages/stories.en.md:2: the address stories/ is already used by the site"
        in result.log
    )
    assert "content/pages/fr.en.md:2: the address fr/ is already used" in result.log
    assert "content/pages/feeds.en.md:2: the address feeds/ is already used" in result.log
    assert "Stories" in result.page("stories/") or "s en" in result.page("stories/")
    assert "Text of fr" not in result.page("fr/")


def test_two_pages_for_one_file_are_an_error_naming_both():
    first = PageSpec("x/", "page", "en", ("a",), "page", source="content/pages/x.en.md")
    second = PageSpec("x/", "page", "en", ("b",), "page", source="content/gallery/x/album.en.md")
    kept, problems = collisions([first, second])
    assert kept == [first]
    (problem,) = problems
    assert str(problem).startswith(
        "content/gallery/x/album.en.md:1: this would be published at /x/, which "
        "content/pages/x.en.md already uses"
    )


# -- nothing an editor adds is ignored silently ------------------------------------------


def test_files_the_site_would_ignore_are_reported(site):
    site.write("stories/ok.en.md", story("ok"))
    site.write("stories/notepad.en.md.txt", story("notepad"))
    site.write("stories/long.en.markdown", story("long"))
    site.write("stories/shout.en.MD", story("shout"))
    site.write("notes.en.md", story("notes"))
    site.write("stories/draft.docx", b"PK\x03\x04")
    result = site.build()
    log = result.log
    assert (
        "content/stories/notepad.en.md.txt:1: the site only reads Markdown files whose "
        "name ends in .md, so this file is not published; rename it to notepad.en.md" in log
    )
    assert "content/stories/long.en.markdown:1: the site only reads Markdown files" in log
    assert (
        "content/stories/shout.en.MD:1: the file name ends in '.MD', so the site does "
        "not read it; rename it to end in lower-case .md: shout.en.md" in log
    )
    assert "content/notes.en.md:1: the file is not in a content folder" in log
    assert "content/stories/draft.docx:1: warning: this file is neither a Markdown page" in log


def test_a_picture_path_that_leaves_content_is_an_error(site, tmp_path):
    (site.root / "secret.jpg").write_bytes(b"not shown")
    site.write(
        "stories/x.en.md",
        story("x") + "\n![A secret](../../secret.jpg)\n\n![Also secret](../secret.jpg)\n",
    )
    result = site.build()
    assert (
        "content/stories/x.en.md:12: the picture path '../../secret.jpg' leads outside "
        "content/" in result.log
    )
    assert "content/stories/x.en.md:14: the picture path '../secret.jpg' leads outside" not in (
        result.log
    )  # ../secret.jpg from stories/ is content/secret.jpg: inside, just missing
    assert "secret" not in "".join(p.name for p in result.output.rglob("*"))


# -- every link is checked ----------------------------------------------------------------


def test_every_kind_of_link_is_checked(site):
    site.write(
        "pages/report-it.en.md",
        PAGE.format(title="Report", slug="report-it", lang="en", meta="Menu: main"),
    )
    site.write(
        "pages/report-it.fr.md", PAGE.format(title="Signaler", slug="report-it", lang="fr", meta="")
    )
    body = (
        "\n[good](/report-it/) [good fr](/fr/report-it/) [up](../../report-it/)\n\n"
        "[broken](/stories/nope/) [relative](../report-it/)\n\n"
        "[preview](http://127.0.0.1:8000/stories/a/) [local](http://localhost:8000/)\n\n"
        "[wrong language]({filename}/pages/report-it.fr.md)\n\n"
        "A few sentences.\n"
    )
    site.write("stories/a.en.md", story("a") + body)
    result = site.build()
    log = result.log
    assert "content/stories/a.en.md:14: the link '/stories/nope/' is not a page of this site" in log
    assert (
        "content/stories/a.en.md:14: the link '../report-it/' leads to /stories/report-it/, "
        "which is not a page of this site" in log
    )
    assert "'/report-it/'" not in log and "'/fr/report-it/'" not in log
    assert "'../../report-it/'" not in log
    assert (
        "content/stories/a.en.md:16: the link 'http://127.0.0.1:8000/stories/a/' points to "
        "your own computer" in log
    )
    assert "the link 'http://localhost:8000/' points to your own computer" in log
    assert (
        "content/stories/a.en.md:18: warning: the link to '/pages/report-it.fr.md' leads "
        "to the fr version of the page from a en page; link to "
        "{filename}/pages/report-it.en.md instead" in log
    )
    assert (
        "content/stories/a.en.md:20: this line is still the template's example text "
        "'A few sentences.'" in log
    )


def test_placeholder_metadata_is_refused(site):
    site.write(
        "stories/a.en.md",
        with_meta(story("a"), "Warning: Delete this line if the story needs no content warning."),
    )
    result = site.build()
    assert "content/stories/a.en.md:8: 'Warning:' still has the template's example text" in (
        result.log
    )
    assert not result.exists("stories/a/")


# -- messages an editor can read and click ------------------------------------------------


def test_messages_are_one_line_each_and_the_build_ends_with_a_summary(site):
    site.write("stories/ok.en.md", story("ok"))
    site.write(
        "stories/bad.en.md",
        story("bad").replace("Age: 15\n", "")
        + "\n![A picture that is not there](images/nowhere.jpg)\n",
    )
    site.write("stories/two.en.md", story("two").replace("Age: 15", "Age: ¹⁵"))
    result = site.build(env={"COLUMNS": "40"})
    assert result.returncode == 0
    problems = [line for line in lines(result.log) if line.startswith("content/")]
    assert problems and all(PROBLEM_LINE.match(line) for line in problems), problems
    # all problems of one file in one run: the missing Age does not hide the missing picture
    assert any(
        line.startswith("content/stories/bad.en.md:1: a story needs its storyteller's age")
        for line in problems
    )
    assert any(
        line.startswith("content/stories/bad.en.md:11: the picture 'images/nowhere.jpg'")
        for line in problems
    )
    assert "content/stories/two.en.md:6: 'Age: ¹⁵' is not an age from 13 to 25" in result.log
    assert "Traceback" not in result.log
    assert not re.search(r"\[\d\d:\d\d:\d\d\]|hooks\.py:\d+", result.log)
    assert lines(result.log.strip())[-1] == (
        "3 errors in 2 files: the rest of the site was built; `make check` lists them again"
    )
    assert result.exists("stories/ok/") and not result.exists("stories/bad/")


def test_a_clean_build_says_so(site):
    site.write("stories/ok.en.md", story("ok"))
    result = site.build()
    assert lines(result.log.strip())[-1] == "No content problems: the whole site was built."


def test_a_strict_build_fails_with_the_summary_last(site):
    site.write("stories/bad.en.md", story("bad").replace("Lang: en", "Lang: de"))
    result = site.build(extra={"CAMPAIGN_STRICT": True})
    assert result.returncode == 1
    assert lines(result.log.strip())[-1].startswith("1 error in 1 file: nothing was published")


# -- serving -------------------------------------------------------------------------------


def _busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    return sock, sock.getsockname()[1]


@pytest.mark.parametrize("tool", ["serve.py", "devserver.py"])
def test_a_busy_port_is_one_line_with_the_fix(tool, tmp_path):
    (tmp_path / "index.html").write_text("<p>hi</p>")
    sock, port = _busy_port()
    try:
        args = ["--port", str(port)]
        args += ["--directory", str(tmp_path)] if tool == "serve.py" else []
        done = subprocess.run(
            [sys.executable, str(PROJECT / "tools" / tool), *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
    finally:
        sock.close()
    target = tool.removesuffix(".py")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"{target}: port {port} on 127.0.0.1 is already in use (another server is running?); "
        f"stop it, or pick another port: make {target} PORT={port + 1}"
    ), done.stderr


def test_serve_answers_a_missing_page_with_the_languages_404(site):
    site.write("stories/ok.en.md", story("ok"))
    site.write("stories/ok.fr.md", story("ok", "fr"))
    assert site.build().returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            str(PROJECT / "tools" / "serve.py"),
            "--port",
            str(port),
            "--directory",
            str(site.output),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for attempt in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                if server.poll() is not None or attempt == 199:
                    raise
                import time

                time.sleep(0.05)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/nope/", timeout=5)
        assert missing.value.code == 404
        assert '<html lang="fr"' in missing.value.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=10)
