"""The real site in French and Arabic: no English UI text left on the pages, right <html lang
dir>."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from bs4 import NavigableString
from i18n_helpers import CATALOGS, html_attrs, html_pages, soup, url_of

from campaign_i18n.catalogs import po_path

pytestmark = pytest.mark.slow

PLACEHOLDER = re.compile(r"%\(\w+\)s")
LOCALES = {"fr": "fr_FR", "ar": "ar"}
ATTRIBUTES = ("aria-label", "title", "alt")


def english_patterns(code: str) -> dict[str, re.Pattern]:
    """Each English UI text (singular and plural) whose translation differs from it, as a regex
    (placeholders match any word); texts a translation itself contains are left out."""
    with po_path(CATALOGS, code).open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[code])
    translations = []
    english = {}
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        translations += [text.replace("%%", "%") for text in strings]
        for msgid in ids:
            if msgid in strings:
                continue  # the same in both languages ("Archives", "E-mail" in French)
            literals = [part.replace("%%", "%") for part in PLACEHOLDER.split(msgid)]
            if not any(re.search(r"[A-Za-z]{2}", part) for part in literals):
                continue  # "%(name)s, %(age)s": no English words
            body = r"\S+".join(re.escape(part) for part in literals)
            english[msgid] = re.compile(rf"(?<!\w){body}(?!\w)")
    return {
        msgid: pattern
        for msgid, pattern in english.items()
        if not any(pattern.search(text) for text in translations)
    }


def ui_text(html: str, code: str) -> str:
    """The page's visible text and accessible names that are in the page's language: content
    (an entry's body) and anything marked as another language (an untranslated entry, the
    switcher) are left out; UI strings marked with the page's language inside them are kept."""
    page = soup(html)
    for element in page.select("script, style, .entry-content"):
        element.decompose()

    def language(element) -> str | None:
        found = element if element.has_attr("lang") else element.find_parent(lang=True)
        return found.get("lang") if found is not None else None

    parts = [
        str(text)
        for text in page.find_all(string=True)
        if type(text) is NavigableString and language(text.parent) == code
    ]
    for element in page.find_all(True):
        if language(element) == code:
            parts += [element[name] for name in ATTRIBUTES if element.has_attr(name)]
    description = page.select_one('meta[name="description"]')
    if description is not None:
        parts.append(description.get("content", ""))
    return re.sub(r"\s+", " ", " ".join(parts))


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_no_english_ui_text_on_translated_pages(real_site, code):
    assert real_site.returncode == 0, real_site.log
    patterns = english_patterns(code)
    assert "Skip to main content" in patterns and "Stories" in patterns
    pages = html_pages(real_site.output / code)
    assert len(pages) > 20
    leaks = []
    for path in pages:
        text = ui_text(path.read_text(encoding="utf-8"), code)
        leaks += [
            f"{url_of(real_site.output, path)}: {msgid!r}"
            for msgid, pattern in patterns.items()
            if pattern.search(text)
        ]
    assert leaks == []


def test_the_english_pages_do_show_the_english_ui_text(real_site):
    """The check above would find English text if it were there."""
    patterns = english_patterns("fr")
    text = ui_text(real_site.page(""), "en")
    for msgid in ("Skip to main content", "Latest stories", "%(count)s stories", "Main"):
        assert patterns[msgid].search(text), msgid


def test_real_pages_have_their_lang_and_dir(real_site):
    output = real_site.output
    seen = set()
    for path in html_pages(output):
        url = url_of(output, path)
        code = url.split("/", 1)[0] if url.startswith(("fr/", "ar/")) else "en"
        assert html_attrs(path.read_text(encoding="utf-8")) == (
            code,
            "rtl" if code == "ar" else "ltr",
        ), url
        seen.add(code)
    assert seen == {"en", "fr", "ar"}
