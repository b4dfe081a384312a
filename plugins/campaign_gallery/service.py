"""The responsive image service (``campaign_site.images.ImageService``).

Every picture is published as ``<picture>``: AVIF and WebP ``<source>``s (AVIF only if this
Pillow can encode it) and a JPEG ``<img>`` (PNG for pictures with transparency), each in
several widths, plus a 1200x630 JPEG social card for pictures used as ``og:image``.

The service ties the jobs together, each in its own module: ``probes.py`` (the probe cache),
``planning.py`` (which files a picture becomes, named by content key), ``markup.py`` (the
``<picture>`` data the theme's macro writes), ``progress.py`` (the terminal's bar) and
``campaign_site.parallel`` (the process pool). Encoded bytes are kept under
``<cache>/images/`` so an unchanged picture is encoded once, ever; encoding runs one pure
task per picture (decoded once for all its files).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path, PurePosixPath

from campaign_memes.text import Fonts
from campaign_site import safety
from campaign_site.background import BackgroundWriter
from campaign_site.cache import cache_unusable
from campaign_site.cards import SocialCards
from campaign_site.files import atomic_write, link_or_copy
from campaign_site.images import IMAGE_SUFFIXES, GeneratedPicture, ImageInfo
from campaign_site.parallel import cpu_seconds, parallel_each
from campaign_site.problems import Problem
from campaign_site.site_api import Campaign, Writer

from . import imaging
from .markup import Picture, PictureSource, Templates
from .planning import OUTPUT_DIR, Derivative, Source, cost, plan
from .probes import ProbeCache
from .progress import progress
from .settings import GallerySettings

logger = logging.getLogger(__name__)

FIXES = {
    "empty": "copy the picture again from where it came from, or delete the file",
    "not-picture": "replace it with a real picture (.jpg, .png, .webp or .gif), or delete it",
    "format": "open it in an image editor, export it as JPEG or PNG and replace the file",
    "damaged": "copy the picture again (the copy may have been interrupted), or open it in an "
    "image editor, export it again as JPEG or PNG and replace the file",
    "large": "make it smaller in an image editor (at most {megapixels} megapixels and "
    "{megabytes} MB; 2000 to 4000 pixels wide is plenty) and replace the file",
}
EncodeJob = tuple[Path, Path, tuple[imaging.Spec, ...], int, int, tuple[Path, ...]]


def _task(job: EncodeJob) -> list[int | bytes]:
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


class ResponsiveImages:
    """The campaign's image service; one per build."""

    def __init__(
        self,
        content: Path,
        cache_dir: Path,
        siteurl: str,
        settings: GallerySettings,
        workers: int = 1,
        *,
        templates: Templates,
    ):
        self.content = content
        self.project = content.parent
        self.cache_dir = cache_dir
        self.siteurl = siteurl
        self.settings = settings
        self.workers = max(1, workers)
        self.templates = templates
        imaging.configure(settings.max_pixels)
        self.avif = imaging.avif_supported()
        self.formats = tuple(
            fmt for fmt in settings.formats if fmt != "avif" or self.avif
        )  # modern <source> formats, best first
        self.probes = ProbeCache(
            content, cache_dir / "probes", settings.max_pixels, settings.max_bytes
        )
        self.sources: dict[str, Source] = {}
        self.errors: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.cards: set[str] = set()
        self.published: dict[str, tuple[str, int, str]] = {}
        self.sizes: dict[str, int] = {}  # bytes of every file written, by output path
        self.stats = {
            "pictures": 0,
            "files": 0,
            "encoded": 0,
            "cached": 0,
            "seconds": 0.0,
            "cpu": 0.0,
        }
        self.campaign: Campaign | None = None  # set by the generator: social cards
        self.writer: Writer | None = None  # set by ``publish``
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
        digest = self.probes.digest_of(rel, self.workers)
        try:
            if digest is None:
                data = safety.read_bytes(self.content, path, self.settings.max_bytes)
                digest = hashlib.sha256(data).hexdigest()
            found = self.probes.probe(digest, path)
        except safety.Refused as refused:
            return self._bad(rel, refused.reason, refused.kind)
        except OSError as error:
            return self._bad(rel, f"the file cannot be read ({imaging.describe(error)})", "damaged")
        if isinstance(found, imaging.BadImage):
            return self._bad(rel, found.reason, found.kind)
        source = Source(rel, digest, found)
        if found.frames > 1:
            logger.debug("%s is animated: only its first frame is published", rel)
        plan(source, self.formats, self.settings)
        self.sources[rel] = source
        if self.writer is not None and os.getpid() == self.publisher:
            # first asked for after publishing (by a template): publish it now
            self.problems.extend(self._run([(source, source.files)], self.writer))
            self._record_enclosure(source)
        return ImageInfo(rel, found.width, found.height)

    def add_generated(self, picture: GeneratedPicture) -> ImageInfo | str:
        """A picture the build drew (a composed meme), read from its trusted cache folder;
        its derivatives are named from ``picture.digest`` like any picture's."""
        rel = picture.rel
        if rel in self.sources:
            probe = self.sources[rel].probe
            return ImageInfo(rel, probe.width, probe.height)
        try:
            found = self.probes.probe(picture.digest, picture.path, picture.root)
        except OSError as error:
            found = imaging.BadImage(f"the file cannot be read ({imaging.describe(error)})")
        if isinstance(found, imaging.BadImage):
            self.errors[rel] = f"the drawn picture {rel!r} cannot be published: {found.reason}"
            return self.errors[rel]
        source = Source(
            rel,
            picture.digest,
            found,
            generated=(picture.root, picture.path),
            full_size=picture.full_size,
        )
        plan(source, self.formats, self.settings)
        self.sources[rel] = source
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

    # -- markup -------------------------------------------------------------------------

    def html(
        self, rel: str, alt: str, *, sizes: str = "100vw", lazy: bool = True, title: str = ""
    ) -> str:
        source = self.sources.get(rel)
        if source is None:
            if isinstance(self.inspect(rel), str):
                return ""
            source = self.sources[rel]
        fallback = source.variants[source.fallback]
        largest = fallback[-1]
        return self.templates.picture(
            Picture(
                sources=tuple(
                    PictureSource(imaging.FORMATS[fmt][1], self._srcset(source.variants[fmt]))
                    for fmt in self.formats
                ),
                src=self._url(largest.name),
                srcset=self._srcset(fallback),
                sizes=sizes,
                alt=alt,
                width=largest.spec.width,
                height=largest.spec.height,
                lazy=lazy,
                title=title,
            )
        )

    def thumbnail(self, rel: str) -> tuple[str, str]:
        """(src, srcset) of a picture's JPEG/PNG files, smallest first, for a small picture
        outside the page (a search result); ("", "") when it cannot be published."""
        source = self.sources.get(rel)
        if source is None:
            if isinstance(self.inspect(rel), str):
                return "", ""
            source = self.sources[rel]
        fallback = source.variants[source.fallback]
        return self._url(fallback[0].name), self._srcset(fallback)

    def _url(self, name: str) -> str:
        return f"{self.siteurl}/{name}"

    def _srcset(self, variants: list[Derivative]) -> str:
        return ", ".join(f"{self._url(d.name)} {d.spec.width}w" for d in variants)

    # -- social cards and enclosures --------------------------------------------------

    def social_card(self, rel: str) -> str:
        source = self.sources.get(rel)
        if source is None:
            if isinstance(self.inspect(rel), str):
                return ""
            source = self.sources[rel]
        card = source.card
        assert card is not None  # planned with the source
        if rel not in self.cards:
            self.cards.add(rel)
            if self.writer is not None and os.getpid() == self.publisher:
                # asked for after publishing (not a page's image): make it now
                self.problems.extend(self._run([(source, [card])], self.writer))
            elif self.writer is not None:  # in a render worker: cannot record the file
                logger.warning("campaign_gallery: no social card was made for %s", rel)
        return card.name

    def enclosure(self, rel: str) -> tuple[str, int, str] | None:
        return self.published.get(rel)

    def digest(self) -> str:
        """Hash of everything the markup of pictures depends on (for page fingerprints)."""
        state = [
            (rel, [d.name for d in s.files], s.card.name if s.card else "")
            for rel, s in sorted(self.sources.items())
        ]
        text = repr((self.siteurl, self.formats, state, sorted(self.errors)))
        return hashlib.sha256(text.encode()).hexdigest()

    # -- publish ------------------------------------------------------------------------

    def publish(self, writer: Writer) -> list[Problem]:
        problems: list[Problem] = []
        if self.campaign is not None:
            # every page's own card (campaign_site.cards, timed and logged on its own); a
            # page without one (a 404 page, a card that could not be drawn) shows its
            # picture's crop, if it has a picture
            cfg = self.campaign.settings
            cards = SocialCards(
                self.campaign,
                Fonts.in_folder(cfg.theme_path / "fonts"),
                cfg.cache_path / "cards",
                self.workers,
            )
            problems += cards.start(writer, self._drawn)
            if isinstance(writer, BackgroundWriter):
                # drawn while the build goes on, recorded when it finishes writing
                writer.wait_for(cards.finish)
            else:
                problems += cards.finish()
        started = time.perf_counter()
        cpu = cpu_seconds()
        self.writer = writer
        self.publisher = os.getpid()
        if self.campaign is not None:
            self.cards.update(
                spec.image
                for spec in self.campaign.pages
                if spec.image in self.sources and "page_card" not in spec.data
            )
        work = []
        for rel in sorted(self.sources):
            source = self.sources[rel]
            wanted = source.files
            if rel in self.cards and source.card is not None:
                wanted.append(source.card)
            work.append((source, wanted))
        problems += self._run(work, writer)
        for source in self.sources.values():
            self._record_enclosure(source)
        self.stats["pictures"] = len(self.sources)
        self.stats["seconds"] = time.perf_counter() - started
        self.stats["cpu"] = cpu_seconds() - cpu
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

    def _drawn(self, rel: str) -> tuple[str, Path, Path] | None:
        """A drawn picture's content key, trusted folder and file (for a meme's card)."""
        source = self.sources.get(rel)
        if source is None or source.generated is None:
            return None
        return (source.digest, *source.generated)

    def _record_enclosure(self, source: Source) -> None:
        """The largest fallback file is the picture's enclosure in feeds."""
        largest = source.variants[source.fallback][-1]
        size = self.sizes.get(largest.name)
        if size is not None:  # None: it could not be encoded (reported as a problem)
            self.published[source.rel] = (largest.name, size, largest.mime)

    def _cache_file(self, derivative: Derivative) -> Path:
        ext = imaging.FORMATS[derivative.spec.fmt][0]
        return self.cache_dir / derivative.key[:2] / f"{derivative.key}.{ext}"

    def _run(self, work: list[tuple[Source, list[Derivative]]], writer: Writer) -> list[Problem]:
        """Write every wanted derivative, encoding only those not in the cache.

        A derivative the previous build already published under the same content key (the
        output writer's manifest says so, and its file is still in the output folder) is
        neither read nor hashed again; one from the cache is copied; the rest are encoded.
        """
        problems: list[Problem] = []
        jobs: list[tuple[Source, tuple[Derivative, ...]]] = []
        published = writer.recorded(OUTPUT_DIR)
        for source, wanted in work:
            missing: list[Derivative] = []
            for derivative in wanted:
                before = published.get(derivative.name)
                if before is not None and before[0] == derivative.key:
                    writer.record(derivative.name, derivative.key, before[1])
                    self._count(derivative, before[1], "cached")
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
        jobs.sort(key=lambda job: -cost(job[0], job[1]))
        bar = progress(sum(len(group) for _source, group in jobs), self.settings.progress)
        try:
            tasks = [self._task_args(job) for job in jobs]
            for index, outcome in parallel_each(_task, tasks, self.workers):
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

    def _emit(self, writer: Writer, derivative: Derivative, found: int | bytes) -> None:
        """Publish a derivative: ``found`` is the size of its cache file (hard-linked into the
        output folder, or copied where links are impossible) or its bytes. It is recorded
        under its content key, so that the next build knows it without hashing it."""
        target = writer.output / derivative.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(found, bytes):
            target.write_bytes(found)
        else:
            link_or_copy(self._cache_file(derivative), target)
        size = found if isinstance(found, int) else len(found)
        writer.record(derivative.name, derivative.key, size)

    def _task_args(self, job: tuple[Source, tuple[Derivative, ...]]) -> EncodeJob:
        source, group = job
        root, path = source.generated or (self.content, self.content / source.rel)
        return (
            root,
            path,
            tuple(d.spec for d in group),
            self.settings.max_pixels,
            self.settings.max_bytes,
            tuple(self._cache_file(d) for d in group),
        )

    def _failed(self, source: Source, group: tuple[Derivative, ...], error: BaseException):
        if isinstance(error, (imaging.BadImage, safety.Refused)):
            reason, kind = error.reason, error.kind
        else:
            reason, kind = imaging.describe(error), "damaged"
        fmts = []
        for derivative in group:
            name = derivative.spec.fmt.upper()
            if name not in fmts:
                fmts.append(name)
        return Problem(
            self._project_rel(source.rel),
            0,
            f"this picture could not be converted to {', '.join(fmts) or '?'}: {reason}",
            self._fix(kind),
            skips=False,
        )
