"""Policy profiles: typed parameters with citations, profile inheritance and validity dates."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..errors import ArgumentError, ParameterError, PolicyNotInForceError, Problem
from ..findings import Citation, Finding, Message, Scalar, Severity
from ..model import Regime

__all__ = [
    "PARAM_TYPES",
    "IntRange",
    "ParamTable",
    "ParamType",
    "ParamValue",
    "Parameter",
    "Policy",
]

ParamType = Literal["int", "fraction", "bool", "str", "date", "range", "strings", "table", "tables"]
PARAM_TYPES: tuple[str, ...] = (
    "int",
    "fraction",
    "bool",
    "str",
    "date",
    "range",
    "strings",
    "table",
    "tables",
)

#: What a value inside a ``table`` parameter may be.
TableValue = int | str | bool | _dt.date | Fraction | tuple[str, ...] | None


@attrs.frozen(kw_only=True)
class IntRange(Model):
    """An inclusive integer range; either end may be open (None).

    Example:
        >>> r = IntRange(min=100, max=200)
        >>> r.contains(100), r.contains(201), str(r)
        (True, False, '100–200')
    """

    min: int | None = None
    max: int | None = None

    @checked
    def contains(self, value: int) -> bool:
        """True if ``min <= value <= max`` (open ends always pass)."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def _checks(self) -> Iterable[Problem]:
        if self.min is not None and self.max is not None and self.max < self.min:
            yield Problem("RANGE", "max", f"{self.max} is below min {self.min}")

    def __str__(self) -> str:
        lo = "" if self.min is None else str(self.min)
        hi = "" if self.max is None else str(self.max)
        return f"{lo}–{hi}"


def _sorted_fields(value: object) -> object:
    """attrs converter: (name, value) pairs sorted by name; anything else left to the checks."""
    items = to_tuple(value)
    if isinstance(items, tuple) and all(
        isinstance(i, tuple) and len(i) == 2 and isinstance(i[0], str) for i in items
    ):
        return tuple(sorted(items, key=lambda i: i[0]))
    return items


@attrs.frozen(kw_only=True)
class ParamTable(Model):
    """A small record inside a parameter (for example one item of a negative list).

    ``fields`` is kept as (name, value) pairs sorted by name, each name once, so that the table
    is hashable, its JSON form is stable and it reads back equal; read it with
    ``table["name"]`` or :meth:`get`.
    """

    fields: tuple[tuple[str, TableValue], ...] = attrs.field(converter=_sorted_fields)

    def _checks(self) -> Iterable[Problem]:
        seen: set[str] = set()
        for i, (name, _) in enumerate(self.fields):
            if name in seen:
                yield Problem("DUPLICATE", f"fields[{i}]", f"{name!r} twice")
            seen.add(name)

    @classmethod
    @checked
    def of(cls, mapping: Mapping[str, TableValue]) -> ParamTable:
        """Build from a mapping (keys sorted)."""
        return cls(fields=tuple(sorted(mapping.items())))

    @functools.cached_property
    def _map(self) -> dict[str, TableValue]:
        return dict(self.fields)

    def __getitem__(self, name: str) -> TableValue:
        try:
            return self._map[name]
        except TypeError:  # an unhashable name is no field's name
            raise KeyError(name) from None

    def get(self, name: str, default: TableValue = None) -> TableValue:
        """The value of ``name`` or ``default`` (any other name, of any type)."""
        try:
            return self._map.get(name, default)
        except TypeError:  # an unhashable name is no field's name
            return default

    def as_dict(self) -> dict[str, TableValue]:
        """A plain dict copy."""
        return dict(self.fields)


ParamValue = (
    int
    | Fraction
    | bool
    | str
    | _dt.date
    | IntRange
    | tuple[str, ...]
    | ParamTable
    | tuple[ParamTable, ...]
)


