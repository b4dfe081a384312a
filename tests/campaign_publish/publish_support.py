"""Helpers of the campaign_publish tests: a small trilingual site and `tools/publish.py` runs.

The shared ``tests/conftest.py`` is loaded by path (not ``import conftest``: another test
folder's conftest may hold that module name).
"""

from __future__ import annotations

import atexit
import importlib.util
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "plugins"))


def _shared():
    spec = importlib.util.spec_from_file_location(
        "campaign_tests_shared_conftest", PROJECT / "tests" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


shared = _shared()
Site = shared.Site
story = shared.story

LANGUAGES = ("en", "fr", "ar")
PAGE = """\
Title: About {lang}
Slug: about
Lang: {lang}
Summary: About the campaign in {lang}.

Who we are, in {lang}.
"""
PICTURE_STORY = """\
Title: Pictured {lang}
Slug: pictured
Lang: {lang}
Date: 2026-03-01 10:00
Modified: 2026-03-05 08:30
Author: Lea
Age: 16
Tags: school
Summary: A story with a picture, in {lang}.

![A green square](images/square.png)

Text of the pictured story in {lang}.
"""


def identity_catalogs(directory: Path) -> Path:
    """UI catalogs for fr and ar whose translations are the English strings, so a strict
    build does not depend on the state of the real translations."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from campaign_i18n import catalogs

    template = catalogs.extract_template_catalog(PROJECT / "theme" / "templates")
    for code, locale in (("fr", "fr_FR"), ("ar", "ar")):
        catalog = Catalog(locale=locale, domain=catalogs.DOMAIN, charset="utf-8")
        plural_forms = getattr(catalogs, "plural_forms_fix", lambda _locale: None)(locale)
        if plural_forms:  # the project's rule where Babel's default is wrong (Arabic)
            catalog.mime_headers = [("Plural-Forms", plural_forms)]
        for message in template:
            if not message.id:
                continue
            if isinstance(message.id, (list, tuple)):
                strings = tuple(
                    message.id[0] if n == 0 else message.id[1] for n in range(catalog.num_plurals)
                )
                catalog.add(message.id, strings, context=message.context)
            else:
                catalog.add(message.id, message.id, context=message.context)
        path = catalogs.po_path(directory, code)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog)
    return directory


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 160, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def site_at(root: Path) -> Site:
    """The site in the folder ``root`` that ``make_site`` filled, with its settings."""
    site = Site(root)
    site.settings["CAMPAIGN_CATALOGS"] = str(root / "catalogs")
    site.settings["CAMPAIGN_WORKERS"] = 1
    return site


def make_site(root: Path) -> Site:
    """A trilingual site: stories (one with a picture and a Modified date) and a page."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    identity_catalogs(root / "catalogs")
    site = site_at(root)
    site.write("images/square.png", png_bytes())
    for lang in LANGUAGES:
        site.write(f"stories/first.{lang}.md", story("first", lang))
        site.write(f"stories/pictured.{lang}.md", PICTURE_STORY.format(lang=lang))
        site.write(f"pages/about.{lang}.md", PAGE.format(lang=lang))
    site.write("stories/only-english.en.md", story("only-english", "en"))
    return site


def publish(site: Site, siteurl: str, *, extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run tools/publish.py on ``site`` with publishconf.py (strict) and SITEURL."""
    settings = site.settings_file(extra, base="publishconf")
    env = {**os.environ, "SITEURL": siteurl, "COLUMNS": "250"}
    return subprocess.run(
        [
            sys.executable,
            str(PROJECT / "tools" / "publish.py"),
            "--content",
            str(site.content),
            "--settings",
            str(settings),
            "--output",
            str(site.output),
        ],
        cwd=site.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


_PUBLISHED: dict[str, Site] = {}


def published_base(siteurl: str) -> Site:
    """``make_site`` published once per test process for ``siteurl``, only to be read
    (``published_site`` gives a copy to change)."""
    if siteurl not in _PUBLISHED:
        folder = Path(tempfile.mkdtemp(prefix="published-"))
        atexit.register(shutil.rmtree, folder, True)
        site = make_site(folder / "site")
        done = publish(site, siteurl)
        assert done.returncode == 0, done.stdout + done.stderr
        _PUBLISHED[siteurl] = site
    return _PUBLISHED[siteurl]


def published_site(root: Path, siteurl: str) -> Site:
    """``make_site(root)`` as its first publish for ``siteurl`` left it (output, caches,
    manifest, server folder): a copy of ``published_base``. The server configuration still
    names the base's output folder."""
    shared.copy_built_site(published_base(siteurl).root, root)
    return site_at(root)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- nginx ------------------------------------------------------------------------------------

NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx", "/usr/bin/nginx") if Path(path).is_file()), None
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_main_config(prefix: Path, server_block: Path) -> str:
    """A minimal nginx.conf around the generated server block; everything under ``prefix``."""
    lines = []
    if os.geteuid() == 0:
        # workers would run as "nobody" and could not read pytest's private temp folders
        lines.append("user root;")
    lines += [
        "worker_processes 1;",
        f"pid {prefix / 'nginx.pid'};",
        f"error_log {prefix / 'error.log'} warn;",
        "events { worker_connections 64; }",
        "http {",
        "    access_log off;",
        *(
            f"    {kind}_temp_path {prefix / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        ),
        f"    include {server_block};",
        "}",
    ]
    return "\n".join(lines) + "\n"


@contextmanager
def nginx_serving(nginx: str, server_block: Path, prefix: Path, port: int):
    """nginx running the generated ``server_block`` (listening on ``port``) until the end of
    the ``with`` block; its files and logs in ``prefix``."""
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_main_config(prefix, server_block))
    command = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "[warn]" not in checked.stderr, checked.stderr
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = prefix / "error.log"
                    raise AssertionError(
                        f"nginx did not start: {log.read_text() if log.exists() else ''}"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
