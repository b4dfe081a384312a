"""Gates on the built files: valid HTML (Nu HTML Checker), no broken internal link or fragment
(pages and feeds), no inline script/style and nothing loaded from another origin.
Each gate has a negative test that proves it catches its fault."""

from __future__ import annotations

import shutil

import pytest

from .quality_checks import LinkChecker, static_rule_problems, vnu_problems_by_folder


def report(problems: list[str]) -> str:
    shown = problems[:60]
    more = f"\n  ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(shown) + more


def only(problems: list[str], prefix: str) -> list[str]:
    return [p for p in problems if p.startswith(prefix)]


# --------------------------------------------------------------------------- the gates


@pytest.fixture(scope="session")
def vnu_verdicts(built_site, faulty_site, vnu_jar, tmp_path_factory):
    """The checker's problems with the built site and with the negative fixtures, from one
    run of vnu.jar: {"site": [...], "negatives": [...]}."""
    negatives = tmp_path_factory.mktemp("vnu-negatives")
    for name in ("invalid-html", "img-alt"):
        shutil.copytree(faulty_site / "neg" / name, negatives / name)
    found = vnu_problems_by_folder([built_site, negatives], vnu_jar)
    return {"site": found[built_site], "negatives": found[negatives]}


@pytest.mark.xdist_group("vnu")  # the two tests share one run of the checker
def test_html_is_valid(vnu_verdicts):
    """Every built page (and the CSS) passes the Nu HTML Checker with no error."""
    problems = vnu_verdicts["site"]
    assert not problems, report(problems)


def test_no_broken_internal_link(built_site, origin):
    """href/src/srcset of every page, and every site URL in feeds, resolve to a built file
    and, with a #fragment, to an element with that id."""
    problems = LinkChecker(built_site, origin).check_site()
    assert not problems, report(problems)


def test_no_inline_code_and_nothing_from_other_sites(built_site, origin):
    problems = static_rule_problems(built_site, origin)
    assert not problems, report(problems)


# --------------------------------------------------------------------------- negative tests


@pytest.mark.xdist_group("vnu")
def test_vnu_catches_invalid_html(vnu_verdicts):
    problems = vnu_verdicts["negatives"]
    assert only(problems, "invalid-html/index.html"), report(problems)
    assert any("not allowed as child of element" in p for p in problems), report(problems)
    # an <img> without alt is an HTML error too
    assert any(p.startswith("img-alt/") and "alt" in p for p in problems), report(problems)


def test_link_checker_catches_broken_links_and_fragments(faulty_site, origin):
    checker = LinkChecker(faulty_site, origin)
    problems = checker.check_html(faulty_site / "neg" / "links" / "index.html")
    assert len(problems) == 4, report(problems)
    text = "\n".join(problems)
    for expected in ("'/no-such-page/'", "no id 'no-such-id'", "'missing.html'", "/gone/'"):
        assert expected in text, report(problems)
    # the untouched copy of the home page has none
    assert not checker.check_html(faulty_site / "index.html")


def test_link_checker_catches_broken_feed_links(faulty_site, origin):
    problems = LinkChecker(faulty_site, origin).check_site()
    atom = only(problems, "neg/feeds/all.atom.xml")
    assert len(atom) == 3, report(problems)  # self link, entry link, #fragment
    assert any("no id 'nowhere'" in p for p in atom), report(atom)
    assert any("nope.xml" in p for p in atom), report(atom)
    json_feed = only(problems, "neg/feeds/feed.json")
    assert len(json_feed) == 3, report(problems)
    assert any("gone.png" in p for p in json_feed), report(json_feed)


def test_static_rules_catch_inline_code_and_third_party_urls(faulty_site, origin):
    problems = static_rule_problems(faulty_site, origin)
    expected = {
        "neg/inline-script/": "inline <script>",
        "neg/inline-style/": "inline style attribute",
        "neg/style-element/": "<style> element",
        "neg/foreign/": "fonts.googleapis.com",
        "neg/font.css": "fonts.gstatic.com",
    }
    for where, what in expected.items():
        assert any(what in p for p in only(problems, where)), f"{where}: {report(problems)}"
    assert any("@import" not in p and "css2?family=Y" in p for p in only(problems, "neg/font.css"))
    assert not only(problems, "index.html"), report(problems)
