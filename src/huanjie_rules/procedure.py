"""Statutory timelines, terms and the order of the steps of a 换届.

Every length, deadline and sequence comes from the ``procedure.*`` parameters of a policy
profile; every answer carries :class:`~huanjie_rules.findings.Finding` values citing them. A
working-day calendar (:mod:`huanjie_rules.calendar`) is passed in wherever working days are
counted and its :attr:`~huanjie_rules.calendar.WorkdayCalendar.source` is recorded in the result.

Conventions (each is a profile parameter with its citation, so a profile can change it):

* ``procedure.deadline_first_day`` — for "within N days of X" (自…之日起N日内), the day of X is
  not counted (``EXCLUDED``, 《民法典》第二百零一条): an objection to a roll published on 1 March
  may be lodged until 6 March (5 days).
* ``procedure.days_before_convention`` — for "at least N days before election day" (选举日的N日
  以前), ``DIFFERENCE`` means ``election_day - published >= N`` (20 days before 21 November is
  1 November); ``CLEAR_DAYS`` demands N whole days in between (31 October).
* ``procedure.publicity_first_day`` — whether the day a 公示 is posted counts as its first
  working day (``INCLUDED``, the usual practice: 公示期 from Monday to Friday is 5 working days).
* ``procedure.anniversary_overflow`` — a term starting on 29 February ends on 28 February
  (``MONTH_END``, 《民法典》第二百零二条) or on 1 March (``NEXT_DAY``).

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.calendar import default_calendar
    >>> from huanjie_rules.policy import load_policy
    >>> xzhen = load_policy("xzhen-2021")
    >>> check = check_publicity(dt.date(2021, 9, 27), dt.date(2021, 10, 8), xzhen, default_calendar())
    >>> check.counted, check.required, check.ok   # 27–30 Sep and 8 Oct (1–7 Oct is National Day)
    (5, 5, True)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from ._base import LabeledEnum, Model, to_tuple
from .calendar import WorkdayCalendar, add_months, add_workdays, count_workdays, next_workday
from .errors import ParameterError, Problem, RuleInputError
from .findings import Finding, Message, Severity, Verdict
from .model import BodyKind, Level
from .policy import Parameter, Policy

__all__ = [
    "FINDING_CODES",
    "DayUnit",
    "Deadline",
    "ElectionTimeline",
    "PeriodCheck",
    "Plan",
    "PlanReview",
    "PlannedStep",
    "Sequence",
    "ShiftCheck",
    "Step",
    "Term",
    "check_before_election",
    "check_publicity",
    "check_term_shift",
    "complaint_deadline",
    "election_timeline",
    "latest_date_before",
    "publicity_end",
    "roll_decision_deadline",
    "roll_objection_deadline",
    "term_end",
    "validate_plan",
]

FINDING_CODES: Mapping[str, Message] = MappingProxyType(
    {
        "PERIOD_TOO_SHORT": Message(
            zh="{subject}{observed}个工作日，少于规定的{limit}个工作日",
            en="{subject} ran {observed} working days, fewer than the required {limit}",
        ),
        "PERIOD_MET": Message(
            zh="{subject}{observed}个工作日，不少于{limit}个工作日",
            en="{subject} ran {observed} working days, at least the required {limit}",
        ),
        "PERIOD_END_MISSING": Message(
            zh="{subject}未填写结束日期，无法核对期限（最早可于{limit}结束）",
            en="{subject} has no end date, so its length cannot be checked (earliest end {limit})",
        ),
        "DEADLINE_MISSED": Message(
            zh="{subject}于{observed}完成，晚于期限{limit}",
            en="{subject} done on {observed}, after the deadline {limit}",
        ),
        "DEADLINE_MET": Message(
            zh="{subject}于{observed}完成，未超过期限{limit}",
            en="{subject} done on {observed}, within the deadline {limit}",
        ),
        "DEADLINE_OPEN": Message(
            zh="{subject}的期限为{limit}",
            en="{subject} is due by {limit}",
        ),
        "TOO_LATE_BEFORE_ELECTION": Message(
            zh="{subject}于{observed}，应不晚于{limit}（选举日前{days}日）",
            en="{subject} on {observed}; it must be no later than {limit} ({days} days before election day)",
        ),
        "ON_TIME_BEFORE_ELECTION": Message(
            zh="{subject}于{observed}，不晚于{limit}（选举日前{days}日）",
            en="{subject} on {observed}, no later than {limit} ({days} days before election day)",
        ),
        "TERM_END": Message(
            zh="任期{observed}年，届满日为{limit}",
            en="a {observed}-year term ends on {limit}",
        ),
        "TERM_END_LEAP_DAY": Message(
            zh="任期始于{observed}（2月29日），届满年份无对应日，届满日为{limit}",
            en="the term began on {observed} (29 February); the end year has no such day, so it ends on {limit}",
        ),
        "TERM_LENGTH_OUT_OF_RANGE": Message(
            zh="{subject}任期{observed}年，不在规定的{limit}年范围内",
            en="a {observed}-year term for {subject} is outside the permitted {limit} years",
        ),
        "TERM_LENGTH_UNUSUAL": Message(
            zh="{subject}任期一般为{limit}年，拟定为{observed}年",
            en="a {subject} term is normally {limit} years; {observed} years were given",
        ),
        "TERM_DELAY_TOO_LONG": Message(
            zh="换届选举于{observed}举行，晚于允许的最晚日期{limit}",
            en="the election on {observed} is after the latest permitted date {limit}",
        ),
        "TERM_ADVANCE_TOO_LONG": Message(
            zh="换届选举于{observed}举行，早于允许的最早日期{limit}",
            en="the election on {observed} is before the earliest permitted date {limit}",
        ),
        "TERM_SHIFT_NOT_APPROVED": Message(
            zh="任期届满日为{limit}，换届选举于{observed}举行，未经{approver}批准",
            en="the term ends on {limit} but the election is on {observed} without approval by {approver}",
        ),
        "TERM_SHIFT_WITHIN": Message(
            zh="换届选举于{observed}举行，在允许范围内（届满日{limit}）",
            en="the election on {observed} is within the permitted shift (term ends {limit})",
        ),
        "STEP_OUT_OF_ORDER": Message(
            zh="{subject}定于{observed}，早于应在其之前的步骤{previous}（{limit}）",
            en="{subject} is set for {observed}, before {previous} ({limit}), which must come first",
        ),
        "STEP_BEFORE_PERIOD_END": Message(
            zh="{subject}定于{observed}，应在{previous}期满（{limit}）之后",
            en="{subject} is set for {observed}; it must come after {previous} ends ({limit})",
        ),
        "STEP_MISSING": Message(
            zh="缺少步骤：{subject}",
            en="missing step: {subject}",
        ),
        "APPROVAL_MISSING": Message(
            zh="缺少审批步骤：{subject}",
            en="missing approval: {subject}",
        ),
        "STEP_NOT_IN_SEQUENCE": Message(
            zh="步骤{subject}不属于本程序（{limit}）",
            en="step {subject} is not part of this procedure ({limit})",
        ),
        "VOTE_AFTER_ROUND_DEADLINE": Message(
            zh="投票选举定于{observed}，晚于本轮换届要求的{limit}",
            en="the vote is set for {observed}, after this round's deadline {limit}",
        ),
    }
)


class DayUnit(LabeledEnum):
    """How a period is counted: calendar days (日) or working days (工作日)."""

    CALENDAR_DAYS = ("CALENDAR_DAYS", "日", ("自然日", "天", "日内"))
    WORKING_DAYS = ("WORKING_DAYS", "工作日", ("个工作日", "工作日内"))


class Sequence(LabeledEnum):
    """The step sequences a profile can define (``procedure.steps_<value in lower case>``)."""

    GRASSROOTS = ("GRASSROOTS", "党的基层组织换届选举", ("基层党组织换届", "筹备工作"))
    VILLAGE_PARTY = ("VILLAGE_PARTY", "村（社区）党组织换届选举", ("两推一选", "村党组织换届"))
    NPC_DIRECT = ("NPC_DIRECT", "县乡两级人大代表直接选举", ("人大代表选举", "县乡人大换届"))
    VILLAGE_COMMITTEE = ("VILLAGE_COMMITTEE", "村民委员会选举", ("村委会换届", "村委会选举"))


class Step(LabeledEnum):
    """One step of a 换届 (the codes used in the profiles' ``procedure.steps_*`` lists)."""

    REQUEST = ("REQUEST", "呈报换届选举请示", ("请示",))
    APPROVAL = ("APPROVAL", "上级党组织批复换届", ("批复", "批准换届"))
    NOTICE = ("NOTICE", "发出换届选举通知", ("通知",))
    DOCUMENTS = ("DOCUMENTS", "起草工作报告和选举办法", ("起草文件", "选举办法"))
    NOMINATION = ("NOMINATION", "推荐提出候选人初步人选", ("推荐", "两推", "酝酿推荐"))
    INSPECTION = ("INSPECTION", "组织考察", ("考察", "群众测评"))
    REVIEW = ("REVIEW", "组织审查", ("审查", "资格审查"))
    NOMINEE_APPROVAL = ("NOMINEE_APPROVAL", "候选人预备人选报批", ("报镇党委批准", "人选审批"))
    FORMAL_CANDIDATES = ("FORMAL_CANDIDATES", "确定正式候选人", ("正式候选人",))
    LOGISTICS = ("LOGISTICS", "会务准备", ("印制选票", "布置会场"))
    ELECTION_COMMITTEE = ("ELECTION_COMMITTEE", "成立选举委员会", ("选举委员会", "村民选举委员会"))
    DISTRICTS = ("DISTRICTS", "划分选区", ("选区划分",))
    VOTER_REGISTRATION = ("VOTER_REGISTRATION", "选民登记", ("登记",))
    ROLL_PUBLISHED = ("ROLL_PUBLISHED", "公布选民名单", ("选民名单", "张榜公布选民名单"))
    CANDIDATE_LIST = ("CANDIDATE_LIST", "公布代表候选人名单", ("初步候选人名单",))
    FORMAL_LIST = ("FORMAL_LIST", "公布正式候选人名单", ("正式候选人名单",))
    VOTE = ("VOTE", "投票选举", ("选举日", "投票", "选举大会"))
    RESULT = ("RESULT", "公布选举结果", ("当选名单", "选举结果"))
    QUALIFICATION = ("QUALIFICATION", "代表资格审查", ("资格审查委员会",))
    PUBLICITY = ("PUBLICITY", "公示", ("任前公示", "当选公示"))
    APPOINTMENT = ("APPOINTMENT", "审批任命", ("报上级批准", "审批"))
    FILING = ("FILING", "备案", ("报备",))
    HANDOVER = ("HANDOVER", "工作移交", ("移交",))


#: Steps whose absence is an approval missing (reported as ``APPROVAL_MISSING``).
APPROVAL_STEPS: frozenset[Step] = frozenset(
    {Step.APPROVAL, Step.NOMINEE_APPROVAL, Step.APPOINTMENT}
)

#: Steps that must happen at least N days before election day, and the parameter giving N.
_DAYS_BEFORE: Mapping[Step, str] = MappingProxyType(
    {
        Step.ROLL_PUBLISHED: "procedure.roll_days_before",
        Step.CANDIDATE_LIST: "procedure.candidate_list_days_before",
        Step.FORMAL_LIST: "procedure.formal_list_days_before",
    }
)

#: Steps that must happen within N days after another step: step -> (anchor, parameter).
_WITHIN_AFTER: Mapping[Step, tuple[Step, str]] = MappingProxyType(
    {Step.HANDOVER: (Step.VOTE, "procedure.handover_days")}
)

#: Every "N days before election day" parameter a timeline reports, with its label.
_TIMELINE_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("procedure.roll_days_before", "公布选民名单", "publish the voter roll"),
    ("procedure.self_nomination_days_before", "自荐人报名截止", "self-nominees register"),
    ("procedure.candidate_list_days_before", "公布代表候选人名单", "publish the candidate list"),
    ("procedure.formal_list_days_before", "公布正式候选人名单", "publish the formal candidates"),
    ("procedure.self_nominee_list_days_before", "公布自荐人名单", "publish the self-nominees"),
    ("procedure.arrangements_days_before", "公布投票时间地点方式", "announce time, place, method"),
    (
        "procedure.court_suit_days_before",
        "对选民名单处理决定起诉截止",
        "last day to sue over the roll",
    ),
    ("procedure.proxy_request_days_before", "委托投票申请截止", "last day to ask for a proxy"),
    (
        "procedure.withdrawal_days_before",
        "正式候选人书面退出截止",
        "last day for a candidate to withdraw",
    ),
)

