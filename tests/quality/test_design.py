"""Design gates (issue 15): what a visitor would notice, checked in Chromium.

The phone header leaves room for the page; the menu opens and closes without JavaScript and
by keyboard, and stays on one row on a desktop whatever the page or language; DOs and DON'Ts
differ by more than colour; the emergency box comes first on Report it; no grid leaves a
lone card where a full row was possible; French text has its no-break spaces. Hints are
numbered alike in every language, with a one-page checklist; Report it's apps are reached by
jump links; the site name stays compact on a phone; a list's feed link opens the Follow page.
"""

from __future__ import annotations

import re

import pytest

from .quality_checks import CONTRAST_RULES, LANGUAGES, axe_problems, page_url

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
HEADER_SHARE = 0.25  # of an 812 px phone screen
GRID_PAGES = ["home", "story-list", "story", "hint-list", "meme-list", "tag", "gallery", "album"]


@pytest.fixture(scope="module")
def tab(browser):
    """``open(url, viewport, javascript=True)``: a tab loaded at ``url`` (None: where it
    is), laid out at ``viewport``, in the light scheme, with no media type emulated (so that
    a PDF prints). One tab per JavaScript setting serves the whole module, test after test:
    opening a tab starts a renderer process, which costs more than a page load."""
    contexts, pages = {}, {}

    def open_tab(url: str | None, viewport: dict, javascript: bool = True):
        page = pages.get(javascript)
        if page is None or page.is_closed():
            contexts[javascript] = browser.new_context(
                viewport=viewport, java_script_enabled=javascript, reduced_motion="reduce"
            )
            page = pages[javascript] = contexts[javascript].new_page()
        page.set_viewport_size(viewport)
        page.emulate_media(media="null", color_scheme="light")  # "null": no media type emulated
        if url is not None:
            page.goto(url, wait_until="load")
        return page

    yield open_tab
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["home", "story", "page", "rules", "404"])
def test_phone_first_screen(lang, kind, built_site, tab, site_server):
    """On a 375x812 phone the header is at most 25 % of the screen, and the first screen
    shows the brand, the Report button, the language choice and the page's own title."""
    page = tab(site_server.url(page_url(built_site, lang, kind)), PHONE)
    boxes = page.evaluate(
        """() => Object.fromEntries([
          ['header', '.site-header'], ['brand', '.brand'], ['report', '.report-cta'],
          ['languages', '.language-switcher'], ['menu', '.menu summary'], ['title', 'main h1'],
        ].map(([k, s]) => { const e = document.querySelector(s);
          return [k, e ? e.getBoundingClientRect().bottom : null]; }))"""
    )
    height = page.evaluate("document.querySelector('.site-header').offsetHeight")
    assert height <= PHONE["height"] * HEADER_SHARE, f"/{lang} {kind}: header {height} px"
    for name, bottom in boxes.items():
        assert bottom is not None, f"{lang} {kind}: no {name}"
        assert bottom <= PHONE["height"], f"{lang} {kind}: the {name} is below the first screen"


NAV_VISIBLE_JS = "() => !!document.querySelector('.site-nav a') && document.querySelector('.site-nav a').checkVisibility()"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_menu_opens_without_javascript_and_by_keyboard(lang, built_site, tab, site_server):
    """The phone menu is a <details>: closed at first, opened and closed by a click with
    JavaScript off, and by Enter on its focused button; its links are reachable by Tab."""
    url = site_server.url(page_url(built_site, lang, "home"))
    page = tab(url, PHONE, javascript=False)
    assert not page.evaluate(NAV_VISIBLE_JS), "the menu is open before any click"
    page.click(".menu summary")
    assert page.evaluate(NAV_VISIBLE_JS), "a click does not open the menu"
    page.click(".menu summary")
    assert not page.evaluate(NAV_VISIBLE_JS), "a second click does not close the menu"
    page.focus(".menu summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('.menu').open"), "Enter does not open it"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.site-nav') !== null")
    assert focused, "Tab from the open menu's button does not reach its first link"
    page.focus(".menu summary")
    page.keyboard.press("Space")
    assert not page.evaluate("document.querySelector('.menu').open"), "Space does not close it"


