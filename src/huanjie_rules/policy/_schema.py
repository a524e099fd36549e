"""Row schemas of table parameters (``tables.toml``): every row checked when a profile loads.

Example:
    >>> from huanjie_rules.policy._types import ParamTable
    >>> row = ParamTable.of({"id": "NEW_SECRETARY", "offices": ("SECRETERY",), "max_agee": 45})
    >>> for p in check_rows("eligibility.role_limits", (row,), "p/eligibility.toml:role_limits.value"):
    ...     print(p)
    p/eligibility.toml:role_limits.value[0].max_agee: is not a field of eligibility.role_limits rows (fields: article, barred_from_age, degree_min, …) [UNKNOWN_KEY]
    p/eligibility.toml:role_limits.value[0].offices[0]: 'SECRETERY' is not a Office code [UNKNOWN_CODE]
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import importlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from ..errors import Problem
from ..limits import _read_fraction
from ._types import ParamTable

__all__ = ["FieldSpec", "TableSchema", "check_rows", "schema_for", "schemas"]

_TYPES = ("int", "str", "bool", "date", "fraction", "code", "codes", "strings")
_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")


@attrs.frozen
class FieldSpec:
    """What one field of a row may hold."""

    type: str
    allowed: frozenset[str] | None = None  # for code/codes: None means any UPPER_SNAKE code
    allowed_from: str = ""  # the enum or list the codes come from, for messages
    min: int | Any = None
    max: int | None = None


@attrs.frozen
class TableSchema:
    """The fields of a table parameter's rows."""

    name: str
    fields: Mapping[str, FieldSpec]
    required: tuple[str, ...] = ()
    when: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


def _spec(name: str, field: str, raw: Mapping[str, Any]) -> FieldSpec:
    kind = raw.get("type")
    if kind not in _TYPES:
        raise TypeError(f"tables.toml: {name}.{field}: type {kind!r} is not one of {_TYPES}")
    allowed: set[str] | None = None
    source = []
    if "enum" in raw:
        # The model module by name: a static "from .. import model" would make this module,
        # and so the policy package, import the package's init (an import cycle).
        # "Office" names a model enum, "proxies.ProxyReason" one of another module.
        module, _, enum_name = str(raw["enum"]).rpartition(".")
        cls = getattr(importlib.import_module(f"huanjie_rules.{module or 'model'}"), enum_name)
        if not (isinstance(cls, type) and issubclass(cls, enum.Enum)):
            raise TypeError(f"tables.toml: {name}.{field}: {raw['enum']!r} is not an enum")
        allowed = {str(m.value) for m in cls}
        source.append(raw["enum"])
    if "choices" in raw:
        allowed = (allowed or set()) | set(raw["choices"])
        source.append("/".join(raw["choices"]))
    low = raw.get("min")
    if kind == "fraction" and low is not None:
        low = _read_fraction(str(low))
    return FieldSpec(
        type=kind,
        allowed=frozenset(allowed) if allowed is not None else None,
        allowed_from=" or ".join(source),
        min=low,
        max=raw.get("max"),
    )


@functools.cache
def schemas() -> Mapping[str, TableSchema]:
    """Every schema of ``tables.toml``, by parameter name (or ``prefix*``)."""
    text = resources.files("huanjie_rules.policy").joinpath("tables.toml").read_text("utf-8")
    out: dict[str, TableSchema] = {}
    for name, raw in tomllib.loads(text)["schemas"].items():
        fields = {f: _spec(name, f, spec) for f, spec in raw.get("fields", {}).items()}
        required = tuple(raw.get("required", ()))
        when = tuple(
            (str(w["field"]), str(w["equals"]), tuple(w["require"])) for w in raw.get("when", ())
        )
        for f in (*required, *(f for w in when for f in (w[0], *w[2]))):
            if f not in fields:
                raise TypeError(f"tables.toml: {name}: {f!r} is required but not a field")
        out[name] = TableSchema(name=name, fields=fields, required=required, when=when)
    return out


