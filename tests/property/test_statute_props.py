"""Properties of the rules around the vote: proxy caps, 任职回避 and recall majorities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from huanjie_rules import load_policy
from huanjie_rules.model import Relation
from huanjie_rules.proxies import ProxyReason, ProxyRequest, check_proxies

PROFILES = ("npc-2020", "zhejiang-npc-2021", "shanghai-village-2020", "zhejiang-village-2020")

requests_strategy = st.lists(
    st.tuples(
        st.sampled_from(["甲", "乙", "丙"]),  # holder
        st.one_of(st.none(), st.integers(min_value=5, max_value=12)),  # day of February
        st.booleans(),  # approved
        st.sampled_from([Relation.SPOUSE, Relation.SIBLING, Relation.NONE]),
        st.sampled_from(list(ProxyReason)),
    ),
    max_size=14,
)


@given(st.sampled_from(PROFILES), requests_strategy)
def test_a_holder_never_exceeds_the_cap(profile: str, raw: list[Any]) -> None:
    policy = load_policy(profile)
    cap = policy.get_int("proxies.max_per_holder")
    requests = [
        ProxyRequest(
            voter=f"v{i}",
            holder=holder,
            requested_on=None if day is None else dt.date(2021, 2, day),
            approved=approved,
            relation=relation,
            reason=reason,
        )
        for i, (holder, day, approved, relation, reason) in enumerate(raw)
    ]
    report = check_proxies(
        requests, policy, election_day=dt.date(2021, 3, 1), published_on=dt.date(2021, 2, 26)
    )
    holder_of = {r.voter: r.holder for r in requests}
    for holder in {"甲", "乙", "丙"}:
        assert sum(1 for v in report.accepted if holder_of[v] == holder) <= cap
    # every request comes out exactly once
    outcome = [*report.accepted, *report.void, *report.held]
    assert sorted(outcome) == sorted(r.voter for r in requests)
    # a request no rule voids is never lost to the cap unless its holder is over it
    for load in report.holders:
        assert load.accepted <= cap
