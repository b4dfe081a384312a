"""Shared helpers of the meme tests: the shipped fonts, the seven memes' artwork, layouts
and proposed words, and OCR with Debian's tesseract."""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from campaign_memes.layout import Layout, parse_layout
from campaign_memes.text import Fonts, Writing
from tools.draw_memes import MEMES

PROJECT = Path(__file__).resolve().parents[2]
FONTS = Fonts.in_folder(PROJECT / "theme" / "fonts")
MEME_DIR = PROJECT / "content" / "memes"
WRITING = {"en": Writing("en"), "fr": Writing("fr"), "ar": Writing("ar", "rtl")}
FOOTER = "#SaferInternetDay #nohatespeech"
OCR_LANG = {"en": "eng", "fr": "fra", "ar": "ara"}
APT_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-ara"

# The words proposed for each meme's `Text:` line, per language.
SLOGANS = {
    "pause-before-you-post": {
        "en": "Pause before you post.",
        "fr": "Fais une pause avant de publier.",
        "ar": "توقّف قبل أن تنشر.",
    },
    "dont-feed-the-hate": {
        "en": "Don't feed the hate: report it.",
        "fr": "Ne nourris pas la haine\u202f: signale-la.",
        "ar": "لا تُغذِّ الكراهية: أبلِغ عنها.",
    },
    "screenshot-block-report": {
        "en": "Screenshot. Block. Report.",
        "fr": "Capture. Bloque. Signale.",
        "ar": "صوّر الشاشة. احظر. أبلِغ.",
    },
    "check-before-you-share": {
        "en": "Check before you share.",
        "fr": "Vérifie avant de partager.",
        "ar": "تحقّق قبل أن تشارك.",
    },
    "be-the-friend-who-speaks-up": {
        "en": "Be the friend who speaks up.",
        "fr": "Sois l’ami qui ose réagir.",
        "ar": "كن الصديق الذي يرفع صوته.",
    },
    "behind-every-screen": {
        "en": "Behind every screen is a person.",
        "fr": "Derrière chaque écran, il y a une personne.",
        "ar": "خلف كل شاشة إنسان.",
    },
    "your-data-your-choice": {
        "en": "Your data, your choice.",
        "fr": "Tes données, ton choix.",
        "ar": "بياناتك، قرارك.",
    },
}


def layout(slug: str) -> Layout:
    """The layout tools/draw_memes.py proposes for a meme."""
    return parse_layout(next(m for m in MEMES if m.slug == slug).layout)


def artwork(slug: str) -> bytes:
    return (MEME_DIR / f"{slug}.art.png").read_bytes()


def normalised(text: str) -> str:
    """Text as OCR can be expected to read it: no Arabic vowel marks (tesseract drops
    them), one kind of apostrophe and space, lower case."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not (unicodedata.category(ch) == "Mn" and ord(ch) >= 0x600))
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def similarity(read: str, expected: str) -> float:
    return difflib.SequenceMatcher(None, normalised(read), normalised(expected)).ratio()


def best_similarity(read: str, expected: str) -> float:
    """Similarity of ``expected`` with the closest run of consecutive lines of ``read``
    (a card also shows the site's name and the section)."""
    lines = [line for line in read.splitlines() if line.strip()]
    runs = (" ".join(lines[i:j]) for i in range(len(lines)) for j in range(i + 1, len(lines) + 1))
    return max((similarity(run, expected) for run in runs), default=0.0)


def require_tesseract(lang: str) -> str:
    """The tesseract binary, with ``lang``'s data; fail (skip only with SKIP_OCR=1)."""
    if os.environ.get("SKIP_OCR", "") not in ("", "0"):
        if os.environ.get("CI", "") not in ("", "0", "false"):
            pytest.fail("SKIP_OCR is set but CI is too: CI must read the memes back", False)
        pytest.skip("SKIP_OCR=1: OCR checks skipped on request")
    binary = shutil.which("tesseract")
    if binary is None:
        pytest.fail(f"tesseract not found: the OCR checks need it; {APT_HINT}", False)
    langs = subprocess.run(
        [binary, "--list-langs"], capture_output=True, text=True, check=False
    ).stdout.split()
    if lang not in langs:
        pytest.fail(f"tesseract has no '{lang}' data; {APT_HINT}", False)
    return binary


def ocr(img: Image.Image, lang: str, psm: int = 6) -> str:
    """The text tesseract reads in a picture (one thread: the machine is shared)."""
    binary = require_tesseract(lang)
    buffer = io.BytesIO()
    img.convert("L").save(buffer, format="PNG")
    result = subprocess.run(
        [binary, "stdin", "stdout", "-l", lang, "--psm", str(psm)],
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
        timeout=120,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return result.stdout.decode("utf-8")
