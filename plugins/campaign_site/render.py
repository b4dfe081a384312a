"""Render page specs with the theme's Jinja templates and write only what changed."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import ClassVar

from babel.dates import format_date
from jinja2 import Environment

from campaign_i18n import CatalogSet, Language
from campaign_i18n.fallback import mark_fallbacks

from .files import atomic_write
from .pages import PageSpec

logger = logging.getLogger(__name__)

PARALLEL_PAGES = 200  # below this, forking costs more than it saves
# UI strings looked up from Python; theme/templates/partials/strings.html has them for Babel
UNTRANSLATED = "This page is not translated yet"
TAGLINE = "Young people against online hate speech and cyberbullying"


def _translated(catalogs: CatalogSet, code: str, text: str | None) -> str:
    return catalogs.for_pages(code).gettext(text) if text else ""


@lru_cache(maxsize=8192)
def _format_date(value, format: str = "long", *, locale: str) -> str:
    return format_date(value, format=format, locale=locale)


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    language: Language
    url: str
    translated: bool
    current: bool


def alternates(
    spec: PageSpec,
    languages: tuple[Language, ...],
    equivalents: dict[tuple, dict[str, str]],
    canonical: str,
) -> list[tuple[str, str]]:
    """``hreflang`` alternates of a page: (language code, absolute URL) for every language
    the page exists in, in the languages' order, then ``x-default``: the default language's
    version, else the original's, else the first; none for a ``noindex`` page. Shared by
    the pages' ``<head>`` and the sitemap."""
    if spec.noindex:
        return []
    versions = equivalents.get(spec.equiv, {})
    found = [
        (language.code, f"{canonical}/{versions[language.code]}")
        for language in languages
        if language.code in versions
    ]
    if found:
        hrefs = dict(found)
        default = hrefs.get(languages[0].code) or hrefs.get(spec.original_lang) or found[0][1]
        found.append(("x-default", default))
    return found


class Assets:
    """Theme static files published under content-hashed names (cacheable forever)."""

    def __init__(self, static_dir: Path, siteurl: str):
        self.siteurl = siteurl
        self.files: dict[str, tuple[Path, str]] = {}
        digest = hashlib.sha256()
        if static_dir.is_dir():
            for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
                rel = path.relative_to(static_dir).as_posix()
                data = path.read_bytes()
                short = hashlib.sha256(data).hexdigest()[:10]
                stem, dot, ext = rel.rpartition(".")
                hashed = f"assets/{stem}.{short}.{ext}" if dot else f"assets/{rel}.{short}"
                self.files[rel] = (path, hashed)
                digest.update(rel.encode() + b"\0" + short.encode())
        self.digest = digest.hexdigest()

    def url(self, name: str) -> str:
        if name not in self.files:
            raise KeyError(f"the theme has no static file {name!r} (theme/static/{name})")
        return f"{self.siteurl}/{self.files[name][1]}"

    def write(self, writer: OutputWriter) -> None:
        for path, hashed in self.files.values():
            writer.write(hashed, path.read_bytes())


def write_file(output: Path, rel: str, data: bytes, previous_sha: str | None) -> tuple[str, int]:
    """Write ``data`` to ``output/rel`` unless the file already holds exactly these bytes.

    Returns (sha256, size). Files are overwritten in place: a half-written dev build is
    rebuilt by the next run, and ``make publish`` swaps whole folders instead."""
    return _write_changed(output, rel, data, previous_sha)[:2]


def _write_changed(
    output: Path, rel: str, data: bytes, previous_sha: str | None
) -> tuple[str, int, bool]:
    """``write_file``, also saying whether the file was written (False: it was intact)."""
    digest = hashlib.sha256(data).hexdigest()
    target = output / rel
    if previous_sha == digest and target.is_file() and target.stat().st_size == len(data):
        return digest, len(data), False
    try:
        target.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return digest, len(data), True


def stop_when_disk_full(error: OSError) -> None:
    """A full disk ends the build with one line instead of a traceback (the output folder
    is half written: the writer's marker makes the next build check every file)."""
    if error.errno == errno.ENOSPC:
        logger.error(
            "the disk is full (%s cannot be written); free some space and build again",
            error.filename or "a file",
        )
        raise SystemExit(1) from None


