"""Where a quotation says who spoke: reporting verbs and their subjects, nouns of speech."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from bot.nlp.lexicon import (
    INVERTING,
    PERCEIVING,
    POST_WORDS,
    QUOTING,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    TELLING,
)
from bot.nlp.names import entities_in, entity_at

RELATIVE = {"who", "that", "which"}
Inside = Callable[[int], bool]  # is this character offset inside some quotation?


def find_cue(
    doc: Doc, start: int, end: int, para: Span, inside: Inside
) -> tuple[Token | None, Span | None]:
    """The reporting verb nearest the quote in its paragraph, and its subject.

    A cue with no subject is speech denied ("denied accusing", "did not say"): the words
    are nobody's the sentence names.
    """
    # A cue in a sentence the quote touches beats a nearer one in the sentence before:
    # 'Trump said so. "We will win," Clinton said.' is Clinton's.
    touching = {t.sent.start for t in para if start - 1 <= t.idx <= end + 1}
    candidates: list[tuple[bool, int, Token]] = []
    for token in para:
        if inside(token.idx):
            continue  # a verb inside any quotation is a speaker's own word
        is_according = (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and (token.nbor(1).lower_ == "to")
        )
        # "as Tom Ridge put it:" is a cue; "put" alone is not.
        puts_it = (
            token.lemma_ == "put" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "it"
        )
        # "asking prices have fallen": a participle describing a noun reports nothing
        is_verb = token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound"}
        quoting = token.lemma_ in QUOTING
        if is_verb and (is_speech(token) or puts_it or quoting) or is_according:
            far = token.sent.start not in touching
            if far and not _may_cue_from_beside(token, start, end, inside):
                continue
            distance = start - token.idx if token.idx < start else token.idx - end
            candidates.append((far, distance, token))
    for cue in _governors_first(doc, start, end, candidates):
        if _denied(cue):
            return cue, None  # 'X denied accusing Germany of "..."': not X's words
        if cue.lemma_ in QUOTING:
            source = next((c for c in cue.children if c.dep_ == "dobj"), None)
            if source is not None and not inside(source.idx):
                return cue, name_span(source)
            continue
        subject = subject_of(cue, inside)
        if subject is None and cue.idx >= end:
            subject = _inverted_subject(cue, inside)
        if subject is not None:
            return cue, subject
    return None, None


def _governors_first(
    doc: Doc, start: int, end: int, candidates: list[tuple[bool, int, Token]]
) -> list[Token]:
    # A reporting verb the quotation hangs from says it, however near another one stands:
    # in 'Davies said that for the minister to claim that ... "is taking spin"', the words
    # are what Davies said, not what the minister claimed. The nearest governor first, then
    # the rest by nearness.
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    ordered = [cue for *_, cue in sorted(candidates, key=lambda c: c[:2])]
    if first is None or not len(first):
        return ordered
    closing = doc.char_span(max(end - 3, 0), end + 2, alignment_mode="expand")
    framed = closing is not None and any(t.text == "," for t in closing)
    if framed and any(not far and cue.idx >= end and gap <= 25 for far, gap, cue in candidates):
        return ordered  # '"...," Mr. Rubio wrote': a cue right after the quotation says it
    depth = {t.i: d for d, t in enumerate(first[0].ancestors)}
    governors = sorted(
        (cue for far, _, cue in candidates if not far and cue.i in depth and is_speech(cue)),
        key=lambda cue: depth[cue.i],
    )
    return governors + [cue for cue in ordered if cue not in governors]


def _denied(cue: Token) -> bool:
    # "denied accusing", "did not say": the words the verb reports were not said by its subject.
    # "He would not respond to \"tittle tattle\"" is what he said he would do: his words.
    governor = cue
    while governor.dep_ in {"xcomp", "pcomp"} or governor.head.lemma_ == "deny":
        if governor.head.i == governor.i:
            break
        governor = governor.head
    negated = any(c.dep_ == "neg" for c in cue.children)
    modal = any(c.tag_ == "MD" for c in cue.children)
    return governor.lemma_ == "deny" and governor.i != cue.i or negated and not modal


def framing_verb(doc: Doc, end: int, inside: Inside) -> tuple[Token | None, Span | None]:
    """A verb the lexicon lacks that frames a quotation as speech, and the person it names.

    '"This is fantastic!" beamed Donald Hartley', '"...," Trump reacted': a quotation closed
    on a comma, '!' or '?' and followed at once by a verb and a name (either order) is that
    person's, whatever the verb. Only a proper name counts: '"... for you!" -- the balloons
    cascaded down' has a verb right after the quotation, and nobody speaking.
    """
    closing = doc.char_span(max(end - 1, 0), end, alignment_mode="expand")
    if closing is None or not len(closing) or closing[-1].text[-1:] not in {",", "!", "?"}:
        return None, None
    i = closing[-1].i + 1
    while i < len(doc) and doc[i].is_quote:
        i += 1
    if i >= len(doc) or doc[i].is_space:
        return None, None  # the paragraph ends: "Follow Pam Key on Twitter" is not a cue
    for token in doc[i : min(i + 6, doc[i].sent.end)]:
        if token.pos_ != "VERB" or inside(token.idx):
            continue
        between = doc[i : token.i]
        if any(t.pos_ not in {"PROPN", "PUNCT", "DET", "ADJ"} for t in between):
            return None, None  # only a name may stand before the verb ("an angry Hollande")
        subject = next(
            (
                c
                for c in token.children
                if c.dep_ in {"nsubj", "dobj", "npadvmod"}
                and c.pos_ == "PROPN"
                and not inside(c.idx)
                # after the verb, only a name that starts right there ("beamed Donald ...")
                and (c.i < token.i or c.left_edge.i == token.i + 1)
            ),
            None,
        )
        if subject is None:
            return None, None
        if subject.i > token.i:
            return token, _inverted_name(token, subject)
        return token, name_span(subject)
    return None, None


def _may_cue_from_beside(cue: Token, start: int, end: int, inside: Inside) -> bool:
    # A cue outside the quotation's own sentences must be in the sentence right before or
    # right after it; and one after it that goes on to open a quotation of its own
    # ('"... in order." Interrupting him, Mr Mawrey said: "What you ..."') or to report
    # words of its own cues those.
    sent = cue.sent
    if cue.idx >= end:
        if cue.lower_ == "according" and _text_between(cue.doc, end, cue.idx):
            # "... in this." The market was worth $20m, according to Juniper Research: a
            # source credited in a sentence of its own credits that sentence only.
            return False
        follows = sent.start_char <= end + 2 or not _text_between(cue.doc, end, sent.start_char)
        opens_another = any(inside(t.idx) for t in cue.doc[cue.i + 1 : sent.end])
        # "... has said that his firm will ..." reports its own words, not the quote before;
        # so does "X said it was not possible ... and urged ...", through the verb it joins.
        reporting = [t for t in (cue, *cue.ancestors) if t.i == cue.i or is_speech(t)]
        reports_own = any(c.dep_ == "ccomp" for t in reporting for c in t.children)
        # "Mr Brown repeated the familiar mantras": a verb with an object of its own does
        # not report the quotation before it.
        reports_own = reports_own or any(c.dep_ == "dobj" for c in cue.children)
        return follows and not opens_another and not reports_own
    if sent.end_char < start - 2 and _text_between(cue.doc, sent.end_char, start):
        return False
    # From the sentence before, only a reporting verb no other one governs hands over: in
    # 'Ed Davey said instead of the "bonfire of quangos" New Labour had promised, ...', Davey
    # goes on speaking, not New Labour; in '... said X, but Osborne warned Y', Osborne does.
    governor = cue
    while governor.dep_ == "conj" and governor.head.i != governor.i:
        governor = governor.head
    return not any(
        is_speech(t) and t.pos_ == "VERB" and not inside(t.idx) for t in governor.ancestors
    )


def nominal_source(doc: Doc, start: int, end: int, inside: Inside) -> Span | None:
    """The named source of a noun a quotation sits under: 'a call for him to "pause for
    thought" from Charles Kennedy' is Kennedy's, not the sentence's subject's.

    Climbs from the quotation to its sentence's root; a reporting verb on the way has the
    say instead (its subject is the speaker), as does a noun without a named source.
    """
    first = doc.char_span(start, min(start + 1, end), alignment_mode="expand")
    if first is None or not len(first):
        return None
    token = first[0]
    path = [token]  # the quotation and what it hangs from, up to the noun that holds it
    while token.head.i != token.i:
        token = token.head
        path.append(token)
        if inside(token.idx):
            continue
        if token.pos_ in {"VERB", "AUX"} and is_speech(token):
            return None
        if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.dep_ in {"acl", "xcomp"}:
            continue  # 'a promise to produce an "unremittingly New Labour" manifesto'
        if token.pos_ == "NOUN":
            # Only words a noun of speech introduces ("a call for him to ..."), not words
            # describing the noun ('the "cowardly and evil" attack by John Smith'); the
            # parser may hang the source on the quotation's verb rather than the noun.
            if token.lemma_ not in SPEECH_NOUNS or token.idx > start:
                return None
            found = (_source_of(t, inside) for t in path)
            return next((s for s in found if s is not None), None)
    return None


def _source_of(token: Token, inside: Inside) -> Span | None:
    # "a call ... from Charles Kennedy", "criticism by the CBI", "Mr Blair's promise"
    if token.lemma_ in SPEECH_NOUNS:
        owner = next((c for c in token.lefts if c.dep_ == "poss"), None)
        if owner is not None and owner.ent_type_ in {"PERSON", "ORG"} and not inside(owner.idx):
            return name_span(owner)
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "by"} and not inside(prep.idx):
            source = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if source is not None and source.ent_type_ in {"PERSON", "ORG"}:
                return name_span(source)
    return None


def _text_between(doc: Doc, a: int, b: int) -> bool:
    # Whether a sentence's worth of words lies between two offsets (not just marks or space).
    span = doc.char_span(a, b, alignment_mode="contract")
    return span is not None and any(t.is_alpha for t in span)


def is_speech(token: Token) -> bool:
    """A reporting verb: "said", "noted"; not "asked for copies" or "called for a ban"."""
    if token.lemma_ not in SPEECH_LEMMAS:
        return False
    requests = token.lemma_ in {"ask", "call"} and any(
        c.dep_ == "prep" and c.lower_ == "for" for c in token.children
    )
    # "Boeing continues to enjoy a dominance": going on doing something is not speaking
    goes_on = token.lemma_ == "continue" and any(c.dep_ == "xcomp" for c in token.children)
    return not requests and not goes_on


def subject_of(cue: Token, inside: Inside) -> Span | None:
    """Who does the reporting: the cue's subject, climbing from 'adding that' to the main verb."""
    if cue.lower_ == "according":
        for child in cue.nbor(1).children:
            if child.dep_ == "pobj":
                return name_span(child)
        return None
    # A participle with a listener ("ordered adjustments, telling him to ...") is part of
    # the reported event, and its own clause's subject says it.
    listener = cue.lemma_ in TELLING and any(
        c.dep_ == "dative" or c.dep_ == "dobj" and (c.pos_ == "PRON" or c.ent_type_ == "PERSON")
        for c in cue.children
    )
    head, skip = cue, False
    for _ in range(4):
        for child in head.children if not skip else ():
            # After a verb that does not invert, a "subject" is who the words are about:
            # in "Romney ..., calling Trump “the greed ...”" the parser makes Trump the
            # subject of the small clause; the speaker is further up.
            behind = child.i > head.i and head.lemma_ not in INVERTING
            if child.dep_ == "nsubjpass" and head.i == cue.i and cue.lemma_ not in QUOTING:
                return None  # "Mr Blair was asked ...": the one asked, told or quoted at
            if child.dep_ in {"nsubj", "nsubjpass"} and not inside(child.idx) and not behind:
                if child.lower_ in RELATIVE and head.dep_ == "relcl":
                    return name_span(head.head)  # "Kenneth Baer, who said ..."
                if child.i > head.i:
                    return _inverted_name(head, child)
                return _before_parenthesis(child) or name_span(child)
        if head.dep_ == "conj" and _after_parenthesis(head):
            # "Wilson has twice tried to resurrect Factory - which lasted for 14 years - but
            # conceded": the verb goes on from the sentence, not from the aside it follows.
            head = head.head.head.head
            if head.pos_ not in {"VERB", "AUX"}:
                break
            continue
        if head.dep_ == "conj" and _stranded_subject(head):
            break  # the first verb's subject is not this one's: see who stands before it
        # "acomp": "he was due to say"
        if head.dep_ in {"advcl", "xcomp", "conj", "ccomp", "acomp"} and not inside(head.head.idx):
            head = head.head
        else:
            break
        if head.lemma_ in PERCEIVING:
            # "The documentary showed Mr Nattrass telling the meeting:": who is shown speaks.
            shown = next((c for c in head.children if c.dep_ == "dobj"), None)
            if shown is not None and shown.pos_ == "PROPN" and not inside(shown.idx):
                return name_span(shown)
        # 'He said the question sounded "neutral", adding ...': the participle hangs inside
        # the reported clause; the one reporting is further up.
        skip = (
            not listener and not is_speech(head) and head.dep_ == "ccomp" and is_speech(head.head)
        )
        # Only a participle with a listener belongs to a "that" clause's subject ("said that
        # Ebbers ordered adjustments, telling him to ..."); any other subordinate clause's
        # subject is not the one speaking.
        adverbial = any(
            c.dep_ == "mark" and (c.lower_ != "that" or not listener) for c in head.children
        )
        if not skip and not is_speech(head) and adverbial:
            # "... before the CSA was \"fit for purpose\", describing it as ...": the clause a
            # participle hangs from is subordinate; its subject is not the one describing.
            return None
    return _person_before(cue, inside)


