"""CAMPAIGN_LANGUAGES decoding: good values and every kind of mistake, with its fix."""

from __future__ import annotations

import pytest

from campaign_i18n import LanguageSettingError, parse_languages

SITE_LANGUAGES = [
    {"code": "en", "name": "English", "locale": "en_GB", "direction": "ltr"},
    {"code": "fr", "name": "Français", "locale": "fr_FR", "direction": "ltr"},
    {"code": "ar", "name": "العربية", "locale": "ar", "direction": "rtl"},
]


def test_site_languages_are_decoded():
    en, fr, ar = parse_languages(SITE_LANGUAGES)
    assert (en.code, en.prefix, en.is_default, en.rtl) == ("en", "", True, False)
    assert (fr.code, fr.prefix, fr.is_default, fr.locale) == ("fr", "fr/", False, "fr_FR")
    assert (ar.code, ar.prefix, ar.direction, ar.rtl) == ("ar", "ar/", "rtl", True)
    assert ar.name == "العربية"


def test_defaults_come_from_babel():
    (es,) = parse_languages(["es"])
    assert es.locale == "es"
    assert es.name == "español"
    assert es.direction == "ltr"
    (ar,) = parse_languages([{"code": "ar"}])
    assert ar.direction == "rtl"


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([{"code": "EN"}], r"CAMPAIGN_LANGUAGES\[0\]: code 'EN' is not a lower-case language code"),
        ([{"code": "english"}], r"code 'english' is not a lower-case language code"),
        ([{"code": "fr_FR"}], r"code 'fr_FR' is not a lower-case"),
        (
            [{"code": "en"}, {"code": "fr"}, {"code": "fr"}],
            r"CAMPAIGN_LANGUAGES\[2\]: language 'fr' is listed twice",
        ),
        ([{"code": "xx"}], r"Babel does not know the locale 'xx'"),
        ([{"code": "en"}, {"code": "fr", "locale": "fr_QQ"}], r"\[1\]: Babel does not know"),
        ([{"code": "ar", "direction": "right"}], r"direction must be 'ltr' or 'rtl'"),
        ([{"code": "en", "dir": "ltr"}], r"unknown key\(s\) \['dir'\]"),
        ([{"name": "English"}], r"give a dict with at least a 'code' key"),
        ([], r"CAMPAIGN_LANGUAGES is empty"),
    ],
)
def test_language_setting_errors(entries, expected):
    with pytest.raises(LanguageSettingError, match=expected):
        parse_languages(entries)


def test_language_setting_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_languages([{"code": "en"}, {"code": "en"}])
