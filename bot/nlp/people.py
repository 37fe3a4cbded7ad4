"""The people an article names, so that "Han", "Mr Zheng", "he" and "the vice president" resolve."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.nlp.lexicon import (
    AFFILIATIONS,
    BODY_WORDS,
    CORE_SPEECH,
    GENDERED_ROLES,
    GIVEN_NAME_GENDER,
    HONORIFICS,
    NEGATING,
    NOT_NAMES,
    NOT_SPEAKERS,
    PERSON_NOUNS,
    POST_WORDS,
    POSTNOMINALS,
    PRONOUN_GENDER,
    QUOTING,
)
from bot.nlp.names import (
    apposition,
    entities_in,
    is_according_to,
    is_definite,
    is_pronoun,
    is_quoted,
    joined_before,
    joint_subject,
    looks_like_name,
    name_after_post,
    name_at_head,
    name_words,
    not_people,
    party_as_one,
    person_after,
    person_span,
    role_phrases,
    title_case,
    titled_before_post,
    with_given_name,
)

ROLE_DEPS = {"compound", "amod", "nmod"}
ORGANISATION_LABELS = {"ORG", "GPE", "NORP", "FAC"}


@dataclass(frozen=True)
class Resolved:
    """Who a cue's subject names: a canonical name and its kind, or nobody, and by which rule."""

    name: str | None
    kind: str | None  # "person" or "organisation" when a name is given
    rule: str  # "name", "apposition", "role", "pronoun", "description", ...


