"""The people an article names, so that "Han", "Mr Zheng", "he" and "the vice president" resolve."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

HONORIFICS = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
    "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None,
}  # fmt: skip
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GENDERED_ROLES = {"spokeswoman": "f", "chairwoman": "f", "spokesman": "m", "chairman": "m"}
ROLE_DEPS = {"compound", "amod", "nmod"}
# Capitalised words before a surname that are titles, not given names ("Secretary Cleverly").
TITLE_WORDS = set(
    "secretary minister president senator sen governor gov representative rep mayor judge "
    "justice general gen chairman chairwoman chair speaker leader chancellor ambassador "
    "admiral captain officer commissioner director premier king queen prince pope".split()
)
SPEECH_VERBS = {"say", "tell", "add", "note", "argue", "warn", "explain", "insist", "claim"}


@dataclass
class PeopleIndex:
    full_names: set[str] = field(default_factory=set)
    mentions: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (offset, name), in order
    roles: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    gender: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_doc(cls, doc: Doc) -> PeopleIndex:
        """Collect names, roles, genders and sentence subjects from a parsed article."""
        index = cls()
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                index._add_person(ent)
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                index._add_role(ent)
        for token in doc:
            index._add_unlabelled_speaker(token)
        for token in doc:
            if token.dep_ in {"nsubj", "nsubjpass"} or _is_according_to(token):
                name = index.canonical(_strip(_person_span(token)), token.idx)
                if name in index.mentions:
                    index.subjects.append((token.idx, name))
                    index._learn_gender(name, token)
        index.subjects.sort()
        return index

    def _add_person(self, ent: Span) -> None:
        words = _strip(ent)
        if not words:
            return
        name = " ".join(words)
        if len(words) >= 2:
            self.full_names.add(name)
        self.mentions[name].append(ent.start_char)
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        gender = HONORIFICS.get(before.lower_) if before is not None else None
        if gender:
            self.gender.setdefault(self.canonical(words, ent.start_char), gender)

    def _add_unlabelled_speaker(self, token: Token) -> None:
        # "Cui Hongjian, a specialist ..., said": the model missed the name, but a proper-noun
        # subject of a reporting verb with a given name before it is a person's full name.
        if token.dep_ != "nsubj" or token.pos_ != "PROPN" or token.ent_type_:
            return
        if token.head.lemma_ not in SPEECH_VERBS:
            return
        given = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        if len(given) == 1 and not given[0].ent_type_ and given[0].i == token.i - 1:
            name = f"{given[0].text} {token.text}"
            self.full_names.add(name)
            self.mentions[name].append(given[0].idx)

    def _add_role(self, ent: Span) -> None:
        # "Foreign Secretary James Cleverly", "spokeswoman Mao Ning", "Wang Yiwei, director of ..."
        name = self.canonical(_strip(ent), ent.start_char)
        role_tokens: list[Token] = []
        i = ent.start - 1
        while (
            i >= 0
            and ent.doc[i].pos_ in {"NOUN", "PROPN", "ADJ"}
            and ent.doc[i].ent_type_ in {"", "ORG"}
        ):
            role_tokens.insert(0, ent.doc[i])
            i -= 1
        appos = [t for t in ent.root.children if t.dep_ == "appos" and t.pos_ == "NOUN"]
        phrases = [[t.lower_ for t in role_tokens]] if role_tokens else []
        phrases += [[t.lower_ for t in a.lefts if t.dep_ in ROLE_DEPS] + [a.lower_] for a in appos]
        for words in phrases:
            for k in range(len(words)):
                self.roles[" ".join(words[k:])].append((ent.start_char, name))
            if words[-1] in GENDERED_ROLES:
                self.gender.setdefault(name, GENDERED_ROLES[words[-1]])

    def role_of(self, name: str) -> str | None:
        """The fullest role the article introduces a person with ("british foreign secretary")."""
        phrases = [
            phrase for phrase, holders in self.roles.items() if any(n == name for _, n in holders)
        ]
        best = max(phrases, key=lambda p: (len(p.split()), p), default=None)
        return best.replace(" - ", "-") if best else None  # "vice - president", as tokenised

    def _learn_gender(self, name: str, subject: Token) -> None:
        # "Cleverly said he would ...": a pronoun subject later in the same sentence agrees.
        for token in subject.sent:
            if token.i > subject.i and token.dep_ == "nsubj" and token.lower_ in PRONOUN_GENDER:
                self.gender.setdefault(name, PRONOUN_GENDER[token.lower_])
                return

    def canonical(self, words: list[str], offset: int) -> str:
        """The full name a partial name stands for at `offset`, or the name as given."""
        name = " ".join(words)
        if not words or name in self.full_names:
            return name
        wanted = {w.lower() for w in words}
        candidates = [
            full for full in self.full_names if wanted <= {w.lower() for w in full.split()}
        ]
        if not candidates:
            return name
        return max(candidates, key=lambda full: self._recency(full, offset))

    def _recency(self, name: str, offset: int) -> tuple[int, int, int]:
        # Prefer a person last seen as a subject, then last named, before the offset;
        # otherwise the one introduced soonest after it.
        subject_at = max((o for o, n in self.subjects if n == name and o <= offset), default=-1)
        positions = sorted(self.mentions.get(name, []))
        before = positions[: bisect_right(positions, offset)]
        after = [p for p in positions if p > offset]
        return (subject_at, before[-1] if before else -1, -(after[0] if after else 10**9))

    def resolve(self, span: Span, offset: int) -> str | None:
        """The canonical speaker for a cue's subject as written."""
        words = _strip(span)
        text = " ".join(words)
        lower = text.lower()
        if lower in PRONOUN_GENDER:
            gender = PRONOUN_GENDER[lower]
            return self._sentence_subject(span, gender) or self._pronoun(gender, offset)
        if lower in {"i", "we", "they", "it", "you", "this", "that", "who"}:
            return None
        persons = [e for e in span.ents if e.label_ == "PERSON" and not _quoted(e)]
        at_root = [e for e in persons if e.start <= span.root.i < e.end]
        if at_root or (persons and span.root.pos_ == "PROPN"):
            # "Chinese Foreign Ministry spokesperson Wang Wenbin": the name, not the title;
            # "Clinton campaign spokesman Brian Fallon": the name at the head, not the first.
            return self.canonical(_strip(_with_given_name((at_root or persons)[-1])), offset)
        named = _person_after(span)
        if named is not None:
            # "Cruz constituent Dan Golvach", "former Pennsylvania Gov. ... Ed Rendell": a name
            # right after the role beats anyone else introduced with that role.
            return self.canonical(_strip(named), offset)
        role = self._role(lower, offset)
        if role is not None:
            return role
        if persons:
            # A person modifying a common noun ("Clinton's campaign", "an Obama aide") is not
            # the speaker: the campaign or the aide is, as written.
            return _as_written(span)
        if text.isupper() and len(text) > 3:
            words = [w.title() for w in words]  # a transcript label: "WALLACE"
        if span.root.pos_ == "PROPN" or text.isupper():
            return self.canonical(words, offset)
        return _as_written(span)

    def _sentence_subject(self, pronoun: Span, gender: str) -> str | None:
        # "Cruz spokesman Rick Tyler said that ... Cruz has ..., he said": the pronoun repeats
        # the sentence's other reporting verb's named subject, not the latest name.
        own = pronoun.root.head
        verbs = [t for t in pronoun.sent if t.lemma_ in SPEECH_VERBS and t is not own]
        for verb in sorted(verbs, key=lambda t: len(list(t.ancestors))):
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i < pronoun.start and child.pos_ == "PROPN":
                    person = _person_span(child)
                    if person.label_ != "PERSON":
                        return None
                    name = self.canonical(_strip(person), person.start_char)
                    return name if self.gender.get(name, gender) == gender else None
        return None

    def _pronoun(self, gender: str, offset: int) -> str | None:
        for at, name in reversed(self.subjects):
            if at < offset and self.gender.get(name, gender) == gender:
                return name
        return None

    def _role(self, lower: str, offset: int) -> str | None:
        # "the British foreign secretary" → the person introduced as "Foreign Secretary ...".
        words = lower.split()
        for k in range(len(words)):
            holders = self.roles.get(" ".join(words[k:]))
            if holders:
                before = [name for at, name in holders if at <= offset]
                return before[-1] if before else holders[0][1]
        return None


