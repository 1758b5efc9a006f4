"""Mermaid journey diagrams into map and persona files at the format's paths: the title gives
the journey, sections the stages, tasks the steps, scores the emotions (Mermaid's 1 to 5
mapped onto the site's scale), each task's first actor the persona (an existing one matched
by id or name, or a new one) and the other actors the step's actors.

The whole import is planned and checked before a file is written: if any diagram cannot be
read, any score is off Mermaid's scale, or any map already exists, nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeymaps.authoring.frontmatter import map_document, map_problems, persona_document, persona_problems
from journeymaps.authoring.mermaid import MERMAID_SCORES, Diagram, linear, read_diagrams
from journeymaps.authoring.new import name_from_id
from journeymaps.format.catalog import read_site
from journeymaps.format.fields import is_slug, slugify
from journeymaps.format.files import inside
from journeymaps.format.problems import ERROR, WARNING, Problem, Problems, ordered
from journeymaps.model import Catalog, Map, Persona, Stage, Step
from journeymaps.settings import Settings
from journeymaps.text import Msg, Text

NOTE = "note"  # what the import did on its own, such as rescaling scores


@dataclass(frozen=True)
class ImportOptions:
    force: bool = False  # replace maps that exist
    rescale: bool = False  # scores off 1 to 5: read the diagram's own range instead of refusing
    journey: str | None = None  # the journey id, for one diagram
    state: str = "current"
    persona: str | None = None  # for tasks that name no actor


@dataclass
class NewFile:
    path: str  # relative to the site root
    text: str
    msg: Msg  # what the command says it wrote, with its path
    replaces: bool = False


@dataclass
class ImportPlan:
    files: list[NewFile] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)

    def _level(self, level: str) -> list[Problem]:
        return ordered(p for p in self.problems.items if p.level == level)

    @property
    def errors(self) -> list[Problem]:
        return self._level(ERROR)

    @property
    def said(self) -> list[Problem]:
        """Warnings and notes, in file order."""
        return ordered(p for p in self.problems.items if p.level in (WARNING, NOTE))


def _number(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _unique(name: str, seen: set[str], fallback: str) -> str:
    """An id: a slug of the name, numbered when it is taken or there is no slug."""
    base = slugify(name) or fallback
    ident, number = base, 2
    while ident in seen or not is_slug(ident):
        ident, number = f"{base}-{number}", number + 1
    seen.add(ident)
    return ident


class _Personas:
    """The site's personas, matched by id or name, and those the import creates."""

    def __init__(self, catalog: Catalog, root: Path, settings: Settings, text: Text):
        folder = root / settings.personas_dir
        self.ids = set(catalog.personas) | ({p.stem for p in folder.glob("*.md")} if folder.is_dir() else set())
        self.names = {_key(p.name): p.id for p in catalog.personas.values()}
        self.new: dict[str, Persona] = {}
        self.folder = settings.personas_dir
        self.text = text

    def resolve(self, actor: str) -> str:
        for candidate in (actor, slugify(actor)):
            if candidate in self.ids:
                return candidate
        if _key(actor) in self.names:
            return self.names[_key(actor)]
        ident = _unique(actor, set(self.ids), "persona")
        body = self.text("mermaid.persona_body", actor=actor)
        self.new[ident] = Persona(ident, actor, path=f"{self.folder}/{ident}.md", body=body)
        self.ids.add(ident)
        self.names[_key(actor)] = ident
        return ident


