"""journeymaps import mermaid and journeymaps export mermaid: maps in and out of Mermaid
journey diagrams. Two commands, each with a subcommand per format, Mermaid the first."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from journeymaps.authoring.mermaid import map_as_mermaid
from journeymaps.authoring.mermaid_import import NOTE, ImportOptions, ImportPlan, plan_import
from journeymaps.format.catalog import read_site
from journeymaps.format.files import writable, write_atomically
from journeymaps.format.problems import ERROR, Problem, did_you_mean
from journeymaps.model import STATES
from journeymaps.siteconfig import Site
from journeymaps.text import Msg, Names, Text
from journeymaps.text.printable import log_line


class Command(NamedTuple):
    NAME: str
    add: Callable[..., None]
    run: Callable[[argparse.Namespace, Text], int]


def _shown(path: Path) -> str:
    """A path as the user can open it: relative to where they are, when it is below."""
    relative = os.path.relpath(path.resolve(), Path.cwd())
    return Path(path).as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _say(problem: Problem, text: Text) -> str:
    return problem.words(text, "" if problem.level in (ERROR, NOTE) else text["cli.warning"])


# --- import -----------------------------------------------------------------------------


def _mermaid_parser(commands, command: str, common: argparse.ArgumentParser, text: Text) -> argparse.ArgumentParser:
    """``journeymaps <command> mermaid``: the command, with a subcommand per format."""
    parser = commands.add_parser(
        command, help=text[f"mermaid.cli.{command}"], description=text[f"mermaid.cli.{command}"]
    )
    formats = parser.add_subparsers(dest="format", required=True, metavar="mermaid")
    about = text[f"mermaid.cli.{command}_mermaid"]
    return formats.add_parser("mermaid", parents=[common], help=about, description=about)


def add_import(commands, common: argparse.ArgumentParser, text: Text) -> None:
    mermaid = _mermaid_parser(commands, "import", common, text)
    mermaid.add_argument("files", nargs="+", type=Path, metavar="FILE", help=text["mermaid.opt.files"])
    mermaid.add_argument("--force", action="store_true", help=text["mermaid.opt.force"])
    mermaid.add_argument("--rescale", action="store_true", help=text["mermaid.opt.rescale"])
    mermaid.add_argument("--journey", metavar="ID", help=text["mermaid.opt.journey"])
    mermaid.add_argument("--state", choices=STATES, default="current", help=text["mermaid.opt.state"])
    mermaid.add_argument("--persona", metavar="PERSONA", help=text["mermaid.opt.persona"])


def run_import(args: argparse.Namespace, text: Text) -> int:
    from journeymaps.cli import open_site

    site = open_site(args, text)
    if site is None:
        return 2
    options = ImportOptions(args.force, args.rescale, args.journey, args.state, args.persona)
    sources = [(path, _shown(path)) for path in args.files]
    plan = plan_import(sources, site.root, site.settings, text, options)
    for problem in [*plan.errors, *plan.said]:
        # what went wrong to stderr; what the import did on its own (rescaling) beside what it wrote
        print(_say(problem, text), file=sys.stdout if problem.level == NOTE else sys.stderr)
    if plan.errors:
        key = "mermaid.nothing_written.one" if len(plan.errors) == 1 else "mermaid.nothing_written"
        print(f"\n{text(key, count=len(plan.errors))}", file=sys.stderr)
        return 1
    _write(site, plan, text)
    return 0


def _write(site: Site, plan: ImportPlan, text: Text) -> None:
    for new in plan.files:
        target = writable(site.root, site.root / new.path)  # checked again: nothing written outside
        if new.replaces:  # the link in place of a map is replaced, never written through
            write_atomically(target, new.text.encode())
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            # "x" for new files: never over one that appeared since the plan was made
            with target.open("x", encoding="utf-8", newline="\n") as out:
                out.write(new.text)
        print(text(new.msg.key, **{**new.msg.params, "path": _shown(target)}))


# --- export -----------------------------------------------------------------------------


def add_export(commands, common: argparse.ArgumentParser, text: Text) -> None:
    mermaid = _mermaid_parser(commands, "export", common, text)
    mermaid.add_argument("map", metavar="JOURNEY[/STATE]", help=text["mermaid.opt.map"])
    mermaid.add_argument("-o", "--output", type=Path, metavar="FILE", help=text["mermaid.opt.output"])


def run_export(args: argparse.Namespace, text: Text) -> int:
    from journeymaps.cli import open_site

    site = open_site(args, text)
    if site is None:
        return 2
    catalog, problems = read_site(site.root, site.settings)
    journey_id, _, state = args.map.strip("/").partition("/")
    journey = catalog.journeys.get(journey_id) or next(
        (j for j in catalog.journeys.values() if journey_id in j.aliases), None
    )
    if journey is None:
        known = sorted(catalog.journeys)
        shown = Names(known[:8] + (["..."] if len(known) > 8 else []))
        hint = did_you_mean(journey_id, known) or Msg("hint.known", what=Msg("mermaid.known_journeys"), names=shown)
        return _refuse(text, Msg("mermaid.export.unknown_journey", journey=journey_id, hint=hint))
    if state and state not in STATES:
        return _refuse(text, Msg("mermaid.export.not_state", state=state))
    m = journey.states.get(state) if state else journey.ordered_states()[0]
    if m is None:
        states = Names(text[f"state_word.{s}"] for s in journey.states)
        return _refuse(
            text, Msg("mermaid.export.no_state", journey=journey.id, state=Msg(f"state_word.{state}"), states=states)
        )
    own = [p for p in problems.errors if p.path == m.path]
    if own:
        for problem in own:
            print(_say(problem, text), file=sys.stderr)
        return _refuse(text, Msg("mermaid.export.map_problems", path=m.path, count=len(own)))
    diagram = map_as_mermaid(m, catalog.personas, site.settings.emotion_scale, text)
    if args.output is None:
        sys.stdout.write(diagram)
        return 0
    if args.output.is_dir():
        return _refuse(text, Msg("cli.output_is_folder", path=_shown(args.output)))
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(diagram, encoding="utf-8", newline="\n")
    except OSError as err:
        return _refuse(text, Msg("cli.cannot_write", path=_shown(args.output), reason=err.strerror or str(err)))
    print(text("cli.wrote", path=_shown(args.output)), file=sys.stderr)
    return 0


def _refuse(text: Text, msg: Msg) -> int:
    print(log_line(text.render(msg)), file=sys.stderr)
    return 1


IMPORT = Command("import", add_import, run_import)
EXPORT = Command("export", add_export, run_export)
