"""Drawn memes: each meme's words composed onto its artwork, in every format, once.

Pure (no Pelican import). For every entry with ``Artwork:``, ``Layout:`` (both from the
original) and ``Text:``, the square, 4:5 and 9:16 pictures are composed by
``campaign_memes.compose`` and kept as PNGs under ``<cache>/memes/``, named by a key of
everything that changes their pixels (``meme_key``: the artwork's bytes, the layout, this
language's words, the fonts, the format) and of the composer's code. So an unchanged meme
is never drawn again, and editing the French ``Text:`` draws only the French pictures.
Pictures still to draw are composed in the process pool (``parallel.parallel_each``).

The pictures are then given to the image service as ``GeneratedPicture``s (read from the
cache folder, not from ``content/``), which publishes them like any picture; ``entry.image``
becomes the square and ``entry.pictures`` names every format.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import features

from campaign_memes import compose
from campaign_memes.compose import FORMATS, Words, compose_formats, meme_key
from campaign_memes.layout import Layout
from campaign_memes.text import Fonts, Issue, MemeError, Writing

from . import safety
from .cache import code_digest
from .files import atomic_write
from .images import GENERATED_PREFIX, GeneratedPicture, ImageService
from .model import Entry, Site
from .parallel import parallel_each
from .prepare import Prepared
from .problems import Problem
from .resolve import normalise, outside
from .source import KNOWN_KEYS

logger = logging.getLogger(__name__)

# which file an issue of the composer is reported in: the language's own or the original
OWN_FIELDS = {"Text": "text", "Footer": "footer"}
ORIGINAL_FIELDS = {"Layout": "layout", "Artwork": "artwork"}


@cache
def composer_digest() -> str:
    """The composer's code and the libraries that draw (Pillow, raqm): part of every key."""
    versions = f"{PIL.__version__}:{features.version('raqm')}"
    return hashlib.sha256(f"{versions}:{code_digest(Path(compose.__file__))}".encode()).hexdigest()


@dataclass(frozen=True)
class DrawJob:
    """One language of one meme to draw: every format, into its cache files."""

    artwork: bytes
    layout: Layout
    words: Words
    fonts: Fonts
    targets: tuple[tuple[str, Path], ...]  # (format name, cache file)


def draw(job: DrawJob) -> tuple[Issue, ...]:
    """Process-pool task: compose every format and write each PNG to its cache file; the
    composer's issues when the meme cannot be drawn (nothing is written then)."""
    try:
        pictures = compose_formats(job.artwork, job.layout, job.words, job.fonts)
    except MemeError as error:
        return error.issues
    for name, target in job.targets:
        buffer = io.BytesIO()
        pictures[name].save(buffer, "PNG", compress_level=1)  # a cache file, read once
        atomic_write(target, buffer.getvalue())
    return ()


@dataclass
class MemeStats:
    memes: int = 0  # entries (languages) with drawn pictures
    drawn: int = 0  # languages composed by this build
    cached: int = 0  # languages found in the cache
    seconds: float = 0.0


@dataclass
class _Planned:
    entry: Entry
    item: Prepared  # the entry's own file
    first: Prepared  # its original's file (artwork and layout)
    files: dict[str, tuple[str, Path]]  # format name -> (key, cache file)


