"""Links and pictures of each content file, resolved against the site model.

``{filename}`` links become the URL of the published file (a link to the same page in
another language is a warning naming the right file), pictures become the image service's
markup, plain path links are collected for ``links.check_links`` once every file of the
build is known. Files left out of the site (errors, drafts) are checked the same way, so
that one run reports every problem of a file. No Pelican import.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path

from markupsafe import Markup

from . import markup, urls
from .links import LinkUse, site_path
from .model import Entry, Site
from .prepare import Prepared
from .problems import Problem

IMG_RE = re.compile(r"<img\b([^>]*)>")
ATTR_RE = re.compile(r'([a-z-]+)="([^"]*)"')
CONTENT_SIZES = "(min-width: 48rem) 44rem, 100vw"
OUTSIDE_FIX = "put the picture in content/images/ and write its path from there, e.g. images/x.jpg"


class Resolver:
    """Resolves the links and pictures of one build's files; collects problems, the pages
    that are linked to (for the unlinked-page check) and the plain links to check later."""

    def __init__(self, site: Site, images, content: Path, siteurl: str, preview: bool):
        self.site = site
        self.images = images
        self.content = content
        self.siteurl = siteurl
        self.preview = preview
        self.problems: list[Problem] = []
        self.linked: set[tuple[str, str]] = set()
        self.link_uses: list[LinkUse] = []
        self.by_url = {entry.url: entry for entry in site.entries}
        self.prefixes = {language.code: language.prefix for language in site.languages}

    def finish(self, entry: Entry, item: Prepared, by_rel: dict[str, Prepared]) -> None:
        """Resolve an entry's links and pictures in place."""
        html, image = self._resolve(item, str(entry.content), entry.image, by_rel, entry.url)
        if html != str(entry.content):
            entry.content = Markup(html)
        entry.image = image

    def check(self, item: Prepared, by_rel: dict[str, Prepared]) -> None:
        """Report the link and picture problems of a file that is not published."""
        url = urls.entry_url(self.prefixes.get(item.lang, ""), item.section, item.slug)
        self._resolve(item, item.html, item.meta.get("image", ""), by_rel, url, published=False)

    # -------------------------------------------------------------------------------------

    def _resolve(
        self,
        item: Prepared,
        html: str,
        image: str,
        by_rel: dict[str, Prepared],
        page_url: str,
        published: bool = True,
    ) -> tuple[str, str]:
        def resolve(kind: str, target: str) -> str:
            return self._link(item, kind, target, by_rel, published)

        if "{" in html:
            html = markup.resolve_links(html, resolve)
        if "<img" in html:
            html = IMG_RE.sub(lambda match: self._picture(item, match.group(1)), html)
        for target, line in item.hrefs:
            path = site_path(target, page_url, self.siteurl)
            if path is None:
                continue
            self.link_uses.append(LinkUse(item.path, line, target, page_url))
            found = self.by_url.get(path)
            if found is not None and published:
                self.linked.add(found.key)
        image = image.strip()
        if image:
            image = self._meta_image(item, image)
        return html, image

    def _link(
        self, item: Prepared, kind: str, target: str, by_rel: dict[str, Prepared], published: bool
    ) -> str:
        line = line_of(item, target, picture=False)
        if kind != "filename":
            self._problem(
                item,
                line,
                f"{{{kind}}}/ can only show a picture, not link to a file: {target!r}",
                "link pages with [text]({filename}/...) and show pictures with "
                f"![alt]({{{kind}}}/...)",
            )
            return "#"
        rel = normalise(target, item.rel)
        found = self.site.by_source.get(rel)
        if found is None:
            waiting = self.site.preview_by_source.get(rel)
            reason = (
                "is not published (draft, scheduled or with errors)"
                if rel in by_rel
                else "does not exist"
            )
            self._problem(
                item,
                line,
                f"the link to {target!r} {reason}",
                "check the file name after {filename}/ (e.g. {filename}/pages/report-it.en.md)",
            )
            return f"{self.siteurl}/{waiting.url}" if waiting is not None else "#"
        if published:
            self.linked.add(found.key)
        if item.lang and found.lang.code != item.lang:
            right = found.translations.get(item.lang)
            fix = (
                f"link to {{filename}}/{right.source} instead"
                if right is not None
                else f"translate {found.source} into {item.lang}, or keep this link if the "
                "reader should get that language"
            )
            self._problem(
                item,
                line,
                f"the link to {target!r} leads to the {found.lang.code} version of the page "
                f"from a {item.lang} page",
                fix,
                "warning",
            )
        return f"{self.siteurl}/{found.url}"

    def _picture(self, item: Prepared, attributes: str) -> str:
        attrs = {key: unescape(value) for key, value in ATTR_RE.findall(attributes)}
        target, alt = attrs.get("src", ""), attrs.get("alt", "").strip()
        if not alt:
            return ""  # already reported by the source checks
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", target):
            self._problem(
                item,
                line_of(item, target),
                f"the picture {target!r} is on another website",
                "save it in content/images/ and use ![alt](images/name.jpg); the site "
                "never loads anything from elsewhere",
            )
            return ""
        rel = find_image(self.content, target, item.rel)
        if outside(rel):
            self._problem(
                item,
                line_of(item, target),
                f"the picture path {target!r} leads outside content/",
                OUTSIDE_FIX,
            )
            return ""
        info = self.images.inspect(rel)
        if isinstance(info, str):
            self._problem(
                item,
                line_of(item, target),
                info,
                "check the picture's file name and that it is inside content/",
            )
            return ""
        return self.images.html(rel, alt, title=attrs.get("title", ""), sizes=CONTENT_SIZES)

    def _meta_image(self, item: Prepared, image: str) -> str:
        """The ``Image:`` of a file, as a content-relative path ("" when unusable)."""
        rel = normalise(image, "")
        line = item.meta_lines.get("image", 1)
        if outside(rel):
            self._problem(
                item, line, f"the picture path {image!r} leads outside content/", OUTSIDE_FIX
            )
            return ""
        info = self.images.inspect(rel)
        if isinstance(info, str):
            self._problem(
                item,
                line,
                info,
                "put the picture in content/ and give its path, e.g. 'Image: memes/my-meme.png'",
            )
            return ""
        return rel

    def _problem(
        self, item: Prepared, line: int, message: str, fix: str, severity: str = "error"
    ) -> None:
        self.problems.append(Problem(item.path, line, message, fix, severity, skips=False))


