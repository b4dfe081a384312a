"""Menus and reachability: which pages each menu lists, and which pages nothing links to.

Pure: works on the site model and plain settings values. An editor puts a page in a menu
with ``Menu: main`` (or ``footer``, or both) and orders it with ``Order:``; translations
follow the original's place (``model.build_site`` gives them the original's menus).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Entry, Site
from .problems import Problem


@dataclass(frozen=True)
class MenuItem:
    """One link of a menu, in one language."""

    url: str  # site-relative, no leading slash
    label: str  # a page's title ("" for a section: the theme names it)
    section: str = ""  # a section list ("stories") or "" for a page
    lang: str = ""  # the linked page's language, when it differs from the menu's


def page_menus(site: Site, code: str, menus: tuple[str, ...]) -> dict[str, list[MenuItem]]:
    """The pages of every menu in language ``code``: each page in its ``code`` version, or
    its original when it is not translated (marked with its language), by ``Order:`` then
    title."""
    found: dict[str, list[tuple[tuple, MenuItem]]] = {name: [] for name in menus}
    for (section, _slug), versions in site.by_key.items():
        if section != "pages":
            continue
        first = next(iter(versions.values()))
        original = versions.get(first.original, first)
        entry = versions.get(code, original)
        for name in original.menus:
            if name in found:
                order = (original.order is None, original.order or 0, original.title.casefold())
                lang = entry.lang.code if entry.lang.code != code else ""
                found[name].append((order, MenuItem(entry.url, entry.title, "", lang)))
    return {
        name: [item for _order, item in sorted(items, key=lambda x: x[0])]
        for name, items in found.items()
    }


def main_menu(
    prefix: str, sections: list[str], extra: list[tuple[str, str]], pages: list[MenuItem]
) -> list[MenuItem]:
    """The header's menu: the section lists (settings order), the plugins' entries (the
    Gallery), then the pages an editor put in the main menu."""
    items = [MenuItem(f"{prefix}{name}/", "", name) for name in sections]
    items += [MenuItem(f"{prefix}{url}", "", key) for key, url in extra]
    return items + pages


def unlinked_pages(
    site: Site,
    menus: tuple[str, ...],
    theme_pages: dict[str, str],
    linked: set[tuple[str, str]],
    project_path: Callable[[str], str],
) -> list[Problem]:
    """A warning for every published page that no menu lists, the theme does not link to and
    no other page links to: visitors cannot find it."""
    problems = []
    roles = set(theme_pages.values())
    for (section, slug), versions in site.by_key.items():
        if section != "pages":
            continue
        first: Entry = next(iter(versions.values()))
        original = versions.get(first.original, first)
        if slug in roles or (section, slug) in linked or any(n in menus for n in original.menus):
            continue
        problems.append(
            Problem(
                project_path(original.source),
                1,
                "nothing links to this page, so visitors cannot find it",
                "add 'Menu: main' or 'Menu: footer' (with 'Order:') to put it in a menu, or "
                "link to it from another page; see 'Menus and pages' in docs/content-guide.md",
                "warning",
                skips=False,
            )
        )
    return problems
