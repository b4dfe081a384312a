"""Per-file pipeline: parse, validate on its own, convert and sanitise. Pure and cacheable.

The result depends only on the file's bytes, its path and the settings in ``PrepareConfig``,
so it is cached under a key made of those (see ``cache.py``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from difflib import get_close_matches

from campaign_i18n import bidi, typography
from campaign_i18n.originals import marked_original
from campaign_memes.layout import parse_layout
from campaign_memes.text import MemeError

from . import markup
from .problems import Problem
from .source import (
    KNOWN_KEYS,
    SEARCH_VALUES,
    SLUG_RE,
    STATUSES,
    parse_date,
    parse_source,
)

PIPELINE_VERSION = "2"
DIGITS_RE = re.compile(r"^[0-9]+$")  # ASCII only: str.isdigit() also accepts '¹⁵'
INTEGER_RE = re.compile(r"^-?[0-9]+$")
RAW_TAG_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b")
# documented in docs/content-guide.md, "Limits"
FRENCH_KEYS = ("title", "summary", "warning", "imagealt", "sharetext", "text")
LIMITS = {"title": 200, "slug": 100, "tag": 60}


def _code_digest() -> str:
    """Hash of the code and library versions behind ``prepare``: a change invalidates the cache.
    The code is this module and every plugin module it imports (``cache.code_digest``): the
    cached ``Prepared`` holds their objects, such as ``problems.Problem``."""
    from pathlib import Path

    import markdown

    from .cache import code_digest

    versions = f"{PIPELINE_VERSION}:{markdown.__version__}:{nh3_version()}"
    return hashlib.sha256(f"{versions}:{code_digest(Path(__file__))}".encode()).hexdigest()


def nh3_version() -> str:
    from importlib.metadata import version

    return version("nh3")


CODE_DIGEST = _code_digest()


@dataclass(frozen=True)
class PrepareConfig:
    """The settings that change what ``prepare`` returns (part of the cache key)."""

    languages: tuple[str, ...]
    dated_sections: tuple[str, ...]
    sections: tuple[str, ...]
    min_age: int = 13
    max_age: int = 25
    menus: tuple[str, ...] = ("main", "footer")
    # first folder names of addresses the site itself uses: a page may not take them
    reserved: tuple[str, ...] = ()
    # the example text of the editors' templates (docs/templates/), refused in content
    placeholders: tuple[str, ...] = ()
    # languages written with French typography (typography.py)
    french: tuple[str, ...] = ()
    # right-to-left languages: their hashtags are isolated left-to-right (campaign_i18n.bidi)
    rtl: tuple[str, ...] = ()
    # sections whose entries need 'Author:' and 'Age:', and those whose entries need 'Image:'
    storyteller_sections: tuple[str, ...] = ()
    picture_sections: tuple[str, ...] = ()
    # layouts a page may choose with 'Template:'
    page_templates: tuple[str, ...] = ()

    def key(self) -> str:
        return hashlib.sha256(repr((CODE_DIGEST, self)).encode()).hexdigest()[:16]


@dataclass(slots=True)
class Prepared:
    """One source file, ready for the site model."""

    path: str
    rel: str
    section: str
    slug: str
    lang: str
    digest: str
    meta: dict[str, str] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    html: str = ""
    summary: str = ""
    images: list[tuple[str, str, int]] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)
    hrefs: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # False when the conversion failed: never cached, so that a failure (or a converter it
    # left broken) cannot outlive the build that met it
    cacheable: bool = True

    @property
    def ok(self) -> bool:
        return not any(problem.skips for problem in self.problems)


def prepare(path: str, rel: str, data: bytes, config: PrepareConfig) -> Prepared:
    """Everything about one file that does not depend on other files."""
    doc = parse_source(path, rel, data)
    result = Prepared(
        path=path,
        rel=rel,
        section=doc.section,
        slug=doc.file_slug,
        lang=doc.file_lang,
        digest=hashlib.sha256(data).hexdigest(),
        meta=doc.meta,
        meta_lines=doc.meta_lines,
        images=doc.images,
        links=doc.links,
        hrefs=doc.hrefs,
        problems=doc.problems,
    )
    if doc.problems and not doc.meta and not doc.body:
        return result  # empty or undecodable: nothing more to say
    _check_meta(doc, config)
    result.problems = doc.problems
    if not doc.body.strip():
        doc.problem(
            doc.body_line,
            "the text after the metadata header is empty",
            "write the text below the header, after one empty line",
        )
    _check_placeholders(doc, config)
    try:
        raw = markup.to_html(doc.body)
        _report_removed_html(doc, raw)
        html = markup.sanitize(raw)
        if markup.html_depth(html) > markup.MAX_NESTING:
            raise markup.NestingError(markup.html_depth(html), 0)
    except markup.NestingError as error:
        result.cacheable = False
        doc.problem(
            doc.body_line + error.line,
            f"quotes, lists or HTML are {error.depth} levels deep here; the limit is "
            f"{markup.MAX_NESTING}",
            "nest quotes and lists only a few levels deep (see 'Limits' in docs/content-guide.md)",
        )
        return result
    except Exception as error:  # Markdown itself failed: report, never a traceback
        result.cacheable = False
        reason = "it is nested too deeply" if isinstance(error, RecursionError) else error
        doc.problem(
            doc.body_line,
            f"the Markdown could not be converted ({reason})",
            "look for an unclosed code block or list near this line, or lists and quotes "
            "nested many levels deep",
        )
        return result
    if doc.file_lang in config.french:  # no-break spaces before : ; ? ! and in « »
        html = typography.french_html(html)
        for key in FRENCH_KEYS:
            if key in doc.meta:
                doc.meta[key] = typography.french_text(doc.meta[key])
    if doc.file_lang in config.rtl:  # '#SaferInternetDay' kept whole in Arabic text
        html = bidi.isolate_html(html)
    result.html = html
    summary = doc.meta.get("summary", "").strip()
    result.summary = summary or markup.first_paragraph(html)
    return result


def _check_meta(doc, config: PrepareConfig) -> None:
    meta, line = doc.meta, doc.line_of
    example = f"{doc.section or config.sections[0]}/{doc.file_slug or 'my-story'}"
    name_hint = f"name the file <slug>.<lang>.md, for example {example}.{config.languages[0]}.md"
    if doc.section not in config.sections:
        folders = [f"content/{name}/" for name in config.sections]
        doc.problem(
            0,
            f"the file is not in a content folder ({', '.join(config.sections)})",
            f"move it into {', '.join(folders[:-1])} or {folders[-1]}"
            if len(folders) > 1
            else f"move it into {folders[0]}",
        )
    if not doc.file_lang:
        doc.problem(0, "the file name has no language code", name_hint)
    if not meta.get("title", "").strip():
        doc.problem(
            line("title") if "title" in meta else 1,
            "the title is missing or empty",
            "add a line 'Title: ...' at the top of the file",
        )
    slug = meta.get("slug", "").strip()
    if not slug:
        doc.problem(
            1,
            "'Slug:' is missing",
            f"add 'Slug: {doc.file_slug}' (the file name without .{doc.file_lang}.md)",
        )
    elif not SLUG_RE.match(slug):
        doc.problem(
            line("slug"),
            f"the slug {slug!r} may only use a-z, 0-9 and hyphens",
            f"write it like 'Slug: {_suggest_slug(slug)}'",
        )
    elif slug != doc.file_slug:
        doc.problem(
            line("slug"),
            f"'Slug: {slug}' does not match the file name {doc.file_slug!r}",
            "give the file and the Slug the same name (translations share it)",
        )
    lang = meta.get("lang", "").strip()
    if not lang:
        doc.problem(1, "'Lang:' is missing", f"add 'Lang: {doc.file_lang or config.languages[0]}'")
    elif lang not in config.languages and lang.lower() in config.languages:
        doc.problem(
            line("lang"),
            f"the language code {lang!r} must be written in lower case",
            f"write 'Lang: {lang.lower()}'",
        )
    elif lang not in config.languages:
        doc.problem(
            line("lang"),
            f"unknown language {lang!r}",
            f"use one of {', '.join(config.languages)} (or add the language to the settings)",
        )
    elif doc.file_lang and lang != doc.file_lang:
        doc.problem(
            line("lang"),
            f"'Lang: {lang}' does not match the file name (.{doc.file_lang}.md)",
            "make the file name and the Lang line agree",
        )
    _check_dates(doc, config)
    status = meta.get("status", "published").strip().lower()
    if status not in STATUSES:
        doc.problem(
            line("status"),
            f"unknown status {status!r}",
            "write 'Status: published' or 'Status: draft'",
        )
    if doc.section in config.storyteller_sections:
        _check_storyteller(doc, config)
    if "image" in meta and not meta.get("imagealt", "").strip():
        doc.problem(
            line("image"),
            "the picture has no alt text",
            "add 'ImageAlt: ...' describing what the picture shows",
            skips=False,
        )
    drawn = any(key in meta for key in ("artwork", "layout", "text"))
    if doc.section in config.picture_sections and not meta.get("image") and not drawn:
        doc.problem(
            1,
            f"this entry needs its picture (every entry of {doc.section}/ is a picture)",
            f"add 'Image: {doc.section}/{doc.file_slug}.png' and put the picture there, or "
            "draw it from words with 'Artwork:', 'Layout:' and 'Text:' (docs/content-guide.md)",
        )
    _check_meme(doc)
    if "order" in meta and not INTEGER_RE.match(meta["order"].strip()):
        doc.problem(
            line("order"),
            f"'Order: {meta['order']}' is not a whole number",
            "write a number such as 'Order: 3'",
            skips=False,
        )
    if "search" in meta and meta["search"].strip().lower() not in SEARCH_VALUES:
        doc.problem(
            line("search"),
            f"'Search: {meta['search'][:40]}' is neither yes nor no",
            "write 'Search: no' to keep this page out of the site's search, or remove the line",
            skips=False,
        )
    template = meta.get("template", "").strip()
    if template and template not in config.page_templates:
        close = get_close_matches(template, sorted(config.page_templates), n=1, cutoff=0.6)
        known = ", ".join(sorted(config.page_templates)) or "none"
        doc.problem(
            line("template"),
            f"unknown template {template[:60]!r}; the page is shown with the normal layout",
            (f"did you mean 'Template: {close[0]}'?" if close else "")
            or f"use one of {known} or remove the line",
            skips=False,
        )
        del meta["template"]  # the model shows the page with the normal layout
    _check_menu(doc, config)
    _check_limits(doc, config)
    if "original" in meta and marked_original(meta["original"]) is None:
        doc.problem(
            line("original"),
            f"'Original: {meta['original']}' is neither yes nor no",
            "write 'Original: yes' in the file the other languages are translated from",
            skips=False,
        )


def _check_meme(doc) -> None:
    """A drawn meme's own lines: ``Layout:`` must parse (every mistake reported on its line);
    ``Image:`` and ``Artwork:`` together are ambiguous. Whether the words fit and the
    artwork exists is checked when the picture is drawn (``campaign_site.memes``)."""
    meta, line = doc.meta, doc.line_of
    if "layout" in meta:
        try:
            parse_layout(meta["layout"])
        except MemeError as error:
            for issue in error.issues:
                doc.problem(line("layout"), issue.message, issue.fix)
    if "artwork" in meta and "image" in meta:
        doc.problem(
            line("image"),
            "'Image:' and 'Artwork:' are both given; the picture is drawn from 'Artwork:'",
            "remove the 'Image:' line",
            skips=False,
        )
    if "text" in meta and not meta.get("imagealt", "").strip():
        doc.problem(
            line("text"),
            "the drawn picture has no alt text",
            "add 'ImageAlt: ...' describing the artwork; the build adds the words drawn on it",
            skips=False,
        )
    for key in ("text", "footer", "artwork", "layout"):
        if key in meta and not meta[key].strip():
            doc.problem(
                line(key),
                f"'{KNOWN_KEYS[key]}:' is empty",
                f"write the {KNOWN_KEYS[key].lower()} after '{KNOWN_KEYS[key]}:' or remove the "
                "line",
            )


def _check_menu(doc, config: PrepareConfig) -> None:
    """``Menu: main, footer`` on a page puts it in those menus (translations follow the
    original's place, so only the original's line counts)."""
    if "menu" not in doc.meta:
        return
    names = [name.strip().lower() for name in doc.meta["menu"].split(",") if name.strip()]
    if doc.section != "pages":
        doc.problem(
            doc.line_of("menu"),
            f"'Menu:' only works on pages (content/pages/); the entries of {doc.section}/ are "
            "listed in their section",
            "remove the line",
            skips=False,
        )
        return
    for name in names or [""]:
        if name not in config.menus:
            close = get_close_matches(name, config.menus, n=1, cutoff=0.5)
            doc.problem(
                doc.line_of("menu"),
                f"unknown menu {name!r}",
                (f"did you mean 'Menu: {close[0]}'? " if close else "")
                + f"the menus are: {', '.join(config.menus)}",
                skips=False,
            )


def _check_limits(doc, config: PrepareConfig) -> None:
    """Lengths that keep addresses and file names usable (documented in the content guide)."""
    title = doc.meta.get("title", "").strip()
    if len(title) > LIMITS["title"]:
        doc.problem(
            doc.line_of("title"),
            f"the title is {len(title)} characters long; the limit is {LIMITS['title']}",
            "shorten it; put the rest in 'Summary:'",
        )
    slug = doc.meta.get("slug", "").strip()
    if len(slug) > LIMITS["slug"]:
        doc.problem(
            doc.line_of("slug"),
            f"the slug is {len(slug)} characters long; the limit is {LIMITS['slug']}",
            "choose a shorter slug (and rename the file to match)",
        )
    elif doc.section == "pages" and slug in config.reserved:
        doc.problem(
            doc.line_of("slug"),
            f"the address {slug}/ is already used by the site itself ({slug}/ is one of "
            f"{', '.join(config.reserved)})",
            f"give the page another slug (and file name), e.g. 'Slug: about-{slug}'",
        )
    for tag in (t.strip() for t in doc.meta.get("tags", "").split(",")):
        if len(tag) > LIMITS["tag"]:
            doc.problem(
                doc.line_of("tags"),
                f"the topic {tag[:40] + '…'!r} is {len(tag)} characters long; the limit is "
                f"{LIMITS['tag']}, so it is left out",
                "use short topics of one to four words, separated by commas",
                skips=False,
            )


def _check_placeholders(doc, config: PrepareConfig) -> None:
    """Example text of the editors' templates that was left in the file."""
    if not config.placeholders:
        return
    examples = set(config.placeholders)
    for key, value in doc.meta.items():
        if value.strip() in examples:
            doc.problem(
                doc.line_of(key),
                f"'{KNOWN_KEYS[key]}:' still has the template's example text "
                f"{_short(value.strip())!r}",
                f"write your own {KNOWN_KEYS[key].lower()}, or delete the line if the "
                "template says so",
            )
    for offset, line in enumerate(doc.body.split("\n")):
        if line.strip() and line.strip() in examples:
            doc.problem(
                doc.body_line + offset,
                f"this line is still the template's example text {_short(line.strip())!r}",
                "replace it with your own text, or delete it",
            )