#: What each (optionally) dated complaint stage is called.
ComplaintStage = Literal["REPORT", "CLOSE"]


# -- result types ---------------------------------------------------------------------------------


def _ok(findings: Iterable[Finding]) -> bool:
    return all(f.severity is Severity.INFO for f in findings)


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


@attrs.frozen(kw_only=True)
class Term(Model):
    """A term of office: its length and its last day.

    Attributes:
        body: what holds the term (``"BRANCH"``, ``"VILLAGE"``, ``"VILLAGE_COMMITTEE"``, …).
        start: the first day (the day the body was elected).
        years: the length in years.
        end: the last day of the term (the corresponding day ``years`` later; 29 February per
            ``procedure.anniversary_overflow``).
        findings: the explanation (INFO), plus a FAIL or WARN when ``years`` departs from the
            profile.
    """

    body: str
    start: _dt.date
    years: int
    end: _dt.date
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def ok(self) -> bool:
        """True when no finding is a FAIL or WARN."""
        return _ok(self.findings)


@attrs.frozen(kw_only=True)
class ShiftCheck(Model):
    """Whether a 换届 held before or after the end of the term stays within the permitted shift.

    Attributes:
        due: the day the term ends.
        held_on: the planned or actual election day.
        earliest: the earliest permitted day, or None when bringing forward has no cap.
        latest: the latest permitted day, or None when delay has no cap.
        approved: whether the approval the profile names was given.
        findings: the explanation.
    """

    due: _dt.date
    held_on: _dt.date
    earliest: _dt.date | None = None
    latest: _dt.date | None = None
    approved: bool = False
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def ok(self) -> bool:
        """True when no finding is a FAIL or WARN."""
        return _ok(self.findings)