def _after_parenthesis(verb: Token) -> bool:
    # A verb joined to a relative clause across the dash or bracket that closes it.
    clause = verb.head
    if clause.dep_ != "relcl" or clause.i > verb.i:
        return False
    return any(t.text in {"-", "—", "–", ")"} for t in verb.doc[clause.i + 1 : verb.i])


def _stranded_subject(verb: Token) -> bool:
    # "US Customs claimed Mr Griffiths was one of DOD's leaders but his lawyer, Antony
    # Townsden, told the BBC ... and added:": the parser joins the lawyer to "leaders" and
    # leaves "told" no subject of its own; a noun phrase set right before a joined verb is
    # its subject, whatever the parse says, so the first verb's subject is not inherited.
    i = verb.i - 1
    while i > verb.sent.start and verb.doc[i].is_punct:
        i -= 1
    before = verb.doc[i]
    while before.dep_ == "appos" and before.head.i < before.i:
        before = before.head  # "his lawyer, Antony Townsden,": the phrase the name is set by
    first = before.left_edge.i
    # A noun phrase joined on with "but" or "and", not the end of a place ("in San
    # Bernardino, Calif.; clashed with ...").
    return (
        before.pos_ in {"NOUN", "PROPN"}
        and before.dep_ == "conj"
        and first > 0
        and verb.doc[first - 1].pos_ == "CCONJ"
    )


