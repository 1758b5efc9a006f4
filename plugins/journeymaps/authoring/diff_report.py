"""A map change put into words: Markdown for a pull-request comment, or JSON for tools.

Front-matter text is text: everything an author wrote is escaped for Markdown, so a name
with `*`, `|` or `<` reads as written and cannot break the comment."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from journeymaps.analysis.compare import PainStatus, compare_journey, stage_mean
from journeymaps.authoring.diff import (
    OPPORTUNITY_FIELDS,
    Edit,
    EmotionChange,
    MapChange,
    Move,
    OpportunityChange,
    Placed,
    SiteDiff,
    StageMean,
)
from journeymaps.authoring.diff_measures import kpi_json, kpi_line, metrics_lines
from journeymaps.authoring.metric_diff import MetricChange
from journeymaps.format.problems import InvalidSite, Problem
from journeymaps.model import Catalog, Map, Source, Step
from journeymaps.settings import Settings
from journeymaps.site import urls
from journeymaps.text import Names, Text
from journeymaps.text.printable import log_line, printable

# The first line of every summary, invisible on GitHub: a workflow finds its own comment
# by it and updates that one instead of adding a comment per push.
MARKER = "<!-- journeymaps-diff -->"
BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"  # a step without emotion
# GitHub refuses a comment over 65,536 characters: maps past this many are left out, with
# a line that says so (the command itself and --format json still tell everything).
COMMENT_LIMIT = 60_000
PROBLEMS_SHOWN = 50  # the rest are on their lines of the pull request, from validate


@dataclass
class Review:
    """A comparison and what is needed to tell it: the revisions, the head's problems, the
    emotion scale of the sparklines and where the site is published."""

    diff: SiteDiff
    base: Catalog
    head: Catalog
    base_label: str
    head_label: str | None = None  # None: the working tree
    problems: list[Problem] = field(default_factory=list)  # the head's errors
    prefix: str = ""  # the site folder inside the repository, for problem paths
    scale: tuple[float, float] = (-2.0, 2.0)
    site_url: str | None = None
    use_directory_urls: bool = True
    metrics: list[MetricChange] = field(default_factory=list)  # metric data files that changed
    metrics_dir: str = Settings.metrics_dir
    stale_after: int = Settings.metrics_stale_after

    def map_url(self, m: Map) -> str | None:
        if not self.site_url or m.draft:
            return None
        page = urls.page_url(urls.map_src(m.journey, m.state), self.use_directory_urls)
        return self.site_url.rstrip("/") + "/" + quote(page)

    def step_url(self, m: Map, step: Step) -> str | None:
        page = self.map_url(m)
        return f"{page}#{quote(urls.anchor('step', step.id))}" if page and step.id else None


# -- words and numbers ----------------------------------------------------------------------

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~#@!])")


def md(text: object) -> str:
    """Author's text as literal Markdown on one line."""
    return _ESCAPE.sub(r"\\\1", printable(" ".join(str(text).split())).replace("&", "&amp;"))


def link(text: object, url: str | None) -> str:
    return f"[{md(text)}]({url})" if url else md(text)


def code(ident: str) -> str:
    return f"`{ident}`"


def number(value: float | None) -> str:
    if value is None:
        return "—"
    shown = f"{round(value, 2):g}"
    return "0" if shown == "-0" else shown.replace("-", "−")


def signed(value: float | None) -> str:
    if value is None:
        return "—"
    if round(value, 2) == 0:
        return "±0"
    return ("+" if value > 0 else "") + number(value)


def _block(value: float | None, scale: tuple[float, float]) -> str:
    if value is None:
        return GAP
    low, high = scale
    level = (min(max(value, low), high) - low) / (high - low)
    return BLOCKS[round(level * (len(BLOCKS) - 1))]


def sparkline(m: Map | None, scale: tuple[float, float]) -> str:
    """The emotion curve as a line of block characters, a dot where a step has no emotion."""
    return "".join(_block(step.emotion, scale) for step in (m.steps if m else []))


