"""Proxies: golden cases (tests/cases/proxies.toml), errors, and the cap as a property."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, RuleInputError, load_policy
from huanjie_rules.proxies import ProxyRequest, check_proxies

CASES = load_cases("proxies")
FUNCTIONS: dict[str, Any] = {"check_proxies": (check_proxies, {"requests": (ProxyRequest,)})}
DAY = dt.date(2021, 11, 20)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    check(run(case, FUNCTIONS), case["expect"], case["id"])


def test_bad_input_is_refused() -> None:
    npc = load_policy("npc-2020")
    with pytest.raises(InvalidDataError) as err:
        ProxyRequest(voter="甲", holder="甲")
    assert err.value.problems[0].code == "SELF_PROXY"
    with pytest.raises(RuleInputError) as bad:
        check_proxies(
            [ProxyRequest(voter="甲", holder="乙"), ProxyRequest(voter="甲", holder="丙")],
            npc,
            election_day=DAY,
        )
    assert bad.value.code == "DUPLICATE_VOTER" and bad.value.path == "requests[1].voter"
    with pytest.raises(RuleInputError):
        check_proxies([], npc, election_day=DAY, published_on=DAY + dt.timedelta(days=1))
    with pytest.raises(RuleInputError):
        check_proxies(
            [ProxyRequest(voter="甲", holder="乙", requested_on=DAY + dt.timedelta(days=1))],
            npc,
            election_day=DAY,
        )
    with pytest.raises(RuleInputError):
        check_proxies(["甲"], npc, election_day=DAY)  # type: ignore[list-item]
