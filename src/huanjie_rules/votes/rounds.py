"""Rounds of an election: the first vote, the next round's paper, the round that follows.

:func:`decide` decides the first round, :func:`next_paper` gives the paper of the round an
outcome calls for, and :func:`decide_next` decides it (a tie re-vote, a 另行选举, or the same
vote held again).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._args import checked
from ..errors import RuleInputError, TallyMismatchError
from ..findings import Finding, Severity, _format_scalar
from ..model import Election, ElectionForm, NominationRoute, Office, Seat
from ..policy import Policy, profile_hint
from ._rules import _BASE_LABELS, FINDING_CODES, _Ctx, _finding, _Rules
from .counts import RoundCount, _split
from .outcome import NextStep, Outcome, OutcomeStatus, PostOutcome, PostStatus
from .paper import BallotEntry, BallotPaper, RoundKind, paper_for
from .posts import _decide_main, _decide_revote
from .tally import Tally, Turnout
from .thresholds import Threshold, VoidReason, _check_vote, _uncontested


def _status_options(
    rules: _Rules, posts: Sequence[PostOutcome], basis_round: RoundKind, trace: list[Finding]
) -> tuple[OutcomeStatus, tuple[NextStep, ...]]:
    options: list[NextStep] = []
    if any(p.status in (PostStatus.TIE_REVOTE, PostStatus.DEFERRED) for p in posts):
        options.append(NextStep.TIE_REVOTE)
    short = [p for p in posts if p.status is PostStatus.SHORTFALL]
    if short:
        if basis_round is RoundKind.FIRST or rules.b("second_election_repeatable"):
            options.append(NextStep.SECOND_ELECTION)
            if rules.has("second_election_within_days"):
                trace.append(
                    _finding(
                        "SECOND_ELECTION_DEADLINE",
                        rules.p("second_election_within_days"),
                        Severity.INFO,
                        limit=rules.i("second_election_within_days"),
                    )
                )
        else:
            for p in short:
                trace.append(
                    _finding(
                        "SEATS_REMAIN_UNFILLED",
                        rules.p("second_election_repeatable"),
                        Severity.INFO,
                        observed=p.unfilled,
                        post=p.office.label,
                    )
                )
        if rules.b("reduce_seats_allowed"):
            options.append(NextStep.REDUCE_SEATS)
            consent = rules.p("reduce_seats_consent_ratio")
            trace.append(
                _finding(
                    "REDUCE_SEATS_AVAILABLE",
                    consent,
                    Severity.INFO,
                    limit=f"{rules.f('reduce_seats_consent_ratio')} "
                    f"({rules.s('reduce_seats_consent_comparison')})",
                    base=_BASE_LABELS[rules.s("reduce_seats_consent_base")],
                )
            )
        if basis_round is RoundKind.SECOND_ELECTION and rules.has("vacancy_min_members"):
            members = sum(len(p.elected) for p in posts)
            minimum = rules.i("vacancy_min_members")
            if members >= minimum:
                options.append(NextStep.LEAVE_VACANT)
                trace.append(
                    _finding(
                        "LEAVE_VACANT_AVAILABLE",
                        rules.p("vacancy_min_members"),
                        Severity.INFO,
                        observed=members,
                        limit=minimum,
                    )
                )
    if NextStep.TIE_REVOTE in options:
        status = OutcomeStatus.NEEDS_REVOTE
    elif short:
        status = OutcomeStatus.SHORTFALL
    else:
        status = OutcomeStatus.COMPLETE
    return status, tuple(options)


@attrs.frozen
class _Prior:
    """Where an election stood before a round: each post, the tallies so far, the round on record.

    ``basis_index`` is None for a round decided on its own inputs (no earlier tally at hand).
    """

    posts: Mapping[Office, PostOutcome]
    tallies: tuple[Tally, ...]
    basis_round: RoundKind
    basis_index: int | None
    basis_turnout: Turnout | None


def _prior_of(outcome: Outcome) -> _Prior:
    return _Prior(
        posts={p.office: p for p in outcome.posts},
        tallies=outcome.tallies,
        basis_round=outcome.basis_round,
        basis_index=outcome.basis_index,
        basis_turnout=outcome.basis_turnout,
    )


def _form_rules(rules: _Rules, form: ElectionForm) -> list[Finding]:
    """An INFO finding for each ``votes.*`` parameter the election's form puts in place of another."""
    suffix = f"_{form.value.lower()}"
    found = []
    for param in rules.policy:
        name = param.name
        if not (name.startswith("votes.") and name.endswith(suffix)):
            continue
        base = name.removesuffix(suffix)
        replaced = rules.policy.param(base) if base in rules.policy else None
        found.append(
            param._finding(
                "FORM_SPECIFIC_RULE",
                FINDING_CODES["FORM_SPECIFIC_RULE"],
                Severity.INFO,
                observed=_shown(param.value),
                limit=_shown(replaced.value) if replaced is not None else None,
                extra={"form": form.label, "replaces": base, "rule": name},
            )
        )
    return found


