"""JSON in and out for every public type, through one cattrs converter.

Every top-level record carries ``"schema_version"``; Chinese text is written as UTF-8 (never
``\\uXXXX`` escapes). Exact values keep their exactness: a :class:`~fractions.Fraction` is written
as the string ``"4/5"`` where the field is a fraction, and as ``{"fraction": "4/5"}`` inside the
mixed ``observed``/``limit`` values of a finding (dates there are ``{"date": "2026-01-01"}``).

公民身份号码 are masked in output unless ``reveal_ids=True``; a masked number cannot be read back
(it raises with code ``ID_MASKED``), so use ``reveal_ids=True`` for lossless interchange between
systems that are entitled to the numbers.

Reading is strict, as a web form's validator needs it: a JSON value of the wrong kind is refused
rather than coerced (``null`` or ``5`` for a text field, ``"false"`` or ``1`` for a switch, ``2.9``
or ``"3"`` for a count, a string where a list belongs), each problem with a stable code and its
path. Enums are read by their codes (``"FEMALE"``); ``labels=True`` also accepts the Chinese
labels and aliases (``"女"``, ``"大专"``) with the rules of ``LabeledEnum.parse``: an ambiguous
spelling (``"大学"``) fails with ``AMBIGUOUS_LABEL``, an unknown one with ``UNKNOWN_LABEL``.
Writing always uses the codes.

Why one module: the converter, its hooks and the size-limited parser share one set of private
helpers and one contract (the structure of every record's JSON); split, each part would need
the others' internals, and neighbours that read the converter look for it here.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import Education, Gender, Person
    >>> p = Person(name="王芳", gender=Gender.FEMALE, birth_date=dt.date(1990, 2, 28))
    >>> text = to_json(p)
    >>> text[:50]
    '{"schema_version": 1, "name": "王芳", "key": "王芳", "'
    >>> from_json(text, Person) == p
    True

    A web form that posts labels is read with ``labels=True``; ambiguous spellings still fail:

    >>> form = '{"name": "王芳", "gender": "女", "birth_date": "1990-02-28"}'
    >>> from_json(form, Person, labels=True) == p
    True
    >>> from_json(form, Person)
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.InvalidDataError: Person: 1 problem: gender: '女' is not one of the Gender codes (FEMALE, MALE); it is the label of FEMALE: send the code, or read with labels=True [UNKNOWN_LABEL] [INVALID_DATA]
    >>> from_json('{"full_time": "大学"}', Education, labels=True)
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.InvalidDataError: Education: 1 problem: full_time: '大学' is ambiguous for EducationLevel: could be EducationLevel.UNDERGRADUATE, EducationLevel.JUNIOR_COLLEGE (大学 may mean 大学本科 or 大学专科) [AMBIGUOUS_LABEL] [INVALID_DATA]
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import json
import re
import typing
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from .._args import checked
from .._base import Ambiguous, LabeledEnum, Model, Unrecognized
from .._privacy import redact_data
from ..errors import ArgumentError, InvalidDataError, Problem, SchemaVersionError
from ..findings import Citation, Scalar
from ..idcard import IdNumber
from ..limits import DEFAULT_LIMITS, Limits, _read_fraction
from ..policy._types import IntRange, Parameter, ParamTable, ParamValue

__all__ = [
    "DATE_PATTERN",
    "FRACTION_PATTERN",
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

#: The only text form of a fraction that is read: an optional minus, digits, and an optional
#: ``/denominator`` (``"4/5"``, ``"-3"``); what ``str(Fraction)`` writes. No decimals or
#: exponents (``"0.8"``, ``"1e9"``): they are not how exact values travel.
FRACTION_PATTERN = r"^-?[0-9]+(/[0-9]+)?$"
#: The only text form of a date that is read: ``YYYY-MM-DD``.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_FRACTION_TEXT = re.compile(FRACTION_PATTERN)


def _unstructure_scalar(value: Any) -> Any:
    if isinstance(value, Fraction):
        return {"fraction": str(value)}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return [_unstructure_scalar(v) for v in value]
    return value


_DIGITS = DEFAULT_LIMITS.max_digits


def _structure_scalar(value: Any, _: Any, digits: int = _DIGITS) -> Any:
    if isinstance(value, Mapping):
        if set(value) == {"fraction"}:
            return _structure_fraction(value["fraction"], None, digits)
        if set(value) == {"date"}:
            return _structure_date(value["date"], None)
        raise ValueError(f"not a scalar value: {_shown(dict(value))}")
    if isinstance(value, list):
        return tuple(_structure_scalar(v, None, digits) for v in value)
    if value is None or isinstance(value, bool | int | str):
        return value
    raise ValueError(f"not a scalar value: {_json_kind(value)}")


def _structure_fraction(value: Any, _: Any, digits: int = _DIGITS) -> Fraction:
    # An int or a string such as "4/5"; never a float (a JSON 0.8 is not exact), never an
    # exponent ("1e999999999" would be a number of a billion digits).
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"expected a fraction like '4/5', got {_json_kind(value)}")
    if isinstance(value, str) and not _FRACTION_TEXT.fullmatch(value):
        raise ValueError(f"expected a fraction like '4/5', got {_shown(value)}")
    if isinstance(value, int):
        return Fraction(value)
    return _read_fraction(value, max_digits=digits)


_ISO_DATE = re.compile(DATE_PATTERN)
_DATES: dict[str, _dt.date] = {}  # dates read, by their text (bounded)


def _shown(value: object) -> str:
    """``repr(value)`` cut to a readable length (messages never echo a whole long input)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "an integer of more than 40 digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _json_kind(value: Any) -> str:
    """How a JSON value shows itself to a sender: null, boolean, number, string, array, object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {_shown(value)}"
    if isinstance(value, str):
        return f"string {_shown(value)}"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _structure_date(value: Any, _: Any) -> _dt.date:
    found = _DATES.get(value) if type(value) is str else None
    if found is not None:  # read before (dates are immutable, and a roster repeats them)
        return found
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string like '2021-05-10', got {_json_kind(value)}")
    # Only the YYYY-MM-DD form this library writes (fromisoformat also takes 20210301, 2021-W09).
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected an ISO date string like '2021-05-10', got {_shown(value)}")
    try:
        day = _dt.date.fromisoformat(value)
    except ValueError as exc:
        why = "" if str(exc).startswith("Invalid isoformat") else f" ({exc})"
        raise ValueError(
            f"expected an ISO date string like '2021-05-10', got {_shown(value)}{why}"
        ) from None
    if len(_DATES) >= 65_536:
        _DATES.clear()
    _DATES[value] = day
    return day


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_json_kind(value)}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_json_kind(value)}")
    return value


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {_json_kind(value)}")
    return value


def _label_problem(code: str, message: str) -> InvalidDataError:
    return InvalidDataError([Problem(code, "", message)])


def _enum_hook(cls: type[enum.Enum], labels: bool) -> Any:
    codes = ", ".join(sorted(str(m.value) for m in cls))
    members = {m.value: m for m in cls if isinstance(m.value, str)}

    def structure(value: Any, _: Any) -> enum.Enum:
        found = members.get(value) if type(value) is str else None
        if found is not None:  # a code: the member at once (cls(value) goes through Python)
            return found
        if not isinstance(value, str):
            raise ValueError(f"expected a {cls.__name__} code ({codes}), got {_json_kind(value)}")
        try:
            return cls(value)
        except ValueError:
            pass
        if not issubclass(cls, LabeledEnum):
            raise _label_problem(
                "UNKNOWN_LABEL", f"{_shown(value)} is not one of the {cls.__name__} codes ({codes})"
            )
        read = cls.parse(value)
        if isinstance(read, Ambiguous):
            raise _label_problem(
                "AMBIGUOUS_LABEL",
                f"{_shown(value)} is ambiguous for {cls.__name__}: could be "
                f"{', '.join(read.options)} ({read.reason})",
            )
        if isinstance(read, Unrecognized):
            raise _label_problem(
                "UNKNOWN_LABEL", f"{_shown(value)} is not one of the {cls.__name__} codes ({codes})"
            )
        if labels:
            return read
        raise _label_problem(
            "UNKNOWN_LABEL",
            f"{_shown(value)} is not one of the {cls.__name__} codes ({codes}); it is the label of "
            f"{read.value}: send the code, or read with labels=True",
        )

    return structure


def _version_problem(version: object) -> SchemaVersionError | None:
    """The error for a ``schema_version`` this release cannot read, or None."""
    if isinstance(version, int) and not isinstance(version, bool) and version in _READABLE_VERSIONS:
        return None
    return SchemaVersionError(
        f"schema_version {_json_kind(version)} is not readable by this release "
        f"(reads {sorted(_READABLE_VERSIONS)})",
        path="schema_version",
    )


def _nested_document(conv: cattrs.Converter, cl: type) -> Any:
    """The structure hook of a record, taking a document the library wrote in its place.

    A record nested in another (a ``Round``'s ``election`` or ``previous`` outcome, say) may be
    a whole document as :func:`to_json` wrote it: its ``schema_version`` is checked and set
    aside, as at the top level.
    """
    inner: Any = conv.gen_structure_attrs_fromdict(cl)
    # Records are immutable, so one object can stand for every equal one: an object of plain
    # values (a 四个凡提 check, a record fact, an education) met again — as in every line of a
    # roster — is built once. The key holds each value's type (1, 1.0 and true are equal in
    # Python but not here); objects holding arrays or objects are built each time.
    built: dict[tuple[Any, ...], Any] = {}
    shareable = not _holds_records(cl)

    def structure(data: Any, tp: Any) -> Any:
        if (type(data) is dict or isinstance(data, Mapping)) and "schema_version" in data:
            problem = _version_problem(data["schema_version"])
            if problem is not None:
                raise InvalidDataError(
                    [Problem("SCHEMA_VERSION", "schema_version", problem.message)]
                )
            data = {k: v for k, v in data.items() if k != "schema_version"}
        if shareable and type(data) is dict:
            values = data.values()
            kinds = set(map(type, values))
            if kinds <= _PLAIN:
                key: tuple[Any, ...] = tuple(zip(data, map(type, values), values, strict=True))
            elif kinds == {list} and not any(values):  # empty arrays only
                key = (_EMPTY_ARRAYS, *data)
            else:  # an array or an object inside: built each time
                return inner(data, tp)
            found = built.get(key)
            if found is None:
                found = inner(data, tp)
                if len(built) >= _BUILT_MAX:
                    built.clear()
                built[key] = found
            return found
        return inner(data, tp)

    return structure


def _holds_records(cl: type) -> bool:
    """Whether a record type has a field holding another record (a person, an education):
    such records are rarely repeated whole, so they are built each time."""
    try:
        hints = typing.get_type_hints(cl)
    except Exception:  # an annotation that cannot be resolved here: treated as holding one
        return True
    for field in attrs.fields(cl):
        tp = hints.get(field.name, Any)
        if get_origin(tp) in (tuple, frozenset):  # an array: empty ones are shared
            continue
        if any(attrs.has(t) for t in (tp, *get_args(tp)) if isinstance(t, type)):
            return True
    return False


#: How many distinct plain objects a converter keeps built (per record type).
_BUILT_MAX = 4096
_PLAIN = frozenset({str, int, float, bool, type(None)})
_EMPTY_ARRAYS = object()  # the first item of the key of an object of empty arrays


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


def _structure_table(data: Any, _: Any, digits: int = _DIGITS) -> ParamTable:
    if not isinstance(data, Mapping):
        raise ValueError(f"expected an object for a table, got {type(data).__name__}")
    problems: list[Problem] = []
    fields: dict[str, Any] = {}
    for k, v in data.items():
        try:
            fields[str(k)] = _structure_scalar(v, None, digits)
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


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_homogenous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_scalar_union(tp: Any) -> bool:
    return bool(tp == Scalar)


def _is_frozenset(tp: Any) -> bool:
    return tp is frozenset or get_origin(tp) is frozenset


@checked
def make_converter(
    *,
    reveal_ids: bool = False,
    labels: bool = False,
    defaults: bool = True,
    detailed_validation: bool = True,
    limits: Limits | None = None,
) -> cattrs.Converter:
    """A cattrs converter for every model, finding, result and policy type.

    Structuring is strict: no value is coerced into another kind (see the module docstring).
    The converter does not check sizes beyond fractions' digits: :func:`from_dict` walks the
    data against ``limits`` first.

    Args:
        reveal_ids: write 公民身份号码 in full instead of masked; otherwise ID numbers, and text
            shaped like one in any string field, are written masked.
        labels: when reading, accept an enum's Chinese label and aliases besides its code
            (never an ambiguous spelling). Writing always uses codes.
        defaults: when writing, also write fields that hold their default value (False leaves
            them out; reading fills them in again).
        detailed_validation: collect every problem with its path when reading (False is
            faster and stops at the first problem: for a first pass whose failures are read
            again with the detailed converter).
        limits: ``max_digits`` bounds the parts of fractions read (the defaults when None).
    """
    _flag(reveal_ids, "reveal_ids")
    _flag(labels, "labels")
    _flag(defaults, "defaults")
    _flag(detailed_validation, "detailed_validation")
    digits = _limits(limits).max_digits
    conv = cattrs.Converter(
        detailed_validation=detailed_validation,
        forbid_extra_keys=True,
        omit_if_default=not defaults,
    )
    conv.register_structure_hook_factory(attrs.has, lambda cl: _nested_document(conv, cl))
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    if not reveal_ids:
        conv.register_unstructure_hook(str, redact_data)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_unstructure_hook(_dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(_dt.date, _structure_date)
    conv.register_structure_hook_factory(_is_enum, lambda tp: _enum_hook(tp, labels))

    def structure_sequence_factory(tp: Any) -> Any:
        items = homogenous_tuple_structure_factory(tp, conv)

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise ValueError(f"expected an array, got {_json_kind(value)}")
            return items(value, tp)

        return structure

    def structure_set_factory(tp: Any) -> Any:
        (arg,) = get_args(tp) or (Any,)
        items = conv.get_structure_hook(tuple[arg, ...])  # type: ignore[valid-type]
        return lambda value, _: frozenset(items(value, tuple[arg, ...]))  # type: ignore[valid-type]

    conv.register_structure_hook_factory(_is_homogenous_tuple, structure_sequence_factory)
    conv.register_structure_hook_factory(_is_frozenset, structure_set_factory)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_structure_hook(Fraction, lambda v, _: _structure_fraction(v, _, digits))
    conv.register_unstructure_hook_func(
        _is_frozenset,
        lambda s: sorted(conv.unstructure(x) for x in s),
    )
    conv.register_unstructure_hook(
        IdNumber, (lambda n: n.reveal()) if reveal_ids else (lambda n: n.masked())
    )
    conv.register_structure_hook(IdNumber, _structure_id)
    conv.register_unstructure_hook_func(_is_scalar_union, _unstructure_scalar)
    conv.register_structure_hook_func(
        _is_scalar_union, lambda v, _: _structure_scalar(v, _, digits)
    )
    conv.register_unstructure_hook(IntRange, lambda r: {"min": r.min, "max": r.max})
    conv.register_structure_hook(IntRange, _structure_range)
    conv.register_unstructure_hook(
        ParamTable, lambda t: {k: _unstructure_scalar(v) for k, v in t.fields}
    )
    conv.register_structure_hook(ParamTable, lambda v, _: _structure_table(v, _, digits))
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
                kwargs["value"] = _structure_param_value(conv, data["type"], data["value"], digits)
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


def _structure_param_value(
    conv: cattrs.Converter, kind: str, raw: Any, digits: int = _DIGITS
) -> ParamValue:
    """A parameter's value as its ``type`` says, without coercion (no float, no str() of ints)."""
    if kind == "fraction":
        if isinstance(raw, Mapping):
            ratio = _structure_scalar(raw, None, digits)
            if not isinstance(ratio, Fraction):
                raise ValueError(f"expected a fraction, got {_shown(dict(raw))}")
            return ratio
        return _structure_fraction(raw, None, digits)
    if kind == "date":
        if isinstance(raw, Mapping):
            day = _structure_scalar(raw, None)
            if not isinstance(day, _dt.date):
                raise ValueError(f"expected a date, got {_shown(dict(raw))}")
            return day
        return _structure_date(raw, None)
    if kind == "range":
        return _structure_range(raw, None)
    if kind == "strings":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise ValueError(f"expected a list of strings, got {_json_kind(raw)}")
        return tuple(raw)
    if kind == "table":
        return _structure_table(raw, None, digits)
    if kind == "tables":
        if not isinstance(raw, list):
            raise ValueError(f"expected a list of tables, got {_json_kind(raw)}")
        tables: list[ParamTable] = []
        problems: list[Problem] = []
        for i, item in enumerate(raw):
            try:
                tables.append(_structure_table(item, None, digits))
            except Exception as exc:
                problems += _problems(exc, f"[{i}]")
        if problems:
            raise InvalidDataError(problems)
        return tuple(tables)
    plain: ParamValue = raw  # int, bool, str: Parameter checks the type against ``kind``
    return plain


@functools.cache
def _converter(
    reveal_ids: bool,
    labels: bool = False,
    defaults: bool = True,
    detailed: bool = True,
    max_digits: int = _DIGITS,
) -> cattrs.Converter:
    """The converter of these options, built once (the cache key is every option it depends on:
    ``make_converter``'s flags and the one limit the converter itself applies)."""
    limits = DEFAULT_LIMITS if max_digits == _DIGITS else Limits(max_digits=max_digits)
    return make_converter(
        reveal_ids=reveal_ids,
        labels=labels,
        defaults=defaults,
        detailed_validation=detailed,
        limits=limits,
    )


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
        name = getattr(exc.cl, "__name__", "the record")
        return [
            Problem("UNKNOWN_KEY", _join(path, key), f"is not a field of {name}")
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, ValueError | TypeError):
        return [Problem("TYPE", path, str(exc))]
    if isinstance(exc, BaseExceptionGroup):
        return [p for sub in exc.exceptions for p in _problems(sub, path)]
    return [Problem("INVALID", path, f"{type(exc).__name__}: {exc}")]


@checked
def to_dict(obj: object, *, reveal_ids: bool = False, defaults: bool = True) -> dict[str, Any]:
    """Unstructure ``obj`` into plain JSON-ready data, with ``schema_version`` first.

    Unless ``reveal_ids`` is True, every ID number is masked, and so is any text shaped like one
    in another field (a name or key typed as a number). ``defaults=False`` leaves out the fields
    that hold their default value (:func:`from_dict` fills them in again), for smaller files of
    many records.

    Raises:
        ArgumentError: ``obj`` is not a record type of this library, or ``reveal_ids`` or
            ``defaults`` is not a bool.
    """
    return _to_dict(obj, reveal_ids, defaults)


def _to_dict(obj: object, reveal_ids: bool, defaults: bool) -> dict[str, Any]:
    """:func:`to_dict` without the entry checks of its flags (for the library's own writers)."""
    if type(obj) not in _documents():
        raise ArgumentError(_not_a_document(type(obj)), code="TYPE", path="obj")
    data = _converter(reveal_ids, False, defaults).unstructure(obj)
    if not isinstance(data, dict):
        raise ArgumentError(
            f"{type(obj).__name__} is not a record type of huanjie_rules", code="TYPE", path="obj"
        )
    return {"schema_version": SCHEMA_VERSION, **data}


def _flag(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise ArgumentError(
            f"{name} must be True or False, got {type(value).__name__}", code="TYPE", path=name
        )


def _limits(value: object) -> Limits:
    if value is None:
        return DEFAULT_LIMITS
    if not isinstance(value, Limits):
        raise ArgumentError(
            f"limits must be a Limits, got {type(value).__name__}", code="TYPE", path="limits"
        )
    return value


def _record_type(cls: object) -> None:
    if not isinstance(cls, type) or cls not in _documents():
        shown = cls if isinstance(cls, type) else type(cls)
        raise ArgumentError(_not_a_document(shown), code="TYPE", path="cls")


@functools.cache
def _documents() -> frozenset[type]:
    """The record types JSON reads and writes: those with a published schema (docs/schemas.md).
    Reports, reference data and cluster partitions are attrs classes too, but not documents."""
    from .schema import schema_types

    return frozenset(schema_types().values())


def _not_a_document(cls: type) -> str:
    name = cls.__name__ if attrs.has(cls) else f"a {cls.__name__}"
    return (
        f"{name} is not a record type of huanjie_rules: JSON reads and writes the types with a "
        "schema (docs/schemas.md)"
    )[:200]


@checked(skip=("data",))
def from_dict(
    data: Mapping[str, Any],
    cls: type[T],
    *,
    labels: bool = False,
    limits: Limits | None = None,
) -> T:
    """Structure ``data`` into ``cls``; every problem is reported with its path.

    A missing ``schema_version`` is read as the current one; an unknown one raises
    :class:`~huanjie_rules.errors.SchemaVersionError`. Problems carry these codes: ``MISSING``
    (a required field), ``UNKNOWN_KEY`` (a key the record does not have), ``TYPE`` (a value of
    the wrong JSON kind, or a malformed date or fraction), ``UNKNOWN_LABEL`` /
    ``AMBIGUOUS_LABEL`` (an enum spelling), ``LIMIT`` (a string, number or nesting beyond
    ``limits``), ``CYCLE`` (a container holding itself) and the model's own codes (``RANGE``,
    ``EMPTY``, …).

    Args:
        data: the parsed JSON object.
        cls: the record type to build.
        labels: also accept enums' Chinese labels and aliases (``"女"``, ``"大专"``), never an
            ambiguous spelling. Off by default: codes are the interchange format.
        limits: the sizes accepted (:class:`~huanjie_rules.limits.Limits`; the defaults when
            None).

    Raises:
        InvalidDataError: every problem of ``data``, each with its path.
        SchemaVersionError: ``schema_version`` is not one this release reads.
        ArgumentError: ``cls``, ``labels`` or ``limits`` is not what the function takes.
    """
    _record_type(cls)
    return _from_dict(data, cls, labels, _limits(limits))


def _from_dict(data: Any, cls: type[T], labels: bool, lim: Limits) -> T:
    """:func:`from_dict` after its argument checks (for the library's own readers)."""
    if not isinstance(data, Mapping):
        raise InvalidDataError(
            [Problem("TYPE", "", f"expected an object, got {_json_kind(data)}")],
            context=cls.__name__,
        )
    found = _walk(data, lim)
    if found:
        raise InvalidDataError(found, context=cls.__name__)
    body = dict(data)
    version_error = _version_problem(body.pop("schema_version", SCHEMA_VERSION))
    if version_error is not None:
        raise version_error
    conv = _converter(False, labels, True, True, lim.max_digits)
    try:
        return conv.structure(body, cls)
    except InvalidDataError:
        raise
    except Exception as exc:  # cattrs groups; transformed into our error with paths
        problems = _problems(exc, "")
        problems += _checks_of_the_rest(cls, body, problems, conv)
        raise InvalidDataError(problems, context=cls.__name__) from None


def _top(path: str) -> str:
    return path.split(".")[0].split("[")[0]


def _checks_of_the_rest(
    cls: type, body: Mapping[str, Any], found: list[Problem], conv: cattrs.Converter
) -> list[Problem]:
    """The class's own checks on the fields that did structure, when others did not.

    When a nested record fails, the outer record is never built, so its own rules (a negative
    count beside a bad seat, a candidate born after the election beside a candidate with a bad
    gender) would go unreported. Build a shell holding the fields that structure on their own
    and run the class's checks on it. A list with some bad rows keeps its good rows in the
    shell, and problems the checks find in those rows are reported at their own index, so one
    bad row hides nothing about the others; problems on fields already reported, and checks that
    need a missing field, are left out.
    """
    if not attrs.has(cls) or not issubclass(cls, Model):
        return []
    bad = {_top(p.path) for p in found}
    shell = object.__new__(cls)
    hints = typing.get_type_hints(cls)
    # field -> original index of each row kept in the shell
    kept_rows: dict[str, list[int]] = {}
    for field in attrs.fields(cls):
        tp = hints[field.name]
        origin = get_origin(tp)
        if field.name in bad or field.name not in body:
            raw = body.get(field.name)
            if field.name in bad and _is_homogenous_tuple(tp) and isinstance(raw, list):
                (item_tp, _) = get_args(tp)
                good: list[Any] = []
                index: list[int] = []
                for i, item in enumerate(raw):
                    try:
                        good.append(conv.structure(item, item_tp))
                    except Exception:  # this row's problems are reported already
                        continue
                    index.append(i)
                object.__setattr__(shell, field.name, tuple(good))
                kept_rows[field.name] = index
            elif origin in (tuple, frozenset):
                # An empty collection stands in for a bad one so that checks can go past it.
                object.__setattr__(shell, field.name, origin())
            continue
        try:
            value = conv.structure(body[field.name], tp)
        except Exception:  # reported already, or reported by the structuring above
            continue
        object.__setattr__(shell, field.name, value)
    extra: list[Problem] = []
    try:
        for problem in shell._checks():
            extra.append(problem)
    except Exception:  # a check needed a field that did not structure
        pass
    out: list[Problem] = []
    for p in extra:
        top = _top(p.path)
        if top in kept_rows:
            row = _ROW.match(p.path[len(top) :])
            if row is None:
                continue  # about the whole list, which lacks its bad rows here
            original = kept_rows[top][int(row.group(1))]
            out.append(
                Problem(p.code, f"{top}[{original}]{p.path[len(top) + row.end() :]}", p.message)
            )
        elif top not in bad:
            out.append(p)
    return out


_ROW = re.compile(r"\[([0-9]+)\]")


@checked
def to_json(
    obj: object, *, reveal_ids: bool = False, indent: int | None = None, defaults: bool = True
) -> str:
    """Serialize ``obj`` as UTF-8 JSON text (Chinese kept as is), deterministically.

    ``defaults=False`` leaves out fields that hold their default value; reading fills them in.

    Raises:
        ArgumentError: ``obj`` is not a record type, or ``reveal_ids``/``indent``/``defaults``
            is of the wrong type.
    """
    if indent is not None and (
        isinstance(indent, bool) or not isinstance(indent, int) or not 0 <= indent <= 16
    ):
        raise ArgumentError(
            f"indent must be None or an integer from 0 to 16, got {indent!r}"[:120],
            code="TYPE",
            path="indent",
        )
    return _dumps(_to_dict(obj, reveal_ids, defaults), obj, "obj", indent)


def _dumps(data: dict[str, Any], obj: object, path: str, indent: int | None = None) -> str:
    """``data`` as JSON text; a value JSON cannot hold (a numpy array in a ``Station``, which
    is a partition for a cluster, not a record to write) is the caller's ArgumentError."""
    try:
        return json.dumps(data, ensure_ascii=False, indent=indent)
    except (TypeError, ValueError) as exc:
        raise ArgumentError(
            f"{type(obj).__name__} holds a value JSON cannot hold ({str(exc)[:80]})",
            code="TYPE",
            path=path,
        ) from None


@checked(skip=("text",))
def from_json(
    text: str | bytes,
    cls: type[T],
    *,
    labels: bool = False,
    limits: Limits | None = None,
) -> T:
    """Parse JSON text into ``cls`` (see :func:`from_dict`, also for ``labels`` and ``limits``).

    Every failure of the JSON parser becomes an :class:`~huanjie_rules.errors.InvalidDataError`:
    ``JSON`` (not JSON, with line and column), ``ENCODING`` (bytes that are not UTF-8), ``LIMIT``
    (a text, string, number or nesting beyond ``limits``), ``DUPLICATE_KEY`` (a key given twice
    in one object: JSON parsers disagree on which one wins, so neither is taken) and ``TYPE``
    (``NaN``/``Infinity``, or text that is neither ``str`` nor ``bytes``).

    Example:
        >>> from huanjie_rules.model import Seat
        >>> from_json('{"office": "VILLAGE_MEMBER", "count": 3, "count": 5}', Seat)
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.InvalidDataError: Seat: 1 problem: count: is given twice; JSON readers disagree on which value wins [DUPLICATE_KEY] [INVALID_DATA]
    """
    _record_type(cls)
    lim = _limits(limits)
    data = _parse(text, lim, cls.__name__)
    return _from_dict(data, cls, labels, lim)


# -- parsing within limits ---------------------------------------------------------------------


class _Refused:
    """A JSON token the parser met but the library refuses; reported with its path by _walk."""

    __slots__ = ("problem",)

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Object(dict[str, Any]):
    """A JSON object that had duplicate keys (which ones, in order)."""

    duplicates: tuple[str, ...] = ()


def _marked(obj: dict[str, Any], pairs: list[tuple[str, Any]]) -> _Object:
    marked = _Object(obj)
    seen: set[str] = set()
    dups: list[str] = []
    for key, _ in pairs:
        if key in seen and key not in dups:
            dups.append(key)
        seen.add(key)
    marked.duplicates = tuple(dups)
    return marked


class _Reader:
    """``json.loads`` within limits, for one text or many (a JSON Lines file).

    Tokens the library refuses (an integer of too many digits, ``NaN``) become :class:`_Refused`
    and objects with a repeated key become :class:`_Object`; :func:`_walk` reports them with
    their paths. ``marked`` is set when the last text read had any such token, so a reader of
    many texts can skip the walk of a text that has none and cannot exceed the other limits.
    """

    def __init__(self, lim: Limits) -> None:
        self.lim = lim
        self.marked = False
        digits = lim.max_digits

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            obj = dict(items)
            if len(obj) == len(items):
                return obj
            self.marked = True
            return _marked(obj, items)

        def parse_int(token: str) -> Any:
            if len(token) - token.startswith("-") > digits:
                self.marked = True
                return _Refused(
                    Problem(
                        "LIMIT", "", f"an integer of more than {digits} digits (Limits.max_digits)"
                    )
                )
            return int(token)

        def parse_constant(token: str) -> Any:
            self.marked = True
            return _Refused(Problem("TYPE", "", f"{token} is not a number JSON allows"))

        self._decode = json.JSONDecoder(
            object_pairs_hook=pairs, parse_int=parse_int, parse_constant=parse_constant
        ).decode

    def loads(self, text: str) -> Any:
        """The parsed value; raises :class:`_NotJson` with the problem when it is not JSON."""
        self.marked = False
        try:
            return self._decode(text)
        except json.JSONDecodeError as exc:
            raise _NotJson(
                Problem("JSON", "", f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
            ) from None
        except RecursionError:
            raise _NotJson(
                Problem("LIMIT", "", f"nested deeper than Limits.max_depth={self.lim.max_depth}")
            ) from None
        except (ValueError, OverflowError) as exc:  # a number Python cannot hold
            raise _NotJson(Problem("JSON", "", f"not JSON: {type(exc).__name__}")) from None

    def within_limits(self, text: str) -> bool:
        """True if the value just read from ``text`` surely needs no :func:`_walk`: nothing was
        marked, no string can be longer than the text, no nesting deeper than its brackets."""
        lim = self.lim
        return (
            not self.marked
            and len(text) <= lim.max_string
            and text.count("{") + text.count("[") <= lim.max_depth
        )


class _NotJson(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _decode_text(text: object, lim: Limits) -> tuple[str | None, Problem | None]:
    """``text`` as a str within ``Limits.max_bytes``, or the problem (bytes are UTF-8)."""
    if isinstance(text, bytes | bytearray | memoryview):
        raw = bytes(text)
        if len(raw) > lim.max_bytes:
            return None, Problem(
                "LIMIT", "", f"{len(raw)} bytes, more than Limits.max_bytes={lim.max_bytes}"
            )
        try:
            return raw.decode("utf-8-sig"), None
        except UnicodeDecodeError as exc:
            return None, Problem(
                "ENCODING", "", f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"
            )
    if isinstance(text, str):
        if len(text) > lim.max_bytes:
            return None, Problem(
                "LIMIT", "", f"{len(text)} characters, more than Limits.max_bytes={lim.max_bytes}"
            )
        return text, None
    raise ArgumentError(
        f"text must be str or bytes, got {type(text).__name__}", code="TYPE", path="text"
    )


def _parse(text: object, lim: Limits, context: str) -> Any:
    decoded, problem = _decode_text(text, lim)
    if problem is not None:
        raise InvalidDataError([problem], context=context)
    assert decoded is not None
    try:
        return _Reader(lim).loads(decoded)
    except _NotJson as exc:
        raise InvalidDataError([exc.problem], context=context) from None


def _walk(data: Any, lim: Limits) -> list[Problem]:
    """Every value beyond ``lim``, refused token, duplicate key or cycle in parsed JSON data."""
    problems: list[Problem] = []
    on_path: set[int] = set()
    # (value, path, depth) to visit; (None, id, -1) marks leaving a container.
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    max_depth, max_string = lim.max_depth, lim.max_string
    too_big = 10**lim.max_digits
    while stack:
        value, path, depth = stack.pop()
        if depth < 0:
            on_path.discard(int(path))
            continue
        if isinstance(value, str):
            if len(value) > max_string:
                problems.append(
                    Problem(
                        "LIMIT",
                        path,
                        f"a string of {len(value)} characters is longer than "
                        f"Limits.max_string={max_string}",
                    )
                )
            continue
        if isinstance(value, _Refused):
            problems.append(value.problem.with_prefix(path))
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            if not -too_big < value < too_big:
                problems.append(
                    Problem(
                        "LIMIT",
                        path,
                        f"an integer of more than {lim.max_digits} digits (Limits.max_digits)",
                    )
                )
            continue
        if not isinstance(value, Mapping | list | tuple):
            continue
        if depth >= max_depth:
            problems.append(
                Problem("LIMIT", path, f"nested deeper than Limits.max_depth={max_depth}")
            )
            continue
        key = id(value)
        if key in on_path:
            problems.append(Problem("CYCLE", path, "a container holds itself"))
            continue
        on_path.add(key)
        stack.append((None, str(key), -1))
        if isinstance(value, Mapping):
            for dup in getattr(value, "duplicates", ()):
                problems.append(
                    Problem(
                        "DUPLICATE_KEY",
                        _join(path, dup),
                        "is given twice; JSON readers disagree on which value wins",
                    )
                )
            items = list(value.items())
            for k, v in reversed(items):  # reversed onto the stack: visited in document order
                if not isinstance(k, str):
                    problems.append(
                        Problem(
                            "TYPE", path, f"an object key must be a string, got {type(k).__name__}"
                        )
                    )
                    continue
                stack.append((v, _join(path, k), depth + 1))
        else:
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{path}[{i}]", depth + 1))
    return problems
