"""Draw the word-free artwork of the campaign's educational memes (1080x1080 PNG files).

Every meme is a flat-colour picture made only of simple shapes (a phone, speech
bubbles, a shield, a pause button, hearts, a magnifying glass...). The artwork has no
words: the build draws each language's slogan and hashtags into the empty band under the
illustration (plugins/campaign_memes), following the meme's layout. The drawing is
deterministic: no randomness and no timestamps, so running the script twice gives
byte-identical files.

How to run it (Python 3.11 with Pillow, nothing else):

    python3 -m venv /tmp/meme-venv
    /tmp/meme-venv/bin/pip install pillow==13.0.0
    /tmp/meme-venv/bin/python tools/draw_memes.py

The pictures are written to content/memes/<slug>.art.png next to the Markdown file of
each meme, and the script prints each meme's layout (the value of its `Layout:` line).
Pass another folder as the first argument to write them elsewhere:

    /tmp/meme-venv/bin/python tools/draw_memes.py /tmp/memes

The script checks that the words' colour (ink) and the background have a WCAG contrast
ratio of at least 4.5:1 and that every file stays under 60 KB; it stops with an error
otherwise.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from campaign_memes.layout import contrast_ratio  # the contrast the build checks

SIZE = 1080
MAX_BYTES = 60 * 1024
MIN_CONTRAST = 4.5
PALETTE_COLOURS = 64

# The illustration stays above the text box (y < 620); the band below it is left to the
# words (the slogan in TEXT_BOX, a rule and the hashtags around FOOTER_Y).
TEXT_BOX = (70, 650, 1010, 930)
FOOTER_Y = 1010

Colour = tuple[int, int, int]
Point = tuple[float, float]


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


# --------------------------------------------------------------------------
# Supersampled drawing
# --------------------------------------------------------------------------


class ScaledDraw:
    """Forward drawing calls to an ImageDraw on a canvas `scale` times larger.

    The illustrations are described in 1080x1080 coordinates, drawn on a larger
    canvas and then reduced, which gives smooth (anti-aliased) edges to
    polygons, hearts and circles.
    """

    def __init__(self, draw: ImageDraw.ImageDraw, scale: int) -> None:
        self._draw = draw
        self._s = scale

    def _xy(self, xy: Sequence) -> list:
        """Scale a box, a flat list of numbers or a list of (x, y) points."""
        s = self._s
        if xy and isinstance(xy[0], (tuple, list)):
            return [(x * s, y * s) for x, y in xy]
        return [v * s for v in xy]

    def _kw(self, kwargs: dict) -> dict:
        for key in ("width", "radius"):
            if key in kwargs:
                kwargs[key] = round(kwargs[key] * self._s)
        return kwargs

    def rectangle(self, xy: Sequence, **kwargs: object) -> None:
        self._draw.rectangle(self._xy(xy), **self._kw(kwargs))

    def rounded_rectangle(self, xy: Sequence, **kwargs: object) -> None:
        self._draw.rounded_rectangle(self._xy(xy), **self._kw(kwargs))

    def ellipse(self, xy: Sequence, **kwargs: object) -> None:
        self._draw.ellipse(self._xy(xy), **self._kw(kwargs))

    def polygon(self, xy: Sequence, **kwargs: object) -> None:
        self._draw.polygon(self._xy(xy), **self._kw(kwargs))

    def line(self, xy: Sequence, **kwargs: object) -> None:
        self._draw.line(self._xy(xy), **self._kw(kwargs))

    def chord(self, xy: Sequence, start: float, end: float, **kwargs: object) -> None:
        self._draw.chord(self._xy(xy), start, end, **self._kw(kwargs))

    def arc(self, xy: Sequence, start: float, end: float, **kwargs: object) -> None:
        self._draw.arc(self._xy(xy), start, end, **self._kw(kwargs))


SUPERSAMPLE = 3

# --------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------


def heart_points(cx: float, cy: float, size: float, steps: int = 120) -> list[Point]:
    """Classic parametric heart, about `size` pixels wide, centred on (cx, cy)."""
    scale = size / 34
    points = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * scale, cy - y * scale - 2 * scale))
    return points


def heart(draw: ScaledDraw, cx: float, cy: float, size: float, fill: Colour) -> None:
    draw.polygon(heart_points(cx, cy, size), fill=fill)


def shield_points(
    cx: float, top: float, width: float, height: float, steps: int = 40
) -> list[Point]:
    """A shield: flat top with small shoulders, sides curving to a point."""
    half = width / 2
    shoulder = height * 0.08
    side = height * 0.42
    points: list[Point] = [(cx - half, top + shoulder), (cx, top), (cx + half, top + shoulder)]
    points.append((cx + half, top + side))
    # Right side curves down to the bottom point (quadratic Bezier).
    p0, p1, p2 = (cx + half, top + side), (cx + half, top + height * 0.82), (cx, top + height)
    for i in range(1, steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t**2 * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t**2 * p2[1]
        points.append((x, y))
    p0, p1, p2 = (cx, top + height), (cx - half, top + height * 0.82), (cx - half, top + side)
    for i in range(1, steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t**2 * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t**2 * p2[1]
        points.append((x, y))
    return points


def speech_bubble(
    draw: ScaledDraw,
    box: tuple[float, float, float, float],
    fill: Colour,
    tail: str = "left",
    radius: int = 50,
) -> None:
    x0, _y0, x1, y1 = box
    draw.rounded_rectangle(box, radius=radius, fill=fill)
    w = x1 - x0
    if tail == "left":
        tx = x0 + w * 0.22
        draw.polygon([(tx, y1 - 5), (tx + 70, y1 - 5), (tx - 30, y1 + 70)], fill=fill)
    else:
        tx = x1 - w * 0.22
        draw.polygon([(tx, y1 - 5), (tx - 70, y1 - 5), (tx + 30, y1 + 70)], fill=fill)


def dots(draw: ScaledDraw, cx: float, cy: float, r: float, gap: float, fill: Colour) -> None:
    for i in (-1, 0, 1):
        x = cx + i * gap
        draw.ellipse((x - r, cy - r, x + r, cy + r), fill=fill)


def phone(
    draw: ScaledDraw,
    cx: float,
    cy: float,
    w: float,
    h: float,
    body: Colour,
    screen: Colour,
) -> tuple[float, float, float, float]:
    """Draw a phone and return the box of its screen."""
    draw.rounded_rectangle(
        (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), radius=int(w * 0.16), fill=body
    )
    margin = w * 0.07
    screen_box = (
        cx - w / 2 + margin,
        cy - h / 2 + margin * 2.2,
        cx + w / 2 - margin,
        cy + h / 2 - margin * 2.2,
    )
    draw.rounded_rectangle(screen_box, radius=int(w * 0.06), fill=screen)
    # Speaker slot on top.
    draw.rounded_rectangle(
        (cx - w * 0.13, cy - h / 2 + margin * 0.8, cx + w * 0.13, cy - h / 2 + margin * 1.3),
        radius=int(margin * 0.25),
        fill=screen,
    )
    return screen_box


def flag(draw: ScaledDraw, x: float, y: float, h: float, pole: Colour, cloth: Colour) -> None:
    """A report flag: pole from (x, y) downwards `h` pixels, cloth to the right."""
    pw = h * 0.07
    draw.rounded_rectangle((x, y, x + pw, y + h), radius=int(pw / 2), fill=pole)
    fw = h * 0.62
    fh = h * 0.42
    top = y + h * 0.04
    draw.polygon(
        [
            (x + pw, top),
            (x + pw + fw, top),
            (x + pw + fw * 0.78, top + fh / 2),
            (x + pw + fw, top + fh),
            (x + pw, top + fh),
        ],
        fill=cloth,
    )


def block_sign(draw: ScaledDraw, cx: float, cy: float, r: float, colour: Colour) -> None:
    width = int(r * 0.24)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=width)
    d = (r - width / 2) * math.cos(math.pi / 4)
    draw.line((cx - d, cy - d, cx + d, cy + d), fill=colour, width=width)


def magnifier(
    draw: ScaledDraw, cx: float, cy: float, r: float, rim: Colour, glass: Colour, handle: Colour
) -> None:
    # Handle first, so that the rim covers its end.
    angle = math.radians(45)
    start = (cx + r * 0.9 * math.cos(angle), cy + r * 0.9 * math.sin(angle))
    end = (cx + r * 2.1 * math.cos(angle), cy + r * 2.1 * math.sin(angle))
    hw = r * 0.36
    nx, ny = -math.sin(angle) * hw / 2, math.cos(angle) * hw / 2
    draw.polygon(
        [
            (start[0] + nx, start[1] + ny),
            (end[0] + nx, end[1] + ny),
            (end[0] - nx, end[1] - ny),
            (start[0] - nx, start[1] - ny),
        ],
        fill=handle,
    )
    draw.ellipse((end[0] - hw / 2, end[1] - hw / 2, end[0] + hw / 2, end[1] + hw / 2), fill=handle)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=glass, outline=rim, width=int(r * 0.2))


def lightning(draw: ScaledDraw, cx: float, cy: float, h: float, fill: Colour) -> None:
    s = h / 10
    draw.polygon(
        [
            (cx + 1 * s, cy - 5 * s),
            (cx - 3 * s, cy + 0.6 * s),
            (cx - 0.2 * s, cy + 0.6 * s),
            (cx - 1.2 * s, cy + 5 * s),
            (cx + 3 * s, cy - 0.8 * s),
            (cx + 0.2 * s, cy - 0.8 * s),
        ],
        fill=fill,
    )


def person(draw: ScaledDraw, cx: float, cy: float, size: float, fill: Colour) -> None:
    """A simple head-and-shoulders silhouette, about `size` pixels tall, centred on (cx, cy)."""
    head_r = size * 0.2
    head_cy = cy - size * 0.18
    draw.ellipse((cx - head_r, head_cy - head_r, cx + head_r, head_cy + head_r), fill=fill)
    body_w = size * 0.72
    body_top = cy + size * 0.08
    draw.chord(
        (cx - body_w / 2, body_top, cx + body_w / 2, body_top + size * 0.8), 180, 360, fill=fill
    )


def toggle(
    draw: ScaledDraw, x: float, y: float, w: float, on: bool, track: Colour, knob: Colour
) -> None:
    h = w * 0.5
    draw.rounded_rectangle((x, y, x + w, y + h), radius=int(h / 2), fill=track)
    m = h * 0.12
    kx = x + w - h + m if on else x + m
    draw.ellipse((kx, y + m, kx + h - 2 * m, y + h - m), fill=knob)


def padlock(draw: ScaledDraw, cx: float, cy: float, w: float, body: Colour, hole: Colour) -> None:
    h = w * 0.78
    top = cy - h * 0.15
    shackle_r = w * 0.32
    sw = int(w * 0.13)
    draw.arc(
        (cx - shackle_r, top - shackle_r * 1.6, cx + shackle_r, top + shackle_r * 0.4),
        180,
        360,
        fill=body,
        width=sw,
    )
    draw.rectangle((cx - shackle_r, top - shackle_r * 0.6, cx - shackle_r + sw, top + 5), fill=body)
    draw.rectangle((cx + shackle_r - sw, top - shackle_r * 0.6, cx + shackle_r, top + 5), fill=body)
    draw.rounded_rectangle((cx - w / 2, top, cx + w / 2, top + h), radius=int(w * 0.1), fill=body)
    kr = w * 0.09
    ky = top + h * 0.42
    draw.ellipse((cx - kr, ky - kr, cx + kr, ky + kr), fill=hole)
    draw.polygon(
        [
            (cx - kr * 0.55, ky),
            (cx + kr * 0.55, ky),
            (cx + kr * 0.8, ky + kr * 2.6),
            (cx - kr * 0.8, ky + kr * 2.6),
        ],
        fill=hole,
    )


# --------------------------------------------------------------------------
# The memes
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Meme:
    slug: str
    background: Colour
    ink: Colour  # the colour the build draws the words in
    art: Callable[[ScaledDraw, Meme], None]

    @property
    def layout(self) -> str:
        """The meme's layout, as written on its `Layout:` line (see plugins/campaign_memes)."""
        box = " ".join(str(v) for v in TEXT_BOX)
        return (
            f"text {box}; ink {to_hex(self.ink)}; background {to_hex(self.background)}; "
            f"footer {FOOTER_Y}"
        )


