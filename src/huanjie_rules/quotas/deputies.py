"""Deputy quotas (选举法 第十二条): how many deputies a county or township congress has."""

from __future__ import annotations

from fractions import Fraction

import attrs

from .._args import checked
from .._base import to_tuple
from ..apportion import (
    check_count,
    ordered,
    require_param,
    round_fraction,
    severity_of,
)
from ..errors import ParameterError, RuleInputError
from ..findings import Finding, Severity
from ..model import Division, Level
from ..policy import Parameter, ParamTable, Policy
from ._common import _Explained, _finding


@attrs.frozen(kw_only=True)
class DeputyQuota(_Explained):
    """The number of deputies of a county or township congress, step by step.

    Attributes:
        policy_id: the profile applied.
        level: ``COUNTY`` or ``TOWNSHIP``.
        population: the population of the area.
        base: the base number (基数).
        per_population: one more deputy per this many people.
        increment_rounding: how population / per_population was rounded.
        increment: the deputies added for the population.
        formula_total: base + increment.
        cap: the maximum total.
        cap_above_population: the population above which the cap applies (None: always).
        cap_applies: whether the cap applies to this population.
        capped_total: the total after the cap (代表总名额).
        division: the kind of division (县, 市辖区, 乡, 镇 …), if given.
        uplift_requested: the minority/scattered-population 5% uplift was asked for.
        uplift_ratio: the uplift share (1/20).
        uplift_rounding: how the uplift was rounded.
        uplift: the seats added by the uplift (0 unless requested, and 0 for a kind of division
            the uplift does not cover).
        total: capped_total + uplift: the most deputies allowed.
        lower_below_population: below this population the total may be lower than the base.
        may_be_lower: whether that carve-out applies.
        proposed: the number checked, if any.
        findings: the explanation.
    """

    policy_id: str
    level: Level
    population: int
    base: int
    per_population: int
    increment_rounding: str
    increment: int
    formula_total: int
    cap: int
    cap_above_population: int | None = None
    cap_applies: bool
    capped_total: int
    uplift_requested: bool = False
    uplift_ratio: Fraction
    uplift_rounding: str
    uplift: int = 0
    total: int
    lower_below_population: int
    may_be_lower: bool
    proposed: int | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)
    division: Division | None = None


def _table_int(table: ParamTable, field: str, param: Parameter, *, optional: bool = False) -> int:
    raw = table.get(field)
    if raw is None and optional:
        return -1
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise ParameterError(f"{field} {raw!r} is not a count", path=param.name)
    return raw


