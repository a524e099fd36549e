"""JSON round trip is the identity for every public model type, over the public strategies."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie_rules import (
    Ballot,
    Candidate,
    Citation,
    Education,
    Election,
    Eligibility,
    Finding,
    IdNumber,
    Office,
    Person,
    Policy,
    Seat,
    Vetting,
    list_policies,
    load_policy,
)
from huanjie_rules.io import SCHEMA_VERSION, from_dict, from_json, to_dict, to_json
from huanjie_rules.model import Attestation, PreCheck, RecordFact, StaffMember, Vote, WriteIn
from huanjie_rules.testing import model as m

CASES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Person, m.persons()),
    (Education, m.educations()),
    (Candidate, m.candidates()),
    (Vetting, m.vettings()),
    (RecordFact, m.record_facts()),
    (Attestation, m.attestations()),
    (PreCheck, m.prechecks()),
    (Seat, m.seats()),
    (StaffMember, m.staff_members(("甲", "乙"))),
    (Election, m.elections()),
    (Vote, m.votes()),
    (WriteIn, m.write_ins()),
    (Ballot, m.ballots()),
    (Citation, m.citations()),
    (Finding, m.findings()),
    (Eligibility, m.eligibilities()),
]


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[c.__name__ for c, _ in CASES])
@given(data=st.data())
def test_json_round_trip_is_identity(
    cls: type[Any], strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    obj = data.draw(strategy)
    text = to_json(obj, reveal_ids=True)
    back = from_json(text, cls)
    assert back == obj
    assert to_json(back, reveal_ids=True) == text  # deterministic bytes
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION


@given(m.persons())
def test_ids_are_masked_by_default(person: Person) -> None:
    text = to_json(person)
    if person.id_number is not None:
        assert person.id_number.reveal() not in text


@given(m.elections())
def test_no_float_in_serialized_models(election: Election) -> None:
    def walk(x: object) -> None:
        assert not isinstance(x, float)
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(to_dict(election))


@given(st.sampled_from((False, True, None)).flatmap(lambda legacy: m.id_numbers(legacy=legacy)))
def test_generated_id_numbers_are_valid(n: IdNumber) -> None:
    assert n.checksum_ok() and n.problems() == ()


@pytest.mark.parametrize("pid", sorted(list_policies()))
def test_policy_round_trip(pid: str) -> None:
    policy = load_policy(pid)
    assert from_dict(to_dict(policy), Policy) == policy


def test_chinese_is_written_as_utf8() -> None:
    text = to_json(load_policy("party-basic-2020"))
    assert "中国共产党" in text and "\\u" not in text


def test_unknown_schema_version_is_refused() -> None:
    from huanjie_rules.errors import SchemaVersionError

    data = to_dict(Seat(office=Office.MEMBER, count=2))
    data["schema_version"] = 99
    with pytest.raises(SchemaVersionError) as info:
        from_dict(data, Seat)
    assert info.value.path == "schema_version"


def test_structuring_errors_carry_paths() -> None:
    from huanjie_rules import InvalidDataError

    bad = {
        "key": "e",
        "regime": "NPC",
        "policy_id": "npc-2020",
        "body": "PEOPLES_CONGRESS",
        "level": "COUNTY",
        "form": "DIRECT_VOTERS",
        "date": "2021-11-01",
        "seats": [{"office": "NPC_DEPUTY", "count": 0}, {"office": "NOPE", "count": 1}],
        "entitled_voters": -10,
        "candidates": [
            {
                "person": {"name": "", "gender": "MALE", "birth_date": "1980-02-30"},
                "office": "NPC_DEPUTY",
            }
        ],
        "surplus": 1,
    }
    with pytest.raises(InvalidDataError) as info:
        from_dict(bad, Election)
    paths = set(info.value.paths)
    assert {"seats[0].count", "seats[1].office", "candidates[0].person.birth_date"} <= paths
    # an unknown key is reported at its own path
    assert "surplus" in paths
    # the outer record's own rule on a field that did structure is reported too
    assert "entitled_voters" in paths


def _param_dict(kind: str) -> dict[str, Any]:
    policy = load_policy("party-basic-2020")
    return to_dict(next(p for p in policy if p.type == kind))


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("strings", "abc"),  # was read as ("a", "b", "c")
        ("strings", [1, 2]),  # was read as ("1", "2")
        ("fraction", 0.8),  # a float is never exact
        ("fraction", {"fraction": 0.8}),
        ("fraction", "1/0"),
        ("date", "20200713"),  # only the YYYY-MM-DD form this library writes
        ("range", {"min": 1, "max": 2, "maxx": 3}),
        ("range", [1, 2]),
    ],
)
def test_parameter_values_are_read_without_coercion(kind: str, value: object) -> None:
    from huanjie_rules import InvalidDataError, Parameter

    data = _param_dict("int")
    data.update(type=kind, value=value)
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Parameter)
    assert all(p.path.startswith("value") for p in info.value.problems), info.value


def test_parameter_problems_carry_their_paths_and_codes() -> None:
    from huanjie_rules import InvalidDataError, Parameter

    data = _param_dict("int")
    data["bogus"] = 1
    del data["rule_id"]
    data["citation"]["effective_from"] = 5
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Parameter)
    assert [(p.code, p.path) for p in info.value.problems] == [("UNKNOWN_KEY", "")]
    del data["bogus"]
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Parameter)
    assert sorted((p.code, p.path) for p in info.value.problems) == [
        ("MISSING", "rule_id"),
        ("TYPE", "citation.effective_from"),
    ]
    policy = to_dict(load_policy("village-2018"))
    policy["parameters"][2]["citation"]["title"] = 7
    with pytest.raises(InvalidDataError) as info:
        from_dict(policy, Policy)
    assert info.value.paths == ["parameters[2].citation.title"]


def test_tagged_scalars_are_strict() -> None:
    from huanjie_rules import InvalidDataError

    data = to_dict(_finding())
    for bad in ({"fraction": 0.5}, {"date": 20200101}, {"date": "2020-W01-1"}, {"x": "1"}, 1.5):
        data["observed"] = bad
        with pytest.raises(InvalidDataError) as info:
            from_dict(data, Finding)
        assert info.value.paths == ["observed"], bad


def _finding() -> Finding:
    from huanjie_rules.findings import Message, Severity

    return Finding.build(
        code="X",
        severity=Severity.INFO,
        rule_id="R",
        citation=Citation(instrument="I", title="t"),
        message=Message(zh="{observed}", en="{observed}"),
        observed=1,
    )


def test_param_tables_read_back_equal_whatever_order_they_were_built_in() -> None:
    from huanjie_rules import InvalidDataError
    from huanjie_rules.policy import ParamTable

    table = ParamTable(fields=(("b", 1), ("a", Fraction(1, 3)), ("c", ("x",))))
    assert [k for k, _ in table.fields] == ["a", "b", "c"]
    assert from_json(to_json(table), ParamTable) == table
    with pytest.raises(InvalidDataError) as info:
        ParamTable(fields=(("a", 1), ("a", 2)))  # would be written as {"a": 2}
    assert [p.code for p in info.value.problems] == ["DUPLICATE"]
    with pytest.raises(InvalidDataError) as info:
        from_dict({"a": 1.5, "b": {"c": 1}}, ParamTable)
    assert sorted(info.value.paths) == ["a", "b"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("count", 2.9),  # cattrs' int() truncated it to 2
        ("count", "3"),
        ("count", True),
        ("office", 3),
    ],
)
def test_json_numbers_strings_and_booleans_are_not_coerced(field: str, value: object) -> None:
    from huanjie_rules import InvalidDataError

    data: dict[str, Any] = {"office": "MEMBER", "count": 2, field: value}
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Seat)
    assert info.value.paths == [field]


@pytest.mark.parametrize(("field", "value"), [("circled", "false"), ("circled", 0), ("name", 5)])
def test_write_in_fields_are_not_coerced(field: str, value: object) -> None:
    from huanjie_rules import InvalidDataError

    data: dict[str, Any] = {"name": "王五", field: value}
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, WriteIn)  # "false" was read as True, 5 as "5"
    assert info.value.paths == [field]
