"""Golden cases for quotas and apportionment, read from tests/cases/quotas_*.toml.

Each case names the function, the profile, the arguments and the expected values, and cites the
article it rests on (``cite``). Enum arguments are given by their value, fractions as "a/b".
"""

from __future__ import annotations

import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from huanjie_rules.apportion import Apportionment, ApportionMethod, apportion
from huanjie_rules.model import BodyKind, Division, ElectionForm, Level, Office
from huanjie_rules.policy import load_policy
from huanjie_rules.quotas import (
    assembly_form,
    check_margin,
    committee_size,
    delegate_count,
    deputy_quota,
    margin_bounds,
)

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"
FILES = sorted(CASES_DIR.glob("quotas_*.toml"))

_ENUM_ARGS: dict[str, Any] = {
    "office": Office,
    "form": ElectionForm,
    "proposed_form": ElectionForm,
    "level": Level,
    "division": Division,
    "body": BodyKind,
    "method": ApportionMethod,
}


def _load() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in FILES:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for case in data["case"]:
            case["_file"] = path.name
            cases.append(case)
    return cases


CASES = _load()


def _args(function: str, raw: dict[str, Any]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _ENUM_ARGS:
            args[key] = _ENUM_ARGS[key](value)
        elif key == "proposed" and function == "assembly_form":
            args[key] = ElectionForm(value)  # type: ignore[call-arg]
        elif key == "previous_margin":
            args[key] = Fraction(value)
        elif key == "weights":
            args[key] = [(k, w) for k, w in value]
        else:
            args[key] = value
    return args


def _run(case: dict[str, Any]) -> Any:
    policy = load_policy(case["profile"])
    args = _args(case["function"], case.get("args", {}))
    function = case["function"]
    if function == "assembly_form":
        return assembly_form(policy, **args)
    if function == "delegate_count":
        return delegate_count(policy, **args)
    if function == "margin_bounds":
        return margin_bounds(policy, args.pop("office"), args.pop("seats"), **args)
    if function == "check_margin":
        return check_margin(
            policy, args.pop("office"), args.pop("seats"), args.pop("candidates"), **args
        )
    if function == "committee_size":
        return committee_size(policy, args.pop("body"), **args)
    if function == "deputy_quota":
        return deputy_quota(policy, args.pop("level"), args.pop("population"), **args)
    if function == "apportion":
        return apportion(policy, args.pop("weights"), args.pop("seats"), **args)
    raise AssertionError(f"unknown function {function}")


def _shown(value: Any) -> Any:
    """Normalise a result value for comparison with TOML data ("" stands for None)."""
    if value is None:
        return ""
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, tuple):
        return [_shown(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return str(value)


def _actual(result: Any, key: str) -> Any:
    if key == "codes":
        return list(result.codes())
    if key == "ok":
        return result.ok
    if key == "worst":
        return "" if result.worst is None else result.worst.value
    if key == "feasible":
        return result.feasible
    if key == "band_about":
        return "" if result.band is None else result.band.about
    if isinstance(result, Apportionment):
        if key == "allocation":
            return result.allocation
        if key == "quotas":
            return {u.key: str(u.quota) for u in result.units}
        if key == "raised":
            return [u.key for u in result.units if u.raised_to_minimum]
        if key == "tie_units":
            return [] if result.tie is None else list(result.tie.units)
        if key == "tie_seats":
            return 0 if result.tie is None else result.tie.seats
    if key in {"surplus", "margin"} or hasattr(result, key):
        return _shown(getattr(result, key))
    raise AssertionError(f"no field {key!r} on {type(result).__name__}")


def test_every_case_cites_its_basis() -> None:
    assert FILES, "no golden case files found"
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for case in CASES:
        assert case.get("cite", "").strip(), f"{case['id']} has no citation"
        assert case.get("expect"), f"{case['id']} expects nothing"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    result = _run(case)
    for key, expected in case["expect"].items():
        actual = _actual(result, key)
        assert actual == expected, f"{case['id']} ({case['cite']}): {key} is {actual!r}"
