"""A 另行选举 or a tie re-vote (再次投票) decided from its own inputs.

:func:`~huanjie_rules.votes.decide_next` continues an :class:`~huanjie_rules.votes.Outcome` the
library decided. When the first round was decided elsewhere (on paper, by another system), the
follow-up round is decided here from what it needs: who stands, for how many seats, who is
already elected, and the round's counts. The result is an ordinary
:class:`~huanjie_rules.votes.Outcome` of the posts in that round; later rounds follow it with
:func:`~huanjie_rules.votes.next_paper` and :func:`~huanjie_rules.votes.decide_next`.

The outcome holds only the posts voted on in that round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._args import checked
from ..errors import RuleInputError, TallyMismatchError
from ..model import Election, Office, Seat
from ..policy import Policy
from ._rules import _Rules
from .counts import RoundCount, _split
from .outcome import Outcome, PostOutcome, PostStatus
from .paper import BallotEntry, BallotPaper, RoundKind
from .rounds import _check_entitled, _check_policy, _election_ctx, _Prior, _round
from .tally import Tally, Turnout

Names = Sequence[str] | Mapping[Office, Sequence[str]]
Counts = int | Mapping[Office, int] | None


def _by_office(value: Names | None, election: Election, what: str) -> dict[Office, tuple[str, ...]]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return {o: tuple(v) for o, v in value.items()}
    if isinstance(value, str):
        raise RuleInputError(
            f"{what} is a list of names, got a single string", code="TYPE", path=what
        )
    offices = [s.office for s in election.seats]
    if len(offices) != 1:
        raise RuleInputError(
            f"the election has several posts: give {what} as {{Office.X: [...]}}",
            code="OFFICE_REQUIRED",
            path=what,
        )
    return {offices[0]: tuple(value)}


def _seat_counts(
    seats: Counts,
    names: Mapping[Office, tuple[str, ...]],
    elected: Mapping[Office, tuple[str, ...]],
    election: Election,
) -> dict[Office, int]:
    out: dict[Office, int] = {}
    for office in names:
        if isinstance(seats, Mapping):
            n = seats.get(office)
        elif isinstance(seats, int) and not isinstance(seats, bool):
            n = seats
        else:
            n = None
        total = election._seats_for(office)
        if total == 0:
            raise RuleInputError(
                f"{office.value} has no seats in election {election.key!r}",
                code="UNKNOWN_OFFICE",
                path=f"candidates[{office.value}]",
            )
        before = len(elected.get(office, ()))
        if n is None:
            n = total - before
        if n < 1 or before + n > total:
            raise RuleInputError(
                f"{office.value}: {before} elected and {n} seats to fill do not fit its "
                f"{total} seats",
                code="RANGE",
                path=f"seats[{office.value}]",
            )
        out[office] = n
    for office in elected:
        if office not in names:
            raise RuleInputError(
                f"{office.value} is not voted on in this round",
                code="UNKNOWN_OFFICE",
                path="elected",
            )
    return out


def _standalone(
    election: Election,
    counts: RoundCount | Tally,
    policy: Policy,
    *,
    kind: RoundKind,
    names: Names,
    seats: Counts,
    elected: Names | None,
    after: RoundKind,
    round_number: int,
    turnout: Turnout | None,
) -> Outcome:
    _check_policy(election, policy)
    what = "tied" if kind is RoundKind.TIE_REVOTE else "candidates"
    listed = _by_office(names, election, what)
    before = _by_office(elected, election, "elected")
    fill = _seat_counts(seats, listed, before, election)
    rules = _Rules(policy, election.form)
    offices = rules.ordered(listed)
    posts: dict[Office, PostOutcome] = {}
    for office in offices:
        done, n, people = before.get(office, ()), fill[office], listed[office]
        if kind is RoundKind.TIE_REVOTE:
            posts[office] = PostOutcome(
                office=office,
                seats=len(done) + n,
                status=PostStatus.TIE_REVOTE,
                elected=done,
                revote=people,
                revote_seats=n,
            )
        else:
            posts[office] = PostOutcome(
                office=office,
                seats=len(done) + n,
                status=PostStatus.SHORTFALL,
                elected=done,
                unfilled=n,
                second_election_candidates=people,
            )
    writeins = (
        rules.b("tie_revote_writeins_allowed")
        if kind is RoundKind.TIE_REVOTE
        else rules.s("writein_rule") != "NONE"
    )
    paper = BallotPaper(
        election=election.key,
        form=election.form,
        round=kind,
        round_number=round_number,
        seats=[Seat(office=o, count=fill[o]) for o in offices],
        entries=[BallotEntry(office=o, person=n) for o in offices for n in listed[o]],
        writeins_allowed=writeins,
    )
    tally, turnout = _split(counts, turnout, paper, election.entitled_voters)
    _check_entitled(turnout, election.entitled_voters)
    if tally.paper != paper:
        raise TallyMismatchError(
            f"the tally is not of this round's ballot paper ({kind.value}, round {round_number})",
            path="tally.paper",
        )
    ctx = _election_ctx(election, policy, [Seat(office=o, count=posts[o].seats) for o in offices])
    prior = _Prior(posts=posts, tallies=(), basis_round=after, basis_index=None, basis_turnout=None)
    return _round(ctx, kind=kind, number=round_number, tally=tally, turnout=turnout, prior=prior)


@checked
def decide_second_election(
    election: Election,
    counts: RoundCount | Tally,
    policy: Policy,
    *,
    candidates: Names,
    seats: Counts = None,
    elected: Names | None = None,
    round_number: int = 2,
    turnout: Turnout | None = None,
) -> Outcome:
    """Decide a 另行选举 from its own inputs: its candidates, the seats left and its counts.

    The round is decided as :func:`~huanjie_rules.votes.decide_next` decides a 另行选举 that
    follows a first round: reconciliation and quorum, then the profile's rule (the majority
    again, or most votes with at least the floor, ``votes.second_election_*``).

    Args:
        election: the election (its posts, seats, form and entitled count).
        counts: the round's :class:`RoundCount`, or its :class:`Tally` with ``turnout``.
        policy: the election's profile.
        candidates: the 另行选举 candidates (names), or ``{post: names}`` on a multi-post
            election.
        seats: the seats this round fills (an int, or per post); by default each post's seats
            less those already ``elected``.
        elected: who was already elected to these posts in earlier rounds.
        round_number: the number of this vote among all votes of the election (2 by default).
        turnout: with a tally only.

    Returns:
        The outcome of the posts voted on in this round.

    Raises:
        RuleInputError: a post without seats (``UNKNOWN_OFFICE``), names without a post on a
            multi-post election (``OFFICE_REQUIRED``), seats that do not fit (``RANGE``), another
            profile (``POLICY_MISMATCH``), impossible counts.
        TallyMismatchError: a tally of another paper.

    Legal basis:
        选举法 第四十五条第四、五款 (the list and the one-third floor); 《村民委员会组织法》第十五条
        第二款; the party rules on 另行选举 (as the profile cites them).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules import Office, build_election, load_policy
        >>> policy = load_policy("npc-2020")
        >>> e = build_election(policy, date=dt.date(2021, 11, 5), seats={Office.NPC_DEPUTY: 2},
        ...                    entitled_voters=1000)
        >>> o = decide_second_election(e, RoundCount(voted=700, for_votes={"甲": 300, "乙": 200}),
        ...     policy, candidates=["甲", "乙"], elected=["丙"])
        >>> o.status.value, o.post(Office.NPC_DEPUTY).elected
        ('COMPLETE', ('丙', '甲'))

        甲's 300 votes are the most, and at least a third of the 700 ballots cast (选举法
        第四十五条: 不得少于选票的三分之一).
    """
    return _standalone(
        election,
        counts,
        policy,
        kind=RoundKind.SECOND_ELECTION,
        names=candidates,
        seats=seats,
        elected=elected,
        after=RoundKind.FIRST,
        round_number=round_number,
        turnout=turnout,
    )


@checked
def decide_tie_revote(
    election: Election,
    counts: RoundCount | Tally,
    policy: Policy,
    *,
    tied: Names,
    seats: Counts = None,
    elected: Names | None = None,
    after: RoundKind = RoundKind.FIRST,
    round_number: int = 2,
    turnout: Turnout | None = None,
) -> Outcome:
    """Decide a re-vote among people tied at the cut-off (再次投票) from its own inputs.

    The tied stand for the seats left; the most votes win (with a majority too where
    ``votes.tie_revote_requires_majority``); a new tie goes to another re-vote. If seats are
    still unfilled, the 另行选举 that may follow has no first-round standings to draw its
    candidates from: its list is empty (``SECOND_ELECTION_TOO_FEW``) and the caller names them
    with :func:`decide_second_election`.

    Args:
        election: the election.
        counts: the round's :class:`RoundCount`, or its :class:`Tally` with ``turnout``.
        policy: the election's profile.
        tied: the people tied at the cut-off, or ``{post: names}``.
        seats: the seats the re-vote fills; by default each post's seats less those ``elected``.
        elected: who was already elected to these posts.
        after: the round the tie arose in (the first vote, or a 另行选举): it decides what the
            rules allow after this one.
        round_number: the number of this vote among all votes of the election.
        turnout: with a tally only.

    Raises:
        RuleInputError: as :func:`decide_second_election`; as many tied people as seats
            (``INVALID_DATA`` problem ``INCONSISTENT``: nobody needs a re-vote).
        TallyMismatchError: a tally of another paper.

    Legal basis:
        选举法 第四十五条第三款 (「应当就票数相等的候选人再次投票，以得票多的当选」); for villages the
        provincial rules (浙江办法 第二十八条, 上海办法 第二十条) and for party elections the handbooks,
        as the profile cites them.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules import Office, build_election, load_policy
        >>> policy = load_policy("party-basic-2020")
        >>> e = build_election(policy, date=dt.date(2021, 3, 1), seats={Office.MEMBER: 3},
        ...                    entitled_voters=50)
        >>> o = decide_tie_revote(e, RoundCount(present=46, for_votes={"乙": 30, "丙": 16}),
        ...     policy, tied=["乙", "丙"], elected=["甲", "丁"])
        >>> o.post(Office.MEMBER).elected, o.status.value
        (('甲', '丁', '乙'), 'COMPLETE')
    """
    if after not in (RoundKind.FIRST, RoundKind.SECOND_ELECTION):
        raise RuleInputError(
            f"a tie arises in a first vote or a 另行选举, not {after.value}",
            code="CHOICE",
            path="after",
        )
    return _standalone(
        election,
        counts,
        policy,
        kind=RoundKind.TIE_REVOTE,
        names=tied,
        seats=seats,
        elected=elected,
        after=after,
        round_number=round_number,
        turnout=turnout,
    )
