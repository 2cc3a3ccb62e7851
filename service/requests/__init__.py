"""States' assistance requests: their lifecycle, access rules and routes."""
