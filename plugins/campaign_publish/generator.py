"""The Pelican generator of campaign_publish: sitemap, robots.txt, server files, compression.

Ordering assumption: Pelican runs the generators' ``generate_output`` in the order their
plugins connected to ``get_generators``, which is the order of ``PLUGINS`` (Pelican's signals
keep their receivers in an ordered set). campaign_publish is the last campaign plugin in
``PLUGINS``, so when its ``generate_output`` runs, the core, the gallery and the feeds have
written everything through ``campaign.writer``, and the core's ``finalized`` receiver has not
yet called ``writer.finish()``. The precompression step therefore sees every file of the site
(``OutputWriter.current``); tests/campaign_publish checks that every text file has its copies.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from pathlib import Path

from pelican.generators import Generator

from campaign_site.files import atomic_write
from campaign_site.model import Entry
from campaign_site.pages import PageSpec, equivalents
from campaign_site.render import alternates
from campaign_site.site_api import CONTEXT_KEY, Campaign, Writer

from .compress import CompressionCache, compress_all, compressible
from .headers import HeaderPolicy, nginx_config, static_host_headers
from .settings import PublishSettings, read_settings
from .sitemap import SITEMAP_NAME, SitemapUrl, build_sitemap, robots_txt

logger = logging.getLogger(__name__)

NGINX_TEMPLATE = "server/nginx.conf"  # the theme's template of the nginx configuration

NGINX_FILE = "nginx.conf"
HEADERS_FILE = "_headers"


def sitemap_urls(campaign: Campaign) -> list[SitemapUrl]:
    """Every indexable page with its alternates (the same ones its ``<head>`` lists)."""
    cfg = campaign.settings
    table = equivalents(campaign.pages)
    urls = []
    for spec in campaign.pages:
        if spec.noindex:
            continue
        urls.append(
            SitemapUrl(
                loc=f"{cfg.canonical_siteurl}/{spec.url}",
                alternates=tuple(alternates(spec, cfg.languages, table, cfg.canonical_siteurl)),
                lastmod=_updated(spec),
            )
        )
    return urls


def sitemap_fingerprint(campaign: Campaign) -> str:
    """Everything the sitemap is made from (see ``sitemap_urls``): the site digest (code,
    settings, languages) and each page's URL, language, equivalence key, indexing and date.
    Empty (always written) when the core keeps no fingerprints."""
    if campaign.fingerprints is None:
        return ""
    pages = [
        (spec.url, spec.lang, spec.equiv, spec.noindex, _updated(spec)) for spec in campaign.pages
    ]
    material = repr((campaign.fingerprints.site_digest, pages))
    return hashlib.sha256(material.encode()).hexdigest()


def _updated(spec: PageSpec) -> datetime | None:
    entry: Entry | None = spec.data.get("entry")
    return entry.updated if entry is not None else None


def _theme_template(theme: Path, name: str) -> str:
    """The text of the theme's template ``name``; empty when the theme has none (the
    project's own is used then)."""
    path = theme / "templates" / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    atomic_write(path, data)
    logger.info("campaign_publish: wrote %s", path)


class PublishGenerator(Generator):
    """Writes the files that publishing the site needs, after every page and feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.publish: PublishSettings = read_settings(self.settings)

    def generate_context(self):
        """Nothing to add to the model."""

    def generate_output(self, writer):
        campaign: Campaign | None = self.context.get(CONTEXT_KEY)
        if campaign is None or campaign.writer is None:  # a check-only run writes nothing
            return
        out, cfg = campaign.writer, campaign.settings
        fingerprint = sitemap_fingerprint(campaign)
        if not out.reuse(SITEMAP_NAME, fingerprint):
            out.write(SITEMAP_NAME, build_sitemap(sitemap_urls(campaign)), fingerprint)
        out.write("robots.txt", robots_txt(f"{cfg.canonical_siteurl}/{SITEMAP_NAME}"))
        # pages name the SVG icon; a browser showing a feed or a picture asks for this one
        icon = Path(self.settings["THEME"]) / "static" / "img" / "favicon.ico"
        if icon.is_file():
            out.write("favicon.ico", icon.read_bytes())
        if self.publish.server_config:
            self._server_files(campaign, out)
        if self.publish.precompress:
            self._precompress(out, cfg.cache_path / "compressed")

    def _server_files(self, campaign: Campaign, out: Writer) -> None:
        cfg, publish = campaign.settings, self.publish
        policy = HeaderPolicy(
            https=cfg.canonical_siteurl.startswith("https://"),
            hsts=publish.hsts,
            short_max_age=publish.short_max_age,
            wasm_paths=tuple(campaign.wasm_paths),
            feed_paths=tuple(campaign.feed_paths),
        )
        out.write(HEADERS_FILE, static_host_headers(policy).encode("utf-8"))
        text = nginx_config(
            cfg.canonical_siteurl,
            str(publish.server_root),
            [language.prefix for language in cfg.languages if language.prefix],
            policy,
            tls_certificate=publish.tls_certificate,
            tls_certificate_key=publish.tls_certificate_key,
            template=_theme_template(cfg.theme_path, NGINX_TEMPLATE),
        )
        _write_if_changed(publish.server_dir / NGINX_FILE, text)

    @staticmethod
    def _precompress(out: Writer, cache_folder: Path) -> None:
        """``.gz`` and ``.br`` beside every text file written so far (see the module doc)."""
        texts = [
            (rel, (out.output / rel).read_bytes()) for rel in out.written() if compressible(rel)
        ]
        cache = CompressionCache(cache_folder)
        for name, data in compress_all(texts, cache):
            out.write(name, data)
        cache.prune()
        logger.info("campaign_publish: %d text files precompressed (gzip, brotli)", len(texts))
