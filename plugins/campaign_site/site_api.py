"""The object other campaign plugins use: ``context["campaign"]``.

It carries the settings, the model once read, the pages to render, the problems found and
the providers of ``<head>`` links (feeds announce themselves here).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .links import LinkUse
from .model import Entry, Site
from .pages import PageSpec
from .problems import Problem
from .settings import SiteSettings

CONTEXT_KEY = "campaign"


@dataclass
class Campaign:
    settings: SiteSettings
    site: Site | None = None
    pages: list[PageSpec] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    head_link_providers: list = field(default_factory=list)
    nav_extra: list[tuple[str, str]] = field(default_factory=list)  # (key, url without prefix)
    images: object = None
    writer: object = None
    feed_list: object = None  # callable(lang) -> feeds for the Follow page, set by campaign_feeds
    catalogs: object = None  # the UI CatalogSet (campaign_i18n), set in generate_context
    # callable(lang) -> URL of the search page (the header and 404 pages link to it), and the
    # URL paths whose pages run WebAssembly (the server's policy allows it there only); set
    # by campaign_search
    search_url: object = None
    wasm_paths: list[str] = field(default_factory=list)
    # the build's incremental.Fingerprints (site digest, entry digests), set when the core
    # starts writing: other generators use it to skip outputs whose inputs did not change
    fingerprints: object = None
    # plain path links of the content, checked against every file the build produced
    link_uses: list[LinkUse] = field(default_factory=list)

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
