"""Proxies: golden cases (tests/cases/proxies.toml), errors, and the cap as a property."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, RuleInputError, load_policy
from huanjie_rules.policy import list_policies
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


def test_consent_and_form_follow_the_ground_and_cite_its_text() -> None:
    # 浙江细则 第四十三条: only a voter away needs the committee's consent (and a listed form);
    # a voter kept away by illness needs neither; custody rests on the national 若干规定 五.
    from huanjie_rules.proxies import ProxyForm, ProxyReason

    zj = load_policy("zhejiang-npc-2021")
    day = dt.date(2021, 11, 20)

    def one(reason: ProxyReason, **kw: Any) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
        req = ProxyRequest(voter="v", holder="h", reason=reason, **kw)
        r = check_proxies([req], zj, election_day=day)
        return r.codes(), [(f.citation.instrument, f.citation.article or "") for f in r.findings]

    assert one(ProxyReason.ILLNESS_DISABILITY, approved=False, form=ProxyForm.ORAL) == ((), [])
    assert one(ProxyReason.AWAY, approved=False, form=ProxyForm.WRITTEN) == (
        ("PROXY_NOT_APPROVED",),
        [("ZJ-NPC", "第四十三条")],
    )
    assert one(ProxyReason.CUSTODY, approved=False) == (
        ("PROXY_NOT_APPROVED",),
        [("NPC83", "第五项")],
    )
    # the national profile keeps one rule for every ground it allows
    npc = load_policy("npc-2020")
    r = check_proxies(
        [ProxyRequest(voter="v", holder="h", reason=ProxyReason.CUSTODY)], npc, election_day=day
    )
    assert r.codes() == ("PROXY_NOT_APPROVED",)
    assert "proxies.ground_rules" in check_proxies([], zj, election_day=day).checked


@pytest.mark.parametrize("pid", list_policies())
def test_ground_rules_cover_every_allowed_ground(pid: str) -> None:
    from huanjie_rules.proxies import ProxyForm, ProxyReason

    policy = load_policy(pid, strict=False)
    if "proxies.ground_rules" not in policy:
        return
    rows = policy.get_tables("proxies.ground_rules")
    grounds = [str(r["ground"]) for r in rows]
    assert sorted(grounds) == sorted(policy.get_strings("proxies.grounds"))
    reasons, forms = {m.value for m in ProxyReason}, {m.value for m in ProxyForm}
    for row in rows:
        assert row["ground"] in reasons
        assert isinstance(row.get("consent"), bool)
        assert set(row.get("forms") or ()) <= forms  # type: ignore[arg-type]
