"""campaign_feeds: RSS, Atom and JSON feeds per language and section, with feedgen."""

from pelican import signals


def get_generators(pelican):
    """Add the feeds generator (it runs after campaign_site's, which is listed first)."""
    from campaign_site.startup import check

    from .generator import FeedsGenerator

    check(pelican.settings, "campaign_feeds")

    return FeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
