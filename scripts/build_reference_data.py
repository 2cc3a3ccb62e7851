"""Regenerate data/reference/states.csv from maintained packages (never typed by hand).

Sources: country_converter's bundled country_data.tsv (UN membership and admission year,
M49 finest region) and pycountry (ISO 3166 names). Run with the `refdata` extra installed:

    pip install -e '.[refdata]' && python scripts/build_reference_data.py
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import country_converter as coco
import pandas as pd
import pycountry

OUT = Path(__file__).resolve().parents[1] / "data" / "reference"

# UN M49's fixed hierarchy above country_converter's finest level (UNregion).
INTERMEDIATE_TO_SUBREGION = {
    "Caribbean": "Latin America and the Caribbean",
    "Central America": "Latin America and the Caribbean",
    "South America": "Latin America and the Caribbean",
    "Eastern Africa": "Sub-Saharan Africa",
    "Middle Africa": "Sub-Saharan Africa",
    "Southern Africa": "Sub-Saharan Africa",
    "Western Africa": "Sub-Saharan Africa",
}
SUBREGION_TO_REGION = {
    "Northern Africa": "Africa",
    "Sub-Saharan Africa": "Africa",
    "Latin America and the Caribbean": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
# The two non-member observer states of the General Assembly.
OBSERVER_STATES = {"VAT", "PSE"}


def build_states() -> list[dict[str, str]]:
    table = pd.read_csv(
        os.path.join(os.path.dirname(coco.__file__), "country_data.tsv"), sep="\t", keep_default_na=False
    )
    rows = []
    for rec in table.to_dict("records"):
        iso3 = rec["ISO3"]
        if not (rec["UNmember"] or iso3 in OBSERVER_STATES):
            continue
        finest = rec["UNregion"]
        subregion = INTERMEDIATE_TO_SUBREGION.get(finest, finest)
        country = pycountry.countries.get(alpha_3=iso3)
        rows.append(
            {
                "iso3": iso3,
                "iso2": rec["ISO2"],
                "m49": f"{int(rec['UNcode']):03d}",
                "name": rec["name_short"],
                "official_name": getattr(country, "official_name", None) or country.name,
                "un_member": "1" if rec["UNmember"] else "0",
                "un_admission_year": str(rec["UNmember"]),
                "region": SUBREGION_TO_REGION[subregion],
                "subregion": subregion,
                "intermediate_region": finest if finest in INTERMEDIATE_TO_SUBREGION else "",
            }
        )
    rows.sort(key=lambda r: r["iso3"])
    return rows


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    states = build_states()
    with open(OUT / "states.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(states[0]))
        writer.writeheader()
        writer.writerows(states)
    print(f"states.csv: {len(states)} rows")


if __name__ == "__main__":
    main()
