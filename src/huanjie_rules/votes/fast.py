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

    The matrix is read in blocks of a few thousand ballots that fit in the processor's cache, so
    the extra memory stays a few MiB whatever the number of ballots, and the cost per ballot
    grows with the number of names only linearly. Each block is widened to whole 8-byte words
    and counted with word arithmetic: every 赞成 and 不赞成 mark is counted once over all the
    block's ballots, 弃权 is what is left of the ballots that counted a post, and only the few
    ballots that need judging — unreadable ones, over-marked sections, the same person marked
    for two posts — are judged one by one and corrected for.

    Args:
        paper: the round's ballot paper; column ``j`` is ``paper.entries[j]``.
        marks: an integer matrix (ballots × names) of :data:`ABSTAIN`, :data:`FOR`, :data:`AGAINST`
            (``uint8`` or ``int8`` is read without conversion).
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
    return _tally_blocks(paper, marks, policy, issued=issued, unreadable=unreadable)


#: Ballots per block: 255 × 32, so that a word lane (one byte) sums 255 ballots without overflow.
_BLOCK_ROWS = 255 * 32
_LANES = 0x0101010101010101


class _Partial:
    """Counts of some ballots, before they become a :class:`Tally`."""

    def __init__(self, np: Any, paper: BallotPaper) -> None:
        k = len(paper.entries)
        self.returned = 0
        self.valid = 0
        self.sv: Counter[Office] = Counter()
        self.si: Counter[Office] = Counter()
        self.fors = np.zeros(k, dtype=np.int64)
        self.against = np.zeros(k, dtype=np.int64)
        self.abstain = np.zeros(k, dtype=np.int64)
        self.reasons: Counter[tuple[Office | None, str]] = Counter()


def _check_input(np: Any, paper: BallotPaper, marks: Any, unreadable: Any) -> tuple[Any, Any]:
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
    n = m.shape[0]
    if unreadable is not None and np.asarray(unreadable).dtype != np.bool_:
        raise RuleInputError("unreadable must be a boolean vector", code="TYPE", path="unreadable")
    bad = None if unreadable is None else np.asarray(unreadable, dtype=bool)
    if bad is not None and bad.shape != (n,):
        raise RuleInputError(
            f"unreadable must have {n} entries", code="BAD_SHAPE", path="unreadable"
        )
    if m.dtype == np.int8:
        m = m.view(np.uint8)  # negative codes become 128…255 and fail the range check
    return m, bad


def _bad_mark() -> RuleInputError:
    return RuleInputError("marks hold codes other than 0, 1, 2", code="BAD_MARK", path="marks")


