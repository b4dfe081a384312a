"""The pure cores of campaign_publish: sitemap, robots.txt, policy text, compression."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone

import brotli
import pytest
from lxml import etree

from campaign_i18n import parse_languages
from campaign_publish import compress, headers, settings, sitemap
from campaign_site.pages import PageSpec, equivalents
from campaign_site.render import alternates

NS = {"s": sitemap.SITEMAP_NS, "x": sitemap.XHTML_NS}
LANGS = parse_languages([{"code": "en"}, {"code": "fr"}, {"code": "ar", "direction": "rtl"}])


def spec(url: str, lang: str, equiv: tuple, noindex: bool = False) -> PageSpec:
    return PageSpec(url=url, template="page", lang=lang, equiv=equiv, kind="page", noindex=noindex)


def test_alternates_list_every_translation_then_x_default():
    pages = [
        spec("fr/about/", "fr", ("about",)),
        spec("about/", "en", ("about",)),
        spec("only/", "en", ("only",)),
        spec("404.html", "en", ("404",), noindex=True),
    ]
    table = equivalents(pages)
    assert alternates(pages[0], LANGS, table, "https://x.org") == [
        ("en", "https://x.org/about/"),
        ("fr", "https://x.org/fr/about/"),
        ("x-default", "https://x.org/about/"),
    ]
    assert alternates(pages[2], LANGS, table, "https://x.org") == [
        ("en", "https://x.org/only/"),
        ("x-default", "https://x.org/only/"),
    ]
    assert alternates(pages[3], LANGS, table, "https://x.org") == []


def test_sitemap_is_valid_sorted_and_carries_lastmod_and_alternates():
    paris = timezone(timedelta(hours=1))
    data = sitemap.build_sitemap(
        [
            sitemap.SitemapUrl("https://x.org/fr/a/", (("en", "https://x.org/a/"),)),
            sitemap.SitemapUrl(
                "https://x.org/a/?q=1&b=2",
                (("en", "https://x.org/a/"), ("x-default", "https://x.org/a/")),
                datetime(2026, 3, 5, 8, 30, tzinfo=paris),
            ),
        ]
    )
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    assert root.tag == f"{{{sitemap.SITEMAP_NS}}}urlset"
    locs = root.xpath("s:url/s:loc/text()", namespaces=NS)
    assert locs == ["https://x.org/a/?q=1&b=2", "https://x.org/fr/a/"]
    first = root.xpath("s:url", namespaces=NS)[0]
    # the protocol's order: loc, lastmod, then other namespaces' elements
    assert [etree.QName(child).localname for child in first] == ["loc", "lastmod", "link", "link"]
    assert first.findtext("s:lastmod", namespaces=NS) == "2026-03-05T08:30:00+01:00"
    links = first.xpath("x:link", namespaces=NS)
    assert [(link.get("rel"), link.get("hreflang")) for link in links] == [
        ("alternate", "en"),
        ("alternate", "x-default"),
    ]
    assert b"&amp;" in data  # escaped by lxml, not by hand
    assert sitemap.build_sitemap(reversed([sitemap.SitemapUrl("b"), sitemap.SitemapUrl("a")])) == (
        sitemap.build_sitemap([sitemap.SitemapUrl("a"), sitemap.SitemapUrl("b")])
    )


def test_robots_txt_announces_the_sitemap():
    text = sitemap.robots_txt("https://x.org/sitemap.xml").decode()
    assert text.splitlines() == [
        "User-agent: *",
        "Disallow:",
        "",
        "Sitemap: https://x.org/sitemap.xml",
    ]


def test_compressed_copies_are_reproducible_and_decompress():
    data = ("<p>Bonjour, العالم</p>\n" * 200).encode()
    copies = dict(compress.compressed_copies("fr/index.html", data))
    assert set(copies) == {"fr/index.html.gz", "fr/index.html.br"}
    assert gzip.decompress(copies["fr/index.html.gz"]) == data
    assert brotli.decompress(copies["fr/index.html.br"]) == data
    assert copies == dict(compress.compressed_copies("fr/index.html", data))
    assert copies["fr/index.html.gz"][4:8] == b"\0\0\0\0"  # no timestamp


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("index.html", True),
        ("assets/css/site.0123456789.css", True),
        ("feeds/stories.atom.xml", True),
        ("sitemap.xml", True),
        ("robots.txt", True),
        ("assets/img/favicon.1234.svg", True),
        ("feeds/feed.json", True),
        ("images/a.1234.png", False),
        ("images/a.1234.webp", False),
        ("index.html.gz", False),
        ("index.html.br", False),
        ("_headers", False),
    ],
)
def test_what_is_compressed(rel, expected):
    assert compress.compressible(rel) is expected


def test_csp_is_strict_and_upgrades_only_over_https():
    policy = headers.content_security_policy(https=False)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    for name in ("img-src", "style-src", "script-src", "font-src", "connect-src", "base-uri"):
        assert directives[name] == "'self'"
    assert "unsafe-inline" not in policy and "upgrade-insecure-requests" not in policy
    assert headers.content_security_policy(https=True).endswith("; upgrade-insecure-requests")


def test_static_host_headers_file():
    text = headers.static_host_headers(headers.HeaderPolicy(https=True))
    assert "/*\n  Content-Security-Policy: default-src 'self';" in text
    for name in ("Strict-Transport-Security", "Referrer-Policy", "Permissions-Policy"):
        assert f"\n  {name}: " in text
    assert "/assets/*\n  Cache-Control: public, max-age=31536000, immutable" in text
    assert "/images/*\n  Cache-Control: public, max-age=31536000, immutable" in text


def test_nginx_config_over_https_redirects_plain_http_and_uses_tls():
    text = headers.nginx_config(
        "https://campaign.example.org",
        "/srv/campaign",
        ["fr/", "ar/"],
        headers.HeaderPolicy(https=True),
        tls_certificate="/etc/letsencrypt/live/{host}/fullchain.pem",
        tls_certificate_key="/etc/letsencrypt/live/{host}/privkey.pem",
    )
    assert "return 301 https://campaign.example.org$request_uri;" in text
    assert "listen 443 ssl http2;" in text
    assert 'ssl_certificate "/etc/letsencrypt/live/campaign.example.org/fullchain.pem";' in text
    assert 'root "/srv/campaign";' in text
    assert '"~^/fr(/|\\?|$)" "/fr/404.html";' in text
    assert "upgrade-insecure-requests" in text
    assert "gzip_static on;" in text
    assert text.count("{") == text.count("}")


def test_nginx_config_over_http_listens_on_the_address():
    text = headers.nginx_config(
        "http://127.0.0.1:8123", "/tmp/site", [], headers.HeaderPolicy(https=False)
    )
    assert "listen 127.0.0.1:8123;" in text
    assert "ssl" not in text and "upgrade-insecure-requests" not in text


@pytest.mark.parametrize("url", ["ftp://x.org", "https://x.org/sub/", "campaign.example.org"])
def test_nginx_config_refuses_what_it_cannot_serve(url):
    with pytest.raises(ValueError):
        headers.nginx_config(url, "/srv", [], headers.HeaderPolicy(https=False))


def test_nginx_config_refuses_variables_in_values():
    with pytest.raises(ValueError):
        headers.nginx_config("http://x.org", "/srv/$site", [], headers.HeaderPolicy(https=False))


def test_settings_defaults_and_errors(tmp_path):
    base = {"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output")}
    read = settings.read_settings(base)
    assert read.server_config is False and read.precompress is False
    assert read.server_dir == tmp_path / "server"
    assert read.server_root == (tmp_path / "output").resolve()
    read = settings.read_settings(
        {**base, "CAMPAIGN_PRECOMPRESS": "yes", "CAMPAIGN_SERVER_ROOT": "/srv/site"}
    )
    assert read.precompress is True and str(read.server_root) == "/srv/site"
    with pytest.raises(settings.PublishSettingsError):
        settings.read_settings({**base, "CAMPAIGN_SHORT_MAX_AGE": "soon"})


def test_compress_all_uses_and_prunes_its_cache(tmp_path):
    files = [("b.css", b"b {}" * 100), ("a.html", b"<p>a</p>" * 100)]
    cache = compress.CompressionCache(tmp_path / "compressed")
    copies = compress.compress_all(files, cache, workers=2)
    assert [name for name, _ in copies] == ["a.html.gz", "a.html.br", "b.css.gz", "b.css.br"]
    assert dict(copies) == dict(
        compress.compressed_copies("a.html", files[1][1])
        + compress.compressed_copies("b.css", files[0][1])
    )
    assert len(list((tmp_path / "compressed").iterdir())) == 4
    # a cached copy that decompresses to the original is used as it is (here one made at
    # another quality, so that it differs from what compressing again would give); copies
    # no longer needed are pruned
    import brotli

    cached = (
        tmp_path / "compressed" / (compress.hashlib.sha256(files[1][1]).hexdigest() + ".brotli11")
    )
    quick = brotli.compress(files[1][1], quality=1)
    assert quick != dict(copies)["a.html.br"]
    cached.write_bytes(quick)
    again = compress.CompressionCache(tmp_path / "compressed")
    assert dict(compress.compress_all(files[1:], again))["a.html.br"] == quick
    again.prune()
    assert len(list((tmp_path / "compressed").iterdir())) == 2


def test_publish_runs_after_every_other_campaign_plugin():
    # generators run in PLUGINS order; the precompression step relies on coming last
    import pelicanconf

    campaign = [name for name in pelicanconf.PLUGINS if name.startswith("campaign_")]
    assert campaign[-1] == "campaign_publish"


def test_publishconf_turns_on_server_files_and_compression(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SITEURL", "https://campaign.example.org/")
    sys.modules.pop("publishconf", None)
    publishconf = importlib.import_module("publishconf")
    try:
        assert publishconf.SITEURL == "https://campaign.example.org"
        assert publishconf.CAMPAIGN_STRICT is True
        assert publishconf.CAMPAIGN_SERVER_CONFIG is True
        assert publishconf.CAMPAIGN_PRECOMPRESS is True
    finally:
        sys.modules.pop("publishconf", None)


def test_only_the_feeds_let_the_browsers_xml_viewer_style_them():
    """A feed opened in a tab is shown by the browser's XML viewer (inline styles, data:
    icons): allowed under the feed folders only, never scripts (docs/design.md)."""
    policy = headers.HeaderPolicy(https=True, feed_paths=("feeds/", "fr/feeds/"))
    strict = headers.content_security_policy(True)
    feed = headers.content_security_policy(True, feed=True)
    assert feed == strict.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
        "img-src 'self'", "img-src 'self' data:"
    )
    assert "script-src 'self';" in feed
    nginx = headers.nginx_config("https://x.org", "/srv", ["fr/"], policy)
    assert f'    default "{strict}";' in nginx
    assert f'    "~^/(feeds/|fr/feeds/)" "{feed}";' in nginx
    assert "add_header Content-Security-Policy $campaign_x_org_443_csp always;" in nginx
    assert "xsl" not in nginx
    static = headers.static_host_headers(policy)
    assert f"/*\n  Content-Security-Policy: {strict}\n" in static
    assert f"/fr/feeds/*\n  Content-Security-Policy: {feed}\n" in static
