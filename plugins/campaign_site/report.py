"""What a build tells the editor: one line per problem, what waits, and a closing summary.

Pure: turns ``Problem``s and ``Withheld`` files into lines of text. Every problem line is
``path:line: message; fix`` (warnings say ``warning:`` after the location), never wrapped,
so that terminals and editors make it clickable.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Withheld
from .problems import Problem
from .source import split_name


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    """Every problem once, errors first, each as one line."""
    unique = sorted(set(problems), key=lambda p: (p.severity != "error", p.path, p.line, p.message))
    return [str(problem) for problem in unique]


def _langs(paths: Iterable[str], order: tuple[str, ...] = ()) -> str:
    codes = [split_name(path)[2] or path for path in paths]
    codes.sort(key=lambda code: (order.index(code) if code in order else len(order), code))
    return " and ".join([", ".join(codes[:-1]), codes[-1]] if len(codes) > 1 else codes)


def withheld_lines(
    withheld: Iterable[Withheld], preview: bool = False, order: tuple[str, ...] = ()
) -> list[str]:
    """What is not published now, one line per story (an original speaks for the
    translations it holds back)."""
    lines = []
    shown = " (shown in the preview with a banner)" if preview else ""
    for held in sorted(withheld, key=lambda h: (h.state, h.path)):
        where = f"{held.path}:{held.line or 1}"
        lang = split_name(held.path)[2]
        if held.state == "blocked":
            lines.append(
                f"{where}: not published because its original {held.original} has errors "
                "(listed above); fix them and this translation is published too"
            )
            continue
        if held.original:  # said on the original's line
            continue
        if held.state == "draft":
            text = f"withdrawn (Status: draft) in {lang}"
            if held.followers:
                verb = "is" if len(held.followers) == 1 else "are"
                text += f", so {_langs(held.followers, order)} {verb} not published either"
            else:
                text += ", not published"
        else:
            when = held.date.strftime("%Y-%m-%d %H:%M") if held.date else "?"
            text = f"scheduled for {when}"
            if held.followers:
                text += f", with its {_langs(held.followers, order)} version"
                text += "s" if len(held.followers) > 1 else ""
        lines.append(f"{where}: {text}{shown}")
    return lines


def summary(problems: Iterable[Problem], strict: bool) -> str:
    """The build's last line: how many errors and warnings, in how many files, and what
    that means for the output."""
    unique = set(problems)
    errors = sum(1 for p in unique if p.severity == "error")
    warnings = len(unique) - errors
    if not unique:
        return "No content problems: the whole site was built."
    counts = []
    if errors:
        counts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        counts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    files = len({p.path for p in unique})
    head = f"{', '.join(counts)} in {files} file{'s' if files != 1 else ''}"
    if errors and strict:
        return (
            f"{head}: nothing was published; fix the errors (listed above) and run the "
            "command again"
        )
    if errors:
        return f"{head}: the rest of the site was built; `make check` lists them again"
    return f"{head}: the whole site was built"
