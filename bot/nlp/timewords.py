"""Words and regular-expression pieces for time expressions: months, weekdays, numbers."""

from __future__ import annotations

from bot.nlp.calendar import Unit

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
MONTHS.update({name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, 1)})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): n for n, d in enumerate("Monday Tuesday Wednesday Thursday Friday".split())}
WEEKDAYS.update({"saturday": 5, "sunday": 6})
NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
NUMBERS.update({"a": 1, "an": 1, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
ORDINALS.update({"4th": 4, "final": 4, "last": 4})
TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
TENS.update({"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
TEENS = "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS.update({w: n for n, w in enumerate(TEENS, 11)})
UNITS_SPOKEN = {
    w: n for n, w in enumerate("one two three four five six seven eight nine".split(), 1)
}
# Broadcast transcripts spell years out: "nineteen ninety-six", "two thousand".
SPOKEN_YEAR = (
    r"(?P<spoken>nineteen\s+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)|two\s+thousand"
    r"(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine))?)"
)

# Month names are matched capitalised only: "may" the verb is not May the month.
MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
ORDINAL = r"(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)"
YEAR_ORDINAL = r"(?P<ordinal>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
NUMBER = r"(?P<number>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
NUMBER += r"|twenty|thirty|fifty|hundred)"
PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
UNITS: dict[str, Unit] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
}

# What a time expression is attached to (bot.nlp.attachment) is read from these words.
# After a four-digit number they make it a clock time: "on BBC2 at 2005 GMT".
CLOCK_AFTER = frozenset("gmt bst utc cet cest est edt pst pdt et hrs hours h local".split())
# Prepositions that set a date up as a baseline to compare with: "higher than in 2003".
COMPARING = frozenset(
    "than against versus vs vs. compared comparing comparable like unlike".split()
)
# Verbs, and nouns a verb takes, that compare with a date instead of reporting an event at it:
# "drew parallels with the appeasement policy ... in the 1930s", "likened it to 1997".
LIKENING = frozenset(
    "compare liken contrast parallel parallels comparison comparisons analogy analogies echo evoke "
    "resemble".split()
)
# Words of change before "from": "up from 5% in 2003" gives the figure's baseline.
CHANGE_WORDS = frozenset(
    "up down rise rose risen fall fell fallen increase increased decrease decreased climb "
    "climbed drop dropped jump jumped grow grew grown growth gain gained slip slipped "
    "decline declined".split()
)
# "not as quickly as in 2004", "the same as 2003": an equality comparison's baseline. After
# these words the second "as" names a point, not a baseline: "as early as 2005".
AS_POINT = frozenset("early soon late recently far long".split())
# Prepositions whose date bounds a period instead of placing an event: "has fallen since 2001".
PERIOD_START = frozenset({"since"})
PERIOD_END = frozenset("until till through".split())
# ... unless something is put off to the date: "deferred until the end of 2005" is a plan for it.
# ("extend its credit facilities until March 2006" is a period's end: what lasts until then)
PUTTING_OFF = frozenset("defer push postpone delay".split())
# A date only after or before which something happened: "After 1945 we yearned for peace".
PERIOD_BOUND = frozenset("before after beyond".split())
# Nouns for a part of a period: "the end of 2005" is still the verb's date, not a qualifier.
TIME_PARTS = frozenset(
    "end start beginning middle half part rest course whole bulk all most much months weeks "
    "days quarter quarters year period season spring summer autumn fall winter "
    "week day month".split()  # "during the last week of 2003"
)
# Verbs that present what their complement holds: "The case involved Wang Xuebing, jailed in
# 2003", "his previous job was minister - a role he won in May 2002". A clause on that
# complement is what the sentence tells, not background on someone doing something else.
PRESENTING = frozenset("be involve include concern feature".split())
# Laws and codes are named with a year: "the Asylum and Immigration Act 1999".
TITLED = frozenset("act bill code convention treaty".split())
# Words before a number that make it a count, not a year: "some 2000 jobs".
COUNTING = frozenset(
    "about around some nearly almost over under approximately roughly only just least "
    "than to".split()
)
# Nouns a number names or counts, never a year: "resolution 1441", "flight 2005".
NUMBERED = frozenset(
    "resolution model number no no. flight route version article section clause chapter "
    "page room windows office".split()
)
# Planning verbs that are also an act of their own, done at the date they are given in: "was
# set up in 1927", "postponed for two days in 1968".
ACTS = frozenset("postpone delay defer forecast predict propose promise vow set".split())
# Nouns for what someone expects: their figures "by 2008" are targets still ahead.
FORECAST_NOUNS = frozenset("prediction forecast projection estimate target plan".split())
# Planning words that make the event of a date a forecast: "a vote expected in May 2005".
EXPECTING = frozenset(
    "expect plan schedule set due intend aim prepare hope propose promise vow forecast want "
    "likely unlikely poised anticipate earmark "
    "predict project target slate postpone delay defer".split()
)
# Nouns for a goal: the year "for" them is the period the goal is for, not a plan's date.
GOALS = frozenset("target goal".split())
# Occasions a year names that frame what someone did there: "second place in the 2001
# election", "chaired the 1969 tribunal", "described themselves so in the 2001 Census".
OCCASIONS = frozenset(
    "election census tribunal summit olympics games referendum conference championship "
    "tournament inquiry awards ceremony festival".split()
)
# Words that open a condition or a concession: the date is of what is supposed or granted.
SUPPOSING = frozenset("if unless".split())
CONCEDING = frozenset("despite notwithstanding spite".split())
# Nouns for an outlook: "the prospects for the EU in 2005" is what it looks out on.
OUTLOOK = frozenset("outlook outlooks prospect prospects".split())
# Words that deny the event of the verb they hang on: "did not get a dividend in 2003", "no sign
# of a slowdown in 2005".
NEGATING = frozenset("not n't never no neither nor".split())
MODALS = frozenset("will 'll ’ll shall wo would could might may should must can".split())