def _shown(value: object) -> str | None:
    return None if value is None else _format_scalar(value)


def _round(
    ctx: _Ctx,
    *,
    kind: RoundKind,
    number: int,
    tally: Tally,
    turnout: Turnout,
    prior: _Prior | None,
) -> Outcome:
    rules = ctx.rules
    trace: list[Finding] = _form_rules(rules, ctx.form)
    thresholds: list[Threshold] = []
    void: list[VoidReason] = []
    if kind is RoundKind.FIRST:
        void.extend(_uncontested(tally.paper, rules, trace, ctx.self_nominated))
    void.extend(_check_vote(rules, tally, turnout, trace, thresholds, on=ctx.date))
    offices = rules.ordered(s.office for s in ctx.seats)
    seat_count = {s.office: s.count for s in ctx.seats}
    prev_posts = prior.posts if prior is not None else {}
    tallies = (*(prior.tallies if prior is not None else ()), tally)
    if void:
        posts = [
            prev_posts.get(o)
            or PostOutcome(
                office=o, seats=seat_count[o], status=PostStatus.VOID, unfilled=seat_count[o]
            )
            for o in offices
        ]
        keep = prior is not None and kind is not RoundKind.FIRST
        on_record = keep and prior is not None and prior.basis_index is not None
        return Outcome(
            election=ctx.election,
            policy_id=ctx.policy_id,
            regime=ctx.regime,
            form=ctx.form,
            round=kind,
            round_number=number,
            basis_round=prior.basis_round if keep and prior else RoundKind.FIRST,
            basis_index=prior.basis_index
            if on_record and prior and prior.basis_index is not None
            else len(tallies) - 1,
            status=OutcomeStatus.VOID,
            valid=False,
            void_reasons=void,
            posts=posts,
            thresholds=thresholds,
            options=(NextStep.HOLD_AGAIN,),
            turnout=turnout,
            basis_turnout=prior.basis_turnout
            if on_record and prior and prior.basis_turnout is not None
            else turnout,
            tallies=tallies,
            trace=trace,
            date=ctx.date,
        )
    if kind is RoundKind.TIE_REVOTE:
        assert prior is not None
        basis_round = prior.basis_round
        basis_index = len(tallies) - 1 if prior.basis_index is None else prior.basis_index
        basis_turnout = turnout if prior.basis_turnout is None else prior.basis_turnout
    else:
        basis_round = kind
        basis_index = len(tallies) - 1
        basis_turnout = turnout
    basis_tally = tallies[basis_index]
    new_posts: dict[Office, PostOutcome] = {}
    pending: set[str] = set()
    round_offices = set(tally.paper.offices)
    for office in offices:
        excluded: set[str] = set()
        for other in offices:
            if other is office:
                continue
            done = new_posts.get(other) or prev_posts.get(other)
            if done is not None:
                excluded.update(done.elected)
        prev = prev_posts.get(office)
        if kind is RoundKind.TIE_REVOTE:
            assert prev is not None
            if office in round_offices:
                post = _decide_revote(ctx, prev, excluded, tally, turnout, trace, thresholds)
            elif prev.status is PostStatus.DEFERRED:
                post = _decide_main(
                    ctx,
                    office,
                    prev.deferred_seats,
                    prev.elected,
                    excluded,
                    pending,
                    basis_tally,
                    basis_turnout,
                    basis_round,
                    trace,
                    thresholds,
                )
            else:
                post = prev
        elif office in round_offices:
            before = prev.elected if prev is not None and prev.status is not PostStatus.VOID else ()
            post = _decide_main(
                ctx,
                office,
                tally.paper._seats_for(office),
                before,
                excluded,
                pending,
                tally,
                turnout,
                kind,
                trace,
                thresholds,
            )
        else:
            assert prev is not None
            post = prev
        new_posts[office] = post
        if post.status is PostStatus.TIE_REVOTE:
            pending.update(post.revote)
    posts = [new_posts[o] for o in offices]
    status, options = _status_options(rules, posts, basis_round, trace)
    return Outcome(
        election=ctx.election,
        policy_id=ctx.policy_id,
        regime=ctx.regime,
        form=ctx.form,
        round=kind,
        round_number=number,
        basis_round=basis_round,
        basis_index=basis_index,
        status=status,
        valid=True,
        posts=posts,
        thresholds=thresholds,
        options=options,
        turnout=turnout,
        basis_turnout=basis_turnout,
        tallies=tallies,
        trace=trace,
        date=ctx.date,
    )