@attrs.frozen(kw_only=True)
class Deadline(Model):
    """The last day for something that must happen at least N days before election day.

    Attributes:
        parameter: the profile parameter setting N.
        label_zh: what must happen, in Chinese.
        label_en: the same in English.
        days: N.
        latest: the last permitted day.
        finding: the INFO finding citing the parameter.
    """

    parameter: str
    label_zh: str
    label_en: str
    days: int
    latest: _dt.date
    finding: Finding


@attrs.frozen(kw_only=True)
class ElectionTimeline(Model):
    """Every "N days before election day" deadline a profile sets, latest first.

    Attributes:
        policy_id: the profile used.
        election_day: 选举日.
        convention: the value of ``procedure.days_before_convention`` applied.
        deadlines: the deadlines, earliest date first.
    """

    policy_id: str
    election_day: _dt.date
    convention: str
    deadlines: tuple[Deadline, ...] = attrs.field(converter=to_tuple)

    def latest(self, parameter: str) -> _dt.date:
        """The last day set by ``parameter``; raises ParameterError when the profile has none."""
        for d in self.deadlines:
            if d.parameter == parameter:
                return d.latest
        raise ParameterError(f"the timeline has no deadline {parameter!r}", path=parameter)


@attrs.frozen(kw_only=True)
class PlannedStep(Model):
    """One dated step of a plan.

    Attributes:
        step: which step.
        on: the day it happens (for a period such as 公示, its first day).
        end: the last day of a period step; None for a one-day step.
        note: free text (who approves, the document number, …).
    """

    step: Step
    on: _dt.date
    end: _dt.date | None = None
    note: str = ""

    def _checks(self) -> Iterable[Problem]:
        if self.end is not None and self.end < self.on:
            yield Problem("DATE_ORDER", "end", f"{self.end} is before on {self.on}")

    @property
    def last_day(self) -> _dt.date:
        """``end`` for a period step, otherwise ``on``."""
        return self.end if self.end is not None else self.on