def manifest_path(cache: Path, output: Path) -> Path:
    """Where the writer keeps its manifest for one output folder (one per folder)."""
    digest = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:12]
    return cache / f"output-{digest}.json"


class OutputWriter:
    """Writes files under the output folder only when their bytes changed, remembers what
    each page was rendered from (its fingerprint), and removes the files an earlier build
    wrote that this build no longer produces.

    The manifest stays true whatever happens: a marker beside it says a build is under way
    and is removed only once the manifest is written. When the next build finds the marker
    (the last one crashed or was killed), or a missing or damaged manifest beside a full
    output folder, or cannot write the marker, it trusts no record: every file in the output
    folder is listed as "made by an earlier build", so it is made again or removed.

    Like Pelican's writer, it refuses to write one file twice in a build (``claim``): the
    second page is reported through ``report`` and left out, never silently overwritten."""

    def __init__(self, output: Path, manifest: Path, report=None):
        self.output = output
        self.manifest_path = manifest
        self.marker = manifest.with_suffix(".building")
        self.report = report  # callable(Problem), for two pages with one file
        self.current: dict[str, list] = {}
        self.owners: dict[str, str] = {}  # output file -> what made it in this build
        self.previous: dict[str, list] = self._load()
        self.made: list[str] = []  # files written since ``take_made`` (Pelican's signals)

    def _load(self) -> dict[str, list]:
        """The previous build's records, or what the output folder holds when they are
        missing, damaged or from a build that did not finish."""
        from .cache import cache_damaged, cache_unusable

        previous, trusted = {}, True
        if self.marker.exists():
            logger.info("the last build into %s did not finish: checking every file", self.output)
            trusted = False
        try:
            previous = _valid_manifest(json.loads(self.manifest_path.read_bytes()))
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as error:
            cache_damaged(self.manifest_path, error)
            trusted = False
        if not previous and self.output.is_dir() and any(self.output.iterdir()):
            trusted = False  # no records, files there: they may be pages of an earlier build
        try:
            atomic_write(self.marker, b"")
        except OSError as error:  # this build cannot keep its records: do not trust them
            cache_unusable(self.marker, error)
            trusted = False
        if trusted:
            return previous
        found = {rel: ["", record[1], ""] for rel, record in previous.items()}
        for path in self.output.rglob("*") if self.output.is_dir() else ():
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(self.output).as_posix()] = ["", path.stat().st_size, ""]
        return found

    def claim(self, rel: str, source: str = "") -> bool:
        """Reserve ``rel`` for ``source`` in this build; False (and a problem reported) when
        something else already made that file."""
        owner = self.owners.get(rel)
        if owner is None:
            self.owners[rel] = source
            return True
        if source and owner == source:
            return True
        self._collision(rel, owner, source)
        return False

    def _collision(self, rel: str, first: str, second: str) -> None:
        from .problems import Problem

        logger.debug("refused a second write of %s (%s, then %s)", rel, first, second)
        if self.report is None:
            return
        self.report(
            Problem(
                second or first or f"{self.output.name}/{rel}",
                0,
                f"two pages would be written to the same file {rel!r} "
                f"({first or 'unknown'} and {second or 'unknown'}); only the first is published",
                "give one of them another slug or file name (if both come from the site itself, "
                "tell the developers: it is a bug)",
                skips=False,
            )
        )

    def _same(self, rel: str, digest: str) -> bool:
        """True when this build already made ``rel`` with exactly these bytes."""
        record = self.current.get(rel)
        return record is not None and record[0] == digest

    def previous_sha(self, rel: str) -> str | None:
        record = self.previous.get(rel)
        return record[0] if record and record[0] else None

    def write(self, rel: str, data: bytes, fingerprint: str = "", source: str = "") -> None:
        if rel in self.owners and (
            self._same(rel, hashlib.sha256(data).hexdigest()) or not self.claim(rel, source)
        ):
            return
        self.claim(rel, source)
        try:
            digest, size, written = _write_changed(self.output, rel, data, self.previous_sha(rel))
        except OSError as error:
            stop_when_disk_full(error)
            raise
        self.current[rel] = [digest, size, fingerprint]
        if written:
            self.made.append(rel)

    def record(
        self, rel: str, digest: str, size: int, fingerprint: str = "", source: str = ""
    ) -> None:
        """Record a file written elsewhere (a render worker, the image pipeline)."""
        if rel in self.owners and (self._same(rel, digest) or not self.claim(rel, source)):
            return
        self.claim(rel, source)
        self.current[rel] = [digest, size, fingerprint]
        self.made.append(rel)

    def recorded(self, folder: str) -> dict[str, tuple[str, int]]:
        """Files under ``folder/`` that the previous build recorded (with their digest) and
        that are still in the output folder: path -> (digest, size). One directory listing,
        no stat or read per file (for image derivatives named by their content key)."""
        try:
            present = set(os.listdir(self.output / folder))
        except OSError:
            return {}
        prefix = f"{folder}/"
        return {
            rel: (record[0], record[1])
            for rel, record in self.previous.items()
            if record[0] and rel.startswith(prefix) and rel[len(prefix) :] in present
        }

    def written(self) -> list[str]:
        """Every output path of this build so far."""
        return list(self.current)

    def digest_of(self, rel: str) -> str:
        return str(self.current[rel][0])

    def previous_under(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return sorted(rel for rel in self.previous if rel.startswith(prefix))

    def is_current(self, rel: str, fingerprint: str) -> bool:
        """True when ``rel`` was rendered from the same inputs and is still on disk intact."""
        record = self.previous.get(rel)
        if not record or not fingerprint or record[2] != fingerprint:
            return False
        path = self.output / rel
        return path.is_file() and path.stat().st_size == record[1]

    def reuse(self, rel: str, fingerprint: str, source: str = "") -> bool:
        """Keep ``rel`` as the previous build left it when it was made from the same inputs
        (``is_current``); False when it must be made and written again. True also when
        another page already made ``rel`` in this build (reported): nothing is to be written."""
        if rel in self.owners and not self.claim(rel, source):
            return True
        if not self.is_current(rel, fingerprint):
            return False
        self.claim(rel, source)
        self.current[rel] = self.previous[rel]
        return True

    def take_made(self) -> list[str]:
        """The files written (or recorded as written) since the last call."""
        made, self.made = self.made, []
        return made

    def refresh(self, rels: list[str]) -> None:
        """Record what is on disk now for ``rels``: a receiver of Pelican's ``content_written``
        may have changed a file in place (a minifier), and precompression and the next build
        must see its bytes, not ours."""
        for rel in rels:
            record = self.current.get(rel)
            path = self.output / rel
            if record is not None and path.is_file():
                data = path.read_bytes()
                record[0], record[1] = hashlib.sha256(data).hexdigest(), len(data)

    def finish(self) -> None:
        from .cache import cache_unusable

        emptied: set[Path] = set()
        for rel in sorted(set(self.previous) - set(self.current)):
            path = self.output / rel
            if path.is_file():
                path.unlink()
                emptied.add(path.parent)
                logger.debug("removed stale %s", rel)
        # a folder left empty would be listed by some servers instead of the 404 page
        for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):
            while folder != self.output and self.output in folder.parents:
                try:
                    folder.rmdir()  # only when empty
                except OSError:
                    break
                folder = folder.parent
        try:
            data = json.dumps(self.current, sort_keys=True, indent=0).encode()
            atomic_write(self.manifest_path, data)
            self.marker.unlink(missing_ok=True)  # only now are the records true
        except OSError as error:  # the next build checks every file instead
            cache_unusable(self.manifest_path, error)


