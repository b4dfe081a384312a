"""What a rendered page depends on, as one fingerprint per page.

A page is rendered again only when its fingerprint changes: the fingerprint covers the
page's own data (entries are summarised by every field a template can show, including the
final HTML), the site-wide inputs (templates, plugin code, settings, catalogs, assets,
images, navigation) and the page's language switcher. Content hashes only, never times.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime
from pathlib import Path

from .model import Entry, Tag
from .pages import PageSpec, Paginator


def tree_digest(*roots: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Hash of every file (path and bytes) under the given folders."""
    digest = hashlib.sha256()
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and (not suffixes or path.suffix in suffixes):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Fingerprints:
    """Computes page fingerprints; entry summaries are cached for the build."""

    def __init__(self, site_digest: str):
        self.site_digest = site_digest
        self._entries: dict[int, str] = {}
        # dataclass objects described once per build (an album is part of every one of its
        # photos' pages); the object is kept so that its id cannot be reused meanwhile
        self._objects: dict[int, tuple[object, str]] = {}
        self._open: set[int] = set()
        self._cycles = 0

    def entry(self, entry: Entry) -> str:
        key = id(entry)
        if key not in self._entries:
            fields = (
                entry.section,
                entry.slug,
                entry.lang.code,
                entry.url,
                entry.title,
                entry.summary,
                entry.date,
                entry.modified,
                [(tag.name, tag.url) for tag in entry.tags],
                entry.author,
                entry.age,
                entry.warning,
                entry.image,
                entry.image_alt,
                sorted(entry.pictures.items()),
                entry.share_text,
                entry.order,
                entry.template,
                entry.search,
                [(code, other.url) for code, other in entry.translations.items()],
            )
            digest = hashlib.sha256(str(entry.content).encode())  # the HTML as it is: no repr
            digest.update(repr(fields).encode())
            self._entries[key] = digest.hexdigest()
        return self._entries[key]

    def value(self, value) -> str:
        """A stable text for any template input (unknown objects fall back to ``repr``)."""
        kind = type(value)
        if kind is Entry:
            return self.entry(value)
        if kind is list or kind is tuple:
            return "[" + ",".join([self.value(item) for item in value]) + "]"
        if kind is dict:
            return "{" + ",".join([f"{k!r}:{self.value(v)}" for k, v in value.items()]) + "}"
        if isinstance(value, str | int | float | bool | type(None) | date | datetime | Tag):
            return repr(value)
        if isinstance(value, Paginator):
            return repr(value)
        if isinstance(value, set | frozenset):
            return "{" + ",".join(sorted(self.value(item) for item in value)) + "}"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            key = id(value)
            known = self._objects.get(key)
            if known is not None:
                return known[1]
            if key in self._open:  # a cycle: the object is already being described
                self._cycles += 1
                return f"<cycle {type(value).__name__}>"
            self._open.add(key)
            cycles = self._cycles
            try:
                fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
                text = type(value).__name__ + self.value(fields)
            finally:
                self._open.discard(key)
            text = hashlib.sha256(text.encode()).hexdigest()
            if self._cycles == cycles:  # with a cycle inside, it depends on where it began
                self._objects[key] = (value, text)
            return text
        return repr(value)

    def page(self, spec: PageSpec, versions: dict[str, str], head_links: list) -> str:
        text = "\0".join(
            (
                self.site_digest,
                repr(
                    (
                        spec.url,
                        spec.template,
                        spec.lang,
                        spec.equiv,
                        spec.kind,
                        spec.title,
                        spec.description,
                        spec.image,
                        spec.noindex,
                        versions,
                        head_links,
                    )
                ),
                self.value(spec.data),
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()
