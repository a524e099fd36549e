"""The boundary rule: every public function checks its arguments at entry.

Regression tests for what a hostile or careless caller found: AttributeError/TypeError on a
wrong-typed argument, bool flags read by truthiness (``approved="no"`` counted as approved),
dates near 0001/9999 raising OverflowError.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import huanjie_rules
from huanjie_rules import (
    ArgumentError,
    assembly_form,
    check_term_shift,
    load_policy,
    screen,
    tally_ballots,
)
from huanjie_rules._args import is_checked, prepare
from huanjie_rules.examples.demo import load_example

#: Modules whose functions are helpers for tests and demos, not the library's API, and the edges
#: (command line, HTTP service) whose frameworks read their own input before calling the API.
NOT_API = (".testing", ".examples", ".cli", ".server")


def public_modules() -> list[str]:
    found = ["huanjie_rules"]
    for info in pkgutil.walk_packages(huanjie_rules.__path__, "huanjie_rules."):
        parts = info.name.split(".")[1:]
        if any(p.startswith("_") for p in parts) or any(s in info.name for s in NOT_API):
            continue
        found.append(info.name)
    return found


def public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public function, and every public method taking arguments of a public class."""
    seen: set[int] = set()
    for name in public_modules():
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if id(obj) in seen or not getattr(obj, "__module__", "").startswith("huanjie_rules"):
                continue
            seen.add(id(obj))
            if inspect.isfunction(obj):
                yield f"{obj.__module__}.{obj.__name__}", obj
            elif inspect.isclass(obj) and not issubclass(obj, enum.Enum | BaseException):
                if getattr(obj, "_is_protocol", False):
                    continue
                for meth_name, meth in vars(obj).items():
                    fn = getattr(meth, "__func__", meth)
                    if meth_name.startswith("_") or not inspect.isfunction(fn):
                        continue
                    params = inspect.signature(fn).parameters
                    if any(p not in ("self", "cls") for p in params):
                        yield f"{obj.__module__}.{obj.__qualname__}.{meth_name}", fn


CALLABLES = sorted(public_callables())

#: Functions the decorator cannot wrap (they sit below it in the import order) and that check
#: their arguments themselves; each has a test of its own.
CHECKED_BY_HAND = {
    "huanjie_rules.limits.parse_fraction",
    # a profile's lookups: the rules' most frequent calls (tested below)
    *(
        f"huanjie_rules.policy._types.Policy.{m}"
        for m in ("in_force", "require_in_force", "param", "citation")
    ),
    *(
        f"huanjie_rules.policy._types.Policy.get_{k}"
        for k in ("int", "fraction", "bool", "str", "date", "range", "strings", "table", "tables")
    ),
    # any name is answered: the value or the default
    "huanjie_rules.policy._types.ParamTable.get",
}


def test_the_public_api_is_found() -> None:
    names = {n.rsplit(".", 1)[-1] for n, _ in CALLABLES}
    assert {"screen", "decide", "apportion", "from_json", "load_policy", "get_int"} <= names
    assert len(CALLABLES) > 100


@pytest.mark.parametrize(("name", "fn"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_every_public_callable_checks_its_arguments(name: str, fn: Callable[..., Any]) -> None:
    # Problem and HuanjieError sit below the decorator in the import order; their methods
    # check their arguments by hand (and the fuzz tests call them).
    if name.startswith("huanjie_rules.errors."):
        return
    if name in CHECKED_BY_HAND:
        return
    assert is_checked(fn), f"{name}: decorate it with @checked"
    prepare(fn)  # every annotation can be checked


@pytest.fixture(scope="module")
def example() -> tuple[Any, Any]:
    election, _ = load_example()
    return election, load_policy(election.policy_id)


@pytest.mark.parametrize("flag", ["no", "", 0, 1, None, "False"])
def test_bool_flags_are_never_read_by_truthiness(flag: object) -> None:
    policy = load_policy("party-basic-2020")
    with pytest.raises(ArgumentError) as info:
        check_term_shift(dt.date(2021, 1, 1), dt.date(2021, 6, 1), policy, approved=flag)  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("TYPE", "approved")
    with pytest.raises(ArgumentError) as info:
        assembly_form(policy, 60, approved=flag)  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("TYPE", "approved")


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (("not a candidate", "E", "P"), "candidate"),
        ((None, None, None), "candidate"),
    ],
)
def test_a_wrong_typed_argument_names_itself(args: tuple[Any, ...], path: str) -> None:
    with pytest.raises(ArgumentError) as info:
        screen(*args)
    assert (info.value.code, info.value.path) == ("TYPE", path)


