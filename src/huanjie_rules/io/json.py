"""JSON in and out for every public type, through one cattrs converter.

Every top-level record carries ``"schema_version"``; Chinese text is written as UTF-8 (never
``\\uXXXX`` escapes). Exact values keep their exactness: a :class:`~fractions.Fraction` is written
as the string ``"4/5"`` where the field is a fraction, and as ``{"fraction": "4/5"}`` inside the
mixed ``observed``/``limit`` values of a finding (dates there are ``{"date": "2026-01-01"}``).

公民身份号码 are masked in output unless ``reveal_ids=True``; a masked number cannot be read back
(it raises with code ``ID_MASKED``), so use ``reveal_ids=True`` for lossless interchange between
systems that are entitled to the numbers.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import Gender, Person
    >>> p = Person(name="王芳", gender=Gender.FEMALE, birth_date=dt.date(1990, 2, 28))
    >>> text = to_json(p)
    >>> text[:50]
    '{"schema_version": 1, "name": "王芳", "key": "王芳", "'
    >>> from_json(text, Person) == p
    True
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import typing
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, TypeVar, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from .._base import Model
from ..errors import InvalidDataError, Problem, SchemaVersionError
from ..findings import Citation, Scalar
from ..idcard import IdNumber, mask
from ..policy._types import IntRange, Parameter, ParamTable, ParamValue

__all__ = [
    "SCHEMA_VERSION",
    "from_dict",
    "from_json",
    "make_converter",
    "to_dict",
    "to_json",
]

#: The version of the JSON layout written by this release.
SCHEMA_VERSION = 1
_READABLE_VERSIONS = frozenset({1})

T = TypeVar("T")


def _unstructure_scalar(value: Any) -> Any:
    if isinstance(value, Fraction):
        return {"fraction": str(value)}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return [_unstructure_scalar(v) for v in value]
    return value


def _structure_scalar(value: Any, _: Any) -> Any:
    if isinstance(value, Mapping):
        if set(value) == {"fraction"}:
            return _structure_fraction(value["fraction"], None)
        if set(value) == {"date"}:
            return _structure_date(value["date"], None)
        raise ValueError(f"not a scalar value: {dict(value)!r}")
    if isinstance(value, list):
        return tuple(_structure_scalar(v, None) for v in value)
    if value is None or isinstance(value, bool | int | str):
        return value
    raise ValueError(f"not a scalar value: {value!r}")


def _structure_fraction(value: Any, _: Any) -> Fraction:
    # An int or a string such as "4/5"; never a float (a JSON 0.8 is not exact).
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"expected a fraction like '4/5', got {value!r}")
    try:
        return Fraction(value)
    except ZeroDivisionError:
        raise ValueError(f"expected a fraction like '4/5', got {value!r}") from None


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: Any, _: Any) -> _dt.date:
    # Only the YYYY-MM-DD form this library writes (fromisoformat also takes 20210301, 2021-W09).
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected an ISO date string YYYY-MM-DD, got {value!r}")
    return _dt.date.fromisoformat(value)


def _structure_int(value: Any, _: Any) -> int:
    # cattrs would call int(): 2.9 -> 2, "3" -> 3, true -> 1. A count is a JSON integer.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def _structure_str(value: Any, _: Any) -> str:
    # cattrs would call str(): 5 -> "5", null -> "None".
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    # cattrs would call bool(): "false" -> True.
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _only_keys(data: Any, allowed: frozenset[str], what: str) -> Mapping[str, Any]:
    """``data`` as a mapping with no other keys than ``allowed`` (forbid_extra_keys by hand)."""
    if not isinstance(data, Mapping):
        raise ValueError(f"expected an object for {what}, got {type(data).__name__}")
    extra = set(data) - allowed
    if extra:
        raise InvalidDataError(
            [Problem("UNKNOWN_KEY", "", f"unknown keys {sorted(map(str, extra))}")]
        )
    return data


def _structure_range(data: Any, _: Any) -> IntRange:
    d = _only_keys(data, frozenset({"min", "max"}), "a range")
    return IntRange(min=d.get("min"), max=d.get("max"))


def _structure_table(data: Any, _: Any) -> ParamTable:
    if not isinstance(data, Mapping):
        raise ValueError(f"expected an object for a table, got {type(data).__name__}")
    problems: list[Problem] = []
    fields: dict[str, Any] = {}
    for k, v in data.items():
        try:
            fields[str(k)] = _structure_scalar(v, None)
        except ValueError as exc:
            problems.append(Problem("TYPE", str(k), str(exc)))
    if problems:
        raise InvalidDataError(problems)
    return ParamTable.of(fields)


def _structure_id(value: Any, _: Any) -> IdNumber:
    if not isinstance(value, str):
        raise ValueError(f"expected an ID number string, got {type(value).__name__}")
    if "*" in value:
        raise InvalidDataError(
            [
                Problem(
                    "ID_MASKED",
                    "",
                    "a masked ID number cannot be read back; export with "
                    "reveal_ids=True for lossless interchange",
                )
            ]
        )
    return IdNumber(value)


def _is_scalar_union(tp: Any) -> bool:
    return bool(tp == Scalar)


def _is_frozenset(tp: Any) -> bool:
    return tp is frozenset or get_origin(tp) is frozenset


def make_converter(*, reveal_ids: bool = False) -> cattrs.Converter:
    """A cattrs converter for every model, finding, result and policy type.

    Args:
        reveal_ids: write 公民身份号码 in full instead of masked.
    """
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_unstructure_hook(_dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(_dt.date, _structure_date)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook_func(
        _is_frozenset,
        lambda s: sorted(conv.unstructure(x) for x in s),
    )
    conv.register_unstructure_hook(
        IdNumber, (lambda n: n.reveal()) if reveal_ids else (lambda n: mask(n.reveal()))
    )
    conv.register_structure_hook(IdNumber, _structure_id)
    conv.register_unstructure_hook_func(_is_scalar_union, _unstructure_scalar)
    conv.register_structure_hook_func(_is_scalar_union, _structure_scalar)
    conv.register_unstructure_hook(IntRange, lambda r: {"min": r.min, "max": r.max})
    conv.register_structure_hook(IntRange, _structure_range)
    conv.register_unstructure_hook(
        ParamTable, lambda t: {k: _unstructure_scalar(v) for k, v in t.fields}
    )
    conv.register_structure_hook(ParamTable, _structure_table)
    base_param_unstructure = conv.get_unstructure_hook(Parameter)

    def unstructure_param(p: Parameter) -> dict[str, Any]:
        out: dict[str, Any] = base_param_unstructure(p)
        out["value"] = _unstructure_param_value(conv, p.value)
        return out

    fields = {f.name: f for f in attrs.fields(Parameter)}
    simple = {"name": str, "type": str, "hard": bool, "rule_id": str, "description": str}
    simple |= {"note": str, "defined_in": str}

    def structure_param(d: Any, _: Any) -> Parameter:
        data = dict(_only_keys(d, frozenset(fields), "a parameter"))
        problems = [
            Problem("MISSING", name, "is required")
            for name, f in fields.items()
            if f.default is attrs.NOTHING and name not in data
        ]
        kwargs: dict[str, Any] = {k: v for k, v in data.items() if k in simple}
        if "citation" in data:
            try:
                kwargs["citation"] = conv.structure(data["citation"], Citation)
            except Exception as exc:
                problems += _problems(exc, "citation")
        if "choices" in data:
            choices = data["choices"]
            if isinstance(choices, list) and all(isinstance(c, str) for c in choices):
                kwargs["choices"] = tuple(choices)
            else:
                problems.append(Problem("TYPE", "choices", "expected a list of strings"))
        if "value" in data and isinstance(data.get("type"), str):
            try:
                kwargs["value"] = _structure_param_value(conv, data["type"], data["value"])
            except Exception as exc:
                problems += _problems(exc, "value")
        if problems:
            raise InvalidDataError(problems)
        return Parameter(**kwargs)

    conv.register_unstructure_hook(Parameter, unstructure_param)
    conv.register_structure_hook(Parameter, structure_param)
    return conv


def _unstructure_param_value(conv: cattrs.Converter, value: ParamValue) -> Any:
    if isinstance(value, tuple):
        return [conv.unstructure(v) for v in value]
    if isinstance(value, IntRange | ParamTable):
        return conv.unstructure(value)
    return _unstructure_scalar(value) if not isinstance(value, str | bool | int) else value


def _structure_param_value(conv: cattrs.Converter, kind: str, raw: Any) -> ParamValue:
    """A parameter's value as its ``type`` says, without coercion (no float, no str() of ints)."""
    if kind == "fraction":
        if isinstance(raw, Mapping):
            ratio = _structure_scalar(raw, None)
            if not isinstance(ratio, Fraction):
                raise ValueError(f"expected a fraction, got {dict(raw)!r}")
            return ratio
        return _structure_fraction(raw, None)
    if kind == "date":
        if isinstance(raw, Mapping):
            day = _structure_scalar(raw, None)
            if not isinstance(day, _dt.date):
                raise ValueError(f"expected a date, got {dict(raw)!r}")
            return day
        return _structure_date(raw, None)
    if kind == "range":
        return _structure_range(raw, None)
    if kind == "strings":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise ValueError(f"expected a list of strings, got {raw!r}")
        return tuple(raw)
    if kind == "table":
        return _structure_table(raw, None)
    if kind == "tables":
        if not isinstance(raw, list):
            raise ValueError(f"expected a list of tables, got {raw!r}")
        tables: list[ParamTable] = []
        problems: list[Problem] = []
        for i, item in enumerate(raw):
            try:
                tables.append(_structure_table(item, None))
            except Exception as exc:
                problems += _problems(exc, f"[{i}]")
        if problems:
            raise InvalidDataError(problems)
        return tuple(tables)
    plain: ParamValue = raw  # int, bool, str: Parameter checks the type against ``kind``
    return plain


