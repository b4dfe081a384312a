"""The Pelican generator of campaign_feeds: thin glue between the campaign and ``feeds.py``.

``generate_context`` (after the core's) plans the feeds and registers the ``<head>`` link
provider and the Follow page's ``feed_list``; ``generate_output`` (after the core published
the pictures) writes every feed and each language's XSL view through ``campaign.writer``.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from lxml import etree
from markupsafe import escape
from pelican.generators import Generator

from campaign_site.pelican_signals import announce
from campaign_site.problems import Problem
from campaign_site.render import Assets
from campaign_site.site_api import CONTEXT_KEY

from . import feeds, strings
from .items import ItemContext, entry_item, feed_id, newest
from .plan import ALL, FeedPlan, xsl_path
from .settings import read_settings

XSL_TEMPLATE = "feed.xsl"
ICON, FAVICON = "img/icon-512.png", "img/icon-64.png"  # drawn by tools/draw_icons.py


class FeedsGenerator(Generator):
    """Writes RSS, Atom and JSON feeds per language and section."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed_settings = read_settings(self.settings)  # fails fast on a bad value
        self.plan: FeedPlan | None = None
        self.env.add_extension("jinja2.ext.i18n")
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.autoescape = True

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
        # the theme's files, read and hashed once for every language's feeds and XSL view
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
            stylesheet = f"{cfg.siteurl}/{xsl_path(prefix)}"
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
                    stylesheet=stylesheet,
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
            # the XSL view depends on the template, the catalog and the language only
            xsl_print = self._digest("xsl", code)
            if not campaign.writer.reuse(xsl_path(prefix), xsl_print):
                xsl = self._stylesheet(language, assets)
                if xsl is not None:
                    campaign.writer.write(xsl_path(prefix), xsl, xsl_print)
                    announce(campaign.writer, self.context)  # Pelican's content_written

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

    def _stylesheet(self, language, assets: Assets) -> bytes | None:
        """The XSL that shows an RSS or Atom feed as a page in ``language``; checked to be a
        well-formed stylesheet (a broken translation is reported, not published)."""
        campaign = self.campaign
        cfg = campaign.settings
        catalog = campaign.catalogs.get(language.code) if campaign.catalogs else None
        gettext = catalog.gettext if catalog else str
        ngettext = catalog.ngettext if catalog else (lambda s, p, n: s if n == 1 else p)
        # Translations are text: escaped, so a "&" or "<" in a catalog keeps the XSL valid.
        self.env.install_gettext_callables(
            lambda message: escape(gettext(message)),
            lambda singular, plural, n: escape(ngettext(singular, plural, n)),
            newstyle=True,
        )
        follow = campaign.localized("pages", "follow", language.code)
        template = self.env.get_template(XSL_TEMPLATE)
        text = template.render(
            lang=language,
            SITEURL=cfg.siteurl,
            home_url=f"{cfg.siteurl}/{language.prefix}",
            follow_url=f"{cfg.siteurl}/{follow.url}" if follow else "",
            stylesheets=[assets.url(name) for name in ("css/site.css",) if name in assets.files],
            icon=assets.url("img/favicon.svg") if "img/favicon.svg" in assets.files else "",
            site_name=gettext(cfg.sitename) if cfg.sitename else "",
        )
        data = text.encode("utf-8")
        try:
            etree.XSLT(etree.fromstring(data))
        except (etree.XMLSyntaxError, etree.XSLTParseError) as error:
            campaign.add_problem(
                Problem(
                    _theme_rel(cfg.theme_path / "templates" / XSL_TEMPLATE, cfg.content_path),
                    0,
                    f"the feed stylesheet for {language.code!r} is not valid XSL ({error})",
                    "check the template and the translations of its strings",
                    skips=False,
                )
            )
            return None
        return data


def _theme_rel(path: Path, content: Path) -> str:
    try:
        return path.resolve().relative_to(content.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()
