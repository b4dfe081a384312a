"""Album metadata files (``content/gallery/<album>/album.<lang>.md``): parse and validate.

Pure: takes bytes, file names and language codes; returns values and ``Problem``s located
as ``path:line``. Knows nothing of Pelican, of pictures' pixels or of URLs.

The format (documented for editors in docs/content-guide.md, "Gallery")::

    Title: No Hate Chain
    Summary: Supporters sent us pictures of their paper chains against hate.
    Date: 2026-02-07
    Cover: heart-chain.jpg

    Image: heart-chain.jpg
    Alt: A chain of paper hearts hanging across a classroom window.
    Caption: Our classroom window on Action Day.
    Credit: Drawing: Lina, 15

    Image: ...

Header keys come before the first ``Image:`` line; every ``Image:`` line starts the block of
one picture, whose ``Alt:``, ``Caption:`` and ``Credit:`` follow it. Blank lines are only for
readability; an indented line continues the value above it. The default language's file
decides which pictures the album has and in which order; translations give the texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from difflib import get_close_matches
from pathlib import PurePosixPath

from campaign_i18n.originals import choose_original, marked_original
from campaign_site.problems import Problem
from campaign_site.source import SLUG_RE, parse_date
from campaign_site.urls import slugify

HEADER_KEYS = {
    "title": "Title",
    "summary": "Summary",
    "date": "Date",
    "cover": "Cover",
    "status": "Status",
    "original": "Original",
}
IMAGE_KEYS = {"image": "Image", "alt": "Alt", "caption": "Caption", "credit": "Credit"}
ALL_KEYS = {**HEADER_KEYS, **IMAGE_KEYS}
STATUSES = ("published", "draft")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
ALBUM_FILE_RE = re.compile(r"^album(?:\.([^.]+))?\.md$")
KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
GUIDE = "see 'Gallery' in docs/content-guide.md"


@dataclass
class ImageBlock:
    """One ``Image:`` block as written in one language's file."""

    file: str
    line: int
    alt: str = ""
    caption: str = ""
    credit: str = ""
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class AlbumFile:
    """One parsed ``album.<lang>.md``."""

    path: str  # project-relative, e.g. content/gallery/no-hate-chain/album.en.md
    lang: str
    meta: dict[str, str] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    blocks: list[ImageBlock] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    def line_of(self, key: str) -> int:
        return self.meta_lines.get(key, 1)

    def problem(self, line: int, message: str, fix: str = "", *, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, message, fix, severity, skips=False))

    def block(self, name: str) -> ImageBlock | None:
        return next((block for block in self.blocks if block.file == name), None)


def parse_album_file(path: str, lang: str, data: bytes) -> AlbumFile:
    """Read one album file on its own: keys, blocks and the problems of this file alone."""
    doc = AlbumFile(path=path, lang=lang)
    if not data.strip():
        doc.readable = False
        doc.problem(
            0,
            "the album file is empty",
            f"start it with 'Title: ...' and 'Date: ...', then one 'Image:' block per picture; "
            f"{GUIDE}",
        )
        return doc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        doc.readable = False
        doc.problem(
            data[: error.start].count(b"\n") + 1,
            "the file is not valid UTF-8 text",
            'save it again as UTF-8 in your editor ("Save with encoding" > UTF-8)',
        )
        return doc
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    _read_lines(doc, text.split("\n"))
    _check_file(doc)
    return doc


