"""Who "he" and "she" are: the person the passage is about, or nobody when two could be.

One pass over an article in reading order collects the people it mentions outside quotations
(names, roles such as "the chancellor", and pronouns already resolved), each with how
prominent the mention is: the subject of a sentence's main or reporting verb outranks a
subject elsewhere, which outranks an object. A pronoun takes the most prominent compatible
person of the nearest stretch before it that has one (its own sentence, else up to three
sentences back); when two different people share that rank, it names nobody. Abstaining is
the point: "He added" after a second person has come up is not a guess worth publishing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.nlp.lexicon import (
    BODY_WORDS,
    EPITHET_HEADS,
    GENDERED_ROLES,
    HONORIFICS,
    PERSON_NOUNS,
    POST_WORDS,
    POSTS,
    PRONOUN_GENDER,
    ROLE_CHANGERS,
    SPEECH_LEMMAS,
    VIEW_NOUNS,
)
from bot.nlp.names import (
    NAME_PARTICLES,
    apposed_person,
    is_according_to,
    is_pronoun,
    name_words,
    role_phrases,
)
from bot.nlp.people import PeopleIndex
from bot.nlp.sentences import Sentences

Inside = Callable[[int], bool]
LOOK_BACK = 3  # sentences before the pronoun's own that may hold its antecedent
LEAD_SENTENCES = 3  # headline and the first sentences, where a post follows its holder
SUBJECTS = {"nsubj", "nsubjpass"}
MAIN_DEPS = {"ROOT", "conj", "ccomp", "parataxis"}
NOT_A_NAME = POST_WORDS | BODY_WORDS  # words that make a capitalised pair a post or a body
UNKNOWN = "?"  # a pronoun no one could be found for: whoever it is, it competes


@dataclass(frozen=True)
class _Mention:
    token: int  # the mention's head token
    sentence: int  # index of its sentence
    key: str  # a canonical name, "role:<phrase>" for an unnamed post-holder, or UNKNOWN
    salience: int  # 2 main or reporting subject, 1 other subject, 0 anything else
    gender: str | None


class Discourse:
    """The people an article mentions, in order, for resolving pronouns by salience."""

    def __init__(self, doc: Doc, people: PeopleIndex, inside: Inside, sentences: Sentences) -> None:
        self._people = people
        self._inside = inside
        self._sents = sentences
        self._mentions: list[_Mention] = []  # in token order, so sentences ascend too
        self._tokens: list[int] = []
        self._sentences: list[int] = []
        self._resolved: dict[int, str | None] = {}
        self._epithets: set[int] = set()  # descriptions resolved as epithets, by token
        self._lead_posts: dict[str, str] = {}  # posts the lead tied to a named holder
        self._collect(doc)

    def _collect(self, doc: Doc) -> None:
        persons = {}
        for ent in doc.ents:
            if (
                ent.label_ == "PERSON"
                and not self._inside(ent.start_char)
                and ent.text not in self._people.things
            ):
                persons[ent.root.i] = ent
        in_person = {i for ent in persons.values() for i in range(ent.start, ent.end)}
        # "A spokesman for US Immigration, Customs and Enforcement, Dean Boyd, said": the name
        # set off before the verb stands for the description, which is nobody else.
        named = {t.i for t in map(_subject_set_off, persons.values()) if t is not None}
        for token in doc:
            if self._inside(token.idx) or token.i in named:
                continue
            if token.i in persons:
                self._add_name(persons[token.i])
            elif token.i in in_person:
                continue
            elif token.dep_ in SUBJECTS and token.lower_ in {"he", "she"} and is_pronoun(token):
                key = self._resolve(token, frozenset())
                self._resolved[token.i] = key
                self._add(token, key or UNKNOWN, PRONOUN_GENDER[token.lower_])
            elif (
                (_person_noun(token) or _aged(token))
                and _definite(token)
                and not _describes_a_name(token)
            ):
                self._add_role(token)
            elif token.pos_ == "PROPN" and (token.dep_ in SUBJECTS or is_according_to(token)):
                # "..., according to Mr Stone.": a source named as the model's body is him
                self._add_known_name(token)

    def _add_name(self, ent: Span, at: Token | None = None) -> None:
        # `at`: the description a name is set beside, which holds the sentence's role for it.
        name = self._people.canonical(name_words(ent), ent.start_char)
        self._add(at or _subject_set_off(ent) or ent.root, name, self._people.gender_of(name))

    def _add_known_name(self, token: Token) -> None:
        # "Mr Balls, who stepped down ..., had suggested": the model missed the name this
        # time, but the article has named Ed Balls before.
        name = self._people.canonical(name_words(_hyphenated(token)), token.idx)
        titles = [t.lower_ for t in token.lefts if t.dep_ == "compound"]
        if name in self._people.full_names:
            self._add(token, name, self._people.gender_of(name))
        elif titles and titles[0] in HONORIFICS:
            # "Lord Tebbit said he agreed with Dr Fox's view": a titled surname the model
            # did not tag is that person, and "he" may be him.
            self._add(token, name, HONORIFICS[titles[0]] or self._people.gender_of(name))
        elif (lone := _lone_untagged_subject(token)) and name in self._people.mentions:
            self._add(token, name, self._people.gender_of(name))  # tagged elsewhere
        elif lone or _untagged_name(token):
            # "Piers Freelove is senior benefit officer ... He said", "DiCaprio, who lost out
            # to Foxx, will face him again ... he told reporters": someone the model did not
            # tag is still someone "he" may be, so nobody earlier is named for him.
            self._add(token, UNKNOWN, None)

    def _add_role(self, token: Token) -> None:
        named = apposed_person(token)
        if named is not None:
            self._add_name(named, at=token)
            return
        words = [t.lower_ for t in token.lefts if t.dep_ in {"compound", "amod"}] + [token.lower_]
        holder = None
        phrase = role_phrases(words)[0]
        if not any(c.lower_ in {"a", "an", "another", "one"} for c in token.lefts):
            holder = self._people.role_holder(words, token.idx) or self._lead_post(phrase)
            if holder is None:
                holder = self._lead_holder(token)
                if holder is not None:
                    # Once the lead has tied the post to its holder, "the prime minister"
                    # later in the article is that person too.
                    self._lead_posts[phrase] = holder
        gender = GENDERED_ROLES.get(token.lower_)
        if holder is None:
            holder = self._epithet_holder(token, gender)
            if holder is not None:
                self._epithets.add(token.i)
        self._add(token, holder or f"role:{phrase}", gender or self._gender(holder))

    def _lead_holder(self, token: Token) -> str | None:
        # "Gordon Brown has issued a rallying cry ... The chancellor said": a post named with
        # "the", as the subject right after a sentence led by one named person, is that
        # person, when the article has given the post to nobody else.
        if token.dep_ not in SUBJECTS or token.lemma_ not in POSTS:
            return None
        here = self._sents.of(token.i)
        if here > LEAD_SENTENCES:
            # Only in the lead: later, "Fallon asked Mr Brown ... But the chancellor said"
            # puts the post's holder anywhere in the sentence before.
            return None
        if not any(c.lower_ == "the" for c in token.lefts):
            return None
        recent = self._window(here - 1, token.i)
        before = [m for m in recent if m.sentence == here - 1]
        if any(m.key.startswith("role:") for m in recent):
            return None
        leads = {m.key for m in before if m.salience == 2}
        if len(leads) != 1 or UNKNOWN in leads:
            return None
        holder = leads.pop()
        # "Foreign Secretary Jack Straw ... The home secretary said" is someone else, as is
        # the shadow or former holder of the post.
        phrase = " ".join(t.lower_ for t in token.lefts if t.dep_ in {"compound", "amod"})
        if any(w in ROLE_CHANGERS for w in phrase.split()):
            return None
        known = self._people.role_of(holder)
        post = f"{phrase} {token.lower_}".strip()
        if known is not None and post not in role_phrases(known.split()):
            return None
        return holder

    def _lead_post(self, phrase: str) -> str | None:
        # The lead's holder stands for the post later on only while the article gives the
        # post to nobody else ("Japan's prime minister, Junichiro Koizumi").
        holder = self._lead_posts.get(phrase)
        others = {name for _, name in self._people.roles.get(phrase, [])} - {holder}
        return holder if holder is not None and not others else None

    def _epithet_holder(self, token: Token, gender: str | None) -> str | None:
        # "Shadow foreign secretary Michael Ancram told MPs ... The Tory spokesman also
        # criticised": reporters vary the words for the person a passage is about. A "the"
        # description that is no single office ("the chancellor" may be someone not named
        # yet), as a subject right after a passage about one person, is that person.
        # Anything that could bring someone new in ("the firm's spokesman", "the spokesman
        # for ...", "the Treasury spokesman") names nobody.
        if token.dep_ not in SUBJECTS or not _epithet(token):
            return None
        here = self._sents.of(token.i)
        recent = self._window(self._sents.look_back_to(here, LOOK_BACK), token.i)
        if not recent or recent[-1].sentence == here:
            return None
        last = recent[-1]
        # The passage is about one person: nobody else is in view, or the last two mentions
        # (in different sentences) are that person; the last leads its sentence.
        alone = all(m.key == last.key for m in recent)
        again = (
            len(recent) > 1 and recent[-2].key == last.key and recent[-2].sentence != last.sentence
        )
        if not (alone or again) or last.salience < 2:
            return None
        if last.key == UNKNOWN or last.key.startswith("role:"):
            return None
        if gender is not None and last.gender != gender:
            return None  # "The spokeswoman said" is no man, nor someone of unknown gender
        return last.key

    def _add(self, token: Token, key: str, gender: str | None) -> None:
        mention = _Mention(token.i, self._sents.of(token.i), key, _salience(token), gender)
        self._mentions.append(mention)
        self._tokens.append(mention.token)
        self._sentences.append(mention.sentence)

    def _window(self, first_sentence: int, before_token: int) -> list[_Mention]:
        # Mentions from a sentence on, up to a token: two bisections, whatever the length.
        start = bisect_left(self._sentences, first_sentence)
        return self._mentions[start : bisect_left(self._tokens, before_token)]

    def named_post(self, token: Token) -> tuple[str, str] | None:
        """The person a post ("the chancellor") at this token stands for, if the text says,
        with how: `role` (the article gave the post to that person), `epithet` (the passage
        is about that person alone)."""
        if not (_person_noun(token) or _aged(token)):
            return None
        at = bisect_left(self._tokens, token.i)
        found = at < len(self._tokens) and self._tokens[at] == token.i
        key = self._mentions[at].key if found else None
        if key is None or key == UNKNOWN or key.startswith("role:"):
            return None
        return key, "epithet" if token.i in self._epithets else "role"

    def pronoun(self, token: Token, topic: Collection[str] = ()) -> str | None:
        """The person a "he"/"she" subject stands for, or None when the text does not say.

        `topic` names people the pronoun cannot be: those a quotation talks about in the
        third person ("Gordon Brown's record is very mixed," he said).
        """
        if not topic and token.i in self._resolved:
            key = self._resolved[token.i]
        else:
            key = self._resolve(token, frozenset(topic))
        return key if key is not None and not key.startswith("role:") else None

    def _resolve(self, token: Token, topic: frozenset[str]) -> str | None:
        gender = PRONOUN_GENDER.get(token.lower_)
        here = self._sents.of(token.i)
        first = self._sents.look_back_to(here, LOOK_BACK)
        earlier = [
            m
            for m in self._window(first, token.i)
            if m.key not in topic and (m.gender is None or gender is None or m.gender == gender)
        ]
        # In its own sentence only a subject can be a pronoun subject's antecedent: in
        # "Laying into the Conservatives' record, he said", he is not the Conservatives.
        reported = _reported_by(token)
        own = [
            m for m in earlier if m.sentence == here and m.salience > 0 and m.token not in reported
        ]
        if own:
            return _most_salient(own)
        for sentence in range(here - 1, first - 1, -1):
            found = [m for m in earlier if m.sentence == sentence]
            if not found:
                continue
            top = max(m.salience for m in found)
            if top < 2:
                # No one leads this sentence: a more prominent person further back competes
                # ("Mr Howard told the programme Mr Blair had refused ... He said").
                # So does one further back known to be of the pronoun's gender, when no one
                # here is known to be ("Alison Howe, producer of ... Later... With Jools
                # Holland, booked the group").
                unsure = gender is not None and all(m.gender is None for m in found)
                rivals = [
                    m
                    for m in earlier
                    if m.sentence < sentence and (m.salience > top or unsure and m.gender == gender)
                ]
                if {m.key for m in rivals} - {m.key for m in found}:
                    return None
            return _most_salient(found)
        return None

    def _gender(self, name: str | None) -> str | None:
        return self._people.gender_of(name) if name else None


def _most_salient(mentions: list[_Mention]) -> str | None:
    top = max(m.salience for m in mentions)
    keys = {m.key for m in mentions if m.salience == top}
    if len(keys) != 1:
        return None  # two people equally in view: say nobody rather than guess
    key = keys.pop()
    return None if key == UNKNOWN else key


def _subject_set_off(ent: Span) -> Token | None:
    # "Head of genetics at the Institute, Professor Robin Lovell-Badge, said": a name set off
    # by commas right before the verb stands beside that verb's subject, wherever the parser
    # attached it.
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != "," or ent.start == 0:
        return None
    if doc[ent.start - 1].text != "," and doc[ent.start - 1].pos_ not in {"PROPN", "NOUN"}:
        return None
    verb = doc[ent.end + 1]
    if verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return subject if subject is not None and subject.i < ent.start else None


def _reported_by(pronoun: Token) -> set[int]:
    # "Mr Blair has failed to tackle these problems, he claimed": the one a reporting
    # pronoun speaks about in the clause it reports is not the one speaking.
    verb = pronoun.head
    if verb.lemma_ not in SPEECH_LEMMAS:
        return set()
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    # A reporting verb's own subject in there is a speaker still: a run-on "Ms Hutt said
    # she hoped ... she said" may be parsed as one report inside the other.
    return {
        t.i
        for clause in clauses
        for t in clause.subtree
        if t.i < pronoun.i and t.head.lemma_ not in SPEECH_LEMMAS
    }


def _hyphenated(token: Token) -> Span:
    # "Mr Kilroy-Silk", tokenised as "Kilroy", "-", "Silk": the whole word, not its last piece.
    doc, start = token.doc, token.i
    while (
        start > 0
        and not doc[start - 1].whitespace_
        and (doc[start - 1].text == "-" or doc[start - 1].is_alpha)
    ):
        start -= 1
    return doc[start : token.i + 1]


def _describes_a_name(token: Token) -> bool:
    # "Ed Balls, a former Treasury adviser, said": the adviser is Ed Balls, not a second
    # person in view.
    return token.dep_ == "appos" and token.head.pos_ == "PROPN"


def _untagged_name(token: Token) -> bool:
    # A given name and a surname with no person label: "Piers Freelove" (the tagger may
    # take the given name for a common noun), "Vincent Cable" (tagged as an organisation).
    words = [t for t in token.lefts if t.dep_ == "compound"] + [token]
    # "Rodrigo de Rato": a particle may stand inside the name
    words = [t for t in words if t.lower_ not in NAME_PARTICLES or t.i in (words[0].i, token.i)]
    return (
        token.ent_type_ in {"", "ORG"}  # the small model files some people as bodies
        and 2 <= len(words) <= 3
        and all(t.text[:1].isupper() and t.is_alpha for t in words)
        # "The Attorney General", "the Foreign Office", "the White Paper"
        # "London's Evening Standard": an owner before it makes it a thing, not a person
        and not any(t.lower_ in NOT_A_NAME or t.dep_ in {"det", "poss"} for t in token.lefts)
        and token.lower_ not in NOT_A_NAME
        and (not token.ent_type_ or _salience(token) == 2)
    )


def _lone_untagged_subject(token: Token) -> bool:
    # One capitalised word with no label leading its sentence, that a "who" clause or a
    # reporting verb shows is someone ("DiCaprio, who lost out ..."; a band or a firm the
    # model missed is neither).
    who = any(
        c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in token.children
    )
    return (
        (who or token.head.lemma_ in SPEECH_LEMMAS)
        and not token.ent_type_
        and not any(c.dep_ == "compound" for c in token.lefts)
        and token.text[:1].isupper()
        and token.is_alpha
        and token.lower_ not in NOT_A_NAME
        and not any(t.dep_ in {"det", "poss"} for t in token.lefts)
        and _salience(token) == 2
    )


def _person_noun(token: Token) -> bool:
    # "the chancellor"; "the Salford MP", where the tagger takes "MP" for a proper noun.
    if token.pos_ == "NOUN":
        return token.lemma_ in PERSON_NOUNS
    return token.pos_ == "PROPN" and token.text.isupper() and token.lower_ in PERSON_NOUNS


def _epithet(token: Token) -> bool:
    # Only a politician's epithet with a party or a place before it ("the Tory spokesman",
    # "the Salford MP"): "the judge", "the officer", "the lawyer" or "the analyst" after a
    # passage about someone are nearly always someone else.
    lefts = list(token.lefts)
    if not lefts or lefts[0].lower_ != "the" or any(c.dep_ == "poss" for c in lefts):
        return False
    if any(c.ent_type_ in {"ORG", "PERSON"} or c.tag_ == "POS" for c in lefts):
        return False
    if any(c.dep_ in {"prep", "acl", "relcl", "appos"} for c in token.rights):
        return False
    marked = [c for c in lefts[1:] if c.text[:1].isupper() and c.dep_ in {"compound", "amod"}]
    return token.lower_ in EPITHET_HEADS and bool(marked) or _aged(token)


def _aged(token: Token) -> bool:
    # "the 47-year-old director said", "the 19-year-old revealed": an age is how reporters
    # go on about the person a passage is about, never how they bring in someone new.
    if not any(c.lower_ == "the" for c in token.lefts):
        return False
    olds = [token] if token.lower_ == "old" else [c for c in token.lefts if c.lower_ == "old"]
    return any(any(c.lower_ == "year" for c in old.lefts) for old in olds)


def _definite(token: Token) -> bool:
    # "the prime minister", "a Treasury spokesman", "Labour's leader": a mention of someone;
    # a bare plural ("ministers") or a compound modifier ("minister's office") is not.
    if token.tag_ in {"NNS", "NNPS"} or token.dep_ in {"compound", "poss"}:
        return False
    # "one dealer, who asked not to be named": someone, as much as "a dealer" is
    return any(c.dep_ in {"det", "poss"} or c.lower_ == "one" for c in token.lefts)


def _salience(token: Token) -> int:
    if token.dep_ == "conj" and token.head.dep_ in SUBJECTS:
        # "Gary Lightbody and Jonny Quinn said", "Only Fools and Horses star David Jason
        # criticised": each of two joined subjects is as much in view as the first
        return _salience(token.head)
    if token.dep_ == "appos" and token.head.i != token.i:
        # "EBay's chief executive, Meg Whitman, called ...": the name takes the place of
        # the description it is set beside.
        return _salience(token.head)
    head = token.head
    if token.dep_ in SUBJECTS:
        # The main verb's subject, or a reporting verb's that is not tucked into a clause
        # about something else ("He was speaking as Sir Digby Jones warned ...").
        main = head.dep_ == "ROOT" or (head.lemma_ in SPEECH_LEMMAS and head.dep_ in MAIN_DEPS)
        return 2 if main else 1
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return 2
    if token.dep_ == "pobj" and head.lower_ == "from" and _gives_a_view(head.head):
        return 2  # "One dissenting opinion came from Brian Gammage": he is who speaks next
    return 0


def _gives_a_view(verb: Token) -> bool:
    return verb.lemma_ == "come" and any(
        c.dep_ in SUBJECTS and c.lemma_ in VIEW_NOUNS for c in verb.children
    )
