"""Hints are numbered in the original's order in every language, and each language has a
one-page checklist of them all; Report it's '- [ ]' lists are checklists."""

from __future__ import annotations

import re

from campaign_site.layouts import layout


def hint(slug: str, lang: str, order: int, title: str) -> str:
    return (
        f"Title: {title}\nSlug: {slug}\nLang: {lang}\nDate: 2026-01-2{order} 10:00\n"
        f"Order: {order}\nSummary: Why {title.lower()} matters.\n\nThe text of {slug}.\n"
    )


def numbers(html: str) -> list[tuple[str, str]]:
    """(number, hint URL) of each item of a hints list or checklist, in page order."""
    return re.findall(
        r'<span class="hint-number" aria-hidden="true">(\d+)</span>.*?href="/([^"]*hints/[^"]+/)"',
        html,
        re.S,
    )


def test_hints_are_numbered_as_the_original_in_every_language_with_a_checklist(site):
    site.write("hints/first.en.md", hint("first", "en", 1, "Check the source"))
    site.write("hints/second.en.md", hint("second", "en", 2, "Check the date"))
    site.write("hints/third.en.md", hint("third", "en", 3, "Ask who benefits"))
    # the translator's own Order: is not what numbers a hint: the original's is
    site.write("hints/second.fr.md", hint("second", "fr", 9, "Vérifie la date"))
    site.write("hints/third.fr.md", hint("third", "fr", 1, "Demande à qui ça profite"))
    result = site.build()
    assert result.returncode == 0, result.log
    english = [("1", "hints/first/"), ("2", "hints/second/"), ("3", "hints/third/")]
    french = [("1", "hints/first/"), ("2", "fr/hints/second/"), ("3", "fr/hints/third/")]
    assert numbers(result.page("hints/")) == english
    assert numbers(result.page("fr/hints/")) == french
    for url, expected in (("hints/checklist/", english), ("fr/hints/checklist/", french)):
        page = result.page(url)
        assert numbers(page) == expected, url
        assert page.count('type="checkbox"') == 3
        assert "hints/checklist/" in result.page(url.replace("checklist/", ""))  # linked
    for url, number in (("fr/hints/second/", "2"), ("fr/hints/third/", "3"), ("hints/third/", "3")):
        pill = re.search(r'<span class="pill">([^<]*)</span>', result.page(url)).group(1)
        assert re.search(rf"\b{number}\b", pill), (url, pill)  # the original's number
    assert 'href="/fr/hints/checklist/"' in result.page("fr/hints/third/")
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/fr/hints/checklist/" in sitemap


def test_a_hint_cannot_take_the_checklist_address(site):
    site.write("hints/first.en.md", hint("first", "en", 1, "Check the source"))
    site.write("hints/checklist.en.md", hint("checklist", "en", 2, "Checklist"))
    result = site.build()
    assert (
        "content/hints/checklist.en.md:1: this would be published at /hints/checklist/, "
        "which the site's own checklist page already uses" in result.log
    ), result.log
    assert "Fake news checklist" in result.page("hints/checklist/")


def test_a_list_of_boxes_is_a_checklist_and_other_lists_are_not():
    html = (
        '<h2 id="keep">Keep</h2><p>Save it.</p>'
        "<ul><li>[ ] <strong>Screenshots</strong> of it</li><li>[ ] the links</li></ul>"
        "<ul><li>Do not reply</li><li>[ ] half a checklist</li></ul>"
    )
    body = str(layout(html).parts[0].body)
    assert body.count('<ul class="checklist">') == 1
    assert (
        '<li><label><input type="checkbox"/><span><strong>Screenshots</strong> of it</span>'
        "</label></li>" in body
    )
    assert "[ ]" not in body.split("</ul>")[0]
    assert "<li>[ ] half a checklist</li>" in body  # a list with one plain item stays a list
