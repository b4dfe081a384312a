"""Which feeds the site has, where they live and who announces them.

Pure: built from plain values (canonical URL, languages as code/prefix pairs, sections and
translated labels). ``head_links`` is the ``campaign.head_link_providers`` entry and
``feed_list`` the ``campaign.feed_list`` callable of the Follow page.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaign_site.model import Entry
from campaign_site.pages import PageSpec

from .feeds import FORMATS, Format
from .strings import Labels

ALL = "all"


@dataclass(frozen=True)
class FeedRef:
    """One feed file: a language's feed ``name`` ("all" or a section) in one format."""

    lang: str
    name: str
    fmt: Format
    path: str  # output path, e.g. "fr/feeds/all.rss.xml"
    href: str  # absolute URL
    title: str  # "Stories – Safer, kinder internet", translated
    label: str  # "Stories", translated
    description: str


def feed_folder(prefix: str) -> str:
    """The folder of a language's feeds (``fr/feeds/``)."""
    return f"{prefix}feeds/"


def feed_path(prefix: str, name: str, fmt: Format) -> str:
    return f"{feed_folder(prefix)}{name}.{fmt.suffix}"


class FeedPlan:
    """Every feed of every language, and the links that announce them."""

    def __init__(
        self,
        canonical: str,
        languages: list[tuple[str, str]],
        sections: tuple[str, ...],
        labels: dict[str, Labels],
    ):
        self.canonical = canonical.rstrip("/")
        self.sections = sections
        self.names = (ALL, *sections)
        self.prefixes = dict(languages)
        self.labels = labels
        self.refs: dict[tuple[str, str], list[FeedRef]] = {}
        for code, prefix in languages:
            lab = labels[code]
            for name in self.names:
                self.refs[(code, name)] = [
                    FeedRef(
                        lang=code,
                        name=name,
                        fmt=fmt,
                        path=feed_path(prefix, name, fmt),
                        href=f"{self.canonical}/{feed_path(prefix, name, fmt)}",
                        title=lab.feed_title(name),
                        label=lab.titles[name],
                        description=lab.descriptions[name],
                    )
                    for fmt in FORMATS
                ]

    def feeds(self, lang: str, name: str) -> list[FeedRef]:
        return self.refs.get((lang, name), [])

    def urls(self, lang: str, name: str) -> dict[str, str]:
        return {ref.fmt.key: ref.href for ref in self.feeds(lang, name)}

    def home_url(self, lang: str, name: str) -> str:
        """The HTML page a feed belongs to: the language's home or the section's list."""
        prefix = self.prefixes[lang]
        return f"{self.canonical}/{prefix}" + ("" if name == ALL else f"{name}/")

    def section_of(self, spec: PageSpec) -> str | None:
        """The section whose feeds a page also announces: section lists (and a section's
        checklist) and entries."""
        if spec.kind == "list":
            section = spec.data.get("section")
        elif spec.kind == "checklist":
            section = spec.data.get("checklist")
        else:
            entry: Entry | None = spec.data.get("entry")
            section = entry.section if entry is not None else None
        return section if section in self.sections else None

    def head_links(self, spec: PageSpec) -> list[dict]:
        """``<link rel="alternate">`` data for a page: its language's all-content feeds, and
        its section's feeds on section lists and entry pages."""
        names = [ALL]
        section = self.section_of(spec)
        if section:
            names.append(section)
        return [
            {"type": ref.fmt.mime, "title": f"{ref.title} ({ref.fmt.name})", "href": ref.href}
            for name in names
            for ref in self.feeds(spec.lang, name)
        ]

    def feed_list(self, lang: str) -> list[dict]:
        """Every feed of a language for the Follow page, all content first, then sections;
        ``name`` (and ``order``, for Jinja's ``groupby``), ``label`` and ``description``
        group the formats of one feed."""
        return [
            {
                "href": ref.href,
                "type": ref.fmt.mime,
                "title": ref.title,
                "format": ref.fmt.name,
                "name": ref.name,
                "label": ref.label,
                "description": ref.description,
                "order": order,
            }
            for order, name in enumerate(self.names)
            for ref in self.feeds(lang, name)
        ]
