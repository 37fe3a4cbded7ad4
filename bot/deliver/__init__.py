"""Posting briefs and digests to Slack with a plain slack_sdk WebClient (no Bolt)."""
