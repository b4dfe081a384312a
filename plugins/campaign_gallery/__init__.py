"""campaign_gallery: the responsive, metadata-free image pipeline and the picture albums.

- ``settings.py``: every ``CAMPAIGN_IMAGE_*`` / ``CAMPAIGN_GALLERY_*`` setting and its default;
- ``imaging.py``: the pure Pillow core (open safely, orient, strip, resize, encode);
- ``service.py``: the ``ImageService`` the core uses for every picture (inspect, publish),
  built on ``probes.py`` (the probe cache), ``planning.py`` (the files of a picture, named by
  content key), ``markup.py`` (``<picture>`` and embeds through the theme's templates) and
  ``progress.py`` (the terminal's bar); encoding runs in ``campaign_site.parallel``'s pool;
- ``album_file.py``: the pure parser and validator of one ``album.<lang>.md``;
- ``albums.py``: an album as a whole (its pictures and its files in every language);
- ``gallery.py``, ``shortcodes.py``: album pages and ``[gallery ...]`` embeds;
- ``generator.py``: the thin Pelican generator that wires them in.
"""

from pelican import signals


def get_generators(pelican):
    from campaign_site.startup import check

    from .generator import GalleryGenerator

    check(pelican.settings, "campaign_gallery")

    return GalleryGenerator


def register():
    """Add the gallery generator (constructed after campaign_site's)."""
    signals.get_generators.connect(get_generators)
