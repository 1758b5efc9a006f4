"""journeymaps new: a valid, commented starting file for a map or a persona, at the path the
format gives it. It never overwrites a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymaps.authoring.new import (
    Refused,
    check_journey,
    free_path,
    future_from_current,
    map_templates,
    name_from_id,
    on_scale,
    persona_template,
    today,
)
from journeymaps.format.catalog import read_site
from journeymaps.format.fields import is_slug, slugify
from journeymaps.format.problems import did_you_mean
from journeymaps.model import STATES
from journeymaps.siteconfig import Site
from journeymaps.text import Msg, Names, Text
from journeymaps.text.printable import log_line

NAME = "new"
DEFAULT_TEMPLATE = "ecommerce"


def add(commands, common: argparse.ArgumentParser, text: Text) -> None:
    parser = commands.add_parser(NAME, parents=[common], help=text["cli.new.help"], description=text["cli.new.help"])
    parser.add_argument("--list", action="store_true", help=text["cli.new.list"])
    kinds = parser.add_subparsers(dest="kind", metavar="map|persona")
    persona = kinds.add_parser("persona", parents=[common], help=text["cli.new.persona"])
    persona.add_argument("id", help=text["cli.new.persona_id"])
    persona.add_argument("--name", help=text["cli.new.name"])
    m = kinds.add_parser("map", parents=[common], help=text["cli.new.map"])
    m.add_argument("journey", help=text["cli.new.journey"])
    m.add_argument("--persona", required=True, help=text["cli.new.map_persona"])
    m.add_argument("--state", choices=STATES, default="current", help=text["cli.new.state"])
    m.add_argument("--template", help=text["cli.new.template"])
    m.add_argument("--title", help=text["cli.new.title"])


def run(args: argparse.Namespace, text: Text) -> int:
    from journeymaps.cli import open_site

    site = open_site(args, text)
    if site is None:
        return 2
    try:
        if args.list or args.kind is None:
            return _list(site, text)
        if args.kind == "persona":
            return _new_persona(site, args, text)
        return _new_map(site, args, text)
    except Refused as refused:
        print(log_line(text.render(refused.msg)), file=sys.stderr)
        return 1


def _list(site: Site, text: Text) -> int:
    templates = map_templates(site.root, site.settings, text.language)
    width = max((len(name) for name in templates), default=0)
    print(text["cli.new.templates"])
    for template in templates.values():
        label = "cli.new.own_replaces" if template.replaces_built_in else "cli.new.own"
        own = f"  ({text[label]})" if template.own else ""
        print(log_line(f"  {template.name.ljust(width)}  {template.description}{own}"))  # a site's file names
    print(text["cli.new.usage"])
    return 0


def _write(site: Site, path: Path, content: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never over a file made meanwhile
        out.write(content)
    return path.relative_to(site.root).as_posix()


def _persona_file(site: Site, persona_id: str, name: str | None, text: Text) -> str:
    if not is_slug(persona_id):
        raise Refused(Msg("new.not_a_persona_id", id=persona_id, suggestion=slugify(persona_id) or "my-persona"))
    path = free_path(site.root, site.root / site.settings.personas_dir / f"{persona_id}.md")
    content = persona_template(text.language).render(id=persona_id, name=name or name_from_id(persona_id))
    return _write(site, path, content)


def _new_persona(site: Site, args: argparse.Namespace, text: Text) -> int:
    written = _persona_file(site, args.id, args.name, text)
    print(text("cli.new.wrote_persona", path=written))
    print(text["cli.new.next"])
    return 0


def _new_map(site: Site, args: argparse.Namespace, text: Text) -> int:
    catalog, _ = read_site(site.root, site.settings)  # a broken site may still get a new map
    target = check_journey(catalog, site.root, site.settings, args.journey, args.state)
    personas = sorted({*catalog.personas, *_persona_files(site)})
    created = None
    if args.persona not in personas:
        close = did_you_mean(args.persona, personas)
        if close:  # most likely a typo: say so rather than add a second persona
            known = Msg("hint.known", what=Msg("known.personas"), names=Names(personas))
            raise Refused(Msg("new.unknown_persona", id=args.persona, hint=close, known=known))
        created = _persona_file(site, args.persona, None, text)
    current = catalog.journeys.get(args.journey)
    current_map = current.states.get("current") if current else None
    if args.state == "future" and current_map is not None and args.template is None:
        title = args.title or current_map.title
        content = future_from_current(current_map, title, [args.persona], text)
        source = text("cli.new.from_current", path=current_map.path)
    else:
        templates = map_templates(site.root, site.settings, text.language)
        name = args.template or DEFAULT_TEMPLATE
        if name not in templates:
            hint = did_you_mean(name, templates) or ""
            raise Refused(Msg("new.unknown_template", name=name, hint=hint, names=Names(templates)))
        title = args.title or name_from_id(args.journey)
        values = {"title": title, "journey": args.journey, "state": args.state, "persona": args.persona}
        content = templates[name].render(**values, today=today())
        if templates[name].replaces_built_in:
            shown = templates[name].path.relative_to(site.root).as_posix()
            print(text("cli.new.template_replaces", name=name, path=shown), file=sys.stderr)
        if not templates[name].own:  # a site's own templates are written on its own scale
            content = on_scale(content, site.settings.emotion_scale)
        source = text("cli.new.from_template", name=name)
    written = _write(site, target, content)
    if created:
        print(text("cli.new.created_persona", path=created, id=args.persona))
    print(text("cli.new.wrote_map", path=written, source=source))
    print(text["cli.new.next"])
    return 0


def _persona_files(site: Site) -> set[str]:
    folder = site.root / site.settings.personas_dir
    return {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()
