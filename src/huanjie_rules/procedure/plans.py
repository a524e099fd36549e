"""Plans: a dated 换届 plan checked against the profile's step order, periods and deadlines."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..calendar import WorkdayCalendar
from ..errors import ParameterError, Problem, RuleInputError
from ..findings import Finding, Severity, Verdict
from ..policy import Parameter, Policy
from ._common import _breach, _calendar_source, _finding, _need_calendar
from .periods import DayUnit, _within, check_publicity, publicity_end
from .steps import APPROVAL_STEPS, DEADLINE_STEPS, Sequence, Step
from .timeline import _BY_ELECTION_DAYS_BEFORE, _DAYS_BEFORE, check_before_election

#: Steps that must happen within N days after another step: step -> (anchor, parameter).
_WITHIN_AFTER: Mapping[Step, tuple[Step, str]] = MappingProxyType(
    {Step.HANDOVER: (Step.VOTE, "procedure.handover_days")}
)


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

    @checked
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


def _sequence_param(policy: Policy, sequence: Sequence) -> Parameter:
    return policy.param(f"procedure.steps_{sequence.value.lower()}")


@checked
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
    * days before the vote: roll, candidate list, formal list (the by-election periods for a
      ``BY_ELECTION`` plan), and the cut-offs a plan may date outside any sequence — late
      registration, campaign-speech requests, proxy requests, the list of proxies
      (``TOO_LATE_BEFORE_ELECTION``; without a dated vote they cannot be checked,
      ``STEP_WITHOUT_VOTE``);
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
        optional = s.step in DEADLINE_STEPS and _DAYS_BEFORE[s.step] in policy
        if s.step not in order and not optional:
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
    deadline_steps = [s for s in plan.steps if s.step in DEADLINE_STEPS]
    if deadline_steps and vote is None:
        for s in deadline_steps:
            name = _DAYS_BEFORE[s.step]
            if name in policy:
                findings.append(
                    _finding(
                        policy.param(name),
                        "STEP_WITHOUT_VOTE",
                        Severity.WARN,
                        subject=s.step.label,
                    )
                )
    if vote is not None:
        by_election = plan.sequence is Sequence.BY_ELECTION
        table = dict(_DAYS_BEFORE)
        if by_election:
            table.update(_BY_ELECTION_DAYS_BEFORE)
        for st, name in table.items():
            item = planned.get(st)
            if item is None or name not in policy:
                continue
            f = check_before_election(
                st,
                item.on,
                vote.on,
                policy,
                by_election=by_election and st in _BY_ELECTION_DAYS_BEFORE,
            )
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

    ordered = Verdict._from_findings(plan.subject or plan.sequence.label, policy.id, findings)
    return PlanReview(
        subject=ordered.subject,
        policy_id=ordered.policy_id,
        status=ordered.status,
        findings=ordered.findings,
        sequence=plan.sequence.value,
        calendar=_calendar_source(calendar, used_calendar),
    )
