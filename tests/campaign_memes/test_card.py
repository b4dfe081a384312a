"""Social cards: size, brand side per direction, long titles, missing scripts."""

from __future__ import annotations

import io

import memes_testkit as kit
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from campaign_memes.card import (
    BRAND,
    CARD_SIZE,
    Brand,
    CardWords,
    card_jpeg,
    card_key,
    compose_card,
    compose_meme_card,
    encode_card,
)
from campaign_memes.text import (
    MemeError,
    Writing,
    draw_block,
    draw_measured,
    fit,
    fit_measured,
    line_width,
    simple,
    tokens,
)


def _accent_pixels(card, box) -> int:
    return sum(
        count for count, colour in card.crop(box).getcolors(1 << 16) if colour == BRAND.accent
    )


@pytest.mark.parametrize(("lang", "mark_side"), [("en", "left"), ("ar", "right")])
def test_the_brand_mark_is_at_the_start_of_the_reading_direction(lang, mark_side):
    title = "Check before you share" if lang == "en" else "تحقّق قبل أن تشارك"
    card = compose_card(CardWords(title, "Safer, kinder internet", kit.WRITING[lang]), kit.FONTS)
    assert card.size == CARD_SIZE
    left = _accent_pixels(card, (0, 0, 200, 200))
    right = _accent_pixels(card, (1000, 0, 1200, 200))
    assert (left > right) == (mark_side == "left")


def test_a_title_too_long_for_the_card_ends_with_an_ellipsis_instead_of_failing():
    title = " ".join(["A very long title about staying kind online"] * 8)
    card = compose_card(CardWords(title, "Safer, kinder internet", Writing("en")), kit.FONTS)
    assert card.size == CARD_SIZE


def test_a_title_in_a_script_the_fonts_lack_is_reported():
    with pytest.raises(MemeError) as raised:
        compose_card(CardWords("안전한 인터넷", "Safer, kinder internet", Writing("ko")), kit.FONTS)
    [issue] = raised.value.issues
    assert issue.field == "Title"
    assert issue.message.startswith("the site's fonts have no letters for Hangul")


TITLES = {
    "en": "The comment that followed me to school",
    "fr": "Ne nourris pas la haine\u202f: signale-la, même quand c’est « pour rire »",
    "ar": "التعليق الذي لاحقني إلى المدرسة #SaferInternetDay",
}


@pytest.mark.parametrize("lang", sorted(TITLES))
def test_the_quick_fit_is_as_large_as_the_careful_one_and_fits(lang):
    """Cards fit titles from each word's width measured once (fit_measured): the size
    found is the engine's own (fit) within hinting's rounding, and the lines fit the box."""
    writing, title = kit.WRITING[lang], TITLES[lang]
    path = kit.FONTS.for_text(title)
    box = (1040, 300)
    quick = fit_measured(title, path, box, (84, 44), 3, writing)
    careful = fit(title, path, box, (84, 44), 3, writing)
    assert careful is not None
    assert careful.size - 3 <= quick.size <= careful.size
    assert len(quick.lines) <= 3 and quick.height <= box[1]
    for line in quick.lines:
        assert line_width(line, quick.font, writing) <= box[0]
    assert " ".join(quick.lines).split() == " ".join(tokens(title)).split()  # every word


def test_a_title_too_long_loses_its_last_words_to_an_ellipsis():
    title = " ".join(f"word{n}" for n in range(60))
    block = fit_measured(title, kit.FONTS.latin, (1040, 300), (84, 44), 3, Writing("en"))
    assert 44 <= block.size <= 50 and len(block.lines) == 3
    assert block.lines[-1].endswith("…")
    assert " ".join(block.lines).startswith("word0 word1 word2")


def test_the_card_key_changes_with_every_input():
    words = CardWords("Title", "Safer, kinder internet", Writing("en"), "Stories")
    key = card_key(words, "fonts")
    assert card_key(words, "fonts") == key
    changed = [
        card_key(CardWords("Title!", words.site_name, words.writing, "Stories"), "fonts"),
        card_key(CardWords("Title", words.site_name, words.writing, "Hints"), "fonts"),
        card_key(CardWords("Title", "Other", words.writing, "Stories"), "fonts"),
        card_key(CardWords("Title", words.site_name, Writing("ar", "rtl"), "Stories"), "fonts"),
        card_key(words, "other fonts"),
        card_key(words, "fonts", Brand(background=(0, 0, 0))),
    ]
    assert len({key, *changed}) == 7


