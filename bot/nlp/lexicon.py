"""Every word list the speaker rules read: honorifics, titles, roles, pronouns, reporting verbs.

One place, so that the rules cannot disagree about what a title is (four copies once did).
Time words (months, weekdays, numbers) live in bot.nlp.timewords, their own lexicon.
"""

from __future__ import annotations

# Honorifics before a name, with the gender they state (None: they state none).
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
    "baroness": "f",
    "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None, "rev": None,
    "rev.": None,
}  # fmt: skip

# Capitalised words before a surname that are titles, not given names ("Secretary Cleverly").
TITLE_WORDS = frozenset(
    "secretary minister president senator sen sen. governor gov gov. representative rep rep. "
    "mayor judge justice general gen gen. chairman chairwoman chair speaker leader chancellor "
    "ambassador admiral captain officer commissioner director premier king queen prince pope "
    "chief inspector superintendent constable sergeant capt capt. lt lt. col col. sgt sgt. "
    "maj maj. cmdr cmdr. adm adm. rev rev. archbishop bishop cardinal duke duchess "
    "councillor cllr alderman".split()
)

# Titles that go with a given name, not a surname: "Prince Charles" is not "Charles Kennedy".
ROYAL_TITLES = frozenset("prince princess king queen".split())

# Nouns that stand for a person holding a post ("the chancellor said", "a spokesman said").
PERSON_NOUNS = frozenset(
    "minister secretary president chancellor spokesman spokeswoman spokesperson leader "
    "chairman chairwoman chair chief executive director governor mayor senator ambassador "
    "premier commissioner adviser advisor aide official officer analyst economist "
    "candidate nominee campaigner lawyer attorney judge chief founder boss head manager "
    "source expert professor mp mep peer lord baroness prince king queen host co-host "
    "anchor columnist pollster strategist reporter correspondent editor writer author "
    "activist supporter voter resident delegate organizer organiser constituent archbishop critic "
    "bishop dealer trader broker banker investor diplomat insider".split()
)
# Jobs on the arts and technology pages, cut from a name ("Singer Alex Kapranos") and never
# a body's initials ("the DJ"); unlike the posts above, "the actress" is no new person in
# view: reporters use these words for the person the article is about.
TRADES = frozenset(
    "singer actor actress star rapper comedian presenter musician guitarist drummer bassist "
    "frontman vocalist film-maker filmmaker novelist playwright composer designer developer "
    "researcher scientist engineer programmer artist photographer dancer dj broadcaster".split()
)

# Posts one person holds at a time: "the chancellor" right after the article's lead names
# Gordon Brown is Brown. A spokesman, an analyst or an official is someone new instead.
POSTS = frozenset(
    "chancellor minister secretary president leader chairman chairwoman chair governor "
    "mayor premier commissioner director boss head founder executive".split()
)

# Heads of the descriptions reporters use for a politician already named: "the Tory
# spokesman", "the Salford MP" (only with a party or place before them).
EPITHET_HEADS = frozenset("spokesman spokeswoman spokesperson mp mep msp am mla peer".split())

# Words that stand for a post, whether as a noun ("the chancellor") or a title ("Gov.").
POST_WORDS = PERSON_NOUNS | TITLE_WORDS | TRADES

# Modifiers that make a different post of a role: the shadow chancellor is not the chancellor.
ROLE_CHANGERS = frozenset(
    "shadow former ex deputy vice acting assistant junior opposition interim "
    "outgoing incoming future then late".split()
)

