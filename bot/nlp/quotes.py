"""Direct quotations and who said them.

Who said a quotation is decided by an ordered list of rules (`STRATEGIES`), each looking at
the quotation in its article and returning what it found or nothing: a signed pull quote, a
speaker label, the subject of the reporting verb, a colon's clause, the subject of the
sentence a partial quote sits in, the speech the quotation continues. The first that finds
something wins, and its name is kept on the quote (`attribution`). The words found are then
resolved to a name (people.py, discourse.py); where they name nobody, or two people could be
meant, the quote stays unattributed: a wrong name is worse than none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.nlp.bodies import Bodies
from bot.nlp.cues import (
    Inside,
    find_cue,
    framing_verb,
    is_speech,
    nominal_source,
    subject_of,
)
from bot.nlp.discourse import Discourse
from bot.nlp.labels import (
    colon_clause,
    colon_clause_verb,
    colon_label,
    dash_byline,
    main_clause_person,
    transcript_label,
)
from bot.nlp.lexicon import STANCE_LEMMAS
from bot.nlp.marks import SENTENCE_END, Raw, is_quotation, quote_spans, tidy
from bot.nlp.names import entities_in, joint_subject, name_words
from bot.nlp.people import PeopleIndex
from bot.nlp.sentences import Sentences
from bot.records import Quote, SpeakerRole
from bot.records import Span as CharSpan


@dataclass(frozen=True)
class Found:
    """What one attribution rule found: words naming the speaker, or a speaker already known."""

    rule: str
    subject: Span | None = None
    cue: Token | None = None
    speaker: str | None = None
    kind: str | None = None
    mention: str | None = None


@dataclass
class QuoteContext:
    """One quotation with the article around it, as every attribution rule sees it."""

    doc: Doc
    text: str
    raw: Raw
    paragraphs: tuple[CharSpan, ...]
    para_index: int
    para_doc: Span
    inside: Inside
    previous: Quote | None  # the last quotation given a speaker

    @property
    def para(self) -> CharSpan:
        return self.paragraphs[self.para_index]


Strategy = Callable[[QuoteContext], Found | None]


def _signed(ctx: QuoteContext) -> Found | None:
    # '“...” ― Carla Sanchez': a pull quote signed with a dash and a name.
    subject = dash_byline(ctx.doc, ctx.text, ctx.raw.end, ctx.para.end)
    return Found("dash-byline", subject) if subject is not None else None


def _label(ctx: QuoteContext) -> Found | None:
    # A transcript turn ('"WALLACE: ...') or a name and a colon ('Bush: "The mission ..."').
    label = transcript_label(ctx.doc, ctx.text, ctx.raw.start) or colon_label(
        ctx.doc, ctx.text, ctx.raw.start, ctx.para.start
    )
    return Found("label", label) if label is not None else None


def _nominal(ctx: QuoteContext) -> Found | None:
    # 'despite a call for him to "pause for thought" from Charles Kennedy': the noun's
    # source speaks, not the subject of the sentence around it.
    source = nominal_source(ctx.doc, ctx.raw.start, ctx.raw.end, ctx.inside)
    return Found("nominal-source", source) if source is not None else None


def _cue_subject(ctx: QuoteContext) -> Found | None:
    # The subject of the reporting verb in (or right beside) the quotation's sentence.
    framed, named = framing_verb(ctx.doc, ctx.raw.end, ctx.inside)
    if (
        framed is not None
        and named is not None
        and not is_speech(framed)
        # "Reuters quoted a central bank official as saying": the one quoted speaks
        and not any(c.dep_ == "dobj" for c in framed.children)
    ):
        # '"France will always be France," an angry Hollande retaliated': the quotation's
        # own verb, which the lexicon lacks, before any reporting verb further off.
        return Found("framing-verb", named, framed)
    cue, subject = find_cue(ctx.doc, ctx.raw.start, ctx.raw.end, ctx.para_doc, ctx.inside)
    if cue is None:
        return None
    if subject is None:
        return Found("denied", cue=cue)  # stops the sieve: no later rule may name anyone
    # "Mr Blair recalls how Bill Clinton once advised him: \"...\"": the clause the colon
    # ends, inside the reporting verb's own, says whose words follow.
    nested = colon_clause_verb(ctx.doc, ctx.text, ctx.raw.start, ctx.para.start, ctx.inside)
    if nested is not None and nested[0] != cue and cue in nested[0].ancestors:
        return Found("colon-clause", nested[1], nested[0])
    return Found("cue-subject", subject, cue)


def _framing(ctx: QuoteContext) -> Found | None:
    # '"This is fantastic!" beamed Donald Hartley': a verb the lexicon does not know, right
    # after the quotation, with a name as its subject.
    cue, subject = framing_verb(ctx.doc, ctx.raw.end, ctx.inside)
    return Found("framing-verb", subject, cue) if subject is not None else None


def _colon_clause(ctx: QuoteContext) -> Found | None:
    # 'Sanders delivered a retort: "..."': the person whose clause the colon hands over.
    subject = colon_clause(ctx.doc, ctx.text, ctx.raw.start, ctx.para.start, ctx.inside)
    return Found("colon-clause", subject) if subject is not None else None


def _partial_subject(ctx: QuoteContext) -> Found | None:
    # A phrase quoted inside the reporter's sentence with no reporting verb is the words of
    # the person the sentence is about ("West landed a sharp dig at \"...\"").
    if not _is_partial(ctx.text, ctx.para, ctx.raw.start):
        return None
    subject = main_clause_person(ctx.doc, ctx.raw.start, ctx.inside)
    return Found("partial-subject", subject) if subject is not None else None


def _continuation(ctx: QuoteContext) -> Found | None:
    # A quotation opening its paragraph or sentence with no cue goes on from the speech just
    # before it: a quotation in the sentence before, or reported speech ("Wang noted that
    # ..."). After narrative that names anyone else, it could be anyone's: no name.
    if not _opens_sentence(ctx) or _cued_after(ctx):
        return None
    reported = _reported_before(ctx)
    if reported is not None:
        return reported
    previous = ctx.previous
    if previous is None or not _adjacent(ctx, previous.end):
        return None
    return Found(
        "continuation",
        speaker=previous.speaker,
        kind=previous.speaker_kind,
        mention=previous.speaker_mention,
    )


STRATEGIES: tuple[Strategy, ...] = (
    _signed,
    _label,
    _nominal,
    _cue_subject,
    _framing,
    _colon_clause,
    _partial_subject,
    _continuation,
)


def extract_quotes(
    doc: Doc, paragraphs: tuple[CharSpan, ...], people: PeopleIndex | None = None
) -> list[Quote]:
    """Every direct quotation of three words or more in the article, with its speaker."""
    text = doc.text  # rebuilt by spaCy on every access: once per article
    people = people or PeopleIndex.from_doc(doc)
    raws = [r for r in quote_spans(text, paragraphs) if is_quotation(text[r.start : r.end])]
    starts = [r.start for r in raws]

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < raws[i].end

    sentences = Sentences(doc, inside)
    discourse = Discourse(doc, people, inside, sentences)
    bodies = Bodies(doc, people, inside, sentences)
    para_starts = [p.start for p in paragraphs]
    quotes: list[Quote] = []
    previous: Quote | None = None
    for raw in raws:
        index = max(bisect_right(para_starts, raw.start) - 1, 0)
        para = paragraphs[index]
        para_doc = doc.char_span(para.start, para.end, alignment_mode="expand") or doc[0:0]
        ctx = QuoteContext(doc, text, raw, paragraphs, index, para_doc, inside, previous)
        quote = _attributed(ctx, people, discourse, bodies)
        quotes.append(quote)
        if quote.speaker is not None:
            previous = quote
    return quotes


def _attributed(
    ctx: QuoteContext, people: PeopleIndex, discourse: Discourse, bodies: Bodies
) -> Quote:
    """The quotation with the speaker the first rule that finds one names, or none."""
    found = next((f for f in (rule(ctx) for rule in STRATEGIES) if f is not None), None)
    speaker = kind = mention = rule = None
    if found is not None and found.subject is not None:
        subject = found.subject
        mention = (joint_subject(subject) or subject).text
        # Resolve at the mention itself: in "She said Sunak should ..." only what precedes
        # "She" can be her antecedent.
        resolved = people.resolve(subject, subject.start_char)
        speaker, kind = resolved.name, resolved.kind
        rule = found.rule if resolved.rule == "name" else resolved.rule
        if resolved.rule == "pronoun":
            speaker = discourse.pronoun(subject.root, _talked_about(ctx, people))
            kind = "person" if speaker else None
        elif resolved.rule == "description":
            # "The chancellor said", right after a lead naming Gordon Brown.
            post = discourse.named_post(subject.root)
            if post is not None and post[0] in _talked_about(ctx, people):
                post = None  # '"Mr Jackson is innocent," the lawyer said' is not Jackson
            if post is not None:
                speaker, rule = post
                kind = "person"
        if speaker is None and resolved.rule in {"description", "none"}:
            # "the firm said", "It added", "the ADB report said": the body in view.
            body = bodies.described(subject)
            if body is not None:
                speaker, kind, rule = body
    elif found is not None:
        speaker, kind, mention, rule = found.speaker, found.kind, found.mention, found.rule
    raw = ctx.raw
    return Quote(
        text=tidy(ctx.text[raw.start : raw.end]),
        speaker=speaker,
        speaker_mention=mention,
        cue=found.cue.text if found is not None and found.cue is not None else None,
        partial=_is_partial(ctx.text, ctx.para, raw.start),
        paragraph=ctx.para_index,
        start=raw.start,
        end=raw.end,
        attribution=rule if speaker is not None else None,
        speaker_kind=kind if speaker is not None else None,
    )


def _talked_about(ctx: QuoteContext, people: PeopleIndex) -> set[str]:
    # People a quotation names are what it is about, not who says it.
    quote = ctx.doc.char_span(ctx.raw.start, ctx.raw.end, alignment_mode="expand")
    if quote is None:
        return set()
    return {
        people.canonical(name_words(e), e.start_char)
        for e in entities_in(quote)
        if e.label_ == "PERSON"
    }


def _opens_sentence(ctx: QuoteContext) -> bool:
    before = ctx.text[ctx.para.start : ctx.raw.start].rstrip(" “\"‘'")
    return not before or SENTENCE_END.search(before + " ") is not None


def _cued_after(ctx: QuoteContext) -> bool:
    # '"...," mused a co-host of the show': the quotation has its own reporting verb, whose
    # speaker the rules could not name; it is not the previous speaker's by default.
    last = _token_at(ctx.doc, max(ctx.raw.end - 1, 0))
    if last is None:
        return False
    after = [t for t in ctx.doc[last.i + 1 : last.sent.end] if not ctx.inside(t.idx)]
    if any(is_speech(t) and t.pos_ == "VERB" for t in after):
        return True
    # '"France will always be France," an angry Hollande retaliated': a verb the lexicon
    # lacks, with someone named as its subject right after the quotation.
    return any(
        t.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in t.children)
        for t in after[:6]
    )


def _reported_before(ctx: QuoteContext) -> Found | None:
    """The speaker of reported speech ending right before a cue-less quotation, if any."""
    # "Wang noted that ... ." then a bare quotation: Wang goes on speaking. A sentence that
    # ends in a colon hands over to the quote whatever its verb ("President Clinton released
    # the following statement:").
    sentence = _sentence_before(ctx)
    if sentence is None:
        return None
    introduces = sentence.text.rstrip().endswith(":")
    cues = [
        t
        for t in sentence
        if (is_speech(t) or (introduces and t.dep_ == "ROOT") or _holds_a_view(t))
        and t.pos_ == "VERB"
        and not ctx.inside(t.idx)
    ]

    # The main reporting verb: in "Carter said that critics had been predicting ...",
    # Carter speaks, not the critics. After a colon, the clause the colon ends hands over:
    # in "The Times made these claims, and Breitbart News responded:", Breitbart speaks.
    def rank(t: Token) -> tuple[int, int]:
        return (-t.i, 0) if introduces else (len(list(t.ancestors)), t.i)

    for cue in sorted(cues, key=rank):
        subject = subject_of(cue, ctx.inside)
        if subject is not None:
            return Found("continuation", subject, cue)
    return None


def _holds_a_view(verb: Token) -> bool:
    # "she accepts that it has opened doors for her." then a bare quotation: the main verb
    # of a view, with the view as its clause, hands over as a reporting verb does.
    return (
        verb.dep_ == "ROOT"
        and verb.lemma_ in STANCE_LEMMAS
        and any(c.dep_ == "ccomp" for c in verb.children)
    )


def _sentence_before(ctx: QuoteContext) -> Span | None:
    first = _token_at(ctx.doc, ctx.raw.start)
    if first is None or first.sent.start == 0:
        return None
    previous = ctx.doc[first.sent.start - 1].sent
    # Only the sentence right before, and only from this paragraph or the one before it.
    if previous.start_char < ctx.paragraphs[max(ctx.para_index - 1, 0)].start:
        return None
    if ctx.inside(previous.start_char) and ctx.inside(max(previous.end_char - 2, 0)):
        return None  # a quotation, not reported speech: the previous quote's speaker decides
    return previous


def _adjacent(ctx: QuoteContext, previous_end: int) -> bool:
    # Between the previous quotation and this one lies at most the previous one's own cue
    # ('"...," he said. "..."'): no narrative sentence, so no one new has come in.
    first = _token_at(ctx.doc, ctx.raw.start)
    last = _token_at(ctx.doc, max(previous_end - 1, 0))
    if first is None or last is None:
        return False
    gap = ctx.doc[last.i + 1 : first.i]
    narrative = [t for t in gap if not ctx.inside(t.idx) and not t.is_punct and not t.is_space]
    return all(t.sent.start == last.sent.start for t in narrative)


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


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
