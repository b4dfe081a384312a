"""Real Pelican builds of small sites with albums, inline pictures and broken files."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import gallery_testkit as kit
from bs4 import BeautifulSoup
from PIL import Image

from campaign_gallery import imaging

FAST = {"CAMPAIGN_IMAGE_WIDTHS": (300, 600, 1200)}
AVIF = imaging.avif_supported()

STORY = """\
Title: Our wall
Slug: our-wall
Lang: en
Date: 2026-02-07 09:00
Author: Sofia
Age: 17
Summary: A story with pictures.

We filled a wall with kind notes.

![A wall of notes](../images/wall.jpg)

[gallery kind]

[gallery kind/b-sideways.jpg]

[gallery nope]

![The landscape again]({static}/gallery/kind/a-landscape.jpg "Seen from the wall")

[the picture's file]({static}/gallery/kind/a-landscape.jpg)
"""
ALBUM_EN = """\
Title: Kind things
Summary: Pictures of kind things.
Date: 2026-02-07
Cover: c-sticker.png

Image: a-landscape.jpg
Alt: A landscape with a red square.
Caption: The first picture.
Credit: Lina, 15

Image: b-sideways.jpg
Alt: A phone photo, stored sideways.
Caption: The second picture.

Image: c-sticker.png
Alt: A sticker with a transparent background.
"""
ALBUM_FR = """\
Title: Choses gentilles
Summary: Des images de choses gentilles.

Image: a-landscape.jpg
Alt: Un paysage avec un carré rouge.
Caption: La première image.

Image: b-sideways.jpg
Alt: Une photo de téléphone, enregistrée de côté.

Image: c-sticker.png
Alt: Un autocollant au fond transparent.
"""
ALBUM_AR = """\
Title: أشياء لطيفة

Image: a-landscape.jpg
Alt: منظر فيه مربع أحمر.

Image: b-sideways.jpg
Alt: صورة من هاتف محفوظة على جانبها.

Image: c-sticker.png
Alt: ملصق بخلفية شفافة.
"""
MEME = """\
Title: A meme
Slug: a-meme
Lang: en
Date: 2026-02-01
Image: memes/a-meme.png
ImageAlt: A meme picture.

Text.
"""


def flat(log: str) -> str:
    """The build log on one line (the terminal logger wraps long messages)."""
    return " ".join(log.split())


def counters(log: str) -> tuple[int, int]:
    match = re.search(r"(\d+) encoded, (\d+) from cache", flat(log))
    assert match, log
    return int(match.group(1)), int(match.group(2))


def make_album(site) -> None:
    site.write("stories/our-wall.en.md", STORY)
    site.write("images/wall.jpg", kit.jpeg(size=(800, 500)))
    site.write("memes/a-meme.png", kit.opaque_rgba_png(size=(700, 700)))
    site.write("memes/a-meme.en.md", MEME)
    site.write("gallery/kind/a-landscape.jpg", kit.jpeg(size=(900, 600)))
    site.write("gallery/kind/b-sideways.jpg", kit.jpeg(size=(900, 600), orientation=6))
    site.write("gallery/kind/c-sticker.png", kit.png_with_text(size=(500, 500)))
    site.write("gallery/kind/album.en.md", ALBUM_EN)
    site.write("gallery/kind/album.fr.md", ALBUM_FR)
    site.write("gallery/kind/album.ar.md", ALBUM_AR)


def output_image(output: Path, url: str) -> Path:
    assert url.startswith("/"), url
    path = output / url.lstrip("/")
    assert path.is_file(), url
    return path


def check_picture(picture, output: Path) -> tuple[int, int]:
    """Every candidate of a <picture> exists with the width it claims; returns img size."""
    sources = picture.find_all("source")
    types = [source["type"] for source in sources]
    assert types == (["image/avif"] if AVIF else []) + ["image/webp"]
    img = picture.find("img")
    assert img["decoding"] == "async"
    assert img.has_attr("alt") and img.has_attr("sizes")
    for element in [*sources, img]:
        assert element["sizes"] == img["sizes"]
        for candidate in element["srcset"].split(", "):
            url, width = candidate.rsplit(" ", 1)
            with Image.open(output_image(output, url)) as image:
                assert f"{image.width}w" == width
                assert image.format == {
                    "image/avif": "AVIF",
                    "image/webp": "WEBP",
                }.get(element.get("type"), image.format)
    with Image.open(output_image(output, img["src"])) as image:
        assert (int(img["width"]), int(img["height"])) == image.size
        assert image.format in ("JPEG", "PNG")
    return int(img["width"]), int(img["height"])


def test_albums_inline_pictures_and_shortcodes(site):
    make_album(site)
    result = site.build("--verbose", extra=FAST)
    log = flat(result.log)
    assert result.returncode == 0, result.log
    out = result.output

    # pages in every language
    for prefix in ("", "fr/", "ar/"):
        assert result.exists(f"{prefix}gallery/")
        assert result.exists(f"{prefix}gallery/kind/")
        for stem in ("a-landscape", "b-sideways", "c-sticker"):
            assert result.exists(f"{prefix}gallery/kind/{stem}/")

    # the album page: a grid of linked pictures with their alt text
    album = BeautifulSoup(result.page("gallery/kind/"), "html.parser")
    assert album.find("h1").get_text() == "Kind things"
    figures = album.select(".gallery-item")
    assert len(figures) == 3
    sizes = [check_picture(figure.find("picture"), out) for figure in figures]
    assert sizes == [(900, 600), (600, 900), (500, 500)]  # the sideways one is upright
    alts = [figure.find("img")["alt"] for figure in figures]
    assert alts[0] == "A landscape with a red square."
    assert figures[0].find("a")["href"] == "/gallery/kind/a-landscape/"
    assert figures[2].find("img")["src"].endswith(".png")  # transparency kept
    assert [f.find("img").get("loading") for f in figures] == [None] * 3  # first row eager

    # a picture's page: big picture, caption, credit, previous/next without JavaScript
    photo = BeautifulSoup(result.page("gallery/kind/b-sideways/"), "html.parser")
    big = photo.select_one(".photo-figure picture")
    assert check_picture(big, out) == (600, 900)
    assert big.find("img").get("loading") is None
    assert photo.select_one("a[rel=prev]")["href"] == "/gallery/kind/a-landscape/"
    assert photo.select_one("a[rel=next]")["href"] == "/gallery/kind/c-sticker/"
    assert not photo.find("script")
    first = BeautifulSoup(result.page("gallery/kind/a-landscape/"), "html.parser")
    assert first.select_one("a[rel=prev]") is None
    assert "Lina, 15" in first.select_one(".photo-credit").get_text()
    alternates = {
        link["hreflang"]: link["href"] for link in photo.select("link[rel=alternate][hreflang]")
    }
    assert alternates["fr"].endswith("/fr/gallery/kind/b-sideways/")
    assert alternates["ar"].endswith("/ar/gallery/kind/b-sideways/")
    card = photo.find("meta", property="og:image")["content"]
    with Image.open(out / card.split("/", 3)[3]) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))
    # the photo page's own social card (campaign_site/cards.py): its title, its album's
    assert photo.find("meta", property="og:image:alt")["content"] == (
        "The second picture. — Kind things — Safer, kinder internet"
    )
    nav = [a["href"] for a in photo.select(".site-nav a")]
    assert "/gallery/" in nav

    # translations: Arabic page right-to-left with Arabic alt text, French language switch
    arabic = BeautifulSoup(result.page("ar/gallery/kind/a-landscape/"), "html.parser")
    assert arabic.find("html")["dir"] == "rtl"
    assert arabic.select_one(".photo-figure img")["alt"] == "منظر فيه مربع أحمر."
    french = BeautifulSoup(result.page("fr/gallery/kind/"), "html.parser")
    switch = {a["hreflang"]: a["href"] for a in french.select(".language-switcher a")}
    assert switch == {"en": "/gallery/kind/", "ar": "/ar/gallery/kind/"}
    index = BeautifulSoup(result.page("fr/gallery/"), "html.parser")
    assert index.select_one(".album-card a")["href"] == "/fr/gallery/kind/"

    # the story: inline picture, album embed, single picture, unknown album reported
    story = BeautifulSoup(result.page("stories/our-wall/"), "html.parser")
    content = story.select_one(".entry-content")
    pictures = content.find_all("picture")
    assert len(pictures) == 1 + 3 + 1 + 1
    assert pictures[0].find("img")["alt"] == "A wall of notes"
    pelican_style = pictures[-1].find("img")  # ![...]({static}/...) as Pelican writes it
    assert pelican_style["alt"] == "The landscape again"
    assert pelican_style["title"] == "Seen from the wall"
    assert pelican_style["src"] == pictures[1].find("img")["src"]  # same derivative as the album
    for picture in pictures:
        check_picture(picture, out)
    assert content.select_one(".gallery-embed figcaption a")["href"] == "/gallery/kind/"
    single = content.select_one(".gallery-figure")
    assert single.find("img")["alt"] == "A phone photo, stored sideways."
    assert "The second picture." in single.find("figcaption").get_text()
    assert "[gallery" not in str(content)
    assert (
        "content/stories/our-wall.en.md:17: [gallery nope]: there is no published album 'nope'"
        in log
    )
    assert (
        "content/stories/our-wall.en.md:21: {static}/ can only show a picture, not link to a "
        "file: '/gallery/kind/a-landscape.jpg'" in log
    ), log
    assert "is not a picture" not in log, log

    # the meme picture (an Image: header) goes through the same pipeline
    meme = BeautifulSoup(result.page("memes/a-meme/"), "html.parser")
    check_picture(meme.select_one(".meme-figure picture"), out)

    # privacy: no metadata in any published picture, and no original published
    originals = {
        path.read_bytes()
        for path in site.content.rglob("*")
        if path.is_file() and path.suffix != ".md"
    }
    published = [path for path in (out / "images").iterdir()]
    assert len(published) > 30
    for path in published:
        data = path.read_bytes()
        assert data not in originals, path.name
        for forbidden in kit.FORBIDDEN:
            assert forbidden not in data, (path.name, forbidden)
        with Image.open(io.BytesIO(data)) as image:
            assert not dict(image.getexif()), path.name
    assert not list(out.rglob("a-landscape.jpg")) and not list(out.rglob("album.en.md"))


def test_cache_never_encodes_twice_and_follows_settings(site):
    make_album(site)
    first = site.build("--verbose", extra=FAST)
    assert first.returncode == 0, first.log
    encoded, cached = counters(first.log)
    assert encoded > 0 and cached == 0
    before = {path.name: path.read_bytes() for path in (first.output / "images").iterdir()}

    # same bytes, new modification times, output folder deleted: nothing is encoded
    for path in (site.content / "gallery" / "kind").iterdir():
        path.write_bytes(path.read_bytes())
    shutil.rmtree(site.output)
    second = site.build("--verbose", extra=FAST)
    assert counters(second.log) == (0, encoded)
    after = {path.name: path.read_bytes() for path in (second.output / "images").iterdir()}
    assert after == before

    # a changed setting encodes again what it concerns (JPEG quality: JPEG files only)
    third = site.build("--verbose", extra={**FAST, "CAMPAIGN_IMAGE_QUALITY": {"jpeg": 60}})
    # (the pages' social cards, card-*.jpg, are drawn from words, not encoded from pictures)
    jpegs = sum(1 for name in before if name.endswith(".jpg") and not name.startswith("card-"))
    assert counters(third.log) == (jpegs, encoded - jpegs)
    assert set(path.name for path in (third.output / "images").iterdir()) != set(before)

    # one changed picture: only its files are encoded
    site.write("gallery/kind/a-landscape.jpg", kit.jpeg(size=(900, 600), colour=(1, 2, 3)))
    fourth = site.build("--verbose", extra=FAST)
    fresh, _ = counters(fourth.log)
    assert 0 < fresh < encoded
    assert fresh == sum(1 for name in before if name.startswith("a-landscape-"))


BAD_FILES = {
    "corrupt.jpg": kit.corrupt(kit.jpeg(metadata=False)),
    "truncated.jpg": kit.truncated(kit.jpeg(metadata=False)),
    "empty.jpg": b"",
    "text.jpg": b"This is a text file with a picture's name.\n",
    "bomb.png": kit.bomb_png(),
}
ODD_FILES = {
    "cmyk.jpg": kit.cmyk_jpeg(),
    "sixteen-bit.png": kit.png16_gray(size=(320, 200)),
    "palette.png": kit.palette_transparent_png(size=(300, 200)),
    "animated.gif": kit.animated_gif(size=(300, 200)),
    "grey-alpha.png": kit.gray_alpha_png(size=(300, 200)),
}


def test_bad_pictures_are_reported_and_the_build_goes_on(site):
    names = sorted(BAD_FILES) + sorted(ODD_FILES) + ["good.jpg"]
    blocks = "\n".join(f"Image: {name}\nAlt: The picture {name}.\n" for name in names)
    site.write("gallery/mixed/album.en.md", f"Title: Mixed\nDate: 2026-02-01\n\n{blocks}")
    for name, data in {**BAD_FILES, **ODD_FILES, "good.jpg": kit.jpeg()}.items():
        site.write(f"gallery/mixed/{name}", data)
    site.write("images/broken.jpg", kit.truncated(kit.jpeg()))
    site.write(
        "stories/broken.en.md",
        STORY.replace("../images/wall.jpg", "../images/broken.jpg").replace("our-wall", "broken"),
    )
    result = site.build(extra=FAST)
    log = flat(result.log)
    assert result.returncode == 0, result.log
    for name in BAD_FILES:
        assert f"content/gallery/mixed/{name}:1: this picture cannot be published:" in log, name
        assert not result.exists(f"gallery/mixed/{name.split('.')[0]}/")
    assert "the picture is too large (12000 x 12000 pixels" in log
    assert (
        "content/gallery/mixed/empty.jpg:1: this picture cannot be published: the file is empty"
        in log
    )
    assert "content/images/broken.jpg:1: this picture cannot be published" in log
    assert "content/stories/broken.en.md:11: the picture 'images/broken.jpg' cannot be" in log
    for name in [*ODD_FILES, "good.jpg"]:
        stem = name.split(".")[0]
        assert f"content/gallery/mixed/{name}" not in log, name
        page = BeautifulSoup(result.page(f"gallery/mixed/{stem}/"), "html.parser")
        check_picture(page.select_one(".photo-figure picture"), result.output)
    # the rest of the site is there
    assert result.exists("stories/broken/") and result.exists("gallery/")
    # a strict build (make check, make publish) fails on these errors
    strict = site.build(extra={**FAST, "CAMPAIGN_STRICT": True})
    assert strict.returncode != 0
    assert "errors in 7 files: nothing was published" in flat(strict.log)


def test_alt_text_is_required(site):
    site.write("gallery/kind/a.jpg", kit.jpeg())
    site.write("gallery/kind/b.jpg", kit.jpeg())
    site.write(
        "gallery/kind/album.en.md",
        "Title: Kind\nDate: 2026-02-01\n\nImage: a.jpg\nAlt: A.\n\nImage: b.jpg\nCaption: B\n",
    )
    result = site.build(extra=FAST)
    assert result.returncode == 0, result.log
    assert "content/gallery/kind/album.en.md:7: b.jpg: the picture has no alt text" in flat(
        result.log
    )
    assert result.exists("gallery/kind/a/") and not result.exists("gallery/kind/b/")
    check = site.build(extra={**FAST, "CAMPAIGN_STRICT": True, "CAMPAIGN_CHECK_ONLY": True})
    assert check.returncode != 0
    assert "b.jpg: the picture has no alt text" in flat(check.log)


def test_a_site_without_gallery_has_no_gallery_pages(site):
    site.write("stories/our-wall.en.md", STORY.replace("[gallery", "\\[gallery"))
    site.write("images/wall.jpg", kit.jpeg(size=(800, 500)))
    result = site.build(extra=FAST)
    assert result.returncode == 0, result.log
    assert not result.exists("gallery/")
    assert "/gallery/" not in result.page("")
