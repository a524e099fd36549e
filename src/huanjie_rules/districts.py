"""Electoral districts (选区) and the seats of concentrated minorities.

:func:`check_districts` checks how a county's or township's seats are spread over its
districts: each district elects one to three deputies (选举法 第二十五条) and the population per
deputy should be roughly equal across districts (第二十六条: 「大体相等」 — a soft rule, checked
against a named tolerance the profile marks as the library's own reading).

:func:`check_minority_seats` checks the seats of concentrated minorities (第十九条): every such
minority has a deputy; from 30% of the population its population per deputy equals the local
one; under 15% it may be lower but not below half of it; from 15% to under 30% its seats may not
exceed 30% of all seats. Every share is an exact fraction and every comparison is done in
integers.

Example:
    >>> from huanjie_rules.policy import load_policy
    >>> npc = load_policy("npc-2020")
    >>> r = check_districts([District(key="一", population=6000, seats=2),
    ...                      District(key="二", population=12000, seats=4)], npc)
    >>> r.codes(), str(r.per_deputy)
    (('DISTRICT_SEATS_OUT_OF_RANGE',), '3000')

Legal basis: 《选举法》(2020) 第十九条、第二十五条、第二十六条; 浙江细则 第十九条至第二十一条;
北京细则 第二十六条.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import Model, to_tuple
from .errors import Problem, RuleInputError
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .policy import Parameter, Policy

__all__ = [
    "FINDING_CODES",
    "District",
    "DistrictReport",
    "DistrictShare",
    "MinorityGroup",
    "MinorityReport",
    "MinorityShare",
    "check_districts",
    "check_minority_seats",
]

FINDING_CODES = Catalogue("huanjie_rules", "districts.messages.toml")


@attrs.frozen(kw_only=True)
class District(Model):
    """One electoral district: its population and the deputies it elects."""

    key: str
    population: int
    seats: int
    name: str = ""

    def _checks(self) -> Iterable[Problem]:
        if not self.key.strip():
            yield Problem("EMPTY", "key", "must not be empty")
        if self.population < 0:
            yield Problem("RANGE", "population", f"must not be negative, got {self.population}")
        if self.seats < 0:
            yield Problem("RANGE", "seats", f"must not be negative, got {self.seats}")


@attrs.frozen(kw_only=True)
class DistrictShare(Model):
    """One district's population per deputy, exactly, and its distance from the average.

    ``deviation`` is ``(per_deputy - average) / average``: negative for a district whose
    deputies represent fewer people than the average. Both are None for a district without seats.
    """

    key: str
    population: int
    seats: int
    per_deputy: Fraction | None = None
    deviation: Fraction | None = None


@attrs.frozen(kw_only=True)
class DistrictReport(Verdict):
    """The districts of one county or township: findings and every district's share."""

    population: int = 0
    seats: int = 0
    per_deputy: Fraction | None = None
    districts: tuple[DistrictShare, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class MinorityGroup(Model):
    """One minority in the jurisdiction, with the seats allocated to it.

    Attributes:
        name: the minority (e.g. ``"畲族"``).
        population: its population in the jurisdiction.
        seats: the deputies allocated to it.
        concentrated: 聚居 (第十九条); a scattered (散居) minority has no limits (第二十一条).
        exception_decided: the provincial standing committee decided that its population per
            deputy may be below half the local one (a very small autonomous county, 第十九条).
    """

    name: str
    population: int
    seats: int
    concentrated: bool = True
    exception_decided: bool = False

    def _checks(self) -> Iterable[Problem]:
        if not self.name.strip():
            yield Problem("EMPTY", "name", "must not be empty")
        if self.population < 0:
            yield Problem("RANGE", "population", "must not be negative")
        if self.seats < 0:
            yield Problem("RANGE", "seats", "must not be negative")


@attrs.frozen(kw_only=True)
class MinorityShare(Model):
    """One minority's figures: its share of the population, its seats and per-deputy count."""

    name: str
    share: Fraction
    seats: int
    exact_seats: Fraction
    per_deputy: Fraction | None = None
    band: str


@attrs.frozen(kw_only=True)
class MinorityReport(Verdict):
    """The seats of the concentrated minorities of one jurisdiction."""

    population: int = 0
    seats: int = 0
    per_deputy: Fraction | None = None
    groups: tuple[MinorityShare, ...] = attrs.field(default=(), converter=to_tuple)


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str,
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    **values: object,
) -> Finding:
    return kit.finding(
        FINDING_CODES,
        code,
        param,
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=values,
    )


