"""Topics shared by every language: one data file, a name per language, readable addresses.

``content/topics.toml`` lists each topic once, under a short id, with the name it has in
each language; an editor writes those names in ``Tags:``::

    [cyberbullying]
    en = "cyberbullying"
    fr = "cyberharcèlement"
    ar = "التنمّر الإلكتروني"

A topic page then links to the same topic in the other languages (language switcher,
``hreflang``), and its address is readable in every language: the name without accents in a
Latin script (``fr/tags/cyberharcelement/``), the topic's id otherwise
(``ar/tags/cyberbullying/``), never a transliteration of Arabic. A name that is not in the
file is a topic of its own language only, reported as a warning.

Pure: parses bytes, returns values and ``Problem``s.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field

from .problems import Problem
from .source import SLUG_RE
from .urls import slugify

FILE_NAME = "topics.toml"
GUIDE = "see 'Topics' in docs/content-guide.md"
LINE_RE = re.compile(r"line (\d+)")


@dataclass(frozen=True)
class Topic:
    id: str
    names: dict[str, str]  # language code -> name


@dataclass
class Topics:
    """Every shared topic, found by its name in a language."""

    topics: dict[str, Topic] = field(default_factory=dict)
    by_name: dict[tuple[str, str], Topic] = field(default_factory=dict)  # (lang, folded name)

    def find(self, lang: str, name: str) -> Topic | None:
        return self.by_name.get((lang, fold(name)))


def fold(name: str) -> str:
    """Names match whatever their case and spacing (but not their accents)."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin (accents included)."""
    return all("LATIN" in unicodedata.name(char, "") for char in name if char.isalpha())


def topic_slug(name: str, topic: Topic | None) -> str:
    """The address part of a topic in one language (see the module's docstring)."""
    if latin(name) or topic is None:
        return slugify(name) or (topic.id if topic else "") or "topic"
    return topic.id


def parse_topics(
    path: str, data: bytes, languages: tuple[str, ...]
) -> tuple[Topics, list[Problem]]:
    """Read ``topics.toml``; every mistake is a problem on its line, the rest is kept."""
    found = Topics()
    problems: list[Problem] = []
    lines = data.decode("utf-8", "replace").splitlines()

    def line_of(needle: str) -> int:
        return next((n for n, text in enumerate(lines, 1) if needle in text), 1)

    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return found, [Problem(path, 1, "the file is not valid UTF-8 text", "save it as UTF-8")]
    except tomllib.TOMLDecodeError as error:
        where = LINE_RE.search(str(error))
        return found, [
            Problem(
                path,
                int(where.group(1)) if where else 1,
                f"this file cannot be read ({error}); no topic is shared between languages "
                "until it is fixed",
                f"write one '[topic-id]' line per topic, then 'en = \"name\"' lines; {GUIDE}",
            )
        ]
    for topic_id, names in table.items():
        line = line_of(f"[{topic_id}]")
        if not SLUG_RE.match(topic_id) or not isinstance(names, dict):
            problems.append(
                Problem(
                    path,
                    line,
                    f"[{topic_id}] is not a topic id with its names below it",
                    "use a-z, 0-9 and hyphens, e.g. [hate-speech], then one 'en = \"...\"' "
                    "line per language",
                )
            )
            continue
        kept: dict[str, str] = {}
        for lang, name in names.items():
            if lang not in languages or not isinstance(name, str) or not name.strip():
                problems.append(
                    Problem(
                        path,
                        line_of(f"{lang} ="),
                        f"[{topic_id}] {lang} = {name!r} is not a name in a language of the site",
                        f"write one line per language: {', '.join(languages)}, each with a name "
                        "in quotes",
                    )
                )
                continue
            key = (lang, fold(name))
            if key in found.by_name:
                problems.append(
                    Problem(
                        path,
                        line_of(name),
                        f"the {lang} name {name!r} is given to two topics: "
                        f"[{found.by_name[key].id}] and [{topic_id}]",
                        "give each topic its own name in each language",
                    )
                )
                continue
            kept[lang] = name.strip()
        topic = Topic(topic_id, kept)
        found.topics[topic_id] = topic
        for lang, name in kept.items():
            found.by_name[(lang, fold(name))] = topic
    return found, problems
