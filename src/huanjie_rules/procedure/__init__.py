"""Statutory timelines, terms and the order of the steps of a 换届.

Every length, deadline and sequence comes from the ``procedure.*`` parameters of a policy
profile; every answer carries :class:`~huanjie_rules.findings.Finding` values citing them. A
working-day calendar (:mod:`huanjie_rules.calendar`) is passed in wherever working days are
counted and its :attr:`~huanjie_rules.calendar.WorkdayCalendar.source` is recorded in the result.

One concept per module (import the names from this package):
:mod:`~huanjie_rules.procedure.periods` (the 公示, complaints, objections to the voter roll),
:mod:`~huanjie_rules.procedure.timeline` (deadlines before election day),
:mod:`~huanjie_rules.procedure.terms` (term ends and shifts), :mod:`~huanjie_rules.procedure.steps`
(the steps and sequences) and :mod:`~huanjie_rules.procedure.plans` (:func:`validate_plan`).

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

from ._common import FINDING_CODES
from .periods import ComplaintStage as ComplaintStage
from .periods import (
    DayUnit,
    PeriodCheck,
    check_publicity,
    complaint_deadline,
    publicity_end,
    roll_decision_deadline,
    roll_objection_deadline,
)
from .plans import Plan, PlannedStep, PlanReview, validate_plan
from .steps import APPROVAL_STEPS as APPROVAL_STEPS
from .steps import Sequence, Step
from .terms import ShiftCheck, Term, check_term_shift, term_end
from .timeline import (
    Deadline,
    ElectionTimeline,
    check_before_election,
    election_timeline,
    latest_date_before,
)

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
