"""Reading the drawn words back with tesseract: each language's slogan is recognised,
and the other languages' slogans are not (so a meme drawn with the wrong words fails)."""

from __future__ import annotations

import memes_testkit as kit
import pytest

from campaign_memes.card import CardWords, compose_card
from campaign_memes.compose import SQUARE, STORY, Words, compose_meme, geometry

THRESHOLD = 0.8

# One meme per language, so that three artworks (light and dark) are read.
CASES = [
    ("en", "pause-before-you-post"),
    ("fr", "dont-feed-the-hate"),
    ("ar", "screenshot-block-report"),
]


def _slogan_crop(slug: str, lang: str, fmt=SQUARE):
    layout = kit.layout(slug)
    words = Words(kit.SLOGANS[slug][lang], kit.FOOTER, kit.WRITING[lang])
    img = compose_meme(kit.artwork(slug), layout, words, kit.FONTS, fmt)
    x0, y0, x1, y1 = geometry(layout, fmt).text
    return img.crop((x0 - 20, y0, x1 + 20, y1))


@pytest.mark.parametrize(("lang", "slug"), CASES)
def test_the_slogan_is_read_back_in_its_language(lang, slug):
    read = kit.ocr(_slogan_crop(slug, lang), kit.OCR_LANG[lang])
    assert kit.similarity(read, kit.SLOGANS[slug][lang]) >= THRESHOLD, read
    for other, text in kit.SLOGANS[slug].items():
        if other != lang:
            assert kit.similarity(read, text) < THRESHOLD, (other, read)


def test_the_story_format_is_read_back():
    read = kit.ocr(_slogan_crop("behind-every-screen", "fr", STORY), "fra")
    assert kit.similarity(read, kit.SLOGANS["behind-every-screen"]["fr"]) >= THRESHOLD, read


def test_hashtags_in_an_arabic_footer_keep_their_hash_in_front():
    slug = "pause-before-you-post"
    words = Words(kit.SLOGANS[slug]["ar"], "تابعونا #SaferInternetDay", kit.WRITING["ar"])
    img = compose_meme(kit.artwork(slug), kit.layout(slug), words, kit.FONTS)
    footer = kit.layout(slug).footer
    read = kit.ocr(img.crop((0, footer - 35, 1080, footer + 35)), "eng", psm=7)
    assert "#SaferInternetDay" in read.replace(" ", ""), read


# One story's title, section and site name in each language.
CARDS = {
    "en": ("The comment that followed me to school", "Stories", "Safer, kinder internet"),
    "fr": (
        "Le commentaire qui m’a suivi jusqu’à l’école",
        "Histoires",
        "Un Internet plus sûr et plus bienveillant",
    ),
    "ar": ("التعليق الذي لاحقني إلى المدرسة", "قصص", "إنترنت أكثر أمانًا ولطفًا"),
}


@pytest.mark.parametrize("lang", sorted(CARDS))
def test_the_social_cards_title_is_read_back_in_its_language(lang):
    title, section, site = CARDS[lang]
    card = compose_card(CardWords(title, site, kit.WRITING[lang], section), kit.FONTS)
    read = kit.ocr(card, kit.OCR_LANG[lang])
    assert kit.best_similarity(read, title) >= THRESHOLD, read
    # a card drawn with another language's title would not pass
    for other, (text, _section, _site) in CARDS.items():
        if other != lang:
            assert kit.best_similarity(read, text) < THRESHOLD, (other, read)
