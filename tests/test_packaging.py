"""The wheel stands on its own: built from the checkout and installed into a fresh venv, then run from a
folder outside the checkout, it finds its migrations, templates, static files and the packaged reference and
demo data (matchmaker_data) without any path into the source tree."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

# What a build needs is pyproject.toml, setup.py, README.md, matcher/, service/ and data/; the rest of the
# checkout is copied too (small), minus local state, so that the build leaves nothing in the checkout.
LOCAL_STATE = shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "build", "dist", "artifacts", "out", "*.db*")


def _run(command: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=120, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO_ROOT, source, ignore=LOCAL_STATE)
    # Offline and fast: no index, no isolated build environment (the test extra brings setuptools>=77).
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index", "--no-build-isolation",
          "-w", work / "dist", source])  # fmt: skip
    (built,) = (work / "dist").glob("assistance_matchmaker-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; its dependencies come from this interpreter's site-packages
    (added by a .pth file after the install, so pip never sees the editable install of the checkout)."""
    env_dir = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", env_dir])
    python = env_dir / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel])
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "dependencies-of-the-test-run.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    return env_dir


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A working folder outside the checkout and an environment with a fresh SQLite database and no
    MATCHMAKER_* setting inherited from the test run (MATCHMAKER_DATA_DIR in particular)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_") and k != "PYTHONPATH"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'installed.db'}"
    work = tmp_path / "elsewhere"
    work.mkdir()
    yield work, env


def test_wheel_carries_data_migrations_templates_and_static(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"matchmaker_data/{p.relative_to(REPO_ROOT / 'data').as_posix()}"
                for p in (REPO_ROOT / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts}  # fmt: skip
    for folder in ("templates", "static", "migrations"):
        expected |= {p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "service" / folder).rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts}  # fmt: skip
    assert "matchmaker_data/reference/states.csv" in expected
    assert "matchmaker_data/demo/requests.json" in expected
    assert sorted(expected - names) == []


def test_installed_wheel_migrates_and_seeds_from_anywhere(venv: Path, outside: tuple[Path, dict[str, str]]) -> None:
    work, env = outside
    python, matchmaker = venv / "bin" / "python", venv / "bin" / "matchmaker"
    where = _run([python, "-c", "import matcher, matchmaker_data, service; "
                  "print(matcher.__file__, matchmaker_data.__file__, service.__file__)"], cwd=work, env=env)  # fmt: skip
    for module_file in where.stdout.split():
        assert Path(module_file).is_relative_to(venv), f"{module_file} is not the installed copy"

    _run([matchmaker, "db", "upgrade"], cwd=work, env=env)
    _run([matchmaker, "seed", "--demo"], cwd=work, env=env)

    with sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///")) as db:
        states = db.execute("SELECT count(*) FROM states").fetchone()[0]
        demo_requests = db.execute("SELECT count(*) FROM requests WHERE demo").fetchone()[0]
        demo_programmes = db.execute("SELECT count(*) FROM programmes WHERE demo").fetchone()[0]
    assert states == 195
    assert demo_requests == 331
    assert demo_programmes == 88

    # Templates and static files come from the installed package too.
    page = _run([python, "-c", "from fastapi.testclient import TestClient; from service.app import create_app; "
                 "c = TestClient(create_app()); "
                 "print(c.get('/sign-in').status_code, c.get('/static/app.css').status_code)"], cwd=work, env=env)  # fmt: skip
    assert page.stdout.split() == ["200", "200"]


def test_data_dir_defaults_to_the_package_and_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from importlib import resources

    from service.settings import Settings

    monkeypatch.delenv("MATCHMAKER_DATA_DIR", raising=False)
    assert Settings().data_dir == resources.files("matchmaker_data")
    assert (Settings().data_dir / "reference" / "states.csv").is_file()
    monkeypatch.setenv("MATCHMAKER_DATA_DIR", str(tmp_path))
    assert Settings().data_dir == tmp_path
