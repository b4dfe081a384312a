"""Start-up checks: the campaign plugins listed in ``PLUGINS`` in the order they need, and
Pelican's own readers, lists and feeds switched off. A wrong set-up stops the build before
anything is read, with one line per mistake that says what to change."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

CORE = "campaign_site"
# plugins that work on the campaign the core makes: they must come after it in PLUGINS
# (Pelican constructs and runs generators in PLUGINS order)
NEEDS_CORE = ("campaign_gallery", "campaign_feeds", "campaign_publish")
# the sitemap, server files and precompressed copies must see every file the others write
LAST = "campaign_publish"

# Pelican's own generators read content/ and write pages and feeds of their own that would
# clash with the campaign's: pelicanconf.py switches each of them off with these values
PELICAN_OFF: dict[str, object] = {
    "ARTICLE_PATHS": [],
    "PAGE_PATHS": [],
    "STATIC_PATHS": [],
    "THEME_STATIC_PATHS": [],
    "DIRECT_TEMPLATES": [],
    "TEMPLATE_PAGES": {},
}
PELICAN_FEEDS = (
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)


def plugin_problems(plugins: list[str], plugin: str) -> list[str]:
    """What is wrong with ``PLUGINS`` for ``plugin`` (names as Pelican lists them)."""
    names = [str(name).rsplit(".", 1)[-1] for name in plugins]
    listed = f"PLUGINS is {names}"
    problems = []
    if plugin in NEEDS_CORE:
        if CORE not in names:
            problems.append(f"{plugin} needs {CORE}: add {CORE!r} to PLUGINS before it ({listed})")
        elif plugin in names and names.index(CORE) > names.index(plugin):
            problems.append(f"move {CORE!r} before {plugin!r} in PLUGINS ({listed})")
    if plugin == LAST and names and names[-1] != LAST:
        problems.append(
            f"{LAST} must be the last of PLUGINS, to see every file the others write ({listed})"
        )
    return problems


def pelican_problems(settings: dict) -> list[str]:
    """Pelican's own generators that are not switched off (see pelicanconf.py)."""
    problems = []
    for key, off in PELICAN_OFF.items():
        if settings.get(key) != off:
            problems.append(
                f"set {key} = {off!r} in the settings (as pelicanconf.py does): campaign_site "
                f"reads and writes the site, Pelican's own generators must not ({key} is "
                f"{settings.get(key)!r})"
            )
    for key in PELICAN_FEEDS:
        if settings.get(key):
            problems.append(
                f"set {key} = None in the settings (as pelicanconf.py does): campaign_feeds "
                f"writes the feeds ({key} is {settings[key]!r})"
            )
    return problems


def check(settings: dict, plugin: str) -> None:
    """Stop the build with one line per problem of ``plugin``'s set-up."""
    from .console import route_plugin_logs

    route_plugin_logs()  # one line each, also when campaign_site itself is not registered
    problems = plugin_problems(list(settings.get("PLUGINS") or []), plugin)
    if plugin == CORE:
        problems += pelican_problems(settings)
    for problem in problems:
        logger.error("%s", problem)
    if problems:
        raise SystemExit(1)  # passes Pelican's catch-all: the lines, not a traceback
