"""The browser tests' data set: one user per audience, a few programmes, a state's earlier requests in
Arabic, Chinese, Russian and Spanish (and one English look-alike for the near-duplicate check), its
paragraph-6 reports, published contacts and directory entries; one request filed months ago and met now."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from service import models as m
from tests.service.conftest import make_programme, make_request, make_user

EARLIER_REQUESTS = (
    (
        "ar",
        "صياغة قانون لمكافحة تمويل الإرهاب",
        "نحتاج إلى المساعدة في صياغة قانون يجرم تمويل الإرهاب ويجمد الأصول.",
        ("financing",),
    ),
    ("zh", "加强边境管制和旅行证件安全", "请求协助培训边防人员识别伪造的旅行证件。", ("immigration",)),
    (
        "ru",
        "Обучение сотрудников таможни",
        "Требуется обучение таможенников выявлению незаконного перемещения наличных денег.",
        ("customs",),
    ),
    (
        "es",
        "Seguridad de la aviación civil",
        "Solicitamos asistencia para preparar la auditoría de seguridad de la OACI.",
        ("aviation",),
    ),
)


def seed(session: Session) -> dict[str, str]:
    """Insert the data set; returns the usernames of the team, state, provider and reader accounts."""
    team = make_user(session, role="ta", username="team")
    state = make_user(session, role="state", party="KEN", username="kenya")
    provider = make_user(session, role="provider", party="UNODC", username="unodc")
    reader = make_user(session, role="reader", username="reader@iss.example")
    make_programme(
        session,
        provider="UNODC",
        title="Legislative assistance against the financing of terrorism",
        description="Advice on drafting laws that criminalise the financing of terrorism, freeze assets and "
        "set up a financial intelligence unit.",
        areas=("financing", "legislation"),
        languages=("en", "fr", "ar", "es", "ru"),
    )
    make_programme(
        session,
        provider="WCO",
        title="Customs enforcement and cash couriers",
        description="Training for customs officers on cross-border movement of cash and bearer instruments.",
        areas=("customs",),
        scope_kind="members_of",
        scope_values=("WCO",),
        modality="training",
    )
    make_programme(
        session,
        provider="ICAO",
        title="Aviation security audit preparation",
        description="Mentoring of national aviation security authorities before an ICAO audit.",
        areas=("aviation",),
        modality="mentoring",
    )
    for language, title, description, areas in EARLIER_REQUESTS:
        make_request(
            session, state="KEN", title=title, description=description, language=language, areas=areas
        )
    met = make_request(
        session,
        state="KEN",
        title="Law on the financing of terrorism",
        description="Help to draft a law making the financing of terrorism a crime and allowing asset freezing.",
        areas=("financing",),
        status="met",
    )
    # Filed and served over the last months and met now, so that two editions differ (last month's holds
    # it open, this month's met) and the goal dashboard has a few months to draw.
    now = datetime.now(UTC)
    met.submitted_at, met.triaged_at = now - timedelta(days=75), now - timedelta(days=74)
    met.matched_at, met.delivery_started_at = now - timedelta(days=60), now - timedelta(days=50)
    met.met_at = now
    session.add_all(
        [
            m.Contact(
                state_iso3="KEN",
                name="Amina Odhiambo",
                role="CTC focal point",
                email="ctc@example.go.ke",
                phone="+254 20 000 000",
                languages=["en", "sw"],
                published=True,
            ),
            m.Contact(
                organization_id="UNODC",
                name="Terrorism Prevention Branch",
                role="Technical assistance",
                email="tpb@example.org",
                languages=["en", "fr", "ru", "es", "ar", "zh"],
                published=True,
            ),
            m.Report(
                state_iso3="KEN",
                round=1,
                due=date(2001, 12, 27),
                received=date(2001, 12, 21),
                review_status="reviewed",
                reference="S/2001/1234",
            ),
            m.Report(
                state_iso3="KEN",
                round=2,
                due=date(2002, 9, 30),
                received=date(2002, 11, 4),
                review_status="under_review",
                reference="S/2002/1220",
            ),
            m.Report(state_iso3="KEN", round=3, due=date(2003, 6, 30)),
            m.DirectoryEntry(
                ref="B-ML-1",
                kind="model_law",
                title="Model legislative provisions against terrorism",
                summary="Model provisions for criminalising the financing of terrorism.",
                organization_id="UNODC",
                areas=["legislation", "financing"],
                year=2003,
            ),
            m.DirectoryEntry(
                ref="B-ST-1",
                kind="standard",
                title="Eight Special Recommendations on Terrorist Financing",
                summary="The FATF's standards on terrorist financing.",
                organization_id="FATF",
                areas=["financing"],
                year=2001,
            ),
        ]
    )
    session.flush()
    return {
        "team": team.username,
        "state": state.username,
        "provider": provider.username,
        "reader": reader.username,
    }
