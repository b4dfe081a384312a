"""A deterministic synthetic corpus in this site's content model, for `make bench`.

    python tools/gen_corpus.py OUTDIR [--stories N] [--langs en,fr,ar] [--images M]
                               [--albums K] [--pages P] [--seed S] [--image-long-side PX]
                               [--force] [--quiet]

Writes OUTDIR/content/ as an editor would: ``stories/<slug>.<lang>.md`` (a first name and an
age, localised tags, a body of about 400-1200 words with headings, lists, quotes, emphasis,
external links and ``{filename}`` links to earlier stories), ``pages/<slug>.<lang>.md`` (in
the footer menu) and ``gallery/<album>/album.<lang>.md`` with JPEG photos (textures that
compress like photos, EXIF with an orientation, a camera and GPS, which the pipeline strips).
Every translation of a story has the same slug, date, author and structure.

OUTDIR/manifest.json records the arguments, the counts and a SHA-256 of the text files.
The same arguments give the same Markdown on any machine (JPEG bytes may differ between
Pillow builds, the pixels do not), and a corpus with fewer stories is a prefix of a larger
one. Only the standard library, and Pillow when --images > 0.

``tools/bench.py`` uses this generator; ``GEN_CORPUS=../shared/bench/gen_corpus.py`` makes it
use the shared generic one instead (whose corpus it adapts to this model).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

MODEL = "campaign-site"  # manifest.json's "model": bench.py copies such a corpus as it is
PAGES = ("about", "partners", "press", "contact", "privacy", "volunteer", "teachers")

WORDS = {
    "en": {
        "nouns": "friend school phone group chat comment video class team message post account "
        "screen photo story teacher parent club game stream profile picture rumour joke",
        "verbs": "reported blocked shared answered ignored posted deleted read saw wrote "
        "helped asked told laughed changed",
        "adjectives": "kind cruel quiet loud fake real funny mean brave anonymous new public "
        "private online angry calm",
        "glue": "the a my our their every this that in on with after before because and but",
        "tags": "school,friends,games,racism,report,kindness,privacy,fake news,sport,music",
        "names": "Sami,Lina,Omar,Jade,Noah,Inès,Kofi,Maya,Yanis,Zoé,Eli,Nour",
        "headings": "What happened,How it felt,What helped,My advice,What I learnt",
    },
    "fr": {
        "nouns": "ami école téléphone groupe discussion commentaire vidéo classe équipe message "
        "publication compte écran photo histoire professeur parent club jeu rumeur blague",
        "verbs": "signalé bloqué partagé répondu ignoré publié supprimé lu vu écrit aidé "
        "demandé dit changé",
        "adjectives": "gentil cruel calme bruyant faux vrai drôle méchant courageux anonyme "
        "nouveau public privé énervé",
        "glue": "le la les un une mon notre leur chaque ce dans sur avec après avant car et mais",
        "tags": "école,amis,jeux,racisme,signaler,gentillesse,vie privée,infox,sport,musique",
        "names": "Sami,Lina,Omar,Jade,Noah,Inès,Kofi,Maya,Yanis,Zoé,Eli,Nour",
        "headings": "Ce qui s'est passé,Ce que j'ai ressenti,Ce qui m'a aidé,Mon conseil,"
        "Ce que j'ai appris",
    },
    "ar": {
        "nouns": "صديق مدرسة هاتف مجموعة محادثة تعليق فيديو صف فريق رسالة منشور حساب شاشة صورة "
        "قصة معلم والد نادي لعبة شائعة نكتة",
        "verbs": "أبلغت حظرت شاركت أجبت تجاهلت نشرت حذفت قرأت رأيت كتبت ساعدت سألت قلت غيرت",
        "adjectives": "لطيف قاس هادئ صاخب مزيف حقيقي مضحك لئيم شجاع مجهول جديد عام خاص غاضب",
        "glue": "في على مع بعد قبل لأن و لكن هذا ذلك كل",
        "tags": "المدرسة,الأصدقاء,الألعاب,العنصرية,الإبلاغ,اللطف,الخصوصية,الأخبار الزائفة,"
        "الرياضة,الموسيقى",
        "names": "سامي,لينا,عمر,جاد,نوح,إيناس,كوفي,مايا,يانيس,زوي,إيلي,نور",
        "headings": "ما الذي حدث,كيف شعرت,ما الذي ساعدني,نصيحتي,ما الذي تعلمته",
    },
}
STOP = {"en": ".", "fr": ".", "ar": "."}


def rng_for(seed: int, *parts) -> random.Random:
    """One random stream per item, so items do not depend on each other's count."""
    return random.Random(hashlib.sha256(repr((seed, *parts)).encode()).digest())