def _valid_manifest(data) -> dict[str, list]:
    """A manifest as written by ``finish``; ``ValueError`` for anything else (a damaged
    file must never make the writer delete something outside the output folder)."""
    if not isinstance(data, dict):
        raise ValueError("not a table of files")
    for rel, record in data.items():
        parts = rel.split("/")
        if not rel or rel.startswith("/") or ".." in parts or "" in parts or "\\" in rel:
            raise ValueError(f"bad file name {rel[:40]!r}")
        if (
            not isinstance(record, list)
            or len(record) != 3
            or not isinstance(record[0], str)
            or not isinstance(record[1], int)
            or not isinstance(record[2], str)
        ):
            raise ValueError(f"bad record for {rel[:40]!r}")
    return data


class Renderer:
    """Turns a ``PageSpec`` into HTML bytes in its language."""

    def __init__(
        self,
        env: Environment,
        catalogs: CatalogSet,
        languages: tuple[Language, ...],
        equivalents: dict[tuple, dict[str, str]],
        site_globals: dict,
        siteurl: str,
        canonical_siteurl: str,
        head_links,
        per_language: dict[str, dict] | None = None,
    ):
        self.env = env
        self.catalogs = catalogs
        self.languages = languages
        self.by_code = {language.code: language for language in languages}
        self.equivalents = equivalents
        self.globals = site_globals
        self.siteurl = siteurl
        self.canonical = canonical_siteurl
        self.head_links = head_links  # callable(spec) -> list of dicts for <link rel=alternate>
        self._installed: str | None = None
        # an untranslated UI string is shown in the default language, marked as such
        self.fallback_language = next(language for language in languages if language.is_default)
        self.untranslated_notes = {
            language.code: catalogs.for_pages(language.code).gettext(UNTRANSLATED)
            for language in languages
        }
        # values that are the same on every page of a language, worked out once
        self.per_language = {
            language.code: {
                # SITENAME (pelicanconf.py), translated: strings.html's site_name() puts
                # the English name in the catalogs
                "site_name": _translated(catalogs, language.code, site_globals.get("SITENAME")),
                "tagline": catalogs.for_pages(language.code).gettext(TAGLINE),
                "date": partial(_format_date, locale=language.locale),
                **(per_language or {}).get(language.code, {}),
            }
            for language in languages
        }

    def use_language(self, code: str) -> None:
        if self._installed != code:
            # added to the environment by jinja2.ext.i18n, which stubs do not know
            self.env.install_gettext_translations(  # type: ignore[attr-defined]
                self.catalogs.for_pages(code), newstyle=True
            )
            self._installed = code

    def switcher(self, spec: PageSpec) -> list[LanguageLink]:
        versions = self.equivalents.get(spec.equiv, {})
        links = []
        for language in self.languages:
            if language.code in versions and spec.kind != "404":
                links.append(
                    LanguageLink(
                        language, versions[language.code], True, language.code == spec.lang
                    )
                )
            else:
                links.append(
                    LanguageLink(
                        language, language.prefix, spec.kind == "404", language.code == spec.lang
                    )
                )
        return links

    def alternates(self, spec: PageSpec) -> list[tuple[str, str]]:
        return alternates(spec, self.languages, self.equivalents, self.canonical)

    def render(self, spec: PageSpec) -> bytes:
        self.use_language(spec.lang)
        template = self.env.get_template(f"{spec.template}.html")
        context = dict(self.globals)
        context.update(self.per_language[spec.lang])
        context.update(spec.data)
        context.update(
            page=spec,
            lang=self.by_code[spec.lang],
            switcher=self.switcher(spec),
            alternates=self.alternates(spec),
            canonical_url=f"{self.canonical}/{spec.url}",
            head_links=self.head_links(spec),
            untranslated_notes=self.untranslated_notes,
        )
        html = mark_fallbacks(
            template.render(context), self.fallback_language.code, self.fallback_language.direction
        )
        return html.encode("utf-8")


