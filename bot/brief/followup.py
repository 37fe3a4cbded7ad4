"""A reply in a brief's thread → what the person means (pure: text and thread in, FollowUp out).

"who said that?" asks for the quotes on the thread's topic, "what did Kearns say?" for her
quotes, "what about Taiwan?" and "more on the sanctions" for a brief on a new topic, "when was
that?" for the topic's timeline. A reply that names no topic carries the thread's over.
"""

from __future__ import annotations

import re

from bot.records import FollowUp, Thread

MENTION = re.compile(r"<[@!#][^>]*>")
PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "hers"}
HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady)\.?\s+", re.I)
LEADING = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
EMPTY_TOPIC = {"", "that", "this", "it", "those", "these", "that happen", "this happen", "happen"}

SAID_WHAT = re.compile(
    r"^(?:and\s+|so\s+)?(?:what|anything)\s+(?:else\s+)?(?:did|does|has|had|is|was|were)\s+"
    r"(?P<who>.+?)\s+(?:else\s+)?(?:say|said|saying|think|thinks|thought)"
    r"(?:\s+(?:about|on|regarding)\s+(?P<topic>.+))?$",
    re.I,
)
QUOTES_FROM = re.compile(r"^(?:any\s+|more\s+)?quotes?\s+(?:from|by)\s+(?P<who>.+)$", re.I)
WHO_SAID = re.compile(r"^(?:and\s+|so\s+)?who\s+(?:said|says|say|is quoted)\b(?P<rest>.*)$", re.I)
WHEN = re.compile(
    r"^(?:and\s+|so\s+)?when\s+(?:was|were|did|is|does|will)\b(?P<rest>.*)$|^timeline\b(?P<t>.*)$",
    re.I,
)
ABOUT = re.compile(
    r"^(?:and\s+|so\s+|ok\s+)?(?:what|how)\s+about\s+(?P<topic>.+)$"
    r"|^(?:tell me\s+|give me\s+|show me\s+|any(?:thing)?\s+)?more\s+(?:on|about)\s+(?P<more>.+)$"
    r"|^(?:tell me|brief me)\s+(?:about|on)\s+(?P<tell>.+)$",
    re.I,
)
MORE = re.compile(r"^(?:tell me\s+|show me\s+)?more\b\W*$", re.I)


def interpret(text: str, thread: Thread) -> FollowUp:
    """Read a thread reply in the context of the thread's query and earlier follow-ups."""
    said = _clean(text)
    topic = current_topic(thread)
    if match := SAID_WHAT.match(said) or QUOTES_FROM.match(said):
        who = _speaker(match.group("who"), thread)
        named = match.groupdict().get("topic")
        return FollowUp("quotes", _topic(named) or topic, who)
    if match := WHO_SAID.match(said):
        return FollowUp("quotes", _topic(match.group("rest")) or topic)
    if match := WHEN.match(said):
        rest = match.group("rest") if match.group("rest") is not None else match.group("t")
        return FollowUp("timeline", _topic(rest) or topic)
    if match := ABOUT.match(said):
        named = match.group("topic") or match.group("more") or match.group("tell")
        return FollowUp("brief", _topic(named) or topic)
    if MORE.match(said) or not said:
        return FollowUp("brief", topic)
    return FollowUp("brief", said)


def current_topic(thread: Thread) -> str:
    """The topic a reply without one refers to: the latest follow-up's, else the brief's."""
    for turn in reversed(thread.turns):
        if turn.query:
            return turn.query
    return thread.query


def last_speaker(thread: Thread) -> str | None:
    """The most recent speaker the thread asked about, for "what else did she say?"."""
    return next((t.speaker for t in reversed(thread.turns) if t.speaker), None)


def _clean(text: str) -> str:
    text = MENTION.sub(" ", text)
    text = re.sub(r"[?!.…]+\s*$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def _topic(text: str | None) -> str | None:
    if not text:
        return None
    topic = re.sub(r"[?!.,…]+", " ", text).strip()
    topic = re.sub(r"\s+(?:happen|happened)$", "", topic, flags=re.I)
    topic = LEADING.sub("", topic).strip()
    return None if topic.lower() in EMPTY_TOPIC else topic


def _speaker(who: str, thread: Thread) -> str | None:
    who = who.strip(" ,")
    if who.lower() in PRONOUNS:
        return last_speaker(thread)
    who = re.sub(r"['’]s$", "", HONORIFICS.sub("", who)).strip()
    return who or None
