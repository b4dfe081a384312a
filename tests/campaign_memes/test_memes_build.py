"""Drawn memes in real builds: each language's pictures composed, cached, published and
described; editing one language redraws only its pictures; problems point at path:line."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import memes_testkit as kit
from PIL import Image, ImageChops

from campaign_memes.compose import SQUARE, geometry

SLUG = "pause-before-you-post"
LAYOUT = "text 70 650 1010 930; ink #FFFFFF; background #1D3557; footer 1010"
ALT = {
    "en": "A smartphone with a red pause button between two speech bubbles.",
    "fr": "Un smartphone avec un bouton pause rouge entre deux bulles.",
    "ar": "هاتف ذكي عليه زر إيقاف مؤقت أحمر بين فقاعتي كلام.",
}
TITLE = {"en": "Pause", "fr": "Pause", "ar": "توقّف"}


def meme(lang: str, text: str, *, slug: str = SLUG, artwork: str = "", layout: str = LAYOUT) -> str:
    lines = [f"Title: {TITLE[lang]} {slug}", f"Slug: {slug}", f"Lang: {lang}", "Date: 2026-01-25"]
    if lang == "en":
        lines += [f"Artwork: {artwork or f'memes/{slug}.art.png'}", f"Layout: {layout}"]
    lines += [f"Text: {text}", f"Footer: {kit.FOOTER}", f"ImageAlt: {ALT[lang]}"]
    return "\n".join(lines) + "\n\nWhy it matters.\n"


def write_meme(site, slug: str = SLUG, texts: dict[str, str] | None = None, **kwargs) -> None:
    for lang, text in (texts or kit.SLOGANS[SLUG]).items():
        site.write(f"memes/{slug}.{lang}.md", meme(lang, text, slug=slug, **kwargs))


def cache_files(site) -> dict[Path, int]:
    """The composed pictures in the cache, with the time each was written."""
    folder = site.root / ".cache" / "campaign" / "memes"
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*.png")}


def picture(result, url: str) -> tuple[Path, str]:
    """The published file of the page's meme picture, and its alt text."""
    html = result.page(url)
    img = re.search(r'<figure class="meme-figure">.*?<img ([^>]*)>', html, re.S)
    assert img, html[:2000]
    src = re.search(r'src="/([^"]+)"', img.group(1)).group(1)
    alt = unescape(re.search(r'alt="([^"]*)"', img.group(1)).group(1))
    return result.output / src, alt


def test_a_meme_is_drawn_in_each_language_and_redrawn_only_where_edited(site):
    site.write(f"memes/{SLUG}.art.png", kit.artwork(SLUG))
    write_meme(site)
    result = site.build()
    assert result.returncode == 0, result.log
    first = cache_files(site)
    assert len(first) == 9  # three formats in three languages
    squares = {}
    for lang, prefix in (("en", ""), ("fr", "fr/"), ("ar", "ar/")):
        url = f"{prefix}memes/{SLUG}/"
        path, alt = picture(result, url)
        assert f"-{lang}-square-" in path.name
        squares[lang] = Image.open(path).convert("RGB")
        assert squares[lang].size == (1080, 1080)
        slogan = kit.SLOGANS[SLUG][lang]
        # the editor's description, completed with the drawn words in the page's quotes
        assert alt.startswith(ALT[lang]), alt
        quoted = {"en": f"“{slogan}”", "fr": f"«\u202f{slogan}\u202f»", "ar": f"«{slogan}»"}
        assert quoted[lang] in alt and kit.FOOTER in alt, alt
        # the words drawn are this language's, read back from the published picture
        x0, y0, x1, y1 = geometry(kit.layout(SLUG), SQUARE).text
        read = kit.ocr(squares[lang].crop((x0 - 20, y0, x1 + 20, y1)), kit.OCR_LANG[lang])
        assert kit.similarity(read, slogan) >= 0.8, (lang, read)
        # the 4:5 and 9:16 versions are offered for download, labelled in the language
        html = result.page(url)
        links = re.findall(r'<a href="/(images/[^"]+)" download="[^"]+">([^<]+)</a>', html)
        assert [name for name, _label in links] and len(links) == 2, html
        assert "-portrait-" in links[0][0] and "-story-" in links[1][0]
        assert all((result.output / name).is_file() for name, _label in links)
        # each download at the size it was drawn (the pages' pictures stop at 1600 px)
        sizes = [Image.open(result.output / name).size for name, _label in links]
        assert sizes == [(1080, 1350), (1080, 1920)], sizes
        label = {"en": "Download for a story", "fr": "Télécharger pour une story"}
        assert lang == "ar" or label[lang] in links[1][1]
    box = geometry(kit.layout(SLUG), SQUARE).text
    difference = ImageChops.difference(squares["en"].crop(box), squares["ar"].crop(box))
    assert difference.getbbox() is not None  # the Arabic picture is not the English one
    # the French feeds' enclosures are the French picture
    feeds = " ".join(p.read_text(encoding="utf-8") for p in (result.output / "fr").rglob("*.xml"))
    assert "-fr-square-" in feeds and "-en-square-" not in feeds

    # editing the French slogan redraws only the French pictures
    site.write(f"memes/{SLUG}.fr.md", meme("fr", "Respire avant de publier."))
    again = site.build()
    assert again.returncode == 0, again.log
    now = cache_files(site)
    assert len(set(now) - set(first)) == 3  # the French square, 4:5 and 9:16
    assert all(now[path] == written for path, written in first.items())  # none redrawn
    path, alt = picture(again, f"fr/memes/{SLUG}/")
    assert "Respire avant de publier." in alt
    assert picture(again, f"memes/{SLUG}/")[0] == picture(result, f"memes/{SLUG}/")[0]


def test_meme_problems_are_reported_on_their_lines(site):
    site.write(f"memes/{SLUG}.art.png", kit.artwork(SLUG))
    long = "Fais une très longue pause avant de publier quoi que ce soit " * 3
    write_meme(site, texts={"en": "Pause.", "fr": long.strip(), "ar": "一時停止してから投稿しよう"})
    write_meme(site, "lost-artwork", texts={"en": "Lost."}, artwork="memes/nowhere.art.png")
    write_meme(site, "bad-layout", texts={"en": "Bad."}, layout="text 70 650 1010 930; ink #FFF")
    write_meme(site, "copied", texts={"en": "The slogan drawn on the picture, in a few words."})
    result = site.build(extra={"CAMPAIGN_STRICT": True})
    assert result.returncode != 0
    log = " ".join(result.log.split())
    # lines of meme(): Title, Slug, Lang, Date, then Artwork and Layout (en) or Text
    assert re.search(
        rf"content/memes/{SLUG}\.fr\.md:5: the slogan does not fit its box even at the "
        r"smallest size \(56 px, 3 lines\); shorten it by about \d+ characters",
        log,
    ), log
    assert re.search(
        rf"content/memes/{SLUG}\.ar\.md:5: the site's fonts have no letters for [^;]*Hiragana",
        log,
    ), log
    assert (
        "content/memes/lost-artwork.en.md:5: the artwork 'memes/nowhere.art.png' does not "
        "exist in content/" in log
    ), log
    assert "content/memes/bad-layout.en.md:6: 'ink #FFF' is not a colour" in log, log
    assert "content/memes/copied.en.md:7: 'Text:' still has the template's example text" in log