def _ctx_of(outcome: Outcome, policy: Policy) -> _Ctx:
    if policy.id != outcome.policy_id:
        raise RuleInputError(
            f"the outcome was decided under {outcome.policy_id!r}, not {policy.id!r}",
            code="POLICY_MISMATCH",
            path="policy",
        )
    return _Ctx(
        rules=_Rules(policy, outcome.form),
        election=outcome.election,
        policy_id=outcome.policy_id,
        regime=outcome.regime,
        form=outcome.form,
        seats=tuple(
            Seat(office=p.office, count=p.seats_reduced_from or p.seats) for p in outcome.posts
        ),
        date=outcome.date,
    )


def _check_policy(election: Election, policy: Policy) -> None:
    if policy.id != election.policy_id:
        raise RuleInputError(
            f"the election uses {election.policy_id!r}, not {policy.id!r}",
            code="POLICY_MISMATCH",
            path="policy",
        )
    if policy.regime is not election.regime:
        raise RuleInputError(
            f"{policy.id!r} is a {policy.regime.value} profile, the election is "
            f"{election.regime.value}: {profile_hint(policy, election.regime, election.date)}",
            code="POLICY_MISMATCH",
            path="policy",
        )


def _check_entitled(turnout: Turnout, entitled: int) -> None:
    """The round's entitled count against the election's (0 on the election: not recorded)."""
    if entitled and turnout.entitled != entitled:
        raise RuleInputError(
            f"turnout.entitled {turnout.entitled} is not the election's entitled_voters {entitled}",
            code="TURNOUT_MISMATCH",
            path="turnout.entitled",
        )
    if not turnout.entitled:
        raise RuleInputError(
            "nobody is entitled to vote: give the election's entitled_voters or the round's "
            "entitled count (RoundCount(entitled=...))",
            code="MISSING",
            path="turnout.entitled",
        )


def _election_ctx(election: Election, policy: Policy, seats: Sequence[Seat]) -> _Ctx:
    return _Ctx(
        rules=_Rules(policy, election.form),
        election=election.key,
        policy_id=policy.id,
        regime=election.regime,
        form=election.form,
        seats=tuple(seats),
        self_nominated=frozenset(
            s.office
            for s in election.seats
            if election.candidates_for(s.office)
            and all(c.nomination is NominationRoute.SELF for c in election.candidates_for(s.office))
        ),
        date=election.date,
    )


