"""Hypothesis strategies for ballot papers, ballots, marks matrices and tallies (extra ``testing``).

Example:
    >>> from hypothesis import given, settings
    >>> from huanjie_rules.policy import load_policy
    >>> from huanjie_rules.votes import tally_ballots
    >>> @settings(max_examples=5, database=None)
    ... @given(paper_and_ballots())
    ... def check(pb):
    ...     paper, bs = pb
    ...     t = tally_ballots(paper, bs, load_policy("village-2018"), issued=len(bs))
    ...     assert t.ballots_returned == len(bs)
    >>> check()
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from huanjie_rules.builders import build_election
from huanjie_rules.model import (
    Ballot,
    Choice,
    Election,
    ElectionForm,
    Gender,
    Office,
    Person,
    Seat,
    Vote,
    WriteIn,
)
from huanjie_rules.policy import ParamValue, Policy, load_policy
from huanjie_rules.votes import BallotEntry, BallotPaper

__all__ = [
    "NAMES",
    "ballot_lists",
    "ballot_papers",
    "ballots",
    "make_election",
    "mark_arrays",
    "paper_and_ballots",
    "with_parameters",
]

#: The pool of names strategies draw from (write-ins may also name listed people).
NAMES: tuple[str, ...] = ("甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸")

_VILLAGE_POSTS = (Office.VILLAGE_DIRECTOR, Office.VILLAGE_DEPUTY_DIRECTOR, Office.VILLAGE_MEMBER)


@st.composite
def ballot_papers(
    draw: st.DrawFn,
    *,
    offices: Sequence[Office] | None = None,
    max_seats: int = 3,
    max_names: int = 5,
    writeins_allowed: bool | None = None,
) -> BallotPaper:
    """A ballot paper: one post (default 委员) or several (the village posts), names from :data:`NAMES`.

    A person may be listed for more than one post, so same-person rules are exercised.
    """
    if offices is None:
        offices = draw(st.sampled_from([(Office.MEMBER,), _VILLAGE_POSTS]))
    seats = [Seat(office=o, count=draw(st.integers(1, max_seats))) for o in offices]
    entries: list[BallotEntry] = []
    for o in offices:
        names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=max_names, unique=True))
        entries.extend(BallotEntry(office=o, person=n) for n in names)
    allowed = draw(st.booleans()) if writeins_allowed is None else writeins_allowed
    return BallotPaper(election="E", seats=seats, entries=entries, writeins_allowed=allowed)


@st.composite
def ballots(draw: st.DrawFn, paper: BallotPaper, *, write_ins: bool = True) -> Ballot:
    """One ballot for ``paper``: a choice (or none) per listed name, maybe write-ins, maybe unreadable."""
    votes = []
    for e in paper.entries:
        choice = draw(
            st.sampled_from([None, Choice.FOR, Choice.FOR, Choice.AGAINST, Choice.ABSTAIN])
        )
        if choice is not None:
            votes.append(Vote(candidate=e.person, choice=choice, office=e.office))
    extra: list[WriteIn] = []
    if write_ins:
        for _ in range(draw(st.integers(0, 2))):
            office = draw(st.sampled_from(paper.offices))
            listed = [e.person for e in paper.entries if e.office is office]
            extra.append(
                WriteIn(
                    name=draw(st.sampled_from(NAMES)),
                    office=office,
                    circled=draw(st.booleans()),
                    replaces=draw(st.one_of(st.none(), st.sampled_from(listed))),
                    legible=draw(st.booleans()),
                )
            )
    unreadable = draw(st.integers(0, 19)) == 0
    return Ballot(votes=votes, write_ins=extra, unreadable=unreadable)


def ballot_lists(
    paper: BallotPaper, *, max_size: int = 30, write_ins: bool = True
) -> st.SearchStrategy[list[Ballot]]:
    """Lists of ballots for ``paper``."""
    return st.lists(ballots(paper, write_ins=write_ins), max_size=max_size)


@st.composite
def paper_and_ballots(
    draw: st.DrawFn, *, max_size: int = 30, write_ins: bool = True
) -> tuple[BallotPaper, list[Ballot]]:
    """A paper and a list of ballots for it."""
    paper = draw(ballot_papers())
    return paper, draw(ballot_lists(paper, max_size=max_size, write_ins=write_ins))


@st.composite
def mark_arrays(draw: st.DrawFn, paper: BallotPaper, *, max_ballots: int = 50) -> Any:
    """A marks matrix (ballots × names, codes 0/1/2) for :func:`huanjie_rules.votes.fast.tally_array`."""
    import numpy as np

    n = draw(st.integers(0, max_ballots))
    cells = draw(
        st.lists(
            st.integers(0, 2), min_size=n * len(paper.entries), max_size=n * len(paper.entries)
        )
    )
    return np.array(cells, dtype=np.int8).reshape(n, len(paper.entries))


def make_election(
    policy_id: str,
    *,
    seats: Mapping[Office, int],
    candidates: Mapping[Office, Sequence[str]],
    entitled: int,
    form: ElectionForm | None = None,
    date: _dt.date | None = None,
    key: str = "E",
) -> Election:
    """A small election for tests: named candidates born 1980-01-01, on the profile's first day.

    A shorthand over :func:`huanjie_rules.build_election` (which programs should use: it needs no
    hypothesis and takes the real persons).

    Example:
        >>> from huanjie_rules.model import Office
        >>> e = make_election("npc-2020", seats={Office.NPC_DEPUTY: 1},
        ...                   candidates={Office.NPC_DEPUTY: ["甲", "乙"]}, entitled=100)
        >>> e.form.value, [c.key for c in e.candidates]
        ('DIRECT_VOTERS', ['甲', '乙'])
    """
    policy = load_policy(policy_id)
    return build_election(
        policy,
        date=date or policy.valid_from,
        seats=seats,
        candidates={
            o: [
                Person(name=name, gender=Gender.FEMALE, birth_date=_dt.date(1980, 1, 1))
                for name in names
            ]
            for o, names in candidates.items()
        },
        entitled_voters=entitled,
        form=form,
        key=key,
    )


def with_parameters(policy: Policy, values: Mapping[str, ParamValue]) -> Policy:
    """The same profile with some parameters' values replaced (same id, same citations).

    For exploring a contested reading (``{"votes.quorum_comparison": "INCLUSIVE"}``); a shipped
    profile is never changed.

    Example:
        >>> p = with_parameters(load_policy("party-basic-2020"), {"votes.quorum_comparison": "INCLUSIVE"})
        >>> p.get_str("votes.quorum_comparison")
        'INCLUSIVE'
    """
    params = tuple(
        attrs.evolve(p, value=values[p.name]) if p.name in values else p for p in policy.parameters
    )
    missing = set(values) - {p.name for p in policy.parameters}
    if missing:
        raise KeyError(f"no such parameters: {sorted(missing)}")
    return attrs.evolve(policy, parameters=params)
