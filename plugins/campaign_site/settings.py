"""Every ``CAMPAIGN_*`` setting with its default, read once into a frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from campaign_i18n import Language, LanguageSettingError, parse_languages

from .source import SLUG_RE

DEFAULTS = {
    "CAMPAIGN_LANGUAGES": [{"code": "en"}],
    # listed section folder -> entries per list page (0: one page with everything), in menu
    # order. Each is a folder content/<name>/ with its list at <name>/ (theme template
    # list_<name>.html when the theme has one, else list.html), its entries at <name>/<slug>/
    # and, when dated, its feeds. content/pages/ holds the undated pages, which have no list:
    # "pages" is not a section and cannot be renamed.
    "CAMPAIGN_SECTIONS": {"stories": 10, "hints": 0, "memes": 0},
    # sections whose entries need 'Date:' (scheduled by it, newest first, in feeds)
    "CAMPAIGN_DATED_SECTIONS": ("stories", "hints", "memes"),
    # each section's texts, in English: the catalogs translate them, so list a new section's
    # texts in theme/templates/partials/strings.html (section_texts) for `make translations`.
    # "title": menus, list, feeds; "intro": list page and feed description; "all": the home
    # page's link to the list. A section left out is titled with its folder name.
    "CAMPAIGN_SECTION_TEXTS": {
        "stories": {
            "title": "Stories",
            "intro": "Young people tell what happened to them online, what helped, and what "
            "they would tell you.",
            "all": "All stories",
        },
        "hints": {
            "title": "Spot fake news",
            "intro": "Short checks that help you recognise fake news before you believe or "
            "share it.",
            "all": "All hints",
        },
        "memes": {
            "title": "Memes",
            "intro": "Pictures with a message, made to be shared. Each comes with a suggested "
            "text.",
            "all": "All memes",
        },
    },
    # the home page's blocks: (section, how many entries), in order (entries written in the
    # page's language first). A block is theme/templates/home/<section>.html when the theme
    # has one, else home/section.html (title, cards, link to the list).
    "CAMPAIGN_HOME_SECTIONS": (("stories", 3), ("hints", 4), ("memes", 3)),
    # the theme template of each section's entries (and of content/pages/); other sections'
    # entries use entry.html
    "CAMPAIGN_ENTRY_TEMPLATES": {
        "stories": "story",
        "hints": "hint",
        "memes": "meme",
        "pages": "page",
    },
    # sections whose entries are told by a young person: 'Author:' and 'Age:' are required
    "CAMPAIGN_STORYTELLER_SECTIONS": ("stories",),
    # sections whose entries are a picture: 'Image:' is required, cards show it and it heads
    # the entry's feed item
    "CAMPAIGN_PICTURE_SECTIONS": ("memes",),
    # layouts a page (content/pages/) may choose with 'Template: <name>': each is a template
    # of the theme (theme/templates/<name>.html) that extends entry_base.html ("rules":
    # DOs and DON'Ts as cards, "report": emergency box and cards, "styleguide": the
    # theme's components; docs/design.md)
    "CAMPAIGN_PAGE_TEMPLATES": ("follow", "rules", "report", "styleguide"),
    "CAMPAIGN_LIST_UNTRANSLATED": True,
    "CAMPAIGN_CANONICAL_SITEURL": "",
    "CAMPAIGN_STRICT": False,
    # True: a UI string a catalog does not translate yet is an error (fails `make check` and
    # `make publish`); False: its pages show it in English, and each build warns once per language
    "CAMPAIGN_REQUIRE_COMPLETE_CATALOGS": False,
    "CAMPAIGN_NOW": "",
    "CAMPAIGN_CATALOGS": "translations",
    "CAMPAIGN_CACHE_PATH": ".cache/campaign",
    # compiled templates; "": CAMPAIGN_CACHE_PATH/templates (sites may share one folder)
    "CAMPAIGN_TEMPLATE_CACHE_PATH": "",
    "CAMPAIGN_WORKERS": 0,  # 0: one per core
    # devserver preview: drafts and scheduled content get their pages, with a banner, but
    # never a list, tag, feed or sitemap entry (tools/devserver.py turns it on)
    "CAMPAIGN_PREVIEW": False,
    # menus an editor can put a page in with 'Menu: <name>' (content/pages/ only)
    "CAMPAIGN_MENUS": ("main", "footer"),
    # pages the theme links to by role (header's Report button, home page blocks, the lists'
    # feed links): role -> the page's Slug. Such pages count as linked even if no menu lists them
    # ("style_guide": the components page, reached from docs/design.md only, on purpose).
    "CAMPAIGN_THEME_PAGES": {
        "report": "report-it",
        "action_day": "action-day",
        "rules": "dos-and-donts",
        "follow": "follow",
        "style_guide": "style-guide",
    },
    # the copy-me templates for editors: their example text is refused in content
    "CAMPAIGN_EDITOR_TEMPLATES": "docs/templates",
    # the build's closing summary line is printed when the process exits (after Pelican's
    # own "Done" line); the devserver, which builds many times in one process, turns it off
    "CAMPAIGN_SUMMARY_AT_EXIT": True,
}


class SettingsError(ValueError):
    """A campaign setting has a value the site cannot use."""


@dataclass(frozen=True)
class SectionTexts:
    """A section's texts in English (translated by the theme's catalogs)."""

    title: str
    intro: str = ""
    all: str = ""  # the home page's link to the list; the title when empty

    @property
    def all_link(self) -> str:
        return self.all or self.title


# the settings that replaced an older one, and what to write instead
RENAMED = {
    "CAMPAIGN_HOME_STORIES": "CAMPAIGN_HOME_SECTIONS = (('stories', 3), ...)",
}


@dataclass(frozen=True)
class SiteSettings:
    content_path: Path
    output_path: Path
    theme_path: Path
    cache_path: Path
    template_cache_path: Path
    catalog_path: Path
    languages: tuple[Language, ...]
    sections: dict[str, int]
    dated_sections: tuple[str, ...]
    section_texts: dict[str, SectionTexts]
    home_sections: tuple[tuple[str, int], ...]
    entry_templates: dict[str, str]
    storyteller_sections: tuple[str, ...]
    picture_sections: tuple[str, ...]
    page_templates: tuple[str, ...]
    list_untranslated: bool
    siteurl: str
    canonical_siteurl: str
    strict: bool
    require_complete_catalogs: bool
    timezone: ZoneInfo
    now: datetime
    workers: int
    sitename: str
    preview: bool
    menus: tuple[str, ...]
    theme_pages: dict[str, str]
    editor_templates: Path
    summary_at_exit: bool


def setting_bool(value) -> bool:
    """A yes/no setting, also when it comes as text from `pelican -e` or the environment."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def read_settings(settings: dict) -> SiteSettings:
    """Decode Pelican's settings dict; raise ``SettingsError`` with the fix on a bad value."""
    get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
    try:
        languages = parse_languages(get("CAMPAIGN_LANGUAGES"))
    except LanguageSettingError as error:
        raise SettingsError(str(error)) from None
    if settings.get("DEFAULT_LANG") and settings["DEFAULT_LANG"] != languages[0].code:
        raise SettingsError(
            f"DEFAULT_LANG is {settings['DEFAULT_LANG']!r} but the first of CAMPAIGN_LANGUAGES is "
            f"{languages[0].code!r}; make them the same"
        )
    try:
        timezone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except ZoneInfoNotFoundError:
        raise SettingsError(
            f"TIMEZONE {settings.get('TIMEZONE')!r} is not a known time zone"
        ) from None
    now_text = str(get("CAMPAIGN_NOW") or os.environ.get("CAMPAIGN_NOW", ""))
    if now_text:
        try:
            now = datetime.fromisoformat(now_text)
        except ValueError:
            raise SettingsError(f"CAMPAIGN_NOW {now_text!r} is not an ISO date") from None
        now = now if now.tzinfo else now.replace(tzinfo=timezone)
    else:
        now = datetime.now(timezone)
    for old, new in RENAMED.items():
        if old in settings:
            raise SettingsError(f"{old} is no longer used; write {new} instead")
    sections = _sections(get("CAMPAIGN_SECTIONS"))

    def per_section(key: str) -> Any:
        """A setting about sections; its default keeps only the sections the site has (a
        site without hints needs no other change), a value given is checked as it is."""
        if key in settings:
            return settings[key]
        value: Any = DEFAULTS[key]
        if isinstance(value, dict):
            return {name: v for name, v in value.items() if name in sections or name == "pages"}
        return tuple(v for v in value if (v[0] if isinstance(v, tuple) else v) in sections)

    content = Path(settings["PATH"])
    theme = Path(settings["THEME"])
    root = content.parent
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    canonical = (get("CAMPAIGN_CANONICAL_SITEURL") or siteurl or "http://127.0.0.1:8000").rstrip(
        "/"
    )
    if not canonical.startswith(("http://", "https://")):
        raise SettingsError(f"the site URL {canonical!r} must start with http:// or https://")
    workers = int(get("CAMPAIGN_WORKERS")) or (os.cpu_count() or 1)
    menus = tuple(get("CAMPAIGN_MENUS"))
    if not all(isinstance(name, str) and name.isidentifier() for name in menus):
        raise SettingsError("CAMPAIGN_MENUS must list menu names such as ('main', 'footer')")
    theme_pages = dict(get("CAMPAIGN_THEME_PAGES"))
    for role, slug in theme_pages.items():
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise SettingsError(
                f"CAMPAIGN_THEME_PAGES[{role!r}] must be a page's Slug, not {slug!r}"
            )
    page_templates = _names("CAMPAIGN_PAGE_TEMPLATES", get("CAMPAIGN_PAGE_TEMPLATES"))
    for name in page_templates:
        if not (theme / "templates" / f"{name}.html").is_file():
            raise SettingsError(
                f"CAMPAIGN_PAGE_TEMPLATES lists {name!r} but the theme has no "
                f"templates/{name}.html; add the template or remove the name"
            )
    cache_path = root / get("CAMPAIGN_CACHE_PATH")
    return SiteSettings(
        content_path=content,
        output_path=Path(settings["OUTPUT_PATH"]),
        theme_path=theme,
        cache_path=cache_path,
        template_cache_path=(
            root / get("CAMPAIGN_TEMPLATE_CACHE_PATH")
            if get("CAMPAIGN_TEMPLATE_CACHE_PATH")
            else cache_path / "templates"
        ),
        catalog_path=theme / get("CAMPAIGN_CATALOGS"),
        languages=languages,
        sections=sections,
        dated_sections=_subset(
            "CAMPAIGN_DATED_SECTIONS", per_section("CAMPAIGN_DATED_SECTIONS"), sections
        ),
        section_texts=_section_texts(per_section("CAMPAIGN_SECTION_TEXTS"), sections),
        home_sections=_home_sections(per_section("CAMPAIGN_HOME_SECTIONS"), sections),
        entry_templates=_entry_templates(per_section("CAMPAIGN_ENTRY_TEMPLATES"), sections),
        storyteller_sections=_subset(
            "CAMPAIGN_STORYTELLER_SECTIONS", per_section("CAMPAIGN_STORYTELLER_SECTIONS"), sections
        ),
        picture_sections=_subset(
            "CAMPAIGN_PICTURE_SECTIONS", per_section("CAMPAIGN_PICTURE_SECTIONS"), sections
        ),
        page_templates=page_templates,
        list_untranslated=setting_bool(get("CAMPAIGN_LIST_UNTRANSLATED")),
        siteurl=siteurl,
        canonical_siteurl=canonical,
        strict=setting_bool(get("CAMPAIGN_STRICT")),
        require_complete_catalogs=setting_bool(get("CAMPAIGN_REQUIRE_COMPLETE_CATALOGS")),
        timezone=timezone,
        now=now,
        workers=max(1, workers),
        sitename=settings.get("SITENAME", ""),
        preview=setting_bool(get("CAMPAIGN_PREVIEW")),
        menus=menus,
        theme_pages=theme_pages,
        editor_templates=root / get("CAMPAIGN_EDITOR_TEMPLATES"),
        summary_at_exit=setting_bool(get("CAMPAIGN_SUMMARY_AT_EXIT")),
    )


