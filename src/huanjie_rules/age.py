"""Age in 周岁 (completed years), the three ways rules fix the date, and service horizons.

周岁 is the number of whole years completed on a reference date: a person is ``N`` on and after
their ``N``-th birthday (``age = ref.year - b.year - ((ref.month, ref.day) < (b.month, b.day))``).
「X周岁以下」 and 「不超过X周岁」 are inclusive (``age <= X``); 「年满X周岁」 is ``age >= X``.

Rules fix the reference point in one of three ways (:class:`AgeMode`):

* ``ELECTION_DATE``: the age on the election day (选举日), as the election laws do;
* ``REFERENCE_DATE``: the age on a fixed date named by the document (e.g. 「截至2020年8月31日」);
* ``BIRTH_YEAR_CUTOFF``: a year-based test, 「54周岁以下(1967年1月1日以后出生)」 in 2021, which is
  ``birth_date >= date(2021 - 54, 1, 1)``; the age compared is ``year - birth_year``.

**29 February.** In a common year a 29 February birthday (or anniversary) has no day of its own.
The default convention, ``FEB_28``, follows 《民法典》 第二百零二条 (a period counted in years whose
end month has no corresponding day ends on the last day of that month), so the birthday is kept on
28 February; ``MAR_1`` (the birthday falls on 1 March, which is what the bare formula above gives)
is the other choice. Profiles name the convention in the parameter ``eligibility.leap_day_birthday``.

Example:
    >>> import datetime as dt
    >>> age_on(dt.date(1976, 5, 10), dt.date(2021, 5, 9)), age_on(dt.date(1976, 5, 10), dt.date(2021, 5, 10))
    (44, 45)
    >>> age_on(dt.date(2000, 2, 29), dt.date(2018, 2, 28))  # FEB_28 convention
    18
    >>> age_on(dt.date(2000, 2, 29), dt.date(2018, 2, 28), leap_day="MAR_1")
    17

Legal basis: 《中华人民共和国民法典》 第二百零一条、第二百零二条 (counting periods in years);
选举法 第四条 and the provincial rules that count age to the election day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ._args import checked, unchecked
from ._base import LabeledEnum, Model
from .errors import Problem, RuleInputError

if TYPE_CHECKING:
    from .policy import Policy

__all__ = [
    "LEAP_DAY_CONVENTIONS",
    "SERVICE_BASES",
    "AgeBasis",
    "AgeMode",
    "age_by_year",
    "age_on",
    "anniversary",
    "can_serve",
    "earliest_birth_date",
    "latest_birth_date",
    "retirement_date",
    "years_to_retirement",
]

#: The two readings of a 29 February birthday in a common year.
LEAP_DAY_CONVENTIONS: tuple[str, ...] = ("FEB_28", "MAR_1")
#: How 「能干满N年」 is measured: whole years of 周岁, or to the exact retirement date.
SERVICE_BASES: tuple[str, ...] = ("WHOLE_YEARS", "EXACT_DATE")


class AgeMode(LabeledEnum):
    """Which reference point an age limit is measured at."""

    ELECTION_DATE = ("ELECTION_DATE", "按选举日计算", ("选举日", "以选举日为准"))
    REFERENCE_DATE = ("REFERENCE_DATE", "按规定截止日期计算", ("截止日期", "截至日期"))
    BIRTH_YEAR_CUTOFF = (
        "BIRTH_YEAR_CUTOFF",
        "按出生年份计算",
        ("出生年份", "1月1日以后出生", "按年份"),
    )


def _check_convention(leap_day: str) -> None:
    if leap_day not in LEAP_DAY_CONVENTIONS:
        raise RuleInputError(
            f"leap_day must be one of {LEAP_DAY_CONVENTIONS}, got {leap_day!r}",
            code="LEAP_DAY_CONVENTION",
            path="leap_day",
        )


def _leap_day(leap_day: str | None, policy: Policy | None) -> str:
    if policy is not None:
        chosen = policy.get_str("eligibility.leap_day_birthday")
        if leap_day is not None and leap_day != chosen:
            raise RuleInputError(
                f"leap_day {leap_day!r} differs from {policy.id!r}'s {chosen!r}: give one of them",
                code="ARGUMENT_CONFLICT",
                path="leap_day",
            )
        leap_day = chosen
    if leap_day is None:
        leap_day = "FEB_28"
    _check_convention(leap_day)
    return leap_day


#: The most years an age or period may span: far beyond any life or term, and within the calendar.
MAX_YEARS = 200


def _within_years(value: int, name: str) -> None:
    if value > MAX_YEARS:
        raise RuleInputError(
            f"{name} {value} is more than {MAX_YEARS} years", code="RANGE", path=name
        )


@checked
def anniversary(start: _dt.date, years: int, *, leap_day: str = "FEB_28") -> _dt.date:
    """The day ``years`` years after ``start`` (a birthday, or the end of a look-back window).

    A 29 February start lands on 28 February (``FEB_28``) or 1 March (``MAR_1``) in common years.

    Example:
        >>> import datetime as dt
        >>> anniversary(dt.date(2016, 2, 29), 5), anniversary(dt.date(2016, 2, 29), 5, leap_day="MAR_1")
        (datetime.date(2021, 2, 28), datetime.date(2021, 3, 1))
        >>> anniversary(dt.date(2016, 2, 29), 4)
        datetime.date(2020, 2, 29)

    Legal basis: 《中华人民共和国民法典》 第二百零二条 (no corresponding day → last day of the month).
    """
    _check_convention(leap_day)
    if years < 0:
        raise RuleInputError(f"years must not be negative, got {years}", path="years")
    _within_years(years, "years")
    year = start.year + years
    try:
        return start.replace(year=year)
    except ValueError:
        # Only 29 February in a common year gets here.
        if leap_day == "FEB_28":
            return _dt.date(year, 2, 28)
        return _dt.date(year, 3, 1)


@checked
def age_on(
    birth: _dt.date,
    on: _dt.date,
    *,
    leap_day: str | None = None,
    policy: Policy | None = None,
) -> int:
    """Age in 周岁 on ``on``: the whole years completed, counting the birthday itself.

    A 29 February birthday in a common year follows ``leap_day``, or the profile's
    ``eligibility.leap_day_birthday`` when ``policy`` is given (``FEB_28`` when neither is).

    Raises :class:`~huanjie_rules.errors.RuleInputError` (code ``AGE_BEFORE_BIRTH``) if ``on`` is
    before ``birth``; ``ARGUMENT_CONFLICT`` if ``leap_day`` and ``policy`` disagree.

    Example:
        >>> import datetime as dt
        >>> [age_on(dt.date(2003, 6, 1), dt.date(2021, 5, d)) for d in (30, 31)]
        [17, 17]
        >>> age_on(dt.date(2003, 6, 1), dt.date(2021, 6, 1))
        18
        >>> from huanjie_rules.policy import load_policy
        >>> age_on(dt.date(2004, 2, 29), dt.date(2022, 2, 28), policy=load_policy("village-2018"))
        18

    Legal basis: 选举法 第四条 (「年满十八周岁」); 《民法典》 第二百零二条 for 29 February.
    """
    leap_day = _leap_day(leap_day, policy)
    if on < birth:
        raise RuleInputError(
            f"{on.isoformat()} is before the birth date {birth.isoformat()}",
            code="AGE_BEFORE_BIRTH",
            path="on",
        )
    years = on.year - birth.year
    if _anniversary(birth, years, leap_day=leap_day) > on:
        years -= 1
    return years


_anniversary = unchecked(anniversary)
_age_on = unchecked(age_on)


@checked
def age_by_year(birth: _dt.date, year: int) -> int:
    """The year-based age used by 「X周岁以下(YYYY年1月1日以后出生)」: ``year - birth.year``.

    ``age_by_year(b, Y) <= X`` is exactly ``b >= date(Y - X, 1, 1)``.

    Example:
        >>> import datetime as dt
        >>> age_by_year(dt.date(1967, 1, 1), 2021), age_by_year(dt.date(1966, 12, 31), 2021)
        (54, 55)

    Legal basis: local practice, e.g. 耒阳 2021 「54周岁以下(1967年1月1日以后出生)」 (rules catalogue
    AGE-YEAR-CUTOFF-PRACTICE).
    """
    return year - birth.year


@attrs.frozen(kw_only=True)
class AgeBasis(Model):
    """Where an age limit is measured: the mode, the reference date and the 29 February rule.

    Attributes:
        mode: see :class:`AgeMode`.
        reference_date: the election day (``ELECTION_DATE``), the fixed date
            (``REFERENCE_DATE``), or a date in the cut-off year (``BIRTH_YEAR_CUTOFF``: only its
            year counts).
        leap_day: ``"FEB_28"`` or ``"MAR_1"``.

    Example:
        >>> import datetime as dt
        >>> basis = AgeBasis(mode=AgeMode.BIRTH_YEAR_CUTOFF, reference_date=dt.date(2021, 3, 1))
        >>> basis.age(dt.date(1967, 1, 1)), basis.earliest_birth_for_max(54)
        (54, datetime.date(1967, 1, 1))
    """

    mode: AgeMode
    reference_date: _dt.date
    leap_day: str = "FEB_28"

    def _checks(self) -> Iterable[Problem]:
        if self.leap_day not in LEAP_DAY_CONVENTIONS:
            yield Problem("CHOICE", "leap_day", f"must be one of {LEAP_DAY_CONVENTIONS}")

    @checked
    def age(self, birth: _dt.date) -> int:
        """The age compared with limits under this basis (周岁, or year-based in cut-off mode)."""
        if self.mode is AgeMode.BIRTH_YEAR_CUTOFF:
            return age_by_year(birth, self.reference_date.year)
        return _age_on(birth, self.reference_date, leap_day=self.leap_day)

    @checked
    def earliest_birth_for_max(self, max_age: int) -> _dt.date:
        """The earliest birth date whose age is ``<= max_age`` under this basis."""
        if max_age < 0:
            raise RuleInputError(f"max_age must not be negative, got {max_age}", path="max_age")
        _within_years(max_age, "max_age")
        if self.mode is AgeMode.BIRTH_YEAR_CUTOFF:
            return _dt.date(self.reference_date.year - max_age, 1, 1)
        return earliest_birth_date(max_age, self.reference_date, leap_day=self.leap_day)

    @checked
    def latest_birth_for_min(self, min_age: int) -> _dt.date:
        """The latest birth date whose age is ``>= min_age`` under this basis."""
        if min_age < 0:
            raise RuleInputError(f"min_age must not be negative, got {min_age}", path="min_age")
        _within_years(min_age, "min_age")
        if self.mode is AgeMode.BIRTH_YEAR_CUTOFF:
            return _dt.date(self.reference_date.year - min_age, 12, 31)
        return latest_birth_date(min_age, self.reference_date, leap_day=self.leap_day)

    @checked
    def allows(
        self, birth: _dt.date, *, max_age: int | None = None, min_age: int | None = None
    ) -> bool:
        """Whether someone born on ``birth`` is within the limits under this basis.

        ``max_age`` is 「X周岁以下」/「不超过X周岁」 (inclusive), ``min_age`` 「年满X周岁」. In
        ``BIRTH_YEAR_CUTOFF`` mode the answer is the birth-date test the documents print
        (「54周岁以下(1967年1月1日以后出生)」: born on or after 1 January of the year less
        ``max_age``). Someone born after the reference date has no age yet: under any minimum.

        Example:
            >>> import datetime as dt
            >>> cut = AgeBasis(mode=AgeMode.BIRTH_YEAR_CUTOFF, reference_date=dt.date(2021, 3, 1))
            >>> cut.allows(dt.date(1967, 1, 1), max_age=54), cut.allows(dt.date(1966, 12, 31), max_age=54)
            (True, False)
            >>> day = AgeBasis(mode=AgeMode.ELECTION_DATE, reference_date=dt.date(2021, 3, 1))
            >>> day.allows(dt.date(2003, 3, 1), min_age=18), day.allows(dt.date(2003, 3, 2), min_age=18)
            (True, False)
        """
        if max_age is not None and birth < self.earliest_birth_for_max(max_age):
            return False
        return min_age is None or birth <= self.latest_birth_for_min(min_age)


def _shift_back(on: _dt.date, years: int) -> _dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return _dt.date(on.year - years, 2, 28)


@checked
def latest_birth_date(min_age: int, on: _dt.date, *, leap_day: str = "FEB_28") -> _dt.date:
    """The latest birth date of someone aged at least ``min_age`` on ``on`` (「年满N周岁」).

    Everyone born on or before the returned day is old enough; anyone born the day after is not.

    Example:
        >>> import datetime as dt
        >>> latest_birth_date(18, dt.date(2021, 11, 5))
        datetime.date(2003, 11, 5)
        >>> latest_birth_date(18, dt.date(2018, 2, 28)), latest_birth_date(18, dt.date(2018, 2, 28), leap_day="MAR_1")
        (datetime.date(2000, 2, 29), datetime.date(2000, 2, 28))

    Legal basis: 选举法 第四条; 《村民委员会组织法》 第十三条 (「年满十八周岁」).
    """
    _check_convention(leap_day)
    if min_age < 0:
        raise RuleInputError(f"min_age must not be negative, got {min_age}", path="min_age")
    _within_years(min_age, "min_age")
    candidate = _shift_back(on, min_age)
    # Step forward while the next day still qualifies, back while this one does not.
    while (
        candidate < on
        and _age_on(candidate + _dt.timedelta(days=1), on, leap_day=leap_day) >= min_age
    ):
        candidate += _dt.timedelta(days=1)
    while _age_on(candidate, on, leap_day=leap_day) < min_age:
        candidate -= _dt.timedelta(days=1)
    return candidate


@checked
def earliest_birth_date(max_age: int, on: _dt.date, *, leap_day: str = "FEB_28") -> _dt.date:
    """The earliest birth date of someone aged at most ``max_age`` on ``on`` (「X周岁以下」).

    Example:
        >>> import datetime as dt
        >>> earliest_birth_date(45, dt.date(2021, 3, 1))
        datetime.date(1975, 3, 2)
        >>> age_on(dt.date(1975, 3, 2), dt.date(2021, 3, 1)), age_on(dt.date(1975, 3, 1), dt.date(2021, 3, 1))
        (45, 46)

    Legal basis: seed 001:28 (「年龄不超过45周岁」) read with 《民法典》 第二百零二条.
    """
    _check_convention(leap_day)
    if max_age < 0:
        raise RuleInputError(f"max_age must not be negative, got {max_age}", path="max_age")
    _within_years(max_age, "max_age")
    candidate = _shift_back(on, max_age + 1)
    while candidate <= on and _age_on(candidate, on, leap_day=leap_day) > max_age:
        candidate += _dt.timedelta(days=1)
    while _age_on(candidate - _dt.timedelta(days=1), on, leap_day=leap_day) <= max_age:
        candidate -= _dt.timedelta(days=1)
    return candidate


@checked
def retirement_date(birth: _dt.date, retirement_age: int, *, leap_day: str = "FEB_28") -> _dt.date:
    """The day someone reaches ``retirement_age`` (their ``retirement_age``-th birthday).

    Example:
        >>> import datetime as dt
        >>> retirement_date(dt.date(1964, 2, 29), 60)
        datetime.date(2024, 2, 29)

    Legal basis: seed 003:555 (service horizons need a retirement age; see seed-rules E6–E8).
    """
    return _anniversary(birth, retirement_age, leap_day=leap_day)


@checked
def years_to_retirement(
    birth: _dt.date, on: _dt.date, retirement_age: int, *, leap_day: str = "FEB_28"
) -> int:
    """Whole years left before ``retirement_age``: ``retirement_age - age_on(birth, on)``.

    Example:
        >>> import datetime as dt
        >>> years_to_retirement(dt.date(1958, 6, 1), dt.date(2016, 5, 1), 60)
        3

    Legal basis: seed 003:555 with the inference E8 of seed-rules.md (retirement at 60).
    """
    return retirement_age - _age_on(birth, on, leap_day=leap_day)


@checked
def can_serve(
    birth: _dt.date,
    on: _dt.date,
    years: int,
    retirement_age: int,
    *,
    basis: str = "WHOLE_YEARS",
    leap_day: str = "FEB_28",
) -> bool:
    """Whether someone can serve ``years`` full years from ``on`` before ``retirement_age``.

    ``WHOLE_YEARS`` compares 周岁: ``age_on(birth, on) + years <= retirement_age`` (so with 60 and
    3 years the limit is 57, matching 「58岁以上的，一般不再继续提名」). ``EXACT_DATE`` asks for the
    retirement date to fall on or after the day ``years`` years after ``on``.

    Example:
        >>> import datetime as dt
        >>> on = dt.date(2016, 5, 1)
        >>> can_serve(dt.date(1959, 6, 1), on, 3, 60), can_serve(dt.date(1959, 6, 1), on, 3, 60, basis="EXACT_DATE")
        (True, True)
        >>> can_serve(dt.date(1958, 6, 1), on, 3, 60), can_serve(dt.date(1958, 6, 1), on, 3, 60, basis="EXACT_DATE")
        (True, False)

    Legal basis: seed 003:555 (「继续提名和平级转任的一般要能干满3年；新提拔人选原则上要能干满一届」).
    """
    if basis not in SERVICE_BASES:
        raise RuleInputError(
            f"basis must be one of {SERVICE_BASES}, got {basis!r}",
            code="SERVICE_BASIS",
            path="basis",
        )
    if basis == "WHOLE_YEARS":
        return _age_on(birth, on, leap_day=leap_day) + years <= retirement_age
    retire = retirement_date(birth, retirement_age, leap_day=leap_day)
    return retire >= _anniversary(on, years, leap_day=leap_day)
