"""The form editor at admin/ (Decap CMS): its config.yml, derived from the format's one
declaration (format/spec.py) with the site's emotion scale, channels and language, so the
editor's form cannot drift from what the validator accepts. Each kind of value has a
widget (a new key gets one by its kind); a kind with no widget here is read from its JSON
Schema, and one that fits no widget stops the build (a test holds every key to a widget)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from journeymaps.format.spec import (
    MAP,
    PERSONA,
    Channel,
    Choice,
    Date,
    Days,
    Emotion,
    Items,
    Key,
    Kind,
    OwnId,
    Refs,
    Shape,
    Slug,
    Text,
    TextMap,
    Texts,
    YesNo,
    nested_shapes,
)
from journeymaps.model import CHANNELS
from journeymaps.settings import EDITOR_BACKENDS, EditorSetting, Settings
from journeymaps.text import Msg, Names
from journeymaps.text import Text as Words

# Where the editor lives in the built site, and its files there.
FOLDER = "admin"
# The widget journeymaps-editor.js registers for a mapping of texts (demographics).
PAIRS_WIDGET = "journeymaps-pairs"
# The file formats it registers, one per kind of document.
FORMATS = {"map": "journeymaps-map", "persona": "journeymaps-persona"}
# Decap's own name for its Chinese interface.
DECAP_LOCALES = {"en": "en", "zh": "zh_Hans"}
# The catalogue prefixes that have a word for a choice's value ("level.high"), tried in order.
CHOICE_WORDS = ("state", "type", "level", "status", "source")
# What the editor asks first about each list item, shown when the item is folded.
SUMMARIES = {
    "stage": "{{fields.name}}",
    "step": "{{fields.name}} · {{fields.emotion}}",
    "pain_point": "{{fields.text}} · {{fields.severity}}",
    "opportunity": "{{fields.text}} · {{fields.status}}",
    "source": "{{fields.title}}",
    "kpi": "{{fields.name}}: {{fields.value}}",
}
# A reference the editor can offer from a list: the collection that holds what it names.
RELATIONS = {("map", "persona"): "personas"}
_ID_PATTERN = r"^[^A-Z\s!-,./:-@\[-`{-~]+$"


class NoWidget(Exception):
    """A key of the declaration whose kind of value the editor has no widget for."""


@dataclass(frozen=True)
class Context:
    settings: Settings
    words: Words

    def label(self, key: str) -> str:
        found = self.words.get(f"editor.key.{key}")
        return found if found is not None else key.replace("_", " ").capitalize()

    def choice(self, value: str) -> str:
        for prefix in CHOICE_WORDS:
            found = self.words.get(f"{prefix}.{value}")
            if found is not None:
                return found
        return value

    def channel(self, name: str) -> str:
        own = self.settings.channels.get(name)
        return own.label if own else self.words.get(f"channel.{name}", name)


Widget = Callable[[Shape, Key, Context], dict[str, Any]]


def _text(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    return {"widget": "string"}


def _texts(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    item = {"name": "item", "label": ctx.words["editor.item"], "widget": "string"}
    return {"widget": "list", "field": item, "collapsed": False}


def _refs(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    collection = RELATIONS.get((shape.name, key.name))
    if collection is None:
        return _texts(shape, key, ctx)
    return {
        "widget": "relation",
        "collection": collection,
        "value_field": "{{slug}}",
        "search_fields": ["name"],
        "display_fields": ["name"],
        # One persona or several: the script reads one as a list of one.
        "multiple": True,
    }


def _id(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    return {"widget": "string", "pattern": [_ID_PATTERN, ctx.words["editor.id_pattern"]]}


def _choice(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    assert isinstance(key.kind, Choice)
    return {"widget": "select", "options": [{"label": ctx.choice(v), "value": v} for v in key.kind.values]}


def _channel(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    names = [*CHANNELS, *(n for n in ctx.settings.channels if n not in CHANNELS)]
    return {"widget": "select", "options": [{"label": ctx.channel(n), "value": n} for n in names]}


def _emotion(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    low, high = ctx.settings.emotion_scale
    return {"widget": "number", "value_type": "float", "min": _plain(low), "max": _plain(high), "step": 0.5}


def _days(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    return {"widget": "number", "value_type": "int", "min": 1, "step": 1}


def _date(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    # Stored as written by hand: 2026-10-01, no time.
    return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}


def _yes_no(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    return {"widget": "boolean"}


def _pairs(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    return {"widget": PAIRS_WIDGET}


def _items(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    assert isinstance(key.kind, Items)
    inner = key.kind.shape
    out: dict[str, Any] = {
        "widget": "list",
        "label_singular": ctx.words.get(f"editor.one.{inner.name}") or ctx.label(inner.name),
        "collapsed": True,
        "fields": shape_fields(inner, ctx),
    }
    if inner.name in SUMMARIES:
        out["summary"] = SUMMARIES[inner.name]
    if key.required:
        out["min"] = 1
    return out


# By kind; a kind that subclasses one of these (a new kind of text, say) takes its widget.
WIDGETS: dict[type[Kind], Widget] = {
    Items: _items,
    Channel: _channel,
    Choice: _choice,
    Emotion: _emotion,
    Refs: _refs,
    Texts: _texts,
    Text: _text,
    Slug: _id,
    OwnId: _id,
    Days: _days,
    Date: _date,
    YesNo: _yes_no,
    TextMap: _pairs,
}


def _plain(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def _from_schema(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    """A widget for a kind declared after this module was written, from its JSON Schema."""
    schema = key.kind.schema(ctx.settings)
    kind = schema.get("type")
    if "enum" in schema:
        return {"widget": "select", "options": [{"label": ctx.choice(str(v)), "value": v} for v in schema["enum"]]}
    if kind in ("number", "integer"):
        out: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        out |= {name: schema[s] for name, s in (("min", "minimum"), ("max", "maximum")) if s in schema}
        return out
    if kind == "boolean":
        return _yes_no(shape, key, ctx)
    if kind == "string" or kind == ["string", "number"]:
        return _date(shape, key, ctx) if schema.get("format") == "date" else _text(shape, key, ctx)
    if any(isinstance(option, dict) and option.get("type") == "array" for option in schema.get("anyOf", [])):
        return _texts(shape, key, ctx)
    if any(isinstance(option, dict) and "enum" in option for option in schema.get("anyOf", [])):
        values = next(o["enum"] for o in schema["anyOf"] if isinstance(o, dict) and "enum" in o)
        return {"widget": "select", "options": [{"label": ctx.choice(str(v)), "value": v} for v in values]}
    raise NoWidget(f"{shape.name}.{key.name}: no editor widget for {type(key.kind).__name__} ({schema})")


def widget_for(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    for kind in type(key.kind).__mro__:
        if kind in WIDGETS:
            return WIDGETS[kind](shape, key, ctx)
    return _from_schema(shape, key, ctx)


def field_for(shape: Shape, key: Key, ctx: Context) -> dict[str, Any]:
    """One key as a Decap field: its label, its hint (the words `journeymaps schema` gives
    editors), whether it is required, and its widget."""
    hint = ctx.words.get(f"schema.{shape.name}.{key.name}")
    out: dict[str, Any] = {"name": key.name, "label": ctx.label(key.name)}
    out |= widget_for(shape, key, ctx)
    if hint:
        out["hint"] = hint
    out["required"] = key.required
    return out


def shape_fields(shape: Shape, ctx: Context) -> list[dict[str, Any]]:
    """The fields of a shape, in the order of the declaration, which is the order of
    docs/format.md: a file the editor writes reads like one written by hand."""
    return [field_for(shape, key, ctx) for key in shape.keys]


def _body(ctx: Context) -> dict[str, Any]:
    return {"name": "body", "label": ctx.words["editor.body"], "widget": "markdown", "required": False}


def _collection(ctx: Context, kind: str, shape: Shape, folder: str, identifier: str) -> dict[str, Any]:
    """A folder of maps or personas, read and written by our own front-matter format
    (journeymaps-format.js): a save changes only what the author changed in the file."""
    return {
        "name": f"{kind}s",
        "label": ctx.words[f"editor.{kind}s"],
        "label_singular": ctx.words[f"editor.{kind}"],
        "folder": folder,
        "slug": "{{slug}}",
        "identifier_field": identifier,
        "format": FORMATS[kind],
        "extension": "md",
        "create": True,
        "fields": [*shape_fields(shape, ctx), _body(ctx)],
    }


def collections(ctx: Context) -> list[dict[str, Any]]:
    """Maps, in both layouts (maps/<journey>/<state>.md are read two folders deep, and a
    journey with one state, maps/<journey>.md, is among them), and personas."""
    maps = _collection(ctx, "map", MAP, ctx.settings.maps_dir, "title")
    # New maps go to maps/<journey>/<state>.md, the layout that takes a future state.
    maps |= {"path": "{{slug}}/{{state}}", "summary": "{{title}} · {{state}}"}
    return [maps, _collection(ctx, "persona", PERSONA, ctx.settings.personas_dir, "name")]


@dataclass(frozen=True)
class Repository:
    """Where the editor saves: what Decap calls the backend."""

    backend: dict[str, Any]


# The hosts that tell their kind by name; any other needs `editor.backend`.
_HOSTS = {"github": "github", "gitlab": "gitlab", "gitea": "gitea", "codeberg": "gitea", "forgejo": "gitea"}
_API_ROOTS = {"github": "/api/v3", "gitlab": "/api/v4", "gitea": "/api/v1"}
_PUBLIC = {"github": "github.com", "gitlab": "gitlab.com"}
# The branch in an edit_uri: GitHub and Gitea's edit/<branch>/, GitLab's -/edit/<branch>/,
# blob/<branch>/, src/branch/<branch>/.
_BRANCH_IN_EDIT_URI = re.compile(r"^/?(?:-/)?(?:edit|blob|tree|_edit|src/branch)/([^/]+)/")


def repository(
    editor: EditorSetting, repo_url: str | None, edit_uri: str | None
) -> tuple[Repository | None, list[Msg]]:
    """The backend from the site's repo_url (and the branch from its edit_uri), with what the
    site's `editor:` settings add; or what is missing to know it."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if not parts.hostname or path.count("/") < 1:
        return None, [Msg("config.editor_repo", url=repr(repo_url))]
    host = parts.hostname.lower()
    name = editor.backend.get("name") or next((kind for word, kind in _HOSTS.items() if word in host), None)
    if name is None:
        return None, [Msg("config.editor_host", url=repo_url, names=Names(EDITOR_BACKENDS))]
    found = _BRANCH_IN_EDIT_URI.match(edit_uri or "")
    backend: dict[str, Any] = {
        "name": name,
        "repo": path,
        "branch": editor.branch or (found.group(1) if found else "main"),
    }
    if host != _PUBLIC.get(name):
        # A host of one's own: its API, and its sign-in, are on it.
        origin = f"{parts.scheme or 'https'}://{parts.netloc}"
        backend["api_root"] = origin + _API_ROOTS[name]
        if name != "github":
            backend["base_url"] = origin
    if name == "gitlab" and "app_id" in editor.backend:
        backend["auth_type"] = "pkce"
    backend |= {k: v for k, v in editor.backend.items() if k != "name"}
    return Repository(backend), []


