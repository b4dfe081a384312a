"""The responsive image service (``campaign_site.images.ImageService``).

Every picture is published as ``<picture>``: AVIF and WebP ``<source>``s (AVIF only if this
Pillow can encode it) and a JPEG ``<img>`` (PNG for pictures with transparency), each in
several widths, plus a 1200x630 JPEG social card for pictures used as ``og:image``.

Derivatives are named and cached by a key made of the source's bytes hash, the derivative's
spec (size, format, quality) and ``PIPELINE_VERSION``, never by modification times. The
encoded bytes are kept under ``<cache>/images/`` so an unchanged picture is encoded once,
ever. Encoding runs in a process pool (one pure task per picture: decoded once for all
its files).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import resource
import shutil
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath

import PIL

from campaign_site import safety
from campaign_site.cache import cache_unusable
from campaign_site.files import atomic_write
from campaign_site.images import IMAGE_SUFFIXES, ImageInfo
from campaign_site.parallel import parallel_map
from campaign_site.problems import Problem
from campaign_site.urls import slugify

from . import imaging
from .settings import GallerySettings

logger = logging.getLogger(__name__)

OUTPUT_DIR = "images"
FIXES = {
    "empty": "copy the picture again from where it came from, or delete the file",
    "not-picture": "replace it with a real picture (.jpg, .png, .webp or .gif), or delete it",
    "format": "open it in an image editor, export it as JPEG or PNG and replace the file",
    "damaged": "copy the picture again (the copy may have been interrupted), or open it in an "
    "image editor, export it again as JPEG or PNG and replace the file",
    "large": "make it smaller in an image editor (at most {megapixels} megapixels and "
    "{megabytes} MB; 2000 to 4000 pixels wide is plenty) and replace the file",
}
PROGRESS_DELAY = 1.0  # seconds of work before a progress bar appears (terminals only)


@dataclass(frozen=True)
class Derivative:
    spec: imaging.Spec
    key: str  # content hash of source + spec + pipeline version
    name: str  # output path, site-relative

    @property
    def mime(self) -> str:
        return imaging.FORMATS[self.spec.fmt][1]


@dataclass
class Source:
    """An inspected, usable picture and the derivatives published for it."""

    rel: str
    digest: str
    probe: imaging.Probe
    variants: dict[str, list[Derivative]] = field(default_factory=dict)  # fmt -> by width
    card: Derivative | None = None

    @property
    def fallback(self) -> str:
        return "png" if self.probe.alpha else "jpeg"


def _task(job: tuple) -> list[int | bytes]:
    """Process-pool task: encode a source file's derivatives into their cache files.

    The worker reads the source (through the safe reader: ``safety.Refused`` if it became a
    link out of content/ or too big since it was inspected) and writes each derivative to
    the cache itself, so that no picture travels back through a pipe; it returns each file's
    size, or the bytes of one it could not cache (a full or read-only cache: the build
    publishes it anyway)."""
    root, path, specs, max_pixels, max_bytes, targets = job
    results: list[int | bytes] = []
    encoded = imaging.render(safety.read_bytes(root, path, max_bytes), specs, max_pixels)
    for target, data in zip(targets, encoded, strict=True):
        try:
            atomic_write(target, data)
            results.append(len(data))
        except OSError:
            results.append(data)
    return results


def _probe_task(job: tuple[Path, Path, int, int]) -> dict:
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


def _unstore(stored: dict) -> imaging.Probe | imaging.BadImage:
    if "error" in stored:
        return imaging.BadImage(stored["error"], stored.get("kind", "damaged"))
    return imaging.Probe(**stored["probe"])


class ResponsiveImages:
    """The campaign's image service; one per build."""

    def __init__(
        self,
        content: Path,
        cache_dir: Path,
        siteurl: str,
        settings: GallerySettings,
        workers: int = 1,
    ):
        self.content = content
        self.project = content.parent
        self.cache_dir = cache_dir
        self.siteurl = siteurl
        self.settings = settings
        self.workers = max(1, workers)
        imaging.configure(settings.max_pixels)
        self.avif = imaging.avif_supported()
        self.formats = tuple(
            fmt for fmt in settings.formats if fmt != "avif" or self.avif
        )  # modern <source> formats, best first
        # WebP behind AVIF reaches only the few browsers without AVIF: the fastest method
        # (files about 3 % larger); as the best format offered, method 2 (half the time of
        # libwebp's default 4 for files about 2 % larger)
        self._webp_method = 0 if self.formats[:1] == ("avif",) else 2
        self.sources: dict[str, Source] = {}
        self.errors: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.cards: set[str] = set()
        self.published: dict[str, tuple[str, int, str]] = {}
        self.sizes: dict[str, int] = {}  # bytes of every file written, by output path
        self.digests: dict[str, str] | None = None  # sha256 of each picture, by content path
        self._probed: dict[str, dict] = {}  # probes made by this build, by digest
        self.stats = {
            "pictures": 0,
            "files": 0,
            "encoded": 0,
            "cached": 0,
            "seconds": 0.0,
            "cpu": 0.0,
        }
        self.campaign = None  # set by the generator: social cards for every page's image
        self.writer = None  # set by ``publish``
        self.publisher = 0  # the process that published (render workers are forks)

    # -- inspect ------------------------------------------------------------------------

    def inspect(self, rel: str) -> ImageInfo | str:
        if rel in self.sources:
            probe = self.sources[rel].probe
            return ImageInfo(rel, probe.width, probe.height)
        if rel in self.errors:
            return self.errors[rel]
        path = self.content / rel
        suffix = PurePosixPath(rel).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            return self._refuse(rel, f"{rel!r} is not a picture (use .jpg, .png, .webp or .gif)")
        missing = f"the picture {rel!r} does not exist in content/"
        if ".." in PurePosixPath(rel).parts:
            return self._refuse(rel, missing)
        try:  # a link out of content/, a device, too big: before anything is read
            safety.check_file(self.content, path, self.settings.max_bytes)
        except safety.Refused as refused:
            if refused.kind == "missing":
                return self._refuse(rel, missing)
            return self._bad(rel, refused.reason, refused.kind)
        if self.digests is None:
            self.digests = {}
            self._probe_ahead()
        digest = self.digests.get(rel)
        try:
            if digest is None:
                data = safety.read_bytes(self.content, path, self.settings.max_bytes)
                digest = hashlib.sha256(data).hexdigest()
            found = self._probe(digest, path)
        except safety.Refused as refused:
            return self._bad(rel, refused.reason, refused.kind)
        except OSError as error:
            return self._bad(rel, f"the file cannot be read ({imaging.describe(error)})", "damaged")
        if isinstance(found, imaging.BadImage):
            return self._bad(rel, found.reason, found.kind)
        source = Source(rel, digest, found)
        if found.frames > 1:
            logger.debug("%s is animated: only its first frame is published", rel)
        self._plan(source)
        self.sources[rel] = source
        if self.writer is not None and os.getpid() == self.publisher:
            # first asked for after publishing (by a template): publish it now
            wanted = [d for variants in source.variants.values() for d in variants]
            self.problems.extend(self._run([(source, wanted)], self.writer))
            self._record_enclosure(source)
        return ImageInfo(rel, found.width, found.height)

    def _refuse(self, rel: str, message: str) -> str:
        """A wrong reference (the caller reports it where the picture is used)."""
        self.errors[rel] = message
        return message

    def _bad(self, rel: str, reason: str, kind: str) -> str:
        """A picture file that cannot be used: reported on the file itself."""
        self.problems.append(
            Problem(
                self._project_rel(rel),
                0,
                f"this picture cannot be published: {reason}",
                self._fix(kind),
                skips=False,
            )
        )
        self.errors[rel] = f"the picture {rel!r} cannot be published: {reason}"
        return self.errors[rel]

    def _fix(self, kind: str) -> str:
        return (FIXES.get(kind) or safety.FIXES.get(kind) or FIXES["damaged"]).format(
            megapixels=f"{self.settings.max_pixels / 1e6:g}",
            megabytes=f"{self.settings.max_bytes / 1024 / 1024:g}",
        )

    def _project_rel(self, rel: str) -> str:
        try:
            return (self.content / rel).relative_to(self.project).as_posix()
        except ValueError:
            return (self.content / rel).as_posix()

    def _probe_path(self, digest: str) -> Path:
        key = f"{imaging.PIPELINE_VERSION}-{PIL.__version__}-{self.settings.max_pixels}"
        return self.cache_dir / "probes" / digest[:2] / f"{digest}-{key}.json"

    def _cached_probe(self, digest: str) -> imaging.Probe | imaging.BadImage | None:
        try:
            stored = self._probed.get(digest)
            if stored is None:  # read from the cache once per build
                stored = self._probed[digest] = json.loads(self._probe_path(digest).read_text())
            return _unstore(stored)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _probe(self, digest: str, path: Path) -> imaging.Probe | imaging.BadImage:
        """The probe of the picture with these bytes, from the cache or by decoding it once."""
        found = self._cached_probe(digest)
        if found is None:
            stored = _probe_task(self._probe_job(path))
            if not stored.get("refused"):
                self._store_probe(digest, stored)
            found = _unstore(stored)
        return found

    def _probe_job(self, path: Path) -> tuple[Path, Path, int, int]:
        return (self.content, path, self.settings.max_pixels, self.settings.max_bytes)

    def _store_probe(self, digest: str, stored: dict) -> None:
        self._probed[digest] = stored
        try:
            atomic_write(self._probe_path(digest), json.dumps(stored).encode())
        except OSError as error:  # a full or read-only cache: probed again next time
            cache_unusable(self._probe_path(digest), error)

    def _probe_ahead(self) -> None:
        """Before the first picture is inspected: hash every picture under content/ once and
        decode those not probed yet on every core (a first build of a large album would
        otherwise decode them one by one)."""
        pictures = sorted(
            path
            for path in self.content.rglob("*")
            if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file()
        )
        todo = []
        for path in pictures:
            try:
                data = safety.read_bytes(self.content, path, self.settings.max_bytes)
            except safety.Refused:
                continue  # inspect() reports it, if the picture is used
            digest = hashlib.sha256(data).hexdigest()
            self.digests[path.relative_to(self.content).as_posix()] = digest
            if self.workers > 1 and self._cached_probe(digest) is None:
                todo.append((digest, path))
        if len(todo) < 2:
            return
        jobs = [self._probe_job(path) for _digest, path in todo]
        for (digest, _path), stored in zip(
            todo, parallel_map(_probe_task, jobs, self.workers, chunk=1), strict=True
        ):
            if not stored.get("refused"):
                self._store_probe(digest, stored)

    def _plan(self, source: Source) -> None:
        """The derivatives of a picture: every width in every format, named by content key."""
        size = (source.probe.width, source.probe.height)
        widths = imaging.widths_for(size, self.settings.widths)
        stem = slugify(PurePosixPath(source.rel).stem) or "picture"
        for fmt in (*self.formats, source.fallback):
            quality = self.settings.quality.get(fmt, 0)
            speed = self.settings.avif_speed if fmt == "avif" else 0
            method = self._webp_method if fmt == "webp" else 0
            source.variants[fmt] = [
                self._derivative(
                    source,
                    stem,
                    imaging.Spec(
                        fmt, w, imaging.height_for(w, size), quality, speed=speed, method=method
                    ),
                    f"{w}w",
                )
                for w in widths
            ]
        card = imaging.Spec("jpeg", *imaging.CARD_SIZE, self.settings.quality["jpeg"], card=True)
        source.card = self._derivative(source, stem, card, "card")

    def _derivative(self, source: Source, stem: str, spec: imaging.Spec, label: str) -> Derivative:
        material = "|".join(
            (imaging.PIPELINE_VERSION, PIL.__version__, source.digest, spec.token())
        )
        key = hashlib.sha256(material.encode()).hexdigest()
        ext = imaging.FORMATS[spec.fmt][0]
        return Derivative(spec, key, f"{OUTPUT_DIR}/{stem}-{label}.{key[:12]}.{ext}")

    # -- markup -------------------------------------------------------------------------

    def html(
        self, rel: str, alt: str, *, sizes: str = "100vw", lazy: bool = True, title: str = ""
    ) -> str:
        source = self.sources.get(rel)
        if source is None:
            if isinstance(self.inspect(rel), str):
                return ""
            source = self.sources[rel]
        sizes_attr = escape(sizes, quote=True)
        parts = ["<picture>"]
        for fmt in self.formats:
            parts.append(
                f'<source type="{imaging.FORMATS[fmt][1]}" '
                f'srcset="{self._srcset(source.variants[fmt])}" sizes="{sizes_attr}">'
            )
        fallback = source.variants[source.fallback]
        largest = fallback[-1]
        attrs = [
            f'src="{escape(self._url(largest.name), quote=True)}"',
            f'srcset="{self._srcset(fallback)}"',
            f'sizes="{sizes_attr}"',
            f'alt="{escape(alt, quote=True)}"',
            f'width="{largest.spec.width}"',
            f'height="{largest.spec.height}"',
        ]
        if lazy:
            attrs.append('loading="lazy"')
        attrs.append('decoding="async"')
        if title:
            attrs.append(f'title="{escape(title, quote=True)}"')
        parts.append(f"<img {' '.join(attrs)}>")
        parts.append("</picture>")
        return "".join(parts)

    def _url(self, name: str) -> str:
        return f"{self.siteurl}/{name}"

    def _srcset(self, variants: list[Derivative]) -> str:
        return escape(
            ", ".join(f"{self._url(d.name)} {d.spec.width}w" for d in variants), quote=True
        )

    def derivatives(self, rel: str) -> list[Derivative]:
        """Every file published for ``rel`` (for tests and tools)."""
        source = self.sources[rel]
        found = [d for variants in source.variants.values() for d in variants]
        return found + ([source.card] if source.card and rel in self.cards else [])

    # -- social cards and enclosures --------------------------------------------------

    def social_card(self, rel: str) -> str:
        source = self.sources.get(rel)
        if source is None:
            if isinstance(self.inspect(rel), str):
                return ""
            source = self.sources[rel]
        if rel not in self.cards:
            self.cards.add(rel)
            if self.writer is not None and os.getpid() == self.publisher:
                # asked for after publishing (not a page's image): make it now
                self.problems.extend(self._run([(source, [source.card])], self.writer))
            elif self.writer is not None:  # in a render worker: cannot record the file
                logger.warning("campaign_gallery: no social card was made for %s", rel)
        return source.card.name

    def enclosure(self, rel: str) -> tuple[str, int, str] | None:
        return self.published.get(rel)

    def digest(self) -> str:
        """Hash of everything the markup of pictures depends on (for page fingerprints)."""
        state = [
            (rel, [d.name for variants in s.variants.values() for d in variants], s.card.name)
            for rel, s in sorted(self.sources.items())
        ]
        text = repr((self.siteurl, self.formats, state, sorted(self.errors)))
        return hashlib.sha256(text.encode()).hexdigest()

    # -- publish ------------------------------------------------------------------------

    def publish(self, writer) -> list:
        started = time.perf_counter()
        cpu = _cpu_seconds()
        self.writer = writer
        self.publisher = os.getpid()
        if self.campaign is not None:
            self.cards.update(
                spec.image for spec in self.campaign.pages if spec.image in self.sources
            )
        work = []
        for rel in sorted(self.sources):
            source = self.sources[rel]
            wanted = [d for variants in source.variants.values() for d in variants]
            if rel in self.cards:
                wanted.append(source.card)
            work.append((source, wanted))
        problems = self._run(work, writer)
        for source in self.sources.values():
            self._record_enclosure(source)
        self.stats["pictures"] = len(self.sources)
        self.stats["seconds"] = time.perf_counter() - started
        self.stats["cpu"] = _cpu_seconds() - cpu
        logger.info(
            "campaign_gallery: %d pictures, %d image files: %d encoded, %d from cache "
            "(%.2f s, %.2f s CPU; formats: %s)",
            self.stats["pictures"],
            self.stats["files"],
            self.stats["encoded"],
            self.stats["cached"],
            self.stats["seconds"],
            self.stats["cpu"],
            ", ".join((*self.formats, "jpeg/png")),
        )
        return sorted(set(problems + self.problems))

    def _record_enclosure(self, source: Source) -> None:
        """The largest fallback file is the picture's enclosure in feeds."""
        largest = source.variants[source.fallback][-1]
        size = self.sizes.get(largest.name)
        if size is not None:  # None: it could not be encoded (reported as a problem)
            self.published[source.rel] = (largest.name, size, largest.mime)

    def _cache_file(self, derivative: Derivative) -> Path:
        ext = imaging.FORMATS[derivative.spec.fmt][0]
        return self.cache_dir / derivative.key[:2] / f"{derivative.key}.{ext}"

    def _run(self, work: list[tuple[Source, list[Derivative]]], writer) -> list[Problem]:
        """Write every wanted derivative, encoding only those not in the cache.

        A derivative the previous build already published under the same content key (the
        output writer's manifest says so, and its file is still in the output folder) is
        neither read nor hashed again; one from the cache is copied; the rest are encoded.
        """
        problems: list[Problem] = []
        jobs: list[tuple[Source, tuple[Derivative, ...]]] = []
        published = self._published(writer)
        for source, wanted in work:
            missing: list[Derivative] = []
            for derivative in wanted:
                size = published.get(derivative.name)
                if size is not None and size[0] == derivative.key:
                    writer.record(derivative.name, derivative.key, size[1])
                    self._count(derivative, size[1], "cached")
                    continue
                try:
                    size = self._cache_file(derivative).stat().st_size
                except OSError:
                    missing.append(derivative)
                    continue
                self._emit(writer, derivative, size)
                self._count(derivative, size, "cached")
            # one task per picture: decoded, oriented and resized once for every format
            if missing:
                jobs.append((source, tuple(missing)))
        if not jobs:
            return problems
        jobs.sort(key=lambda job: -_cost(job[0], job[1]))
        bar = self._progress(sum(len(group) for _source, group in jobs))
        try:
            for index, outcome in self._execute(jobs):
                source, group = jobs[index]
                bar.update(len(group))
                if isinstance(outcome, BaseException):
                    problems.append(self._failed(source, group, outcome))
                    continue
                for derivative, result in zip(group, outcome, strict=True):
                    if isinstance(result, bytes):  # not cached: published from memory
                        cache_unusable(self._cache_file(derivative), "cannot be written")
                    self._emit(writer, derivative, result)
                    size = result if isinstance(result, int) else len(result)
                    self._count(derivative, size, "encoded")
        finally:
            bar.close()
        return problems

    def _count(self, derivative: Derivative, size: int, how: str) -> None:
        self.sizes[derivative.name] = size
        self.stats[how] += 1
        self.stats["files"] += 1

    @staticmethod
    def _published(writer) -> dict[str, tuple[str, int]]:
        """Derivatives the previous build recorded under their content key and whose files
        are still in the output folder: name -> (key, size). One directory listing, no
        stat or read per file. Empty for a writer without a manifest."""
        previous = getattr(writer, "previous", None)
        output = getattr(writer, "output", None)
        if not previous or output is None or not hasattr(writer, "record"):
            return {}
        try:
            present = set(os.listdir(Path(output) / OUTPUT_DIR))
        except OSError:
            return {}
        prefix = f"{OUTPUT_DIR}/"
        found = {}
        for name, record in previous.items():
            if name.startswith(prefix) and name[len(prefix) :] in present:
                try:
                    found[name] = (str(record[0]), int(record[1]))
                except (TypeError, ValueError, IndexError):
                    continue
        return found

    def _emit(self, writer, derivative: Derivative, found: int | bytes) -> None:
        """Publish a derivative: ``found`` is the size of its cache file (hard-linked into the
        output folder, or copied where links are impossible) or its bytes. It is recorded
        under its content key, so that the next build knows it without hashing it; a writer
        without a folder of its own gets the bytes through ``writer.write``."""
        cached = self._cache_file(derivative)
        output = getattr(writer, "output", None)
        if output is None or not hasattr(writer, "record"):
            data = found if isinstance(found, bytes) else cached.read_bytes()
            writer.write(derivative.name, data)
            return
        target = Path(output) / derivative.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(found, bytes):
            target.write_bytes(found)
        else:
            _link_or_copy(cached, target)
        size = found if isinstance(found, int) else len(found)
        writer.record(derivative.name, derivative.key, size)

    def _task_args(self, job: tuple[Source, tuple[Derivative, ...]]) -> tuple:
        source, group = job
        return (
            self.content,
            self.content / source.rel,
            tuple(d.spec for d in group),
            self.settings.max_pixels,
            self.settings.max_bytes,
            tuple(self._cache_file(d) for d in group),
        )

    def _execute(self, jobs: list[tuple[Source, tuple[Derivative, ...]]]):
        """Yield (index, list of bytes or the exception) for every job.

        With several jobs and cores, a fork-context process pool runs them, with a bounded
        number in flight so that only a few sources are held in memory at once.
        """
        pool = None
        if self.workers > 1 and len(jobs) > 1:
            try:
                pool = ProcessPoolExecutor(
                    min(self.workers, len(jobs)), mp_context=multiprocessing.get_context("fork")
                )
            except (OSError, ValueError, NotImplementedError) as error:
                logger.warning("campaign_gallery: no process pool (%s); encoding serially", error)
        if pool is None:
            for index, job in enumerate(jobs):
                try:
                    yield index, _task(self._task_args(job))
                except Exception as error:  # reported as a problem on the picture
                    yield index, error
            return
        with pool:
            pending: dict = {}
            upcoming = iter(enumerate(jobs))
            limit = 2 * self.workers
            while True:
                for index, job in upcoming:
                    try:
                        pending[pool.submit(_task, self._task_args(job))] = index
                    except Exception as error:  # unreadable source or a broken pool
                        yield index, error
                    if len(pending) >= limit:
                        break
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    try:
                        yield index, future.result()
                    except Exception as error:  # the picture failed, or a worker died
                        yield index, error

    def _failed(self, source: Source, group: tuple[Derivative, ...], error: BaseException):
        bad = isinstance(error, (imaging.BadImage, safety.Refused))
        reason = error.reason if bad else imaging.describe(error)
        fmts = []
        for derivative in group:
            name = derivative.spec.fmt.upper()
            if name not in fmts:
                fmts.append(name)
        return Problem(
            self._project_rel(source.rel),
            0,
            f"this picture could not be converted to {', '.join(fmts) or '?'}: {reason}",
            self._fix(error.kind if bad else "damaged"),
            skips=False,
        )

    def _progress(self, total: int):
        """A tqdm bar on the terminal, shown once the work has lasted ``PROGRESS_DELAY``.

        Pelican runs the build under a rich spinner that swaps ``sys.stderr`` for a
        line-buffered proxy; the bar then goes to the real terminal, on the line below the
        spinner, so that the two do not overwrite each other.
        """
        terminal = sys.__stderr__
        if not self.settings.progress or terminal is None or not _isatty(terminal):
            return _NoProgress()
        try:
            from tqdm import tqdm
        except ImportError:  # pragma: no cover - tqdm is a dependency
            return _NoProgress()
        return tqdm(
            total=total,
            desc="images",
            unit="file",
            delay=PROGRESS_DELAY,
            leave=False,
            file=terminal,
            position=0 if sys.stderr is terminal else 1,
            mininterval=0.25,
            dynamic_ncols=True,
        )


class _NoProgress:
    def update(self, _count: int) -> None:
        pass

    def close(self) -> None:
        pass


def _cost(source: Source, group: tuple[Derivative, ...]) -> float:
    weights = {"avif": 1.5, "webp": 1.5}
    decode = source.probe.width * source.probe.height / 4
    return decode + sum(weights.get(d.spec.fmt, 0.3) * d.spec.width * d.spec.height for d in group)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _link_or_copy(source: Path, target: Path) -> None:
    """Put ``source``'s bytes at ``target`` (replaced atomically): a hard link when both are
    on one file system (derivatives are never modified in place), otherwise a copy."""
    try:
        if os.path.samefile(source, target):
            return  # already linked: a rename onto the same file would do nothing, tmp would stay
    except OSError:
        pass
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)
