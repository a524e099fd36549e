"""Working-day calendars: 2024–2026 holidays and 调休, coverage errors, counting conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules.calendar import (
    ChineseCalendarAdapter,
    LayeredCalendar,
    TableCalendar,
    WorkdayCalendar,
    add_months,
    add_workdays,
    count_workdays,
    default_calendar,
    is_workday,
    next_workday,
    previous_workday,
)
from huanjie_rules.errors import CalendarCoverageError, InvalidDataError, RuleInputError

D = dt.date

# 国务院办公厅 holiday arrangements 2024–2026: weekday holidays and weekend make-up working days.
FIXTURE_HOLIDAYS = [
    # 2024
    D(2024, 1, 1),
    *[D(2024, 2, d) for d in (12, 13, 14, 15, 16)],
    D(2024, 4, 4),
    D(2024, 4, 5),
    *[D(2024, 5, d) for d in (1, 2, 3)],
    D(2024, 6, 10),
    D(2024, 9, 16),
    D(2024, 9, 17),
    *[D(2024, 10, d) for d in (1, 2, 3, 4, 7)],
    # 2025
    D(2025, 1, 1),
    D(2025, 1, 28),
    D(2025, 1, 29),
    D(2025, 1, 30),
    D(2025, 1, 31),
    D(2025, 2, 3),
    D(2025, 2, 4),
    D(2025, 4, 4),
    D(2025, 5, 1),
    D(2025, 5, 2),
    D(2025, 5, 5),
    D(2025, 6, 2),
    *[D(2025, 10, d) for d in (1, 2, 3, 6, 7, 8)],
    # 2026
    D(2026, 1, 1),
    D(2026, 1, 2),
    *[D(2026, 2, d) for d in (16, 17, 18, 19, 20, 23)],
    D(2026, 4, 6),
    D(2026, 5, 1),
    D(2026, 5, 4),
    D(2026, 5, 5),
    D(2026, 6, 19),
    D(2026, 9, 25),
    *[D(2026, 10, d) for d in (1, 2, 5, 6, 7)],
]
FIXTURE_WORKDAYS = [
    D(2024, 2, 4),
    D(2024, 2, 18),
    D(2024, 4, 7),
    D(2024, 4, 28),
    D(2024, 5, 11),
    D(2024, 9, 14),
    D(2024, 9, 29),
    D(2024, 10, 12),
    D(2025, 1, 26),
    D(2025, 2, 8),
    D(2025, 4, 27),
    D(2025, 9, 28),
    D(2025, 10, 11),
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]


def fixture_calendar() -> TableCalendar:
    return TableCalendar(
        label="fixture 2024–2026",
        years=(2024, 2025, 2026),
        holidays=FIXTURE_HOLIDAYS,
        workdays=FIXTURE_WORKDAYS,
    )


@pytest.fixture(params=["chinesecalendar", "table"])
def cal(request: pytest.FixtureRequest) -> WorkdayCalendar:
    if request.param == "chinesecalendar":
        return ChineseCalendarAdapter()
    return fixture_calendar()


# -- the same answers from both calendars ---------------------------------------------------------

MAKEUP_WEEKENDS = [
    D(2024, 2, 4),  # Sunday before the Spring Festival
    D(2024, 2, 18),  # Sunday after it
    D(2024, 9, 14),  # Saturday, Mid-Autumn
    D(2025, 1, 26),  # Sunday, Spring Festival
    D(2025, 2, 8),  # Saturday
    D(2025, 9, 28),  # Sunday before National Day
    D(2025, 10, 11),  # Saturday after it
    D(2026, 1, 4),  # Sunday after New Year
    D(2026, 2, 14),  # Saturday before the Spring Festival
    D(2026, 2, 28),  # Saturday after it
]
WEEKDAY_HOLIDAYS = [
    D(2024, 2, 12),
    D(2024, 10, 7),
    D(2025, 1, 28),
    D(2025, 2, 4),
    D(2025, 10, 8),
    D(2026, 1, 2),
    D(2026, 2, 16),
    D(2026, 2, 23),
    D(2026, 10, 7),
]


@pytest.mark.parametrize("day", MAKEUP_WEEKENDS)
def test_makeup_weekend_days_are_working_days(cal: WorkdayCalendar, day: dt.date) -> None:
    assert day.weekday() >= 5
    assert cal.is_workday(day)


@pytest.mark.parametrize("day", WEEKDAY_HOLIDAYS)
def test_weekday_holidays_are_days_off(cal: WorkdayCalendar, day: dt.date) -> None:
    assert day.weekday() < 5
    assert not cal.is_workday(day)


def test_ordinary_days(cal: WorkdayCalendar) -> None:
    assert cal.is_workday(D(2026, 3, 2))  # a Monday
    assert not cal.is_workday(D(2026, 3, 7))  # a Saturday
    assert not cal.is_workday(D(2026, 2, 15))  # Sunday inside the holiday


def test_both_calendars_agree_on_every_day_2024_2026() -> None:
    a, b = ChineseCalendarAdapter(), fixture_calendar()
    day = D(2024, 1, 1)
    while day <= D(2026, 12, 31):
        assert a.is_workday(day) == b.is_workday(day), day
        day += dt.timedelta(days=1)


def test_spring_festival_2026_counting(cal: WorkdayCalendar) -> None:
    # Friday 13 Feb → Saturday 14 Feb (make-up) → Tuesday 24 Feb
    assert add_workdays(D(2026, 2, 13), 1, cal) == D(2026, 2, 14)
    assert add_workdays(D(2026, 2, 13), 2, cal) == D(2026, 2, 24)
    assert count_workdays(D(2026, 2, 13), D(2026, 2, 24), cal) == 2
    assert next_workday(D(2026, 2, 14), cal) == D(2026, 2, 24)
    assert previous_workday(D(2026, 2, 24), cal) == D(2026, 2, 14)


# -- coverage -------------------------------------------------------------------------------------


def test_adapter_coverage_error_names_the_year() -> None:
    cal = ChineseCalendarAdapter()
    assert cal.covers(D(2026, 12, 31))
    assert not cal.covers(D(2099, 1, 1))
    with pytest.raises(CalendarCoverageError) as err:
        cal.is_workday(D(2099, 1, 5))
    assert "2099" in str(err.value)
    assert err.value.code == "CALENDAR_COVERAGE"
    with pytest.raises(CalendarCoverageError, match="2003"):
        cal.is_workday(D(2003, 6, 2))


def test_adapter_source_names_the_package_version() -> None:
    import chinese_calendar

    assert ChineseCalendarAdapter().source == f"chinesecalendar {chinese_calendar.__version__}"
    assert default_calendar().covered_years()[0] == 2004


def test_table_coverage_error_names_the_year() -> None:
    cal = fixture_calendar()
    with pytest.raises(CalendarCoverageError, match="2027"):
        cal.is_workday(D(2027, 1, 4))
    with pytest.raises(CalendarCoverageError, match="2023"):
        count_workdays(D(2023, 12, 29), D(2024, 1, 3), cal)
    # counting into an uncovered year raises rather than guessing
    with pytest.raises(CalendarCoverageError, match="2027"):
        add_workdays(D(2026, 12, 30), 5, cal)


def test_table_validation_reports_every_problem() -> None:
    with pytest.raises(InvalidDataError) as err:
        TableCalendar(
            label=" ",
            years=(2026,),
            holidays=[D(2026, 2, 16), D(2027, 1, 1)],
            workdays=[D(2026, 2, 16), D(2026, 3, 2)],
        )
    codes = sorted(p.code for p in err.value.problems)
    assert codes == ["CONFLICT", "EMPTY", "NOT_WEEKEND", "NOT_WEEKEND", "OUT_OF_COVERAGE"]


def test_layered_calendar() -> None:
    base = fixture_calendar()
    local = LayeredCalendar(
        base=base,
        label="县 2026",
        holidays=[D(2026, 7, 13)],
        workdays=[D(2026, 7, 18)],
    )
    assert local.source == "fixture 2024–2026 + 县 2026"
    assert base.is_workday(D(2026, 7, 13))
    assert not local.is_workday(D(2026, 7, 13))
    assert not base.is_workday(D(2026, 7, 18))
    assert local.is_workday(D(2026, 7, 18))
    assert local.is_workday(D(2026, 2, 14))  # the base decides elsewhere
    with pytest.raises(CalendarCoverageError, match="2027"):
        local.is_workday(D(2027, 3, 1))
    with pytest.raises(InvalidDataError):
        LayeredCalendar(base=base, label="x", holidays=[D(2030, 1, 2)])
    assert isinstance(local, WorkdayCalendar)


def test_layer_over_adapter_extends_nothing_beyond_coverage() -> None:
    layered = LayeredCalendar(base=ChineseCalendarAdapter(), label="local")
    with pytest.raises(CalendarCoverageError, match="2099"):
        is_workday(D(2099, 1, 1), layered)


# -- conventions and bad input --------------------------------------------------------------------


def test_count_inclusivity_switches(cal: WorkdayCalendar) -> None:
    mon, fri = D(2026, 3, 2), D(2026, 3, 6)
    assert count_workdays(mon, fri, cal) == 4
    assert count_workdays(mon, fri, cal, include_start=True) == 5
    assert count_workdays(mon, fri, cal, include_start=True, include_end=False) == 4
    assert count_workdays(mon, mon, cal) == 0
    assert count_workdays(mon, mon, cal, include_start=True) == 1


def test_add_workdays_zero_and_negative(cal: WorkdayCalendar) -> None:
    assert add_workdays(D(2026, 2, 15), 0, cal) == D(2026, 2, 15)
    assert add_workdays(D(2026, 2, 24), -1, cal) == D(2026, 2, 14)
    assert add_workdays(D(2025, 10, 9), -1, cal) == D(2025, 9, 30)


def test_bad_input_raises_typed_errors(cal: WorkdayCalendar) -> None:
    with pytest.raises(RuleInputError) as err:
        count_workdays(D(2026, 3, 6), D(2026, 3, 2), cal)
    assert err.value.code == "DATE_ORDER"
    with pytest.raises(RuleInputError):
        add_workdays(D(2026, 3, 2), 1.0, cal)  # type: ignore[arg-type]
    with pytest.raises(RuleInputError):
        cal.is_workday(dt.datetime(2026, 3, 2, 9, 0))


def test_add_months_leap_day() -> None:
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert add_months(D(2024, 2, 29), 12, overflow="NEXT_DAY") == D(2025, 3, 1)
    assert add_months(D(2024, 2, 29), 48) == D(2028, 2, 29)
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2025, 8, 31), -6) == D(2025, 2, 28)
    assert add_months(D(2025, 1, 15), -1) == D(2024, 12, 15)
