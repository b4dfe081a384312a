"""Every ``CAMPAIGN_*`` setting with its default, read once into a frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from campaign_i18n import Language, LanguageSettingError, parse_languages

from .source import SLUG_RE

DEFAULTS = {
    "CAMPAIGN_LANGUAGES": [{"code": "en"}],
    # listed section folder -> entries per list page (0: one page with everything);
    # content/pages/ holds the undated pages, which have no list
    "CAMPAIGN_SECTIONS": {"stories": 10, "hints": 0, "memes": 0},
    "CAMPAIGN_DATED_SECTIONS": ("stories", "hints", "memes"),
    "CAMPAIGN_LIST_UNTRANSLATED": True,
    "CAMPAIGN_CANONICAL_SITEURL": "",
    "CAMPAIGN_STRICT": False,
    # True: a UI string a catalog does not translate yet is an error (fails `make check` and
    # `make publish`); False: its pages show it in English, and each build warns once per language
    "CAMPAIGN_REQUIRE_COMPLETE_CATALOGS": False,
    "CAMPAIGN_NOW": "",
    "CAMPAIGN_CATALOGS": "translations",
    "CAMPAIGN_CACHE_PATH": ".cache/campaign",
    "CAMPAIGN_WORKERS": 0,  # 0: one per core
    "CAMPAIGN_HOME_STORIES": 3,
    # devserver preview: drafts and scheduled content get their pages, with a banner, but
    # never a list, tag, feed or sitemap entry (tools/devserver.py turns it on)
    "CAMPAIGN_PREVIEW": False,
    # menus an editor can put a page in with 'Menu: <name>' (content/pages/ only)
    "CAMPAIGN_MENUS": ("main", "footer"),
    # pages the theme links to by role (header's Report button, home page blocks, feeds' view):
    # role -> the page's Slug. Such pages count as linked even if no menu lists them.
    "CAMPAIGN_THEME_PAGES": {
        "report": "report-it",
        "action_day": "action-day",
        "rules": "dos-and-donts",
        "follow": "follow",
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
class SiteSettings:
    content_path: Path
    output_path: Path
    theme_path: Path
    cache_path: Path
    catalog_path: Path
    languages: tuple[Language, ...]
    sections: dict[str, int]
    dated_sections: tuple[str, ...]
    list_untranslated: bool
    siteurl: str
    canonical_siteurl: str
    strict: bool
    require_complete_catalogs: bool
    timezone: ZoneInfo
    now: datetime
    workers: int
    home_stories: int
    sitename: str
    preview: bool
    menus: tuple[str, ...]
    theme_pages: dict[str, str]
    editor_templates: Path
    summary_at_exit: bool

    @property
    def default_language(self) -> Language:
        return self.languages[0]


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
    sections = dict(get("CAMPAIGN_SECTIONS"))
    for name, per_page in sections.items():
        if not isinstance(per_page, int) or per_page < 0:
            raise SettingsError(f"CAMPAIGN_SECTIONS[{name!r}] must be a whole number >= 0")
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
    return SiteSettings(
        content_path=content,
        output_path=Path(settings["OUTPUT_PATH"]),
        theme_path=theme,
        cache_path=root / get("CAMPAIGN_CACHE_PATH"),
        catalog_path=theme / get("CAMPAIGN_CATALOGS"),
        languages=languages,
        sections=sections,
        dated_sections=tuple(get("CAMPAIGN_DATED_SECTIONS")),
        list_untranslated=setting_bool(get("CAMPAIGN_LIST_UNTRANSLATED")),
        siteurl=siteurl,
        canonical_siteurl=canonical,
        strict=setting_bool(get("CAMPAIGN_STRICT")),
        require_complete_catalogs=setting_bool(get("CAMPAIGN_REQUIRE_COMPLETE_CATALOGS")),
        timezone=timezone,
        now=now,
        workers=max(1, workers),
        home_stories=int(get("CAMPAIGN_HOME_STORIES")),
        sitename=settings.get("SITENAME", ""),
        preview=setting_bool(get("CAMPAIGN_PREVIEW")),
        menus=menus,
        theme_pages=theme_pages,
        editor_templates=root / get("CAMPAIGN_EDITOR_TEMPLATES"),
        summary_at_exit=setting_bool(get("CAMPAIGN_SUMMARY_AT_EXIT")),
    )
