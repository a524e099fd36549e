"""Ending a shortfall the profile's other ways.

:func:`reduce_seats` reduces the seats with the electors' consent; :func:`leave_vacant` leaves
posts vacant where the profile allows it after a 另行选举.
"""

from __future__ import annotations

import attrs

from .._args import checked
from ..errors import RuleInputError
from ..findings import Severity
from ..policy import Policy
from ._rules import _finding
from .outcome import NextStep, Outcome, OutcomeStatus, PostStatus
from .rounds import _ctx_of, _status_options
from .thresholds import _base_count, _threshold


@checked
def reduce_seats(
    outcome: Outcome, policy: Policy, *, consent: int | None = None, by_presidium: bool = False
) -> Outcome:
    """Reduce the seats of the posts short of winners to the number elected, if the electors consent.

    The library never judges whether the elected are "close to" the number of seats (接近应选
    名额): that is the electors' call. It offers the option (``NextStep.REDUCE_SEATS``) whenever
    the profile allows it and records the consent against the profile's threshold
    (``votes.reduce_seats_consent_*``). Where the profile lets the presidium decide
    (``votes.reduce_seats_by_presidium``), pass ``by_presidium=True`` instead of a consent count.

    Args:
        outcome: an outcome whose options include ``REDUCE_SEATS``.
        policy: the profile.
        consent: how many electors consented.
        by_presidium: the presidium (大会主席团) decided.

    Returns:
        With consent: the outcome with those posts complete at their reduced seats. Without
        enough consent: the same outcome with a ``REDUCE_SEATS_REFUSED`` finding and the consent
        threshold recorded.

    Raises:
        RuleInputError: the option is not available, or the consent count is missing or
            impossible.

    Legal basis:
        the party rules on 减少名额 (handbooks: 经半数以上选举人同意或者大会主席团决定; seed 000:126).

    Example:
        See ``docs/votes.md``.

        >>> reduce_seats.__name__
        'reduce_seats'
    """
    ctx = _ctx_of(outcome, policy)
    rules = ctx.rules
    if NextStep.REDUCE_SEATS not in outcome.options:
        raise RuleInputError(
            "reducing the seats is not among this outcome's options",
            code="OPTION_NOT_AVAILABLE",
            path="outcome",
        )
    trace = list(outcome.trace)
    thresholds = list(outcome.thresholds)
    if by_presidium:
        if not rules.b("reduce_seats_by_presidium"):
            raise RuleInputError(
                "this profile does not let the presidium reduce the seats",
                code="OPTION_NOT_AVAILABLE",
                path="by_presidium",
            )
        code = "REDUCE_SEATS_BY_PRESIDIUM"
        param = rules.p("reduce_seats_by_presidium")
    else:
        if consent is None:
            raise RuleInputError(
                "say how many electors consented", code="CONSENT_REQUIRED", path="consent"
            )
        if isinstance(consent, bool) or not isinstance(consent, int):
            raise RuleInputError(
                f"consent is a number of electors, got {type(consent).__name__}",
                code="TYPE",
                path="consent",
            )
        base_kind = rules.s("reduce_seats_consent_base")
        base = _base_count(base_kind, outcome.turnout, outcome.tallies[-1])
        if not 0 <= consent <= base:
            raise RuleInputError(
                f"consent {consent} is outside 0..{base} ({base_kind})",
                code="CONSENT_OUT_OF_RANGE",
                path="consent",
            )
        param = rules.p("reduce_seats_consent_ratio")
        th = _threshold(
            "CONSENT",
            base_kind,
            base,
            rules.f("reduce_seats_consent_ratio"),
            rules.s("reduce_seats_consent_comparison"),
            param,
            consent,
        )
        thresholds.append(th)
        if not th.met:
            trace.append(
                _finding(
                    "REDUCE_SEATS_REFUSED", param, Severity.INFO, observed=consent, limit=th.bound
                )
            )
            return attrs.evolve(outcome, thresholds=thresholds, trace=trace)
        code = "REDUCE_SEATS_CONSENTED"
    posts = []
    for p in outcome.posts:
        if p.status is PostStatus.SHORTFALL:
            reduced = len(p.elected)
            trace.append(
                _finding(
                    code,
                    param,
                    Severity.INFO,
                    observed=consent if consent is not None else 0,
                    limit=thresholds[-1].bound if code == "REDUCE_SEATS_CONSENTED" else 0,
                    post=p.office.label,
                    seats=reduced,
                )
            )
            p = attrs.evolve(
                p,
                seats=reduced,
                seats_reduced_from=p.seats_reduced_from or p.seats,
                unfilled=0,
                status=PostStatus.COMPLETE,
                second_election_candidates=(),
            )
        posts.append(p)
    status, options = _status_options(rules, posts, outcome.basis_round, trace)
    return attrs.evolve(
        outcome, posts=posts, status=status, options=options, thresholds=thresholds, trace=trace
    )


@checked
def leave_vacant(outcome: Outcome, policy: Policy) -> Outcome:
    """Leave the unfilled posts vacant, where the profile allows it after a 另行选举.

    Zhejiang: after the 另行选举, if at least three members are elected, the posts still unfilled
    may stay vacant (``votes.vacancy_min_members``). The vacant seats stay in ``unfilled``; the
    outcome becomes complete.

    Raises:
        RuleInputError: the option is not available.

    Legal basis:
        《浙江省村民委员会选举办法》第三十条.

    Example:
        See ``docs/votes.md``.

        >>> leave_vacant.__name__
        'leave_vacant'
    """
    ctx = _ctx_of(outcome, policy)
    rules = ctx.rules
    if NextStep.LEAVE_VACANT not in outcome.options:
        raise RuleInputError(
            "leaving posts vacant is not among this outcome's options",
            code="OPTION_NOT_AVAILABLE",
            path="outcome",
        )
    trace = list(outcome.trace)
    posts = []
    for p in outcome.posts:
        if p.status is PostStatus.SHORTFALL:
            trace.append(
                _finding(
                    "VACANCY_ACCEPTED",
                    rules.p("vacancy_min_members"),
                    Severity.INFO,
                    observed=p.unfilled,
                    post=p.office.label,
                )
            )
            p = attrs.evolve(p, status=PostStatus.COMPLETE, second_election_candidates=())
        posts.append(p)
    others = [p for p in posts if p.status is not PostStatus.COMPLETE]
    options = (NextStep.TIE_REVOTE,) if others else ()
    status = OutcomeStatus.NEEDS_REVOTE if others else OutcomeStatus.COMPLETE
    return attrs.evolve(outcome, posts=posts, status=status, options=options, trace=trace)
