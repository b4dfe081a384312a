"""Signal receivers of campaign_publish."""

from __future__ import annotations


def get_generators(pelican):
    """The publish generator; it runs after the other campaign generators (see generator.py)."""
    from campaign_site.startup import check

    from .generator import PublishGenerator

    check(pelican.settings, "campaign_publish")

    return PublishGenerator
