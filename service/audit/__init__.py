"""The append-only event log: recording every change, and reading it back (team only)."""