def _as_written(span: Span) -> str:
    # An organisation or document stays as written, without a sentence's capital "The".
    first = span[0]
    if first.dep_ == "det" and first.text in {"The", "A", "An"}:
        return first.lower_ + span.text[len(first.text) :]
    return span.text


def _with_given_name(ent: Span) -> Span:
    # "the Zionist Union Party's Nachman Shai" where the model tagged only "Shai".
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if (
        len(ent) == 1
        and before is not None
        and before.pos_ == "PROPN"
        and not before.ent_type_
        and before.dep_ == "compound"
        and before.lower_.rstrip(".") not in HONORIFICS.keys() | TITLE_WORDS
        and before.text[:1].isupper()
    ):
        return ent.doc[ent.start - 1 : ent.end]
    return ent


def _quoted(ent: Span) -> bool:
    # '"Ted Cruz" campaign pins': a name inside quotation marks is a slogan, not a subject.
    text = ent.doc.text
    return text[max(ent.start_char - 1, 0) : ent.start_char] in {"“", '"'} and text[
        ent.end_char : ent.end_char + 1
    ] in {"”", '"'}


def _person_after(span: Span) -> Span | None:
    # A role phrase the parser cut short of the name that follows it.
    return next((e for e in span.doc.ents if e.start == span.end and e.label_ == "PERSON"), None)


def _person_span(token: Token) -> Span:
    # The name inside "Chinese Foreign Ministry spokesperson Wang Wenbin", else the phrase.
    for ent in token.doc.ents:
        if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
            return ent
    return token.doc[token.left_edge.i : token.i + 1]


def _is_according_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _strip(span: Span) -> list[str]:
    """Name words without determiners, honorifics or a possessive ending."""
    words = [
        t.text
        for t in span
        if t.dep_ != "det" and t.lower_ not in HONORIFICS and t.lower_ not in {"'s", "’s", "'", "’"}
    ]
    return [w for w in words if w.strip("/")]
