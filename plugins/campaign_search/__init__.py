"""campaign_search: a search page per language and a Pagefind index of the built pages."""

from pelican import signals

from .hooks import get_generators


def register():
    """Connect the plugin's receiver; list it after campaign_feeds, before campaign_publish."""
    signals.get_generators.connect(get_generators, weak=False)