def sparklines(before: Map, after: Map, scale: tuple[float, float]) -> tuple[str, str]:
    """Both curves in shared columns: a step of both maps (by id) stands in one column, and a
    step only one map has (added, removed, or moved to another place) gets a column blank on
    the other line, so the bar that moved stands right above or below its old self."""
    old, new = before.steps, after.steps
    top: list[str] = []
    bottom: list[str] = []
    matcher = difflib.SequenceMatcher(None, [s.id for s in old], [s.id for s in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        was = [_block(s.emotion, scale) for s in old[i1:i2]]
        now = [_block(s.emotion, scale) for s in new[j1:j2]]
        if tag == "equal":
            top += was
            bottom += now
        else:
            top += was + [" "] * len(now)
            bottom += [" "] * len(was) + now
    return "".join(top), "".join(bottom)


def mean_emotion(m: Map | None) -> float | None:
    values = [s.emotion for s in m.steps if s.emotion is not None] if m else []
    return round(sum(values) / len(values), 3) if values else None


def _count(text: Text, key: str, count: int) -> str:
    return text(f"{key}.{'one' if count == 1 else 'many'}", count=count)


def _state(text: Text, m: Map) -> str:
    return text[f"state.{m.state}"]


# -- Markdown -------------------------------------------------------------------------------


def markdown(review: Review, text: Text) -> str:
    """The summary as Markdown for a pull-request comment."""
    from journeymaps.authoring import metric_report  # it builds on this module's words and numbers

    diff = review.diff
    lines = [MARKER, f"## {text['diff.title']}", "", _headline(review, text), ""]
    if review.problems:
        lines += _problems(review, text)
    for key, maps in (("diff.added", diff.added), ("diff.removed", diff.removed)):
        if maps:
            lines += [f"**{text[key]}**", "", *(f"- {_map_item(review, text, m)}" for m in maps), ""]
    if diff.renamed:
        lines += [f"**{text['diff.renamed']}**", ""]
        lines += [f"- {text('diff.renamed_item', before=code(r.before), after=code(r.after))}" for r in diff.renamed]
        lines.append("")
    lines += metric_report.markdown_lines(review, text)
    # A data file added or removed is in the metric values' table already, when it is there.
    valued = {change.id for change in review.metrics}
    added, removed = ([i for i in ids if i not in valued] for ids in (diff.metrics_added, diff.metrics_removed))
    personas = _personas(text, diff) + metrics_lines(text, added, removed, code)
    size = sum(len(line) + 1 for line in lines + personas)
    sections = [_map_change(review, text, change) for change in diff.changed]
    for shown, section in enumerate(sections):
        section_size = sum(len(line) + 1 for line in section)
        if size + section_size > COMMENT_LIMIT:
            left = len(sections) - shown
            lines += [text("diff.left_out", count=left, command=code(f"journeymaps diff {review.base_label}")), ""]
            break
        lines += section
        size += section_size
    return "\n".join(lines + personas).rstrip("\n") + "\n"


def _headline(review: Review, text: Text) -> str:
    diff = review.diff
    where = (
        text("diff.compared_two", base=code(review.base_label), head=code(review.head_label))
        if review.head_label
        else text("diff.compared", base=code(review.base_label))
    )
    personas = len(diff.personas_added) + len(diff.personas_removed) + len(diff.personas_edited)
    counts = [
        _count(text, f"diff.count.{key}", n)
        for key, n in (
            ("changed", len(diff.changed)),
            ("added", len(diff.added)),
            ("removed", len(diff.removed)),
            ("renamed", len(diff.renamed)),
            ("personas", personas),
            ("metrics", len(review.metrics)),
        )
        if n
    ]
    return text("diff.headline", where=where, counts=Names(counts) if counts else text["diff.nothing"])


def _problems(review: Review, text: Text) -> list[str]:
    shown = review.problems[:PROBLEMS_SHOWN]
    body = "\n".join(log_line(review.prefix + p.words(text)) for p in shown)
    if len(review.problems) > len(shown):
        body += "\n" + text("diff.more_problems", count=len(review.problems) - len(shown))
    fence = "```"
    while fence in body:
        fence += "`"
    summary = InvalidSite(review.problems).summary(text)
    return [f"**{text('diff.invalid', summary=summary)}**", "", f"{fence}text", body, fence, ""]


def _map_item(review: Review, text: Text, m: Map) -> str:
    """One line for a map added or removed."""
    parts = [link(m.title, review.map_url(m)), _state(text, m), code(m.journey)]
    if m in review.diff.added:
        parts.append(f"{_count(text, 'diff.stages', len(m.stages))}, {_count(text, 'diff.steps', len(m.steps))}")
        journey = review.head.journeys.get(m.journey)
        if m.state == "future" and journey and "current" in journey.states:
            comparison = compare_journey(journey)
            total = len(comparison.pain_points)
            if total:
                parts.append(text("diff.resolves_count", resolved=len(comparison.resolved_ids), total=total))
    elif m.journey in review.diff.redirects:
        parts.append(text("diff.redirect", journey=code(review.diff.redirects[m.journey])))
    return " · ".join(parts)


def _map_change(review: Review, text: Text, change: MapChange) -> list[str]:
    m = change.after
    lines = [f"### {link(m.title, review.map_url(m))} · {_state(text, m)}", ""]
    if change.renamed_from:
        lines += [text("diff.renamed_from", journey=code(change.renamed_from)), ""]
    if change.emotion_moved:
        lines += _emotion(review, text, change)
    for key, items, render in _sections(review, text, change):
        if items:
            lines += [f"**{text[key]}**", "", *(f"- {render(item)}" for item in items), ""]
    if change.reviewed:
        dates = [d.isoformat() if d else text["diff.never"] for d in (change.reviewed.before, change.reviewed.after)]
        lines += [f"**{text['diff.reviewed']}** {' → '.join(dates)}", ""]
    if change.edits:
        edits = text["diff.sep"].join(_edit(text, e) for e in change.edits)
        lines += [f"**{text['diff.edited']}** {edits}", ""]
    return lines


def _width(words: str) -> int:
    """Columns on a monospaced line: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in words)


def _curves(review: Review, text: Text, change: MapChange) -> list[str]:
    """Both emotion curves, one above the other in a code block, so their shapes compare at a glance."""
    labels = [text["diff.col.before"], text["diff.col.after"]]
    curves = sparklines(change.before, change.after, review.scale)
    label_width, curve_width = max(map(_width, labels)), max(map(len, curves))
    lines = ["```text"]
    for label, curve, m in zip(labels, curves, (change.before, change.after), strict=True):
        mean = text("diff.mean", value=number(mean_emotion(m)))
        lines.append(f"{label}{' ' * (label_width - _width(label))}  {curve.ljust(curve_width)}  {mean}")
    return [*lines, "```", ""]


def _emotion(review: Review, text: Text, change: MapChange) -> list[str]:
    lines = _curves(review, text, change)
    rows = _emotion_rows(review, text, change)
    if rows:
        head = [text[f"diff.col.{c}"] for c in ("step", "before", "after", "change")]
        lines += [f"| {' | '.join(head)} |", "|:--|--:|--:|--:|", *rows, ""]
    return lines


def _emotion_rows(review: Review, text: Text, change: MapChange) -> list[str]:
    """Stage means that moved, each followed by its steps whose emotion changed."""
    means: dict[str, StageMean] = {s.id: s for s in change.stages}
    steps: dict[str, list[EmotionChange]] = {}
    for e in change.emotions:
        steps.setdefault(e.stage.id, []).append(e)
    order = [s.id for s in change.after.stages] + [s.id for s in change.stages]
    rows = []
    for sid in dict.fromkeys(order):
        if sid not in means and sid not in steps:
            continue
        stage = means.get(sid) or _unchanged_mean(change, sid)
        row = [f"**{text('diff.stage_mean', stage=md(stage.name))}**", number(stage.before), number(stage.after)]
        rows.append(f"| {' | '.join(row)} | {signed(stage.change)} |")
        for e in steps.get(sid, []):
            name = link(e.step.name, review.step_url(change.after, e.step))
            rows.append(f"| {name} | {number(e.before)} | {number(e.after)} | {signed(e.change)} |")
    return rows


def _unchanged_mean(change: MapChange, stage_id: str) -> StageMean:
    after = next(s for s in change.after.stages if s.id == stage_id)
    before = next((s for s in change.before.stages if s.id == stage_id), None)
    return StageMean(stage_id, after.name, stage_mean(before), stage_mean(after))


def _sections(review: Review, text: Text, change: MapChange) -> list[tuple[str, list, Any]]:
    after, before = change.after, change.before

    def step_at(m: Map, placed: Placed) -> str:
        return link(placed.step.name, review.step_url(m, placed.step))

    def new_step(p: Placed) -> str:
        return " · ".join([step_at(after, p), md(p.stage.name), _emotion_of(text, p.step)])

    def old_step(p: Placed) -> str:
        return " · ".join([md(p.step.name), md(p.stage.name), _emotion_of(text, p.step)])

    def pain(m: Map | None, p: Placed, where: bool = True) -> str:
        parts = [md(p.item.text)]
        if p.item.severity:
            parts.append(text[f"level.{p.item.severity}"])
        if where:
            parts.append(step_at(m, p) if m and any(s.id == p.step.id for s in m.steps) else md(p.step.name))
        return " · ".join(parts)

    def resolution(catalog: Catalog, future: Map, status: PainStatus) -> str:
        """A pain point of the current state, and the future steps that resolve it (or did)."""
        journey = catalog.journeys.get(future.journey)
        told = pain(journey.states.get("current") if journey else None, Placed(status.pain, status.step, status.stage))
        if not status.resolved_by:
            return told
        steps = Names(link(s.name, review.step_url(future, s)) for s in status.resolved_by)
        return f"{told} · {text('diff.resolved_by', steps=steps)}"

    def opportunity(m: Map, p: Placed) -> str:
        o = p.item
        parts = [md(o.text)]
        parts += [text[f"level.{o.priority}"]] if o.priority else []
        parts += [text[f"status.{o.status}"]] if o.status else []
        parts += [text("diff.owner", owner=md(o.owner))] if o.owner else []
        return " · ".join([*parts, step_at(m, p) if m is after else md(p.step.name)])

    def opportunity_change(c: OpportunityChange) -> str:
        moves = [
            text(f"diff.change.{f.field}", before=_field_value(text, f.field, f.before),
                 after=_field_value(text, f.field, f.after))
            for f in c.changes
        ]  # fmt: skip
        return text("diff.changed_item", name=md(c.opportunity.item.text), changes=Names(moves))

    def moved(mv: Move) -> str:
        changes = f"{md(mv.before.name)} → {md(mv.after.name)}"
        return text("diff.changed_item", name=link(mv.step.name, review.step_url(after, mv.step)), changes=changes)

    return [
        ("diff.steps_added", change.steps_added, new_step),
        ("diff.steps_removed", change.steps_removed, old_step),
        ("diff.steps_moved", change.steps_moved, moved),
        ("diff.pains_added", change.pains_added, lambda p: pain(after, p)),
        ("diff.pains_removed", change.pains_removed, lambda p: pain(after, p)),
        ("diff.resolved", change.resolved, lambda p: resolution(review.head, after, p)),
        ("diff.unresolved", change.unresolved, lambda p: resolution(review.base, before, p)),
        ("diff.opportunities_added", change.opportunities_added, lambda p: opportunity(after, p)),
        ("diff.opportunities_removed", change.opportunities_removed, lambda p: opportunity(before, p)),
        ("diff.opportunities_changed", change.opportunities_changed, opportunity_change),
        ("diff.sources_added", change.sources_added, lambda s: _source(text, s)),
        ("diff.sources_removed", change.sources_removed, lambda s: _source(text, s)),
        ("diff.kpis", change.kpis, lambda k: kpi_line(text, k, md, code)),
    ]


def _emotion_of(text: Text, step: Step) -> str:
    if step.emotion is None:
        return text["diff.no_emotion"]
    return text("diff.emotion_value", value=number(step.emotion))


def _field_value(text: Text, name: str, value: str | None) -> str:
    if value is None:
        return "—"
    key = {"status": f"status.{value}", "priority": f"level.{value}"}.get(name)
    return text[key] if key else md(value)


def _source(text: Text, source: Source) -> str:
    return f"{link(source.title, source.url)} · {text[f'source.{source.kind}']}"


def _edit(text: Text, edit: Edit) -> str:
    names = Names(text[f"diff.field.{f}"] if f in ("body", "stage_order", "order") else code(f) for f in edit.fields)
    return text.word(names) if edit.kind == "map" else text(f"diff.edit.{edit.kind}", name=md(edit.name), fields=names)


def _personas(text: Text, diff: SiteDiff) -> list[str]:
    parts = [
        text(key, names=Names(md(p.name) for p in people))
        for key, people in (
            ("diff.personas_added", diff.personas_added),
            ("diff.personas_removed", diff.personas_removed),
            ("diff.personas_edited", diff.personas_edited),
        )
        if people
    ]
    return [f"**{text['diff.personas']}** {text['diff.sep'].join(parts)}", ""] if parts else []


# -- JSON -----------------------------------------------------------------------------------


def as_json(review: Review, text: Text) -> dict[str, Any]:
    """The summary as data for tools: ids and values as the authors wrote them, messages in
    the site's language."""
    from journeymaps.authoring import metric_report

    diff = review.diff
    return {
        "base": review.base_label,
        "head": review.head_label,
        "valid": not review.problems,
        "problems": [
            {
                "file": review.prefix + p.place,
                "line": p.line,
                "message": p.message(text),
                "level": p.level,
                "code": p.msg.key,
            }
            for p in review.problems
        ],  # fmt: skip
        "maps": {
            "added": [_map_ref(review, m) for m in diff.added],
            "removed": [_map_ref(review, m) | {"redirect": diff.redirects.get(m.journey)} for m in diff.removed],
            "renamed": [{"from": r.before, "to": r.after} for r in diff.renamed],
            "changed": [_change_json(review, c) for c in diff.changed],
        },
        "personas": {
            "added": [p.id for p in diff.personas_added],
            "removed": [p.id for p in diff.personas_removed],
            "edited": [p.id for p in diff.personas_edited],
        },
        "metrics": {"added": diff.metrics_added, "removed": diff.metrics_removed},
        "metric_values": metric_report.as_json(review),
    }


def _map_ref(review: Review, m: Map) -> dict[str, Any]:
    return {"journey": m.journey, "state": m.state, "title": m.title, "url": review.map_url(m)}


def _step_json(review: Review, m: Map, p: Placed) -> dict[str, Any]:
    return {"id": p.step.id, "name": p.step.name, "stage": p.stage.id, "emotion": p.step.emotion,
            "url": review.step_url(m, p.step)}  # fmt: skip


def _item_json(p: Placed, *keys: str) -> dict[str, Any]:
    return {"id": p.item.id, "text": p.item.text, **{k: getattr(p.item, k) for k in keys}, "step": p.step.id}


def _resolution_json(status: PainStatus) -> dict[str, Any]:
    placed = Placed(status.pain, status.step, status.stage)
    return _item_json(placed, "severity") | {"resolved_by": [s.id for s in status.resolved_by]}


def _change_json(review: Review, c: MapChange) -> dict[str, Any]:
    before, after = c.before, c.after
    return {
        **_map_ref(review, after),
        "renamed_from": c.renamed_from,
        "emotion": {
            "before": [s.emotion for s in before.steps],
            "after": [s.emotion for s in after.steps],
            "sparkline": {"before": sparkline(before, review.scale), "after": sparkline(after, review.scale)},
            "mean": {"before": mean_emotion(before), "after": mean_emotion(after)},
        },
        "stages": [
            {"id": s.id, "name": s.name, "before": s.before, "after": s.after, "change": s.change} for s in c.stages
        ],  # fmt: skip
        "steps": {
            "added": [_step_json(review, after, p) for p in c.steps_added],
            "removed": [_step_json(review, before, p) | {"url": None} for p in c.steps_removed],
            "moved": [
                {
                    "id": m.step.id,
                    "name": m.step.name,
                    "from": m.before.id,
                    "to": m.after.id,
                    "url": review.step_url(after, m.step),
                }
                for m in c.steps_moved
            ],  # fmt: skip
            "emotion": [
                {
                    "id": e.step.id,
                    "name": e.step.name,
                    "stage": e.stage.id,
                    "before": e.before,
                    "after": e.after,
                    "change": e.change,
                    "url": review.step_url(after, e.step),
                }
                for e in c.emotions
            ],  # fmt: skip
        },
        "pain_points": {
            "added": [_item_json(p, "severity") for p in c.pains_added],
            "removed": [_item_json(p, "severity") for p in c.pains_removed],
            "resolved": [_resolution_json(p) for p in c.resolved],
            "unresolved": [_resolution_json(p) for p in c.unresolved],
        },
        "opportunities": {
            "added": [_item_json(p, *OPPORTUNITY_FIELDS) for p in c.opportunities_added],
            "removed": [_item_json(p, *OPPORTUNITY_FIELDS) for p in c.opportunities_removed],
            "changed": [
                _item_json(o.opportunity)
                | {"changes": {f.field: {"before": f.before, "after": f.after} for f in o.changes}}
                for o in c.opportunities_changed
            ],  # fmt: skip
        },
        "sources": {
            "added": [{"id": s.id, "title": s.title, "kind": s.kind, "url": s.url} for s in c.sources_added],
            "removed": [{"id": s.id, "title": s.title, "kind": s.kind, "url": s.url} for s in c.sources_removed],
        },
        "reviewed": {"before": _date(c.reviewed.before), "after": _date(c.reviewed.after)} if c.reviewed else None,
        "kpis": [kpi_json(k) for k in c.kpis],
        "edited": [{"kind": e.kind, "id": e.id, "name": e.name, "fields": e.fields} for e in c.edits],
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
