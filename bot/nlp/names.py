"""Names as written in a parsed article: their words, their entities, what stands beside them.

Helpers for bot.nlp.people and the cue rules; every word list they read is in bot.nlp.lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from bot.nlp.lexicon import (
    AFFILIATIONS,
    BODY_WORDS,
    HONORIFICS,
    OCCUPATIONS,
    POST_WORDS,
    POSTNOMINALS,
    PRONOUN_GENDER,
    ROLE_CHANGERS,
    ROYAL_TITLES,
    TITLE_WORDS,
    WORK_NOUNS,
)

POSSESSIVE = {"'s", "’s", "'", "’"}
# Posts with a portfolio, named by "for": "the minister for civil aviation".
PORTFOLIO_POSTS = frozenset("minister secretary commissioner envoy".split())
# Post-nominals that honour a person, unlike a seat ("MP") that follows a place's name too.
HONOURS = frozenset("qc kc obe mbe cbe kbe frs".split())
# Lower-case words that may sit inside a name ("Bank of England", "Ludwig van Beethoven").
# One spelling of each British party, for matching the posts its people hold.
PARTY_NAMES = {"tory": "conservative", "tories": "conservative", "libdem": "liberal democrat"}
NAME_PARTICLES = frozenset(
    "of de del della der den van von da di du la le bin al and & for".split()
)


def is_definite(span: Span) -> bool:
    # "the spokesman" may be the one the article introduced; "a spokesman" is someone else.
    return span[0].lower_ not in {"a", "an", "another", "one"}


def name_after_post(span: Span) -> Span | None:
    # The capitalised words that end a subject after its last post word, if they are all
    # proper nouns: the name the post is given to.
    posts = [t.i for t in span if t.lower_ in POST_WORDS and t.is_lower]
    if not posts:
        return None
    tail = span.doc[posts[-1] + 1 : span.end]
    # "chief executive Magnus McEwen-King": a hyphen inside a surname joins, not adds, a word
    words = [t for t in tail if not _inner_hyphen(t)]
    if not 1 < len(words) <= 3 or not all(
        t.pos_ == "PROPN" and t.text[:1].isupper() for t in words
    ):
        return None
    return tail


def _inner_hyphen(token: Token) -> bool:
    doc = token.doc
    return (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not doc[token.i - 1].whitespace_
    )


def is_pronoun(token: Token) -> bool:
    """A "he" or "she" standing for someone, not a word of a title ("The She Hate Me director")."""
    if token.lower_ not in PRONOUN_GENDER:
        return False
    if token.is_lower or token.i == token.sent.start:
        return True
    before = token.doc[token.i - 1]
    # After a quotation mark, a colon or a new line a capital opens a clause of its own.
    return before.is_quote or before.is_space or before.text in {":", "(", "-", "—", "–", ";"}


def joint_subject(span: Span) -> Span | None:
    """The whole coordination when a subject names several people ("X and Y"), else None."""
    # "Steve Bell, senior director ..., and a Republican who ...": a description joined to
    # the name is more about one person, not a second one.
    others = [
        c
        for c in span.root.children
        if c.dep_ == "conj"
        and c.pos_ == "PROPN"
        and c.ent_type_ != "NORP"
        and not any(d.lower_ in {"a", "an"} for d in c.lefts)
    ]
    if not others:
        return None
    return span.doc[span.start : max(c.right_edge.i for c in others) + 1]


def joined_before(span: Span) -> bool:
    """Whether another person is joined to this one right before it ("X and chief Y said")."""
    # The parser may cut "chief executive William Harrison and chief operating officer
    # James Dimon said" down to Dimon as the subject: the statement is still both men's.
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 5 and doc[i].pos_ in {"NOUN", "ADJ"}:
        i -= 1
    return i >= 1 and doc[i].lower_ in {"and", "&"} and doc[i - 1].ent_type_ == "PERSON"


def role_phrases(words: list[str]) -> list[str]:
    """A role and the shorter forms that name the same post ("foreign secretary").

    Dropping "British" from "British foreign secretary" keeps the post; dropping "shadow",
    "former" or "deputy" names another one, so no shorter form is made past such a word.
    """
    words = party_as_one(words)
    phrases = []
    for k in range(len(words)):
        phrases.append(" ".join(words[k:]))
        if words[k] in ROLE_CHANGERS:
            break
    return phrases


def party_as_one(words: list[str]) -> list[str]:
    """A role's words with each party written one way: "the Tory leader" is "the Conservative
    leader", "Lib Dem spokesman" "Liberal Democrat spokesman"."""
    out: list[str] = []
    for word in words:
        lower = word.lower()
        if lower in {"dem", "dems"} and out and out[-1] == "lib":
            out[-2:] = ["liberal", "democrat"]
        elif lower in PARTY_NAMES:
            out.append(PARTY_NAMES[lower])
        else:
            out.append(lower)
    return out


