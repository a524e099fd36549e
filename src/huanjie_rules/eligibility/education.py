"""Education: the 学历/学位 minimums of a role, and free-text education checked against a minimum."""

from __future__ import annotations

from .._args import checked
from .._base import Ambiguous, Unrecognized
from ..findings import Finding, Severity
from ..model import (
    Degree,
    EducationLevel,
    Office,
    Tenure,
)
from ..policy import Parameter, Policy
from ._common import _Ctx, _finding, _role_name, _row_citation, _rows_for, _sev, _t_str


@checked
def education_requirement(
    policy: Policy, office: Office, tenure: Tenure
) -> tuple[EducationLevel, str] | None:
    """The minimum 学历 and its basis (``"HIGHEST"``/``"FULL_TIME"``) for a role, if any.

    Useful to a form that asks for education before the rest of the record exists.

    Example:
        >>> from huanjie_rules.model import Office, Tenure
        >>> from huanjie_rules.policy import load_policy
        >>> req = education_requirement(load_policy("xzhen-2021"), Office.SECRETARY, Tenure.NEW)
        >>> req[0].label, req[1]
        ('普通高中', 'HIGHEST')
        >>> education_requirement(load_policy("village-2018"), Office.VILLAGE_DIRECTOR, Tenure.NEW) is None
        True

    Legal basis: seed 001:28 (X镇: 新任书记高中以上、继任书记初中及以上).
    """
    best: tuple[EducationLevel, str] | None = None
    for row in _rows_for(policy, office, tenure):
        code = _t_str(row, "education_min")
        if code is None:
            continue
        level = EducationLevel[code]
        basis = _t_str(row, "education_basis") or policy.get_str("eligibility.education_basis")
        if best is None or level.rank > best[0].rank:
            best = (level, basis)
    return best


def _check_education(ctx: _Ctx) -> list[Finding]:
    cand, policy = ctx.candidate, ctx.policy
    param = policy.param("eligibility.role_limits")
    found: list[Finding] = []
    role = _role_name(cand.office, cand.tenure)
    edu = cand.person.education
    for row in _rows_for(policy, cand.office, cand.tenure):
        hard = row.get("hard")
        sev = _sev(hard if isinstance(hard, bool) else param.hard)
        cite = _row_citation(param, row)
        code = _t_str(row, "education_min")
        if code is not None:
            minimum = EducationLevel[code]
            basis = _t_str(row, "education_basis") or policy.get_str("eligibility.education_basis")
            level = edu.full_time if basis == "FULL_TIME" else edu.highest
            pair = ("全日制", "full-time") if basis == "FULL_TIME" else ("最高", "highest")
            if level is None:
                found.append(
                    _finding(
                        "EDUCATION_UNKNOWN",
                        Severity.WARN,
                        param,
                        subject=ctx.subject,
                        limit=minimum.label,
                        citation=cite,
                        pairs={"basis_t": pair},
                        role=role,
                    )
                )
            elif not level.at_least(minimum):
                found.append(
                    _finding(
                        "EDUCATION_BELOW_MINIMUM",
                        sev,
                        param,
                        subject=ctx.subject,
                        observed=level.label,
                        limit=minimum.label,
                        citation=cite,
                        pairs={"basis_t": pair},
                        role=role,
                    )
                )
        degree_code = _t_str(row, "degree_min")
        if degree_code is not None:
            wanted = Degree[degree_code]
            degrees = [d for d in (edu.full_time_degree, edu.in_service_degree) if d is not None]
            if _t_str(row, "education_basis") == "FULL_TIME":
                degrees = [edu.full_time_degree] if edu.full_time_degree else []
            if not degrees:
                found.append(
                    _finding(
                        "DEGREE_UNKNOWN",
                        Severity.WARN,
                        param,
                        subject=ctx.subject,
                        limit=wanted.label,
                        citation=cite,
                        role=role,
                    )
                )
            else:
                best = max(degrees, key=lambda d: d.rank)
                if best.rank < wanted.rank:
                    found.append(
                        _finding(
                            "DEGREE_BELOW_MINIMUM",
                            sev,
                            param,
                            subject=ctx.subject,
                            observed=best.label,
                            limit=wanted.label,
                            citation=cite,
                            role=role,
                        )
                    )
    return found


@checked
def check_education_text(
    text: str,
    minimum: EducationLevel,
    parameter: Parameter,
    *,
    subject: str = "",
    role: str = "",
) -> tuple[Finding, ...]:
    """Check an education written as free text (a web form) against 「minimum及以上」.

    Unknown or ambiguous spellings (硕士, 大学, 中学 …) give a WARN finding, never an exception;
    a known level below the minimum gives a finding of the parameter's severity; a level that
    meets it gives none.

    Example:
        >>> from huanjie_rules.model import EducationLevel
        >>> from huanjie_rules.policy import load_policy
        >>> param = load_policy("xzhen-2021").param("eligibility.role_limits")
        >>> [f.code for f in check_education_text("中专", EducationLevel.HIGH_SCHOOL, param)]
        []
        >>> [f.code for f in check_education_text("初中", EducationLevel.HIGH_SCHOOL, param)]
        ['EDUCATION_BELOW_MINIMUM']
        >>> f, = check_education_text("中学", EducationLevel.HIGH_SCHOOL, param)
        >>> f.code, f.severity.value
        ('EDUCATION_TEXT_AMBIGUOUS', 'WARN')

    Legal basis: GB/T 4658-2006 《学历代码》 (the levels); seed 001:28 (「高中以上」, 「初中及以上」).
    """
    reading = EducationLevel.parse(text)
    if isinstance(reading, Ambiguous):
        return (
            _finding(
                "EDUCATION_TEXT_AMBIGUOUS",
                Severity.WARN,
                parameter,
                subject=subject,
                observed=text,
                limit=minimum.label,
                options=", ".join(reading.options),
            ),
        )
    if isinstance(reading, Unrecognized):
        return (
            _finding(
                "EDUCATION_TEXT_UNRECOGNIZED",
                Severity.WARN,
                parameter,
                subject=subject,
                observed=text,
                limit=minimum.label,
            ),
        )
    if reading.at_least(minimum):
        return ()
    return (
        _finding(
            "EDUCATION_BELOW_MINIMUM",
            _sev(parameter.hard),
            parameter,
            subject=subject,
            observed=reading.label,
            limit=minimum.label,
            pairs={"basis_t": ("", "")},
            role=role or minimum.label,
        ),
    )
