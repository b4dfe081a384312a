"""The UI strings feeds use from Python, translated with the theme's catalogs.

Every English source string here is also in ``theme/templates/partials/feed_strings.html``,
so Babel extracts it into the catalogs (a test checks that the two agree). The sections'
titles and descriptions are the core's ``CAMPAIGN_SECTION_TEXTS`` (listed for Babel in
``partials/strings.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ALL_CONTENT = "All content"
CONTENT_WARNING = "Content warning:"
ALL_DESCRIPTION = "Young people against online hate speech and cyberbullying"
TITLE_JOINER = " – "  # "Stories – Safer, kinder internet", as in the pages' <title>

MSGIDS = (ALL_CONTENT, CONTENT_WARNING, ALL_DESCRIPTION)


@dataclass(frozen=True)
class Labels:
    """The feed strings of one language."""

    site_name: str
    content_warning: str
    titles: dict[str, str]  # feed name ("all" or a section) -> title without the site name
    descriptions: dict[str, str]

    def feed_title(self, name: str) -> str:
        title = self.titles[name]
        return f"{title}{TITLE_JOINER}{self.site_name}" if self.site_name else title


def labels(
    gettext: Callable[[str], str], site_name: str, sections: dict[str, tuple[str, str]]
) -> Labels:
    """Translate the feed strings with ``gettext`` (a catalog's ``gettext``).

    ``site_name`` is the English ``SITENAME``, itself a message of the catalogs;
    ``sections``: each section's English (title, description), from the core's settings.
    """
    titles = {"all": gettext(ALL_CONTENT)}
    descriptions = {"all": gettext(ALL_DESCRIPTION)}
    for name, (title, description) in sections.items():
        titles[name] = gettext(title)
        descriptions[name] = gettext(description) if description else ""
    return Labels(
        site_name=gettext(site_name) if site_name else "",
        content_warning=gettext(CONTENT_WARNING),
        titles=titles,
        descriptions=descriptions,
    )
