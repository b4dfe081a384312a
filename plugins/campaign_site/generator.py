"""The Pelican generator that reads, checks and renders all campaign content in one run."""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from html import unescape
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from campaign_i18n import load_catalogs

from . import markup
from . import pages as page_specs
from .cache import ContentCache
from .images import IMAGE_SERVICE_KEY, BasicImages
from .incremental import Fingerprints, tree_digest
from .model import Entry, build_site
from .parallel import parallel_map
from .prepare import PrepareConfig, Prepared, prepare
from .problems import Problem
from .render import Assets, OutputWriter, Renderer, manifest_path, render_pages
from .site_api import CONTEXT_KEY, Campaign

logger = logging.getLogger(__name__)

IMG_RE = re.compile(r"<img\b([^>]*)>")
ATTR_RE = re.compile(r'([a-z-]+)="([^"]*)"')
SKIP_DIRS = {"gallery"}
PARALLEL_THRESHOLD = 64
NAV_PAGES = ("action-day", "dos-and-donts", "about")


def scan(content: Path) -> list[str]:
    """Content-relative paths of every Markdown file outside the gallery, sorted."""
    found = []
    for path in content.rglob("*.md"):
        rel = path.relative_to(content).as_posix()
        if rel.split("/", 1)[0] in SKIP_DIRS or any(
            part.startswith(".") for part in rel.split("/")
        ):
            continue
        found.append(rel)
    return sorted(found)


def _prepare_one(args: tuple[str, str, str, PrepareConfig]) -> Prepared:
    path, rel, filename, config = args
    with open(filename, "rb") as handle:
        return prepare(path, rel, handle.read(), config)


