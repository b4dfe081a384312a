"""Every page's social card (``og:image``): the brand, the section and the title, drawn in
the page's language by ``campaign_memes.card``; a meme's card is its square picture on
the brand background.

Pure (no Pelican import). ``SocialCards.start`` runs when the pictures are published,
once every page is known (the gallery's too): it works out each page's words, names the
card by a key of everything that changes its pixels (the words, their language and
direction, the brand, the fonts and the drawing code) and gives the page the card's URL
and words (for ``og:image:alt``) in ``data["page_card"]``, which the page's fingerprint
covers: a page is rendered again exactly when its card changes. Pages with the same words
share one card.

Only the cards missing from ``<cache>/cards/`` are drawn, and beside the build: a page
needs its card's URL, not its pixels, so the cards are drawn by a low-priority background
process (``parallel.Background``, a batch of cards per task: a card takes a few
milliseconds) while the pages are rendered, the feeds written and the search index built.
The ends of those phases leave a core idle for many seconds on a large site (Pagefind
indexes on one core), which the cards fill instead of adding a phase of their own to the
build. ``SocialCards.finish`` runs when the build finishes writing
(``background.BackgroundWriter``): the cards not drawn by then are drawn on every core.
Each card is hard-linked into ``images/card-<key>.jpg`` (the images folder, served as
immutable) and recorded with the writer (its key as its fingerprint, so that the next
build keeps it with ``reuse``), so that cards no page uses any more are removed like every
stale file.

A card that cannot be drawn (a title in a script the fonts lack) is reported on the line
of the page's ``Title:`` and the page keeps the site's generic card; that is known before
drawing. A card whose drawing fails all the same (a full disk) is reported on the same
line when the build finishes; its page names it, and the next build draws it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL
from PIL import Image, features

from campaign_memes import card as card_module
from campaign_memes.card import (
    BRAND,
    CardWords,
    card_jpeg,
    card_key,
    check_card,
    compose_meme_card,
    encode_card,
)
from campaign_memes.text import Fonts, MemeError, Writing

from . import safety
from .cache import cache_unusable, code_digest
from .files import atomic_write, link_or_copy
from .parallel import Background
from .problems import Problem
from .render import TAGLINE

if TYPE_CHECKING:
    from .pages import PageSpec
    from .site_api import Campaign, Writer

logger = logging.getLogger(__name__)

CARD_DIR = "images"  # served as immutable (names are content keys), beside the pictures
BATCH = 48  # cards per pool task: one task per card would spend more on the pipe
# UI strings of the catalogs (the templates' own), for the pages that have no title
TOPICS, ARCHIVES, SEARCH, GALLERY = "Topics", "Archives", "Search", "Gallery"
# the card's title of the pages that have none of their own, and the card's section heading
# of those whose title is a name (a topic, an album), by kind of page
KIND_TITLES = {"home": TAGLINE, "tags": TOPICS, "archives": ARCHIVES}
KIND_TITLES |= {"search": SEARCH, "gallery": GALLERY}
KIND_SECTIONS = {"tag": TOPICS, "album": GALLERY}
# the headings of the theme's checklist_<section>.html pages (a section without one: its title)
CHECKLIST_TITLES = {"hints": "Fake news checklist"}
_TITLE_LINE = re.compile(r"^\s*title\s*:", re.I)

# A picture the build drew (a meme's square, by its image-service name) -> (its content
# key, the trusted folder it is in, its file), or None.
Drawn = Callable[[str], tuple[str, Path, Path] | None]


@cache
def drawer_digest() -> str:
    """The card code and the libraries that draw (Pillow, raqm): part of every card key."""
    versions = f"{PIL.__version__}:{features.version('raqm')}"
    code = code_digest(Path(card_module.__file__))
    return hashlib.sha256(f"{versions}:{code}".encode()).hexdigest()


@dataclass(frozen=True)
class CardJob:
    """One card to draw into its cache file: from words, or from a meme's square."""

    target: Path  # its cache file
    output: Path  # its file in the output folder (a hard link to the cache file)
    words: CardWords | None = None
    square: tuple[Path, Path] | None = None  # a meme's square: (trusted folder, PNG file)
    writing: Writing | None = None  # a meme's card: which side the mark goes


