"""Properties of the rules around the vote: proxy caps, 任职回避 and recall majorities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from huanjie_rules import load_policy
from huanjie_rules.model import Office, Relation
from huanjie_rules.proxies import ProxyReason, ProxyRequest, check_proxies
from huanjie_rules.recall import RecallVote, decide_recall
from huanjie_rules.results import ElectedMember, Kinship, resolve_avoidance

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


# -- 任职回避 (浙江办法 第三十一条) --------------------------------------------------------------

ZJ_VILLAGE = load_policy("zhejiang-village-2020")
OFFICES = [
    Office.VILLAGE_DIRECTOR,
    Office.VILLAGE_DEPUTY_DIRECTOR,
    Office.VILLAGE_MEMBER,
    Office.VILLAGE_WOMAN_MEMBER,
]
LEVEL = {
    Office.VILLAGE_DIRECTOR: 0,
    Office.VILLAGE_DEPUTY_DIRECTOR: 1,
    Office.VILLAGE_MEMBER: 2,
    Office.VILLAGE_WOMAN_MEMBER: 2,
}
COVERED = [Relation.SPOUSE, Relation.PARENT_CHILD, Relation.SIBLING]


@st.composite
def elected_members(draw: Any) -> list[ElectedMember]:
    n = draw(st.integers(min_value=1, max_value=7))
    return [
        ElectedMember(
            key=f"m{i}",
            office=draw(st.sampled_from(OFFICES)),
            votes=draw(st.integers(min_value=0, max_value=6)),  # small range: ties happen
        )
        for i in range(n)
    ]


def _rank(m: ElectedMember) -> tuple[int, int]:
    return (LEVEL[m.office], -m.votes)


@given(elected_members(), st.data())
def test_avoidance_never_keeps_two_related_members(members: list[ElectedMember], data: Any) -> None:
    keys = [m.key for m in members]
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(keys)), max_size=8))
    kin = [
        Kinship(a=a, b=b, relation=data.draw(st.sampled_from(COVERED))) for a, b in pairs if a != b
    ]
    r = resolve_avoidance(members, kin, ZJ_VILLAGE, voters=10)
    related = {(k.a, k.b) for k in kin} | {(k.b, k.a) for k in kin}
    # every elected member is kept, removed or pending, exactly once
    assert sorted([*r.kept, *r.removed, *r.pending]) == sorted(keys)
    # at most one of each related pair stays
    for a, b in related:
        assert not (a in r.kept and b in r.kept)
    # everyone removed is related to someone kept or pending who does not rank below them
    by_key = {m.key: m for m in members}
    staying = set(r.kept) | set(r.pending)
    for gone in r.removed:
        bosses = [b for a, b in related if a == gone and b in staying]
        assert bosses and any(_rank(by_key[b]) <= _rank(by_key[gone]) for b in bosses)


@given(elected_members(), st.data())
def test_avoidance_keeps_exactly_one_of_each_disjoint_related_pair(
    members: list[ElectedMember], data: Any
) -> None:
    keys = [m.key for m in members]
    shuffled = data.draw(st.permutations(keys))
    pairs = [(shuffled[i], shuffled[i + 1]) for i in range(0, len(shuffled) - 1, 2)]
    kin = [Kinship(a=a, b=b, relation=data.draw(st.sampled_from(COVERED))) for a, b in pairs]
    r = resolve_avoidance(members, kin, ZJ_VILLAGE, voters=10)
    by_key = {m.key: m for m in members}
    for a, b in pairs:
        if _rank(by_key[a]) == _rank(by_key[b]):
            # same post, same votes: a further vote decides, neither is kept yet
            assert a in r.pending and b in r.pending
        else:
            assert (a in r.kept) + (b in r.kept) == 1
            higher = a if _rank(by_key[a]) < _rank(by_key[b]) else b
            assert higher in r.kept


# -- recall (选举法 第五十三条; 村民委员会组织法 第十六条) -------------------------------------------


@st.composite
def recall_votes(draw: Any) -> RecallVote:
    electorate = draw(st.integers(min_value=0, max_value=2_000))
    voted = draw(st.integers(min_value=0, max_value=electorate))
    approve = draw(st.integers(min_value=0, max_value=voted))
    return RecallVote(electorate=electorate, voted=voted, approve=approve)


@given(
    recall_votes(),
    st.sampled_from(["village-2018", "zhejiang-village-2020", "shanghai-village-2020"]),
)
def test_village_recall_passes_iff_both_majorities_hold(vote: RecallVote, profile: str) -> None:
    outcome = decide_recall(vote, load_policy(profile))
    turnout = 2 * vote.voted > vote.electorate
    approval = 2 * vote.approve > vote.voted
    assert outcome.passed == (turnout and approval)
    assert [t.met for t in outcome.thresholds] == [turnout, approval]


@given(recall_votes(), st.sampled_from(["npc-2020", "zhejiang-npc-2021", "beijing-npc-2021"]))
def test_deputy_recall_needs_a_majority_of_all_voters(vote: RecallVote, profile: str) -> None:
    outcome = decide_recall(vote, load_policy(profile))
    assert outcome.passed == (2 * vote.approve > vote.electorate)