@checked
def deputy_quota(
    policy: Policy,
    level: Level,
    population: int,
    *,
    minority_uplift: bool = False,
    proposed: int | None = None,
    division: Division | None = None,
) -> DeputyQuota:
    """The number of deputies of a county or township people's congress for ``population``.

    ``total = min(base + round(population / per_population), cap)`` (the cap only above
    ``cap_above_population`` for counties), plus ``round(total × 5%)`` when the uplift is asked
    for. Below ``lower_below_population`` (不足: strict) the total may be lower than the base.

    Args:
        policy: a people's congress profile (npc-2020: 140/45, cap threshold 1,550,000;
            npc-2015: 120/40, 1,650,000).
        level: ``COUNTY`` or ``TOWNSHIP``.
        population: the area's population (≥ 0).
        minority_uplift: the provincial 人大常委会 has decided the 5% uplift (聚居的少数民族多或者
            人口居住分散的县、自治县、乡、民族乡).
        proposed: a total to check.
        division: the kind of division (县, 自治县, 市辖区, 不设区的市, 乡, 民族乡, 镇 …), which must
            stand at ``level``. The uplift covers only the kinds in
            ``quotas.minority_uplift_divisions``: a 市辖区, 不设区的市 or 镇 gets none
            (``DEPUTIES_UPLIFT_NOT_ALLOWED``, FAIL). Without it the uplift is applied as asked,
            with a WARN (``DEPUTIES_UPLIFT_DIVISION_UNKNOWN``) that it was not checked.

    Raises:
        RuleInputError: ``NEGATIVE_COUNT``, ``UNKNOWN_LEVEL``, ``NOT_COVERED``, ``TYPE``,
            ``MISMATCH`` (a division that does not stand at ``level``).

    Legal basis: 《全国人民代表大会和地方各级人民代表大会选举法》第十二条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> q = deputy_quota(npc, Level.COUNTY, 1_550_001)
        >>> q.base, q.increment, q.formula_total, q.cap_applies, q.total
        (140, 310, 450, True, 450)
        >>> deputy_quota(npc, Level.COUNTY, 1_600_000).total
        450
        >>> q = deputy_quota(npc, Level.TOWNSHIP, 30_000, minority_uplift=True,
        ...                  division=Division.ETHNIC_TOWNSHIP)
        >>> q.capped_total, q.uplift, q.total
        (65, 3, 68)
        >>> q = deputy_quota(npc, Level.TOWNSHIP, 30_000, minority_uplift=True, division=Division.TOWN)
        >>> q.uplift, q.total, q.findings[0].code, q.findings[0].severity.value
        (0, 65, 'DEPUTIES_UPLIFT_NOT_ALLOWED', 'FAIL')
    """
    if not isinstance(level, Level):
        raise RuleInputError(f"expected a Level, got {level!r}", code="TYPE", path="level")
    population = check_count(population, "population")
    if not isinstance(minority_uplift, bool):
        raise RuleInputError(
            "minority_uplift is True or False", code="TYPE", path="minority_uplift"
        )
    if proposed is not None:
        proposed = check_count(proposed, "proposed", minimum=1)
    if division is not None:
        if not isinstance(division, Division):
            raise RuleInputError(
                f"expected a Division, got {division!r}", code="TYPE", path="division"
            )
        if division.level is not level:
            raise RuleInputError(
                f"a {division.label} ({division.value}) stands at {division.level.value}, "
                f"not {level.value}",
                code="MISMATCH",
                path="division",
            )
    name = f"quotas.deputies_{level.value.lower()}"
    if name not in policy:
        known = [n for n in policy.names() if n.startswith("quotas.deputies_")]
        if not known:
            require_param(policy, "quotas.deputies_county", "deputy quotas")
        raise RuleInputError(
            f"profile {policy.id!r} has deputy quotas for "
            f"{', '.join(n.rsplit('_', 1)[1].upper() for n in known)}, not {level.value}",
            code="UNKNOWN_LEVEL",
            path="level",
        )
    param = policy.param(name)
    table = policy.get_table(name)
    base = _table_int(table, "base", param)
    per = _table_int(table, "per_population", param)
    if per == 0:
        raise ParameterError("per_population must be positive", path=name)
    cap = _table_int(table, "cap", param)
    above = _table_int(table, "cap_above_population", param, optional=True)
    lower_below = _table_int(table, "lower_below_population", param)
    inc_param = require_param(policy, "quotas.deputy_increment_rounding", "deputy quotas")
    inc_mode = policy.get_str(inc_param.name)
    increment = round_fraction(Fraction(population, per), inc_mode, parameter=inc_param.name)
    formula_total = base + increment
    cap_above = None if above < 0 else above
    cap_applies = cap_above is None or population > cap_above
    capped = min(formula_total, cap) if cap_applies else formula_total
    up_param = require_param(policy, "quotas.minority_uplift", "the minority uplift")
    up_round_param = require_param(policy, "quotas.minority_uplift_rounding", "the minority uplift")
    ratio = policy.get_fraction(up_param.name)
    up_mode = policy.get_str(up_round_param.name)
    uplift_findings, uplift_allowed = _uplift_division(policy, minority_uplift, division)
    uplift = (
        round_fraction(ratio * capped, up_mode, parameter=up_round_param.name)
        if minority_uplift and uplift_allowed
        else 0
    )
    total = capped + uplift
    may_be_lower = population < lower_below
    findings = [
        _finding(
            "DEPUTIES_FORMULA",
            Severity.INFO,
            param,
            observed=formula_total,
            base=base,
            population=population,
            per=per,
            increment=increment,
        )
    ]
    if population % per:
        findings.append(
            _finding(
                "DEPUTIES_INCREMENT_ROUNDED",
                Severity.INFO,
                inc_param,
                observed=increment,
                population=population,
                per=per,
                rounding=inc_mode,
            )
        )
    if cap_applies:
        findings.append(
            _finding(
                "DEPUTIES_CAPPED" if formula_total > cap else "DEPUTIES_CAP",
                Severity.INFO,
                param,
                observed=formula_total,
                limit=cap,
            )
        )
    if may_be_lower:
        findings.append(
            _finding(
                "DEPUTIES_MAY_BE_LOWER",
                Severity.INFO,
                param,
                observed=population,
                limit=lower_below,
                base=base,
            )
        )
    findings.extend(uplift_findings)
    if minority_uplift and uplift_allowed:
        findings.append(
            _finding(
                "DEPUTIES_UPLIFT",
                Severity.INFO,
                up_param,
                observed=uplift,
                ratio=ratio,
                total=capped,
                rounding=up_mode,
            )
        )
    if proposed is not None:
        if proposed > total:
            findings.append(
                _finding(
                    "DEPUTIES_PROPOSED_OVER",
                    severity_of(param),
                    param,
                    observed=proposed,
                    limit=total,
                )
            )
        elif proposed < capped and may_be_lower:
            findings.append(
                _finding(
                    "DEPUTIES_PROPOSED_LOWER_ALLOWED",
                    Severity.INFO,
                    param,
                    observed=proposed,
                    limit=capped,
                    threshold=lower_below,
                )
            )
        elif proposed < capped:
            findings.append(
                _finding(
                    "DEPUTIES_PROPOSED_UNDER",
                    severity_of(param),
                    param,
                    observed=proposed,
                    limit=capped,
                )
            )
    return DeputyQuota(
        policy_id=policy.id,
        level=level,
        population=population,
        base=base,
        per_population=per,
        increment_rounding=inc_mode,
        increment=increment,
        formula_total=formula_total,
        cap=cap,
        cap_above_population=cap_above,
        cap_applies=cap_applies,
        capped_total=capped,
        uplift_requested=minority_uplift,
        uplift_ratio=ratio,
        uplift_rounding=up_mode,
        uplift=uplift,
        total=total,
        lower_below_population=lower_below,
        may_be_lower=may_be_lower,
        proposed=proposed,
        findings=ordered(findings),
        division=division,
    )


def _uplift_division(
    policy: Policy, requested: bool, division: Division | None
) -> tuple[list[Finding], bool]:
    """Whether the uplift may apply to ``division``: (findings, allowed).

    A profile without ``quotas.minority_uplift_divisions`` does not limit the kinds.
    """
    name = "quotas.minority_uplift_divisions"
    if not requested or name not in policy:
        return [], True
    param = policy.param(name)
    codes = policy.get_strings(name)
    allowed = "、".join(Division[c].label for c in codes if c in Division.__members__)
    if division is None:
        return [
            _finding("DEPUTIES_UPLIFT_DIVISION_UNKNOWN", Severity.WARN, param, allowed=allowed)
        ], True
    if division.value not in codes:
        return [
            _finding(
                "DEPUTIES_UPLIFT_NOT_ALLOWED",
                severity_of(param),
                param,
                observed=division.label,
                allowed=allowed,
            )
        ], False
    return [], True