def _report_removed_html(doc, html: str) -> None:
    """Raw HTML that the sanitiser removes without a trace: say so, so that the editor
    knows the page does not show what they wrote (``<script>`` is refused earlier)."""
    seen: set[str] = set()
    for match in RAW_TAG_RE.finditer(html):
        name = match.group(1).lower()
        if name in markup.ALLOWED_TAGS or name in seen or name == "script":
            continue
        seen.add(name)
        doc.problem(
            _line_with(doc, f"<{name}"),
            f"the HTML tag <{name}> is removed from the page (it is not allowed in content)",
            "write plain Markdown instead; see 'Writing the text' in docs/content-guide.md",
            skips=False,
        )


def _line_with(doc, needle: str) -> int:
    """The first body line containing ``needle`` (case-insensitive), else the body's start."""
    lowered = needle.lower()
    for offset, line in enumerate(doc.body.split("\n")):
        if lowered in line.lower():
            return doc.body_line + offset
    return doc.body_line


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:49] + "…"


def _check_dates(doc, config: PrepareConfig) -> None:
    for key in ("date", "modified"):
        value = doc.meta.get(key, "").strip()
        if not value:
            if key == "date" and doc.section in config.dated_sections:
                doc.problem(
                    1, "'Date:' is missing", "add 'Date: YYYY-MM-DD', e.g. 'Date: 2026-02-07'"
                )
            continue
        if parse_date(value) is None:
            doc.problem(
                doc.line_of(key),
                f"the date {value!r} is not a valid date",
                f"write it as '{KNOWN_KEYS[key]}: YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'",
                skips=key == "date",
            )


def _check_storyteller(doc, config: PrepareConfig) -> None:
    author = doc.meta.get("author", "").strip()
    if not author:
        doc.problem(
            1,
            "a story needs its storyteller's pseudonym",
            "add 'Author: ...' with a first name or pseudonym only",
        )
    elif len(author.split()) > 1:
        doc.problem(
            doc.line_of("author"),
            f"'Author: {author}' looks like a full name",
            "use a first name or pseudonym only, to protect the storyteller",
        )
    age = doc.meta.get("age", "").strip()
    if not age:
        doc.problem(
            1,
            "a story needs its storyteller's age",
            f"add 'Age: ...' ({config.min_age} to {config.max_age})",
        )
    elif not DIGITS_RE.match(age) or not config.min_age <= int(age) <= config.max_age:
        doc.problem(
            doc.line_of("age"),
            f"'Age: {age}' is not an age from {config.min_age} to {config.max_age}",
            "write the storyteller's age as a number with the digits 0-9, e.g. 'Age: 15'",
        )


def _suggest_slug(text: str) -> str:
    from .urls import slugify

    return slugify(text) or "my-page"
