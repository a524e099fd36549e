"""Small shared pieces of the rule modules that answer around the vote.

Internal module. The registration, district, nomination, proxy, polling, women's-seat, results,
recall and by-election modules read ratio thresholds from ``table`` parameters
(``{ratio = "1/2", comparison = "STRICT"}``), compare counts with integer arithmetic only, and
refuse bad arguments with :class:`~huanjie_rules.errors.RuleInputError`. Nothing here holds a
rule's number: every ratio, count and day comes from a profile parameter.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

import attrs

from .errors import ParameterError, RuleInputError
from .findings import Citation, Finding, Message, Scalar, Severity
from .policy import Parameter, ParamTable, Policy

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

__all__ = [
    "COMPARISONS",
    "bound",
    "finding",
    "localize",
    "meets",
    "member",
    "need_bool",
    "need_date",
    "need_int",
    "need_str",
    "need_type",
    "ratio_rule",
    "row_str",
    "row_strs",
    "unique_keys",
]

#: STRICT is 超过/过半数 (``>``); INCLUSIVE is 以上/不少于 (``>=``).
COMPARISONS = ("STRICT", "INCLUSIVE")


def ratio_rule(policy: Policy, name: str) -> tuple[Parameter, Fraction, str]:
    """The parameter ``name`` (a table with ``ratio`` and ``comparison``), its ratio and comparison.

    Raises:
        ParameterError: the profile has no such parameter, or its table is malformed.
    """
    param = policy.param(name)
    table = policy.get_table(name)
    raw_ratio, comparison = table.get("ratio"), table.get("comparison")
    try:
        ratio = Fraction(str(raw_ratio)) if isinstance(raw_ratio, str | int) else None
    except (ValueError, ZeroDivisionError):
        ratio = None
    if ratio is None or ratio < 0 or comparison not in COMPARISONS:
        raise ParameterError(
            f"{name} of {policy.id!r} needs ratio = 'a/b' and comparison in {COMPARISONS}",
            path=name,
        )
    return param, ratio, str(comparison)


def meets(count: int, base: int, ratio: Fraction, comparison: str) -> bool:
    """``count`` against ``ratio × base``: ``>`` for STRICT, ``>=`` for INCLUSIVE; integers only."""
    lhs = count * ratio.denominator
    rhs = ratio.numerator * base
    return lhs > rhs if comparison == "STRICT" else lhs >= rhs


def bound(base: int, ratio: Fraction, comparison: str) -> int:
    """The least whole count that meets ``ratio × base`` under ``comparison``."""
    num = ratio.numerator * base
    if comparison == "STRICT":
        return num // ratio.denominator + 1
    return -(-num // ratio.denominator)


def need_int(value: object, path: str, *, minimum: int = 0) -> int:
    """``value`` as an int of at least ``minimum``, or a RuleInputError naming ``path``."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleInputError(
            f"expected an integer, got {type(value).__name__}", code="TYPE", path=path
        )
    if value < minimum:
        raise RuleInputError(f"must be at least {minimum}, got {value}", code="RANGE", path=path)
    return value


def need_bool(value: object, path: str) -> bool:
    """``value`` as a bool, or a RuleInputError naming ``path``."""
    if not isinstance(value, bool):
        raise RuleInputError(f"expected true or false, got {value!r}", code="TYPE", path=path)
    return value


def need_str(value: object, path: str) -> str:
    """``value`` as a non-blank str, or a RuleInputError naming ``path``."""
    if not isinstance(value, str) or not value.strip():
        raise RuleInputError(f"expected a non-empty text, got {value!r}", code="TYPE", path=path)
    return value


def need_date(value: object, path: str) -> _dt.date:
    """``value`` as a date (not a datetime), or a RuleInputError naming ``path``."""
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise RuleInputError(f"expected a date, got {type(value).__name__}", code="TYPE", path=path)
    return value


