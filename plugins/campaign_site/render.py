"""Render page specs with the theme's Jinja templates and write only what changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from babel.dates import format_date
from campaign_i18n import CatalogSet, Language
from jinja2 import Environment

from .pages import PageSpec

logger = logging.getLogger(__name__)

UNTRANSLATED = "This page is not translated yet"  # also in theme/templates/partials/strings.html


def _format_date(value, format: str = "long", *, locale: str) -> str:
    return format_date(value, format=format, locale=locale)


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    language: Language
    url: str
    translated: bool
    current: bool


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


class OutputWriter:
    """Writes files under the output folder only when their bytes changed, and removes the
    files an earlier build wrote that this build no longer produces."""

    def __init__(self, output: Path, manifest: Path):
        self.output = output
        self.manifest_path = manifest
        self.previous: dict[str, str] = {}
        if manifest.is_file():
            try:
                self.previous = json.loads(manifest.read_text())
            except ValueError:
                self.previous = {}
        self.current: dict[str, str] = {}
        self.written = 0

    def write(self, rel: str, data: bytes) -> None:
        digest = hashlib.sha256(data).hexdigest()
        self.current[rel] = digest
        target = self.output / rel
        if (
            self.previous.get(rel) == digest
            and target.is_file()
            and target.stat().st_size == len(data)
        ):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        self.written += 1

    def keep(self, rel: str, digest: str) -> None:
        """Record a file written by someone else (e.g. image derivatives) as part of the site."""
        self.current[rel] = digest

    def finish(self) -> None:
        for rel in sorted(set(self.previous) - set(self.current)):
            path = self.output / rel
            if path.is_file():
                path.unlink()
                logger.debug("removed stale %s", rel)
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        self.manifest_path.write_text(json.dumps(self.current, sort_keys=True, indent=0))


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
        self.untranslated_notes = {
            language.code: catalogs.get(language.code).gettext(UNTRANSLATED)
            for language in languages
        }

    def use_language(self, code: str) -> None:
        if self._installed != code:
            self.env.install_gettext_translations(self.catalogs.get(code), newstyle=True)
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
        if spec.noindex:
            return []
        versions = self.equivalents.get(spec.equiv, {})
        found = [
            (language.code, f"{self.canonical}/{versions[language.code]}")
            for language in self.languages
            if language.code in versions
        ]
        if found:
            found.append(("x-default", found[0][1]))
        return found

    def render(self, spec: PageSpec) -> bytes:
        self.use_language(spec.lang)
        template = self.env.get_template(f"{spec.template}.html")
        context = dict(self.globals)
        context.update(spec.data)
        context.update(
            page=spec,
            lang=self.by_code[spec.lang],
            switcher=self.switcher(spec),
            alternates=self.alternates(spec),
            canonical_url=f"{self.canonical}/{spec.url}",
            head_links=self.head_links(spec),
            untranslated_notes=self.untranslated_notes,
            date=partial(_format_date, locale=self.by_code[spec.lang].locale),
        )
        return template.render(context).encode("utf-8")
