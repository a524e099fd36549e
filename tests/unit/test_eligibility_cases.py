"""Golden cases (tests/cases/eligibility_cases.toml), each citing its article."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from eligibility_helpers import candidate, election, person

from huanjie_rules.eligibility import screen
from huanjie_rules.model import EducationLevel, Office, PartyStanding, Tenure
from huanjie_rules.policy import load_policy

CASES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent.parent / "cases" / "eligibility_cases.toml").read_text(encoding="utf-8")
)["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case["cite"]
    policy = load_policy(case["policy"])
    p = person(
        born=case["birth_date"],
        standing=PartyStanding[case["standing"]],
        education=EducationLevel[case["education"]],
    )
    c = candidate(p, Office[case["office"]], Tenure[case["tenure"]])
    r = screen(c, election(policy, case["date"]), policy, checks=case.get("checks"))
    assert r.status.value == case["status"]
    assert sorted(r.codes()) == sorted(case["codes"])