@attrs.frozen(kw_only=True)
class Plan(Model):
    """A dated plan of a 换届, to be checked with :func:`validate_plan`.

    Attributes:
        sequence: which procedure the plan follows.
        steps: the dated steps, in any order; each step at most once.
        subject: what is being elected (a unit's name), carried into the review.
    """

    sequence: Sequence
    steps: tuple[PlannedStep, ...] = attrs.field(converter=to_tuple)
    subject: str = ""

    def _checks(self) -> Iterable[Problem]:
        seen: dict[Step, int] = {}
        for i, s in enumerate(self.steps):
            if not isinstance(s, PlannedStep):
                continue
            if s.step in seen:
                yield Problem(
                    "DUPLICATE",
                    f"steps[{i}].step",
                    f"{s.step.value} is already steps[{seen[s.step]}]",
                )
            else:
                seen[s.step] = i

    def get(self, step: Step) -> PlannedStep | None:
        """The planned step ``step``, or None."""
        for s in self.steps:
            if s.step is step:
                return s
        return None


@attrs.frozen(kw_only=True)
class PlanReview(Verdict):
    """The review of a :class:`Plan`: a :class:`~huanjie_rules.findings.Verdict` plus what was used.

    ``status`` is ELIGIBLE when the plan breaks no rule, NEEDS_REVIEW when it breaks only soft
    ones, INELIGIBLE otherwise. ``findings`` holds every problem at once.

    Attributes:
        sequence: the sequence checked.
        calendar: the source of the working-day calendar, when one was used.
    """

    sequence: str = ""
    calendar: str | None = None


# -- helpers --------------------------------------------------------------------------------------


def _finding(
    param: Parameter,
    code: str,
    severity: Severity,
    *,
    observed: int | str | _dt.date | None = None,
    limit: int | str | _dt.date | None = None,
    subject: str = "",
    **values: object,
) -> Finding:
    return param.finding(
        code,
        FINDING_CODES[code],
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=values,
    )


def _breach(param: Parameter) -> Severity:
    return param.breach_severity


def _date(value: object, path: str) -> _dt.date:
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise RuleInputError(f"expected a date, got {type(value).__name__}", path=path)
    return value


def _need_calendar(calendar: WorkdayCalendar | None, why: str) -> WorkdayCalendar:
    if calendar is None:
        raise RuleInputError(
            f"{why} counts working days: pass a calendar (huanjie_rules.calendar)",
            code="CALENDAR_REQUIRED",
            path="calendar",
        )
    return calendar


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