@attrs.frozen(kw_only=True)
class Parameter(Model):
    """One number, switch or list of a policy profile, with where it comes from.

    Attributes:
        name: ``"<domain>.<key>"``, e.g. ``"votes.quorum_ratio"``.
        type: one of :data:`PARAM_TYPES`.
        value: the typed value.
        hard: True for a hard rule (FAIL when broken); False for a soft one (一般, 原则上, 左右),
            which gives WARN.
        rule_id: the rule in the catalogue the parameter belongs to.
        citation: instrument, article, dates, and the URL or seed line it was read from.
        description: what the parameter means, in English.
        note: choices made where sources disagree, and anything a maintainer must know.
        choices: for ``str`` parameters, the allowed values.
        defined_in: the id of the profile that set this value (differs from the policy's own id
            for an inherited parameter).
    """

    name: str
    type: str
    value: ParamValue
    hard: bool = True
    rule_id: str
    citation: Citation
    description: str = ""
    note: str = ""
    choices: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    defined_in: str = ""

    @property
    def breach_severity(self) -> Severity:
        """The severity of breaking this rule: FAIL if it is hard, WARN if it is soft."""
        return Severity.FAIL if self.hard else Severity.WARN

    @checked
    def finding(
        self,
        code: str,
        message: Message,
        severity: Severity | None = None,
        *,
        observed: Scalar = None,
        limit: Scalar = None,
        subject: str = "",
        citation: Citation | None = None,
        extra: Mapping[str, object] | None = None,
    ) -> Finding:
        """A finding about this parameter's rule: its rule id, citation and name filled in.

        ``severity`` defaults to :attr:`breach_severity`; ``citation`` to the parameter's own;
        ``extra`` holds further values for the message's placeholders.
        """
        return self._finding(
            code,
            message,
            severity,
            observed=observed,
            limit=limit,
            subject=subject,
            citation=citation,
            extra=extra,
        )

    def _finding(
        self,
        code: str,
        message: Message,
        severity: Severity | None = None,
        *,
        observed: Scalar = None,
        limit: Scalar = None,
        subject: str = "",
        citation: Citation | None = None,
        extra: Mapping[str, object] | None = None,
    ) -> Finding:
        """:meth:`finding` without its entry checks (the library's own rules call it)."""
        return Finding._build(
            code=code,
            severity=severity if severity is not None else self.breach_severity,
            rule_id=self.rule_id,
            citation=citation if citation is not None else self.citation,
            message=message,
            observed=observed,
            limit=limit,
            subject=subject,
            parameter=self.name,
            **dict(extra or {}),
        )

    def _checks(self) -> Iterable[Problem]:
        if "." not in self.name:
            yield Problem("NAME", "name", f"{self.name!r} is not '<domain>.<key>'")
        if self.type not in PARAM_TYPES:
            yield Problem("CHOICE", "type", f"{self.type!r} is not one of {PARAM_TYPES}")
            return
        if not _value_matches(self.type, self.value):
            yield Problem(
                "TYPE", "value", f"{type(self.value).__name__} is not a {self.type} value"
            )
        if self.choices and self.type not in ("str", "strings"):
            yield Problem("CHOICE", "choices", "only str and strings parameters have choices")
        if self.choices and self.type == "str" and self.value not in self.choices:
            yield Problem("CHOICE", "value", f"{self.value!r} is not one of {self.choices}")
        if self.choices and self.type == "strings" and isinstance(self.value, tuple):
            for i, item in enumerate(self.value):
                if item not in self.choices:
                    yield Problem("CHOICE", f"value[{i}]", f"{item!r} is not one of {self.choices}")
        if not self.rule_id.strip():
            yield Problem("EMPTY", "rule_id", "every parameter needs a rule id")


def _date_argument(value: object) -> None:
    """Raise ArgumentError unless ``value`` is a date (a subclass other than datetime passes)."""
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise ArgumentError(
            f"on must be a date, got {type(value).__name__}", code="TYPE", path="on"
        )


def _value_matches(kind: str, value: object) -> bool:
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "fraction":
        return isinstance(value, Fraction)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "str":
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, _dt.date)
    if kind == "range":
        return isinstance(value, IntRange)
    if kind == "strings":
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, ParamTable)
    if kind == "tables":
        return isinstance(value, tuple) and all(isinstance(v, ParamTable) for v in value)
    return False


