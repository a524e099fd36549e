"""Working-day calendars: Chinese statutory holidays, 调休 make-up working days, local holidays.

The library never guesses whether a day is a working day. A calendar answers only for the years
it has data for; a date outside them raises :class:`~huanjie_rules.errors.CalendarCoverageError`
naming the year. Calendars are values passed to the functions that need them — there is no
global default — and each says where its data came from (:attr:`WorkdayCalendar.source`), which
the procedure results record.

Three calendars are provided, all following the small :class:`WorkdayCalendar` protocol:

* :class:`ChineseCalendarAdapter` reads the ``chinesecalendar`` package (install the extra
  ``huanjie-rules[calendar]``); :func:`default_calendar` builds one.
* :class:`TableCalendar` is built by the caller from their own data: for each covered year, the
  weekday holidays and the weekend make-up working days (调休上班日).
* :class:`LayeredCalendar` puts a local table (民族 holidays, a county's extra days off) over
  another calendar.

Counting conventions (stated once, used everywhere):

* :func:`add_workdays` ``(start, n)`` is the n-th working day **after** ``start``; ``start``
  itself is not counted (《民法典》第二百零一条: 开始的当日不计入).
* :func:`count_workdays` ``(start, end)`` counts working days ``d`` with ``start < d <= end``
  by default (start excluded, end included); both ends are keyword switches. With these
  defaults ``count_workdays(s, add_workdays(s, n)) == n`` for every ``n >= 0``.

Example:
    >>> import datetime as dt
    >>> cal = TableCalendar(
    ...     label="fixture 2026",
    ...     years=(2026,),
    ...     holidays=[dt.date(2026, 2, d) for d in range(16, 21)] + [dt.date(2026, 2, 23)],
    ...     workdays=[dt.date(2026, 2, 14), dt.date(2026, 2, 28)],
    ... )
    >>> cal.is_workday(dt.date(2026, 2, 14)), cal.is_workday(dt.date(2026, 2, 16))
    (True, False)
    >>> add_workdays(dt.date(2026, 2, 13), 2, cal)
    datetime.date(2026, 2, 24)
    >>> count_workdays(dt.date(2026, 2, 13), dt.date(2026, 2, 24), cal)
    2
    >>> cal.is_workday(dt.date(2027, 1, 4))
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.CalendarCoverageError: date: the calendar 'fixture 2026' has no data for the year 2027 (it covers 2026) [CALENDAR_COVERAGE]
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as _dt
from collections.abc import Iterable
from typing import Any, Literal, Protocol, runtime_checkable

import attrs

from ._args import checked
from ._base import Model, to_frozenset, to_tuple
from ._extras import require
from .errors import CalendarCoverageError, Problem, RuleInputError

__all__ = [
    "ChineseCalendarAdapter",
    "LayeredCalendar",
    "TableCalendar",
    "WorkdayCalendar",
    "add_months",
    "add_workdays",
    "count_workdays",
    "default_calendar",
    "is_workday",
    "next_workday",
    "previous_workday",
]

#: How a date with no corresponding day in the target month is moved (29 Feb + 1 year).
Overflow = Literal["MONTH_END", "NEXT_DAY"]


@runtime_checkable
class WorkdayCalendar(Protocol):
    """What the library needs from a working-day calendar.

    ``is_workday`` must raise :class:`~huanjie_rules.errors.CalendarCoverageError` for a date
    outside :meth:`covered_years`, never answer by guessing from the weekday.
    """

    @property
    def source(self) -> str:
        """Which data the calendar answers from, with its version (``"chinesecalendar 1.11.0"``)."""
        ...

    def covered_years(self) -> tuple[int, ...]:
        """The years the calendar has data for, ascending."""
        ...

    def covers(self, day: _dt.date) -> bool:
        """True if the calendar can answer for ``day``."""
        ...

    def is_workday(self, day: _dt.date) -> bool:
        """True on a working day (a weekday that is no holiday, or a 调休 make-up day)."""
        ...


def _span(years: Iterable[int]) -> str:
    ys = sorted(set(years))
    if not ys:
        return "no year"
    runs: list[str] = []
    start = prev = ys[0]
    for y in ys[1:]:
        if y != prev + 1:
            runs.append(str(start) if start == prev else f"{start}–{prev}")
            start = y
        prev = y
    runs.append(str(start) if start == prev else f"{start}–{prev}")
    return ", ".join(runs)


def _coverage_error(source: str, day: _dt.date, years: Iterable[int]) -> CalendarCoverageError:
    return CalendarCoverageError(
        f"the calendar {source!r} has no data for the year {day.year} (it covers {_span(years)})",
        path="date",
    )


def _check_date(day: object, path: str = "date") -> _dt.date:
    if not isinstance(day, _dt.date) or isinstance(day, _dt.datetime):
        raise RuleInputError(f"expected a date, got {type(day).__name__}", path=path)
    return day


class ChineseCalendarAdapter:
    """The national holiday arrangements (国务院办公厅 放假安排) from the ``chinesecalendar`` package.

    The package is imported when the adapter is built; without it this raises
    :class:`~huanjie_rules.errors.MissingExtraError` (code ``MISSING_EXTRA``) naming the extra
    to install, ``huanjie-rules[calendar]``. Coverage is read from the package's own tables
    (2004–2026 in version 1.11.0); a later year raises instead of guessing, so update the
    package — or layer a :class:`TableCalendar` — when the State Council publishes a new year.

    Example:
        >>> import datetime as dt
        >>> cal = ChineseCalendarAdapter()
        >>> cal.source.startswith("chinesecalendar ")
        True
        >>> cal.is_workday(dt.date(2025, 9, 28)), cal.is_workday(dt.date(2025, 10, 1))
        (True, False)
    """

    __slots__ = ("_module", "_source", "_years")

    def __init__(self) -> None:
        module: Any = require("chinese_calendar", "calendar", feature="ChineseCalendarAdapter")
        holidays = module.constants.holidays
        first = min(holidays).year
        last = max(holidays).year
        self._module = module
        self._years = tuple(range(first, last + 1))
        self._source = f"chinesecalendar {getattr(module, '__version__', 'unknown')}"

    @property
    def source(self) -> str:
        """``"chinesecalendar <version>"``."""
        return self._source

    def covered_years(self) -> tuple[int, ...]:
        """The years the installed package has holiday tables for."""
        return self._years

    @checked
    def covers(self, day: _dt.date) -> bool:
        """True if the package has data for ``day``'s year."""
        return self._years[0] <= day.year <= self._years[-1]

    @checked
    def is_workday(self, day: _dt.date) -> bool:
        """Ask the package; a year it has no table for raises CalendarCoverageError."""
        _check_date(day)
        if not self.covers(day):
            raise _coverage_error(self._source, day, self._years)
        return bool(self._module.is_workday(day))

    def __repr__(self) -> str:
        return f"ChineseCalendarAdapter({self._source!r})"


