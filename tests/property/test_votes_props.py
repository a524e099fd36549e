"""Properties of ballot counting and outcomes (anchors §6: anonymity, neutrality, monotonicity,
conservation, tally merge laws, fast path = object path, determinism)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import Ballot, Choice, Office, Vote
from huanjie_rules.policy import Policy, load_policy
from huanjie_rules.testing.votes import (
    ballot_lists,
    ballot_papers,
    make_election,
    mark_arrays,
    paper_and_ballots,
)
from huanjie_rules.votes import (
    Outcome,
    OutcomeStatus,
    PostStatus,
    StandingResult,
    Tally,
    Turnout,
    decide,
    decide_next,
    next_paper,
    paper_for,
    tally_ballots,
)
from huanjie_rules.votes.fast import ballots_to_array, tally_array

POLICIES = {
    pid: load_policy(pid)
    for pid in (
        "party-basic-2020",
        "party-local-2020",
        "npc-2020",
        "village-2018",
        "zhejiang-village-2020",
    )
}
OFFICE = {
    "party-basic-2020": Office.MEMBER,
    "party-local-2020": Office.MEMBER,
    "npc-2020": Office.NPC_DEPUTY,
    "village-2018": Office.VILLAGE_MEMBER,
    "zhejiang-village-2020": Office.VILLAGE_MEMBER,
}
NAMES = "甲乙丙丁戊"
OTHER = "子丑寅卯辰"
judging = st.sampled_from(sorted(POLICIES))


@st.composite
def scenarios(draw: st.DrawFn, *, full: bool = False) -> dict[str, Any]:
    """A single-post first round: policy, seats, candidates, turnout and announced counts.

    ``full``: everyone entitled is present and casts a valid ballot (the vote always stands).
    """
    pid = draw(st.sampled_from(sorted(POLICIES)))
    n = draw(st.integers(2, 5))
    seats = draw(st.integers(1, n - 1))
    entitled = draw(st.integers(1, 40))
    present = entitled if full else draw(st.integers(0, entitled))
    valid = present if full else draw(st.integers(0, present))
    votes = [draw(st.integers(0, valid)) for _ in range(n)]
    assume(sum(votes) <= seats * valid)
    return {
        "pid": pid,
        "names": NAMES[:n],
        "seats": seats,
        "entitled": entitled,
        "present": present,
        "valid": valid,
        "votes": votes,
    }


def _run(
    sc: dict[str, Any],
    names: str | None = None,
    votes: list[int] | None = None,
    *,
    reverse: bool = False,
) -> Outcome:
    names = names or sc["names"]
    votes = votes or sc["votes"]
    policy = POLICIES[sc["pid"]]
    office = OFFICE[sc["pid"]]
    e = make_election(
        sc["pid"],
        seats={office: sc["seats"]},
        candidates={office: list(names)},
        entitled=sc["entitled"],
    )
    t = Tally.from_counts(
        paper_for(e, policy),
        issued=sc["present"],
        returned=sc["valid"],
        for_votes=dict(
            reversed(list(zip(names, votes, strict=True)))
            if reverse
            else zip(names, votes, strict=True)
        ),
    )
    return decide(e, t, policy, turnout=Turnout(entitled=sc["entitled"], present=sc["present"]))


# -- tallies -----------------------------------------------------------------------------------


@given(paper_and_ballots(), judging, st.randoms(use_true_random=False))
def test_anonymity_ballot_order_does_not_matter(pb: Any, pid: str, rnd: Any) -> None:
    paper, ballots = pb
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    policy = POLICIES[pid]
    assert tally_ballots(paper, ballots, policy, issued=len(ballots)) == tally_ballots(
        paper, shuffled, policy, issued=len(ballots)
    )


@given(paper_and_ballots(), judging, st.data())
def test_split_then_merge_equals_whole(pb: Any, pid: str, data: st.DataObject) -> None:
    paper, ballots = pb
    policy = POLICIES[pid]
    cuts = sorted(data.draw(st.lists(st.integers(0, len(ballots)), max_size=3)))
    parts, start = [], 0
    for cut in [*cuts, len(ballots)]:
        parts.append(ballots[start:cut])
        start = cut
    merged = Tally.merge(paper, [tally_ballots(paper, p, policy, issued=len(p)) for p in parts])
    assert merged == tally_ballots(paper, ballots, policy, issued=len(ballots))


@given(st.data())
def test_merge_is_commutative_associative_with_identity(data: st.DataObject) -> None:
    paper = data.draw(ballot_papers())
    policy = POLICIES[data.draw(judging)]
    a, b, c = (
        tally_ballots(
            paper,
            data.draw(ballot_lists(paper, max_size=8)),
            policy,
            issued=data.draw(st.integers(0, 9)),
        )
        for _ in range(3)
    )
    empty = Tally.empty(paper)
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert a + empty == a == empty + a
    assert from_json(to_json(a + b), Tally) == a + b


@given(st.data())
def test_fast_path_equals_object_path(data: st.DataObject) -> None:
    paper = data.draw(ballot_papers())
    policy = POLICIES[data.draw(judging)]
    marks = data.draw(mark_arrays(paper, max_ballots=30))
    unreadable = data.draw(st.lists(st.booleans(), min_size=len(marks), max_size=len(marks)))
    choice = {0: Choice.ABSTAIN, 1: Choice.FOR, 2: Choice.AGAINST}
    ballots = [
        Ballot(
            votes=[
                Vote(candidate=e.person, office=e.office, choice=choice[int(code)])
                for e, code in zip(paper.entries, row, strict=True)
                if code or data.draw(st.booleans())
            ],
            unreadable=bad,
        )
        for row, bad in zip(marks, unreadable, strict=True)
    ]
    import numpy as np

    fast = tally_array(
        paper, marks, policy, issued=len(ballots), unreadable=np.array(unreadable, dtype=bool)
    )
    assert fast == tally_ballots(paper, ballots, policy, issued=len(ballots))
    encoded, bad = ballots_to_array(paper, ballots)
    assert tally_array(paper, encoded, policy, issued=len(ballots), unreadable=bad) == fast


# -- outcomes ----------------------------------------------------------------------------------


@given(scenarios())
def test_conservation_and_json_round_trip(sc: dict[str, Any]) -> None:
    o = _run(sc)
    for post in o.posts:
        assert (
            len(post.elected) + post.unfilled + post.revote_seats + post.deferred_seats
            == post.seats
        )
        assert set(post.elected) <= set(sc["names"])
        assert len(post.elected) <= post.seats
    assert from_json(to_json(o), Outcome) == o


@given(scenarios())
def test_neutrality_renaming_candidates_renames_the_outcome(sc: dict[str, Any]) -> None:
    rename = dict(zip(NAMES, OTHER, strict=True))
    a = _run(sc)
    b = _run(sc, names="".join(rename[n] for n in sc["names"]))
    text = to_json(a)
    for old, new in rename.items():
        text = text.replace(old, new)
    assert text == to_json(b)


@settings(suppress_health_check=[HealthCheck.filter_too_much])  # most draws elect nobody
@given(scenarios(full=True), st.data())
def test_monotonicity_an_extra_vote_never_unelects(sc: dict[str, Any], data: st.DataObject) -> None:
    o = _run(sc)
    post = o.posts[0]
    assume(post.elected)
    x = data.draw(st.sampled_from(post.elected))
    i = sc["names"].index(x)
    votes = list(sc["votes"])
    assume(votes[i] < sc["valid"] and sum(votes) < sc["seats"] * sc["valid"])
    votes[i] += 1
    assert x in _run(sc, votes=votes).posts[0].elected


@given(scenarios())
def test_determinism_byte_identical(sc: dict[str, Any]) -> None:
    a = to_json(_run(sc))
    assert a == to_json(_run(dict(sc)))
    assert a == to_json(_run(sc, reverse=True))


@given(scenarios())
def test_exactly_the_threshold_decides(sc: dict[str, Any]) -> None:
    o = _run(sc)
    majority = next(t for t in o.thresholds if t.kind == "MAJORITY") if o.valid else None
    if majority is None:
        assert o.status is OutcomeStatus.VOID
        return
    for s in o.posts[0].standings:
        if s.result in (StandingResult.ELECTED, StandingResult.REVOTE, StandingResult.OUTRANKED):
            assert majority.meets(s.votes)
            assert 2 * s.votes > majority.base  # 过半数: exactly half never wins
        else:
            assert not majority.meets(s.votes) or s.votes == 0


@given(scenarios(), st.data())
def test_rounds_chain_until_nothing_is_pending(sc: dict[str, Any], data: st.DataObject) -> None:
    o = _run(sc)
    policy: Policy = POLICIES[sc["pid"]]
    for _ in range(4):
        if o.status is OutcomeStatus.VOID or not o.options:
            break
        if o.options[0].value not in ("TIE_REVOTE", "SECOND_ELECTION"):
            break
        paper = next_paper(o, policy)
        valid = sc["valid"]
        votes = {e.person: data.draw(st.integers(0, valid)) for e in paper.entries}
        assume(sum(votes.values()) <= paper.seats[0].count * valid)
        t = Tally.from_counts(paper, issued=sc["present"], returned=valid, for_votes=votes)
        o = decide_next(
            o, t, policy, turnout=Turnout(entitled=sc["entitled"], present=sc["present"])
        )
        post = o.posts[0]
        assert len(post.elected) + post.unfilled + post.revote_seats == post.seats
        assert post.status is not PostStatus.DEFERRED