def _before_parenthesis(token: Token) -> Span | None:
    # "Gov. John Kasich (R-OH) said": the parser may take the party tag for the subject.
    for i in range(token.i - 1, max(token.sent.start, token.i - 4) - 1, -1):
        if token.doc[i].text == ")":
            return None
        if token.doc[i].text == "(":
            ent = entity_at(token.doc[i - 1]) if i > 0 else None
            return ent if ent is not None and ent.end == i and ent.label_ == "PERSON" else None
    return None


def _person_before(cue: Token, inside: Inside) -> Span | None:
    # The parser sometimes leaves the subject unattached ("Cleverly in a speech to business
    # leaders last week said ...", "Sanders, meanwhile, who sits at zero endorsements,
    # said"): take the person named last before the cue in its sentence, if no other
    # subject (but a relative pronoun standing for that person) comes between.
    doc = cue.doc
    names = [e for e in entities_in(doc[cue.sent.start : cue.i]) if e.label_ == "PERSON"]
    names += [
        name_span(t)
        for t in doc[cue.sent.start : cue.i]
        if t.dep_ in {"nsubj", "nsubjpass"} and t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN"}
        and not t.ent_type_
    ]  # fmt: skip
    people = [
        span
        for span in names
        if not inside(span.start_char)
        and not any(
            t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ not in RELATIVE
            for t in doc[span.end : cue.i]
        )
    ]
    return max(people, key=lambda s: s.end) if people else None


