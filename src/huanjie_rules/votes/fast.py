"""A fast path for counting: ballots as a compact numpy matrix, counted without a Python loop per ballot.

numpy is the optional extra ``fast`` (``pip install huanjie-rules[fast]``); it is imported when a
function here is called, so ``import huanjie_rules`` works without it.

A round's ballots are an ``int8`` matrix, one row per ballot and one column per name on the
:class:`~huanjie_rules.votes.BallotPaper` (in paper order), holding :data:`ABSTAIN` (0),
:data:`FOR` (1) or :data:`AGAINST` (2); an optional boolean vector marks unreadable ballots.
Write-ins have no column: ballots carrying write-ins go through
:func:`huanjie_rules.votes.tally_ballots`, and the two tallies merge with ``+``.
:func:`tally_array` applies the same judging rules as the object path (over-marked ballots or
sections, one person marked for two posts) and gives exactly the same
:class:`~huanjie_rules.votes.Tally`.

Example:
    >>> import numpy as np
    >>> from huanjie_rules.model import Office, Seat
    >>> from huanjie_rules.policy import load_policy
    >>> from huanjie_rules.votes import BallotEntry, BallotPaper
    >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
    ...     entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in ("甲", "乙")])
    >>> marks = np.array([[1, 0], [1, 2], [1, 1], [0, 1]], dtype=np.int8)
    >>> t = tally_array(paper, marks, load_policy("npc-2020"), issued=4)
    >>> t.valid_ballots, t.invalid_ballots, t.votes_for("甲"), t.votes_for("乙")
    (3, 1, 2, 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._args import checked
from .._extras import require
from ..errors import RuleInputError
from ..model import Ballot, Choice, Office
from ..policy import Policy
from ._rules import _Rules
from .paper import BallotPaper
from .tally import Tally, _build_tally

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["ABSTAIN", "AGAINST", "FOR", "ballots_to_array", "tally_array"]

#: Code of 弃权 (no mark) in a marks matrix.
ABSTAIN = 0
#: Code of 赞成 in a marks matrix.
FOR = 1
#: Code of 不赞成 in a marks matrix.
AGAINST = 2

_CODE = {Choice.ABSTAIN: ABSTAIN, Choice.FOR: FOR, Choice.AGAINST: AGAINST}


def _numpy() -> Any:
    return require("numpy", "fast", feature="the numpy fast path")


@checked
def ballots_to_array(
    paper: BallotPaper, ballots: Iterable[Ballot]
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Encode ballots without write-ins as a marks matrix and an unreadable vector.

    Raises:
        RuleInputError: a ballot carries write-ins (code ``WRITEINS_NOT_ENCODABLE``) or marks a
            name not on the paper.

    Example:
        >>> from huanjie_rules.model import Ballot, Choice, Office, Seat, Vote
        >>> from huanjie_rules.votes import BallotEntry, BallotPaper
        >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.MEMBER, count=1)],
        ...     entries=[BallotEntry(office=Office.MEMBER, person=p) for p in ("甲", "乙")])
        >>> m, u = ballots_to_array(paper, [Ballot(votes=[Vote(candidate="乙", choice=Choice.FOR)])])
        >>> m.tolist(), u.tolist()
        ([[0, 1]], [False])

    Legal basis:
        none (an encoding); judging follows :func:`huanjie_rules.votes.judge_ballot`.
    """
    np = _numpy()
    column = {(e.office, e.person): i for i, e in enumerate(paper.entries)}
    single = paper.offices[0] if len(paper.offices) == 1 else None
    rows: list[list[int]] = []
    unreadable: list[bool] = []
    for b, ballot in enumerate(ballots):
        if ballot.write_ins:
            raise RuleInputError(
                "ballots with write-ins have no column: count them with tally_ballots",
                code="WRITEINS_NOT_ENCODABLE",
                path=f"ballots[{b}].write_ins",
            )
        row = [ABSTAIN] * len(paper.entries)
        for i, vote in enumerate(ballot.votes):
            office = vote.office or single
            if office is None:
                hits = [o for (o, p) in column if p == vote.candidate]
                office = hits[0] if len(hits) == 1 else None
            key = (office, vote.candidate)
            if office is None or key not in column:
                raise RuleInputError(
                    f"{vote.candidate!r} is not on the paper",
                    code="UNKNOWN_CANDIDATE",
                    path=f"ballots[{b}].votes[{i}]",
                )
            row[column[key]] = _CODE[vote.choice]
        rows.append(row)
        unreadable.append(ballot.unreadable)
    marks = np.array(rows, dtype=np.int8).reshape(len(rows), len(paper.entries))
    return marks, np.array(unreadable, dtype=bool)


