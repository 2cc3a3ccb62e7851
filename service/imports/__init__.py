"""Bulk import of requests, programmes, contacts and reports from CSV and XLSX files laid out as a person
fills them in: validate every row, report what would change, then write all of it or nothing."""

from __future__ import annotations

from service.imports.engine import run_import
from service.imports.kinds import KINDS, kind_named
from service.imports.report import ImportReport, Problem, RowResult

__all__ = ["KINDS", "ImportReport", "Problem", "RowResult", "kind_named", "run_import"]
