"""Draw the pictures of the "No Hate Chain" album as colourful illustrations.

The album shows what supporters sent in on Action Day: hands holding "No hate" signs, chains
of paper hearts, a human chain, a wall of kind words... Here they are drawn with simple
shapes (no photos of real people). The drawing is deterministic: fixed shapes, a seeded
random generator for scattered details and no timestamps, so running the script twice gives
byte-identical files.

Two pictures exercise the site's image pipeline on purpose:

- ``kind-message.jpg`` is stored sideways (1600x1067) with EXIF ``Orientation: 6`` and
  made-up camera and GPS tags, like a phone photo; the site must show it upright
  (1067x1600) and publish none of that metadata;
- ``chain-sticker.png`` is a sticker with a transparent background (the site keeps the
  transparency: PNG fallback, alpha in WebP/AVIF).

Run it with the project's virtualenv (Pillow 13, DejaVu fonts from fonts-dejavu-core):

    .venv/bin/python tools/draw_gallery.py            # writes content/gallery/no-hate-chain/
    .venv/bin/python tools/draw_gallery.py /tmp/out   # or into another folder

It stops with an error if a file is over 250 KB or a picture has the wrong size.
"""

from __future__ import annotations

import io
import itertools
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps, features

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "gallery" / "no-hate-chain"
W, H = 1600, 1067
S = 2  # supersampling: drawn at twice the size, then reduced (smooth edges)
MAX_BYTES = 250 * 1000  # every picture stays under 250 KB
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR = FONT_DIR / "DejaVuSans.ttf"

Colour = tuple[int, int, int] | tuple[int, int, int, int]
RAINBOW = [
    (230, 57, 70),
    (244, 162, 97),
    (233, 196, 106),
    (42, 157, 143),
    (69, 123, 157),
    (123, 44, 191),
    (239, 71, 111),
]
SKINS = [(141, 85, 36), (198, 134, 66), (224, 172, 105), (241, 194, 125), (255, 219, 172)]


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size * S, layout_engine=layout)


class Canvas:
    """Drawing in picture coordinates on a canvas ``S`` times larger."""

    def __init__(self, size: tuple[int, int], background: Colour, mode: str = "RGB"):
        self.size = size
        self.image = Image.new(mode, (size[0] * S, size[1] * S), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _xy(xy):
        if xy and isinstance(xy[0], (tuple, list)):
            return [(x * S, y * S) for x, y in xy]
        return [v * S for v in xy]

    def rect(self, box, fill, radius=0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self._xy(box), radius=radius * S, fill=fill, outline=outline, width=width * S
        )

    def ellipse(self, box, fill=None, outline=None, width=0):
        self.draw.ellipse(self._xy(box), fill=fill, outline=outline, width=width * S)

    def polygon(self, points, fill):
        self.draw.polygon(self._xy(points), fill=fill)

    def line(self, points, fill, width):
        self.draw.line(self._xy(points), fill=fill, width=width * S, joint="curve")

    def arc(self, box, start, end, fill, width):
        self.draw.arc(self._xy(box), start, end, fill=fill, width=width * S)

    def text(self, centre, text, size, fill, bold=True, angle=0.0):
        """``text`` centred on ``centre``, optionally rotated by ``angle`` degrees."""
        face = font(size, bold)
        left, top, right, bottom = self.draw.textbbox((0, 0), text, font=face)
        size = (int(right - left + 8 * S), int(bottom - top + 8 * S))
        layer = Image.new("RGBA", size, (0, 0, 0, 0))
        ImageDraw.Draw(layer).text((4 * S - left, 4 * S - top), text, font=face, fill=fill)
        if angle:
            layer = layer.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        x = round(centre[0] * S - layer.width / 2)
        y = round(centre[1] * S - layer.height / 2)
        self.image.paste(layer, (x, y), layer)

    def result(self) -> Image.Image:
        return self.image.resize(self.size, Image.Resampling.LANCZOS)


# -- shapes --------------------------------------------------------------------------------


def heart_points(cx: float, cy: float, size: float, angle: float = 0.0) -> list:
    scale = size / 34
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    points = []
    for i in range(90):
        t = 2 * math.pi * i / 90
        x = 16 * math.sin(t) ** 3 * scale
        y = -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t))
        y = y * scale - 2 * scale
        points.append((cx + x * cos - y * sin, cy + x * sin + y * cos))
    return points


