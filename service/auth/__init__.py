"""Authentication and authorisation: password hashing, tokens, and the role-scoped dependencies."""