class Words:
    """Sentences, titles and list items in one language."""

    def __init__(self, lang: str, rng: random.Random):
        table = WORDS[lang]
        self.lang, self.rng = lang, rng
        self.pool = [*table["nouns"].split(), *table["verbs"].split()]
        self.pool += [*table["adjectives"].split(), *table["glue"].split() * 2]

    def words(self, count: int) -> list[str]:
        return [self.rng.choice(self.pool) for _ in range(count)]

    def sentence(self, count: int, marks: bool = True) -> str:
        """``count`` words (at least 3); ``marks``: maybe one in *emphasis* or **strong**."""
        words = self.words(max(3, count))
        if marks and self.rng.random() < 0.15:
            words[1] = f"*{words[1]}*"
        elif marks and self.rng.random() < 0.1:
            words[2] = f"**{words[2]}**"
        text = " ".join(words)
        return (text[:1].upper() + text[1:] if self.lang != "ar" else text) + STOP[self.lang]

    def title(self, count: int) -> str:
        text = " ".join(self.words(count))
        return text[:1].upper() + text[1:] if self.lang != "ar" else text


def plan_body(rng: random.Random, index: int) -> list[tuple]:
    """The block structure of a story, shared by its translations: (kind, sizes, links)."""
    blocks: list[tuple] = []
    words = 0
    target = rng.randint(400, 1200)
    headings = iter(range(5))
    while words < target:
        roll = rng.random()
        if roll < 0.12 and blocks:
            blocks.append(("h2", next(headings, 4)))
        elif roll < 0.2:
            blocks.append(("ul" if rng.random() < 0.6 else "ol", [rng.randint(4, 10)] * 3))
            words += 21
        elif roll < 0.25:
            blocks.append(("quote", [rng.randint(8, 20)]))
            words += 14
        else:
            sizes = [rng.randint(6, 24) for _ in range(rng.randint(2, 6))]
            link = None
            if rng.random() < 0.3:
                link = ("int", rng.randrange(index)) if index and rng.random() < 0.6 else ("ext",)
            blocks.append(("p", sizes, link))
            words += sum(sizes)
    return blocks


def render_body(blocks: list[tuple], words: Words, lang: str, slugs: list[str]) -> str:
    headings = WORDS[lang]["headings"].split(",")
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "h2":
            out.append(f"## {headings[block[1]]}")
        elif kind in ("ul", "ol"):
            marks = ["-"] * 3 if kind == "ul" else ["1.", "2.", "3."]
            out.append(
                "\n".join(f"{m} {words.title(n)}" for m, n in zip(marks, block[1], strict=True))
            )
        elif kind == "quote":
            out.append("> " + words.sentence(block[1][0]))
        else:
            link = block[2]
            sentences = [words.sentence(n) for n in block[1]]
            if link and link[0] == "int":
                target = f"{{filename}}/stories/{slugs[link[1]]}.{lang}.md"
                sentences[-1] = f"[{words.title(3)}]({target}) " + sentences[-1]
            elif link:
                sentences[-1] = (
                    f"[{words.title(2)}](https://example.org/{lang}/help) " + (sentences[-1])
                )
            out.append(" ".join(sentences))
    return "\n\n".join(out) + "\n"