def heart(c: Canvas, cx, cy, size, fill, angle=0.0, shadow=True):
    if shadow:
        c.polygon(heart_points(cx + size * 0.05, cy + size * 0.07, size, angle), (0, 0, 0, 60))
    c.polygon(heart_points(cx, cy, size, angle), fill)


def sky(c: Canvas, top: Colour, bottom: Colour, height: int):
    for y in range(0, height, 4):
        t = y / max(1, height)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        c.rect((0, y, c.size[0], y + 4), colour)


def person(c: Canvas, x, ground, height, skin, shirt, hair, arms_up=False):
    """A friendly round figure, feet on ``ground``, centred on ``x``."""
    head = height * 0.2
    body_top = ground - height * 0.72
    c.rect((x - height * 0.17, body_top, x + height * 0.17, ground - height * 0.25), shirt, 30)
    c.rect((x - height * 0.14, ground - height * 0.3, x - 0.02 * height, ground), (52, 58, 64), 12)
    c.rect((x + 0.02 * height, ground - height * 0.3, x + height * 0.14, ground), (52, 58, 64), 12)
    hy = body_top - head * 0.95
    c.ellipse((x - head * 0.62, hy - head * 0.62, x + head * 0.62, hy + head * 0.5), hair)
    c.ellipse((x - head / 2, hy - head / 2, x + head / 2, hy + head / 2), skin)
    c.arc(
        (x - head * 0.25, hy - head * 0.05, x + head * 0.25, hy + head * 0.3),
        20,
        160,
        (60, 30, 30),
        4,
    )
    c.ellipse((x - head * 0.22, hy - head * 0.12, x - head * 0.1, hy), (40, 30, 30))
    c.ellipse((x + head * 0.1, hy - head * 0.12, x + head * 0.22, hy), (40, 30, 30))
    if arms_up:
        c.line(
            [(x - height * 0.15, body_top + 20), (x - height * 0.3, body_top - height * 0.2)],
            shirt,
            int(height * 0.07),
        )
        c.line(
            [(x + height * 0.15, body_top + 20), (x + height * 0.3, body_top - height * 0.2)],
            shirt,
            int(height * 0.07),
        )
    return (x, body_top + height * 0.12)  # where hands meet a neighbour's


