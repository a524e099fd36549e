"""JSON Schema (2020-12) for every public record, generated from the model itself.

The generator walks each attrs class's fields and type annotations and writes, for each
annotation, the JSON form that the converter of :mod:`huanjie_rules.io.json` reads and writes:

- ``str``, ``bool``, ``int`` as ``string``, ``boolean``, ``integer`` (the reader coerces nothing);
- a date as ``{"type": "string", "format": "date"}`` in the ``YYYY-MM-DD`` form only;
- a :class:`~fractions.Fraction` field as an integer or a string such as ``"4/5"``;
- the mixed ``observed``/``limit`` values of a finding as a ``oneOf`` over integer, string,
  boolean, null and the tagged forms ``{"fraction": "4/5"}`` and ``{"date": "2021-01-01"}``;
- an enum as its codes (``enum``), with the Chinese label of each code under ``x-labels``;
- ``X | None`` as ``anyOf`` with ``null``; tuples and sets as arrays;
- every record as an object with its ``required`` fields and no other keys
  (``additionalProperties: false``), each field with the description and, where the model's
  docstring gives one, the Chinese term (``x-label``) from the class's ``Attributes:`` section.

Every record may carry ``schema_version`` (always written at the top of a document, optional on
reading): a document the library wrote can be placed inside another as it is.

The schemas are generated into the package (``huanjie_rules/io/schemas/<Type>.schema.json``) by
``scripts/gen_docs.py``, which the test run checks for staleness, and a test validates everything
the library writes against them, and checks that documents they reject are refused by
:func:`~huanjie_rules.io.from_json` as well. Reading is stricter than the schemas in one way only:
the model's own rules (a count of at least 1, dates in order, totals that add up) are checked by
the reader and reported with codes, and are not repeated in the schemas.

Example:
    >>> from huanjie_rules.model import Seat
    >>> s = schema_for(Seat)
    >>> s["$schema"], s["required"], s["properties"]["office"]["$ref"]
    ('https://json-schema.org/draft/2020-12/schema', ['office', 'count'], '#/$defs/Office')
    >>> s["$defs"]["Office"]["x-labels"]["SECRETARY"]
    '书记'
    >>> sorted(schema_types())[:3]
    ['ApportionQuery', 'Apportionment', 'AssemblyForm']
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import inspect
import json
import re
import types
import typing
from collections.abc import Mapping
from fractions import Fraction
from importlib import resources
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from .._args import checked
from ..errors import HuanjieError
from ..findings import Scalar
from ..idcard import IdNumber
from ..policy._types import IntRange, Parameter, ParamTable
from .json import DATE_PATTERN, FRACTION_PATTERN, SCHEMA_VERSION, make_converter

__all__ = [
    "DIALECT",
    "UnknownTypeError",
    "load_schema",
    "schema_for",
    "schema_id",
    "schema_text",
    "schema_types",
]

#: The JSON Schema dialect of every generated schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"


class UnknownTypeError(HuanjieError, LookupError):
    """No schema is published for this type name."""

    code = "UNKNOWN_TYPE"


@checked
def schema_id(name: str) -> str:
    """The ``$id`` of the published schema of record type ``name``."""
    return f"urn:huanjie-rules:schema:v{SCHEMA_VERSION}:{name}"


#: Public attrs classes that are not documents on their own (see ``schema_types``).
_NOT_DOCUMENTS = frozenset(
    {
        "AgeBasis",  # an argument built from a profile's parameters, never exchanged
        "Ambiguous",  # a parse result handed back to the caller
        "Unrecognized",
        "Message",  # a template inside a module's catalogue
        "LayeredCalendar",  # wraps a calendar object
        "IdNumber",  # written as a string inside the records that hold it
    }
)


@functools.cache
def schema_types() -> Mapping[str, type]:
    """Every type with a published schema: name → class.

    The public record types exported by :mod:`huanjie_rules` (inputs and results), the
    documents of the command line and HTTP service (:mod:`huanjie_rules.io.requests`, whose
    ``RosterBatch`` reaches the roster records of :mod:`huanjie_rules.io.tables`), the classes
    they reach, and
    :class:`~huanjie_rules.errors.Problem`.
    """
    import huanjie_rules

    from . import requests

    found: dict[str, type] = {}

    def add(cls: type) -> None:
        if cls.__name__ in found or cls.__name__ in _NOT_DOCUMENTS:
            return
        found[cls.__name__] = cls
        for tp in _hints(cls).values():
            for inner in _classes_in(tp):
                add(inner)

    for module in (huanjie_rules, requests):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and attrs.has(obj):
                add(obj)
    return dict(sorted(found.items()))


def _classes_in(tp: Any) -> list[type]:
    if isinstance(tp, type) and attrs.has(tp):
        return [tp]
    return [c for arg in get_args(tp) for c in _classes_in(arg)]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in attrs.fields(cls) if f.init}


_CJK_TERM = re.compile(r"^([\u3400-\u9fff（）()、/\uff0f]+)")


def _doc_parts(cls: type) -> tuple[str, dict[str, str]]:
    """The summary line of ``cls``'s docstring and its ``Attributes:`` entries."""
    doc = inspect.getdoc(cls) or ""
    if cls.__doc__ is None or doc == inspect.getdoc(cls.__mro__[1]):
        doc = ""
    summary = doc.split("\n\n")[0].replace("\n", " ").strip()
    fields: dict[str, str] = {}
    lines = doc.splitlines()
    try:
        start = lines.index("Attributes:")
    except ValueError:
        return summary, fields
    current = ""
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        if not line.startswith("    "):
            break
        if line.startswith("        ") and current:
            fields[current] += " " + line.strip()
            continue
        name, _, text = line.strip().partition(":")
        current = name.strip()
        fields[current] = text.strip()
    return summary, fields


