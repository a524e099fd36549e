"""Counts and screens on a ``dask.distributed`` cluster (extra ``dask``).

A province-wide count is partitioned by polling station: each :class:`Station` (a marks matrix
for the numpy fast path, :class:`~huanjie_rules.model.Ballot` objects for ballots with write-ins,
or both) is counted on a worker into a :class:`~huanjie_rules.votes.Tally`, and the tallies are
merged in a tree of :meth:`~huanjie_rules.votes.Tally.merge` tasks. Merging is commutative and
associative, so the total is exactly :func:`count_stations_local`'s, the single-process answer.

A province's roster is partitioned by county: each county's candidates are screened on a worker
with :func:`~huanjie_rules.eligibility.screen_many` and the results are concatenated in county
order, with row indices, paths and duplicate keys across counties worked out as one batch would,
so the answer is exactly ``screen_many`` over the whole roster.

A partition may be given as data or as a function of no arguments that returns it (a loader
that reads a station's file on the worker, so the data never passes through the client). A
worker that dies mid-count loses only its partitions: the scheduler runs them again elsewhere,
and the total is still exact.

Example:
    >>> import numpy as np
    >>> from distributed import Client, LocalCluster
    >>> from huanjie_rules.model import Office, Seat
    >>> from huanjie_rules.policy import load_policy
    >>> from huanjie_rules.votes import BallotEntry, BallotPaper
    >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
    ...     entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in "甲乙"])
    >>> policy = load_policy("npc-2020")
    >>> stations = [Station(key=f"站{i}", issued=3, marks=np.array([[1, 0], [0, 1], [1, 0]]))
    ...             for i in range(4)]
    >>> with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster, \\
    ...         Client(cluster) as client:
    ...     total = count_stations(client, paper, policy, stations)
    >>> total.votes_for("甲"), total == count_stations_local(paper, policy, stations)
    (8, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from .._args import checked
from .._base import Model, to_tuple
from .._extras import require
from ..eligibility import ScreenError, screen_many
from ..errors import ArgumentError, Problem, RowsError, RuleInputError
from ..findings import Eligibility
from ..model import Ballot, Candidate, Election
from ..policy import Policy
from ..votes import BallotPaper, Tally
from ..votes.tally import _merge_tallies, _tally_ballots

__all__ = [
    "Station",
    "count_station",
    "count_stations",
    "count_stations_local",
    "screen_counties",
]


@attrs.frozen(kw_only=True)
class Station(Model):
    """One polling station's (or ballot box's) returned ballots.

    Attributes:
        key: the station's name.
        issued: ballots handed out there (发出的选票).
        marks: a ballots × names matrix for :func:`~huanjie_rules.votes.fast.tally_array`
            (needs the extra ``fast``), or None.
        unreadable: the matrix's unreadable-ballot vector, or None.
        ballots: ballots counted by the object path (those with write-ins, say).
    """

    key: str
    issued: int
    marks: Any = attrs.field(default=None, eq=False)
    unreadable: Any = attrs.field(default=None, eq=False)
    ballots: tuple[Ballot, ...] = attrs.field(default=(), converter=to_tuple)


#: A partition: the data itself, or a function of no arguments that returns it on the worker.
StationLike = Station | Callable[[], Station]
CountyLike = Iterable[Candidate] | Callable[[], Iterable[Candidate]]


def _client(client: object) -> Any:
    distributed = require("distributed", "dask", feature="counting and screening on dask")
    if not isinstance(client, distributed.Client):
        raise RuleInputError(
            f"expected a distributed.Client, got {type(client).__name__}",
            code="TYPE",
            path="client",
        )
    return client


def _load(part: Any) -> Any:
    return part() if callable(part) else part


@checked
def count_station(paper: BallotPaper, policy: Policy, station: StationLike) -> Tally:
    """Count one station: its marks matrix and its ballots, ``issued`` counted once.

    Raises:
        RuleInputError: the partition is not a :class:`Station` (``TYPE``), or as
            :func:`~huanjie_rules.votes.fast.tally_array` and
            :func:`~huanjie_rules.votes.tally_ballots`.

    Legal basis: as :func:`huanjie_rules.votes.tally_ballots`.

    Example:
        >>> import numpy as np
        >>> from huanjie_rules.model import Office, Seat
        >>> from huanjie_rules.policy import load_policy
        >>> from huanjie_rules.votes import BallotEntry, BallotPaper
        >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
        ...     entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in "甲乙"])
        >>> s = Station(key="一站", issued=2, marks=np.array([[1, 0], [1, 1]]))
        >>> t = count_station(paper, load_policy("npc-2020"), s)
        >>> t.ballots_issued, t.valid_ballots, t.votes_for("甲")
        (2, 1, 1)
    """
    return _count_station(paper, policy, station)


def _count_station(paper: BallotPaper, policy: Policy, station: StationLike) -> Tally:
    """:func:`count_station` after its argument checks (what the workers run)."""
    s = _load(station)
    if not isinstance(s, Station):
        raise RuleInputError(
            f"a station partition is a Station, got {type(s).__name__}", code="TYPE", path="station"
        )
    if s.marks is not None:
        from ..votes.fast import tally_array

        total = tally_array(paper, s.marks, policy, issued=s.issued, unreadable=s.unreadable)
    else:
        total = Tally.empty(paper, issued=s.issued)
    if s.ballots:
        total = _merge_tallies(paper, (total, _tally_ballots(paper, s.ballots, policy, 0)))
    return total


@checked
def count_stations_local(
    paper: BallotPaper, policy: Policy, stations: Iterable[StationLike]
) -> Tally:
    """The single-process answer: every station counted here, the tallies merged.

    Example:
        >>> from huanjie_rules.model import Ballot, Choice, Office, Seat, Vote
        >>> from huanjie_rules.policy import load_policy
        >>> from huanjie_rules.votes import BallotEntry, BallotPaper
        >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
        ...     entries=[BallotEntry(office=Office.NPC_DEPUTY, person="甲")])
        >>> yes = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)])
        >>> stations = [Station(key=k, issued=1, ballots=[yes]) for k in "ABC"]
        >>> count_stations_local(paper, load_policy("npc-2020"), stations).votes_for("甲")
        3

    Legal basis: as :func:`huanjie_rules.votes.tally_ballots`.
    """
    return _merge_tallies(paper, (_count_station(paper, policy, s) for s in stations))


def _merge(paper: BallotPaper, *tallies: Tally) -> Tally:
    return _merge_tallies(paper, tallies)


@checked
def count_stations(
    client: Any,
    paper: BallotPaper,
    policy: Policy,
    stations: Iterable[StationLike],
    *,
    split_every: int = 16,
    retries: int = 0,
) -> Tally:
    """Count stations on a ``dask.distributed`` cluster and merge the tallies in a tree.

    Args:
        client: a ``distributed.Client``.
        paper: the round's ballot paper.
        policy: the profile.
        stations: the partitions, as :class:`Station` values or loaders returning them.
        split_every: how many tallies one merge task takes (≥ 2).
        retries: how many times a partition that raised is tried again (a partition lost with
            a worker is always recomputed; this is for loaders that may fail, such as reads).

    Returns:
        Exactly :func:`count_stations_local`'s tally.

    Raises:
        RuleInputError: ``client`` is not a ``distributed.Client`` (``TYPE``), or a station's
            counting refused its input.
        ArgumentError: ``split_every`` is below 2 or ``retries`` below 0 (``RANGE``), or an
            argument is of the wrong type.

    Legal basis: as :func:`huanjie_rules.votes.tally_ballots`.
    """
    c = _client(client)
    if split_every < 2:
        raise ArgumentError(
            f"split_every must be an integer of at least 2, got {split_every}",
            code="RANGE",
            path="split_every",
        )
    _retries(retries)
    parts = list(stations)
    if not parts:
        return Tally.empty(paper)
    paper_f, policy_f = c.scatter([paper, policy], broadcast=True, hash=False)
    level = c.map(_count_station, [paper_f] * len(parts), [policy_f] * len(parts), parts,
                  pure=False, retries=retries)  # fmt: skip
    while len(level) > 1:
        level = [
            c.submit(_merge, paper_f, *level[i : i + split_every], pure=False)
            for i in range(0, len(level), split_every)
        ]
    result: Tally = level[0].result()
    return result


def _retries(retries: int) -> None:
    if retries < 0:
        raise ArgumentError(
            f"retries must not be negative, got {retries}", code="RANGE", path="retries"
        )


def _rows(county: object, index: int) -> list[Any]:
    """A county's rows as a list (rows that are not candidates are screen_many's to report)."""
    if isinstance(county, str | bytes | Mapping) or not isinstance(county, Iterable):
        raise ArgumentError(
            f"a county is an iterable of candidates or a loader returning one, got "
            f"{type(county).__name__}",
            code="TYPE",
            path=f"counties[{index}]",
        )
    return list(county)


def _screen_county(
    county: CountyLike,
    index: int,
    election: Election,
    policy: Policy,
    checks: Sequence[str] | None,
    negative_lists: Sequence[str] | None,
    strict: bool,
) -> tuple[Eligibility | ScreenError, ...]:
    rows = _rows(_load(county), index)
    return screen_many(
        rows,
        election,
        policy,
        checks=checks,
        negative_lists=negative_lists,
        strict=strict,
        on_error="report",
    )


def _reindexed(row: ScreenError, index: int) -> ScreenError:
    _, _, rest = row.path.partition("]")
    return attrs.evolve(row, index=index, path=f"candidates[{index}]{rest}")


@checked(rows=("counties",))
def screen_counties(
    client: Any,
    counties: Iterable[CountyLike],
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
    on_error: Literal["raise", "report"] = "raise",
    retries: int = 0,
) -> tuple[Eligibility | ScreenError, ...]:
    """Screen a roster partitioned by county on a cluster: exactly ``screen_many`` over it all.

    The options are :func:`~huanjie_rules.eligibility.screen_many`'s. Problems with the whole
    batch raise here before any county is sent. Rows are numbered across counties in county
    order; a key that repeats one of an earlier county is a ``DUPLICATE_KEY`` row, as in one
    batch.

    Raises:
        RowsError: with ``on_error="raise"``, every row no screen can answer for (its office has
            no seats, its key repeats an earlier row's in any county, it is not a candidate),
            with paths numbered over the whole roster, as
            :func:`~huanjie_rules.eligibility.screen_many` raises it.
        RuleInputError: as :func:`~huanjie_rules.eligibility.screen_many` for the whole batch;
            ``client`` is not a ``distributed.Client`` (``TYPE``).
        ArgumentError: a county is neither an iterable of candidates nor a loader returning one
            (``counties[i]``), or another argument is of the wrong type.

    Legal basis: as :func:`huanjie_rules.eligibility.screen`.
    """
    c = _client(client)
    # Whole-batch problems (regime, profile in force, unknown checks or lists, on_error) raise
    # here, before any county is screened, as screen_many raises them.
    screen_many(
        [],
        election,
        policy,
        checks=checks,
        negative_lists=negative_lists,
        strict=strict,
        on_error=on_error,
    )
    _retries(retries)
    # Data partitions become lists here (a generator cannot travel to a worker); loaders run on
    # the workers.
    parts = [p if callable(p) else _rows(p, i) for i, p in enumerate(counties)]
    if not parts:
        return ()
    election_f, policy_f = c.scatter([election, policy], broadcast=True, hash=False)
    futures = c.map(
        _screen_county,
        parts,
        list(range(len(parts))),
        [election_f] * len(parts),
        [policy_f] * len(parts),
        [checks] * len(parts),
        [negative_lists] * len(parts),
        [strict] * len(parts),
        pure=False,
        retries=retries,
    )
    out: list[Eligibility | ScreenError] = []
    seen: set[str] = set()
    for part in c.gather(futures):
        for row in part:
            index = len(out)
            if isinstance(row, ScreenError):
                out.append(_reindexed(row, index))
                continue
            if row.subject in seen:
                out.append(
                    ScreenError(
                        index=index,
                        subject=row.subject,
                        code="DUPLICATE_KEY",
                        path=f"candidates[{index}].key",
                        message=f"candidate key {row.subject!r} appears twice in the batch",
                    )
                )
                continue
            seen.add(row.subject)
            out.append(row)
    if on_error == "raise":
        bad = [Problem(r.code, r.path, r.message) for r in out if isinstance(r, ScreenError)]
        if bad:
            raise RowsError(bad)
    return tuple(out)
