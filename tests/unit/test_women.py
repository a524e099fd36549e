"""Women's places: golden cases (tests/cases/women.toml), the 妇女委员 post through the count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import RuleInputError, load_policy
from huanjie_rules.model import (
    BodyKind,
    Candidate,
    Election,
    ElectionForm,
    Gender,
    Level,
    Office,
    Person,
    Regime,
    Seat,
)
from huanjie_rules.votes import Tally, Turnout, decide, next_paper, paper_for
from huanjie_rules.women import check_representative_assembly, check_womens_post

CASES = load_cases("women")
FUNCTIONS: dict[str, Any] = {
    "check_womens_post": (check_womens_post, {"seats": (Seat,), "candidates": (Candidate,)}),
    "check_representative_assembly": (check_representative_assembly, {}),
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    check(run(case, FUNCTIONS), case["expect"], case["id"])


def test_bad_input_is_refused() -> None:
    vc = load_policy("village-2018")
    with pytest.raises(RuleInputError):
        check_representative_assembly(
            members=10, representatives=11, women_representatives=0, policy=vc
        )
    with pytest.raises(RuleInputError):
        check_representative_assembly(
            members=10, representatives=8, women_representatives=9, policy=vc
        )
    with pytest.raises(RuleInputError):
        check_womens_post([], vc, women_elected=-1)


def _person(name: str, gender: Gender) -> Person:
    return Person(name=name, gender=gender, birth_date=dt.date(1980, 1, 1))


def test_the_womens_post_carries_into_the_second_election() -> None:
    # 浙江办法第二十一条、第二十九条: the first ballot lists the 妇女委员 post; no woman reaches a
    # majority, so the 另行选举 paper lists it again and the check finds it in order.
    zj = load_policy("zhejiang-village-2020")
    cands = [
        Candidate(person=_person("甲", Gender.MALE), office=Office.VILLAGE_DIRECTOR),
        Candidate(person=_person("乙", Gender.MALE), office=Office.VILLAGE_DIRECTOR),
        Candidate(person=_person("丙", Gender.FEMALE), office=Office.VILLAGE_WOMAN_MEMBER),
        Candidate(person=_person("丁", Gender.FEMALE), office=Office.VILLAGE_WOMAN_MEMBER),
    ]
    seats = [
        Seat(office=Office.VILLAGE_DIRECTOR, count=1),
        Seat(office=Office.VILLAGE_WOMAN_MEMBER, count=1),
    ]
    assert check_womens_post(seats, zj, candidates=cands).ok
    election = Election(
        key="z",
        regime=Regime.VILLAGE,
        policy_id=zj.id,
        body=BodyKind.VILLAGE_COMMITTEE,
        level=Level.VILLAGE,
        form=ElectionForm.VILLAGERS,
        date=dt.date(2021, 3, 1),
        seats=seats,
        entitled_voters=100,
        candidates=cands,
    )
    tally = Tally.from_counts(
        paper_for(election, zj),
        issued=80,
        returned=80,
        for_votes={
            (Office.VILLAGE_DIRECTOR, "甲"): 60,
            (Office.VILLAGE_DIRECTOR, "乙"): 20,
            (Office.VILLAGE_WOMAN_MEMBER, "丙"): 30,
            (Office.VILLAGE_WOMAN_MEMBER, "丁"): 30,
        },
    )
    outcome = decide(election, tally, zj, turnout=Turnout(entitled=100, present=80))
    paper = next_paper(outcome, zj)
    assert [s.office for s in paper.seats] == [Office.VILLAGE_WOMAN_MEMBER]
    assert check_womens_post(paper.seats, zj, second_election=True, women_elected=0).ok
