"""Languages, UI catalogs and translation status for the campaign site.

This package is a library used by ``campaign_site`` (which reads its settings once); its
``register()`` has nothing to connect, so it may be listed in ``PLUGINS`` or not.
"""

from .catalogs import CatalogSet, load_catalogs
from .languages import Language, LanguageSettingError, parse_languages

__all__ = [
    "CatalogSet",
    "Language",
    "LanguageSettingError",
    "load_catalogs",
    "parse_languages",
    "register",
]


def register():
    """Nothing to connect: campaign_site drives languages and catalogs."""