def need_type(value: object, cls: type[T], path: str) -> T:
    """``value`` if it is a ``cls``, else a RuleInputError naming ``path``."""
    if not isinstance(value, cls):
        raise RuleInputError(
            f"expected a {cls.__name__}, got {type(value).__name__}", code="TYPE", path=path
        )
    return value


def unique_keys(items: Sequence[object], path: str, key: str = "key") -> None:
    """Refuse two items with the same ``key`` attribute (they would be counted twice)."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        k = getattr(item, key)
        if k in seen:
            raise RuleInputError(
                f"{k!r} is given twice and would be counted twice",
                code="DUPLICATE_KEY",
                path=f"{path}[{i}].{key}",
            )
        seen.add(k)


def row_str(row: ParamTable, name: str, param: Parameter) -> str:
    """A text field of one row of a ``tables`` parameter; a missing one is a ParameterError."""
    value = row.get(name)
    if not isinstance(value, str):
        raise ParameterError(f"a row of {param.name} has no text {name!r}", path=param.name)
    return value


def member(cls: type[E], code: str, param: Parameter) -> E:
    """The member of ``cls`` named ``code`` in a profile parameter; a ParameterError if none."""
    try:
        return cls[code]
    except KeyError:
        raise ParameterError(
            f"{param.name} names {code!r}, which is not a {cls.__name__}", path=param.name
        ) from None


def row_strs(row: ParamTable, name: str) -> tuple[str, ...]:
    """A list-of-texts field of one row (empty when absent)."""
    value = row.get(name)
    if isinstance(value, tuple):
        return tuple(str(v) for v in value)
    if isinstance(value, str):
        return (value,)
    return ()


def row_citation(policy: Policy, param: Parameter, row: ParamTable) -> Citation:
    """The citation of one row of a ``tables`` parameter: the parameter's, with the row's own
    ``instrument``, ``article``, ``quote`` and ``reliability`` where it gives them.

    A row citing another instrument takes that instrument's title and dates from a parameter
    of the profile that cites it (the provenance check has verified the row's words).
    """
    cite = param.citation
    inst = row.get("instrument")
    if isinstance(inst, str) and inst != cite.instrument:
        other = next((p.citation for p in policy.parameters if p.citation.instrument == inst), None)
        base = other if other is not None else attrs.evolve(cite, instrument=inst, title=inst)
        cite = attrs.evolve(base, article=None, quote=None, url=None, seed=None)
    article, quote, reliability = row.get("article"), row.get("quote"), row.get("reliability")
    return attrs.evolve(
        cite,
        article=article if isinstance(article, str) else cite.article,
        quote=quote if isinstance(quote, str) else cite.quote,
        reliability=reliability if isinstance(reliability, str) else cite.reliability,
    )


def localize(message: Message, pairs: Mapping[str, tuple[str, str]]) -> Message:
    """``message`` with each ``{name}`` of ``pairs`` replaced by its zh and en text.

    Catalogue messages keep the same placeholders in both languages; a value that itself has
    a zh and an en form (a stage, a role) is put in this way before the rest is filled.
    """
    zh, en = message.zh, message.en
    for name, (a, b) in pairs.items():
        zh = zh.replace("{" + name + "}", a.replace("{", "{{").replace("}", "}}"))
        en = en.replace("{" + name + "}", b.replace("{", "{{").replace("}", "}}"))
    return Message(zh=zh, en=en)


def finding(
    catalogue: Mapping[str, Message],
    code: str,
    param: Parameter,
    severity: Severity | None = None,
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    subject: str = "",
    pairs: Mapping[str, tuple[str, str]] | None = None,
    extra: Mapping[str, object] | None = None,
) -> Finding:
    """A finding from ``catalogue[code]`` citing ``param`` (severity defaults to its breach).

    ``extra`` fills the message's other placeholders; ``pairs`` those whose value differs by
    language (see :func:`localize`).
    """
    message = catalogue[code] if not pairs else localize(catalogue[code], pairs)
    return param._finding(
        code,
        message,
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=extra,
    )
