"""journeymaps validate: every problem of every map and persona, for people, CI annotations
and tools."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from journeymaps.format.catalog import read_site
from journeymaps.format.problems import ERROR, InvalidSite, Problem
from journeymaps.text import Text

NAME = "validate"
FORMATS = ("text", "github", "json")
OPTIONS_WITH_VALUES = ("--format",)  # the older form's folder is found before the parser runs


def add(commands, common: argparse.ArgumentParser, text: Text) -> None:
    parser = commands.add_parser(NAME, parents=[common], help=text["cli.validate.help"])
    parser.add_argument("site_dir", nargs="?", type=Path, help=argparse.SUPPRESS)  # the older form
    parser.add_argument("--format", choices=FORMATS, default="text", help=text["cli.validate.format"])
    parser.add_argument("--strict", action="store_true", help=text["cli.validate.strict"])


def run(args: argparse.Namespace, text: Text) -> int:
    from journeymaps.cli import open_site

    site = open_site(args, text)
    if site is None:
        return 2
    catalog, problems = read_site(site.root, site.settings)
    errors, warnings = problems.errors, problems.warnings
    if args.format == "json":
        print(json.dumps({"errors": _items(errors, text), "warnings": _items(warnings, text)}, ensure_ascii=False))
    elif args.format == "github":
        prefix = _repository_prefix(site.root)
        for problem in [*errors, *warnings]:
            print(github_annotation(problem, text, prefix))
    else:
        for problem in [*errors, *warnings]:
            label = text["cli.warning"] if problem.level != ERROR else ""
            print(problem.words(text, label))
    failed = bool(errors) or (args.strict and bool(warnings))
    if args.format == "text":
        if errors:
            summary = InvalidSite(errors).summary(text)
            print(f"\n{text('cli.validate.failed', summary=summary, warnings=len(warnings))}", file=sys.stderr)
        else:
            maps = catalog.maps()
            print(
                text(
                    "cli.validate.ok",
                    journeys=len(catalog.journeys),
                    maps=len(maps),
                    personas=len(catalog.personas),
                    warnings=len(warnings),
                ),
                file=sys.stderr,
            )
    return 1 if failed else 0


def _items(problems: list[Problem], text: Text) -> list[dict]:
    return [
        {"file": p.place, "line": p.line, "message": p.message(text), "level": p.level, "code": p.msg.key}
        for p in problems
    ]


def _escape(value: str, property_value: bool = False) -> str:
    # GitHub's workflow commands: % and line breaks always, and : , in properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def github_annotation(problem: Problem, text: Text, prefix: str = "") -> str:
    """``::error file=…,line=…,title=journeymaps::message``, with the path from the repository root."""
    command = "error" if problem.level == ERROR else "warning"
    path = _escape(prefix + problem.place, True)
    return f"::{command} file={path},line={problem.line},title=journeymaps::{_escape(problem.message(text))}"


def _repository_prefix(root: Path) -> str:
    """Where the site folder is inside its git repository ("docs-site/"), so annotations
    land on the right file of a pull request; nothing outside a repository."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip()