def _sections(value) -> dict[str, int]:
    if not isinstance(value, dict) or not value:
        raise SettingsError(
            "CAMPAIGN_SECTIONS must map each section folder to its entries per list page, "
            "e.g. {'stories': 10, 'hints': 0}"
        )
    for name, per_page in value.items():
        if not isinstance(name, str) or not SLUG_RE.match(name) or name == "pages":
            raise SettingsError(
                f"CAMPAIGN_SECTIONS: {name!r} cannot be a section; use a folder name of "
                "a-z, 0-9 and hyphens other than 'pages' (content/pages/ holds the pages)"
            )
        if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 0:
            raise SettingsError(f"CAMPAIGN_SECTIONS[{name!r}] must be a whole number >= 0")
    return dict(value)


def _names(key: str, value) -> tuple[str, ...]:
    if isinstance(value, str) or not all(isinstance(name, str) for name in value):
        raise SettingsError(f"{key} must be a list of names, e.g. ('stories',)")
    return tuple(value)


def _subset(key: str, value, sections: dict[str, int]) -> tuple[str, ...]:
    """A list of sections, each of them one of ``CAMPAIGN_SECTIONS``."""
    names = _names(key, value)
    for name in names:
        if name not in sections:
            raise SettingsError(
                f"{key} lists {name!r}, which is not one of CAMPAIGN_SECTIONS "
                f"({', '.join(sections)})"
            )
    return names


