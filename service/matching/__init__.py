"""Matching in the service: load rows into the pure core, store its suggestions, run the review workflow."""