def to_hex(colour: Colour) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


def art_pause(draw: ScaledDraw, meme: Meme) -> None:
    draw.ellipse((280, 80, 800, 600), fill=hex_colour("#274C77"))
    # Speech bubbles waiting to be sent.
    speech_bubble(draw, (90, 120, 330, 260), hex_colour("#A8DADC"), tail="right", radius=40)
    dots(draw, 210, 190, 16, 55, hex_colour("#1D3557"))
    speech_bubble(draw, (760, 330, 990, 460), hex_colour("#F4A261"), tail="left", radius=40)
    dots(draw, 875, 395, 16, 55, hex_colour("#1D3557"))
    screen = phone(draw, 540, 345, 300, 520, hex_colour("#0D1B2A"), hex_colour("#F1FAEE"))
    sx = (screen[0] + screen[2]) / 2
    sy = (screen[1] + screen[3]) / 2
    r = 100
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=hex_colour("#E63946"))
    bar_w, bar_h, gap = 26, 96, 22
    for x in (sx - gap - bar_w, sx + gap):
        draw.rounded_rectangle(
            (x, sy - bar_h / 2, x + bar_w, sy + bar_h / 2), radius=6, fill=(255, 255, 255)
        )


def art_dont_feed(draw: ScaledDraw, meme: Meme) -> None:
    dark = hex_colour("#264653")
    # Angry speech bubble with a lightning bolt.
    speech_bubble(draw, (90, 110, 520, 430), dark, tail="left", radius=60)
    lightning(draw, 305, 270, 220, hex_colour("#E63946"))
    # Arrow towards the report flag.
    draw.rectangle((560, 262, 650, 298), fill=dark)
    draw.polygon([(650, 230), (710, 280), (650, 330)], fill=dark)
    # Report flag in a white circle.
    draw.ellipse((730, 130, 1000, 400), fill=(255, 255, 255))
    flag(draw, 800, 170, 200, dark, hex_colour("#E63946"))
    # An angry reply, crossed out: don't feed the hate by answering back.
    speech_bubble(draw, (420, 470, 620, 560), dark, tail="right", radius=30)
    dots(draw, 520, 515, 12, 42, (255, 255, 255))
    block_sign(draw, 520, 520, 80, hex_colour("#E63946"))
    # A heart beside the report flag: report and look after each other.
    heart(draw, 865, 530, 110, hex_colour("#E63946"))