@dataclass
class PeopleIndex:
    full_names: set[str] = field(default_factory=set)
    mentions: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (offset, name), in order
    roles: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    gender: dict[str, str] = field(default_factory=dict)
    # Names written after an honorific: working state for from_doc, not part of the index.
    _titled: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    # Organisations by their head noun: "Countryside Alliance" under "alliance".
    bodies: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    # One-word names the model calls people that the article shows are a work or a body.
    things: set[str] = field(default_factory=set)

    @classmethod
    def from_doc(cls, doc: Doc) -> PeopleIndex:
        """Collect names, roles, genders and sentence subjects from a parsed article."""
        index = cls()
        ents = doc.ents  # rebuilt on each access
        index.things = not_people(ents)
        persons = [ent for ent in ents if ent.label_ == "PERSON" and ent.text not in index.things]
        for ent in persons:
            index._add_person(ent)
        for ent in persons:
            index._add_role(ent)
        index._drop_titled_surnames()
        for ent in ents:
            if ent.label_ == "ORG":
                index._add_body(ent)
        for token in doc:
            index._add_unlabelled_speaker(token)
        for token in doc:
            if token.dep_ in {"nsubj", "nsubjpass"} or is_according_to(token):
                name = index.canonical(name_words(person_span(token)), token.idx)
                if name in index.mentions:
                    index.subjects.append((token.idx, name))
                    index._learn_gender(name, token)
        index.subjects.sort()
        return index

    def _add_person(self, ent: Span) -> None:
        ent = with_given_name(ent)
        words = name_words(ent)
        if not words:
            return
        name = " ".join(words)
        if len(words) >= 2:
            self.full_names.add(name)
        self.mentions[name].append(ent.start_char)
        # The honorific may stand before the entity or open it: the model tags "Ms Kelly" whole.
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        gender = HONORIFICS.get(ent[0].lower_) or (
            HONORIFICS.get(before.lower_) if before is not None else None
        )
        if gender:
            self.gender.setdefault(self.canonical(words, ent.start_char), gender)
        if ent[0].lower_ in HONORIFICS or (before is not None and before.lower_ in HONORIFICS):
            self._titled.add(name)

    def _drop_titled_surnames(self) -> None:
        # "Ms Rhys James" after "Shani Rhys James": a double-barrelled surname, not a second
        # person's full name.
        for name in self._titled & self.full_names:
            words = name.split()
            if any(f != name and f.split()[-len(words) :] == words for f in self.full_names):
                self.full_names.discard(name)

    def _add_unlabelled_speaker(self, token: Token) -> None:
        # "Cui Hongjian, a specialist ..., said": the model missed the name, but a proper-noun
        # subject of a reporting verb with a given name before it is a person's full name.
        # The small model also files titled people as organisations ("shadow chancellor
        # Vince Cable" as ORG): a post before the name says it is a person.
        if token.dep_ != "nsubj" or token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
            return
        # Any main verb will do for a name with no label at all ("Vincent Cable, for the
        # Liberal Democrats, accused Mr Brown"), unless a word of it names a body.
        bare = not token.ent_type_ and token.lower_ not in BODY_WORDS
        if token.head.lemma_ not in CORE_SPEECH and not (bare and token.head.dep_ == "ROOT"):
            return
        if token.lower_ in POST_WORDS | POSTNOMINALS:
            return  # "the Salford MP told": a post, not a person called Salford MP
        if token.head.lemma_ in QUOTING or any(c.dep_ == "poss" for c in token.children):
            return  # "London's Evening Standard quoted Mr Clarke": a paper, quoting someone
        given = [
            t
            for t in token.lefts
            if t.dep_ == "compound" and t.pos_ == "PROPN" and t.lower_ not in POST_WORDS
        ]
        if len(given) != 1 or given[0].i != token.i - 1 or given[0].ent_type_ == "PERSON":
            return
        if given[0].lower_ in BODY_WORDS or title_case(token.sent):
            return
        before = token.doc[given[0].i - 1] if given[0].i > 0 else None
        titled = before is not None and before.lower_ in POST_WORDS
        if token.ent_type_ and not titled:
            return
        name = f"{given[0].text} {token.text}"
        self.full_names.add(name)
        self.mentions[name].append(given[0].idx)

    def _add_role(self, ent: Span) -> None:
        # "Foreign Secretary James Cleverly", "spokeswoman Mao Ning", "Wang Yiwei, director of ..."
        ent = with_given_name(ent)
        name = self.canonical(name_words(ent), ent.start_char)
        role_tokens: list[Token] = []
        i = ent.start - 1
        while (
            i >= 0
            and ent.doc[i].pos_ in {"NOUN", "PROPN", "ADJ"}
            # a party, not a nationality: "Tory leader Michael Howard" but not "British"
            and (
                ent.doc[i].ent_type_ in {"", "ORG"}
                or ent.doc[i].ent_type_ == "NORP"
                and ent.doc[i].lower_ in AFFILIATIONS
            )
            and ent.doc[i].lower_ not in HONORIFICS
        ):
            role_tokens.insert(0, ent.doc[i])
            i -= 1
        appos = [t for t in ent.root.children if t.dep_ == "appos" and t.pos_ == "NOUN"]
        phrases = [[t.lower_ for t in role_tokens]] if role_tokens else []
        phrases += [[t.lower_ for t in a.lefts if t.dep_ in ROLE_DEPS] + [a.lower_] for a in appos]
        for words in phrases:
            for phrase in role_phrases(words):
                self.roles[phrase].append((ent.start_char, name))
            if words[-1] in GENDERED_ROLES:
                self.gender.setdefault(name, GENDERED_ROLES[words[-1]])

    def _add_body(self, ent: Span) -> None:
        words = name_words(ent)
        if len(words) < 2:
            return  # "the BBC" is named already; only a head noun can stand for a name
        lower = [w.lower() for w in words]
        head = lower[lower.index("of") - 1] if "of" in lower[1:] else lower[-1]
        self.bodies[head].append((ent.start_char, " ".join(words)))

    def body_named(self, span: Span, offset: int) -> str | None:
        """The one organisation the article has named by this description's head noun."""
        root = span.root
        # "The alliance said", "the Commission said": singular, with "the", one word; not
        # "analysts" nor "a group".
        if (
            root.tag_ not in {"NN", "NNP"}
            or len(span) != 2
            or root.lemma_.lower() in PERSON_NOUNS
            or span[0].lower_ != "the"
        ):
            return None
        named = [(at, name) for at, name in self.bodies.get(root.lower_, []) if at <= offset]
        names = {name for _, name in named}
        if len(names) != 1:
            return None
        last = max(at for at, _ in named)
        doc = span.doc
        between = doc.char_span(last, span.start_char, alignment_mode="contract")
        # "... UnitedHealth Group. The trade group for the Blue Cross plans ... the group
        # wrote": a body of that kind introduced since is another one.
        for token in between if between is not None else ():
            if token.lower_ == root.lower_ and not token.ent_type_ and _introduces(token):
                return None
        return names.pop()

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
            if token.i <= subject.i:
                continue
            if token.is_quote:
                # '"Ruth Kelly wants to ditch the report," he said': a quotation's subject
                # and the speaker after it are two people.
                return
            if token.dep_ == "nsubj" and is_pronoun(token):
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
        given = {full.split()[0] for full in candidates} - HONORIFICS.keys()
        if len({g.lower() for g in given if g.lower() not in HONORIFICS}) > 1 and len(words) == 1:
            # "Osbourne himself" in an article about Sharon and Ozzy Osbourne: a surname two
            # people share is left as written rather than guessed from who came last
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

    def resolve(self, span: Span, offset: int) -> Resolved:
        """Who a cue's subject names, as a canonical name; pronouns are the discourse's work."""
        words = name_words(span)
        lower = " ".join(words).lower()
        if lower in PRONOUN_GENDER:
            return Resolved(None, None, "pronoun")
        if lower in NOT_SPEAKERS or not words or span[0].lower_ in NEGATING:
            return Resolved(None, None, "none")  # "Neither Cruz nor Rubio acknowledged"
        if joint_subject(span) is not None or joined_before(span):
            # "Phil Berger and Tim Moore said": a joint statement is neither's alone.
            return Resolved(None, None, "description")
        apposed = apposition(span)
        if apposed is not None:
            # "the party's spokeswoman, Jane Doe, said": the name, not the description.
            return Resolved(self.canonical(name_words(apposed), offset), "person", "apposition")
        # "1Xtra's G Money says": an owner before the head is not the one speaking
        persons = [
            e
            for e in entities_in(span)
            if e.label_ == "PERSON"
            and not is_quoted(e)
            and not (
                e.root.dep_ == "poss" and e.root.head.i == span.root.i and span.root.pos_ == "PROPN"
            )
        ]
        at_root = [e for e in persons if e.start <= span.root.i < e.end]
        headed = name_at_head(span) if persons and not at_root else None
        if headed is not None:
            # The person tagged before the noun only describes it ("Brighton nurse ...").
            return Resolved(self.canonical(name_words(headed), offset), "person", "name")
        if at_root or (persons and span.root.pos_ == "PROPN"):
            # "Chinese Foreign Ministry spokesperson Wang Wenbin": the name, not the title;
            # "Clinton campaign spokesman Brian Fallon": the name at the head, not the first.
            person = with_given_name((at_root or persons)[-1])
            return Resolved(self.canonical(name_words(person), offset), "person", "name")
        named = person_after(span)
        if named is not None:
            # "Cruz constituent Dan Golvach": a name right after the role the parser cut short.
            return Resolved(self.canonical(name_words(named), offset), "person", "name")
        titled = name_after_post(span)
        if titled is not None:
            # "Priorities USA chief strategist Guy Cecil", the model calling Guy Cecil an ORG.
            return Resolved(self.canonical(name_words(titled), offset), "person", "name")
        holder = self.role_holder(words, offset) if is_definite(span) else None
        if holder is not None:
            return Resolved(holder, "person", "role")
        body = self.body_named(span, offset)
        if body is not None:
            # "The alliance said", after the article named the Countryside Alliance.
            return Resolved(body, "organisation", "organisation")
        if len(persons) == 1 and titled_before_post(span, persons[0]):
            person = with_given_name(persons[0])
            return Resolved(self.canonical(name_words(person), offset), "person", "name")
        if persons:
            # A person modifying a common noun ("Clinton's campaign", "an Obama aide") is not
            # the speaker: the campaign or the aide is, and it has no name.
            return Resolved(None, None, "description")
        return self._proper_name(span, words, offset)

    def _proper_name(self, span: Span, words: list[str], offset: int) -> Resolved:
        text = " ".join(words)
        root = span.root
        if span[0].lower_ in {"a", "an"}:
            return Resolved(None, None, "description")  # "A Department spokesman said"
        # "ESPN said", "the CBI said"; untagged, "the LSE said": initials name a body.
        initials = len(words) == 1 and text.isupper() and text.lower() not in POST_WORDS  # "the DJ"
        if initials and (
            len(text) <= 6 and root.ent_type_ == "ORG" or 2 <= len(text) <= 3 and text.isalpha()
        ):
            return Resolved(text, "organisation", "name")
        if text.isupper() and len(text) > 3:
            # A transcript label ("WALLACE:"); a dateline or a shouted headline is not one.
            after = span.doc[span.end] if span.end < len(span.doc) else None
            label = after is not None and after.text == ":"
            if not label or root.ent_type_ in ORGANISATION_LABELS:
                return Resolved(None, None, "description")
            return Resolved(self.canonical([w.title() for w in words], offset), "person", "label")
        name = self.canonical(words, offset)
        # The tagger reads a surname ending in -s as a plural noun ("Sanders pledged"): a
        # capitalised head is a name unless it is only capitalised for opening the sentence.
        # After a quotation ('"...," Sims said') a capital is the name's own, even where the
        # parser starts a sentence there.
        after_quote = root.i > 0 and (root.nbor(-1).is_quote or root.nbor(-1).text == ",")
        opening = root.i == root.sent.start and not after_quote
        capital = root.text[:1].isupper() and (not opening or name in self.full_names)
        if (
            not (root.pos_ == "PROPN" or capital)
            or not looks_like_name(words)
            or root.lower_ in POST_WORDS  # "the Tory MP", "Pennsylvania Gov."
            or root.lower_.removesuffix("s") in POST_WORDS  # "the MPs", "Senators"
            or root.lower_ in NOT_NAMES
            # A group named by its members ("Democrats", "Aides") is not one speaker.
            or (root.tag_ == "NNPS" and (root.ent_type_ == "NORP" or opening))
        ):
            return Resolved(None, None, "description")  # "the report", "a spokesman"
        if name in self.full_names or (name in self.mentions and len(words) > 1):
            return Resolved(name, "person", "name")  # a person the article names in full
        # A lone singular name the model calls a nationality is a person it misread ("Han
        # said"); bodies speak as organisations and places ("Google said", "China said").
        misread = root.ent_type_ == "NORP" and root.tag_ == "NNP" and len(words) == 1
        if root.ent_type_ in ORGANISATION_LABELS and not misread:
            return Resolved(text, "organisation", "name")
        # "M. Dane Waters predicted": two or three capitalised words with no label are a
        # person's name far more often than a body's.
        kind = "person" if len(words) <= 3 and (misread or not root.ent_type_) else "organisation"
        return Resolved(name, kind, "name")

    def role_holder(self, words: list[str], offset: int) -> str | None:
        """The one person the article has named in this role before `offset`, if exactly one.

        "the prime minister" is whoever the article introduced as prime minister; the shadow
        chancellor is never "the chancellor", and two holders of one role name nobody.
        """
        phrase = " ".join(party_as_one(words))
        holders = {name for at, name in self.roles.get(phrase, []) if at <= offset}
        return holders.pop() if len(holders) == 1 else None

    def gender_of(self, name: str) -> str | None:
        """The gender the article states for a person (an honorific, a pronoun), if any, or
        failing that the one an unambiguous given name says ("Gordon Brown")."""
        stated = self.gender.get(name)
        words = name.split()
        if stated is not None or len(words) < 2:
            return stated
        return GIVEN_NAME_GENDER.get(words[0].lower())


def _introduces(token: Token) -> bool:
    # "a group", "the trade group": a noun that brings in a body rather than naming one again.
    return any(
        c.dep_ in {"compound", "amod"} or c.lower_ in {"a", "an", "another"} for c in token.lefts
    )
