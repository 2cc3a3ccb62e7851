"""Accounts: users and roles, passwords, sign-in, and applications to see the circulated matrix."""
