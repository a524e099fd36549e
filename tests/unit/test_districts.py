"""Electoral districts and minority seats: golden cases (tests/cases/districts.toml), errors."""

from __future__ import annotations

from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, ParameterError, RuleInputError, load_policy
from huanjie_rules.districts import District, MinorityGroup, check_districts, check_minority_seats

CASES = load_cases("districts")
FUNCTIONS: dict[str, Any] = {
    "check_districts": (check_districts, {"districts": (District,)}),
    "check_minority_seats": (check_minority_seats, {"groups": (MinorityGroup,)}),
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    check(run(case, FUNCTIONS), case["expect"], case["id"])


def test_bad_input_is_refused() -> None:
    npc = load_policy("npc-2020")
    with pytest.raises(RuleInputError) as err:
        check_districts([], npc)
    assert err.value.code == "EMPTY"
    with pytest.raises(RuleInputError) as err:
        check_districts([District(key="一", population=10, seats=0)], npc)
    assert err.value.code == "NO_SEATS"
    with pytest.raises(RuleInputError) as err:
        check_districts(
            [District(key="一", population=10, seats=1), District(key="一", population=5, seats=1)],
            npc,
        )
    assert err.value.path == "districts[1].key"
    with pytest.raises(InvalidDataError):
        District(key="一", population=-1, seats=1)
    with pytest.raises(RuleInputError):
        check_minority_seats(
            [MinorityGroup(name="甲", population=200, seats=1)],
            population=100,
            seats=10,
            policy=npc,
        )
    with pytest.raises(RuleInputError):
        check_minority_seats([], population=0, seats=10, policy=npc)


def test_village_profiles_have_no_districts() -> None:
    with pytest.raises(ParameterError):
        check_districts([District(key="一", population=10, seats=1)], load_policy("village-2018"))
