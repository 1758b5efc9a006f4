"""The journeymaps command line: an adapter over the same core as the plugin. Each command
is a module with ``add(commands, common, text)`` and ``run(args, text) -> exit code``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymaps.cli import diff, mermaid, new, schema, validate
from journeymaps.siteconfig import Site, SiteConfigError, load_site
from journeymaps.text import LANGUAGES, Text
from journeymaps.text.printable import log_line

# argparse's own words (usage, errors), by the message ids it asks gettext for: argparse's
# designed hook for its language, pointed at our catalogue.
ARGPARSE_WORDS = {
    "usage: ": "argparse.usage",
    "options": "argparse.options",
    "positional arguments": "argparse.positionals",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "expected one argument": "argparse.expected_one",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
}


def speak(text: Text) -> None:
    """argparse's words in ``text``'s language from here on (this process is the command)."""
    argparse._ = lambda message: text[ARGPARSE_WORDS[message]] if message in ARGPARSE_WORDS else message


COMMANDS = (validate, new, schema, diff, mermaid.IMPORT, mermaid.EXPORT)


def _early(argv: list[str]) -> tuple[str | None, Path]:
    """--lang and the site folder, before the full parser exists: its help is in that language."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    early.add_argument("--site", type=Path)
    known, rest = early.parse_known_args(argv)
    site = known.site
    if site is None and rest[:1] == ["validate"]:  # `journeymaps validate DIR`, the older form
        site = _site_argument(rest[1:])
    return known.lang, site or Path(".")


def _site_argument(args: list[str]) -> Path | None:
    """The older form's folder: the first word that is neither an option nor an option's
    value (`validate --format github` names no folder)."""
    words = iter(args)
    for word in words:
        if word in validate.OPTIONS_WITH_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return Path(word)
    return None


def site_or_none(folder: Path) -> Site | None:
    try:
        return load_site(folder)
    except SiteConfigError:
        return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang, folder = _early(argv)
    site = site_or_none(folder) if lang is None else None
    text = Text(lang or (site.language if site else "en"))
    speak(text)
    parser = argparse.ArgumentParser(prog="journeymaps", description=text["cli.description"])
    # --site and --lang go before or after the command's name; after it, a command's own
    # copy must not reset what was given before it, hence SUPPRESS there.
    parser.add_argument("--site", type=Path, default=None, metavar="DIR", help=text["cli.opt.site"])
    parser.add_argument("--lang", choices=LANGUAGES, help=text["cli.opt.lang"])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=argparse.SUPPRESS, metavar="DIR", help=text["cli.opt.site"])
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=text["cli.opt.lang"])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    runners = {}
    for command in COMMANDS:
        runners[command.NAME] = command.run
        command.add(commands, common, text)
    args = parser.parse_args(argv)
    args.site = args.site or getattr(args, "site_dir", None) or Path(".")
    try:
        return runners[args.command](args, text)
    except BrokenPipeError:  # `journeymaps validate | head`: the reader has seen enough
        sys.stderr.close()
        return 0


def open_site(args: argparse.Namespace, text: Text) -> Site | None:
    """The site of --site (default: here), or None after saying what is wrong with it."""
    try:
        return load_site(args.site)
    except SiteConfigError as err:
        for message in err.messages:
            print(log_line(text.render(message)), file=sys.stderr)
        return None


if __name__ == "__main__":
    sys.exit(main())
