"""IATI import benchmark: N synthetic programmes written as an IATI 2.03 activity file (multilingual
titles, recipient countries, DAC sectors, dates), imported into a fresh database: dry run, real run, and
the same file again (which must change nothing). Goal: 5,000 activities in < 30 s. Asserts no time.

    .venv/bin/python -m bench.iati_bench [--activities 5000] [--url URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from rich.console import Console

from matcher.catalogue import load_catalogue
from matcher.lab.synthetic import corpus
from service.core import load_states
from service.db import session_scope
from service.imports.iati import XML_LANG, iso2_table, sector_table
from service.imports.report import ImportReport
from service.migrate import upgrade
from service.seeding.reference import load_reference
from service.settings import Settings

console = Console()


def activity_file(url: str, n: int, seed: int) -> bytes:
    with session_scope(url) as session:
        states = load_states(session)
    iso2 = {iso3: code for code, iso3 in iso2_table().items()}
    dac = {area: code for code, (area, export) in sector_table().items() if export}
    root = etree.Element("iati-activities", version="2.03")
    for p in corpus(load_catalogue(), states, 1, n, seed).programmes:
        activity = etree.SubElement(root, "iati-activity")
        activity.set(XML_LANG, p.language or "en")
        etree.SubElement(activity, "iati-identifier").text = f"XM-BENCH-{p.id}"
        org = etree.SubElement(activity, "reporting-org", ref=f"XM-BENCH-{p.provider}", type="40")
        etree.SubElement(org, "narrative").text = p.provider
        for tag, text in (("title", p.title[:300]), ("description", p.description)):
            element = etree.SubElement(activity, tag)
            etree.SubElement(element, "narrative").text = text
        etree.SubElement(activity, "activity-date", type="1", **{"iso-date": "2003-01-01"})
        etree.SubElement(activity, "activity-date", type="3", **{"iso-date": "2004-12-31"})
        if p.scope.kind == "states":
            for iso3 in p.scope.values:
                etree.SubElement(activity, "recipient-country", code=iso2[iso3])
        for area in p.areas:
            etree.SubElement(activity, "sector", code=dac.get(area, "99810"), vocabulary="1")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def timed(label: str, run: Callable[[], ImportReport]) -> None:
    started = time.perf_counter()
    report = run()
    console.print(f"{label}: {time.perf_counter() - started:.1f} s — {report.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--url", help="a database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    from service.imports.iati import import_iati

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        with session_scope(url) as session:
            load_reference(session, Settings().data_dir)
        data = activity_file(url, args.activities, args.seed)
        console.print(f"{args.activities:,} activities, {len(data) / 1e6:.1f} MB of XML")
        for label, dry in (("dry run", True), ("import", False), ("same file again", False)):
            with session_scope(url) as session:
                timed(label, lambda s=session, d=dry: import_iati(s, data, "bench.xml", dry_run=d))


if __name__ == "__main__":
    main()
