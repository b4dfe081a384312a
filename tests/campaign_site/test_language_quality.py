"""Language quality in the page: French typography and topics shared across languages."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from campaign_i18n.typography import NBSP, NNBSP, french_html, french_text
from conftest import story

TOPICS = """\
[hate-speech]
en = "hate speech"
fr = "discours de haine"
ar = "خطاب الكراهية"

[school]
en = "school"
fr = "école"
ar = "المدرسة"
"""
ORIGIN = "http://127.0.0.1:8000"


def test_french_spacing_in_text_and_never_in_code_or_attributes():
    assert french_text("« Bonjour » : tu viens ? Oui ! Non ;") == (
        f"«{NNBSP}Bonjour{NNBSP}»{NBSP}: tu viens{NNBSP}? Oui{NNBSP}! Non{NNBSP};"
    )
    assert french_text("«Oui»") == f"«{NNBSP}Oui{NNBSP}»"
    assert french_text("Il est 10:30, voir https://exemple.fr") == (
        "Il est 10:30, voir https://exemple.fr"
    )
    html = '<p title="a : b">Attention : <code>x : y</code> <a href="/q?x=1">lien</a> !</p>'
    assert french_html(html) == (
        f'<p title="a : b">Attention{NBSP}: <code>x : y</code> <a href="/q?x=1">lien</a>{NNBSP}!</p>'
    )


def french_text_nodes(html: str) -> list[str]:
    """Text of a French page that is in French (not code, not another language's part)."""
    soup = BeautifulSoup(html, "lxml")
    found = []
    for node in soup.find_all(string=True):
        if node.parent.name in ("code", "pre", "script", "style"):
            continue
        owner = node.parent.find_parent(attrs={"lang": True}) if node.parent else None
        lang = node.parent.get("lang") or (owner.get("lang") if owner else "")
        if lang == "fr":
            found.append(str(node))
    return found


def test_a_french_page_has_no_ordinary_space_before_high_punctuation(site):
    site.write(
        "stories/q.fr.md",
        story("q", "fr", title="Pourquoi moi ?").replace(
            "Summary: Pourquoi moi ? summary.", "Summary: Une question : pourquoi ?"
        )
        + "\nIl m’a dit « arrête » ; j’ai répondu : non ! Et le code `a : b` reste.\n",
    )
    result = site.build()
    page = result.page("fr/stories/q/")
    texts = french_text_nodes(page)
    assert texts and not [t for t in texts if re.search(r" [:;?!]|« | »", t)]
    assert "<code>a : b</code>" in page
    assert f"Pourquoi moi{NNBSP}?" in page
    assert f"Pourquoi moi{NNBSP}?" in result.page("fr/stories/")


def test_topics_are_shared_across_languages_with_readable_addresses(site):
    site.write("topics.toml", TOPICS)
    site.write("stories/x.en.md", story("x", tags="hate speech, school"))
    site.write("stories/x.fr.md", story("x", "fr", tags="discours de haine, école"))
    site.write("stories/x.ar.md", story("x", "ar", tags="خطاب الكراهية, المدرسة, موضوع جديد"))
    result = site.build()
    assert result.returncode == 0, result.log
    assert result.exists("fr/tags/discours-de-haine/") and result.exists("fr/tags/ecole/")
    assert result.exists("ar/tags/hate-speech/") and result.exists("ar/tags/school/")
    page = result.page("fr/tags/discours-de-haine/")
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert links == {
        "en": f"{ORIGIN}/tags/hate-speech/",
        "fr": f"{ORIGIN}/fr/tags/discours-de-haine/",
        "ar": f"{ORIGIN}/ar/tags/hate-speech/",
        "x-default": f"{ORIGIN}/tags/hate-speech/",
    }
    switcher = page.split('class="language-switcher"')[1].split("</nav>")[0]
    assert 'href="/ar/tags/hate-speech/"' in switcher and 'href="/tags/hate-speech/"' in switcher
    assert "خطاب الكراهية" in result.page("ar/tags/hate-speech/")
    assert (
        "content/stories/x.ar.md:7: warning: the topic 'موضوع جديد' is not in "
        "content/topics.toml" in result.log
    )


def test_a_broken_topics_file_is_an_error_with_its_line(site):
    site.write("topics.toml", "[hate-speech]\nen = hate speech\n")
    site.write("stories/x.en.md", story("x", tags="hate speech"))
    result = site.build()
    assert result.returncode == 0
    assert "content/topics.toml:2: this file cannot be read" in result.log
    assert result.exists("tags/hate-speech/")