def header(fields: list[tuple[str, str]]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_stories(content: Path, args, counts: dict) -> None:
    slugs: list[str] = []
    for index in range(args.stories):
        rng = rng_for(args.seed, "story", index)
        slug = f"story-{index:05d}-" + "-".join(
            rng.choice(WORDS["en"]["nouns"].split()) for _ in range(2)
        )
        day = rng.randrange(7 * 365)
        date = f"{2019 + day // 365}-{(day % 365) // 31 + 1:02d}-{day % 28 + 1:02d} 10:00"
        name, age = rng.randrange(12), rng.randint(13, 25)
        tags = rng.sample(range(10), rng.randint(1, 3))
        blocks = plan_body(rng, index)
        for lang in args.langs:
            table = WORDS[lang]
            words = Words(lang, rng_for(args.seed, "story", index, lang))
            fields = [
                ("Title", words.title(rng_for(args.seed, "title", index).randint(4, 9))),
                ("Slug", slug),
                ("Lang", lang),
                ("Date", date),
                ("Author", table["names"].split(",")[name]),
                ("Age", str(age)),
                ("Tags", ", ".join(table["tags"].split(",")[tag] for tag in tags)),
                ("Summary", words.sentence(words.rng.randint(10, 24), marks=False)),
            ]
            text = header(fields) + render_body(blocks, words, lang, slugs)
            write(content / "stories" / f"{slug}.{lang}.md", text)
            counts["story_files"] += 1
        slugs.append(slug)


def write_pages(content: Path, args, counts: dict) -> None:
    for number, slug in enumerate(PAGES[: args.pages]):
        blocks = plan_body(rng_for(args.seed, "page", slug), 0)[:6]
        for lang in args.langs:
            words = Words(lang, rng_for(args.seed, "page", slug, lang))
            fields = [("Title", words.title(3)), ("Slug", slug), ("Lang", lang)]
            fields += [("Menu", "footer"), ("Order", str(number + 20))]
            fields += [("Summary", words.sentence(12, marks=False))]
            write(
                content / "pages" / f"{slug}.{lang}.md",
                header(fields) + render_body(blocks, words, lang, []),
            )
            counts["page_files"] += 1


def write_albums(content: Path, args, counts: dict) -> None:
    if not args.images:
        return
    albums: list[list[int]] = [[] for _ in range(min(args.albums, args.images))]
    for number in range(args.images):
        albums[number % len(albums)].append(number)
    for index, photos in enumerate(albums):
        slug = f"album-{index + 1:02d}"
        folder = content / "gallery" / slug
        names = [f"photo-{number + 1:03d}.jpg" for number in photos]
        for lang in args.langs:
            words = Words(lang, rng_for(args.seed, "album", index, lang))
            lines = [f"Title: {words.title(3)}", f"Date: 2026-02-{index % 27 + 1:02d} 18:00"]
            lines += [f"Cover: {names[0]}", ""]
            for name in names:
                lines += [f"Image: {name}", f"Alt: {words.sentence(10, marks=False)}"]
                lines += [f"Caption: {words.sentence(6, marks=False)}", ""]
            write(folder / f"album.{lang}.md", "\n".join(lines))
        counts["albums"] += 1
        for number, name in zip(photos, names, strict=True):
            render_photo(folder / name, rng_for(args.seed, "photo", number), args.image_long_side)
            counts["images"] += 1
            if not args.quiet:
                print(f"[images] {counts['images']}/{args.images} {slug}/{name}", file=sys.stderr)


def render_photo(path: Path, rng: random.Random, long_side: int) -> None:
    """A photo-like JPEG: a smooth colour field, shapes, noise at several scales; EXIF with
    an orientation (6 and 8 show a landscape-stored photo as a portrait), a camera and GPS."""
    from PIL import Image, ImageChops, ImageDraw

    portrait = rng.random() < 0.3
    width, height = (long_side * 2 // 3, long_side) if portrait else (long_side, long_side * 2 // 3)
    image = Image.frombytes("RGB", (6, 4), rng.randbytes(72)).resize(
        (width, height), Image.Resampling.BICUBIC
    )
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(4, 10)):
        x, y = rng.randrange(width), rng.randrange(height)
        box = (x, y, x + rng.randint(2, width // 3 + 2), y + rng.randint(2, height // 3 + 2))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=tuple(rng.randbytes(3)))
    for factor, amplitude in ((8, 80), (2, 50), (1, 12)):
        w, h = max(1, width // factor), max(1, height // factor)
        layer = Image.frombytes("RGB", (w, h), rng.randbytes(w * h * 3))
        layer = layer.resize((width, height), Image.Resampling.BICUBIC) if factor > 1 else layer
        layer = layer.point(lambda v, a=amplitude: v * a // 255)
        image = ImageChops.add(image, layer, 1.0, -(amplitude // 2))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "Canon EOS R6"  # Make, Model
    exif[0x0112] = rng.choice((1, 1, 3, 6, 8))  # Orientation
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 8.0)}  # GPS
    image.save(path, "JPEG", quality=90, exif=exif)


def write_manifest(outdir: Path, args, counts: dict) -> None:
    digest = hashlib.sha256()
    content = outdir / "content"
    for path in sorted(content.rglob("*.md")):
        digest.update(path.relative_to(content).as_posix().encode() + b"\0" + path.read_bytes())
    arguments = {key: value for key, value in vars(args).items() if key not in ("outdir",)}
    manifest = {
        "generator": "tools/gen_corpus.py",
        "model": MODEL,
        "arguments": arguments,
        "counts": counts,
        "text_sha256": digest.hexdigest(),
    }
    (outdir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--stories", type=int, default=200, help="stories (each in every language)")
    parser.add_argument("--langs", default="en,fr,ar", help="comma-separated, default first")
    parser.add_argument("--images", type=int, default=0, help="JPEG photos in all")
    parser.add_argument("--albums", type=int, default=3, help="albums the photos are spread over")
    parser.add_argument("--pages", type=int, default=len(PAGES), help="pages per language")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--image-long-side", type=int, default=3000, help="pixels")
    parser.add_argument("--force", action="store_true", help="replace OUTDIR/content")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    args.langs = [lang.strip() for lang in args.langs.split(",") if lang.strip()]
    if not args.langs or any(lang not in WORDS for lang in args.langs):
        parser.error(f"--langs: choose among {', '.join(WORDS)}")
    if args.stories < 0 or args.images < 0 or args.albums < 1 or args.image_long_side < 30:
        parser.error("--stories, --images >= 0; --albums >= 1; --image-long-side >= 30")
    args.pages = max(0, min(args.pages, len(PAGES)))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    content = args.outdir / "content"
    if content.exists():
        if not args.force:
            print(f"{content} exists; use --force to replace it", file=sys.stderr)
            return 2
        shutil.rmtree(content)
    counts = {"story_files": 0, "page_files": 0, "albums": 0, "images": 0}
    write_stories(content, args, counts)
    write_pages(content, args, counts)
    write_albums(content, args, counts)
    write_manifest(args.outdir, args, counts)
    if not args.quiet:
        print(f"wrote {counts} to {content}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
