"""The seams a maintainer arriving from Pelican relies on: one site name from settings, the
plugins' start-up checks, Pelican's writer signals, and the content cache's code key."""

from __future__ import annotations

import json
import re
import shutil
import textwrap

import pelicanconf
from campaign_site.cache import code_digest
from campaign_site.startup import pelican_problems, plugin_problems
from conftest import PROJECT, story

PLUGINS = ["campaign_i18n", "campaign_memes", "campaign_site", "campaign_gallery", "campaign_feeds"]


# -- one site name ---------------------------------------------------------------------------


def test_sitename_is_the_english_text_babel_extracts():
    strings = (PROJECT / "theme/templates/partials/strings.html").read_text(encoding="utf-8")
    macro = re.search(r'macro site_name\(\) %\}\{\{ _\("([^"]+)"\) \}\}', strings)
    assert macro and macro.group(1) == pelicanconf.SITENAME


def test_pages_and_feeds_take_the_site_name_from_sitename(site):
    site.write("stories/a.en.md", story("a"))
    result = site.build(extra={"SITENAME": "Kind web"})
    assert result.returncode == 0, result.log
    assert "<title>Story a en – Kind web</title>" in result.page("stories/a/")
    assert "<title>Kind web</title>" in result.page("")
    assert "<title>All content – Kind web</title>" in result.page("feeds/all.atom.xml")
    assert "Safer, kinder internet" not in result.page("stories/a/")


# -- start-up checks -------------------------------------------------------------------------


def test_plugin_order_problems():
    good = [*PLUGINS, "campaign_publish"]
    for plugin in good:
        assert plugin_problems(good, plugin) == []
    assert plugin_problems(["campaign_gallery"], "campaign_gallery") == [
        "campaign_gallery needs campaign_site: add 'campaign_site' to PLUGINS before it "
        "(PLUGINS is ['campaign_gallery'])"
    ]
    swapped = ["campaign_feeds", "campaign_site"]
    assert plugin_problems(swapped, "campaign_feeds")[0].startswith(
        "move 'campaign_site' before 'campaign_feeds' in PLUGINS"
    )
    late = ["campaign_site", "campaign_publish", "campaign_feeds"]
    assert plugin_problems(late, "campaign_publish")[0].startswith(
        "campaign_publish must be the last of PLUGINS"
    )


def test_pelican_generators_must_be_off():
    settings = {key: getattr(pelicanconf, key, None) for key in dir(pelicanconf) if key.isupper()}
    assert pelican_problems(settings) == []
    on = {**settings, "DIRECT_TEMPLATES": ["index"], "FEED_ALL_ATOM": "feeds/all.atom.xml"}
    problems = pelican_problems(on)
    assert len(problems) == 2
    assert problems[0].startswith("set DIRECT_TEMPLATES = [] in the settings")
    assert problems[1].startswith("set FEED_ALL_ATOM = None in the settings")


def test_a_wrong_set_up_stops_the_build_with_one_line(site):
    site.write("stories/a.en.md", story("a"))
    result = site.build(
        extra={"PLUGINS": ["campaign_i18n", "campaign_memes", "campaign_feeds", "campaign_site"]}
    )
    assert result.returncode == 1
    assert "error: move 'campaign_site' before 'campaign_feeds' in PLUGINS" in result.log
    assert "Traceback" not in result.log and not result.exists("index.html")
    result = site.build(extra={"ARTICLE_PATHS": [""]})
    assert result.returncode == 1
    assert "error: set ARTICLE_PATHS = [] in the settings" in result.log
    assert "Traceback" not in result.log and not result.exists("index.html")


# -- Pelican's writer signals ----------------------------------------------------------------

RECEIVER = """
import json
from pathlib import Path

from pelican import signals

LOG = Path(__file__).with_name("written.jsonl")


def content_written(path, context):
    with LOG.open("a") as log:
        log.write(json.dumps(["content", path, "SITENAME" in context]) + "\\n")
    if path.endswith("stories/a/index.html"):  # an output-processing plugin, as a minifier
        Path(path).write_text(Path(path).read_text() + "<!-- processed -->")


def feed_written(path, context, feed):
    with LOG.open("a") as log:
        log.write(json.dumps(["feed", path, feed.title]) + "\\n")


def register():
    signals.content_written.connect(content_written)
    signals.feed_written.connect(feed_written)
"""


