"""campaign_gallery: the responsive, metadata-free image pipeline and the picture albums.

- ``settings.py``: every ``CAMPAIGN_IMAGE_*`` / ``CAMPAIGN_GALLERY_*`` setting and its default;
- ``imaging.py``: the pure Pillow core (open safely, orient, strip, resize, encode);
- ``service.py``: the ``ImageService`` the core uses for every picture (cache, process pool);
- ``albums.py``: the pure parser and validator of ``content/gallery/<album>/album.<lang>.md``;
- ``gallery.py``, ``shortcodes.py``: album pages and ``[gallery ...]`` embeds;
- ``generator.py``: the thin Pelican generator that wires them in.
"""

from pelican import signals


def get_generators(pelican):
    from .generator import GalleryGenerator

    return GalleryGenerator


def register():
    """Add the gallery generator (constructed after campaign_site's)."""
    signals.get_generators.connect(get_generators)
