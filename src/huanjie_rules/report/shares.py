"""Each elected person's share of the votes of a decided election, with 全票 and 高票 flags."""

from __future__ import annotations

from fractions import Fraction

import attrs

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


def vote_shares(
    outcome: Outcome, *, high_share: Fraction = Fraction(9, 10)
) -> tuple[VoteShare, ...]:
    """Each elected person's share of the valid ballots, with 全票/高票 flags.

    ``high_share`` is a reporting convention (the caller's 高票 mark), not a legal threshold.
    """
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
