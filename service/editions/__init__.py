"""Monthly editions of the Assistance Matrix: freeze, seal and verify (store), compare (diff), export,
tailored packages with their outbox, and the circulation log."""