def test_desktop_menu_is_one_row_everywhere(built_site, tab, site_server):
    """At 1280 px the menu is open without a click and lays its items out on one row, on
    every page type and in every language."""
    page = tab(None, {"width": 1280, "height": 800})
    problems = []
    for lang in LANGUAGES:
        for kind in ["home", "story", "page", "rules", "tag", "404"]:
            url = page_url(built_site, lang, kind)
            page.goto(site_server.url(url), wait_until="load")
            tops = page.evaluate(
                "[...document.querySelectorAll('.site-nav li')].map(li => li.checkVisibility() ? Math.round(li.getBoundingClientRect().top) : -1)"
            )
            if not tops or min(tops) < 0 or len(set(tops)) != 1:
                problems.append(f"/{url}: menu items not all visible on one row ({tops})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dos_and_donts_differ_without_colour(lang, built_site, tab, site_server):
    """Every DO and DON'T is a card with its own icon and label text (not only colour)."""
    url = site_server.url(page_url(built_site, lang, "rules"))
    page = tab(url, {"width": 1280, "height": 800})
    groups = page.evaluate(
        """() => ['do', 'dont'].map(kind => [...document.querySelectorAll(`.rules-${kind} .rule`)]
          .map(card => ({label: card.querySelector('.rule-label')?.innerText.trim(),
                         icon: card.querySelector('.rule-label use')?.getAttribute('href').split('#')[1]})))"""
    )
    page.emulate_media(media="print")
    columns = page.evaluate(
        "getComputedStyle(document.querySelector('.rules-groups')).gridTemplateColumns.split(' ').length"
    )
    dos, donts = groups
    assert dos and donts, "no DO or DON'T cards"
    assert {d["icon"] for d in dos} == {"check"}, dos
    assert {d["icon"] for d in donts} == {"cross"}, donts
    do_labels, dont_labels = {d["label"] for d in dos}, {d["label"] for d in donts}
    assert len(do_labels) == 1 and len(dont_labels) == 1 and do_labels != dont_labels
    assert "" not in do_labels | dont_labels
    assert columns == 2, "printed, the DOs and DON'Ts are not side by side"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emergency_box_comes_first_on_report_it(lang, built_site, tab, site_server):
    url = site_server.url(page_url(built_site, lang, "page"))
    page = tab(url, PHONE)
    first = page.evaluate(
        "(() => { const e = document.querySelector('main').querySelector('h1, h2, h3, p, li, a, img'); return e && e.closest('.emergency') !== null; })()"
    )
    visible = page.evaluate("document.querySelector('.emergency').getBoundingClientRect().top")
    assert first, "the first thing in <main> is not the emergency box"
    assert visible < PHONE["height"] / 2, (
        "the emergency box is not near the top of the phone screen"
    )


LONE_CARD_JS = """() => [...document.querySelectorAll('.cards, .album-list, .hint-tiles')].flatMap(grid => {
  const items = [...grid.children].filter(e => e.checkVisibility());
  if (items.length < 2) return [];
  const rows = new Map();
  for (const item of items) {
    const top = Math.round(item.getBoundingClientRect().top);
    rows.set(top, [...(rows.get(top) || []), item]);
  }
  if (rows.size < 2) return [];
  const last = [...rows.values()].pop();
  const box = grid.getBoundingClientRect();
  const used = Math.max(...last.map(e => e.getBoundingClientRect().right)) - Math.min(...last.map(e => e.getBoundingClientRect().left));
  return last.length === 1 && used < box.width * 0.95
    ? [`${grid.className}: ${items.length} cards leave one alone on the last row`] : [];
})"""


@pytest.mark.parametrize("kind", GRID_PAGES)
def test_no_lone_card(kind, built_site, tab, site_server):
    """No grid leaves one card alone on its last row, at 1280 px nor at 800 px (one load per
    language: the page is laid out again at the narrower width)."""
    problems = []
    page = tab(None, {"width": 1280, "height": 800})
    for lang in LANGUAGES:
        url = page_url(built_site, lang, kind)
        if url is None:
            continue
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(site_server.url(url), wait_until="load")
        for width in (1280, 800):
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"/{url} at {width} px: {p}" for p in page.evaluate(LONE_CARD_JS)]
    assert not problems, "\n".join(problems)


