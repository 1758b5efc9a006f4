"""The journeymaps command line: the same checks as the site build, for CI and editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymaps.format.catalog import load_catalog
from journeymaps.format.problems import InvalidSite
from journeymaps.siteconfig import SiteConfigError, load_settings


def validate(site_dir: Path) -> int:
    try:
        settings = load_settings(site_dir)
        catalog = load_catalog(site_dir, settings)
    except SiteConfigError as err:
        print(err, file=sys.stderr)
        return 2
    except InvalidSite as err:
        print(err.report())
        print(f"\n{err}", file=sys.stderr)
        return 1
    maps = catalog.maps()
    print(
        f"OK: {len(catalog.journeys)} journeys, {len(maps)} maps and {len(catalog.personas)} personas are valid",
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="journeymaps", description="Customer journey maps as a website.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("validate", help="check every map and persona; print path:line: problem")
    check.add_argument("site_dir", nargs="?", default=".", type=Path, help="the folder with mkdocs.yml (default: .)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.site_dir)
    return 2


if __name__ == "__main__":
    sys.exit(main())
