"""Brief → text for the terminal, JSON, and (in handlers' use) Slack Block Kit."""