def _plain(text: str) -> str:
    return text.replace("``", "")


_FRACTION = {
    "type": "string",
    "pattern": FRACTION_PATTERN,
    "description": "an exact fraction such as '4/5' or '3'",
}
_DATE = {"type": "string", "format": "date", "pattern": DATE_PATTERN}


def _scalar_schema() -> dict[str, Any]:
    tagged_fraction = {
        "type": "object",
        "properties": {"fraction": _FRACTION},
        "required": ["fraction"],
        "additionalProperties": False,
    }
    tagged_date = {
        "type": "object",
        "properties": {"date": _DATE},
        "required": ["date"],
        "additionalProperties": False,
    }
    return {
        "oneOf": [
            {"type": "integer"},
            {"type": "string"},
            {"type": "boolean"},
            {"type": "null"},
            tagged_fraction,
            tagged_date,
        ],
        "description": "a number, text, switch or nothing; fractions and dates are tagged",
    }


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self.converter = make_converter()

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if tp == Scalar:
            if "Scalar" not in self.defs:
                self.defs["Scalar"] = _scalar_schema()
            return self.ref("Scalar")
        if origin in (Union, types.UnionType):
            args = get_args(tp)
            options = [self.type_schema(a) for a in args if a is not type(None)]
            if type(None) in args:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin is tuple:
            args = get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.type_schema(a) for a in args],
                "items": False,
                "minItems": len(args),
            }
        if origin is frozenset:
            (arg,) = get_args(tp)
            return {"type": "array", "items": self.type_schema(arg)}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is Fraction:
            return {"anyOf": [{"type": "integer"}, dict(_FRACTION)]}
        if tp is _dt.date:
            return dict(_DATE)
        if tp is IdNumber:
            return {
                "type": "string",
                "description": "公民身份号码: 18 characters (or 15 digits); written masked "
                "unless the writer reveals it, and a masked number is not read back",
            }
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            self.enum_def(tp)
            return self.ref(tp.__name__)
        if isinstance(tp, type) and attrs.has(tp):
            self.record_def(tp)
            return self.ref(tp.__name__)
        raise TypeError(f"no JSON Schema form for the annotation {tp!r}")

    def enum_def(self, cls: type[enum.Enum]) -> None:
        if cls.__name__ in self.defs:
            return
        summary, _ = _doc_parts(cls)
        out: dict[str, Any] = {"title": cls.__name__, "type": "string"}
        if summary:
            out["description"] = _plain(summary)
        out["enum"] = [m.value for m in cls]
        labels = {m.value: getattr(m, "label", None) for m in cls}
        if all(isinstance(v, str) for v in labels.values()):
            out["x-labels"] = labels
        self.defs[cls.__name__] = out

    def record_def(self, cls: type) -> None:
        name = cls.__name__
        if name in self.defs:
            return
        self.defs[name] = {}  # placeholder: a class that holds itself refers to this def
        self.defs[name] = self.record(cls)

    def record(self, cls: type, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        special = None if overrides is not None else self.special(cls)
        if special is not None:
            return special
        overrides = overrides or {}
        summary, docs = _doc_parts(cls)
        out: dict[str, Any] = {"title": cls.__name__}
        if summary:
            out["description"] = _plain(summary)
        out["type"] = "object"
        properties: dict[str, Any] = {}
        if cls is not Parameter:  # read by its own hook, which takes its fields only
            properties["schema_version"] = dict(_VERSION_PROPERTY)
        required: list[str] = []
        hints = _hints(cls)
        for field in attrs.fields(cls):
            if not field.init:
                continue
            if field.name in overrides:
                prop = dict(overrides[field.name])
            else:
                prop = self.type_schema(hints[field.name])
            prop = dict(prop)
            text = docs.get(field.name)
            if text:
                prop["description"] = _plain(text)
                term = _CJK_TERM.match(text)
                if term:
                    prop["x-label"] = term.group(1).strip("（(、/\uff0f")
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                default = self.default(field.default)
                if default is not _NO_DEFAULT:
                    prop["default"] = default
            properties[field.name] = prop
        out["properties"] = properties
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def default(self, value: Any) -> Any:
        if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
            if value.takes_self:
                return _NO_DEFAULT
            value = value.factory()
        try:
            out = self.converter.unstructure(value)
        except Exception:  # pragma: no cover - a default the converter cannot write
            return _NO_DEFAULT
        if isinstance(value, tuple | frozenset) and not value:
            return []
        return out

    def special(self, cls: type) -> dict[str, Any] | None:
        """The records whose converter hooks write another shape than their fields."""
        if cls is IntRange:
            return {
                "title": "IntRange",
                "description": "An inclusive integer range; either end may be open (null).",
                "type": "object",
                "properties": {
                    "min": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None},
                    "max": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None},
                },
                "additionalProperties": False,
            }
        if cls is ParamTable:
            scalar = self.type_schema(Scalar)
            return {
                "title": "ParamTable",
                "description": "A small record inside a parameter: name → value.",
                "type": "object",
                "additionalProperties": {
                    "anyOf": [scalar, {"type": "array", "items": scalar}],
                },
            }
        if cls is Parameter:
            scalar = self.type_schema(Scalar)
            value = {
                "anyOf": [
                    scalar,
                    dict(_FRACTION),
                    self.type_schema(IntRange),
                    {"type": "array", "items": {"type": "string"}},
                    self.type_schema(ParamTable),
                    {"type": "array", "items": self.type_schema(ParamTable)},
                ],
            }
            return self.record(Parameter, {"value": value})
        return None


