"""Age limits of a role.

The profile's age basis (age mode, reference date, 29 February) and the
``eligibility.role_limits`` rows for age and for the service horizon to retirement.
"""

from __future__ import annotations

import datetime as _dt

from .._args import checked
from ..age import AgeBasis, AgeMode, _age_on, can_serve, retirement_date
from ..findings import Citation, Finding, Scalar, Severity
from ..policy import ParamTable, Policy
from ._common import _Ctx, _finding, _role_name, _role_rows, _row_citation, _rows_for, _sev, _t_int


@checked
def age_basis(policy: Policy, election_date: _dt.date) -> AgeBasis:
    """The age basis a profile prescribes for an election on ``election_date``.

    ``eligibility.age_mode`` picks the mode; ``REFERENCE_DATE`` and ``BIRTH_YEAR_CUTOFF`` read
    ``eligibility.age_reference_date`` (only its year in cut-off mode);
    ``eligibility.leap_day_birthday`` gives the 29 February convention.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> b = age_basis(load_policy("xzhen-2021"), dt.date(2021, 3, 1))
        >>> b.mode.value, b.reference_date, b.leap_day
        ('ELECTION_DATE', datetime.date(2021, 3, 1), 'FEB_28')

    Legal basis: 《民法典》 第二百零二条; 浙江省县、乡两级人大代表选举实施细则 第二十五条 (election day);
    rules catalogue AGE-YEAR-CUTOFF-PRACTICE (birth-year cut-off).
    """
    mode = AgeMode[policy.get_str("eligibility.age_mode")]
    leap = policy.get_str("eligibility.leap_day_birthday")
    if mode is AgeMode.ELECTION_DATE:
        return AgeBasis(mode=mode, reference_date=election_date, leap_day=leap)
    return AgeBasis(
        mode=mode, reference_date=policy.get_date("eligibility.age_reference_date"), leap_day=leap
    )


def _basis_pair(basis: AgeBasis) -> tuple[str, str]:
    ref = basis.reference_date.isoformat()
    if basis.mode is AgeMode.ELECTION_DATE:
        return f"按选举日{ref}计算", f"on election day {ref}"
    if basis.mode is AgeMode.REFERENCE_DATE:
        return f"计算至{ref}", f"on {ref}"
    year = basis.reference_date.year
    return f"按{year}年出生年份计算", f"by birth year for {year}"


def _uncovered(ctx: _Ctx) -> list[Finding]:
    cand = ctx.candidate
    if _role_rows(ctx.policy, cand.office) and not _rows_for(ctx.policy, cand.office, cand.tenure):
        param = ctx.policy.param("eligibility.role_limits")
        return [
            _finding(
                "ROLE_LIMIT_TENURE_UNCOVERED",
                Severity.WARN,
                param,
                subject=ctx.subject,
                observed=cand.office.label,
                limit=cand.tenure.label,
            )
        ]
    return []


def _check_age(ctx: _Ctx) -> list[Finding]:
    cand, policy = ctx.candidate, ctx.policy
    param = policy.param("eligibility.role_limits")
    found = _uncovered(ctx)
    rows = _rows_for(policy, cand.office, cand.tenure)
    if not rows:
        return found
    birth = ctx.identity.birth_date
    basis = age_basis(policy, ctx.election.date)
    role = _role_name(cand.office, cand.tenure)
    for row in rows:
        hard = row.get("hard")
        sev = _sev(hard if isinstance(hard, bool) else param.hard)
        cite = _row_citation(param, row)
        max_age, bar = _t_int(row, "max_age"), _t_int(row, "barred_from_age")
        if max_age is not None or bar is not None:
            if basis.mode is not AgeMode.BIRTH_YEAR_CUTOFF and birth > basis.reference_date:
                found.append(
                    _finding(
                        "BIRTH_AFTER_REFERENCE",
                        Severity.WARN,
                        param,
                        subject=ctx.subject,
                        observed=birth,
                        limit=basis.reference_date,
                        citation=cite,
                        role=role,
                    )
                )
                continue
            age = basis.age(birth)
            pairs = {"basis_t": _basis_pair(basis)}
            if max_age is not None and age > max_age:
                found.append(
                    _finding(
                        "AGE_OVER_LIMIT",
                        sev,
                        param,
                        subject=ctx.subject,
                        observed=age,
                        limit=max_age,
                        citation=cite,
                        pairs=pairs,
                        role=role,
                    )
                )
            if bar is not None and age >= bar:
                found.append(
                    _finding(
                        "AGE_AT_OR_OVER_BAR",
                        sev,
                        param,
                        subject=ctx.subject,
                        observed=age,
                        limit=bar,
                        citation=cite,
                        pairs=pairs,
                        role=role,
                    )
                )
        years = _t_int(row, "min_service_years")
        if years is None and row.get("full_term") is True:
            years = policy.get_int("eligibility.full_term_years")
        if years is not None:
            found.extend(_service(ctx, row, years, sev, cite, role))
    return found


def _service(
    ctx: _Ctx, row: ParamTable, years: int, sev: Severity, cite: Citation, role: str
) -> list[Finding]:
    policy = ctx.policy
    param = policy.param("eligibility.role_limits")
    retire = policy.get_int("eligibility.retirement_age")
    basis = policy.get_str("eligibility.service_basis")
    leap = policy.get_str("eligibility.leap_day_birthday")
    birth, on = ctx.identity.birth_date, ctx.election.date
    if on < birth:
        return []
    if can_serve(birth, on, years, retire, basis=basis, leap_day=leap):
        return []
    observed: Scalar
    if basis == "WHOLE_YEARS":
        left = retire - _age_on(birth, on, leap_day=leap)
        observed = left
        left_t = (f"按周岁计尚余{left}年", f"{left} whole years left")
    else:
        observed = retirement_date(birth, retire, leap_day=leap)
        left_t = (f"{observed.isoformat()}达到退休年龄", f"reaches it on {observed.isoformat()}")
    return [
        _finding(
            "SERVICE_HORIZON_SHORT",
            sev,
            param,
            subject=ctx.subject,
            observed=observed,
            limit=years,
            citation=cite,
            pairs={"left_t": left_t},
            role=role,
            retirement=retire,
        )
    ]
