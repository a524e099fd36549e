"""After the count: golden cases (tests/cases/results.toml), 任职回避 on a real count, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, ParameterError, RuleInputError, load_policy
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
    Relation,
    Seat,
)
from huanjie_rules.results import (
    AvoidanceRound,
    ElectedMember,
    ImproperMeans,
    Kinship,
    avoidance_from_outcome,
    check_improper_means,
    presiding_member,
    resolve_avoidance,
    shortfall_action,
)
from huanjie_rules.votes import Tally, Turnout, decide, paper_for

CASES = load_cases("results")
FUNCTIONS: dict[str, Any] = {
    "presiding_member": (presiding_member, {"elected": (ElectedMember,)}),
    "resolve_avoidance": (
        resolve_avoidance,
        {
            "elected": (ElectedMember,),
            "kinships": (Kinship,),
            "candidates": (ElectedMember,),
            "round": AvoidanceRound,
        },
    ),
    "shortfall_action": (shortfall_action, {}),
    "check_improper_means": (check_improper_means, {"means": (ImproperMeans,)}),
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    expect = dict(case["expect"])
    if expect.get("presiding") == "":
        expect["presiding"] = None
    check(run(case, FUNCTIONS), expect, case["id"])


def test_bad_input_is_refused() -> None:
    zj = load_policy("zhejiang-village-2020")
    with pytest.raises(InvalidDataError):
        Kinship(a="甲", b="甲", relation=Relation.SPOUSE)
    with pytest.raises(RuleInputError):
        presiding_member([], zj)
    with pytest.raises(RuleInputError) as odd:
        presiding_member([ElectedMember(key="甲", office=Office.NPC_DEPUTY, votes=1)], zj)
    assert odd.value.code == "UNKNOWN_OFFICE"
    a = ElectedMember(key="甲", office=Office.VILLAGE_MEMBER, votes=10)
    b = ElectedMember(key="乙", office=Office.VILLAGE_MEMBER, votes=5)
    with pytest.raises(RuleInputError) as err:
        resolve_avoidance([a, b], [Kinship(a="甲", b="乙", relation=Relation.SPOUSE)], zj)
    assert err.value.path == "voters"
    with pytest.raises(RuleInputError):
        resolve_avoidance([a], [], zj, candidates=[a])
    with pytest.raises(RuleInputError):
        shortfall_action(6, 5, load_policy("shanghai-village-2020"))
    with pytest.raises(ParameterError):
        presiding_member([b], load_policy("village-2018"))
    with pytest.raises(ParameterError):
        shortfall_action(2, 5, zj)
    with pytest.raises(RuleInputError):
        check_improper_means(["BRIBERY"], zj)  # type: ignore[list-item]


def test_avoidance_after_a_real_count() -> None:
    # 浙江办法第三十一条: two siblings are elected 委员; the one with fewer votes leaves and the
    # next candidate with more than half of the voters fills the seat.
    zj = load_policy("zhejiang-village-2020")
    people = {
        n: Person(
            name=n,
            gender=Gender.FEMALE if n == "丁" else Gender.MALE,
            birth_date=dt.date(1980, 1, 1),
        )
        for n in "甲乙丙丁戊"
    }
    seats = [
        Seat(office=Office.VILLAGE_MEMBER, count=2),
        Seat(office=Office.VILLAGE_WOMAN_MEMBER, count=1),
    ]
    cands = [Candidate(person=people[n], office=Office.VILLAGE_MEMBER) for n in "甲乙丙"] + [
        Candidate(person=people[n], office=Office.VILLAGE_WOMAN_MEMBER) for n in "丁戊"
    ]
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
        issued=90,
        returned=90,
        for_votes={
            (Office.VILLAGE_MEMBER, "甲"): 70,
            (Office.VILLAGE_MEMBER, "乙"): 60,
            (Office.VILLAGE_MEMBER, "丙"): 50,
            (Office.VILLAGE_WOMAN_MEMBER, "丁"): 80,
            (Office.VILLAGE_WOMAN_MEMBER, "戊"): 10,
        },
    )
    outcome = decide(election, tally, zj, turnout=Turnout(entitled=100, present=90))
    assert outcome.post(Office.VILLAGE_MEMBER).elected == ("甲", "乙")
    r = avoidance_from_outcome(outcome, [Kinship(a="甲", b="乙", relation=Relation.SIBLING)], zj)
    assert r.kept == ("甲", "丁") and r.removed == ("乙",)
    assert [(m.key, m.votes) for m in r.filled] == [("丙", 50)]
