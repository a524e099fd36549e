"""One round's numbers in one value: who could vote, who came, who voted, ballots and votes.

A :class:`RoundCount` is what a counting committee announces (the 计票 record) and everything a
round is decided on: :func:`~huanjie_rules.votes.decide` and the other deciding functions take it
instead of a :class:`~huanjie_rules.votes.Tally` and a :class:`~huanjie_rules.votes.Turnout`, and
build those two from it and the round's ballot paper.

Two head counts are kept apart because the rules count them apart:

- ``present`` — 实到会有选举权人数, the electors with a vote present at a meeting (党员大会,
  代表大会). Leave it out in a direct election, where nobody meets.
- ``voted`` — 投票人数 / 参加投票的选民数, the electors who cast a ballot. In a meeting it defaults
  to ``present``; a direct election gives only this.

Example:
    >>> c = RoundCount(voted=800, for_votes={"甲": 400, "乙": 390})
    >>> c.ballots_returned, c.ballots_issued, c.valid   # one ballot per voter unless given
    (800, 800, 800)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .._args import checked
from .._base import Model
from ..errors import InvalidDataError, Problem, RuleInputError
from ..model import Office
from ._rules import _nonneg
from .paper import BallotPaper
from .tally import Tally, Turnout


@attrs.frozen(kw_only=True)
class PersonVotes(Model):
    """The votes one person got, for one post when the paper has several.

    A :class:`RoundCount` is usually given plain mappings (``{"甲": 40}`` or
    ``{(Office.VILLAGE_DIRECTOR, "甲"): 40}``) and keeps them as these records.
    """

    person: str
    votes: int
    office: Office | None = None

    def _checks(self) -> Iterable[Problem]:
        if not self.person.strip():
            yield Problem("EMPTY", "person", "must not be empty")

    @property
    def key(self) -> str | tuple[Office, str]:
        """The key :meth:`~huanjie_rules.votes.Tally.from_counts` reads: the name, or (post, name)."""
        return self.person if self.office is None else (self.office, self.person)


def _entries(value: object, field: str) -> object:
    """A mapping of name or (post, name) to votes becomes :class:`PersonVotes` records."""
    if isinstance(value, list):
        return tuple(value)
    if not isinstance(value, Mapping):
        return value  # reported by type checking
    out: list[object] = []
    for i, (key, votes) in enumerate(value.items()):
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], Office):
            person, office = key[1], key[0]
        elif isinstance(key, str):
            person, office = key, None
        else:
            out.append(key)  # reported by type checking with its path
            continue
        try:
            out.append(PersonVotes(person=person, office=office, votes=votes))
        except InvalidDataError as err:
            raise err.with_prefix(f"{field}[{i}]") from None
    return tuple(out)


def _for_votes(value: object) -> object:
    return _entries(value, "for_votes")


def _against(value: object) -> object:
    return _entries(value, "against")


def _write_ins(value: object) -> object:
    return _entries(value, "write_ins")


@attrs.frozen(kw_only=True)
class RoundCount(Model):
    """One round's numbers, as a counting committee announces them.

    Attributes:
        entitled: 应到会有选举权人数 (party), 登记选民数 (people's congress, village) or 全体代表数
            (indirect elections); None takes the election's ``entitled_voters`` (in a later
            round: the previous round's).
        excluded: people left out of the entitled count with approval (party grassroots only).
        present: 实到会有选举权人数, those with a vote present at the meeting; None in a direct
            election.
        voted: 投票人数 (参加投票的选民数), those who cast a ballot; None means ``present``.
        issued: 发出的选票; None means as many as ``returned``.
        returned: 收回的选票 (valid and invalid); None means one per voter (``voted``).
        invalid: 无效票 among those returned.
        for_votes: 赞成 votes per listed name, given as ``{"甲": 40}`` (or ``{(post, "甲"): 40}``
            on a multi-post paper) and kept as :class:`PersonVotes`; listed names left out have
            none.
        against: 不赞成 votes, keyed the same way (弃权 is what is left of the valid ballots).
        write_ins: votes for people written in (另选他人), keyed the same way.
    """

    entitled: int | None = None
    excluded: int = 0
    present: int | None = None
    voted: int | None = None
    issued: int | None = None
    returned: int | None = None
    invalid: int = 0
    for_votes: tuple[PersonVotes, ...] = attrs.field(default=(), converter=_for_votes)
    against: tuple[PersonVotes, ...] = attrs.field(default=(), converter=_against)
    write_ins: tuple[PersonVotes, ...] = attrs.field(default=(), converter=_write_ins)

    @property
    def voters(self) -> int:
        """投票人数: ``voted``, or ``present`` when only that is given."""
        if self.voted is not None:
            return self.voted
        assert self.present is not None  # construction requires one of the two
        return self.present

    @property
    def ballots_returned(self) -> int:
        """收回的选票: ``returned``, or one per voter."""
        return self.voters if self.returned is None else self.returned

    @property
    def ballots_issued(self) -> int:
        """发出的选票: ``issued``, or as many as were returned."""
        return self.ballots_returned if self.issued is None else self.issued

    @property
    def valid(self) -> int:
        """有效票: ballots returned less the invalid ones."""
        return self.ballots_returned - self.invalid

    @checked
    def turnout(self, entitled: int) -> Turnout:
        """The :class:`~huanjie_rules.votes.Turnout` of this round (``entitled`` if not given here)."""
        whole = entitled if self.entitled is None else self.entitled
        if self.present is None:
            return Turnout(entitled=whole, excluded=self.excluded, present=self.voters)
        return Turnout(
            entitled=whole, excluded=self.excluded, present=self.present, voted=self.voted
        )

    @checked
    def tally(self, paper: BallotPaper) -> Tally:
        """The :class:`~huanjie_rules.votes.Tally` of these counts on ``paper``.

        Raises:
            RuleInputError: as :meth:`~huanjie_rules.votes.Tally.from_counts` does for counts no
                set of ballots can give.
        """
        return Tally.from_counts(
            paper,
            issued=self.ballots_issued,
            returned=self.ballots_returned,
            invalid=self.invalid,
            for_votes={e.key: e.votes for e in self.for_votes},
            against={e.key: e.votes for e in self.against},
            write_ins={e.key: e.votes for e in self.write_ins},
        )

    def _checks(self) -> Iterable[Problem]:
        for name in ("entitled", "present", "voted", "issued", "returned"):
            value = getattr(self, name)
            if value is not None:
                yield from _nonneg(value, name)
        yield from _nonneg(self.excluded, "excluded")
        yield from _nonneg(self.invalid, "invalid")
        if self.present is None and self.voted is None:
            yield Problem(
                "MISSING",
                "voted",
                "say how many voted (voted) or, at a meeting, how many were present (present)",
            )
        if self.present is not None and self.voted is not None and self.voted > self.present:
            yield Problem("RANGE", "voted", f"{self.voted} is more than present {self.present}")
        for field in ("for_votes", "against", "write_ins"):
            seen: set[object] = set()
            for i, entry in enumerate(getattr(self, field)):
                if entry.key in seen:
                    yield Problem("DUPLICATE", f"{field}[{i}]", f"{entry.key!r} twice")
                seen.add(entry.key)


def _split(
    counts: RoundCount | Tally, turnout: Turnout | None, paper: BallotPaper, entitled: int
) -> tuple[Tally, Turnout]:
    """The tally and turnout of a round, from a :class:`RoundCount` or a tally with its turnout."""
    if isinstance(counts, RoundCount):
        if turnout is not None:
            raise RuleInputError(
                "a RoundCount carries its own turnout: leave turnout out",
                code="TYPE",
                path="turnout",
            )
        return counts.tally(paper), counts.turnout(entitled)
    if not isinstance(counts, Tally):
        raise RuleInputError(
            f"expected a RoundCount or a Tally, got {type(counts).__name__}",
            code="TYPE",
            path="counts",
        )
    if not isinstance(turnout, Turnout):
        raise RuleInputError(
            f"a Tally needs its Turnout (turnout=...), got {type(turnout).__name__}",
            code="TYPE",
            path="turnout",
        )
    return counts, turnout