@dataclass(frozen=True)
class CardBatch:
    fonts: Fonts
    jobs: tuple[CardJob, ...]


@dataclass(frozen=True)
class DrawnCard:
    """A card drawn into the output folder: its size, and whether its cache file holds it."""

    size: int
    cached: bool = True


def draw_batch(batch: CardBatch) -> list[DrawnCard | str]:
    """Background task: draw each card, write its JPEG to its cache file and link it into
    the output folder (written there directly when the cache cannot be written). For each,
    what was drawn, or an error sentence when it cannot be drawn or written."""
    results: list[DrawnCard | str] = []
    for job in batch.jobs:
        try:
            if job.square is not None:
                root, path = job.square
                data = safety.read_bytes(root, path, safety.PICTURE_MAX_BYTES)
                with Image.open(io.BytesIO(data)) as square:
                    picture = compose_meme_card(square, job.writing or Writing("en"))
                data = encode_card(picture)
            else:
                assert job.words is not None
                data = card_jpeg(job.words, batch.fonts)
        except MemeError as error:
            results.append("; ".join(issue.message for issue in error.issues))
            continue
        except (OSError, ValueError, safety.Refused) as error:
            results.append(f"the card could not be drawn ({error.__class__.__name__}: {error})")
            continue
        try:
            atomic_write(job.target, data)
            link_or_copy(job.target, job.output)
            results.append(DrawnCard(len(data)))
        except OSError:
            try:
                atomic_write(job.output, data)
            except OSError as error:
                results.append(f"the card could not be written ({error.strerror or error})")
                continue
            results.append(DrawnCard(len(data), cached=False))
    return results


@dataclass
class CardStats:
    pages: int = 0  # pages with a card of their own
    cards: int = 0  # distinct cards
    drawn: int = 0
    cached: int = 0
    seconds: float = 0.0  # the build's own time: planning, then waiting for the drawing
    cpu: float = 0.0  # CPU seconds of this process and of the background workers


@dataclass
class _Card:
    name: str  # output path
    key: str
    job: CardJob
    pages: list[PageSpec] = field(default_factory=list)  # the pages showing it
    alt: str = ""