def _calendar_source(calendar: WorkdayCalendar | None, used: bool) -> str | None:
    return calendar.source if (calendar is not None and used) else None


# -- periods --------------------------------------------------------------------------------------


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


# -- days before election day -------------------------------------------------------------------


def latest_date_before(election_day: _dt.date, days: int, policy: Policy) -> _dt.date:
    """The last day for something due "``days`` days before election day" (选举日的N日以前).

    ``procedure.days_before_convention`` decides: ``DIFFERENCE`` gives ``election_day - days``;
    ``CLEAR_DAYS`` leaves ``days`` whole days in between (one day earlier).

    Legal basis: 《选举法》(2020) 第二十八条、第三十二条; 《民法典》第二百零一条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> latest_date_before(dt.date(2026, 11, 21), 20, load_policy("npc-2020"))
        datetime.date(2026, 11, 1)
    """
    _date(election_day, "election_day")
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise RuleInputError(f"days must be a non-negative integer, got {days!r}", path="days")
    convention = policy.get_str("procedure.days_before_convention")
    extra = 1 if convention == "CLEAR_DAYS" else 0
    return election_day - _dt.timedelta(days=days + extra)


def check_before_election(
    step: Step, on: _dt.date, election_day: _dt.date, policy: Policy
) -> Finding:
    """Check that ``step`` (roll, candidate list, formal list) happens early enough.

    Returns ``TOO_LATE_BEFORE_ELECTION`` (FAIL for a hard rule) or ``ON_TIME_BEFORE_ELECTION``.

    Raises:
        RuleInputError: ``step`` has no "days before election day" rule.
        ParameterError: the profile sets none for it (e.g. no candidate list in a village).

    Legal basis: 《选举法》(2020) 第二十八条、第三十二条; 《村民委员会组织法》第十四条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> f = check_before_election(Step.FORMAL_LIST, dt.date(2026, 11, 15),
        ...                           dt.date(2026, 11, 21), load_policy("npc-2020"))
        >>> f.code, f.limit
        ('TOO_LATE_BEFORE_ELECTION', datetime.date(2026, 11, 14))
    """
    name = _DAYS_BEFORE.get(step)
    if name is None:
        raise RuleInputError(f"{step.value} has no days-before-election rule", path="step")
    _date(on, "on")
    param = policy.param(name)
    days = policy.get_int(name)
    latest = latest_date_before(election_day, days, policy)
    if on > latest:
        return _finding(
            param,
            "TOO_LATE_BEFORE_ELECTION",
            _breach(param),
            observed=on,
            limit=latest,
            subject=step.label,
            days=days,
        )
    return _finding(
        param,
        "ON_TIME_BEFORE_ELECTION",
        Severity.INFO,
        observed=on,
        limit=latest,
        subject=step.label,
        days=days,
    )


def election_timeline(election_day: _dt.date, policy: Policy) -> ElectionTimeline:
    """Every "N days before election day" deadline of the profile, earliest first.

    Legal basis: 《选举法》(2020) 第二十八条、第二十九条、第三十二条; 《村民委员会组织法》第十四条;
    《浙江省村民委员会选举办法》第十四条、第十八条至第二十五条 (where the profile has them).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> t = election_timeline(dt.date(2026, 11, 21), load_policy("npc-2020"))
        >>> [(d.label_en, d.latest.isoformat()) for d in t.deadlines][:3]
        [('publish the voter roll', '2026-11-01'), ('publish the candidate list', '2026-11-06'), ('publish the formal candidates', '2026-11-14')]
    """
    _date(election_day, "election_day")
    rows: list[Deadline] = []
    for name, zh, en in _TIMELINE_ITEMS:
        if name not in policy:
            continue
        param = policy.param(name)
        days = policy.get_int(name)
        latest = latest_date_before(election_day, days, policy)
        finding = _finding(param, "DEADLINE_OPEN", Severity.INFO, limit=latest, subject=zh)
        rows.append(
            Deadline(
                parameter=name, label_zh=zh, label_en=en, days=days, latest=latest, finding=finding
            )
        )
    rows.sort(key=lambda d: (d.latest, d.parameter))
    return ElectionTimeline(
        policy_id=policy.id,
        election_day=election_day,
        convention=policy.get_str("procedure.days_before_convention"),
        deadlines=tuple(rows),
    )


# -- terms --------------------------------------------------------------------------------------