def looks_like_name(words: list[str]) -> bool:
    """Capitalised words, with only name particles between ("Bank of England"), not "way"."""
    # "de Blasio", "van Gogh": a surname may open with its particle
    opening = words[0][:1].isupper() if words else False
    opening = opening or len(words) > 1 and words[0] in NAME_PARTICLES - {"of", "and", "&", "for"}
    if not words or not opening or not words[-1][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in NAME_PARTICLES for w in words)


def apposition(span: Span) -> Span | None:
    return apposed_person(span.root)


def apposed_person(root: Token) -> Span | None:
    """The name set beside a description: "the party's spokeswoman, Jane Doe, said"."""
    # The parser hangs "Jane Doe" off "spokeswoman" as an apposition, right of the noun.
    if root.pos_ not in {"NOUN", "PROPN"} or root.ent_type_ == "PERSON":
        return None
    for child in root.rights:
        if child.dep_ == "appos":
            return entity_at(child) if child.ent_type_ == "PERSON" else _honoured(child)
    # Or the name comes first: "Bob Mulholland, a superdelegate and Clinton supporter who
    # has said ...", where a relative clause's "who" leads to the description.
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    named = root.head
    if root.dep_ == "appos" and named.i < root.i and named.ent_type_ == "PERSON":
        return entity_at(named)
    return None


def _honoured(token: Token) -> Span | None:
    # "Guy Mansfield QC", which the model tags as an organisation: a given name and a
    # surname before honours are a person.
    if token.lower_ not in HONOURS:
        return None  # "Bristol West MP" is a seat, not a person
    words = [t for t in token.lefts if t.dep_ == "compound"]
    if len(words) != 2 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return None
    return token.doc[words[0].i : token.i + 1]


def as_written(span: Span) -> str:
    # An organisation or document stays as written, without a sentence's capital "The".
    first = span[0]
    if first.dep_ == "det" and first.text in {"The", "A", "An"}:
        return first.lower_ + span.text[len(first.text) :]
    return span.text


def with_given_name(ent: Span) -> Span:
    # "the Zionist Union Party's Nachman Shai" where the model tagged only "Shai"; "Shani
    # Rhys James", tagged from "Rhys".
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if (
        len(ent) <= 2
        and before is not None
        and before.pos_ == "PROPN"
        and not before.ent_type_
        and before.dep_ == "compound"
        and before.lower_.rstrip(".") not in HONORIFICS.keys() | TITLE_WORDS | POST_WORDS
        and before.lower_ not in AFFILIATIONS
        and before.text[:1].isupper()
        and not title_case(ent.sent)  # "Pence Endorses Paul Ryan"
    ):
        return ent.doc[ent.start - 1 : ent.end]
    return ent


def title_case(sentence: Span) -> bool:
    # A headline in title case capitalises its verbs too: no capital marks a name there.
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def is_quoted(ent: Span) -> bool:
    # '"Ted Cruz" campaign pins': a name inside quotation marks is a slogan, not a subject.
    doc = ent.doc
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    after = doc[ent.end].text if ent.end < len(doc) else ""
    return before in {"“", '"'} and after in {"”", '"'}


def person_after(span: Span) -> Span | None:
    # A role phrase the parser cut short of the name that follows it: "Cruz constituent Dan
    # Golvach", "Blaze co-host Stu Burguiere" (parsed as "Blaze co" and "-host Stu ...").
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < 3 and (doc[end].text == "-" or _is_post(doc[end])):
        end += 1
    roles = [t for t in doc[span.start : end] if _is_post(t)]
    if not roles:
        return None
    portfolio = doc[end - 1].lower_ in PORTFOLIO_POSTS
    if end < len(doc) and (doc[end].lower_ == "of" or doc[end].lower_ == "for" and portfolio):
        # "Shadow leader of the Commons Oliver Heald", "the minister for civil aviation Praful
        # Patel": the post's phrase, then the name. A spokesman or a lawyer "for" someone
        # speaks for them: that person is not the speaker.
        words = {"DET", "PROPN", "ADJ", "NOUN"} if doc[end].lower_ == "for" else {"DET", "PROPN"}
        end += 1
        opened = end
        while end < len(doc) and doc[end].pos_ in words:
            if doc[end].ent_type_ == "PERSON" or end - span.end > 6:
                break
            if doc[end].lower_ in POST_WORDS | HONORIFICS.keys():
                return None  # "the lawyer of the pop singer Michael Jackson"
            end += 1
        # "the spokesman for Gordon Brown", "the wife of Tony Blair": the person the post
        # serves, not its holder. Only a name after the phrase holds the post.
        if not any(t.pos_ != "DET" for t in doc[opened:end]):
            return None
    if end < len(doc) and doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "PERSON":
        return entity_at(doc[end])
    return None


