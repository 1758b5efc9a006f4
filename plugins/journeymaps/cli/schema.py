"""journeymaps schema map|persona: the front matter's JSON Schema, for editors and tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from journeymaps.format.schema import DOCUMENTS, json_schema
from journeymaps.text import Text

NAME = "schema"


def add(commands, common: argparse.ArgumentParser, text: Text) -> None:
    parser = commands.add_parser(NAME, parents=[common], help=text["cli.schema.help"])
    parser.add_argument("document", choices=sorted(DOCUMENTS), help=text["cli.schema.document"])
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=text["cli.schema.output"])


def run(args: argparse.Namespace, text: Text) -> int:
    from journeymaps.cli import open_site

    site = open_site(args, text)
    if site is None:
        return 2
    schema = json.dumps(json_schema(args.document, site.settings, text), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(schema)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(schema, encoding="utf-8")
    print(text("cli.wrote", path=str(args.output)), file=sys.stderr)
    return 0
