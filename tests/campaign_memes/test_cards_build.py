"""Every page's social card in real builds: og:image is a 1200x630 JPEG of the page's own,
in its language (read back with OCR), with its words as og:image:alt and the page's
locales; editing one title redraws one card; a title the fonts cannot draw is reported."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import memes_testkit as kit
import pytest
from lxml import html as lxml_html
from PIL import Image

from conftest import story

LOCALES = {"en": "en_GB", "fr": "fr_FR", "ar": "ar_AR"}
GENERIC = "assets/"  # the theme's generic card (kept by the 404 pages), a hashed asset


def _meta(tree) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        name = meta.get("property") or meta.get("name")
        if name:
            found.setdefault(name, []).append(meta.get("content", ""))
    return found


def _pages(output: Path):
    """(url, lxml tree, meta) of every HTML page of a build (the search bundle apart)."""
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        if rel.startswith(("pagefind/", "images/")):
            continue
        tree = lxml_html.fromstring(path.read_bytes())
        yield rel, tree, _meta(tree)


def _file(output: Path, url: str) -> Path:
    return output / urlparse(url).path.lstrip("/")


def _card_of(result, url: str) -> Path:
    tree = lxml_html.fromstring(result.page(url).encode())
    return _file(result.output, _meta(tree)["og:image"][0])


@pytest.fixture(scope="module")
def real_pages(real_site):
    assert real_site.returncode == 0, real_site.log[-3000:]
    return list(_pages(real_site.output))


def test_every_page_has_its_own_card_in_its_language(real_site, real_pages):
    output = real_site.output
    checked: dict[Path, tuple[int, int]] = {}
    by_equiv: dict[str, dict[str, Path]] = {}  # the English URL -> {lang: card}
    for rel, tree, meta in real_pages:
        lang = tree.get("lang")
        [image] = meta["og:image"]
        assert image.startswith("http"), (rel, image)  # absolute
        card = _file(output, image)
        assert card.is_file(), (rel, image)
        assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"], rel
        assert meta["twitter:card"] == ["summary_large_image"], rel
        assert meta["twitter:image"] == [image], rel
        [alt] = meta["og:image:alt"]
        assert alt.strip(), rel
        if card not in checked:
            with Image.open(card) as picture:
                checked[card] = picture.size
                assert picture.size == (1200, 630), rel
                if not rel.endswith("404.html"):
                    assert picture.format == "JPEG", rel
                    assert not picture.info.get("exif"), rel
                    assert not picture.info.get("icc_profile"), rel
        if rel.endswith("404.html"):
            assert GENERIC in image, rel  # 404 pages keep the generic card
            continue
        assert "/images/card-" in image, rel
        # the card's words, in the page's language: its title (or the meme's picture, whose
        # alt it takes), its section and the site's name as this language writes it
        [site_name] = meta["og:site_name"]
        meme = tree.xpath('//figure[@class="meme-figure"]//img/@alt')
        if meme:
            assert alt == meme[0], rel
        else:
            assert alt.endswith(f" — {site_name}"), (rel, alt)
            # its title is the page's (the home page's card says the tagline, its description)
            main = " ".join(tree.xpath("//main")[0].text_content().split())
            title = alt.split(" — ")[0]
            assert any(title in text for text in (*meta["og:title"], *meta["og:description"], main))
            if "/checklist/" in f"/{rel}":  # its own heading, not its section's
                assert meta["og:title"][0].startswith(title), (rel, alt)
        if lang == "ar":
            assert any("\u0600" <= ch <= "\u06ff" for ch in alt), (rel, alt)
        # the page's locale, and each other language the page exists in
        assert meta["og:locale"] == [LOCALES[lang]], rel
        others = {
            link.get("hreflang")
            for link in tree.xpath('//link[@rel="alternate"][@hreflang]')
            if link.get("hreflang") not in ("x-default", lang)
        }
        assert sorted(meta.get("og:locale:alternate", [])) == sorted(LOCALES[o] for o in others)
        english = next(
            (link.get("href") for link in tree.xpath('//link[@rel="alternate"][@hreflang="en"]')),
            None,
        )
        if english:
            by_equiv.setdefault(english, {})[lang] = card
    # the French and Arabic versions of a page have cards of their own
    compared = 0
    for versions in by_equiv.values():
        if "en" in versions:
            for lang in ("fr", "ar"):
                if lang in versions:
                    assert versions[lang] != versions["en"], versions
                    assert versions[lang].read_bytes() != versions["en"].read_bytes()
                    compared += 1
    assert compared > 50, compared


def test_a_memes_card_is_its_whole_picture(real_site):
    card = _card_of(real_site, "fr/memes/pause-before-you-post/")
    with Image.open(card) as picture:
        # the square, whole, in the middle: its slogan's band is there, not cropped away
        middle = picture.convert("RGB").crop((320, 30, 880, 590))
    read = kit.ocr(middle, "fra")
    assert kit.best_similarity(read, kit.SLOGANS["pause-before-you-post"]["fr"]) >= 0.8, read


@pytest.mark.parametrize(
    ("url", "lang"),
    [
        ("stories/comments-under-my-goal/", "en"),
        ("fr/stories/comments-under-my-goal/", "fr"),
        ("ar/stories/comments-under-my-goal/", "ar"),
    ],
)
def test_a_published_card_reads_its_pages_title(real_site, url, lang):
    tree = lxml_html.fromstring(real_site.page(url).encode())
    title = tree.xpath("//h1")[0].text_content().strip()
    with Image.open(_card_of(real_site, url)) as picture:
        # at half size: tesseract reads Arabic of the title's 84 px badly, of 42 px well
        half = picture.convert("RGB").resize((600, 315), Image.Resampling.LANCZOS)
    read = kit.ocr(half, kit.OCR_LANG[lang])
    assert kit.best_similarity(read, title) >= 0.8, (title, read)


def _cards(site) -> dict[str, tuple[bytes, int]]:
    folder = site.output / "images"
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.glob("card-*.jpg")}


def _drawn(site) -> set[Path]:
    return set((site.root / ".cache" / "campaign" / "cards").rglob("*.jpg"))


def test_editing_a_title_redraws_only_its_card_and_a_script_without_font_is_reported(site):
    for slug in ("one", "two"):
        for lang in ("en", "fr", "ar"):
            site.write(f"stories/{slug}.{lang}.md", story(slug, lang))
    site.write("stories/korean.en.md", story("korean", title="안전한 인터넷"))
    result = site.build()
    assert result.returncode == 0, result.log
    log = " ".join(result.log.split())
    assert (
        "content/stories/korean.en.md:1: the page's social card cannot be drawn: the site's "
        "fonts have no letters for Hangul" in log
    ), log
    korean = lxml_html.fromstring(result.page("stories/korean/").encode())
    assert GENERIC in _meta(korean)["og:image"][0]  # the generic card instead
    before, drawn = _cards(site), _drawn(site)
    card = _card_of(result, "stories/one/").name
    assert card in before
    others = {
        url: _card_of(result, url).name
        for url in ("fr/stories/one/", "ar/stories/one/", "stories/two/", "fr/stories/two/", "")
    }

    site.write("stories/one.en.md", story("one", "en", title="A brand new title"))
    again = site.build()
    assert again.returncode == 0, again.log
    after = _cards(site)
    new = _card_of(again, "stories/one/").name
    assert new != card and new in after and card not in after  # the old card is removed
    assert len(_drawn(site) - drawn) == 1  # one card drawn
    for url, name in others.items():
        assert _card_of(again, url).name == name, url
        assert after[name] == before[name], url  # same bytes, not written again
    assert set(after) - set(before) == {new}
