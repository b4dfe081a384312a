"""`tools/publish.py` on a throwaway trilingual site: what a publish writes, its safety when
the build fails, and its reproducibility."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest
from lxml import etree, html
from publish_support import make_site, publish, published_base, published_site, tree

from campaign_publish.compress import compressible

SITEURL = "https://campaign.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


# the tests share the module's site: pytest-xdist (--dist loadgroup) runs them in one worker
pytestmark = pytest.mark.xdist_group("published")


@pytest.fixture(scope="module")
def published():
    """One site published once with publishconf.py; tests only read it."""
    return published_base(SITEURL)


def _file_of(loc: str) -> str:
    assert loc.startswith(SITEURL + "/"), loc
    path = urlsplit(loc).path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def _sitemap(site):
    return etree.parse(str(site.output / "sitemap.xml")).getroot()


def test_sitemap_lists_every_indexable_page_with_an_existing_file(published):
    root = _sitemap(published)
    locs = root.xpath("s:url/s:loc/text()", namespaces=NS)
    assert locs == sorted(locs) and len(locs) == len(set(locs))
    for loc in locs:
        assert (published.output / _file_of(loc)).is_file(), loc
    assert f"{SITEURL}/fr/stories/first/" in locs
    assert f"{SITEURL}/ar/about/" in locs
    # noindex pages (the 404 pages) are left out
    assert not [loc for loc in locs if "404" in loc]
    # every page that says it may be indexed is listed
    pages = [
        path
        for path in published.output.rglob("index.html")
        if b'name="robots" content="noindex"' not in path.read_bytes()
    ]
    listed = {_file_of(loc) for loc in locs}
    assert {path.relative_to(published.output).as_posix() for path in pages} <= listed


def test_sitemap_alternates_are_reciprocal_and_match_the_pages(published):
    root = _sitemap(published)
    by_loc = {}
    for url in root.xpath("s:url", namespaces=NS):
        links = [
            (link.get("hreflang"), link.get("href")) for link in url.xpath("x:link", namespaces=NS)
        ]
        by_loc[url.findtext("s:loc", namespaces=NS)] = links
    for loc, links in by_loc.items():
        assert links, loc
        assert links[-1][0] == "x-default"
        langs = dict(links)
        assert loc in langs.values()
        for code, href in links:
            if code != "x-default":
                assert by_loc[href] == links, (loc, href)
        # the same alternates as the page's own <head>
        page = html.fromstring((published.output / _file_of(loc)).read_bytes())
        head = [
            (link.get("hreflang"), link.get("href"))
            for link in page.xpath('//head/link[@rel="alternate"][@hreflang]')
        ]
        assert head == links, loc
    assert [code for code, _ in by_loc[f"{SITEURL}/stories/first/"]] == [
        "en",
        "fr",
        "ar",
        "x-default",
    ]
    assert [code for code, _ in by_loc[f"{SITEURL}/stories/only-english/"]] == ["en", "x-default"]


def test_sitemap_lastmod_is_the_entry_update(published):
    root = _sitemap(published)
    lastmod = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.xpath("s:url", namespaces=NS)
    }
    assert lastmod[f"{SITEURL}/fr/stories/pictured/"] == "2026-03-05T08:30:00+01:00"  # Modified
    assert lastmod[f"{SITEURL}/stories/first/"] == "2026-02-07T09:00:00+01:00"  # Date
    assert lastmod[f"{SITEURL}/"] is None  # lists have no single date


def test_robots_txt_points_at_the_absolute_sitemap(published):
    text = (published.output / "robots.txt").read_text()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in text.splitlines()
    assert text.startswith("User-agent: *\n")


def test_every_text_file_has_gzip_and_brotli_copies(published):
    files = tree(published.output)
    originals = [rel for rel in files if compressible(rel)]
    assert "index.html" in originals and "sitemap.xml" in originals
    assert any(rel.startswith("assets/") and rel.endswith(".css") for rel in originals)
    for rel in originals:
        assert gzip.decompress(files[rel + ".gz"]) == files[rel], rel
        assert brotli.decompress(files[rel + ".br"]) == files[rel], rel
    # nothing else is compressed, and no copy lacks its original
    for rel in files:
        if rel.endswith((".gz", ".br")):
            assert rel[:-3] in originals, rel
    assert not [rel for rel in files if rel.endswith((".png.gz", ".jpg.br", ".webp.gz"))]


def test_feeds_written_by_other_plugins_are_compressed_too(published):
    # campaign_publish runs after the other generators (PLUGINS order): their files are in
    feeds = [
        rel for rel in tree(published.output) if rel.startswith("feeds/") and compressible(rel)
    ]
    if not feeds:
        pytest.skip("this build writes no feeds")
    for rel in feeds:
        assert (published.output / (rel + ".br")).is_file(), rel


def test_server_files_are_written(published):
    headers = (published.output / "_headers").read_text()
    assert "Content-Security-Policy: default-src 'self'" in headers
    conf = (published.root / "server" / "nginx.conf").read_text()
    assert f'root "{published.output.resolve()}";' in conf  # the final folder, not the temp one
    assert "server_name campaign.example.org;" in conf
    assert "upgrade-insecure-requests" in conf
    assert not list(published.root.glob("output.*"))  # no temporary folder left


def test_pages_use_absolute_urls(published):
    page = (published.output / "fr" / "index.html").read_text()
    assert f'<link rel="canonical" href="{SITEURL}/fr/">' in page
    assert re.search(rf'href="{re.escape(SITEURL)}/assets/css/site\.[0-9a-f]+\.css"', page)


def test_two_publishes_write_the_same_bytes(site_factory):
    site = site_factory()
    first = publish(site, SITEURL)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree(site.output)
    conf = (site.root / "server" / "nginx.conf").read_bytes()
    second = publish(site, SITEURL)
    assert second.returncode == 0, second.stdout + second.stderr
    after = tree(site.output)
    assert sorted(after) == sorted(before)
    assert [rel for rel in before if before[rel] != after[rel]] == []
    assert (site.root / "server" / "nginx.conf").read_bytes() == conf


def _manifests(site) -> dict[str, bytes]:
    """The core's records of what it wrote (one per output folder)."""
    cache = site.root / ".cache" / "campaign"
    return {path.name: path.read_bytes() for path in sorted(cache.glob("output*.json"))}