def art_screenshot_block_report(draw: ScaledDraw, meme: Meme) -> None:
    tile = (255, 255, 255)
    accent = hex_colour("#FFD166")
    dark = hex_colour("#073B4C")
    red = hex_colour("#D62839")
    centres = (220, 540, 860)
    cy = 330
    half = 130
    for cx in centres:
        draw.rounded_rectangle((cx - half, cy - half, cx + half, cy + half), radius=40, fill=tile)
    # Arrows between the tiles.
    for ax in (380, 700):
        draw.polygon([(ax - 18, cy - 34), (ax + 22, cy), (ax - 18, cy + 34)], fill=accent)
    # 1. Screenshot: corner brackets around a small picture.
    cx = centres[0]
    b, L, w = 80, 34, 12
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = cx + sx * b, cy + sy * b
            draw.rectangle(sorted_box(x, y, x - sx * L, y - sy * w), fill=dark)
            draw.rectangle(sorted_box(x, y, x - sx * w, y - sy * L), fill=dark)
    draw.rectangle((cx - 52, cy - 42, cx + 52, cy + 42), fill=hex_colour("#118AB2"))
    draw.polygon([(cx - 52, cy + 42), (cx - 12, cy - 8), (cx + 20, cy + 42)], fill=dark)
    draw.polygon([(cx + 2, cy + 42), (cx + 28, cy + 8), (cx + 52, cy + 42)], fill=dark)
    draw.ellipse((cx + 18, cy - 32, cx + 40, cy - 10), fill=accent)
    # 2. Block sign.
    block_sign(draw, centres[1], cy, 88, red)
    # 3. Report flag.
    flag(draw, centres[2] - 62, cy - 95, 190, dark, red)
    # Step dots under the tiles.
    for i, cx in enumerate(centres):
        for j in range(i + 1):
            dot = cx + (j - i / 2) * 40
            draw.ellipse((dot - 12, 500 - 12, dot + 12, 500 + 12), fill=accent)


