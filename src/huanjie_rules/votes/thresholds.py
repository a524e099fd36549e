"""Thresholds and the validity of a vote.

Ballots returned against their base, the quorum, the majority, the 另行选举 floor and the
uncontested (等额) check, each an exact :class:`Threshold` or a finding.
"""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction

import attrs

from .._args import checked
from .._base import LabeledEnum, Model
from ..errors import RuleInputError
from ..findings import Finding, Severity
from ..model import Office
from ..policy import Parameter
from ._rules import _BASE_LABELS, _broken, _finding, _Rules
from .paper import BallotPaper
from .tally import Tally, Turnout


class VoidReason(str, LabeledEnum):
    """Why a vote is void; each is also the code of the finding that says so.

    A ``str`` as well, equal to its code (``VoidReason.QUORUM_NOT_MET == "QUORUM_NOT_MET"``), so
    code written against the plain codes keeps working.
    """

    BALLOTS_EXCEED_BASE = (
        "BALLOTS_EXCEED_BASE",
        "收回的选票多于发出的选票或投票人数",
        ("选票多于投票人数", "收回选票多于发出选票"),
    )
    QUORUM_NOT_MET = ("QUORUM_NOT_MET", "到会或投票人数未达到规定比例", ("不足法定人数",))
    UNCONTESTED_NOT_ALLOWED = (
        "UNCONTESTED_NOT_ALLOWED",
        "候选人数未多于应选名额（须差额选举）",
        ("等额选举", "未实行差额"),
    )

    def __new__(cls, value: str, label: str = "", aliases: tuple[str, ...] = ()) -> VoidReason:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        obj.aliases = aliases
        return obj


@attrs.frozen(kw_only=True)
class Threshold(Model):
    """One threshold a round applied, exactly: ``observed`` against ``ratio × base``.

    Attributes:
        kind: ``RECONCILE`` (ballots returned ≤ base), ``QUORUM``, ``MAJORITY``, ``FLOOR``
            (the 另行选举 floor), ``REVOTE_MAJORITY`` or ``CONSENT``.
        base_kind: what the base counts (``ISSUED``, ``VOTERS``, ``PRESENT``, ``ENTITLED``,
            ``BALLOTS_CAST``, ``VALID_BALLOTS``).
        base: the base.
        ratio: the ratio applied to the base.
        comparison: ``STRICT`` (超过: ``observed > ratio × base``), ``INCLUSIVE`` (不少于/以上:
            ``>=``) or ``AT_MOST`` (等于或者少于: ``<=``).
        value: ``ratio × base``, exact.
        bound: the least whole count that meets a STRICT or INCLUSIVE threshold, or the most that
            meets an AT_MOST one.
        observed: the count compared (``None`` for per-candidate thresholds).
        met: whether it was met (``None`` for per-candidate thresholds).
        parameter: the profile parameter that set the ratio.
    """

    kind: str
    base_kind: str
    base: int
    ratio: Fraction
    comparison: str
    value: Fraction
    bound: int
    observed: int | None = None
    met: bool | None = None
    parameter: str

    @checked
    def meets(self, count: int) -> bool:
        """Whether ``count`` meets this threshold (integer arithmetic only)."""
        return _meets(count, self.base, self.ratio, self.comparison)


def _meets(count: int, base: int, ratio: Fraction, comparison: str) -> bool:
    lhs = count * ratio.denominator
    rhs = ratio.numerator * base
    if comparison == "STRICT":
        return lhs > rhs
    if comparison == "INCLUSIVE":
        return lhs >= rhs
    return lhs <= rhs


