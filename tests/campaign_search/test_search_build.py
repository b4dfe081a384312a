"""campaign_search in real builds: what is indexed, in which language, and when Pagefind runs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from campaign_publish import headers
from campaign_search.settings import SearchSettingsError, read_settings
from conftest import story

BUNDLE = "pagefind"
DRAFT = """\
Title: Secret draft
Slug: secret
Lang: en
Status: draft
Date: 2026-02-07 09:00
Author: Sami
Age: 15
Tags: school
Summary: Not yet.

The word zanzibarquux is in a draft only.
"""
SCHEDULED = (
    story("later", "en", title="Later story").replace("2026-02-07", "2027-01-01")
    + "\nThe word quokkafuture is scheduled.\n"
)
PAGE = """\
Title: {title}
Slug: {slug}
Lang: {lang}
Summary: {title}.
{extra}

{body}
"""


def fragments(output: Path) -> list[dict]:
    """Every page of the index, as Pagefind stored it (url, content, meta, language)."""
    found = []
    for path in sorted((output / BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        fragment["language"] = path.name.split("_")[0]
        found.append(fragment)
    return found


def indexed(output: Path) -> dict[str, str]:
    """URL -> language of every indexed page."""
    return {fragment["url"]: fragment["language"] for fragment in fragments(output)}


def bundle_files(output: Path) -> dict[str, bytes]:
    folder = output / BUNDLE
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_site(site):
    for lang, title in (("en", "Report it"), ("fr", "Signale-le"), ("ar", "أبلغ عنه")):
        site.write(f"stories/first.{lang}.md", story("first", lang))
        site.write(
            f"pages/report-it.{lang}.md",
            PAGE.format(title=title, slug="report-it", lang=lang, extra="", body="How to report."),
        )
    site.write(
        "pages/hidden.en.md",
        PAGE.format(
            title="Hidden page",
            slug="hidden",
            lang="en",
            extra="Search: no",
            body="The word wombatnever stays out of search.",
        ),
    )
    site.write("stories/secret.en.md", DRAFT)
    site.write("stories/later.en.md", SCHEDULED)
    return site


@pytest.fixture
def built(site):
    make_site(site)
    result = site.build("--verbose")
    assert result.returncode == 0, result.log
    return site, result


def test_entries_are_indexed_per_language_and_nothing_else(built):
    site, result = built
    assert "campaign_search: 6 pages indexed (ar 2, en 2, fr 2)" in " ".join(result.log.split())
    assert indexed(site.output) == {
        "/stories/first/": "en",
        "/report-it/": "en",
        "/fr/stories/first/": "fr",
        "/fr/report-it/": "fr",
        "/ar/stories/first/": "ar",
        "/ar/report-it/": "ar",
    }
    entry = json.loads((site.output / BUNDLE / "pagefind-entry.json").read_bytes())
    assert set(entry["languages"]) == {"en", "fr", "ar"}
    # one stemmer per language: Pagefind has English, French and Arabic ones
    assert {f"wasm.{code}.pagefind" for code in ("en", "fr", "ar")} <= set(
        bundle_files(site.output)
    )
    # Pagefind's own ready-made interfaces are not published: the site has its own
    assert not [name for name in bundle_files(site.output) if "-ui" in name]


def test_search_no_drafts_scheduled_lists_and_404_are_never_indexed(built):
    site, result = built
    urls = set(indexed(site.output))
    assert "/hidden/" not in urls  # Search: no
    assert not [url for url in urls if "secret" in url or "later" in url]
    text = " ".join(fragment["content"] for fragment in fragments(site.output))
    for word in ("wombatnever", "zanzibarquux", "quokkafuture"):
        assert word not in text
    for url in ("tags/", "tags/school/", "404.html", "search/", "stories/", "archives/", ""):
        assert "data-pagefind-body" not in result.page(url), url
    assert "data-pagefind-body" in result.page("stories/first/")
    assert "data-pagefind-body" not in result.page("hidden/")


def test_a_preview_build_never_indexes_drafts(site):
    make_site(site)
    result = site.build("--verbose", extra={"CAMPAIGN_PREVIEW": True})
    assert result.returncode == 0, result.log
    assert result.exists("stories/secret/")  # the draft is previewed...
    assert "data-pagefind-body" not in result.page("stories/secret/")
    urls = set(indexed(site.output))  # ...and never searchable
    assert "/stories/secret/" not in urls and "/stories/later/" not in urls
    text = " ".join(fragment["content"] for fragment in fragments(site.output))
    assert "zanzibarquux" not in text and "quokkafuture" not in text


def test_only_what_the_entry_says_is_indexed_with_its_title_and_section(built):
    site, _result = built
    by_url = {fragment["url"]: fragment for fragment in fragments(site.output)}
    first = by_url["/stories/first/"]
    assert first["meta"]["title"] == "Story first en"
    assert first["meta"]["section"] == "Stories"
    content = first["content"]
    assert "A paragraph of the story first in en." in content
    assert "Story first en summary." in content  # the summary, weighted above the text
    # not the menus, the footer, the language switcher, the storyteller line or the help box
    for outside in ("Skip to main content", "Français", "cookies", "Sami", "not your fault"):
        assert outside not in content, outside
    assert by_url["/fr/stories/first/"]["meta"]["section"] == "Histoires"


def test_an_unchanged_rebuild_keeps_the_index_and_an_edit_reindexes(built):
    site, _first = built
    before = bundle_files(site.output)
    again = site.build("--verbose")
    assert again.returncode == 0, again.log
    assert "campaign_search: the index of 6 pages is unchanged" in " ".join(again.log.split())
    assert "pages indexed" not in again.log
    assert bundle_files(site.output) == before
    site.write("stories/first.en.md", story("first", "en") + "\nNow about platypusword.\n")
    edited = site.build("--verbose")
    assert "pages indexed" in edited.log
    assert "platypusword" in " ".join(f["content"] for f in fragments(site.output))
    after = bundle_files(site.output)
    assert after != before
    # the old story's fragment is gone (the writer removes what a build no longer makes)
    old_fragments = {name for name in before if name.startswith("fragment/")}
    new_fragments = {name for name in after if name.startswith("fragment/")}
    assert len(new_fragments) == len(old_fragments) and new_fragments != old_fragments


def test_the_index_is_the_same_for_the_same_pages(site, tmp_path):
    make_site(site)
    assert site.build().returncode == 0
    first = bundle_files(site.output)
    other = type(site)(tmp_path / "other")
    make_site(other)
    assert other.build(fresh=True).returncode == 0  # another interpreter, another hash seed
    assert bundle_files(other.output) == first


def test_search_pages_alone_have_a_script(built):
    site, result = built
    for path in sorted(site.output.rglob("*.html")):
        rel = path.relative_to(site.output).as_posix()
        html = path.read_text(encoding="utf-8")
        if rel in ("search/index.html", "fr/search/index.html", "ar/search/index.html"):
            assert html.count("<script") == 1, rel
            assert '<script type="module" src="/assets/js/search.' in html, rel
        else:
            assert "<script" not in html, rel
    # linked from the header of every page and from the 404 pages
    assert 'class="search-link" href="/fr/search/"' in result.page("fr/stories/first/")
    assert 'href="/ar/search/"' in result.page("ar/404.html")
    arabic = result.page("ar/search/")
    assert '<html lang="ar" dir="rtl">' in arabic
    # the script's words come from the catalog: no English on the French page
    french = result.page("fr/search/")
    assert 'data-text-count="Nombre de résultats\u00a0: {count}"' in french
    assert "Search needs JavaScript" not in french and "No results" not in french


def test_without_search_there_is_no_page_link_or_index(site):
    make_site(site)
    result = site.build(extra={"CAMPAIGN_SEARCH": False})
    assert result.returncode == 0, result.log
    assert not (site.output / BUNDLE).exists()
    assert not result.exists("search/")
    assert "search-link" not in result.page("")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("CAMPAIGN_SEARCH_BUNDLE", "../x", "one folder name"),
        ("CAMPAIGN_SEARCH_KINDS", ("story", "tag"), "'tag'"),
        ("CAMPAIGN_SEARCH_KINDS", "story", "a list"),
        ("CAMPAIGN_SEARCH_RESULTS", 0, "from 1 to 100"),
    ],
)
def test_bad_settings_are_refused_with_the_fix(key, value, words):
    with pytest.raises(SearchSettingsError, match=words.replace("(", r"\(")):
        read_settings({key: value})


def test_a_bad_search_value_is_reported(site):
    make_site(site)
    site.write(
        "pages/odd.en.md",
        PAGE.format(title="Odd", slug="odd", lang="en", extra="Search: maybe", body="Odd."),
    )
    result = site.build()
    assert "content/pages/odd.en.md:5: 'Search: maybe' is neither yes nor no" in result.log


def test_only_the_search_paths_get_webassembly_in_the_server_files():
    policy = headers.HeaderPolicy(https=True, wasm_paths=("search/", "fr/search/", "pagefind/"))
    strict = headers.content_security_policy(True)
    relaxed = headers.content_security_policy(True, wasm=True)
    assert "'wasm-unsafe-eval'" not in strict
    assert relaxed == strict.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
    nginx = headers.nginx_config("https://x.org", "/srv", ["fr/"], policy)
    assert f'    default "{strict}";' in nginx
    assert f'    "~^/(fr/search/|pagefind/|search/)" "{relaxed}";' in nginx
    assert "add_header Content-Security-Policy $campaign_x_org_443_csp always;" in nginx
    assert 'add_header Content-Security-Policy "' not in nginx
    static = headers.static_host_headers(policy)
    assert f"/*\n  Content-Security-Policy: {strict}\n" in static
    assert f"/fr/search/*\n  Content-Security-Policy: {relaxed}\n" in static
    # without search, the server files are as they were
    plain = headers.HeaderPolicy(https=True)
    assert "_csp" not in headers.nginx_config("https://x.org", "/srv", ["fr/"], plain)
    assert "wasm" not in headers.static_host_headers(plain)
