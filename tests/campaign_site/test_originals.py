"""A story can be written first, or only, in any of the site's languages (issue 17)."""

from __future__ import annotations

import re

from lxml import etree
from PIL import Image

from conftest import story
from tests.campaign_site.test_incremental import clean_build_of, tree


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def sitemap_alternates(output) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} from the sitemap."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = etree.parse(str(output / "sitemap.xml"))
    return {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }


def marked(text: str) -> str:
    return text.replace("Summary:", "Original: yes\nSummary:", 1)


def test_a_french_only_story_is_published_in_french_and_listed_elsewhere(site):
    site.write("stories/en-one.en.md", story("en-one"))
    site.write("stories/lyon.fr.md", story("lyon", "fr", title="Une histoire de Lyon"))
    result = site.build()
    assert result.returncode == 0, result.log
    assert "no original" not in result.log and "taken as the original" not in result.log
    page = result.page("fr/stories/lyon/")
    assert not result.exists("stories/lyon/") and not result.exists("ar/stories/lyon/")
    origin = "http://127.0.0.1:8000"
    assert alternates(page) == {
        "fr": f"{origin}/fr/stories/lyon/",
        "x-default": f"{origin}/fr/stories/lyon/",
    }
    assert sitemap_alternates(result.output)[f"{origin}/fr/stories/lyon/"] == alternates(page)
    assert "Une histoire de Lyon" in result.page("fr/stories/")
    assert "lyon" in (result.output / "fr" / "feeds" / "all.atom.xml").read_text()
    assert "lyon" not in (result.output / "feeds" / "all.atom.xml").read_text()
    english = result.page("stories/")
    card = re.search(
        r'<article class="card card-stories" lang="fr" dir="ltr">.*?</article>', english, re.S
    )
    assert card and "Une histoire de Lyon" in card.group(0) and "In Français" in card.group(0)
    switcher = page.split('class="language-switcher"')[1].split("</nav>")[0]
    assert 'hreflang="en"' in switcher and "This page is not translated yet" in switcher


def test_an_arabic_original_with_an_english_translation(site):
    site.write("stories/amman.ar.md", marked(story("amman", "ar", title="قصة من عمّان")))
    site.write("stories/amman.en.md", story("amman", "en", title="A story from Amman"))
    result = site.build()
    assert result.returncode == 0 and "two files" not in result.log, result.log
    origin = "http://127.0.0.1:8000"
    found = alternates(result.page("ar/stories/amman/"))
    assert found["x-default"] == f"{origin}/stories/amman/"  # the default language's version
    # drafting the Arabic original withdraws the English translation too
    site.write(
        "stories/amman.ar.md",
        marked(story("amman", "ar")).replace("Summary:", "Status: draft\nSummary:"),
    )
    again = site.build()
    assert not again.exists("stories/amman/") and not again.exists("ar/stories/amman/")
    assert (
        "content/stories/amman.ar.md:9: withdrawn (Status: draft) in ar, so en is not "
        "published either" in again.log
    )


def test_several_files_without_a_marked_original_say_which_was_taken(site):
    site.write("stories/two.fr.md", story("two", "fr"))
    site.write("stories/two.ar.md", story("two", "ar"))
    result = site.build()
    assert (
        "content/stories/two.fr.md:1: warning: there is no stories/two.en.md and no file "
        "says 'Original: yes': this file (fr) is taken as the original" in result.log
    )
    assert result.exists("fr/stories/two/") and result.exists("ar/stories/two/")


def test_a_page_only_in_arabic_takes_its_place_in_every_menu(site):
    site.write("stories/s.en.md", story("s"))
    site.write(
        "pages/nasaq.ar.md",
        "Title: صفحة عربية\nSlug: nasaq\nLang: ar\nMenu: main\nOrder: 1\n\nنص الصفحة.\n",
    )
    result = site.build()
    assert result.exists("ar/nasaq/") and not result.exists("nasaq/")
    nav = result.page("").split('class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/ar/nasaq/" lang="ar">صفحة عربية</a>' in nav
    assert "nothing links to this page" not in result.log


def test_an_album_captioned_only_in_french(site):
    folder = site.content / "gallery" / "lyon"
    folder.mkdir(parents=True)
    Image.new("RGB", (320, 200), "teal").save(folder / "mur.jpg")
    site.write(
        "gallery/lyon/album.fr.md",
        "Title: Le mur de Lyon\nDate: 2026-02-07\n\nImage: mur.jpg\nAlt: Un mur couvert de mots "
        "gentils.\n",
    )
    site.write("stories/s.en.md", story("s"))
    result = site.build()
    assert result.returncode == 0, result.log
    assert result.exists("fr/gallery/lyon/") and result.exists("fr/gallery/lyon/mur/")
    assert not result.exists("gallery/lyon/")
    listing = result.page("gallery/")
    assert "Le mur de Lyon" in listing and 'lang="fr"' in listing
    origin = "http://127.0.0.1:8000"
    assert alternates(result.page("fr/gallery/lyon/"))["x-default"] == (
        f"{origin}/fr/gallery/lyon/"
    )


def test_an_english_translation_added_later_equals_a_clean_build(site, tmp_path):
    site.write("stories/other.en.md", story("other"))
    site.write("stories/lyon.fr.md", story("lyon", "fr"))
    first = site.build()
    assert first.exists("fr/stories/lyon/") and not first.exists("stories/lyon/")
    before = tree(first.output)
    site.write("stories/lyon.en.md", story("lyon", "en", title="From Lyon"))
    second = site.build()
    assert second.exists("stories/lyon/")
    after = tree(second.output)
    assert after != before and after == clean_build_of(site, tmp_path)