def _taken(path: Path) -> bool:
    """A file is there, or a link (one to nothing too: writing would follow it)."""
    return path.exists() or path.is_symlink()


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Planner:
    def __init__(self, root: Path, settings: Settings, text: Text, options: ImportOptions):
        self.root, self.settings, self.text, self.options = root, settings, text, options
        self.catalog, _ = read_site(root, settings)  # a site with problems may still take new maps
        self.personas = _Personas(self.catalog, root, settings, text)
        self.plan = ImportPlan()
        self.taken: dict[tuple[str, str], str] = {}

    @property
    def problems(self) -> Problems:
        return self.plan.problems

    def diagram(self, d: Diagram, title: str) -> None:
        source = self.source_scale(d)
        if source is None:
            return
        journey = self.options.journey or slugify(title) or slugify(Path(d.path).stem) or "journey"
        state = self.options.state
        target = self.target(d, journey, state)
        m = self.build(d, title, journey, state, source)
        if target is None or m is None:
            return
        m.path = target
        shape = f"{self.settings.maps_dir}/{journey}"
        document = map_document(m, with_journey=target not in (f"{shape}/{state}.md", f"{shape}.md"))
        found = map_problems(document, target, self.root, self.settings, journey, state, self.personas.ids)
        self.problems.items.extend(found.items)
        replaces = _taken(self.root / target)
        key = "mermaid.replaced_map" if replaces else "mermaid.wrote_map"
        msg = Msg(
            key, path=target, title=m.title, stages=len(m.stages), steps=len(m.steps), source=f"{d.path}:{d.line}"
        )
        self.plan.files.append(NewFile(target, document, msg, replaces))

    def source_scale(self, d: Diagram) -> tuple[float, float] | None:
        """The range the diagram's scores are on: Mermaid's 1 to 5, or with --rescale the
        smallest range holding 1 to 5 and every score. None when scores are off the scale."""
        scores = [t.score for t in d.tasks if t.score is not None]
        low, high = min([*scores, MERMAID_SCORES[0]]), max([*scores, MERMAID_SCORES[1]])
        if (low, high) == MERMAID_SCORES:
            return MERMAID_SCORES
        if not self.options.rescale:
            for task in d.tasks:
                if task.score is not None and not MERMAID_SCORES[0] <= task.score <= MERMAID_SCORES[1]:
                    self.problems.add(
                        d.path, task.line, "mermaid.score_outside", score=f"{task.score:g}", task=task.name,
                        low=f"{low:g}", high=f"{high:g}",
                    )  # fmt: skip
            return None
        scale = self.settings.emotion_scale
        note = Msg(
            "mermaid.rescaled", low=f"{low:g}", high=f"{high:g}", scale_low=f"{scale[0]:g}", scale_high=f"{scale[1]:g}"
        )
        self.problems.items.append(Problem(d.path, d.line, note, NOTE))
        return low, high

    def target(self, d: Diagram, journey: str, state: str) -> str | None:
        """Where the map goes: the file that holds this journey's state already (replaced with
        --force only), or maps/<journey>/<state>.md."""
        if not is_slug(journey):
            self.problems.add(
                d.path, d.line, "mermaid.not_journey_id", journey=journey, hint=slugify(journey) or "my-journey"
            )
            return None
        other = self.taken.get((journey, state))
        if other:
            self.problems.add(d.path, d.line, "mermaid.same_journey_twice", journey=journey, other=other)
            return None
        self.taken[(journey, state)] = f"{d.path}:{d.line}"
        for other_journey in self.catalog.journeys.values():
            if journey in other_journey.aliases:
                self.problems.add(d.path, d.line, "mermaid.journey_is_alias", journey=journey, other=other_journey.id)
                return None
        existing = self.catalog.journeys.get(journey)
        path = f"{self.settings.maps_dir}/{journey}/{state}.md"
        if existing is not None and state in existing.states:
            path = existing.states[state].path
        if not inside(self.root, self.root / path):
            self.problems.add(d.path, d.line, "files.write_outside", path=path)
            return None
        if _taken(self.root / path) and not self.options.force:
            state_word = Msg(f"state_word.{state}")
            self.problems.add(d.path, d.line, "mermaid.map_exists", path=path, journey=journey, state=state_word)
            return None
        return path

    def build(self, d: Diagram, title: str, journey: str, state: str, source: tuple[float, float]) -> Map | None:
        fallback = [self.options.persona] if self.options.persona else []
        owners = [(task.actors or fallback)[:1] for task in d.tasks]
        persona = list(dict.fromkeys(self.personas.resolve(o[0]) for o in owners if o))
        if not persona:
            self.problems.add(d.path, d.line, "mermaid.no_actor")
            return None
        stages: list[Stage] = []
        stage_ids: set[str] = set()
        step_ids: set[str] = set()
        for section in d.sections:
            name = section.name or self.text["mermaid.first_stage"]
            if not section.tasks:
                self.problems.warn(d.path, section.line, "mermaid.empty_section", section=name)
                continue
            steps = []
            for task in section.tasks:
                actors = task.actors or fallback
                own = actors and self.personas.resolve(actors[0]) == persona[0]
                emotion = (
                    None if task.score is None else _number(linear(task.score, source, self.settings.emotion_scale))
                )
                ident = _unique(task.name, step_ids, "step")
                steps.append(Step(ident, task.name, emotion=emotion, actors=actors[1:] if own else list(actors)))
            stages.append(Stage(_unique(name, stage_ids, "stage"), name, steps=steps))
        if not stages:
            self.problems.add(d.path, d.line, "mermaid.no_tasks")
            return None
        body = self.text("mermaid.map_body", source=Path(d.path).name)
        return Map(journey, state, title, persona, stages, description=d.description, body=body)

    def persona_files(self) -> None:
        for persona in self.personas.new.values():
            document = persona_document(persona)
            self.problems.items.extend(persona_problems(document, persona.path, self.root, self.settings).items)
            if not inside(self.root, self.root / persona.path):
                self.problems.add(persona.path, 1, "files.write_outside", path=persona.path)
            msg = Msg("mermaid.wrote_persona", path=persona.path, name=persona.name)
            self.plan.files.append(NewFile(persona.path, document, msg))


def _titles(diagrams: list[Diagram], path: Path) -> list[str]:
    """Each diagram's title: its own, its accTitle, or made from the file name (numbered
    when one file holds several untitled diagrams)."""
    name = name_from_id(path.stem.replace("_", "-"))
    titles, untitled = [], 0
    for d in diagrams:
        title = d.title or d.acc_title
        if not title:
            untitled += 1
            title = name if untitled == 1 else f"{name} {untitled}"
        titles.append(title)
    return titles


def plan_import(
    sources: list[tuple[Path, str]], root: Path, settings: Settings, text: Text, options: ImportOptions
) -> ImportPlan:
    """The files an import would write, and what is wrong. ``sources`` are (file, as shown)."""
    planner = _Planner(root, settings, text, options)
    found = []
    for path, shown in sources:
        diagrams = read_diagrams(path, shown, planner.problems)
        found += list(zip(diagrams, _titles(diagrams, path), strict=True))
    if options.journey and len(found) > 1:
        second = found[1][0]
        planner.problems.add(second.path, second.line, "mermaid.journey_for_one", count=len(found))
        return planner.plan
    for diagram, title in found:
        planner.diagram(diagram, title)
    planner.persona_files()
    return planner.plan
