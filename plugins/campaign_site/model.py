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
from campaign_i18n.originals import choose_original, marked_original
from campaign_memes.layout import Layout, parse_layout
from campaign_memes.text import MemeError

from . import urls
from .prepare import INTEGER_RE, LIMITS, Prepared
from .problems import Problem
from .source import NOT_SEARCHED, parse_date
from .topics import Topics, fold, topic_slug


@dataclass(eq=False, slots=True)
class Tag:
    name: str
    slug: str
    lang: str
    url: str
    topic: str = ""  # the shared topic's id (topics.toml), "" for a topic of one language


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
    menus: tuple[str, ...] = ()
    search: bool = True  # False: `Search: no`, left out of the site's search index
    translations: dict[str, Entry] = field(default_factory=dict)
    # "published"; "draft" or "scheduled" only in a preview build (make devserver)
    status: str = "published"
    original: str = ""  # the language code of the original (any language, see originals)
    # a drawn meme: its words in this language, and the original's artwork and layout
    meme_text: str = ""
    meme_footer: str = ""
    artwork: str = ""  # content-relative path of the word-free picture
    layout: Layout | None = None
    # the drawn pictures by format ("square", "portrait", "story"), as image-service names;
    # ``image`` is the square (set by ``campaign_site.memes``)
    pictures: dict[str, str] = field(default_factory=dict)

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
class Withheld:
    """A file that is not published now, and why: its own ``Status: draft`` or future
    ``Date:``, or its original's (a story is withdrawn or scheduled in every language)."""

    path: str
    line: int
    state: str  # "draft", "scheduled" or "blocked" (its original has errors)
    date: datetime | None = None  # when a scheduled file goes live
    original: str = ""  # project path of the original that decided, when not the file itself
    followers: list[str] = field(default_factory=list)  # translations withheld with it


@dataclass
class Site:
    languages: tuple[Language, ...]
    entries: list[Entry] = field(default_factory=list)
    by_key: dict[tuple[str, str], dict[str, Entry]] = field(default_factory=dict)
    by_source: dict[str, Entry] = field(default_factory=dict)
    tags: dict[str, dict[str, tuple[Tag, list[Entry]]]] = field(default_factory=dict)
    scheduled: list[Scheduled] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    # preview builds only: drafts and scheduled entries, which get a page and nothing else
    previews: list[Entry] = field(default_factory=list)
    preview_by_source: dict[str, Entry] = field(default_factory=dict)

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
                first = next(iter(versions.values()))
                chosen.append(versions.get(first.original, first))
        return sorted(chosen, key=Entry.sort_key)


