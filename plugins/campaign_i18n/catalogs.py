"""Gettext catalogs for the theme's UI strings, managed with Babel.

``.po`` files are compiled in memory at build time, so no compiled ``.mo`` file has to be kept
in the repository or go stale. Missing and fuzzy strings are returned as issues: pages show
them in English, marked as such (``fallback.py``), so they are warnings unless a campaign
requires complete catalogs.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .fallback import FallbackTranslations
from .languages import Language
from .typography import french_text, uses_french_spacing

DOMAIN = "messages"
EXTRACT_METHODS = [("**.html", "jinja2")]
EXTRACT_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
# gettext Plural-Forms where Babel's own table (babel.messages.plurals) disagrees with CLDR.
# Arabic: Babel swaps "many" (11-99) and "other" (100-102...), python-babel/babel#816; this is
# the standard rule (GNU gettext, Weblate): [0] zero, [1] one, [2] two, [3] 3-10, [4] 11-99,
# [5] 100, 101, 102...
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}


# kinds of catalog issues; all but PLURAL leave UI strings in English on the pages
MISSING, FUZZY, NO_CATALOG, PLURAL = "missing", "fuzzy", "no catalog", "plural"


@dataclass(frozen=True)
class CatalogIssue:
    """A problem in a UI catalog, located in its ``.po`` file."""

    path: Path
    line: int
    message: str
    code: str = ""  # the catalog's language
    kind: str = MISSING

    @property
    def shown_in_english(self) -> bool:
        """The pages show the English string instead: publishable unless complete catalogs
        are required. A wrong Plural-Forms header gives wrong text, so it never is."""
        return self.kind != PLURAL


@dataclass
class CatalogSet:
    """Compiled translations per language code, and what is wrong with the catalogs."""

    translations: dict[str, gettext.NullTranslations] = field(default_factory=dict)
    issues: list[CatalogIssue] = field(default_factory=list)
    digest: str = ""
    # per non-default language: the message ids its catalog translates completely
    translated: dict[str, frozenset[str]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)  # strings in each language's catalog

    def get(self, code: str) -> gettext.NullTranslations:
        """Plain translations (feeds, Python code): an untranslated string is English."""
        return self.translations.get(code) or gettext.NullTranslations()

    def for_pages(self, code: str) -> gettext.NullTranslations | FallbackTranslations:
        """Translations for pages: an untranslated string comes back in English, marked for
        ``fallback.mark_fallbacks``; the default language's strings are never marked."""
        if code not in self.translated:
            return self.get(code)
        return FallbackTranslations(self.get(code), self.translated[code])

    def summaries(self) -> list[CatalogIssue]:
        """The issues for a normal build: one line per language whose pages show English UI
        strings (how many), instead of one per string; other issues as they are."""
        found = [issue for issue in self.issues if not issue.shown_in_english]
        english: dict[Path, list[CatalogIssue]] = {}
        for issue in self.issues:
            if issue.shown_in_english:
                english.setdefault(issue.path, []).append(issue)
        for path, issues in english.items():
            code = issues[0].code
            if issues[0].kind == NO_CATALOG:
                found.append(
                    CatalogIssue(
                        path,
                        0,
                        f"no UI catalog for {code} yet, so its pages show every UI string in "
                        "English; run 'make translations' to create it",
                        code,
                        NO_CATALOG,
                    )
                )
                continue
            fuzzy = sum(issue.kind == FUZZY for issue in issues)
            found.append(
                CatalogIssue(
                    path,
                    0,
                    f"{len(issues)} of {self.totals.get(code, len(issues))} UI strings are not "
                    "translated yet (shown in English"
                    + (f"; {fuzzy} of them fuzzy" if fuzzy else "")
                    + "); run 'make translations-status' for the list",
                    code,
                    MISSING,
                )
            )
        return sorted(found, key=lambda issue: (str(issue.path), issue.line))


def po_path(directory: Path, code: str) -> Path:
    return directory / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def plural_forms_fix(locale: str) -> str | None:
    """The Plural-Forms header to write for ``locale`` when Babel's default is wrong."""
    return PLURAL_FORMS.get(locale.replace("-", "_").split("_", 1)[0])


def _plural_issue(catalog: Catalog, locale: str) -> str | None:
    """A catalog whose Plural-Forms header maps numbers to other forms than it should."""
    expected = plural_forms_fix(locale)
    if not expected:
        return None
    reference = Catalog(locale=locale)
    reference.mime_headers = [("Plural-Forms", expected)]
    if catalog.num_plurals == reference.num_plurals:
        ours = gettext.c2py(catalog.plural_expr)
        theirs = gettext.c2py(reference.plural_expr)
        if all(ours(n) == theirs(n) for n in range(1000)):
            return None
    return (
        f"wrong Plural-Forms header {catalog.plural_forms!r}; run 'make translations' "
        f"(it writes {expected!r}) and check the plural translations"
    )


def _untranslated(message) -> bool:
    if isinstance(message.string, (list, tuple)):
        return not all(message.string)
    return not message.string


