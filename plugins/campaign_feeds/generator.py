"""The Pelican generator of campaign_feeds: thin glue between the campaign and ``feeds.py``.

``generate_context`` (after the core's) plans the feeds and registers the ``<head>`` link
provider and the Follow page's ``feed_list``; ``generate_output`` (after the core published
the pictures) writes every feed through ``campaign.writer``. Feeds are plain feeds, for
feed readers: the pages' visible feed links go to the Follow page (docs/design.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from pelican.generators import Generator

from campaign_site.pelican_signals import announce
from campaign_site.render import Assets
from campaign_site.site_api import CONTEXT_KEY

from . import feeds, strings
from .items import ItemContext, entry_item, feed_id, newest
from .plan import ALL, FeedPlan, feed_folder
from .settings import read_settings

ICON, FAVICON = "img/icon-512.png", "img/icon-64.png"  # drawn by tools/draw_icons.py


class FeedsGenerator(Generator):
    """Writes RSS, Atom and JSON feeds per language and section."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed_settings = read_settings(self.settings)  # fails fast on a bad value
        self.plan: FeedPlan | None = None

    @property
    def campaign(self):
        return self.context.get(CONTEXT_KEY)

    def generate_context(self):
        campaign = self.campaign
        if campaign is None or campaign.site is None:
            return
        cfg = campaign.settings
        sections = tuple(name for name in cfg.sections if name in cfg.dated_sections)
        texts = {
            name: (cfg.section_texts[name].title, cfg.section_texts[name].intro)
            for name in sections
        }
        labels = {
            language.code: strings.labels(self._gettext(language.code), cfg.sitename, texts)
            for language in cfg.languages
        }
        self.plan = FeedPlan(
            cfg.canonical_siteurl,
            [(language.code, language.prefix) for language in cfg.languages],
            sections,
            labels,
        )
        campaign.head_link_providers.append(self.plan.head_links)
        campaign.feed_list = self.plan.feed_list
        campaign.feed_paths = [feed_folder(language.prefix) for language in cfg.languages]

    def _gettext(self, code: str):
        catalogs = self.campaign.catalogs
        return catalogs.get(code).gettext if catalogs is not None else str

    def generate_output(self, writer):
        campaign = self.campaign
        if campaign is None or campaign.writer is None or self.plan is None:
            return  # check-only build, or no campaign
        cfg, site, plan = campaign.settings, campaign.site, self.plan
        host = feeds.host_of(cfg.canonical_siteurl)
        id_date = self.feed_settings.id_date
        site_newest = max(
            (entry.updated for entry in site.entries if entry.updated), default=feeds.EPOCH
        )
        enclosures: dict[str, feeds.Enclosure | None] = {}
        # the theme's files, read and hashed once for every language's feeds
        assets = Assets(cfg.theme_path / "static", cfg.siteurl)
        icons = self._icons(assets)
        for language in cfg.languages:
            code, prefix = language.code, language.prefix
            labels = plan.labels[code]
            context = ItemContext(
                canonical=cfg.canonical_siteurl,
                host=host,
                id_date=id_date,
                content_warning=labels.content_warning,
                tags_scheme=f"{cfg.canonical_siteurl}/{prefix}tags/",
                picture_sections=cfg.picture_sections,
            )
            entries = [
                entry
                for entry in site.entries
                if entry.lang.code == code and entry.section in plan.sections
            ]
            language_newest = max(
                (entry.updated for entry in entries if entry.updated), default=site_newest
            )
            for name in plan.names:
                listed = entries if name == ALL else [e for e in entries if e.section == name]
                chosen = newest(listed, self.feed_settings.items)
                attached = [self._enclosure(entry, enclosures) for entry in chosen]
                info = feeds.FeedInfo(
                    id=feed_id(host, id_date, code, name),
                    title=labels.feed_title(name),
                    description=labels.descriptions[name],
                    language=code,
                    home_url=plan.home_url(code, name),
                    urls=plan.urls(code, name),
                    publisher=labels.site_name or cfg.canonical_siteurl,
                    items=(),
                    empty_updated=language_newest,
                    icon=icons.get(ICON, ""),
                    favicon=icons.get(FAVICON, ""),
                )
                fingerprint = self._fingerprint(info, context, chosen, attached)
                writer = campaign.writer
                todo = [
                    ref for ref in plan.feeds(code, name) if not writer.reuse(ref.path, fingerprint)
                ]
                if todo:  # items are made (links made absolute) only for feeds to write
                    items = zip(chosen, attached, strict=True)
                    info = replace(info, items=tuple(entry_item(e, context, a) for e, a in items))
                for ref in todo:
                    writer.write(ref.path, feeds.render(info, ref.fmt.key), fingerprint)
                announce(writer, self.context, feed=info)  # Pelican's feed_written

    def _fingerprint(self, info, context, chosen, attached) -> str:
        """Everything a feed file is made from: the site digest (templates, code, settings,
        catalogs, pictures), the feed's own data and settings, and each item's entry digest
        and enclosure."""
        prints = self.campaign.fingerprints
        if prints is None:
            return ""
        entries = [prints.entry(entry) for entry in chosen]
        return self._digest(self.feed_settings, info, context, entries, attached)

    def _digest(self, *inputs) -> str:
        """A fingerprint of ``inputs`` and the site digest; empty (the file is always made)
        when the core keeps no fingerprints."""
        prints = self.campaign.fingerprints
        if prints is None:
            return ""
        material = repr((prints.site_digest, *inputs))
        return hashlib.sha256(material.encode()).hexdigest()

    def _enclosure(self, entry, cache: dict) -> feeds.Enclosure | None:
        """The entry's picture as published by the core (URL, real length, MIME type)."""
        if not entry.image:
            return None
        if entry.image not in cache:
            found = self.campaign.images.enclosure(entry.image)
            if found is None:
                cache[entry.image] = None
            else:
                url, length, mime = found
                if not url.startswith(("http://", "https://")):
                    url = f"{self.campaign.settings.canonical_siteurl}/{url.lstrip('/')}"
                cache[entry.image] = feeds.Enclosure(url, int(length), mime)
        return cache[entry.image]

    def _icons(self, assets: Assets) -> dict[str, str]:
        """Absolute URLs of the theme's PNG icons, by name (none when the theme has none)."""
        cfg = self.campaign.settings
        return {
            name: f"{cfg.canonical_siteurl}/{assets.files[name][1]}"
            for name in (ICON, FAVICON)
            if name in assets.files
        }
