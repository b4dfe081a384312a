"""An album as a whole: its folder's pictures and its files in every language, checked
together (``check_album``). One file alone is parsed by ``album_file.py``.

Pure: takes bytes, file names and language codes; returns values and ``Problem``s located
as ``path:line``. The original file (``campaign_i18n.originals``: marked ``Original: yes``,
else the default language's, else the only one) decides which pictures the album has and
in which order; the translations give the texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from difflib import get_close_matches
from pathlib import PurePosixPath

from campaign_i18n.originals import choose_original, marked_original
from campaign_site.problems import Problem
from campaign_site.source import SLUG_RE, parse_date
from campaign_site.urls import slugify

from .album_file import (
    ALBUM_FILE_RE,
    GUIDE,
    HEADER_KEYS,
    IMAGE_SUFFIXES,
    AlbumFile,
    ImageBlock,
    parse_album_file,
)


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
