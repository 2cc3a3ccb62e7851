"""Issue 5 from the command line, on a scratch database of each backend: build, diff, export, packages
(one party or an unknown one), verify after tampering, refusals with one clear line and a non-zero exit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from service.cli.main import app
from service.db import engine_for, session_scope
from service.seeding.reference import load_reference
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.test_editions_helpers import TODAY, constructed

runner = CliRunner()


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = fresh_database_url(request.param, tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
        constructed(session)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
    monkeypatch.setenv("MATCHMAKER_TODAY", TODAY.isoformat())
    yield url
    engine_for(url).dispose()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    output = result.output  # stdout and stderr, interleaved
    assert result.exit_code == code, output
    return output


def test_the_monthly_round(scratch: str, tmp_path: Path) -> None:
    run("edition", "build", "2003-04")
    assert "built 2003-05 revision 1" in run("edition", "build", "2003-05")
    assert "New request" in run("edition", "diff", "2003-05")
    assert "first edition" in run("edition", "diff", "2003-04")
    for fmt in ("xlsx", "csv", "json", "html"):
        run("edition", "export", "2003-05", "--format", fmt, "--out", str(tmp_path))
        assert (tmp_path / f"assistance-matrix-2003-05-r1.{fmt}").stat().st_size > 500
    assert "1 packages" in run(
        "edition", "packages", "2003-05", "--out", str(tmp_path / "c"), "--party", "KEN"
    )
    assert (tmp_path / "c" / "packages" / "status-sheet-KEN-2003-05-r1.xlsx").exists()
    assert "goal report" not in run("goal", "report", "2003-05", "--out", str(tmp_path / "goal"))
    assert (tmp_path / "goal" / "goal-report-2003-05.html").exists()
    assert "2003-05" in run("edition", "list")


def test_refusals_are_one_line_and_non_zero(scratch: str, tmp_path: Path) -> None:
    out = run("edition", "build", "2003-13", code=2)
    assert out.strip() == "error: month must look like 2003-05, not '2003-13'"
    assert "in the future" in run("edition", "build", "2003-07", code=2)
    assert "no edition of 2003-05" in run("edition", "export", "2003-05", "--out", str(tmp_path), code=2)
    run("edition", "build", "2003-05")
    assert "unknown party 'XYZ'" in run(
        "edition", "packages", "2003-05", "--out", str(tmp_path), "--party", "XYZ", code=2
    )
    assert "format must be one of" in run(
        "edition", "export", "2003-05", "-f", "pdf", "--out", str(tmp_path), code=2
    )


def test_circulated_month_needs_a_reason_and_tampering_is_caught(scratch: str, tmp_path: Path) -> None:
    run("edition", "build", "2003-05")
    # No published contacts in this database: record a circulation by hand to lock the month.
    with session_scope(scratch) as session:
        session.execute(
            text(
                "INSERT INTO circulations (edition_id, party_kind, party, recipients, attachments, "
                "channel, status, message_id, circulated_at, circulated_by) SELECT id, 'state', "
                "'KEN', '[]', :files, 'outbox', 'outbox', '<m@x>', built_at, 'test' FROM editions"
            ),
            {"files": '{"x.xlsx": "' + "0" * 64 + '"}'},
        )
    assert "was circulated" in run("edition", "build", "2003-05", code=2)
    assert "revision 2" in run("edition", "build", "2003-05", "--reason", "Kenya's areas corrected")
    with session_scope(scratch) as session:
        on_pg = session.get_bind().dialect.name == "postgresql"
        session.execute(text("DROP TRIGGER editions_no_update" + (" ON editions" if on_pg else "")))
        session.execute(text("UPDATE editions SET content = content || ' ' WHERE revision = 1"))
    out = run("edition", "verify", "2003-05", code=1)
    assert "2003-05 revision 2: ok" in out and "revision 1 fails its checksum" in out
    assert "fails its checksum" in run(
        "edition", "export", "2003-05", "--revision", "1", "--out", str(tmp_path), code=2
    )
