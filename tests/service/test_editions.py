"""Issue 5: building editions of constructed months, immutability, checksum verification, diffs, bad
months, and a failure half-way leaving nothing behind."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from service import models as m
from service.editions import store
from service.editions.diff import diff
from service.errors import Conflict, InvalidInput, NotFound
from tests.service.conftest import make_programme, make_request
from tests.service.test_editions_helpers import TODAY, Months, constructed, june_2003  # noqa: F401

pytestmark = pytest.mark.usefixtures("june_2003")


def _by_ref(content: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["ref"]: r for r in content["requests"]}


def _circulate(session: Session, edition: m.Edition) -> None:
    session.add(
        m.Circulation(
            edition_id=edition.id,
            party_kind="state",
            party="KEN",
            recipients=["a@example.org"],
            attachments={"x.xlsx": "0" * 64},
            channel="outbox",
            status="outbox",
            message_id="<1@x>",
        )
    )
    session.flush()


def test_past_months_are_reconstructed_at_their_end(session: Session) -> None:
    c = constructed(session)
    april = store.get(session, store.build(session, "2003-04", actor=None, on=TODAY).month).content
    may = store.get(session, store.build(session, "2003-05", actor=None, on=TODAY).month).content

    a, b = _by_ref(april), _by_ref(may)
    assert set(a) == {c.r1.ref, c.r2.ref, c.r4.ref, c.r7.ref}
    assert set(b) == {c.r1.ref, c.r2.ref, c.r3.ref, c.r4.ref, c.r7.ref}
    assert a[c.r1.ref]["status"] == "open" and b[c.r1.ref]["status"] == "matched"
    assert a[c.r4.ref]["status"] == "in_delivery" and b[c.r4.ref]["status"] == "met"
    assert (a[c.r1.ref]["priority"], a[c.r2.ref]["priority"]) == (1, 2)
    assert (b[c.r1.ref]["priority"], b[c.r2.ref]["priority"]) == (2, 1)
    assert b[c.r4.ref]["priority"] is None
    # The match was accepted, offered and consented in May: April still saw a suggestion; rejected ones never
    # show.
    assert [(x["programme"], x["status"]) for x in a[c.r1.ref]["matches"]] == [
        (c.p1.id, "suggested"),
        (c.p2.id, "suggested"),
    ]
    assert b[c.r1.ref]["matches"][0] == {
        "programme": c.p1.id,
        "score": 0.9,
        "rank": 1,
        "status": "consented",
        "summary": f"shares areas with {c.p1.ref}",
    }
    assert c.p4.id not in {x["programme"] for x in b[c.r2.ref]["matches"]}
    # Gaps: reasonable, still seeking, and no standing match. The untriaged request is not one.
    assert [r["ref"] for r in may["requests"] if r["gap"]] == [c.r3.ref]
    assert b[c.r7.ref]["triage_outcome"] is None and not b[c.r7.ref]["gap"]
    assert may["states"]["PAK"]["name"] == "Pakistan"
    assert may["summary"]["gaps"] == 1 and may["summary"]["met_in_month"] == 1
    assert {p["id"] for p in may["programmes"] if p["active"]} == {c.p1.id, c.p2.id, c.p3.id}


def test_current_month_is_the_database_as_it_stands(session: Session) -> None:
    c = constructed(session)
    june = store.get(session, store.build(session, "2003-06", actor=None, on=TODAY).month).content
    refs = _by_ref(june)
    assert c.r6.ref in refs and c.r4.ref not in refs  # met in May: not a June change
    assert refs[c.r1.ref]["priority"] == 2 and refs[c.r6.ref]["days_open"] == 13


def test_diff_between_constructed_months(session: Session) -> None:
    c = constructed(session)
    store.build(session, "2003-04", actor=None, on=TODAY)
    store.build(session, "2003-05", actor=None, on=TODAY)
    may = store.get(session, "2003-05")
    april = store.previous(session, "2003-05")
    assert april is not None and april.edition.month == "2003-04"
    changes = diff(april.content, may.content)
    got = {(ch["kind"], ch["ref"]) for ch in changes["changes"]}
    assert got == {
        ("new_request", c.r3.ref),
        ("met", c.r4.ref),
        ("status_changed", c.r1.ref),
        ("priority_changed", c.r1.ref),
        ("priority_changed", c.r2.ref),
        ("newly_accepted", c.r1.ref),
        ("new_programme", c.p3.ref),
        ("retired_programme", c.p4.ref),
    }
    assert changes["counts"]["priority_changed"] == 2
    priority = next(
        ch for ch in changes["changes"] if ch["kind"] == "priority_changed" and ch["ref"] == c.r1.ref
    )
    assert (priority["before"], priority["after"]) == (1, 2)
    assert diff(None, april.content)["counts"]["new_request"] == 4  # first edition: all new
    assert store.previous(session, "2003-04") is None


def test_checksum_is_verified_on_every_read(session: Session) -> None:
    constructed(session)
    edition = store.build(session, "2003-05", actor=None, on=TODAY)
    assert all(v.ok for v in store.verify(session, "2003-05"))
    # Tamper behind the service's back (dropping the guard trigger inside this rolled-back transaction).
    dialect = session.get_bind().dialect.name
    session.execute(
        text("DROP TRIGGER editions_no_update" + (" ON editions" if dialect == "postgresql" else ""))
    )
    session.execute(
        text("UPDATE editions SET content = replace(content, :real, :fake) WHERE id = :id"),
        {"id": edition.id, "real": '"gaps":1', "fake": '"gaps":0'},
    )
    session.expire_all()
    [verdict] = store.verify(session, "2003-05")
    assert not verdict.ok and "fails its checksum" in (verdict.problem or "")
    with pytest.raises(store.EditionCorrupt):
        store.get(session, "2003-05")


def test_the_database_refuses_to_change_an_edition(session: Session) -> None:
    constructed(session)
    edition = store.build(session, "2003-05", actor=None, on=TODAY)
    with pytest.raises(Exception, match="frozen"), session.begin_nested():
        session.execute(text("UPDATE editions SET gaps = 7 WHERE id = :id"), {"id": edition.id})


def test_rebuild_replaces_until_circulated_then_only_a_correction(session: Session) -> None:
    constructed(session)
    first = store.build(session, "2003-05", actor=None, on=TODAY)
    again = store.build(session, "2003-05", actor=None, on=TODAY)
    assert again.revision == 1 and session.scalar(select(func.count()).select_from(m.Edition)) == 1
    _circulate(session, again)
    with pytest.raises(Conflict, match="was circulated"):
        store.build(session, "2003-05", actor=None, on=TODAY)
    corrected = store.build(session, "2003-05", actor=None, on=TODAY, reason="Kenya's second request was mis-tagged")
    assert corrected.revision == 2 and corrected.reason
    assert store.get(session, "2003-05").edition.revision == 2
    assert store.get(session, "2003-05", revision=1).content["revision"] == 1
    assert first.checksum == again.checksum or first.id != again.id


def test_a_failure_half_way_leaves_no_partial_edition(session: Session) -> None:
    constructed(session)
    store.build(session, "2003-05", actor=None, on=TODAY)
    before = store.get(session, "2003-05").edition.checksum

    def explode(label: str) -> None:
        if label == "programmes":
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.build(session, "2003-05", actor=None, on=TODAY, step=explode)
    assert store.get(session, "2003-05").edition.checksum == before
    assert session.scalar(select(func.count()).select_from(m.Edition)) == 1


@pytest.mark.parametrize(
    ("month", "error", "words"),
    [
        ("2003-13", InvalidInput, "must look like"),
        ("May 2003", InvalidInput, "must look like"),
        ("2003-07", InvalidInput, "in the future"),
        ("1999-01", InvalidInput, "no requests"),
    ],
)
def test_bad_months(session: Session, month: str, error: type[Exception], words: str) -> None:
    constructed(session)
    with pytest.raises(error, match=words):
        store.build(session, month, actor=None, on=TODAY)


def test_reading_a_month_never_built(session: Session) -> None:
    with pytest.raises(NotFound, match="build it with"):
        store.get(session, "2003-02")
    assert date(2003, 6, 15)  # the pinned today


def test_a_line_is_led_by_its_furthest_match_not_its_best_score(session: Session) -> None:
    """A pending offer leads its request's line over a higher-scoring suggestion: the line says "offered",
    never "suggested by the system" while a provider has put its name to it."""
    request = make_request(session, state="KEN", status="open")
    offered, suggested = make_programme(session), make_programme(session, provider="OSCE")
    session.add_all(
        [
            m.Match(request_id=request.id, programme_id=offered.id, score=0.4, status="offered"),
            m.Match(request_id=request.id, programme_id=suggested.id, score=0.9, status="suggested"),
        ]
    )
    session.flush()
    content = store.get(session, store.build(session, "2003-06", actor=None, on=TODAY).month).content
    line = next(r for r in content["requests"] if r["id"] == request.id)
    assert [x["status"] for x in line["matches"]] == ["offered", "suggested"]
