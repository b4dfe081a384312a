"""Page layouts cut from an entry's rendered HTML (pure; BeautifulSoup).

Editors write plain Markdown; a page template (``Template: rules``, ``Template: report``)
shows it as cards. The cuts follow the headings: ``##`` starts a part, ``###`` an item in a
part, and a paragraph that starts with bold text ending in a colon (``**Tip:** ...``) is the
item's tip. A list whose every item starts with ``[ ]`` is a checklist: each item becomes a
box to tick (a real checkbox, no JavaScript) with its text as the label. Results are cached
by the HTML, which is the same on every render of a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bs4 import BeautifulSoup, Tag
from markupsafe import Markup


@dataclass(frozen=True)
class Item:
    """One ``###`` block: its heading, its text and its tip (HTML)."""

    id: str
    title: Markup
    body: Markup
    tip: Markup  # "" when the item has none
    tip_label: str


@dataclass(frozen=True)
class Part:
    """One ``##`` block: its heading, the text before its first ``###`` and its items."""

    id: str
    title: Markup
    body: Markup
    items: tuple[Item, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Layout:
    intro: Markup  # what comes before the first ``##``
    parts: tuple[Part, ...]


def _html(nodes: list) -> Markup:
    return Markup("".join(str(node) for node in nodes).strip())


def _split(nodes: list, name: str) -> tuple[list, list[tuple[Tag, list]]]:
    """Nodes before the first ``name`` heading, then (heading, the nodes after it)."""
    before: list = []
    groups: list[tuple[Tag, list]] = []
    for node in nodes:
        if isinstance(node, Tag) and node.name == name:
            groups.append((node, []))
        elif groups:
            groups[-1][1].append(node)
        else:
            before.append(node)
    return before, groups


def _tip(nodes: list) -> tuple[list, Markup, str]:
    """The last paragraph that opens with ``<strong>Label:</strong>``, taken out of ``nodes``:
    (the other nodes, the tip's text, its label with its colon)."""
    for index in range(len(nodes) - 1, -1, -1):
        node = nodes[index]
        if not isinstance(node, Tag) or node.name != "p":
            continue
        first = next((c for c in node.contents if str(c).strip()), None)
        if isinstance(first, Tag) and first.name == "strong":
            label = first.get_text().strip()
            if label.endswith(":"):
                first.extract()
                rest = _html(list(node.contents))
                return nodes[:index] + nodes[index + 1 :], rest, label
        break
    return nodes, Markup(""), ""


CHECK_MARK_RE = re.compile(r"^\s*\[ \]\s*")


def _checklists(soup: BeautifulSoup) -> None:
    """Every list whose items all start with ``[ ]`` becomes ``ul.checklist``: the marker is
    dropped and each item's content is the label of a checkbox."""
    for found in soup.find_all("ul"):
        items = found.find_all("li", recursive=False)
        firsts = [item.find(string=True) for item in items]
        if not items or not all(text and CHECK_MARK_RE.match(text) for text in firsts):
            continue
        found["class"] = "checklist"
        for item, text in zip(items, firsts, strict=True):
            if text is not None:  # always, by the test above
                text.replace_with(CHECK_MARK_RE.sub("", str(text), count=1))
            label, words = soup.new_tag("label"), soup.new_tag("span")
            for child in list(item.contents):
                words.append(child.extract())
            label.append(soup.new_tag("input", attrs={"type": "checkbox"}))
            label.append(words)
            item.append(label)


@lru_cache(maxsize=64)
def layout(html: str) -> Layout:
    """``html`` cut into its parts (``##``) and their items (``###``)."""
    soup = BeautifulSoup(html, "html.parser")
    _checklists(soup)
    intro, groups = _split(list(soup.contents), "h2")
    parts = []
    for heading, nodes in groups:
        body, sub = _split(nodes, "h3")
        items = []
        for item_heading, item_nodes in sub:
            rest, tip, label = _tip(item_nodes)
            items.append(
                Item(
                    str(item_heading.get("id", "")),
                    _html(list(item_heading.contents)),
                    _html(rest),
                    tip,
                    label,
                )
            )
        parts.append(
            Part(
                str(heading.get("id", "")), _html(list(heading.contents)), _html(body), tuple(items)
            )
        )
    return Layout(_html(intro), tuple(parts))