@checked
def default_calendar() -> ChineseCalendarAdapter:
    """A new :class:`ChineseCalendarAdapter` (the national calendar from ``chinesecalendar``).

    A convenience only: every function that needs a calendar takes it as an argument.

    Example:
        >>> default_calendar().covers(__import__("datetime").date(2026, 10, 1))
        True
    """
    return ChineseCalendarAdapter()


@attrs.frozen(kw_only=True)
class TableCalendar(Model):
    """A calendar built from the caller's own table of holidays and make-up working days.

    A day of a covered year is a working day when it is listed in ``workdays`` (a 调休 make-up
    Saturday or Sunday), or when it is a Monday–Friday not listed in ``holidays``. Use it for
    years a package does not cover yet, or for a province's or county's own days off.

    Attributes:
        label: names the data, e.g. ``"国务院办公厅 2026年部分节假日安排"``; it becomes :attr:`source`.
        years: the years the table is complete for; other years raise CalendarCoverageError.
        holidays: days off that fall Monday–Friday (weekend days may be listed; they change
            nothing).
        workdays: weekend days that are working days (调休上班).

    Example:
        >>> import datetime as dt
        >>> cal = TableCalendar(label="国办 2025", years=(2025,),
        ...     holidays=[dt.date(2025, 10, d) for d in range(1, 9)],
        ...     workdays=[dt.date(2025, 9, 28), dt.date(2025, 10, 11)])
        >>> [cal.is_workday(dt.date(2025, 9, d)) for d in (26, 27, 28)]
        [True, False, True]
    """

    label: str
    years: tuple[int, ...] = attrs.field(converter=to_tuple)
    holidays: frozenset[_dt.date] = attrs.field(default=frozenset(), converter=to_frozenset)
    workdays: frozenset[_dt.date] = attrs.field(default=frozenset(), converter=to_frozenset)

    def _checks(self) -> Iterable[Problem]:
        if not self.label.strip():
            yield Problem("EMPTY", "label", "name the data the table comes from")
        if not self.years:
            yield Problem("EMPTY", "years", "a table must cover at least one year")
        if len(set(self.years)) != len(self.years):
            yield Problem("DUPLICATE", "years", "a year is listed twice")
        covered = set(self.years)
        for name, days in (("holidays", self.holidays), ("workdays", self.workdays)):
            for d in sorted(days):
                if d.year not in covered:
                    yield Problem(
                        "OUT_OF_COVERAGE", f"{name}[{d.isoformat()}]", f"{d.year} is not in years"
                    )
        for d in sorted(self.holidays & self.workdays):
            yield Problem("CONFLICT", f"workdays[{d.isoformat()}]", "is also listed as a holiday")
        for d in sorted(self.workdays):
            if d.weekday() < 5:
                yield Problem(
                    "NOT_WEEKEND",
                    f"workdays[{d.isoformat()}]",
                    "a make-up working day must be a Saturday or Sunday",
                )

    @property
    def source(self) -> str:
        """The table's label."""
        return self.label

    def covered_years(self) -> tuple[int, ...]:
        """The covered years, ascending."""
        return tuple(sorted(self.years))

    @checked
    def covers(self, day: _dt.date) -> bool:
        """True if ``day``'s year is in the table."""
        return day.year in self.years

    @checked
    def is_workday(self, day: _dt.date) -> bool:
        """Answer from the table; a year outside it raises CalendarCoverageError."""
        _check_date(day)
        if not self.covers(day):
            raise _coverage_error(self.label, day, self.years)
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


