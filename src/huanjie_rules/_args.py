"""Checking the arguments of public functions at entry, from their annotations.

Every public function of the library is decorated with :func:`checked`. On each call the
arguments are checked against the function's annotations before the body runs, so a wrong-typed
or oversized argument raises :class:`~huanjie_rules.errors.ArgumentError` (code ``TYPE`` or
``LIMIT``, ``path`` naming the argument: ``"seats"``, ``"candidates[3]"``, ``"weights['甲']"``)
instead of an ``AttributeError`` deep inside. The checks are those of the model
(:func:`huanjie_rules._base.check_value`): ``int`` excludes ``bool``; a flag annotated ``bool``
takes only ``True`` or ``False`` (``approved="no"`` is refused, never read by truthiness);
``date`` excludes ``datetime``; ``Fraction`` accepts an ``int``; and the limits of
:mod:`huanjie_rules.limits` hold for integers, fractions, dates and strings.

The checkers are built once per function, on its first call, from its annotations; a call then
costs a few attribute lookups and ``isinstance`` tests per argument (docs/benchmarks.md has the
measured cost per ``screen`` call). Items of a ``list`` or ``tuple`` are checked at entry; items
of another iterable (a generator) are checked as the function draws them, so a stream is never
read twice. ``rows=`` names arguments whose items the function reports itself, row by row
(``screen_many``), so only the container is checked.

Example:
    >>> import datetime as dt
    >>> @checked
    ... def days_after(start: dt.date, n: int, *, strict: bool = True) -> dt.date:
    ...     return start + dt.timedelta(days=n)
    >>> days_after(dt.date(2021, 3, 1), 2)
    datetime.date(2021, 3, 3)
    >>> days_after(dt.date(2021, 3, 1), "2")
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.ArgumentError: n: expected int, got str [TYPE]
    >>> days_after(dt.date(2021, 3, 1), 2, strict="no")
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.ArgumentError: strict: expected True or False, got str [TYPE]
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import datetime as _dt
import enum
import functools
import importlib
import inspect
import os
import types
import typing
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from .errors import ArgumentError
from .limits import DEFAULT_LIMITS, MAX_DATE, MAX_FRACTION_PART, MAX_INT, MIN_DATE

__all__ = ["checked", "is_checked", "prepare", "unchecked"]

F = TypeVar("F", bound=Callable[..., Any])

#: The longest string argument (the same as a JSON string's limit).
_MAX_STRING = DEFAULT_LIMITS.max_string

# A checker takes (value, path) and returns the value to pass on (the same object, or a
# wrapper that checks an iterator's items as they are drawn); it raises _Bad when it fails.
Checker = Callable[[Any, str], Any]


class _Bad(Exception):
    def __init__(self, code: str, path: str, message: str) -> None:
        super().__init__(message)
        self.code, self.path, self.message = code, path, message

    def error(self) -> ArgumentError:
        return ArgumentError(self.message, code=self.code, path=self.path)


def _name(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "").replace("collections.abc.", "")


def _kind(value: object) -> str:
    return type(value).__name__


# -- leaf checkers ------------------------------------------------------------------------------


def _int(value: Any, path: str) -> Any:
    if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
        raise _Bad("TYPE", path, f"expected int, got {_kind(value)}")
    if not -MAX_INT <= value <= MAX_INT:
        raise _Bad("LIMIT", path, f"an integer beyond ±{MAX_INT}")
    return value


def _bool(value: Any, path: str) -> Any:
    if value is not True and value is not False:
        raise _Bad("TYPE", path, f"expected True or False, got {_kind(value)}")
    return value


def _str(value: Any, path: str) -> Any:
    if not isinstance(value, str):
        raise _Bad("TYPE", path, f"expected str, got {_kind(value)}")
    if len(value) > _MAX_STRING:
        raise _Bad("LIMIT", path, f"a string of {len(value)} characters (at most {_MAX_STRING})")
    return value


def _date(value: Any, path: str) -> Any:
    if type(value) is not _dt.date and (
        not isinstance(value, _dt.date) or isinstance(value, _dt.datetime)
    ):
        raise _Bad("TYPE", path, f"expected date, got {_kind(value)}")
    if not MIN_DATE <= value <= MAX_DATE:
        raise _Bad("LIMIT", path, f"{value.isoformat()} is outside {MIN_DATE} … {MAX_DATE}")
    return value


def _fraction(value: Any, path: str) -> Any:
    if isinstance(value, Fraction):
        if (
            not -MAX_FRACTION_PART <= value.numerator <= MAX_FRACTION_PART
            or value.denominator > MAX_FRACTION_PART
        ):
            raise _Bad("LIMIT", path, "a fraction with a part of more than 40 digits")
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if not -MAX_FRACTION_PART <= value <= MAX_FRACTION_PART:
            raise _Bad("LIMIT", path, "an integer of more than 40 digits")
        return value
    raise _Bad("TYPE", path, f"expected an exact Fraction or int, got {_kind(value)}")


def _any(value: Any, path: str) -> Any:
    return value


def _instance(cls: type) -> Checker:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, cls):
            raise _Bad("TYPE", path, f"expected {cls.__name__}, got {_kind(value)}")
        return value

    check.cls = cls  # type: ignore[attr-defined]  # lets sequence checks test items inline
    return check


def _callable(value: Any, path: str) -> Any:
    if not callable(value):
        raise _Bad("TYPE", path, f"expected a callable, got {_kind(value)}")
    return value


# -- composite checkers -------------------------------------------------------------------------


def _union(options: tuple[Checker, ...], tp: Any, optional: bool) -> Checker:
    if optional and len(options) == 1:
        (only,) = options

        def check_optional(value: Any, path: str) -> Any:
            return None if value is None else only(value, path)

        return check_optional

    def check(value: Any, path: str) -> Any:
        if value is None and optional:
            return None
        closest: _Bad | None = None
        for option in options:
            try:
                return option(value, path)
            except _Bad as bad:
                # An option of the right type that fails deeper (an item, a limit) says more
                # than "expected X | Y".
                if closest is None and (bad.code != "TYPE" or bad.path != path):
                    closest = bad
        if closest is not None:
            raise closest
        raise _Bad("TYPE", path, f"expected {_name(tp)}, got {_kind(value)}")

    return check


def _literal(choices: tuple[Any, ...]) -> Checker:
    def check(value: Any, path: str) -> Any:
        if not any(value == c and type(value) is type(c) for c in choices):
            shown = repr(value) if isinstance(value, str | int) else _kind(value)
            raise _Bad("TYPE", path, f"expected one of {list(choices)}, got {shown[:60]}")
        return value

    return check


def _checked_items(items: Iterator[Any], item: Checker, path: str) -> Iterator[Any]:
    for i, value in enumerate(items):
        try:
            yield item(value, f"{path}[{i}]")
        except _Bad as bad:
            raise bad.error() from None


def _items(item: Checker, value: list[Any] | tuple[Any, ...], path: str) -> None:
    """Check every item of a list or tuple, testing the common kinds inline."""
    cls = getattr(item, "cls", None)
    if item is _str:
        for i, x in enumerate(value):
            if type(x) is not str or len(x) > _MAX_STRING:
                _str(x, f"{path}[{i}]")
    elif cls is not None:
        for i, x in enumerate(value):
            if not isinstance(x, cls):
                item(x, f"{path}[{i}]")
    else:
        for i, x in enumerate(value):
            item(x, f"{path}[{i}]")


def _sequence(item: Checker, *, lazy: bool, only_container: bool, name: str) -> Checker:
    def check(value: Any, path: str) -> Any:
        kind = type(value)
        if kind is tuple or kind is list:
            if not only_container and item is not _any:
                _items(item, value, path)
            return value
        if isinstance(value, str | bytes | bytearray | cabc.Mapping):
            raise _Bad("TYPE", path, f"expected {name}, got {_kind(value)}")
        if isinstance(value, list | tuple):
            if not only_container and item is not _any:
                _items(item, value, path)
            return value
        if not lazy:
            if not isinstance(value, cabc.Sequence):
                raise _Bad("TYPE", path, f"expected {name}, got {_kind(value)}")
            if not only_container and item is not _any:
                for i, x in enumerate(value):
                    item(x, f"{path}[{i}]")
            return value
        if not isinstance(value, cabc.Iterable):
            raise _Bad("TYPE", path, f"expected {name}, got {_kind(value)}")
        if only_container or item is _any:
            return value
        return _checked_items(iter(value), item, path)

    return check


def _fixed_tuple(items: tuple[Checker, ...], tp: Any) -> Checker:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, tuple) or len(value) != len(items):
            raise _Bad("TYPE", path, f"expected {_name(tp)}, got {_kind(value)}")
        for i, (x, c) in enumerate(zip(value, items, strict=True)):
            c(x, f"{path}[{i}]")
        return value

    return check


def _mapping(key: Checker, val: Checker) -> Checker:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, cabc.Mapping):
            raise _Bad("TYPE", path, f"expected a mapping, got {_kind(value)}")
        if key is _any and val is _any:
            return value
        for k, v in value.items():
            shown = repr(k)[:40] if isinstance(k, str | int) else _kind(k)
            key(k, f"{path}[{shown}]")
            val(v, f"{path}[{shown}]")
        return value

    return check


def _set(item: Checker) -> Checker:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, cabc.Set):
            raise _Bad("TYPE", path, f"expected a set, got {_kind(value)}")
        for x in value:
            item(x, f"{path}[{_kind(x)}]")
        return value

    return check


_LEAVES: dict[Any, Checker] = {
    int: _int,
    bool: _bool,
    str: _str,
    _dt.date: _date,
    Fraction: _fraction,
    object: _any,
    Any: _any,
    bytes: _instance(bytes),
}


def _checker(tp: Any, *, row: bool = False) -> Checker:
    """The checker of annotation ``tp`` (``row``: check only the container's shape)."""
    if tp in _LEAVES:
        return _LEAVES[tp]
    if isinstance(tp, TypeVar):
        return _checker(tp.__bound__) if tp.__bound__ is not None else _any
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        options = tuple(a for a in args if a is not type(None))
        return _union(tuple(_checker(a, row=row) for a in options), tp, len(options) < len(args))
    if origin is Literal:
        return _literal(args)
    if origin is typing.Annotated:
        return _checker(args[0], row=row)
    if origin is type:
        return _instance(type)
    if origin in (cabc.Callable,) or tp is cabc.Callable:
        return _callable
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence(_checker(args[0]), lazy=False, only_container=row, name=_name(tp))
        if not args:
            return _instance(tuple)
        return _fixed_tuple(tuple(_checker(a) for a in args), tp)
    if origin in (list, cabc.Sequence, cabc.Collection):
        item = _checker(args[0]) if args else _any
        return _sequence(item, lazy=False, only_container=row, name=_name(tp))
    if origin in (cabc.Iterable, cabc.Iterator):
        item = _checker(args[0]) if args else _any
        return _sequence(item, lazy=True, only_container=row, name=_name(tp))
    if origin in (dict, cabc.Mapping):
        return _mapping(*(_checker(a) for a in args)) if args else _mapping(_any, _any)
    if origin in (frozenset, set, cabc.Set):
        return _set(_checker(args[0]) if args else _any)
    if origin is os.PathLike or tp is os.PathLike:
        return _instance(os.PathLike)
    if isinstance(tp, type):
        if getattr(tp, "_is_protocol", False) and not getattr(tp, "_is_runtime_protocol", False):
            raise TypeError(f"cannot check against the protocol {tp.__name__}: make it runtime")
        if issubclass(tp, enum.Enum) or not getattr(tp, "__module__", "").startswith("typing"):
            return _instance(tp)
    raise TypeError(f"checked: no checker for the annotation {_name(tp)}")


def _resolve(fn: Callable[..., Any], annotation: Any) -> Any:
    """An annotation as a typing object (modules use ``from __future__ import annotations``)."""
    if not isinstance(annotation, str):
        return annotation
    namespace = dict(getattr(fn, "__globals__", {}))
    try:
        return eval(annotation, namespace)  # the module's own annotation text
    except NameError:
        # A name imported only for type checking (a module low in the import order naming
        # Policy): look it up among the library's public names, which exist by the first call.
        # (Imported by name: a static import of the package from here would put the package
        # and every module below it in one import cycle for type checkers.)
        package = importlib.import_module("huanjie_rules")
        public = {k: getattr(package, k) for k in package.__all__}
        return eval(annotation, {**public, **namespace})


_MISSING: Any = object()


def _fast_condition(tp: Any) -> str | None:
    """A Python expression over ``{x}`` that is false whenever the value surely passes.

    When it is true, the full checker runs (and raises, or passes an unusual but valid value
    such as a subclass). None: no quick test, the checker always runs.
    """
    if tp is int:
        return "(type({x}) is not int or not -_MAX_INT <= {x} <= _MAX_INT)"
    if tp is bool:
        return "({x} is not True and {x} is not False)"
    if tp is str:
        return "(type({x}) is not str or len({x}) > _MAX_STRING)"
    if tp is _dt.date:
        return "(type({x}) is not _date or not _MIN_DATE <= {x} <= _MAX_DATE)"
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) == 1:
            inner = _fast_condition(rest[0])
            if inner is not None:
                return "({x} is not None and " + inner + ")"
        return None
    if origin is Literal and all(type(a) is str for a in args):
        return "(type({x}) is not str or {x} not in " + repr(tuple(args)) + ")"
    if isinstance(tp, type) and origin is None and tp not in _LEAVES:
        return None  # an isinstance test by name, added by _generate
    return None


