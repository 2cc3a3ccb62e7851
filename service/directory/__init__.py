"""The public directory: sources of assistance and published points of contact (no sign-in)."""
