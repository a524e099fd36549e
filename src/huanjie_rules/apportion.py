"""Seats shared among electoral units by weight: largest remainder and three divisor methods.

Delegate seats of a party congress are shared among electoral units by their members (PB20 art
7); deputy seats of a county congress among townships by population (选举法 art 15). The
regulations name no method, so the policy profile names a default (``quotas.apportionment_method``)
and a minimum per unit (``quotas.apportionment_minimum``); the caller may choose another.

Four methods, all in exact integer and :class:`~fractions.Fraction` arithmetic:

- **largest remainder** (最大余额法, Hamilton/Hare): each unit gets the whole part of its quota
  ``weight × seats / total``, the seats left over go to the largest fractional parts;
- **D'Hondt** (洪特法, Jefferson): divisors 1, 2, 3, …;
- **Sainte-Laguë** (圣拉古法, Webster): divisors 1, 3, 5, …;
- **Huntington–Hill** (亨廷顿-希尔法): divisors √(a(a+1)), compared exactly through squares;
  the divisor of a unit with no seat is 0 (infinite priority), and among units with no seat
  the larger weight comes first.

A tie for the last seat(s) is never broken by input order or by chance: the result lists the
tied units and the number of seats in question (:class:`SeatTie`), and only the seats that are
decided are allocated. Each unit's exact quota is shown.

Example:
    >>> from huanjie_rules.policy import load_policy
    >>> policy = load_policy("party-basic-2020")
    >>> result = apportion(policy, {"一支部": 45, "二支部": 30, "三支部": 25}, 10)
    >>> [(u.key, str(u.quota), u.seats) for u in result.units]
    [('一支部', '9/2', 4), ('二支部', '3', 3), ('三支部', '5/2', 2)]
    >>> result.tie is None
    False
    >>> result.tie.units, result.tie.seats
    (('一支部', '三支部'), 1)
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import attrs

from ._args import checked
from ._base import LabeledEnum, Model, to_tuple
from .errors import ParameterError, Problem, RuleInputError
from .findings import Finding, Severity, _worst_severity
from .messages import Catalogue
from .policy import Parameter, Policy

__all__ = [
    "FINDING_CODES",
    "ApportionMethod",
    "Apportionment",
    "SeatTie",
    "UnitAllocation",
    "apportion",
]

#: Finding codes of this module (``apportion.messages.toml`` beside it, read on first use).
FINDING_CODES = Catalogue("huanjie_rules", "apportion.messages.toml")


class ApportionMethod(LabeledEnum):
    """How seats are shared among units in proportion to their weights."""

    LARGEST_REMAINDER = (
        "LARGEST_REMAINDER",
        "最大余额法",
        ("最大余数法", "汉密尔顿法", "Hamilton", "Hare", "largest remainder"),
    )
    DHONDT = ("DHONDT", "洪特法", ("顿特法", "杰斐逊法", "D'Hondt", "Jefferson"))
    SAINTE_LAGUE = (
        "SAINTE_LAGUE",
        "圣拉古法",
        ("圣拉格法", "韦伯斯特法", "Sainte-Laguë", "Webster"),
    )
    HUNTINGTON_HILL = ("HUNTINGTON_HILL", "亨廷顿-希尔法", ("等比例法", "Huntington-Hill"))


@attrs.frozen(kw_only=True)
class UnitAllocation(Model):
    """One electoral unit's share.

    Attributes:
        key: the unit's name.
        weight: its members, population or other weight (exact).
        quota: its exact quota, ``weight × seats / total weight``.
        seats: the seats it surely gets (a seat still tied is not counted here).
        in_tie: True if it is one of the units tied for the last seat(s).
        raised_to_minimum: True if it gets the minimum although its quota is below it.
    """

    key: str
    weight: Fraction
    quota: Fraction
    seats: int
    in_tie: bool = False
    raised_to_minimum: bool = False


@attrs.frozen(kw_only=True)
class SeatTie(Model):
    """Units tied for the last seat(s): ``seats`` seats among ``units`` (fewer seats than units)."""

    units: tuple[str, ...] = attrs.field(converter=to_tuple)
    seats: int

    def _checks(self) -> Iterable[Problem]:
        if not 0 < self.seats < len(self.units):
            yield Problem("RANGE", "seats", "a tie is for fewer seats than tied units")


@attrs.frozen(kw_only=True)
class Apportionment(Model):
    """Seats shared among units, with every finding that explains the result.

    ``sum(u.seats for u in units) + (tie.seats if tie else 0) == seats`` always holds.
    """

    policy_id: str
    method: ApportionMethod
    seats: int
    minimum: int
    total_weight: Fraction
    units: tuple[UnitAllocation, ...] = attrs.field(converter=to_tuple)
    tie: SeatTie | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    def _checks(self) -> Iterable[Problem]:
        settled = sum(u.seats for u in self.units)
        open_seats = self.tie.seats if self.tie is not None else 0
        if settled + open_seats != self.seats:
            yield Problem("SUM", "units", f"{settled} + {open_seats} seats is not {self.seats}")

    @property
    def decided(self) -> bool:
        """True when every seat is allocated (no tie)."""
        return self.tie is None

    @property
    def allocation(self) -> dict[str, int]:
        """The seats each unit surely gets, by key."""
        return {u.key: u.seats for u in self.units}

    @property
    def ok(self) -> bool:
        """True when no finding is FAIL or WARN (a tie is a WARN: a person must decide it)."""
        worst = _worst_severity(self.findings)
        return worst is None or worst is Severity.INFO


# --------------------------------------------------------------------------------------------
# Shared helpers (also used by huanjie_rules.quotas)
# --------------------------------------------------------------------------------------------

ROUNDING_MODES: tuple[str, ...] = ("CEIL", "FLOOR", "HALF_UP")


def round_fraction(value: Fraction, mode: str, *, parameter: str = "") -> int:
    """Round an exact value to an integer: ``CEIL`` (进一法), ``FLOOR`` (去尾法) or ``HALF_UP``.

    Example:
        >>> round_fraction(Fraction(7, 5), "CEIL"), round_fraction(Fraction(7, 5), "FLOOR")
        (2, 1)
        >>> round_fraction(Fraction(5, 2), "HALF_UP")
        3
    """
    if mode == "CEIL":
        return -((-value.numerator) // value.denominator)
    if mode == "FLOOR":
        return value.numerator // value.denominator
    if mode == "HALF_UP":
        half = value + Fraction(1, 2)
        return half.numerator // half.denominator
    raise ParameterError(
        f"rounding mode {mode!r} is not one of {ROUNDING_MODES}", path=parameter or "rounding"
    )


def require_param(policy: Policy, name: str, what: str) -> Parameter:
    """The parameter ``name``, or a :class:`RuleInputError` (code ``NOT_COVERED``) naming ``what``."""
    if name not in policy:
        raise RuleInputError(
            f"profile {policy.id!r} ({policy.regime.value}) has no rule for {what}"
            f" (no parameter {name!r})",
            code="NOT_COVERED",
            path="policy",
        )
    return policy.param(name)


def severity_of(param: Parameter) -> Severity:
    """FAIL for a hard parameter, WARN for a soft one."""
    return param.breach_severity


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in the canonical order (severity, code, subject, rule, message)."""
    return tuple(
        sorted(
            findings, key=lambda f: (-f.severity.rank, f.code, f.subject, f.rule_id, f.message_en)
        )
    )


