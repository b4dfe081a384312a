"""The site's languages: decoded once from ``CAMPAIGN_LANGUAGES`` into validated values."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


class LanguageSettingError(ValueError):
    """A language entry in the settings is wrong; the message says how to fix it."""


@dataclass(frozen=True)
class Language:
    """One language of the site, as templates and plugins see it."""

    code: str  # BCP 47 tag used in URLs, Lang: metadata and <html lang>
    name: str  # native name shown in the language switcher
    locale: str  # Babel locale for dates, numbers and plural rules
    direction: str  # "ltr" or "rtl"
    is_default: bool

    @property
    def prefix(self) -> str:
        """URL prefix: empty for the default language, ``"<code>/"`` otherwise."""
        return "" if self.is_default else f"{self.code}/"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def parse_languages(raw) -> tuple[Language, ...]:
    """Validate the ``CAMPAIGN_LANGUAGES`` list; the first entry is the default language."""
    if not raw:
        raise LanguageSettingError("CAMPAIGN_LANGUAGES is empty; list at least one language")
    languages: list[Language] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        where = f"CAMPAIGN_LANGUAGES[{index}]"
        if isinstance(entry, str):
            entry = {"code": entry}
        if not isinstance(entry, dict) or "code" not in entry:
            raise LanguageSettingError(f"{where}: give a dict with at least a 'code' key")
        unknown = set(entry) - {"code", "name", "locale", "direction"}
        if unknown:
            raise LanguageSettingError(
                f"{where}: unknown key(s) {sorted(unknown)}; use code, name, locale, direction"
            )
        code = str(entry["code"])
        if not CODE_RE.match(code):
            raise LanguageSettingError(f"{where}: code {code!r} is not a lower-case language code")
        if code in seen:
            raise LanguageSettingError(f"{where}: language {code!r} is listed twice")
        seen.add(code)
        locale_name = str(entry.get("locale", code))
        try:
            locale = Locale.parse(locale_name.replace("-", "_"))
        except (UnknownLocaleError, ValueError) as error:
            raise LanguageSettingError(
                f"{where}: Babel does not know the locale {locale_name!r} ({error})"
            ) from None
        direction = entry.get("direction", locale.text_direction)
        if direction not in ("ltr", "rtl"):
            raise LanguageSettingError(f"{where}: direction must be 'ltr' or 'rtl'")
        name = entry.get("name") or locale.display_name
        languages.append(
            Language(
                code=code,
                name=name,
                locale=str(locale),
                direction=direction,
                is_default=index == 0,
            )
        )
    return tuple(languages)