FRENCH_SPACES_JS = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('code, pre, kbd, samp, script, style, [lang]:not([lang|="fr"])')) continue;
    const text = node.data;
    const match = text.match(/ [:;?!]|« /);
    if (match) found.push(text.slice(Math.max(0, match.index - 20), match.index + 10));
  }
  return found;
}"""


@pytest.mark.parametrize(
    "kind", ["home", "story", "page", "rules", "hint", "meme", "follow", "404"]
)
def test_french_text_has_no_break_spaces(kind, built_site, tab, site_server):
    """No French text node has an ordinary space before : ; ? ! or after «."""
    url = page_url(built_site, "fr", kind)
    page = tab(site_server.url(url), {"width": 1280, "height": 800})
    found = page.evaluate(FRENCH_SPACES_JS)
    assert not found, f"/{url}: ordinary spaces in French typography: {found[:10]}"


def test_style_guide_is_accessible_in_both_schemes(built_site, tab, site_server, axe):
    url = page_url(built_site, "en", "styleguide")
    assert url, "the style guide page (content/pages/style-guide.en.md) is not built"
    page = tab(site_server.url(url), {"width": 1280, "height": 800})
    problems = axe_problems(axe, page)
    page.emulate_media(color_scheme="dark")
    problems += [f"dark: {p}" for p in axe_problems(axe, page, CONTRAST_RULES)]
    assert not problems, "\n".join(problems)


def test_lone_card_check_catches_a_lone_card(built_site, tab, site_server):
    """The lone-card check fails a grid whose last row holds one narrow card."""
    page = tab(site_server.url(page_url(built_site, "en", "home")), {"width": 1280, "height": 800})
    page.add_style_tag(content=".cards > * { grid-column: span 2 !important; }")
    page.evaluate(
        "() => { const g = document.querySelector('.cards'); g.append(g.lastElementChild.cloneNode(true)); }"
    )
    assert page.evaluate(LONE_CARD_JS), "a fourth card alone on its row was not caught"


def test_french_check_catches_an_ordinary_space(built_site, tab, site_server):
    page = tab(site_server.url(page_url(built_site, "fr", "home")), {"width": 1280, "height": 800})
    page.evaluate("() => document.querySelector('main h1').append(' Vraiment ?')")
    assert page.evaluate(FRENCH_SPACES_JS)


# -- hints: numbered, and a one-page checklist (issue 15) ----------------------------------

HINT_NUMBERS_JS = """() => [...document.querySelectorAll('.cards-hints .card')].map(card => [
  card.querySelector('.hint-number')?.innerText.trim(),
  new URL(card.querySelector('.card-title a').href).pathname])"""
CHECK_ITEMS_JS = """() => [...document.querySelectorAll('.check-item')].map(item => [
  item.querySelector('.hint-number')?.innerText.trim(),
  new URL(item.querySelector('a.check-more').href).pathname,
  item.querySelector('input[type=checkbox]') !== null && item.querySelector('label').control !== null])"""


def _slug(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def test_hints_are_numbered_alike_in_every_language_with_a_printable_checklist(
    built_site, tab, site_server
):
    """Every hint list shows the hints numbered 1..N in the original's order, the same
    number for a hint in every language; its checklist link leads to a page in the same
    language listing every hint with that number, a box to tick and a link to the hint,
    which shows the number too; printed, the checklist is one A4 page."""
    page = tab(site_server.url(""), {"width": 1280, "height": 800})
    by_language = {}
    for lang, prefix in LANGUAGES.items():
        page.goto(site_server.url(f"{prefix}hints/"), wait_until="load")
        listed = page.evaluate(HINT_NUMBERS_JS)
        assert listed, f"/{prefix}hints/: no hint cards"
        numbers = [number for number, _path in listed]
        assert numbers == [str(n) for n in range(1, len(listed) + 1)], (lang, numbers)
        by_language[lang] = {_slug(path): number for number, path in listed}
        page.click(".checklist-link a")
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/{prefix}hints/checklist/"), page.url
        assert page.evaluate("document.documentElement.lang") == lang
        items = page.evaluate(CHECK_ITEMS_JS)
        assert [[n, p] for n, p, _box in items] == listed, f"/{prefix}hints/checklist/"
        assert all(box for _n, _p, box in items), "an item without a labelled checkbox"
        page.click(".check-item label >> nth=0")
        assert page.evaluate("document.querySelector('.check-item input').checked")
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, f"{lang}: not one page"
        number, path, _box = items[-1]
        page.click(".check-item:last-child a.check-more")
        page.wait_for_load_state("load")
        assert page.url.endswith(path)
        pill = page.evaluate("document.querySelector('.entry-header .pill').innerText")
        assert re.search(rf"\b{number}\b", pill), (path, pill)
    assert by_language["fr"] == by_language["en"] == by_language["ar"]


# -- Report it: a card per app, reached from links under the part's heading ------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_it_apps_are_reached_by_jump_links_and_evidence_is_a_checklist(
    lang, built_site, tab, site_server
):
    url = site_server.url(page_url(built_site, lang, "page"))
    page = tab(url, PHONE)
    links = page.evaluate(
        "[...document.querySelectorAll('.item-links a')].map(a => a.getAttribute('href'))"
    )
    assert len(links) >= 6, f"{lang}: {links}"
    for href in links:
        page.goto(url, wait_until="load")
        page.click(f'.item-links a[href="{href}"]')
        box = page.evaluate(
            """(id) => { const h = document.getElementById(id);
              return h && h.closest('.report-item') && h.tagName === 'H3'
                ? h.getBoundingClientRect().top : null; }""",
            href.removeprefix("#"),
        )
        assert box is not None, f"{lang} {href}: no app card with that heading"
        assert 0 <= box < PHONE["height"] / 2, f"{lang} {href}: not scrolled to ({box})"
    steps = page.evaluate(
        "[...document.querySelectorAll('.report-item')].map(c => c.querySelectorAll('ol > li').length)"
    )
    assert steps and min(steps) >= 2, f"{lang}: an app card without steps {steps}"
    boxes = page.evaluate(
        "document.querySelectorAll('ul.checklist label > input[type=checkbox]').length"
    )
    assert boxes >= 5, f"{lang}: the evidence is not a checklist ({boxes} boxes)"
    page.click("ul.checklist label >> nth=0")
    assert page.evaluate("document.querySelector('ul.checklist input').checked")


# -- the phone header keeps the French (and every) site name compact -------------------------

BRAND_JS = """() => {
  const name = document.querySelector('.brand-name'), style = getComputedStyle(name);
  const box = (s) => document.querySelector(s).getBoundingClientRect();
  const lines = Math.round(name.getBoundingClientRect().height / parseFloat(style.lineHeight));
  const [brand, search, report] = ['.brand', '.search-link', '.report-cta'].map(box);
  return {lines, size: parseFloat(style.fontSize), clipped: name.scrollWidth > name.clientWidth + 1
            || style.textOverflow === 'ellipsis' || style.overflow === 'hidden',
          overlap: [search, report].some(b => brand.left < b.right - 1 && b.left < brand.right - 1
            && brand.top < b.bottom - 1 && b.top < brand.bottom - 1),
          header: document.querySelector('.site-header').offsetHeight};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_name_stays_readable_and_compact_on_a_phone(lang, built_site, tab, site_server):
    """At 375 px the site name (French is the longest) takes at most three lines in a
    readable size, whole (never cut or ellipsed), beside the Report button, and the header
    stays within a quarter of the screen."""
    page = tab(site_server.url(page_url(built_site, lang, "home")), PHONE)
    found = page.evaluate(BRAND_JS)
    assert found["lines"] <= 3, f"{lang}: the site name takes {found['lines']} lines"
    assert found["size"] >= 12, f"{lang}: the site name is {found['size']} px"
    assert not found["clipped"], f"{lang}: the site name is cut"
    assert not found["overlap"], f"{lang}: the site name runs under the header's buttons"
    assert found["header"] <= PHONE["height"] * HEADER_SHARE, found


# -- feeds: a visible feed link leads to the Follow page ---------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_list_pages_feed_link_leads_to_the_follow_page(lang, built_site, tab, site_server):
    """The feeds are for feed readers (no XSLT view): the feed link a visitor sees on a
    section list opens the Follow page of the same language at that section's feeds, which
    lists their addresses; the <head> still announces the feeds to readers."""
    prefix = LANGUAGES[lang]
    page = tab(site_server.url(f"{prefix}stories/"), PHONE)
    alternates = page.evaluate(
        "[...document.querySelectorAll('head link[rel=alternate][type*=xml], head link[rel=alternate][type*=json]')].map(l => l.href)"
    )
    assert any(href.endswith(f"/{prefix}feeds/stories.rss.xml") for href in alternates)
    page.click(".feed-link a")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/{prefix}follow/#feed-stories"), page.url
    assert page.evaluate("document.documentElement.lang") == lang
    group = page.evaluate(
        """() => { const h = document.getElementById('feed-stories');
          const box = h.getBoundingClientRect();
          return {top: box.top, addresses: [...h.closest('.feed-group').querySelectorAll('code')].map(c => c.innerText)}; }"""
    )
    assert 0 <= group["top"] < PHONE["height"] / 2, group
    assert any(a.endswith(f"/{prefix}feeds/stories.rss.xml") for a in group["addresses"])
    assert page.evaluate("document.styleSheets.length") >= 1