@checked(skip=("marks", "unreadable"))
def tally_array(
    paper: BallotPaper,
    marks: npt.NDArray[Any],
    policy: Policy,
    *,
    issued: int,
    unreadable: npt.NDArray[Any] | None = None,
) -> Tally:
    """Count a marks matrix into the same :class:`~huanjie_rules.votes.Tally` the object path gives.

    Args:
        paper: the round's ballot paper; column ``j`` is ``paper.entries[j]``.
        marks: an integer matrix (ballots × names) of :data:`ABSTAIN`, :data:`FOR`, :data:`AGAINST`.
        policy: the profile (``votes.overmark_scope``, ``votes.duplicate_person_rule``,
            ``votes.post_rank``).
        issued: ballots handed out.
        unreadable: optional boolean vector, True for ballots that cannot be read.

    Raises:
        RuleInputError: the matrix is not an integer matrix (``TYPE``), has the wrong shape
            (``BAD_SHAPE``) or holds other codes (``BAD_MARK``); ``unreadable`` has the wrong
            length (``BAD_SHAPE``).

    Legal basis:
        as :func:`huanjie_rules.votes.judge_ballot` (选举法 第四十四条 and the profile's rules).

    Example:
        >>> import numpy as np
        >>> from huanjie_rules.model import Office, Seat
        >>> from huanjie_rules.policy import load_policy
        >>> from huanjie_rules.votes import BallotEntry, BallotPaper
        >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.MEMBER, count=2)],
        ...     entries=[BallotEntry(office=Office.MEMBER, person=p) for p in "甲乙丙"])
        >>> rng = np.random.default_rng(7)
        >>> marks = rng.integers(0, 3, size=(10_000, 3), dtype=np.int8)
        >>> t = tally_array(paper, marks, load_policy("party-basic-2020"), issued=10_000)
        >>> t.ballots_returned, t.valid_ballots + t.invalid_ballots
        (10000, 10000)
    """
    np = _numpy()
    rules = _Rules(policy, paper.form)
    m = np.asarray(marks)
    n_entries = len(paper.entries)
    if m.size and not np.issubdtype(m.dtype, np.integer):
        raise RuleInputError(
            f"marks must be an integer matrix, got dtype {m.dtype}", code="TYPE", path="marks"
        )
    if m.ndim != 2 or m.shape[1] != n_entries:
        raise RuleInputError(
            f"marks must be a (ballots × {n_entries}) matrix, got shape {m.shape}",
            code="BAD_SHAPE",
            path="marks",
        )
    if m.size and (m.min() < ABSTAIN or m.max() > AGAINST):
        raise RuleInputError("marks hold codes other than 0, 1, 2", code="BAD_MARK", path="marks")
    n = m.shape[0]
    if unreadable is not None and np.asarray(unreadable).dtype != np.bool_:
        raise RuleInputError("unreadable must be a boolean vector", code="TYPE", path="unreadable")
    bad = np.zeros(n, dtype=bool) if unreadable is None else np.asarray(unreadable, dtype=bool)
    if bad.shape != (n,):
        raise RuleInputError(
            f"unreadable must have {n} entries", code="BAD_SHAPE", path="unreadable"
        )
    m = m.astype(np.int8, copy=True)
    offices = rules.ordered(paper.offices)
    rank = {o: k for k, o in enumerate(offices)}
    # The same person marked FOR for two or more posts.
    by_person: dict[str, list[int]] = {}
    for j, e in enumerate(paper.entries):
        by_person.setdefault(e.person, []).append(j)
    dup_void = np.zeros(n, dtype=bool)
    void_rule = rules.s("duplicate_person_rule") == "VOID_BALLOT"
    for cols in by_person.values():
        if len(cols) < 2:
            continue
        cols = sorted(cols, key=lambda j: rank[paper.entries[j].office])
        is_for = m[:, cols] == FOR
        if void_rule:
            dup_void |= is_for.sum(axis=1) >= 2
        else:
            higher = np.zeros(n, dtype=bool)
            for k, j in enumerate(cols):
                drop = higher & is_for[:, k]
                m[drop, j] = ABSTAIN
                higher |= is_for[:, k]
    # Over-marked sections.
    whole = rules.s("overmark_scope") == "WHOLE_BALLOT"
    section_bad: dict[Office, Any] = {}
    for o in paper.offices:
        cols = [j for j, e in enumerate(paper.entries) if e.office is o]
        marked = (m[:, cols] == FOR).sum(axis=1) if cols else np.zeros(n, dtype=np.int64)
        section_bad[o] = marked > paper.seats_for(o)
    over_any = np.zeros(n, dtype=bool)
    for o in paper.offices:
        over_any |= section_bad[o]
    invalid = bad | dup_void | (over_any if whole else np.zeros(n, dtype=bool))
    valid_rows = ~invalid
    reasons: Counter[tuple[Office | None, str]] = Counter()
    reasons[(None, "BALLOT_UNREADABLE")] = int(bad.sum())
    reasons[(None, "SAME_PERSON_TWO_POSTS_VOID")] = int((dup_void & ~bad).sum())
    if whole:
        reasons[(None, "BALLOT_OVERMARKED")] = int((over_any & ~bad & ~dup_void).sum())
    sv: dict[Office, int] = {}
    si: dict[Office, int] = {}
    counted_rows: dict[Office, Any] = {}
    for o in paper.offices:
        ok = valid_rows & ~section_bad[o]
        counted_rows[o] = ok
        sv[o] = int(ok.sum())
        si[o] = int((valid_rows & section_bad[o]).sum())
        if not whole:
            reasons[(o, "SECTION_OVERMARKED")] = si[o]
    listed: dict[tuple[Office, str], list[int]] = {}
    for j, e in enumerate(paper.entries):
        col = m[counted_rows[e.office], j]
        listed[(e.office, e.person)] = [
            int((col == FOR).sum()),
            int((col == AGAINST).sum()),
            int((col == ABSTAIN).sum()),
        ]
    n_valid = int(valid_rows.sum())
    return _build_tally(
        paper,
        issued=issued,
        returned=n,
        valid=n_valid,
        invalid=n - n_valid,
        section_valid=sv,
        section_invalid=si,
        listed=listed,
        writeins={},
        reasons=reasons,
    )
