"""Signal receivers of campaign_site, held by one state object that resets every build."""

from __future__ import annotations

import logging

from .problems import errors_summary
from .settings import read_settings
from .site_api import Campaign

logger = logging.getLogger(__name__)


class CampaignPlugin:
    """Plugin state: the current build's ``Campaign``; a new one per Pelican run, so the
    live-reload server rebuilds cleanly."""

    def __init__(self):
        self.campaign: Campaign | None = None

    def start(self, settings: dict) -> Campaign:
        self.campaign = Campaign(settings=read_settings(settings))
        return self.campaign

    def get_generators(self, pelican):
        from .generator import CampaignGenerator

        return type("CampaignGenerator", (CampaignGenerator,), {"state": self})

    def finalized(self, pelican):
        """Finish the output, report every problem at once, fail a strict build."""
        campaign, self.campaign = self.campaign, None
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
        errors = [problem for problem in problems if problem.severity == "error"]
        if errors and campaign.settings.strict:
            # SystemExit passes Pelican's catch-all, so the editor sees the list, not a traceback
            logger.error("%s", errors_summary(errors))
            raise SystemExit(1)