@functools.cache
def _converter(reveal_ids: bool) -> cattrs.Converter:
    return make_converter(reveal_ids=reveal_ids)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _problems(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, InvalidDataError):
        return [p.with_prefix(path) for p in exc.problems]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path = _join(path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = f"{path}[{note.index}]"
            found.extend(_problems(sub, sub_path))
        return found
    if isinstance(exc, KeyError):
        return [Problem("MISSING", path, "is required")]
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return [Problem("UNKNOWN_KEY", path, f"unknown keys {sorted(exc.extra_fields)}")]
    if isinstance(exc, ValueError | TypeError):
        return [Problem("TYPE", path, str(exc))]
    if isinstance(exc, BaseExceptionGroup):
        return [p for sub in exc.exceptions for p in _problems(sub, path)]
    return [Problem("INVALID", path, f"{type(exc).__name__}: {exc}")]


def to_dict(obj: object, *, reveal_ids: bool = False) -> dict[str, Any]:
    """Unstructure ``obj`` into plain JSON-ready data, with ``schema_version`` first."""
    data = _converter(reveal_ids).unstructure(obj)
    if not isinstance(data, dict):
        raise TypeError(f"{type(obj).__name__} is not a record type")
    return {"schema_version": SCHEMA_VERSION, **data}


def from_dict(data: Mapping[str, Any], cls: type[T]) -> T:
    """Structure ``data`` into ``cls``; every problem is reported with its path.

    A missing ``schema_version`` is read as the current one; an unknown one raises
    :class:`~huanjie_rules.errors.SchemaVersionError`.
    """
    if not isinstance(data, Mapping):
        raise InvalidDataError(
            [Problem("TYPE", "", f"expected an object, got {type(data).__name__}")]
        )
    body = dict(data)
    version = body.pop("schema_version", SCHEMA_VERSION)
    if version not in _READABLE_VERSIONS:
        raise SchemaVersionError(
            f"schema_version {version!r} is not readable by this release "
            f"(reads {sorted(_READABLE_VERSIONS)})",
            path="schema_version",
        )
    try:
        return _converter(False).structure(body, cls)
    except InvalidDataError:
        raise
    except Exception as exc:  # cattrs groups; transformed into our error with paths
        problems = _problems(exc, "")
        problems += _checks_of_the_rest(cls, body, problems)
        raise InvalidDataError(problems, context=cls.__name__) from None


def _top(path: str) -> str:
    return path.split(".")[0].split("[")[0]


def _checks_of_the_rest(cls: type, body: Mapping[str, Any], found: list[Problem]) -> list[Problem]:
    """The class's own checks on the fields that did structure, when others did not.

    When a nested record fails, the outer record is never built, so its own rules (a negative
    count beside a bad seat) would go unreported. Build a shell holding the fields that structure
    on their own and run the class's checks on it; problems on fields already reported, and checks
    that need a missing field, are left out.
    """
    if not attrs.has(cls) or not issubclass(cls, Model):
        return []
    bad = {_top(p.path) for p in found}
    shell = object.__new__(cls)
    conv = _converter(False)
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if field.name in bad or field.name not in body:
            # An empty collection stands in for a bad one so that checks can go past it.
            origin = get_origin(hints[field.name])
            if origin in (tuple, frozenset):
                object.__setattr__(shell, field.name, origin())
            continue
        try:
            value = conv.structure(body[field.name], hints[field.name])
        except Exception:  # reported already, or reported by the structuring above
            continue
        object.__setattr__(shell, field.name, value)
    extra: list[Problem] = []
    try:
        for problem in shell._checks():
            extra.append(problem)
    except (AttributeError, TypeError, ValueError):
        pass  # a check needed a field that did not structure
    return [p for p in extra if _top(p.path) not in bad]


def to_json(obj: object, *, reveal_ids: bool = False, indent: int | None = None) -> str:
    """Serialize ``obj`` as UTF-8 JSON text (Chinese kept as is), deterministically."""
    return json.dumps(to_dict(obj, reveal_ids=reveal_ids), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Parse JSON text into ``cls`` (see :func:`from_dict`)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidDataError([Problem("JSON", "", str(exc))]) from None
    return from_dict(data, cls)
