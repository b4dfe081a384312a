"""Subset the OFL Noto fonts that the meme and social-card composer draws with.

The fonts in theme/fonts/ are made by this script from Debian's `fonts-noto-core`
(version 20201225-1, /usr/share/fonts/truetype/noto/). It needs fontTools, a dev tool
that the build itself does not use:

    apt-get install fonts-noto-core
    python3 -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fonttools==4.68.0
    /tmp/fontvenv/bin/python tools/subset_fonts.py

It writes two files:

- NotoSans-Bold.subset.ttf: Noto Sans Bold cut down to Latin (Basic Latin, Latin-1,
  Latin Extended-A, French punctuation « » ’ and the narrow no-break space).
- NotoSansArabic-Bold.subset.ttf: Noto Sans Arabic Bold cut down to Arabic (the Arabic
  block, Arabic Supplement, both presentation-form blocks, Arabic-Indic digits), merged with
  the Latin subset above. Pillow has no font fallback, so a line of Arabic with a hashtag
  or a Latin word in it must be laid out with one font that has both scripts; the Latin
  glyphs are Noto Sans Bold's own, so they look the same as on the English memes.

Hinting is dropped (the pictures are drawn large and anti-aliased) and every OpenType
layout feature is kept (Arabic shaping needs init/medi/fina/rlig/mark/mkmk, French
needs nothing special). The .notdef glyph keeps its outline (a box), so a missing
character shows as a box rather than nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/noto")
OUT = Path(__file__).resolve().parent.parent / "theme" / "fonts"

COMMON = [
    (0x0020, 0x007E),  # Basic Latin, incl. # @ and ASCII punctuation
    (0x00A0, 0x00FF),  # Latin-1 Supplement: é à ç « » ° ...
    (0x2000, 0x206F),  # General Punctuation: ’ ‘ “ ” – — … narrow no-break space, bidi marks
    (0x20AC, 0x20AC),  # €
]
LATIN = [
    *COMMON,
    (0x0100, 0x017F),  # Latin Extended-A: œ Œ Ÿ ...
    (0x0300, 0x036F),  # combining accents, for text typed in decomposed form
    (0x02BC, 0x02BC),  # modifier apostrophe
    (0x02C6, 0x02DD),  # spacing accents
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus
]
ARABIC = [
    *COMMON,
    (0x0600, 0x06FF),  # Arabic, incl. Arabic-Indic digits ٠-٩ and ۰-۹, ، ؛ ؟
    (0x0750, 0x077F),  # Arabic Supplement
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
]


def _unicodes(ranges: list[tuple[int, int]]) -> list[int]:
    return [cp for lo, hi in ranges for cp in range(lo, hi + 1)]


def _subset(source: Path, ranges: list[tuple[int, int]], target: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += ["DSIG"]
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_unicodes(ranges))
    subsetter.subset(font)
    font.save(target)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    latin = OUT / "NotoSans-Bold.subset.ttf"
    _subset(SOURCE / "NotoSans-Bold.ttf", LATIN, latin)
    arabic_only = OUT / "arabic-only.tmp.ttf"
    _subset(SOURCE / "NotoSansArabic-Bold.ttf", ARABIC, arabic_only)
    # The Arabic font comes first: its glyphs win for the characters both have (space,
    # digits, punctuation), so they match the Arabic letters around them.
    merged = Merger().merge([str(arabic_only), str(latin)])
    merged.save(OUT / "NotoSansArabic-Bold.subset.ttf")
    arabic_only.unlink()
    for path in sorted(OUT.glob("*.ttf")):
        print(f"{path}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