def _read_lines(doc: AlbumFile, lines: list[str]) -> None:
    current: ImageBlock | None = None
    last: tuple[dict[str, str] | ImageBlock, str] | None = None  # where a continuation goes
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            last = None
            continue
        if line[:1] in (" ", "\t") and last is not None:
            target, key = last
            if isinstance(target, ImageBlock):
                setattr(target, key, (getattr(target, key) + " " + line.strip()).strip())
            else:
                target[key] = (target[key] + " " + line.strip()).strip()
            continue
        match = KEY_RE.match(line.strip())
        if not match:
            doc.problem(
                number,
                f"this line is not a 'Key: value' line: {line.strip()[:60]!r}",
                "write 'Image: file.jpg', 'Alt: ...', 'Caption: ...' or 'Credit: ...' "
                "(a long text may continue on indented lines)",
            )
            last = None
            continue
        raw_key, value = match.group(1), match.group(2).strip()
        key = raw_key.lower()
        if key not in ALL_KEYS:
            close = get_close_matches(key, list(ALL_KEYS), n=1, cutoff=0.6)
            hint = f"did you mean '{ALL_KEYS[close[0]]}:'?" if close else GUIDE
            doc.problem(number, f"unknown key '{raw_key}:'", hint)
            last = None
            continue
        if key == "image":
            current = ImageBlock(file=value, line=number, lines={"image": number})
            doc.blocks.append(current)
            last = None
            continue
        if key in HEADER_KEYS:
            if current is not None:
                doc.problem(
                    number,
                    f"'{HEADER_KEYS[key]}:' belongs to the album header",
                    "move it to the top of the file, before the first 'Image:' line",
                )
                last = None
            elif key in doc.meta:
                doc.problem(number, f"'{HEADER_KEYS[key]}:' is given twice", "keep only one")
                last = None
            else:
                doc.meta[key] = value
                doc.meta_lines[key] = number
                last = (doc.meta, key)
            continue
        # Alt, Caption, Credit
        if current is None:
            doc.problem(
                number,
                f"'{IMAGE_KEYS[key]}:' comes before any 'Image:' line",
                f"put it under the 'Image: file.jpg' line of its picture; {GUIDE}",
            )
            last = None
        elif key in current.lines:
            doc.problem(
                number,
                f"'{IMAGE_KEYS[key]}:' is given twice for {current.file}",
                "keep only one",
            )
            last = None
        else:
            setattr(current, key, value)
            current.lines[key] = number
            last = (current, key)


def _check_file(doc: AlbumFile) -> None:
    meta = doc.meta
    if not meta.get("title", "").strip():
        doc.problem(
            doc.line_of("title") if "title" in meta else 1,
            "the album has no title",
            "add a line 'Title: ...' at the top of the file",
        )
    date = meta.get("date", "").strip()
    if date and parse_date(date) is None:
        doc.problem(
            doc.line_of("date"),
            f"the date {date!r} is not a valid date",
            "write it as 'Date: YYYY-MM-DD' or 'Date: YYYY-MM-DD HH:MM'",
        )
    status = meta.get("status", "published").strip().lower()
    if status not in STATUSES:
        doc.problem(
            doc.line_of("status"),
            f"unknown status {status!r}",
            "write 'Status: published' or 'Status: draft'",
        )
    seen: dict[str, int] = {}
    kept = []
    for block in doc.blocks:
        name = block.file
        if not name:
            doc.problem(block.line, "'Image:' gives no file name", "write 'Image: file.jpg'")
            continue
        if "/" in name or "\\" in name:
            doc.problem(
                block.line,
                f"'Image: {name}' must be a file name only",
                f"put the picture in the album's folder and write "
                f"'Image: {PurePosixPath(name.replace(chr(92), '/')).name}'",
            )
            continue
        if not name.lower().endswith(IMAGE_SUFFIXES):
            doc.problem(
                block.line,
                f"{name!r} is not a picture file name",
                "use a .jpg, .jpeg, .png, .webp or .gif picture",
            )
            continue
        if name in seen:
            doc.problem(
                block.line,
                f"{name} is listed twice (first on line {seen[name]})",
                "keep one 'Image:' block per picture",
            )
            continue
        seen[name] = block.line
        if not block.alt.strip():
            doc.problem(
                block.lines.get("alt", block.line),
                f"{name}: the picture has no alt text",
                "add 'Alt: ...' under its 'Image:' line, describing what the picture shows "
                "for people who cannot see it",
            )
        kept.append(block)
    doc.blocks = kept


# -- the album as a whole -------------------------------------------------------------------


@dataclass
class PhotoText:
    alt: str
    caption: str
    credit: str
    lang: str  # the language of this text (the original's when not translated)
    line: int


@dataclass
class AlbumPhoto:
    """One picture of the album, in the original's order, with its texts per language."""

    file: str
    slug: str  # the photo page's name in URLs
    line: int  # its 'Image:' line in the original file
    texts: dict[str, PhotoText] = field(default_factory=dict)


@dataclass
class AlbumText:
    lang: str
    path: str
    title: str
    summary: str


@dataclass
class AlbumSource:
    """A checked album: what every language version is made of."""

    slug: str
    folder: str  # project-relative, e.g. content/gallery/no-hate-chain
    original: str  # project-relative path of the original's file (any language)
    date: datetime | None
    draft: bool
    cover: str  # file name of the cover picture
    photos: list[AlbumPhoto] = field(default_factory=list)
    texts: dict[str, AlbumText] = field(default_factory=dict)  # languages with a file
    original_lang: str = ""  # the original's language code

    def photo(self, name: str) -> AlbumPhoto | None:
        return next((photo for photo in self.photos if photo.file == name), None)


