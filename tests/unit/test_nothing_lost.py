"""Nothing lost: every problem of every row, and no answer that checked nothing.

Regression tests: ``screen(..., checks=[])`` returned ELIGIBLE having checked nothing; the
problems of other rows were hidden once one row failed to structure; ``screen_many`` raised
for its first bad row only, and a row that was not a Candidate crashed it. (Duplicate JSON keys
are in test_json_limits.py, duplicate names in ``Tally.from_counts`` in
test_counts_that_cannot_be.py.)
"""

from __future__ import annotations

from typing import Any

import pytest

from huanjie_rules import (
    InvalidDataError,
    RowsError,
    RuleInputError,
    ScreenError,
    load_policy,
    screen,
    screen_many,
)
from huanjie_rules.io import from_dict, to_dict
from huanjie_rules.model import Election, Office
from huanjie_rules.testing.votes import make_election

D = Office.NPC_DEPUTY


@pytest.fixture
def npc() -> tuple[Election, Any]:
    e = make_election("npc-2020", seats={D: 1}, candidates={D: ["甲", "乙", "丙"]}, entitled=100)
    return e, load_policy("npc-2020")


def test_an_empty_choice_of_checks_is_refused(npc: tuple[Election, Any]) -> None:
    e, policy = npc
    with pytest.raises(RuleInputError) as info:
        screen(e.candidates[0], e, policy, checks=[])
    assert (info.value.code, info.value.path) == ("EMPTY", "checks")
    with pytest.raises(RuleInputError) as info:
        screen_many(None, e, policy, checks=())
    assert info.value.code == "EMPTY"


def test_a_check_asked_for_twice_is_refused(npc: tuple[Election, Any]) -> None:
    e, policy = npc
    with pytest.raises(RuleInputError) as info:
        screen(e.candidates[0], e, policy, checks=["age", "age"])
    assert (info.value.code, info.value.path) == ("DUPLICATE", "checks[1]")


def test_screen_many_raises_naming_every_bad_row(npc: tuple[Election, Any]) -> None:
    e, policy = npc
    c = e.candidates
    stray = type(c[0])(person=c[0].person, key="丁", office=Office.GOVERNMENT_HEAD)
    with pytest.raises(RowsError) as info:
        screen_many([c[0], stray, "not a candidate", c[0]], e, policy)  # type: ignore[list-item]
    err = info.value
    assert [(p.code, p.path) for p in err.problems] == [
        ("UNKNOWN_OFFICE", "candidates[1].office"),
        ("TYPE", "candidates[2]"),
        ("DUPLICATE_KEY", "candidates[3].key"),
    ]
    assert (err.code, err.path) == ("UNKNOWN_OFFICE", "candidates[1].office")
    assert isinstance(err, RuleInputError)


def test_screen_many_reports_a_row_of_another_type_in_place(npc: tuple[Election, Any]) -> None:
    e, policy = npc
    rows = screen_many([e.candidates[0], 42, e.candidates[1]], e, policy, on_error="report")  # type: ignore[call-overload]
    assert [type(r).__name__ for r in rows] == ["Eligibility", "ScreenError", "Eligibility"]
    bad = rows[1]
    assert isinstance(bad, ScreenError)
    assert (bad.index, bad.code, bad.path, bad.subject) == (1, "TYPE", "candidates[1]", "")


def test_a_generator_of_rows_is_screened_once(npc: tuple[Election, Any]) -> None:
    e, policy = npc
    rows = screen_many((c for c in e.candidates), e, policy)
    assert [r.subject for r in rows] == ["甲", "乙", "丙"]


def test_one_bad_row_hides_nothing_about_the_others(npc: tuple[Election, Any]) -> None:
    e, _ = npc
    data = to_dict(e)
    data["candidates"][0]["person"]["gender"] = "X"  # fails to structure
    data["candidates"][2]["person"]["birth_date"] = "2030-01-01"  # the election's own rule
    data["candidates"][1]["key"] = "丙"  # a duplicate key, found by the election's rule
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Election)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("UNKNOWN_LABEL", "candidates[0].person.gender"),
        ("DATE_ORDER", "candidates[2].person.birth_date"),
        ("DUPLICATE", "candidates[2].key"),
    ]


def test_every_bad_row_of_a_list_is_reported(npc: tuple[Election, Any]) -> None:
    e, _ = npc
    data = to_dict(e)
    for i in (0, 2):
        data["candidates"][i]["office"] = "NOT_AN_OFFICE"
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Election)
    assert [p.path for p in info.value.problems] == [
        "candidates[0].office",
        "candidates[2].office",
    ]
