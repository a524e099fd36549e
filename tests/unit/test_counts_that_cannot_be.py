"""Counts that cannot be: the Tally model keeps the ballot arithmetic however a tally is built.

Regression tests for what fuzzing found: a Tally read from JSON held a write-in with 5,000 votes
against 800 ballots and ``decide()`` elected that person (``Tally.from_counts`` refused such
counts, the model did not); ``from_counts(issued=0, returned=800)`` was decided; a name given
both as "甲" and as (office, "甲") in ``from_counts`` lost one of its counts.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

from huanjie_rules import (
    InvalidDataError,
    OutcomeStatus,
    RuleInputError,
    Tally,
    Turnout,
    decide,
    load_policy,
    paper_for,
)
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import Office
from huanjie_rules.testing.votes import make_election

D = Office.NPC_DEPUTY


@pytest.fixture
def npc() -> tuple[Any, Any, Any]:
    policy = load_policy("npc-2020")
    e = make_election("npc-2020", seats={D: 1}, candidates={D: ["甲", "乙"]}, entitled=1000)
    return e, policy, paper_for(e, policy)


def codes(err: InvalidDataError) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in err.problems]


def test_a_write_in_with_more_votes_than_ballots_is_refused_from_json(npc: Any) -> None:
    _, _, paper = npc
    good = Tally.from_counts(
        paper, issued=800, returned=800, for_votes={"甲": 300, "乙": 290}, write_ins={"丙": 5}
    )
    data = json.loads(to_json(good))
    data["counts"][2]["for_votes"] = 5000  # the write-in 丙
    with pytest.raises(InvalidDataError) as info:
        from_json(json.dumps(data, ensure_ascii=False), Tally)
    assert ("COUNTS_EXCEED_BALLOTS", "counts[2].for_votes") in codes(info.value)


def test_the_constructor_keeps_the_same_arithmetic(npc: Any) -> None:
    _, _, paper = npc
    t = Tally.from_counts(
        paper, issued=800, returned=800, for_votes={"甲": 300}, write_ins={"丙": 5}
    )
    bumped = (*t.counts[:2], attrs.evolve(t.counts[2], for_votes=5000))
    with pytest.raises(InvalidDataError) as info:
        attrs.evolve(t, counts=bumped)
    assert [c for c, _ in codes(info.value)] == ["COUNTS_EXCEED_BALLOTS", "COUNTS_EXCEED_BALLOTS"]


def test_a_post_cannot_have_more_votes_for_than_seats_times_ballots(npc: Any) -> None:
    _, _, paper = npc
    t = Tally.from_counts(paper, issued=800, returned=800, for_votes={"甲": 400, "乙": 400})
    # both names at 500 of 800 valid ballots with one seat: 1,000 marks from 800 ballots
    counts = (
        attrs.evolve(t.counts[0], for_votes=500, abstain=300),
        attrs.evolve(t.counts[1], for_votes=500, abstain=300),
    )
    with pytest.raises(InvalidDataError) as info:
        attrs.evolve(t, counts=counts)
    assert codes(info.value) == [("COUNTS_EXCEED_BALLOTS", "counts")]
    with pytest.raises(RuleInputError) as err:
        Tally.from_counts(paper, issued=800, returned=800, for_votes={"甲": 500, "乙": 500})
    assert err.value.code == "COUNTS_EXCEED_BALLOTS"


def test_merged_tallies_keep_the_arithmetic(npc: Any) -> None:
    _, _, paper = npc
    a = Tally.from_counts(
        paper, issued=400, returned=400, for_votes={"甲": 390}, write_ins={"丙": 5}
    )
    b = Tally.from_counts(
        paper, issued=400, returned=400, for_votes={"乙": 390}, write_ins={"丙": 5}
    )
    total = Tally.merge(paper, [a, b])
    assert total.votes_for("丙") == 10 and total.valid_ballots == 800


def test_more_ballots_returned_than_issued_is_refused_where_the_law_counts_voters(npc: Any) -> None:
    e, policy, paper = npc
    t = Tally.from_counts(paper, issued=0, returned=800, for_votes={"甲": 700})
    with pytest.raises(RuleInputError) as info:
        decide(e, t, policy, turnout=Turnout(entitled=1000, present=800))
    assert (info.value.code, info.value.path) == (
        "RETURNED_EXCEEDS_ISSUED",
        "tally.ballots_returned",
    )


def test_more_ballots_returned_than_issued_voids_where_the_law_counts_issued() -> None:
    policy = load_policy("party-basic-2020")
    e = make_election(
        "party-basic-2020",
        seats={Office.MEMBER: 1},
        candidates={Office.MEMBER: ["甲", "乙"]},
        entitled=50,
    )
    paper = paper_for(e, policy)
    t = Tally.from_counts(paper, issued=40, returned=45, for_votes={"甲": 40})
    outcome = decide(e, t, policy, turnout=Turnout(entitled=50, present=45))
    assert outcome.status is OutcomeStatus.VOID
    assert "BALLOTS_EXCEED_BASE" in outcome.void_reasons


def test_more_voters_than_ballots_issued_is_refused(npc: Any) -> None:
    e, policy, paper = npc
    t = Tally.from_counts(paper, issued=700, returned=700, for_votes={"甲": 600})
    with pytest.raises(RuleInputError) as info:
        decide(e, t, policy, turnout=Turnout(entitled=1000, present=800, voted=750))
    assert (info.value.code, info.value.path) == ("VOTERS_EXCEED_ISSUED", "turnout.voted")


def test_the_same_name_twice_in_from_counts_is_refused(npc: Any) -> None:
    _, _, paper = npc
    with pytest.raises(RuleInputError) as info:
        Tally.from_counts(paper, issued=800, returned=800, for_votes={"甲": 5, (D, "甲"): 7})
    assert (info.value.code, info.value.path) == (
        "DUPLICATE_KEY",
        "for_votes[(<Office.NPC_DEPUTY: 'NPC_DEPUTY'>, '甲')]",
    )
    with pytest.raises(RuleInputError) as info:
        Tally.from_counts(
            paper, issued=800, returned=800, for_votes={}, write_ins={"丙": 1, (D, "丙"): 2}
        )
    assert info.value.code == "DUPLICATE_KEY"


def test_a_key_of_the_wrong_type_is_a_type_error(npc: Any) -> None:
    _, _, paper = npc
    with pytest.raises(RuleInputError) as info:
        Tally.from_counts(paper, issued=8, returned=8, for_votes={(D, 5): 1})
    assert info.value.code == "TYPE"
