"""Site-wide settings of the plugin, checked once; the single owner of their defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from journeymaps.text import Msg, Names

DEFAULT_SCALE = (-2.0, 2.0)
# The lanes of a map's canvas, in their default order (the stage and step rows head every
# canvas and are not lanes). A site's `lanes:` lists the ones shown by default, in its order;
# readers can show the others. The blueprint lanes keep their own order below the customer's.
LANES = (
    "touchpoint", "actions", "thoughts", "emotion", "data", "pain-points", "opportunities", "kpis",
    "frontstage", "backstage", "support",
)  # fmt: skip
BLUEPRINT_LANES = ("frontstage", "backstage", "support")


@dataclass(frozen=True)
class ChannelSetting:
    label: str
    icon: str = "material/message-outline"


# The Git hosts the editor (Decap CMS) can save to, and the ways it can save.
EDITOR_BACKENDS = ("github", "gitlab", "gitea")
PUBLISH_MODES = ("editorial_workflow", "simple")
EDITOR_OPTIONS = ("backend", "branch", "publish_mode", "local_backend")


@dataclass(frozen=True)
class EditorSetting:
    """The form editor at admin/ (`editor:` in mkdocs.yml). The backend's name and repository
    come from the site's repo_url unless set here; ``backend`` holds what Decap CMS needs
    beyond them (app_id, base_url, api_root ...), passed on as written."""

    backend: Mapping[str, str] = field(default_factory=dict)
    branch: str | None = None
    publish_mode: str = "editorial_workflow"
    # Decap's local backend (decap-server) is tried first when the editor is opened on this
    # machine: true for its usual address, or the address of its API.
    local_backend: bool | str = True


@dataclass(frozen=True)
class Settings:
    maps_dir: str = "maps"
    personas_dir: str = "personas"
    # The site's own starting files for `journeymaps new map --template <name>`.
    templates_dir: str = "map-templates"
    # One CSV file per metric (metrics/<id>.csv), beside maps/; older data than
    # metrics_stale_after days is shown as stale.
    metrics_dir: str = "metrics"
    metrics_stale_after: int = 45
    emotion_scale: tuple[float, float] = DEFAULT_SCALE
    review_every: int = 90
    # Above this many journeys the nav shows only the journeys index: a sidebar of
    # hundreds of journeys helps nobody, and Material renders it into every page.
    nav_limit: int = 50
    channels: Mapping[str, ChannelSetting] = field(default_factory=dict)
    lanes: tuple[str, ...] = LANES
    # A font file with Chinese characters for images, relative to the site root; by
    # default one is looked for on the machine.
    font: str | None = None
    language: str = "en"
    editor: EditorSetting | None = None

    @property
    def neutral(self) -> float:
        low, high = self.emotion_scale
        return 0.0 if low <= 0 <= high else (low + high) / 2


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# The options an author may set in mkdocs.yml, with the YAML type of each; their defaults
# are the fields of Settings.
OPTIONS: dict[str, type | tuple[type, ...]] = {
    "maps_dir": str,
    "personas_dir": str,
    "templates_dir": str,
    "emotion_scale": list,
    "review_every": int,
    "nav_limit": int,
    "channels": dict,
    "font": str,
    "lanes": list,
    "metrics_dir": str,
    "metrics_stale_after": int,
    "editor": (bool, dict),
}


def settings_from_options(options: Mapping[str, Any], language: str = "en") -> tuple[Settings, list[Msg]]:
    """Settings from the plugin's options in mkdocs.yml, and what is wrong with them."""
    errors: list[Msg] = []
    defaults = Settings()
    known = (*OPTIONS, "enabled")
    for key in options:
        if key not in known:
            errors.append(Msg("config.unknown_option", key=key, options=Names(sorted(known))))
    scale = options.get("emotion_scale", defaults.emotion_scale)
    if not (isinstance(scale, (list, tuple)) and len(scale) == 2 and all(map(_number, scale)) and scale[0] < scale[1]):
        errors.append(Msg("config.emotion_scale", value=repr(scale)))
        scale = defaults.emotion_scale
    review_every = options.get("review_every", defaults.review_every)
    if not (isinstance(review_every, int) and not isinstance(review_every, bool) and review_every > 0):
        errors.append(Msg("config.review_every", value=repr(review_every)))
        review_every = defaults.review_every
    nav_limit = options.get("nav_limit", defaults.nav_limit)
    if not (isinstance(nav_limit, int) and not isinstance(nav_limit, bool) and nav_limit >= 0):
        errors.append(Msg("config.nav_limit", value=repr(nav_limit)))
        nav_limit = defaults.nav_limit
    stale_after = options.get("metrics_stale_after", defaults.metrics_stale_after)
    if not (isinstance(stale_after, int) and not isinstance(stale_after, bool) and stale_after > 0):
        errors.append(Msg("config.metrics_stale_after", value=repr(stale_after)))
        stale_after = defaults.metrics_stale_after
    dirs = {}
    for key in ("maps_dir", "personas_dir", "templates_dir", "metrics_dir"):
        value = options.get(key, getattr(defaults, key))
        if not isinstance(value, str) or not value.strip():
            errors.append(Msg("config.folder", key=key, value=repr(value)))
            value = getattr(defaults, key)
        dirs[key] = value.strip().strip("/")
    channels: dict[str, ChannelSetting] = {}
    raw = options.get("channels") or {}
    if not isinstance(raw, Mapping):
        errors.append(Msg("config.channels"))
        raw = {}
    for name, spec in raw.items():
        if isinstance(spec, str):
            channels[str(name)] = ChannelSetting(label=spec)
        elif isinstance(spec, Mapping) and isinstance(spec.get("label", name), str):
            extra = set(spec) - {"label", "icon"}
            if extra:
                errors.append(Msg("config.channel_key", name=name, key=sorted(extra)[0]))
            channels[str(name)] = ChannelSetting(
                label=str(spec.get("label", name)), icon=str(spec.get("icon", ChannelSetting.icon))
            )
        else:
            errors.append(Msg("config.channel", name=name))
    lanes = _lanes(options.get("lanes", defaults.lanes), errors)
    font = options.get("font")
    if font is not None and (not isinstance(font, str) or not font.strip()):
        errors.append(Msg("config.font", value=repr(font)))
        font = None
    editor = _editor(options.get("editor", False), errors)
    settings = Settings(
        editor=editor,
        font=font,
        maps_dir=dirs["maps_dir"],
        personas_dir=dirs["personas_dir"],
        templates_dir=dirs["templates_dir"],
        metrics_dir=dirs["metrics_dir"],
        metrics_stale_after=stale_after,
        emotion_scale=(float(scale[0]), float(scale[1])),
        review_every=review_every,
        nav_limit=nav_limit,
        channels=channels,
        lanes=lanes,
        language=language,
    )
    return settings, errors


