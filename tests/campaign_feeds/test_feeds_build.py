"""campaign_feeds with real Pelican builds: the real content, and small throwaway sites."""

from __future__ import annotations

import io
import json
import re
import textwrap
from pathlib import Path

import feedparser
import lxml.html
from lxml import etree
from PIL import Image

from conftest import story

CANONICAL = "http://127.0.0.1:8000"  # development settings: no SITEURL
LANGS = {"en": "", "fr": "fr/", "ar": "ar/"}
NAMES = ("all", "stories", "hints", "memes")
SUFFIXES = ("rss.xml", "atom.xml", "json")
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EMAIL_RE = re.compile(rb"[\w.+-]+@[\w-]+(\.[\w-]+)+")
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}


# -- helpers ------------------------------------------------------------------------------


def feed_files(output: Path) -> list[Path]:
    return sorted(
        path
        for path in output.rglob("*")
        if path.parent.name == "feeds" and path.name.endswith(SUFFIXES)
    )


def xml_feeds(output: Path) -> list[Path]:
    return [path for path in feed_files(output) if path.name.endswith(".xml")]


def local(output: Path, url: str, canonical: str = CANONICAL) -> Path:
    """The output file an absolute site URL is served from."""
    assert url.startswith(canonical + "/"), url
    rel = url[len(canonical) + 1 :].split("#", 1)[0]
    return output / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def parsed(path: Path) -> dict:
    """Items of any feed format as dicts: id, link, title, updated, summary, content,
    enclosures (url, length)."""
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            "language": data["language"],
            "updated": None,
            "items": [
                {
                    "id": item["id"],
                    "link": item["url"],
                    "title": item["title"],
                    "updated": item["date_modified"],
                    "summary": item["summary"],
                    "content": item["content_html"],
                    "enclosures": [
                        (a["url"], a["size_in_bytes"]) for a in item.get("attachments", [])
                    ],
                }
                for item in data["items"]
            ],
        }
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0, (path, feed.get("bozo_exception"))
    atom = path.name.endswith(".atom.xml")  # RSS items have no "updated"
    return {
        "language": feed.feed.get("language"),
        "updated": feed.feed.get("updated") if atom else None,
        "items": [
            {
                "id": entry.id,
                "link": entry.link,
                "title": entry.title,
                "updated": entry.get("updated") if atom else None,
                "summary": entry.get("summary", ""),
                "content": entry.content[0].value if entry.get("content") else "",
                "enclosures": [(e.href, int(e.length)) for e in entry.get("enclosures", [])],
            }
            for entry in feed.entries
        ],
    }


def declared_language(path: Path) -> str:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))["language"]
    root = etree.parse(str(path)).getroot()
    if root.tag == "rss":
        return root.findtext("channel/language")
    return root.get(XML_LANG)


