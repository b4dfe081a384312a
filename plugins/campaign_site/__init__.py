"""campaign_site: reads, checks and renders the campaign's multilingual content in one run."""

from pelican import signals

from .console import route_plugin_logs
from .hooks import CampaignPlugin


def register():
    """Connect the plugin's receivers (one state object per Pelican process)."""
    route_plugin_logs()
    plugin = CampaignPlugin()
    signals.get_generators.connect(plugin.get_generators, weak=False)
    signals.all_generators_finalized.connect(plugin.remember_generators, weak=False)
    signals.finalized.connect(plugin.finalized, weak=False)
    signals.finalized.connect(plugin.release_lock, weak=False)  # after finalized's writes
