"""Vote counting and election outcomes, round by round, for every regime.

From ballots (or announced counts) to an outcome a counting committee can announce, with the rule
and article behind every step. Every threshold, base and switch comes from the ``votes.*``
parameters of the policy profile; nothing is decided by chance or by the order of the input.

One concept per module (import the names from this package):

- :mod:`~huanjie_rules.votes.paper` — :class:`BallotPaper`, the layout of one round's ballot;
  :func:`paper_for` makes the first-round paper of an :class:`~huanjie_rules.model.Election`.
- :mod:`~huanjie_rules.votes.judge` — :func:`judge_ballot`: one ballot, valid or not (and which
  sections), what counts, and why.
- :mod:`~huanjie_rules.votes.tally` — :class:`Tally`, counts that merge exactly (``a + b``;
  :meth:`Tally.empty` is the identity) from :func:`tally_ballots` or :meth:`Tally.from_counts`,
  and the :class:`Turnout` a round is judged against.
- :mod:`~huanjie_rules.votes.counts` — :class:`RoundCount`: one round's head counts, ballots
  and votes in one value, the usual input of the deciding functions.
- :mod:`~huanjie_rules.votes.thresholds` — :class:`Threshold`: ballots against their base, the
  quorum, the majority, the 另行选举 floor, the uncontested (等额) check; :class:`VoidReason`.
- :mod:`~huanjie_rules.votes.outcome` — :class:`Outcome`, :class:`PostOutcome`, :class:`Standing`
  and what may come next (:class:`NextStep`).
- :mod:`~huanjie_rules.votes.posts` — how one post is decided in one round (ranking, ties at the
  cut-off, the 另行选举 candidates).
- :mod:`~huanjie_rules.votes.rounds` — :func:`decide` (the first round), :func:`next_paper` and
  :func:`decide_next` (the tie re-vote, 再次投票, or the 另行选举 that follows).
- :mod:`~huanjie_rules.votes.runoffs` — :func:`decide_second_election` and
  :func:`decide_tie_revote`: a 另行选举 or a tie re-vote decided from its own inputs.
- :mod:`~huanjie_rules.votes.shortfall` — :func:`reduce_seats` and :func:`leave_vacant`, the
  profile's other ways of ending a shortfall.
- :mod:`~huanjie_rules.votes.fast` — the numpy fast path (extra ``fast``), same :class:`Tally`.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules import Gender, Office, Person, build_election, load_policy
    >>> policy = load_policy("party-basic-2020")
    >>> people = [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
    ...           for n in ("甲", "乙", "丙", "丁")]
    >>> election = build_election(policy, date=dt.date(2021, 3, 1), seats={Office.MEMBER: 3},
    ...                           candidates=people, entitled_voters=50)
    >>> counts = RoundCount(present=45, for_votes={"甲": 40, "乙": 30, "丙": 23, "丁": 22})
    >>> outcome = decide(election, counts, policy)
    >>> outcome.status.value, outcome.post(Office.MEMBER).elected
    ('COMPLETE', ('甲', '乙', '丙'))

    丙's 23 votes are more than half of the 45 present; 丁's 22 are not (PB: 超过实到会有选举权
    的人数的一半).
"""

from ._rules import FINDING_CODES
from ._rules import _Rules as _Rules
from .counts import PersonVotes, RoundCount
from .judge import CountedMark as CountedMark
from .judge import JudgedBallot, SectionJudgement, judge_ballot
from .outcome import (
    NextStep,
    Outcome,
    OutcomeStatus,
    PostOutcome,
    PostStatus,
    Standing,
    StandingResult,
)
from .paper import BallotEntry, BallotPaper, RoundKind, paper_for
from .rounds import decide, decide_next, next_paper
from .runoffs import decide_second_election, decide_tie_revote
from .shortfall import leave_vacant, reduce_seats
from .tally import (
    EntryCount,
    InvalidCount,
    SectionCount,
    Tally,
    Turnout,
    tally_ballots,
)
from .tally import _build_tally as _build_tally
from .thresholds import Threshold, VoidReason

__all__ = [
    "FINDING_CODES",
    "BallotEntry",
    "BallotPaper",
    "EntryCount",
    "InvalidCount",
    "JudgedBallot",
    "NextStep",
    "Outcome",
    "OutcomeStatus",
    "PersonVotes",
    "PostOutcome",
    "PostStatus",
    "RoundCount",
    "RoundKind",
    "SectionCount",
    "SectionJudgement",
    "Standing",
    "StandingResult",
    "Tally",
    "Threshold",
    "Turnout",
    "VoidReason",
    "decide",
    "decide_next",
    "decide_second_election",
    "decide_tie_revote",
    "judge_ballot",
    "leave_vacant",
    "next_paper",
    "paper_for",
    "reduce_seats",
    "tally_ballots",
]
