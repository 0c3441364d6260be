"""Benchmarks: ``make bench`` (``python -m bench``). They print tables and write JSON to ``bench/results/``.

Every figure is a ratio against a baseline measured in the same run, on the same machine, interleaved with
it: these machines are shared and noisy, so absolute times are only context. Nothing here is a test; nothing
fails.
"""
