"""Development settings: `make html` builds into output/ with root-relative links."""

AUTHOR = "No Hate Speech youth campaign"
SITENAME = "Safer, kinder internet"
SITEURL = ""
PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "en"

# Languages, in one place: the first is the default and lives at the site root.
CAMPAIGN_LANGUAGES = [
    {"code": "en", "name": "English", "locale": "en_GB", "direction": "ltr"},
    {"code": "fr", "name": "Français", "locale": "fr_FR", "direction": "ltr"},
    {"code": "ar", "name": "العربية", "locale": "ar", "direction": "rtl"},
]
# List stories that are not translated yet on the other languages' lists (marked as such).
CAMPAIGN_LIST_UNTRANSLATED = True
# False: a UI string a language's catalog does not translate yet is shown in English (marked
# lang="en") and only warned about; True: it is an error, so `make check` and `make publish`
# fail until every catalog is complete (docs/translating.md).
CAMPAIGN_REQUIRE_COMPLETE_CATALOGS = False

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "campaign_i18n",
    "campaign_memes",
    "campaign_site",
    "campaign_gallery",
    "campaign_feeds",
    "campaign_search",  # after every page and feed is written, before campaign_publish
    "campaign_publish",
]

# Pelican's own readers, lists and feeds are off: campaign_site reads and writes the content.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
THEME_STATIC_PATHS = []
DIRECT_TEMPLATES = []
TEMPLATE_PAGES = {}
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
CACHE_PATH = ".cache/pelican"
# The theme's templates use gettext ({% trans %}); Pelican's own generators load some of them.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
}
