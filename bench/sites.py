"""Write the benchmark's sites from the same content (content.py).

- ``journeymaps/``: the maps and personas as authors write them, and the plugin.
- ``plain-tables/``: what a team would publish without the plugin. One Markdown page at
  the same URL for every page the plugin generates (each map, each journey and its one-page
  summary, each persona, the journeys, touchpoints, opportunities and personas indexes, the
  opportunity matrix) holding the words that
  page shows; the same navigation (a section per journey up to ``nav_limit`` journeys,
  only the indexes past it); the same pages left out of search and the same parts of
  pages marked ``data-search-exclude``; the same alias redirect pages. Where the plugin
  shows a table (the stage table, the pain points and opportunities of a map, the
  indexes) the page has a Markdown table.
- ``plain/``, the yardstick: the same pages with every table row written as a paragraph.
  The same words, pages, navigation and search in the cheapest Markdown there is:
  Python-Markdown's tables extension takes about as long again over a table as over the
  same words in paragraphs, a cost of its own that the yardstick should not carry.

The sites share one mkdocs.yml apart from the plugin and the ``nav``: Material with the
demo site's features, search, and the same Markdown extensions. What the plain sites do not
have is the plugin's own work: the emotion charts (SVG and Plotly data), icons, the
filters of the indexes, ``map.json``, ``journey.json``, ``journeymaps.json``,
``opportunities.csv``, ``emotion.png`` and plotly.js. That is what the benchmark measures.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import yaml
from content import Content, Journey, Persona, metric_csv, metric_yml
from journeymaps.text import Text

NAV_LIMIT = 50  # the plugin's default
TODAY = dt.date.today()

CONFIG = """\
site_name: Bench
site_url: https://bench.example.com/
repo_url: https://git.example.com/cx/bench
edit_uri: edit/main/docs/
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.instant
    - navigation.tabs
    - navigation.sections
    - content.action.edit
    - search.highlight
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/brightness-7, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/brightness-4, name: Switch to light mode}}
plugins:
  - search
{plugin}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - admonition
  - toc:
      permalink: true
{nav}
"""
HOME = "# Customer journeys\n\nThe maps, journeys and personas of the benchmark.\n"

# The English words the plugin's pages use (journeymaps.text.pages), kept here so the plain
# site does not depend on the plugin.
STATE = {"current": "Current state", "future": "Future state"}
TYPE = {
    "customer-journey": "Customer journey",
    "purchase-journey": "Purchase journey",
    "day-in-the-life": "Day in the life",
    "service-blueprint": "Service blueprint",
    "onboarding": "Onboarding",
}
CHANNEL = {
    "web": "Website",
    "app": "App",
    "email": "Email",
    "phone": "Phone",
    "chat": "Chat",
    "social": "Social media",
    "store": "In person",
    "event": "Event",
    "mail": "Post",
    "sales": "Sales team",
    "partner": "Partner",
    "word-of-mouth": "Word of mouth",
}
LEVEL = {"low": "Low", "medium": "Medium", "high": "High"}
QUADRANT = {"quick-win": "Quick wins", "big-bet": "Big bets", "fill-in": "Fill-ins", "money-pit": "Money pits"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}  # worst first
PROGRESS = ("idea", "planned", "in-progress", "done")
STATUS = {"idea": "Idea", "planned": "Planned", "in-progress": "In progress", "done": "Done"}
SOURCE = {k: k.capitalize() for k in ("interview", "survey", "analytics", "support", "social", "other")}


def write_sites(content: Content, base: Path) -> dict[str, Path]:
    """The three sites under ``base``: plain, plain-tables and journeymaps."""
    sites = {name: base / name for name in ("plain", "plain-tables", "journeymaps")}
    for site in sites.values():
        if site.exists():
            shutil.rmtree(site)
        (site / "docs").mkdir(parents=True)
        (site / "docs/index.md").write_text(HOME, encoding="utf-8")
    _write_journeymaps(content, sites["journeymaps"])
    _write_plain(content, sites["plain-tables"], lambda text: text)
    _write_plain(content, sites["plain"], without_tables)
    return sites


def without_tables(markdown: str) -> str:
    """Each table row a paragraph of its cells; the header's rule dropped."""
    out = []
    for line in markdown.split("\n"):
        if line.startswith("|---"):
            continue
        if line.startswith("| "):
            cells = (c.strip() for c in line.strip().strip("|").split(" | "))
            out += ["", " ".join(c.replace("<br>", " ") for c in cells if c), ""]
        else:
            out.append(line)
    return "\n".join(out)


def photo_png(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (96, 96), (80 + (seed * 53) % 150, 80 + (seed * 97) % 150, 80 + (seed * 31) % 150))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# -- the journeymaps site ------------------------------------------------------------------


def _front(data: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n" + body


def _write_journeymaps(content: Content, root: Path) -> None:
    (root / "mkdocs.yml").write_text(CONFIG.format(plugin="  - journeymaps", nav="nav:\n  - Home: index.md"))
    (root / "personas").mkdir()
    for i, p in enumerate(content.personas):
        (root / f"personas/{p.id}.md").write_text(_front(p.front, p.body), encoding="utf-8")
        if p.photo:
            (root / "personas" / p.front["photo"]).write_bytes(photo_png(i))
    for j in content.journeys:
        for state, front in j.maps.items():
            path = root / "maps" / (f"{j.id}.md" if j.single_file else f"{j.id}/{state}.md")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_front(front, j.bodies[state]), encoding="utf-8")
    if content.metrics:
        (root / "metrics").mkdir()
    for metric_id, (latest, rows) in content.metrics.items():
        (root / f"metrics/{metric_id}.csv").write_text(metric_csv(metric_id, latest, rows), encoding="utf-8")
        if description := metric_yml(metric_id):
            (root / f"metrics/{metric_id}.yml").write_text(description, encoding="utf-8")


# -- the plain site ------------------------------------------------------------------------