def _party_term_row(
    policy: Policy, body: BodyKind | None, level: Level | None
) -> tuple[str, int, int, int]:
    rows = policy.get_tables("procedure.party_terms")
    keys: list[str] = []
    if level is Level.VILLAGE:
        keys.append("VILLAGE")
    if body is not None:
        keys.append(body.value)
    for key in keys:
        for row in rows:
            if row.get("body") == key:
                years, lo, hi = row.get("years"), row.get("min_years"), row.get("max_years")
                if (
                    isinstance(years, int)
                    and isinstance(lo, int)
                    and isinstance(hi, int)
                    and not any(isinstance(v, bool) for v in (years, lo, hi))
                ):
                    return key, years, lo, hi
                raise ParameterError(
                    f"procedure.party_terms of {policy.id!r}: row {key} needs integer "
                    "years, min_years and max_years",
                    path="procedure.party_terms",
                )
    known = ", ".join(str(r.get("body")) for r in rows)
    raise RuleInputError(
        f"profile {policy.id!r} sets no term for {body.value if body else None!r} "
        f"at level {level.value if level else None!r} (it has: {known})",
        code="UNKNOWN_BODY",
        path="body",
    )


def term_end(
    start: _dt.date,
    policy: Policy,
    *,
    body: BodyKind | None = None,
    level: Level | None = None,
    years: int | None = None,
) -> Term:
    """The last day of a term that began on ``start``.

    Party profiles give terms per body (``procedure.party_terms``: 基层委员会, 总支, 支部, and
    村/社区 organisations — pass ``level=Level.VILLAGE``); village and people's congress profiles
    give one length (``procedure.term_years``). Pass ``years`` to check a length the caller
    proposes: outside the 党章's range is a FAIL, different from the usual length a WARN. The
    term ends on the corresponding day ``years`` later; a 29 February start ends per
    ``procedure.anniversary_overflow`` (28 February by 《民法典》第二百零二条).

    Raises:
        RuleInputError: a party profile without ``body``, or a body it sets no term for.

    Legal basis: 《中国共产党章程》第三十一条; 中办《关于党的基层组织任期的意见》(2018);
    《村民委员会组织法》第十一条; 《宪法》第九十八条; 《民法典》第二百零二条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import BodyKind, Level
        >>> from huanjie_rules.policy import load_policy
        >>> term_end(dt.date(2021, 3, 15), load_policy("village-2018")).end
        datetime.date(2026, 3, 15)
        >>> term_end(dt.date(2017, 3, 15), load_policy("village-2010")).end
        datetime.date(2020, 3, 15)
        >>> t = term_end(dt.date(2024, 2, 29), load_policy("party-basic-2020"), body=BodyKind.BRANCH)
        >>> t.years, t.end
        (3, datetime.date(2027, 2, 28))
    """
    _date(start, "start")
    overflow_param = policy.param("procedure.anniversary_overflow")
    overflow = policy.get_str(overflow_param.name)
    findings: list[Finding] = []
    if "procedure.party_terms" in policy:
        if body is None and level is not Level.VILLAGE:
            raise RuleInputError(
                f"profile {policy.id!r} sets terms per body: pass body= (and level= for villages)",
                path="body",
            )
        param = policy.param("procedure.party_terms")
        key, usual, lo, hi = _party_term_row(policy, body, level)
    else:
        param = policy.param("procedure.term_years")
        usual = policy.get_int(param.name)
        key, lo, hi = (body.value if body else policy.regime.value), usual, usual
    length = usual if years is None else years
    if not isinstance(length, int) or isinstance(length, bool) or length < 1:
        raise RuleInputError(f"years must be a positive integer, got {length!r}", path="years")
    if length < lo or length > hi:
        findings.append(
            _finding(
                param,
                "TERM_LENGTH_OUT_OF_RANGE",
                Severity.FAIL,
                observed=length,
                limit=f"{lo}–{hi}" if lo != hi else str(lo),
                subject=key,
            )
        )
    elif length != usual:
        findings.append(
            _finding(
                param,
                "TERM_LENGTH_UNUSUAL",
                Severity.WARN,
                observed=length,
                limit=usual,
                subject=key,
            )
        )
    end = add_months(
        start, 12 * length, overflow="MONTH_END" if overflow == "MONTH_END" else "NEXT_DAY"
    )
    findings.append(
        _finding(param, "TERM_END", Severity.INFO, observed=length, limit=end, subject=key)
    )
    if (start.month, start.day) == (2, 29) and (end.month, end.day) != (2, 29):
        findings.append(
            _finding(
                overflow_param,
                "TERM_END_LEAP_DAY",
                Severity.INFO,
                observed=start,
                limit=end,
                subject=key,
            )
        )
    return Term(body=key, start=start, years=length, end=end, findings=tuple(findings))


