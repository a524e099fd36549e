"""Fuzzing every public function and constructor with wrong-typed and extreme arguments.

Each parameter gets either a real value of the library's types (from its own flows on the
example data, so calls reach deep into the rules) or a hostile one (None, huge numbers, NaN,
dates at the ends of the calendar, a datetime for a date, "1e999999999", a 200,000-character
string, an ID number, containers of the wrong kind). Only the library's errors may escape, and no
call may run past the time limit.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fuzz_support import HOSTILE, only_library_errors, public_callables, sample_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("HUANJIE_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

#: Callables that are not the rules' API: they run code the caller passes in or print.
NOT_FUZZED = {
    "huanjie_rules.calendar.ChineseCalendarAdapter",  # reads the optional holiday package
}

CALLABLES = [(n, f) for n, f in public_callables() if n not in NOT_FUZZED]
SAMPLES: list[Any] = sample_values()

# An exception raised in a destructor (a half-built workbook over an object that cannot be
# written) escapes the caller as surely as a raised one.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")


def _arguments(fn: Callable[..., Any]) -> list[inspect.Parameter]:
    target = fn.__init__ if inspect.isclass(fn) else fn
    target = getattr(target, "__wrapped__", target)
    params = list(inspect.signature(target).parameters.values())
    return [
        p
        for p in params
        if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


def _owner(fn: Callable[..., Any]) -> type | None:
    """The class a method is defined in, if ``fn`` is a method."""
    if inspect.isclass(fn) or "." not in fn.__qualname__:
        return None
    cls_name = fn.__qualname__.split(".")[0]
    module = inspect.getmodule(fn)
    owner = getattr(module, cls_name, None)
    return owner if isinstance(owner, type) else None


@st.composite
def calls(draw: st.DrawFn, name: str, fn: Callable[..., Any]) -> tuple[Any, dict[str, Any]]:
    values = st.sampled_from(SAMPLES) | st.sampled_from(HOSTILE)
    kwargs: dict[str, Any] = {}
    for p in _arguments(fn):
        if p.default is not p.empty and draw(st.booleans()):
            continue  # leave the default
        kwargs[p.name] = draw(values)
    owner = _owner(fn)
    receiver = None
    if owner is not None:
        instances = [v for v in SAMPLES if isinstance(v, owner)]
        receiver = draw(st.sampled_from(instances)) if instances else None
    return receiver, kwargs


def _call(fn: Callable[..., Any], receiver: Any, kwargs: dict[str, Any]) -> None:
    target = fn if _owner(fn) is None else getattr(receiver, fn.__name__)
    try:
        only_library_errors(target, **kwargs)
    except Exception as exc:  # report it briefly: the example itself is printed by hypothesis
        shown = {k: type(v).__name__ for k, v in kwargs.items()}
        raise AssertionError(
            f"{fn.__qualname__}({shown}) raised {type(exc).__name__}: {str(exc)[:300]}"
        ) from None


@pytest.mark.parametrize(("name", "fn"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_only_library_errors_escape(
    name: str, fn: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a writer given a hostile relative path writes it here
    owner = _owner(fn)
    # A method is fuzzed on real instances: a class without one in the samples is a gap in
    # fuzz_support.sample_values, not a reason to skip.
    assert owner is None or any(isinstance(v, owner) for v in SAMPLES), (
        f"no sample value of {owner.__name__} in fuzz_support.sample_values"
    )

    @FUZZ
    @given(calls(name, fn))
    def run(call: tuple[Any, dict[str, Any]]) -> None:
        receiver, kwargs = call
        _call(fn, receiver, kwargs)

    run()


def test_every_public_callable_is_fuzzed() -> None:
    assert len(CALLABLES) > 150
