"""Small pure helpers the theme's templates call (template globals): reading time, a stable
visual variant for generated pictures, hashtags kept whole in right-to-left text."""

from __future__ import annotations

import hashlib
import re

from markupsafe import Markup, escape

from campaign_i18n.bidi import isolate_text

WORDS_PER_MINUTE = 180  # a relaxed pace for readers aged 13 and up, on a phone
VARIANTS = 6  # theme/static/css/site.css has .variant-0 to .variant-5
TAG_RE = re.compile(r"<[^>]*>")


def reading_minutes(html: str) -> int:
    """Minutes to read an entry's HTML, at least one."""
    words = len(TAG_RE.sub(" ", str(html)).split())
    return max(1, round(words / WORDS_PER_MINUTE))


def variant(text: str) -> int:
    """A stable number in ``range(VARIANTS)`` for ``text`` (a storyteller's pseudonym): the
    colour and pattern of the picture generated when an entry has none."""
    return hashlib.sha256(text.encode()).digest()[0] % VARIANTS


def ltr_runs(text: str) -> Markup:
    """Plain text, escaped, with its hashtags isolated left-to-right (for right-to-left
    pages; ``campaign_i18n.bidi``)."""
    return Markup(isolate_text(str(escape(text))))
