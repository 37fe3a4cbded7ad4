"""Direct quotations and who said them (first version: cue verbs, names, pronouns, roles)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.nlp.cues import (
    TRANSCRIPT_LABEL,
    Inside,
    colon_clause,
    colon_label,
    dash_byline,
    find_cue,
    is_speech,
    main_clause_person,
    subject_of,
    transcript_label,
)
from bot.nlp.people import PeopleIndex
from bot.records import Quote, SpeakerRole
from bot.records import Span as CharSpan

# Curly, straight, and the two apostrophes that NYT archive text writes for a double mark.
# Web copy mixes them ('“I heard parts of Bernie’s speech," Trump said'), so either kind of
# closing mark ends a quotation opened with either kind.
QUOTE_RE = re.compile(
    r"“(?P<curly>[^”“\"]*)(?:[”\"]|$)|\"(?P<straight>[^\"”]*)(?:[\"”]|$)|''(?P<doubled>.*?)(?:''|$)"
)
CLOSING = ("”", '"', "''")
MIN_QUOTE_WORDS = 3  # one or two quoted words are scare quotes, not a quotation
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by"}


@dataclass
class _Raw:
    start: int  # offset of the first quoted character (inside the marks)
    end: int
    paragraph: int
    open_ended: bool  # the paragraph ended before the closing mark


def quote_spans(text: str, paragraphs: tuple[CharSpan, ...]) -> list[_Raw]:
    """Quoted stretches, joining a paragraph left open with the next one that reopens."""
    found: list[_Raw] = []
    for number, para in enumerate(paragraphs):
        chunk = text[para.start : para.end]
        for match in QUOTE_RE.finditer(chunk):
            group = next(g for g in ("curly", "straight", "doubled") if match.group(g) is not None)
            start, end = para.start + match.start(group), para.start + match.end(group)
            open_ended = match.end() == len(chunk) and not chunk.endswith(CLOSING)
            previous = found[-1] if found else None
            continues = (
                previous is not None
                and previous.open_ended
                and previous.paragraph == number - 1
                and match.start() == 0
                # A transcript's next turn ("PENCE: ...") is a new speaker, not a continuation.
                and TRANSCRIPT_LABEL.match(text, start) is None
            )
            if continues and previous is not None:
                previous.end, previous.open_ended, previous.paragraph = end, open_ended, number
            else:
                found.append(_Raw(start, end, number, open_ended))
    return found


def extract_quotes(
    doc: Doc, paragraphs: tuple[CharSpan, ...], people: PeopleIndex | None = None
) -> list[Quote]:
    """Every direct quotation of three words or more in the article, with its speaker."""
    text = doc.text
    people = people or PeopleIndex.from_doc(doc)
    raws = [r for r in quote_spans(text, paragraphs) if _is_quotation(text[r.start : r.end])]
    starts = [r.start for r in raws]

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < raws[i].end

    quotes: list[Quote] = []
    previous: Quote | None = None
    for raw in raws:
        para_index = _paragraph_index(paragraphs, raw.start)
        para = paragraphs[para_index]
        para_doc = doc.char_span(para.start, para.end, alignment_mode="expand") or doc[0:0]
        cue, subject = _attribution(doc, raw, para, para_doc, inside)
        speaker = mention = None
        if subject is not None:
            mention = subject.text
            # Resolve at the mention itself: in "She said Sunak should ..." only what precedes
            # "She" can be her antecedent.
            speaker = people.resolve(subject, subject.start_char)
        elif _starts_paragraph(text, para, raw.start):
            # A quote paragraph with no cue continues the speaker of the paragraph before
            # ("floating quote"): its reported speech, else the previous quotation.
            speaker, mention, cued = _previous_speaker(doc, paragraphs, para_index, people, inside)
            # Only across reported speech ("..., it adds.") or from the paragraph right before:
            # after narrative a bare quote could be anyone's, and none beats a guessed one.
            adjacent = previous is not None and (
                cued or _paragraph_index(paragraphs, previous.end) >= para_index - 1
            )
            if speaker is None and previous is not None and adjacent:
                speaker, mention = previous.speaker, previous.speaker_mention
        quote = Quote(
            text=_tidy(text[raw.start : raw.end]),
            speaker=speaker,
            speaker_mention=mention,
            cue=cue.text if cue is not None else None,
            partial=_is_partial(text, para, raw.start),
            paragraph=para_index,
            start=raw.start,
            end=raw.end,
        )
        quotes.append(quote)
        if speaker is not None:
            previous = quote
    return quotes


def _attribution(
    doc: Doc, raw: _Raw, para: CharSpan, para_doc: Span, inside: Inside
) -> tuple[Token | None, Span | None]:
    # A signed pull quote or a transcript label names the speaker outright; else the cue.
    signed = dash_byline(doc, raw.end, para.end)
    if signed is not None:
        return None, signed
    label = transcript_label(doc, raw.start) or colon_label(doc, raw.start, para.start)
    if label is not None:
        return None, label
    cue, subject = find_cue(doc, raw.start, raw.end, para_doc, inside)
    if subject is None:
        subject = colon_clause(doc, raw.start, para.start, inside)
    if subject is None and _is_partial(doc.text, para, raw.start):
        # A phrase quoted inside the reporter's sentence with no reporting verb is the words
        # of the person the sentence is about ("West landed a sharp dig at \"...\"").
        subject = main_clause_person(doc, raw.start, inside)
    return cue, subject


def _previous_speaker(
    doc: Doc, paragraphs: tuple[CharSpan, ...], index: int, people: PeopleIndex, inside: Inside
) -> tuple[str | None, str | None, bool]:
    """Who speaks in the paragraph before, and whether it reports speech at all."""
    # "Wang noted that ... ." followed by a bare quote paragraph: Wang goes on speaking.
    if index == 0:
        return None, None, False
    para = paragraphs[index - 1]
    span = doc.char_span(para.start, para.end, alignment_mode="expand")
    if span is None:
        return None, None, False
    # A paragraph ending in a colon hands over to the quote whatever its verb ("Jared Potts
    # echoed:", "President Clinton released the following statement:").
    introduces = span.text.rstrip().endswith(":")
    cues = [
        t
        for t in span
        if (is_speech(t) or (introduces and t.dep_ == "ROOT"))
        and t.pos_ == "VERB"
        and not inside(t.idx)
    ]
    # The last sentence's main reporting verb: in "Carter said that critics had been
    # predicting ...", Carter speaks, not the critics.
    for cue in sorted(cues, key=lambda t: (-t.sent.start, len(list(t.ancestors)))):
        subject = subject_of(cue, inside)
        if subject is not None:
            speaker = people.resolve(subject, subject.start_char)
            if speaker is not None:
                return speaker, subject.text, True
    return None, None, bool(cues)


def _is_quotation(quoted: str) -> bool:
    # One or two words are scare quotes; a short run of capitalised words is a title
    # ("Tilt to the Indo-Pacific"), not something a person said.
    words = _tidy(quoted).split()
    if len(words) < MIN_QUOTE_WORDS:
        return False
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    is_title = len(words) <= 6 and all(w[:1].isupper() for w in content)
    return not (is_title and not re.search(r"[.!?,]$", quoted.strip()))


def _tidy(quoted: str) -> str:
    # One line of text: a continued paragraph's opening mark goes, and so does the comma
    # that hands over to the cue ('"...," he said').
    joined = re.sub(r"\s*\n\s*(?:[“\"]|'')?", " ", quoted.strip())
    return joined.rstrip(" ,")


def _paragraph_index(paragraphs: tuple[CharSpan, ...], offset: int) -> int:
    for i, para in enumerate(paragraphs):
        if para.start <= offset <= para.end:
            return i
    return max(len(paragraphs) - 1, 0)


def _starts_paragraph(text: str, para: CharSpan, start: int) -> bool:
    return not text[para.start : start].strip(" “\"‘'")


def _is_partial(text: str, para: CharSpan, start: int) -> bool:
    # A full quotation opens its sentence or follows a cue's colon or comma; a partial one
    # is embedded in the reporter's own sentence ("said it would be a “betrayal” of ...").
    before = text[para.start : start].rstrip(' “"')
    if not before or before.endswith((".", "!", "?", "…")):
        return False
    sentence_start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    lead = before[sentence_start + 1 :].strip() if sentence_start >= 0 else before
    if not lead:
        return False
    return not lead.endswith((":", ",", "”", '"'))


def speaker_roles(quotes: Sequence[Quote], people: PeopleIndex) -> list[SpeakerRole]:
    """The role the article gives each quoted person, for folding speakers across articles."""
    names = sorted({q.speaker for q in quotes if q.speaker})
    return [SpeakerRole(n, role) for n in names if (role := people.role_of(n)) is not None]