class MemeDrawer:
    """Draws the memes of one build and gives them to the image service."""

    def __init__(self, content: Path, folder: Path, fonts: Fonts, workers: int):
        self.content = content
        self.folder = folder  # <cache>/memes: trusted, the build writes it
        self.fonts = fonts
        self.workers = workers
        self.problems: set[Problem] = set()
        self.stats = MemeStats()
        self._artworks: dict[str, bytes | None] = {}

    def run(self, site: Site, by_rel: dict[str, Prepared], images: ImageService) -> list[Problem]:
        """Draw what is missing, register every meme's pictures; the problems met."""
        started = time.perf_counter()
        planned: list[_Planned] = []
        jobs: list[tuple[int, DrawJob]] = []  # (index in planned, job)
        fonts_digest = ""
        for entry in (*site.entries, *site.previews):
            if not (entry.meme_text or entry.artwork):
                continue
            if not fonts_digest:
                fonts_digest = self.fonts.digest()
            found = self._plan(entry, by_rel, fonts_digest)
            if found is None:
                continue
            plan, job = found
            if job is not None:
                jobs.append((len(planned), job))
            planned.append(plan)
        failed: set[int] = set()
        for index, outcome in parallel_each(draw, [job for _i, job in jobs], self.workers):
            number = jobs[index][0]
            plan = planned[number]
            if isinstance(outcome, BaseException):
                failed.add(number)
                self._add(plan.first, "artwork", f"the meme could not be drawn ({outcome})", "")
            elif outcome:
                failed.add(number)
                for issue in outcome:
                    self._issue(plan, issue)
        self.stats.drawn = len(jobs) - len(failed)
        self.stats.cached = len(planned) - len(jobs)
        for index, plan in enumerate(planned):
            if index not in failed:
                self._register(plan, images)
        self.stats.seconds = time.perf_counter() - started
        if planned:
            logger.info(
                "campaign: memes: %d languages drawn, %d from cache (%.2f s)",
                self.stats.drawn,
                self.stats.cached,
                self.stats.seconds,
            )
        return sorted(self.problems)

    # -------------------------------------------------------------------------------------

    def _plan(
        self, entry: Entry, by_rel: dict[str, Prepared], fonts_digest: str
    ) -> tuple[_Planned, DrawJob | None] | None:
        """What drawing ``entry`` takes: its cache files, and a job when one is missing."""
        item = by_rel[entry.source]
        original = entry.translations.get(entry.original, entry)
        first = by_rel.get(original.source, item)
        if not entry.artwork:
            self._add(
                item,
                "text",
                f"'Text:' is set, but {first.path} has no 'Artwork:' to draw it on",
                "add 'Artwork: memes/<slug>.art.png' and 'Layout: ...' to the original, or "
                "remove 'Text:' and 'Footer:'",
            )
            return None
        if entry.layout is None:
            if "layout" not in first.meta:  # a wrong one is reported by prepare()
                self._add(
                    first,
                    "artwork",
                    "the meme has an artwork but no 'Layout:' saying where the words go",
                    "add e.g. 'Layout: text 70 650 1010 930; ink #FFFFFF' (docs/content-guide.md)",
                )
            return None
        if not entry.meme_text:
            self._add(
                item,
                "title",
                "the meme has no 'Text:' (the slogan drawn on its picture) in this language",
                "add 'Text: ...' with the slogan, translated",
            )
            return None
        artwork = self._artwork(entry.artwork, first)
        if artwork is None:
            return None
        # hashtags are rarely translated: a translation without 'Footer:' keeps the original's
        footer = entry.meme_footer or (original.meme_footer if "footer" not in item.meta else "")
        entry.meme_footer = footer  # what is drawn, for the alt text
        words = Words(entry.meme_text, footer, Writing(entry.lang.code, entry.lang.direction))
        files = {}
        for fmt in FORMATS:
            base = meme_key(artwork, entry.layout, words, fonts_digest, fmt)
            key = hashlib.sha256(f"{base}:{composer_digest()}".encode()).hexdigest()
            files[fmt.name] = (key, self.folder / key[:2] / f"{key}.png")
        plan = _Planned(entry, item, first, files)
        if all(path.is_file() for _key, path in files.values()):
            return plan, None
        targets = tuple((name, path) for name, (_key, path) in files.items())
        return plan, DrawJob(artwork, entry.layout, words, self.fonts, targets)

    def _artwork(self, artwork: str, first: Prepared) -> bytes | None:
        """The artwork's bytes, read once through the safe reader (None: reported)."""
        rel = normalise(artwork, "")
        if rel not in self._artworks:
            self._artworks[rel] = None
            if outside(rel) or not rel:
                self._add(
                    first,
                    "artwork",
                    f"the artwork path {artwork!r} leads outside content/",
                    "put the artwork beside the meme, e.g. 'Artwork: memes/<slug>.art.png'",
                )
                return None
            try:
                self._artworks[rel] = safety.read_bytes(
                    self.content, self.content / rel, safety.PICTURE_MAX_BYTES
                )
            except safety.Refused as refused:
                if refused.kind == "missing":
                    self._add(
                        first,
                        "artwork",
                        f"the artwork {artwork!r} does not exist in content/",
                        "put the picture without words there (a 1080x1080 PNG, see "
                        "tools/draw_memes.py), or correct the path",
                    )
                else:
                    self._add(
                        first,
                        "artwork",
                        f"the artwork cannot be used: {refused.reason}",
                        refused.fix,
                    )
        return self._artworks[rel]

    def _register(self, plan: _Planned, images: ImageService) -> None:
        entry = plan.entry
        for name, (key, path) in plan.files.items():
            rel = f"{GENERATED_PREFIX}{entry.section}/{entry.slug}.{entry.lang.code}.{name}.png"
            # the 4:5 and 9:16 pictures are downloads: published at their own size too
            picture = GeneratedPicture(rel, self.folder, path, key, full_size=name != "square")
            info = images.add_generated(picture)
            if isinstance(info, str):
                self._add(
                    plan.item,
                    "text",
                    info,
                    "run the build again; if it persists, delete the .cache folder",
                )
                continue
            entry.pictures[name] = rel
        if "square" in entry.pictures:
            entry.image = entry.pictures["square"]

    def _issue(self, plan: _Planned, issue: Issue) -> None:
        """A composer issue, on the line of the key it comes from."""
        if issue.field in ORIGINAL_FIELDS:
            self._add(plan.first, ORIGINAL_FIELDS[issue.field], issue.message, issue.fix)
        else:
            self._add(plan.item, OWN_FIELDS.get(issue.field, "text"), issue.message, issue.fix)

    def _add(self, item: Prepared, key: str, message: str, fix: str) -> None:
        line = item.meta_lines.get(key, 1)
        label = KNOWN_KEYS.get(key, key)
        if key not in item.meta_lines and key in ("text", "footer"):
            message = f"{message} ('{label}:')"
        self.problems.add(Problem(item.path, line, message, fix, skips=False))


def complete_alt(entry: Entry, gettext) -> str:
    """The editor's description of the artwork, completed with the words drawn on it (in
    the page's language, with its quotation marks, from the catalog)."""
    if entry.meme_footer:
        reads = gettext("The picture reads: “%(text)s”, and below: %(footer)s") % {
            "text": entry.meme_text,
            "footer": entry.meme_footer,
        }
    else:
        reads = gettext("The picture reads: “%(text)s”") % {"text": entry.meme_text}
    alt = entry.image_alt.strip()
    if alt and alt[-1] not in ".!?…؟。":
        alt += "."
    return f"{alt} {reads}".strip()
