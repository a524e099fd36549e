"""Periods and deadlines counted from a day: the 公示, complaints, objections to the voter roll.

``procedure.deadline_first_day`` says whether the first day counts in "within N days of X"
(自…之日起N日内); ``procedure.publicity_first_day`` whether the day a 公示 is posted counts as
its first working day.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

import attrs

from .._args import checked
from .._base import LabeledEnum, Model, to_tuple
from ..calendar import WorkdayCalendar, add_workdays, count_workdays, next_workday
from ..errors import ParameterError, RuleInputError
from ..findings import Finding, Severity
from ..policy import Policy
from ._common import _breach, _calendar_source, _date, _finding, _need_calendar, _ok


class DayUnit(LabeledEnum):
    """How a period is counted: calendar days (日) or working days (工作日)."""

    CALENDAR_DAYS = ("CALENDAR_DAYS", "日", ("自然日", "天", "日内"))
    WORKING_DAYS = ("WORKING_DAYS", "工作日", ("个工作日", "工作日内"))


#: What each (optionally) dated complaint stage is called.
ComplaintStage = Literal["REPORT", "CLOSE"]


@attrs.frozen(kw_only=True)
class PeriodCheck(Model):
    """A period or deadline computed from a profile, and checked when the actual date is known.

    Attributes:
        period: the parameter that sets its length (``"procedure.publicity_min_workdays"``).
        start: the day the period runs from (the 公示 posted, the complaint received, …).
        required: the length in days the parameter sets.
        unit: calendar days or working days.
        limit: for a minimum period, the earliest day it may end; for a deadline, the last day.
        end: the actual end or completion day, when given.
        counted: the days counted from ``start`` to ``end`` (in ``unit``) by the convention the
            limit was computed with (``start`` only when it counts as day 1), when ``end`` is
            given; the period is met when ``counted >= required`` (a 公示) or the deadline when
            ``counted <= required``.
        calendar: the working-day calendar's source, when one was used.
        findings: the explanation, each finding citing the parameter.
    """

    period: str
    start: _dt.date
    required: int
    unit: DayUnit
    limit: _dt.date
    end: _dt.date | None = None
    counted: int | None = None
    calendar: str | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def ok(self) -> bool:
        """True when no finding is a FAIL or WARN."""
        return _ok(self.findings)


def _unit(policy: Policy, name: str) -> DayUnit:
    raw = policy.get_str(name)
    unit = DayUnit.parse(raw)
    if not isinstance(unit, DayUnit):
        raise ParameterError(f"{name} of {policy.id!r} is {raw!r}, not a day unit", path=name)
    return unit


def _deadline_after(
    start: _dt.date,
    days: int,
    unit: DayUnit,
    policy: Policy,
    calendar: WorkdayCalendar | None,
    why: str,
) -> _dt.date:
    """The last day of "within ``days`` (unit) from ``start``", by the profile's conventions."""
    first = policy.get_str("procedure.deadline_first_day")
    if unit is DayUnit.WORKING_DAYS:
        cal = _need_calendar(calendar, why)
        if first == "INCLUDED" and cal.is_workday(start) and days > 0:
            return add_workdays(start, days - 1, cal)
        return add_workdays(start, days, cal)
    offset = days - 1 if first == "INCLUDED" and days > 0 else days
    last = start + _dt.timedelta(days=offset)
    if "procedure.deadline_holiday_rollover" in policy and policy.get_bool(
        "procedure.deadline_holiday_rollover"
    ):
        cal = _need_calendar(calendar, why + " (with deadline_holiday_rollover)")
        last = next_workday(last, cal, include_self=True)
    return last


