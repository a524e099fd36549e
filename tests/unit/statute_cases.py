"""Reading and checking the golden cases of the rules around the vote (tests/cases/*.toml).

A case file holds named elections (``[election.<name>]``, read with ``from_dict`` into
:class:`~huanjie_rules.model.Election`) and cases::

    [[case]]
    id = "zj-village-work-exactly-one-year"
    cite = "浙江办法第十三条: 在本村从事村务工作一年以上"
    function = "check_registration"
    profile = "zhejiang-village-2020"
    election = "village"
    args = { registrant = { person = { name = "林芳", gender = "FEMALE", birth_date = 1990-05-01 }, … } }
    expect = { action = "ADD", codes = ["REGISTERED_ON_GROUND"] }

Arguments whose name the function's table knows are read into their record type with
``from_dict``; enum arguments by value; the rest pass as they are. Every key of ``expect`` is
compared with the attribute of the result of that name (enums by value, tuples as lists,
fractions as "a/b"); ``codes`` is the verdict's codes, ``worst`` the worst severity, and for a
single finding ``code``/``severity``/``limit``/``observed`` are its fields.
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from huanjie_rules.findings import Finding, Verdict, worst_severity
from huanjie_rules.io import from_dict
from huanjie_rules.model import Election
from huanjie_rules.policy import load_policy

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"


def load_cases(*names: str) -> list[dict[str, Any]]:
    """Every case of the named case files, each with its file's elections attached."""
    cases: list[dict[str, Any]] = []
    for name in names:
        path = CASES_DIR / f"{name}.toml"
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        elections = data.get("election", {})
        for case in data["case"]:
            case["_file"] = path.name
            case["_elections"] = elections
            cases.append(case)
    return cases


def election_of(case: Mapping[str, Any]) -> Election:
    raw = dict(case["_elections"][case["election"]])
    raw.setdefault("policy_id", case["profile"])
    return from_dict(_jsonish(raw), Election)


def build_args(case: Mapping[str, Any], types: Mapping[str, Any]) -> dict[str, Any]:
    """The case's arguments, read into the types the function's table gives."""
    out: dict[str, Any] = {}
    for key, value in case.get("args", {}).items():
        tp = types.get(key)
        if tp is None:
            out[key] = value
        elif isinstance(tp, tuple):  # (record type,) marks a sequence of records
            (item_tp,) = tp
            out[key] = [_one(v, item_tp) for v in value]
        else:
            out[key] = _one(value, tp)
    return out


def _one(value: Any, tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if tp is Fraction:
        return Fraction(value)
    if isinstance(tp, type) and attrs.has(tp):
        return from_dict(_jsonish(value), tp)
    return tp(value)


def _jsonish(value: Any) -> Any:
    """TOML values as JSON would hold them (dates as ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonish(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonish(v) for v in value]
    return value


def normal(value: Any) -> Any:
    """A result value in the form the case files write it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, tuple | list | frozenset):
        return [normal(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: normal(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


def check(result: Any, expect: Mapping[str, Any], case_id: str) -> None:
    for key, want in expect.items():
        if key == "codes":
            got: Any = list(result.codes())
        elif key == "worst":
            findings = result.findings if isinstance(result, Verdict) else [result]
            worst = worst_severity(findings)
            got = worst.value if worst else None
        elif key == "status":
            got = result.status.value
        elif key == "has_codes":
            codes = set(result.codes())
            missing = set(want) - codes
            assert not missing, f"{case_id}: missing codes {missing} in {sorted(codes)}"
            continue
        else:
            got = normal(getattr(result, key))
        if isinstance(want, dt.date) or isinstance(got, dt.date):
            assert got == want, f"{case_id}: {key} is {got!r}, expected {want!r}"
        else:
            assert got == normal(want), f"{case_id}: {key} is {got!r}, expected {want!r}"


def run(
    case: Mapping[str, Any],
    functions: Mapping[str, tuple[Callable[..., Any], Mapping[str, Any]]],
) -> Any:
    """Call the case's function with its profile, election (if any) and arguments."""
    func, types = functions[case["function"]]
    policy = load_policy(case["profile"])
    args = build_args(case, types)
    if "election" in case:
        args["election"] = election_of(case)
    return func(policy=policy, **args)


def finding_of(result: Any) -> Finding:
    assert isinstance(result, Finding)
    return result