class SocialCards:
    """The social cards of one build: ``start``, then ``finish`` before the build ends."""

    def __init__(self, campaign: Campaign, fonts: Fonts, folder: Path, workers: int):
        self.campaign = campaign
        self.fonts = fonts
        self.folder = folder  # <cache>/cards
        self.workers = max(1, workers)
        self.stats = CardStats()
        self.problems: set[Problem] = set()
        self._texts: dict[str, tuple[Writing, str, Callable[[str], str]]] = {}
        self._writer: Writer | None = None
        self._todo: list[_Card] = []  # the cards being drawn, in the order of their batches
        self._drawing: Background | None = None

    def start(self, writer: Writer, drawn: Drawn) -> list[Problem]:
        """Give every page its card, keep the cards already made and start drawing the
        missing ones in the background; the problems met so far (``finish`` waits)."""
        started, cpu = time.perf_counter(), time.process_time()
        cards = self._plan(drawn, writer.output)
        (writer.output / CARD_DIR).mkdir(parents=True, exist_ok=True)
        for card in cards.values():
            self._give(card)  # its URL is known before it is drawn: pages are rendered meanwhile
            # already in the output folder, as the last build made it: kept, not written
            # again (so no content_written signal either)
            if writer.reuse(card.name, card.key):
                self.stats.cached += 1
                continue
            try:
                size = card.job.target.stat().st_size
            except OSError:
                self._todo.append(card)
                continue
            self._emit(writer, card, size)
            self.stats.cached += 1
        # one language after the other: a worker then draws the words of fewer languages
        self._todo.sort(key=lambda card: card.pages[0].lang)
        batches = [
            CardBatch(self.fonts, tuple(card.job for card in self._todo[start : start + BATCH]))
            for start in range(0, len(self._todo), BATCH)
        ]
        self._writer = writer
        self._drawing = Background(draw_batch, batches, self.workers)
        self.stats.cards = len(cards)
        self.stats.seconds = time.perf_counter() - started
        self.stats.cpu = time.process_time() - cpu
        problems, self.problems = sorted(self.problems), set()
        return problems

    def finish(self) -> list[Problem]:
        """Wait for the cards being drawn and record them with the writer; the problems of
        those that could not be drawn."""
        if self._writer is None or self._drawing is None:
            return []
        writer, drawing = self._writer, self._drawing
        started, cpu = time.perf_counter(), time.process_time()
        for index, outcome in drawing.results():
            group = self._todo[index * BATCH : (index + 1) * BATCH]
            if isinstance(outcome, BaseException):
                outcome = [f"the card could not be drawn ({outcome})"] * len(group)
            for card, result in zip(group, outcome, strict=True):
                if isinstance(result, str):
                    self._failed(card, result)
                    continue
                if not result.cached:
                    cache_unusable(card.job.target, "cannot be written")
                # the worker put it into the output folder: recorded, not linked again
                self._emit(writer, card, result.size, linked=True)
                self.stats.drawn += 1
        self._writer = self._drawing = None
        self.stats.seconds += time.perf_counter() - started
        self.stats.cpu += time.process_time() - cpu + drawing.cpu
        logger.info(
            "campaign: social cards: %d pages, %d cards: %d drawn beside the build, %d from "
            "cache (%.2f s of the build's own time, %.2f s CPU)",
            self.stats.pages,
            self.stats.cards,
            self.stats.drawn,
            self.stats.cached,
            self.stats.seconds,
            self.stats.cpu,
        )
        return sorted(self.problems)

    # -------------------------------------------------------------------------------------

    def _plan(self, drawn: Drawn, output: Path) -> dict[str, _Card]:
        """Every page's card, by output path (pages with the same words share one)."""
        fonts_digest = self.fonts.digest()
        code = drawer_digest()
        cards: dict[str, _Card] = {}
        for spec in self.campaign.pages:
            spec.data.pop("page_card", None)
            found = self._words(spec, drawn)
            if found is None:
                continue
            words, square, alt = found
            if square is not None:
                writing = self._language(spec.lang)[0]
                base = f"meme:{square[0]}:{writing.direction}:{BRAND.key()}"
                job = CardJob(Path(), Path(), square=(square[1], square[2]), writing=writing)
            else:
                assert words is not None
                issues = check_card(words, self.fonts)
                if issues:
                    for issue in issues:
                        self._report(spec, issue.message, issue.fix)
                    continue
                base = card_key(words, fonts_digest)
                job = CardJob(Path(), Path(), words=words)
            key = hashlib.sha256(f"{base}:{code}".encode()).hexdigest()
            name = f"{CARD_DIR}/card-{key[:20]}.jpg"
            card = cards.get(name)
            if card is None:
                target = self.folder / key[:2] / f"{key}.jpg"
                job = CardJob(target, output / name, job.words, job.square, job.writing)
                card = cards[name] = _Card(name, key, job, alt=alt)
            card.pages.append(spec)
            self.stats.pages += 1
        return cards

    def _language(self, code: str) -> tuple[Writing, str, Callable[[str], str]]:
        """A language's writing, translated site name and plain gettext (no marks)."""
        if code not in self._texts:
            catalogs = self.campaign.catalogs
            gettext = catalogs.get(code).gettext if catalogs else (lambda text: text)
            language = next(lang for lang in self.campaign.settings.languages if lang.code == code)
            sitename = self.campaign.settings.sitename
            self._texts[code] = (
                Writing(code, language.direction),
                gettext(sitename) if sitename else "",
                gettext,
            )
        return self._texts[code]

    def _section(self, name: str, gettext: Callable[[str], str]) -> str:
        texts = self.campaign.settings.section_texts.get(name)
        if texts is not None:
            return gettext(texts.title)
        return gettext(GALLERY) if name == "gallery" else name

    def _words(
        self, spec: PageSpec, drawn: Drawn
    ) -> tuple[CardWords | None, tuple[str, Path, Path] | None, str] | None:
        """(words, meme square, alt text) of a page's card; None for a page that keeps the
        generic card (the 404 pages)."""
        if spec.kind == "404":
            return None
        writing, site_name, gettext = self._language(spec.lang)
        data = spec.data
        entry = data.get("entry")
        section, title = "", spec.title
        if entry is not None:
            square = drawn(entry.pictures["square"]) if "square" in entry.pictures else None
            if square is not None:
                return None, square, entry.image_alt
            title = entry.title
            section = "" if entry.section == "pages" else self._section(entry.section, gettext)
        elif spec.kind in KIND_TITLES:
            title = gettext(KIND_TITLES[spec.kind])
        elif spec.kind in KIND_SECTIONS:  # the page's own title, under this heading
            section = gettext(KIND_SECTIONS[spec.kind])
        elif spec.kind == "list":
            title = self._section(data.get("section", ""), gettext)
        elif spec.kind == "photo" and data.get("album") is not None:
            section = data["album"].title
        elif spec.kind == "checklist":
            name = data["checklist"]
            section = self._section(name, gettext)
            title = gettext(CHECKLIST_TITLES[name]) if name in CHECKLIST_TITLES else section
        elif not title:  # another kind of page: its section's title
            name = data.get("section")
            title = self._section(name, gettext) if isinstance(name, str) else ""
        title = title or gettext(TAGLINE)
        words = CardWords(title, site_name, writing, section)
        return words, None, words.alt()

    def _give(self, card: _Card) -> None:
        for spec in card.pages:
            spec.data["page_card"] = {"url": card.name, "alt": card.alt}

    def _emit(self, writer: Writer, card: _Card, size: int, linked: bool = False) -> None:
        """Put a card into the output folder (a hard link to its cache file, unless the
        worker that drew it ``linked`` it) and record it under its key, so that the next
        build knows it without reading it."""
        if not linked:
            link_or_copy(card.job.target, card.job.output)
        # the key is also the file's fingerprint: the next build keeps it (``reuse``)
        writer.record(card.name, card.key, size, card.key)

    def _failed(self, card: _Card, message: str) -> None:
        for spec in card.pages:
            self._report(spec, message, "run the build again; if it persists, tell the developers")

    def _report(self, spec: PageSpec, message: str, fix: str) -> None:
        """A card problem, on the line of the page's title when it has a file."""
        path, line = self._where(spec)
        self.problems.add(
            Problem(
                path, line, f"the page's social card cannot be drawn: {message}", fix, skips=False
            )
        )

    def _where(self, spec: PageSpec) -> tuple[str, int]:
        entry = spec.data.get("entry")
        if entry is not None:
            content = self.campaign.settings.content_path
            return spec.source, _title_line(content, content / entry.source)
        album = spec.data.get("album")
        if album is not None and album.photos:
            folder = Path(album.photos[0].rel).parent.as_posix()
            return f"{self.campaign.settings.content_path.name}/{folder}", 0
        entries = spec.data.get("entries") if spec.kind == "tag" else None
        if entries:
            return f"{self.campaign.settings.content_path.name}/{entries[0].source}", 0
        return spec.source or f"the {spec.kind} page /{spec.url}", 0


def _title_line(root: Path, path: Path) -> int:
    """The line of ``Title:`` in a Markdown file (1 when it cannot be found)."""
    try:
        text = safety.read_bytes(root, path, safety.MARKDOWN_MAX_BYTES).decode("utf-8", "replace")
    except safety.Refused:
        return 1
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            break
        if _TITLE_LINE.match(line):
            return number
    return 1
