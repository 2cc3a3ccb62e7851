"""The HTTP kit every domain shares: the session and user dependencies, shared schemas and error bodies,
bearer tokens, the body-size limit. It imports no domain."""
