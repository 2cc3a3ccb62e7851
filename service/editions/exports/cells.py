"""Spreadsheet formula injection: text that a spreadsheet would run as a formula is kept as text."""

from __future__ import annotations

from typing import Any

# What Excel, LibreOffice and Google Sheets treat as the start of a formula (OWASP's list).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_safe(value: Any) -> Any:
    """For CSV, where no cell type exists: a leading apostrophe, which spreadsheets hide and keep as text."""
    return "'" + value if is_risky(value) else value