def _plain_class(tp: Any) -> bool:
    """A class tested by ``isinstance`` alone (not a leaf with limits, not a generic alias)."""
    return isinstance(tp, type) and get_origin(tp) is None and tp not in _LEAVES


def _generate(
    func: Callable[..., Any], rows: tuple[str, ...], skip: tuple[str, ...]
) -> Callable[..., Any]:
    """A function with ``func``'s parameters that checks them inline, then calls ``func``."""
    sig = inspect.signature(func)
    params = list(sig.parameters.values())
    if any(p.kind is p.POSITIONAL_ONLY for p in params):
        raise TypeError(f"checked: {func.__qualname__} has a signature it cannot wrap")
    env: dict[str, Any] = {
        "_func": func,
        "_MISSING": _MISSING,
        "_Bad": _Bad,
        "_MAX_INT": MAX_INT,
        "_MAX_STRING": _MAX_STRING,
        "_date": _dt.date,
        "_MIN_DATE": MIN_DATE,
        "_MAX_DATE": MAX_DATE,
        "_call_error": _call_error,
    }
    head: list[str] = []
    body: list[str] = []
    call: list[str] = []
    star = more = ""
    for i, p in enumerate(params):
        if p.kind is p.VAR_POSITIONAL:
            star = p.name
            head.append(f"*{p.name}")
            call.append(f"*{p.name}")
            continue
        if p.kind is p.VAR_KEYWORD:
            more = p.name
            continue
        x = f"_a{i}"  # never clashes with the globals above
        default = "_MISSING"
        if p.default is not p.empty:
            env[f"_d{i}"] = p.default
            default = f"_d{i}"
        if p.kind is p.KEYWORD_ONLY and not star:
            head.append("*_extra")
            star = "_extra"
        head.append(f"{p.name}={default}")
        body.append(f"    {x} = {p.name}")
        if p.default is p.empty:
            message = repr(f"needs the argument {p.name!r}")
            body.append(f"    if {x} is _MISSING: raise _call_error(_func, {message}, {p.name!r})")
        call.append(x if p.kind is not p.KEYWORD_ONLY else f"{p.name}={x}")
        if p.annotation is p.empty or p.name in skip or p.name in ("self", "cls"):
            continue
        tp = _resolve(func, p.annotation)
        check = _checker(tp, row=p.name in rows)
        if check is _any:
            continue
        env[f"_c{i}"] = check
        cond = _fast_condition(tp)
        if cond is None and _plain_class(tp):
            env[f"_t{i}"] = tp
            cond = "not isinstance({x}, _t" + str(i) + ")"
        elif cond is None and get_origin(tp) in (Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) == 1 and len(get_args(tp)) == 2 and _plain_class(rest[0]):
                env[f"_t{i}"] = rest[0]  # X | None
                cond = "({x} is not None and not isinstance({x}, _t" + str(i) + "))"
        if cond is None:
            body.append(f"    {x} = _c{i}({x}, {p.name!r})")
        else:
            body.append(f"    if {cond.format(x=x)}: {x} = _c{i}({x}, {p.name!r})")
    checks_extra: list[str] = []
    if not star:
        head.append("*_extra")
        star = "_extra"
    if star == "_extra":
        count = repr(f"takes at most {sum(1 for p in params if p.kind is not p.KEYWORD_ONLY)}")
        checks_extra.append(
            f"    if _extra: raise _call_error(_func, {count} + ' positional arguments', '')"
        )
    if more:
        head.append(f"**{more}")
        call.append(f"**{more}")
    else:
        head.append("**_more")
        checks_extra.append(
            "    if _more: raise _call_error(_func, 'has no argument ' + repr(next(iter(_more))),"
            " next(iter(_more)))"
        )
    lines = [
        f"def {func.__name__}({', '.join(head)}):",
        *checks_extra,
        "    try:",
        *("    " + line for line in body or ["    pass"]),
        "    except _Bad as bad:",
        "        raise bad.error() from None",
        f"    return _func({', '.join(call)})",
    ]
    namespace: dict[str, Any] = dict(env)
    exec("\n".join(lines), namespace)  # the checks of this signature, generated once
    generated: Callable[..., Any] = namespace[func.__name__]
    return generated


