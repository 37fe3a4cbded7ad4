"""A time expression makes a timeline entry only where the sentence's event takes place."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlp.annotate import annotate
from bot.nlp.attachment import STRATEGIES
from bot.nlp.dates import attachments, date_entities, sentence_timexes
from bot.records import SourceText


def _events(nlp, text, published=None):
    source = SourceText("k", "p", text, "title", "hash", published)
    return list(annotate(nlp(source.text), source).events)


def _placed(nlp, text):
    return [(e.expression, e.status) for e in _events(nlp, text)]


def _verdicts(nlp, text):
    doc = nlp(text)
    found = sentence_timexes(doc, 0, text, None, date_entities(doc))
    placed = [t for t in found if t.date is not None]
    return {
        t.expression: (v.role, v.rule) if v else None
        for t, v in zip(placed, attachments(doc, 0, len(text), placed), strict=True)
    }


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment rose to 5.1%, up from 4.7% in 2003.",
        "Sales were 10% higher than in 2002.",
        "Profits rose to £5m, compared with £3m in 2003.",
        "Profits rose 12% on 2003.",
        "The carmaker saw profits fall to 785m euros from 2.4bn euros in 2003.",
        "Some delegates even spoke of the next election being like 1970.",
        "Sales dropped by nearly a quarter from the same period in 2003.",
        "The price of crude is still up about 30% on the start of 2004.",
        "He contrasted his approach with Mr Brown's pledge in 2001 not to raise income tax.",
    ],
)
def test_a_comparison_baseline_is_no_entry(nlp, text):
    assert _events(nlp, text) == []
    assert [role for role, _ in _verdicts(nlp, text).values()] == ["baseline"]


def test_drawing_parallels_with_a_decade_is_a_comparison_not_an_event_then(nlp):
    text = "Sir Iain Duncan Smith drew parallels with the appeasement policy in the 1930s."
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text) == {"the 1930s": ("baseline", "likened")}


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Exports have fallen since 2001.", "since"),
        ("The speculation is about a relationship which dates back to 1970.", "dates-back"),
        ("He represented Bristol East from 1983 to 1992.", "from-to"),
        ("We told shareholders that costs of the project up to 2010 could rise.", "until"),
        ("Exports have risen since the start of 2004.", "since"),
    ],
)
def test_the_start_of_a_period_is_no_entry(nlp, text, rule):
    assert _events(nlp, text) == []
    assert ("period", rule) in _verdicts(nlp, text).values()


@pytest.mark.parametrize(
    "text, year",
    [
        ("The firm published its 2004 results on Tuesday.", "2004"),
        ("London launched the 2012 bid with a film.", "2012"),
        ("The committee issued a report in response to the integrated review of 2021.", "2021"),
    ],
)
def test_a_year_that_only_says_which_thing_is_meant_is_no_entry(nlp, text, year):
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text)[year][0] == "qualifier"


def test_a_past_date_in_a_relative_clause_of_a_sentence_about_today_is_no_entry(nlp):
    text = "The firm, which was founded in 1990, says profits are rising."
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text) == {"1990": ("qualifier", "relative-clause")}


def test_a_plan_in_a_clause_of_a_noun_is_still_an_entry(nlp):
    text = "The firm has refused to comment on reports it may be taken over early in 2005."
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("2005", "expected")]


@pytest.mark.parametrize(
    "text, expression",
    [
        ("But it emerged from Chapter 11 bankruptcy in March 2003.", "March 2003"),
        ("The economy cooled after growth of more than 10% in 2000.", "2000"),
        ("Forecasts said there would be a shortfall in the 2005 fiscal year.", "2005"),
        ("Profits rose 5% on 5 May 2004.", "5 May 2004"),
    ],
)
def test_a_number_that_is_no_figure_or_a_year_that_names_a_year_still_dates_the_event(
    nlp, text, expression
):
    assert [e.expression for e in _events(nlp, text)] == [expression]


def test_the_end_of_a_year_dates_the_verbs_event(nlp):
    text = "The lender said prices rose 15.1% over the whole of 2004."
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("2004", "reported")]


def test_the_same_date_in_the_main_clause_is_an_entry(nlp):
    events = _events(nlp, "The firm was founded in 1990.")
    assert [(e.expression, e.date, e.status) for e in events] == [
        ("1990", dt.date(1990, 1, 1), "reported")
    ]


@pytest.mark.parametrize(
    "text, time",
    [
        ("The documentary is being shown on BBC2 on Saturday at 2005 GMT.", "2005"),
        ("The prime minister is scheduled to start the meeting at 1830 GMT.", "1830"),
        ("The shop closes at 1900.", "1900"),
    ],
)
def test_a_clock_time_never_becomes_a_year(nlp, text, time):
    assert [e.expression for e in _events(nlp, text)] == []
    assert _verdicts(nlp, text)[time][0] == "clock-time"


def test_a_count_never_becomes_a_year(nlp):
    text = "The firm said it had made 2005 cars last year."
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text) == {"2005": ("quantity", "count")}


@pytest.mark.parametrize(
    "text",
    [
        "About 2000 people marched.",
        "The firm will cut some 2,000 jobs.",
        "Resolution 1441 was passed by the council.",
    ],
)
def test_numbers_spacy_does_not_read_as_dates_are_not_placed(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    "text, expression",
    [
        ("A vote is expected in May 2005.", "May 2005"),
        ("The board could decide in 2006.", "2006"),
        ("The government plans to hold a referendum in 2006.", "2006"),
        ("The home secretary said that by 2008 every visitor would be fingerprinted.", "2008"),
        ("The deal is expected to be completed in the first quarter of 2005.", "first quarter"),
        ("Ministers agreed to defer payments until the end of 2005.", "2005"),
    ],
)
def test_forecasts_and_plans_are_entries_marked_expected(nlp, text, expression):
    events = _events(nlp, text)
    assert [(e.expression[: len(expression)], e.status) for e in events] == [
        (expression, "expected")
    ]


def test_a_fiscal_year_written_as_two_years_is_one_entry(nlp):
    text = "In 2003/2004, 12.5% of searches were on Asian people."
    assert [e.expression for e in _events(nlp, text)] == ["2003"]


def test_a_date_after_publication_is_expected_and_one_before_is_reported(nlp):
    text = "Ministers met on Thursday. They will meet again on Friday."
    events = _events(nlp, text, dt.date(2023, 5, 6))
    assert [(e.expression, e.status) for e in events] == [
        ("on Thursday", "reported"), ("on Friday", "expected")
    ]  # fmt: skip


def test_every_rule_returns_its_verdict_under_its_own_name(nlp):
    names = {rule.__name__ for rule in STRATEGIES}
    assert len(names) == len(STRATEGIES)
    text = "Exports have fallen since 2001, up from 4.7% in 2003, at 1900 GMT."
    rules = {rule for _, rule in _verdicts(nlp, text).values()}
    assert rules <= {"since", "figure-from", "up-from", "clock-time"} and len(rules) == 3


@pytest.mark.parametrize(
    "text, year",
    [
        ("Marsh posted a $676m loss for the fourth quarter of 2004.", "2004"),
        ("Cadbury said it was confident it would hit its targets for 2005.", "2005"),
        ("Nortel has sharply revised downwards its profits for the 2003 fiscal year.", "2003"),
        ("Reuters also beat its savings target for 2004, delivering £234m of cuts.", "2004"),
    ],
)
def test_year_in_results_period_is_not_an_entry(nlp, text, year):
    assert _events(nlp, text) == []
    verdict = next(v for expression, v in _verdicts(nlp, text).items() if year in expression)
    assert verdict == ("qualifier", "results-period")


@pytest.mark.parametrize(
    "text, expression",
    [
        ("A further increase in the adult rate is provisionally scheduled for October 2006.",
         "October 2006"),
        ("The commission still forecasts growth of 4% for 2005.", "2005"),
        ("The deficit is expected to rise to about $150bn for 2004.", "2004"),
    ],
)  # fmt: skip
def test_a_plan_or_forecast_for_a_date_is_an_expected_entry(nlp, text, expression):
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [(expression, "expected")]


@pytest.mark.parametrize(
    "text",
    [
        "In 2003, shareholders did not get a dividend.",
        "The firm will not make a profit in 2006.",
        "There was no sign of a slowdown in 2005.",
    ],
)
def test_a_negated_event_is_no_entry(nlp, text):
    assert _events(nlp, text) == []
    assert list(_verdicts(nlp, text).values()) == [("no-event", "negated")]


def test_a_negated_verb_elsewhere_in_the_sentence_leaves_the_date_an_entry(nlp):
    text = "DaimlerChrysler decided in April 2004 not to pump in any more money."
    assert [e.expression for e in _events(nlp, text)] == ["April 2004"]


def test_an_equality_comparison_is_a_baseline_but_as_early_as_is_a_date(nlp):
    text = "US retail spending is expected to rise in 2005, but not as quickly as in 2004."
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("2005", "expected")]
    assert _verdicts(nlp, text)["2004"] == ("baseline", "as-as")
    early = "The plant could open as early as 2006."
    assert [(e.expression, e.status) for e in _events(nlp, early)] == [("2006", "expected")]


@pytest.mark.parametrize(
    "text, year",
    [
        ("But Ms James, who won the painting prize in 2003, said funding should be separate.",
         "2003"),
        ("The firm said 12 executives had agreed to repay bonuses awarded in 2003.", "2003"),
        ("Stop Stansted Expansion said the White Paper, published in December 2003, was flawed.",
         "December 2003"),
    ],
)  # fmt: skip
def test_a_year_in_a_relative_clause_of_a_past_report_is_background(nlp, text, year):
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text)[year] == ("qualifier", "relative-clause")


def test_a_plan_in_a_participle_clause_is_still_an_entry(nlp):
    text = "The law will change if there is a yes vote in the referendum, expected in 2006."
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("2006", "expected")]


def test_a_clause_on_the_noun_that_frames_the_event_dates_it(nlp):
    text = (
        "The book alleges that Mr Blair told the chancellor at a dinner hosted by John "
        "Prescott in November 2003 of his intention to stand down."
    )
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("November 2003", "reported")]


def test_since_an_event_named_by_a_noun_starts_a_period(nlp):
    text = "He has not been seen in the House of Lords since his release from prison in July 2003."
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text)["July 2003"] == ("period", "since")


def test_a_since_clause_with_its_own_verb_is_an_event_at_its_date(nlp):
    text = "Cleverly is the first official to visit China since Hunt travelled to Beijing in 2018."
    assert [e.expression for e in _events(nlp, text)] == ["2018"]


@pytest.mark.parametrize(
    "text, expression, status",
    [
        ("The book said Tony Blair felt by November 2003 he had lost voters' trust.",
         "November 2003", "reported"),
        ("A decision on the new model is due in the first half of 2005.", "2005", "expected"),
        ("Ministers said that by 2008 every visitor would be fingerprinted.", "2008", "expected"),
    ],
)  # fmt: skip
def test_a_target_date_already_passed_is_reported_and_a_due_one_expected(
    nlp, text, expression, status
):
    events = _events(nlp, text)
    assert [(e.expression[-len(expression) :], e.status) for e in events] == [(expression, status)]


@pytest.mark.parametrize(
    "text, expression",
    [
        ("The price of crude is about 50% higher than it was at the start of 2004.", "2004"),
        ("He said Mr Blair has the same passion for the job as when Labour came to power in 1997.",
         "1997"),
    ],
)  # fmt: skip
def test_a_clause_set_up_for_a_comparison_is_a_baseline(nlp, text, expression):
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text)[expression] == ("baseline", "than-clause")


def test_a_clause_giving_a_reason_still_dates_its_event(nlp):
    text = "The firm cut jobs as sales fell in 2004."
    assert [e.expression for e in _events(nlp, text)] == ["2004"]


def test_a_target_year_misread_as_a_passive_agent_is_still_a_target(nlp):
    text = (
        "The office estimates that the shortfall could shrink by 2009, returning to the "
        "surpluses seen in the late 1990s by 2012."
    )
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [
        ("2009", "expected"), ("2012", "expected")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text, expression",
    [
        ("Its estimates assume the tax cuts would sunset, or disappear, in 2010.", "2010"),
        ("Unilever is to merge its two management boards in 2005.", "2005"),
        ('"Sales keep rising and I expect that to be the case in 2005," he said.', "2005"),
    ],
)
def test_a_plan_told_by_the_verb_above_or_by_is_to_is_expected(nlp, text, expression):
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [(expression, "expected")]


def test_a_past_verb_joined_to_a_future_one_keeps_its_own_status(nlp):
    text = "The firm closed a plant in 2004 and will open another in 2006."
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [
        ("2004", "reported"), ("2006", "expected")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text, expression",
    [
        ("The most high-profile case involved the ex-president of Bank of China, Wang Xuebing, "
         "jailed for 12 years in 2003.", "2003"),
        ("Elected in a safe Labour seat in 2001 his previous job was school standards minister - "
         "a role he won in May 2002.", "May 2002"),
        ("It was a commitment to public service that brought Jim Callaghan into Parliament in "
         "1945.", "1945"),
    ],
)  # fmt: skip
def test_a_past_participle_with_its_own_year_on_what_the_sentence_presents_is_an_entry(
    nlp, text, expression
):
    # A past "be" or "involve" presents its complement: a clause on it is the sentence's news,
    # not background on someone who is doing something else (Ms James, who won ..., said).
    assert (expression, "reported") in [(e.expression, e.status) for e in _events(nlp, text)]
    assert _verdicts(nlp, text)[expression] == ("event", "verb")


def test_a_clause_on_what_a_present_sentence_presents_is_still_background(nlp):
    text = "Tate & Lyle is a firm which was founded in 1921 by two sugar refiners."
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "For the whole of 2004, GM earned $3.7bn, down from $3.8bn in 2003.",
        "For 2004 as a whole, eBay earned $778.2m on sales of $3.27bn.",
        "For all of 2004, US exports rose 12.3% to $1.15 trillion.",
    ],
)
def test_a_for_phrase_opening_a_past_clause_dates_its_event(nlp, text):
    # "For the whole of 2004, GM earned" is "In 2004, GM earned": the period its event took.
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("2004", "reported")]


@pytest.mark.parametrize(
    "text",
    [
        "Pre-tax profit for 2004 was £15.4m.",
        "For 2004 as a whole, growth was 3.1%.",
        "Ericsson returned a net profit of 19bn kronor for 2004.",
    ],
)
def test_a_figure_for_a_period_is_still_no_entry(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "For the year ended Sept. 30, Ralston earned $422.5 million, or $6.44 a share.",
        "For the year ended July 2, Rally had net income of $2.4 million.",
    ],
)
def test_the_end_of_a_period_a_for_phrase_opens_is_no_entry(nlp, text):
    assert _events(nlp, text) == []


def test_a_for_phrase_inside_the_sentence_is_no_period_of_the_main_event(nlp):
    text = (
        "When asked if he was being controlled even though he has been in Bethesda for the "
        "whole of 2004, she frowned."
    )
    assert _events(nlp, text) == []


def test_a_target_named_as_a_noun_qualifies_its_year(nlp):
    text = "The government is reiterating a 2.5% target for 2005."
    assert _events(nlp, text) == []
    assert _verdicts(nlp, text) == {"2005": ("qualifier", "results-period")}


@pytest.mark.parametrize(
    "text",
    [
        "Fosters bought the stake from the Oatleys, who founded the label and sold it to "
        "Southcorp in 2001.",
        "Jobs will also be lost in the US - which accounted for 46% of profit in the first half "
        "of 2004 - and across its operations in Asia.",
    ],
)
def test_a_relative_clause_however_parsed_is_background(nlp, text):
    assert _events(nlp, text) == []


def test_a_second_verb_of_the_main_clause_still_dates_its_event(nlp):
    text = "He founded the firm in 1990 and sold it in 2001."
    assert [e.expression for e in _events(nlp, text)] == ["1990", "2001"]


def test_a_present_clause_saying_which_thing_is_no_entry_but_a_plan_set_off_by_commas_is(nlp):
    text = (
        "The government will ask firms to roll over loans that come due in the first half of 2005."
    )
    assert _events(nlp, text) == []
    text = "The vote, which is due in May 2005, will decide the matter."
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("May 2005", "expected")]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("In contrast, oil revenues were expected to fall to $14.1bn from $16bn in the year to "
         "March 2005.", "until"),
        ("Companies reported they expect to invest 7.7% more in the year to March 2005 than the "
         "previous year.", "until"),
        ("Mitsubishi Motors has forecast a net loss in its financial year to March 2005.", "until"),
        ("The auditor recommended suspending debt repayments until at least the 2006-2007 "
         "fiscal year.", "until"),
    ],
)  # fmt: skip
def test_the_end_of_a_span_and_an_open_ended_put_off_are_a_period(nlp, text, rule):
    assert _events(nlp, text) == []
    assert {v[1] for v in _verdicts(nlp, text).values()} == {rule}


def test_the_start_of_a_year_is_no_span(nlp):
    text = "The group is anticipating a quiet start to 2005."
    assert [e.expression for e in _events(nlp, text)] == ["2005"]


def test_a_campaign_the_main_event_happens_during_dates_it(nlp):
    text = "John Major reaped the benefits of street campaigning during the 1992 election campaign."
    assert [(e.expression, e.status) for e in _events(nlp, text)] == [("1992", "reported")]
    text = (
        "Boeing was sued by Lockheed Martin after its rival accused it of industrial espionage "
        "during a 1998 contract competition."
    )
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("It said the government might narrowly miss its golden rule if the current economic "
         "cycle ended in 2005/06.", ("no-event", "condition")),
        ("The committee launched its inquiry after it became clear that, despite the "
         "introduction of a simpler system for new cases in 2003, a backlog was building up.",
         ("qualifier", "concession")),
        ("Mr Straw used the debate to launch the new White Paper on the prospects for the EU in "
         "2005.", ("qualifier", "outlook")),
    ],
)  # fmt: skip
def test_what_a_sentence_supposes_grants_or_looks_out_on_is_no_entry(nlp, text, verdict):
    assert _events(nlp, text) == []
    assert list(_verdicts(nlp, text).values()) == [verdict]


@pytest.mark.parametrize(
    "text",
    [
        "This comes despite a report which said that the economy shed 663,000 jobs in March 2009.",
        "Despite struggling since it was opened in 1992, EuroDisney has made progress.",
    ],
)
def test_a_clause_of_its_own_under_despite_still_dates_its_event(nlp, text):
    assert len(_events(nlp, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "For the Liberal Democrats, 2005 offers the chance for an historic breakthrough.",
        "The commission said 2005 should be the target year for the pair.",
    ],
)
def test_a_year_that_is_the_subject_of_a_present_or_modal_verb_is_no_entry(nlp, text):
    assert _verdicts(nlp, text)["2005"] == ("no-event", "year-as-subject")


def test_a_year_that_is_the_subject_of_a_past_verb_still_dates_it(nlp):
    verdicts = _verdicts(nlp, "Analysts said 2004 was the best year for retailers since 1999.")
    assert verdicts["2004"] != ("no-event", "year-as-subject")


def test_the_last_three_months_of_a_year_are_its_fourth_quarter(nlp):
    events = _events(nlp, "Sales fell 3% in the last three months of 2004, the firm said.")
    assert [(e.date, e.precision) for e in events] == [(dt.date(2004, 10, 1), "quarter")]


@pytest.mark.parametrize(
    "text, year",
    [
        ("Fiat owns a 56% stake in Ferrari, having first bought into it in 1969.", "1969"),
        ("The group has been keen to buy more assets, having bought Amey in 2003.", "2003"),
    ],
)
def test_what_led_to_a_sentence_about_today_is_no_entry(nlp, text, year):
    assert _verdicts(nlp, text)[year] == ("qualifier", "having-done")


def test_a_perfect_participle_in_a_past_sentence_still_dates_its_event(nlp):
    verdicts = _verdicts(nlp, "Having bought Amey in 2003, the group sold it in 2004.")
    assert verdicts["2003"] != ("qualifier", "having-done")


def test_the_end_of_a_range_is_no_entry_however_it_is_parsed(nlp):
    verdicts = _verdicts(
        nlp,
        "Boeing reported orders for 30 jets scheduled for delivery from December 2004 to "
        "April 2005.",
    )
    assert verdicts["April 2005"][0] == "period"


def test_a_performance_comparable_with_a_year_is_a_baseline(nlp):
    verdicts = _verdicts(nlp, "The firm showed a performance comparable with 2003.")
    assert verdicts["2003"][0] == "baseline"


def test_extending_something_until_a_date_ends_a_period(nlp):
    verdicts = _verdicts(nlp, "Banks agreed to extend its credit facilities until March 2006.")
    assert verdicts["March 2006"][0] == "period"


@pytest.mark.parametrize(
    "text, expression",
    [
        ("We look forward to receiving approval in the early part of 2005.", "2005"),
        ("The prime minister wanted to make progress on Africa in 2005.", "2005"),
    ],
)
def test_what_someone_wants_or_looks_forward_to_is_expected(nlp, text, expression):
    events = _events(nlp, text)
    assert [e.status for e in events if expression in e.expression] == ["expected"]


@pytest.mark.parametrize(
    "text, year",
    [
        ("Lord Widgery chaired the 1972 tribunal into the shootings.", "1972"),
        ("The Liberal Democrats came second in the 2001 election in Rochdale.", "2001"),
    ],
)
def test_an_occasion_a_year_names_frames_the_event_of_its_verb(nlp, text, year):
    assert _verdicts(nlp, text)[year][0] == "event"


def test_a_year_naming_a_thing_that_is_no_occasion_is_still_a_qualifier(nlp):
    assert (
        _verdicts(nlp, "The firm published its 2004 results on Monday.")["2004"][0] == "qualifier"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Its adverts outlined the group's plans to create more than 10,000 US jobs in 2005.",
        "Due to enter service in 2006, the A380 will replace the Boeing 747.",
        '"Conditions are likely to remain unfavourable in 2005," the ministry said.',
        "Looking ahead, the group is anticipating a quiet start to 2005.",
    ],
)
def test_plans_likelihoods_and_anticipations_are_expected(nlp, text):
    assert [e.status for e in _events(nlp, text)] == ["expected"]


def test_commitments_beyond_a_year_are_no_entry(nlp):
    verdicts = _verdicts(nlp, "Senator Kent Conrad said it meant huge commitments beyond 2009.")
    assert verdicts["2009"][0] == "period"


@pytest.mark.parametrize(
    "text",
    [
        "The Academy was set up in 1927 as a non-profit organisation.",
        "The ceremony was postponed for two days in 1968 as a mark of respect.",
        "In 1983 we were forecasting that the total market would be two million people.",
    ],
)
def test_a_planning_verb_done_at_the_date_is_a_reported_act(nlp, text):
    assert [e.status for e in _events(nlp, text)] == ["reported"]


def test_a_date_a_postponement_points_to_is_still_expected(nlp):
    assert [e.status for e in _events(nlp, "The vote was postponed until May 2005.")] == [
        "expected"
    ]


def test_a_year_alone_in_brackets_after_a_title_is_only_a_label(nlp):
    text = "Overlooked actors included Al Jolson in the Jazz Singer (1927) and Humphrey Bogart."
    assert _verdicts(nlp, text)["1927"] == ("qualifier", "bracketed-label")
    assert _events(nlp, text) == []


def test_a_year_after_during_is_a_time_not_a_count_of_what_follows(nlp):
    text = "During 2004 blogs have become hugely popular."
    assert _placed(nlp, text) == [("2004", "reported")]


def test_the_last_week_of_a_month_dates_the_verbs_event(nlp):
    text = "The last week of December 2004 saw download sales of 312,000."
    assert [(e.expression, e.precision) for e in _events(nlp, text)] == [("December 2004", "month")]


def test_a_year_right_after_a_common_noun_is_part_of_a_name(nlp):
    text = "Its stand has computers running Windows XP Media Centre edition 2005 for people."
    assert _verdicts(nlp, text)["2005"] == ("qualifier", "name-label")


def test_a_year_in_a_list_of_versions_is_no_date(nlp):
    assert _events(nlp, "The virus can strike computers running Windows 95, 98, ME, 2000.") == []


def test_a_number_list_of_scores_does_not_hide_a_later_year(nlp):
    events = _events(nlp, "Scores rose 45, 47, and 52 points in 2004.")
    assert [e.expression for e in events] == ["2004"]


def test_when_a_story_is_set_is_no_event(nlp):
    text = "This title, incidentally, is set in 1992, but that is neither here nor there."
    assert _verdicts(nlp, text)["1992"] == ("qualifier", "setting")


def test_a_year_that_will_see_something_is_when_it_happens(nlp):
    text = "But 2005 could see another big innovation in mobile phones."
    assert _placed(nlp, text) == [("2005", "expected")]


def test_an_award_ceremony_year_frames_what_was_won_there(nlp):
    text = "They won best pop act at the 2004 Brit Awards and were nominated for best group."
    assert _placed(nlp, text) == [("2004", "reported")]


def test_a_forecast_carried_by_a_gerund_is_expected(nlp):
    text = "Good design could go some way to pushing up sales in 2005, said analysts."
    assert _placed(nlp, text) == [("2005", "expected")]


@pytest.mark.parametrize(
    "text",
    [
        "They are now held at the Kodak Theatre, which opened in 2002 across the road.",
        "Apple, which opened its store in 2003 after launching the iPod in 2001, uses "
        "technology to lock songs to the iPod.",
    ],
)
def test_history_in_a_relative_clause_of_a_sentence_about_today_is_background(nlp, text):
    assert _events(nlp, text) == []


def test_the_date_a_figure_rises_to_is_an_event_not_a_baseline(nlp):
    text = "Hard drives in gadgets could grow from 17 million last year to 55 million in 2006."
    assert _placed(nlp, text) == [("2006", "expected")]


def test_the_date_a_figure_fell_from_is_still_a_baseline(nlp):
    assert _events(nlp, "Exports rose to $5bn from $3.2bn in 2003.") == []


def test_a_date_in_comparison_with_is_a_baseline(nlp):
    text = "The channel's share fell to 9.6% in March in comparison with January 2004."
    assert _verdicts(nlp, text)["January 2004"] == ("baseline", "compared")


def test_a_gerund_under_despite_dates_the_subjects_own_act(nlp):
    text = "Despite starring in five films in 2004, Depardieu made 3.35m euros."
    assert _placed(nlp, text) == [("2004", "reported")]


def test_what_a_prediction_put_by_a_year_is_still_expected(nlp):
    text = "A previous prediction from analysts Datamonitor put the figure at 4.6 million by 2008."
    assert _placed(nlp, text) == [("2008", "expected")]


def test_what_a_firm_had_done_by_a_year_is_reported(nlp):
    text = "The firm had saved £100m by 2004."
    assert _placed(nlp, text) == [("2004", "reported")]