def check_album(
    slug: str,
    folder: str,
    names: list[str],
    files: dict[str, bytes],
    languages: tuple[str, ...],
) -> tuple[AlbumSource | None, list[Problem]]:
    """Validate one album folder.

    ``folder`` is project-relative; ``names`` lists every file in it (not hidden ones);
    ``files`` maps the album files' names (``album.en.md``) to their bytes; ``languages`` are
    the site's language codes, the default first. Returns ``None`` when nothing can be
    published.
    """
    default = languages[0]
    problems: list[Problem] = []
    where = lambda name: f"{folder}/{name}"  # noqa: E731
    if not SLUG_RE.match(slug):
        problems.append(
            Problem(
                folder,
                0,
                f"the album folder name {slug!r} may only use a-z, 0-9 and hyphens",
                f"rename the folder, e.g. to {slugify(slug) or 'my-album'!r}",
                skips=True,
            )
        )
        return None, problems
    docs: dict[str, AlbumFile] = {}
    for name in sorted(files):
        match = ALBUM_FILE_RE.match(name)
        lang = match.group(1) if match else None
        if not lang or lang not in languages:
            problems.append(
                Problem(
                    where(name),
                    0,
                    f"{name} is not named album.<lang>.md with a language of the site",
                    f"name it album.{default}.md (or album.<lang>.md for a translation: "
                    f"{', '.join(languages)})",
                    skips=True,
                )
            )
            continue
        docs[lang] = parse_album_file(where(name), lang, files[name])
    for doc in docs.values():
        problems.extend(doc.problems)
    readable = [lang for lang, doc in docs.items() if doc.readable]
    if not readable:
        if not docs:
            problems.append(
                Problem(
                    folder,
                    0,
                    f"the album has no album.<lang>.md file (e.g. album.{default}.md), so it "
                    "is not published",
                    f"add album.{default}.md with the title and one 'Image:' block per "
                    f"picture; {GUIDE}",
                    skips=True,
                )
            )
        return None, problems
    choice = choose_original(
        readable,
        [lang for lang in readable if marked_original(docs[lang].meta.get("original"))],
        languages,
    )
    problems.extend(_original_problems(docs, choice, slug, languages[0]))
    default = choice.lang  # from here on: the original's language
    original = docs[default]

    pictures = sorted(
        name
        for name in names
        if name.lower().endswith(IMAGE_SUFFIXES) and not ALBUM_FILE_RE.match(name)
    )
    for name in sorted(set(names) - set(pictures) - set(files)):
        problems.append(
            Problem(
                where(name),
                0,
                "this file is neither a picture nor an album file; it is ignored",
                "remove it from the album folder (pictures: .jpg, .png, .webp, .gif)",
                "warning",
                skips=False,
            )
        )

    date_text = original.meta.get("date", "").strip()
    date = parse_date(date_text) if date_text else None
    if not date_text:
        problems.append(
            Problem(
                original.path,
                1,
                "'Date:' is missing",
                "add 'Date: YYYY-MM-DD' (the album's date, used to sort the gallery)",
                skips=False,
            )
        )

    photos: list[AlbumPhoto] = []
    slugs: dict[str, str] = {}
    for block in original.blocks:
        if block.file not in pictures:
            problems.append(_missing_file(original, block, pictures, folder))
            continue
        if not block.alt.strip():
            continue  # reported by the file check; a picture without alt is not published
        stem_slug = slugify(PurePosixPath(block.file).stem) or f"photo-{len(photos) + 1}"
        if stem_slug in slugs:
            problems.append(
                Problem(
                    original.path,
                    block.line,
                    f"{block.file} and {slugs[stem_slug]} would share the address "
                    f"gallery/{slug}/{stem_slug}/",
                    "rename one of the two files (and its 'Image:' line)",
                    skips=False,
                )
            )
            continue
        slugs[stem_slug] = block.file
        photo = AlbumPhoto(block.file, stem_slug, block.line)
        photo.texts[default] = PhotoText(
            block.alt.strip(), block.caption.strip(), block.credit.strip(), default, block.line
        )
        photos.append(photo)
    listed = {block.file for block in original.blocks}
    for name in pictures:
        if name not in listed:
            problems.append(
                Problem(
                    where(name),
                    0,
                    f"this picture is not listed in album.{default}.md, so it is not published",
                    f"add a block 'Image: {name}' with its 'Alt: ...' to album.{default}.md, "
                    "or delete the file",
                    skips=False,
                )
            )

    source = AlbumSource(
        slug=slug,
        folder=folder,
        original=original.path,
        date=date,
        draft=original.meta.get("status", "").strip().lower() == "draft",
        original_lang=default,
        cover="",
        photos=photos,
    )
    source.texts[default] = AlbumText(
        default,
        original.path,
        original.meta.get("title", "").strip() or slug,
        original.meta.get("summary", "").strip(),
    )
    by_file = {photo.file: photo for photo in photos}
    cover = original.meta.get("cover", "").strip()
    if cover and cover not in by_file:
        if cover in listed:
            reason = "is not one of the album's published pictures"
        else:
            reason = "is not listed in this file"
        problems.append(
            Problem(
                original.path,
                original.line_of("cover"),
                f"the cover {cover!r} {reason}",
                "give the file name of one of the 'Image:' blocks below",
                skips=False,
            )
        )
        cover = ""
    source.cover = cover or (photos[0].file if photos else "")

    for lang in languages:
        translation = docs.get(lang) if lang != default else None
        if translation is None or not translation.readable:
            continue
        _merge_translation(source, original, translation, by_file, listed, problems)
    return source, problems


