"""Background jobs: long work (full refresh, edition build, export and circulation) run by huey workers,
recorded in the `jobs` table with its progress, result or error."""