def check_term_shift(
    due: _dt.date, held_on: _dt.date, policy: Policy, *, approved: bool
) -> ShiftCheck:
    """Check an election held before or after the term's end (提前或者延期换届).

    Any shift needs the approval named by ``procedure.term_shift_approver`` (FAIL without it).
    The permitted shift is ``procedure.term_shift_months`` (a range in months relative to
    ``due``; negative = brought forward; an open end = no cap): 12 months either way, 一般 (WARN)
    under PB20; only extensions capped under PB90; a hard 不得超过1年 on extensions under PL20;
    6 months either way (一般) in Zhejiang villages.

    Raises:
        ParameterError: the profile has no shift rule (national village and people's congress
            profiles: the statutes set none).

    Legal basis: 《中国共产党基层组织选举工作条例》第三条; 《中国共产党地方组织选举工作条例》第三条;
    《浙江省村民委员会选举办法》第三条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> c = check_term_shift(dt.date(2026, 3, 15), dt.date(2027, 4, 1),
        ...                      load_policy("party-local-2020"), approved=True)
        >>> c.latest, [(f.code, f.severity.value) for f in c.findings]
        (datetime.date(2027, 3, 15), [('TERM_DELAY_TOO_LONG', 'FAIL')])
    """
    _date(due, "due")
    _date(held_on, "held_on")
    if not isinstance(approved, bool):
        raise RuleInputError("approved must be True or False", path="approved")
    param = policy.param("procedure.term_shift_months")
    window = policy.get_range(param.name)
    approver_param = policy.param("procedure.term_shift_approver")
    approver = policy.get_str(approver_param.name)
    earliest = None if window.min is None else add_months(due, window.min)
    latest = None if window.max is None else add_months(due, window.max)
    findings: list[Finding] = []
    if held_on != due and not approved:
        findings.append(
            _finding(
                approver_param,
                "TERM_SHIFT_NOT_APPROVED",
                Severity.FAIL,
                observed=held_on,
                limit=due,
                approver=approver,
            )
        )
    if latest is not None and held_on > latest:
        findings.append(
            _finding(
                param,
                "TERM_DELAY_TOO_LONG",
                _breach(param),
                observed=held_on,
                limit=latest,
            )
        )
    elif earliest is not None and held_on < earliest:
        findings.append(
            _finding(
                param,
                "TERM_ADVANCE_TOO_LONG",
                _breach(param),
                observed=held_on,
                limit=earliest,
            )
        )
    if not findings:
        findings.append(
            _finding(param, "TERM_SHIFT_WITHIN", Severity.INFO, observed=held_on, limit=due)
        )
    return ShiftCheck(
        due=due,
        held_on=held_on,
        earliest=earliest,
        latest=latest,
        approved=approved,
        findings=tuple(findings),
    )


# -- plans --------------------------------------------------------------------------------------


def _sequence_param(policy: Policy, sequence: Sequence) -> Parameter:
    return policy.param(f"procedure.steps_{sequence.value.lower()}")