def _call_error(fn: Callable[..., Any], message: str, path: str) -> ArgumentError:
    return ArgumentError(f"{fn.__name__}() {message}", code="TYPE", path=path)


@typing.overload
def checked(fn: F, /) -> F: ...


@typing.overload
def checked(*, rows: tuple[str, ...] = (), skip: tuple[str, ...] = ()) -> Callable[[F], F]: ...


def checked(
    fn: F | None = None, /, *, rows: tuple[str, ...] = (), skip: tuple[str, ...] = ()
) -> F | Callable[[F], F]:
    """Decorate a public function so that its arguments are checked at entry (see module doc).

    The checks are generated on the first call (when every name the annotations use exists):
    a function with the same parameters whose body tests each argument inline.

    Args:
        rows: arguments whose items the function checks and reports itself, row by row.
        skip: arguments not checked here (a type the annotations cannot express, such as a
            numpy array, which the function checks itself).
    """

    def decorate(func: F) -> F:
        impl: list[Callable[..., Any]] = []
        _REGISTRY.append((impl, func, rows, skip))

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if impl:
                return impl[0](*args, **kwargs)
            impl.append(_generate(func, rows, skip))
            return impl[0](*args, **kwargs)

        wrapper.__huanjie_checked__ = (rows, skip)  # type: ignore[attr-defined]
        return typing.cast(F, wrapper)

    if fn is not None:
        return decorate(fn)
    return decorate