def sorted_box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def art_check(draw: ScaledDraw, meme: Meme) -> None:
    dark = hex_colour("#264653")
    grey = hex_colour("#B8C4CC")
    # A news post card.
    draw.rounded_rectangle((110, 90, 640, 560), radius=40, fill=(255, 255, 255))
    draw.rectangle((160, 140, 590, 300), fill=hex_colour("#E9C46A"))
    draw.polygon([(160, 300), (300, 190), (420, 300)], fill=hex_colour("#2A9D8F"))
    draw.ellipse((480, 165, 540, 225), fill=(255, 255, 255))
    for i, width in enumerate((430, 380, 300)):
        y = 335 + i * 55
        draw.rounded_rectangle((160, y, 160 + width, y + 26), radius=13, fill=grey if i else dark)
    # Share arrow on the card.
    draw.ellipse((520, 470, 590, 540), fill=hex_colour("#E76F51"))
    draw.polygon([(540, 490), (572, 505), (540, 520)], fill=(255, 255, 255))
    # Magnifying glass over the card.
    magnifier(draw, 640, 300, 150, dark, hex_colour("#DFF3F1"), dark)
    # A tick inside the lens: checked.
    draw.line(
        [(572, 298), (620, 346), (712, 248)], fill=hex_colour("#2A9D8F"), width=30, joint="curve"
    )


