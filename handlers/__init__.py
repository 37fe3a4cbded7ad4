"""Slack listeners: the only package that imports slack_bolt."""
