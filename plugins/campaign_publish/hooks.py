"""Signal receivers of campaign_publish."""

from __future__ import annotations


def get_generators(pelican):
    """The publish generator; it runs after the other campaign generators (see generator.py)."""
    from .generator import PublishGenerator

    return PublishGenerator
