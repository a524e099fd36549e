"""Properties of working-day counting and of the procedure periods."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from huanjie_rules.calendar import (
    ChineseCalendarAdapter,
    TableCalendar,
    add_months,
    add_workdays,
    count_workdays,
    next_workday,
)
from huanjie_rules.io import from_json, to_json
from huanjie_rules.policy import load_policy
from huanjie_rules.procedure import PeriodCheck, check_publicity, publicity_end

CAL = ChineseCalendarAdapter()
XZHEN = load_policy("xzhen-2021")

days = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 10, 31))


@st.composite
def table_calendars(draw: st.DrawFn) -> TableCalendar:
    year = 2030
    pool = [dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    weekdays = [d for d in pool if d.weekday() < 5]
    weekends = [d for d in pool if d.weekday() >= 5]
    holidays = draw(st.frozensets(st.sampled_from(weekdays), max_size=40))
    workdays = draw(st.frozensets(st.sampled_from(weekends), max_size=20))
    return TableCalendar(label="random", years=(year,), holidays=holidays, workdays=workdays)


@given(start=days, n=st.integers(min_value=0, max_value=40))
def test_add_then_count_gives_n(start: dt.date, n: int) -> None:
    end = add_workdays(start, n, CAL)
    assert count_workdays(start, end, CAL) == n
    assert end == start or CAL.is_workday(end)


@given(cal=table_calendars(), offset=st.integers(0, 200), n=st.integers(0, 60))
def test_add_then_count_gives_n_on_any_table(cal: TableCalendar, offset: int, n: int) -> None:
    start = dt.date(2030, 1, 1) + dt.timedelta(days=offset)
    end = add_workdays(start, n, cal)
    assert count_workdays(start, end, cal) == n


@given(start=days, n=st.integers(min_value=1, max_value=40))
def test_add_is_the_first_date_reaching_n(start: dt.date, n: int) -> None:
    end = add_workdays(start, n, CAL)
    assert count_workdays(start, end - dt.timedelta(days=1), CAL) == n - 1


@given(
    start=st.dates(min_value=dt.date(2004, 4, 1), max_value=dt.date(2026, 10, 31)),
    n=st.integers(min_value=1, max_value=30),
)
def test_backwards_then_forwards(start: dt.date, n: int) -> None:
    back = add_workdays(start, -n, CAL)
    if CAL.is_workday(start):
        assert count_workdays(back, start, CAL) == n
        assert add_workdays(back, n, CAL) == start
    else:
        assert count_workdays(back, start, CAL) == n - 1
        assert add_workdays(back, n, CAL) == next_workday(start, CAL)


@given(a=days, b=days, c=days)
def test_counts_are_additive(a: dt.date, b: dt.date, c: dt.date) -> None:
    x, y, z = sorted((a, b, c))
    if (z - x).days > 400:
        return
    assert count_workdays(x, z, CAL) == count_workdays(x, y, CAL) + count_workdays(y, z, CAL)


@given(start=st.dates(min_value=dt.date(2020, 10, 1), max_value=dt.date(2026, 12, 1)))
def test_publicity_end_is_the_shortest_compliant_period(start: dt.date) -> None:
    end = publicity_end(start, XZHEN, CAL)
    assert check_publicity(start, end, XZHEN, CAL).ok
    assert check_publicity(start, end, XZHEN, CAL).counted == 5
    if end > start:
        assert not check_publicity(start, end - dt.timedelta(days=1), XZHEN, CAL).ok


@given(start=st.dates(min_value=dt.date(2020, 10, 1), max_value=dt.date(2026, 12, 1)))
def test_period_checks_round_trip(start: dt.date) -> None:
    check = check_publicity(start, start + dt.timedelta(days=6), XZHEN, CAL)
    assert from_json(to_json(check), PeriodCheck) == check


@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    m=st.integers(-240, 240),
)
def test_add_months_lands_on_the_corresponding_day_or_month_end(day: dt.date, m: int) -> None:
    out = add_months(day, m)
    assert (out.year * 12 + out.month) - (day.year * 12 + day.month) == m
    assert out.day == day.day or (out.day < day.day and (out + dt.timedelta(days=1)).day == 1)
