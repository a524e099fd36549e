"""Screening a roster held as columns: whole columns at a time, the per-row path only where needed.

:func:`screen_columns` takes a roster of light records — name, sex, birth date, office, and
optionally a key and the tenure — as columns (a mapping of column name to a sequence, which is
what ``DataFrame.to_dict("list")`` in pandas, ``DataFrame.to_dict(as_series=False)`` in polars
and ``Table.to_pydict()`` in Arrow give), and returns exactly what
:func:`~huanjie_rules.eligibility.screen_many` returns for the same candidates.

How it stays exact: with every other field at its default, a light record's findings depend only
on its sex, office, tenure and birth date — except the incompatibility check, which compares the
key with the election's staff. So the rows are grouped by those four values: the first row of a
group is screened by :func:`~huanjie_rules.eligibility.screen` itself; if it has no finding, every
row of the group has none and gets that answer under its own key; if it has findings, every row
of the group is screened one by one. Rows whose name or key a staff member names always go
through the per-row path. Ages change a result only on the days a threshold passes, so a roster of
a million people born over sixty years has a few tens of thousands of groups, nearly all clean.

:func:`screen_column_chunks` does the same for a roster read in chunks (a file read batch by
batch), keeping the groups and the keys seen across chunks, so memory stays bounded by the chunk
size plus the keys.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import *
    >>> from huanjie_rules.policy import load_policy
    >>> election = Election(key="n", regime=Regime.NPC, policy_id="npc-2020",
    ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP, form=ElectionForm.DIRECT_VOTERS,
    ...     date=dt.date(2021, 11, 5), seats=[Seat(office=Office.NPC_DEPUTY, count=2)],
    ...     entitled_voters=3000)
    >>> roster = {"name": ["甲", "乙", "丙"], "gender": ["FEMALE", "MALE", "FEMALE"],
    ...           "birth_date": [dt.date(1970, 1, 1), dt.date(2003, 11, 6), dt.date(1970, 1, 1)],
    ...           "office": ["NPC_DEPUTY"] * 3}
    >>> [(r.subject, r.status.value) for r in screen_columns(roster, election, load_policy("npc-2020"))]
    [('甲', 'ELIGIBLE'), ('乙', 'INELIGIBLE'), ('丙', 'ELIGIBLE')]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs

from .._args import checked
from ..errors import InvalidDataError, Problem, RowsError, RuleInputError
from ..findings import Eligibility
from ..model import Candidate, Election, Gender, Office, Person, Tenure
from ..policy import Policy
from .negative_lists import _active_lists
from .screen import ScreenError, _checks, _prepare, _row_problem, _screen

__all__ = ["COLUMNS", "screen_column_chunks", "screen_columns"]

#: The columns a light roster may have; ``name``, ``gender``, ``birth_date`` and ``office`` are
#: required. Enum columns hold members or their codes (``"FEMALE"``, ``"NPC_DEPUTY"``).
COLUMNS = ("name", "gender", "birth_date", "office", "key", "tenure")
_REQUIRED = ("name", "gender", "birth_date", "office")


def _enum(cls: Any, value: object) -> Any:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            return value  # left for Candidate's own check, which reports it with its path
    return value


def _relabel(result: Eligibility, key: str) -> Eligibility:
    """A clean result under another key: a copy with ``subject`` replaced (the result was
    validated once when the library built it; a clean result has no finding naming a subject)."""
    out = object.__new__(Eligibility)
    for name in _VERDICT_FIELDS:
        _set(out, name, getattr(result, name))
    _set(out, "subject", key)
    return out


_set = object.__setattr__
_VERDICT_FIELDS = tuple(f.name for f in attrs.fields(Eligibility) if f.name != "subject")


def _enum_column(cls: Any, values: Sequence[Any]) -> list[Any]:
    """A column of enum members or codes as members, each distinct code converted once; any
    other value is kept as it is (Candidate refuses it, as it would one by one)."""
    try:
        codes = {v: _enum(cls, v) for v in set(values) if type(v) is str}
    except TypeError:  # an unhashable value: converted one by one
        return [_enum(cls, v) for v in values]
    return [codes[v] if type(v) is str else v for v in values]


class _Run:
    """The groups and keys of one screening, kept across chunks."""

    def __init__(
        self,
        election: Election,
        policy: Policy,
        order: tuple[str, ...],
        negative_lists: Sequence[str] | None,
        on_error: str,
    ) -> None:
        self.election = election
        self.policy = policy
        self.order = order
        self.negative_lists = negative_lists
        self.on_error = on_error
        self.spans: dict[tuple[Any, ...], list[Any]] = {}
        self.template: Eligibility | None = None
        self.seen: set[str] = set()
        self.index = 0
        staff: set[str] = set()
        for member in election.staff:
            staff.add(member.key)
            staff.update(member.related_candidates())
        self.staff = frozenset(staff)
        self.seated = frozenset(o for o in Office if election._seats_for(o) > 0)

    def rows(self, columns: Mapping[str, Sequence[Any]]) -> list[Eligibility | ScreenError]:
        if not isinstance(columns, Mapping):
            raise RuleInputError(
                f"columns are a mapping of column name to values, got {type(columns).__name__}",
                code="TYPE",
                path="columns",
            )
        unknown = sorted(set(columns) - set(COLUMNS), key=repr)
        if unknown:
            raise RuleInputError(
                f"unknown columns {unknown}: a light roster has {', '.join(COLUMNS)}; screen "
                "fuller records with screen_many",
                code="UNKNOWN_KEY",
                path=f"columns[{unknown[0]!r}]",
            )
        for name in _REQUIRED:
            if name not in columns:
                raise RuleInputError(
                    f"the column {name!r} is required", code="MISSING", path=f"columns[{name!r}]"
                )
        for name, values in columns.items():
            if isinstance(values, str | bytes | Mapping) or not isinstance(values, Sequence):
                raise RuleInputError(
                    f"column {name!r} is a sequence of values, got {type(values).__name__}",
                    code="TYPE",
                    path=f"columns[{name!r}]",
                )
        n = len(columns["name"])
        for name, values in columns.items():
            if len(values) != n:
                raise RuleInputError(
                    f"column {name!r} has {len(values)} values, not {n}",
                    code="BAD_SHAPE",
                    path=f"columns[{name!r}]",
                )
        names = columns["name"]
        keys: Sequence[Any] = columns["key"] if "key" in columns else [None] * n
        genders = _enum_column(Gender, columns["gender"])
        births = columns["birth_date"]
        offices = _enum_column(Office, columns["office"])
        tenures = _enum_column(Tenure, columns["tenure"]) if "tenure" in columns else None
        out: list[Eligibility | ScreenError | None] = [None] * n
        row: list[tuple[Any, Any]] = [
            (names[i], keys[i] if keys[i] is not None else names[i]) for i in range(n)
        ]
        pending: dict[tuple[Any, ...], list[int]] = {}
        # Rows the groups cannot answer: (row, index in the run, the candidate or None, the
        # row's problems).
        single: list[tuple[int, int, Candidate | None, list[Problem]]] = []
        # Whole columns of the expected types skip the per-row type test.
        all_plain = (
            set(map(type, names)) <= {str}
            and set(map(type, genders)) <= {Gender}
            and set(map(type, births)) <= {_dt.date}
            and set(map(type, offices)) <= {Office}
            and (tenures is None or set(map(type, tenures)) <= {Tenure})
            and all(type(k) is str for _, k in row)
        )
        seated = self.seated
        seen = self.seen
        staff = self.staff
        # First every row is placed (and every bad row found), then rows are screened: with
        # on_error="raise" no row is screened when any is bad, as in screen_many.
        for i in range(n):
            index = self.index
            self.index += 1
            name, key = row[i]
            gender, born, office = genders[i], births[i], offices[i]
            tenure = tenures[i] if tenures is not None else Tenure.NEW
            plain = all_plain or (
                type(name) is str
                and type(key) is str
                and type(gender) is Gender
                and type(born) is _dt.date
                and type(office) is Office
                and type(tenure) is Tenure
            )
            if not plain or office not in seated or key in seen or (staff and key in staff):
                cand, problems = self._build(index, name, key, gender, born, office, tenure)
                single.append((i, index, cand, problems))
                continue
            seen.add(key)
            if staff and name in staff:
                cand = self._candidate(name, key, gender, born, office, tenure)
                single.append((i, index, cand, []))
                continue
            group = pending.get((gender, office, tenure))
            if group is None:
                pending[(gender, office, tenure)] = [i]
            else:
                group.append(i)
        if self.on_error == "raise":
            bad = [p for *_, problems in single for p in problems]
            if bad:
                raise RowsError(bad)
        for i, index, cand, problems in single:
            if problems:
                first = problems[0]
                out[i] = ScreenError(
                    index=index,
                    subject=row[i][1] if type(row[i][1]) is str else "",
                    code=first.code,
                    path=first.path,
                    message="; ".join(str(p) for p in problems)
                    if len(problems) > 1
                    else first.message,
                )
            else:
                assert cand is not None
                out[i] = self._screen(cand)
        for (gender, office, tenure), rows in pending.items():

            def screen_row(
                i: int, g: Any = gender, o: Any = office, t: Any = tenure
            ) -> Eligibility:
                name, key = row[i]
                return self._screen(self._candidate(name, key, g, births[i], o, t))

            clean = self._clean_span((gender, office, tenure), rows, births, screen_row, out)
            for i in rows:
                if out[i] is not None:
                    continue
                if clean is not None and clean[0] <= births[i] <= clean[1]:
                    assert self.template is not None
                    out[i] = _relabel(self.template, row[i][1])
                else:
                    out[i] = screen_row(i)
        return [r for r in out if r is not None]

    def _build(
        self, index: int, name: Any, key: Any, gender: Any, born: Any, office: Any, tenure: Any
    ) -> tuple[Candidate | None, list[Problem]]:
        """A row as a Candidate with its row problem, or the problems of its values (each path
        starting ``candidates[index]``, as a batch of Candidates numbers them)."""
        where = f"candidates[{index}]"
        try:
            cand = self._candidate(name, key, gender, born, office, tenure)
        except InvalidDataError as err:
            return None, [p.with_prefix(where) for p in err.problems]
        problem = _row_problem(cand, self.election, where, self.seen)
        if problem is None:
            return cand, []
        return cand, [Problem(problem.code, problem.path, problem.message)]

    def _clean_span(
        self,
        group: tuple[Any, ...],
        rows: list[int],
        births: Sequence[Any],
        screen_row: Any,
        out: list[Eligibility | ScreenError | None],
    ) -> tuple[_dt.date, _dt.date] | None:
        """The birth dates of ``group`` known to give no finding, as a span (first, last).

        A light record's age enters the rules only through thresholds (a minimum age, a maximum,
        a retirement horizon), so the birth dates that give no finding are one span. The span is
        found by screening rows at chosen dates: a seed inside it, then a binary search outward
        on each side; dates outside it are screened row by row. What was learnt is kept for the
        next chunk. A probed row keeps its own result.
        """
        state = self.spans.setdefault(group, [None, None, None, None])  # lo, hi, dirty below/above
        first_row: dict[_dt.date, int] = {}
        for i in rows:
            first_row.setdefault(births[i], i)
        dates = sorted(first_row)

        def probe(day: _dt.date) -> bool:
            i = first_row[day]
            result = screen_row(i)
            out[i] = result
            if result.findings:
                return False
            if self.template is None:
                self.template = result
            return True

        lo, hi, below, above = state
        if lo is None:
            for q in (4, 2, 6, 1, 3, 5, 7):
                day = dates[q * (len(dates) - 1) // 8]
                if (below is None or day > below) and (above is None or day < above) and probe(day):
                    lo = hi = day
                    break
            else:
                return None
        # Extend downwards: of the unknown dates below lo, the clean ones are those nearest lo.
        low = [d for d in dates if d < lo and (below is None or d > below)]
        i, j = 0, len(low)  # low[j:] clean, low[:i] dirty
        while i < j:
            mid = (i + j) // 2
            if probe(low[mid]):
                j = mid
            else:
                i = mid + 1
                below = low[mid]
        if j < len(low):
            lo = low[j]
        high = [d for d in dates if d > hi and (above is None or d < above)]
        i, j = 0, len(high)  # high[:i] clean, high[j:] dirty
        while i < j:
            mid = (i + j) // 2
            if probe(high[mid]):
                i = mid + 1
            else:
                j = mid
                above = high[mid]
        if i > 0:
            hi = high[i - 1]
        state[:] = [lo, hi, below, above]
        return lo, hi

    @staticmethod
    def _candidate(
        name: Any, key: Any, gender: Any, born: Any, office: Any, tenure: Any = Tenure.NEW
    ) -> Candidate:
        person = Person(name=name, key=key, gender=gender, birth_date=born)
        return Candidate(person=person, office=office, tenure=tenure)

    def _screen(self, cand: Candidate) -> Eligibility:
        # screen()'s body: the batch was checked once (_start) and the row by rows().
        return _screen(cand, self.election, self.policy, self.order, self.negative_lists)


def _start(
    election: Election,
    policy: Policy,
    checks: Sequence[str] | None,
    negative_lists: Sequence[str] | None,
    strict: bool,
    on_error: str,
) -> _Run:
    """Check the whole batch as :func:`~huanjie_rules.eligibility.screen_many` does, once."""
    if on_error not in ("raise", "report"):
        raise RuleInputError(
            f"on_error must be 'raise' or 'report', got {on_error!r}",
            code="ON_ERROR",
            path="on_error",
        )
    _prepare(election, policy, strict)
    order = _checks(checks)
    _active_lists(policy, negative_lists)
    return _Run(election, policy, order, negative_lists, on_error)


def _chunk_rows(
    run: _Run, chunks: Iterable[Mapping[str, Sequence[Any]]]
) -> Iterator[tuple[Eligibility | ScreenError, ...]]:
    for columns in chunks:
        yield tuple(run.rows(columns))


@checked
def screen_columns(
    columns: Mapping[str, Sequence[Any]],
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
    on_error: Literal["raise", "report"] = "raise",
) -> tuple[Eligibility | ScreenError, ...]:
    """Screen a light roster held as columns: exactly :func:`screen_many` over its candidates.

    Args:
        columns: column name → values, for the columns in :data:`COLUMNS`.
        election: the election.
        policy: the profile.
        checks: as :func:`screen_many`.
        negative_lists: as :func:`screen_many`.
        strict: as :func:`screen_many`.
        on_error: as :func:`screen_many`.

    Returns:
        One result per row, in row order.

    A row whose values do not make a valid :class:`~huanjie_rules.model.Candidate` (a sex
    that is no ``Gender`` code, a ``datetime`` for a birth date, a date beyond the limits) is a
    bad row, as a row with an office without seats or a repeated key is: with
    ``on_error="report"`` it gets a :class:`ScreenError` (the code and path of its first
    problem, every problem in the message); with ``"raise"`` every bad row is listed in one
    :class:`~huanjie_rules.errors.RowsError` (each problem with its row's path,
    ``candidates[3].person.gender``) and no row is screened.

    Raises:
        RowsError: with ``on_error="raise"``, every bad row.
        RuleInputError: an unknown or missing column (``UNKNOWN_KEY``, ``MISSING``), a column
            that is not a sequence (``TYPE``), columns of different lengths (``BAD_SHAPE``), and
            the whole-batch problems of :func:`screen_many`.
        ArgumentError: an argument of the wrong type.

    Legal basis: as :func:`huanjie_rules.eligibility.screen`.
    """
    run = _start(election, policy, checks, negative_lists, strict, on_error)
    return tuple(run.rows(columns))


@checked
def screen_column_chunks(
    chunks: Iterable[Mapping[str, Sequence[Any]]],
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
    on_error: Literal["raise", "report"] = "raise",
) -> Iterator[tuple[Eligibility | ScreenError, ...]]:
    """Screen a roster read in chunks of columns; yields each chunk's results as it goes.

    Rows are numbered over the whole roster and a key repeating one of an earlier chunk is a
    ``DUPLICATE_KEY`` row, so the concatenated results are exactly :func:`screen_columns` over
    the whole roster. Whole-batch problems raise at the call, before the first chunk is read;
    with ``on_error="raise"`` the first chunk holding bad rows raises a
    :class:`~huanjie_rules.errors.RowsError` listing every bad row of that chunk (the chunks
    before it have been yielded).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> election = Election(key="n", regime=Regime.NPC, policy_id="npc-2020",
        ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP,
        ...     form=ElectionForm.DIRECT_VOTERS, date=dt.date(2021, 11, 5),
        ...     seats=[Seat(office=Office.NPC_DEPUTY, count=2)], entitled_voters=3000)
        >>> chunk = {"name": ["甲"], "gender": ["FEMALE"], "birth_date": [dt.date(1970, 1, 1)],
        ...          "office": ["NPC_DEPUTY"]}
        >>> rows = [r for part in screen_column_chunks([chunk, chunk], election,
        ...         load_policy("npc-2020"), on_error="report") for r in part]
        >>> [type(r).__name__ for r in rows], rows[1].code
        (['Eligibility', 'ScreenError'], 'DUPLICATE_KEY')

    Legal basis: as :func:`huanjie_rules.eligibility.screen`.
    """
    run = _start(election, policy, checks, negative_lists, strict, on_error)
    return _chunk_rows(run, chunks)
