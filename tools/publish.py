"""`make publish`: build the site with publishconf.py, then swap it into place.

The build runs in a fresh folder beside the output (``output.tmp-<pid>``). Only when it
succeeds is that folder swapped in: ``output`` -> ``output.old-<pid>``, the new folder ->
``output``, the old one removed. A failed build (content errors in the strict publish build,
a missing SITEURL, ...) removes the new folder, leaves ``output/`` exactly as it was and exits
with the build's status; the build's messages are shown as they come.

The nginx configuration written by campaign_publish is staged the same way (built into
``output.tmp-<pid>.server/``, moved into ``server/`` on success only).

The core keeps, per output folder, a manifest of what it wrote there
(``.cache/campaign/output-<hash of the folder's path>.json``); a fresh folder has none, so
the publish build writes every file. After the swap that manifest is renamed to the one of
``output/``, which it now describes, so the next build into ``output/`` (``make html``) starts
from the truth and removes what only the publish wrote; after a failure it is removed and
the manifest of ``output/`` is left as it was.

Faults say what happened in one line and leave ``output/`` as it was: a full disk, an
``output`` that is a file. When ``output/`` is a mount point (it cannot be renamed), the new
site's files are copied into it instead, each replaced atomically, and files it no longer
has are removed. Folders left by a publish that was killed (``output.tmp-*``) are removed by
the next publish; an ``output.old-*`` left while ``output/`` is missing is put back.

    SITEURL=https://campaign.example.org python tools/publish.py --output output
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))


def manifest_of(cache: Path, output: Path) -> Path:
    """The core's manifest of ``output``."""
    from campaign_site.render import manifest_path

    return manifest_path(cache, output)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="output", help="the published folder (output)")
    parser.add_argument("--content", default="content", help="the content folder (content)")
    parser.add_argument(
        "--settings", default=str(PROJECT / "publishconf.py"), help="settings (publishconf.py)"
    )
    parser.add_argument(
        "--server-root",
        default=os.environ.get("CAMPAIGN_SERVER_ROOT", ""),
        help="folder the web server serves the site from, for the nginx configuration "
        "(default: the settings' CAMPAIGN_SERVER_ROOT, else the absolute --output path)",
    )
    return parser.parse_args(argv)