def test_items_of_a_list_are_checked_with_their_index(example: tuple[Any, Any]) -> None:
    election, policy = example
    with pytest.raises(ArgumentError) as info:
        screen(election.candidates[0], election, policy, checks=["age", 5])  # type: ignore[list-item]
    assert (info.value.code, info.value.path) == ("TYPE", "checks[1]")


def test_items_of_a_stream_are_checked_as_they_are_drawn(example: tuple[Any, Any]) -> None:
    from huanjie_rules import paper_for

    election, policy = example
    paper = paper_for(election, policy)
    with pytest.raises(ArgumentError) as info:
        tally_ballots(paper, (b for b in ["a ballot"]), policy, issued=1)  # type: ignore[misc]
    assert (info.value.code, info.value.path) == ("TYPE", "ballots[0]")


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1799, 12, 31)])
def test_dates_near_the_ends_of_the_calendar_are_a_limit(day: dt.date) -> None:
    from huanjie_rules import add_workdays, default_calendar, term_end

    policy = load_policy("party-basic-2020")
    with pytest.raises(ArgumentError) as info:
        term_end(day, policy, years=5)
    assert (info.value.code, info.value.path) == ("LIMIT", "start")
    with pytest.raises(ArgumentError):
        add_workdays(day, 5, default_calendar())


def test_an_oversized_integer_is_a_limit() -> None:
    from huanjie_rules import apportion

    policy = load_policy("npc-2020")
    with pytest.raises(ArgumentError) as info:
        apportion(policy, {"a": 1, "b": 2}, 10**20)
    assert (info.value.code, info.value.path) == ("LIMIT", "seats")
    with pytest.raises(ArgumentError) as info:
        apportion(policy, {"a": 10**50}, 3)
    assert (info.value.code, info.value.path) == ("LIMIT", "weights['a']")


def test_a_datetime_is_not_a_date() -> None:
    from huanjie_rules import age_on

    with pytest.raises(ArgumentError) as info:
        age_on(dt.datetime(1990, 1, 1), dt.date(2021, 1, 1))
    assert (info.value.code, info.value.path) == ("TYPE", "birth")


def test_wrong_arity_and_unknown_keywords_are_argument_errors(example: tuple[Any, Any]) -> None:
    election, policy = example
    cand = election.candidates[0]
    with pytest.raises(ArgumentError) as info:
        screen(cand, election, policy, colour="red")  # type: ignore[call-arg]
    assert info.value.path == "colour"
    with pytest.raises(ArgumentError):
        screen(cand, election, policy, None)  # type: ignore[call-arg]
    with pytest.raises(ArgumentError) as info:
        screen(cand, election)  # type: ignore[call-arg]
    assert info.value.path == "policy"
    with pytest.raises(ArgumentError) as info:
        check_term_shift(dt.date(2021, 1, 1), dt.date(2021, 6, 1), policy)  # type: ignore[call-arg]
    assert info.value.path == "approved"


def test_an_argument_error_is_both_a_value_and_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected Candidate"):
        screen(1, 2, 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected Candidate"):
        screen(1, 2, 3)  # type: ignore[arg-type]


def test_a_valid_call_is_unchanged(example: tuple[Any, Any]) -> None:
    election, policy = example
    cand = election.candidates[0]
    assert screen(cand, election, policy) == screen.__wrapped__(cand, election, policy)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [5, None, ["rights.min_age"], b"rights.min_age"])
def test_a_profiles_lookups_check_their_argument_by_hand(name: object) -> None:
    policy = load_policy("village-2018")
    for lookup in (policy.param, policy.get_int, policy.citation):
        with pytest.raises(ArgumentError) as info:
            lookup(name)  # type: ignore[arg-type]
        assert (info.value.code, info.value.path) == ("TYPE", "name")
    with pytest.raises(ArgumentError):
        policy.in_force(name)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError):
        policy.require_in_force(dt.datetime(2021, 1, 1))
