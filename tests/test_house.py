"""The house's rules (docs/house.md), checked on the source: no import cycle between the service's
packages, the HTTP kit imports no domain, and the lint rule that keeps pages and the CLI off routes lists
every routes module there is."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
SERVICE = REPO / "service"
# Modules at the bottom of the house that every domain may use; they import no domain.
BASE = {"models", "migrations", "settings", "clock", "vocab", "errors", "db", "migrate", "access", "concurrency"}
DOMAINS = {
    p.name for p in SERVICE.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name not in BASE
}


def _unit(module: str) -> str | None:
    """The package (or top-level module) of the service a dotted name belongs to."""
    parts = module.split(".")
    if parts[0] != "service" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in SERVICE.rglob("*.py"):
        source = _unit("service." + path.relative_to(SERVICE).with_suffix("").as_posix().replace("/", "."))
        if source is None:
            continue
        graph.add_node(source)
        for name in _imports(path):
            target = _unit(name)
            if target is None or target == source:
                continue
            if (SERVICE / target).is_dir() or (SERVICE / f"{target}.py").exists():
                graph.add_edge(source, target)
    return graph


def test_no_import_cycle_between_the_service_packages() -> None:
    graph = _graph()
    assert graph.has_edge("requests", "models") and graph.has_edge("app", "requests")  # the walk sees imports
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, cycles


def test_the_http_kit_and_the_base_import_no_domain() -> None:
    graph = _graph()
    for low in {"http", *BASE} & set(graph):
        reached = set(graph.successors(low)) & (DOMAINS - {"http", "core"})
        assert not reached, f"{low} imports {sorted(reached)}"


def test_pages_and_cli_are_banned_from_every_routes_module() -> None:
    routes = {
        "service." + p.relative_to(SERVICE).with_suffix("").as_posix().replace("/", ".")
        for p in SERVICE.glob("*/routes.py")
    }
    assert routes, "no routes modules found"
    for folder in ("pages", "cli"):
        config = tomllib.loads((SERVICE / folder / "ruff.toml").read_text(encoding="utf-8"))
        banned = set(config["lint"]["flake8-tidy-imports"]["banned-api"])
        assert routes <= banned, f"{folder}/ruff.toml misses {sorted(routes - banned)}"
