"""What pages the site has: one ``PageSpec`` per output file, derived from the model.

Pure: the specs carry plain data for the templates; ``render.py`` turns them into files.
Pages that are the same page in several languages share an ``equiv`` key, from which the
language switcher and the ``hreflang`` alternates are derived.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import urls
from .model import Site
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

    @property
    def output(self) -> str:
        return urls.output_file(self.url)


ENTRY_KINDS = {"stories": "story", "hints": "hint", "memes": "meme", "pages": "page"}


def entry_pages(site: Site, content_dir: str = "content") -> list[PageSpec]:
    """One page per published entry; in a preview build, one per draft or scheduled entry
    too (never indexed, so never in the sitemap or the hreflang alternates)."""
    specs = []
    for entry in (*site.entries, *site.previews):
        kind = ENTRY_KINDS.get(entry.section, "page")
        specs.append(
            PageSpec(
                url=entry.url,
                template=entry.template or kind,
                lang=entry.lang.code,
                equiv=("entry", entry.section, entry.slug),
                kind=kind,
                title=entry.title,
                description=entry.summary,
                data={"entry": entry},
                image=entry.image,
                noindex=entry.status != "published",
                source=f"{content_dir}/{entry.source}",
            )
        )
    return specs


def list_pages(site: Site, sections: dict[str, int], include_untranslated: bool) -> list[PageSpec]:
    """Home, paginated section lists, tags and archives for every language."""
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
                data={"sections": listed},
            )
        )
        for name, per_page in sections.items():
            entries = listed[name]
            count = max(1, math.ceil(len(entries) / per_page)) if per_page else 1
            page_urls = [urls.list_url(prefix, name, n) for n in range(1, count + 1)]
            for number in range(1, count + 1):
                chunk = (
                    entries[(number - 1) * per_page : number * per_page] if per_page else entries
                )
                specs.append(
                    PageSpec(
                        url=page_urls[number - 1],
                        template=f"list_{name}",
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
                    equiv=("tag", code, slug),
                    kind="tag",
                    title=tag.name,
                    data={"tag": tag, "entries": entries},
                )
            )
        dated = sorted(
            (e for e in site.entries if e.lang.code == code and e.date),
            key=lambda e: e.date,
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
