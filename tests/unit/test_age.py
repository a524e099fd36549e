"""周岁 arithmetic at every boundary (rules catalogue AGE-ZHOUSUI; 《民法典》 第二百零二条)."""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules.age import (
    AgeBasis,
    AgeMode,
    age_by_year,
    age_on,
    anniversary,
    can_serve,
    earliest_birth_date,
    latest_birth_date,
    retirement_date,
    years_to_retirement,
)
from huanjie_rules.errors import InvalidDataError, RuleInputError

D = dt.date


@pytest.mark.parametrize(
    ("on", "expected"),
    [(D(2021, 5, 9), 44), (D(2021, 5, 10), 45), (D(2021, 5, 11), 45)],
)
def test_day_before_on_after_birthday(on: dt.date, expected: int) -> None:
    assert age_on(D(1976, 5, 10), on) == expected


@pytest.mark.parametrize(
    ("on", "feb28", "mar1"),
    [
        (D(2018, 2, 27), 17, 17),
        (D(2018, 2, 28), 18, 17),  # common year: the conventions differ on 28 February only
        (D(2018, 3, 1), 18, 18),
        (D(2020, 2, 28), 19, 19),  # leap year: the birthday exists
        (D(2020, 2, 29), 20, 20),
    ],
)
def test_29_february_in_common_and_leap_years(on: dt.date, feb28: int, mar1: int) -> None:
    born = D(2000, 2, 29)
    assert age_on(born, on) == feb28
    assert age_on(born, on, leap_day="MAR_1") == mar1


def test_anniversary_of_29_february() -> None:
    assert anniversary(D(2016, 2, 29), 1) == D(2017, 2, 28)
    assert anniversary(D(2016, 2, 29), 1, leap_day="MAR_1") == D(2017, 3, 1)
    assert anniversary(D(2016, 2, 29), 4) == D(2020, 2, 29)
    assert anniversary(D(2016, 3, 1), 1) == D(2017, 3, 1)


def test_birth_year_cutoff_at_1_january() -> None:
    # 「54周岁以下(1967年1月1日以后出生)」 in 2021
    basis = AgeBasis(mode=AgeMode.BIRTH_YEAR_CUTOFF, reference_date=D(2021, 8, 1))
    assert basis.age(D(1966, 12, 31)) == 55
    assert basis.age(D(1967, 1, 1)) == 54
    assert basis.age(D(1967, 1, 2)) == 54
    assert basis.earliest_birth_for_max(54) == D(1967, 1, 1)
    assert basis.latest_birth_for_min(18) == D(2003, 12, 31)
    assert age_by_year(D(1967, 12, 31), 2021) == 54


def test_reference_date_mode_uses_the_fixed_date() -> None:
    basis = AgeBasis(mode=AgeMode.REFERENCE_DATE, reference_date=D(2020, 8, 31))
    assert basis.age(D(1975, 8, 31)) == 45
    assert basis.age(D(1975, 8, 30)) == 45
    assert basis.age(D(1975, 9, 1)) == 44
    assert basis.earliest_birth_for_max(45) == D(1974, 9, 1)
    assert basis.latest_birth_for_min(45) == D(1975, 8, 31)


@pytest.mark.parametrize("leap", ["FEB_28", "MAR_1"])
@pytest.mark.parametrize(
    "on", [D(2021, 3, 1), D(2020, 2, 29), D(2021, 2, 28), D(2020, 2, 28), D(2019, 12, 31)]
)
@pytest.mark.parametrize("n", [1, 18, 45, 50])
def test_birth_date_limits_are_tight(leap: str, on: dt.date, n: int) -> None:
    latest = latest_birth_date(n, on, leap_day=leap)
    assert age_on(latest, on, leap_day=leap) >= n
    assert age_on(latest + dt.timedelta(days=1), on, leap_day=leap) < n
    earliest = earliest_birth_date(n, on, leap_day=leap)
    assert age_on(earliest, on, leap_day=leap) <= n
    assert age_on(earliest - dt.timedelta(days=1), on, leap_day=leap) > n


def test_zero_age_limits() -> None:
    assert latest_birth_date(0, D(2021, 3, 1)) == D(2021, 3, 1)
    assert earliest_birth_date(0, D(2021, 3, 1)) == D(2020, 3, 2)


def test_service_horizon_whole_years_and_exact_date() -> None:
    on = D(2016, 5, 1)
    # WHOLE_YEARS with retirement 60 and 3 years: 57 passes, 58 fails (seed-rules E8)
    assert can_serve(D(1958, 5, 2), on, 3, 60)  # aged 57
    assert can_serve(D(1958, 5, 1), on, 3, 60) is False  # aged 58 on the birthday
    assert can_serve(D(1961, 5, 1), on, 5, 60)  # aged 55: a full term of 5 years
    assert can_serve(D(1960, 5, 1), on, 5, 60) is False  # aged 56
    # EXACT_DATE: the 60th birthday must be on or after 2019-05-01
    assert can_serve(D(1959, 5, 1), on, 3, 60, basis="EXACT_DATE")
    assert can_serve(D(1959, 4, 30), on, 3, 60, basis="EXACT_DATE") is False
    assert retirement_date(D(1959, 5, 1), 60) == D(2019, 5, 1)
    assert years_to_retirement(D(1959, 5, 1), on, 60) == 3


def test_bad_arguments_raise_typed_errors() -> None:
    with pytest.raises(RuleInputError) as err:
        age_on(D(2000, 1, 2), D(2000, 1, 1))
    assert err.value.code == "AGE_BEFORE_BIRTH"
    with pytest.raises(RuleInputError) as err:
        age_on(D(2000, 1, 2), D(2001, 1, 1), leap_day="FEB_29")
    assert err.value.path == "leap_day"
    with pytest.raises(RuleInputError):
        can_serve(D(1960, 1, 1), D(2016, 1, 1), 3, 60, basis="ROUGHLY")
    with pytest.raises(InvalidDataError):
        AgeBasis(mode=AgeMode.ELECTION_DATE, reference_date=D(2021, 1, 1), leap_day="X")
