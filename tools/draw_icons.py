"""Draw the site's PNG icons (feeds' <image>/<icon>/<logo>, JSON Feed's icon and favicon)
from the same design as theme/static/img/favicon.svg: a yellow heart on a purple square.

    .venv/bin/python tools/draw_icons.py   # writes theme/static/img/icon-512.png, icon-64.png
                                           # and favicon.ico (16, 32, 48 px)

Feed readers need bitmap icons; browsers use the SVG favicon on pages, but ask for
/favicon.ico when they show something else (a feed, a picture): campaign_publish puts it
at the site's root. Run again after changing the
brand's colours; the files are committed (a few KB).
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
PURPLE, YELLOW = (91, 42, 134), (255, 209, 102)
SCALE = 4  # drawn larger, then reduced: smooth edges without an anti-aliasing library


def heart(size: int) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=PURPLE)
    # the classic parametric heart, centred and scaled to the square
    points = []
    for step in range(360):
        t = math.radians(step)
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((big / 2 + x * big / 44, big * 0.52 - y * big / 44))
    draw.polygon(points, fill=YELLOW)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    folder = ROOT / "theme" / "static" / "img"
    for size in (512, 64):
        heart(size).save(folder / f"icon-{size}.png", optimize=True)
        print(f"wrote {folder / f'icon-{size}.png'}")
    heart(48).save(folder / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {folder / 'favicon.ico'}")


if __name__ == "__main__":
    main()
