"""Signal receivers of campaign_site, held by one state object that resets every build."""

from __future__ import annotations

import logging
from pathlib import PurePosixPath

from .problems import errors_summary
from .settings import read_settings
from .site_api import Campaign

logger = logging.getLogger(__name__)


class CampaignPlugin:
    """Plugin state: the current build's ``Campaign``; a new one per Pelican run, so the
    live-reload server rebuilds cleanly."""

    def __init__(self):
        self.campaign: Campaign | None = None
        self.generators: list = []

    def remember_generators(self, generators) -> None:
        self.generators = list(generators)

    def start(self, settings: dict) -> Campaign:
        self.campaign = Campaign(settings=read_settings(settings))
        return self.campaign

    def get_generators(self, pelican):
        from .generator import CampaignGenerator

        return type("CampaignGenerator", (CampaignGenerator,), {"state": self})

    def finalized(self, pelican):
        """Finish the output, report every problem at once, fail a strict build."""
        campaign, self.campaign = self.campaign, None
        generators, self.generators = self.generators, []
        if campaign is None:
            return
        if campaign.writer is not None:
            campaign.writer.finish()
        problems = sorted(set(campaign.problems))
        for problem in problems:
            (logger.error if problem.severity == "error" else logger.warning)("%s", problem)
        site = campaign.site
        if site is not None:
            for scheduled in sorted(site.scheduled, key=lambda item: item.date):
                logger.warning(
                    "scheduled: %s will be published on %s",
                    scheduled.path,
                    scheduled.date.strftime("%Y-%m-%d %H:%M"),
                )
            for draft in sorted(site.drafts):
                logger.warning("draft (not published): %s", draft)
            logger.info(
                "campaign: %d pages in %d languages, %d problem(s)",
                len(campaign.pages),
                len(campaign.settings.languages),
                len(problems),
            )
            _count_for_pelican(generators, site)
        errors = [problem for problem in problems if problem.severity == "error"]
        if errors and campaign.settings.strict:
            # SystemExit passes Pelican's catch-all, so the editor sees the list, not a traceback
            logger.error("%s", errors_summary(errors))
            raise SystemExit(1)


def _count_for_pelican(generators: list, site) -> None:
    """Pelican ends a build with "Done: Processed N articles, ... N pages", counted from its
    own article and page generators, which this site switches off. Hand them our counts so
    that the line tells the editor what was built: stories, hints and memes are articles,
    and a future-dated file is counted as a draft, as Pelican counts it. Only the lengths of
    these lists are read, after every generator has written its output."""
    from pelican.generators import ArticlesGenerator, PagesGenerator

    def is_page(path: str) -> bool:
        return "pages" in PurePosixPath(path).parts[:-1]

    waiting = [*site.drafts, *(item.path for item in site.scheduled)]
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            generator.articles = [e for e in site.entries if e.section != "pages"]
            generator.drafts = [path for path in waiting if not is_page(path)]
        elif isinstance(generator, PagesGenerator):
            generator.pages = [e for e in site.entries if e.section == "pages"]
            generator.draft_pages = [path for path in waiting if is_page(path)]
