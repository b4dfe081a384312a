"""Whole-site checks with real Pelican builds of small sites."""

from __future__ import annotations

import hashlib
import re

from conftest import story

BAD_FILES = {
    "stories/empty.en.md": "",
    "stories/no-title.en.md": story("no-title").replace("Title: Story no-title en\n", ""),
    "stories/bad-date.en.md": story("bad-date").replace("2026-02-07 09:00", "7 Feb 2026"),
    "stories/wrong-lang.en.md": story("wrong-lang").replace("Lang: en", "Lang: xx"),
    "stories/copy.en.md": story("good").replace("Slug: good", "Slug: good"),
    "stories/orphan.fr.md": story("orphan", "fr"),  # French only: published (issue 17)
    "stories/twice.fr.md": story("twice", "fr").replace("Summary:", "Original: yes\nSummary:"),
    "stories/twice.ar.md": story("twice", "ar").replace("Summary:", "Original: yes\nSummary:"),
    "stories/typo.en.md": story("typo").replace("Tags:", "Tagz:"),
    "stories/no-image.en.md": story("no-image") + "\n![A drawing](images/missing.jpg)\n",
    "stories/no-alt.en.md": story("no-alt") + "\n![](images/missing.jpg)\n",
    "stories/script.en.md": story("script") + "\n<script>alert(1)</script>\n",
    "stories/handler.en.md": story("handler") + '\n<img src="x" onerror="alert(1)">\n',
    "stories/jsurl.en.md": story("jsurl") + "\n[x](javascript:alert(1))\n",
    "stories/mojibake.en.md": story("mojibake") + "\nUn cafÃ© sympa.\n",
}


def normalised(log: str) -> str:
    return " ".join(log.split())


def test_every_problem_reported_in_one_run_and_the_rest_still_builds(site):
    site.write("stories/good.en.md", story("good"))
    for rel, text in BAD_FILES.items():
        site.write(rel, text)
    site.write(
        "stories/latin1.en.md", story("latin1").replace("paragraph", "caf\xe9").encode("latin-1")
    )
    result = site.build()
    log = normalised(result.log)
    assert result.returncode == 0, "make html reports and still builds"
    expected = [
        "content/stories/empty.en.md:1: the file is empty",
        "content/stories/no-title.en.md:1: the title is missing or empty",
        "content/stories/bad-date.en.md:4: the date '7 Feb 2026' is not a valid date",
        "content/stories/wrong-lang.en.md:3: unknown language 'xx'",
        "content/stories/copy.en.md:2: 'Slug: good' does not match the file name 'copy'",
        "content/stories/copy.en.md:2: the slug 'good' is already used in language 'en' by "
        "content/stories/good.en.md",
        "content/stories/twice.ar.md:8: two files say they are the original of stories/twice: "
        "content/stories/twice.fr.md and this one; the first is used",
        "content/stories/typo.en.md:7: unknown metadata key 'Tagz:'; did you mean 'Tags:'?",
        "content/stories/no-image.en.md:12: the picture 'images/missing.jpg' does not exist",
        "content/stories/no-alt.en.md:12: the picture 'images/missing.jpg' has no alt text",
        "content/stories/script.en.md:12: a <script> tag is not allowed",
        "content/stories/handler.en.md:12: HTML with an event handler",
        "content/stories/jsurl.en.md:12: a javascript:, vbscript: or data: link",
        "content/stories/mojibake.en.md:12: garbled characters 'Ã©'",
        "content/stories/latin1.en.md:10: the file is not valid UTF-8 text",
    ]
    missing = [message for message in expected if message not in log]
    assert not missing, f"not reported: {missing}\n{result.log}"
    assert "Traceback" not in result.log
    assert result.exists("stories/good/")
    assert result.exists("stories/typo/"), "a typo in a key does not lose the story"
    assert result.exists("stories/no-image/"), "a missing picture does not lose the story"
    for skipped in (
        "empty",
        "no-title",
        "bad-date",
        "wrong-lang",
        "copy",
        "script",
        "handler",
        "jsurl",
        "mojibake",
        "latin1",
    ):
        assert not result.exists(f"stories/{skipped}/"), skipped
    assert result.exists("fr/stories/orphan/") and "this translation has no original" not in log
    html = "\n".join(p.read_text() for p in result.output.rglob("*.html"))
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html


