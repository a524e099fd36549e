"""Each elected person's share of the votes of a decided election, with 全票 and 高票 flags."""

from __future__ import annotations

from fractions import Fraction

import attrs

from .._args import checked
from ..errors import RuleInputError
from ..model import Office
from ..votes import Outcome

__all__ = ["VoteShare", "vote_shares"]


@attrs.frozen(kw_only=True)
class VoteShare:
    """An elected person's share of the votes.

    ``base`` is the valid ballots of the post's section; 全票 (``unanimous``) means every one of
    them voted for the person; ``high`` means the share reached the caller's 高票 mark.
    """

    office: Office
    person: str
    votes: int
    base: int
    share: Fraction | None
    unanimous: bool
    high: bool


@checked
def vote_shares(
    outcome: Outcome, *, high_share: Fraction = Fraction(9, 10)
) -> tuple[VoteShare, ...]:
    """Each elected person's share of the valid ballots, with 全票/高票 flags.

    ``high_share`` is a reporting convention (the caller's 高票 mark), not a legal threshold.

    Raises:
        RuleInputError: ``TYPE`` for anything but an :class:`~huanjie_rules.votes.Outcome`,
            ``RANGE`` for a 高票 mark outside 0 to 1.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> from huanjie_rules.votes import Tally, Turnout, decide, paper_for
        >>> policy = load_policy("party-basic-2020")
        >>> e = Election(key="b", regime=Regime.PARTY_BASIC, policy_id=policy.id,
        ...     body=BodyKind.BRANCH, level=Level.VILLAGE, form=ElectionForm.MEMBERS_ASSEMBLY,
        ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.MEMBER, count=2)],
        ...     entitled_voters=20, candidates=[Candidate(office=Office.MEMBER, person=Person(
        ...     name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))) for n in "甲乙丙"])
        >>> tally = Tally.from_counts(paper_for(e, policy), issued=20, returned=20,
        ...                           for_votes={"甲": 20, "乙": 17, "丙": 3})
        >>> outcome = decide(e, tally, policy, turnout=Turnout(entitled=20, present=20))
        >>> [(s.person, s.share, s.unanimous, s.high) for s in vote_shares(outcome)]
        [('甲', Fraction(1, 1), True, True), ('乙', Fraction(17, 20), False, False)]
    """
    if not isinstance(outcome, Outcome):
        raise RuleInputError(
            f"expected a decided election's Outcome, got {type(outcome).__name__}",
            code="TYPE",
            path="outcome",
        )
    if (
        not isinstance(high_share, Fraction | int)
        or isinstance(high_share, bool)
        or not 0 <= high_share <= 1
    ):
        raise RuleInputError(
            f"high_share must be a Fraction from 0 to 1, got {high_share!r}",
            code="RANGE",
            path="high_share",
        )
    tally = outcome.tallies[outcome.basis_index]
    out = []
    for post in outcome.posts:
        base = tally.section(post.office).valid if tally.sections else tally.valid_ballots
        for standing in post.standings:
            if standing.person not in post.elected:
                continue
            share = Fraction(standing.votes, base) if base else None
            out.append(
                VoteShare(
                    office=post.office,
                    person=standing.person,
                    votes=standing.votes,
                    base=base,
                    share=share,
                    unanimous=base > 0 and standing.votes == base,
                    high=share is not None and share >= high_share,
                )
            )
    return tuple(out)
