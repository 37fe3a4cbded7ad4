"""Speakers named without a reporting verb: a dash byline, a label, a colon's clause, the
subject of the sentence a partial quotation sits in."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.nlp.cues import Inside, name_span
from bot.nlp.lexicon import OTHERS_WORDS, SPEECH_LEMMAS
from bot.nlp.names import entities_in

# '“...” ― Sonya Herrid': a pull quote signed with a dash and a name.
DASH_BYLINE = re.compile(r"[”\"]?\s*[―—–]+\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})")
# '"WALLACE: Let's start ...': a transcript turn opens with the speaker's name in capitals.
TRANSCRIPT_LABEL = re.compile(r"(?P<name>[A-Z][A-Z.’'-]{2,}(?:\s+[A-Z][A-Z.’'-]+){0,2}):\s")
# '"Chris Matthews: Seriously ...': a turn labelled with a name as written, not in capitals.
NAMED_LABEL = re.compile(r"(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,2}):\s")

# 'Clinton: "Our goal is ..." Bush: "The mission is ..."': a name and a colon before the mark.
COLON_LABEL = re.compile(
    r"(?:^|[.!?”\"]\s+)(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
    r"(?:\s*\([^)]*\))?:\s*[“\"]?$"
)


def dash_byline(doc: Doc, text: str, end: int, para_end: int) -> Span | None:
    """The name after a closing mark and a dash ('” ― Carla Sanchez'), if the quote is signed."""
    match = DASH_BYLINE.match(text, end, para_end)
    if match is None:
        return None
    return doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")


def colon_label(doc: Doc, text: str, start: int, para_start: int) -> Span | None:
    """The name right before a colon that opens the quote ('Bush: "The mission is ..."')."""
    before = text[para_start:start]
    match = COLON_LABEL.search(before)
    if match is None:
        return None
    at = para_start + match.start("name")
    span = doc.char_span(at, para_start + match.end("name"), alignment_mode="expand")
    if span is None or not any(e.label_ == "PERSON" for e in entities_in(span)):
        return None  # "Update:" or "The message:" is not a speaker
    if span[0].pos_ == "VERB" and span[0].lemma_ in SPEECH_LEMMAS:
        return None  # 'Said Mr Fogg: "..."' is an inverted cue, which the verb's rule reads
    return span


def colon_clause(doc: Doc, text: str, start: int, para_start: int, inside: Inside) -> Span | None:
    """The person whose clause a colon hands to the quote ('Sanders delivered a retort: "..."')."""
    found = colon_clause_verb(doc, text, start, para_start, inside)
    return found[1] if found is not None else None


def colon_clause_verb(
    doc: Doc, text: str, start: int, para_start: int, inside: Inside
) -> tuple[Token, Span] | None:
    """The clause a colon ends right before the quote: its verb and the person its subject is."""
    before = text[para_start:start].rstrip(" “\"'")
    if not before.endswith(":"):
        return None
    colon = doc.char_span(para_start + len(before) - 1, para_start + len(before))
    if colon is None:
        return None
    last = colon[0].nbor(-1) if colon[0].i else colon[0]
    if last.dep_ == "pobj" and last.head.dep_ == "agent":
        # "the question posed by Brighton nurse Marion Brown:": the agent asks it.
        return (last.head.head, name_span(last)) if _names_a_person(last) else None
    found = _clause_subject(last, inside)
    if found is None:
        return None
    verb, subject = found
    span = name_span(subject)
    # "The timing ... doesn't surprise X:" is not X's.
    return (verb, span) if _names_a_person(subject) else None


def _names_a_person(token: Token) -> bool:
    span = name_span(token)
    return (
        any(e.label_ == "PERSON" for e in entities_in(span))
        or token.lower_ in {"he", "she"}
        or (token.pos_ == "PROPN" and token.text[:1].isupper())
    )


def main_clause_person(doc: Doc, start: int, inside: Inside) -> Span | None:
    """The person heading the sentence a partial quote sits in ("Babar pondered ...")."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None or not len(token):
        return None
    root = token[0].sent.root
    if inside(root.idx) or root.pos_ not in {"VERB", "AUX"}:
        return None
    if _others_words(token[0], inside):
        return None
    subject = next((t for t in root.children if t.dep_ == "nsubj" and not inside(t.idx)), None)
    if subject is None:
        return None
    # A named subject (a person, or a body such as "Russia" or "Google"), never "the balloons".
    return name_span(subject) if subject.pos_ == "PROPN" else None


def _others_words(token: Token, inside: Inside) -> bool:
    # "Mr Allan thinks the answer could lie somewhere between the cries of \"impossible to
    # regulate\" and \"just apply offline laws online\"": words set between positions, or
    # given as a cry or a claim, are other people's, not the subject's.
    for head in token.ancestors:
        if inside(head.idx):
            continue
        if head.lower_ == "between" or head.pos_ == "NOUN" and head.lemma_ in OTHERS_WORDS:
            return True
        if head.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _clause_subject(token: Token, inside: Inside) -> tuple[Token, Token] | None:
    # Climb from the word before the colon to the first verb with a subject, never into the
    # quotation (the parser often roots the sentence in the quoted verb).
    for _ in range(6):
        subject = next((t for t in token.children if t.dep_ == "nsubj" and not inside(t.idx)), None)
        if subject is not None:
            return token, subject
        if token.head.i == token.i or inside(token.head.idx):
            return None
        token = token.head
    return None


def transcript_label(doc: Doc, text: str, start: int) -> Span | None:
    """The speaker label opening a transcript quote ('"WALLACE: ...'), if there is one."""
    match = TRANSCRIPT_LABEL.match(text, start)
    if match is not None:
        return doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    match = NAMED_LABEL.match(text, start)
    if match is None:
        return None
    span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    # Only a person's name labels a turn: "Update: ..." or "Breaking News: ..." do not.
    return (
        span if span is not None and any(e.label_ == "PERSON" for e in entities_in(span)) else None
    )
