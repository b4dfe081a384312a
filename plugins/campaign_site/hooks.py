"""Signal receivers of campaign_site, held by one state object that resets every build."""

from __future__ import annotations

import atexit
import logging
from pathlib import PurePosixPath

from . import report
from .cache import new_build
from .console import editor_logger
from .links import check_links
from .lock import BuildLock
from .settings import read_settings
from .site_api import Campaign

logger = logging.getLogger(__name__)


report_logger = editor_logger()


class CampaignPlugin:
    """Plugin state: the current build's ``Campaign``; a new one per Pelican run, so the
    live-reload server rebuilds cleanly."""

    def __init__(self):
        self.campaign: Campaign | None = None
        self.generators: list = []
        self.lock = BuildLock()
        self.summary = ""  # the last build's closing line
        self._summary_registered = False

    def remember_generators(self, generators) -> None:
        self.generators = list(generators)

    def start(self, settings: dict) -> Campaign:
        cfg = read_settings(settings)
        new_build()  # cache warnings: once per build
        self.lock.acquire(cfg.cache_path)  # one build of a site at a time (lock.py)
        self.campaign = Campaign(settings=cfg)
        return self.campaign

    def release_lock(self, pelican) -> None:
        """After ``finalized``: the next build of this site may start."""
        self.lock.release()

    def get_generators(self, pelican):
        from .generator import CampaignGenerator
        from .startup import check

        check(pelican.settings, "campaign_site")

        return type("CampaignGenerator", (CampaignGenerator,), {"state": self})

    def finalized(self, pelican):
        """Finish the output, report every problem at once, fail a strict build."""
        campaign, self.campaign = self.campaign, None
        generators, self.generators = self.generators, []
        if campaign is None:
            return
        cfg = campaign.settings
        if campaign.writer is not None:
            produced = set(campaign.writer.written())
            campaign.problems.extend(check_links(campaign.link_uses, produced, cfg.siteurl))
            campaign.writer.finish()
        problems = sorted(set(campaign.problems))
        for line in report.problem_lines(problems):
            report_logger.log(
                logging.WARNING if ": warning: " in line.split(";", 1)[0] else logging.ERROR,
                "%s",
                line,
            )
        site = campaign.site
        if site is not None:
            codes = tuple(language.code for language in cfg.languages)
            for line in report.withheld_lines(site.withheld, cfg.preview, codes):
                report_logger.info("%s", line)
            logger.info(
                "campaign: %d pages in %d languages, %d problem(s)",
                len(campaign.pages),
                len(cfg.languages),
                len(problems),
            )
            _count_for_pelican(generators, site)
        errors = [problem for problem in problems if problem.severity == "error"]
        self.summary = report.summary(problems, cfg.strict)
        if errors and cfg.strict:
            # SystemExit passes Pelican's catch-all, so the editor sees the list, not a traceback
            report_logger.error("%s", self.summary)
            raise SystemExit(1)
        if cfg.summary_at_exit:
            # Pelican prints its "Done: ..." line after this signal: the summary comes last
            if not self._summary_registered:
                atexit.register(self._print_summary)
                self._summary_registered = True
        else:
            self._print_summary()

    def _print_summary(self) -> None:
        if self.summary:
            report_logger.info("%s", self.summary)
            self.summary = ""


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