def art_friend(draw: ScaledDraw, meme: Meme) -> None:
    pink = hex_colour("#FF70A6")
    # The hurtful message, small and grey, behind.
    speech_bubble(draw, (90, 90, 470, 300), hex_colour("#3C096C"), tail="left", radius=50)
    zig = [(140, 195), (190, 150), (240, 240), (290, 150), (340, 240), (390, 150), (420, 195)]
    draw.line(zig, fill=hex_colour("#C77DFF"), width=18, joint="curve")
    # The friend's answer, big and white, in front.
    speech_bubble(draw, (380, 240, 990, 560), (255, 255, 255), tail="right", radius=70)
    heart(draw, 560, 400, 170, pink)
    for i, width in enumerate((260, 200)):
        y = 350 + i * 70
        draw.rounded_rectangle((690, y, 690 + width, y + 32), radius=16, fill=hex_colour("#5A189A"))
    heart(draw, 160, 470, 70, pink)
    heart(draw, 260, 560, 45, hex_colour("#FFD6E8"))


def art_person(draw: ScaledDraw, meme: Meme) -> None:
    light = hex_colour("#F1FAEE")
    dark = hex_colour("#2B0A12")
    # Laptop.
    draw.rounded_rectangle((230, 90, 850, 490), radius=30, fill=dark)
    draw.rectangle((260, 120, 820, 460), fill=light)
    draw.polygon([(170, 510), (910, 510), (960, 570), (120, 570)], fill=dark)
    draw.rounded_rectangle((470, 520, 610, 540), radius=10, fill=hex_colour("#5C1A28"))
    # Person on the screen, with a heart.
    person(draw, 500, 300, 300, hex_colour("#A4243B"))
    heart(draw, 705, 230, 120, hex_colour("#E63946"))
    # Chat bubble on screen.
    speech_bubble(draw, (620, 300, 790, 385), hex_colour("#FFD166"), tail="left", radius=30)
    dots(draw, 705, 342, 11, 38, dark)