class CampaignGenerator(Generator):
    """Reads ``content/``, builds the multilingual model and writes every page."""

    state = None  # the plugin's ``CampaignPlugin``, set by ``register()``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign: Campaign = self.state.start(self.settings)
        self.context[CONTEXT_KEY] = self.campaign
        self.env.add_extension("jinja2.ext.i18n")
        self.env.policies["ext.i18n.trimmed"] = True
        # newstyle gettext changes how {% trans %} compiles: set it before any template loads
        self.env.install_null_translations(newstyle=True)
        self.env.autoescape = True

    # -- context --------------------------------------------------------------------------

    def generate_context(self):
        cfg = self.campaign.settings
        config = PrepareConfig(
            languages=tuple(language.code for language in cfg.languages),
            dated_sections=cfg.dated_sections,
            sections=(*cfg.sections, "pages"),
        )
        prepared = self._prepare_all(cfg.content_path, config)
        for item in prepared:
            self.campaign.problems.extend(item.problems)
        site, problems = build_site(
            prepared, cfg.languages, cfg.dated_sections, cfg.timezone, cfg.now
        )
        self.campaign.problems.extend(problems)
        self.campaign.site = site
        self.campaign.images = self.context.get(IMAGE_SERVICE_KEY) or BasicImages(
            cfg.content_path, cfg.siteurl
        )
        by_rel = {item.rel: item for item in prepared}
        for entry in site.entries:
            self._finish_entry(entry, by_rel[entry.source], by_rel)
        self.catalogs = load_catalogs(cfg.catalog_path, cfg.languages)
        self.campaign.catalogs = self.catalogs
        for issue in self.catalogs.issues:
            self.campaign.problems.append(
                Problem(
                    _project_path(issue.path, cfg.content_path),
                    issue.line,
                    issue.message,
                    skips=False,
                )
            )
        self.campaign.pages.extend(page_specs.entry_pages(site))
        self.campaign.pages.extend(page_specs.list_pages(site, cfg.sections, cfg.list_untranslated))

    def _prepare_all(self, content: Path, config: PrepareConfig) -> list[Prepared]:
        """Every source file, prepared; from the cache when its bytes were seen before."""
        rels = scan(content)
        code = config.key()
        keys = {
            rel: (code, rel, hashlib.sha256((content / rel).read_bytes()).hexdigest())
            for rel in rels
        }
        cache = ContentCache(self.campaign.settings.cache_path / "content.sqlite", "prepared")
        try:
            found = cache.get_many(list(keys.values()))
            project = content.parent
            jobs = [
                (_relpath(content / rel, project), rel, str(content / rel), config)
                for rel in rels
                if keys[rel] not in found
            ]
            workers = self.campaign.settings.workers
            if len(jobs) < PARALLEL_THRESHOLD:
                workers = 1
            results = parallel_map(_prepare_one, jobs, workers, chunk=32)
            fresh = {keys[item.rel]: item for item in results}
            cache.put_many(fresh)
            found.update(fresh)
            logger.info("campaign: %d files read, %d from cache", len(rels), len(rels) - len(jobs))
        finally:
            cache.close()
        return [found[keys[rel]] for rel in rels]

    def _finish_entry(self, entry: Entry, item: Prepared, by_rel: dict[str, Prepared]) -> None:
        """Resolve internal links and pictures of one entry; report what cannot be resolved."""
        site, cfg = self.campaign.site, self.campaign.settings

        def resolve(kind: str, target: str) -> str:
            rel = _normalise(target, item.rel)
            if kind == "filename":
                found = site.by_source.get(rel)
                if found:
                    return f"{cfg.siteurl}/{found.url}"
                reason = (
                    "is not published (draft, scheduled or with errors)"
                    if rel in by_rel
                    else "does not exist"
                )
                self._problem(
                    item,
                    _line_of(item, target, picture=False),
                    f"the link to {target!r} {reason}",
                    "check the file name after {filename}/ (e.g. {filename}/pages/report-it.en.md)",
                )
                return "#"
            self._problem(
                item,
                _line_of(item, target, picture=False),
                f"{{{kind}}}/ can only show a picture, not link to a file: {target!r}",
                "link pages with [text]({filename}/...) and show pictures with "
                f"![alt]({{{kind}}}/...)",
            )
            return "#"

        html = entry.content
        if "{" in html:
            html = markup.resolve_links(html, resolve)
        if "<img" in html:
            html = IMG_RE.sub(lambda match: self._picture(item, match.group(1)), html)
        if html is not entry.content:
            entry.content = Markup(html)
        if entry.image:
            rel = _normalise(entry.image, "")
            info = self.campaign.images.inspect(rel)
            if isinstance(info, str):
                self._problem(
                    item,
                    item.meta_lines.get("image", 1),
                    info,
                    "put the picture in content/ and give its path, e.g. "
                    "'Image: memes/my-meme.png'",
                )
                entry.image = ""
            else:
                entry.image = rel

    def _picture(self, item: Prepared, attributes: str) -> str:
        attrs = {key: unescape(value) for key, value in ATTR_RE.findall(attributes)}
        target, alt = attrs.get("src", ""), attrs.get("alt", "").strip()
        if not alt:
            return ""  # already reported by the source checks
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", target):
            self._problem(
                item,
                _line_of(item, target),
                f"the picture {target!r} is on another website",
                "save it in content/images/ and use ![alt](images/name.jpg); the site "
                "never loads anything from elsewhere",
            )
            return ""
        rel = _find_image(self.campaign.settings.content_path, target, item.rel)
        info = self.campaign.images.inspect(rel)
        if isinstance(info, str):
            self._problem(
                item,
                _line_of(item, target),
                info,
                "check the picture's file name and that it is inside content/",
            )
            return ""
        return self.campaign.images.html(
            rel, alt, title=attrs.get("title", ""), sizes="(min-width: 48rem) 44rem, 100vw"
        )

    def _problem(self, item: Prepared, line: int, message: str, fix: str) -> None:
        self.campaign.problems.append(Problem(item.path, line, message, fix, skips=False))

    # -- output ---------------------------------------------------------------------------

    def generate_output(self, writer):
        cfg, campaign = self.campaign.settings, self.campaign
        output = Path(self.output_path).resolve()
        out = OutputWriter(output, manifest_path(cfg.cache_path, output))
        campaign.writer = out
        campaign.problems.extend(campaign.images.publish(out))
        assets = Assets(cfg.theme_path / "static", cfg.siteurl)
        assets.write(out)
        equivalents = page_specs.equivalents(campaign.pages)
        prints = Fingerprints(self._site_digest(assets))
        campaign.fingerprints = prints
        todo, heads = [], {}
        for spec in sorted(campaign.pages, key=lambda spec: (spec.lang, spec.output)):
            links = campaign.head_links(spec)
            fingerprint = prints.page(spec, equivalents.get(spec.equiv, {}), links)
            if not out.reuse(spec.output, fingerprint):
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
            out.record(spec.output, digest, size, fingerprint)
        logger.info(
            "campaign: %d pages rendered, %d unchanged", len(todo), len(campaign.pages) - len(todo)
        )

    def _site_digest(self, assets: Assets) -> str:
        """Everything every page depends on: templates, code, settings, catalogs, images."""
        cfg, campaign = self.campaign.settings, self.campaign
        images = getattr(campaign.images, "digest", None)
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
                    cfg.list_untranslated,
                    cfg.home_stories,
                    cfg.sitename,
                )
            ),
            images() if callable(images) else repr(sorted(getattr(campaign.images, "infos", {}))),
            repr([self._nav(language.code) for language in cfg.languages]),
            repr([campaign.feed_list(language.code) for language in cfg.languages])
            if campaign.feed_list
            else "",
            repr(
                sorted(
                    (key, [(e.lang.code, e.title, e.url) for e in versions.values()])
                    for key, versions in campaign.site.by_key.items()
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
            image_html=campaign.images.html,
            social_card=campaign.images.social_card,
            home_stories=cfg.home_stories,
            list_untranslated=cfg.list_untranslated,
            nav=self._nav,
            absolute=self._absolute,
            feed_list=campaign.feed_list,
        )
        return context

    def _absolute(self, url: str) -> str:
        """An absolute URL for social cards and feeds (``url`` is site-relative or absolute)."""
        if url.startswith(("http://", "https://")):
            return url
        return f"{self.campaign.settings.canonical_siteurl}/{url.lstrip('/')}"

    def _per_language(self, code: str) -> dict:
        """Template values shared by every page of a language: menu and page links."""
        slugs = sorted({slug for section, slug in self.campaign.site.by_key if section == "pages"})
        return {
            "nav_items": self._nav(code),
            "links": {slug: self.campaign.localized("pages", slug, code) for slug in slugs},
        }

    def _nav(self, code: str) -> list[dict]:
        """Main navigation of one language: sections, then the main pages."""
        language = self.campaign.site.language(code)
        items = [
            {"section": name, "url": f"{language.prefix}{name}/", "label": "", "lang": ""}
            for name in self.campaign.settings.sections
        ]
        items += [
            {"section": key, "url": f"{language.prefix}{url}", "label": "", "lang": ""}
            for key, url in self.campaign.nav_extra
        ]
        for slug in NAV_PAGES:
            entry = self.campaign.localized("pages", slug, code)
            if entry:
                items.append(
                    {"section": "", "url": entry.url, "label": entry.title, "lang": entry.lang.code}
                )
        return items


def _relpath(path: Path, start: Path) -> str:
    try:
        return path.relative_to(start).as_posix()
    except ValueError:
        return path.as_posix()


def _project_path(path: Path, content: Path) -> str:
    return _relpath(path.resolve(), content.parent.resolve())


def _normalise(target: str, base_rel: str) -> str:
    """A ``{filename}`` target or picture path as a content-relative POSIX path."""
    target = unescape(target).split("#", 1)[0].split("?", 1)[0]
    for prefix in ("{static}", "{attach}", "{filename}"):
        target = target.removeprefix(prefix)
    if target.startswith("/") or not base_rel:
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(base_rel), target)
    return posixpath.normpath(joined).lstrip("./") if joined else ""


def _find_image(content: Path, target: str, base_rel: str) -> str:
    """Pictures may be given relative to the file or to content/ (``images/x.jpg``)."""
    relative = _normalise(target, base_rel)
    if (content / relative).is_file() or target.startswith(("/", "{")):
        return relative
    return _normalise(target, "")


def _line_of(item: Prepared, target: str, picture: bool = True) -> int:
    """The source line where a picture (``picture``) or a link to ``target`` appears (0 when
    not found). A link is looked for on lines other than the pictures with that target."""
    pictures = [
        line for _alt, found, line in item.images if found == target or found.endswith(target)
    ]
    if picture and pictures:
        return pictures[0]
    links = [line for found, line in item.links if found == target]
    others = [line for line in links if line not in pictures]
    return (others or links or pictures or [0])[0]