@checked
def publicity_end(start: _dt.date, policy: Policy, calendar: WorkdayCalendar) -> _dt.date:
    """The earliest day a 公示 posted on ``start`` may end.

    The length is ``procedure.publicity_min_workdays`` working days; whether ``start`` counts as
    the first day is ``procedure.publicity_first_day`` (``INCLUDED`` by default: counted when it
    is itself a working day).

    Raises:
        ParameterError: the profile sets no 公示 period (national profiles do not).
        CalendarCoverageError: the period runs outside the calendar.

    Legal basis: seed 001:34 (「进行不少于5个工作日的公示」), X镇 2021 实施方案.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.calendar import default_calendar
        >>> from huanjie_rules.policy import load_policy
        >>> publicity_end(dt.date(2021, 9, 27), load_policy("xzhen-2021"), default_calendar())
        datetime.date(2021, 10, 8)
    """
    _date(start, "start")
    n = policy.get_int("procedure.publicity_min_workdays")
    first = policy.get_str("procedure.publicity_first_day")
    if first == "INCLUDED" and calendar.is_workday(start):
        return add_workdays(start, n - 1, calendar)
    return add_workdays(start, n, calendar)


@checked
def check_publicity(
    start: _dt.date, end: _dt.date, policy: Policy, calendar: WorkdayCalendar
) -> PeriodCheck:
    """Check that a 公示 from ``start`` to ``end`` (both as posted) lasts long enough.

    Working days from ``start`` to ``end`` are counted with ``end`` included and ``start``
    included or not per ``procedure.publicity_first_day``. Fewer than
    ``procedure.publicity_min_workdays`` gives ``PERIOD_TOO_SHORT``.

    Raises:
        RuleInputError: ``end`` is before ``start``.
        CalendarCoverageError: a day of the period is outside the calendar.

    Legal basis: seed 001:34 (「不少于5个工作日的公示」), X镇 2021 实施方案.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.calendar import default_calendar
        >>> from huanjie_rules.policy import load_policy
        >>> c = check_publicity(dt.date(2021, 9, 27), dt.date(2021, 9, 30),
        ...                     load_policy("xzhen-2021"), default_calendar())
        >>> c.ok, c.findings[0].code, c.counted
        (False, 'PERIOD_TOO_SHORT', 4)
    """
    _date(start, "start")
    _date(end, "end")
    param = policy.param("procedure.publicity_min_workdays")
    required = policy.get_int(param.name)
    include_start = policy.get_str("procedure.publicity_first_day") == "INCLUDED"
    counted = count_workdays(start, end, calendar, include_start=include_start)
    earliest = publicity_end(start, policy, calendar)
    if counted < required:
        finding = _finding(
            param,
            "PERIOD_TOO_SHORT",
            _breach(param),
            observed=counted,
            limit=required,
            subject="公示",
        )
    else:
        finding = _finding(
            param, "PERIOD_MET", Severity.INFO, observed=counted, limit=required, subject="公示"
        )
    return PeriodCheck(
        period=param.name,
        start=start,
        required=required,
        unit=DayUnit.WORKING_DAYS,
        limit=earliest,
        end=end,
        counted=counted,
        calendar=calendar.source,
        findings=(finding,),
    )


def _within(
    *,
    start: _dt.date,
    done_on: _dt.date | None,
    days_param: str,
    unit: DayUnit,
    policy: Policy,
    calendar: WorkdayCalendar | None,
    subject: str,
) -> PeriodCheck:
    _date(start, "start")
    if done_on is not None:
        _date(done_on, "done_on")
    param = policy.param(days_param)
    days = policy.get_int(days_param)
    last = _deadline_after(start, days, unit, policy, calendar, subject)
    counted: int | None = None
    if done_on is None:
        finding = _finding(param, "DEADLINE_OPEN", Severity.INFO, limit=last, subject=subject)
    elif done_on > last:
        finding = _finding(
            param, "DEADLINE_MISSED", _breach(param), observed=done_on, limit=last, subject=subject
        )
    else:
        finding = _finding(
            param, "DEADLINE_MET", Severity.INFO, observed=done_on, limit=last, subject=subject
        )
    if done_on is not None and done_on >= start:
        # counted the way the deadline was: the start day counts only under INCLUDED, so that
        # ``counted <= required`` exactly when the deadline was met
        included = policy.get_str("procedure.deadline_first_day") == "INCLUDED"
        if unit is DayUnit.WORKING_DAYS:
            counted = count_workdays(
                start, done_on, _need_calendar(calendar, subject), include_start=included
            )
        else:
            counted = (done_on - start).days + (1 if included else 0)
    used = unit is DayUnit.WORKING_DAYS or (
        "procedure.deadline_holiday_rollover" in policy
        and policy.get_bool("procedure.deadline_holiday_rollover")
    )
    return PeriodCheck(
        period=days_param,
        start=start,
        required=days,
        unit=unit,
        limit=last,
        end=done_on,
        counted=counted,
        calendar=_calendar_source(calendar, used),
        findings=(finding,),
    )