#: Every decorated function: its generated checks (once built), the function, rows, skip.
_REGISTRY: list[
    tuple[list[Callable[..., Any]], Callable[..., Any], tuple[str, ...], tuple[str, ...]]
] = []


@contextlib.contextmanager
def _without_checks() -> Iterator[None]:
    """For measurement only (benchmarks/run.py): every decorated function calls its body
    directly inside the block, so the cost of the checks is the difference. Not thread-safe."""
    saved = []
    for impl, func, _rows, _skip in _REGISTRY:
        saved.append(list(impl))
        impl[:] = [func]
    try:
        yield
    finally:
        for (impl, _, _, _), old in zip(_REGISTRY, saved, strict=True):
            impl[:] = old


def unchecked(fn: F) -> F:
    """The body of a function decorated with :func:`checked`, without its entry checks.

    For the library's own callers only: the values they pass are the library's own, checked
    where they came in (a rule calling ``age_on`` with a candidate's birth date), and the checks
    of every inner call would cost more than the rule itself.
    """
    func = getattr(fn, "__func__", fn)
    body = getattr(func, "__wrapped__", None)
    if body is None or not is_checked(func):
        raise TypeError(f"{fn!r} is not decorated with @checked")
    return typing.cast(F, body)


def is_checked(fn: object) -> bool:
    """True if ``fn`` checks its arguments at entry (a test asserts it of every public function)."""
    func = getattr(fn, "__func__", fn)  # a classmethod or staticmethod's function
    return bool(getattr(func, "__huanjie_checked__", False))


def prepare(fn: object) -> None:
    """Build ``fn``'s checkers now (tests call it for every public function: an annotation the
    checker cannot read is found at once, not on a user's first call)."""
    func = getattr(fn, "__func__", fn)
    wrapped = getattr(func, "__wrapped__", None)
    if wrapped is None or not is_checked(func):
        raise TypeError(f"{fn!r} is not decorated with @checked")
    rows, skip = getattr(func, "__huanjie_checked__")  # noqa: B009
    _generate(wrapped, rows, skip)
