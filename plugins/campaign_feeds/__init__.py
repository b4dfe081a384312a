"""campaign_feeds: RSS, Atom and JSON feeds per language and section, with feedgen."""

from pelican import signals


def get_generators(pelican):
    """Add the feeds generator (it runs after campaign_site's, which is listed first)."""
    from .generator import FeedsGenerator

    return FeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
