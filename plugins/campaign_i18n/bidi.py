"""Right-to-left text: Latin runs (hashtags, handles, names of apps) isolated left-to-right.

In an Arabic paragraph, ``#SaferInternetDay`` is a left-to-right run preceded by a neutral
``#``: the Unicode bidi algorithm gives that ``#`` the paragraph's direction, so it is drawn
on the wrong side (``SaferInternetDay#``). Wrapping each Latin run, with the ``#``/``@`` that
starts it, in ``<bdi dir="ltr">`` keeps it whole. Like ``typography``, it touches text only
(never a tag, an attribute or code) and runs once per file, when the file is prepared.
"""

from __future__ import annotations

import re

from .typography import RAW, TAG_NAME, TOKEN_RE

# a run that starts with # or @ (a hashtag, a handle) and goes on with Latin letters, digits
# and the signs that stay inside such a run; a plain Latin word without # or @ is left to the
# bidi algorithm, which already lays it out right
LATIN_RUN = re.compile(
    r"[#@][A-Za-z0-9_][A-Za-z0-9_.\-]*(?:[ \u00a0]+[#@]?[A-Za-z0-9_][A-Za-z0-9_.\-]*)*"
)


def isolate_text(text: str) -> str:
    """Escaped HTML text with its hashtag runs in ``<bdi dir="ltr">``."""
    if "#" not in text and "@" not in text:
        return text
    return LATIN_RUN.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', text)


def isolate_html(html: str) -> str:
    """An HTML fragment with its hashtag runs isolated (code, links' addresses, tags kept)."""
    if "#" not in html and "@" not in html:
        return html
    out: list[str] = []
    depth = 0  # inside code or an existing <bdi>: leave as it is
    for match in TOKEN_RE.finditer(html):
        token = match.group(0)
        if token.startswith("<"):
            name = TAG_NAME.match(token)
            tag = name.group(1).lower() if name else ""
            if (tag in RAW or tag == "bdi") and not token.endswith("/>"):
                depth = max(depth + (-1 if token.startswith("</") else 1), 0)
            out.append(token)
        elif depth or token.startswith("<!--"):
            out.append(token)
        else:
            out.append(isolate_text(token))
    return "".join(out)
