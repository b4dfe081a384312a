"""campaign_feeds: placeholder until its issue lands."""


def register():
    """Nothing to connect yet."""