def editor_config(settings: Settings, words: Words, repo: Repository, site_url: str | None) -> dict[str, Any]:
    """The whole config.yml of the editor."""
    assert settings.editor is not None
    ctx = Context(settings, words)
    out: dict[str, Any] = {"backend": repo.backend}
    local = settings.editor.local_backend
    if local:
        out["local_backend"] = {"url": local} if isinstance(local, str) else True
    if settings.editor.publish_mode == "editorial_workflow":
        out["publish_mode"] = "editorial_workflow"
    out |= {
        "locale": DECAP_LOCALES.get(words.language, "en"),
        # Photos sit beside the persona files that show them.
        "media_folder": settings.personas_dir,
        "public_folder": "",
        # Ids keep the author's script (a Chinese title gives a Chinese journey id).
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
    }
    if site_url:
        out["site_url"] = site_url
    out["collections"] = collections(ctx)
    return out


def _form(key: Key, settings: Settings) -> Any:
    """How the editor's script reads a key: one value, a list that may be written as one
    text ("list"), or a list of items of a shape, where items may be plain texts."""
    if isinstance(key.kind, Items):
        return {"items": key.kind.shape.name, "strings": key.kind.strings}
    schema = key.kind.schema(settings)
    if any(isinstance(o, dict) and o.get("type") == "array" for o in schema.get("anyOf", [])):
        return "list"
    return "value"