def ring(c: Canvas, cx, cy, a, b, angle, colour, width):
    """An elliptic ring (semi-axes ``a``, ``b``) turned by ``angle`` degrees."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    points = []
    for i in range(73):
        t = 2 * math.pi * i / 72
        x, y = a * math.cos(t), b * math.sin(t)
        points.append((cx + x * cos - y * sin, cy + x * sin + y * cos))
    c.line(points, colour, width)


def sign_board(c: Canvas, box, colour, text, text_size, text_colour, angle=0.0, lines=None):
    x0, y0, x1, y1 = box
    c.rect((x0 + 10, y0 + 12, x1 + 10, y1 + 12), (0, 0, 0, 70), 24)
    c.rect(box, colour, 24)
    c.rect((x0 + 14, y0 + 14, x1 - 14, y1 - 14), None, 18, outline=text_colour, width=4)
    if lines:
        step = (y1 - y0) / (len(lines) + 1)
        for index, line in enumerate(lines, start=1):
            c.text(((x0 + x1) / 2, y0 + step * index), line, text_size, text_colour, angle=angle)
    else:
        c.text(((x0 + x1) / 2, (y0 + y1) / 2), text, text_size, text_colour, angle=angle)


def hands_holding(c: Canvas, box, skin, sleeve):
    """Two hands gripping the lower corners of a board ``box``."""
    x0, _y0, x1, y1 = box
    for hx in (x0 + 40, x1 - 40):
        c.rect((hx - 60, y1 + 30, hx + 60, c.size[1] + 40), sleeve, 40)
        c.rect((hx - 52, y1 - 50, hx + 52, y1 + 70), skin, 40)
        for finger in range(4):
            fy = y1 - 40 + finger * 24
            c.rect(
                (
                    hx - 70 if hx < c.size[0] / 2 else hx + 10,
                    fy,
                    hx - 10 if hx < c.size[0] / 2 else hx + 70,
                    fy + 22,
                ),
                skin,
                11,
            )


# -- the pictures ----------------------------------------------------------------------


def no_hate_sign() -> Image.Image:
    c = Canvas((W, H), (0, 0, 0))
    sky(c, (144, 202, 249), (225, 245, 254), H)
    c.ellipse((1260, 70, 1460, 270), (255, 214, 10))
    for i in range(12):
        a = math.radians(i * 30)
        c.line(
            [
                (1360 + math.cos(a) * 130, 170 + math.sin(a) * 130),
                (1360 + math.cos(a) * 175, 170 + math.sin(a) * 175),
            ],
            (255, 214, 10),
            10,
        )
    c.rect((0, 850, W, H), (129, 199, 132))
    for x, colour in ((160, RAINBOW[3]), (1450, RAINBOW[5])):
        person(c, x, 990, 420, SKINS[(x // 160) % 5], colour, (60, 40, 30))
    board = (330, 190, 1270, 700)
    sign_board(c, board, (255, 255, 255), "NO HATE", 170, (200, 30, 60), angle=2)
    heart(c, 800, 600, 80, (230, 57, 70), shadow=False)
    hands_holding(c, board, SKINS[1], (69, 123, 157))
    return c.result()


def heart_chain_window() -> Image.Image:
    c = Canvas((W, H), (250, 243, 224))
    c.rect((180, 90, 1420, 860), (120, 85, 60), 20)
    c.rect((215, 125, 1385, 825), (178, 223, 252), 8)
    for y in range(125, 825, 8):
        t = (y - 125) / 700
        c.rect((215, y, 1385, y + 8), (round(178 + 60 * t), round(223 + 20 * t), 252))
    c.ellipse((300, 560, 700, 900), (165, 214, 167))
    c.ellipse((900, 600, 1400, 950), (129, 199, 132))
    c.rect((785, 125, 815, 825), (120, 85, 60))
    c.rect((215, 460, 1385, 490), (120, 85, 60))
    c.rect((120, 860, 1480, 930), (150, 105, 75), 10)
    for row, (base, amp) in enumerate(((250, 90), (620, 60))):
        for i in range(15):
            x = 250 + i * 78
            wave = base + amp * math.sin(math.pi * (x - 215) / 1170)
            if i:
                px = 250 + (i - 1) * 78
                py = base + amp * math.sin(math.pi * (px - 215) / 1170)
                c.line([(px, py - 20), (x, wave - 20)], (90, 90, 90), 3)
            heart(c, x, wave, 70, RAINBOW[(i + row * 3) % 7], angle=(i % 3 - 1) * 10)
    c.rect((260, 890, 420, 960), (244, 162, 97), 10)
    c.rect((1200, 880, 1300, 960), (42, 157, 143), 10)
    c.text((800, 1010), "Room 12 · Action Day", 44, (90, 60, 40))
    return c.result()


def human_chain() -> Image.Image:
    c = Canvas((W, H), (0, 0, 0))
    sky(c, (255, 224, 178), (255, 243, 224), 760)
    c.rect((0, 760, W, H), (174, 213, 129))
    c.rect((0, 740, W, 780), (139, 195, 74))
    rng = random.Random(7)
    for _ in range(40):
        x, y = rng.randrange(0, W), rng.randrange(800, H)
        c.ellipse((x, y, x + 14, y + 14), (255, 255, 255))
    xs = [130 + i * 190 for i in range(8)]
    hands = []
    for index, x in enumerate(xs):
        size = 430 + (index % 3) * 30
        hands.append(
            person(
                c,
                x,
                960,
                size,
                SKINS[index % 5],
                RAINBOW[index % 7],
                [(40, 30, 20), (90, 50, 20), (20, 20, 20), (200, 150, 60)][index % 4],
            )
        )
    for (x0, y0), (x1, y1) in itertools.pairwise(hands):
        c.line([(x0 + 50, y0 + 30), ((x0 + x1) / 2, y0 + 70), (x1 - 50, y1 + 30)], SKINS[2], 24)
    c.rect((380, 90, 1220, 260), (255, 255, 255), 30)
    c.text((800, 175), "#NoHateChain", 110, (123, 44, 191))
    for i in range(9):
        heart(c, 180 + i * 155, 330 + (i % 2) * 30, 50, RAINBOW[i % 7])
    return c.result()


def kind_words_wall() -> Image.Image:
    c = Canvas((W, H), (236, 229, 218))
    for y in range(0, H, 60):
        offset = 0 if (y // 60) % 2 == 0 else 60
        for x in range(-offset, W, 120):
            c.rect((x + 3, y + 3, x + 117, y + 57), (222, 212, 198), 4)
    words = [
        "You belong",
        "Speak up",
        "Be kind",
        "Not alone",
        "Report hate",
        "Think first",
        "Stand by me",
        "Respect",
        "Listen",
        "Block & report",
        "We care",
        "Kind words",
        "Check facts",
        "Be brave",
        "Include all",
    ]
    notes = [(254, 240, 138), (187, 247, 208), (191, 219, 254), (251, 207, 232), (254, 215, 170)]
    rng = random.Random(12)
    for index, word in enumerate(words):
        col, row = index % 5, index // 5
        x = 180 + col * 310 + rng.randrange(-20, 20)
        y = 200 + row * 320 + rng.randrange(-20, 20)
        angle = rng.choice([-6, -3, 0, 3, 6])
        c.rect((x - 125 + 8, y - 125 + 10, x + 125 + 8, y + 125 + 10), (0, 0, 0, 50), 6)
        c.rect((x - 125, y - 125, x + 125, y + 125), notes[index % 5], 6)
        c.rect((x - 40, y - 140, x + 40, y - 110), (255, 255, 255, 180), 4)
        parts = word.split(" ")
        if len(parts) > 1 and len(word) > 8:
            c.text((x, y - 25), parts[0], 40, (40, 40, 60), angle=angle)
            c.text((x, y + 30), " ".join(parts[1:]), 40, (40, 40, 60), angle=angle)
        else:
            c.text((x, y), word, 40, (40, 40, 60), angle=angle)
        heart(c, x + 80, y + 85, 34, RAINBOW[index % 7], shadow=False)
    return c.result()


def kind_message_portrait() -> Image.Image:
    """A portrait scene (1067x1600): a hand holding a phone with a kind reply."""
    c = Canvas((H, W), (0, 0, 0))
    sky(c, (206, 147, 216), (255, 205, 210), W)
    rng = random.Random(3)
    for _ in range(18):
        heart(
            c,
            rng.randrange(60, H - 60),
            rng.randrange(60, W - 60),
            rng.randrange(40, 90),
            (255, 255, 255, 120),
            angle=rng.randrange(-20, 20),
            shadow=False,
        )
    c.rect((250, 1180, 820, W + 50), SKINS[3], 120)
    c.rect((230, 250, 840, 1330), (33, 33, 33), 70)
    c.rect((260, 300, 810, 1280), (250, 250, 250), 40)
    c.rect((260, 300, 810, 400), (123, 44, 191), 40)
    c.rect((260, 360, 810, 400), (123, 44, 191))
    c.text((535, 350), "Group chat", 38, (255, 255, 255))
    bubbles = [
        ((290, 450, 640, 560), (235, 235, 235), "That post was mean", (60, 60, 60)),
        ((430, 600, 780, 760), (186, 104, 200), "You're not alone.", (255, 255, 255)),
        ((290, 800, 680, 910), (235, 235, 235), "Thank you", (60, 60, 60)),
        ((430, 950, 780, 1100), (186, 104, 200), "Let's report it", (255, 255, 255)),
    ]
    for box, fill, text, ink in bubbles:
        c.rect(box, fill, 30)
        c.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), text, 30, ink)
    heart(c, 720, 1180, 80, (230, 57, 70))
    for finger in range(4):
        y = 700 + finger * 110
        c.rect((790, y, 900, y + 90), SKINS[3], 45)
    c.rect((170, 900, 290, 1250), SKINS[3], 60)
    return c.result()


def chain_sticker() -> Image.Image:
    """A round sticker of paper-chain links on a transparent background."""
    size = 1200
    c = Canvas((size, size), (0, 0, 0, 0), mode="RGBA")
    centre = size / 2
    c.ellipse((40, 40, size - 40, size - 40), (255, 255, 255, 255))
    c.ellipse((70, 70, size - 70, size - 70), None, outline=(123, 44, 191, 255), width=14)
    count = 16
    for i in range(count):  # paper-chain links: one seen flat, the next edge-on
        a = 2 * math.pi * i / count
        x = centre + math.cos(a) * 420
        y = centre + math.sin(a) * 420
        colour = (*RAINBOW[i % 7], 255)
        tangent = math.degrees(a) + 90
        if i % 2 == 0:
            ring(c, x, y, 95, 48, tangent, colour, 20)
        else:
            ring(c, x, y, 78, 12, tangent, colour, 18)
    heart(c, centre, centre - 110, 260, (230, 57, 70, 255))
    c.text((centre, centre + 120), "NO HATE", 104, (123, 44, 191, 255))
    c.text((centre, centre + 230), "CHAIN", 104, (123, 44, 191, 255))
    return c.result()


def chalk_playground() -> Image.Image:
    c = Canvas((W, H), (96, 99, 105))
    rng = random.Random(21)
    for _ in range(900):
        x, y = rng.randrange(0, W), rng.randrange(0, H)
        shade = rng.randrange(86, 112)
        c.ellipse((x, y, x + 6, y + 6), (shade, shade + 2, shade + 6))
    chalk = [(255, 255, 255), (255, 214, 102), (140, 220, 255), (255, 160, 200), (170, 240, 160)]
    c.text((800, 230), "KINDNESS", 150, chalk[0], angle=-2)
    c.text((800, 420), "IS LOUDER", 150, chalk[1], angle=1)
    for i in range(6):
        x = 250 + i * 220
        c.polygon(heart_points(x, 700, 150, (i % 2) * 12 - 6), chalk[(i + 2) % 5])
        c.polygon(heart_points(x, 700, 110, (i % 2) * 12 - 6), (96, 99, 105))
        if i:
            c.line([(x - 150, 700), (x - 70, 700)], chalk[0], 8)
    for i in range(5):
        x = 240 + i * 280
        c.rect((x, 880, x + 180, 1000), None, 6, outline=chalk[i % 5], width=8)
        c.text((x + 90, 940), str(i + 1), 60, chalk[i % 5])
    c.rect((1380, 960, 1520, 990), (255, 214, 102), 12)
    c.rect((1300, 985, 1410, 1012), (140, 220, 255), 12)
    return c.result()


def signs_in_three_languages() -> Image.Image:
    c = Canvas((W, H), (0, 0, 0))
    sky(c, (178, 235, 242), (224, 247, 250), H)
    c.rect((0, 900, W, H), (120, 144, 156))
    signs = [
        ((90, 200, 560, 520), (255, 235, 238), ["No hate"], (183, 28, 28), -4),
        ((600, 120, 1010, 470), (232, 245, 233), ["Non à", "la haine"], (27, 94, 32), 3),
        ((1050, 200, 1520, 520), (232, 234, 246), ["لا للكراهية"], (26, 35, 126), -2),
    ]
    if not features.check("raqm"):  # Arabic needs shaping; without it, show a heart sign
        signs[2] = ((1050, 200, 1520, 520), (232, 234, 246), ["♥"], (26, 35, 126), -2)
    for index, (box, colour, lines, ink, angle) in enumerate(signs):
        x0, _y0, x1, y1 = box
        mid = (x0 + x1) / 2
        c.rect((mid - 14, y1, mid + 14, 940), (141, 110, 99))
        sign_board(c, box, colour, "", 84, ink, angle=angle, lines=lines)
        person(
            c,
            mid,
            1040,
            380,
            SKINS[(index * 2) % 5],
            RAINBOW[(index * 2 + 1) % 7],
            (50, 35, 25),
            arms_up=False,
        )
        c.rect((mid - 45, 820, mid + 45, 880), SKINS[(index * 2) % 5], 25)
    return c.result()


# -- writing ------------------------------------------------------------------------------


def _phone_exif(orientation: int) -> bytes:
    """EXIF like a phone's: orientation, camera, date and a (made-up) GPS position."""
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "ExamplePhone"  # Make
    exif[0x0110] = "Model 7"  # Model
    exif[0x0132] = "2026:02:07 10:15:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (48.0, 35.0, 0.0)
    gps[3] = "E"
    gps[4] = (7.0, 46.0, 0.0)
    return exif.tobytes()


