"""The album file format: parsing and validation, with path:line problems."""

from __future__ import annotations

import textwrap

from campaign_gallery.album_file import parse_album_file
from campaign_gallery.albums import check_album

FOLDER = "content/gallery/kind"
LANGS = ("en", "fr", "ar")


def text(source: str) -> bytes:
    return textwrap.dedent(source).lstrip("\n").encode()


EN = text(
    """
    Title: Kind things
    Summary: Pictures of kind things,
        on two lines.
    Date: 2026-02-07
    Cover: b.jpg

    Image: a.jpg
    Alt: A red heart.
    Caption: The first one.
    Credit: Lina, 15

    Image: b.jpg
    Alt: A blue
        chain.
    """
)
FR = text(
    """
    Title: Choses gentilles

    Image: b.jpg
    Alt: Une chaîne bleue.
    Caption: La deuxième.
    """
)


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def test_a_valid_album():
    source, problems = check_album(
        "kind", FOLDER, ["a.jpg", "b.jpg", "album.en.md", "album.fr.md"],
        {"album.en.md": EN, "album.fr.md": FR}, LANGS,
    )  # fmt: skip
    assert [p for p in problems if p.severity == "error"] == []
    assert source.cover == "b.jpg"
    assert source.date.isoformat() == "2026-02-07T00:00:00"
    assert [photo.file for photo in source.photos] == ["a.jpg", "b.jpg"]
    assert source.texts["en"].summary == "Pictures of kind things, on two lines."
    a, b = source.photos
    assert b.texts["en"].alt == "A blue chain."
    assert (a.texts["en"].caption, a.texts["en"].credit, a.texts["en"].line) == (
        "The first one.",
        "Lina, 15",
        7,
    )
    assert b.texts["fr"].alt == "Une chaîne bleue." and b.texts["fr"].lang == "fr"
    # a.jpg has no French text: the English one is used, marked as English, with a warning
    assert a.texts["fr"].alt == "A red heart." and a.texts["fr"].lang == "en"
    assert a.texts["fr"].credit == "Lina, 15"
    (warning,) = problems
    assert warning.severity == "warning" and warning.path == f"{FOLDER}/album.fr.md"
    assert "no text for a.jpg" in warning.message


def test_missing_alt_is_an_error_naming_file_and_line():
    doc = parse_album_file(
        f"{FOLDER}/album.en.md",
        "en",
        text(
            """
            Title: T
            Date: 2026-02-07

            Image: a.jpg
            Caption: no alt here

            Image: b.jpg
            Alt:
            """
        ),
    )
    found = messages(doc.problems)
    assert f"{FOLDER}/album.en.md:4: a.jpg: the picture has no alt text" in found[0]
    assert f"{FOLDER}/album.en.md:8: b.jpg: the picture has no alt text" in found[1]
    assert all(problem.severity == "error" and not problem.skips for problem in doc.problems)


def test_a_picture_without_alt_is_not_published():
    en = text(
        """
        Title: T
        Date: 2026-02-07

        Image: a.jpg
        Alt: Fine.

        Image: b.jpg
        """
    )
    source, problems = check_album("kind", FOLDER, ["a.jpg", "b.jpg"], {"album.en.md": en}, LANGS)
    assert [photo.file for photo in source.photos] == ["a.jpg"]
    assert any("b.jpg: the picture has no alt text" in str(p) for p in problems)


def test_unknown_and_misplaced_keys():
    doc = parse_album_file(
        f"{FOLDER}/album.en.md",
        "en",
        text(
            """
            Title: T
            Alt: too early
            Date: 2026-02-07
            Colour: red

            Image: a.jpg
            Alt: ok
            Captoin: typo
            Title: late
            Alt: twice
            just some words
            """
        ),
    )
    found = messages(doc.problems)
    assert found == [
        f"{FOLDER}/album.en.md:2: 'Alt:' comes before any 'Image:' line; put it under the "
        "'Image: file.jpg' line of its picture; see 'Gallery' in docs/content-guide.md",
        f"{FOLDER}/album.en.md:4: unknown key 'Colour:'; see 'Gallery' in docs/content-guide.md",
        f"{FOLDER}/album.en.md:8: unknown key 'Captoin:'; did you mean 'Caption:'?",
        f"{FOLDER}/album.en.md:9: 'Title:' belongs to the album header; move it to the top of "
        "the file, before the first 'Image:' line",
        f"{FOLDER}/album.en.md:10: 'Alt:' is given twice for a.jpg; keep only one",
        f"{FOLDER}/album.en.md:11: this line is not a 'Key: value' line: 'just some words'; "
        "write 'Image: file.jpg', 'Alt: ...', 'Caption: ...' or 'Credit: ...' (a long text may "
        "continue on indented lines)",
    ]


def test_header_checks():
    doc = parse_album_file(
        f"{FOLDER}/album.en.md",
        "en",
        text(
            """
            Summary: no title
            Date: 07/02/2026
            Status: maybe
            """
        ),
    )
    found = messages(doc.problems)
    assert found[0].startswith(f"{FOLDER}/album.en.md:1: the album has no title")
    assert found[1].startswith(f"{FOLDER}/album.en.md:2: the date '07/02/2026' is not a valid")
    assert found[2].startswith(f"{FOLDER}/album.en.md:3: unknown status 'maybe'")


