"""`make bench`: build times, rebuild times, image times and peak memory, against plain Pelican.

Generates corpora with tools/gen_corpus.py (our content model; ``GEN_CORPUS=<path>`` runs
another generator with the same options, e.g. ../shared/bench/gen_corpus.py, whose generic
corpus is adapted to our content model), then in one run measures whole-process wall time
(median of several runs) and peak memory (sum of the proportional set size of the build's
process tree) for:

- our full multilingual build, a rebuild with nothing changed, after editing one story's
  body, after adding one story;
- plain Pelican 4.12 on the same corpus (default theme, its own feeds, PLUGINS = []): full
  build, and with its content cache nothing changed / one story touched;
- image processing cold and warm (60 photos), against the Pillow floor measured in the same
  run (decode + orient + 3 widths x (JPEG + WebP) over 2 processes, ``--floor``), and the
  warm cost each photo adds (the same build with 120 photos instead of 60);
- the search index (campaign_search): Pagefind over the pages a full build indexed, timed
  alone, and the size of the bundle it writes. "ours full" includes it, so the full build's
  ratio to plain Pelican is with search; a one-story edit includes a whole re-index.

Figures go to bench-results/bench.json and a table on standard output.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = Path(os.environ.get("GEN_CORPUS") or ROOT / "tools" / "gen_corpus.py")
OUR_MODEL = "campaign-site"  # the "model" of tools/gen_corpus.py's manifest.json
DEFAULT_WORK = ROOT / ".cache" / "bench"
WORK = DEFAULT_WORK  # corpora and sites (--work)
RESULTS = ROOT / "bench-results" / "bench.json"  # the figures (--results)
PELICAN = [sys.executable, "-m", "pelican"]

PLAIN_SETTINGS = """\
SITENAME = "Plain Pelican"
SITEURL = ""
DEFAULT_LANG = "en"
TIMEZONE = "UTC"
PLUGINS = []
ARTICLE_PATHS = ["stories"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["gallery"]
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
CACHE_PATH = "plain-cache"
"""

OURS_SETTINGS_FILE = "bench_settings.py"
OUR_SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa
PATH = "content"
OUTPUT_PATH = "output"
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
CAMPAIGN_NOW = "2026-11-22T12:00:00"
"""


# -- corpora ------------------------------------------------------------------------------


def generate(name: str, *args: str) -> Path:
    """Run the generator once per parameter set (kept between bench runs, and made again
    when the generator changes)."""
    import hashlib

    raw = WORK / f"raw-{name}-{hashlib.sha256(GEN.read_bytes()).hexdigest()[:10]}"
    stamp = raw / "manifest.json"
    if not stamp.is_file():
        subprocess.run(
            [sys.executable, str(GEN), str(raw), "--force", "--quiet", *args], check=True
        )
    return raw


def adapt(raw: Path, site: Path) -> Path:
    """Our content model: first-name pseudonyms with an age, no Category, one album file
    per language (a corpus of tools/gen_corpus.py is linked as it is). Returns the site
    folder (content/ inside)."""
    if site.exists():
        shutil.rmtree(site)
    content = site / "content"
    manifest = json.loads((raw / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("model") == OUR_MODEL:
        shutil.copytree(raw / "content", content, copy_function=os.link)
        return site
    for path in sorted((raw / "content").rglob("*")):
        rel = path.relative_to(raw / "content")
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            continue
        if rel.parts[0] == "gallery" and path.name == "album.md":
            write_albums(path, target.parent)
        elif path.suffix == ".md":
            target.write_text(adapt_story(path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            os.link(path, target)
    return site


def adapt_story(text: str) -> str:
    header, _, body = text.partition("\n\n")
    lines = []
    for line in header.split("\n"):
        key, _, value = line.partition(": ")
        if key == "Category":
            continue
        if key == "Author":
            lines += [f"Author: {value.split()[0]}", "Age: 19"]
            continue
        lines.append(line)
    return "\n".join(lines) + "\n\n" + body


def write_albums(source: Path, folder: Path) -> None:
    blocks = [block for block in source.read_text(encoding="utf-8").split("\n\n") if block]
    fields = [dict(line.split(": ", 1) for line in block.splitlines()) for block in blocks]
    head, photos = fields[0], fields[1:]
    langs = sorted(key[6:] for key in head if key.startswith("Title-"))
    for lang in langs:
        out = [
            f"Title: {head['Title-' + lang]}",
            f"Date: {head['Date']}",
            f"Cover: {head['Cover']}",
            "",
        ]
        for photo in photos:
            out += [
                f"Image: {photo['Image']}",
                f"Alt: {photo['Alt-' + lang]}",
                f"Caption: {photo['Caption-' + lang]}",
                "",
            ]
        (folder / f"album.{lang}.md").write_text("\n".join(out), encoding="utf-8")


# -- measuring ----------------------------------------------------------------------------


def tree_pss(pid: int) -> int:
    """Proportional set size (KiB) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed(command: list[str], cwd: Path, strict: bool = False) -> tuple[float, int]:
    """Wall time (s) and peak memory (MiB, PSS of the process tree) of one command.

    ``strict``: the command must not log an error (our builds report content problems
    and carry on: a corpus with problems would be measured doing less than it should)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    log, _ = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{log[-3000:]}")
    if strict and ("ERROR" in log or "CRITICAL" in log):
        raise SystemExit(f"bench: {' '.join(command)} reported problems:\n{log[-3000:]}")
    return elapsed, peak // 1024


class Bench:
    def __init__(self, runs: int):
        self.runs = runs
        self.results: dict[str, dict] = {}

    @property
    def warm_runs(self) -> int:
        """Warm builds take under a second, so each is run 3 times as often (once in a smoke
        run of one run per figure)."""
        return 1 if self.runs == 1 else 3 * self.runs

    def measure(
        self, name: str, command: list[str], cwd: Path, before=None, runs: int | None = None
    ) -> dict:
        return self.interleaved([(name, command, cwd, before)], runs)[0]

    def interleaved(self, figures: list[tuple], runs: int | None = None) -> list[dict]:
        """Measure several (name, command, cwd, before) figures, taking turns run by run so
        that a figure and the one it is compared with see the same machine conditions."""
        times: list[list[float]] = [[] for _ in figures]
        peaks: list[list[int]] = [[] for _ in figures]
        for index in range(runs or self.runs):
            for number, (_name, command, cwd, before) in enumerate(figures):
                if before:
                    before(index)
                strict = any(part.endswith(OURS_SETTINGS_FILE) for part in command)
                elapsed, peak = timed(command, cwd, strict)
                times[number].append(elapsed)
                peaks[number].append(peak)
        results = []
        for number, (name, *_rest) in enumerate(figures):
            result = {
                "median_s": round(statistics.median(times[number]), 3),
                "runs_s": [round(t, 3) for t in times[number]],
                "peak_mib": max(peaks[number]),
            }
            self.results[name] = result
            print(
                f"  {name:<40} {result['median_s']:8.2f} s  {result['peak_mib']:6d} MiB",
                flush=True,
            )
            results.append(result)
        return results


def ours(site: Path) -> list[str]:
    settings = site / OURS_SETTINGS_FILE
    settings.write_text(
        OUR_SETTINGS.format(
            root=str(ROOT), theme=str(ROOT / "theme"), plugins=str(ROOT / "plugins")
        )
    )
    return [*PELICAN, "content", "-s", str(settings), "-o", "output"]


def plain(site: Path, cache: bool) -> list[str]:
    settings = site / f"plain_settings_{int(cache)}.py"
    settings.write_text(PLAIN_SETTINGS.format(cache=cache))
    return [*PELICAN, "content", "-s", str(settings), "-o", "plain-output"]


def clean(site: Path, *names: str):
    def run(_index: int) -> None:
        for name in names:
            shutil.rmtree(site / name, ignore_errors=True)

    return run


def bench_corpus(bench: Bench, label: str, raw: Path) -> None:
    site = adapt(raw, WORK / f"site-{label}")
    stories = sorted((site / "content" / "stories").glob("*.en.md"))
    print(f"{label}: {len(list((site / 'content').rglob('*.md')))} Markdown files", flush=True)
    command = ours(site)
    bench.interleaved(
        [
            (
                f"{label} plain pelican full",
                plain(site, False),
                site,
                clean(site, "plain-output", "plain-cache"),
            ),
            (f"{label} ours full", command, site, clean(site, "output", ".cache")),
        ]
    )
    bench.measure(f"{label} ours nothing changed", command, site)

    def edit(index: int) -> None:
        path = stories[index * 7 % len(stories)]
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"\nAn edited sentence number {index}.\n", encoding="utf-8")

    bench.measure(f"{label} ours one story edited", command, site, edit)

    def add(index: int) -> None:
        template = stories[0].read_text(encoding="utf-8")
        slug = stories[0].name.split(".")[0]
        new = template.replace(f"Slug: {slug}", f"Slug: bench-added-{index}")
        (site / "content" / "stories" / f"bench-added-{index}.en.md").write_text(new)

    bench.measure(f"{label} ours one story added", command, site, add)
    bench_search(bench, label, site)
    plain_cached = plain(site, True)
    bench.measure(
        f"{label} plain pelican cache warm-up",
        plain_cached,
        site,
        clean(site, "plain-output", "plain-cache"),
        runs=1,
    )
    bench.measure(f"{label} plain pelican nothing changed", plain_cached, site)

    def touch(index: int) -> None:
        path = stories[(index * 11 + 3) % len(stories)]
        path.write_text(path.read_text(encoding="utf-8") + "\nTouched.\n", encoding="utf-8")

    bench.measure(f"{label} plain pelican one story touched", plain_cached, site, touch)


def bench_search(bench: Bench, label: str, site: Path) -> None:
    """Pagefind alone over the pages the last build indexed, and the bundle's size."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from campaign_search import indexer

    output = site / "output"
    pages = sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*.html")
        if b"data-pagefind-body" in path.read_bytes()
    )
    program = indexer.executable()
    times, bundle = [], None
    for _ in range(bench.runs):
        bundle = indexer.build_bundle(output, pages, site / ".cache" / "bench-search", program)
        times.append(bundle.seconds)
    if bundle is None:
        raise SystemExit("bench: the search index was not built (no run)")
    published = [p for p in (output / "pagefind").rglob("*") if p.is_file()]
    result = {
        "median_s": round(statistics.median(times), 3),
        "runs_s": [round(t, 3) for t in times],
        "pages": bundle.pages,
        "files": len(published),
        "size_kib": round(sum(p.stat().st_size for p in published) / 1024, 1),
        "languages": bundle.languages,
    }
    bench.results[f"{label} search index"] = result
    print(
        f"  {label + ' search index':<40} {result['median_s']:8.2f} s  "
        f"{result['size_kib']:9.1f} KiB, {result['files']} files, {result['pages']} pages",
        flush=True,
    )


def bench_startup(bench: Bench) -> None:
    """Plain Pelican on an empty site: the start-up every build in a fresh process pays
    (the interpreter, Pelican and its readers), whatever it has to do."""
    site = WORK / "site-empty"
    (site / "content").mkdir(parents=True, exist_ok=True)
    bench.measure("plain pelican start-up (empty site)", plain(site, False), site)


def bench_devserver(bench: Bench, label: str) -> None:
    """Seconds from saving a story to the reload event of `make devserver` (median)."""
    import socket
    import urllib.request

    site = WORK / f"site-{label}"
    settings = site / OURS_SETTINGS_FILE
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tools" / "devserver.py"),
            "--port",
            str(port),
            "--settings",
            str(settings),
        ],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    story = sorted((site / "content" / "stories").glob("*.en.md"))[5]
    times = []
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("bench: the devserver did not start") from None
                time.sleep(0.2)
        for index in range(max(3, bench.runs)):
            events = urllib.request.urlopen(f"http://127.0.0.1:{port}/__events", timeout=60)
            time.sleep(0.2)  # the watcher settles after the last build
            started = time.perf_counter()
            story.write_text(
                story.read_text(encoding="utf-8") + f"\nSaved edit {index}.\n", encoding="utf-8"
            )
            line = b""
            while not line.startswith(b"data: reload"):
                line = events.readline()
            times.append(time.perf_counter() - started)
            events.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    result = {
        "median_s": round(statistics.median(times), 3),
        "runs_s": [round(t, 3) for t in times],
    }
    bench.results[f"{label} devserver save to reload"] = result
    print(f"  {label + ' devserver save to reload':<40} {result['median_s']:8.2f} s", flush=True)


FLOOR_WIDTHS = (480, 1024, 1600)


def floor_one(path: str) -> None:
    """The issue's Pillow floor for one photo: decode, orient, 3 widths x (JPEG + WebP),
    Pillow's defaults (resize filter, WebP method) at our qualities."""
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        picture = ImageOps.exif_transpose(image)
        for width in FLOOR_WIDTHS:
            width = min(width, picture.width)
            resized = picture.resize((width, round(width * picture.height / picture.width)))
            for fmt, quality in (("JPEG", 82), ("WEBP", 80)):
                resized.save(io.BytesIO(), fmt, quality=quality)


def floor(folder: Path) -> None:
    """``--floor FOLDER``: the floor over every JPEG under FOLDER with 2 processes."""
    import multiprocessing

    photos = sorted(str(path) for path in folder.rglob("*.jpg"))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(floor_one, photos, chunksize=1)


def bench_images(bench: Bench, raw: Path, more: Path) -> None:
    site = adapt(raw, WORK / "site-images")
    photos = len(list((site / "content" / "gallery").rglob("*.jpg")))
    print(f"images: {photos} photos", flush=True)
    floor_cmd = [sys.executable, str(Path(__file__).resolve()), "--floor", "content/gallery"]
    command = ours(site)
    base, cold = bench.interleaved(
        [
            ("images Pillow floor", floor_cmd, site, None),
            ("images ours cold", command, site, clean(site, "output", ".cache")),
        ]
    )
    # what one more photo costs a warm build: the same build with twice the photos, taking
    # turns
    bigger = adapt(more, WORK / "site-images-more")
    extra = len(list((bigger / "content" / "gallery").rglob("*.jpg"))) - photos
    command_more = ours(bigger)
    bench.measure("images (more photos) ours cold", command_more, bigger, runs=1)
    warm, warm_more = bench.interleaved(
        [
            ("images ours warm", command, site, None),
            ("images (more photos) ours warm", command_more, bigger, None),
        ],
        runs=bench.warm_runs,
    )
    bench.results["images per photo"] = {
        "photos": photos,
        "floor_ms": round(base["median_s"] * 1000 / photos, 1),
        "cold_ms": round(cold["median_s"] * 1000 / photos, 1),
        "warm_ms": round(warm["median_s"] * 1000 / photos, 1),
        "warm_marginal_ms": round(
            (warm_more["median_s"] - warm["median_s"]) * 1000 / max(1, extra), 1
        ),
    }


def bench_memes(bench: Bench) -> None:
    """Drawing one meme (three formats, one language) and one social card, cold (drawn and
    written to the cache, as the build's pool task does) and warm (what a build with the
    picture in its cache does: its key computed, its file found), in this process (ms,
    median). Cards are timed over many titles, as a build draws thousands; the first card
    of a process also draws the brand background once (``card_first_ms``)."""
    sys.path[:0] = [str(ROOT / "plugins")]
    import tempfile

    from campaign_memes.card import BRAND, CardWords, card_key
    from campaign_memes.compose import FORMATS, Words, meme_key
    from campaign_memes.layout import parse_layout
    from campaign_memes.text import Fonts, Writing
    from campaign_site.cards import CardBatch, CardJob, draw_batch, drawer_digest
    from campaign_site.memes import DrawJob, composer_digest, draw

    fonts = Fonts.in_folder(ROOT / "theme" / "fonts")
    artwork = (ROOT / "content" / "memes" / "behind-every-screen.art.png").read_bytes()
    layout = parse_layout("text 70 650 1010 930; ink #FFFFFF; background #A4243B; footer 1010")
    words = Words("Derrière chaque écran, il y a une personne.", "#SaferInternetDay", Writing("fr"))
    titles = {
        "en": "The comment that followed me to school, and what my friends did next",
        "fr": "Les commentaires sous mon but, et ce que mon équipe a répondu",
        "ar": "التعليق الذي لاحقني إلى المدرسة وما فعله أصدقائي بعد ذلك",
    }
    writings = {"en": Writing("en"), "fr": Writing("fr"), "ar": Writing("ar", "rtl")}
    cold, warm, card_cold, card_cpu, card_warm, first = [], [], [], [], [], 0.0
    with tempfile.TemporaryDirectory() as folder:
        for run in range(max(3, bench.runs)):
            targets = tuple((f.name, Path(folder) / f"{run}-{f.name}.png") for f in FORMATS)
            started = time.perf_counter()
            draw(DrawJob(artwork, layout, words, fonts, targets))
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            digest = fonts.digest()
            for fmt, (_name, path) in zip(FORMATS, targets, strict=True):
                meme_key(artwork, layout, words, digest, fmt) + composer_digest()
                path.is_file()
            warm.append(time.perf_counter() - started)
        digest = fonts.digest()
        for number in range(max(60, 20 * bench.runs)):
            lang = ("en", "fr", "ar")[number % 3]
            card = CardWords(f"{titles[lang]} {number}", "Safer, kinder internet", writings[lang])
            target = Path(folder) / f"card-{number}.jpg"
            published = Path(folder) / f"published-{number}.jpg"
            started, cpu = time.perf_counter(), time.process_time()
            draw_batch(CardBatch(fonts, (CardJob(target, published, words=card),)))
            elapsed = time.perf_counter() - started
            if number == 0:
                first = elapsed
            else:
                card_cold.append(elapsed)
                card_cpu.append(time.process_time() - cpu)
            started = time.perf_counter()
            key = hashlib.sha256(f"{card_key(card, digest, BRAND)}:{drawer_digest()}".encode())
            key.hexdigest()
            target.stat()  # the build finds the card in its cache (or in its records)
            card_warm.append(time.perf_counter() - started)
    bench.results["memes"] = {
        "meme_cold_ms": round(statistics.median(cold) * 1000, 1),
        "meme_warm_ms": round(statistics.median(warm) * 1000, 2),
        "card_first_ms": round(first * 1000, 1),
        "card_cold_ms": round(statistics.median(card_cold) * 1000, 2),
        "card_cold_cpu_ms": round(statistics.median(card_cpu) * 1000, 2),
        "card_warm_ms": round(statistics.median(card_warm) * 1000, 3),
        "cards_timed": len(card_cold),
    }


def report(bench: Bench, labels: list[str]) -> None:
    r = bench.results
    rows = []
    for label in labels:
        base = r[f"{label} plain pelican full"]
        for name, target in (
            ("ours full", 1.0),
            ("ours nothing changed", 0.1),
            ("ours one story edited", 0.15),
            ("ours one story added", 0.25),
        ):
            mine = r[f"{label} {name}"]
            rows.append(
                (f"{label} {name}", mine["median_s"], mine["median_s"] / base["median_s"], target)
            )
        rows.append(
            (
                f"{label} peak memory (MiB)",
                r[f"{label} ours full"]["peak_mib"],
                r[f"{label} ours full"]["peak_mib"] / max(1, base["peak_mib"]),
                1.5,
            )
        )
    print("\nfigure                                        value   ratio to plain  target")
    for name, value, ratio, target in rows:
        flag = "ok" if ratio <= target else "OVER"
        print(f"{name:<42} {value:9.2f} {ratio:10.3f}x {target:8.2f}x  {flag}")
    for label in labels:
        search = r.get(f"{label} search index")
        if search:
            full = r[f"{label} ours full"]["median_s"]
            print(
                f"{label + ' search: Pagefind (s)':<42} {search['median_s']:9.2f} "
                f"({search['median_s'] / full:.0%} of ours full, which includes it; "
                f"{search['pages']} pages)"
            )
            print(
                f"{label + ' search: index size (KiB)':<42} {search['size_kib']:9.1f} "
                f"({search['files']} files in output/pagefind/)"
            )
    startup = r.get("plain pelican start-up (empty site)")
    if startup:
        ratios = ", ".join(
            f"{startup['median_s'] / r[f'{label} plain pelican full']['median_s']:.3f}x of {label}"
            for label in labels
        )
        print(
            f"{'plain pelican start-up (empty site)':<42} {startup['median_s']:9.2f} s "
            f"(the least any build takes: {ratios})"
        )
    for name, value in r.items():
        if name.endswith("devserver save to reload"):
            flag = "ok" if value["median_s"] <= 2 else "OVER"
            print(f"{name:<42} {value['median_s']:9.2f} s (target 2 s)  {flag}")
    if "memes" in r:
        memes = r["memes"]
        print(
            f"{'meme, 3 formats, one language (ms)':<42} cold {memes['meme_cold_ms']:.0f}, "
            f"warm {memes['meme_warm_ms']:.2f}"
        )
        print(
            f"{'social card, one page (ms)':<42} cold {memes['card_cold_ms']:.1f} "
            f"({memes.get('card_cold_cpu_ms', 0):.1f} CPU; the first of a process "
            f"{memes.get('card_first_ms', 0):.0f}), warm {memes.get('card_warm_ms', 0):.3f}"
        )
    if "images per photo" in r:
        per = r["images per photo"]
        ratio = per["cold_ms"] / per["floor_ms"]
        print(
            f"{'images cold, ms per photo (whole build)':<42} {per['cold_ms']:9.1f} "
            f"{ratio:10.3f}x {1.2:8.2f}x  {'ok' if ratio <= 1.2 else 'OVER'}"
            f"   (Pillow floor {per['floor_ms']} ms)"
        )
        print(
            f"{'images warm, ms each photo adds':<42} {per['warm_marginal_ms']:9.1f} "
            f"{'':>11} {'10 ms':>9}  {'ok' if per['warm_marginal_ms'] < 10 else 'OVER'}"
            f"   (whole warm build / photos: {per['warm_ms']} ms)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: a 20-story corpus and 4 small photos, one run each",
    )
    parser.add_argument(
        "--only",
        choices=("all", "builds", "images", "memes"),
        default="all",
        help="a part of the bench",
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="scratch folder")
    parser.add_argument("--results", type=Path, default=RESULTS, help=f"figures ({RESULTS})")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # the floor, timed
    args = parser.parse_args(argv)
    global WORK  # one scratch folder for the whole run
    WORK = args.work.resolve()
    if args.floor:
        floor(args.floor)
        return 0
    if not GEN.is_file():
        raise SystemExit(f"bench: {GEN} not found (GEN_CORPUS names another generator)")
    WORK.mkdir(parents=True, exist_ok=True)
    bench = Bench(1 if args.quick else args.runs)
    if args.quick:
        corpora = {"tiny": generate("tiny", "--stories", "20")}
        images = generate(
            "tiny-images", "--stories", "4", "--images", "4", "--image-long-side", "600"
        )
        more = generate(
            "tiny-images-more", "--stories", "4", "--images", "8", "--image-long-side", "600"
        )
    else:
        corpora = {
            "small": generate("small", "--stories", "200"),
            "large": generate("large", "--stories", "2000"),
        }
        images = generate("images", "--stories", "20", "--images", "60", "--albums", "3")
        more = generate("images-more", "--stories", "20", "--images", "120", "--albums", "3")
    if args.only in ("all", "builds"):
        bench_startup(bench)
        for label, raw in corpora.items():
            bench_corpus(bench, label, raw)
        bench_devserver(bench, next(iter(corpora)))
    if args.only in ("all", "images"):
        bench_images(bench, images, more)
    if args.only in ("all", "memes"):
        bench_memes(bench)
    report(bench, list(corpora) if args.only in ("all", "builds") else [])
    args.results.parent.mkdir(parents=True, exist_ok=True)
    figures = bench.results
    if args.only != "all" and args.results.is_file():  # a part: update the other figures
        figures = {**json.loads(args.results.read_text()), **bench.results}
    args.results.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nfigures written to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
