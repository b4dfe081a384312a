"""Social cards: size, brand side per direction, long titles, missing scripts."""

from __future__ import annotations

import memes_testkit as kit
import pytest

from campaign_memes.card import BRAND, CARD_SIZE, CardWords, compose_card
from campaign_memes.text import MemeError, Writing


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
