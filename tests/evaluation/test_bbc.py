"""The BBC quote scorer judges two renderings of one name as one person, and no more."""

from __future__ import annotations

import pytest

from evaluation.bbc import same_person


@pytest.mark.parametrize(
    "want, got",
    [
        ("Michael Howard", "Howard"),
        ("Goldman Sachs", "Goldman"),
        ("Confederation of British Industry", "CBI"),
        ("Standard Trust Bank", "Standard Trust"),
        ("JP Morgan Chase", "JP Morgan"),
        ("Mark Ballard", "MSP Mark Ballard"),
    ],
)
def test_two_renderings_of_one_name_are_one_person(want, got):
    assert same_person(want, got)


@pytest.mark.parametrize(
    "want, got",
    [
        ("Gordon", "Gordon Brown"),
        ("Michael Howard", "Tony Blair"),
        ("Ed Balls", "Ed Davey"),
        ("Bank of England", "Bank of Scotland"),
    ],
)
def test_different_people_are_not_one(want, got):
    assert not same_person(want, got)
