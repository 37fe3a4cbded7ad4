"""Direct quotations and who said them (first version: cue verbs, names, pronouns, roles)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.nlp.people import PeopleIndex
from bot.records import Quote
from bot.records import Span as CharSpan

SPEECH_LEMMAS = frozenset(
    "say tell add note urge insist accuse state write claim argue warn explain ask reply "
    "declare announce agree stress emphasise emphasize continue tweet post comment suggest "
    "acknowledge admit remark conclude describe call respond confirm deny predict recall "
    "caution maintain observe report testify vow promise".split()
)
QUOTE_RE = re.compile(r"“(?P<curly>[^”“]*)(?:”|$)|\"(?P<straight>[^\"]*)(?:\"|$)")
MIN_QUOTE_WORDS = 3  # one or two quoted words are scare quotes, not a quotation


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
            group = "curly" if match.group("curly") is not None else "straight"
            start, end = para.start + match.start(group), para.start + match.end(group)
            open_ended = match.end() == len(chunk) and not chunk.endswith(("”", '"'))
            previous = found[-1] if found else None
            continues = (
                previous is not None
                and previous.open_ended
                and previous.paragraph == number - 1
                and match.start() == 0
            )
            if continues and previous is not None:
                previous.end, previous.open_ended, previous.paragraph = end, open_ended, number
            else:
                found.append(_Raw(start, end, number, open_ended))
    return found


def extract_quotes(doc: Doc, paragraphs: tuple[CharSpan, ...]) -> list[Quote]:
    """Every direct quotation of three words or more in the article, with its speaker."""
    text = doc.text
    people = PeopleIndex.from_doc(doc)
    quotes: list[Quote] = []
    previous: Quote | None = None
    for raw in quote_spans(text, paragraphs):
        body = _tidy(text[raw.start : raw.end])
        if len(body.split()) < MIN_QUOTE_WORDS:
            continue
        para_index = _paragraph_index(paragraphs, raw.start)
        para = paragraphs[para_index]
        cue, subject = _find_cue(doc, raw, para)
        speaker = mention = None
        if subject is not None:
            mention = subject.text
            # Resolve at the mention itself: in "She said Sunak should ..." only what precedes
            # "She" can be her antecedent.
            speaker = people.resolve(subject, subject.start_char)
        elif previous is not None and _starts_paragraph(text, para, raw.start):
            # A quote paragraph with no cue continues the previous speaker ("floating quote").
            speaker, mention = previous.speaker, previous.speaker_mention
        quote = Quote(
            text=body,
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


def _tidy(quoted: str) -> str:
    # One line of text: a continued paragraph's opening mark goes, and so does the comma
    # that hands over to the cue ('"...," he said').
    joined = re.sub(r"\s*\n\s*[“\"]?", " ", quoted.strip())
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


def _find_cue(doc: Doc, raw: _Raw, para: CharSpan) -> tuple[Token | None, Span | None]:
    """The reporting verb nearest the quote in its paragraph, and its subject."""
    candidates: list[tuple[int, Token]] = []
    for token in doc.char_span(para.start, para.end, alignment_mode="expand") or []:
        if raw.start <= token.idx < raw.end:
            continue  # a verb inside the quotation is the speaker's own word
        is_according = token.lower_ == "according" and token.nbor(1).lower_ == "to"
        if token.lemma_ in SPEECH_LEMMAS and token.pos_ in {"VERB", "AUX"} or is_according:
            distance = raw.start - token.idx if token.idx < raw.start else token.idx - raw.end
            candidates.append((distance, token))
    for _, cue in sorted(candidates, key=lambda c: c[0]):
        subject = _subject_of(cue) or (_inverted_subject(cue) if cue.idx >= raw.end else None)
        if subject is not None:
            return cue, subject
    return None, None


def _subject_of(cue: Token) -> Span | None:
    if cue.lower_ == "according":
        for child in cue.nbor(1).children:
            if child.dep_ == "pobj":
                return _name_span(child)
        return None
    head = cue
    for _ in range(3):  # "adding that ...", "saying: ..." take the subject of the main verb
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return _name_span(child)
        if head.dep_ in {"advcl", "xcomp", "conj", "ccomp"} and head.head is not head:
            head = head.head
        else:
            break
    return None


def _inverted_subject(cue: Token) -> Span | None:
    # '"...," added the foreign secretary': the parser often files the speaker as an object.
    for child in cue.rights:
        if child.dep_ in {"dobj", "attr", "npadvmod", "nsubj", "oprd"} and child.pos_ in {
            "NOUN",
            "PROPN",
        }:
            return _name_span(child)
    return None


def _name_span(token: Token) -> Span:
    """The subject as written: the head noun with its compounds, titles and determiner."""
    keep = [t for t in token.lefts if t.dep_ in {"compound", "det", "amod", "poss", "nmod"}]
    start = min([token.i] + [t.left_edge.i for t in keep])
    return token.doc[start : token.i + 1]
