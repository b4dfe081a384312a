"""Composing memes: formats, fitting, right-to-left, missing scripts (no OCR here)."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import memes_testkit as kit
import pytest
from PIL import Image, ImageChops

from campaign_memes.compose import (
    FORMATS,
    SQUARE,
    STORY,
    Words,
    check_meme,
    compose_formats,
    compose_meme,
    geometry,
    load_artwork,
    meme_key,
)
from campaign_memes.layout import parse_layout
from campaign_memes.text import FSI, PDI, MemeError, Writing, font_at, tokens

PAUSE = "pause-before-you-post"


def words(text: str, lang: str = "en", footer: str = kit.FOOTER) -> Words:
    return Words(text, footer, kit.WRITING[lang])


@pytest.mark.parametrize("slug", sorted(kit.SLOGANS))
def test_every_meme_fits_in_every_language_and_format(slug):
    art = load_artwork(kit.artwork(slug))
    for lang, text in kit.SLOGANS[slug].items():
        assert check_meme(art, kit.layout(slug), words(text, lang), kit.FONTS) == []


def test_each_format_is_laid_out_again_not_cropped():
    layout = kit.layout(PAUSE)
    pictures = compose_formats(
        kit.artwork(PAUSE), layout, words("Pause before you post."), kit.FONTS
    )
    assert {name: img.size for name, img in pictures.items()} == {
        "square": (1080, 1080),
        "portrait": (1080, 1350),
        "story": (1080, 1920),
    }
    boxes = [geometry(layout, fmt).text for fmt in FORMATS]
    assert boxes[0] == layout.text
    # Taller formats give the words a taller box, and the story keeps them out of the
    # bands the apps cover.
    assert [b[3] - b[1] for b in boxes] == sorted(b[3] - b[1] for b in boxes)
    story = geometry(layout, STORY)
    assert story.text[1] > STORY.safe_top and story.footer < STORY.height - STORY.safe_bottom
    # The illustration is whole in every format: the phone's red pause button is there.
    for img in pictures.values():
        assert (230, 57, 70) in {colour for _n, colour in img.getcolors(1 << 16)}


def test_a_slogan_too_long_says_how_many_characters_to_cut():
    text = "Pause before you post, think before you share, and be kind to everyone online. " * 2
    art = load_artwork(kit.artwork(PAUSE))
    [issue] = check_meme(art, kit.layout(PAUSE), words(text), kit.FONTS)
    assert issue.field == "Text"
    assert (
        issue.message
        == "the slogan does not fit its box even at the smallest size (56 px, 3 lines)"
    )
    cut = int(issue.fix.split("about ")[1].split(" ")[0])
    assert issue.fix == f"shorten it by about {cut} characters (it has {len(text.strip())})"
    assert 0 < cut < len(text)
    shorter = text.strip()[: len(text.strip()) - cut]
    assert check_meme(art, kit.layout(PAUSE), words(shorter), kit.FONTS) == []
    with pytest.raises(MemeError):
        compose_meme(art, kit.layout(PAUSE), words(text), kit.FONTS)


def test_a_script_the_fonts_lack_is_reported():
    art = load_artwork(kit.artwork(PAUSE))
    japanese = Words("投稿する前にひと呼吸。", kit.FOOTER, Writing("ja"))
    issues = check_meme(art, kit.layout(PAUSE), japanese, kit.FONTS)
    assert [(i.field, i.message.split(" (")[0]) for i in issues] == [
        ("Text", "the site's fonts have no letters for CJK, Hiragana"),
    ]
    assert "theme/fonts/" in issues[0].fix


def test_latin_hashtags_in_an_arabic_line_are_isolated_with_their_hash():
    assert tokens("تابعونا على #SaferInternetDay  و @campaign") == [
        "تابعونا",
        "على",
        f"{FSI}#SaferInternetDay{PDI}",
        "و",
        f"{FSI}@campaign{PDI}",
    ]


def test_french_punctuation_never_starts_a_line():
    assert tokens("Ne nourris pas la haine : signale-la !") == [
        "Ne",
        "nourris",
        "pas",
        "la",
        "haine :",
        "signale-la !",
    ]
    assert tokens("« Stop » dit-elle") == ["« Stop »", "dit-elle"]


def _ink_segments(img: Image.Image, box, background) -> list[tuple[int, int]]:
    """Horizontal runs of columns with ink (pixels far from the background) in ``box``."""
    crop = img.crop(box)
    diff = ImageChops.difference(crop, Image.new("RGB", crop.size, background)).convert("L")
    columns = diff.point(lambda v: 255 if v > 60 else 0).resize((crop.width, 1), Image.BOX)
    inked = [v > 0 for v in columns.tobytes()]
    segments, start = [], None
    for x, ink in enumerate([*inked, False]):
        if ink and start is None:
            start = x
        elif not ink and start is not None:
            segments.append((start, x))
            start = None
    return segments


def test_the_first_arabic_word_is_drawn_at_the_right():
    first, second = "كن", "لطيفا"  # "be kind": a short word, then a long one
    layout = dataclasses.replace(kit.layout(PAUSE), lines=1)
    slogan = words(f"{first} {second}.", "ar", "")
    img = compose_meme(kit.artwork(PAUSE), layout, slogan, kit.FONTS)
    segments = _ink_segments(img, layout.text, (0x1D, 0x35, 0x57))
    widths = [end - start for start, end in segments]
    # The full stop ends the sentence, so it is the leftmost mark (a left-to-right
    # paragraph would put it at the right).
    assert widths[0] < widths[-1] / 3
    words_only = segments[1:]
    gaps = [(b[0] - a[1], i) for i, (a, b) in enumerate(pairwise(words_only))]
    _gap, split = max(gaps)  # the space between the words is the widest gap
    left = words_only[split][1] - words_only[0][0]
    right = words_only[-1][1] - words_only[split + 1][0]
    font = font_at(kit.FONTS.arabic, 100)
    alone = {w: font.getlength(w, direction="rtl", language="ar") for w in (first, second)}
    assert right / left == pytest.approx(alone[first] / alone[second], rel=0.25)
    assert right < left


def test_alignment_start_follows_the_direction():
    layout = parse_layout("text 70 650 1010 950; ink #FFFFFF; align start; size 60 40")
    art = kit.artwork(PAUSE)
    for lang, side in (("en", "left"), ("ar", "right")):
        text = "Pause." if lang == "en" else "توقّف."
        img = compose_meme(art, layout, words(text, lang, ""), kit.FONTS)
        segments = _ink_segments(img, layout.text, (0x1D, 0x35, 0x57))
        margin_left = segments[0][0]
        margin_right = (layout.text[2] - layout.text[0]) - segments[-1][1]
        assert (margin_left < margin_right) == (side == "left"), lang


def test_artwork_problems_are_reported():
    layout = kit.layout(PAUSE)
    with pytest.raises(MemeError) as raised:
        compose_meme(b"not a picture", layout, words("Pause."), kit.FONTS)
    assert raised.value.issues[0].field == "Artwork"
    with pytest.raises(MemeError) as raised:
        compose_meme(Image.new("RGB", (1080, 1350), "navy"), layout, words("Pause."), kit.FONTS)
    assert raised.value.issues[0].message == "the artwork is 1080x1350, not square"


def test_ink_that_does_not_stand_out_from_the_artwork_is_reported():
    layout = parse_layout("text 70 650 1010 950; ink #1D3557")  # navy on the navy artwork
    art = load_artwork(kit.artwork(PAUSE))
    [issue] = check_meme(art, layout, words("Pause."), kit.FONTS)
    assert (issue.field, issue.message.split(" has ")[1]) == (
        "Layout",
        "a contrast of 1.0:1, too low to read",
    )


def test_the_cache_key_changes_with_each_input_and_only_then():
    layout = kit.layout(PAUSE)
    art = kit.artwork(PAUSE)
    fonts = kit.FONTS.digest()
    base = meme_key(art, layout, words("Pause."), fonts, SQUARE)
    assert meme_key(art, layout, words("Pause."), fonts, SQUARE) == base
    changed = [
        meme_key(art + b"\0", layout, words("Pause."), fonts, SQUARE),
        meme_key(art, dataclasses.replace(layout, lines=2), words("Pause."), fonts, SQUARE),
        meme_key(art, layout, words("Pause!"), fonts, SQUARE),
        meme_key(art, layout, words("Pause.", "fr"), fonts, SQUARE),
        meme_key(art, layout, words("Pause."), "another font", SQUARE),
        meme_key(art, layout, words("Pause."), fonts, STORY),
    ]
    assert len({base, *changed}) == 7
