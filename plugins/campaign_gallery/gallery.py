"""Albums on the site: read ``content/<folder>/`` (``CAMPAIGN_GALLERY_FOLDER``, ``gallery``),
check the pictures, build what the templates show (per language) and the pages
(``PageSpec``s); ``[gallery ...]`` embeds are written by ``markup.Templates.embed``.

Knows the campaign's model and URL scheme but no Pelican object; ``generator.py`` calls it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from campaign_i18n import Language
from campaign_i18n.typography import french_text, uses_french_spacing
from campaign_site.images import ImageService
from campaign_site.model import Scheduled, Withheld
from campaign_site.pages import PageSpec
from campaign_site.problems import Problem
from campaign_site.safety import MARKDOWN_MAX_BYTES, Refused, check_folder, read_bytes
from campaign_site.site_api import Campaign

from .albums import AlbumSource, check_album

TITLE_LIMIT = 80


@dataclass(eq=False)
class PhotoView:
    """One picture of an album in one language, for the templates.

    Plain data without references back to the album or to other photos (page fingerprints
    walk these values), so the neighbours are given by URL.
    """

    index: int  # 1-based position in the album
    file: str
    slug: str
    rel: str  # content-relative source, e.g. gallery/no-hate-chain/heart-chain.jpg
    url: str
    alt: str
    caption: str
    credit: str
    text_lang: Language  # the language of alt/caption (the original's when untranslated)
    prev_url: str = ""
    next_url: str = ""

    @property
    def title(self) -> str:
        """Short title for <title>, lists and feeds: the caption, else the alt text."""
        text = self.caption or self.alt
        if len(text) <= TITLE_LIMIT:
            return text
        return text[:TITLE_LIMIT].rsplit(" ", 1)[0] + "…"


@dataclass(eq=False)
class AlbumView:
    """One album in one language, for the templates."""

    slug: str
    lang: Language
    title: str
    summary: str
    date: datetime | None
    url: str
    photos: list[PhotoView] = field(default_factory=list)
    cover: PhotoView | None = None

    @property
    def count(self) -> int:
        return len(self.photos)


@dataclass
class Album:
    """A published album: its checked source and its versions by language code."""

    source: AlbumSource
    views: dict[str, AlbumView] = field(default_factory=dict)

    def view(self, code: str) -> AlbumView:
        """The ``code`` version, else the original's."""
        found = self.views.get(code) or self.views.get(self.source.original_lang)
        return found or next(iter(self.views.values()))


def read_gallery(
    content: Path, languages: tuple[Language, ...], folder: str = "gallery"
) -> tuple[list[AlbumSource], list[Problem]]:
    """Check every album folder under ``content/<folder>/``."""
    root = content / folder
    project = content.parent
    sources: list[AlbumSource] = []
    problems: list[Problem] = []
    if not root.is_dir() and not root.is_symlink():
        return sources, problems
    codes = tuple(language.code for language in languages)
    try:
        check_folder(content, root)  # every album below is checked again, by its real path
    except Refused as refused:
        return sources, [Problem(_relpath(root, project), 0, refused.reason, refused.fix)]
    for child in sorted(root.iterdir()):
        if child.name.startswith("."):
            continue
        rel = _relpath(child, project)
        if child.is_symlink():
            try:  # a linked album folder is read only when it stays inside content/
                check_folder(content, child)
            except Refused as refused:
                if refused.kind != "folder":
                    problems.append(Problem(rel, 0, refused.reason, refused.fix))
                    continue
        if not child.is_dir():
            problems.append(
                Problem(
                    rel,
                    0,
                    f"files directly in content/{folder}/ are not published",
                    f"put pictures in an album folder: content/{folder}/<album>/, with its "
                    "album.<lang>.md files",
                    "warning",
                    skips=False,
                )
            )
            continue
        names, files = [], {}
        for path in sorted(child.iterdir()):
            if path.name.startswith("."):
                continue
            if path.is_dir():
                problems.append(
                    Problem(
                        _relpath(path, project),
                        0,
                        "folders inside an album are not published",
                        "put the pictures directly in the album folder",
                        "warning",
                        skips=False,
                    )
                )
                continue
            if path.suffix.lower() == ".md":
                try:
                    files[path.name] = read_bytes(content, path, MARKDOWN_MAX_BYTES)
                except Refused as refused:
                    problems.append(
                        Problem(_relpath(path, project), 0, refused.reason, refused.fix)
                    )
                    continue
            names.append(path.name)
        source, found = check_album(child.name, rel, names, files, codes)
        problems.extend(found)
        if source is not None:
            sources.append(source)
    return sources, problems