GENDERED_ROLES = {
    "spokeswoman": "f", "chairwoman": "f", "businesswoman": "f", "baroness": "f",
    "spokesman": "m", "chairman": "m", "businessman": "m", "lord": "m",
    # "Attallah Shabazz, the daughter of activist Malcolm X"
    "daughter": "f", "mother": "f", "wife": "f", "sister": "f", "widow": "f", "actress": "f",
    "son": "m", "father": "m", "husband": "m", "brother": "m", "widower": "m",
}  # fmt: skip
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Given names that say a gender in English-language news. Only names nearly always given
# to one: "Hilary" (Hilary Benn, Hillary Clinton), "Jean", "Sam", "Kim" or "Lee" are left
# out, so that an unknown gender, not a wrong one, is what a rarer name gets.
_MALE_NAMES = (
    "aaron adam adrian alan alastair albert alex alexander alfred alistair andrew andy angus "
    "anthony antony archie arthur barry ben benjamin bernard bill billy bob boris brendan "
    "brian bruce carl carlos charles charlie chris christopher clive colin craig damian "
    "daniel darren dave david dennis derek desmond dick dominic don donald doug douglas "
    "duncan ed eddie edward eric ernest frank fred frederick gareth gary gavin geoff "
    "geoffrey george gerald gerhard gerry gordon graham greg gregory gus harold harry "
    "helmut henry howard hugh iain ian igor jack jacques jake james jason jeff jeffrey "
    "jeremy jim jimmy joe john johnny jon jonathan jose joseph juan keith ken kenneth "
    "kevin larry len leonard liam luis malcolm mark martin matthew michael mick mike "
    "mikhail neil nicholas nick nicolas nigel norman oliver owen patrick paul peter "
    "phil philip pierre ralph raymond richard rob robert roger ronald roy russell ryan "
    "scott sean sergei silvio simon stephen steve steven stuart ted terry thomas tim "
    "timothy tom tony trevor vince vincent vladimir walter wayne william wolfgang"
)
_FEMALE_NAMES = (
    "alice alison amanda amy andrea angela ann anna anne barbara beverley brenda camilla "
    "carol caroline catherine cherie christine claire clare condoleezza deborah debbie "
    "diana diane dorothy elaine eleanor elizabeth ellen emily emma estelle fiona frances "
    "gillian glenda hazel heather helen irene jacqueline jacqui jane janet janice jennifer "
    "jenny jessica jill joan joanna josephine judith judy julia julie karen kate katherine "
    "kathleen kathryn laura linda lisa louise lucy lynne margaret maria marie marion mary "
    "maureen melanie michelle monica nancy natalie nicola oona patricia paula pauline "
    "rachel rebecca rosemary ruth sally sandra sarah sharon shirley sophie stephanie sue "
    "susan teresa tessa theresa valerie victoria wendy yvonne"
)
GIVEN_NAME_GENDER: dict[str, str] = {
    **{n: "m" for n in _MALE_NAMES.split()},
    **{n: "f" for n in _FEMALE_NAMES.split()},
}
# Letters after a name that are honours or seats, not part of it ("Ken Macdonald QC").
POSTNOMINALS = frozenset("qc kc mp mep msp am mla td obe mbe cbe kbe frs".split())
# Party and camp words the model folds into a name ("fellow Tory David Heathcoat-Amory").
AFFILIATIONS = frozenset(
    "tory tories labour conservative liberal democrat democratic republican ukip snp lib dem "
    "green independent unionist fellow".split()
)
# Words that make a capitalised pair a body's name, not a person's ("Companies House").
BODY_WORDS = frozenset(
    "house street bank group council party office committee union association company firm "
    "news times post agency ministry department board fund court trust university college "
    "school club league service services airlines airways motors capital partners "
    "securities international industries holdings foundation institute commission "
    # newspapers and broadcasters: "London's Evening Standard quoted Mr Clarke"
    "standard telegraph guardian mail express mirror herald journal gazette tribune "
    "chronicle observer independent record evening daily sunday weekly radio tv".split()
)
# Nouns that stand for an organisation already named: "the firm said", "the club said".
BODY_NOUNS = frozenset(
    "company firm group bank airline carrier club retailer carmaker maker giant operator "
    "insurer lender chain brewer supermarket broadcaster manufacturer producer "
    "organisation organization regulator watchdog agency studio label band charity".split()
)
# Nouns for a work, before its title: "Arnold's gritty drama Wasp", "the album Hopes".
WORK_NOUNS = frozenset(
    "film movie drama comedy documentary thriller musical play show series sitcom soap "
    "album single song track record novel book game title".split()
)
# Documents that speak for whoever wrote them: "the ADB report said", "its statement said".
DOCUMENT_NOUNS = frozenset("report statement letter study survey document memo".split())
# Job words a sentence may open with before a name, which the model folds into it
# ("Farmer Geoff Brooks told BBC News").
OCCUPATIONS = frozenset(
    "farmer nurse teacher doctor pensioner student businessman businesswoman worker "
    "campaigner shopkeeper landlord publican fisherman miner driver soldier pilot "
    "councillor vicar priest mother father widow grandmother grandfather".split()
)
# Capitalised words the small model takes for people that never speak as one.
NOT_NAMES = frozenset("twitter facebook instagram youtube reddit tiktok snapchat".split())
# A subject opening with these denies the speech: "Neither Cruz nor Rubio acknowledged".
NEGATING = frozenset("neither no nor not".split())
# Subjects that are never a named speaker, and never resolved to one.
NOT_SPEAKERS = frozenset("i we they it you this that who which these those one".split())

