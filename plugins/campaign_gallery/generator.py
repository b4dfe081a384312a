"""The Pelican side of campaign_gallery: install the image service, add the album pages."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from campaign_site.images import IMAGE_SERVICE_KEY
from campaign_site.markup import first_paragraph
from campaign_site.problems import Problem
from campaign_site.settings import read_settings
from campaign_site.site_api import CONTEXT_KEY, Campaign

from . import gallery, shortcodes
from .gallery import Album
from .markup import Templates
from .service import ResponsiveImages
from .settings import read_gallery_settings


class GalleryGenerator(Generator):
    """Constructed after campaign_site's generator and before any ``generate_context``:
    puts the responsive image service where the core looks for it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campaign: Campaign | None = self.context.get(CONTEXT_KEY)
        site = campaign.settings if campaign is not None else read_settings(self.settings)
        self.options = read_gallery_settings(self.settings)
        self.templates = Templates(self.env)  # the theme's <picture> and embed markup
        self.service = ResponsiveImages(
            site.content_path,
            site.cache_path / "images",
            site.siteurl,
            self.options,
            site.workers,
            templates=self.templates,
        )
        self.context[IMAGE_SERVICE_KEY] = self.service
        if campaign is not None:  # the albums' folder is not content for the core
            campaign.plugin_folders.append(self.options.folder)

    def generate_context(self):
        """Runs after the core's: albums, their pages, the Gallery menu entry, shortcodes."""
        campaign: Campaign | None = self.context.get(CONTEXT_KEY)
        if campaign is None or campaign.site is None:
            return
        cfg, folder = campaign.settings, self.options.folder
        self.service.campaign = campaign
        sources, problems = gallery.read_gallery(cfg.content_path, cfg.languages, folder)
        campaign.problems.extend(problems)
        albums, problems = gallery.publishable(sources, self.service, campaign, folder)
        campaign.problems.extend(problems)
        for spec in gallery.page_specs(
            albums, cfg.languages, self.options.list_untranslated, folder
        ):
            campaign.add_page(spec)
        if albums and ("gallery", f"{folder}/") not in campaign.nav_extra:
            campaign.nav_extra.append(("gallery", f"{folder}/"))
        self._expand_shortcodes(campaign, {album.source.slug: album for album in albums})
        # pictures that cannot be published (also returned by publish(); duplicates merge)
        campaign.problems.extend(self.service.problems)

    def _expand_shortcodes(self, campaign: Campaign, albums: dict[str, Album]) -> None:
        cfg = campaign.settings
        for entry in campaign.model.entries:
            if "[gallery" not in entry.content:
                continue
            language = entry.lang

            def render(slug: str, name: str, language=language) -> str | None:
                album = albums.get(slug)
                if album is None:
                    return None
                view = album.view(language.code)
                photo = None
                if name:
                    photo = next((p for p in view.photos if name in (p.file, p.slug)), None)
                    if photo is None:
                        return None
                return self.templates.embed(
                    language, cfg.siteurl, self.service.html, album=view, photo=photo
                )

            html, unknown = shortcodes.expand(str(entry.content), render)
            entry.content = Markup(html)
            if shortcodes.SOURCE_RE.match(entry.summary):
                entry.summary = first_paragraph(html)
            source = cfg.content_path / entry.source
            for target in unknown:
                slug, name = shortcodes.split_target(target)
                message = (
                    f"[gallery {target}]: the album {slug!r} has no picture {name!r}"
                    if slug in albums
                    else f"[gallery {target}]: there is no published album {slug!r}"
                )
                campaign.add_problem(
                    Problem(
                        _project(source, cfg.content_path),
                        shortcodes.source_line(_text(source), target),
                        message,
                        f"use the name of a folder in content/{self.options.folder}/ (and the "
                        "file name of "
                        "one of its pictures), e.g. [gallery no-hate-chain/heart-chain.jpg]",
                        skips=False,
                    )
                )


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _project(path: Path, content: Path) -> str:
    try:
        return path.relative_to(content.parent).as_posix()
    except ValueError:
        return path.as_posix()
