"""Links written as plain paths (``[a](/stories/x/)``, ``[b](../report-it/)``), checked
against the files the build produced, in every language.

Pure: takes each entry's link targets with their source lines, the entry's URL and the set
of produced output paths; returns ``Problem``s. ``{filename}`` links are resolved (and
checked) earlier, when the HTML is made.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

from .problems import Problem


@dataclass(frozen=True)
class LinkUse:
    """A plain link in one source file."""

    path: str  # project-relative source file
    line: int
    target: str  # as written
    page_url: str  # the site-relative URL of the page it appears on ("fr/stories/x/")


def site_path(target: str, page_url: str, siteurl: str = "") -> str | None:
    """The site-relative path a link leads to, or None when it is not a link into the site
    (another website, an e-mail address, a fragment on the same page, a placeholder)."""
    target = unescape(target)
    if not target or target.startswith(("#", "{", "mailto:", "tel:")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        if not siteurl or not target.startswith(siteurl.rstrip("/") + "/"):
            return None
        path = target[len(siteurl.rstrip("/")) :]
    else:
        path = parts.path
    if not path:
        return None
    path = unquote(path)
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(
            posixpath.dirname(page_url.rstrip("/")) if not page_url.endswith("/") else page_url,
            path,
        )
    normal = posixpath.normpath(joined) if joined else ""
    if normal in (".", ""):
        return ""
    if normal.startswith(".."):
        return normal  # above the site's root: never produced
    return normal + ("/" if path.endswith("/") and not normal.endswith("/") else "")


def exists(path: str, produced: set[str]) -> bool:
    """True when the site has a file (or a folder with an ``index.html``) at ``path``."""
    if path in ("", "/"):
        return "index.html" in produced
    bare = path.rstrip("/")
    return (
        bare in produced
        or f"{bare}/index.html" in produced
        or (not path.endswith("/") and f"{bare}.html" in produced)
    )


def check_links(uses: list[LinkUse], produced: set[str], siteurl: str = "") -> list[Problem]:
    problems = []
    for use in uses:
        path = site_path(use.target, use.page_url, siteurl)
        if path is None or exists(path, produced):
            continue
        leads = f"leads to /{path}, which" if path != use.target.lstrip("/") else ""
        problems.append(
            Problem(
                use.path,
                use.line,
                f"the link {use.target!r} {leads or 'is'} not a page of this site".replace(
                    "which not", "which is not"
                ),
                "link to the page's file instead, e.g. [text]({filename}/pages/report-it.en.md): "
                "such links are checked and follow the page if its address changes",
                skips=False,
            )
        )
    return problems