def validate_plan(
    plan: Plan,
    policy: Policy,
    calendar: WorkdayCalendar | None = None,
    *,
    complete: bool = True,
) -> PlanReview:
    """Check a dated plan against the profile's sequence; report every problem at once.

    Checks, each finding citing its parameter:

    * order: each step on or after every planned step that precedes it in the sequence
      (``STEP_OUT_OF_ORDER``, naming the latest such step), and strictly after the last day of
      any period (公示) that precedes it (``STEP_BEFORE_PERIOD_END``);
    * presence: a missing approval (请示批复, 人选报批, 审批任命) is ``APPROVAL_MISSING``, another
      missing step ``STEP_MISSING`` — trailing steps after the last planned one only when
      ``complete`` is True; a step foreign to the sequence is ``STEP_NOT_IN_SEQUENCE`` (WARN);
    * periods: the 公示 lasts ``procedure.publicity_min_workdays`` working days
      (``PERIOD_TOO_SHORT``; ``PERIOD_END_MISSING`` without an end date);
    * days before the vote: roll, candidate list, formal list (``TOO_LATE_BEFORE_ELECTION``);
    * within days after: handover after the vote (``DEADLINE_MISSED``);
    * the round's deadline for the vote, where a local profile sets one
      (``VOTE_AFTER_ROUND_DEADLINE``).

    Raises:
        ParameterError: the profile defines no such sequence.
        RuleInputError: a 公示 is planned but no calendar was given (``CALENDAR_REQUIRED``).

    Legal basis: seed 000:36-42 (筹备工作); seed 001:32-34 (两推一选, 公示, 审批任命, 备案);
    《选举法》(2020) 第二十八条、第三十二条; 《村民委员会组织法》第十四条、第二十条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> plan = Plan(sequence=Sequence.GRASSROOTS, steps=[
        ...     PlannedStep(step=Step.REQUEST, on=dt.date(2025, 3, 3)),
        ...     PlannedStep(step=Step.NOTICE, on=dt.date(2025, 3, 1)),
        ... ])
        >>> review = validate_plan(plan, load_policy("party-basic-2020"), complete=False)
        >>> review.status.value, review.codes()
        ('INELIGIBLE', ('APPROVAL_MISSING', 'STEP_OUT_OF_ORDER'))
    """
    if not isinstance(plan, Plan):
        raise RuleInputError(f"expected a Plan, got {type(plan).__name__}", path="plan")
    seq_param = _sequence_param(policy, plan.sequence)
    order: list[Step] = []
    for code in policy.get_strings(seq_param.name):
        step = Step.parse(code)
        if not isinstance(step, Step):
            raise ParameterError(
                f"{seq_param.name} of {policy.id!r} names an unknown step {code!r}",
                path=seq_param.name,
            )
        order.append(step)
    findings: list[Finding] = []
    planned = {s.step: s for s in plan.steps}
    used_calendar = False

    for s in plan.steps:
        if s.step not in order:
            findings.append(
                _finding(
                    seq_param,
                    "STEP_NOT_IN_SEQUENCE",
                    Severity.WARN,
                    subject=s.step.label,
                    limit=plan.sequence.label,
                )
            )

    present_idx = [i for i, st in enumerate(order) if st in planned]
    last_present = max(present_idx, default=-1)
    for i, st in enumerate(order):
        if st in planned:
            continue
        if i > last_present and not complete:
            continue
        code = "APPROVAL_MISSING" if st in APPROVAL_STEPS else "STEP_MISSING"
        findings.append(_finding(seq_param, code, _breach(seq_param), subject=st.label))

    # Each step is checked against every planned step that precedes it in the sequence, not
    # only the nearest one, so that one fix never reveals a problem the review did not report.
    # The binding predecessor is the one with the latest bound: a one-day step must not come
    # after the step (same day allowed), a period step must be over (strictly after its end).
    earlier: list[PlannedStep] = []
    for st in order:
        current = planned.get(st)
        if current is None:
            continue
        binding: tuple[_dt.date, bool, PlannedStep] | None = None
        for prior in earlier:
            if prior.end is not None and current.on <= prior.end:
                bound = (prior.end, True, prior)
            elif current.on < prior.on:
                bound = (prior.on, False, prior)
            else:
                continue
            if binding is None or bound[0] > binding[0]:
                binding = bound
        if binding is not None:
            limit_day, is_period, prior = binding
            findings.append(
                _finding(
                    seq_param,
                    "STEP_BEFORE_PERIOD_END" if is_period else "STEP_OUT_OF_ORDER",
                    _breach(seq_param),
                    observed=current.on,
                    limit=limit_day,
                    subject=st.label,
                    previous=prior.step.label,
                )
            )
        earlier.append(current)

    publicity = planned.get(Step.PUBLICITY)
    if publicity is not None and "procedure.publicity_min_workdays" in policy:
        cal = _need_calendar(calendar, "the 公示")
        used_calendar = True
        if publicity.end is None:
            findings.append(
                _finding(
                    policy.param("procedure.publicity_min_workdays"),
                    "PERIOD_END_MISSING",
                    Severity.FAIL,
                    limit=publicity_end(publicity.on, policy, cal),
                    subject="公示",
                )
            )
        else:
            check = check_publicity(publicity.on, publicity.end, policy, cal)
            findings.extend(f for f in check.findings if f.severity is not Severity.INFO)

    vote = planned.get(Step.VOTE)
    if vote is not None:
        for st, name in _DAYS_BEFORE.items():
            item = planned.get(st)
            if item is None or name not in policy:
                continue
            f = check_before_election(st, item.on, vote.on, policy)
            if f.severity is not Severity.INFO:
                findings.append(f)
        if "procedure.vote_deadline" in policy:
            dl_param = policy.param("procedure.vote_deadline")
            deadline = policy.get_date(dl_param.name)
            if vote.on > deadline:
                findings.append(
                    _finding(
                        dl_param,
                        "VOTE_AFTER_ROUND_DEADLINE",
                        _breach(dl_param),
                        observed=vote.on,
                        limit=deadline,
                        subject=Step.VOTE.label,
                    )
                )
    for st, (anchor, name) in _WITHIN_AFTER.items():
        item, base = planned.get(st), planned.get(anchor)
        if item is None or base is None or name not in policy:
            continue
        check = _within(
            start=base.last_day,
            done_on=item.on,
            days_param=name,
            unit=DayUnit.CALENDAR_DAYS,
            policy=policy,
            calendar=calendar,
            subject=st.label,
        )
        used_calendar = used_calendar or check.calendar is not None
        findings.extend(f for f in check.findings if f.severity is not Severity.INFO)

    ordered = Verdict.from_findings(plan.subject or plan.sequence.label, policy.id, findings)
    return PlanReview(
        subject=ordered.subject,
        policy_id=ordered.policy_id,
        status=ordered.status,
        findings=ordered.findings,
        sequence=plan.sequence.value,
        calendar=_calendar_source(calendar, used_calendar),
    )
