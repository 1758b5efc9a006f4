"""Starting files for new maps and personas: from the built-in templates (one per industry,
in English and Chinese), the site's own templates, or, for a future state, the journey's
current state. Whether a file may be written is decided here; the command line only asks."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from journeymaps.format.fields import is_slug, slugify
from journeymaps.format.files import inside
from journeymaps.model import Catalog, Map
from journeymaps.settings import Settings
from journeymaps.text import Msg, Text

BUILT_IN = Path(__file__).parent / "templates"
_DESCRIPTION = re.compile(r"^\{#\s*template:\s*(.*?)\s*#\}")


def yaml_scalar(value: object) -> str:
    """Any text as one YAML scalar: a JSON string is valid YAML, quotes and colons included."""
    return json.dumps(value if isinstance(value, (int, float)) else str(value), ensure_ascii=False)


class _ProjectLoader(FileSystemLoader):
    """Templates from one folder, none of them (an include either) a link leading outside
    the project."""

    def __init__(self, folder: Path, root: Path | None):
        super().__init__(str(folder))
        self.root = root

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        if self.root is not None and not inside(self.root, Path(filename)):
            raise Refused(Msg("new.template_outside", path=_shown(Path(filename), self.root)))
        return source, filename, uptodate


def _environment(folder: Path, root: Path | None) -> Environment:
    # A site's templates arrive in pull requests like its maps: they are data, rendered in
    # Jinja's sandbox, where a template reaches no Python internals (and so no shell).
    env = SandboxedEnvironment(
        loader=_ProjectLoader(folder, root), trim_blocks=True, lstrip_blocks=True, autoescape=False
    )
    env.filters["yaml"] = yaml_scalar
    return env


def _shown(path: Path, root: Path | None) -> str:
    return path.relative_to(root).as_posix() if root is not None and path.is_relative_to(root) else path.name


TEMPLATE_SCALE = (-2.0, 2.0)  # the scale the built-in templates' emotions are written on
_EMOTION = re.compile(r"^(\s*emotion:\s*)(-?\d+(?:\.\d+)?)(.*)$", re.M)


def on_scale(text: str, scale: tuple[float, float]) -> str:
    """A built-in template's emotions moved linearly onto the site's scale ([1, 5], say)."""
    if tuple(scale) == TEMPLATE_SCALE:
        return text
    (a, b), (low, high) = TEMPLATE_SCALE, scale

    def moved(match: re.Match) -> str:
        value = low + (float(match.group(2)) - a) * (high - low) / (b - a)
        return f"{match.group(1)}{round(value, 1):g}{match.group(3)}"

    return _EMOTION.sub(moved, text)


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    description: str
    own: bool  # the site's own, from its templates_dir
    root: Path | None = None  # the project, for a site's own template
    replaces_built_in: bool = False  # a site's own template with a built-in one's name

    def render(self, **values: object) -> str:
        shown = _shown(self.path, self.root)
        try:
            text = _environment(self.path.parent, self.root).get_template(self.path.name).render(**values)
        except SecurityError as err:
            raise Refused(Msg("new.template_unsafe", path=shown, detail=str(err))) from None
        except TemplateSyntaxError as err:
            raise Refused(Msg("new.template_broken", path=shown, line=err.lineno, detail=err.message or "")) from None
        except TemplateError as err:
            raise Refused(Msg("new.template_broken", path=shown, line=1, detail=err.message or "")) from None
        return text if text.endswith("\n") else text + "\n"


def _description(path: Path) -> str:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    found = _DESCRIPTION.match(first)
    return found.group(1) if found else ""


def _in_language(folder: Path, name: str, language: str) -> Path | None:
    for candidate in (folder / f"{name}.{language}.md", folder / f"{name}.en.md", folder / f"{name}.md"):
        if candidate.is_file():
            return candidate
    return None


def map_templates(root: Path, settings: Settings, language: str) -> dict[str, Template]:
    """The built-in templates, then the site's own (which may replace a built-in one)."""
    found: dict[str, Template] = {}
    for folder, own in ((BUILT_IN / "maps", False), (root / settings.templates_dir, True)):
        if not folder.is_dir():
            continue
        names = sorted({p.name.split(".")[0] for p in folder.glob("*.md")})
        for name in names:
            path = _in_language(folder, name, language)
            if path is None:
                continue
            if not own:
                found[name] = Template(name, path, _description(path), own)
                continue
            # A template that is a link out of the project is listed, and refused when used.
            description = _description(path) if inside(root, path) else ""
            found[name] = Template(name, path, description, own, root, name in found)
    return found