@checked
def check_districts(
    districts: Sequence[District], policy: Policy, *, subject: str = ""
) -> DistrictReport:
    """Check the seats and populations of a jurisdiction's electoral districts.

    Every district must elect between ``districts.seats_per_district`` deputies (FAIL outside);
    a district whose population per deputy is further from the jurisdiction's average than
    ``districts.population_per_deputy_tolerance`` (a share of the average, inclusive) is a
    WARN. Shares are exact fractions.

    Raises:
        RuleInputError: no districts, a non-District item, two districts with one key, or no
            seats at all (``NO_SEATS``).
        ParameterError: the profile has no district rules (party and village profiles).

    Legal basis: 《选举法》(2020) 第二十五条、第二十六条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> r = check_districts([District(key="一", population=3000, seats=1),
        ...                      District(key="二", population=9000, seats=3),
        ...                      District(key="三", population=4000, seats=1)], npc)
        >>> r.codes(), [str(d.deviation) for d in r.districts]
        (('DISTRICT_POPULATION_UNEQUAL',), ['-1/16', '-1/16', '1/4'])
    """
    items = tuple(districts)
    if not items:
        raise RuleInputError("at least one district is needed", code="EMPTY", path="districts")
    for i, d in enumerate(items):
        kit.need_type(d, District, f"districts[{i}]")
    kit.unique_keys(items, "districts")
    size = policy.param("districts.seats_per_district")
    tol_param = policy.param("districts.population_per_deputy_tolerance")
    bounds = policy.get_range(size.name)
    tolerance = policy.get_fraction(tol_param.name)
    population = sum(d.population for d in items)
    seats = sum(d.seats for d in items)
    if seats == 0:
        raise RuleInputError("the districts elect no deputies", code="NO_SEATS", path="districts")
    average = Fraction(population, seats)
    findings: list[Finding] = []
    shares: list[DistrictShare] = []
    for d in items:
        if not bounds.contains(d.seats):
            findings.append(
                _f(
                    "DISTRICT_SEATS_OUT_OF_RANGE",
                    size,
                    size.breach_severity,
                    d.key,
                    observed=d.seats,
                    limit=str(bounds),
                )
            )
        per: Fraction | None = None
        deviation: Fraction | None = None
        if d.seats:
            per = Fraction(d.population, d.seats)
            deviation = (per - average) / average if average else None
            if deviation is not None and abs(deviation) > tolerance:
                findings.append(
                    _f(
                        "DISTRICT_POPULATION_UNEQUAL",
                        tol_param,
                        tol_param.breach_severity,
                        d.key,
                        observed=per,
                        limit=tolerance,
                        average=average,
                        deviation=abs(deviation),
                    )
                )
        shares.append(
            DistrictShare(
                key=d.key,
                population=d.population,
                seats=d.seats,
                per_deputy=per,
                deviation=deviation,
            )
        )
    v = Verdict._from_findings(subject, policy.id, findings)
    return DistrictReport(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        population=population,
        seats=seats,
        per_deputy=average,
        districts=tuple(shares),
    )