def normalise(target: str, base_rel: str) -> str:
    """A ``{filename}`` target or picture path as a content-relative POSIX path; a path
    that climbs above content/ keeps its leading ``..`` (see ``outside``)."""
    target = unescape(target).split("#", 1)[0].split("?", 1)[0]
    for prefix in ("{static}", "{attach}", "{filename}"):
        target = target.removeprefix(prefix)
    if target.startswith("/") or not base_rel:
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(base_rel), target)
    normal = posixpath.normpath(joined) if joined else ""
    return "" if normal == "." else normal


def outside(rel: str) -> bool:
    """True for a path that leaves content/ (``../x.jpg``)."""
    return rel == ".." or rel.startswith("../")


def find_image(content: Path, target: str, base_rel: str) -> str:
    """Pictures may be given relative to the file or to content/ (``images/x.jpg``)."""
    relative = normalise(target, base_rel)
    if target.startswith(("/", "{")) or (not outside(relative) and (content / relative).is_file()):
        return relative
    return normalise(target, "")


def line_of(item: Prepared, target: str, picture: bool = True) -> int:
    """The source line where a picture (``picture``) or a link to ``target`` appears (0 when
    not found). A link is looked for on lines other than the pictures with that target."""
    pictures = [
        line for _alt, found, line in item.images if found == target or found.endswith(target)
    ]
    if picture and pictures:
        return pictures[0]
    links = [line for found, line in item.links if found == target]
    others = [line for line in links if line not in pictures]
    return (others or links or pictures or [0])[0]