@checked
def decide(
    election: Election,
    counts: RoundCount | Tally,
    policy: Policy,
    *,
    turnout: Turnout | None = None,
) -> Outcome:
    """Decide the first round of ``election`` from its counts.

    In order: whether the candidates may be as few as the seats (等额, ``votes.uncontested_offices``);
    ballots returned against their base (``votes.reconcile_base``: ballots issued or voters; more
    → void, hold again); the quorum (``votes.quorum_*``); then per post, highest first, who has
    the majority (``votes.majority_*``: more than half of those present, entitled or voting —
    exactly half never wins), ranked by votes; a tie at the cut-off goes to a re-vote among the
    tied; fewer winners than seats gives a 另行选举 with its candidates, and the options the
    profile allows (reducing the seats with consent).

    Args:
        election: the election (its ``policy_id`` must be ``policy``'s).
        counts: the round's :class:`RoundCount` (head counts, ballots and votes in one value),
            or the :class:`Tally` of :func:`paper_for`'s paper (merged from every box) with its
            ``turnout``.
        policy: the profile.
        turnout: with a tally only: who was entitled, present and voting.

    The round's entitled count must equal the election's ``entitled_voters`` (a
    :class:`RoundCount` takes it from there unless it says otherwise); an election built without
    it (``entitled_voters=0``) takes the round's.

    Returns:
        The :class:`Outcome`; continue with :func:`decide_next`, :func:`reduce_seats` or
        :func:`leave_vacant` as its ``options`` allow.

    Raises:
        RuleInputError: the policy or turnout does not fit the election, or the counts are
            impossible.
        TallyMismatchError: the tally is of another paper.

    Legal basis:
        选举法 第四十四条、第四十五条; 《村民委员会组织法》第十五条; the party election rules
        (PB20/PB90, PL20/PL94) as the profile cites them.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules import Gender, Office, Person, build_election, load_policy
        >>> policy = load_policy("npc-2020")
        >>> people = [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
        ...           for n in ("甲", "乙")]
        >>> e = build_election(policy, date=dt.date(2021, 11, 1),
        ...     seats={Office.NPC_DEPUTY: 1}, candidates=people, entitled_voters=1000)
        >>> o = decide(e, RoundCount(voted=800, for_votes={"甲": 400, "乙": 390}), policy)
        >>> o.status.value, o.post(Office.NPC_DEPUTY).second_election_candidates
        ('SHORTFALL', ('甲', '乙'))
    """
    _check_policy(election, policy)
    if isinstance(counts, RoundCount) and counts.entitled is None and not election.entitled_voters:
        raise RuleInputError(
            "the election has no entitled_voters: give the round's (RoundCount(entitled=...))",
            code="MISSING",
            path="counts.entitled",
        )
    paper = paper_for(election, policy)
    tally, turnout = _split(counts, turnout, paper, election.entitled_voters)
    _check_entitled(turnout, election.entitled_voters)
    if tally.paper != paper:
        raise TallyMismatchError(
            "the tally is not of this election's first-round ballot paper", path="tally.paper"
        )
    ctx = _election_ctx(election, policy, paper.seats)
    return _round(ctx, kind=RoundKind.FIRST, number=1, tally=tally, turnout=turnout, prior=None)


_STEP_OF = {
    RoundKind.TIE_REVOTE: NextStep.TIE_REVOTE,
    RoundKind.SECOND_ELECTION: NextStep.SECOND_ELECTION,
}


@checked
def next_paper(outcome: Outcome, policy: Policy, *, kind: RoundKind | None = None) -> BallotPaper:
    """The ballot paper of the next round: a re-vote among the tied, a 另行选举, or the same vote again.

    After a void vote the same paper is used again. Otherwise ``kind`` defaults to the tie
    re-vote when one is pending, else the 另行选举. The re-vote lists only the tied people for
    the remaining seats (write-ins as ``votes.tie_revote_writeins_allowed`` says); the 另行选举
    lists its candidates for the unfilled seats.

    Raises:
        RuleInputError: the outcome's options do not include that round (code
            ``OPTION_NOT_AVAILABLE``), or nothing is left to decide (``NOTHING_TO_DECIDE``).

    Legal basis:
        选举法 第四十五条第三、四款; 《村民委员会组织法》第十五条第二款.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import (BodyKind, Candidate, Election, ElectionForm,
        ...     Gender, Level, Office, Person, Regime, Seat)
        >>> from huanjie_rules.policy import load_policy
        >>> people = [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
        ...           for n in ("甲", "乙", "丙")]
        >>> e = Election(key="b", regime=Regime.PARTY_BASIC, policy_id="party-basic-2020",
        ...     body=BodyKind.BRANCH, level=Level.VILLAGE, form=ElectionForm.MEMBERS_ASSEMBLY,
        ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.MEMBER, count=2)],
        ...     entitled_voters=20,
        ...     candidates=[Candidate(person=p, office=Office.MEMBER) for p in people])
        >>> policy = load_policy("party-basic-2020")
        >>> t = Tally.from_counts(paper_for(e, policy), issued=19, returned=19,
        ...                       for_votes={"甲": 15, "乙": 10, "丙": 10})
        >>> o = decide(e, t, policy, turnout=Turnout(entitled=20, present=19))
        >>> p = next_paper(o, policy)
        >>> p.round.value, [x.person for x in p.entries], p.seats[0].count
        ('TIE_REVOTE', ['乙', '丙'], 1)
    """
    rules = _Rules(policy, outcome.form)
    _ctx_of(outcome, policy)
    if outcome.status is OutcomeStatus.VOID:
        last = outcome.tallies[-1].paper
        return attrs.evolve(last, round_number=outcome.round_number + 1)
    if kind is None:
        if NextStep.TIE_REVOTE in outcome.options:
            kind = RoundKind.TIE_REVOTE
        elif NextStep.SECOND_ELECTION in outcome.options:
            kind = RoundKind.SECOND_ELECTION
        else:
            raise RuleInputError(
                "no re-vote or 另行选举 is pending", code="NOTHING_TO_DECIDE", path="outcome"
            )
    step = _STEP_OF.get(kind)
    if step is None or step not in outcome.options:
        raise RuleInputError(
            f"a {kind.value} round is not among this outcome's options",
            code="OPTION_NOT_AVAILABLE",
            path="kind",
        )
    if kind is RoundKind.TIE_REVOTE:
        posts = [p for p in outcome.posts if p.status is PostStatus.TIE_REVOTE]
        seats = [Seat(office=p.office, count=p.revote_seats) for p in posts]
        entries = [BallotEntry(office=p.office, person=n) for p in posts for n in p.revote]
        writeins = rules.b("tie_revote_writeins_allowed")
    else:
        posts = [p for p in outcome.posts if p.status is PostStatus.SHORTFALL]
        seats = [Seat(office=p.office, count=p.unfilled) for p in posts]
        entries = [
            BallotEntry(office=p.office, person=n)
            for p in posts
            for n in p.second_election_candidates
        ]
        writeins = rules.s("writein_rule") != "NONE"
    return BallotPaper(
        election=outcome.election,
        form=outcome.form,
        round=kind,
        round_number=outcome.round_number + 1,
        seats=seats,
        entries=entries,
        writeins_allowed=writeins,
    )


