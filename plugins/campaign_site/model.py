"""The site model: published entries per language, translations, lists and tags.

Pure: built from ``Prepared`` files and settings values; knows no Pelican object.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from markupsafe import Markup

from campaign_i18n import Language

from . import urls
from .prepare import Prepared
from .problems import Problem
from .source import parse_date


@dataclass(eq=False, slots=True)
class Tag:
    name: str
    slug: str
    lang: str
    url: str


@dataclass(eq=False, slots=True)
class Entry:
    """One published file: a story, hint, meme or page in one language."""

    section: str
    slug: str
    lang: Language
    source: str
    digest: str
    title: str
    summary: str
    content: Markup
    url: str
    date: datetime | None = None
    modified: datetime | None = None
    tags: list[Tag] = field(default_factory=list)
    author: str = ""
    age: int | None = None
    warning: str = ""
    image: str = ""
    image_alt: str = ""
    share_text: str = ""
    order: int | None = None
    template: str = ""
    translations: dict[str, Entry] = field(default_factory=dict)

    @property
    def updated(self) -> datetime | None:
        return self.modified or self.date

    @property
    def key(self) -> tuple[str, str]:
        return (self.section, self.slug)

    def sort_key(self):
        """Newest first for dated sections, else by Order then title."""
        if self.order is not None:
            return (0, self.order, self.title)
        if self.date is not None:
            return (1, -self.date.timestamp(), self.slug)
        return (2, 0, self.title)


@dataclass
class Scheduled:
    path: str
    date: datetime


@dataclass
class Site:
    languages: tuple[Language, ...]
    entries: list[Entry] = field(default_factory=list)
    by_key: dict[tuple[str, str], dict[str, Entry]] = field(default_factory=dict)
    by_source: dict[str, Entry] = field(default_factory=dict)
    tags: dict[str, dict[str, tuple[Tag, list[Entry]]]] = field(default_factory=dict)
    scheduled: list[Scheduled] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)

    @property
    def default(self) -> Language:
        return self.languages[0]

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def section(self, lang: str, section: str, include_untranslated: bool) -> list[Entry]:
        """A section's entries as listed for ``lang``, best first.

        With ``include_untranslated``, entries that have no ``lang`` version are listed in
        the first language (in settings order) that has one.
        """
        chosen = []
        for (entry_section, _slug), versions in self.by_key.items():
            if entry_section != section:
                continue
            if lang in versions:
                chosen.append(versions[lang])
            elif include_untranslated:
                chosen.append(
                    next(versions[lg.code] for lg in self.languages if lg.code in versions)
                )
        return sorted(chosen, key=Entry.sort_key)


def build_site(
    prepared: list[Prepared],
    languages: tuple[Language, ...],
    dated_sections: tuple[str, ...],
    timezone: tzinfo,
    now: datetime,
) -> tuple[Site, list[Problem]]:
    """Check what needs the whole site (duplicates, originals) and assemble the model."""
    site = Site(languages=languages)
    problems = _check_duplicates(prepared) + _check_originals(prepared, languages[0].code)
    blocked = {problem.path for problem in problems}
    by_code = {language.code: language for language in languages}
    for item in prepared:
        if not item.ok or item.path in blocked:
            continue
        meta = item.meta
        if meta.get("status", "published").strip().lower() == "draft":
            site.drafts.append(item.path)
            continue
        date = _aware(meta.get("date"), timezone)
        if date is not None and date > now and item.section in dated_sections:
            site.scheduled.append(Scheduled(item.path, date))
            continue
        language = by_code[item.lang]
        entry = Entry(
            section=item.section,
            slug=item.slug,
            lang=language,
            source=item.rel,
            digest=item.digest,
            title=meta["title"].strip(),
            summary=item.summary,
            content=Markup(item.html),  # the Prepared copy is dropped below
            url=urls.entry_url(language.prefix, item.section, item.slug),
            date=date,
            modified=_aware(meta.get("modified"), timezone),
            author=meta.get("author", "").strip(),
            age=int(meta["age"]) if meta.get("age", "").strip().isdigit() else None,
            warning=meta.get("warning", "").strip(),
            image=meta.get("image", "").strip(),
            image_alt=meta.get("imagealt", "").strip(),
            share_text=meta.get("sharetext", "").strip(),
            order=_int(meta.get("order")),
            template=meta.get("template", "").strip(),
        )
        site.entries.append(entry)
        item.html = ""  # the entry holds the HTML now; one copy per page is enough
        site.by_source[item.rel] = entry
        site.by_key.setdefault(entry.key, {})[language.code] = entry
    order = {language.code: index for index, language in enumerate(languages)}
    for key, versions in site.by_key.items():
        site.by_key[key] = dict(sorted(versions.items(), key=lambda kv: order[kv[0]]))
        for entry in versions.values():
            entry.translations = site.by_key[key]
    _collect_tags(site, prepared)
    site.entries.sort(key=lambda entry: (order[entry.lang.code], entry.section, entry.slug))
    return site, problems


def collation_key(name: str) -> str:
    """Alphabetical order that ignores case and accents (« émotions » before « titres »)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _aware(text: str | None, timezone: tzinfo) -> datetime | None:
    if not text or not text.strip():
        return None
    value = parse_date(text)
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone)


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.lstrip("-").isdigit() else None


