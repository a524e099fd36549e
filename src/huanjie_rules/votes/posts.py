"""Deciding one post in one round.

Ranking by votes, ties at the cut-off, shortfalls and the 另行选举 candidates. Nothing is decided
by chance or by input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ..findings import Finding, Severity
from ..model import Office
from ._rules import _Ctx, _finding, _Rules
from .outcome import PostOutcome, PostStatus, Standing, StandingResult
from .paper import RoundKind
from .tally import Tally, Turnout
from .thresholds import Threshold, _floor, _majority


@attrs.frozen
class _Person:
    person: str
    listed: bool
    votes: int
    against: int
    abstain: int
    position: int


def _persons(office: Office, tally: Tally, rules: _Rules) -> list[_Person]:
    """Everyone standing for ``office`` in a tally, best first (votes, then ballot position)."""
    cumulative = rules.b("cumulative_posts")
    rank = rules.rank(office)
    counted = [
        c
        for c in tally.counts
        if c.office is office or (cumulative and rules.rank(c.office) < rank)
    ]
    position: dict[str, int] = {}
    for i, c in enumerate(tally.counts):
        position.setdefault(c.person, i)
    people: dict[str, _Person] = {}
    for c in counted:
        own = c.office is office
        prev = people.get(c.person)
        people[c.person] = _Person(
            person=c.person,
            listed=(prev.listed if prev else False) or (own and c.listed),
            votes=(prev.votes if prev else 0) + c.for_votes,
            against=(prev.against if prev else 0) + (c.against if own else 0),
            abstain=(prev.abstain if prev else 0) + (c.abstain if own else 0),
            position=position[c.person],
        )
    return sorted(people.values(), key=lambda p: (-p.votes, p.position))


@attrs.frozen
class _Selection:
    elected: tuple[str, ...]
    tied: tuple[str, ...]
    revote_seats: int
    unfilled: int
    qualified: frozenset[str]


def _select(people: Sequence[_Person], seats: int, threshold: Threshold | None) -> _Selection:
    """Rank by votes; a tie at the cut-off is never broken here."""

    def qualifies(p: _Person) -> bool:
        return True if threshold is None else threshold.meets(p.votes) and p.votes > 0

    q = [p for p in people if qualifies(p)]
    qualified = frozenset(p.person for p in q)
    if len(q) <= seats:
        return _Selection(tuple(p.person for p in q), (), 0, seats - len(q), qualified)
    cut = q[seats - 1].votes
    above = [p.person for p in q if p.votes > cut]
    tied = [p.person for p in q if p.votes == cut]
    slots = seats - len(above)
    if len(tied) == slots:
        return _Selection(tuple(above + tied), (), 0, 0, qualified)
    return _Selection(tuple(above), tuple(tied), slots, 0, qualified)


def _second_candidates(
    office: Office,
    standings: Sequence[Standing],
    seats_left: int,
    excluded: set[str],
    rules: _Rules,
    trace: list[Finding],
) -> tuple[str, ...]:
    p_min = rules.p("second_election_min_margin")
    if seats_left == 1 and rules.has("second_election_single_seat_candidates"):
        target = rules.i("second_election_single_seat_candidates")
        p_used = rules.p("second_election_single_seat_candidates")
    else:
        margin = rules.f("second_election_min_margin") * seats_left
        extra = max(1, -(-margin.numerator // margin.denominator))
        target = seats_left + extra
        p_used = p_min
    avail = [
        s
        for s in standings
        if s.votes > 0
        and s.person not in excluded
        and s.result not in (StandingResult.ELECTED, StandingResult.ELECTED_ELSEWHERE)
    ]
    if len(avail) <= target:
        chosen = avail
        if len(avail) < target:
            trace.append(
                _finding(
                    "SECOND_ELECTION_TOO_FEW",
                    p_used,
                    Severity.WARN,
                    observed=len(avail),
                    limit=target,
                    post=office.label,
                )
            )
    else:
        last = avail[target - 1].votes
        chosen = [s for s in avail if s.votes >= last]
        if len(chosen) > target and rules.has("second_election_max_margin"):
            cap_m = rules.f("second_election_max_margin") * seats_left
            cap = seats_left + cap_m.numerator // cap_m.denominator
            if len(chosen) > cap:
                trace.append(
                    _finding(
                        "SECOND_ELECTION_LIST_TIED",
                        rules.p("second_election_max_margin"),
                        Severity.WARN,
                        observed=len(chosen),
                        limit=cap,
                        post=office.label,
                    )
                )
    names = tuple(s.person for s in chosen)
    trace.append(
        _finding(
            "SECOND_ELECTION_CANDIDATES",
            p_used,
            Severity.INFO,
            subject="、".join(names) or "-",
            limit=seats_left,
            post=office.label,
        )
    )
    return names


def _decide_main(
    ctx: _Ctx,
    office: Office,
    seats: int,
    prior: tuple[str, ...],
    excluded: set[str],
    pending_higher: set[str],
    tally: Tally,
    turnout: Turnout,
    kind: RoundKind,
    trace: list[Finding],
    thresholds: list[Threshold],
) -> PostOutcome:
    rules = ctx.rules
    total_seats = len(prior) + seats
    people = _persons(office, tally, rules)
    if (
        kind is RoundKind.SECOND_ELECTION
        and rules.s("second_election_rule") == "PLURALITY_WITH_FLOOR"
    ):
        threshold = _floor(rules, turnout, tally)
        p_th = rules.p("second_election_rule")
    else:
        threshold = _majority(rules, turnout, tally)
        p_th = rules.p("majority_base")
    if threshold not in thresholds:
        thresholds.append(threshold)
    standing_pool = [p for p in people if p.person not in excluded]
    elsewhere = [p for p in people if p.person in excluded]
    p_dup = rules.p("duplicate_person_rule")
    for p in elsewhere:
        trace.append(
            _finding("ELECTED_ELSEWHERE", p_dup, Severity.INFO, subject=p.person, post=office.label)
        )
    if rules.b("cumulative_posts") and any(
        p.person in pending_higher and p.votes > 0 for p in standing_pool
    ):
        trace.append(
            _finding("POST_DEFERRED", rules.p("cumulative_posts"), Severity.WARN, post=office.label)
        )
        standings = [
            Standing(
                office=office,
                person=p.person,
                listed=p.listed,
                votes=p.votes,
                against=p.against,
                abstain=p.abstain,
                result=StandingResult.ELECTED_ELSEWHERE
                if p.person in excluded
                else StandingResult.PENDING,
            )
            for p in people
        ]
        return PostOutcome(
            office=office,
            seats=total_seats,
            status=PostStatus.DEFERRED,
            elected=prior,
            deferred_seats=seats,
            standings=standings,
        )
    sel = _select(standing_pool, seats, threshold)
    tied = set(sel.tied)
    elected = set(sel.elected)
    standings = []
    for p in people:
        if p.person in excluded:
            result = StandingResult.ELECTED_ELSEWHERE
        elif p.person in elected:
            result = StandingResult.ELECTED
            trace.append(
                _finding(
                    "ELECTED",
                    p_th,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=threshold.bound,
                    post=office.label,
                )
            )
        elif p.person in tied:
            result = StandingResult.REVOTE
        elif p.person in sel.qualified:
            result = StandingResult.OUTRANKED
            trace.append(
                _finding(
                    "NOT_ELECTED_OUTRANKED",
                    p_th,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=threshold.bound,
                    post=office.label,
                )
            )
        else:
            result = StandingResult.BELOW_THRESHOLD
            trace.append(
                _finding(
                    "NOT_ELECTED_BELOW_THRESHOLD",
                    p_th,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=threshold.bound,
                    post=office.label,
                )
            )
        standings.append(
            Standing(
                office=office,
                person=p.person,
                listed=p.listed,
                votes=p.votes,
                against=p.against,
                abstain=p.abstain,
                result=result,
            )
        )
    now = prior + sel.elected
    if sel.tied:
        trace.append(
            _finding(
                "TIE_AT_CUTOFF",
                rules.p("tie_revote_requires_majority"),
                Severity.WARN,
                subject="、".join(sel.tied),
                observed=next(p.votes for p in people if p.person == sel.tied[0]),
                limit=sel.revote_seats,
                post=office.label,
            )
        )
        return PostOutcome(
            office=office,
            seats=total_seats,
            status=PostStatus.TIE_REVOTE,
            elected=now,
            elected_this_round=sel.elected,
            revote=sel.tied,
            revote_seats=sel.revote_seats,
            standings=standings,
        )
    if sel.unfilled:
        trace.append(
            _finding(
                "SHORTFALL",
                rules.p("second_election_rule"),
                Severity.WARN,
                observed=len(now),
                limit=total_seats,
                post=office.label,
            )
        )
        cands = _second_candidates(
            office, standings, sel.unfilled, excluded | set(now), rules, trace
        )
        return PostOutcome(
            office=office,
            seats=total_seats,
            status=PostStatus.SHORTFALL,
            elected=now,
            elected_this_round=sel.elected,
            unfilled=sel.unfilled,
            second_election_candidates=cands,
            standings=standings,
        )
    return PostOutcome(
        office=office,
        seats=total_seats,
        status=PostStatus.COMPLETE,
        elected=now,
        elected_this_round=sel.elected,
        standings=standings,
    )


def _decide_revote(
    ctx: _Ctx,
    prev: PostOutcome,
    excluded: set[str],
    tally: Tally,
    turnout: Turnout,
    trace: list[Finding],
    thresholds: list[Threshold],
) -> PostOutcome:
    rules = ctx.rules
    office = prev.office
    p_tie = rules.p("tie_revote_requires_majority")
    threshold: Threshold | None = None
    if rules.b("tie_revote_requires_majority"):
        threshold = _majority(rules, turnout, tally, kind="REVOTE_MAJORITY")
        if threshold not in thresholds:
            thresholds.append(threshold)
    people = [p for p in _persons(office, tally, rules) if p.person not in excluded]
    sel = _select(people, prev.revote_seats, threshold)
    # Without a majority the elected are those with most votes: the findings say so, rather
    # than "needed 0".
    plurality = threshold is None
    limit = threshold.bound if threshold is not None else None
    lowest_elected = min((p.votes for p in people if p.person in sel.elected), default=None)
    standings = []
    for p in people:
        if p.person in sel.elected:
            result = StandingResult.ELECTED
            trace.append(
                _finding(
                    "ELECTED_MOST_VOTES" if plurality else "ELECTED",
                    p_tie,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=limit,
                    post=office.label,
                )
            )
        elif p.person in sel.tied:
            result = StandingResult.REVOTE
        elif p.person in sel.qualified:
            result = StandingResult.OUTRANKED
            trace.append(
                _finding(
                    "NOT_ELECTED_FEWER_VOTES" if plurality else "NOT_ELECTED_OUTRANKED",
                    p_tie,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=lowest_elected if plurality else limit,
                    post=office.label,
                )
            )
        else:
            result = StandingResult.BELOW_THRESHOLD
            trace.append(
                _finding(
                    "NOT_ELECTED_BELOW_THRESHOLD",
                    p_tie,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=limit,
                    post=office.label,
                )
            )
        standings.append(
            Standing(
                office=office,
                person=p.person,
                listed=p.listed,
                votes=p.votes,
                against=p.against,
                abstain=p.abstain,
                result=result,
            )
        )
    now = prev.elected + sel.elected
    fields: dict[str, Any] = {
        "elected": now,
        "elected_this_round": sel.elected,
        "revote": (),
        "revote_seats": 0,
        "revote_standings": standings,
        "status": PostStatus.COMPLETE,
    }
    if sel.tied:
        trace.append(
            _finding(
                "TIE_AT_CUTOFF",
                p_tie,
                Severity.WARN,
                subject="、".join(sel.tied),
                observed=next(p.votes for p in people if p.person == sel.tied[0]),
                limit=sel.revote_seats,
                post=office.label,
            )
        )
        fields.update(status=PostStatus.TIE_REVOTE, revote=sel.tied, revote_seats=sel.revote_seats)
    elif sel.unfilled:
        trace.append(
            _finding(
                "SHORTFALL",
                rules.p("second_election_rule"),
                Severity.WARN,
                observed=len(now),
                limit=prev.seats,
                post=office.label,
            )
        )
        cands = _second_candidates(
            office, prev.standings, sel.unfilled, excluded | set(now), rules, trace
        )
        fields.update(
            status=PostStatus.SHORTFALL, unfilled=sel.unfilled, second_election_candidates=cands
        )
    return attrs.evolve(prev, **fields)
