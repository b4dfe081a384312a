"""Browser gates: every page type in every language, in Debian's Chromium.

axe-core (WCAG 2.1 A and AA) in light and dark color schemes, console errors, requests to other
origins, horizontal scroll at 375 and 320 px, keyboard access to the language switcher and "Report it",
pages without JavaScript, and page weight. Each gate has a negative test below that proves it
catches its fault. The gates take no screenshots (a picture asserts nothing, and a full-page
one costs more than a page load): `make screenshots` shoots every page type for people to look at.
"""

from __future__ import annotations

import pytest

from .quality_checks import (
    CONTRAST_RULES,
    HOME_BUDGET,
    LANGUAGES,
    WEIGHTS,
    PageWatch,
    axe_problems,
    keyboard_problems,
    nojs_problems,
    overflow_problems,
    page_weight,
)

pytestmark = pytest.mark.browser

PHONE_DARK = {"home", "story"}


def report(problems: list[str], where: str) -> str:
    return f"{len(problems)} problem(s) on {where}:\n  " + "\n  ".join(problems)


def open_page(tabs, name: str, server, url: str):
    """The tab of context ``name`` with a new watch (stop it after), loaded at ``url``
    (site-relative)."""
    page = tabs(name)
    watch = PageWatch(page, server.origin)
    response = page.goto(server.url(url), wait_until="load")
    assert response is not None and response.status in (200, 404), f"{url}: HTTP {response}"
    return page, watch


# --------------------------------------------------------------------------- the gates


def dark(page) -> None:
    """Switch the loaded page to the dark color scheme (no reload)."""
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")


def test_desktop(page_case, page_url_of, built_site, tabs, site_server, axe):
    """At 1280 px: keyboard, axe in the light scheme, then axe's contrast rules in the dark one
    (the other rules do not depend on the scheme); no console error, no request to another
    origin; page weight (test-artifacts/page-weight.json)."""
    lang, kind = page_case
    url = page_url_of(lang, kind)
    page, watch = open_page(tabs, "desktop", site_server, url)
    try:
        problems = keyboard_problems(page)
        problems += axe_problems(axe, page)
        WEIGHTS.setdefault(kind, {})[lang] = {"url": url, **page_weight(page, built_site)}
        dark(page)
        problems += [f"dark: {problem}" for problem in axe_problems(axe, page, CONTRAST_RULES)]
        problems += watch.problems()
    finally:
        watch.stop()
    assert not problems, report(problems, f"/{url} (1280 px)")


def test_phone(page_case, page_url_of, tabs, site_server, axe):
    """No horizontal scroll at 375 px, nor at 320 px (WCAG 1.4.10 Reflow); no console error.
    Home and story pages, where people land, also get the whole axe run in the
    dark scheme on the phone layout."""
    lang, kind = page_case
    url = page_url_of(lang, kind)
    page, watch = open_page(tabs, "phone", site_server, url)
    try:
        problems = overflow_problems(page)
        if kind in PHONE_DARK:
            dark(page)
            problems += [f"dark: {problem}" for problem in axe_problems(axe, page)]
        page.set_viewport_size({"width": 320, "height": 812})
        problems += [f"at 320 px: {problem}" for problem in overflow_problems(page)]
        problems += watch.problems()
    finally:
        watch.stop()
    assert not problems, report(problems, f"/{url} (375 px)")


def test_without_javascript(page_case, page_url_of, tabs, site_server):
    """With JavaScript disabled the main content and the navigation are there."""
    lang, kind = page_case
    url = page_url_of(lang, kind)
    page, watch = open_page(tabs, "nojs", site_server, url)
    try:
        problems = nojs_problems(page)
    finally:
        watch.stop()
    assert not problems, report(problems, f"/{url} (JavaScript off)")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_home_page_weight(lang, built_site, tabs, site_server):
    """HTML + CSS + JS + fonts of the home page stay under the budget (images excluded)."""
    url = LANGUAGES[lang]
    page, watch = open_page(tabs, "desktop", site_server, url)
    try:
        weight = page_weight(page, built_site)
    finally:
        watch.stop()
    print(f"/{url}: {weight}")
    assert weight["total"] < HOME_BUDGET, f"/{url} weighs {weight} (budget {HOME_BUDGET} bytes)"


# --------------------------------------------------------------------------- negative tests


def test_axe_catches_an_image_without_alt(tabs, faulty_server, axe):
    page, watch = open_page(tabs, "desktop", faulty_server, "neg/img-alt/")
    try:
        problems = axe_problems(axe, page)
    finally:
        watch.stop()
    assert any(p.startswith("axe image-alt") for p in problems), problems


def test_dark_scheme_catches_low_contrast_only_in_dark(tabs, faulty_server, axe):
    page, watch = open_page(tabs, "desktop", faulty_server, "neg/dark-contrast/")
    try:
        light = [p for p in axe_problems(axe, page) if "color-contrast" in p]
        dark(page)
        dark_problems = axe_problems(axe, page, CONTRAST_RULES)
    finally:
        watch.stop()
    assert not light, light
    assert any("color-contrast" in p and ".lead" in p for p in dark_problems), dark_problems


def test_watch_catches_a_console_error(tabs, faulty_server):
    _page, watch = open_page(tabs, "desktop", faulty_server, "neg/console/")
    watch.stop()
    assert any("boom: a script error" in p for p in watch.problems()), watch.problems()


def test_watch_catches_a_third_party_font(tabs, faulty_server):
    _page, watch = open_page(tabs, "desktop", faulty_server, "neg/foreign/")
    watch.stop()
    assert any("fonts.googleapis.com" in url for url in watch.foreign), watch.problems()


@pytest.mark.parametrize("url", ["neg/wide/", "neg/wide-rtl/"])
def test_overflow_is_caught_at_phone_width(url, tabs, faulty_server):
    page, watch = open_page(tabs, "phone", faulty_server, url)
    try:
        problems = overflow_problems(page)
    finally:
        watch.stop()
    assert problems and "scrollWidth" in problems[0], problems


def test_keyboard_check_catches_an_unfocusable_report_link(tabs, faulty_server):
    page, watch = open_page(tabs, "desktop", faulty_server, "neg/keyboard/")
    try:
        problems = keyboard_problems(page)
    finally:
        watch.stop()
    assert len(problems) == 1 and "report-cta" in problems[0], problems


def test_nojs_check_catches_content_written_by_javascript(tabs, faulty_server):
    found = {}
    for name in ("desktop", "nojs"):
        page, watch = open_page(tabs, name, faulty_server, "neg/nojs/")
        try:
            found[name] = nojs_problems(page)
        finally:
            watch.stop()
    assert not found["desktop"], found  # with scripts on the page looks fine ...
    assert found["nojs"], found  # ... and the check sees it empty without them


def test_weight_check_catches_a_heavy_stylesheet(built_site, faulty_site, tabs, faulty_server):
    weight = {}
    for url in ("", "neg/heavy/"):
        page, watch = open_page(tabs, "desktop", faulty_server, url)
        try:
            weight[url] = page_weight(page, faulty_site)
        finally:
            watch.stop()
    assert weight[""]["total"] < HOME_BUDGET <= weight["neg/heavy/"]["total"], weight
    assert weight["neg/heavy/"]["css"] > 120_000, weight
