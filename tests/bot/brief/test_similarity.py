from __future__ import annotations

from bot.brief.similarity import fingerprint, same_fact


def test_paraphrases_of_one_fact_from_two_outlets_are_the_same_fact():
    a = fingerprint(
        "It is the first visit to China by a UK foreign secretary in more than five years.",
        ["first", "visit", "china", "uk", "foreign", "secretary", "year"],
    )
    b = fingerprint(
        "Cleverly is the first senior UK official to visit China since Jeremy Hunt travelled "
        "to Beijing as foreign secretary in 2018.",
        ["cleverly", "first", "senior", "uk", "official", "visit", "china", "jeremy", "hunt",
         "travel", "beijing", "foreign", "secretary", "2018"],
    )  # fmt: skip
    assert same_fact(a, b)


def test_the_same_words_with_another_place_and_day_are_two_facts():
    terms = ["cleverly", "meet", "han", "zheng"]
    a = fingerprint(
        "Cleverly met Han Zheng in Beijing on Wednesday.", [*terms, "beijing", "wednesday"]
    )
    b = fingerprint("Cleverly met Han Zheng in London on Thursday.", [*terms, "london", "thursday"])
    assert not same_fact(a, b)


def test_different_numbers_are_different_facts():
    a = fingerprint("Trade between the two countries passed 100 billion dollars in 2022.")
    b = fingerprint("Trade between the two countries passed 80 billion dollars in 2021.")
    assert not same_fact(a, b)