def publishable(
    sources: list[AlbumSource], service: ImageService, campaign: Campaign, folder: str = "gallery"
) -> tuple[list[Album], list[Problem]]:
    """Albums to publish now: drafts and scheduled albums are set aside (and listed by the
    core at the end of the build); pictures the image service cannot read are left out."""
    cfg = campaign.settings
    languages = cfg.languages
    by_code = {language.code: language for language in languages}
    problems: list[Problem] = []
    albums: list[Album] = []
    for source in sources:
        if source.draft:
            if campaign.site is not None:
                campaign.site.drafts.append(source.original)
                campaign.site.withheld.append(Withheld(source.original, 1, "draft"))
            continue
        date = source.date.replace(tzinfo=cfg.timezone) if source.date else None
        if date is not None and date > cfg.now:
            if campaign.site is not None:
                campaign.site.scheduled.append(Scheduled(source.original, date))
                campaign.site.withheld.append(Withheld(source.original, 1, "scheduled", date))
            continue
        photos = []
        for photo in source.photos:
            info = service.inspect(f"{folder}/{source.slug}/{photo.file}")
            if not isinstance(info, str):  # a bad picture is reported on its file
                photos.append(photo)
        if not photos:
            problems.append(
                Problem(
                    source.original,
                    0,
                    "the album has no picture that can be published, so it is left out",
                    "add pictures with their 'Image:' and 'Alt:' lines, or fix the ones "
                    "reported above",
                    skips=False,
                )
            )
            continue
        album = Album(source)
        for code, text in source.texts.items():
            language = by_code[code]
            url = f"{language.prefix}{folder}/{source.slug}/"
            title, summary = _typeset(language, text.title), _typeset(language, text.summary)
            view = AlbumView(source.slug, language, title, summary, date, url)
            for index, photo in enumerate(photos, start=1):
                words = photo.texts[code]
                written = by_code[words.lang]
                view.photos.append(
                    PhotoView(
                        index=index,
                        file=photo.file,
                        slug=photo.slug,
                        rel=f"{folder}/{source.slug}/{photo.file}",
                        url=f"{url}{photo.slug}/",
                        alt=_typeset(written, words.alt),
                        caption=_typeset(written, words.caption),
                        credit=words.credit,
                        text_lang=written,
                    )
                )
            for before, after in itertools.pairwise(view.photos):
                before.next_url, after.prev_url = after.url, before.url
            view.cover = next((p for p in view.photos if p.file == source.cover), view.photos[0])
            album.views[code] = view
        albums.append(album)
    albums.sort(key=_newest_first)
    return albums, problems


def _typeset(language: Language, text: str) -> str:
    """French text gets its no-break spaces (campaign_i18n.typography)."""
    return french_text(text) if uses_french_spacing(language.locale) else text


def _newest_first(album: Album):
    date = album.source.date
    return (0, -date.timestamp(), album.source.slug) if date else (1, 0, album.source.slug)


def page_specs(
    albums: list[Album],
    languages: tuple[Language, ...],
    list_untranslated: bool,
    folder: str = "gallery",
) -> list[PageSpec]:
    """The gallery index of every language, one page per album and one per picture."""
    if not albums:
        return []
    specs = []
    for language in languages:
        code = language.code
        listed = [
            album.view(code)
            for album in albums
            if code in album.views or (list_untranslated and album.views)
        ]
        specs.append(
            PageSpec(
                url=f"{language.prefix}{folder}/",
                template="gallery_index",
                lang=code,
                equiv=("gallery",),
                kind="gallery",
                data={
                    "section": "gallery",
                    "gallery_url": f"{language.prefix}{folder}/",
                    "albums": listed,
                },
                image=listed[0].cover.rel if listed and listed[0].cover else "",
            )
        )
        for album in albums:
            view = album.views.get(code)
            if view is None:
                continue
            specs.append(
                PageSpec(
                    url=view.url,
                    template="gallery_album",
                    lang=code,
                    equiv=("album", view.slug),
                    original_lang=album.source.original_lang,
                    kind="album",
                    title=view.title,
                    description=view.summary,
                    data={
                        "section": "gallery",
                        "gallery_url": f"{language.prefix}{folder}/",
                        "album": view,
                        "image_alt": view.cover.alt if view.cover else "",
                    },
                    image=view.cover.rel if view.cover else "",
                )
            )
            for photo in view.photos:
                specs.append(
                    PageSpec(
                        url=photo.url,
                        template="gallery_photo",
                        lang=code,
                        equiv=("photo", view.slug, photo.slug),
                        original_lang=album.source.original_lang,
                        kind="photo",
                        title=photo.title,
                        description=photo.alt,
                        data={
                            "section": "gallery",
                            "gallery_url": f"{language.prefix}{folder}/",
                            "album": view,
                            "photo": photo,
                            "image_alt": photo.alt,
                        },
                        image=photo.rel,
                    )
                )
    return specs


def _relpath(path: Path, start: Path) -> str:
    try:
        return path.relative_to(start).as_posix()
    except ValueError:
        return path.as_posix()