def _inverted_subject(cue: Token, inside: Inside) -> Span | None:
    # '"...," added the foreign secretary': the parser often files the speaker as an object.
    # Only verbs that invert do so: in '"...," Ramos told AFP' the object is the listener.
    if cue.lemma_ not in INVERTING:
        return None
    for child in cue.rights:
        if (
            child.dep_ in {"dobj", "attr", "npadvmod", "nsubj", "oprd"}
            and child.pos_ in {"NOUN", "PROPN"}
            and not inside(child.idx)
        ):
            return _inverted_name(cue, child)
    return None


def _inverted_name(cue: Token, child: Token) -> Span:
    # "said Treasury Under Secretary John Taylor": the parser may head the phrase after the
    # verb with "Treasury"; the person the phrase names is the speaker.
    last = child.i
    while (
        last + 1 < cue.sent.end
        and not cue.doc[last + 1].is_punct
        and cue.doc[last + 1].pos_ not in {"VERB", "AUX"}
    ):
        last += 1
    phrase = cue.doc[child.left_edge.i : last + 1]
    people = [e for e in entities_in(phrase) if e.label_ == "PERSON"]
    if people and not people[-1].start <= child.i < people[-1].end:
        # "said Nottingham City Councillor Brian Parbutt", the model calling the place a
        # person: the name is what follows the last title word, up to the head.
        posts = [t.i for t in phrase if t.i < child.i and t.lower_ in POST_WORDS]
        tail = cue.doc[posts[-1] + 1 : child.i + 1] if posts else None
        if tail is not None and 1 < len(tail) <= 3 and all(t.text[:1].isupper() for t in tail):
            return tail
    return people[-1] if people else name_span(child)


def name_span(token: Token) -> Span:
    """The subject as written: the head noun with its compounds, titles and determiner."""
    keep = [t for t in token.lefts if t.dep_ in {"compound", "det", "amod", "poss", "nmod"}]
    start = min([token.i] + [t.left_edge.i for t in keep])
    return token.doc[start : token.i + 1]
