"""Fuzzing the JSON reader over every record type: only the library's errors, never a hang.

Three kinds of input, each bounded (``HUANJIE_FUZZ_EXAMPLES`` examples per test, 40 by default;
a per-call time limit of ``HUANJIE_FUZZ_TIME_LIMIT`` seconds): arbitrary JSON values, valid
records with one value replaced by a hostile one (a huge number, a fraction with an exponent, a
deep array, an ID number, a wrong kind), and the text of a valid record cut, doubled or spliced.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from fuzz_support import RECORD_TYPES, json_target, only_library_errors, sample_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huanjie_rules.io import from_dict, from_json, to_dict

EXAMPLES = int(os.environ.get("HUANJIE_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["1e999999999", "4/5", "2021-02-29", "FEMALE", "女", "大学", "9" * 60]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)

HOSTILE_JSON: list[Any] = [
    None,
    True,
    -1,
    0,
    10**40,
    2**63,
    1.5,
    "",
    "1e999999999",
    "1/0",
    "0.5e3",
    "9" * 45,
    "11010519491231002X",
    "9999-12-31",
    "0001-01-01",
    [],
    {},
    [[[[[[[[[[[]]]]]]]]]]],
    {"fraction": "1e99999"},
    {"date": "2021-13-01"},
    "x" * 1000,
]


def _valid_records() -> dict[type, list[dict[str, Any]]]:
    out: dict[type, list[dict[str, Any]]] = {}
    for value in sample_values():
        cls = type(value)
        if cls in RECORD_TYPES and len(out.setdefault(cls, [])) < 2:
            out[cls].append(to_dict(value, reveal_ids=True))
    return out


VALID = _valid_records()
MUTABLE = sorted(VALID, key=lambda c: c.__name__)


def test_the_fuzzer_reaches_the_core_record_types() -> None:
    # Arbitrary JSON reaches every record type; mutations start from the types the sample flows
    # produce (the core: model, results of screening, quotas, votes, procedure, policy).
    names = {c.__name__ for c in MUTABLE}
    assert {"Election", "Person", "Tally", "Outcome", "Eligibility", "Policy"} <= names
    assert len(MUTABLE) >= 40, sorted(names)


@FUZZ
@given(st.sampled_from(RECORD_TYPES), json_values)
def test_arbitrary_json_values(cls: type, value: Any) -> None:
    only_library_errors(from_json, json.dumps(value), cls)
    if isinstance(value, dict):
        only_library_errors(from_dict, value, cls, labels=True)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths(v, (*prefix, i))
    return found


def _replace(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in data.items()}
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(data)]


@st.composite
def mutated_records(draw: st.DrawFn) -> tuple[type, Any]:
    cls = draw(st.sampled_from(MUTABLE))
    data = draw(st.sampled_from(VALID[cls]))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_paths(data)))
        new = draw(st.sampled_from(HOSTILE_JSON) | json_values)
        data = _replace(data, path, new)
    return cls, data


@FUZZ
@given(mutated_records())
def test_valid_records_with_hostile_values(case: tuple[type, Any]) -> None:
    cls, data = case
    only_library_errors(from_json, json.dumps(data, ensure_ascii=False), cls)
    if isinstance(data, dict):
        only_library_errors(from_dict, data, cls)


@FUZZ
@given(st.sampled_from(MUTABLE), st.data())
def test_spliced_text(cls: type, data: st.DataObject) -> None:
    text = json.dumps(data.draw(st.sampled_from(VALID[cls])), ensure_ascii=False)
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    kind = data.draw(st.sampled_from(["cut", "double", "splice", "bytes"]))
    if kind == "cut":
        mutated: str | bytes = text[:cut]
    elif kind == "double":
        # the key at the cut given twice: JSON readers disagree on which value wins
        mutated = text[:cut] + text[cut:].replace(",", ", " + text[1 : text.find(",")] + ",", 1)
    elif kind == "splice":
        mutated = text[:cut] + data.draw(st.text(max_size=8)) + text[cut:]
    else:
        raw = text.encode()
        mutated = raw[:cut] + data.draw(st.binary(max_size=4)) + raw[cut:]
    only_library_errors(from_json, mutated, cls)


@FUZZ
@given(st.binary(max_size=200))
def test_raw_bytes(data: bytes) -> None:
    json_target(data)


@pytest.mark.parametrize("depth", [100, 10_000])
def test_deep_input_in_every_record_type(depth: int) -> None:
    text = "[" * depth + "]" * depth
    for cls in RECORD_TYPES:
        only_library_errors(from_json, '{"a": ' + text + "}", cls)