def _section_texts(value, sections: dict[str, int]) -> dict[str, SectionTexts]:
    """Every section's texts: as configured, else its folder name as its title."""
    if not isinstance(value, dict):
        raise SettingsError("CAMPAIGN_SECTION_TEXTS must map sections to {'title': ...}")
    for name in value:
        if name not in sections:
            raise SettingsError(
                f"CAMPAIGN_SECTION_TEXTS names {name!r}, which is not one of CAMPAIGN_SECTIONS "
                f"({', '.join(sections)})"
            )
    texts = {}
    for name in sections:
        given = value.get(name) or {}
        if not isinstance(given, dict) or not set(given) <= {"title", "intro", "all"}:
            raise SettingsError(
                f"CAMPAIGN_SECTION_TEXTS[{name!r}] must be a dict with the keys 'title', "
                "'intro' and 'all' (each optional)"
            )
        if not all(isinstance(text, str) for text in given.values()):
            raise SettingsError(f"CAMPAIGN_SECTION_TEXTS[{name!r}]: every text must be a string")
        texts[name] = SectionTexts(
            title=given.get("title") or name, intro=given.get("intro", ""), all=given.get("all", "")
        )
    return texts


def _home_sections(value, sections: dict[str, int]) -> tuple[tuple[str, int], ...]:
    blocks = []
    for block in value:
        if (
            not isinstance(block, (tuple, list))
            or len(block) != 2
            or isinstance(block[1], bool)
            or not isinstance(block[1], int)
            or block[1] < 1
        ):
            raise SettingsError(
                f"CAMPAIGN_HOME_SECTIONS: {block!r} must be a (section, how many) pair such as "
                "('stories', 3)"
            )
        if block[0] not in sections:
            raise SettingsError(
                f"CAMPAIGN_HOME_SECTIONS lists {block[0]!r}, which is not one of "
                f"CAMPAIGN_SECTIONS ({', '.join(sections)})"
            )
        blocks.append((block[0], block[1]))
    return tuple(blocks)


def _entry_templates(value, sections: dict[str, int]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SettingsError("CAMPAIGN_ENTRY_TEMPLATES must map sections to template names")
    for name, template in value.items():
        if name != "pages" and name not in sections:
            raise SettingsError(
                f"CAMPAIGN_ENTRY_TEMPLATES names {name!r}, which is not one of "
                f"CAMPAIGN_SECTIONS ({', '.join(sections)}) or 'pages'"
            )
        if not isinstance(template, str) or not SLUG_RE.match(template.replace("_", "-")):
            raise SettingsError(f"CAMPAIGN_ENTRY_TEMPLATES[{name!r}] must be a template name")
    return dict(value)