# Verbs that report speech ("said", "warned"): their subject is who spoke.
SPEECH_LEMMAS = frozenset(
    "say tell add note urge insist accuse state write claim argue warn explain ask reply "
    "declare announce agree stress emphasise emphasize continue tweet post comment suggest "
    "acknowledge admit remark conclude describe call respond confirm deny predict recall "
    "caution maintain observe report testify vow promise define dub brand label hail quip "
    "joke complain concede boast lament charge allege contend assert counter scoff retort "
    "exclaim shout chant yell whisper wonder muse proclaim reiterate repeat recount tout "
    "pledge decry deride blast slam mock blame praise thank criticize criticise dismiss "
    "interject opine elaborate confide reveal".split()
)
# Verbs of a view held, whose clause a bare quotation right after goes on with: "Arnold
# firmly believes that ... \"You're left more to your own devices ...\"".
STANCE_LEMMAS = frozenset("believe think feel accept hope fear reckon doubt worry".split())
# Nouns that introduce someone's words: 'a call for him to "pause for thought" from X'.
SPEECH_NOUNS = frozenset(
    "call warning demand plea appeal claim pledge promise criticism request urging "
    "challenge invitation suggestion proposal".split()
)
# Nouns whose words are others' when a sentence quotes them: 'the cries of "..."'.
OTHERS_WORDS = frozenset("cry shout chant slogan accusation charge".split())
# Nouns for a view someone gives: "One dissenting opinion came from Brian Gammage".
VIEW_NOUNS = SPEECH_NOUNS | frozenset(
    "opinion view comment response reaction support praise objection verdict voice".split()
)
# Verbs whose object, not their subject, speaks: "the newspaper quotes a source close to it".
QUOTING = frozenset({"quote"})
# Reporting verbs whose object is the one spoken to: "telling him to 'hit our books'".
TELLING = frozenset("tell ask urge order instruct advise inform remind".split())
# Verbs whose object is shown speaking: "The documentary showed Mr Nattrass telling ...".
PERCEIVING = frozenset("show hear see catch film record overhear".split()) | QUOTING
# Reporting verbs that put their speaker after them: '"...," added the foreign secretary'.
INVERTING = frozenset(
    "say add note continue explain write recall insist reply respond declare state warn "
    "argue observe remark conclude ask agree tweet post muse quip joke counter retort "
    "exclaim shout concede admit complain boast scoff interject opine elaborate confide "
    "acknowledge confirm predict suggest caution maintain recount reiterate comment reveal".split()
)
# The reporting verbs whose subject teaches the people index who was speaking.
CORE_SPEECH = frozenset("say tell add note argue warn explain insist claim".split())
