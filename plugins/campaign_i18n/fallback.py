"""English fallback for UI strings a catalog does not translate yet, marked in the page.

A page's gettext (``FallbackTranslations``) returns an untranslated string in the default
language with its words between two private-use characters. Once the page is rendered,
``mark_fallbacks`` turns each marked run of text into ``<span lang="en" dir="ltr">…</span>``,
so screen readers and browsers know the words are English, and removes the marks wherever a
``<span>`` cannot go (inside a tag or an attribute, ``<title>``, ``<script>``, ``<style>``,
``<option>``, SVG...), leaving the plain English text there. Pure: no Pelican import.

Only pages use this: feeds use the catalogs' plain ``gettext``, whose fallback is the English
text without marks.
"""

from __future__ import annotations

import gettext as gettext_module
import re

START = "\ue000"  # private use: never in a catalog, a template or content that is published
END = "\ue001"
# a %-placeholder of a UI string ("%(count)s", "%s") or an escaped percent sign
PLACEHOLDER_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
# where a <span> cannot go: tags (attributes), comments, and elements whose content is text
# only or not HTML; the marks found there are removed
NO_SPAN_RE = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|title|textarea|option|svg|math)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>"
    r"|</?[a-zA-Z!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I,
)
MARK_RE = re.compile(f"[{START}{END}]")
# a tag of an element that a <span> may not contain (not phrasing content); a marked run with
# one inside is left unmarked rather than made into invalid HTML
NOT_PHRASING_RE = re.compile(
    r"</?(?!(?:a|abbr|b|bdi|bdo|br|cite|code|data|del|dfn|em|i|img|ins|kbd|mark|picture|q|s"
    r"|samp|small|source|span|strong|sub|sup|time|u|var|wbr)[\s/>])[a-zA-Z]",
    re.I,
)
# a marked string %-formatted after being URL-encoded by a template filter
ENCODED = ("%EE%80%80", "%EE%80%81")


def mark(text: str) -> str:
    """``text`` (an English UI string, maybe with placeholders) with its words marked.

    Placeholders stay outside the marks, so the values put into them (a name, a topic in
    the page's language) are not said to be English; runs without a letter (", ") are not
    marked. A string with markup in it is marked as a whole."""
    if "<" in text:
        return f"{START}{text}{END}"
    parts, position = [], 0
    for match in PLACEHOLDER_RE.finditer(text):
        if match.group() == "%%":  # a percent sign: part of the words
            continue
        parts.append(_mark_run(text[position : match.start()]))
        parts.append(match.group())
        position = match.end()
    parts.append(_mark_run(text[position:]))
    return "".join(parts)


def _mark_run(run: str) -> str:
    if not any(character.isalpha() for character in run):
        return run
    stripped = run.strip()
    start = run.index(stripped)
    return f"{run[:start]}{START}{stripped}{END}{run[start + len(stripped) :]}"


def strip(text: str) -> str:
    """``text`` without marks: the plain English fallback."""
    return MARK_RE.sub("", text)


class FallbackTranslations:
    """gettext for pages: what ``translations`` translates, else the English text, marked.

    ``translated`` holds the message ids the catalog translates completely (every plural form,
    not fuzzy); a partly translated plural is shown in English in every form, so that a page
    never mixes the two for one string."""

    def __init__(self, translations: gettext_module.NullTranslations, translated: frozenset):
        self.translations = translations
        self.translated = translated

    def gettext(self, message: str) -> str:
        if message in self.translated:
            return self.translations.gettext(message)
        return mark(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular in self.translated:
            return self.translations.ngettext(singular, plural, n)
        return mark(singular if n == 1 else plural)


def mark_fallbacks(html: str, code: str, direction: str) -> str:
    """Turn the marked English runs of a rendered page into ``<span lang dir>`` elements in
    text, plain text elsewhere. A page without marks is returned as it is, at once."""
    if START not in html and END not in html:
        if ENCODED[0] not in html:
            return html
        return html.replace(ENCODED[0], "").replace(ENCODED[1], "")
    html = NO_SPAN_RE.sub(
        lambda match: strip(match.group()) if _marked(match) else match.group(), html
    )
    opening = f'<span lang="{code}" dir="{direction}">'
    out, depth, position, start = [], 0, 0, 0
    for found in MARK_RE.finditer(html):
        if found.group() == START:
            if depth == 0:
                out.append(strip(html[position : found.start()]))
                start = found.end()
            depth += 1
        elif depth:  # an END without its START is dropped below
            depth -= 1
            if depth == 0:
                inner = strip(html[start : found.start()])
                out.append(f"{opening}{inner}</span>" if _phrasing(inner) else inner)
                position = found.end()
    out.append(strip(html[start:] if depth else html[position:]))
    html = "".join(out)
    if ENCODED[0] in html:
        html = html.replace(ENCODED[0], "").replace(ENCODED[1], "")
    return html


def _marked(match: re.Match) -> bool:
    text = match.group()
    return START in text or END in text


def _phrasing(inner: str) -> bool:
    """True when ``inner`` may be the content of a ``<span>``."""
    if not inner.strip():
        return False
    return NOT_PHRASING_RE.search(inner) is None