def test_pelican_writer_signals_reach_plugins(site, tmp_path):
    extra_plugins = tmp_path / "extra"
    (extra_plugins / "listener").mkdir(parents=True)
    (extra_plugins / "listener" / "__init__.py").write_text(textwrap.dedent(RECEIVER))
    log = extra_plugins / "listener" / "written.jsonl"
    settings = {
        "PLUGIN_PATHS": [str(PROJECT / "plugins"), str(extra_plugins)],
        "PLUGINS": [*PLUGINS, "listener", "campaign_publish"],
    }
    site.write("stories/a.en.md", story("a"))
    site.write("stories/b.en.md", story("b"))
    result = site.build(extra=settings)
    assert result.returncode == 0, result.log
    sent = [json.loads(line) for line in log.read_text().splitlines()]
    out = str(result.output)
    pages = {path[len(out) + 1 :] for kind, path, has_context in sent if kind == "content"}
    assert {"index.html", "stories/a/index.html", "tags/school/index.html"} <= pages
    assert all(has_context for kind, _, has_context in sent if kind == "content")
    feeds = {path[len(out) + 1 :]: title for kind, path, title in sent if kind == "feed"}
    assert (
        feeds["feeds/all.atom.xml"]
        == feeds["feeds/all.json"]
        == "All content – " + (pelicanconf.SITENAME)
    )
    # every file the build wrote, and each once
    written = {p.relative_to(result.output).as_posix() for p in result.output.rglob("*")}
    assert pages | set(feeds) <= written
    assert len(sent) == len(pages) + len(feeds)
    # the receiver's change is kept: the next build sees nothing to write and leaves it
    log.unlink()
    again = site.build(extra=settings)
    assert again.returncode == 0, again.log
    assert again.page("stories/a/").endswith("<!-- processed -->")
    assert not log.exists(), log.read_text()


# -- the content cache's code key ------------------------------------------------------------


def test_code_digest_covers_every_plugin_module_imported(tmp_path):
    plugins = tmp_path / "plugins"
    files = {
        "core/__init__.py": "from .hooks import register\n",
        "core/hooks.py": "",
        "core/prepare.py": "import re\nfrom . import markup\nfrom .problems import Problem\n"
        "def late():\n    from .urls import slugify\n",
        "core/markup.py": "import markdown\nfrom other.names import NAME\n",
        "core/problems.py": "class Problem: ...\n",
        "core/urls.py": "def slugify(): ...\n",
        "core/unrelated.py": "",
        "other/__init__.py": "",
        "other/names.py": "NAME = 1\n",
    }
    for rel, text in files.items():
        (plugins / rel).parent.mkdir(parents=True, exist_ok=True)
        (plugins / rel).write_text(text)
    prepare = plugins / "core" / "prepare.py"
    first = code_digest(prepare)
    for rel in ("core/problems.py", "core/urls.py", "other/names.py", "core/markup.py"):
        path = plugins / rel
        path.write_text(path.read_text() + "# changed\n")
        assert code_digest(prepare) != first, f"a change to {rel} must change the key"
        first = code_digest(prepare)
    for rel in ("core/unrelated.py", "core/hooks.py", "core/__init__.py"):
        (plugins / rel).write_text("# changed\n")
        assert code_digest(prepare) == first, f"{rel} makes nothing the cache keeps"


def test_the_real_cache_key_covers_problems_py(tmp_path):
    plugins = tmp_path / "plugins"
    shutil.copytree(PROJECT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    module = plugins / "campaign_site" / "prepare.py"
    before = code_digest(module)
    problems = plugins / "campaign_site" / "problems.py"
    problems.write_text(problems.read_text() + "\n# changed\n")
    assert code_digest(module) != before
