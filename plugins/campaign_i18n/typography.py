"""French typography: the no-break spaces that French requires, without editors typing them.

French puts a space before ``: ; ? !`` and inside ``« »``; an ordinary space there lets a line
break strand the sign (``«`` alone at the end of a line, ``?`` alone at the start of the next).
This module turns those spaces into no-break ones: a regular no-break space (U+00A0) before
``:``, a narrow one (U+202F) before ``; ? !`` and inside guillemets, as the Imprimerie
nationale's rules have it. It also adds the space inside ``«»`` when it was left out.

It touches text only: never a tag, an attribute, an address or code (``<code>``, ``<pre>``,
``<kbd>``, ``<samp>``, ``<script>``, ``<style>``), and a colon without a space before it
(``10:30``, ``https://``) stays as it is. Applied once per French file and per catalog
string, so that it costs nothing per page.
"""

from __future__ import annotations

import re

NBSP, NNBSP = "\u00a0", "\u202f"
SPACES = " \t\u00a0\u202f\u2009"
BEFORE_COLON = re.compile(f"[{SPACES}]+:")
BEFORE_HIGH = re.compile(f"[{SPACES}]+([;?!])")
AFTER_OPEN = re.compile(f"«[{SPACES}]*")
BEFORE_CLOSE = re.compile(f"[{SPACES}]*»")
TOKEN_RE = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.DOTALL)
RAW = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")


def french_text(text: str) -> str:
    """Plain text (a title, a summary, a UI string) with French spacing."""
    if not any(sign in text for sign in ":;?!«»"):
        return text
    text = BEFORE_COLON.sub(NBSP + ":", text)
    text = BEFORE_HIGH.sub(NNBSP + r"\1", text)
    text = AFTER_OPEN.sub("«" + NNBSP, text)
    return BEFORE_CLOSE.sub(NNBSP + "»", text)


def french_html(html: str) -> str:
    """An HTML fragment with French spacing in its text (code, tags and attributes kept)."""
    if not any(sign in html for sign in ":;?!«»"):
        return html
    out: list[str] = []
    raw_depth = 0
    for match in TOKEN_RE.finditer(html):
        token = match.group(0)
        if token.startswith("<"):
            name = TAG_NAME.match(token)
            if name and name.group(1).lower() in RAW and not token.endswith("/>"):
                raw_depth += -1 if token.startswith("</") else 1
                raw_depth = max(raw_depth, 0)
            out.append(token)
        elif raw_depth:
            out.append(token)
        else:
            out.append(french_text(token))
    return "".join(out)


def uses_french_spacing(locale: str) -> bool:
    """French of France, Belgium, Switzerland... (Canadian French spaces only before ':',
    but the narrow space elsewhere is accepted there too)."""
    return locale.replace("-", "_").split("_", 1)[0] == "fr"