class _Work:
    """What forked render workers inherit (set just before the pool starts)."""

    renderer: ClassVar[Renderer | None] = None
    specs: ClassVar[list[PageSpec]] = []
    output: ClassVar[Path | None] = None
    previous: ClassVar[dict[str, str | None]] = {}


def _render_one(index: int) -> tuple[str, int]:
    spec, renderer, output = _Work.specs[index], _Work.renderer, _Work.output
    assert renderer is not None and output is not None  # set by render_pages
    return write_file(output, spec.output, renderer.render(spec), _Work.previous[spec.output])


def render_pages(
    renderer: Renderer, specs: list[PageSpec], out: OutputWriter, workers: int
) -> list[tuple[str, int]]:
    """Render and write ``specs`` (sorted by language), on every core when there are many.

    Returns (sha256, size) per spec, in order."""
    from .parallel import parallel_map

    for name in sorted({spec.template for spec in specs}):
        renderer.env.get_template(f"{name}.html")  # compiled once, shared by forked workers
    _Work.renderer, _Work.specs, _Work.output = renderer, specs, out.output
    _Work.previous = {spec.output: out.previous_sha(spec.output) for spec in specs}
    try:
        if len(specs) < PARALLEL_PAGES:
            workers = 1
        chunk = max(16, len(specs) // (max(workers, 1) * 8))
        return parallel_map(_render_one, range(len(specs)), workers, chunk)
    finally:
        _Work.renderer, _Work.specs, _Work.previous = None, [], {}
