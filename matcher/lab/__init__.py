"""Lab tooling: bench, evaluation, synthetic corpus, baselines, metrics (the service never imports it).

It imports the core (`matcher`), never the other way round; rich and bm25s are needed only here.
"""
