"""`make screenshots`: full-page screenshots of every page type in every language, on a
desktop (1280x800), a phone (375x812) and a phone in dark mode, plus one contact sheet.

    python tools/screenshots.py [--site DIR] [--out test-artifacts/screenshots]

Without ``--site`` it builds the site into a temporary folder first. The pictures are
``<type>--<lang>--<device>.png``; ``contact-sheet.png`` shows the top of each, a row per page
type, to review the whole theme at a glance (docs/design.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw
from playwright.sync_api import ViewportSize

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))
from quality.quality_checks import (  # type: ignore[import-not-found]  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    GALLERY_TYPES,
    LANGUAGES,
    PAGE_TYPES,
    page_url,
)

Scheme = Literal["light", "dark"]
DEVICES: dict[str, tuple[ViewportSize, Scheme]] = {
    "desktop": ({"width": 1280, "height": 800}, "light"),
    "mobile": ({"width": 375, "height": 812}, "light"),
    "dark": ({"width": 375, "height": 812}, "dark"),
}
THUMB = (200, 300)  # each picture's top, scaled to this size on the contact sheet
LABEL = 18


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def build(target: Path) -> None:
    subprocess.run(
        [
            str(PROJECT / ".venv/bin/pelican"),
            "content",
            "-s",
            "pelicanconf.py",
            "-o",
            str(target),
            "-q",
        ],
        cwd=PROJECT,
        check=True,
    )


def shoot(site: Path, out: Path) -> list[tuple[str, str, str, Path]]:
    """Every screenshot: (page type, language, device, file)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    out.mkdir(parents=True, exist_ok=True)
    taken = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for device, (viewport, scheme) in DEVICES.items():
                context = browser.new_context(
                    viewport=viewport, color_scheme=scheme, java_script_enabled=False
                )
                page = context.new_page()
                for kind in [*PAGE_TYPES, *GALLERY_TYPES, "styleguide"]:
                    for lang in LANGUAGES:
                        url = page_url(site, lang, kind)
                        if url is None:
                            continue
                        page.goto(origin + url, wait_until="load")
                        path = out / f"{kind}--{lang}--{device}.png"
                        page.screenshot(path=str(path), full_page=True)
                        taken.append((kind, lang, device, path))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return taken


def contact_sheet(taken: list[tuple[str, str, str, Path]], target: Path) -> None:
    """One PNG: a row per page type, a column per language and device."""
    kinds = list(dict.fromkeys(kind for kind, *_ in taken))
    columns = [(lang, device) for lang in LANGUAGES for device in DEVICES]
    width, height = THUMB
    sheet = Image.new(
        "RGB",
        (len(columns) * (width + 8) + 8, len(kinds) * (height + LABEL + 8) + LABEL + 8),
        "white",
    )
    draw = ImageDraw.Draw(sheet)
    for col, (lang, device) in enumerate(columns):
        draw.text((8 + col * (width + 8), 4), f"{lang} {device}", fill="black")
    for kind, lang, device, path in taken:
        row, col = kinds.index(kind), columns.index((lang, device))
        x, y = 8 + col * (width + 8), LABEL + 8 + row * (height + LABEL + 8)
        with Image.open(path) as shot:
            scale = width / shot.width
            top = shot.crop((0, 0, shot.width, min(shot.height, round(height / scale))))
            top = top.convert("RGB").resize((width, round(top.height * scale)))
        sheet.paste(top, (x, y + LABEL))
        draw.text((x, y + 2), kind, fill="black")
    sheet.save(target, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--out", type=Path, default=PROJECT / "test-artifacts" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            build(site)
        taken = shoot(site, args.out)
    contact_sheet(taken, args.out / "contact-sheet.png")
    print(f"{len(taken)} screenshots and contact-sheet.png in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
