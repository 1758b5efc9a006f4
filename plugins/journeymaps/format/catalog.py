"""Find every persona and map file of a site, validate them all, and tie them together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journeymaps.format.fields import Fields, is_slug, slugify
from journeymaps.format.problems import InvalidSite, Problems
from journeymaps.format.reader import Document, read_document
from journeymaps.format.validate import MapContext, MapValidator, validate_persona
from journeymaps.model import STATES, Catalog, Journey, Map, Persona
from journeymaps.settings import Settings


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def load_personas(root: Path, settings: Settings, problems: Problems) -> dict[str, Persona]:
    folder = root / settings.personas_dir
    personas: dict[str, Persona] = {}
    for path in _markdown_files(folder):
        rel = _relative(root, path)
        if path.parent != folder:
            problems.add(rel, 1, f"persona files sit directly in {settings.personas_dir}/, not in a subfolder")
            continue
        persona_id = path.stem
        doc = read_document(path, rel, problems)
        if not is_slug(persona_id):
            hint = f"; rename it to '{slugify(persona_id)}.md'" if slugify(persona_id) else ""
            problems.add(
                rel, 1, f"the file name '{path.name}' is not a persona id (lowercase letters, digits and '-'){hint}"
            )
            continue
        personas[persona_id] = None  # type: ignore[assignment]  # known even when broken: no cascades
        if doc.data is not None:
            personas[persona_id] = validate_persona(doc, persona_id, root, Fields(rel, problems))
    return personas


@dataclass
class _MapFile:
    doc: Document
    fields: Fields
    journey: str
    state: str


def _identify(doc: Document, folder: Path, settings: Settings, problems: Problems) -> _MapFile | None:
    """The journey and state a map file claims, from its place and its front matter."""
    parts = doc.abs_path.relative_to(folder).parts
    fields = Fields(doc.path, problems)
    m = doc.data
    if len(parts) > 2 or (len(parts) == 2 and parts[1] not in ("current.md", "future.md")):
        problems.add(
            doc.path,
            1,
            f"a map file is {settings.maps_dir}/<journey>/current.md, {settings.maps_dir}/<journey>/future.md "
            f"or {settings.maps_dir}/<journey>.md",
        )
        return None
    path_state = parts[1].removesuffix(".md") if len(parts) == 2 else None
    path_journey = parts[0].removesuffix(".md")
    state = fields.choice(m, "state", STATES, "the map", required=True)
    if state and path_state and state != path_state:
        fields.error(m.value_line("state"), f"this file is {parts[1]} but says 'state: {state}'; make them agree")
    state = path_state or state
    journey = fields.slug(m, "journey", "the map") if "journey" in m else None
    if journey is None and "journey" not in m:
        if not is_slug(path_journey):
            name = "folder" if path_state else "file"
            problems.add(
                doc.path,
                1,
                f"the {name} name '{path_journey}' is not a journey id (lowercase letters, digits and '-'); "
                f"rename it or set 'journey:'",
            )
            return None
        journey = path_journey
    if journey is None or state is None:
        return None
    return _MapFile(doc, fields, journey, state)


def load_maps(root: Path, settings: Settings, personas: set[str], problems: Problems) -> dict[str, Journey]:
    folder = root / settings.maps_dir
    files: dict[tuple[str, str], _MapFile] = {}
    for path in _markdown_files(folder):
        doc = read_document(path, _relative(root, path), problems)
        if doc.data is None:
            continue
        found = _identify(doc, folder, settings, problems)
        if found is None:
            continue
        key = (found.journey, found.state)
        if key in files:
            line = doc.data.key_line("journey") if "journey" in doc.data else doc.data.key_line("state")
            problems.add(
                doc.path, line, f"{files[key].doc.path} is already the {found.state} state of journey '{found.journey}'"
            )
            continue
        files[key] = found
    journeys: dict[str, Journey] = {}
    # Current states first: a future state's 'resolves' names their pain points.
    for key in sorted(files, key=lambda k: (STATES.index(k[1]), k[0])):
        item = files[key]
        current = journeys.get(item.journey)
        context = MapContext(
            settings,
            personas,
            {p.id for p in current.states["current"].pain_points} if current else None,
        )
        validated = MapValidator(item.doc, item.fields, context).validate(item.journey, item.state)
        journeys.setdefault(item.journey, Journey(item.journey, {})).states[item.state] = validated
    _check_aliases(journeys, files, problems)
    return {j: journeys[j] for j in sorted(journeys)}


def _check_aliases(journeys: dict[str, Journey], files: dict[tuple[str, str], _MapFile], problems: Problems) -> None:
    owner: dict[str, str] = {}
    for (journey, _state), item in sorted(files.items()):
        m: Map = journeys[journey].states[_state]
        lines = dict(item.fields.ids(item.doc.data, "aliases", "the map"))
        for alias in m.aliases:
            line = lines.get(alias, item.doc.data.line)
            if alias in journeys:
                problems.add(
                    item.doc.path,
                    line,
                    f"alias '{alias}' is the id of journey '{alias}'; an alias must be an id no journey has now",
                )
            elif owner.setdefault(alias, journey) != journey:
                problems.add(item.doc.path, line, f"alias '{alias}' is already an alias of journey '{owner[alias]}'")


def load_catalog(root: Path, settings: Settings) -> Catalog:
    """Read and validate the whole site; raise InvalidSite with every problem at once."""
    problems = Problems()
    personas = load_personas(root, settings, problems)
    journeys = load_maps(root, settings, set(personas), problems)
    if problems:
        raise InvalidSite(problems.items)
    return Catalog(personas=personas, journeys=journeys)
