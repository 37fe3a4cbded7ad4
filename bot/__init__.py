"""china-brief: sourced briefings from a newsroom's own article corpus."""
