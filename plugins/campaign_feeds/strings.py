"""The UI strings feeds use from Python, translated with the theme's catalogs.

Every English source string here is also in ``theme/templates/partials/feed_strings.html``,
so Babel extracts it into the catalogs (a test checks that the two agree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ALL_CONTENT = "All content"
CONTENT_WARNING = "Content warning:"
ALL_DESCRIPTION = "Young people against online hate speech and cyberbullying"
SECTION_TITLES = {"stories": "Stories", "hints": "Spot fake news", "memes": "Memes"}
SECTION_DESCRIPTIONS = {
    "stories": "Young people tell what happened to them online, what helped, and what they "
    "would tell you.",
    "hints": "Short checks that help you recognise fake news before you believe or share it.",
    "memes": "Pictures with a message, made to be shared. Each comes with a suggested text.",
}
TITLE_JOINER = " – "  # "Stories – Safer, kinder internet", as in the pages' <title>

MSGIDS = (
    ALL_CONTENT,
    CONTENT_WARNING,
    ALL_DESCRIPTION,
    *SECTION_TITLES.values(),
    *SECTION_DESCRIPTIONS.values(),
)


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


def labels(gettext: Callable[[str], str], site_name: str, sections: tuple[str, ...]) -> Labels:
    """Translate the feed strings with ``gettext`` (a catalog's ``gettext``).

    ``site_name`` is the English ``SITENAME``, itself a message of the catalogs.
    """
    titles = {"all": gettext(ALL_CONTENT)}
    descriptions = {"all": gettext(ALL_DESCRIPTION)}
    for name in sections:
        titles[name] = gettext(SECTION_TITLES[name]) if name in SECTION_TITLES else name.title()
        descriptions[name] = (
            gettext(SECTION_DESCRIPTIONS[name]) if name in SECTION_DESCRIPTIONS else ""
        )
    return Labels(
        site_name=gettext(site_name) if site_name else "",
        content_warning=gettext(CONTENT_WARNING),
        titles=titles,
        descriptions=descriptions,
    )
