"""What pages the site has: one ``PageSpec`` per output file, derived from the model.

Pure: the specs carry plain data for the templates; ``render.py`` turns them into files.
Pages that are the same page in several languages share an ``equiv`` key, from which the
language switcher and the ``hreflang`` alternates are derived.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

from . import urls
from .model import Entry, Site
from .problems import Problem


@dataclass
class Paginator:
    number: int
    count: int
    urls: list[str]

    @property
    def prev_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None


@dataclass(slots=True)
class PageSpec:
    """One page to render: its URL, template, language and the data its template needs."""

    url: str
    template: str
    lang: str
    equiv: tuple
    kind: str
    title: str = ""
    description: str = ""
    data: dict = field(default_factory=dict)
    image: str = ""  # content-relative source of the social-card image
    noindex: bool = False
    source: str = ""  # what the page is made from, for messages (a content file, "the site")
    original_lang: str = ""  # the language of the original, for x-default (entries, albums)

    @property
    def output(self) -> str:
        return urls.output_file(self.url)


@dataclass
class HomeSection:
    """One block of the home page: a section's first entries as listed in the page's
    language (its own entries first), and how many the section lists in all."""

    name: str
    entries: list[Entry]
    total: int


RELATED = 3  # related entries shown at the end of an entry (shared topics)


def _topic_keys(entry: Entry) -> set[tuple[str, str]]:
    """An entry's topics, comparable across languages when the topic is shared."""
    return {("topic", tag.topic) if tag.topic else (tag.lang, tag.slug) for tag in entry.tags}


def neighbours(site: Site, sections: Collection[str]) -> dict[int, dict[str, object]]:
    """For every published entry of ``sections`` (by ``id``): the entries before and after it
    in its language's list of the section (``prev``, ``next``), and up to ``RELATED`` others
    of that list that share most of its topics (``related``, most shared first, then in
    list order)."""
    found: dict[int, dict[str, object]] = {}
    for language in site.languages:
        for name in sections:
            listed = site.section(language.code, name, False)
            topics = [_topic_keys(entry) for entry in listed]
            for index, entry in enumerate(listed):
                scored = [
                    (-len(topics[index] & topics[other]), other)
                    for other in range(len(listed))
                    if other != index and topics[index] & topics[other]
                ]
                found[id(entry)] = {
                    "prev": listed[index - 1] if index > 0 else None,
                    "next": listed[index + 1] if index + 1 < len(listed) else None,
                    "related": [listed[other] for _score, other in sorted(scored)[:RELATED]],
                    "position": index + 1,
                }
    return found


def entry_pages(
    site: Site,
    content_dir: str = "content",
    templates: dict[str, str] | None = None,
    sections: Collection[str] = (),
) -> list[PageSpec]:
    """One page per published entry; in a preview build, one per draft or scheduled entry
    too (never indexed, so never in the sitemap or the hreflang alternates). ``templates``:
    section -> the theme template of its entries (``CAMPAIGN_ENTRY_TEMPLATES``), else
    ``entry``. Entries of ``sections`` also get their neighbours (``neighbours``)."""
    specs = []
    around = neighbours(site, sections)
    for entry in (*site.entries, *site.previews):
        kind = (templates or {}).get(entry.section, "entry")
        specs.append(
            PageSpec(
                url=entry.url,
                template=entry.template or kind,
                lang=entry.lang.code,
                equiv=("entry", entry.section, entry.slug),
                kind=kind,
                title=entry.title,
                description=entry.summary,
                data={"entry": entry, **around.get(id(entry), {})},
                image=entry.image,
                noindex=entry.status != "published",
                original_lang=entry.original,
                source=f"{content_dir}/{entry.source}",
            )
        )
    return specs


def list_template(name: str, templates: Collection[str]) -> str:
    """A section's list template: ``list_<name>`` when the theme has one, else ``list``."""
    return f"list_{name}" if f"list_{name}.html" in templates else "list"


def checklist_template(name: str, templates: Collection[str]) -> str | None:
    """A section's one-page checklist: ``checklist_<name>`` when the theme has one (the
    hints: every hint as an item to tick, with its number and a link to it), else none."""
    return f"checklist_{name}" if f"checklist_{name}.html" in templates else None


