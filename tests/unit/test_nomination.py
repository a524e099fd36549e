"""Nomination: golden cases (tests/cases/nomination.toml) and the edges of the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, ParameterError, RuleInputError, load_policy
from huanjie_rules.model import NominationRoute, Office
from huanjie_rules.nomination import (
    Nomination,
    NominationStage,
    check_candidate_list,
    check_nomination_period,
    check_nomination_turnout,
    check_nominations,
    preselection_needed,
)

CASES = load_cases("nomination")
FUNCTIONS: dict[str, Any] = {
    "check_nominations": (check_nominations, {"nominations": (Nomination,)}),
    "check_candidate_list": (check_candidate_list, {}),
    "preselection_needed": (preselection_needed, {}),
    "check_nomination_turnout": (check_nomination_turnout, {"stage": NominationStage}),
    "check_nomination_period": (check_nomination_period, {}),
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    check(run(case, FUNCTIONS), case["expect"], case["id"])


def test_bad_input_is_refused() -> None:
    npc = load_policy("npc-2020")
    with pytest.raises(InvalidDataError) as err:
        Nomination(
            key="p",
            candidate="甲",
            office=Office.NPC_DEPUTY,
            route=NominationRoute.PARTY_OR_ORGANIZATION,
        )
    assert err.value.paths == ["organisation"]
    n = Nomination(
        key="n", candidate="甲", office=Office.NPC_DEPUTY, route=NominationRoute.JOINT_VOTERS
    )
    with pytest.raises(RuleInputError) as bad:
        check_nominations([n, n], npc, seats=2)
    assert bad.value.code == "DUPLICATE_KEY"
    with pytest.raises(RuleInputError):
        check_nominations([n], npc, seats=0)
    with pytest.raises(RuleInputError):
        check_nomination_turnout(
            11, 10, load_policy("beijing-npc-2021"), stage=NominationStage.PRESELECTION
        )
    with pytest.raises(RuleInputError):
        check_nomination_period(dt.date(2021, 3, 2), dt.date(2021, 3, 1), npc)
    with pytest.raises(RuleInputError):
        check_candidate_list(["甲", ""], ["甲"], npc)


def test_rules_a_profile_lacks_raise_parameter_errors() -> None:
    with pytest.raises(ParameterError):
        check_nomination_turnout(
            10, 20, load_policy("npc-2020"), stage=NominationStage.PRESELECTION
        )
    with pytest.raises(ParameterError):
        check_candidate_list(["甲"], ["甲"], load_policy("village-2018"))


def test_a_sponsor_named_twice_counts_once() -> None:
    n = Nomination(
        key="n",
        candidate="甲",
        office=Office.NPC_DEPUTY,
        route=NominationRoute.JOINT_VOTERS,
        sponsors=[f"v{i}" for i in range(9)] + ["v0"],
    )
    assert check_nominations([n], load_policy("npc-2020"), seats=1).void == ("n",)


def test_joint_nomination_survives_an_over_cap_sponsor_when_enough_remain() -> None:
    base = [f"v{i}" for i in range(10)]
    noms = [
        Nomination(
            key=f"n{k}",
            candidate=f"c{k}",
            office=Office.NPC_DEPUTY,
            route=NominationRoute.JOINT_VOTERS,
            sponsors=[*[f"{s}-{k}" for s in base], "x"],
        )
        for k in range(3)
    ]
    r = check_nominations(noms, load_policy("npc-2020"), seats=2)
    assert r.codes() == ("VOTER_OVER_CAP",)
    assert r.valid == ("n0", "n1", "n2") and r.unresolved == ()