@attrs.frozen(kw_only=True)
class LayeredCalendar(Model):
    """A local table laid over another calendar: local days off and local working days win.

    Coverage is the base calendar's; the local layer only changes days inside it. The source
    names both layers, e.g. ``"chinesecalendar 1.11.0 + 内蒙古 那达慕 2026"``.

    Attributes:
        base: the calendar underneath (any :class:`WorkdayCalendar`).
        label: names the local data.
        holidays: local days off (any weekday).
        workdays: local working days that the base treats as days off.

    Example:
        >>> import datetime as dt
        >>> base = ChineseCalendarAdapter()
        >>> local = LayeredCalendar(base=base, label="县 2026", holidays=[dt.date(2026, 7, 13)])
        >>> base.is_workday(dt.date(2026, 7, 13)), local.is_workday(dt.date(2026, 7, 13))
        (True, False)
    """

    base: WorkdayCalendar
    label: str
    holidays: frozenset[_dt.date] = attrs.field(default=frozenset(), converter=to_frozenset)
    workdays: frozenset[_dt.date] = attrs.field(default=frozenset(), converter=to_frozenset)

    def _checks(self) -> Iterable[Problem]:
        if not self.label.strip():
            yield Problem("EMPTY", "label", "name the local data")
        for d in sorted(self.holidays & self.workdays):
            yield Problem("CONFLICT", f"workdays[{d.isoformat()}]", "is also listed as a holiday")
        for name, days in (("holidays", self.holidays), ("workdays", self.workdays)):
            for d in sorted(days):
                if not self.base.covers(d):
                    yield Problem(
                        "OUT_OF_COVERAGE",
                        f"{name}[{d.isoformat()}]",
                        f"the base calendar {self.base.source!r} does not cover {d.year}",
                    )

    @property
    def source(self) -> str:
        """``"<base source> + <label>"``."""
        return f"{self.base.source} + {self.label}"

    def covered_years(self) -> tuple[int, ...]:
        """The base calendar's years."""
        return self.base.covered_years()

    @checked
    def covers(self, day: _dt.date) -> bool:
        """True where the base calendar covers ``day``."""
        return self.base.covers(day)

    @checked
    def is_workday(self, day: _dt.date) -> bool:
        """The local layer first, then the base calendar."""
        _check_date(day)
        if not self.base.covers(day):
            raise _coverage_error(self.source, day, self.base.covered_years())
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        return self.base.is_workday(day)


@checked
def is_workday(day: _dt.date, calendar: WorkdayCalendar) -> bool:
    """Whether ``day`` is a working day in ``calendar``.

    Raises:
        CalendarCoverageError: ``day`` is outside the calendar's years (the message names the
            year).

    Legal basis: 《全国年节及纪念日放假办法》 and the State Council's yearly 放假安排 (调休).

    Example:
        >>> import datetime as dt
        >>> is_workday(dt.date(2026, 2, 14), default_calendar())
        True
    """
    return calendar.is_workday(_check_date(day))


