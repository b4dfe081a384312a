"""The Pelican generator of campaign_search: thin glue between the campaign and ``indexer.py``.

``generate_context`` (after the core's) adds one search page per language, rendered by the
core like every other page, and tells the theme and the server where search lives.
``generate_output`` runs after the core, the gallery and the feeds wrote their files and
before campaign_publish precompresses them: it indexes the built entry pages with Pagefind
and writes the bundle through ``campaign.writer``, so the bundle is in the manifest, removed
when it is no longer made, and precompressed like every other text file.

The index is made again only when an indexed page changed: its fingerprint is made from the
sha256 of every indexed page as the writer recorded it (plus the settings and Pagefind's
version); when the previous build left the same bundle, untouched, it is kept as it is.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from campaign_site import urls
from campaign_site.pages import PageSpec
from campaign_site.problems import Problem
from campaign_site.site_api import CONTEXT_KEY, Campaign

from . import indexer
from .settings import SearchSettings, read_settings

logger = logging.getLogger(__name__)

TEMPLATE = "search"
WHERE = "pelicanconf.py"  # where a problem of the search index is reported
COMPRESSED = (".gz", ".br")  # copies campaign_publish writes after this generator


def search_url(prefix: str) -> str:
    return f"{prefix}search/"


def indexed_pages(campaign: Campaign, search: SearchSettings) -> list[str]:
    """Output files of the pages that go into the index: published entries of the kinds
    searched, written in this build, without ``Search: no`` (drafts and scheduled entries
    of a preview build, lists, topics, archives and 404 pages never are)."""
    if campaign.writer is None:
        return []
    written = set(campaign.writer.written())
    found = []
    for spec in campaign.pages:
        entry = spec.data.get("entry")
        if (
            spec.kind in search.kinds
            and not spec.noindex
            and entry is not None
            and entry.status == "published"
            and entry.search
            and spec.output in written
        ):
            found.append(spec.output)
    return sorted(found)


class SearchGenerator(Generator):
    """Adds the search pages and builds the search index after every page is written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.search = read_settings(self.settings)  # fails fast on a bad value

    @property
    def campaign(self) -> Campaign | None:
        return self.context.get(CONTEXT_KEY)

    def generate_context(self):
        campaign = self.campaign
        if campaign is None or campaign.site is None or not self.search.enabled:
            return
        cfg, site = campaign.settings, campaign.site
        prefixes = {language.code: language.prefix for language in cfg.languages}
        for language in cfg.languages:
            prefix = language.prefix
            campaign.add_page(
                PageSpec(
                    url=search_url(prefix),
                    template=TEMPLATE,
                    lang=language.code,
                    equiv=("search",),
                    kind="search",
                    data={
                        "tags": list(site.tags.get(language.code, {}).values()),
                        "sections": [(name, urls.list_url(prefix, name)) for name in cfg.sections],
                        "search_bundle": f"{self.search.bundle}/",
                        "search_results": self.search.results,
                    },
                )
            )
        campaign.search_url = lambda code: search_url(prefixes[code])
        campaign.wasm_paths = [
            *(search_url(prefix) for prefix in prefixes.values()),
            f"{self.search.bundle}/",
        ]

    def generate_output(self, writer):
        campaign = self.campaign
        if campaign is None or campaign.writer is None or not self.search.enabled:
            return  # a check-only build writes nothing
        out = campaign.writer
        pages = indexed_pages(campaign, self.search)
        if not pages:
            logger.info("campaign_search: no page to index")
            return
        try:
            program = indexer.executable()
            print_ = indexer.fingerprint(
                [(rel, out.digest_of(rel)) for rel in pages],
                self.search,
                indexer.version(program),
                Path(indexer.__file__).read_bytes(),
            )
        except indexer.IndexerError as error:
            self._problem(error)
            return
        if self._reuse(out, print_):
            logger.info("campaign_search: the index of %d pages is unchanged", len(pages))
            return
        cfg = campaign.settings
        try:
            bundle = indexer.build_bundle(out.output, pages, cfg.cache_path / "search", program)
        except indexer.IndexerError as error:
            self._problem(error)
            return
        for name, data in bundle.files:
            out.write(f"{self.search.bundle}/{name}", data, print_)
        logger.info(
            "campaign_search: %d pages indexed (%s) in %.2f s; %d files, %.0f KB",
            bundle.pages,
            ", ".join(f"{code} {count}" for code, count in bundle.languages.items()),
            bundle.seconds,
            len(bundle.files),
            bundle.size / 1024,
        )

    def _reuse(self, out, print_: str) -> bool:
        """Keep the previous bundle when it was made from the same pages and is intact."""
        folder = f"{self.search.bundle}/"
        previous = [rel for rel in out.previous_under(folder) if not rel.endswith(COMPRESSED)]
        if not previous or not all(out.is_current(rel, print_) for rel in previous):
            return False
        return all(out.reuse(rel, print_, "the search index") for rel in previous)

    def _problem(self, error: indexer.IndexerError) -> None:
        if self.campaign is not None:
            self.campaign.add_problem(Problem(WHERE, 0, str(error), error.fix, skips=False))
