"""The probe cache: each picture's size and properties, decoded once ever.

A probe is keyed by the sha256 of the picture's bytes (and the pipeline, Pillow and pixel
limit), kept in memory for the build and on disk under ``<cache>/images/probes/``; before the
first picture is inspected, every picture under ``content/`` is hashed once and the ones not
probed yet are decoded on every core.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import PIL

from campaign_site import safety
from campaign_site.cache import cache_unusable
from campaign_site.files import atomic_write
from campaign_site.images import IMAGE_SUFFIXES
from campaign_site.parallel import parallel_map

from . import imaging

ProbeJob = tuple[Path, Path, int, int]  # content folder, picture, max pixels, max bytes


def probe_task(job: ProbeJob) -> dict:
    """Decode a source file once (a worker may do it): its probe, or why it is unusable, as
    stored in the probe cache. A file the safe reader refuses is marked ``refused`` (a fact
    about the file, not about its bytes: never cached)."""
    root, path, max_pixels, max_bytes = job
    try:
        data = safety.read_bytes(root, path, max_bytes)
    except safety.Refused as refused:
        return {"error": refused.reason, "kind": refused.kind, "refused": True}
    try:
        return {"probe": imaging.probe(data, max_pixels).__dict__}
    except imaging.BadImage as error:
        return {"error": error.reason, "kind": error.kind}


def unstore(stored: dict) -> imaging.Probe | imaging.BadImage:
    if "error" in stored:
        return imaging.BadImage(stored["error"], stored.get("kind", "damaged"))
    return imaging.Probe(**stored["probe"])


class ProbeCache:
    """Probes by content digest, read from disk once per build."""

    def __init__(self, content: Path, folder: Path, max_pixels: int, max_bytes: int):
        self.content = content
        self.folder = folder
        self.max_pixels = max_pixels
        self.max_bytes = max_bytes
        self.digests: dict[str, str] | None = None  # sha256 of each picture, by content path
        self._probed: dict[str, dict] = {}  # probes seen by this build, by digest

    def _path(self, digest: str) -> Path:
        key = f"{imaging.PIPELINE_VERSION}-{PIL.__version__}-{self.max_pixels}"
        return self.folder / digest[:2] / f"{digest}-{key}.json"

    def _job(self, path: Path, root: Path | None = None) -> ProbeJob:
        return (root or self.content, path, self.max_pixels, self.max_bytes)

    def cached(self, digest: str) -> imaging.Probe | imaging.BadImage | None:
        try:
            stored = self._probed.get(digest)
            if stored is None:  # read from the cache once per build
                stored = self._probed[digest] = json.loads(self._path(digest).read_text())
            return unstore(stored)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def probe(
        self, digest: str, path: Path, root: Path | None = None
    ) -> imaging.Probe | imaging.BadImage:
        """The probe of the picture with these bytes, from the cache or by decoding it once
        (read from ``root``, ``content/`` unless a generated picture's trusted folder)."""
        found = self.cached(digest)
        if found is None:
            stored = probe_task(self._job(path, root))
            if not stored.get("refused"):
                self._store(digest, stored)
            found = unstore(stored)
        return found

    def _store(self, digest: str, stored: dict) -> None:
        self._probed[digest] = stored
        try:
            atomic_write(self._path(digest), json.dumps(stored).encode())
        except OSError as error:  # a full or read-only cache: probed again next time
            cache_unusable(self._path(digest), error)

    def digest_of(self, rel: str, workers: int) -> str | None:
        """The sha256 of a picture hashed ahead (None: read it yourself). The first call
        hashes every picture under content/ and probes the new ones on every core."""
        if self.digests is None:
            self.digests = {}
            self._ahead(self.digests, workers)
        return self.digests.get(rel)

    def _ahead(self, digests: dict[str, str], workers: int) -> None:
        pictures = sorted(
            path
            for path in self.content.rglob("*")
            if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file()
        )
        todo = []
        for path in pictures:
            try:
                data = safety.read_bytes(self.content, path, self.max_bytes)
            except safety.Refused:
                continue  # inspect() reports it, if the picture is used
            digest = hashlib.sha256(data).hexdigest()
            digests[path.relative_to(self.content).as_posix()] = digest
            if workers > 1 and self.cached(digest) is None:
                todo.append((digest, path))
        if len(todo) < 2:
            return
        jobs = [self._job(path) for _digest, path in todo]
        for (digest, _path), stored in zip(
            todo, parallel_map(probe_task, jobs, workers, chunk=1), strict=True
        ):
            if not stored.get("refused"):
                self._store(digest, stored)