@checked
def add_workdays(start: _dt.date, n: int, calendar: WorkdayCalendar) -> _dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    ``n == 0`` returns ``start``; a negative ``n`` counts back: the ``|n|``-th working day
    before ``start``. With :func:`count_workdays`' defaults, ``count_workdays(start,
    add_workdays(start, n, cal), cal) == n`` for ``n >= 0``.

    Raises:
        CalendarCoverageError: the count runs into a year the calendar does not cover.
        RuleInputError: ``n`` is not an integer.

    Legal basis: 《民法典》第二百零一条 (开始的当日不计入，自下一日开始计算).

    Example:
        >>> import datetime as dt
        >>> cal = default_calendar()
        >>> add_workdays(dt.date(2025, 9, 26), 1, cal)  # Friday → the make-up Sunday 28 Sep
        datetime.date(2025, 9, 28)
        >>> add_workdays(dt.date(2025, 9, 30), 1, cal)  # National Day week is skipped
        datetime.date(2025, 10, 9)
    """
    _check_date(start, "start")
    if not isinstance(n, int) or isinstance(n, bool):
        raise RuleInputError(f"n must be an integer, got {type(n).__name__}", path="n")
    step = _dt.timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    day = start
    while remaining:
        day += step
        if calendar.is_workday(day):
            remaining -= 1
    return day


@checked
def count_workdays(
    start: _dt.date,
    end: _dt.date,
    calendar: WorkdayCalendar,
    *,
    include_start: bool = False,
    include_end: bool = True,
) -> int:
    """The number of working days from ``start`` to ``end``.

    By default ``start`` is excluded and ``end`` included (``start < d <= end``), the reading of
    《民法典》第二百零一条 and the inverse of :func:`add_workdays`. For a 公示 running from its
    first day to its last day inclusive, pass ``include_start=True``.

    Raises:
        RuleInputError: ``end`` is before ``start`` (code ``DATE_ORDER``).
        CalendarCoverageError: a day in the range is outside the calendar.

    Legal basis: 《民法典》第二百零一条.

    Example:
        >>> import datetime as dt
        >>> cal = default_calendar()
        >>> count_workdays(dt.date(2026, 2, 13), dt.date(2026, 2, 24), cal)
        2
        >>> count_workdays(dt.date(2026, 2, 13), dt.date(2026, 2, 24), cal, include_start=True)
        3
    """
    _check_date(start, "start")
    _check_date(end, "end")
    if end < start:
        raise RuleInputError(
            f"end {end.isoformat()} is before start {start.isoformat()}",
            code="DATE_ORDER",
            path="end",
        )
    total = 0
    day = start
    one = _dt.timedelta(days=1)
    while day <= end:
        counted = (day != start or include_start) and (day != end or include_end)
        if counted and calendar.is_workday(day):
            total += 1
        day += one
    return total


@checked
def next_workday(
    day: _dt.date, calendar: WorkdayCalendar, *, include_self: bool = False
) -> _dt.date:
    """The first working day after ``day`` (or ``day`` itself when ``include_self`` and it is one).

    Legal basis: 《民法典》第二百零三条 (a period ending on a holiday ends on the next day).

    Example:
        >>> import datetime as dt
        >>> next_workday(dt.date(2026, 2, 14), default_calendar())
        datetime.date(2026, 2, 24)
        >>> next_workday(dt.date(2026, 2, 14), default_calendar(), include_self=True)
        datetime.date(2026, 2, 14)
    """
    _check_date(day)
    if include_self and calendar.is_workday(day):
        return day
    return add_workdays(day, 1, calendar)


@checked
def previous_workday(
    day: _dt.date, calendar: WorkdayCalendar, *, include_self: bool = False
) -> _dt.date:
    """The last working day before ``day`` (or ``day`` itself when ``include_self`` and it is one).

    Legal basis: the State Council's yearly 放假安排 (调休).

    Example:
        >>> import datetime as dt
        >>> previous_workday(dt.date(2025, 10, 8), default_calendar())
        datetime.date(2025, 9, 30)
    """
    _check_date(day)
    if include_self and calendar.is_workday(day):
        return day
    return add_workdays(day, -1, calendar)


@checked
def add_months(day: _dt.date, months: int, *, overflow: Overflow = "MONTH_END") -> _dt.date:
    """``day`` moved by ``months`` calendar months (negative moves back).

    When the target month has no corresponding day (29 Feb + 12 months, 31 Aug + 6 months),
    ``overflow="MONTH_END"`` gives the month's last day, as 《民法典》第二百零二条 says (没有对应日
    的，月末日为期间的最后一日); ``"NEXT_DAY"`` gives the first day of the following month.

    Legal basis: 《民法典》第二百零二条.

    Example:
        >>> import datetime as dt
        >>> add_months(dt.date(2024, 2, 29), 60)
        datetime.date(2029, 2, 28)
        >>> add_months(dt.date(2024, 2, 29), 60, overflow="NEXT_DAY")
        datetime.date(2029, 3, 1)
        >>> add_months(dt.date(2024, 2, 29), 48)
        datetime.date(2028, 2, 29)
    """
    _check_date(day)
    if not isinstance(months, int) or isinstance(months, bool):
        raise RuleInputError(
            f"months must be an integer, got {type(months).__name__}", path="months"
        )
    if overflow not in ("MONTH_END", "NEXT_DAY"):
        raise RuleInputError(f"unknown overflow rule {overflow!r}", path="overflow")
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise RuleInputError(f"the result falls outside the calendar (year {year})", path="months")
    last = _stdcal.monthrange(year, month)[1]
    if day.day <= last:
        return _dt.date(year, month, day.day)
    if overflow == "MONTH_END":
        return _dt.date(year, month, last)
    return _dt.date(year, month, last) + _dt.timedelta(days=1)
