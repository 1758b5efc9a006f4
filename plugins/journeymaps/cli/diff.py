"""journeymaps diff: what a change to the maps means for the customer, between two git
revisions of the site folder, as Markdown for a pull-request comment or JSON for tools."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from journeymaps.authoring.diff import compare_sites
from journeymaps.authoring.diff_report import Review, as_json, markdown
from journeymaps.authoring.revision import RevisionError, repository_of, resolve, site_at
from journeymaps.format.catalog import read_site
from journeymaps.format.problems import Problem
from journeymaps.model import Catalog
from journeymaps.siteconfig import Site, SiteConfigError, load_site
from journeymaps.text import Msg, Text
from journeymaps.text.printable import log_line

NAME = "diff"
FORMATS = ("markdown", "json")


def add(commands, common: argparse.ArgumentParser, text: Text) -> None:
    parser = commands.add_parser(NAME, parents=[common], help=text["diff.help"], description=text["diff.help"])
    parser.add_argument("base", help=text["diff.opt.base"])
    parser.add_argument("head", nargs="?", help=text["diff.opt.head"])
    parser.add_argument("--format", choices=FORMATS, default="markdown", help=text["diff.opt.format"])


class _Stop(Exception):
    """Nothing to compare: the messages say why."""

    def __init__(self, *messages: Msg):
        self.messages = messages


def _read(root: Path | None, fallback: Site, head: str | None = None) -> tuple[Catalog, list[Problem], Site]:
    """The site at a revision, read with that revision's own settings (a change may move the
    emotion scale with the maps). A base whose mkdocs.yml cannot be read is read with the
    working tree's; a head revision's must be readable. No folder: nothing was there yet."""
    if root is None:
        return Catalog(personas={}, journeys={}), [], fallback
    try:
        site = load_site(root)
    except SiteConfigError as err:
        if head is not None:
            raise _Stop(*(Msg("diff.head_config", revision=head, message=m) for m in err.messages)) from None
        site = fallback
    catalog, problems = read_site(root, site.settings)
    return catalog, problems.errors, site


def _compare(args: argparse.Namespace, site: Site, text: Text) -> Review:
    try:
        repo = repository_of(site.root)
        base_commit = resolve(repo, args.base)
        head_commit = resolve(repo, args.head) if args.head else None
        with site_at(repo, base_commit) as base_root:
            base, unreadable, _ = _read(base_root, site)
        for problem in unreadable:  # what the base could not read is compared as missing: say so
            print(text("diff.base_problem", revision=args.base, problem=problem.words(text)), file=sys.stderr)
        if head_commit is None:
            head, problems, head_site = _read(site.root, site)
        else:
            with site_at(repo, head_commit) as head_root:
                head, problems, head_site = _read(head_root, site, args.head)
    except RevisionError as err:
        raise _Stop(err.msg) from None
    return Review(
        diff=compare_sites(base, head),
        base=base,
        head=head,
        base_label=args.base,
        head_label=args.head,
        problems=problems,
        prefix=repo.prefix,
        scale=head_site.settings.emotion_scale,
        site_url=head_site.site_url,
        use_directory_urls=head_site.use_directory_urls,
    )


def run(args: argparse.Namespace, text: Text) -> int:
    from journeymaps.cli import open_site

    site = open_site(args, text)
    if site is None:
        return 2
    try:
        review = _compare(args, site, text)
    except _Stop as stop:
        for message in stop.messages:
            print(log_line(text.render(message)), file=sys.stderr)
        return 2
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(encoding="utf-8")  # the sparklines, on consoles that default to a code page
    if args.format == "json":
        print(json.dumps(as_json(review, text), ensure_ascii=False, indent=2))
    else:
        print(markdown(review, text), end="")
    return 1 if review.problems else 0
