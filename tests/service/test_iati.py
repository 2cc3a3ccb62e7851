"""Issue 17: programmes in from IATI activity files and the committed assistance out as IATI activities —
the mapping (providers, recipients, dates, DAC sectors), all-or-nothing and idempotent imports, refusals
naming the activity and element (unknown version, bad date, sector, region, an XML bomb), the round trip."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from service import models as m
from service.cli.main import app
from service.db import engine_for, session_scope
from service.errors import DataFileError
from service.imports.iati import import_iati, read_activities
from service.imports.iati_export import export_iati
from service.seeding.reference import load_reference
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.conftest import make_request

ON = date(2003, 6, 30)

ACTIVITIES = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2003-06-01T00:00:00Z">
  <iati-activity xml:lang="en" default-currency="USD">
    <iati-identifier>XM-TEST-UNODC-CFT-01</iati-identifier>
    <reporting-org ref="XM-TEST-UNODC" type="40">
      <narrative>United Nations Office on Drugs and Crime</narrative>
    </reporting-org>
    <title>
      <narrative xml:lang="fr">Rédaction législative contre le financement du terrorisme</narrative>
      <narrative>Legislative drafting against terrorist financing</narrative>
    </title>
    <description type="1"><narrative>Advice on laws criminalising the financing of terrorism.</narrative></description>
    <participating-org role="4" type="40"><narrative>UNODC</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2003-01-01"/>
    <activity-date type="2" iso-date="2003-02-01"/>
    <activity-date type="3" iso-date="2004-06-30"/>
    <recipient-country code="KE" percentage="50"/>
    <recipient-country code="UG" percentage="50"/>
    <sector vocabulary="1" code="24010" percentage="50"/>
    <sector vocabulary="1" code="15130" percentage="25"/>
    <sector vocabulary="1" code="11110" percentage="25"/>
    <sector vocabulary="2" code="151"/>
    <budget type="1"><period-start iso-date="2003-01-01"/><period-end iso-date="2003-12-31"/>
      <value currency="USD" value-date="2003-01-01">250000</value></budget>
  </iati-activity>
  <iati-activity xml:lang="en">
    <iati-identifier>GB-GOV-1-AVSEC-7</iati-identifier>
    <reporting-org ref="GB-GOV-1" type="10"><narrative>UK Government</narrative></reporting-org>
    <title><narrative>Airport security screening courses</narrative></title>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2003-03-01"/>
    <recipient-region code="298" vocabulary="1"/>
    <sector code="21050"/>
  </iati-activity>
</iati-activities>
""".encode()


def _programme(session: Session, ref: str) -> m.Programme:
    found = session.scalar(select(m.Programme).where(m.Programme.ref == ref))
    assert found is not None
    return found


def test_activities_become_programmes(session: Session) -> None:
    report = import_iati(session, ACTIVITIES, "donors.xml")
    assert report.applied and report.counts["new"] == 2, report.problems
    cft = _programme(session, "XM-TEST-UNODC-CFT-01")
    assert (cft.provider_id, cft.title, cft.language) == (
        "UNODC",
        "Legislative drafting against terrorist financing",
        "en",
    )
    assert (cft.scope_kind, cft.scope_values) == ("states", ["KEN", "UGA"])
    assert (cft.active_from, cft.active_to) == (date(2003, 2, 1), date(2004, 6, 30))
    assert cft.areas == ["financing", "legislation", "other"]
    notes = next(r.notes for r in report.rows if r.reference == "XM-TEST-UNODC-CFT-01")
    assert any("11110" in n and "other" in n for n in notes) and any("2:151" in n for n in notes)
    avsec = _programme(session, "GB-GOV-1-AVSEC-7")
    # The UK is a known state that was not a provider yet: it becomes one.
    assert avsec.provider_id == "GBR" and session.get(m.Provider, "GBR") is not None
    assert (avsec.scope_kind, avsec.scope_values, avsec.areas) == ("regions", ["Africa"], ["aviation"])
    assert (avsec.active_from, avsec.active_to) == (date(2003, 3, 1), None)


def test_the_same_file_again_changes_nothing_and_a_dry_run_writes_nothing(session: Session) -> None:
    dry = import_iati(session, ACTIVITIES, "donors.xml", dry_run=True)
    assert dry.counts["new"] == 2 and not dry.applied
    assert session.scalar(select(func.count()).select_from(m.Programme)) == 0
    import_iati(session, ACTIVITIES, "donors.xml")
    again = import_iati(session, ACTIVITIES, "donors.xml")
    assert again.counts["unchanged"] == 2 and not again.changed