def name_at_head(span: Span) -> Span | None:
    """The untagged name that heads a subject after a common noun ("Brighton nurse Marion
    Brown", the model tagging only "Brighton" as a person): the capitalised proper nouns
    that end at the head, when a lower-case noun stands right before them."""
    root = span.root
    if root.pos_ != "PROPN" or root.ent_type_ or not root.text[:1].isupper():
        return None  # "Richard Branson's airline Virgin Atlantic": a body the model tagged
    start = root.i
    while start > span.start and span.doc[start - 1].pos_ == "PROPN":
        start -= 1
    before = span.doc[start - 1] if start > span.start else None
    if before is None or before.pos_ != "NOUN" or not before.is_lower:
        return None
    tail = span.doc[start : root.i + 1]
    if not 1 < len(tail) <= 3 or not all(t.text[:1].isupper() for t in tail):
        return None
    return tail


def titled_before_post(span: Span, person: Span) -> bool:
    """Whether a subject is a titled person followed by their post, with no comma: "Dr Mark
    Tuffy games systems director at THX told". An honorific marks the person as the one meant:
    "an Obama aide" speaks for itself, "Dr Mark Tuffy ... director" is Tuffy."""
    doc = span.doc
    opener = doc[person.start - 1] if person.start > span.start else person[0]
    if opener.lower_ not in HONORIFICS or span.root.lower_ not in POST_WORDS:
        return False
    between = doc[person.end : span.root.i]
    return all(t.dep_ in {"compound", "amod"} and t.tag_ != "POS" for t in between)


def not_people(ents: Iterable[Span]) -> set[str]:
    """One-word names the model calls people that the article shows are a body or a work:
    "mobile content firm Zed", "Arnold's gritty drama Wasp" (so "Wasp tells the story" later
    is no one either). One word only: in "the union Unison Dave Prentis" the model has run
    the body's name into the person's."""
    found = set()
    for ent in ents:
        if len(ent) != 1 or ent.label_ != "PERSON":
            continue
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if _named_body_before(ent[0]) or (
            before is not None and before.is_lower and before.lower_ in WORK_NOUNS
        ):
            found.add(ent.text)
    return found


def _named_body_before(token: Token) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.is_lower and before.lower_ in BODY_WORDS


def _is_post(token: Token) -> bool:
    return token.lower_.strip("-") in POST_WORDS


def person_span(token: Token) -> Span:
    # The name inside "Chinese Foreign Ministry spokesperson Wang Wenbin", else the phrase.
    ent = entity_at(token) if token.ent_type_ == "PERSON" else None
    return ent if ent is not None else token.doc[token.left_edge.i : token.i + 1]


def entity_at(token: Token) -> Span | None:
    """The entity holding a token, read from the tokens' own tags: `doc.ents` and `span.ents`
    rebuild every entity of the document on each access, which made an article quadratic."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def entities_in(span: Span) -> list[Span]:
    """The entities wholly inside a span: `span.ents`, without walking the whole document."""
    found = []
    for token in span:
        if token.ent_iob_ == "B":
            ent = entity_at(token)
            if ent is not None and ent.end <= span.end:
                found.append(ent)
    return found


def is_according_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def name_words(span: Span) -> list[str]:
    """Name words without determiners, honorifics or a possessive's owner.

    Words are rebuilt from the text's own spacing, so "Kilroy-Silk" stays one word; in
    "Breitbart's Joel Pollak" the name is what follows the possessive.
    """
    tokens = list(span)
    owned = [i for i, t in enumerate(tokens) if t.lower_ in POSSESSIVE]
    if owned and owned[-1] + 1 < len(tokens):
        tokens = tokens[owned[-1] + 1 :]
    # "Tory David Heathcoat-Amory", "Gen Pervez Musharraf", "Ken Macdonald QC": the name is
    # what lies between the affiliation or title and the honours.
    while len(tokens) > 1 and tokens[0].lower_ in AFFILIATIONS | TITLE_WORDS:
        if tokens[0].lower_ in ROYAL_TITLES and len(tokens) == 2:
            break  # "Prince Charles" is named with the title: "Charles" alone is anyone
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].lower_ in POSTNOMINALS:
        tokens = tokens[:-1]
    # "Farmer Geoff Brooks", "MEP Caroline Lucas"; "the union Unison Dave Prentis": a job,
    # or a body named after its kind, folded into the name by the model.
    while len(tokens) > 2 and (
        tokens[0].lower_ in POST_WORDS | OCCUPATIONS or _named_body_before(tokens[0])
    ):
        tokens = tokens[1:]
    words: list[str] = []
    glue = False
    for t in tokens:
        if t.dep_ == "det" or t.lower_ in HONORIFICS or t.lower_ in POSSESSIVE:
            glue = False
            continue
        if glue and words:
            words[-1] += t.text
        else:
            words.append(t.text)
        glue = not t.whitespace_
    return [w for w in words if w.strip("/")]
