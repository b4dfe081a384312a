"""`make check`: lint the content the way `make publish` would, without touching output/.

Runs a strict Pelican build into a temporary folder (the content cache keeps it quick),
checks the UI catalogs against the theme's strings, and exits non-zero on any error. Every
problem is printed as `path:line: what is wrong; how to fix it`; scheduled content is listed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


def campaign_settings(settings_file: Path):
    """The campaign settings of a Pelican settings file."""
    from pelican.settings import read_settings

    from campaign_site.settings import read_settings as read_campaign

    return read_campaign(read_settings(str(settings_file)))


def catalog_problems(cfg) -> list[tuple[str, str]]:
    """Theme strings that a language's catalog lacks (``make translations`` adds them), as
    (severity, line): the pages show them in English, so one warning per catalog, or an error
    per string when the campaign requires complete catalogs."""
    from campaign_i18n.catalogs import extract_template_catalog, missing_from_catalogs

    def show(path: Path) -> str:
        return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    template_catalog = extract_template_catalog(cfg.theme_path / "templates")
    issues = missing_from_catalogs(template_catalog, cfg.catalog_path, cfg.languages)
    if cfg.require_complete_catalogs:
        return [("error", f"{show(issue.path)}: {issue.message}") for issue in issues]
    counts: dict[Path, int] = {}
    for issue in issues:
        counts[issue.path] = counts.get(issue.path, 0) + 1
    return [
        (
            "warning",
            f"{show(path)}: {count} UI string{'s' if count != 1 else ''} used by the theme "
            f"{'are' if count != 1 else 'is'} not in this catalog yet (shown in English); "
            "run 'make translations' to add them",
        )
        for path, count in counts.items()
    ]


def forget_output_manifest(cfg, output: Path) -> None:
    """The throwaway build's output manifest is of no further use: remove it from the cache."""
    from campaign_site.render import manifest_path

    manifest_path(cfg.cache_path, output).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    args = parser.parse_args(argv)
    cfg = campaign_settings(Path(args.settings))
    with tempfile.TemporaryDirectory(prefix="campaign-check-") as tmp:
        command = [
            sys.executable,
            "-m",
            "pelican",
            args.content,
            "-s",
            args.settings,
            "-o",
            tmp,
            "-e",
            "CAMPAIGN_STRICT=true",
        ]
        build = subprocess.run(command, cwd=ROOT)
        forget_output_manifest(cfg, Path(tmp))
    problems = catalog_problems(cfg)
    for severity, line in problems:
        print(f"{severity.upper()} {line}", file=sys.stderr)
    if build.returncode or any(severity == "error" for severity, _ in problems):
        print("make check: content has errors (see above).", file=sys.stderr)
        return 1
    print("make check: no problems found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
