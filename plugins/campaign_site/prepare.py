"""Per-file pipeline: parse, validate on its own, convert and sanitise. Pure and cacheable.

The result depends only on the file's bytes, its path and the settings in ``PrepareConfig``,
so it is cached under a key made of those (see ``cache.py``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from . import markup
from .problems import Problem
from .source import (
    KNOWN_KEYS,
    SLUG_RE,
    STATUSES,
    TEMPLATES,
    parse_date,
    parse_source,
)

PIPELINE_VERSION = "1"


def _code_digest() -> str:
    """Hash of the code and library versions behind ``prepare``: a change invalidates the cache."""
    from pathlib import Path

    import markdown

    digest = hashlib.sha256(f"{PIPELINE_VERSION}:{markdown.__version__}:{nh3_version()}".encode())
    here = Path(__file__).parent
    for name in ("source.py", "prepare.py", "markup.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def nh3_version() -> str:
    import nh3

    return nh3.__version__


CODE_DIGEST = _code_digest()


@dataclass(frozen=True)
class PrepareConfig:
    """The settings that change what ``prepare`` returns (part of the cache key)."""

    languages: tuple[str, ...]
    dated_sections: tuple[str, ...]
    sections: tuple[str, ...]
    min_age: int = 13
    max_age: int = 25

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
    problems: list[Problem] = field(default_factory=list)

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
    try:
        html = markup.sanitize(markup.to_html(doc.body))
    except Exception as error:  # Markdown itself failed: report, never a traceback
        doc.problem(
            doc.body_line,
            f"the Markdown could not be converted ({error})",
            "look for an unclosed code block or list near this line",
        )
        return result
    result.html = html
    summary = doc.meta.get("summary", "").strip()
    result.summary = summary or markup.first_paragraph(html)
    return result


def _check_meta(doc, config: PrepareConfig) -> None:
    meta, line = doc.meta, doc.line_of
    name_hint = (
        f"name the file <slug>.<lang>.md, for example {doc.section or 'stories'}/my-story.en.md"
    )
    if doc.section not in config.sections:
        doc.problem(
            0,
            f"the file is not in a content folder ({', '.join(config.sections)})",
            "move it into content/stories/, content/hints/, content/memes/ or content/pages/",
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
    if doc.section == "stories":
        _check_storyteller(doc, config)
    if "image" in meta and not meta.get("imagealt", "").strip():
        doc.problem(
            line("image"),
            "the picture has no alt text",
            "add 'ImageAlt: ...' describing what the picture shows",
            skips=False,
        )
    if doc.section == "memes" and not meta.get("image"):
        doc.problem(
            1,
            "a meme needs its picture",
            f"add 'Image: memes/{doc.file_slug}.png' and put the picture there",
        )
    if "order" in meta and not meta["order"].strip().lstrip("-").isdigit():
        doc.problem(
            line("order"),
            f"'Order: {meta['order']}' is not a whole number",
            "write a number such as 'Order: 3'",
            skips=False,
        )
    template = meta.get("template", "").strip()
    if template and template not in TEMPLATES:
        doc.problem(
            line("template"),
            f"unknown template {template!r}",
            f"use one of {', '.join(sorted(TEMPLATES))} or remove the line",
            skips=False,
        )


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
    elif not age.isdigit() or not config.min_age <= int(age) <= config.max_age:
        doc.problem(
            doc.line_of("age"),
            f"'Age: {age}' is not an age from {config.min_age} to {config.max_age}",
            "write the storyteller's age as a number",
        )


def _suggest_slug(text: str) -> str:
    from .urls import slugify

    return slugify(text) or "my-page"
