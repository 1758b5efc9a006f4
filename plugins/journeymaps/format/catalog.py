"""Find every persona and map file of a site, validate them all, and tie them together:
the rules across files (personas, journeys and states, aliases, nesting) live here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from journeymaps.format.fields import Fields, is_slug, shown, slugify
from journeymaps.format.files import MAX_NAME_CHARS, markdown_files
from journeymaps.format.problems import InvalidSite, Problems, did_you_mean
from journeymaps.format.reader import Document, read_document
from journeymaps.format.validate import MapContext, MapValidator, validate_persona
from journeymaps.model import STATES, Catalog, Journey, Map, Persona
from journeymaps.settings import Settings
from journeymaps.text import Msg, Names


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def load_personas(root: Path, settings: Settings, problems: Problems) -> tuple[dict[str, Persona], set[str]]:
    """The personas that could be read, and the ids of all persona files: a map naming a
    broken persona is not reported again."""
    folder = root / settings.personas_dir
    personas: dict[str, Persona] = {}
    ids: set[str] = set()
    for path in markdown_files(folder, root, problems):
        rel = _relative(root, path)
        if path.parent != folder:
            problems.add(rel, 1, "catalog.persona_in_subfolder", folder=settings.personas_dir)
            continue
        persona_id = path.stem
        doc = read_document(path, rel, problems)
        if not is_slug(persona_id):
            hint = Msg("hint.rename", name=f"{slugify(persona_id)}.md") if slugify(persona_id) else ""
            problems.add(rel, 1, "catalog.persona_file_name", name=path.name, hint=hint)
            continue
        if _too_long(rel, 1, "long.persona", persona_id, problems):
            continue
        ids.add(persona_id)
        if doc.data is not None:
            personas[persona_id] = validate_persona(doc, persona_id, Fields(rel, problems, settings, root))
    return personas, ids


@dataclass
class _MapFile:
    doc: Document
    fields: Fields
    journey: str
    state: str


def _identify(doc: Document, folder: Path, fields: Fields) -> _MapFile | None:
    """The journey and state a map file claims, from its place and its front matter."""
    parts = doc.abs_path.relative_to(folder).parts
    m = doc.data
    maps_dir = fields.settings.maps_dir
    if len(parts) > 2 or (len(parts) == 2 and parts[1] not in ("current.md", "future.md")):
        fields.error(1, "catalog.map_place", maps=maps_dir)
        return None
    path_state = parts[1].removesuffix(".md") if len(parts) == 2 else None
    path_journey = parts[0].removesuffix(".md")
    state = fields.choice(m, "state", STATES, Msg("what.map"), required=True)
    if state and path_state and state != path_state:
        fields.error(m.value_line("state"), "catalog.state_disagrees", file=parts[1], state=state)
    state = path_state or state
    journey = fields.slug(m, "journey", Msg("what.map")) if "journey" in m else None
    if journey is None and "journey" not in m:
        if not is_slug(path_journey):
            key = "catalog.folder_not_journey_id" if path_state else "catalog.file_not_journey_id"
            fields.error(1, key, name=path_journey)
            return None
        journey = path_journey
    if journey is None or state is None:
        return None
    line = m.value_line("journey") if "journey" in m else 1
    if _too_long(doc.path, line, "long.journey", journey, fields.problems):
        return None
    return _MapFile(doc, fields, journey, state)


def _too_long(path: str, line: int, what: str, name: str, problems: Problems) -> bool:
    """Whether a name that becomes part of a page's address is too long for a file system
    (reported before anything is written, so no build stops half-way)."""
    if len(name) <= MAX_NAME_CHARS:
        return False
    count, most = len(name), MAX_NAME_CHARS
    problems.add(path, line, "catalog.name_too_long", what=Msg(what), name=shown(name), count=count, max=most)
    return True


def load_maps(
    root: Path, settings: Settings, personas: set[str], problems: Problems, today: dt.date | None = None
) -> dict[str, Journey]:
    folder = root / settings.maps_dir
    files: dict[tuple[str, str], _MapFile] = {}
    journeys: dict[str, Journey] = {}
    waiting: dict[str, _MapFile] = {}  # future states read before their current state, by journey

    def validate(item: _MapFile) -> None:
        current = journeys.get(item.journey)
        context = MapContext(personas, {p.id for p in current.states["current"].pain_points} if current else None)
        validated = MapValidator(item.doc, item.fields, context).validate(item.journey, item.state)
        journeys.setdefault(item.journey, Journey(item.journey, {})).states[item.state] = validated
        # Checks across files read only the top-level keys' lines: the stages, with a line for
        # every value, need not wait for the last file (a large site would hold them all).
        item.doc.data.pop("stages", None)

    for path in markdown_files(folder, root, problems):
        doc = read_document(path, _relative(root, path), problems)
        if doc.data is None:
            continue
        found = _identify(doc, folder, Fields(doc.path, problems, settings, root))
        if found is None:
            continue
        key = (found.journey, found.state)
        if key in files:
            line = doc.data.key_line("journey") if "journey" in doc.data else doc.data.key_line("state")
            problems.add(
                doc.path,
                line,
                "catalog.state_taken",
                other=files[key].doc.path,
                state=Msg(f"state_word.{found.state}"),
                journey=found.journey,
            )
            continue
        files[key] = found
        # A future state's 'resolves' names its current state's pain points: it waits for
        # the current state unless that was read already (maps/<journey>/ lists current first).
        if found.state == "future" and (found.journey, "current") not in files:
            waiting[found.journey] = found
            continue
        validate(found)
        if found.state == "current" and found.journey in waiting:
            validate(waiting.pop(found.journey))
    for item in waiting.values():  # no current state: nothing to wait for
        validate(item)
    _check_aliases(journeys, files, problems)
    _check_part_of(journeys, files, problems)
    _check_tags(files, problems)
    _review_warnings(journeys, files, today or dt.date.today(), problems)
    return {j: journeys[j] for j in sorted(journeys)}


def _check_aliases(journeys: dict[str, Journey], files: dict[tuple[str, str], _MapFile], problems: Problems) -> None:
    owner: dict[str, str] = {}
    for (journey, state), item in sorted(files.items()):
        m: Map = journeys[journey].states[state]
        lines = dict(item.fields.text_items(item.doc.data, "aliases", Msg("what.map")))
        for alias in m.aliases:
            line = lines.get(alias, item.doc.data.line)
            if _too_long(item.doc.path, line, "long.alias", alias, problems):
                continue
            if alias in journeys:
                problems.add(item.doc.path, line, "catalog.alias_is_journey", alias=alias)
            elif owner.setdefault(alias, journey) != journey:
                problems.add(item.doc.path, line, "catalog.alias_taken", alias=alias, journey=owner[alias])


def _check_tags(files: dict[tuple[str, str], _MapFile], problems: Problems) -> None:
    """A tag's page is at tags/<its slug>/: bounded in length, and two tags whose slugs are the
    same ('C', 'C++' and 'C#') would share one page. 'Mobile' and 'mobile' are one tag."""
    first: dict[str, tuple[str, str, int]] = {}  # slug: the tag as first written, where
    for _, item in sorted(files.items()):
        for tag, line in item.fields.text_items(item.doc.data, "tags", Msg("what.map")):
            slug = slugify(tag)
            if not slug or _too_long(item.doc.path, line, "long.tag", tag, problems):
                continue
            other, path, other_line = first.setdefault(slug, (tag, item.doc.path, line))
            if _spelling(other) != _spelling(tag):
                place = f"{path}:{other_line}"
                problems.add(item.doc.path, line, "catalog.tag_collision", tag=tag, other=other, place=place, slug=slug)


def _spelling(tag: str) -> str:
    return " ".join(tag.split()).casefold()


def _check_part_of(journeys: dict[str, Journey], files: dict[tuple[str, str], _MapFile], problems: Problems) -> None:
    """The larger journey and its stage exist, the states agree, and no journey is part of itself."""
    for (journey, state), item in sorted(files.items()):
        m = journeys[journey].states[state]
        if m.part_of is None:
            continue
        line = item.doc.data.value_line("part_of")
        target = journeys.get(m.part_of.journey)
        if target is None:
            hint = did_you_mean(m.part_of.journey, sorted(journeys)) or ""
            problems.add(item.doc.path, line, "catalog.part_of_unknown_journey", journey=m.part_of.journey, hint=hint)
        elif m.part_of.stage is not None:
            stages = {s.id for other in target.states.values() for s in other.stages}
            if m.part_of.stage not in stages:
                hint = did_you_mean(m.part_of.stage, sorted(stages)) or Msg(
                    "hint.known", what=Msg("known.stages"), names=Names(sorted(stages))
                )
                problems.add(
                    item.doc.path,
                    line,
                    "catalog.part_of_unknown_stage",
                    journey=m.part_of.journey,
                    stage=m.part_of.stage,
                    hint=hint,
                )
        current = journeys[journey].states.get("current")
        if state == "future" and current is not None and current.part_of != m.part_of:
            problems.warn(item.doc.path, line, "catalog.part_of_states_differ", current=str(current.part_of or "—"))
    for journey in sorted(journeys):
        loop = _loop_from(journey, journeys)
        if loop:  # each journey of the loop at its own line; a long loop shortened (1200 maps: one line each)
            m = journeys[journey].ordered_states()[0]
            item = files[(journey, m.state)]
            line = item.doc.data.value_line("part_of")
            problems.add(item.doc.path, line, "catalog.part_of_loop", journey=journey, loop=_chain(loop))


def _chain(loop: list[str]) -> Msg | str:
    if len(loop) <= LOOP_SHOWN:
        return " → ".join(loop)
    head, tail = loop[: LOOP_SHOWN - 2], loop[-2:]
    return Msg("catalog.loop_shortened", start=" → ".join(head), end=" → ".join(tail), more=len(loop) - LOOP_SHOWN)


LOOP_SHOWN = 8


def _loop_from(journey: str, journeys: dict[str, Journey]) -> list[str]:
    """The chain of 'part_of' from a journey back to itself, or nothing."""
    chain, seen = [journey], {journey}
    while True:
        parent = journeys[chain[-1]].part_of
        if parent is None or parent.journey not in journeys:
            return []
        if parent.journey == journey:
            return [*chain, journey]
        if parent.journey in seen:
            return []  # a loop further up, reported from its own journeys
        chain.append(parent.journey)
        seen.add(parent.journey)


def _review_warnings(
    journeys: dict[str, Journey], files: dict[tuple[str, str], _MapFile], today: dt.date, problems: Problems
) -> None:
    for (journey, state), item in sorted(files.items()):
        m = journeys[journey].states[state]
        if not m.review_due(today):
            continue
        data = item.doc.data
        if m.reviewed is None:
            line = data.key_line("title") if "title" in data else data.line
            problems.warn(m.path, line, "review.never", every=m.review_every)
        else:
            days = (today - m.reviewed).days
            line = data.value_line("reviewed")
            problems.warn(m.path, line, "review.due", date=m.reviewed.isoformat(), days=days, every=m.review_every)


def read_site(root: Path, settings: Settings, today: dt.date | None = None) -> tuple[Catalog, Problems]:
    """Read and validate the whole site as far as it can be read, with every problem:
    errors, and warnings for maps due for review. Never raises for authors' mistakes."""
    problems = Problems()
    personas, persona_ids = load_personas(root, settings, problems)
    journeys = load_maps(root, settings, persona_ids, problems, today)
    return Catalog(personas=personas, journeys=journeys), problems


def load_catalog(root: Path, settings: Settings) -> Catalog:
    """Read and validate the whole site; raise InvalidSite with every error at once."""
    catalog, problems = read_site(root, settings)
    if problems.errors:
        raise InvalidSite(problems.errors)
    return catalog