def _fixed_srgb() -> bytes:
    """An sRGB ICC profile with a fixed creation date and no profile ID (deterministic)."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes([0x07, 0xEA, 0, 2, 0, 7, 0, 9, 0, 0, 0, 0])  # 2026-02-07 09:00:00
    data[84:100] = bytes(16)  # profile ID: "not computed"
    return bytes(data)


def save_jpeg(image: Image.Image, path: Path, **extra) -> None:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86, optimize=True, **extra)
    data = buffer.getvalue()
    _write(path, data)


def _write(path: Path, data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise SystemExit(f"{path.name} is {len(data) // 1000} KB (limit {MAX_BYTES // 1000} KB)")
    path.write_bytes(data)


PICTURES: list[tuple[str, Callable[[], Image.Image]]] = [
    ("no-hate-sign.jpg", no_hate_sign),
    ("heart-chain-window.jpg", heart_chain_window),
    ("human-chain.jpg", human_chain),
    ("kind-words-wall.jpg", kind_words_wall),
    ("kind-message.jpg", kind_message_portrait),
    ("chain-sticker.png", chain_sticker),
    ("chalk-playground.jpg", chalk_playground),
    ("signs-in-three-languages.jpg", signs_in_three_languages),
]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    srgb = _fixed_srgb()
    for name, draw in PICTURES:
        image = draw()
        path = out / name
        if name == "kind-message.jpg":
            # stored sideways like a phone photo; Orientation 6 = rotate 90° clockwise to view
            assert image.size == (H, W), image.size
            stored = image.transpose(Image.Transpose.ROTATE_90)
            save_jpeg(stored, path, exif=_phone_exif(6), comment=b"Shot on ExamplePhone")
            with Image.open(path) as check:
                assert ImageOps.exif_transpose(check).size == (H, W)
        elif name.endswith(".png"):
            buffer = io.BytesIO()
            # 256 colours with an alpha palette: flat art stays crisp, the file stays small
            palette = image.quantize(256, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
            palette.save(buffer, "PNG", optimize=True)
            _write(path, buffer.getvalue())
        else:
            assert image.size == (W, H), (name, image.size)
            save_jpeg(image.convert("RGB"), path, icc_profile=srgb)
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{path.stat().st_size // 1024} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
