"""Recall, resignation and by-elections: golden cases and the edges of the API."""

from __future__ import annotations

from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, ParameterError, RuleInputError, load_policy
from huanjie_rules.byelections import (
    ByElection,
    ByElectionBody,
    by_election_required,
    check_by_election,
)
from huanjie_rules.model import Level
from huanjie_rules.recall import (
    RecallPetition,
    RecallVote,
    Resignation,
    check_recall_petition,
    check_resignation,
    decide_recall,
)

CASES = load_cases("recall", "byelections")
FUNCTIONS: dict[str, Any] = {
    "check_recall_petition": (check_recall_petition, {"petition": RecallPetition}),
    "decide_recall": (decide_recall, {"vote": RecallVote}),
    "check_resignation": (check_resignation, {"resignation": Resignation}),
    "check_by_election": (check_by_election, {"by": ByElection}),
    "by_election_required": (by_election_required, {}),
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    check(run(case, FUNCTIONS), case["expect"], case["id"])


def test_bad_input_is_refused() -> None:
    npc = load_policy("npc-2020")
    with pytest.raises(RuleInputError) as err:
        check_recall_petition(RecallPetition(signatories=60), npc)
    assert err.value.path == "level"
    with pytest.raises(RuleInputError):
        check_recall_petition(RecallPetition(level=Level.VILLAGE, signatories=60), npc)
    with pytest.raises(InvalidDataError):
        RecallVote(electorate=10, voted=11, approve=0)
    with pytest.raises(InvalidDataError):
        RecallVote(electorate=10, voted=5, approve=6)
    with pytest.raises(RuleInputError):
        check_resignation(Resignation(level=Level.COUNTY), npc)
    with pytest.raises(ParameterError):
        check_resignation(Resignation(), load_policy("village-2018"))
    with pytest.raises(ParameterError):
        by_election_required(2, load_policy("zhejiang-village-2020"))
    with pytest.raises(InvalidDataError):
        ByElection(seats=0)
    with pytest.raises(RuleInputError):
        check_by_election(
            ByElection(seats=1, body=ByElectionBody.REPRESENTATIVES_MEETING),
            load_policy("zhejiang-village-2020"),
        )
    with pytest.raises(RuleInputError):
        check_recall_petition(RecallPetition(signatories=3), load_policy("village-2018"))
