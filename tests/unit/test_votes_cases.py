"""Golden vote-outcome cases from tests/cases/votes.toml, each citing its rule."""

from __future__ import annotations

import datetime as dt
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import ElectionForm, Office
from huanjie_rules.policy import ParamValue, load_policy
from huanjie_rules.testing.votes import make_election, with_parameters
from huanjie_rules.votes import (
    Outcome,
    Tally,
    Turnout,
    decide,
    decide_next,
    next_paper,
    paper_for,
)

CASES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent.parent / "cases" / "votes.toml").read_text(encoding="utf-8")
)["case"]


def _value(raw: object) -> ParamValue:
    if isinstance(raw, str) and "/" in raw:
        return Fraction(raw)
    assert isinstance(raw, str | bool | int)
    return raw


def _check(outcome: Outcome, expect: dict[str, Any], trace: list[str], where: str) -> None:
    assert outcome.status.value == expect["status"], where
    if "valid" in expect:
        assert outcome.valid is expect["valid"], where
    if "void" in expect:
        assert list(outcome.void_reasons) == expect["void"], where
    if "options" in expect:
        assert [o.value for o in outcome.options] == expect["options"], where
    if "round" in expect:
        assert outcome.round.value == expect["round"], where
    if "number" in expect:
        assert outcome.round_number == expect["number"], where
    for key, attr in (
        ("elected", "elected"),
        ("revote", "revote"),
        ("second", "second_election_candidates"),
    ):
        for office, names in expect.get(key, {}).items():
            assert list(getattr(outcome.post(Office[office]), attr)) == names, (where, key)
    for key, attr in (("unfilled", "unfilled"), ("revote_seats", "revote_seats")):
        for office, n in expect.get(key, {}).items():
            assert getattr(outcome.post(Office[office]), attr) == n, (where, key)
    bounds = {t.kind: t.bound for t in outcome.thresholds}
    if "quorum_bound" in expect:
        assert bounds["QUORUM"] == expect["quorum_bound"], where
    if "majority_bound" in expect:
        assert bounds["MAJORITY"] == expect["majority_bound"], where
    codes = {f.code for f in outcome.trace}
    for code in trace:
        assert code in codes, (where, code)
    # Every finding carries a rule id and a citation; every outcome round-trips exactly.
    assert all(f.rule_id and f.citation.instrument for f in outcome.trace)
    assert from_json(to_json(outcome), Outcome) == outcome


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    policy = load_policy(case["policy"])
    if "overrides" in case:
        policy = with_parameters(policy, {k: _value(v) for k, v in case["overrides"].items()})
    date = case.get("date")
    election = make_election(
        case["policy"],
        seats={Office[k]: v for k, v in case["seats"].items()},
        candidates={Office[k]: v for k, v in case["candidates"].items()},
        entitled=case["entitled"],
        form=ElectionForm[case["form"]] if "form" in case else None,
        date=date if isinstance(date, dt.date) else None,
    )
    outcome: Outcome | None = None
    for i, rnd in enumerate(case["round"]):
        turnout = Turnout(entitled=case["entitled"], **rnd["turnout"])
        paper = paper_for(election, policy) if outcome is None else next_paper(outcome, policy)
        t = rnd["tally"]
        tally = Tally.from_counts(
            paper,
            issued=t["issued"],
            returned=t["returned"],
            invalid=t.get("invalid", 0),
            for_votes=t["for_votes"],
        )
        if outcome is None:
            outcome = decide(election, tally, policy, turnout=turnout)
        else:
            outcome = decide_next(outcome, tally, policy, turnout=turnout)
        _check(outcome, rnd["expect"], rnd.get("trace", []), f"{case['id']} round {i + 1}")


def test_every_case_cites_its_rule() -> None:
    assert all(c.get("cite", "").strip() for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)
