"""The layout line an editor writes: parsed into a Layout, every mistake reported."""

from __future__ import annotations

import pytest

from campaign_memes.layout import Layout, parse_layout
from campaign_memes.text import MemeError


def test_a_full_layout_is_read():
    layout = parse_layout(
        "text 70 650 1010 950; ink #ffffff; background #1D3557; size 96 48; lines 2; "
        "align start; footer 1000"
    )
    assert layout == Layout(
        text=(70, 650, 1010, 950),
        ink=(255, 255, 255),
        background=(0x1D, 0x35, 0x57),
        size=(96, 48),
        lines=2,
        align="start",
        footer=1000,
    )
    assert parse_layout(layout.key()) == layout


def test_defaults_fill_in_what_is_not_written():
    layout = parse_layout("Text 70 650 1010 950 ; Ink 1B1B1B;")
    assert (layout.size, layout.lines, layout.align, layout.footer) == (
        (104, 56),
        3,
        "center",
        1010,
    )
    assert layout.background is None
    assert layout.ink == (0x1B, 0x1B, 0x1B)


@pytest.mark.parametrize(
    ("source", "messages"),
    [
        (
            "txet 70 650 1010 950; ink #FFFFFF",
            ["unknown layout clause 'txet'", "the layout has no 'text'"],
        ),
        (
            "text 70 650 1010; ink #FFF",
            ["'text 70 650 1010' needs 4 whole numbers", "'ink #FFF' is not a colour"],
        ),
        ("text 70 650 1010 950", ["the layout has no 'ink'"]),
        ("text 70 650 1010 950; ink #FFFFFF; align middle", ["'align middle' is not an alignment"]),
        ("text 70 650 1010 950; ink #FFFFFF; lines 2; lines 3", ["'lines' is given twice"]),
        (
            "text 70 950 1010 650; ink #FFFFFF",
            ["the text box 70 950 1010 650 is not a box inside the 1080x1080 artwork"],
        ),
        (
            "text 70 650 1010 950; ink #FFFFFF; size 20 90",
            ["'size 20 90' is not a range of font sizes"],
        ),
        (
            "text 70 650 1010 950; ink #FFFFFF; footer 900",
            ["the footer at 900 is not below the text box (which ends at 950)"],
        ),
        (
            "text 70 650 1010 950; ink #FFFFFF; background #EEEEEE",
            ["the ink #FFFFFF on #EEEEEE has a contrast of 1.2:1, too low to read"],
        ),
    ],
)
def test_mistakes_are_reported_in_an_editors_words(source, messages):
    with pytest.raises(MemeError) as raised:
        parse_layout(source)
    assert [issue.message for issue in raised.value.issues] == messages
    assert {issue.field for issue in raised.value.issues} == {"Layout"}


def test_a_misspelt_clause_gets_a_suggestion():
    with pytest.raises(MemeError) as raised:
        parse_layout("text 70 650 1010 950; ink #FFFFFF; algin center")
    assert raised.value.issues[0].fix.startswith("did you mean 'align'?")
