"""campaign_publish: sitemap, robots.txt, web-server configuration and precompressed files."""

from pelican import signals

from .hooks import get_generators


def register():
    """Connect the plugin's receiver; it must stay the last campaign plugin in PLUGINS."""
    signals.get_generators.connect(get_generators, weak=False)
