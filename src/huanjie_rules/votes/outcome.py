"""What a round decided, and what may come next.

Per person (:class:`Standing`), per post (:class:`PostOutcome`), for the whole election
(:class:`Outcome`), and the steps the rules allow next (:class:`NextStep`).
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterable

import attrs

from .._args import checked
from .._base import LabeledEnum, Model, to_tuple
from ..errors import Problem, RuleInputError
from ..findings import Finding
from ..model import ElectionForm, Office, Regime
from ._rules import _nonneg
from .paper import RoundKind
from .tally import Tally, Turnout
from .thresholds import Threshold, VoidReason


def _void_reasons(value: object) -> object:
    items = to_tuple(value)
    if not isinstance(items, tuple):
        return items
    return tuple(
        VoidReason(x) if isinstance(x, str) and x in VoidReason._value2member_map_ else x
        for x in items
    )


class OutcomeStatus(LabeledEnum):
    """Where an election stands after a round."""

    COMPLETE = ("COMPLETE", "选举完成", ("选足",))
    NEEDS_REVOTE = ("NEEDS_REVOTE", "须再次投票", ())
    SHORTFALL = ("SHORTFALL", "当选人数不足应选名额", ("未选足",))
    VOID = ("VOID", "选举无效", ("无效",))


class PostStatus(LabeledEnum):
    """Where one post stands after a round."""

    COMPLETE = ("COMPLETE", "已选足", ())
    TIE_REVOTE = ("TIE_REVOTE", "须就票数相等者再次投票", ())
    SHORTFALL = ("SHORTFALL", "未选足", ())
    DEFERRED = ("DEFERRED", "待较高职务确定", ())
    VOID = ("VOID", "本轮无效", ())


class StandingResult(LabeledEnum):
    """What a round gave one person for one post."""

    ELECTED = ("ELECTED", "当选", ())
    REVOTE = ("REVOTE", "票数相等，再次投票", ())
    OUTRANKED = ("OUTRANKED", "达到票数但名额已满", ())
    BELOW_THRESHOLD = ("BELOW_THRESHOLD", "未达到当选票数", ())
    ELECTED_ELSEWHERE = ("ELECTED_ELSEWHERE", "已当选其他职务", ())
    PENDING = ("PENDING", "待定", ())


class NextStep(LabeledEnum):
    """What the rules allow next."""

    HOLD_AGAIN = ("HOLD_AGAIN", "重新选举", ())
    TIE_REVOTE = ("TIE_REVOTE", "再次投票", ())
    SECOND_ELECTION = ("SECOND_ELECTION", "另行选举", ())
    REDUCE_SEATS = ("REDUCE_SEATS", "减少名额", ())
    LEAVE_VACANT = ("LEAVE_VACANT", "职位空缺", ())


@attrs.frozen(kw_only=True)
class Standing(Model):
    """One person's result for one post in the round on record.

    ``votes`` are the 赞成 votes counted for the post (with a higher post's votes added where the
    profile counts them downward, ``votes.cumulative_posts``).
    """

    office: Office
    person: str
    listed: bool
    votes: int
    against: int = 0
    abstain: int = 0
    result: StandingResult


@attrs.frozen(kw_only=True)
class PostOutcome(Model):
    """Where one post stands after a round.

    Attributes:
        office: the post.
        seats: its seats (after any reduction).
        status: complete, tie re-vote, shortfall, deferred or void.
        elected: everyone elected to it so far, in order (earlier rounds first, then by votes;
            people with equal votes who are all elected in ballot-paper order).
        elected_this_round: those elected in this round.
        unfilled: seats left for a 另行选举 (or to stay vacant, or to be reduced).
        revote: the people tied at the cut-off, who go to a re-vote.
        revote_seats: the seats the re-vote fills.
        deferred_seats: seats waiting for a higher post's re-vote.
        second_election_candidates: the 另行选举 candidates, by first-round votes.
        standings: everyone's result in the round on record (the first vote or the 另行选举).
        revote_standings: results of the latest tie re-vote, if any.
        seats_reduced_from: the original seats, if they were reduced.
    """

    office: Office
    seats: int
    status: PostStatus
    elected: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    elected_this_round: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    unfilled: int = 0
    revote: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    revote_seats: int = 0
    deferred_seats: int = 0
    second_election_candidates: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    standings: tuple[Standing, ...] = attrs.field(default=(), converter=to_tuple)
    revote_standings: tuple[Standing, ...] = attrs.field(default=(), converter=to_tuple)
    seats_reduced_from: int | None = None

    def _checks(self) -> Iterable[Problem]:
        for name in ("seats", "unfilled", "revote_seats", "deferred_seats"):
            yield from _nonneg(getattr(self, name), name)
        total = len(self.elected) + self.unfilled + self.revote_seats + self.deferred_seats
        if total != self.seats:
            yield Problem(
                "CONSERVATION",
                "seats",
                f"elected {len(self.elected)} + unfilled {self.unfilled} + re-vote "
                f"{self.revote_seats} + deferred {self.deferred_seats} is not {self.seats}",
            )
        if len(set(self.elected)) != len(self.elected):
            yield Problem("DUPLICATE", "elected", "someone is elected twice")
        if self.revote and len(self.revote) <= self.revote_seats:
            yield Problem("INCONSISTENT", "revote", "a re-vote needs more people than seats")


@attrs.frozen(kw_only=True)
class Outcome(Model):
    """What a round decided, and what may come next.

    Attributes:
        election: the election's key.
        policy_id: the profile applied.
        regime: the body of rules.
        form: how the electors met.
        round: which vote this was.
        round_number: the count of votes held so far.
        basis_round: the round whose standings are on record (the first vote or a 另行选举).
        basis_index: the index in ``tallies`` of that round's tally.
        status: complete, needs a re-vote, shortfall, or void.
        valid: False when the vote is void (``void_reasons`` says why).
        void_reasons: what voided the vote (each equal to the code of the finding saying so;
            plain codes given here are read as :class:`VoidReason`).
        posts: each post's result, highest post first.
        thresholds: every threshold applied, with base and value.
        options: what the rules allow next (empty: nothing more in this election).
        turnout: this round's turnout.
        basis_turnout: the turnout of the round on record.
        tallies: the tally of every round so far.
        trace: every step, each a finding with rule id and citation.
        date: election day, where the rules depend on it (a rule in force from a date); None
            in outcomes read from records that lack it.
    """

    election: str
    policy_id: str
    regime: Regime
    form: ElectionForm
    round: RoundKind
    round_number: int
    basis_round: RoundKind
    basis_index: int = 0
    status: OutcomeStatus
    valid: bool
    void_reasons: tuple[VoidReason, ...] = attrs.field(default=(), converter=_void_reasons)
    posts: tuple[PostOutcome, ...] = attrs.field(converter=to_tuple)
    thresholds: tuple[Threshold, ...] = attrs.field(default=(), converter=to_tuple)
    options: tuple[NextStep, ...] = attrs.field(default=(), converter=to_tuple)
    turnout: Turnout
    basis_turnout: Turnout
    tallies: tuple[Tally, ...] = attrs.field(converter=to_tuple)
    trace: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)
    date: _dt.date | None = None

    @property
    def winners(self) -> tuple[tuple[Office, str], ...]:
        """Everyone elected so far, as (post, person) pairs, highest post first.

        (A post's :attr:`PostOutcome.elected` holds the names elected to that post alone.)
        """
        return tuple((p.office, person) for p in self.posts for person in p.elected)

    @property
    def elected(self) -> tuple[tuple[Office, str], ...]:
        """Deprecated alias of :attr:`winners` (it holds (post, person) pairs, unlike
        :attr:`PostOutcome.elected`); to be removed in the next minor version."""
        warnings.warn(
            "Outcome.elected is deprecated: use Outcome.winners ((post, person) pairs) or "
            "Outcome.post(office).elected (names)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.winners

    @checked
    def post(self, office: Office) -> PostOutcome:
        """The result of ``office``."""
        for p in self.posts:
            if p.office is office:
                return p
        raise RuleInputError(
            f"{office.value} is not a post of this election", code="UNKNOWN_OFFICE", path="office"
        )

    def _checks(self) -> Iterable[Problem]:
        if self.valid == bool(self.void_reasons):
            yield Problem("INCONSISTENT", "valid", "a void outcome needs reasons, a valid one none")
        if (self.status is OutcomeStatus.VOID) == self.valid:
            yield Problem("INCONSISTENT", "status", "VOID exactly when not valid")
        if not self.tallies:
            yield Problem("EMPTY", "tallies", "an outcome records the tally it came from")
        elif not 0 <= self.basis_index < len(self.tallies):
            yield Problem("RANGE", "basis_index", "must point into tallies")