def home_sections(
    listed: dict[str, list[Entry]], blocks: tuple[tuple[str, int], ...], lang: str
) -> list[HomeSection]:
    """The home page's blocks (``CAMPAIGN_HOME_SECTIONS``): entries written in ``lang``
    first, then the others in their listed order."""
    found = []
    for name, count in blocks:
        entries = listed[name]
        own = [entry for entry in entries if entry.lang.code == lang]
        others = [entry for entry in entries if entry.lang.code != lang]
        found.append(HomeSection(name, (own + others)[:count], len(entries)))
    return found


def list_pages(
    site: Site,
    sections: dict[str, int],
    include_untranslated: bool,
    home: tuple[tuple[str, int], ...] = (),
    templates: Collection[str] = (),
) -> list[PageSpec]:
    """Home, paginated section lists (and a section's checklist when the theme has its
    template), tags and archives for every language. ``home``: the home page's blocks;
    ``templates``: the theme's template names (a section's own list template is used when
    the theme has one)."""
    specs = []
    for language in site.languages:
        code, prefix = language.code, language.prefix
        listed = {name: site.section(code, name, include_untranslated) for name in sections}
        specs.append(
            PageSpec(
                url=prefix,
                template="index",
                lang=code,
                equiv=("home",),
                kind="home",
                data={"home": home_sections(listed, home, code)},
            )
        )
        for name, per_page in sections.items():
            entries = listed[name]
            count = max(1, math.ceil(len(entries) / per_page)) if per_page else 1
            # balanced pages: 11 entries at 10 a page are 6 + 5, never 10 + 1
            size = math.ceil(len(entries) / count) if per_page else 0
            page_urls = [urls.list_url(prefix, name, n) for n in range(1, count + 1)]
            for number in range(1, count + 1):
                chunk = entries[(number - 1) * size : number * size] if per_page else entries
                specs.append(
                    PageSpec(
                        url=page_urls[number - 1],
                        template=list_template(name, templates),
                        lang=code,
                        equiv=("list", name, number),
                        kind="list",
                        data={
                            "section": name,
                            "entries": chunk,
                            "total": len(entries),
                            "paginator": Paginator(number, count, page_urls),
                        },
                    )
                )
            checklist = checklist_template(name, templates)
            if checklist:
                specs.append(
                    PageSpec(
                        url=urls.checklist_url(prefix, name),
                        template=checklist,
                        lang=code,
                        equiv=("checklist", name),
                        kind="checklist",
                        data={"checklist": name, "entries": entries},
                    )
                )
        tags = site.tags.get(code, {})
        specs.append(
            PageSpec(
                url=urls.tags_url(prefix),
                template="tags",
                lang=code,
                equiv=("tags",),
                kind="tags",
                data={"tags": list(tags.values())},
            )
        )
        for slug, (tag, entries) in tags.items():
            specs.append(
                PageSpec(
                    url=tag.url,
                    template="tag",
                    lang=code,
                    # a shared topic is one page in several languages
                    equiv=("topic", tag.topic) if tag.topic else ("tag", code, slug),
                    kind="tag",
                    title=tag.name,
                    data={"tag": tag, "entries": entries},
                )
            )
        dated = sorted(
            (e for e in site.entries if e.lang.code == code and e.date),
            key=lambda e: e.date.timestamp() if e.date else 0.0,
            reverse=True,
        )
        specs.append(
            PageSpec(
                url=urls.archives_url(prefix),
                template="archives",
                lang=code,
                equiv=("archives",),
                kind="archives",
                data={"entries": dated},
            )
        )
        specs.append(
            PageSpec(
                url=urls.not_found_url(prefix),
                template="404",
                lang=code,
                equiv=("404",),
                kind="404",
                noindex=True,
            )
        )
    return specs


def collisions(specs: list[PageSpec]) -> tuple[list[PageSpec], list[Problem]]:
    """Pages that would write the same file: the first (in a stable order) is kept, each
    other one is an error naming both sources, and is left out."""
    kept: dict[str, PageSpec] = {}
    problems = []
    for spec in specs:
        first = kept.get(spec.output)
        if first is None:
            kept[spec.output] = spec
            continue
        where = spec.source or first.source or spec.output
        other = first.source or f"the site's own {first.kind} page"
        problems.append(
            Problem(
                where,
                0,
                f"this would be published at /{spec.url}, which {other} already uses",
                "give one of them another slug (and file name)",
            )
        )
    return list(kept.values()), problems


def equivalents(specs: list[PageSpec]) -> dict[tuple, dict[str, str]]:
    """``equiv`` key -> {language code: URL} over all pages."""
    table: dict[tuple, dict[str, str]] = {}
    for spec in specs:
        table.setdefault(spec.equiv, {})[spec.lang] = spec.url
    return table
