"""Evaluation: scorers for public gold data, runners that score a pipeline, the gate, the benchmark.

Every scorer is a small pure function over plain data, so it can be checked on
hand-made cases and against the figures peers published from their released
predictions. Nothing here loads data or models at import time.
"""