def schema_for(name: str) -> TableSchema | None:
    """The schema of parameter ``name``: its own, else the longest ``prefix*`` that matches."""
    table = schemas()
    if name in table:
        return table[name]
    best: TableSchema | None = None
    for key, schema in table.items():
        longer = best is None or len(key) > len(best.name)
        if key.endswith("*") and name.startswith(key[:-1]) and longer:
            best = schema
    return best


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _code_problems(value: object, spec: FieldSpec, path: str) -> Iterable[Problem]:
    if not isinstance(value, str):
        yield Problem("TYPE", path, f"expected a code (a string), got {_shown(value)}")
    elif spec.allowed is not None:
        if value not in spec.allowed:
            yield Problem(
                "UNKNOWN_CODE", path, f"{_shown(value)} is not a {spec.allowed_from} code"
            )
    elif not _CODE.fullmatch(value):
        yield Problem("UNKNOWN_CODE", path, f"{_shown(value)} is not an UPPER_SNAKE_CASE code")


def _field_problems(value: object, spec: FieldSpec, path: str) -> Iterable[Problem]:
    kind = spec.type
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            yield Problem("TYPE", path, f"expected an integer, got {_shown(value)}")
        elif (spec.min is not None and value < spec.min) or (
            spec.max is not None and value > spec.max
        ):
            lo = "" if spec.min is None else spec.min
            hi = "" if spec.max is None else spec.max
            yield Problem("RANGE", path, f"{value} is outside {lo}…{hi}")
    elif kind == "str":
        if not isinstance(value, str):
            yield Problem("TYPE", path, f"expected a string, got {_shown(value)}")
    elif kind == "bool":
        if not isinstance(value, bool):
            yield Problem("TYPE", path, f"expected true or false, got {_shown(value)}")
    elif kind == "date":
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            yield Problem("TYPE", path, f"expected a TOML date, got {_shown(value)}")
    elif kind == "fraction":
        if not isinstance(value, str):
            yield Problem("TYPE", path, f"expected a fraction like '1/5', got {_shown(value)}")
            return
        try:
            ratio = _read_fraction(value)
        except ValueError as exc:
            yield Problem("TYPE", path, str(exc))
            return
        if spec.min is not None and ratio < spec.min:
            yield Problem("RANGE", path, f"{value} is below {spec.min}")
    elif kind == "code":
        yield from _code_problems(value, spec, path)
    elif kind in ("codes", "strings"):
        if not isinstance(value, tuple):
            yield Problem("TYPE", path, f"expected a list, got {_shown(value)}")
            return
        for i, item in enumerate(value):
            if kind == "codes":
                yield from _code_problems(item, spec, f"{path}[{i}]")
            elif not isinstance(item, str):
                yield Problem("TYPE", f"{path}[{i}]", f"expected a string, got {_shown(item)}")


def check_rows(
    name: str, rows: Sequence[ParamTable], path: str, *, single: bool = False
) -> list[Problem]:
    """Every problem of ``rows`` (the value of table parameter ``name``) against its schema.

    ``path`` is where the value sits (``"<profile>/<file>:<key>.value"``); a ``table``
    parameter's one row is passed with ``single=True`` and reported without an index.
    """
    schema = schema_for(name)
    if schema is None:
        return [
            Problem(
                "NO_SCHEMA",
                path,
                f"{name!r} is a table parameter without a row schema in policy/tables.toml",
            )
        ]
    problems: list[Problem] = []
    known = ", ".join(sorted(schema.fields)[:3]) + (", …" if len(schema.fields) > 3 else "")
    for i, row in enumerate(rows):
        where = path if single else f"{path}[{i}]"
        values = row.as_dict()
        for field in sorted(values):
            spec = schema.fields.get(field)
            if spec is None:
                problems.append(
                    Problem(
                        "UNKNOWN_KEY",
                        f"{where}.{field}",
                        f"is not a field of {schema.name} rows (fields: {known})",
                    )
                )
                continue
            problems.extend(_field_problems(values[field], spec, f"{where}.{field}"))
        needed = list(schema.required)
        for field, equals, require in schema.when:
            if values.get(field) == equals:
                needed.extend(require)
        for field in dict.fromkeys(needed):
            if field not in values:
                problems.append(Problem("MISSING", f"{where}.{field}", "every row needs it"))
    return problems
