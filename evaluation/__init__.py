"""Evaluation scripts: measure china-brief on public annotated data (not unit tests)."""