def shapes_for_script(settings: Settings) -> dict[str, dict[str, Any]]:
    """Every shape's keys in the declaration's order, each with its form: the editor's
    script turns one text into a list of one where a list is allowed (Decap's list widgets
    need lists), and puts a new key where a person would write it."""
    shapes = [MAP, PERSONA, *nested_shapes(MAP), *nested_shapes(PERSONA)]
    return {s.name: {k.name: _form(k, settings) for k in s.keys} for s in shapes}


def preview_words(settings: Settings, words: Words) -> dict[str, Any]:
    """What the editor's script needs: the shapes of the format, and, to draw a map in the
    preview pane as the site does, the scale and the words in the site's language."""
    keys = ("stage", "step", "emotion_curve", "pain_points", "editor.preview_empty", "editor.preview_no_emotion")
    low, high = settings.emotion_scale
    return {
        "language": words.language,
        "scale": [_plain(low), _plain(high)],
        "neutral": _plain(settings.neutral),
        "words": {key: words[key] for key in keys}
        | {f"level.{v}": words[f"level.{v}"] for v in ("low", "medium", "high")},
        "channels": {n: Context(settings, words).channel(n) for n in (*CHANNELS, *settings.channels)},
        "pairs_hint": words["editor.pairs_hint"],
        "shapes": shapes_for_script(settings),
    }
