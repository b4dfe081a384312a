"""The Pelican generator that reads, checks and renders all campaign content in one run."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pelican.generators import Generator

from campaign_i18n import load_catalogs, typography
from campaign_memes.text import Fonts

from . import design, layouts, navigation, safety, urls
from . import pages as page_specs
from .background import BackgroundWriter
from .cache import ContentCache
from .images import IMAGE_SERVICE_KEY, BasicImages
from .incremental import Fingerprints, tree_digest
from .memes import MemeDrawer, complete_alt
from .model import build_site
from .parallel import parallel_map
from .pelican_signals import announce
from .prepare import PrepareConfig, Prepared, prepare
from .problems import Problem
from .render import (
    Assets,
    Renderer,
    manifest_path,
    render_pages,
    stop_when_disk_full,
)
from .resolve import Resolver
from .scanning import ignored_files, placeholders, scan
from .settings import SectionTexts
from .site_api import CONTEXT_KEY, Campaign
from .template_cache import TemplateCache

if TYPE_CHECKING:
    from .hooks import CampaignPlugin
from .topics import FILE_NAME as TOPICS_FILE
from .topics import Topics, parse_topics

logger = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 64
MARKDOWN_TOO_BIG = (
    "split the text into several pages (see 'Limits' in docs/content-guide.md); pictures "
    "belong in content/images/, not pasted into the text"
)


def _prepare_one(args: tuple[str, str, bytes, PrepareConfig]) -> Prepared:
    path, rel, data, config = args
    return prepare(path, rel, data, config)


class CampaignGenerator(Generator):
    """Reads ``content/``, builds the multilingual model and writes every page."""

    state: CampaignPlugin  # the plugin's state, set by ``register()``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign: Campaign = self.state.start(self.settings)
        self.context[CONTEXT_KEY] = self.campaign
        self.env.add_extension("jinja2.ext.i18n")
        self.env.policies["ext.i18n.trimmed"] = True
        # newstyle gettext changes how {% trans %} compiles: set it before any template loads
        self.env.install_null_translations(newstyle=True)
        self.env.autoescape = True
        cfg = self.campaign.settings
        self.env.bytecode_cache = TemplateCache(cfg.template_cache_path, self.env)

    # -- context --------------------------------------------------------------------------

    def generate_context(self):
        cfg = self.campaign.settings
        codes = tuple(language.code for language in cfg.languages)
        config = PrepareConfig(
            languages=codes,
            dated_sections=cfg.dated_sections,
            sections=(*cfg.sections, "pages"),
            menus=cfg.menus,
            reserved=urls.reserved_names((*cfg.sections, *self.campaign.plugin_folders), codes),
            placeholders=placeholders(cfg.editor_templates),
            french=tuple(
                language.code
                for language in cfg.languages
                if typography.uses_french_spacing(language.locale)
            ),
            rtl=tuple(language.code for language in cfg.languages if language.direction == "rtl"),
            storyteller_sections=cfg.storyteller_sections,
            picture_sections=cfg.picture_sections,
            page_templates=cfg.page_templates,
        )
        skip = tuple(self.campaign.plugin_folders)
        self.campaign.problems.extend(
            ignored_files(cfg.content_path, cfg.content_path.parent, skip)
        )
        prepared = self._prepare_all(cfg.content_path, config)
        for item in prepared:
            self.campaign.problems.extend(item.problems)
        site, problems = build_site(
            prepared,
            cfg.languages,
            cfg.dated_sections,
            cfg.timezone,
            cfg.now,
            cfg.preview,
            self._read_topics(cfg.content_path, codes),
        )
        self.campaign.problems.extend(problems)
        self.campaign.site = site
        self.campaign.images = self.context.get(IMAGE_SERVICE_KEY) or BasicImages(
            cfg.content_path, cfg.siteurl
        )
        by_rel = {item.rel: item for item in prepared}
        resolver = Resolver(site, self.campaign.images, cfg.content_path, cfg.siteurl, cfg.preview)
        finished = set()
        for entry in (*site.entries, *site.previews):
            resolver.finish(entry, by_rel[entry.source], by_rel)
            finished.add(entry.source)
        for item in prepared:  # files left out are checked too: every problem in one run
            if item.rel not in finished and item.meta:
                resolver.check(item, by_rel)
        self.campaign.problems.extend(resolver.problems)
        self.campaign.link_uses = resolver.link_uses
        drawer = MemeDrawer(
            cfg.content_path,
            cfg.cache_path / "memes",
            Fonts.in_folder(cfg.theme_path / "fonts"),
            cfg.workers,
        )
        self.campaign.problems.extend(drawer.run(site, by_rel, self.campaign.images))
        self.catalogs = load_catalogs(cfg.catalog_path, cfg.languages)
        self.campaign.catalogs = self.catalogs
        for entry in (*site.entries, *site.previews):
            if entry.pictures:  # the drawn words complete the editor's alt text
                gettext = self.catalogs.for_pages(entry.lang.code).gettext
                entry.image_alt = complete_alt(entry, gettext)
        # untranslated UI strings are shown in English: one warning per language, unless the
        # campaign requires complete catalogs (then each one is an error)
        required = cfg.require_complete_catalogs
        for issue in self.catalogs.issues if required else self.catalogs.summaries():
            self.campaign.problems.append(
                Problem(
                    _project_path(issue.path, cfg.content_path),
                    issue.line,
                    issue.message,
                    severity="warning" if issue.shown_in_english and not required else "error",
                    skips=False,
                )
            )
        self.campaign.pages.extend(
            page_specs.entry_pages(
                site,
                _relpath(cfg.content_path, cfg.content_path.parent),
                cfg.entry_templates,
                tuple(cfg.sections),
            )
        )
        self.campaign.pages.extend(
            page_specs.list_pages(
                site,
                cfg.sections,
                cfg.list_untranslated,
                cfg.home_sections,
                set(self.env.list_templates()),
            )
        )
        self.campaign.problems.extend(
            navigation.unlinked_pages(
                site,
                cfg.menus,
                cfg.theme_pages,
                resolver.linked,
                lambda rel: _relpath(cfg.content_path / rel, cfg.content_path.parent),
            )
        )

    def _read_topics(self, content: Path, codes: tuple[str, ...]) -> Topics | None:
        """``content/topics.toml``, the topics shared by every language (None without it)."""
        path = content / TOPICS_FILE
        if not path.exists() and not path.is_symlink():
            return None
        where = _relpath(path, content.parent)
        try:
            data = safety.read_bytes(content, path, safety.MARKDOWN_MAX_BYTES, MARKDOWN_TOO_BIG)
        except safety.Refused as refused:
            self.campaign.problems.append(Problem(where, 0, refused.reason, refused.fix))
            return None
        topics, problems = parse_topics(where, data, codes)
        self.campaign.problems.extend(problems)
        return topics

    def _prepare_all(self, content: Path, config: PrepareConfig) -> list[Prepared]:
        """Every source file, prepared; from the cache when its bytes were seen before."""
        rels = scan(content, tuple(self.campaign.plugin_folders))
        code = config.key()
        project = content.parent
        # each file is read once, through the safe reader (safety.py): a refused file (a link
        # out of content/, a device, too big) is reported and left out
        keys: dict[str, tuple[str, ...]] = {}
        data: dict[str, bytes] = {}
        for rel in rels:
            try:
                data[rel] = safety.read_bytes(
                    content, content / rel, safety.MARKDOWN_MAX_BYTES, MARKDOWN_TOO_BIG
                )
            except safety.Refused as refused:
                path = _relpath(content / rel, project)
                self.campaign.problems.append(Problem(path, 0, refused.reason, refused.fix))
                continue
            keys[rel] = (code, rel, hashlib.sha256(data[rel]).hexdigest())
        rels = [rel for rel in rels if rel in keys]
        cache = ContentCache(self.campaign.settings.cache_path / "content.sqlite", "prepared")
        try:
            found = cast(dict[tuple[str, ...], Prepared], cache.get_many(list(keys.values())))
            jobs = [
                (_relpath(content / rel, project), rel, data.pop(rel), config)
                for rel in rels
                if keys[rel] not in found
            ]
            data.clear()
            workers = self.campaign.settings.workers
            if len(jobs) < PARALLEL_THRESHOLD:
                workers = 1
            results = parallel_map(_prepare_one, jobs, workers, chunk=32)
            fresh = {keys[item.rel]: item for item in results}
            cache.put_many({key: item for key, item in fresh.items() if item.cacheable})
            found.update(fresh)
            logger.info("campaign: %d files read, %d from cache", len(rels), len(rels) - len(jobs))
        finally:
            cache.close()
        return [found[keys[rel]] for rel in rels]

    # -- output ---------------------------------------------------------------------------

    def generate_output(self, writer):
        try:
            self._generate_output()
        except OSError as error:
            stop_when_disk_full(error)
            raise

    def _generate_output(self):
        cfg, campaign = self.campaign.settings, self.campaign
        output = Path(self.output_path).resolve()
        # the social cards are drawn beside the build and recorded when it finishes writing
        out = BackgroundWriter(
            output,
            manifest_path(cfg.cache_path, output),
            campaign.add_problem,
            lambda writer: announce(writer, self.context),
        )
        campaign.writer = out
        campaign.problems.extend(campaign.image_service.publish(out))
        assets = Assets(cfg.theme_path / "static", cfg.siteurl)
        assets.write(out)
        # two pages for one file: the site's own pages win, then the first source by name
        ordered = sorted(campaign.pages, key=lambda spec: (spec.source != "", spec.source))
        campaign.pages, clashes = page_specs.collisions(ordered)
        campaign.problems.extend(clashes)
        equivalents = page_specs.equivalents(campaign.pages)
        prints = Fingerprints(self._site_digest(assets))
        campaign.fingerprints = prints
        todo, heads = [], {}
        for spec in sorted(campaign.pages, key=lambda spec: (spec.lang, spec.output)):
            links = campaign.head_links(spec)
            fingerprint = prints.page(spec, equivalents.get(spec.equiv, {}), links)
            if not out.claim(spec.output, _made_by(spec)):
                continue  # the writer's safety net: reported, never overwritten
            if not out.reuse(spec.output, fingerprint, _made_by(spec)):
                todo.append((spec, fingerprint))
                heads[spec.output] = links  # worked out once, for the fingerprint and the page
        renderer = Renderer(
            self.env,
            self.catalogs,
            cfg.languages,
            equivalents,
            self._globals(assets),
            cfg.siteurl,
            cfg.canonical_siteurl,
            lambda spec: heads[spec.output],
            {language.code: self._per_language(language.code) for language in cfg.languages},
        )
        for (spec, fingerprint), (digest, size) in zip(
            todo,
            render_pages(renderer, [spec for spec, _ in todo], out, cfg.workers),
            strict=True,
        ):
            out.record(spec.output, digest, size, fingerprint, _made_by(spec))
        logger.info(
            "campaign: %d pages rendered, %d unchanged", len(todo), len(campaign.pages) - len(todo)
        )
        announce(out, self.context)  # Pelican's content_written, for every file written

    def _site_digest(self, assets: Assets) -> str:
        """Everything every page depends on: templates, code, settings, catalogs, images."""
        cfg, campaign = self.campaign.settings, self.campaign
        parts = [
            tree_digest(cfg.theme_path / "templates"),
            tree_digest(Path(__file__).resolve().parent.parent, suffixes=(".py",)),
            self.catalogs.digest,
            assets.digest,
            repr(
                (
                    cfg.siteurl,
                    cfg.canonical_siteurl,
                    cfg.languages,
                    cfg.sections,
                    cfg.section_texts,
                    cfg.home_sections,
                    cfg.entry_templates,
                    cfg.list_untranslated,
                    cfg.sitename,
                )
            ),
            campaign.image_service.digest(),
            repr([self._menus(language.code) for language in cfg.languages]),
            repr(sorted(cfg.theme_pages.items())),
            repr(cfg.preview),
            repr([campaign.feed_list(language.code) for language in cfg.languages])
            if campaign.feed_list
            else "",
            repr([campaign.search_url(language.code) for language in cfg.languages])
            if campaign.search_url
            else "",
            repr(
                sorted(
                    (key, [(e.lang.code, e.title, e.url) for e in versions.values()])
                    for key, versions in campaign.model.by_key.items()
                    if key[0] == "pages"
                )
            ),
        ]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _globals(self, assets: Assets) -> dict:
        cfg, campaign = self.campaign.settings, self.campaign
        context = {key: value for key, value in self.context.items() if key.isupper()}
        context.update(
            SITEURL=cfg.siteurl,
            CANONICAL_SITEURL=cfg.canonical_siteurl,
            languages=cfg.languages,
            asset=assets.url,
            campaign=campaign,
            localized=campaign.localized,
            nav_extra=campaign.nav_extra,
            image_html=campaign.image_service.html,
            download_url=self._download_url,
            thumbnail=campaign.image_service.thumbnail,
            social_card=campaign.image_service.social_card,
            list_untranslated=cfg.list_untranslated,
            section_names=list(cfg.sections),
            picture_sections=cfg.picture_sections,
            absolute=self._absolute,
            feed_list=campaign.feed_list,
            reading_minutes=design.reading_minutes,
            variant=design.variant,
            ltr_runs=design.ltr_runs,
            page_layout=layouts.layout,
        )
        return context

    def _download_url(self, rel: str) -> str:
        """Site-relative URL of a published picture's largest file, for a download link
        (a drawn meme's 4:5 and 9:16 versions); "" when it was not published."""
        found = self.campaign.image_service.enclosure(rel) if rel else None
        return found[0] if found else ""

    def _absolute(self, url: str) -> str:
        """An absolute URL for social cards and feeds (``url`` is site-relative or absolute)."""
        if url.startswith(("http://", "https://")):
            return url
        return f"{self.campaign.settings.canonical_siteurl}/{url.lstrip('/')}"

    def _per_language(self, code: str) -> dict:
        """Template values shared by every page of a language: the menus and the pages the
        theme links to by role (``theme_pages.report`` is the Report it page)."""
        menus = self._menus(code)
        gettext = self.catalogs.for_pages(code).gettext
        return {
            "menus": menus,
            "nav_items": menus["main"],
            # each section's texts in this language (CAMPAIGN_SECTION_TEXTS)
            "section_texts": {
                name: SectionTexts(
                    gettext(texts.title),
                    gettext(texts.intro) if texts.intro else "",
                    gettext(texts.all_link),
                )
                for name, texts in self.campaign.settings.section_texts.items()
            },
            "theme_pages": {
                role: self.campaign.localized("pages", slug, code)
                for role, slug in self.campaign.settings.theme_pages.items()
            },
        }

    def _menus(self, code: str) -> dict[str, list[navigation.MenuItem]]:
        """Every menu of one language: the main menu starts with the section lists and the
        plugins' entries; pages are placed by their ``Menu:`` and ``Order:``."""
        cfg, site = self.campaign.settings, self.campaign.model
        pages = navigation.page_menus(site, code, cfg.menus)
        prefix = site.language(code).prefix
        main = navigation.main_menu(
            prefix, list(cfg.sections), self.campaign.nav_extra, pages.get("main", [])
        )
        return {**pages, "main": main}


def _made_by(spec) -> str:
    """What a page is made from, as the writer names it when two pages want one file."""
    return spec.source or f"the {spec.kind} page {spec.url or '/'}"


def _relpath(path: Path, start: Path) -> str:
    try:
        return path.relative_to(start).as_posix()
    except ValueError:
        return path.as_posix()


def _project_path(path: Path, content: Path) -> str:
    return _relpath(path.resolve(), content.parent.resolve())