def _write_plain(content: Content, root: Path, markup) -> None:
    site = PlainSite(content)
    (root / "mkdocs.yml").write_text(CONFIG.format(plugin="", nav=site.nav()), encoding="utf-8")
    docs = root / "docs"
    for src, text in site.pages():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markup(text), encoding="utf-8")
    for i, p in enumerate(content.personas):
        if p.photo:
            (docs / "assets/personas").mkdir(parents=True, exist_ok=True)
            (docs / f"assets/personas/{p.id}.png").write_bytes(photo_png(i))
    for j in content.journeys:
        for alias in j.maps["current"].get("aliases", []):
            for page in ["", *[f"{s}/" for s in j.maps]]:
                target = "../" * (1 + page.count("/")) + f"{j.id}/{page}"
                path = docs / f"journeys/{alias}/{page}index.html"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(_redirect(target, j.maps["current"]["title"]), encoding="utf-8")


def _redirect(target: str, title: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{target}"><meta http-equiv="refresh" content="0; url={target}">'
        f'<meta name="robots" content="noindex"></head><body><p><a href="{target}">{title}</a></p></body></html>\n'
    )


def _items(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _emotion(value: float | None, fmt: str = "%+g") -> str:
    if value is None:
        return "no data"
    return "0" if value == 0 else fmt % value


def _cell(parts) -> str:
    """One table cell: several lines joined with <br>."""
    return "<br>".join(str(p) for p in parts if p not in (None, "")).replace("|", "\\|")


def _meta(**values) -> str:
    return _front({k: v for k, v in values.items() if v is not None}, "")


def _review(m: dict) -> str:
    reviewed = m.get("reviewed")
    every = m.get("review_every", 90)
    if reviewed is None:
        return "Due for review · Never reviewed"
    if (TODAY - reviewed).days > every:
        return f"Due for review · {_day(reviewed)}"
    return _day(reviewed)


def _day(value: dt.date) -> str:
    return Text("en").day(value)  # as the site writes dates


def _pains(m: dict) -> list[tuple[dict, dict, dict]]:
    return [
        (stage, step, p if isinstance(p, dict) else {"text": p})
        for stage in m["stages"]
        for step in stage["steps"]
        for p in _items(step.get("pain_points"))
    ]


def _left_out_of_search(header: list[str], rows: list[list[str]]) -> list[str]:
    """A table that repeats the stage table's words, which search leaves out; or a note."""
    if not rows:
        return ["None recorded yet.", ""]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    table += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return ['<div data-search-exclude markdown="1">', "", *table, "", "</div>", ""]


def _steps(m: dict) -> list[tuple[dict, dict]]:
    return [(stage, step) for stage in m["stages"] for step in stage["steps"]]


def _dicts(value) -> list[dict]:
    return [p for p in _items(value) if isinstance(p, dict)]


def _opportunities(m: dict) -> list[tuple[dict, dict, dict]]:
    return [
        (stage, step, o if isinstance(o, dict) else {"text": o})
        for stage in m["stages"]
        for step in stage["steps"]
        for o in _items(step.get("opportunities"))
    ]


def _stage_mean(stage: dict | None) -> float | None:
    if stage is None:
        return None
    values = [s["emotion"] for s in stage["steps"] if s.get("emotion") is not None]
    return round(sum(values) / len(values), 3) if values else None


def _stage_key(stage: dict) -> str:
    return stage.get("id") or stage["name"]


def _quadrant(impact: str, effort: str) -> str:
    """The matrix's quadrant (analysis/matrix.py): only "high" counts as high."""
    if impact == "high":
        return "big-bet" if effort == "high" else "quick-win"
    return "money-pit" if effort == "high" else "fill-in"


def _addressed(m: dict, o: dict) -> list[dict]:
    """The pain points of its map an opportunity addresses."""
    pains = {p.get("id"): p for _, _, p in _pains(m)}
    return [pains[a] for a in _items(o.get("addresses")) if a in pains]


def _severities(pains: list[dict]) -> str:
    if not pains:
        return "Addresses no pain point"
    return "Addresses pain points of severity: " + " ".join(LEVEL.get(p.get("severity"), "") for p in pains)


class PlainSite:
    def __init__(self, content: Content):
        self.content = content
        self.personas = {p.id: p for p in content.personas}

    # -- where things are

    def nav(self) -> str:
        """The navigation the plugin builds (plugin.py on_nav), written out."""
        lines = ["nav:", "  - Home: index.md", "  - Journeys:"]
        lines += [
            "      - All journeys: journeys/index.md",
            "      - Pain points: pain-points/index.md",
            "      - Touchpoints: touchpoints/index.md",
            "      - Opportunities: opportunities/index.md",
            "      - Opportunity matrix: opportunities/matrix.md",
            "      - Owners: owners/index.md",
            "      - Tags: tags/index.md",
            "      - Research: research/index.md",
        ]
        if len(self.content.journeys) <= NAV_LIMIT:
            for j in self.content.journeys:
                lines.append(f"      - {_yaml_str(self._title(j))}:")
                lines.append(f"          - Current against future: journeys/{j.id}/index.md")
                lines += [f"          - {STATE[s]}: journeys/{j.id}/{s}.md" for s in j.maps]
        lines += ["  - Personas:", "      - All personas: personas/index.md"]
        if len(self.content.personas) <= NAV_LIMIT:
            lines += [f"      - {_yaml_str(p.front['name'])}: personas/{p.id}.md" for p in self.content.personas]
        # The plugin keeps its pages out of "not in nav" reports; so does the plain site.
        lines += ["not_in_nav: |", "  /journeys/", "  /personas/", "  /tags/", "  /research/"]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _title(j: Journey) -> str:
        return j.maps["current"]["title"]

    def pages(self):
        yield "journeys/index.md", self.journeys_index()
        for j in self.content.journeys:
            yield f"journeys/{j.id}/index.md", self.journey_page(j)
            yield f"journeys/{j.id}/summary.md", self.summary_page(j)
            for state in j.maps:
                yield f"journeys/{j.id}/{state}.md", self.map_page(j, state)
        yield "pain-points/index.md", self.pain_points_index()
        yield "touchpoints/index.md", self.touchpoints_index()
        yield "opportunities/index.md", self.opportunities_index()
        yield "opportunities/matrix.md", self.matrix_page()
        yield "owners/index.md", self.owners_index()
        yield "tags/index.md", self.tags_index()
        for tag in self._tags():
            yield f"tags/{tag}.md", self.tag_page(tag)
        yield "research/index.md", self.research_index()
        for source_id, (source, maps) in self._sources().items():
            yield f"research/{source_id}/index.md", self.research_page(source, maps)
        yield "personas/index.md", self.personas_index()
        for p in self.content.personas:
            yield f"personas/{p.id}.md", self.persona_page(p)

    # -- shared parts

    def persona_cards(self, m: dict, up: str) -> list[str]:
        out = []
        for pid in _items(m["persona"]):
            p = self.personas[pid].front
            out.append(f"- [**{p['name']}**]({up}personas/{pid}.md) {p.get('role', '')} “{p.get('quote', '')}”")
        return [*out, ""]

    def state_switch(self, j: Journey, here: str | None, up: str) -> str:
        parts = [
            "**Current against future**" if here is None else f"[Current against future]({up}journeys/{j.id}/index.md)"
        ]
        for s in j.maps:
            parts.append(f"**{STATE[s]}**" if s == here else f"[{STATE[s]}]({up}journeys/{j.id}/{s}.md)")
        return " · ".join(parts) + "\n"

    def emotion_table(self, maps: list[tuple[str, dict]], who: str) -> list[str]:
        """The emotion curve's words: its description, legend and data table (the chart is
        put in after search has read the page, so this is left out of search too)."""
        slots: dict[tuple[str, str], dict[str, dict]] = {}
        names: dict[tuple[str, str], tuple[str, str]] = {}
        for state, m in maps:
            for stage in m["stages"]:
                for step in stage["steps"]:
                    key = (_stage_key(stage), step["id"])
                    slots.setdefault(key, {})[state] = step
                    names.setdefault(key, (stage["name"], step["name"]))
        head = "| Stage | Step | " + " | ".join(STATE[s] for s, _ in maps) + " |"
        lines = [
            '<div data-search-exclude markdown="1">',
            "",
            f"How {who} feels at each step, from -2 (very negative) to 2 (very positive). "
            + " ".join(STATE[s] for s, _ in maps)
            + " Pain points Moment of truth",
            "",
            "Emotion by step (table)",
            "",
            head,
            "|" + "---|" * (2 + len(maps)),
        ]
        for key, by_state in slots.items():
            cells = []
            for s, _ in maps:
                step = by_state.get(s)
                if step is None:
                    cells.append("—")
                else:
                    feeling = f" ({step['feeling']})" if step.get("feeling") else ""
                    cells.append(_emotion(step.get("emotion")) + feeling)
            lines.append(f"| {names[key][0]} | {names[key][1]} | " + " | ".join(cells) + " |")
        return [*lines, "", "</div>", ""]

    # -- pages

    def map_page(self, j: Journey, state: str) -> str:
        m = j.maps[state]
        up = "../../"
        meta = {"title": f"{m['title']} · {STATE[state]}", "description": m.get("description"), "hide": ["toc"]}
        out = [_meta(**meta), f"{STATE[state]} {TYPE[m.get('type', 'customer-journey')]}", "", f"# {m['title']}", ""]
        if m.get("description"):
            out += [m["description"], ""]
        out += [self.state_switch(j, state, up), *self.persona_cards(m, up)]
        facts = [("Goal", m.get("goal")), ("Scope", m.get("scope")), ("Owner", m.get("owner"))]
        facts.append(("Reviewed", f"{_review(m)} Review every {m.get('review_every', 90)} days"))
        facts.append(("Tags", " ".join(_items(m.get("tags")))))
        out += [f"- **{k}**: {v}" for k, v in facts if v] + [""]
        names = ", ".join(self.personas[p].front["name"] for p in _items(m["persona"]))
        out += ["## Emotion curve", "", *self.emotion_table([(state, m)], names)]
        out += ["## Stage by stage", "", "The table scrolls sideways on narrow screens.", "", *self.stage_table(m)]
        out += self.map_lists(m)
        if m.get("sources"):
            out += ["## Sources", ""]
            for s in m["sources"]:
                title = f"[{s['title']}]({s['url']})" if s.get("url") else s["title"]
                out.append(f"- {SOURCE[s.get('kind', 'other')]} {title}")
            out.append("")
        out.append(j.bodies[state])
        return "\n".join(out)

    def stage_table(self, m: dict) -> list[str]:
        steps = [(stage, t, step) for stage in m["stages"] for t, step in enumerate(stage["steps"])]
        stage_cells = [
            _cell([f"**{stage['name']}**", stage.get("description")]) if t == 0 else "" for stage, t, _ in steps
        ]
        rows = [
            "| Stage | " + " | ".join(stage_cells) + " |",
            "|---|" + "---|" * len(steps),
            "| Step | "
            + " | ".join(
                _cell([step["name"], "Moment of truth" if step.get("moment_of_truth") else ""]) for _, _, step in steps
            )
            + " |",
        ]
        if any(stage.get("kpis") for stage in m["stages"]):
            kpis = []
            for stage, t, _ in steps:
                kpis.append(
                    _cell(
                        f"{k['name']} **{k.get('value', '—')}**"
                        + (f" / Target {k['target']}" if k.get("target") else "")
                        for k in stage.get("kpis", [])
                    )
                    if t == 0
                    else ""
                )
            rows.append("| KPIs | " + " | ".join(kpis) + " |")

        def emotion(step: dict) -> str:
            return _cell(
                [
                    _emotion(step.get("emotion")),
                    step.get("feeling"),
                    f"“{step['quote']}”" if step.get("quote") else "",
                ]
            )

        def pains(step: dict) -> str:
            return _cell(
                f"{p['text']} {LEVEL.get(p.get('severity'), '')}".strip()
                for p in (x if isinstance(x, dict) else {"text": x} for x in _items(step.get("pain_points")))
            )

        def opportunities(step: dict) -> str:
            return _cell(
                f"{o['text']} {STATUS.get(o.get('status'), '')}".strip()
                for o in (x if isinstance(x, dict) else {"text": x} for x in _items(step.get("opportunities")))
            )

        lanes = [
            ("Touchpoint", lambda s: s.get("touchpoint", "")),
            ("Channel", lambda s: CHANNEL.get(s.get("channel"), s.get("channel", ""))),
            ("Actions", lambda s: _cell(_items(s.get("actions")))),
            ("Thoughts", lambda s: _cell(_items(s.get("thoughts")))),
            ("Emotion", emotion),
            ("Pain points", pains),
            ("Opportunities", opportunities),
        ]
        if m.get("type") == "service-blueprint":
            lanes += [
                ("Frontstage", lambda s: _cell(_items(s.get("frontstage")))),
                ("Line of visibility", lambda s: ""),
                ("Backstage", lambda s: _cell(_items(s.get("backstage")))),
                ("Support processes", lambda s: _cell(_items(s.get("support")))),
            ]
        for label, cell in lanes:
            rows.append(f"| {label} | " + " | ".join(cell(step) for _, _, step in steps) + " |")
        return [*rows, ""]

    def map_lists(self, m: dict) -> list[str]:
        """Touchpoints, pain points and opportunities: they repeat the stage table, so search
        does not read them (the plugin puts them in after search has read the page)."""
        out = ["## Touchpoints", "", '<div data-search-exclude markdown="1">', ""]
        n = 1
        for stage in m["stages"]:
            for step in stage["steps"]:
                if step.get("touchpoint") or step.get("channel"):
                    channel = CHANNEL.get(step.get("channel"), step.get("channel", ""))
                    out.append(
                        f"{n}. {channel} {step.get('touchpoint') or step['name']} {stage['name']} · {step['name']}"
                    )
                    n += 1
        out += ["", "</div>", "", "## Pain points", ""]
        opps = _opportunities(m)
        pains = _pains(m)
        rows = []
        for stage, step, p in pains:
            evidence = "Evidence: " + ", ".join(_items(p.get("evidence"))) if p.get("evidence") else ""
            addressing = [
                f"{o['text']} {STATUS.get(o.get('status'), '')}"
                for _, _, o in opps
                if p.get("id") and p["id"] in _items(o.get("addresses"))
            ]
            place = _cell([step["name"], stage["name"]])
            rows.append([_cell([p["text"], evidence]), LEVEL.get(p.get("severity"), ""), place, _cell(addressing)])
        out += _left_out_of_search(["Pain points", "Severity", "Step", "Opportunities"], rows)
        out += ["## Opportunities", ""]
        texts = {p.get("id"): p["text"] for _, _, p in pains}
        rows = []
        for stage, step, o in opps:
            addresses = "; ".join(texts.get(a, "") for a in _items(o.get("addresses")))
            text = _cell([o["text"], f"Addresses: {addresses}" if addresses else ""])
            status = STATUS.get(o.get("status"), "")
            place = _cell([step["name"], stage["name"]])
            rows.append([text, LEVEL.get(o.get("priority"), ""), o.get("owner", ""), status, place])
        out += _left_out_of_search(["Opportunities", "Priority", "Owner", "Status", "Step"], rows)
        return out

    def journey_page(self, j: Journey) -> str:
        up = "../../"
        states = list(j.maps.items())
        first = states[0][1]
        out = [
            _meta(title=self._title(j), search={"exclude": True}, hide=["toc"]),
            TYPE[first.get("type", "customer-journey")],
            "",
        ]
        out += [f"# {self._title(j)}", ""]
        if first.get("description"):
            out += [first["description"], ""]
        out += [self.state_switch(j, None, up), *self.persona_cards(first, up)]
        out += [f"- **{STATE[s]}**: {_cell([m.get('goal'), _review(m)])}" for s, m in states]
        if first.get("owner"):
            out.append(f"- **Owner**: {first['owner']}")
        out.append("")
        current, future = j.maps.get("current"), j.maps.get("future")
        if not future:
            out += ["This journey has no future state yet: all its pain points are open.", ""]
        names = ", ".join(self.personas[p].front["name"] for p in _items(first["persona"]))
        out += ["## Emotion curve", "", *self.emotion_table(states, names)]
        out += ["## Stage by stage", "", '<div data-search-exclude markdown="1">', ""]
        out += ["| Stage | Current state | Future state | Change |", "|---|---|---|---|"]
        by_state = {s: {_stage_key(st): st for st in m["stages"]} for s, m in states}
        stage_names: dict[str, str] = {}
        for _, m in states:
            for st in m["stages"]:
                stage_names.setdefault(_stage_key(st), st["name"])
        for key, name in stage_names.items():
            now = _stage_mean(by_state.get("current", {}).get(key))
            then = _stage_mean(by_state.get("future", {}).get(key))
            change = "—" if now is None or then is None else ("0" if then == now else "%+.1f" % (then - now))
            out.append(f"| {name} | {_emotion(now, '%+.1f')} | {_emotion(then, '%+.1f')} | {change} |")
        out += ["", "</div>", "", "## Pain points", ""]
        pains = _pains(current) if current else []
        resolvers: dict[str, list[dict]] = {}
        for _, step, _ in [(None, s, None) for st in (future or {"stages": []})["stages"] for s in st["steps"]]:
            for pid in _items(step.get("resolves")):
                resolvers.setdefault(pid, []).append(step)
        if pains:
            resolved = sum(1 for _, _, p in pains if p.get("id") in resolvers)
            out += [f"{resolved} of {len(pains)} pain points resolved in the future state.", ""]
            out += ['<div data-search-exclude markdown="1">', ""]
            out += ["| Pain points | Severity | Current state | Status | Opportunities |", "|---|---|---|---|---|"]
            opps = _opportunities(current)
            for stage, step, p in pains:
                by = resolvers.get(p.get("id"), [])
                status = _cell(["Resolved", ", ".join(f"resolved by {s['name']}" for s in by)]) if by else "Open"
                addressing = [
                    f"{o['text']} {STATUS.get(o.get('status'), '')}"
                    for _, _, o in opps
                    if p.get("id") in _items(o.get("addresses"))
                ]
                out.append(
                    f"| {p['text']} | {LEVEL.get(p.get('severity'), '')} | {_cell([step['name'], stage['name']])} "
                    f"| {status} | {_cell(addressing)} |"
                )
            out += ["", "</div>", ""]
        else:
            out += ["None recorded yet.", ""]
        if current and future:
            now = {s["id"]: (st, s) for st in current["stages"] for s in st["steps"]}
            then = {s["id"]: (st, s) for st in future["stages"] for s in st["steps"]}
            out += ["## Steps changed", "", '<div data-search-exclude markdown="1">', ""]
            for title, found in (
                ("Steps added", [then[i] for i in then if i not in now]),
                ("Steps removed", [now[i] for i in now if i not in then]),
            ):
                out += [f"### {title}", ""]
                for st, s in found or []:
                    channel = CHANNEL.get(s.get("channel"), s.get("channel", ""))
                    out.append(f"- {s['name']} · {st['name']} {channel} {s.get('touchpoint', '')}")
                out += ([] if found else ["—"]) + [""]
            out += ["### Steps changed", ""]
            for i, (_, before) in now.items():
                if i in then:
                    after = then[i][1]
                    changes = []
                    for f, label in (("touchpoint", "Touchpoint"), ("channel", "Channel")):
                        if before.get(f) != after.get(f):
                            old, new = before.get(f) or "—", after.get(f) or "—"
                            if f == "channel":
                                old, new = CHANNEL.get(old, old), CHANNEL.get(new, new)
                            changes.append(f"{label}: {old} → {new}")
                    if changes:
                        out.append(f"- **{after['name']}** " + " ".join(changes))
            out += ["", "</div>", ""]
        return "\n".join(out)

    def journeys_index(self) -> str:
        out = [_meta(title="Journeys", hide=["toc"]), "# Journeys", ""]
        out += self.filters()
        out += ["| Journey | Persona | States | Type · Owner | Reviewed | Emotion curve |", "|---|---|---|---|---|---|"]
        for j in self.content.journeys:
            first = j.maps["current"]
            title = _cell(
                [f"[**{self._title(j)}**]({j.id}/index.md)", first.get("description"), " ".join(first.get("tags", []))]
            )
            personas = " ".join(
                f"[{self.personas[p].front['name']}](../personas/{p}.md)" for p in _items(first["persona"])
            )
            states = " ".join(f"[{STATE[s]}]({j.id}/{s}.md)" for s in j.maps)
            kind = _cell([TYPE[first.get("type", "customer-journey")], first.get("owner")])
            reviews = _cell(_review(m) for m in j.maps.values())
            out.append(f"| {title} | {personas} | {states} | {kind} | {reviews} | |")
        return "\n".join(out + ["", *self.review_queue()]) + "\n"

    def filters(self) -> list[str]:
        """The words of the filters above the journeys and the heat map."""
        maps = [m for _, _, m in self._maps()]
        people = sorted({self.personas[p].front["name"] for m in maps for p in _items(m["persona"])})
        types = sorted({TYPE[m.get("type", "customer-journey")] for m in maps})
        owners = sorted({m["owner"] for m in maps if m.get("owner")})
        words = ["Persona All", *people, "Type All", *types, "Tag All", *self._tags(), "Owner All", *owners]
        return [" ".join(words), ""]

    def review_queue(self) -> list[str]:
        due = []
        for j, s, m in self._maps():
            every, reviewed = m.get("review_every", 90), m.get("reviewed")
            overdue = None if reviewed is None else (TODAY - reviewed).days - every
            if reviewed is None or overdue > 0:
                due.append((reviewed or dt.date.min, j, s, m, every, overdue))
        out = ["## Due for review", ""]
        out += [
            "Maps whose last review is older than their review interval, oldest review first; maps never "
            "reviewed come before them all. Check them with customers again, then update 'reviewed:'.",
            "",
            "| Map | Owner | Reviewed | Review every | Overdue |",
            "|---|---|---|---|---|",
        ]
        for _, j, s, m, every, overdue in sorted(due, key=lambda d: d[0]):
            reviewed = _day(m["reviewed"]) if m.get("reviewed") else "Never reviewed"
            late = f"{overdue} days" if overdue is not None else "—"
            title = f"[{m['title']}]({j.id}/{s}.md) {STATE[s]}"
            out.append(f"| {title} | {m.get('owner', '')} | {reviewed} | {every} days | {late} |")
        return out

    def touchpoints_index(self) -> str:
        groups: dict[str, dict[str, list]] = {}
        for j in self.content.journeys:
            for state, m in j.maps.items():
                for stage in m["stages"]:
                    for step in stage["steps"]:
                        if step.get("touchpoint"):
                            key = " ".join(step["touchpoint"].lower().split())
                            groups.setdefault(step.get("channel") or "", {}).setdefault(key, []).append(
                                (j, state, m, step)
                            )
        out = [_meta(title="Touchpoints", search={"exclude": True}, hide=["toc"]), "# Touchpoints", ""]
        out += ["Every touchpoint of every map by channel: the steps that use it, and how customers feel.", ""]
        for channel, found in sorted(groups.items(), key=lambda item: (item[0] == "", item[0])):
            out += [f"## {CHANNEL.get(channel, channel) or 'No channel given'} {len(found)}", ""]
            out += ["| Touchpoint | Mean emotion | Used in |", "|---|---|---|"]
            for _, uses in sorted(found.items(), key=lambda item: item[1][0][3]["touchpoint"].lower()):
                values = [u[3]["emotion"] for u in uses if u[3].get("emotion") is not None]
                mean = round(sum(values) / len(values), 2) if values else None
                used = _cell(
                    f"[{m['title']} · {STATE[s]} · {step['name']}](../journeys/{j.id}/{s}.md)" for j, s, m, step in uses
                )
                out.append(f"| **{uses[0][3]['touchpoint']}** | {_emotion(mean, '%+.1f')} | {used} |")
            out.append("")
        return "\n".join(out)

    def opportunities_index(self) -> str:
        out = [_meta(title="Opportunities", search={"exclude": True}, hide=["toc"]), "# Opportunities", ""]
        out += ["Every opportunity of every map, with the pain points it addresses. Download as CSV", ""]
        out += ["| Opportunities | Priority | Status | Owner | Journey | Pain points |", "|---|---|---|---|---|---|"]
        for j in self.content.journeys:
            for s, m in j.maps.items():
                pains = {p.get("id"): p for _, _, p in _pains(m)}
                for stage, step, o in _opportunities(m):
                    where = _cell(
                        [f"[{m['title']}](../journeys/{j.id}/{s}.md)", f"{STATE[s]} · {stage['name']} · {step['name']}"]
                    )
                    addressed = _cell(
                        f"{pains[a]['text']} {LEVEL.get(pains[a].get('severity'), '')}"
                        for a in _items(o.get("addresses"))
                        if a in pains
                    )
                    out.append(
                        f"| {o['text']} | {LEVEL.get(o.get('priority'), '')} | {STATUS.get(o.get('status'), '')} "
                        f"| {o.get('owner', '')} | {where} | {addressed} |"
                    )
        return "\n".join(out) + "\n"

    def summary_page(self, j: Journey) -> str:
        """The one-page summary (analysis/summary.py): the goal, owner and review, the worst
        pain points with how far their fix has come, the work in progress and the KPIs."""
        states = list(j.maps.items())
        main = states[0][1]
        current, future = j.maps.get("current"), j.maps.get("future")
        goal = next((m["goal"] for _, m in states if m.get("goal")), None)
        owner = main.get("owner") or next((m["owner"] for _, m in states if m.get("owner")), None)
        out = [_meta(title=f"{self._title(j)}: one-page summary", search={"exclude": True}, hide=["toc"])]
        out += ["One-page summary " + " ".join(STATE[s] for s, _ in states), "", f"# {self._title(j)}", ""]
        if goal:
            out += [f"**Goal** {goal}", ""]
        facts = [("Owner", owner or "No owner"), ("Reviewed", _review(main))]
        people = ", ".join(self.personas[p].front["name"] for p in _items(main["persona"]))
        facts.append(("Persona", people))
        out += [f"- **{k}**: {v}" for k, v in facts if v] + [""]
        out += ["[The whole journey](index.md) Print or save as PDF", ""]
        # The emotion curves: their names, the stages under them and the legend.
        stage_names: dict[str, str] = {}
        for _, m in states:
            for stage in m["stages"]:
                stage_names.setdefault(_stage_key(stage), stage["name"])
        out += ["## Emotion curve", ""]
        for s, m in states:  # each point of a curve names its step, emotion and feeling
            points = [
                f"{step['name']}: {_emotion(step['emotion'])}"
                + (f" ({step['feeling']})" if step.get("feeling") else "")
                for _, step in _steps(m)
                if step.get("emotion") is not None
            ]
            out += [f"{STATE[s]}: " + " · ".join(points), ""]
        out += [" ".join(stage_names.values()), ""]
        out += ["▼ Pain points ★ Moment of truth", ""]
        # The worst pain points of the current state, worst first, and how far their fix has come.
        resolved = {r for _, step in _steps(future or {"stages": []}) for r in _items(step.get("resolves"))}
        opps = [o for _, _, o in _opportunities(current)] if current else []
        pains = []
        for stage, step, p in _pains(current) if current else []:
            known = [
                PROGRESS.index(o["status"])
                for o in opps
                if p.get("id") in _items(o.get("addresses"))
                if o.get("status") in PROGRESS
            ]
            progress = PROGRESS[max(known)] if known else None
            done = p.get("id") in resolved
            emotion = step["emotion"] if step.get("emotion") is not None else float("inf")
            pains.append(((SEVERITY_ORDER.get(p.get("severity"), 3), done, emotion), stage, step, p, done, progress))
        pains.sort(key=lambda x: x[0])
        out += ["## Top pain points, worst first", ""]
        for _, stage, step, p, done, progress in pains[:5]:
            state = (
                "**Delivered**" if done and progress == "done" else "Resolved in the future design" if done else "Open"
            )
            status = f" · {STATUS[progress]}" if progress else ""
            level = LEVEL.get(p.get("severity"), "")
            out.append(f"1. {p['text']} {level} {stage['name']} · {step['name']} · {state}{status}")
        out += self._more(len(pains) - 5) if pains else ["None recorded yet.", ""]
        # The work in progress, on any state of the journey.
        working = [(m, o) for _, m in states for _, _, o in _opportunities(m) if o.get("status") == "in-progress"]
        out += ["## Opportunities in progress", ""]
        for m, o in working[:5]:
            parts = [o.get("owner") or m.get("owner") or ""]
            parts += [f"{LEVEL[o[k]]} {k}" for k in ("impact", "effort") if o.get(k)]
            parts += [f"{p['text']} {LEVEL.get(p.get('severity'), '')}".strip() for p in _addressed(m, o)]
            out.append(f"- {o['text']} " + " · ".join(parts))
        out += self._more(len(working) - 5) if working else ["No opportunity is in progress.", ""]
        # The KPIs of the main state.
        kpis = [(stage, k) for stage in main["stages"] for k in stage.get("kpis", [])]
        out += ["## KPIs", ""]
        if kpis:
            out += ["| Stage | KPI | Now | Target |", "|---|---|---|---|"]
            out += [
                f"| {st['name']} | {k['name']} | {k.get('value', '—')} | {k.get('target', '—')} |" for st, k in kpis[:6]
            ]
            out += self._more(len(kpis) - 6)
        else:
            out += ["No KPIs on this map yet.", ""]
        out += [f"Bench · https://bench.example.com/journeys/{j.id}/", ""]
        return "\n".join(out)

    @staticmethod
    def _more(count: int) -> list[str]:
        return ["", f"And {count} more on the journey's pages.", ""] if count > 0 else [""]

    def matrix_page(self) -> str:
        """The opportunity matrix (analysis/matrix.py): the rated opportunities by impact and
        effort, the unrated beside them, and the whole as a table."""
        items = [(j, s, m, step, o) for j, s, m in self._maps() for _, step, o in _opportunities(m)]
        rated = [i for i in items if i[4].get("impact") and i[4].get("effort")]
        unrated = [i for i in items if not (i[4].get("impact") and i[4].get("effort"))]

        def worst(item) -> int:
            found = [SEVERITY_ORDER[p["severity"]] for p in _addressed(item[2], item[4]) if p.get("severity")]
            return min(found) if found else 3

        def link(j: Journey, s: str, o: dict) -> str:
            return f"[{o['text']}](../journeys/{j.id}/{s}.md)"

        out = [_meta(title="Opportunity matrix", search={"exclude": True}, hide=["toc"]), "# Opportunity matrix", ""]
        out += [
            "Every rated opportunity of every journey, placed by its impact on customers and the effort it takes. "
            "Each shows the severity of the pain points it addresses, to weigh impact against evidence. "
            "Only “high” counts as high: a quick win is high impact for low or medium effort.",
            "",
        ]
        if not items:
            return "\n".join([*out, "None recorded yet.", ""])
        owners = sorted({o.get("owner") or m.get("owner") for _, _, m, _, o in items} - {None, ""}, key=str.casefold)
        journeys = {j.id: m["title"] for j, _, m, _, _ in items}
        words = ["Journey All", *journeys.values(), "Owner All", *owners, "Status All", *STATUS.values(), "Tag All"]
        out += [" ".join([*words, *self._tags()]), "", "Idea Planned In progress Done No status", ""]
        cells = [(impact, effort) for impact in ("high", "medium", "low") for effort in ("low", "medium", "high")]
        for quadrant, name in QUADRANT.items():
            out += [f"## {name}", ""]
            for impact, effort in (c for c in cells if _quadrant(*c) == quadrant):
                here = [i for i in rated if i[4]["impact"] == impact and i[4]["effort"] == effort]
                out += [f"### {LEVEL[impact]} impact · {LEVEL[effort]} effort", ""]
                for j, s, m, _, o in sorted(here, key=worst):
                    status = f"{STATUS[o['status']]} · " if o.get("status") else ""
                    out.append(f"- {link(j, s, o)} {status}{m['title']} {_severities(_addressed(m, o))}")
                out.append("")
        out += [
            "## Not rated yet",
            "",
            "Opportunities without both impact and effort: rate them to place them in the matrix.",
            "",
        ]
        for j, s, m, _, o in unrated:
            rating = [STATUS.get(o.get("status"), "")] + [
                f"{LEVEL[o[k]]} {k}" for k in ("impact", "effort") if o.get(k)
            ]
            out.append(
                f"- {link(j, s, o)} {' '.join(r for r in rating if r)} · {m['title']} {_severities(_addressed(m, o))}"
            )
        out += ["", "## The matrix as a table", ""]
        out += ["| Opportunities | Quadrant | Impact | Effort | Status | Owner | Journey | Pain points |"]
        out += ["|---|---|---|---|---|---|---|---|"]
        for j, s, m, step, o in rated + unrated:
            quadrant = (
                QUADRANT[_quadrant(o["impact"], o["effort"])]
                if o.get("impact") and o.get("effort")
                else "Not rated yet"
            )
            pains = _cell(f"{p['text']} {LEVEL.get(p.get('severity'), '')}" for p in _addressed(m, o))
            out.append(
                f"| {link(j, s, o)} | {quadrant} | {LEVEL.get(o.get('impact'), '')} | {LEVEL.get(o.get('effort'), '')} "
                f"| {STATUS.get(o.get('status'), '')} | {o.get('owner') or m.get('owner', '')} "
                f"| {m['title']} · {STATE[s]} · {step['name']} | {pains or 'Addresses no pain point'} |"
            )
        return "\n".join(out) + "\n"

    def maps_of(self, pid: str) -> list[tuple[Journey, str, dict]]:
        return [(j, s, m) for j in self.content.journeys for s, m in j.maps.items() if pid in _items(m["persona"])]

    # -- the portfolio views: the words the plugin's pages show, as lists and tables

    def _maps(self) -> list[tuple[Journey, str, dict]]:
        return [(j, s, m) for j in self.content.journeys for s, m in j.maps.items()]

    def _tags(self) -> list[str]:
        return sorted({t for _, _, m in self._maps() for t in _items(m.get("tags"))})

    def _maps_table(self, maps: list[tuple[Journey, str, dict]], up: str, owner: bool = True) -> list[str]:
        out = ["| Map | Persona | Type · Owner | Reviewed |", "|---|---|---|---|"]
        for j, s, m in maps:
            title = _cell([f"[{m['title']}]({up}journeys/{j.id}/{s}.md) {STATE[s]}", m.get("description")])
            tags = " ".join(_items(m.get("tags")))
            people = " ".join(self.personas[p].front["name"] for p in _items(m["persona"]))
            kind = _cell([TYPE[m.get("type", "customer-journey")], m.get("owner") if owner else None])
            out.append(f"| {title} {tags} | {people} | {kind} | {_review(m)} |")
        return out + [""]

    def _sources(self) -> dict[str, tuple[dict, list[tuple[Journey, str, dict]]]]:
        found: dict[str, tuple[dict, list]] = {}
        for j, s, m in self._maps():
            for source in m.get("sources", []):
                found.setdefault(source["id"], (source, []))[1].append((j, s, m))
        return dict(sorted(found.items(), key=lambda item: (item[1][0]["title"].lower(), item[0])))

    def research_index(self) -> str:
        out = [_meta(title="Research", hide=["toc"]), "# Research", ""]
        out += ["Every source the maps cite, and what rests on it: a team's research repository.", ""]
        out += ["| Source | Type | Listed in | Cited by |", "|---|---|---|---|"]
        for source_id, (source, maps) in self._sources().items():
            listed = " ".join(f"[{m['title']}](../journeys/{j.id}/{s}.md) {STATE[s]}" for j, s, m in maps)
            cited = sum(len(self._citations(source_id, m)) for _, _, m in maps)
            kind = SOURCE[source.get("kind", "other")]
            out.append(f"| [{source['title']}]({source_id}/index.md) | {kind} | {listed} | {cited} citations |")
        return "\n".join(out) + "\n"

    @staticmethod
    def _citations(source_id: str, m: dict) -> list[tuple[dict, dict, dict | None]]:
        out = []
        for stage in m["stages"]:
            for step in stage["steps"]:
                if source_id in _items(step.get("evidence")):
                    out.append((stage, step, None))
                for pain in _dicts(step.get("pain_points")):
                    if source_id in _items(pain.get("evidence")):
                        out.append((stage, step, pain))
        return out

    def research_page(self, source: dict, maps: list[tuple[Journey, str, dict]]) -> str:
        kind = SOURCE[source.get("kind", "other")]
        out = [
            _meta(title=source["title"], search={"exclude": True}, hide=["toc"]),
            f"[Research](../index.md) · {kind}",
            "",
        ]
        out += [f"# {source['title']}", ""]
        if source.get("url"):
            out += [f"[Open the source]({source['url']}) {source['url']}", ""]
        out += ["## Listed in", ""]
        out += [f"- [{m['title']}](../../journeys/{j.id}/{s}.md) {STATE[s]} #{source['id']}" for j, s, m in maps]
        out += ["", "## Cited by", ""]
        cited = [(j, s, m, c) for j, s, m in maps for c in self._citations(source["id"], m)]
        if not cited:
            out.append("No step or pain point cites this source yet.")
        else:
            out += ["| Map | Step | Pain points |", "|---|---|---|"]
        for j, s, m, (stage, step, pain) in cited:
            where = f"[{m['title']}](../../journeys/{j.id}/{s}.md) {STATE[s]}<br>{stage['name']}"
            text = f"{pain['text']} {LEVEL.get(pain.get('severity'), '')}" if pain else ""
            out.append(f"| {where} | {step['name']} | {text} |")
        return "\n".join(out) + "\n"

    def owners_index(self) -> str:
        out = [_meta(title="Owners", search={"exclude": True}, hide=["toc"]), "# Owners", ""]
        out += ["Every map by the team or person who owns it ('owner:' in the map), with its review status.", ""]
        groups: dict[str, list] = {}
        for j, s, m in self._maps():
            groups.setdefault(m.get("owner") or "No owner given", []).append((j, s, m))
        out += [f"- {owner} {len(maps)} maps" for owner, maps in sorted(groups.items())] + [""]
        for owner, maps in sorted(groups.items()):
            out += [f"## {owner}", "", *self._maps_table(maps, "../", owner=False)]
        return "\n".join(out)

    def tags_index(self) -> str:
        out = [_meta(title="Tags", search={"exclude": True}, hide=["toc"]), "# Tags", ""]
        out += ["Every tag of every map. A tag's page lists the maps that carry it.", ""]
        for tag in self._tags():
            count = sum(tag in _items(m.get("tags")) for _, _, m in self._maps())
            out.append(f"- [{tag}]({tag}.md) {count} maps")
        return "\n".join(out) + "\n"

    def tag_page(self, tag: str) -> str:
        maps = [(j, s, m) for j, s, m in self._maps() if tag in _items(m.get("tags"))]
        out = [_meta(title=f"Tag: {tag}", search={"exclude": True}, hide=["toc"]), "[All tags](index.md)", ""]
        out += [f"# Tag: {tag}", "", f"The maps tagged '{tag}'. {len(maps)} maps.", ""]
        return "\n".join(out + self._maps_table(maps, "../"))

    def pain_points_index(self) -> str:
        out = [_meta(title="Pain points", search={"exclude": True}, hide=["toc"]), "# Pain points", ""]
        out += [
            "Where it hurts across journeys. A row is a journey's current state: what customers live with "
            "today. A cell is one of its stages, coloured by the lowest emotion of its steps and labelled with "
            "the number of high-severity pain points; it links to the stage on the map.",
            "",
            "## Heat map",
            "",
        ]
        out += self.filters()
        out += ["| Journey | Stages |", "|---|---|"]
        open_pains = []
        for j in self.content.journeys:
            m = j.maps["current"]
            resolved = {
                r
                for fm in j.maps.values()
                if fm is not m
                for _, step in _steps(fm)
                for r in _items(step.get("resolves"))
            }
            cells = []
            for stage in m["stages"]:
                high = sum(p.get("severity") == "high" for st in stage["steps"] for p in _dicts(st.get("pain_points")))
                values = [st["emotion"] for st in stage["steps"] if st.get("emotion") is not None]
                low = _emotion(min(values) if values else None)
                alt = f"{stage['name']}: high-severity pain points: {high}; lowest emotion: {low}"
                cells.append(f"{stage['name']} {high} {low} {alt}")
            out.append(f"| [{m['title']}](../journeys/{j.id}/current.md) | {_cell(cells)} |")
            for stage, step, p in _pains(m):
                if p.get("id") not in resolved:
                    open_pains.append((j, m, stage, step, p))
        out += [
            "",
            "## Open pain points",
            "",
            "Every pain point of a current state that no future step resolves, worst first.",
            "",
        ]
        out += ["| Pain points | Severity | Emotion | Where | Opportunities |", "|---|---|---|---|---|"]
        order = {"high": 0, "medium": 1, "low": 2}
        open_pains.sort(key=lambda x: (order.get(x[4].get("severity"), 3), x[3].get("emotion", 99)))
        for j, m, stage, step, p in open_pains:
            fixes = [o["text"] for _, _, o in _opportunities(m) if p.get("id") in _items(o.get("addresses"))]
            where = f"[{m['title']}](../journeys/{j.id}/current.md) {stage['name']} · {step['name']}"
            feels = _emotion(step.get("emotion"))
            out.append(f"| {p['text']} | {p.get('severity', '')} | {feels} | {where} | {_cell(fixes)} |")
        return "\n".join(out) + "\n"

    def personas_index(self) -> str:
        out = [_meta(title="Personas", hide=["toc"]), "# Personas", ""]
        for p in self.content.personas:
            f = p.front
            out.append(
                f"- [**{f['name']}**]({p.id}.md) {f.get('role', '')} “{f.get('quote', '')}” "
                f"Maps with this persona: {len(self.maps_of(p.id))}"
            )
        return "\n".join(out) + "\n"

    def persona_page(self, p: Persona) -> str:
        f = p.front
        out = [
            _meta(title=f["name"]),
            f"Persona · {f['segment']}" if f.get("segment") else "Persona",
            "",
            f"# {f['name']}",
            "",
        ]
        if p.photo:
            out += [f"![{f['name']}](../assets/personas/{p.id}.png)", ""]
        if f.get("role"):
            out += [f["role"], ""]
        if f.get("quote"):
            out += [f"> {f['quote']}", ""]
        if f.get("tags"):
            out += [" ".join(_items(f["tags"])), ""]
        if f.get("demographics"):
            out += ["## Demographics", "", "| | |", "|---|---|"]
            out += [f"| {k} | {v} |" for k, v in f["demographics"].items()] + [""]
        for key, label in (
            ("goals", "Goals"),
            ("frustrations", "Frustrations"),
            ("needs", "Needs"),
            ("motivations", "Motivations"),
        ):
            if f.get(key):
                out += [f"## {label}", "", *[f"- {x}" for x in _items(f[key])], ""]
        if f.get("channels"):
            names = [CHANNEL.get(c.lower(), c) for c in _items(f["channels"])]
            out += ["## Preferred channels", "", " ".join(names), ""]
        out += ["## Maps with this persona", ""]
        maps = self.maps_of(p.id)
        for j, s, m in maps:
            out.append(
                f"- [{m['title']}](../journeys/{j.id}/{s}.md) {STATE[s]} {TYPE[m.get('type', 'customer-journey')]}"
            )
        if not maps:
            out.append("No map uses this persona yet.")
        out += ["", p.body]
        return "\n".join(out)


def _yaml_str(text: str) -> str:
    return (
        yaml.safe_dump(text, allow_unicode=True, width=1000).strip().removesuffix("\n...").removesuffix("...").strip()
    )