def png(color=(200, 30, 60), size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def page(slug: str, lang: str, title: str, extra: str = "") -> str:
    return f"Title: {title}\nSlug: {slug}\nLang: {lang}\n{extra}\nText of {slug}.\n"


def write_small_site(site) -> None:
    """English, French and Arabic content with a warning, a link, a picture, a meme, a hint,
    a draft and a scheduled story."""
    site.write("images/pic.png", png())
    site.write("memes/meme-a.png", png((20, 90, 40)))
    site.write("pages/report-it.en.md", page("report-it", "en", "Report it"))
    for lang, title in (("en", "Follow"), ("fr", "Suivre"), ("ar", "تابع")):
        site.write(f"pages/follow.{lang}.md", page("follow", lang, title, "Template: follow"))
    warned = story("warned", tags="school, reporting").replace(
        "Summary:", "Warning: Mentions insults.\nSummary:"
    )
    warned += (
        "\nSee [how to report]({filename}/pages/report-it.en.md) and [below](#end).\n"
        "\n![A red rectangle](images/pic.png)\n"
    )
    site.write("stories/warned.en.md", warned)
    site.write("stories/warned.fr.md", story("warned", "fr", title="Histoire avertie"))
    site.write(
        "stories/warned.ar.md",
        story("warned", "ar", title="قصة مع تحذير").replace(
            "Summary:", "Warning: تذكر إهانات.\nSummary:"
        ),
    )
    site.write(
        "stories/older.en.md", story("older").replace("2026-02-07 09:00", "2026-01-10 08:00")
    )
    site.write("stories/draft.en.md", story("draft").replace("Tags:", "Status: draft\nTags:"))
    site.write(
        "stories/later.en.md", story("later").replace("2026-02-07 09:00", "2026-12-24 10:00")
    )
    site.write(
        "memes/meme-a.en.md",
        textwrap.dedent(
            """\
            Title: Meme A
            Slug: meme-a
            Lang: en
            Date: 2026-02-03 10:00
            Image: memes/meme-a.png
            ImageAlt: A green rectangle.
            Tags: kindness
            Summary: A meme.

            Share kindness.
            """
        ),
    )
    site.write(
        "hints/hint-a.en.md",
        "Title: Hint A\nSlug: hint-a\nLang: en\nDate: 2026-02-01 10:00\nOrder: 1\n"
        "Summary: Check it.\n\nA hint.\n",
    )


def snapshot(output: Path) -> dict[str, bytes]:
    files = feed_files(output)
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in files}


def all_ids(output: Path) -> dict[str, list[str]]:
    return {
        path.relative_to(output).as_posix(): [item["id"] for item in parsed(path)["items"]]
        for path in feed_files(output)
    }


# -- the real content ---------------------------------------------------------------------