def read_build_settings(settings_file: Path, content: Path, output: Path) -> dict:
    """The Pelican settings of the publish build (exits with publishconf's message when
    SITEURL is missing)."""
    from pelican.settings import read_settings

    return read_settings(
        str(settings_file), override={"PATH": str(content), "OUTPUT_PATH": str(output)}
    )


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _move_contents(source: Path, target: Path) -> None:
    """Move the files of ``source`` into ``target`` (replacing same-named ones)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        if path.is_file():
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_leftovers(output: Path, cache: Path) -> None:
    """Folders of publishes that were killed: ``output.tmp-<pid>[.server]`` are removed (with
    their manifests); ``output.old-<pid>`` is put back when ``output`` is missing (killed
    during the swap), else removed. Those of a publish still running are left alone."""
    pattern = re.compile(re.escape(output.name) + r"\.(tmp|old)-(\d+)(\.server)?$")
    for path in sorted(output.parent.glob(f"{output.name}.*-*")):
        found = pattern.match(path.name)
        if not found or _alive(int(found.group(2))):
            continue
        if found.group(1) == "old" and not output.exists() and not found.group(3):
            os.rename(path, output)
            print(f"publish: {output} was put back from {path.name} (a publish was interrupted)")
            continue
        _remove(path)
        if found.group(1) == "tmp":
            manifest_of(cache, path).unlink(missing_ok=True)
            manifest_of(cache, path).with_suffix(".building").unlink(missing_ok=True)
        print(f"publish: removed {path.name}, left by a publish that was interrupted")


def sync(new: Path, output: Path) -> None:
    """Make the folder ``output`` hold exactly the files of ``new``, each replaced atomically
    (for an ``output`` that cannot be renamed: a mount point)."""
    wanted = set()
    for path in sorted(new.rglob("*")):
        rel = path.relative_to(new)
        target = output / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        wanted.add(rel)
        tmp = target.with_name(f".{target.name}.publish-{os.getpid()}")
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    for path in sorted(output.rglob("*"), reverse=True):  # files first, then empty folders
        rel = path.relative_to(output)
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()) and not (new / rel).is_dir():
                path.rmdir()
        elif rel not in wanted:
            path.unlink()


def swap(new: Path, output: Path, pid: int) -> None:
    """Put the folder ``new`` in place of ``output``; the old one is removed afterwards."""
    old = output.with_name(f"{output.name}.old-{pid}")
    _remove(old)
    had_output = output.exists()
    if had_output and os.path.ismount(output):
        sync(new, output)
        shutil.rmtree(new)
        return
    if had_output:
        try:
            os.rename(output, old)
        except OSError as error:  # busy (a mount point) or on another device: copy instead
            if error.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM):
                raise
            sync(new, output)
            shutil.rmtree(new)
            return
    try:
        os.rename(new, output)
    except OSError:
        if had_output:
            os.rename(old, output)
        raise
    if had_output:
        shutil.rmtree(old, ignore_errors=True)


def run_build(command: list[str], cwd: Path) -> tuple[int, bool]:
    """Run the build, passing its messages on as they come; (exit status, whether it ran out
    of disk space)."""
    disk_full = False
    with subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as build:
        for line in build.stdout or ():
            sys.stdout.write(line)
            sys.stdout.flush()
            if "No space left on device" in line or "the disk is full" in line:
                disk_full = True
        returncode = build.wait()
    return returncode, disk_full and returncode != 0


def _free(folder: Path) -> str:
    try:
        return f"{shutil.disk_usage(folder).free / 1024 / 1024:.1f} MB"
    except OSError:
        return "no space"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    content = Path(args.content).resolve()
    output = Path(args.output).resolve()
    settings_file = Path(args.settings).resolve()
    if not content.is_dir():
        print(f"publish: the content folder {content} does not exist", file=sys.stderr)
        return 2
    if (output.exists() or output.is_symlink()) and not output.is_dir():
        print(
            f"publish: {output} is a file, not a folder; move or delete it and run the "
            "command again (nothing was changed)",
            file=sys.stderr,
        )
        return 2
    pid = os.getpid()
    tmp = output.with_name(f"{output.name}.tmp-{pid}")
    staged_server = output.with_name(f"{output.name}.tmp-{pid}.server")

    settings = read_build_settings(settings_file, content, tmp)
    from campaign_publish.settings import read_settings as read_publish_settings
    from campaign_site.settings import DEFAULTS as SITE_DEFAULTS

    publish = read_publish_settings(settings)
    server_root = args.server_root or settings.get("CAMPAIGN_SERVER_ROOT") or str(output)
    cache = content.parent / settings.get(
        "CAMPAIGN_CACHE_PATH", SITE_DEFAULTS["CAMPAIGN_CACHE_PATH"]
    )
    tmp_manifest, final_manifest = manifest_of(cache, tmp), manifest_of(cache, output)

    remove_leftovers(output, cache)
    for path in (tmp, staged_server):
        _remove(path)
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(settings_file),
        "-o",
        str(tmp),
        "-e",
        f"CAMPAIGN_SERVER_ROOT={json.dumps(server_root)}",
        f"CAMPAIGN_SERVER_DIR={json.dumps(str(staged_server))}",
    ]
    print(f"publish: building {content} into {tmp}", flush=True)
    try:
        returncode, disk_full = run_build(command, content.parent)
        if disk_full:
            print(
                f"publish: the disk is full ({_free(output.parent)} free on the disk of "
                f"{output.parent}); free some space and run the command again; {output} was "
                "left unchanged",
                file=sys.stderr,
            )
            return returncode or 1
        if returncode != 0:
            print(
                f"publish: the build failed (exit {returncode}); {output} was left unchanged",
                file=sys.stderr,
            )
            return returncode
        try:
            swap(tmp, output, pid)
        except OSError as error:
            full = error.errno == errno.ENOSPC
            print(
                f"publish: the new site could not be put in place "
                f"({'the disk is full' if full else error}); "
                + (
                    f"{output} may be incomplete: free some space and run the command again"
                    if output.exists() and os.path.ismount(output)
                    else f"{output} was left unchanged"
                ),
                file=sys.stderr,
            )
            return 1
        if tmp_manifest.is_file():
            os.replace(tmp_manifest, final_manifest)
        else:  # the core names its manifests differently now: make the next build start over
            final_manifest.unlink(missing_ok=True)
            print("publish: warning: the build's output manifest was not found", file=sys.stderr)
        if staged_server.is_dir():
            _move_contents(staged_server, publish.server_dir)
        print(f"publish: {output} is the new site", flush=True)
        return 0
    finally:
        for path in (tmp, staged_server, tmp_manifest):
            _remove(path)


if __name__ == "__main__":
    sys.exit(main())
