"""Storing suggestions: the one place that turns the core's ranked programmes for some requests into
match rows, used by the full refresh (matching.refresh) and by the incremental path that re-scores a
request when it opens or changes and the open requests a programme change may touch."""
