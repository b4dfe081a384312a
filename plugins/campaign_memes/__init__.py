"""campaign_memes: memes and social cards drawn from Markdown words, in every language.

- ``text.py``: the pure text engine (fonts, bidi isolates, wrapping, fitting, coverage);
- ``layout.py``: a meme's layout (where the words go), parsed from one line of text;
- ``compose.py``: artwork + layout + words -> the square, 4:5 and 9:16 pictures;
- ``card.py``: the 1200x630 social card of any page (brand, section, title).

None of them imports Pelican. The build drives them from ``campaign_site`` (``prepare.py``
checks ``Layout:``, ``memes.py`` draws every language's pictures in the process pool and
gives them to the image service). This package is a library: it is listed in ``PLUGINS``
before ``campaign_site`` so that Pelican makes it importable, and ``register()`` connects
nothing.
"""


def register():
    """Nothing to connect: campaign_site drives the composer."""