def build_site(
    prepared: list[Prepared],
    languages: tuple[Language, ...],
    dated_sections: tuple[str, ...],
    timezone: tzinfo,
    now: datetime,
    preview: bool = False,
    topics: Topics | None = None,
) -> tuple[Site, list[Problem]]:
    """Check what needs the whole site (duplicates, originals) and assemble the model.

    A story is one thing in several languages: when its original (in any language, see
    ``campaign_i18n.originals``) is a draft, scheduled or has errors, every translation
    waits with it. A draft or future date on a translation holds back that translation
    alone. With ``preview``, drafts and scheduled files become entries of ``site.previews``
    (a page with a banner, never listed, tagged, syndicated or mapped)."""
    site = Site(languages=languages)
    problems = _check_duplicates(prepared)
    blocked = {problem.path for problem in problems}
    by_code = {language.code: language for language in languages}
    usable = [item for item in prepared if item.ok and item.path not in blocked]
    originals, choices = _choose_originals(prepared, tuple(by_code), blocked)
    problems += choices
    own = {item.path: _own_state(item, dated_sections, timezone, now) for item in usable}
    for item in usable:
        state, date = own[item.path]
        original = originals.get((item.section, item.slug))
        decided_by = ""
        if original is not None and original is not item:
            if not original.ok:
                state, date, decided_by = "blocked", None, original.path
            else:
                first_state, first_date = own[original.path]
                if first_state == "draft" and state != "draft":
                    state, date, decided_by = "draft", None, original.path
                elif first_state == "scheduled" and (
                    state == "published"
                    or (state == "scheduled" and first_date and date and first_date > date)
                ):
                    state, date, decided_by = "scheduled", first_date, original.path
        if state != "published":
            _withhold(site, item, state, date, decided_by)
            if not (preview and state in ("draft", "scheduled")):
                continue
        entry = _entry(item, by_code[item.lang], timezone)
        entry.original = original.lang if original is not None else item.lang
        if state != "published":
            entry.status = state
            site.previews.append(entry)
            site.preview_by_source[item.rel] = entry
            continue
        site.entries.append(entry)
        item.html = ""  # the entry holds the HTML now; one copy per page is enough
        site.by_source[item.rel] = entry
        site.by_key.setdefault(entry.key, {})[item.lang] = entry
    order = {language.code: index for index, language in enumerate(languages)}
    for key, versions in site.by_key.items():
        site.by_key[key] = dict(sorted(versions.items(), key=lambda kv: order[kv[0]]))
        for entry in versions.values():
            entry.translations = site.by_key[key]
    for entry in site.previews:
        versions = dict(site.by_key.get(entry.key, {}))
        versions.update(
            (other.lang.code, other) for other in site.previews if other.key == entry.key
        )
        entry.translations = dict(sorted(versions.items(), key=lambda kv: order[kv[0]]))
    originals_of = {
        entry.key: entry
        for entry in (*site.entries, *site.previews)
        if entry.lang.code == entry.original
    }
    for entry in (*site.entries, *site.previews):
        first = originals_of.get(entry.key)
        if first is not None:  # translations follow the original's place and artwork
            entry.menus = first.menus
            entry.order = first.order  # and its number (Hint 3 is Hint 3 in every language)
            entry.artwork, entry.layout = first.artwork, first.layout
    problems += _collect_tags(site, prepared, topics)
    site.entries.sort(key=lambda entry: (order[entry.lang.code], entry.section, entry.slug))
    _link_followers(site)
    return site, problems


def _own_state(
    item: Prepared, dated_sections: tuple[str, ...], timezone: tzinfo, now: datetime
) -> tuple[str, datetime | None]:
    """What a file's own metadata says: published, draft, or scheduled (and when)."""
    if item.meta.get("status", "published").strip().lower() == "draft":
        return "draft", None
    date = _aware(item.meta.get("date"), timezone)
    if date is not None and date > now and item.section in dated_sections:
        return "scheduled", date
    return "published", None


def _withhold(site: Site, item: Prepared, state: str, date, decided_by: str) -> None:
    line = item.meta_lines.get("status" if state == "draft" else "date", 1)
    site.withheld.append(Withheld(item.path, line, state, date, decided_by))
    if state == "scheduled":
        site.scheduled.append(Scheduled(item.path, date))
    else:
        site.drafts.append(item.path)


def _link_followers(site: Site) -> None:
    """Each original that holds translations back knows them (for the build's report)."""
    by_path = {held.path: held for held in site.withheld}
    for held in site.withheld:
        if held.original and held.original in by_path:
            by_path[held.original].followers.append(held.path)


def _entry(item: Prepared, language: Language, timezone: tzinfo) -> Entry:
    meta = item.meta
    template = meta.get("template", "").strip()
    return Entry(
        section=item.section,
        slug=item.slug,
        lang=language,
        source=item.rel,
        digest=item.digest,
        title=meta["title"].strip(),
        summary=item.summary,
        content=Markup(item.html),  # the Prepared copy is dropped by the caller
        url=urls.entry_url(language.prefix, item.section, item.slug),
        date=_aware(meta.get("date"), timezone),
        modified=_aware(meta.get("modified"), timezone),
        author=meta.get("author", "").strip(),
        age=_int(meta.get("age")),
        warning=meta.get("warning", "").strip(),
        image=meta.get("image", "").strip(),
        image_alt=meta.get("imagealt", "").strip(),
        share_text=meta.get("sharetext", "").strip(),
        order=_int(meta.get("order")),
        template=template,  # prepare() drops a template the theme does not offer
        menus=tuple(
            name.strip().lower() for name in meta.get("menu", "").split(",") if name.strip()
        )
        if item.section == "pages"
        else (),
        meme_text=meta.get("text", "").strip(),
        meme_footer=meta.get("footer", "").strip(),
        artwork=meta.get("artwork", "").strip(),
        layout=_layout(meta.get("layout")),
        search=meta.get("search", "").strip().lower() not in NOT_SEARCHED,
    )