@checked
def decide_next(
    previous: Outcome,
    counts: RoundCount | Tally,
    policy: Policy,
    *,
    turnout: Turnout | None = None,
    kind: RoundKind | None = None,
) -> Outcome:
    """Decide the round that follows ``previous``: the tie re-vote, the 另行选举, or a vote held again.

    With a :class:`RoundCount` the round is :func:`next_paper`'s (``kind`` as there: the tie
    re-vote when one is pending, else the 另行选举) and its ``entitled`` defaults to the previous
    round's. With a :class:`Tally` the round is the one ``tally.paper`` is for, which must be
    :func:`next_paper`'s paper of that kind. A tie re-vote fills the re-vote seats by most votes
    (with a majority too, if ``votes.tie_revote_requires_majority``); a 另行选举 fills the
    unfilled seats by the majority or, in people's congress and village elections, by most votes
    with at least the floor (``votes.second_election_floor``: 1/3 of ballots cast, inclusive).

    Raises:
        TallyMismatchError: the tally is not of the next round's paper.
        RuleInputError: that round is not among the outcome's options, another profile, or a
            different electorate (``TURNOUT_MISMATCH``).

    Legal basis:
        选举法 第四十五条; 《村民委员会组织法》第十五条; the party rules on 另行选举.

    Example:
        See ``docs/votes.md`` for an election walked through every round.

        >>> decide_next.__name__
        'decide_next'
    """
    ctx = _ctx_of(previous, policy)
    if isinstance(counts, RoundCount):
        paper = next_paper(previous, policy, kind=kind)
        tally, turnout = _split(counts, turnout, paper, previous.turnout.entitled)
    else:
        tally, turnout = _split(counts, turnout, previous.tallies[-1].paper, 0)
    for field in ("entitled", "excluded"):
        before, now = getattr(previous.turnout, field), getattr(turnout, field)
        if before != now:
            raise RuleInputError(
                f"turnout.{field} {now} differs from the previous round's {before}: every round "
                "of one election has the same electorate",
                code="TURNOUT_MISMATCH",
                path=f"turnout.{field}",
            )
    if kind is not None and kind is not tally.paper.round:
        raise TallyMismatchError(
            f"the tally is of a {tally.paper.round.value} round, not {kind.value}",
            path="tally.paper",
        )
    try:
        expected = next_paper(previous, policy, kind=tally.paper.round)
    except RuleInputError as exc:
        raise TallyMismatchError(
            f"the tally is of a round the outcome does not call for: {exc.message}",
            path="tally.paper",
        ) from exc
    if tally.paper != expected:
        raise TallyMismatchError(
            "the tally is not of the next round's ballot paper", path="tally.paper"
        )
    return _round(
        ctx,
        kind=tally.paper.round,
        number=tally.paper.round_number,
        tally=tally,
        turnout=turnout,
        prior=_prior_of(previous),
    )