def test_a_card_is_a_plain_jpeg():
    card = compose_card(CardWords("Title", "Safer, kinder internet", Writing("en")), kit.FONTS)
    with Image.open(io.BytesIO(encode_card(card))) as image:
        assert (image.format, image.size, image.mode) == ("JPEG", CARD_SIZE, "RGB")
        assert not image.info.get("exif") and not image.info.get("icc_profile")
        assert image.getexif() == {}


@pytest.mark.parametrize(("lang", "mark_side"), [("en", "left"), ("ar", "right")])
def test_a_memes_card_shows_its_whole_square_and_the_mark(lang, mark_side):
    square = Image.open(io.BytesIO(kit.artwork("pause-before-you-post"))).convert("RGB")
    card = compose_meme_card(square, kit.WRITING[lang])
    assert card.size == CARD_SIZE
    # the whole square, scaled: its top and bottom rows are in the card, not cropped off
    side = CARD_SIZE[1] - 18 - 48
    x0 = (CARD_SIZE[0] - side) // 2
    expected = square.resize((side, side), Image.Resampling.LANCZOS)
    inside = card.crop((x0, 24, x0 + side, 24 + side))
    assert ImageChops.difference(inside, expected).getbbox() is None
    left = _accent_pixels(card, (0, 0, 200, 200))
    right = _accent_pixels(card, (1000, 0, 1200, 200))
    assert (left > right) == (mark_side == "left")


@pytest.mark.parametrize("lang", sorted(TITLES))
def test_the_card_file_is_the_background_with_only_the_titles_rows_encoded_again(lang):
    """card_jpeg encodes only the rows of blocks the title is on and reuses the
    background's: the file is byte for byte the one a whole encoding gives."""
    for section in ("Stories", ""):
        words = CardWords(TITLES[lang], "Safer, kinder internet", kit.WRITING[lang], section)
        assert card_jpeg(words, kit.FONTS) == encode_card(compose_card(words, kit.FONTS))


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "The comment that followed me"),
        ("fr", "Ne nourris pas la haine\u202f: signale-la"),
        ("ar", "التعليق الذي لاحقني إلى المدرسة 12"),
        ("ar", "لا تنشر على TikTok أو Instagram"),  # Latin words: drawn as a whole line
    ],
)
def test_a_line_drawn_word_by_word_looks_like_the_line_drawn_whole(lang, line):
    writing = kit.WRITING[lang]
    path = kit.FONTS.for_text(line)
    block = fit_measured(line, path, (1040, 120), (84, 84), 1, writing)
    assert simple(line, writing) == ("TikTok" not in line)
    words = Image.new("L", (1200, 160))
    draw_measured(words, block, (80, 1120), 20, 255, writing, path)
    whole = Image.new("L", (1200, 160))
    draw_block(
        ImageDraw.Draw(whole), block, (80, 20, 1120, 20 + block.height), "start", 255, writing
    )
    # on a plain background, words pasted as pictures of their own give the same pixels
    tiles, blended = (Image.new("RGB", (1200, 160), BRAND.background) for _ in range(2))
    draw_measured(tiles, block, (80, 1120), 20, BRAND.ink, writing, path, BRAND.background)
    draw_measured(blended, block, (80, 1120), 20, BRAND.ink, writing, path)
    assert ImageChops.difference(tiles, blended).getbbox() is None
    # the same ink, each word placed within a pixel of where raqm puts it in the line
    assert words.getbbox() is not None
    for one, other in ((words, whole), (whole, words)):
        near = other.filter(ImageFilter.MaxFilter(3))
        beyond = ImageChops.subtract(one, near).point(lambda value: 255 if value > 32 else 0)
        assert beyond.getbbox() is None, beyond.getbbox()
