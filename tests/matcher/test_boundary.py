"""The core stands alone: importing matcher pulls in no service, web or database code, nor its lab."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The CLI's `evaluate` and `bench` commands are tooling: the one service module allowed the lab.
LAB_IMPORTERS = {"service/cli/matching.py"}


def test_matcher_imports_without_the_service() -> None:
    code = (
        "import sys, matcher, matcher.lab.bench, matcher.lab.evaluation, matcher.dedupe, matcher.names; "
        "bad = [m for m in ('service', 'fastapi', 'sqlalchemy') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_matcher_imports_without_its_lab() -> None:
    code = (
        "import sys, matcher; "
        "bad = [m for m in ('matcher.lab', 'bm25s', 'rich') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _imported_modules(tree: ast.AST) -> set[str]:
    """Every module an `import` or `from … import` names, wherever it sits (top level or in a function)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _imports_lab(path: Path) -> bool:
    modules = _imported_modules(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return any(m == "matcher.lab" or m.startswith("matcher.lab.") for m in modules)


def test_only_the_cli_imports_the_lab() -> None:
    offenders = sorted(
        rel
        for path in (REPO / "service").rglob("*.py")
        if (rel := path.relative_to(REPO).as_posix()) not in LAB_IMPORTERS and _imports_lab(path)
    )
    assert not offenders, offenders
    assert all(_imports_lab(REPO / rel) for rel in LAB_IMPORTERS)


def test_the_core_never_imports_its_lab() -> None:
    core = [p for p in (REPO / "matcher").rglob("*.py") if "lab" not in p.relative_to(REPO / "matcher").parts]
    offenders = sorted(p.relative_to(REPO).as_posix() for p in core if _imports_lab(p))
    assert not offenders, offenders


def _imports_core(path: Path) -> set[str]:
    modules = _imported_modules(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return {m for m in modules if m == "matcher" or m.startswith("matcher.")}


def test_one_bridge_module_talks_to_the_core() -> None:
    """service/core.py is the only service module that imports the scoring core (the CLI's evaluate and
    bench reach the core's lab tooling, nothing else of it)."""
    offenders = {}
    for path in (REPO / "service").rglob("*.py"):
        rel = path.relative_to(REPO).as_posix()
        found = _imports_core(path)
        if rel in LAB_IMPORTERS:
            found = {m for m in found if not (m == "matcher.lab" or m.startswith("matcher.lab."))}
        if rel != "service/core.py" and found:
            offenders[rel] = sorted(found)
    assert not offenders, offenders
    assert _imports_core(REPO / "service" / "core.py")
