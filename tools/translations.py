"""UI catalogs and content translation status.

    python tools/translations.py update   # make translations
    python tools/translations.py status   # make translations-status
    python tools/translations.py status --ui   # only the UI strings part of it

``update`` extracts every UI string of theme/templates into theme/translations/messages.pot,
updates (or creates) the catalog of every non-default language of ``CAMPAIGN_LANGUAGES`` and
compiles them to check them; it exits with 1 while a string is missing or fuzzy.
``status`` prints which content translations are missing or outdated, then how many of the
theme's UI strings each language translates and which ones its pages still show in English.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(PROJECT / "plugins"), str(PROJECT)]

from campaign_i18n import load_catalogs  # noqa: E402
from campaign_i18n import status as status_report  # noqa: E402
from campaign_i18n.catalogs import extract_template_catalog, ui_coverage  # noqa: E402
from campaign_i18n.update import (  # noqa: E402
    build_template,
    catalog_stats,
    format_errors,
    render_po,
    template_path,
    update_language,
    write_if_changed,
)


def load_site_settings(settings_file: str):
    """The campaign settings of a Pelican settings file (paths made absolute by Pelican)."""
    from pelican.settings import read_settings as read_pelican_settings

    from campaign_site.settings import SettingsError, read_settings

    logging.getLogger("pelican").setLevel(logging.ERROR)
    try:
        return read_settings(read_pelican_settings(settings_file))
    except SettingsError as error:
        raise SystemExit(f"{settings_file}: {error}") from None


def show(path: object) -> str:
    try:
        return Path(str(path)).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def update(settings_file: str) -> int:
    cfg = load_site_settings(settings_file)
    directory = cfg.catalog_path
    template = build_template(cfg.theme_path / "templates")
    count = sum(1 for message in template if message.id)
    pot = template_path(directory)
    written = write_if_changed(pot, render_po(template))
    print(f"{show(pot)}: {count} strings ({'written' if written else 'unchanged'})")
    problems = 0
    for language in cfg.languages:
        if language.is_default:
            continue
        result = update_language(template, directory, language)
        action = "created" if result.created else "updated" if result.written else "unchanged"
        stats = catalog_stats(result.path, language)
        print(
            f"{show(result.path)} ({action}): {stats.translated} translated, "
            f"{stats.fuzzy} fuzzy, {stats.missing} missing"
        )
        for line, message in format_errors(result.path, language):
            print(f"{show(result.path)}:{line}: {message}")
            problems += 1
    compiled = load_catalogs(directory, cfg.languages)
    for issue in sorted(compiled.issues, key=lambda issue: (str(issue.path), issue.line)):
        print(f"{show(issue.path)}:{issue.line}: {issue.message}")
        problems += 1
    if problems:
        print(f"{problems} problem(s) in the UI catalogs; translate, then run 'make translations'")
        return 1
    print("every UI string is translated")
    return 0


def status(settings_file: str, ui_only: bool = False) -> int:
    cfg = load_site_settings(settings_file)
    if not ui_only:
        content_status(cfg)
        print()
    template = extract_template_catalog(cfg.theme_path / "templates")
    coverages = [
        ui_coverage(template, cfg.catalog_path, language)
        for language in cfg.languages
        if not language.is_default
    ]
    print("\n".join(status_report.ui_report(coverages, show)))
    return 0


def content_status(cfg) -> None:
    """The table of content translations, the outdated ones, and the counts per language."""
    from campaign_site.generator import scan
    from campaign_site.source import parse_date, parse_source

    content = cfg.content_path
    root = content.parent
    files = []
    folders = (*cfg.sections, "pages")  # a plugin's folder (the gallery's) is not content
    for rel in scan(content):
        if rel.partition("/")[0] not in folders:
            continue
        path = content / rel
        try:
            shown = path.relative_to(root).as_posix()
        except ValueError:
            shown = path.as_posix()
        doc = parse_source(shown, rel, path.read_bytes())
        found = status_report.source_file(doc, parse_date)
        if found:
            files.append(found)
    codes = [language.code for language in cfg.languages]
    rows = status_report.translation_status(files, codes, (*cfg.sections, "pages"))
    print(status_report.format_table(rows, codes))
    details = status_report.outdated_details(rows, codes)
    if details:
        print()
        print("\n".join(details))
    print()
    for summary in status_report.summarise(rows, codes):
        print(summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "status"))
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument(
        "--ui", action="store_true", help="status: only the UI strings, not the content"
    )
    args = parser.parse_args(argv)
    settings = Path(args.settings)
    if not settings.is_absolute() and not settings.is_file():
        settings = PROJECT / settings
    if args.command == "update":
        return update(str(settings))
    return status(str(settings), ui_only=args.ui)


if __name__ == "__main__":
    sys.exit(main())
