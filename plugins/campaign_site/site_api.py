"""The object other campaign plugins use: ``context["campaign"]``.

It carries the settings, the model once read, the pages to render, the problems found and
the providers of ``<head>`` links (feeds announce themselves here). Every field is typed; what
another plugin provides (the image service, the feed list) is described by a ``Protocol``
here or in ``images.py``, so no plugin needs to probe another one's objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from campaign_i18n import CatalogSet

from .images import ImageService
from .incremental import Fingerprints
from .links import LinkUse
from .model import Entry, Site
from .pages import PageSpec
from .problems import Problem
from .settings import SiteSettings

CONTEXT_KEY = "campaign"

# (page) -> dicts with "type", "title" and "href" for <link rel="alternate"> in its <head>
HeadLinkProvider = Callable[[PageSpec], list[dict]]
# (language code) -> the feeds of a language for the Follow page (campaign_feeds)
FeedList = Callable[[str], list[dict]]


class Writer(Protocol):
    """What plugins write the site with (``render.OutputWriter``): only changed bytes are
    written, one file is never written twice in a build, unchanged outputs are reused."""

    @property
    def output(self) -> Path:
        """The output folder."""

    def write(self, rel: str, data: bytes, fingerprint: str = "", source: str = "") -> None:
        """Write ``data`` to ``output/rel`` (unless it already holds these bytes)."""

    def record(
        self, rel: str, digest: str, size: int, fingerprint: str = "", source: str = ""
    ) -> None:
        """Record a file written into the output folder by someone else."""

    def reuse(self, rel: str, fingerprint: str, source: str = "") -> bool:
        """True when ``rel`` is kept as the last build made it from the same inputs."""

    def recorded(self, folder: str) -> dict[str, tuple[str, int]]:
        """Files under ``folder/`` the previous build recorded and that are still there:
        output path -> (digest, size)."""

    def written(self) -> Iterable[str]:
        """Every output path of this build so far."""

    def digest_of(self, rel: str) -> str:
        """The sha256 of ``rel`` as this build wrote or kept it."""

    def previous_under(self, folder: str) -> list[str]:
        """Every output path under ``folder/`` that the previous build recorded."""

    def is_current(self, rel: str, fingerprint: str) -> bool:
        """True when ``rel`` was made from the same inputs and is still on disk intact."""

    def finish(self) -> None:
        """End of the build (the core's ``finalized``): remove stale files, keep records."""


@dataclass
class Campaign:
    settings: SiteSettings
    site: Site | None = None  # the model, once generate_context has read the content
    pages: list[PageSpec] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    head_link_providers: list[HeadLinkProvider] = field(default_factory=list)
    nav_extra: list[tuple[str, str]] = field(default_factory=list)  # (key, url without prefix)
    # first folders of content/ that a plugin reads (campaign_gallery's albums): the core
    # neither reads them nor lets a page take their name as its address
    plugin_folders: list[str] = field(default_factory=list)
    images: ImageService | None = None  # set in generate_context
    writer: Writer | None = None  # set when the core starts writing
    feed_list: FeedList | None = None  # set by campaign_feeds
    # the URL folders of the feeds ("feeds/", "fr/feeds/"), set by campaign_feeds: the
    # server's policy lets the browser's XML viewer style them (campaign_publish)
    feed_paths: list[str] = field(default_factory=list)
    catalogs: CatalogSet | None = None  # the UI catalogs (campaign_i18n), set in generate_context
    # the build's fingerprints (site digest, entry digests), set when the core starts
    # writing: other generators use it to skip outputs whose inputs did not change
    fingerprints: Fingerprints | None = None
    # callable(lang) -> URL of the search page (the header and 404 pages link to it), and the
    # URL paths whose pages run WebAssembly (the server's policy allows it there only); set
    # by campaign_search
    search_url: Callable[[str], str] | None = None
    wasm_paths: list[str] = field(default_factory=list)
    # plain path links of the content, checked against every file the build produced
    link_uses: list[LinkUse] = field(default_factory=list)

    @property
    def model(self) -> Site:
        """The site model; only after the core's ``generate_context``."""
        if self.site is None:
            raise RuntimeError("the campaign's content is not read yet (generate_context)")
        return self.site

    @property
    def image_service(self) -> ImageService:
        """The image service; only after the core's ``generate_context``."""
        if self.images is None:
            raise RuntimeError("the campaign has no image service yet (generate_context)")
        return self.images

    def add_page(self, spec: PageSpec) -> None:
        self.pages.append(spec)

    def add_problem(self, problem: Problem) -> None:
        self.problems.append(problem)

    def head_links(self, spec: PageSpec) -> list[dict]:
        links: list[dict] = []
        for provider in self.head_link_providers:
            links.extend(provider(spec))
        return links

    def localized(self, section: str, slug: str, lang: str) -> Entry | None:
        """The ``lang`` version of an entry, or its first existing version."""
        versions = self.site.by_key.get((section, slug), {}) if self.site else {}
        return versions.get(lang) or next(iter(versions.values()), None)