def _broken(old: bytes, new: bytes) -> bytes:
    assert old in ACTIVITIES
    return ACTIVITIES.replace(old, new)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_broken(b'version="2.03"', b'version="1.05"'), "version '1.05'"),
        (_broken(b'code="24010"', b'code="2401"'), "activity XM-TEST-UNODC-CFT-01): sector: '2401'"),
        (_broken(b'code="298"', b'code="297"'), "activity GB-GOV-1-AVSEC-7): recipient-region"),
        (_broken(b'code="UG"', b'code="XX"'), "recipient-country: 'XX'"),
        (_broken(b'iso-date="2003-03-01"', b'iso-date="March 2003"'), "activity-date type 1"),
        (b"<iati-activities version='2.03'><iati-activity>", "not well-formed"),
        (b"<other/>", "not <iati-activities>"),
    ],
)
def test_bad_files_are_refused_naming_the_activity_and_element(
    session: Session, data: bytes, words: str
) -> None:
    with pytest.raises(DataFileError, match=words.replace("(", r"\(").replace(")", r"\)")):
        import_iati(session, data, "donors.xml")
    assert session.scalar(select(func.count()).select_from(m.Programme)) == 0


def test_an_impossible_date_rejects_the_whole_file(session: Session) -> None:
    report = import_iati(session, _broken(b'iso-date="2003-03-01"', b'iso-date="2003-02-30"'), "d.xml")
    assert not report.applied and report.problems[0].column == "activity-date start"
    assert session.scalar(select(func.count()).select_from(m.Programme)) == 0


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol3;</iati-identifier></iati-activity>
</iati-activities>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&e;</iati-identifier></iati-activity>
</iati-activities>"""
UTF16_BOMB = BOMB.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')


@pytest.mark.parametrize("data", [BOMB, EXTERNAL, UTF16_BOMB.encode("utf-16")], ids=["bomb", "xxe", "utf16"])
def test_entity_bombs_and_external_entities_are_refused(data: bytes) -> None:
    with pytest.raises(DataFileError, match="document type declaration"):
        read_activities(data, "bomb.xml")


def test_export_and_reimport_changes_nothing(session: Session) -> None:
    import_iati(session, ACTIVITIES, "donors.xml")
    cft = _programme(session, "XM-TEST-UNODC-CFT-01")
    avsec = _programme(session, "GB-GOV-1-AVSEC-7")
    cft.scope_values = ["UGA", "KEN"]  # stored in another order: the same scope, so no change
    for programme, status, when in ((cft, "consented", 5), (avsec, "delivered", 6), (cft, "rejected", 6)):
        request = make_request(session, state="KEN", status="matched")
        session.add(
            m.Match(
                request_id=request.id,
                programme_id=programme.id,
                score=0.7,
                status=status,
                consented_at=datetime(2003, when, 10, tzinfo=UTC),
                delivery_completed=date(2003, 6, 20) if status == "delivered" else None,
            )
        )
    session.flush()
    exported = export_iati(session, "2003-06", on=ON)
    assert exported.count(b"<iati-activity ") == 2 and exported.count(b"<transaction>") == 2
    assert b'<transaction-type code="3"/>' in exported and b'code="24010"' in exported
    assert export_iati(session, "2003-05", on=ON).count(b"<transaction>") == 1
    again = import_iati(session, exported, "export.xml")
    assert again.counts["unchanged"] == 2 and not again.changed, [r.changes for r in again.rows]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = fresh_database_url("sqlite", tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
    monkeypatch.setenv("MATCHMAKER_TODAY", ON.isoformat())
    return url


def test_iati_on_the_command_line(scratch: str, tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "donors.xml"
    source.write_bytes(ACTIVITIES)
    dry = runner.invoke(app, ["import", "iati", str(source), "--dry-run"])
    assert dry.exit_code == 0 and "would" in dry.output.lower(), dry.output
    assert runner.invoke(app, ["import", "iati", str(source)]).exit_code == 0
    out = tmp_path / "out.xml"
    written = runner.invoke(app, ["export", "iati", "2003-06", "--out", str(out)])
    assert written.exit_code == 0 and out.read_bytes().startswith(b"<?xml"), written.output
    bad = tmp_path / "bomb.xml"
    bad.write_bytes(BOMB)
    refused = runner.invoke(app, ["import", "iati", str(bad)])
    assert refused.exit_code == 2 and "document type declaration" in refused.output
    engine_for(scratch).dispose()