def persona_template(language: str) -> Template:
    path = _in_language(BUILT_IN / "personas", "persona", language)
    assert path is not None, "the persona template ships with the package"
    return Template("persona", path, _description(path), False)


def name_from_id(ident: str) -> str:
    """A readable first name for a file: 'open-account' → 'Open account'."""
    words = ident.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words.isascii() else words


class Refused(Exception):
    """The file cannot be written; carries what to tell the author."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(str(msg))


def map_path(root: Path, settings: Settings, journey: str, state: str) -> Path:
    return root / settings.maps_dir / journey / f"{state}.md"


def check_journey(catalog: Catalog, root: Path, settings: Settings, journey: str, state: str) -> Path:
    """Where the new map goes; refuses an id that is not one, and a state the journey has."""
    if not is_slug(journey):
        raise Refused(Msg("new.not_a_journey_id", journey=journey, suggestion=slugify(journey) or "my-journey"))
    existing = catalog.journeys.get(journey)
    if existing is not None and state in existing.states:
        path = existing.states[state].path
        raise Refused(Msg("new.state_exists", journey=journey, state=Msg(f"state_word.{state}"), path=path))
    return free_path(root, map_path(root, settings, journey, state))


def free_path(root: Path, path: Path) -> Path:
    """``path``, when a new file may be written there: inside the project once every link on
    the way is followed, and with no file (nor a link, even to nothing) in its place."""
    shown = path.relative_to(root).as_posix()
    if not inside(root, path):
        raise Refused(Msg("files.write_outside", path=shown))
    if path.exists() or path.is_symlink():
        raise Refused(Msg("new.exists", path=shown))
    return path


def future_from_current(current: Map, title: str, personas: list[str], text: Text) -> str:
    """A future state with the current state's stages and steps (same ids, so the two
    line up on the journey page), the emotions left for the author."""
    persona = yaml_scalar(personas[0]) if len(personas) == 1 else json.dumps(personas, ensure_ascii=False)
    lines = [
        "---",
        f"# {text('new.future.header', path=current.path)}",
        f"title: {yaml_scalar(title)}",
        "state: future",
        f"persona: {persona}",
        f"type: {current.type}",
    ]
    for key in ("description", "goal", "scope", "owner"):
        value = getattr(current, key)
        if value:
            lines.append(f"{key}: {yaml_scalar(value)}")
    if current.tags:
        lines.append(f"tags: {json.dumps(current.tags, ensure_ascii=False)}")
    lines.append("stages:")
    for stage in current.stages:
        lines += [f"  - name: {yaml_scalar(stage.name)}", f"    id: {stage.id}", "    steps:"]
        for step in stage.steps:
            lines += [f"      - name: {yaml_scalar(step.name)}", f"        id: {step.id}"]
            if step.touchpoint:
                lines.append(f"        touchpoint: {yaml_scalar(step.touchpoint)}")
            if step.channel:
                lines.append(f"        channel: {yaml_scalar(step.channel)}")
            was = "—" if step.emotion is None else f"{step.emotion:g}"
            lines.append(f"        # emotion:    # {text('new.future.emotion', was=was)}")
            if step.pain_points:
                ids = ", ".join(p.id for p in step.pain_points)
                lines.append(f"        # resolves: [{ids}]    # {text('new.future.resolves')}")
    lines += ["---", text("new.future.body"), ""]
    return "\n".join(lines)


def today() -> str:
    return dt.date.today().isoformat()
