"""Evaluation scripts: measure china-brief against annotated data (not part of the test suite)."""