@attrs.frozen(kw_only=True)
class Policy(Model):
    """A versioned policy profile: every number the rules use, each with its citation.

    Get one with :func:`huanjie_rules.policy.load_policy`. Read parameters with the typed
    getters (:meth:`get_int`, :meth:`get_fraction`, …): a missing parameter or one of another type
    raises :class:`~huanjie_rules.errors.ParameterError` naming the profile and the parameter.

    Attributes:
        id: the profile id (``"party-basic-2020"``).
        regime: which body of rules it belongs to.
        title_zh: a Chinese title.
        title_en: an English title.
        valid_from: the first day the profile applies.
        valid_to: the last day it applies (inclusive), or None while it is current.
        lineage: this profile's id followed by the ids it extends, nearest first.
        local: True for a local profile (a province, county or township document).
        description: what the profile covers.
        parameters: every parameter, own and inherited, sorted by name.
    """

    id: str
    regime: Regime
    title_zh: str
    title_en: str
    valid_from: _dt.date
    valid_to: _dt.date | None = None
    lineage: tuple[str, ...] = attrs.field(converter=to_tuple)
    local: bool = False
    description: str = ""
    parameters: tuple[Parameter, ...] = attrs.field(converter=to_tuple)
    _index: Mapping[str, Parameter] = attrs.field(
        init=False, eq=False, repr=False, hash=False, default=MappingProxyType({})
    )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        object.__setattr__(self, "_index", MappingProxyType({p.name: p for p in self.parameters}))

    def _checks(self) -> Iterable[Problem]:
        names = [p.name for p in self.parameters]
        if names != sorted(set(names)):
            yield Problem("ORDER", "parameters", "must be sorted by name without duplicates")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            yield Problem("DATE_ORDER", "valid_to", "is before valid_from")
        if not self.lineage or self.lineage[0] != self.id:
            yield Problem("LINEAGE", "lineage", "must start with the profile's own id")

    # -- validity -------------------------------------------------------------------------------

    def in_force(self, on: _dt.date) -> bool:
        """True if ``valid_from <= on <= valid_to`` (an open end always passes)."""
        if type(on) is not _dt.date:
            _date_argument(on)
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def require_in_force(self, on: _dt.date) -> None:
        """Raise :class:`PolicyNotInForceError` if the profile does not apply on ``on``."""
        if type(on) is not _dt.date:
            _date_argument(on)
        if not self.in_force(on):
            until = self.valid_to.isoformat() if self.valid_to else "now"
            raise PolicyNotInForceError(
                f"profile {self.id!r} applies from {self.valid_from.isoformat()} to {until}, "
                f"not on {on.isoformat()}",
                path="date",
            )

    @functools.cached_property
    def _memo(self) -> dict[Any, Any]:
        """Values the rules derive from the parameters, kept once computed (the profile is
        immutable, so they never go stale): role rows of an office, negative-list items of a
        day. Internal to the library."""
        return {}

    # -- lookup ---------------------------------------------------------------------------------

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self.parameters)

    def names(self) -> tuple[str, ...]:
        """All parameter names, sorted."""
        return tuple(self._index)

    def param(self, name: str) -> Parameter:
        """The parameter called ``name``; raises :class:`ParameterError` if there is none.

        The lookups of a profile are the rules' most frequent calls, so they check their
        argument by hand (a failed lookup costs the check; a good one costs nothing).
        """
        try:
            return self._index[name]
        except (KeyError, TypeError):
            if not isinstance(name, str):
                raise ArgumentError(
                    f"name must be a string, got {type(name).__name__}", code="TYPE", path="name"
                ) from None
            raise ParameterError(
                f"profile {self.id!r} has no parameter {name!r}", path=name
            ) from None

    def _typed(self, name: str, kind: str) -> Parameter:
        p = self.param(name)
        if p.type != kind:
            raise ParameterError(
                f"parameter {name!r} of profile {self.id!r} is a {p.type}, not a {kind}",
                path=name,
            )
        return p

    def get_int(self, name: str) -> int:
        """An ``int`` parameter's value."""
        v = self._typed(name, "int").value
        assert isinstance(v, int)
        return v

    def get_fraction(self, name: str) -> Fraction:
        """A ``fraction`` parameter's value (exact)."""
        v = self._typed(name, "fraction").value
        assert isinstance(v, Fraction)
        return v

    def get_bool(self, name: str) -> bool:
        """A ``bool`` parameter's value."""
        v = self._typed(name, "bool").value
        assert isinstance(v, bool)
        return v

    def get_str(self, name: str) -> str:
        """A ``str`` parameter's value (one of its ``choices`` when it has them)."""
        v = self._typed(name, "str").value
        assert isinstance(v, str)
        return v

    def get_date(self, name: str) -> _dt.date:
        """A ``date`` parameter's value."""
        v = self._typed(name, "date").value
        assert isinstance(v, _dt.date)
        return v

    def get_range(self, name: str) -> IntRange:
        """A ``range`` parameter's value."""
        v = self._typed(name, "range").value
        assert isinstance(v, IntRange)
        return v

    def get_strings(self, name: str) -> tuple[str, ...]:
        """A ``strings`` parameter's value."""
        key = ("strings", name)
        # Only a str is looked up in the memo (any other name is refused by _typed, typed).
        found: tuple[str, ...] | None = self._memo.get(key) if type(name) is str else None
        if found is None:
            v = self._typed(name, "strings").value
            assert isinstance(v, tuple)
            found = self._memo[key] = tuple(str(x) for x in v)
        return found

    def get_table(self, name: str) -> ParamTable:
        """A ``table`` parameter's value."""
        v = self._typed(name, "table").value
        assert isinstance(v, ParamTable)
        return v

    def get_tables(self, name: str) -> tuple[ParamTable, ...]:
        """A ``tables`` parameter's value."""
        v = self._typed(name, "tables").value
        assert isinstance(v, tuple)
        return tuple(t for t in v if isinstance(t, ParamTable))

    def citation(self, name: str) -> Citation:
        """The citation of parameter ``name``."""
        return self.param(name).citation

    def own_parameters(self) -> tuple[Parameter, ...]:
        """The parameters this profile sets itself (not inherited)."""
        return tuple(p for p in self.parameters if p.defined_in == self.id)
