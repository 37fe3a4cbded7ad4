"""The errors china-brief raises on purpose, worded for the editor who will read them."""

from __future__ import annotations


class BriefError(Exception):
    """Base class: the message is shown to the user as it is."""


class EmptyQuery(BriefError):
    """The query had no searchable words."""


class NoMatches(BriefError):
    """Nothing in the corpus matches the query."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class EmptyCorpus(BriefError):
    """The database holds no articles yet."""


class BadArticle(BriefError):
    """An input file or record could not be read as an article."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConfigError(BriefError):
    """A setting is missing or malformed."""


class SchemaTooNew(BriefError):
    """The database was upgraded by a newer china-brief, whose schema this one cannot use."""


class ModelMissing(BriefError):
    """No installed spaCy English model could be loaded."""


class DeliveryError(BriefError):
    """Slack did not take a message (rate limit outlasted the retries, network down)."""


class MessageRefused(DeliveryError):
    """Slack will never take this message as it is (bad blocks, bad token): do not retry."""


class ChannelUnavailable(DeliveryError):
    """The bot cannot post in a channel: it was removed, or the channel is gone."""


class BadSchedule(BriefError):
    """A digest time or time zone could not be read."""
