"""Programmes from IATI activity files (standard 2.0x): each `iati-activity` becomes one programmes row,
imported by the same engine as a spreadsheet (all or none, dry run, the same report), keyed by its
`iati-identifier` so a second import changes nothing.

What is read, and how (the tables are data/reference/iati_sectors.csv and iati_regions.csv, see
data/README.md):
- reporting-org → the provider: by its IATI organisation identifier through IATI_ORGANISATIONS, then by
  its name (narrative) through the name resolver; a known state or organization becomes a provider.
- title / description → the text, in English when a narrative is in English, else the first narrative;
  its xml:lang (or the file's default) is the programme's language.
- recipient-country (ISO 3166-1 alpha-2) / recipient-region (OECD DAC region codes) → the scope; none
  leaves a stored programme's scope as it is (a new one is global).
- activity-date: actual start (2), else planned start (1) → Active from; actual end (4), else planned end
  (3) → Active to.
- sector: our own areas first (vocabulary 99 with an area id as code, as `matchmaker export iati`
  writes them), else OECD DAC 5-digit purpose codes (vocabulary 1, the default) through the table; a
  valid code the table does not map is `other`, and said so in the report. Other vocabularies are
  skipped, and said so.
- activity-status, participating-org, budget and transactions are not read yet (amounts are not stored).

The file is parsed without a DTD, entities, network access or huge-tree mode: a document type
declaration refuses the file (it is how entity bombs and external entities arrive).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from lxml import etree
from sqlalchemy.orm import Session

from service import models as m
from service.errors import DataFileError
from service.imports.engine import import_sheet
from service.imports.kinds.programmes import ProgrammeKind
from service.imports.report import ImportReport
from service.imports.sheets import FileTooLarge, Limits, Sheet

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUPPORTED_VERSIONS = re.compile(r"^2\.0[1-3]$")
# Our own area ids as an IATI sector vocabulary ("99": the reporting organisation's own codes).
OWN_VOCABULARY = "99"
DAC_VOCABULARY = "1"
# IATI organisation identifiers (org-id.guide) of providers whose name alone may not resolve.
IATI_ORGANISATIONS: dict[str, str] = {"GB-GOV-1": "GBR", "US-GOV-1": "USA"}
HEADERS = [
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "language",
    "sector",
    "recipient-country / recipient-region",
    "activity-date start",
    "activity-date end",
]


@dataclass
class Activities:
    """The rows read from one file and what the reader has to say about each (by row = source line)."""

    sheet: Sheet
    notes: dict[int, list[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def sector_table() -> dict[str, tuple[str, bool]]:
    """DAC purpose code → (area id, whether export writes this code for the area)."""
    text = (resources.files("matchmaker_data") / "reference" / "iati_sectors.csv").read_text("utf-8")
    return {r["code"]: (r["area"], r["export"] == "yes") for r in csv.DictReader(io.StringIO(text))}


@lru_cache(maxsize=1)
def region_table() -> dict[str, str]:
    """OECD DAC region code → an M49 region as the states reference spells it, or 'global'."""
    text = (resources.files("matchmaker_data") / "reference" / "iati_regions.csv").read_text("utf-8")
    return {r["code"]: r["scope"] for r in csv.DictReader(io.StringIO(text))}


def parse_xml(data: bytes, name: str) -> Any:
    """The document's root element, parsed safely; a DTD, an entity or malformed XML refuses the file."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data or (head and not head.lstrip().startswith(b"<")):
        raise DataFileError(name, None, "has a document type declaration or is not XML; IATI files need none")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DataFileError(name, None, f"is not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.internalDTD is not None:  # e.g. declared in another encoding
        raise DataFileError(name, None, "has a document type declaration; IATI files need none")
    return root


def read_activities(data: bytes, filename: str, limits: Limits | None = None) -> Activities:
    """One programmes row per `iati-activity`, in file order."""
    limits = limits or Limits()
    name = PurePath(filename).name or "upload.xml"
    if len(data) > limits.bytes:
        raise FileTooLarge(name, None, f"is {len(data):,} bytes", limit="MATCHMAKER_IMPORT_MAX_BYTES",
                           maximum=limits.bytes)  # fmt: skip
    root = parse_xml(data, name)
    if root.tag != "iati-activities":
        raise DataFileError(name, None, f"the root element is <{root.tag}>, not <iati-activities>")
    version = root.get("version", "")
    if not SUPPORTED_VERSIONS.match(version):
        raise DataFileError(name, None, f"iati-activities version {version!r} is not 2.01–2.03")
    activities = root.findall("iati-activity")
    if len(activities) > limits.rows:
        raise FileTooLarge(name, None, f"has {len(activities):,} activities",
                           limit="MATCHMAKER_IMPORT_MAX_ROWS", maximum=limits.rows)  # fmt: skip
    result = Activities(Sheet(name, list(HEADERS)))
    for activity in activities:
        number = activity.sourceline or 0
        notes: list[str] = []
        result.sheet.rows.append((number, _row(name, activity, root.get(XML_LANG, "en"), notes)))
        if notes:
            result.notes[number] = notes
    return result


def _fail(file: str, activity: Any, element: str, reason: str) -> DataFileError:
    identifier = _text(activity.find("iati-identifier")) or "(no iati-identifier)"
    return DataFileError(file, f"{activity.sourceline} (activity {identifier})", f"{element}: {reason}")


def _text(element: Any) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _narrative(element: Any, default: str) -> tuple[str, str]:
    """(text, language) of an element's narratives: the English one, else the first."""
    if element is None:
        return "", default
    found = [(_text(n), n.get(XML_LANG, default)) for n in element.findall("narrative") if _text(n)]
    english = [f for f in found if f[1] == "en"]
    return (english or found or [("", default)])[0]


def _row(file: str, activity: Any, file_language: str, notes: list[str]) -> list[object]:
    language = activity.get(XML_LANG, file_language)
    identifier = _text(activity.find("iati-identifier"))
    org = activity.find("reporting-org")
    provider = IATI_ORGANISATIONS.get((org.get("ref") or "") if org is not None else "")
    if provider is None:
        provider = _narrative(org, language)[0]
    title, title_language = _narrative(activity.find("title"), language)
    description = "\n\n".join(
        _narrative(d, language)[0] for d in activity.findall("description") if _narrative(d, language)[0]
    )
    return [
        identifier,
        provider,
        title,
        description,
        title_language,
        ", ".join(_areas(file, activity, notes)),
        _scope(file, activity),
        _date(file, activity, ("2", "1")),
        _date(file, activity, ("4", "3")),
    ]


def _areas(file: str, activity: Any, notes: list[str]) -> list[str]:
    own, mapped, unknown, skipped = [], [], [], []
    table = sector_table()
    for sector in activity.findall("sector"):
        vocabulary, code = sector.get("vocabulary", DAC_VOCABULARY), (sector.get("code") or "").strip()
        if vocabulary == OWN_VOCABULARY:
            own.append(code)
        elif vocabulary == DAC_VOCABULARY:
            if not re.fullmatch(r"\d{5}", code):
                raise _fail(file, activity, "sector", f"{code!r} is not an OECD DAC 5-digit purpose code")
            if code in table:
                mapped.append(table[code][0])
            else:
                unknown.append(code)
        else:
            skipped.append(f"{vocabulary}:{code}")
    if unknown:
        notes.append(f"sectors not in the mapping table, read as other: {', '.join(unknown)}")
    if skipped:
        notes.append(f"sectors in other vocabularies skipped: {', '.join(skipped)}")
    return sorted(set(own or mapped + (["other"] if unknown else [])))


def _scope(file: str, activity: Any) -> str:
    countries = [(c.get("code") or "").strip().upper() for c in activity.findall("recipient-country")]
    regions = []
    for region in activity.findall("recipient-region"):
        code = (region.get("code") or "").strip()
        if region.get("vocabulary", "1") != "1" or code not in region_table():
            raise _fail(file, activity, "recipient-region", f"{code!r} is not an OECD DAC region code we map")
        regions.append(region_table()[code])
    if countries and regions:
        raise _fail(file, activity, "recipient-region", "both countries and regions: give one or the other")
    if "global" in regions:
        return "global"
    if regions:
        return "regions: " + ", ".join(sorted(set(regions)))
    if countries:
        iso3 = [iso2_table().get(c) for c in countries]
        if None in iso3:
            bad = countries[iso3.index(None)]
            raise _fail(
                file, activity, "recipient-country", f"{bad!r} is not an ISO 3166-1 alpha-2 code we know"
            )
        return "states: " + ", ".join(sorted({c for c in iso3 if c}))
    return ""


def _date(file: str, activity: Any, types: tuple[str, ...]) -> str:
    dates = {d.get("type"): (d.get("iso-date") or "").strip() for d in activity.findall("activity-date")}
    for kind in types:
        if dates.get(kind):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[kind]):
                raise _fail(
                    file, activity, f"activity-date type {kind}", f"{dates[kind]!r} is not YYYY-MM-DD"
                )
            return dates[kind]
    return ""


@lru_cache(maxsize=1)
def iso2_table() -> Mapping[str, str]:
    """ISO 3166-1 alpha-2 → alpha-3, from the states reference."""
    text = (resources.files("matchmaker_data") / "reference" / "states.csv").read_text("utf-8")
    return {r["iso2"]: r["iso3"] for r in csv.DictReader(io.StringIO(text))}


def import_iati(
    session: Session,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    actor: m.User | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Import the file's activities as programmes: every row checked first, all written or none."""
    read = read_activities(data, filename, limits)
    report = import_sheet(session, ProgrammeKind(), read.sheet, dry_run=dry_run, actor=actor)
    report.kind = "programmes (IATI)"
    for row in report.rows:
        row.notes = read.notes.get(row.row, []) + row.notes
    return report
