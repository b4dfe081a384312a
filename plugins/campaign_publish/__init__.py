"""campaign_publish: placeholder until its issue lands."""


def register():
    """Nothing to connect yet."""