@checked
def check_minority_seats(
    groups: Sequence[MinorityGroup],
    *,
    population: int,
    seats: int,
    policy: Policy,
    subject: str = "",
) -> MinorityReport:
    """Check the seats allocated to the minorities of one jurisdiction (选举法 第十九条).

    For each concentrated minority, with ``share = its population / population``:

    * it has at least one deputy (``MINORITY_NO_DEPUTY``);
    * ``share >= districts.minority_equal_from`` (30%): its seats are its exact share of all
      seats rounded down or up (``MINORITY_SEATS_NOT_PROPORTIONAL``);
    * ``share < districts.minority_small_below`` (15%): its population per deputy is at least
      ``districts.minority_small_min_per_deputy`` (1/2) of the local one
      (``MINORITY_PER_DEPUTY_BELOW_HALF``), unless the provincial exception was decided;
    * in between: its seats are at most ``districts.minority_middle_cap`` (30%) of all seats
      (``MINORITY_SEATS_OVER_CAP``).

    Scattered minorities (``concentrated=False``) are reported but not limited (第二十一条).

    Raises:
        RuleInputError: population or seats below 1, a group larger than the population, the
            groups together larger than the population, or more group seats than seats.

    Legal basis: 《选举法》(2020) 第十九条、第二十一条; 浙江细则 第十九条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> r = check_minority_seats([MinorityGroup(name="畲族", population=20000, seats=40)],
        ...                          population=100000, seats=120, policy=npc)
        >>> r.codes(), r.groups[0].band
        (('MINORITY_SEATS_OVER_CAP',), 'MIDDLE')
    """
    items = tuple(groups)
    for i, g in enumerate(items):
        kit.need_type(g, MinorityGroup, f"groups[{i}]")
    kit.unique_keys(items, "groups", key="name")
    kit.need_int(population, "population", minimum=1)
    kit.need_int(seats, "seats", minimum=1)
    for i, g in enumerate(items):
        if g.population > population:
            raise RuleInputError(
                f"{g.name} has more people ({g.population}) than the jurisdiction ({population})",
                code="RANGE",
                path=f"groups[{i}].population",
            )
    if sum(g.population for g in items) > population:
        raise RuleInputError(
            "the groups together have more people than the jurisdiction",
            code="RANGE",
            path="groups",
        )
    if sum(g.seats for g in items) > seats:
        raise RuleInputError(
            "the groups together have more seats than the congress", code="RANGE", path="groups"
        )
    every = policy.param("districts.minority_every_group_represented")
    equal = policy.param("districts.minority_equal_from")
    small = policy.param("districts.minority_small_below")
    half = policy.param("districts.minority_small_min_per_deputy")
    cap = policy.param("districts.minority_middle_cap")
    equal_from = policy.get_fraction(equal.name)
    small_below = policy.get_fraction(small.name)
    min_ratio = policy.get_fraction(half.name)
    cap_ratio = policy.get_fraction(cap.name)
    local = Fraction(population, seats)
    findings: list[Finding] = []
    shares: list[MinorityShare] = []
    for g in items:
        share = Fraction(g.population, population)
        exact = share * seats
        per = Fraction(g.population, g.seats) if g.seats else None
        if not g.concentrated:
            band = "SCATTERED"
        elif share >= equal_from:
            band = "EQUAL"
        elif share < small_below:
            band = "SMALL"
        else:
            band = "MIDDLE"
        shares.append(
            MinorityShare(
                name=g.name,
                share=share,
                seats=g.seats,
                exact_seats=exact,
                per_deputy=per,
                band=band,
            )
        )
        if band == "SCATTERED":
            continue
        if g.seats == 0 and policy.get_bool(every.name):
            findings.append(_f("MINORITY_NO_DEPUTY", every, every.breach_severity, g.name))
            continue
        if band == "EQUAL":
            low, high = (
                exact.numerator // exact.denominator,
                -(-exact.numerator // exact.denominator),
            )
            if not low <= g.seats <= high:
                shown = str(low) if low == high else f"{low}–{high}"
                findings.append(
                    _f(
                        "MINORITY_SEATS_NOT_PROPORTIONAL",
                        equal,
                        equal.breach_severity,
                        g.name,
                        observed=g.seats,
                        limit=shown,
                        share=share,
                        exact=exact,
                    )
                )
        elif band == "SMALL" and per is not None:
            # per >= min_ratio × local, in integers: g.population × seats × den >= num × population × g.seats
            ok = (
                g.population * seats * min_ratio.denominator
                >= min_ratio.numerator * population * g.seats
            )
            if not ok:
                code = (
                    "MINORITY_EXCEPTION_DECIDED"
                    if g.exception_decided
                    else "MINORITY_PER_DEPUTY_BELOW_HALF"
                )
                sev = Severity.INFO if g.exception_decided else half.breach_severity
                findings.append(
                    _f(code, half, sev, g.name, observed=per, limit=min_ratio, local=local)
                )
        elif band == "MIDDLE" and g.seats * cap_ratio.denominator > cap_ratio.numerator * seats:
            # 不得超过 30%: seats / total <= cap, in integers.
            findings.append(
                _f(
                    "MINORITY_SEATS_OVER_CAP",
                    cap,
                    cap.breach_severity,
                    g.name,
                    observed=g.seats,
                    limit=cap_ratio,
                    total=seats,
                )
            )
    v = Verdict._from_findings(subject, policy.id, findings)
    return MinorityReport(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        population=population,
        seats=seats,
        per_deputy=local,
        groups=tuple(shares),
    )