@checked
def complaint_deadline(
    received: _dt.date,
    stage: ComplaintStage,
    policy: Policy,
    calendar: WorkdayCalendar | None = None,
    *,
    done_on: _dt.date | None = None,
) -> PeriodCheck:
    """The deadline for handling a report of a 换届纪律 violation, checked when ``done_on`` is given.

    ``stage="REPORT"``: report the result of the check within ``procedure.complaint_report_days``
    (5 working days, seed 003:687). ``stage="CLOSE"``: close a case registered by a higher level,
    or a serious one, within ``procedure.complaint_close_days`` (15 days, seed 003:1023). The unit
    of each is a parameter (``…_unit``): calendar days unless the profile says working days. The
    day of receipt is not counted (``procedure.deadline_first_day``).

    Raises:
        RuleInputError: an unknown ``stage``; a working-day deadline without a calendar (code
            ``CALENDAR_REQUIRED``).

    Legal basis: seed 003:687 (「在5个工作日内报送查核结果」) and 003:1023 (「在15日内办结」), local
    rules of the 2016 round (LOCAL).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.calendar import default_calendar
        >>> from huanjie_rules.policy import load_policy
        >>> p = load_policy("party-basic-2020")
        >>> complaint_deadline(dt.date(2025, 9, 26), "REPORT", p, default_calendar()).limit
        datetime.date(2025, 10, 10)
        >>> complaint_deadline(dt.date(2025, 9, 26), "CLOSE", p).limit
        datetime.date(2025, 10, 11)
    """
    if stage not in ("REPORT", "CLOSE"):
        raise RuleInputError(f"stage must be 'REPORT' or 'CLOSE', got {stage!r}", path="stage")
    key = stage.lower()
    unit = _unit(policy, f"procedure.complaint_{key}_unit")
    subject = "查核结果报送" if stage == "REPORT" else "案件办结"
    return _within(
        start=received,
        done_on=done_on,
        days_param=f"procedure.complaint_{key}_days",
        unit=unit,
        policy=policy,
        calendar=calendar,
        subject=subject,
    )


@checked
def roll_objection_deadline(
    published_on: _dt.date,
    policy: Policy,
    *,
    objected_on: _dt.date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> PeriodCheck:
    """The last day to object to a published voter roll (自名单公布之日起五日内).

    Calendar days, publication day not counted (``procedure.deadline_first_day``).

    Legal basis: 《选举法》(2020) 第二十九条; 《村民委员会组织法》第十四条第二款.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> roll_objection_deadline(dt.date(2026, 3, 1), load_policy("village-2018")).limit
        datetime.date(2026, 3, 6)
    """
    return _within(
        start=published_on,
        done_on=objected_on,
        days_param="procedure.roll_objection_days",
        unit=DayUnit.CALENDAR_DAYS,
        policy=policy,
        calendar=calendar,
        subject="对选民名单提出申诉",
    )


@checked
def roll_decision_deadline(
    received_on: _dt.date,
    policy: Policy,
    *,
    decided_on: _dt.date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> PeriodCheck:
    """The last day for the election committee to decide an objection to the roll (三日内).

    Legal basis: 《选举法》(2020) 第二十九条; 《村民委员会组织法》第十四条第二款.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> c = roll_decision_deadline(dt.date(2026, 3, 6), load_policy("npc-2020"),
        ...                            decided_on=dt.date(2026, 3, 10))
        >>> c.limit, c.findings[0].code
        (datetime.date(2026, 3, 9), 'DEADLINE_MISSED')
    """
    return _within(
        start=received_on,
        done_on=decided_on,
        days_param="procedure.roll_decision_days",
        unit=DayUnit.CALENDAR_DAYS,
        policy=policy,
        calendar=calendar,
        subject="选举委员会处理申诉",
    )
