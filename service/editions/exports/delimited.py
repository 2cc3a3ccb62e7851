"""A table to CSV for Excel: UTF-8 with a byte-order mark, CRLF rows, formula-looking text neutralised."""

from __future__ import annotations

import csv
from io import StringIO

from service.editions.exports.cells import csv_safe
from service.editions.exports.tables import Table


def csv_bytes(table: Table) -> bytes:
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([csv_safe(v) for v in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