def art_data(draw: ScaledDraw, meme: Meme) -> None:
    light = hex_colour("#95D5B2")
    dark = hex_colour("#081C15")
    draw.polygon(shield_points(540, 80, 380, 480), fill=light)
    draw.polygon(shield_points(540, 115, 310, 405), fill=hex_colour("#D8F3DC"))
    padlock(draw, 540, 300, 170, dark, hex_colour("#D8F3DC"))
    # Privacy switches on both sides.
    track_on = hex_colour("#FFD166")
    track_off = hex_colour("#52796F")
    for i, on in enumerate((True, False, True)):
        y = 150 + i * 130
        toggle(draw, 110, y, 170, on, track_on if on else track_off, (255, 255, 255))
        toggle(draw, 800, y, 170, not on, track_on if not on else track_off, (255, 255, 255))


MEMES: tuple[Meme, ...] = (
    Meme(
        "pause-before-you-post",
        hex_colour("#1D3557"),
        (255, 255, 255),
        art_pause,
    ),
    Meme(
        "dont-feed-the-hate",
        hex_colour("#FFD166"),
        hex_colour("#1B1B1B"),
        art_dont_feed,
    ),
    Meme(
        "screenshot-block-report",
        hex_colour("#0B5563"),
        (255, 255, 255),
        art_screenshot_block_report,
    ),
    Meme(
        "check-before-you-share",
        hex_colour("#F4A261"),
        hex_colour("#1B1B1B"),
        art_check,
    ),
    Meme(
        "be-the-friend-who-speaks-up",
        hex_colour("#5A189A"),
        (255, 255, 255),
        art_friend,
    ),
    Meme(
        "behind-every-screen",
        hex_colour("#A4243B"),
        (255, 255, 255),
        art_person,
    ),
    Meme(
        "your-data-your-choice",
        hex_colour("#1B4332"),
        (255, 255, 255),
        art_data,
    ),
)


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def render(meme: Meme) -> Image.Image:
    ratio = contrast_ratio(meme.background, meme.ink)
    if ratio < MIN_CONTRAST:
        raise ValueError(f"{meme.slug}: contrast {ratio:.2f}:1 is below {MIN_CONTRAST}:1")
    big = Image.new("RGB", (SIZE * SUPERSAMPLE, SIZE * SUPERSAMPLE), meme.background)
    meme.art(ScaledDraw(ImageDraw.Draw(big), SUPERSAMPLE), meme)
    img = big.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    # A limited palette keeps the files small; median cut is deterministic.
    small = img.quantize(
        colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    # The band left for the words must still be the background after quantizing, so that
    # the contrast checked above is the one the words get.
    rgb = small.convert("RGB")
    for y in range(TEXT_BOX[1], SIZE, 37):
        for x in range(0, SIZE, 53):
            pixel = rgb.getpixel((x, y))
            assert isinstance(pixel, tuple)  # an RGB picture's pixel
            background = (int(pixel[0]), int(pixel[1]), int(pixel[2]))
            final = contrast_ratio(background, meme.ink)
            if final < MIN_CONTRAST:
                raise ValueError(f"{meme.slug}: contrast at ({x}, {y}) is {final:.2f}:1")
    return small


def save(img: Image.Image, path: Path) -> int:
    # No pnginfo, no dpi, no timestamps: the file holds only the picture.
    img.info.clear()
    img.save(path, format="PNG", optimize=True)
    size = path.stat().st_size
    if size >= MAX_BYTES:
        raise ValueError(f"{path.name} is {size} bytes, over {MAX_BYTES}")
    return size


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        out_dir = Path(args[0])
    else:
        out_dir = Path(__file__).resolve().parent.parent / "content" / "memes"
    out_dir.mkdir(parents=True, exist_ok=True)
    for meme in MEMES:
        path = out_dir / f"{meme.slug}.art.png"
        size = save(render(meme), path)
        ratio = contrast_ratio(meme.background, meme.ink)
        print(f"{path}: {size} bytes, contrast {ratio:.2f}:1")
        print(f"  Layout: {meme.layout}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
