"""Signal receivers of campaign_search."""

from __future__ import annotations


def get_generators(pelican):
    """The search generator; it runs after the core's, the gallery's and the feeds'
    generators and before campaign_publish's, which precompresses the bundle."""
    from .generator import SearchGenerator

    return SearchGenerator