_NO_DEFAULT = object()

#: ``schema_version`` in every record: written at the top of a document, optional on reading,
#: and allowed in a nested record too, so that a document the library wrote can be placed
#: inside another (an ``Election`` as a ``Round``'s ``election``) as it is.
_VERSION_PROPERTY: dict[str, Any] = {
    "const": SCHEMA_VERSION,
    "description": "the version of the JSON layout; always written at the top of a document, "
    "optional on reading, and kept by a document placed inside another",
}


@checked
def schema_for(cls: type) -> dict[str, Any]:
    """The JSON Schema document of record type ``cls``, as a dict.

    Raises:
        UnknownTypeError: ``cls`` is not an attrs record the converter writes.
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise UnknownTypeError(f"{cls!r} is not a record type", path="type")
    builder = _Builder()
    root = builder.record(cls)
    doc: dict[str, Any] = {"$schema": DIALECT, "$id": schema_id(cls.__name__)}
    doc.update(root)
    doc["properties"] = {
        "schema_version": dict(_VERSION_PROPERTY),
        **root.get("properties", {}),
    }
    if "additionalProperties" in root:  # keep it after the properties, for readers
        doc["additionalProperties"] = doc.pop("additionalProperties")
    if builder.defs:
        doc["$defs"] = dict(sorted(builder.defs.items()))
    return doc


@checked
def schema_text(cls: type) -> str:
    """The schema of ``cls`` as the JSON text shipped in the package (sorted, 2-space indent)."""
    return json.dumps(schema_for(cls), ensure_ascii=False, indent=2) + "\n"


@checked
def load_schema(name: str) -> dict[str, Any]:
    """The shipped schema of the record type called ``name`` (``"Candidate"``).

    Raises:
        UnknownTypeError: no schema is shipped under that name (code ``UNKNOWN_TYPE``).
    """
    if name not in schema_types():
        known = ", ".join(schema_types())
        raise UnknownTypeError(f"no schema for {name!r}; known types: {known}", path="type")
    text = resources.files(__package__).joinpath("schemas", f"{name}.schema.json")
    data: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return data
