"""Loading the reference data (states, organizations, memberships) and the demo data."""
