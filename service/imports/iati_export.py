"""The agreed and delivered assistance as IATI activities (standard 2.03) a provider could publish: one
activity per programme with commitments by the end of the month, its text, dates, recipients and areas
(OECD DAC purpose codes and our own area ids), and one transaction per committed need. Read back by
`matchmaker import iati`, the file changes nothing (tests/service/test_iati.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from lxml import etree
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.editions.months import parse_month
from service.imports.iati import (
    DAC_VOCABULARY,
    IATI_ORGANISATIONS,
    OWN_VOCABULARY,
    XML_LANG,
    iso2_table,
    region_table,
    sector_table,
)
from service.vocab import COMMITTED_MATCH_STATUSES

# IATI TransactionType: 2 = outgoing commitment (agreed), 3 = disbursement (delivered).
TRANSACTION_TYPE = {"delivered": "3"}


def export_iati(session: Session, month_text: str, *, on: date) -> bytes:
    """The month's committed assistance (offers the state agreed to, and what came of them) as an
    `iati-activities` document (UTF-8 XML bytes); a commitment dates from the state's consent."""
    month = parse_month(month_text, not_after=on)
    committed_on = func.coalesce(m.Match.consented_at, m.Match.decided_at, m.Match.offered_at)
    matches = session.scalars(
        select(m.Match)
        .where(m.Match.status.in_(COMMITTED_MATCH_STATUSES), committed_on < month.end)
        .order_by(m.Match.programme_id, m.Match.id)
    ).all()
    by_programme: dict[int, list[m.Match]] = defaultdict(list)
    for match in matches:
        by_programme[match.programme_id].append(match)
    root = etree.Element("iati-activities", version="2.03", nsmap=None)
    root.set("generated-datetime", f"{month.last_day.isoformat()}T00:00:00Z")
    root.set(XML_LANG, "en")
    for commitments in by_programme.values():
        root.append(_activity(commitments[0].programme, commitments))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _narrative(parent: etree._Element, tag: str, text: str, language: str | None = None) -> None:
    element = etree.SubElement(parent, tag)
    narrative = etree.SubElement(element, "narrative")
    if language:
        narrative.set(XML_LANG, language)
    narrative.text = text


def _activity(programme: m.Programme, commitments: list[m.Match]) -> etree._Element:
    language = programme.language or "en"
    activity = etree.Element("iati-activity")
    activity.set(XML_LANG, language)
    etree.SubElement(activity, "iati-identifier").text = programme.ref
    org_refs = {party: ref for ref, party in IATI_ORGANISATIONS.items()}
    org = etree.SubElement(
        activity, "reporting-org", type="40" if programme.provider.kind != "state" else "10"
    )
    if programme.provider_id in org_refs:
        org.set("ref", org_refs[programme.provider_id])
    etree.SubElement(org, "narrative").text = programme.provider.name
    _narrative(activity, "title", programme.title, language)
    if programme.description:
        _narrative(activity, "description", programme.description, language)
    etree.SubElement(activity, "activity-status", code="2")  # implementation
    for kind, day in (("1", programme.active_from), ("3", programme.active_to)):
        if day is not None:
            etree.SubElement(activity, "activity-date", type=kind, **{"iso-date": day.isoformat()})
    recipients = _recipients(activity, programme)
    _sectors(activity, programme.areas)
    for match in commitments:
        _transaction(activity, match, recipients)
    return activity


def _recipients(activity: etree._Element, programme: m.Programme) -> bool:
    """Scope → recipients where IATI can say it: listed states, or regions with a DAC region code.
    Members-of and global scopes have no IATI recipients (importing them back keeps what is stored)."""
    if programme.scope_kind == "states":
        iso2 = {iso3: iso2 for iso2, iso3 in iso2_table().items()}
        for iso3 in programme.scope_values:
            etree.SubElement(activity, "recipient-country", code=iso2[iso3], percentage=_share(programme))
        return bool(programme.scope_values)
    if programme.scope_kind == "regions":
        codes = {scope: code for code, scope in region_table().items()}
        known = [codes[r] for r in programme.scope_values if r in codes]
        if len(known) == len(programme.scope_values):
            for code in known:
                etree.SubElement(activity, "recipient-region", code=code, vocabulary="1")
            return True
    return False


def _share(programme: m.Programme) -> str:
    return f"{100 / max(1, len(programme.scope_values)):.2f}"


def _sectors(activity: etree._Element, areas: list[str]) -> None:
    """Each vocabulary's percentages add up to 100, as the standard asks."""
    dac = sorted({code for code, (area, export) in sector_table().items() if export and area in areas})
    for vocabulary, codes in ((DAC_VOCABULARY, dac), (OWN_VOCABULARY, sorted(areas))):
        for i, code in enumerate(codes):
            share = 100 // len(codes) + (1 if i < 100 % len(codes) else 0)
            etree.SubElement(activity, "sector", code=code, vocabulary=vocabulary, percentage=str(share))


def _transaction(activity: etree._Element, match: m.Match, recipients: bool) -> None:
    when = match.delivery_completed or (
        match.consented_at or match.decided_at or match.offered_at or match.created_at
    ).date()
    transaction = etree.SubElement(activity, "transaction")
    etree.SubElement(transaction, "transaction-type", code=TRANSACTION_TYPE.get(match.status, "2"))
    etree.SubElement(transaction, "transaction-date", **{"iso-date": when.isoformat()})
    # Amounts are not recorded yet: the value says none rather than guessing.
    etree.SubElement(transaction, "value", currency="USD", **{"value-date": when.isoformat()}).text = "0"
    _narrative(transaction, "description", f"{match.request.ref}: {match.status}", "en")
    if not recipients:
        iso2 = {iso3: iso2 for iso2, iso3 in iso2_table().items()}
        etree.SubElement(transaction, "recipient-country", code=iso2[match.request.state_iso3])
