"""Every ``CAMPAIGN_FEED_*`` setting with its default, read once into a frozen dataclass."""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULTS = {
    # items per feed (the newest ones)
    "CAMPAIGN_FEED_ITEMS": 20,
    # the date part of the tag: URIs that identify feeds and items ("tag:host,DATE:...").
    # A date on which the site's host name was already owned; never change it once
    # published, or every feed reader shows every item again as new.
    "CAMPAIGN_FEED_ID_DATE": "2026",
}

ID_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FeedSettingsError(ValueError):
    """A feed setting has a value the site cannot use; the message says how to fix it."""


@dataclass(frozen=True)
class FeedSettings:
    items: int
    id_date: str


def read_settings(settings: dict) -> FeedSettings:
    """Decode Pelican's settings dict; raise ``FeedSettingsError`` on a bad value."""
    items = settings.get("CAMPAIGN_FEED_ITEMS", DEFAULTS["CAMPAIGN_FEED_ITEMS"])
    if isinstance(items, bool) or not isinstance(items, int) or items < 1:
        raise FeedSettingsError(
            f"CAMPAIGN_FEED_ITEMS is {items!r}; give a whole number of items per feed, at "
            "least 1 (e.g. CAMPAIGN_FEED_ITEMS = 20)"
        )
    id_date = settings.get("CAMPAIGN_FEED_ID_DATE", DEFAULTS["CAMPAIGN_FEED_ID_DATE"])
    if not isinstance(id_date, str) or not ID_DATE_RE.match(id_date):
        raise FeedSettingsError(
            f"CAMPAIGN_FEED_ID_DATE is {id_date!r}; give a date as 'YYYY', 'YYYY-MM' or "
            "'YYYY-MM-DD' and never change it once feeds are published"
        )
    return FeedSettings(items=items, id_date=id_date)
