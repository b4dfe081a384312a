"""Which file of a page is its original, whatever its language.

A story (hint, meme, page, album) may exist in any subset of the site's languages. Its
original is, in this order: the file that says ``Original: yes``; else the default
language's file; else its only file. When it has several files, none in the default
language and none marked, the first in the settings' order is taken and the editor is told
(``obvious`` is False). Two files marked ``Original: yes`` are an editor error: the first in
the settings' order is taken.

Pure: works on language codes only; the callers turn the choice into messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

YES = {"yes", "true", "1", "on"}
NO = {"no", "false", "0", "off", ""}


def marked_original(value: str | None) -> bool | None:
    """True/False for an ``Original:`` value, None when it is neither yes nor no."""
    text = (value or "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


@dataclass(frozen=True)
class OriginalChoice:
    lang: str  # the original's language code
    marked: tuple[str, ...]  # languages whose file says Original: yes, in the settings' order
    obvious: bool  # False: several files, none default or marked; the first was taken

    @property
    def disputed(self) -> tuple[str, ...]:
        """Languages whose file claims to be the original but is not taken as it."""
        return self.marked[1:]


def choose_original(
    present: Iterable[str], marked: Iterable[str], languages: Sequence[str]
) -> OriginalChoice:
    """The original among the languages ``present`` (those ``marked`` say Original: yes)."""
    have, marks = set(present), set(marked)
    ordered = [code for code in languages if code in have]
    claims = tuple(code for code in ordered if code in marks)
    if claims:
        return OriginalChoice(claims[0], claims, True)
    if languages[0] in have:
        return OriginalChoice(languages[0], (), True)
    return OriginalChoice(ordered[0], (), len(ordered) == 1)