def _lanes(value: Any, errors: list[Msg]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        errors.append(Msg("config.lanes", value=repr(value), lanes=Names(LANES)))
        return LANES
    unknown = [v for v in value if v not in LANES]
    for lane in unknown:
        errors.append(Msg("config.lane", lane=lane, lanes=Names(LANES)))
    return tuple(dict.fromkeys(v for v in value if v in LANES))


def _editor(value: Any, errors: list[Msg]) -> EditorSetting | None:
    if value is False or value is None:
        return None
    if value is True:
        return EditorSetting()
    if not isinstance(value, Mapping):
        errors.append(Msg("config.editor", value=repr(value)))
        return None
    for key in value:
        if key not in EDITOR_OPTIONS:
            errors.append(Msg("config.editor_key", key=key, keys=Names(EDITOR_OPTIONS)))
    backend = value.get("backend") or {}
    if isinstance(backend, str):
        backend = {"name": backend}
    if not isinstance(backend, Mapping) or not all(isinstance(v, str) for v in backend.values()):
        errors.append(Msg("config.editor_backend", value=repr(backend)))
        backend = {}
    name = backend.get("name")
    if name is not None and name not in EDITOR_BACKENDS:
        errors.append(Msg("config.editor_backend_name", value=name, names=Names(EDITOR_BACKENDS)))
        backend = {k: v for k, v in backend.items() if k != "name"}
    mode = value.get("publish_mode", EditorSetting.publish_mode)
    if mode not in PUBLISH_MODES:
        errors.append(Msg("config.editor_publish_mode", value=repr(mode), modes=Names(PUBLISH_MODES)))
        mode = EditorSetting.publish_mode
    branch = value.get("branch")
    if branch is not None and (not isinstance(branch, str) or not branch.strip()):
        errors.append(Msg("config.editor_branch", value=repr(branch)))
        branch = None
    local = value.get("local_backend", EditorSetting.local_backend)
    if not isinstance(local, (bool, str)):
        errors.append(Msg("config.editor_local_backend", value=repr(local)))
        local = EditorSetting.local_backend
    return EditorSetting(backend=dict(backend), branch=branch, publish_mode=mode, local_backend=local)