def test_a_failed_publish_leaves_the_site_and_manifest_untouched(tmp_path):
    site = published_site(tmp_path / "site", SITEURL)
    before = tree(site.output)
    manifests = _manifests(site)
    assert len(manifests) == 1  # the temporary folder's became output/'s
    conf_before = (site.root / "server" / "nginx.conf").read_bytes()
    site.write("stories/broken.en.md", "")  # an empty file: a content error
    site.write("stories/first.fr.md", "Title: Changed\n")  # would change pages if published

    failed = publish(site, "https://elsewhere.example.net")
    log = failed.stdout + failed.stderr
    assert failed.returncode != 0, log
    assert "content/stories/broken.en.md" in log  # the build's own messages are shown
    assert "left unchanged" in log
    assert tree(site.output) == before
    assert _manifests(site) == manifests
    assert (site.root / "server" / "nginx.conf").read_bytes() == conf_before
    assert not list(site.root.glob("output.*"))


def test_a_development_build_after_a_publish_starts_from_the_published_files(tmp_path):
    site = published_site(tmp_path / "site", SITEURL)
    assert (site.output / "index.html.br").is_file()
    result = site.build()
    assert result.returncode == 0, result.log
    files = tree(site.output)
    # what only the publish writes is gone, and the pages are the development ones again
    assert not [rel for rel in files if rel.endswith((".gz", ".br")) or rel == "_headers"]
    assert SITEURL.encode() not in files["index.html"]
    assert len(_manifests(site)) == 1


def test_publish_without_siteurl_fails_clearly(site_factory):
    site = site_factory()
    done = publish(site, "")
    assert done.returncode != 0
    assert "set SITEURL" in done.stdout + done.stderr
    assert not site.output.exists()
    assert not list(site.root.glob("output.*"))


def test_a_development_build_writes_sitemap_but_no_server_files(site_factory):
    site = site_factory()
    result = site.build()
    assert result.returncode == 0, result.log
    root = etree.parse(str(site.output / "sitemap.xml")).getroot()
    assert root.xpath("s:url/s:loc/text()", namespaces=NS)[0].startswith("http://127.0.0.1:8000/")
    assert (site.output / "robots.txt").is_file()
    assert not (site.output / "_headers").exists()
    assert not list(site.output.rglob("*.gz")) and not list(site.output.rglob("*.br"))
    assert not (site.root / "server").exists()


@pytest.fixture
def site_factory(tmp_path: Path):
    def factory():
        return make_site(tmp_path / "site")

    return factory
