"""Backup and restore of the whole database as one versioned JSON-lines archive: written consistently
while the service runs, restored only into an empty database at the same schema revision."""

from __future__ import annotations

from service.backup.archive import BackupError, Header
from service.backup.dump import write_backup
from service.backup.load import read_backup_into

__all__ = ["BackupError", "Header", "read_backup_into", "write_backup"]
