"""The markup of pictures and album embeds, rendered by the theme's templates.

``service.ResponsiveImages`` works out what a ``<picture>`` offers (a ``Picture``); the macro
``picture`` of ``theme/templates/partials/picture.html`` writes it, so a theme can change the
markup. ``[gallery ...]`` embeds are written by ``partials/gallery_embed.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from campaign_i18n import Language

PICTURE_TEMPLATE = "partials/picture.html"
EMBED_TEMPLATE = "partials/gallery_embed.html"


@dataclass(frozen=True)
class PictureSource:
    """One ``<source>``: a modern format in every width."""

    type: str  # MIME type
    srcset: str


@dataclass(frozen=True)
class Picture:
    """Everything a ``<picture>`` of one published picture shows."""

    sources: tuple[PictureSource, ...]
    src: str  # the largest fallback file (JPEG or PNG)
    srcset: str  # every fallback file
    sizes: str
    alt: str
    width: int
    height: int
    lazy: bool
    title: str


class Templates:
    """The theme's markup of pictures and embeds (a Jinja environment over its templates)."""

    def __init__(self, env: Environment):
        self.env = env

    @classmethod
    def from_folder(cls, folder: Path) -> Templates:
        """Templates read straight from a theme's templates folder (tools and tests)."""
        return cls(
            Environment(
                loader=FileSystemLoader(folder),
                autoescape=True,
                trim_blocks=True,
                lstrip_blocks=True,
            )
        )

    def picture(self, picture: Picture) -> Markup:
        return self.env.get_template(PICTURE_TEMPLATE).module.picture(picture)  # type: ignore[attr-defined]

    def embed(self, page_lang: Language, siteurl: str, image_html, **values) -> str:
        """``[gallery album]`` (``album=``) or ``[gallery album/picture]`` (also ``photo=``)
        in a page of ``page_lang``: one line of HTML, which replaces the paragraph."""
        template = self.env.get_template(EMBED_TEMPLATE)
        html = template.render(lang=page_lang, SITEURL=siteurl, image_html=image_html, **values)
        return html.strip()