def _layout(text: str | None) -> Layout | None:
    """The parsed ``Layout:`` (None when absent or wrong: ``prepare`` reported why)."""
    if not text or not text.strip():
        return None
    try:
        return parse_layout(text)
    except MemeError:
        return None


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
    return int(text) if INTEGER_RE.match(text) else None


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


def _choose_originals(
    prepared: list[Prepared], languages: tuple[str, ...], blocked: set[str]
) -> tuple[dict[tuple[str, str], Prepared], list[Problem]]:
    """The original of every section/slug (see ``campaign_i18n.originals``): a file marked
    ``Original: yes``, else the default language's, else the only one (or the first, said
    as a warning). Two files marked as the original are an error on the second."""
    groups: dict[tuple[str, str], dict[str, Prepared]] = defaultdict(dict)
    for item in prepared:
        if item.lang in languages and item.path not in blocked:
            groups[(item.section, item.slug)].setdefault(item.lang, item)
    originals, problems = {}, []
    for (section, slug), versions in groups.items():
        marked = [
            code for code, item in versions.items() if marked_original(item.meta.get("original"))
        ]
        choice = choose_original(versions, marked, languages)
        original = originals[(section, slug)] = versions[choice.lang]
        for code in choice.disputed:
            item = versions[code]
            problems.append(
                Problem(
                    item.path,
                    item.meta_lines.get("original", 1),
                    f"two files say they are the original of {section}/{slug}: {original.path} "
                    "and this one; the first is used",
                    "keep 'Original: yes' in one file only (the one the others translate)",
                    skips=False,
                )
            )
        if not choice.obvious:
            problems.append(
                Problem(
                    original.path,
                    1,
                    f"there is no {section}/{slug}.{languages[0]}.md and no file says "
                    f"'Original: yes': this file ({choice.lang}) is taken as the original",
                    "add 'Original: yes' to the file the others are translated from",
                    "warning",
                    skips=False,
                )
            )
    return originals, problems


def _collect_tags(site: Site, prepared: list[Prepared], topics: Topics | None) -> list[Problem]:
    """Every language's topics, with their entries. A name listed in ``topics.toml`` is the
    shared topic (its page links to the same topic in the other languages); another name is
    a topic of its language only, and a warning when the site has a topics file."""
    items = {item.rel: item for item in prepared}
    problems: list[Problem] = []
    for language in site.languages:
        tags: dict[str, tuple[Tag, list[Entry]]] = {}
        owners: dict[str, str] = {}  # slug -> what owns it (a topic id or a folded name)
        for entry in site.entries:
            if entry.lang.code != language.code:
                continue
            item = items[entry.source]
            for name in (t.strip() for t in item.meta.get("tags", "").split(",")):
                if not name or len(name) > LIMITS["tag"]:  # too long: reported by prepare
                    continue
                topic = topics.find(language.code, name) if topics else None
                if topics and topics.topics and topic is None:
                    problems.append(_unknown_topic(item, name, language.code))
                owner = f"topic:{topic.id}" if topic else f"name:{fold(name)}"
                slug = topic_slug(name, topic)
                while slug in owners and owners[slug] != owner:
                    slug += "-2"
                owners[slug] = owner
                if slug not in tags:
                    shown = topic.names.get(language.code, name) if topic else name
                    url = urls.tag_url(language.prefix, slug)
                    tag = Tag(shown, slug, language.code, url, topic.id if topic else "")
                    tags[slug] = (tag, [])
                if entry not in tags[slug][1]:
                    tags[slug][1].append(entry)
                    entry.tags.append(tags[slug][0])
        for _tag, entries in tags.values():
            entries.sort(key=Entry.sort_key)
        ordered = sorted(tags.items(), key=lambda kv: collation_key(kv[1][0].name))
        site.tags[language.code] = dict(ordered)
    return problems


def _unknown_topic(item: Prepared, name: str, lang: str) -> Problem:
    return Problem(
        item.path,
        item.meta_lines.get("tags", 1),
        f"the topic {name!r} is not in content/topics.toml, so its page has no other languages",
        f'add it there with its name in every language (e.g. {lang} = "{name}"), or use a '
        "name the file already has",
        "warning",
        skips=False,
    )
