"""Candidate margins (差额): how many candidates for how many seats.

Margins are computed on the seats (应选人数), never on the candidates; a fractional count is
rounded by a named parameter (``quotas.margin_rounding_min`` — CEIL by default,
``quotas.margin_rounding_max`` — FLOOR), in exact integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..apportion import (
    check_count,
    ordered,
    require_param,
    round_fraction,
    severity_of,
)
from ..errors import ParameterError, Problem, RuleInputError
from ..findings import Finding, Severity
from ..model import Election, ElectionForm, Office
from ..policy import Parameter, ParamTable, Policy
from ._common import _Explained, _finding

_READINGS = ("AT_LEAST", "MORE_THAN", "EXACT")


@attrs.frozen(kw_only=True)
class MarginLimit(Model):
    """One bound on the number of candidates and the parameter it comes from.

    Attributes:
        parameter: the policy parameter (``quotas.margin_member``, ``quotas.margin_previous_member``).
        bound: ``"MIN"`` or ``"MAX"``.
        candidates: the bound as a number of candidates.
        hard: True for a hard rule (FAIL when broken), False for a soft one (WARN).
        rule_id: the rule in the catalogue.
    """

    parameter: str
    bound: str
    candidates: int
    hard: bool
    rule_id: str

    def _checks(self) -> Iterable[Problem]:
        if self.bound not in ("MIN", "MAX"):
            yield Problem("CHOICE", "bound", f"{self.bound!r} is not MIN or MAX")


@attrs.frozen(kw_only=True)
class MarginBounds(_Explained):
    """How many candidates ``seats`` seats of ``office`` may have.

    The admissible numbers form the interval ``min_candidates ..= max_candidates`` (no upper
    end when ``max_candidates`` is None); ``limits`` lists every bound with its parameter.

    Attributes:
        policy_id: the profile applied.
        office: the post.
        form: the election form (direct or indirect for people's congress deputies).
        seats: 应选人数.
        min_candidates: the fewest candidates allowed.
        max_candidates: the most candidates allowed, or None.
        reading: how the ratio is read (``AT_LEAST``, ``MORE_THAN``, ``EXACT``), if a ratio applies.
        min_ratio: the minimum surplus ratio, if any.
        max_ratio: the maximum surplus ratio, if any.
        previous_margin: the previous round's margin used by a relative rule, if any.
        limits: every bound with its source.
        findings: the explanation.
    """

    policy_id: str
    office: Office
    form: ElectionForm | None = None
    seats: int
    min_candidates: int
    max_candidates: int | None = None
    reading: str | None = None
    min_ratio: Fraction | None = None
    max_ratio: Fraction | None = None
    previous_margin: Fraction | None = None
    limits: tuple[MarginLimit, ...] = attrs.field(default=(), converter=to_tuple)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def feasible(self) -> bool:
        """False when no number of candidates meets every bound."""
        return self.max_candidates is None or self.min_candidates <= self.max_candidates

    @checked
    def admits(self, candidates: int) -> bool:
        """True if ``candidates`` is within every bound."""
        return self.min_candidates <= candidates and (
            self.max_candidates is None or candidates <= self.max_candidates
        )


@attrs.frozen(kw_only=True)
class MarginCheck(_Explained):
    """A check of a candidate list's size against the margin rules.

    Attributes:
        bounds: the bounds applied.
        candidates: the number of candidates.
        surplus: candidates - seats (差额人数).
        margin: surplus / seats (差额比例), exact.
        self_nomination: the election is held without candidates (自荐直选).
        findings: bounds findings and the check's own.
    """

    bounds: MarginBounds
    candidates: int
    surplus: int
    margin: Fraction
    self_nomination: bool = False
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


def _ratio_field(table: ParamTable, field: str, param: Parameter) -> Fraction | None:
    raw = table.get(field)
    if raw is None:
        return None
    try:
        value = Fraction(str(raw))
    except (ValueError, ZeroDivisionError):
        raise ParameterError(f"{field} {raw!r} is not a fraction", path=param.name) from None
    if value < 0:
        raise ParameterError(f"{field} {raw!r} is negative", path=param.name)
    return value


def _int_field(table: ParamTable, field: str, param: Parameter) -> int | None:
    raw = table.get(field)
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise ParameterError(f"{field} {raw!r} is not a count", path=param.name)
    return raw


def _margin_param(policy: Policy, office: Office, form: ElectionForm | None) -> Parameter:
    base = f"quotas.margin_{office.value.lower()}"
    if form is not None and f"{base}_{form.value.lower()}" in policy:
        return policy.param(f"{base}_{form.value.lower()}")
    if base in policy:
        return policy.param(base)
    by_form = [f for f in ElectionForm if f"{base}_{f.value.lower()}" in policy]
    if by_form:
        names = ", ".join(f.value for f in by_form)
        raise RuleInputError(
            f"{office.value} margins in profile {policy.id!r} depend on the form ({names});"
            + (" give form" if form is None else f" {form.value} is not one of them"),
            code="FORM_REQUIRED" if form is None else "UNKNOWN_FORM",
            path="form",
        )
    offices = sorted(
        n.removeprefix("quotas.margin_").upper()
        for n in policy.names()
        if n.startswith("quotas.margin_")
        and not n.startswith(("quotas.margin_reading_", "quotas.margin_previous_"))
        and not n.startswith("quotas.margin_rounding_")
    )
    raise RuleInputError(
        f"profile {policy.id!r} ({policy.regime.value}) has no margin rule for {office.value}"
        f"; it has: {', '.join(offices) or 'none'}",
        code="UNKNOWN_OFFICE",
        path="office",
    )


@checked
def margin_bounds(
    policy: Policy,
    office: Office,
    seats: int,
    *,
    form: ElectionForm | None = None,
    previous_margin: Fraction | None = None,
) -> MarginBounds:
    """The fewest and most candidates allowed for ``seats`` seats of ``office``.

    The surplus (candidates - seats) is bounded by the office's ``quotas.margin_<office>``
    parameter: a ratio of the seats (``min_ratio``/``max_ratio``, rounded by
    ``quotas.margin_rounding_min``/``_max``; read ``AT_LEAST``, ``MORE_THAN`` or ``EXACT``,
    possibly overridden by ``quotas.margin_reading_<office>``) and/or a number of extra
    candidates (``min_extra``/``max_extra``). A relative rule
    ``quotas.margin_previous_<office>`` adds bounds from the previous round's margin.

    Args:
        policy: any profile with margin rules.
        office: the post.
        seats: 应选人数 (≥ 1).
        form: ``DIRECT_VOTERS`` or ``INDIRECT_DEPUTIES`` for people's congress deputies.
        previous_margin: the previous round's margin (surplus / seats), for relative rules.

    Raises:
        RuleInputError: ``ZERO_SEATS``, ``NEGATIVE_COUNT``, ``UNKNOWN_OFFICE`` (no rule for the
            office in this profile), ``FORM_REQUIRED``, ``NEGATIVE_MARGIN``.

    Legal basis: PB20 第九条、第十三条; PB90 第八条、第十二条; PL20 第四条 and its margins;
    《选举法》第三十一条; 《地方组织法》第二十七条 (2015 text: 第二十二条); 《村民委员会组织法》
    第十五条; seeds 000:141, 001:32, 003:563.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> b = margin_bounds(npc, Office.NPC_DEPUTY, 2, form=ElectionForm.DIRECT_VOTERS)
        >>> b.min_candidates, b.max_candidates
        (3, 4)
        >>> b = margin_bounds(load_policy("party-basic-1990"), Office.MEMBER, 7)
        >>> b.reading, b.min_candidates, b.max_candidates
        ('EXACT', 9, 9)
    """
    if not isinstance(office, Office):
        raise RuleInputError(f"expected an Office, got {office!r}", code="TYPE", path="office")
    if form is not None and not isinstance(form, ElectionForm):
        raise RuleInputError(f"expected an ElectionForm, got {form!r}", code="TYPE", path="form")
    seats = check_count(seats, "seats", minimum=1)
    if previous_margin is not None:
        if isinstance(previous_margin, bool) or not isinstance(previous_margin, Fraction | int):
            raise RuleInputError(
                "previous_margin is an exact Fraction", code="TYPE", path="previous_margin"
            )
        previous_margin = Fraction(previous_margin)
        if previous_margin < 0:
            raise RuleInputError(
                f"previous_margin must not be negative, got {previous_margin}",
                code="NEGATIVE_MARGIN",
                path="previous_margin",
            )
    param = _margin_param(policy, office, form)
    table = policy.get_table(param.name)
    key = office.value.lower()
    min_ratio = _ratio_field(table, "min_ratio", param)
    max_ratio = _ratio_field(table, "max_ratio", param)
    min_extra = _int_field(table, "min_extra", param)
    max_extra = _int_field(table, "max_extra", param)
    reading: str | None = None
    reading_param = param
    if min_ratio is not None:
        if f"quotas.margin_reading_{key}" in policy:
            reading_param = policy.param(f"quotas.margin_reading_{key}")
            reading = policy.get_str(reading_param.name)
        else:
            raw = table.get("reading", "AT_LEAST")
            reading = str(raw)
        if reading not in _READINGS:
            raise ParameterError(f"reading {reading!r} is not one of {_READINGS}", path=param.name)
    limits: list[MarginLimit] = []
    findings: list[Finding] = []
    office_label = office.label

    def add(bound: str, extra: int, source: Parameter, basis: str) -> None:
        limits.append(
            MarginLimit(
                parameter=source.name,
                bound=bound,
                candidates=seats + extra,
                hard=source.hard,
                rule_id=source.rule_id,
            )
        )
        findings.append(
            _finding(
                f"MARGIN_{bound}",
                Severity.INFO,
                source,
                limit=seats + extra,
                subject=office.value,
                office=office_label,
                seats=seats,
                basis=basis,
            )
        )

    round_min = (
        require_param(policy, "quotas.margin_rounding_min", "margin rounding")
        if min_ratio is not None or max_ratio is not None
        else None
    )
    round_max = (
        require_param(policy, "quotas.margin_rounding_max", "margin rounding")
        if max_ratio is not None
        else None
    )
    if min_ratio is not None and round_min is not None:
        exact = min_ratio * seats
        if reading == "MORE_THAN":
            extra = exact.numerator // exact.denominator + 1
            basis = f"差额多于应选人数×{min_ratio}"
        else:
            extra = round_fraction(exact, policy.get_str(round_min.name), parameter=round_min.name)
            basis = f"差额{'为' if reading == 'EXACT' else '不少于'}应选人数×{min_ratio}"
        add("MIN", extra, reading_param if reading_param is not param else param, basis)
        if reading == "EXACT":
            add("MAX", extra, reading_param, f"差额为应选人数×{min_ratio}")
    if min_extra is not None:
        add("MIN", min_extra, param, f"至少多{min_extra}人" if min_extra else "不少于应选人数")
    if max_ratio is not None and round_max is not None:
        extra = round_fraction(
            max_ratio * seats, policy.get_str(round_max.name), parameter=round_max.name
        )
        add("MAX", extra, param, f"差额不超过应选人数×{max_ratio}")
    if max_extra is not None:
        add("MAX", max_extra, param, f"至多多{max_extra}人" if max_extra else "等额选举")
    prev_name = f"quotas.margin_previous_{key}"
    if prev_name in policy:
        prev_param = policy.param(prev_name)
        prev_table = policy.get_table(prev_name)
        inc_min = _ratio_field(prev_table, "min_increase", prev_param) or Fraction(0)
        inc_max = _ratio_field(prev_table, "max_increase", prev_param)
        if previous_margin is None:
            findings.append(
                _finding(
                    "MARGIN_PREVIOUS_UNKNOWN",
                    Severity.WARN,
                    prev_param,
                    subject=office.value,
                    office=office_label,
                )
            )
        else:
            rounding = require_param(policy, "quotas.margin_rounding_min", "margin rounding")
            target = (previous_margin + inc_min) * seats
            add(
                "MIN",
                round_fraction(target, policy.get_str(rounding.name), parameter=rounding.name),
                prev_param,
                f"差额比例不低于上届{previous_margin}+{inc_min}",
            )
            if inc_max is not None:
                rounding_max = require_param(
                    policy, "quotas.margin_rounding_max", "margin rounding"
                )
                add(
                    "MAX",
                    round_fraction(
                        (previous_margin + inc_max) * seats,
                        policy.get_str(rounding_max.name),
                        parameter=rounding_max.name,
                    ),
                    prev_param,
                    f"差额比例不高于上届{previous_margin}+{inc_max}",
                )
    mins = [lim.candidates for lim in limits if lim.bound == "MIN"]
    maxes = [lim.candidates for lim in limits if lim.bound == "MAX"]
    low = max([seats, *mins])
    high = min(maxes) if maxes else None
    if high is not None and high < low:
        findings.append(
            _finding(
                "MARGIN_BOUNDS_EMPTY",
                Severity.WARN,
                param,
                observed=low,
                limit=high,
                subject=office.value,
                office=office_label,
                seats=seats,
            )
        )
    return MarginBounds(
        policy_id=policy.id,
        office=office,
        form=form,
        seats=seats,
        min_candidates=low,
        max_candidates=high,
        reading=reading,
        min_ratio=min_ratio,
        max_ratio=max_ratio,
        previous_margin=previous_margin,
        limits=tuple(limits),
        findings=ordered(findings),
    )


@checked
def check_margin(
    policy: Policy,
    office: Office,
    seats: int,
    candidates: int,
    *,
    form: ElectionForm | None = None,
    previous_margin: Fraction | None = None,
    self_nomination: bool = False,
) -> MarginCheck:
    """Check that ``candidates`` candidates for ``seats`` seats of ``office`` meet the margin rules.

    Every bound of :func:`margin_bounds` is checked and every broken one reported (FAIL for a
    hard rule, WARN for a soft one). The margin is surplus / seats, computed on the seats.

    Args:
        policy: any profile with margin rules.
        office: the post.
        seats: 应选人数 (≥ 1).
        candidates: the number of candidates (≥ 0).
        form: the election form (people's congress deputies).
        previous_margin: the previous round's margin, for relative rules.
        self_nomination: the election is held without candidates (自荐直选, village committees
            where ``quotas.self_nomination_direct_election`` allows it).

    Raises:
        RuleInputError: as :func:`margin_bounds`, and ``NEGATIVE_COUNT`` for ``candidates``.

    Legal basis: as :func:`margin_bounds`.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> pb20 = load_policy("party-basic-2020")
        >>> check_margin(pb20, Office.PARTY_DELEGATE, 100, 120).ok
        True
        >>> r = check_margin(pb20, Office.PARTY_DELEGATE, 100, 119)
        >>> r.codes(), str(r.margin)
        (('MARGIN_BELOW_MIN', 'MARGIN_MIN'), '19/100')
        >>> r.findings[0].message_zh
        '党代表应选100名，候选人119名，少于规定的120名'
    """
    bounds = margin_bounds(policy, office, seats, form=form, previous_margin=previous_margin)
    candidates = check_count(candidates, "candidates")
    if not isinstance(self_nomination, bool):
        raise RuleInputError(
            "self_nomination is True or False", code="TYPE", path="self_nomination"
        )
    surplus = candidates - bounds.seats
    margin = Fraction(surplus, bounds.seats)
    findings = list(bounds.findings)
    label = office.label
    if self_nomination:
        allowed = require_param(
            policy, "quotas.self_nomination_direct_election", "election without candidates"
        )
        if policy.get_bool(allowed.name):
            findings.append(
                _finding(
                    "MARGIN_SELF_NOMINATION",
                    Severity.INFO,
                    allowed,
                    subject=office.value,
                    office=label,
                )
            )
            return MarginCheck(
                bounds=bounds,
                candidates=candidates,
                surplus=surplus,
                margin=margin,
                self_nomination=True,
                findings=ordered(findings),
            )
        findings.append(
            _finding(
                "SELF_NOMINATION_NOT_PROVIDED",
                severity_of(allowed),
                allowed,
                subject=office.value,
                office=label,
            )
        )
    broken = False
    for lim in bounds.limits:
        source = policy.param(lim.parameter)
        if lim.bound == "MIN" and candidates < lim.candidates:
            code = "MARGIN_BELOW_MIN"
        elif lim.bound == "MAX" and candidates > lim.candidates:
            code = "MARGIN_ABOVE_MAX"
        else:
            continue
        broken = True
        findings.append(
            _finding(
                code,
                severity_of(source),
                source,
                observed=candidates,
                limit=lim.candidates,
                subject=office.value,
                office=label,
                seats=bounds.seats,
            )
        )
    if candidates < bounds.seats and not any(lim.bound == "MIN" for lim in bounds.limits):
        broken = True
        source = _margin_param(policy, office, form)
        findings.append(
            _finding(
                "MARGIN_BELOW_MIN",
                severity_of(source),
                source,
                observed=candidates,
                limit=bounds.seats,
                subject=office.value,
                office=label,
                seats=bounds.seats,
            )
        )
    if not broken:
        shown = (
            f"{bounds.min_candidates}–{bounds.max_candidates}"
            if bounds.max_candidates is not None
            else f"≥{bounds.min_candidates}"
        )
        source = _margin_param(policy, office, form)
        findings.append(
            _finding(
                "MARGIN_OK",
                Severity.INFO,
                source,
                observed=candidates,
                limit=shown,
                subject=office.value,
                office=label,
                seats=bounds.seats,
                margin=margin,
            )
        )
        if (
            bounds.min_ratio is not None
            and bounds.reading != "MORE_THAN"
            and margin < bounds.min_ratio
        ):
            rounding = policy.param("quotas.margin_rounding_min")
            findings.append(
                _finding(
                    "MARGIN_ROUNDED_SHORT",
                    Severity.INFO,
                    rounding,
                    observed=margin,
                    limit=bounds.min_ratio,
                    subject=office.value,
                    office=label,
                    rounding=policy.get_str(rounding.name),
                )
            )
    return MarginCheck(
        bounds=bounds,
        candidates=candidates,
        surplus=surplus,
        margin=margin,
        findings=ordered(findings),
    )


@checked
def check_election_margins(election: Election, policy: Policy) -> tuple[MarginCheck, ...]:
    """Check the candidate list of every office of ``election`` (one :class:`MarginCheck` each).

    Uses ``election.form`` (for people's congress deputies) and ``election.previous_margin``
    (for relative rules). ``policy`` must be the profile named by ``election.policy_id``.

    Raises:
        RuleInputError: ``POLICY_MISMATCH`` if the policy is not the election's, and as
            :func:`check_margin`.

    Legal basis: as :func:`margin_bounds`.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> from huanjie_rules.model import (BodyKind, Candidate, Election, Gender, Level,
        ...     Person, Regime, Seat)
        >>> people = [Person(name=f"候选人{i}", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
        ...           for i in range(6)]
        >>> e = Election(key="X村", regime=Regime.VILLAGE, policy_id="village-2018",
        ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
        ...     date=dt.date(2021, 5, 1), entitled_voters=800,
        ...     seats=[Seat(office=Office.VILLAGE_DIRECTOR, count=1),
        ...            Seat(office=Office.VILLAGE_MEMBER, count=4)],
        ...     candidates=[Candidate(person=people[0], office=Office.VILLAGE_DIRECTOR)]
        ...        + [Candidate(person=p, office=Office.VILLAGE_MEMBER) for p in people[1:]])
        >>> [(c.bounds.office.value, c.ok) for c in check_election_margins(e, load_policy("village-2018"))]
        [('VILLAGE_DIRECTOR', False), ('VILLAGE_MEMBER', True)]
    """
    if election.policy_id != policy.id:
        raise RuleInputError(
            f"election {election.key!r} uses profile {election.policy_id!r}, not {policy.id!r}",
            code="POLICY_MISMATCH",
            path="policy",
        )
    form = election.form
    return tuple(
        check_margin(
            policy,
            seat.office,
            seat.count,
            len(election.candidates_for(seat.office)),
            form=form,
            previous_margin=election.previous_margin,
        )
        for seat in election.seats
    )