def _bound(base: int, ratio: Fraction, comparison: str) -> int:
    num = ratio.numerator * base
    if comparison == "STRICT":
        return num // ratio.denominator + 1
    if comparison == "INCLUSIVE":
        return -(-num // ratio.denominator)
    return num // ratio.denominator


def _threshold(
    kind: str,
    base_kind: str,
    base: int,
    ratio: Fraction,
    comparison: str,
    parameter: Parameter,
    observed: int | None = None,
) -> Threshold:
    return Threshold(
        kind=kind,
        base_kind=base_kind,
        base=base,
        ratio=ratio,
        comparison=comparison,
        value=ratio * base,
        bound=_bound(base, ratio, comparison),
        observed=observed,
        met=None if observed is None else _meets(observed, base, ratio, comparison),
        parameter=parameter.name,
    )


def _base_count(kind: str, turnout: Turnout, tally: Tally) -> int:
    return {
        "ISSUED": tally.ballots_issued,
        "VOTERS": turnout.voters,
        "PRESENT": turnout.present,
        "ENTITLED": turnout.effective_entitled,
        "BALLOTS_CAST": tally.ballots_returned,
        "VALID_BALLOTS": tally.valid_ballots,
    }[kind]


def _majority(rules: _Rules, turnout: Turnout, tally: Tally, kind: str = "MAJORITY") -> Threshold:
    base_kind = rules.s("majority_base")
    return _threshold(
        kind,
        base_kind,
        _base_count(base_kind, turnout, tally),
        rules.f("majority_ratio"),
        rules.s("majority_comparison"),
        rules.p("majority_ratio"),
    )


def _floor(rules: _Rules, turnout: Turnout, tally: Tally) -> Threshold:
    base_kind = rules.s("second_election_floor_base")
    return _threshold(
        "FLOOR",
        base_kind,
        _base_count(base_kind, turnout, tally),
        rules.f("second_election_floor"),
        rules.s("second_election_floor_comparison"),
        rules.p("second_election_floor"),
    )


def _counts_that_cannot_be(rec_kind: str, tally: Tally, turnout: Turnout) -> None:
    """Refuse a round whose ballots and turnout contradict each other whatever the rules say.

    Where the profile checks ballots returned against ballots issued (``ISSUED``), more returned
    than issued is the rule's own void case and is left to it. Elsewhere the law compares the
    ballots with the voters, and a count of more ballots returned than issued, or more voters
    than ballots issued, is an error in the record, not an election result: no rule can decide
    on it.
    """
    if rec_kind != "ISSUED" and tally.ballots_returned > tally.ballots_issued:
        raise RuleInputError(
            f"{tally.ballots_returned} ballots returned but {tally.ballots_issued} issued: the "
            "count record contradicts itself",
            code="RETURNED_EXCEEDS_ISSUED",
            path="tally.ballots_returned",
        )
    if turnout.voted is not None and turnout.voted > tally.ballots_issued:
        raise RuleInputError(
            f"{turnout.voted} voted but {tally.ballots_issued} ballots were issued",
            code="VOTERS_EXCEED_ISSUED",
            path="turnout.voted",
        )


def _check_vote(
    rules: _Rules,
    tally: Tally,
    turnout: Turnout,
    trace: list[Finding],
    thresholds: list[Threshold],
    *,
    on: _dt.date | None = None,
) -> list[VoidReason]:
    """Reconciliation and quorum: the reasons the vote is void (empty if it stands).

    A profile whose quorum took effect during its span says from when (``votes.quorum_from``,
    per form): an election before that day has no quorum (``QUORUM_NOT_IN_FORCE``, INFO). An
    outcome without a date (an old record) takes the quorum.
    """
    void: list[VoidReason] = []
    if turnout.excluded and not rules.b("exclusions_allowed"):
        raise RuleInputError(
            "this profile has no approved exclusions from the entitled count",
            code="EXCLUSIONS_NOT_ALLOWED",
            path="turnout.excluded",
        )
    p_rec = rules.p("reconcile_base")
    rec_kind = rules.s("reconcile_base")
    _counts_that_cannot_be(rec_kind, tally, turnout)
    rec = _threshold(
        "RECONCILE",
        rec_kind,
        _base_count(rec_kind, turnout, tally),
        Fraction(1),
        "AT_MOST",
        p_rec,
        tally.ballots_returned,
    )
    thresholds.append(rec)
    code = "BALLOTS_RECONCILED" if rec.met else "BALLOTS_EXCEED_BASE"
    trace.append(
        _finding(
            code,
            p_rec,
            Severity.INFO if rec.met else _broken(p_rec),
            observed=tally.ballots_returned,
            limit=rec.base,
            base=_BASE_LABELS[rec_kind],
        )
    )
    if not rec.met:
        void.append(VoidReason(code))
    if on is not None and rules.has("quorum_from"):
        p_from = rules.p("quorum_from")
        start = p_from.value
        if isinstance(start, _dt.date) and on < start:
            trace.append(
                _finding(
                    "QUORUM_NOT_IN_FORCE",
                    p_from,
                    Severity.INFO,
                    observed=on.isoformat(),
                    limit=start.isoformat(),
                )
            )
            return void
    p_ratio = rules.p("quorum_ratio")
    measure_kind = rules.s("quorum_measure")
    measure = turnout.present if measure_kind == "PRESENT" else turnout.voters
    quorum = _threshold(
        "QUORUM",
        "ENTITLED",
        turnout.effective_entitled,
        rules.f("quorum_ratio"),
        rules.s("quorum_comparison"),
        p_ratio,
        measure,
    )
    thresholds.append(quorum)
    code = "QUORUM_MET" if quorum.met else "QUORUM_NOT_MET"
    trace.append(
        _finding(
            code,
            p_ratio,
            Severity.INFO if quorum.met else _broken(p_ratio),
            observed=measure,
            limit=quorum.bound,
            measure=_BASE_LABELS[measure_kind],
            base=quorum.base,
            ratio=f"{quorum.ratio} ({rules.s('quorum_comparison')})",
        )
    )
    if not quorum.met:
        void.append(VoidReason(code))
    return void


def _uncontested(
    paper: BallotPaper,
    rules: _Rules,
    trace: list[Finding],
    self_nominated: frozenset[Office] = frozenset(),
) -> list[VoidReason]:
    p = rules.p("uncontested_offices")
    allowed = rules.strs("uncontested_offices")
    self_ok = rules.has("self_nomination_direct_election") and rules.b(
        "self_nomination_direct_election"
    )
    void: list[VoidReason] = []
    for office in paper.offices:
        n = sum(1 for e in paper.entries if e.office is office)
        seats = paper._seats_for(office)
        if n > seats:
            continue
        if self_ok and office in self_nominated:
            trace.append(
                _finding(
                    "SELF_NOMINATION_NO_MARGIN",
                    rules.p("self_nomination_direct_election"),
                    Severity.INFO,
                    observed=n,
                    limit=seats,
                    post=office.label,
                )
            )
        elif office.value in allowed:
            trace.append(
                _finding(
                    "UNCONTESTED_ALLOWED",
                    p,
                    Severity.INFO,
                    observed=n,
                    limit=seats,
                    post=office.label,
                )
            )
        else:
            trace.append(
                _finding(
                    "UNCONTESTED_NOT_ALLOWED",
                    p,
                    _broken(p),
                    observed=n,
                    limit=seats,
                    post=office.label,
                )
            )
            if VoidReason.UNCONTESTED_NOT_ALLOWED not in void:
                void.append(VoidReason.UNCONTESTED_NOT_ALLOWED)
    return void
