"""Shared machinery for the domain model: validated frozen classes and labelled enums.

Internal module: the public names are re-exported from :mod:`huanjie_rules.model`.

Every model class is a frozen, keyword-only attrs class that inherits :class:`Model`.
On construction — and so also in ``attrs.evolve`` — every field is checked against its type and
every class-specific check runs; all problems are collected and raised together in one
:class:`~huanjie_rules.errors.InvalidDataError`, each with the path of its field.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import operator
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs

from ._privacy import redact
from .errors import AmbiguousLabelError, InvalidDataError, Problem, UnknownLabelError
from .limits import MAX_DATE, MAX_FRACTION_PART, MAX_INT, MIN_DATE

__all__ = [
    "Ambiguous",
    "LabeledEnum",
    "Model",
    "Unrecognized",
    "check_value",
    "to_frozenset",
    "to_tuple",
]

E = TypeVar("E", bound="LabeledEnum")


def to_tuple(value: object) -> object:
    """attrs converter: lists (and other non-string iterables) become tuples; others pass through.

    Leaves anything it cannot convert unchanged so that type checking reports it with a path.
    """
    if isinstance(value, tuple | str | bytes | Mapping) or value is None:
        return value
    if isinstance(value, list | set | frozenset):
        return tuple(value)
    return value


def to_frozenset(value: object) -> object:
    """attrs converter: lists, tuples and sets become frozensets; others pass through.

    A sequence holding an unhashable value passes through too, for the type check to report.
    """
    if isinstance(value, list | tuple | set):
        try:
            return frozenset(value)
        except TypeError:
            return value
    return value


def _type_name(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "")


def check_value(value: object, tp: Any, path: str) -> Iterator[Problem]:
    """Yield problems if ``value`` does not match the annotation ``tp``.

    Supports the annotation forms the model uses: plain classes (int excludes bool, date excludes
    datetime, Fraction accepts int — a field annotated ``Fraction`` or ``Fraction | None`` stores
    it as a Fraction, see :class:`Model`), enums, ``X | None`` and other unions, ``Literal``,
    ``tuple[X, ...]``, ``tuple[X, Y]``, ``frozenset[X]``, ``Mapping[K, V]`` and nesting of these.

    Raises:
        TypeError: for an annotation form it does not know (``list[X]``, ``dict`` …): a model
            field the checker cannot check is a programming error, never silently accepted.
    """
    origin = get_origin(tp)
    if tp is Any or tp is object:
        return
    if origin in (Union, types.UnionType):
        options = get_args(tp)
        if value is None and type(None) in options:
            return
        closest: list[Problem] | None = None
        for option in options:
            found = list(check_value(value, option, path))
            if not found:
                return
            if closest is None and not (len(found) == 1 and found[0].code == "TYPE"):
                closest = found  # the right type, but out of range: report why
        if closest is not None:
            yield from closest
            return
        yield Problem("TYPE", path, f"expected {_type_name(tp)}, got {type(value).__name__}")
        return
    if origin is Literal:
        if value not in get_args(tp):
            yield Problem("CHOICE", path, f"expected one of {get_args(tp)!r}, got {value!r}")
        return
    if origin is tuple:
        if not isinstance(value, tuple):
            yield Problem("TYPE", path, f"expected a sequence, got {type(value).__name__}")
            return
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            for i, item in enumerate(value):
                yield from check_value(item, args[0], f"{path}[{i}]")
        else:
            if len(args) != len(value):
                yield Problem("LENGTH", path, f"expected {len(args)} items, got {len(value)}")
                return
            for i, (item, arg) in enumerate(zip(value, args, strict=True)):
                yield from check_value(item, arg, f"{path}[{i}]")
        return
    if origin is Mapping:
        if not isinstance(value, Mapping):
            yield Problem("TYPE", path, f"expected a mapping, got {type(value).__name__}")
            return
        key_tp, value_tp = get_args(tp)
        for key in sorted(value, key=repr):
            yield from check_value(key, key_tp, f"{path}[{key!r}]")
            yield from check_value(value[key], value_tp, f"{path}[{key!r}]")
        return
    if origin is frozenset:
        if not isinstance(value, frozenset):
            yield Problem("TYPE", path, f"expected a set, got {type(value).__name__}")
            return
        (arg,) = get_args(tp)
        for item in sorted(value, key=repr):
            yield from check_value(item, arg, f"{path}[{item!r}]")
        return
    if tp is type(None):
        if value is not None:
            yield Problem("TYPE", path, f"expected None, got {type(value).__name__}")
        return
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            yield Problem("TYPE", path, f"expected an integer, got {type(value).__name__}")
        elif not -MAX_INT <= value <= MAX_INT:
            yield Problem("LIMIT", path, f"an integer of more than {len(str(MAX_INT))} digits")
        return
    if tp is Fraction:
        if not isinstance(value, Fraction | int) or isinstance(value, bool):
            yield Problem("TYPE", path, f"expected an exact fraction, got {type(value).__name__}")
        elif isinstance(value, Fraction) and (
            not -MAX_FRACTION_PART <= value.numerator <= MAX_FRACTION_PART
            or value.denominator > MAX_FRACTION_PART
        ):
            yield Problem("LIMIT", path, "a fraction with a part of more than 40 digits")
        elif isinstance(value, int) and not -MAX_FRACTION_PART <= value <= MAX_FRACTION_PART:
            yield Problem("LIMIT", path, "an integer of more than 40 digits")
        return
    if tp is _dt.date:
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            yield Problem("TYPE", path, f"expected a date, got {type(value).__name__}")
        elif not MIN_DATE <= value <= MAX_DATE:
            yield Problem("LIMIT", path, f"{value.isoformat()} is outside {MIN_DATE} … {MAX_DATE}")
        return
    if isinstance(tp, type) and origin is None and tp not in _UNCHECKED_CONTAINERS:
        if not isinstance(value, tp):
            hint = ""
            if isinstance(value, str) and issubclass(tp, LabeledEnum):
                hint = f" (read spellings such as {value!r} with {tp.__name__}.parse)"
            yield Problem("TYPE", path, f"expected {tp.__name__}, got {type(value).__name__}{hint}")
        return
    # An annotation form the checker does not know: never accept it silently.
    raise TypeError(f"check_value cannot check the annotation {_type_name(tp)} (at {path!r})")


#: Bare containers whose items the checker could not see: annotate them with their item type.
_UNCHECKED_CONTAINERS = (list, dict, set, tuple, frozenset)


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_fraction_field(tp: Any) -> bool:
    if tp is Fraction:
        return True
    if get_origin(tp) in (Union, types.UnionType):
        return set(get_args(tp)) == {Fraction, type(None)}
    return False


@functools.cache
def _fraction_fields(cls: Any) -> tuple[str, ...]:
    hints = _hints(cls)
    return tuple(f.name for f in attrs.fields(cls) if _is_fraction_field(hints[f.name]))


_Fast = Any  # a predicate: True means the value surely matches the annotation


def _always(value: object) -> bool:
    return True


def _fast_check(tp: Any) -> _Fast | None:
    """A quick predicate for the common annotation forms: True means ``check_value`` would find
    no problem. False (or no predicate) sends the value through :func:`check_value`, which gives
    the problems and their messages, so the quick path never changes what is reported."""
    origin = get_origin(tp)
    if tp is Any or tp is object:
        return _always
    if origin in (Union, types.UnionType):
        maybe = [_fast_check(a) for a in get_args(tp)]
        parts: list[_Fast] = [p for p in maybe if p is not None]
        if len(parts) != len(maybe):
            return None
        if len(parts) == 2:
            first, second = parts
            if get_args(tp)[1] is type(None):
                return lambda v: v is None or first(v)
            return lambda v: first(v) or second(v)
        checks = tuple(parts)
        return lambda v: any(c(v) for c in checks)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _fast_check(args[0])
            if item is None:
                return None
            return lambda v: type(v) is tuple and all(item(x) for x in v)
        return None
    if origin is frozenset:
        (arg,) = get_args(tp)
        member = _fast_check(arg)
        if member is None:
            return None
        return lambda v: type(v) is frozenset and all(member(x) for x in v)
    if origin is Literal:
        options = get_args(tp)
        return lambda v: any(v is o or (type(v) is type(o) and v == o) for o in options)
    if origin is not None:
        return None
    if tp is type(None):
        return lambda v: v is None
    # The exact type, within the limits check_value applies to it (huanjie_rules.limits): a
    # subclass (bool for int, datetime for date) or a value beyond a limit takes the full check.
    if tp is int:
        return lambda v: type(v) is int and -MAX_INT <= v <= MAX_INT
    if tp is _dt.date:
        return lambda v: type(v) is _dt.date and MIN_DATE <= v <= MAX_DATE
    if tp is Fraction:
        return lambda v: (
            type(v) is Fraction
            and -MAX_FRACTION_PART <= v.numerator <= MAX_FRACTION_PART
            and v.denominator <= MAX_FRACTION_PART
        )
    if isinstance(tp, type) and tp not in _UNCHECKED_CONTAINERS:
        return lambda v: type(v) is tp
    return None


@functools.cache
def _field_checks(cls: Any) -> tuple[Any, tuple[tuple[str, Any, _Fast | None], ...]]:
    hints = _hints(cls)
    names = [f.name for f in attrs.fields(cls)]
    getter = (
        operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
    )
    return getter, tuple((n, hints[n], _fast_check(hints[n])) for n in names)


def _validate_instance(self: Any) -> None:
    cls: Any = type(self)
    # An int given for a Fraction field is stored as the Fraction it equals, so that the value
    # keeps one type through JSON and arithmetic (``Fraction(1)``, never ``1``).
    for name in _fraction_fields(cls):
        value = getattr(self, name)
        if isinstance(value, int) and not isinstance(value, bool):
            object.__setattr__(self, name, Fraction(value))
    getter, checks = _field_checks(cls)
    problems: list[Problem] = []
    for (name, tp, fast), value in zip(checks, getter(self), strict=True):
        if fast is None or not fast(value):
            problems.extend(check_value(value, tp, name))
    if not problems:
        extra = list(self._checks())
        if extra:
            raise InvalidDataError(extra, context=cls.__name__)
        return
    bad_fields = {p.path.split(".")[0].split("[")[0] for p in problems}
    extra = []
    try:
        for problem in self._checks():
            extra.append(problem)
    except Exception:
        # A check tripped over a field of the wrong type, which is already reported; the
        # problems found before it are kept.
        pass
    problems.extend(p for p in extra if p.path.split(".")[0].split("[")[0] not in bad_fields)
    raise InvalidDataError(problems, context=cls.__name__)


class Model:
    """Base of every model class: validation on construction (and so in ``attrs.evolve``).

    Subclasses are ``@attrs.frozen(kw_only=True)`` classes; they may override :meth:`_checks`
    for rules beyond field types. Problems of those checks on a field that already has a type
    problem are not repeated.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # attrs writes each class's __repr__; wrap it so that text shaped like an ID number in
        # any field (a name or key typed as one) is shown masked, as in messages.
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("__repr__")
        if own is not None and not getattr(own, "_redacts", False):

            def __repr__(self: Any, _inner: Any = own) -> str:
                return redact(_inner(self))

            __repr__._redacts = True  # type: ignore[attr-defined]
            cls.__repr__ = __repr__  # type: ignore[method-assign]

    def __attrs_post_init__(self) -> None:
        _validate_instance(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's pretty-printer shows the (redacted) ``repr``."""
        printer.text(repr(self) if not cycle else f"{type(self).__name__}(...)")

    def _checks(self) -> Iterable[Problem]:
        return ()


@attrs.frozen
class Ambiguous:
    """A spelling that fits several meanings; the caller must choose, the library never guesses.

    Attributes:
        text: the spelling as given.
        options: the readings it could have, as ``"Enum.MEMBER"`` strings.
        reason: why it is ambiguous, in English.
    """

    text: str
    options: tuple[str, ...]
    reason: str


@attrs.frozen
class Unrecognized:
    """A spelling that matches no member."""

    text: str
    enum: str


def _normalize(text: str) -> str:
    # NFKC folds full-width letters, digits and brackets to their ASCII forms; whitespace goes.
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


@functools.cache
def _spellings(cls: Any) -> tuple[dict[str, Any], dict[str, tuple[tuple[str, ...], str]]]:
    """The normalized spellings of an enum: spelling -> member, and the ambiguous ones.

    Raises TypeError if two members share a spelling, or a member's spelling is also listed as
    ambiguous: the enum itself is wrong, and ``parse`` must never pick one reading silently.
    """
    ambiguous = {_normalize(k): v for k, v in cls.ambiguous_spellings().items()}
    index: dict[str, Any] = {}
    for member in cls:
        for spelling in (member.value, member.name, member.label, *member.aliases):
            key = _normalize(spelling)
            other = index.setdefault(key, member)
            if other is not member:
                raise TypeError(
                    f"{cls.__name__}: spelling {spelling!r} belongs to both {other.name} and "
                    f"{member.name}"
                )
            if key in ambiguous:
                raise TypeError(
                    f"{cls.__name__}: spelling {spelling!r} of {member.name} is also listed as "
                    "ambiguous"
                )
    return index, ambiguous


class LabeledEnum(enum.Enum):
    """An enum whose members carry a Chinese label and the common Chinese spellings.

    Subclasses define members as ``NAME = ("value", "中文标签", ("别名", ...))``; the member's
    ``value`` is the stable English code used in JSON. :meth:`ambiguous_spellings` lists spellings
    that must not be guessed, with the readings they could have and why.
    """

    label: str
    aliases: tuple[str, ...]

    @classmethod
    def ambiguous_spellings(cls) -> Mapping[str, tuple[tuple[str, ...], str]]:
        """Spellings that must not be guessed: spelling -> (possible readings, why)."""
        return {}

    def __new__(cls, value: str, label: str, aliases: tuple[str, ...] = ()) -> LabeledEnum:
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label = label
        obj.aliases = aliases
        return obj

    def __str__(self) -> str:
        return self.label

    # Members are singletons compared by identity, so identity hashing is exact; it is done in C,
    # where Enum's own hash calls Python code (hot in counting and screening loops).
    __hash__ = object.__hash__

    @classmethod
    def parse(cls: type[E], text: str) -> E | Ambiguous | Unrecognized:
        """Read a spelling: the code, the name, the Chinese label or a known alias.

        Returns the member, an :class:`Ambiguous` result for spellings with several readings, or
        :class:`Unrecognized`. Never raises, never guesses: a value that is not a string (a
        number from a spreadsheet cell, None) is :class:`Unrecognized`. Spellings are compared
        without whitespace, case or full-width forms (full-width ``FEMALE`` reads as ``FEMALE``).
        """
        if not isinstance(text, str):
            return Unrecognized(repr(text), cls.__name__)
        key = _normalize(text)
        index, ambiguous = _spellings(cls)
        if key in ambiguous:
            names, reason = ambiguous[key]
            return Ambiguous(text, names, reason)
        member = index.get(key)
        if member is not None:
            return typing.cast(E, member)
        return Unrecognized(text, cls.__name__)

    @classmethod
    def from_label(cls: type[E], text: str, *, path: str = "") -> E:
        """Like :meth:`parse` but raises a typed error for ambiguous or unknown spellings."""
        result = cls.parse(text)
        if isinstance(result, Ambiguous):
            raise AmbiguousLabelError(
                f"{text!r} is ambiguous for {cls.__name__}: could be {', '.join(result.options)}"
                f" ({result.reason})",
                path=path,
            )
        if isinstance(result, Unrecognized):
            raise UnknownLabelError(f"{text!r} is not a known {cls.__name__}", path=path)
        return result
