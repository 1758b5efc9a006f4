"""The house is one-way: each layer imports only the layers below it, and the core never
imports MkDocs (so it can move to other site generators, and the command line stays fast)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "journeymaps"

# Lowest first. A module may import its own layer and the ones before it.
LAYERS = [
    {"text"},
    {"model", "settings"},
    {"format"},
    {"analysis"},
    {"site"},
    {"authoring"},
    {"edge"},  # what talks to the outside world (a database), one module each
    {"siteconfig", "cli", "neighbours", "plugin", "__main__"},
]
ADAPTERS = {"siteconfig", "cli", "neighbours", "plugin", "__main__"}


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def imports(path: Path) -> list[str]:
    """The journeymaps modules and the outside packages a file imports (at any depth)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        if parts:
            out.append((".".join(parts), path))
    return out


def test_every_module_has_a_layer():
    assert [name for name, _ in modules() if name.split(".")[0] not in set().union(*LAYERS)] == []


def test_no_module_imports_one_above_it():
    upward = []
    for name, path in modules():
        for target in imports(path):
            if target.startswith("journeymaps."):
                inner = target.removeprefix("journeymaps.")
                if layer_of(inner) > layer_of(name):
                    upward.append(f"{name} imports {inner}")
    assert upward == []


def test_the_core_never_imports_mkdocs():
    core = [(name, path) for name, path in modules() if name.split(".")[0] not in ADAPTERS]
    assert len(core) > 20
    found = [
        f"{name} imports {t}" for name, path in core for t in imports(path) if t.split(".")[0] in ("mkdocs", "material")
    ]
    assert found == []


def test_only_the_edge_talks_to_a_database():
    """SQLAlchemy and the drivers are optional: imported by the edge alone, so the plugin and
    every other command work without them."""
    outside = ("sqlalchemy", "psycopg", "psycopg2", "pymysql", "duckdb", "sqlite3")
    found = [
        f"{name} imports {t}"
        for name, path in modules()
        if name.split(".")[0] != "edge"
        for t in imports(path)
        if t.split(".")[0] in outside
    ]
    assert found == []
    assert any(t.startswith("sqlalchemy") for t in imports(PACKAGE / "edge" / "database.py"))


def test_imports_name_their_layer():
    """Absolute imports only: each names the layer it reaches into, which the checks above read."""
    relative = [
        name
        for name, path in modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []


def test_git_runs_at_the_edge():
    """git is started in one place, authoring/revision.py: the history across reviews
    (authoring/history_git.py) goes through its runner, as `journeymaps diff` does. validate
    asks git only where the site sits, for annotations' paths: an adapter's business."""
    running = sorted(
        name for name, path in modules() if '["git"' in (text := path.read_text(encoding="utf-8")) or "'git'," in text
    )
    assert running == ["authoring.revision", "cli.validate"]