def test_strict_build_fails_without_traceback(site):
    site.write("stories/good.en.md", story("good"))
    site.write("stories/bad.en.md", story("bad").replace("Lang: en", "Lang: de"))
    result = site.build("-e", "CAMPAIGN_STRICT=true")
    assert result.returncode == 1
    log = normalised(result.log)
    assert "content/stories/bad.en.md:3: unknown language 'de'" in log
    assert re.search(r"\d+ errors? in \d+ files?: nothing was published", log)
    assert "Traceback" not in result.log


def test_titles_and_summaries_are_escaped(site):
    site.write(
        "stories/x.en.md",
        story("x", title="<b>Bold</b> & <i>co</i>").replace(
            "Summary: <b>Bold</b> & <i>co</i> summary.", 'Summary: "quoted" <img src=x>'
        ),
    )
    result = site.build()
    html = result.page("stories/x/")
    assert (
        "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;co&lt;/i&gt;" in html
    )
    assert "<img src=x>" not in html


def test_drafts_and_scheduled_content_are_left_out_and_listed(site):
    site.write("stories/now.en.md", story("now"))
    site.write("stories/draft.en.md", story("draft").replace("Summary:", "Status: draft\nSummary:"))
    site.write("stories/later.en.md", story("later").replace("2026-02-07", "2027-03-01"))
    site.write("pages/about.en.md", "Title: About\nSlug: about\nLang: en\n\nAbout us.\n")
    result = site.build()
    assert result.exists("stories/now/")
    assert not result.exists("stories/draft/") and not result.exists("stories/later/")
    listing = result.page("stories/")
    assert "later" not in listing and "draft" not in listing
    log = normalised(result.log)
    assert "content/stories/later.en.md:4: scheduled for 2027-03-01 09:00" in log
    assert "content/stories/draft.en.md:8: withdrawn (Status: draft) in en, not published" in log
    # Pelican's closing line counts our content (a scheduled file is a draft, as in Pelican)
    assert "Done: Processed 1 article, 2 drafts, 0 hidden articles, 1 page," in log
    after = site.build(extra={"CAMPAIGN_NOW": "2027-03-02T00:00:00"})
    assert after.exists("stories/later/"), "published once its date has passed"
    assert "Done: Processed 2 articles, 1 draft," in normalised(after.log)


def test_internal_links_resolve_and_broken_ones_are_reported(site):
    site.write("pages/report-it.en.md", "Title: Report it\nSlug: report-it\nLang: en\n\nHelp.\n")
    site.write(
        "stories/a.en.md",
        story("a") + "\nSee [report]({filename}/pages/report-it.en.md#x)"
        " and [gone]({filename}/pages/gone.en.md).\n",
    )
    result = site.build()
    html = result.page("stories/a/")
    assert 'href="/report-it/#x"' in html
    assert "content/stories/a.en.md:12: the link to '/pages/gone.en.md' does not exist" in (
        normalised(result.log)
    )


def test_two_builds_are_byte_identical(site, tmp_path):
    site.write("stories/a.en.md", story("a"))
    site.write("stories/a.fr.md", story("a", "fr"))
    site.write("pages/about.en.md", "Title: About\nSlug: about\nLang: en\n\nAbout us.\n")
    first = site.build()
    digest = tree_digest(first.output)
    (site.root / ".cache").rename(tmp_path / "old-cache")
    import shutil

    shutil.rmtree(first.output)
    second = site.build(fresh=True)  # another interpreter, another hash seed
    assert tree_digest(second.output) == digest


def test_deleted_story_disappears_from_output(site):
    site.write("stories/a.en.md", story("a"))
    path = site.write("stories/b.en.md", story("b"))
    assert site.build().exists("stories/b/")
    path.unlink()
    result = site.build()
    assert not result.exists("stories/b/")
    assert "stories/b/" not in result.page("stories/")


def tree_digest(root) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_real_content_builds_without_problems_and_every_page_is_complete(real_site):
    assert real_site.returncode == 0, real_site.log
    log = normalised(real_site.log)
    assert " ERROR " not in f" {log} ", real_site.log
    pages = sorted(real_site.output.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(real_site.output).as_posix()
        assert re.search(r"<html lang=\"(en|fr|ar)\" dir=\"(ltr|rtl)\">", html), rel
        assert re.search(r"<title>[^<]{3,}</title>", html), rel
        assert len(re.findall(r"<h1[ >]", html)) == 1, rel
        assert re.search(r'<meta name="description" content="[^"]{10,}">', html), rel
        if not rel.endswith("404.html"):
            assert re.search(r'<link rel="canonical" href="https?://[^"]+">', html), rel