def _tally_blocks(
    paper: BallotPaper,
    marks: Any,
    policy: Policy,
    *,
    issued: int,
    unreadable: Any = None,
    block_rows: int = _BLOCK_ROWS,
) -> Tally:
    np = _numpy()
    rules = _Rules(policy, paper.form)
    m, bad = _check_input(np, paper, marks, unreadable)
    n, k = m.shape
    total = _Partial(np, paper)
    total.returned = n
    if k == 0 or n == 0:
        if k == 0 and n:
            _exact(np, paper, rules, np.zeros((n, 0), dtype=np.uint8), bad, total)
        return _finish(paper, issued, total)
    words = (k + 7) // 8
    width = words * 8
    rows = max(255, block_rows - block_rows % 255)
    buf = np.zeros((rows, width), dtype=np.uint8)
    w64 = buf.view(np.uint64)  # (rows, words)
    lanes = np.uint64(_LANES)
    shift56 = np.uint64(56)
    one = np.uint64(1)
    # A byte mask per section, and the seats it may mark.
    sections = []
    for o in paper.offices:
        mask = np.zeros(width, dtype=np.uint8)
        mask[[j for j, e in enumerate(paper.entries) if e.office is o]] = 0xFF
        sections.append((mask.view(np.uint64), paper._seats_for(o)))
    single = len(sections) == 1
    by_person: dict[str, list[int]] = {}
    for j, e in enumerate(paper.entries):
        by_person.setdefault(e.person, []).append(j)
    shared = [cols for cols in by_person.values() if len(cols) > 1]
    fors_lanes = np.zeros(words * (rows // 255), dtype=np.uint64)
    against_lanes = np.zeros_like(fors_lanes)
    fors = np.zeros(width, dtype=np.int64)
    against = np.zeros(width, dtype=np.int64)
    f64 = np.empty_like(w64)
    a64 = np.empty_like(w64)
    part = np.empty_like(w64)
    per_row = np.empty(rows, dtype=np.uint64)
    odd = np.empty(rows, dtype=bool)
    over = np.empty(rows, dtype=bool)
    hits = np.empty(rows, dtype=bool)
    col = np.empty(rows, dtype=bool)
    clean = 0
    pending: list[Any] = []
    pending_bad: list[Any] = []
    pending_rows = 0
    for lo in range(0, n, rows):
        hi = min(n, lo + rows)
        size = hi - lo
        block = m[lo:hi]
        if block.dtype != np.uint8:
            if block.min() < ABSTAIN or block.max() > AGAINST:
                raise _bad_mark()
            block = block.astype(np.uint8)
        elif block.max() > AGAINST:
            raise _bad_mark()
        buf[:size, :k] = block
        if size < rows:
            buf[size:] = 0
        np.bitwise_and(w64, lanes, out=f64)  # 赞成: code 1 has bit 0 (codes are 0, 1, 2)
        np.right_shift(w64, one, out=a64)
        np.bitwise_and(a64, lanes, out=a64)  # 不赞成: code 2 has bit 1
        # Ballots that need judging one by one: a section marked for more names than seats …
        odd[:] = False
        for mask, seats in sections:
            src = f64
            if not single:
                np.bitwise_and(f64, mask, out=part)
                src = part
            per_row[:] = src[:, 0]
            for w in range(1, words):
                per_row += src[:, w]
            if k < 256:  # the eight byte lanes summed by one multiplication
                per_row *= lanes
                per_row >>= shift56
            else:
                per_row[:] = _byte_sums(np, per_row)
            np.greater(per_row, np.uint64(seats), out=over)
            odd |= over
        # … one person marked 赞成 for two posts …
        for cols in shared:
            np.equal(buf[:, cols[0]], FOR, out=hits)
            for j in cols[1:]:
                np.equal(buf[:, j], FOR, out=col)
                np.logical_and(hits, col, out=over)
                odd |= over
                hits |= col
        # … or an unreadable ballot.
        if bad is not None:
            odd[:size] |= bad[lo:hi]
        # Every mark of the block, summed in byte lanes (255 ballots per lane at most).
        np.add.reduce(f64.reshape(255, -1), axis=0, out=fors_lanes)
        np.add.reduce(a64.reshape(255, -1), axis=0, out=against_lanes)
        fors += fors_lanes.view(np.uint8).reshape(-1, width).sum(axis=0, dtype=np.int64)
        against += against_lanes.view(np.uint8).reshape(-1, width).sum(axis=0, dtype=np.int64)
        idx = np.flatnonzero(odd[:size])
        clean += size - len(idx)
        if len(idx):
            sub = buf[idx]  # a copy of the few odd ballots, judged together later
            fors -= (sub == FOR).sum(axis=0, dtype=np.int64)
            against -= (sub == AGAINST).sum(axis=0, dtype=np.int64)
            pending.append(sub[:, :k])
            pending_bad.append(np.zeros(len(idx), dtype=bool) if bad is None else bad[lo:hi][idx])
            pending_rows += len(idx)
            if pending_rows >= rows:  # keep the set-aside ballots within one block's memory
                _flush(np, paper, rules, pending, pending_bad, total)
                pending_rows = 0
    _flush(np, paper, rules, pending, pending_bad, total)
    total.valid += clean
    total.fors += fors[:k]
    total.against += against[:k]
    total.abstain += clean - fors[:k] - against[:k]
    for o in paper.offices:
        total.sv[o] += clean
    return _finish(paper, issued, total)


def _flush(
    np: Any, paper: BallotPaper, rules: _Rules, subs: list[Any], bads: list[Any], out: _Partial
) -> None:
    if subs:
        _exact(np, paper, rules, np.concatenate(subs), np.concatenate(bads), out)
        subs.clear()
        bads.clear()


def _byte_sums(np: Any, words: Any) -> Any:
    """Sum of the eight bytes of each word, for sums that may pass 255."""
    return words.view(np.uint8).reshape(-1, 8).sum(axis=1, dtype=np.uint64)


def _exact(np: Any, paper: BallotPaper, rules: _Rules, m: Any, bad: Any, out: _Partial) -> None:
    """Judge ballots one rule at a time (the reference algorithm) and add them to ``out``.

    ``out.returned`` is not changed: the caller counts the ballots returned.
    """
    n = m.shape[0]
    m = m.astype(np.int8, copy=True)
    bad = np.zeros(n, dtype=bool) if bad is None else bad
    offices = rules.ordered(paper.offices)
    rank = {o: r for r, o in enumerate(offices)}
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
            for c, j in enumerate(cols):
                drop = higher & is_for[:, c]
                m[drop, j] = ABSTAIN
                higher |= is_for[:, c]
    # Over-marked sections.
    whole = rules.s("overmark_scope") == "WHOLE_BALLOT"
    section_bad: dict[Office, Any] = {}
    for o in paper.offices:
        cols = [j for j, e in enumerate(paper.entries) if e.office is o]
        marked = (m[:, cols] == FOR).sum(axis=1) if cols else np.zeros(n, dtype=np.int64)
        section_bad[o] = marked > paper._seats_for(o)
    over_any = np.zeros(n, dtype=bool)
    for o in paper.offices:
        over_any |= section_bad[o]
    invalid = bad | dup_void | (over_any if whole else np.zeros(n, dtype=bool))
    valid_rows = ~invalid
    out.reasons[(None, "BALLOT_UNREADABLE")] += int(bad.sum())
    out.reasons[(None, "SAME_PERSON_TWO_POSTS_VOID")] += int((dup_void & ~bad).sum())
    if whole:
        out.reasons[(None, "BALLOT_OVERMARKED")] += int((over_any & ~bad & ~dup_void).sum())
    counted_rows: dict[Office, Any] = {}
    for o in paper.offices:
        ok = valid_rows & ~section_bad[o]
        counted_rows[o] = ok
        out.sv[o] += int(ok.sum())
        out.si[o] += int((valid_rows & section_bad[o]).sum())
        if not whole:
            out.reasons[(o, "SECTION_OVERMARKED")] += int((valid_rows & section_bad[o]).sum())
    for j, e in enumerate(paper.entries):
        col = m[counted_rows[e.office], j]
        out.fors[j] += int((col == FOR).sum())
        out.against[j] += int((col == AGAINST).sum())
        out.abstain[j] += int((col == ABSTAIN).sum())
    out.valid += int(valid_rows.sum())


def _finish(paper: BallotPaper, issued: int, p: _Partial) -> Tally:
    listed = {
        (e.office, e.person): [int(p.fors[j]), int(p.against[j]), int(p.abstain[j])]
        for j, e in enumerate(paper.entries)
    }
    return _build_tally(
        paper,
        issued=issued,
        returned=p.returned,
        valid=p.valid,
        invalid=p.returned - p.valid,
        section_valid=p.sv,
        section_invalid=p.si,
        listed=listed,
        writeins={},
        reasons=p.reasons,
    )


def _tally_reference(
    paper: BallotPaper,
    marks: Any,
    policy: Policy,
    *,
    issued: int,
    unreadable: Any = None,
) -> Tally:
    """The whole matrix judged rule by rule at once (no blocks): the oracle of the tests."""
    np = _numpy()
    m, bad = _check_input(np, paper, marks, unreadable)
    if m.size and (m.min() < ABSTAIN or m.max() > AGAINST):
        raise _bad_mark()
    p = _Partial(np, paper)
    p.returned = m.shape[0]
    _exact(np, paper, _Rules(policy, paper.form), m, bad, p)
    return _finish(paper, issued, p)
