"""党龄: whole years of membership, and the minimum for secretaries.

Branch and general-branch secretaries (``eligibility.secretary_party_age``), counted per
``eligibility.party_age_counts_from``.
"""

from __future__ import annotations

import datetime as _dt

from .._args import checked
from ..age import _age_on, _anniversary
from ..findings import Finding, Severity
from ..model import (
    PartyStanding,
)
from ._common import _Ctx, _finding, _role_name, _row_in_force, _t_int, _t_strs

_PARTY_AGE_FROM = {
    "FULL_MEMBERSHIP": ("转正时间起算", "from full membership"),
    "ADMISSION": ("入党时间起算", "from admission"),
}


@checked
def party_age(start: _dt.date, on: _dt.date, *, leap_day: str = "FEB_28") -> int:
    """Whole years of party membership (党龄) from ``start`` to ``on``, counted like 周岁.

    A year is complete on the anniversary of ``start`` (so a member since 2020-06-01 has exactly
    one year on 2021-06-01 and none the day before); a ``start`` after ``on`` gives 0. A
    29 February start has its anniversary per ``leap_day``.

    Example:
        >>> import datetime as dt
        >>> [party_age(dt.date(2020, 6, 1), dt.date(2021, 6, d)) for d in (1, 2)]
        [1, 1]
        >>> party_age(dt.date(2020, 6, 1), dt.date(2021, 5, 31)), party_age(dt.date(2022, 1, 1), dt.date(2021, 5, 31))
        (0, 0)

    Legal basis: 《中国共产党章程》 第七条 (党龄); 《民法典》 第二百零二条 (periods in years).
    """
    if on < start:
        return 0
    return _age_on(start, on, leap_day=leap_day)


def _check_party_age(ctx: _Ctx) -> list[Finding]:
    policy, cand, election = ctx.policy, ctx.candidate, ctx.election
    name = "eligibility.secretary_party_age"
    if name not in policy:
        return []
    param = policy.param(name)
    row = policy.get_table(name)
    offices, bodies = _t_strs(row, "offices"), _t_strs(row, "bodies")
    if offices and cand.office.value not in offices:
        return []
    if bodies and election.body.value not in bodies:
        return []
    if not _row_in_force(row, election.date):
        return []
    person = cand.person
    if person.party_standing is PartyStanding.NON_MEMBER:
        return []  # the rights check already answers for non-members
    minimum = _t_int(row, "min_years") or 0
    from_param = policy.param("eligibility.party_age_counts_from")
    counts_from = policy.get_str(from_param.name)
    leap = policy.get_str("eligibility.leap_day_birthday")
    role = _role_name(cand.office, cand.tenure)
    found: list[Finding] = []
    start: _dt.date | None
    if counts_from == "ADMISSION":
        start = person.party_joined
        date_t = ("入党时间", "date of admission (party_joined)")
    elif person.party_confirmed is not None:
        start = person.party_confirmed
        date_t = ("转正时间", "date of full membership (party_confirmed)")
    elif person.party_joined is not None:
        prob_param = policy.param("eligibility.probation_years")
        years = policy.get_int(prob_param.name)
        start = _anniversary(person.party_joined, years, leap_day=leap)
        found.append(
            _finding(
                "PARTY_AGE_START_PRESUMED",
                Severity.INFO,
                prob_param,
                subject=ctx.subject,
                observed=person.party_joined,
                limit=start,
                role=role,
                years=years,
            )
        )
        date_t = ("转正时间", "date of full membership (party_confirmed)")
    else:
        start = None
        date_t = (
            "入党时间或转正时间",
            "date of admission or of full membership (party_joined / party_confirmed)",
        )
    if start is None:
        found.append(
            _finding(
                "PARTY_AGE_DATE_MISSING",
                Severity.WARN,
                param,
                subject=ctx.subject,
                limit=minimum,
                pairs={"date_t": date_t},
                role=role,
            )
        )
        return found
    years_held = party_age(start, election.date, leap_day=leap)
    if years_held < minimum:
        found.append(
            _finding(
                "PARTY_AGE_SHORT",
                param.breach_severity,
                param,
                subject=ctx.subject,
                observed=years_held,
                limit=minimum,
                pairs={"from_t": _PARTY_AGE_FROM[counts_from]},
                role=role,
                start=start,
            )
        )
    return found