def test_every_feed_exists_and_is_valid(real_site):
    assert real_site.returncode == 0, real_site.log
    output = real_site.output
    expected = {
        f"{prefix}feeds/{name}.{suffix}"
        for prefix in LANGS.values()
        for name in NAMES
        for suffix in SUFFIXES
    }
    found = {path.relative_to(output).as_posix() for path in feed_files(output)}
    assert found == expected
    for path in xml_feeds(output):
        etree.parse(str(path))  # well-formed
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        assert feed.version in ("rss20", "atom10"), path
        assert feed.entries, f"{path} has no item"
    for path in output.rglob("feeds/*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        assert data["feed_url"] == f"{CANONICAL}/{path.relative_to(output).as_posix()}"


def test_item_links_point_to_published_pages_and_ids_are_unique(real_site):
    output = real_site.output
    for path in feed_files(output):
        items = parsed(path)["items"]
        ids = [item["id"] for item in items]
        assert len(ids) == len(set(ids)), path
        for item in items:
            assert item["id"].startswith("tag:127.0.0.1,2026:"), item["id"]
            assert local(output, item["link"]).is_file(), (path, item["link"])


def test_enclosures_have_the_real_length(real_site):
    output = real_site.output
    memes = 0
    for path in feed_files(output):
        for item in parsed(path)["items"]:
            for url, length in item["enclosures"]:
                file = local(output, url)
                assert file.is_file(), url
                assert file.stat().st_size == length, url
                memes += path.name.startswith("memes.")
    assert memes == 3 * 7 * 3, "every meme has its picture as enclosure in each format"


def test_content_urls_are_absolute(real_site):
    for path in feed_files(real_site.output):
        for item in parsed(path)["items"]:
            html = lxml.html.fragment_fromstring(item["content"], create_parent="div")
            for element in html.iter():
                for name in ("href", "src"):
                    value = element.get(name)
                    if value is not None:
                        assert value.startswith(("http://", "https://", "mailto:")), (path, value)
                for candidate in (element.get("srcset") or "").split(","):
                    if candidate.strip():
                        assert candidate.split()[0].startswith("http"), (path, candidate)


def test_no_email_address_in_any_feed(real_site):
    for path in feed_files(real_site.output):
        data = path.read_bytes()
        assert not EMAIL_RE.search(data), path
        assert b"<email>" not in data and b"<managingEditor>" not in data
        if path.name.endswith(".rss.xml"):
            assert not etree.fromstring(data).findall("channel/item/author"), path


def test_announced_feeds_match_the_page_language(real_site):
    output = real_site.output
    languages: dict[str, str] = {}
    announced = set()
    for html_path in output.rglob("*.html"):
        document = lxml.html.parse(str(html_path)).getroot()
        page_lang = document.get("lang")
        links = [
            link
            for link in document.findall("head/link[@rel='alternate']")
            if link.get("type") in FEED_TYPES
        ]
        assert len(links) >= 3, f"{html_path} announces no feed"
        for link in links:
            href = link.get("href")
            assert link.get("title"), href
            if href not in languages:
                languages[href] = declared_language(local(output, href))
            assert languages[href] == page_lang, (html_path, href)
            announced.add(href)
        rel = html_path.relative_to(output).as_posix()
        hrefs = {link.get("href") for link in links}
        prefix = "" if page_lang == "en" else f"{page_lang}/"
        for section in ("stories", "hints", "memes"):
            section_feed = f"{CANONICAL}/{prefix}feeds/{section}.rss.xml"
            is_section_page = rel.startswith(f"{prefix}{section}/")
            assert (section_feed in hrefs) == is_section_page, (rel, section)
    assert len(announced) == 3 * len(NAMES) * len(SUFFIXES)


def test_follow_page_lists_every_feed_of_its_language(real_site):
    output = real_site.output
    for code, prefix in LANGS.items():
        html = real_site.page(f"{prefix}follow/")
        document = lxml.html.fromstring(html)
        hrefs = set(document.xpath("//section[@class='feeds']//a/@href"))
        expected = {
            f"{CANONICAL}/{prefix}feeds/{name}.{suffix}" for name in NAMES for suffix in SUFFIXES
        }
        assert hrefs == expected, code
        groups = document.xpath("//section[@class='feeds']//section[@class='feed-group']")
        assert len(groups) == len(NAMES)
        for href in hrefs:
            assert local(output, href).is_file()


def test_arabic_feed_keeps_arabic_text(real_site):
    source = Path(__file__).resolve().parents[2] / "content/stories/comments-under-my-goal.ar.md"
    title = re.search(r"^Title: (.+)$", source.read_text(encoding="utf-8"), re.M).group(1)
    for suffix in SUFFIXES:
        path = real_site.output / f"ar/feeds/stories.{suffix}"
        assert declared_language(path) == "ar"
        titles = [item["title"] for item in parsed(path)["items"]]
        assert title in titles, suffix
        assert title.encode("utf-8") in path.read_bytes(), "stored as UTF-8, not as entities"


def test_feeds_are_plain_feeds_without_a_browser_view(real_site):
    """No ``<?xml-stylesheet?>`` and no XSL: browsers are removing XSLT and the site's CSP
    blocks the warning they show instead, so the pages link to the Follow page and the
    feeds are for feed readers only (docs/design.md, "Feeds in a browser")."""
    output = real_site.output
    assert not list(output.rglob("*.xsl"))
    for prefix in LANGS.values():
        for suffix in ("rss.xml", "atom.xml"):
            data = (output / f"{prefix}feeds/all.{suffix}").read_bytes()
            assert b"<?xml-stylesheet" not in data
            assert etree.fromstring(data).getprevious() is None


# -- throwaway sites ----------------------------------------------------------------------


def test_rebuild_gives_byte_identical_feeds(site):
    write_small_site(site)
    first = site.build()
    assert first.returncode == 0, first.log
    before = snapshot(site.output)
    assert before
    second = site.build(fresh=True)  # another interpreter, another hash seed
    assert second.returncode == 0, second.log
    assert snapshot(site.output) == before
    later = site.build(extra={"CAMPAIGN_NOW": "2026-12-01T10:00:00"})
    assert later.returncode == 0, later.log
    changed = {rel for rel, data in snapshot(site.output).items() if before.get(rel) != data}
    # a later "now" (the story scheduled for 24 December still waits) changes nothing
    assert changed == set(), changed


def test_ids_do_not_depend_on_the_output_folder(site):
    write_small_site(site)
    assert site.build().returncode == 0
    ids = all_ids(site.output)
    elsewhere = site.root / "public"
    result = site.build("-o", str(elsewhere), fresh=True)
    assert result.returncode == 0, result.log
    assert all_ids(elsewhere) == ids
    assert snapshot(elsewhere) == snapshot(site.output)
    for rel, values in ids.items():
        assert len(values) == len(set(values)), rel


def test_drafts_and_scheduled_content_stay_out(site):
    write_small_site(site)
    result = site.build()
    assert result.returncode == 0, result.log
    items = parsed(site.output / "feeds/all.atom.xml")["items"]
    slugs = [item["link"].rstrip("/").rsplit("/", 1)[1] for item in items]
    assert slugs == ["warned", "meme-a", "hint-a", "older"]
    assert [item["link"] for item in parsed(site.output / "feeds/memes.json")["items"]] == [
        f"{CANONICAL}/memes/meme-a/"
    ]


def test_edited_story_keeps_its_id_and_gets_a_new_date(site):
    write_small_site(site)
    assert site.build().returncode == 0
    before = {path: parsed(site.output / path) for path in ("feeds/all.atom.xml",)}
    json_before = parsed(site.output / "feeds/stories.json")
    edited = site.content / "stories/older.en.md"
    text = edited.read_text(encoding="utf-8")
    text = text.replace(
        "Date: 2026-01-10 08:00", "Date: 2026-01-10 08:00\nModified: 2026-03-02 11:15"
    )
    edited.write_text(text.replace("A paragraph", "An edited paragraph"), encoding="utf-8")
    assert site.build().returncode == 0
    after = parsed(site.output / "feeds/all.atom.xml")
    old = {item["id"]: item for item in before["feeds/all.atom.xml"]["items"]}
    new = {item["id"]: item for item in after["items"]}
    assert old.keys() == new.keys()
    story_id = "tag:127.0.0.1,2026:stories/older/en"
    assert new[story_id]["updated"] == "2026-03-02T11:15:00+01:00"
    assert old[story_id]["updated"] == "2026-01-10T08:00:00+01:00"
    assert "An edited paragraph" in new[story_id]["content"]
    assert after["updated"] == "2026-03-02T11:15:00+01:00", "the feed's date follows its items"
    json_after = parsed(site.output / "feeds/stories.json")
    assert [i["id"] for i in json_after["items"]] == [i["id"] for i in json_before["items"]]
    rss = (site.output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>Mon, 02 Mar 2026 11:15:00 +0100</lastBuildDate>" in rss


def test_item_count_setting(site):
    write_small_site(site)
    result = site.build(extra={"CAMPAIGN_FEED_ITEMS": 2})
    assert result.returncode == 0, result.log
    assert [i["title"] for i in parsed(site.output / "feeds/all.rss.xml")["items"]] == [
        "Story warned en",
        "Meme A",
    ]
    assert len(parsed(site.output / "feeds/all.json")["items"]) == 2
    bad = site.build(extra={"CAMPAIGN_FEED_ITEMS": 0})
    assert bad.returncode != 0
    assert "CAMPAIGN_FEED_ITEMS is 0" in " ".join(bad.log.split())


def test_content_warning_comes_first_and_urls_are_absolute(site):
    write_small_site(site)
    result = site.build()
    assert result.returncode == 0, result.log
    for suffix in SUFFIXES:
        item = parsed(site.output / f"feeds/stories.{suffix}")["items"][0]
        assert item["title"] == "Story warned en"
        content = item["content"]
        warning = r"<p><strong>Content warning:</strong> Mentions insults\.</p>"
        assert re.match(warning, content), content
        assert "Content warning: Mentions insults." in item["summary"]
        assert item["summary"].index("Content warning") < item["summary"].index("summary")
        assert f'href="{CANONICAL}/report-it/"' in content
        assert f'href="{CANONICAL}/stories/warned/#end"' in content
        src = re.search(r'<img[^>]* src="([^"]+)"', content).group(1)
        assert local(site.output, src).is_file()
    arabic = parsed(site.output / "ar/feeds/all.json")["items"][0]
    assert "تذكر إهانات." in arabic["content"]


def test_translated_titles_and_warning(site, tmp_path):
    """With catalogs, every string is in the feed's language; ids use the canonical host."""
    write_small_site(site)
    catalogs = tmp_path / "catalogs"
    french = {
        "All content": "Tout le contenu",
        "Stories": "Histoires",
        "Content warning:": "Avertissement :",
        "Safer, kinder internet": "Un Internet plus sûr",
    }
    for code, messages in (("fr", french), ("ar", {"All content": "كل المحتوى"})):
        po = catalogs / code / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=utf-8\\n"', ""]
        for msgid, msgstr in messages.items():
            lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"', ""]
        po.write_text("\n".join(lines), encoding="utf-8")
    site.write(
        "stories/older.fr.md",
        story("older", "fr", title="Plus ancienne").replace(
            "Summary:", "Warning: Parle de moqueries.\nSummary:"
        ),
    )
    canonical = "https://campaign.example.org"
    result = site.build(
        extra={"CAMPAIGN_CATALOGS": str(catalogs), "CAMPAIGN_CANONICAL_SITEURL": canonical}
    )
    assert result.returncode == 0, result.log
    rss = feedparser.parse((site.output / "fr/feeds/all.rss.xml").read_bytes())
    assert rss.feed.title == "Tout le contenu – Un Internet plus sûr"
    assert rss.feed.language == "fr"
    warned = next(e for e in rss.entries if "older" in e.link)
    assert warned.id == "tag:campaign.example.org,2026:stories/older/fr"
    assert warned.content[0].value.startswith(
        "<p><strong>Avertissement\u00a0:</strong> Parle de moqueries.</p>"
    )
    stories = etree.parse(str(site.output / "fr/feeds/stories.atom.xml")).getroot()
    assert stories.findtext(f"{ATOM}title") == "Histoires – Un Internet plus sûr"
    ar = json.loads((site.output / "ar/feeds/all.json").read_text(encoding="utf-8"))
    assert ar["title"].startswith("كل المحتوى")
    head = lxml.html.fromstring(site.output.joinpath("fr/stories/older/index.html").read_bytes())
    titles = {
        link.get("title")
        for link in head.findall("head/link[@rel='alternate']")
        if link.get("type") == "application/atom+xml"
    }
    assert titles == {
        "Tout le contenu – Un Internet plus sûr (Atom)",
        "Histoires – Un Internet plus sûr (Atom)",
    }
    for link in head.findall("head/link[@rel='alternate']"):
        assert link.get("href").startswith(canonical + "/")


def test_arabic_items_carry_their_direction_and_every_feed_its_icon(real_site):
    output = real_site.output
    arabic = feedparser.parse((output / "ar/feeds/all.atom.xml").read_bytes())
    assert arabic.entries
    for entry in arabic.entries:
        assert entry.content[0].value.startswith('<div dir="rtl" lang="ar">'), entry.link
    english = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    assert not any("dir=" in entry.content[0].value[:30] for entry in english.entries)
    rss = etree.parse(str(output / "fr/feeds/stories.rss.xml")).getroot()
    image = rss.find("channel/image")
    assert image is not None and image.findtext("link") == f"{CANONICAL}/fr/stories/"
    atom = etree.parse(str(output / "fr/feeds/all.atom.xml")).getroot()
    icon, logo = atom.findtext(f"{ATOM}icon"), atom.findtext(f"{ATOM}logo")
    assert icon and icon == logo == image.findtext("url")
    data = json.loads((output / "fr/feeds/all.json").read_text())
    assert data["icon"] == icon and data["favicon"].endswith(".png")
    for url in (icon, data["favicon"]):
        with Image.open(local(output, url)) as picture:
            assert picture.width == picture.height >= 64