def check_count(value: object, path: str, *, minimum: int = 0) -> int:
    """An integer count of at least ``minimum``, else :class:`RuleInputError` with a code."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleInputError(
            f"expected an integer, got {type(value).__name__}", code="TYPE", path=path
        )
    if value < 0:
        raise RuleInputError(f"must not be negative, got {value}", code="NEGATIVE_COUNT", path=path)
    if value < minimum:
        code = "ZERO_SEATS" if path == "seats" else "NON_POSITIVE_COUNT"
        raise RuleInputError(f"must be at least {minimum}, got {value}", code=code, path=path)
    return value


# --------------------------------------------------------------------------------------------
# The arithmetic
# --------------------------------------------------------------------------------------------


class _Next:
    """A unit's priority for its next seat, ordered highest first (for a heap).

    ``cls`` 1 is the infinite priority of Huntington–Hill's seatless units (ranked among
    themselves by ``num``); otherwise the priority is ``num / den``, compared exactly by
    cross-multiplying integers.
    """

    __slots__ = ("cls", "den", "key", "num")

    def __init__(self, cls: int, num: int, den: int, key: str) -> None:
        self.cls = cls
        self.num = num
        self.den = den
        self.key = key

    def __lt__(self, other: _Next) -> bool:
        if self.cls != other.cls:
            return self.cls > other.cls
        return self.num * other.den > other.num * self.den

    def ties(self, other: _Next) -> bool:
        return self.cls == other.cls and self.num * other.den == other.num * self.den


def _next(method: ApportionMethod, weight: int, held: int, key: str) -> _Next:
    """Divisor-method priority of a unit of (integer-scaled) ``weight`` holding ``held`` seats."""
    if weight == 0:
        return _Next(0, 0, 1, key)
    if method is ApportionMethod.DHONDT:
        return _Next(0, weight, held + 1, key)
    if method is ApportionMethod.SAINTE_LAGUE:
        return _Next(0, weight, 2 * held + 1, key)
    # Huntington–Hill: weight / sqrt(held (held + 1)), compared through its square. With no
    # seat held the priority is infinite; among such units the one with the larger weight
    # comes first (the limit of the ratio of two priorities as held → 0), so a house smaller
    # than the number of units is not one big tie.
    if held == 0:
        return _Next(1, weight, 1, key)
    return _Next(0, weight * weight, held * (held + 1), key)


def _held_above(method: ApportionMethod, weight: int, t: Fraction, minimum: int) -> int:
    """Seats a unit holds once every priority of at least ``t`` (> 0) has been served."""
    if weight == 0:
        return minimum
    if method is ApportionMethod.DHONDT:  # weight / (h + 1) >= t
        return max(minimum, weight * t.denominator // t.numerator)
    if method is ApportionMethod.SAINTE_LAGUE:  # weight / (2h + 1) >= t
        return max(minimum, (weight * t.denominator // t.numerator + 1) // 2)
    # Huntington–Hill: seat 0 always (infinite priority), seat h >= 1 while h (h + 1) <= w² / t.
    x = weight * weight * t.denominator // t.numerator
    return max(minimum, (math.isqrt(4 * x + 1) - 1) // 2 + 1)


def _start(
    method: ApportionMethod, ints: Sequence[tuple[str, int]], seats: int, minimum: int
) -> dict[str, int]:
    """A state the seat-by-seat process passes through: every priority above a threshold served.

    The seat-by-seat process serves priorities from the highest down, equal ones together, and
    stops only at a group larger than the seats left. So if serving every priority of at least
    ``t`` takes no more than ``seats``, that state is reached on the way, and the process can
    start there. The threshold starts at the one a quota divisor gives and rises until the
    state fits; if none fits (Huntington–Hill with fewer seats than units), start from the
    minimum.
    """
    floor_state = {key: minimum for key, _ in ints}
    total = sum(w for _, w in ints)
    divisor = Fraction(total, seats)
    for _ in range(64):
        t = {
            ApportionMethod.DHONDT: divisor,
            ApportionMethod.SAINTE_LAGUE: divisor / 2,
        }.get(method, divisor * divisor)
        state = {key: _held_above(method, w, t, minimum) for key, w in ints}
        used = sum(state.values())
        if used <= seats:
            return state
        divisor *= Fraction(used, seats) if used < 2 * seats else 2
    return floor_state


def _divisor(
    method: ApportionMethod, weights: Sequence[tuple[str, Fraction]], seats: int, minimum: int
) -> tuple[dict[str, int], tuple[tuple[str, ...], int] | None]:
    """Seat by seat to the highest priority, equal priorities together; a group larger than the
    seats left is a tie. A heap keeps each unit's next priority, and the process starts from a
    state it would pass through (:func:`_start`), so the cost is about units × log(units).
    """
    alloc = {key: minimum for key, _ in weights}
    if seats - minimum * len(weights) <= 0:
        return alloc, None
    # Priorities compare alike after scaling every weight by the same positive number.
    scale = math.lcm(*(w.denominator for _, w in weights))
    ints = [(key, int(w * scale)) for key, w in weights]
    alloc = _start(method, ints, seats, minimum)
    remaining = seats - sum(alloc.values())
    weight_of = dict(ints)
    heap = [_next(method, w, alloc[key], key) for key, w in ints]
    heapq.heapify(heap)
    while remaining > 0:
        top = heapq.heappop(heap)
        group = [top]
        while heap and heap[0].ties(top):
            group.append(heapq.heappop(heap))
        if len(group) > remaining:
            return alloc, (tuple(sorted(item.key for item in group)), remaining)
        for item in group:
            alloc[item.key] += 1
            heapq.heappush(heap, _next(method, weight_of[item.key], alloc[item.key], item.key))
        remaining -= len(group)
    return alloc, None


def _largest_remainder(
    weights: Sequence[tuple[str, Fraction]], seats: int, minimum: int
) -> tuple[dict[str, int], tuple[tuple[str, ...], int] | None]:
    fixed: set[str] = set()
    while True:
        free = [(k, w) for k, w in weights if k not in fixed]
        pool = seats - minimum * len(fixed)
        total = sum((w for _, w in free), Fraction(0))
        quotas = {k: w * pool / total for k, w in free}
        below = {k for k, q in quotas.items() if q < minimum}
        if not below:
            break
        fixed |= below
    alloc = dict.fromkeys(fixed, minimum)
    for k, q in quotas.items():
        alloc[k] = q.numerator // q.denominator
    left = pool - sum(alloc[k] for k, _ in free)
    remainders: dict[Fraction, list[str]] = {}
    for k, q in quotas.items():
        remainders.setdefault(q - alloc[k], []).append(k)
    for rem in sorted(remainders, reverse=True):
        if left == 0:
            break
        group = sorted(remainders[rem])
        if len(group) > left:
            return alloc, (tuple(group), left)
        for k in group:
            alloc[k] += 1
        left -= len(group)
    return alloc, None


def _read_weights(
    weights: Mapping[str, int | Fraction] | Iterable[tuple[str, int | Fraction]],
) -> list[tuple[str, Fraction]]:
    items = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
    if not items:
        raise RuleInputError("no electoral units given", code="EMPTY_UNITS", path="weights")
    out: list[tuple[str, Fraction]] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, tuple) or len(item) != 2:
            raise RuleInputError(
                "each unit is a (key, weight) pair", code="TYPE", path=f"weights[{i}]"
            )
        key, weight = item
        if not isinstance(key, str) or not key.strip():
            raise RuleInputError(
                "a unit needs a non-empty key", code="EMPTY_KEY", path=f"weights[{i}]"
            )
        path = f"weights[{key!r}]"
        if key in seen:
            raise RuleInputError(f"unit {key!r} is given twice", code="DUPLICATE_UNIT", path=path)
        seen.add(key)
        if isinstance(weight, bool) or not isinstance(weight, int | Fraction):
            raise RuleInputError(
                f"a weight is an integer or a Fraction, got {type(weight).__name__}",
                code="TYPE",
                path=path,
            )
        if weight < 0:
            raise RuleInputError(
                f"a weight must not be negative, got {weight}", code="NEGATIVE_WEIGHT", path=path
            )
        out.append((key, Fraction(weight)))
    return out


@checked
def apportion(
    policy: Policy,
    weights: Mapping[str, int | Fraction] | Iterable[tuple[str, int | Fraction]],
    seats: int,
    *,
    method: ApportionMethod | None = None,
    minimum: int | None = None,
) -> Apportionment:
    """Share ``seats`` among electoral units in proportion to their weights.

    Args:
        policy: the profile; supplies the default method and minimum per unit.
        weights: unit key → members (or population, or another weight ≥ 0), as a mapping or
            as (key, weight) pairs. The order never affects the result.
        seats: the number of seats to share (≥ 1).
        method: overrides ``quotas.apportionment_method``.
        minimum: seats every unit gets at least; overrides ``quotas.apportionment_minimum``.

    Returns:
        An :class:`Apportionment`. If units tie for the last seat(s), ``tie`` names them and the
        seats in question, and those seats are left unallocated.

    Raises:
        RuleInputError: ``ZERO_SEATS``, ``NEGATIVE_WEIGHT``, ``EMPTY_UNITS``,
            ``ZERO_TOTAL_WEIGHT``, ``MINIMUM_EXCEEDS_SEATS``, ``NEGATIVE_COUNT``, ``TYPE``,
            ``DUPLICATE_UNIT``, ``EMPTY_KEY`` or ``NOT_COVERED`` (a profile without the rule).

    Legal basis: 《中国共产党基层组织选举工作条例》第七条 (delegate seats by members);
    《选举法》第十五条 (deputies by population, at least one per township).

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> policy = load_policy("npc-2020")
        >>> r = apportion(policy, {"甲镇": 52_000, "乙乡": 31_000, "丙乡": 300}, 100,
        ...               method=ApportionMethod.HUNTINGTON_HILL)
        >>> r.allocation
        {'甲镇': 62, '乙乡': 37, '丙乡': 1}
        >>> [f.code for f in r.findings]
        ['APPORTION_METHOD', 'APPORTION_MINIMUM']
    """
    method_param = require_param(policy, "quotas.apportionment_method", "apportionment")
    minimum_param = require_param(policy, "quotas.apportionment_minimum", "apportionment")
    default = ApportionMethod.parse(policy.get_str(method_param.name))
    if not isinstance(default, ApportionMethod):
        raise ParameterError(f"{default!r} is not an apportionment method", path=method_param.name)
    if method is not None and not isinstance(method, ApportionMethod):
        raise RuleInputError(
            f"expected an ApportionMethod, got {type(method).__name__}", code="TYPE", path="method"
        )
    used = method or default
    seats = check_count(seats, "seats", minimum=1)
    floor_seats = check_count(
        policy.get_int(minimum_param.name) if minimum is None else minimum, "minimum"
    )
    units = _read_weights(weights)
    total = sum((w for _, w in units), Fraction(0))
    if total == 0:
        raise RuleInputError("every weight is zero", code="ZERO_TOTAL_WEIGHT", path="weights")
    if floor_seats * len(units) > seats:
        raise RuleInputError(
            f"{len(units)} units × minimum {floor_seats} is more than {seats} seats",
            code="MINIMUM_EXCEEDS_SEATS",
            path="minimum",
        )
    if used is ApportionMethod.LARGEST_REMAINDER:
        alloc, tied = _largest_remainder(units, seats, floor_seats)
    else:
        alloc, tied = _divisor(used, units, seats, floor_seats)
    tied_keys = set(tied[0]) if tied else set()
    findings: list[Finding] = [
        Finding._build(
            code="APPORTION_METHOD",
            severity=Severity.INFO,
            rule_id=method_param.rule_id,
            citation=method_param.citation,
            message=FINDING_CODES["APPORTION_METHOD"],
            observed=used.label,
            limit=default.label,
            parameter=method_param.name,
            seats=seats,
            units=len(units),
        )
    ]
    allocations = []
    for key, weight in units:
        quota = weight * seats / total
        raised = quota < floor_seats and alloc[key] == floor_seats and floor_seats > 0
        allocations.append(
            UnitAllocation(
                key=key,
                weight=weight,
                quota=quota,
                seats=alloc[key],
                in_tie=key in tied_keys,
                raised_to_minimum=raised,
            )
        )
        if raised:
            findings.append(
                Finding._build(
                    code="APPORTION_MINIMUM",
                    severity=Severity.INFO,
                    rule_id=minimum_param.rule_id,
                    citation=minimum_param.citation,
                    message=FINDING_CODES["APPORTION_MINIMUM"],
                    observed=quota,
                    limit=floor_seats,
                    subject=key,
                    parameter=minimum_param.name,
                )
            )
        elif not tied_keys and not (
            quota.numerator // quota.denominator <= alloc[key] <= round_fraction(quota, "CEIL")
        ):
            findings.append(
                Finding._build(
                    code="APPORTION_OUTSIDE_QUOTA",
                    severity=Severity.INFO,
                    rule_id=method_param.rule_id,
                    citation=method_param.citation,
                    message=FINDING_CODES["APPORTION_OUTSIDE_QUOTA"],
                    observed=quota,
                    subject=key,
                    parameter=method_param.name,
                    seats=alloc[key],
                    method=used.label,
                )
            )
    tie = None
    if tied is not None:
        tie = SeatTie(units=tied[0], seats=tied[1])
        findings.append(
            Finding._build(
                code="APPORTION_TIE",
                severity=Severity.WARN,
                rule_id=method_param.rule_id,
                citation=method_param.citation,
                message=FINDING_CODES["APPORTION_TIE"],
                observed=len(tied[0]),
                limit=tied[1],
                subject="、".join(tied[0]),
                parameter=method_param.name,
            )
        )
    return Apportionment(
        policy_id=policy.id,
        method=used,
        seats=seats,
        minimum=floor_seats,
        total_weight=total,
        units=tuple(allocations),
        tie=tie,
        findings=ordered(findings),
    )