def _label(message) -> str:
    """A message's id (its singular for a plural message)."""
    return message.id if isinstance(message.id, str) else message.id[0]


def _message_issue(message, path: Path, code: str) -> CatalogIssue | None:
    """What keeps a message of ``code``'s catalog from being used (None: translated)."""
    label = _label(message)
    if message.fuzzy:
        return CatalogIssue(
            path,
            message.lineno or 0,
            f"fuzzy translation of {label!r}; check it and remove the '#, fuzzy' line",
            code,
            FUZZY,
        )
    if _untranslated(message):
        return CatalogIssue(
            path, message.lineno or 0, f"{label!r} is not translated; fill in its msgstr", code
        )
    return None


def load_catalogs(directory: Path, languages: tuple[Language, ...]) -> CatalogSet:
    """Read and compile each non-default language's catalog; list missing and fuzzy strings."""
    import hashlib

    result = CatalogSet()
    digest = hashlib.sha256()
    for language in languages:
        if language.is_default:
            continue
        code = language.code
        path = po_path(directory, code)
        result.translated[code] = frozenset()
        if not path.is_file():
            result.issues.append(
                CatalogIssue(
                    path, 0, f"no UI catalog for {code}; run 'make translations'", code, NO_CATALOG
                )
            )
            continue
        data = path.read_bytes()
        digest.update(code.encode() + b"\0" + data)
        catalog = read_po(io.BytesIO(data), locale=language.locale, domain=DOMAIN)
        plural_issue = _plural_issue(catalog, language.locale)
        if plural_issue:
            result.issues.append(CatalogIssue(path, _header_line(data), plural_issue, code, PLURAL))
        translated, total = set(), 0
        for message in catalog:
            if not message.id:
                continue
            total += 1
            issue = _message_issue(message, path, code)
            if issue:
                result.issues.append(issue)
            elif not message.context:  # the theme uses no pgettext
                translated.add(_label(message))
        result.translated[code] = frozenset(translated)
        result.totals[code] = total
        if uses_french_spacing(language.locale):  # no-break spaces before : ; ? ! and in « »
            _french_spacing(catalog)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        result.translations[language.code] = Translations(fp=buffer, domain=DOMAIN)
    result.digest = digest.hexdigest()
    return result


def _french_spacing(catalog: Catalog) -> None:
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.string, (list, tuple)):
            message.string = tuple(french_text(form) for form in message.string)
        else:
            message.string = french_text(message.string)


def _header_line(data: bytes) -> int:
    """The line of the Plural-Forms header in a ``.po`` file (1 when absent)."""
    for number, line in enumerate(data.splitlines(), start=1):
        if line.startswith(b'"Plural-Forms:'):
            return number
    return 1


def extract_template_catalog(templates_dir: Path) -> Catalog:
    """Extract the UI strings of the theme's templates with Babel."""
    catalog = Catalog(domain=DOMAIN, project="campaign-site", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(templates_dir), method_map=EXTRACT_METHODS, options_map=EXTRACT_OPTIONS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def missing_from_catalogs(
    template_catalog: Catalog, directory: Path, languages: tuple[Language, ...]
) -> list[CatalogIssue]:
    """Strings used by the templates that a language's catalog does not have at all."""
    issues = []
    for language in languages:
        if language.is_default:
            continue
        path = po_path(directory, language.code)
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language.locale, domain=DOMAIN)
        for message in template_catalog:
            if message.id and message.id not in catalog:
                issues.append(_not_in_catalog(message, path, language.code))
    return issues


def _not_in_catalog(message, path: Path, code: str) -> CatalogIssue:
    return CatalogIssue(
        path,
        0,
        f"{_label(message)!r} is used by the theme but missing here; "
        "run 'make translations' and translate it",
        code,
    )


@dataclass(frozen=True)
class UiCoverage:
    """How much of the theme's UI one language's catalog translates."""

    code: str
    path: Path
    total: int  # strings the theme uses
    untranslated: list[CatalogIssue]  # each string its pages show in English, located
    exists: bool = True  # False: no catalog yet, every string is shown in English

    @property
    def translated(self) -> int:
        return self.total - len(self.untranslated)

    def __str__(self) -> str:
        text = f"{self.code}: {self.translated}/{self.total} UI strings translated"
        return text + (f", {len(self.untranslated)} shown in English" if self.untranslated else "")


def ui_coverage(template_catalog: Catalog, directory: Path, language: Language) -> UiCoverage:
    """Which of the theme's strings (``template_catalog``) ``language``'s catalog translates."""
    path = po_path(directory, language.code)
    catalog = None
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language.locale, domain=DOMAIN)
    untranslated, total = [], 0
    for message in template_catalog:
        if not message.id:
            continue
        total += 1
        found = catalog.get(message.id, message.context) if catalog is not None else None
        if found is None:
            untranslated.append(_not_in_catalog(message, path, language.code))
        else:
            issue = _message_issue(found, path, language.code)
            if issue:
                untranslated.append(issue)
    return UiCoverage(language.code, path, total, untranslated, catalog is not None)
