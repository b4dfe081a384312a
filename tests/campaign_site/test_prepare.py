"""Per-file checks (pure): each rule with a failing input, and the message an editor needs."""

from __future__ import annotations

import pytest

from campaign_site.prepare import PrepareConfig, prepare

CONFIG = PrepareConfig(
    languages=("en", "fr", "ar"),
    dated_sections=("stories", "hints", "memes"),
    sections=("stories", "hints", "memes", "pages"),
    storyteller_sections=("stories",),
    picture_sections=("memes",),
    page_templates=("follow",),
)

GOOD = """Title: A story
Slug: a-story
Lang: en
Date: 2026-02-07 09:00
Author: Sami
Age: 15
Summary: Short.

Some text.
"""


def run(text: str | bytes, rel: str = "stories/a-story.en.md"):
    data = text.encode() if isinstance(text, str) else text
    return prepare(f"content/{rel}", rel, data, CONFIG)


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_valid_story_has_no_problem():
    result = run(GOOD)
    assert result.problems == []
    assert result.ok
    assert "<p>Some text.</p>" in result.html
    assert result.summary == "Short."


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("Title: A story\n", ""),
            "content/stories/a-story.en.md:1: the title is missing or empty",
        ),
        (("Title: A story", "Title:   "), "content/stories/a-story.en.md:1: the title is missing"),
        (
            ("2026-02-07 09:00", "07/02/2026"),
            "a-story.en.md:4: the date '07/02/2026' is not a valid",
        ),
        (
            ("2026-02-07 09:00", "2026-02-31"),
            "a-story.en.md:4: the date '2026-02-31' is not a valid",
        ),
        (("Lang: en", "Lang: de"), "a-story.en.md:3: unknown language 'de'; use one of en, fr, ar"),
        (("Lang: en", "Lang: fr"), "'Lang: fr' does not match the file name (.en.md)"),
        (
            ("Lang: en", "Lang: EN"),
            ":3: the language code 'EN' must be written in lower case; write 'Lang: en'",
        ),
        (("Slug: a-story", "Slug: other"), "'Slug: other' does not match the file name"),
        (("Slug: a-story", "Slug: A Story!"), "may only use a-z, 0-9 and hyphens"),
        (("Author: Sami", "Author: Sami Haddad"), "looks like a full name"),
        (("Age: 15", "Age: 9"), "'Age: 9' is not an age from 13 to 25"),
        (("Age: 15\n", ""), "a story needs its storyteller's age"),
        (("Date: 2026-02-07 09:00\n", ""), "'Date:' is missing"),
        (
            ("Some text.", "<script>alert(1)</script>"),
            "a-story.en.md:9: a <script> tag is not allowed",
        ),
        (("Some text.", '<a href="#" onclick="x()">x</a>'), ":9: HTML with an event handler"),
        (
            ("Some text.", "[click](javascript:alert(1))"),
            ":9: a javascript:, vbscript: or data: link",
        ),
        (("Some text.", "CafÃ© au lait"), ":9: garbled characters 'Ã©'"),
        (("Some text.", "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©"), ":9: garbled characters"),
    ],
)
def test_rule_reports_file_line_and_fix(change, expected):
    old, new = change
    result = run(GOOD.replace(old, new))
    assert any(expected in message for message in messages(result)), messages(result)
    assert all("; " in message for message in messages(result)), "every message says the fix"


def test_unknown_key_suggests_the_right_one_and_keeps_the_file():
    result = run(GOOD.replace("Summary:", "Sumary:"))
    assert messages(result) == [
        "content/stories/a-story.en.md:7: unknown metadata key 'Sumary:'; did you mean 'Summary:'?"
    ]
    assert result.ok  # published; the typo only loses the summary


def test_unknown_status_and_duplicate_key():
    result = run(GOOD.replace("Summary: Short.", "Status: hidden\nTitle: Again"))
    text = "\n".join(messages(result))
    assert ":7: unknown status 'hidden'" in text
    assert ":8: 'Title:' is given twice" in text


def test_empty_file():
    assert messages(run(b"  \n\n")) == [
        "content/stories/a-story.en.md:1: the file is empty; copy a template from docs/templates/ "
        "and fill it in, or delete the file"
    ]


def test_not_utf8_names_the_line():
    data = GOOD.replace("Some text.", "Caf\xe9").encode("latin-1")
    result = run(data)
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith(
        "content/stories/a-story.en.md:9: the file is not valid"
    )
    assert not result.ok


def test_image_without_alt_text_is_reported_with_its_line():
    result = run(GOOD.replace("Some text.", "Text.\n\n![](images/x.jpg)"))
    assert "content/stories/a-story.en.md:11: the picture 'images/x.jpg' has no alt text" in (
        "\n".join(messages(result))
    )


def test_meme_needs_picture_and_alt():
    meme = GOOD.replace("Author: Sami\nAge: 15\n", "Image: memes/a-story.png\n")
    text = "\n".join(messages(run(meme, "memes/a-story.en.md")))
    assert ":5: the picture has no alt text" in text
    no_image = GOOD.replace("Author: Sami\nAge: 15\n", "")
    assert "this entry needs its picture (every entry of memes/ is a picture)" in "\n".join(
        messages(run(no_image, "memes/a-story.en.md"))
    )


def test_header_without_blank_line_is_explained():
    result = run("Title: A\nSlug: a-story\nLang: en\nThis is text.\n")
    assert any(":4: this line is not a 'Key: value' line" in m for m in messages(result))


def test_file_outside_the_content_folders():
    result = run(GOOD, "a-story.en.md")
    assert any("the file is not in a content folder" in m for m in messages(result))


def test_sanitiser_removes_unsafe_html_even_when_rules_are_bypassed():
    html = run(
        GOOD.replace("Some text.", '<iframe src="https://x"></iframe><b style="color:red">b</b>')
    )
    assert "<iframe" not in html.html and "style=" not in html.html
    assert "<b>b</b>" in html.html


def test_level_one_headings_become_level_two():
    result = run(GOOD.replace("Some text.", "# Big\n\ntext"))
    assert "<h1" not in result.html and "<h2" in result.html


def test_summary_falls_back_to_first_paragraph():
    result = run(
        GOOD.replace("Summary: Short.\n", "").replace("Some text.", "First *para*.\n\nSecond.")
    )
    assert result.summary == "First para."


def test_iso_dates_with_a_time_zone_are_accepted():
    result = run(GOOD.replace("2026-02-07 09:00", "2026-02-07T10:00:00+01:00"))
    assert result.problems == []
