"""Translation status of the content: which translations are missing or outdated; and of
the UI catalogs: which UI strings each language's pages still show in English.

Pure: works on ``SourceFile`` values (section, slug, language and dates of one Markdown file),
language codes and ``catalogs.UiCoverage`` values; ``tools/translations.py status`` reads the
files and prints the result.

Each row's original may be in any language (``originals.choose_original``); "missing"
counts against it. A translation is *outdated* when it is older than its original: the
original's ``Modified:`` (or else ``Date:``) is later than the translation's ``Modified:``
(or else ``Date:``). An
undated translation (pages have no ``Date:``) of an original that has a ``Modified:`` is
outdated too: give the translation a ``Modified:`` when you bring it up to date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .originals import choose_original, marked_original

PRESENT = "present"
MISSING = "missing"
OUTDATED = "outdated"
DRAFT = "draft"
MARKS = {PRESENT: "✓", MISSING: "missing", OUTDATED: "outdated", DRAFT: "draft"}


@dataclass(frozen=True)
class SourceFile:
    """What the status needs to know about one content file."""

    path: str  # project-relative, e.g. content/stories/x.fr.md
    section: str
    slug: str
    lang: str
    date: datetime | None = None
    modified: datetime | None = None
    draft: bool = False
    line: int = 1  # line of Modified: (or Date:) in the file, for path:line reports
    marked: bool = False  # says 'Original: yes'

    @property
    def updated(self) -> datetime | None:
        return self.modified or self.date


def source_file(doc, parse_date: Callable[[str], datetime | None]) -> SourceFile | None:
    """A ``SourceFile`` from a parsed source (``campaign_site.source.SourceDoc``), or None when
    the file name has no language or slug."""
    if not doc.file_lang or not doc.file_slug:
        return None
    meta = doc.meta

    def when(key: str) -> datetime | None:
        text = meta.get(key, "").strip()
        return parse_date(text) if text else None

    key = "modified" if "modified" in meta else "date"
    return SourceFile(
        path=doc.path,
        section=doc.section,
        slug=doc.file_slug,
        lang=doc.file_lang,
        date=when("date"),
        modified=when("modified"),
        draft=meta.get("status", "").strip().lower() == "draft",
        line=doc.meta_lines.get(key, 1),
        marked=bool(marked_original(meta.get("original"))),
    )


def is_outdated(original: SourceFile, translation: SourceFile) -> bool:
    """True when the translation is older than the last change of its original."""
    changed, translated = original.updated, translation.updated
    if changed is not None and translated is not None:
        return _naive(translated) < _naive(changed)
    return original.modified is not None and translated is None


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


@dataclass(frozen=True)
class Cell:
    """One language of one row: its state and the file, if there is one."""

    state: str
    source: SourceFile | None = None

    @property
    def mark(self) -> str:
        return MARKS[self.state]


@dataclass(frozen=True)
class StatusRow:
    section: str
    slug: str
    cells: dict[str, Cell] = field(default_factory=dict)
    original: str = ""  # the original's language (any language, see campaign_i18n.originals)

    @property
    def key(self) -> str:
        return f"{self.section}/{self.slug}"


def translation_status(
    files: Iterable[SourceFile],
    languages: Sequence[str],
    section_order: Sequence[str] = (),
) -> list[StatusRow]:
    """One row per section/slug, one cell per language; each row knows its original's
    language (a file marked 'Original: yes', else the default language's, else the first).

    Rows are sorted by section (``section_order`` first, then by name) and slug.
    """
    table: dict[tuple[str, str], dict[str, SourceFile]] = {}
    for item in files:
        if item.lang in languages:
            table.setdefault((item.section, item.slug), {})[item.lang] = item
    order = {name: index for index, name in enumerate(section_order)}
    rows = []
    for section, slug in sorted(
        table, key=lambda key: (order.get(key[0], len(order)), key[0], key[1])
    ):
        versions = table[(section, slug)]
        choice = choose_original(versions, [c for c, f in versions.items() if f.marked], languages)
        original = versions[choice.lang]
        cells = {}
        for code in languages:
            found = versions.get(code)
            if found is None:
                state = MISSING
            elif found.draft:
                state = DRAFT
            elif code != choice.lang and is_outdated(original, found):
                state = OUTDATED
            else:
                state = PRESENT
            cells[code] = Cell(state, found)
        rows.append(StatusRow(section, slug, cells, choice.lang))
    return rows


@dataclass(frozen=True)
class LanguageSummary:
    code: str
    total: int  # originals (published or draft) that this language could translate
    translated: int  # published translations, outdated ones included
    missing: int
    outdated: int
    drafts: int

    def __str__(self) -> str:
        text = (
            f"{self.code}: {self.translated}/{self.total} translated, "
            f"{self.missing} missing, {self.outdated} outdated"
        )
        return text + (f", {self.drafts} draft" if self.drafts else "")


def summarise(rows: Sequence[StatusRow], languages: Sequence[str]) -> list[LanguageSummary]:
    """Counts per language, over the rows whose original is in another language: what that
    language could translate, and what it lacks."""
    summaries = []
    for code in languages:
        states = [row.cells[code].state for row in rows if row.original != code]
        if code == languages[0] and not states:
            continue  # every original is in the default language: nothing to say about it
        summaries.append(
            LanguageSummary(
                code=code,
                total=len(states),
                translated=states.count(PRESENT) + states.count(OUTDATED),
                missing=states.count(MISSING),
                outdated=states.count(OUTDATED),
                drafts=states.count(DRAFT),
            )
        )
    return summaries


def format_table(rows: Sequence[StatusRow], languages: Sequence[str]) -> str:
    """A plain-text table: section/slug, the original's language, then one column per
    language."""
    header = ["section/slug", "original", *languages]
    lines = [[row.key, row.original, *(row.cells[code].mark for code in languages)] for row in rows]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]

    def render(values: list[str]) -> str:
        return "  ".join(
            value.ljust(width) for value, width in zip(values, widths, strict=True)
        ).rstrip()

    out = [render(header), render(["-" * width for width in widths])]
    section = None
    for row, values in zip(rows, lines, strict=True):
        if section is not None and row.section != section:
            out.append("")
        section = row.section
        out.append(render(values))
    return "\n".join(out)


def outdated_details(rows: Sequence[StatusRow], languages: Sequence[str]) -> list[str]:
    """``path:line: ...`` for every outdated translation."""
    details = []
    for row in rows:
        original = row.cells[row.original].source
        for code in languages:
            cell = row.cells[code]
            if cell.source is None or code == row.original or original is None:
                continue
            if cell.state == OUTDATED:
                details.append(
                    f"{cell.source.path}:{cell.source.line}: outdated: {original.path} changed "
                    f"on {_day(original.updated)}, this translation is from "
                    f"{_day(cell.source.updated)}; update it and set 'Modified:' to today"
                )
    return details


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "no date"


def ui_report(coverages: Sequence, show: Callable[[object], str] = str) -> list[str]:
    """Lines for the UI part of the status: each language's coverage, then every string its
    pages show in English as ``path:line: ...`` (``show`` turns a path into text)."""
    lines = ["UI strings of the theme:"]
    for coverage in coverages:
        text = f"  {coverage}"
        if not coverage.exists:
            text += f" (no catalog yet: run 'make translations' to create {show(coverage.path)})"
        lines.append(text)
    details = [
        f"{show(issue.path)}:{issue.line}: {issue.message}"
        if issue.line
        else f"{show(issue.path)}: {issue.message}"
        for coverage in coverages
        if coverage.exists
        for issue in coverage.untranslated
    ]
    if details:
        lines += ["", "UI strings shown in English until they are translated:", *details]
    return lines