def _original_problems(
    docs: dict[str, AlbumFile], choice, slug: str, default: str
) -> list[Problem]:
    """Say which album file was taken as the original when it is not obvious, and refuse a
    second file that claims to be it."""
    problems = []
    taken = docs[choice.lang]
    for lang in choice.disputed:
        problems.append(
            Problem(
                docs[lang].path,
                docs[lang].line_of("original"),
                f"two album files say they are the original of {slug}: {taken.path} and this "
                "one; the first is used",
                "keep 'Original: yes' in one file only",
                skips=False,
            )
        )
    if not choice.obvious:
        problems.append(
            Problem(
                taken.path,
                1,
                f"the album has no album.{default}.md and no file says 'Original: yes': "
                f"{taken.path} is taken as the original",
                "add 'Original: yes' to the album file that is the original (it decides the "
                "pictures, the date and the cover)",
                "warning",
                skips=False,
            )
        )
    return problems


def _missing_file(doc: AlbumFile, block: ImageBlock, pictures: list[str], folder: str) -> Problem:
    close = get_close_matches(block.file, pictures, n=1, cutoff=0.6)
    close += [name for name in pictures if name.lower() == block.file.lower()]
    fix = (
        f"did you mean 'Image: {close[-1]}'? (file names are case-sensitive)"
        if close
        else f"put the picture in {folder}/ or remove its block"
    )
    return Problem(
        doc.path, block.line, f"the picture {block.file} is not in {folder}/", fix, skips=False
    )


def _merge_translation(
    source: AlbumSource,
    original: AlbumFile,
    doc: AlbumFile,
    by_file: dict[str, AlbumPhoto],
    listed: set[str],
    problems: list[Problem],
) -> None:
    default = original.lang
    source.texts[doc.lang] = AlbumText(
        doc.lang,
        doc.path,
        doc.meta.get("title", "").strip() or source.texts[default].title,
        doc.meta.get("summary", "").strip(),
    )
    for key in ("date", "cover", "status"):
        value = doc.meta.get(key, "").strip()
        if value and value != original.meta.get(key, "").strip():
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(key),
                    f"'{HEADER_KEYS[key]}: {value}' differs from album.{default}.md and is ignored",
                    f"the album's {HEADER_KEYS[key]} is set in album.{default}.md only; "
                    "remove this line",
                    "warning",
                    skips=False,
                )
            )
    for block in doc.blocks:
        photo = by_file.get(block.file)
        if photo is None:
            if block.file not in listed:
                problems.append(
                    Problem(
                        doc.path,
                        block.line,
                        f"{block.file} is not listed in album.{default}.md",
                        f"list the picture in album.{default}.md first (it decides the "
                        "album's pictures), or check the file name",
                        skips=False,
                    )
                )
            continue
        if not block.alt.strip():
            continue  # reported; the original's text is shown instead
        credit = block.credit.strip() or photo.texts[default].credit  # names: no translation
        photo.texts[doc.lang] = PhotoText(
            block.alt.strip(), block.caption.strip(), credit, doc.lang, block.line
        )
    missing = [photo.file for photo in source.photos if doc.lang not in photo.texts]
    absent = [name for name in missing if doc.block(name) is None]
    if absent:
        problems.append(
            Problem(
                doc.path,
                0,
                f"no text for {', '.join(absent)}: shown with the album.{default}.md text",
                "add an 'Image:' block with 'Alt:' (and 'Caption:') for each of them",
                "warning",
                skips=False,
            )
        )
    for photo in source.photos:
        if doc.lang not in photo.texts:
            original_text = photo.texts[default]
            photo.texts[doc.lang] = PhotoText(
                original_text.alt,
                original_text.caption,
                original_text.credit,
                default,
                original_text.line,
            )
