"""Smoke program of the extra ``fast`` (numpy).

``python -I smoke/extra_fast.py`` in an environment with the extra: a marks matrix counts to the
same tally as the ballot objects. With ``--absent``, in one without it: the library still imports,
and the fast path refuses with MissingExtraError naming the extra.
"""

from __future__ import annotations

import sys

from huanjie_rules import Ballot, Choice, Office, Seat, Vote, load_policy
from huanjie_rules.errors import MissingExtraError
from huanjie_rules.votes import BallotEntry, BallotPaper, tally_ballots
from huanjie_rules.votes.fast import ballots_to_array, tally_array

PAPER = BallotPaper(
    election="e",
    seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
    entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in ("甲", "乙")],
)
BALLOTS = [
    Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)]),
    Ballot(
        votes=[Vote(candidate="甲", choice=Choice.FOR), Vote(candidate="乙", choice=Choice.AGAINST)]
    ),
    Ballot(votes=[Vote(candidate="乙", choice=Choice.FOR)]),
]


def present() -> None:
    policy = load_policy("npc-2020")
    marks, unreadable = ballots_to_array(PAPER, BALLOTS)
    fast = tally_array(PAPER, marks, policy, issued=3, unreadable=unreadable)
    slow = tally_ballots(PAPER, BALLOTS, policy, issued=3)
    assert fast == slow, (fast, slow)
    assert (fast.votes_for("甲"), fast.votes_for("乙")) == (2, 1)
    print("fast smoke passed")


def absent() -> None:
    try:
        ballots_to_array(PAPER, BALLOTS)
    except MissingExtraError as err:
        assert err.extra == "fast" and "huanjie-rules[fast]" in str(err), err
    else:
        raise AssertionError("the fast path worked without the fast extra")
    print("fast absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
