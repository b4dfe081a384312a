"""The URL scheme, in one place. URLs have no leading slash (Pelican's convention); the
default language lives at the root and every other language under ``<code>/``."""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# first folders of addresses the site itself writes (besides the section lists and the
# language folders): a page may not take one of them as its slug
RESERVED = (
    *("tags", "archives", "feeds", "gallery", "assets", "images", "page"),
    *("search", "pagefind"),  # campaign_search: the search pages and the index
)


@lru_cache(maxsize=16384)
def slugify(text: str) -> str:
    """ASCII slug for URLs and file names (Arabic and accented text transliterated)."""
    text = unidecode(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def reserved_names(sections, languages) -> tuple[str, ...]:
    """Every first folder name a page's slug may not take: the site's own folders, the
    section lists and the language folders."""
    return tuple(sorted({*RESERVED, *sections, *languages}))


def entry_url(prefix: str, section: str, slug: str) -> str:
    return f"{prefix}{slug}/" if section == "pages" else f"{prefix}{section}/{slug}/"


def list_url(prefix: str, section: str, number: int = 1) -> str:
    return f"{prefix}{section}/" if number == 1 else f"{prefix}{section}/page/{number}/"


def checklist_url(prefix: str, section: str) -> str:
    """A section's one-page checklist (the theme's ``checklist_<section>.html``)."""
    return f"{prefix}{section}/checklist/"


def tags_url(prefix: str) -> str:
    return f"{prefix}tags/"


def tag_url(prefix: str, slug: str) -> str:
    return f"{prefix}tags/{slug}/"


def archives_url(prefix: str) -> str:
    return f"{prefix}archives/"


def not_found_url(prefix: str) -> str:
    return f"{prefix}404.html"


def output_file(url: str) -> str:
    """The file a URL is served from: directories get ``index.html``."""
    return url + "index.html" if url == "" or url.endswith("/") else url