def _check_duplicates(prepared: list[Prepared]) -> list[Problem]:
    """Two files of one language and section claiming the same Slug."""
    groups: dict[tuple[str, str, str], list[Prepared]] = defaultdict(list)
    for item in prepared:
        slug = item.meta.get("slug", "").strip()
        lang = item.meta.get("lang", "").strip()
        if slug and lang:
            groups[(item.section, lang, slug)].append(item)
    problems = []
    for (_section, lang, slug), items in groups.items():
        if len(items) < 2:
            continue
        owner = next((item for item in items if item.slug == slug), items[0])
        for item in items:
            if item is owner:
                continue
            problems.append(
                Problem(
                    item.path,
                    item.meta_lines.get("slug", 1),
                    f"the slug {slug!r} is already used in language {lang!r} by {owner.path}",
                    "give this file its own slug (and file name), or delete the copy",
                )
            )
    return problems


def _check_originals(prepared: list[Prepared], default: str) -> list[Problem]:
    """A translation whose original (default-language file with the same slug) is missing."""
    originals = {(item.section, item.slug) for item in prepared if item.lang == default}
    problems = []
    for item in prepared:
        if (
            item.lang
            and item.lang != default
            and item.ok
            and (item.section, item.slug) not in originals
        ):
            problems.append(
                Problem(
                    item.path,
                    item.meta_lines.get("slug", 1),
                    f"this translation has no original: {item.section}/{item.slug}.{default}.md "
                    "does not exist",
                    f"check the slug against the {default} file's name, or add the original first",
                )
            )
    return problems


def _collect_tags(site: Site, prepared: list[Prepared]) -> None:
    source_tags = {item.rel: item.meta.get("tags", "") for item in prepared}
    for language in site.languages:
        tags: dict[str, tuple[Tag, list[Entry]]] = {}
        names: dict[str, str] = {}
        for entry in site.entries:
            if entry.lang.code != language.code:
                continue
            for name in (t.strip() for t in source_tags.get(entry.source, "").split(",")):
                if not name:
                    continue
                slug = urls.slugify(name) or "tag"
                while slug in names and names[slug] != name.lower():
                    slug += "-2"
                names[slug] = name.lower()
                if slug not in tags:
                    tags[slug] = (
                        Tag(name, slug, language.code, urls.tag_url(language.prefix, slug)),
                        [],
                    )
                tags[slug][1].append(entry)
                entry.tags.append(tags[slug][0])
        for _tag, entries in tags.values():
            entries.sort(key=Entry.sort_key)
        ordered = sorted(tags.items(), key=lambda kv: collation_key(kv[1][0].name))
        site.tags[language.code] = dict(ordered)