def test_files_against_the_folder():
    en = text(
        """
        Title: T
        Date: 2026-02-07
        Cover: nope.jpg

        Image: a.jpg
        Alt: A.

        Image: Missing.JPG
        Alt: M.

        Image: a.jpg
        Alt: again

        Image: sub/c.jpg
        Alt: C.

        Image: notes.txt
        Alt: N.
        """
    )
    source, problems = check_album(
        "kind",
        FOLDER,
        ["a.jpg", "missing.jpg", "extra.png", "notes.txt", "album.en.md", "album.de.md"],
        {"album.en.md": en, "album.de.md": b"Title: x\n"},
        LANGS,
    )
    found = messages(problems)
    path = f"{FOLDER}/album.en.md"
    expected = [
        f"{FOLDER}/album.de.md:1: album.de.md is not named album.<lang>.md with a language",
        f"{path}:11: a.jpg is listed twice (first on line 5)",
        f"{path}:14: 'Image: sub/c.jpg' must be a file name only",
        f"{path}:17: 'notes.txt' is not a picture file name",
        f"{FOLDER}/notes.txt:1: warning: this file is neither a picture nor an album file",
        f"{path}:8: the picture Missing.JPG is not in {FOLDER}/; did you mean 'Image: missing.jpg'?",
        f"{FOLDER}/extra.png:1: this picture is not listed in album.en.md, so it is not published",
        f"{FOLDER}/missing.jpg:1: this picture is not listed in album.en.md",
        f"{path}:3: the cover 'nope.jpg' is not listed in this file",
    ]
    for start in expected:
        assert any(message.startswith(start) for message in found), (start, found)
    assert len(found) == len(expected)
    assert [photo.file for photo in source.photos] == ["a.jpg"]
    assert source.cover == "a.jpg"


def test_translation_checks():
    fr = text(
        """
        Title: T fr
        Date: 2026-03-01

        Image: b.jpg
        Alt: B fr.

        Image: other.jpg
        Alt: ?
        """
    )
    source, problems = check_album(
        "kind",
        FOLDER,
        ["a.jpg", "b.jpg", "other.jpg"],
        {"album.en.md": EN, "album.fr.md": fr},
        LANGS,
    )
    found = messages(problems)
    assert any(
        m.startswith(
            f"{FOLDER}/album.fr.md:2: warning: 'Date: 2026-03-01' differs from album.en.md"
        )
        for m in found
    )
    assert any(
        m.startswith(f"{FOLDER}/album.fr.md:7: other.jpg is not listed in album.en.md")
        for m in found
    )
    assert source.date.isoformat().startswith("2026-02-07")


def test_an_album_captioned_only_in_french_has_a_french_original():
    source, problems = check_album(
        "kind", FOLDER, ["b.jpg", "album.fr.md"], {"album.fr.md": FR}, LANGS
    )
    assert source is not None and source.original_lang == "fr"
    assert source.original == f"{FOLDER}/album.fr.md" and list(source.texts) == ["fr"]
    assert [photo.file for photo in source.photos] == ["b.jpg"]
    assert source.photos[0].texts["fr"].alt == "Une chaîne bleue."
    assert not any("album.en.md" in str(p) for p in problems)


def test_no_album_file_no_album():
    source, problems = check_album("kind", FOLDER, ["a.jpg"], {}, LANGS)
    assert source is None
    assert any(
        str(p).startswith(f"{FOLDER}: the album has no album.<lang>.md file") for p in problems
    )


def test_two_album_files_claiming_the_original():
    fr = b"Original: yes\nTitle: fr\nDate: 2026-02-01\n\nImage: a.jpg\nAlt: a\n"
    ar = b"Original: yes\nTitle: ar\nDate: 2026-02-01\n\nImage: a.jpg\nAlt: a\n"
    source, problems = check_album(
        "kind", FOLDER, ["a.jpg"], {"album.fr.md": fr, "album.ar.md": ar}, LANGS
    )
    assert source is not None and source.original_lang == "fr"
    assert any(
        str(p).startswith(
            f"{FOLDER}/album.ar.md:1: two album files say they are the original of kind: "
            f"{FOLDER}/album.fr.md and this one"
        )
        for p in problems
    )


def test_bad_folder_name_and_unreadable_files():
    source, problems = check_album("My Album", "content/gallery/My Album", [], {}, LANGS)
    assert source is None and "may only use a-z" in problems[0].message
    doc = parse_album_file(f"{FOLDER}/album.en.md", "en", b"Title: caf\xe9\n")
    assert str(doc.problems[0]).startswith(f"{FOLDER}/album.en.md:1: the file is not valid UTF-8")
    doc = parse_album_file(f"{FOLDER}/album.en.md", "en", b"  \n")
    assert doc.problems[0].message == "the album file is empty"


def test_windows_line_endings_and_bom():
    data = "\ufeffTitle: T\r\nDate: 2026-02-07\r\n\r\nImage: a.jpg\r\nAlt: A.\r\n".encode()
    doc = parse_album_file(f"{FOLDER}/album.en.md", "en", data)
    assert doc.problems == []
    assert doc.meta["title"] == "T" and doc.blocks[0].alt == "A."


def test_photo_slugs_and_collisions():
    en = text(
        """
        Title: T
        Date: 2026-02-07

        Image: IMG_0001.jpg
        Alt: A.

        Image: img-0001.png
        Alt: B.
        """
    )
    source, problems = check_album(
        "kind", FOLDER, ["IMG_0001.jpg", "img-0001.png"], {"album.en.md": en}, LANGS
    )
    assert [photo.slug for photo in source.photos] == ["img-0001"]
    assert any("would share the address gallery/kind/img-0001/" in str(p) for p in problems)
