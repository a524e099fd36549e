"""Ballot papers: what one round's ballot lists, and the first-round paper of an election."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .._args import checked
from .._base import LabeledEnum, Model, to_tuple
from ..errors import Problem
from ..model import Election, ElectionForm, Office, Seat
from ..policy import Policy
from ._rules import _Rules


class RoundKind(LabeledEnum):
    """Which vote a round is."""

    FIRST = ("FIRST", "第一次投票", ("正式选举", "第一轮"))
    TIE_REVOTE = ("TIE_REVOTE", "再次投票", ("重新投票", "票数相等再次投票"))
    SECOND_ELECTION = ("SECOND_ELECTION", "另行选举", ())


@attrs.frozen(kw_only=True)
class BallotEntry(Model):
    """One name printed on a ballot paper, for one post."""

    office: Office
    person: str

    def _checks(self) -> Iterable[Problem]:
        if not self.person.strip():
            yield Problem("EMPTY", "person", "must not be empty")


@attrs.frozen(kw_only=True)
class BallotPaper(Model):
    """The layout of one round's ballot: the posts, their seats and the names listed.

    Attributes:
        election: the election's key.
        round: which vote this paper is for.
        round_number: 1 for the first vote, counting every vote held (re-votes, 另行选举,
            votes held again after a void one).
        seats: the seats to fill in this round, per post, in the profile's post order.
        entries: the names listed, in ballot order.
        writeins_allowed: whether voters may write in other names in this round.
        form: how the electors meet (selects the profile's per-form rules), if known.
    """

    election: str
    form: ElectionForm | None = None
    round: RoundKind = RoundKind.FIRST
    round_number: int = 1
    seats: tuple[Seat, ...] = attrs.field(converter=to_tuple)
    entries: tuple[BallotEntry, ...] = attrs.field(converter=to_tuple)
    writeins_allowed: bool = True

    @property
    def offices(self) -> tuple[Office, ...]:
        """The posts on the paper, in order."""
        return tuple(s.office for s in self.seats)

    @checked
    def seats_for(self, office: Office) -> int:
        """Seats to fill for ``office`` in this round (0 if it is not on the paper)."""
        return self._seats_for(office)

    def _seats_for(self, office: Office) -> int:
        return sum(s.count for s in self.seats if s.office is office)

    def _checks(self) -> Iterable[Problem]:
        if not self.election.strip():
            yield Problem("EMPTY", "election", "must not be empty")
        if self.round_number < 1:
            yield Problem("RANGE", "round_number", "must be at least 1")
        if not self.seats:
            yield Problem("EMPTY", "seats", "a ballot paper needs at least one post")
        offices: set[Office] = set()
        for i, seat in enumerate(self.seats):
            if seat.office in offices:
                yield Problem("DUPLICATE", f"seats[{i}].office", f"{seat.office.value} twice")
            offices.add(seat.office)
        seen: set[tuple[Office, str]] = set()
        for i, entry in enumerate(self.entries):
            if entry.office not in offices:
                yield Problem(
                    "UNKNOWN_OFFICE", f"entries[{i}].office", f"{entry.office.value} has no seats"
                )
            if (entry.office, entry.person) in seen:
                yield Problem("DUPLICATE", f"entries[{i}]", f"{entry.person!r} listed twice")
            seen.add((entry.office, entry.person))


@checked
def paper_for(election: Election, policy: Policy) -> BallotPaper:
    """The first-round ballot paper of ``election``: posts in the profile's order, its candidates.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import (BodyKind, Candidate, Election, ElectionForm,
        ...     Gender, Level, Office, Person, Regime, Seat)
        >>> from huanjie_rules.policy import load_policy
        >>> def cand(n, o):
        ...     return Candidate(person=Person(name=n, gender=Gender.FEMALE,
        ...                      birth_date=dt.date(1980, 1, 1)), office=o)
        >>> e = Election(key="v", regime=Regime.VILLAGE, policy_id="village-2018",
        ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
        ...     date=dt.date(2021, 3, 1), entitled_voters=900,
        ...     seats=[Seat(office=Office.VILLAGE_MEMBER, count=3),
        ...            Seat(office=Office.VILLAGE_DIRECTOR, count=1)],
        ...     candidates=[cand("甲", Office.VILLAGE_DIRECTOR), cand("乙", Office.VILLAGE_DIRECTOR),
        ...                 cand("丙", Office.VILLAGE_MEMBER)])
        >>> [s.office.label for s in paper_for(e, load_policy("village-2018")).seats]
        ['村委会主任', '村委会委员']

    Legal basis:
        the profile's ``votes.post_rank`` and ``votes.writein_rule``.
    """
    rules = _Rules(policy, election.form)
    offices = rules.ordered(s.office for s in election.seats)
    return BallotPaper(
        election=election.key,
        form=election.form,
        round=RoundKind.FIRST,
        round_number=1,
        seats=[Seat(office=o, count=election._seats_for(o)) for o in offices],
        entries=[
            BallotEntry(office=o, person=c.key) for o in offices for c in election.candidates_for(o)
        ],
        writeins_allowed=rules.s("writein_rule") != "NONE",
    )
