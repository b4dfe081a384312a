"""Every ``CAMPAIGN_SEARCH_*`` setting with its default, read once into a frozen dataclass."""

from __future__ import annotations

import re
from dataclasses import dataclass

from campaign_site.settings import setting_bool

DEFAULTS = {
    # Build the search index (Pagefind) and the search pages. Off: no search page, no link
    # to it, no index.
    "CAMPAIGN_SEARCH": True,
    # Folder of the search bundle (Pagefind's scripts and index) in the output.
    "CAMPAIGN_SEARCH_BUNDLE": "pagefind",
    # Kinds of pages that are indexed (see campaign_site.pages.ENTRY_KINDS). Lists, topics,
    # archives, the gallery and 404 pages never are; a page may leave with `Search: no`.
    "CAMPAIGN_SEARCH_KINDS": ("story", "hint", "meme", "page"),
    # Results shown for a query (the best ones).
    "CAMPAIGN_SEARCH_RESULTS": 10,
}

INDEXABLE = frozenset({"story", "hint", "meme", "page"})
FOLDER_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SearchSettingsError(ValueError):
    """A search setting has a value the site cannot use; the message says how to fix it."""


@dataclass(frozen=True)
class SearchSettings:
    enabled: bool
    bundle: str
    kinds: tuple[str, ...]  # sorted: the settings are part of the index's fingerprint
    results: int


def read_settings(settings: dict) -> SearchSettings:
    """Decode Pelican's settings dict; raise ``SearchSettingsError`` on a bad value."""
    get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
    bundle = get("CAMPAIGN_SEARCH_BUNDLE")
    if not isinstance(bundle, str) or not FOLDER_RE.match(bundle):
        raise SearchSettingsError(
            f"CAMPAIGN_SEARCH_BUNDLE is {bundle!r}; give one folder name in lower case, "
            "e.g. CAMPAIGN_SEARCH_BUNDLE = 'pagefind'"
        )
    kinds = get("CAMPAIGN_SEARCH_KINDS")
    if isinstance(kinds, str) or not all(isinstance(kind, str) for kind in kinds or ()):
        raise SearchSettingsError(
            f"CAMPAIGN_SEARCH_KINDS is {kinds!r}; give a list such as ('story', 'page')"
        )
    unknown = sorted(set(kinds) - INDEXABLE)
    if unknown:
        raise SearchSettingsError(
            f"CAMPAIGN_SEARCH_KINDS names {', '.join(map(repr, unknown))}; only "
            f"{', '.join(map(repr, sorted(INDEXABLE)))} can be searched"
        )
    results = get("CAMPAIGN_SEARCH_RESULTS")
    if isinstance(results, bool) or not isinstance(results, int) or not 1 <= results <= 100:
        raise SearchSettingsError(
            f"CAMPAIGN_SEARCH_RESULTS is {results!r}; give a whole number from 1 to 100"
        )
    return SearchSettings(
        enabled=setting_bool(get("CAMPAIGN_SEARCH")),
        bundle=bundle,
        kinds=tuple(sorted(set(kinds))),
        results=results,
    )
