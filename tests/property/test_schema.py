"""The published JSON Schemas agree with the JSON the library writes and reads.

- every schema is a valid 2020-12 schema, and the shipped files are the generated ones;
- every document the library writes (over the public strategies and the rule functions' results)
  validates against its type's schema, masked or with ID numbers revealed;
- a document that a schema rejects is refused by ``from_dict`` too: mutations of written
  documents (a value of another kind, a key removed or added, a bad code, date or fraction) are
  sampled, and none that the schema rejects is read.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_public_roundtrip import _walk, produced_values

from huanjie_rules import HuanjieError, Office, Turnout
from huanjie_rules.io import from_dict, to_dict
from huanjie_rules.io.schema import (
    DIALECT,
    UnknownTypeError,
    load_schema,
    schema_for,
    schema_text,
    schema_types,
)
from huanjie_rules.testing import model as m
from huanjie_rules.testing.votes import paper_and_ballots

Validator = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def validators() -> dict[str, Any]:
    return {
        name: Validator(load_schema(name), format_checker=Validator.FORMAT_CHECKER)
        for name in schema_types()
    }


def request_examples() -> list[Any]:
    """Documents of the command line and the service, built from the rule functions' results."""
    from huanjie_rules import (
        Ballot,
        BallotEntry,
        BallotPaper,
        Choice,
        Seat,
        Vote,
        judge_ballot,
        load_policy,
    )
    from huanjie_rules.io import calls

    paper = BallotPaper(
        election="e",
        seats=[Seat(office=Office.MEMBER, count=1)],
        entries=[BallotEntry(office=Office.MEMBER, person="甲")],
    )
    ballot = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)])
    judged = judge_ballot(paper, ballot, load_policy("party-basic-2020"))
    import datetime as dt

    from huanjie_rules import Problem
    from huanjie_rules.io.requests import RosterBatch
    from huanjie_rules.io.tables import screen_roster

    rows = [
        {
            "姓名": "赵六",
            "性别": "男",
            "民族": "汉族",
            "出生日期": "1960.05.01",
            "政治面貌": "中共党员",
            "拟任职务": "书记、主任",
            "是否连任": "否",
        },
        {"姓名": "钱七", "性别": "女", "出生日期": "大约1980年", "拟任职务": "村委会委员"},
    ]
    roster = RosterBatch(screens=[screen_roster(rows, "xzhen-2021", on=dt.date(2021, 3, 1))])
    problem = Problem("RANGE", "count", "must be at least 1, got 0")
    return [*calls.examples(), judged, problem, roster]


@pytest.fixture(scope="module")
def examples() -> dict[str, Any]:
    by_name: dict[str, Any] = {}
    for value in [*produced_values(), *request_examples()]:
        for item in _walk(value):
            by_name.setdefault(type(item).__name__, item)
    return by_name


@pytest.mark.parametrize("name", sorted(schema_types()))
def test_schema_is_valid_2020_12_and_shipped_fresh(name: str) -> None:
    shipped = load_schema(name)
    Validator.check_schema(shipped)
    assert shipped["$schema"] == DIALECT
    assert json.dumps(shipped, ensure_ascii=False, indent=2) + "\n" == schema_text(
        schema_types()[name]
    ), f"{name}.schema.json is stale: run python3 tasks.py docs"


def test_unknown_type_is_a_library_error() -> None:
    with pytest.raises(UnknownTypeError) as info:
        load_schema("Nope")
    assert info.value.code == "UNKNOWN_TYPE"


def test_schema_parts_follow_the_converter() -> None:
    finding = schema_for(schema_types()["Finding"])
    scalar = finding["$defs"]["Scalar"]
    assert len(scalar["oneOf"]) == 6  # int, str, bool, null, {"fraction"}, {"date"}
    assert finding["properties"]["observed"]["$ref"] == "#/$defs/Scalar"
    assert set(finding["required"]) >= {"code", "severity", "rule_id", "citation"}
    assert finding["$defs"]["Severity"]["x-labels"] == {
        "INFO": "提示",
        "WARN": "警示",
        "FAIL": "不符合",
    }
    person = schema_for(schema_types()["Person"])
    assert person["properties"]["birth_date"]["format"] == "date"
    assert person["properties"]["name"]["x-label"] == "姓名"
    assert "key" not in person["required"]  # defaults to the name
    assert person["additionalProperties"] is False
    election = schema_for(schema_types()["Election"])
    assert election["properties"]["previous_margin"]["anyOf"][0]["anyOf"][0] == {"type": "integer"}


@pytest.mark.parametrize("name", sorted(schema_types()))
def test_every_written_document_validates(
    name: str, examples: dict[str, Any], validators: dict[str, Any]
) -> None:
    assert name in examples, f"no produced value of {name}: add one to the examples"
    value = examples[name]
    for reveal in (False, True):
        doc = to_dict(value, reveal_ids=reveal)
        errors = list(validators[name].iter_errors(doc))
        assert not errors, [e.message for e in errors]


STRATEGIES: list[tuple[str, st.SearchStrategy[Any]]] = [
    ("Person", m.persons()),
    ("Candidate", m.candidates()),
    ("Election", m.elections()),
    ("Ballot", m.ballots()),
    ("Finding", m.findings()),
    ("Eligibility", m.eligibilities()),
    ("Citation", m.citations()),
    ("StaffMember", m.staff_members(("甲", "乙"))),
]


def _tallies() -> st.SearchStrategy[Any]:
    from huanjie_rules import tally_ballots

    def build(pair: Any) -> Any:
        paper, ballots = pair
        from huanjie_rules import load_policy

        return tally_ballots(paper, ballots, load_policy("party-basic-2020"), issued=len(ballots))

    return paper_and_ballots().map(build)


@pytest.mark.parametrize(
    ("name", "strategy"),
    [*STRATEGIES, ("Tally", _tallies())],
    ids=[n for n, _ in STRATEGIES] + ["Tally"],
)
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_documents_validate(
    name: str, strategy: st.SearchStrategy[Any], data: st.DataObject, validators: dict[str, Any]
) -> None:
    value = data.draw(strategy)
    for reveal in (False, True):
        doc = to_dict(value, reveal_ids=reveal)
        errors = list(validators[name].iter_errors(doc))
        assert not errors, [e.message for e in errors]


# -- mutations: what the schema rejects, from_dict refuses ---------------------------------------


def _paths(doc: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*path, i))


REPLACEMENTS: list[Any] = [
    None,
    0,
    -1,
    7,
    2.5,
    True,
    "",
    "x",
    "NOT_A_CODE",
    "2021-02-30",
    "2021-2-3",
    "4/5",
    "0.8",
    "1e9",
    [],
    [1],
    {},
    {"fraction": "1/2"},
    {"date": "2021-01-01"},
    {"fraction": 0.5},
]


def _mutate(doc: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    paths = list(_paths(doc))
    path = data.draw(st.sampled_from(paths), label="path")
    kind = data.draw(st.sampled_from(["replace", "delete", "add"]), label="kind")
    parent: Any = doc
    for step in path[:-1]:
        parent = parent[step]
    if kind == "add" or not path:
        target = doc
        for step in path:
            target = target[step]
        if isinstance(target, dict):
            target[data.draw(st.sampled_from(["extra", "schema_versions", "Name"]))] = 1
        return doc
    if kind == "delete" and isinstance(parent, dict):
        del parent[path[-1]]
        return doc
    parent[path[-1]] = data.draw(st.sampled_from(REPLACEMENTS), label="value")
    return doc


def _check_mutation(name: str, doc: dict[str, Any], validator: Any) -> None:
    schema_ok = validator.is_valid(doc)
    try:
        from_dict(doc, schema_types()[name])
    except HuanjieError:
        return  # refused: whatever the schema said, the contract holds
    assert schema_ok, (
        f"the {name} schema rejects a document that from_dict reads: "
        f"{[e.message for e in validator.iter_errors(doc)]} in {json.dumps(doc, ensure_ascii=False)[:800]}"
    )


@pytest.mark.parametrize(("name", "strategy"), STRATEGIES, ids=[n for n, _ in STRATEGIES])
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_documents_that_the_schema_rejects_are_refused(
    name: str, strategy: st.SearchStrategy[Any], data: st.DataObject, validators: dict[str, Any]
) -> None:
    doc = to_dict(data.draw(strategy), reveal_ids=True)
    _check_mutation(name, _mutate(doc, data), validators[name])


@pytest.mark.parametrize("name", sorted(schema_types()))
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_results_that_the_schema_rejects_are_refused(
    name: str, data: st.DataObject, examples: dict[str, Any], validators: dict[str, Any]
) -> None:
    doc = to_dict(examples[name], reveal_ids=True)
    _check_mutation(name, _mutate(doc, data), validators[name])


def test_a_known_mutation_is_caught_both_ways(validators: dict[str, Any]) -> None:
    turnout = to_dict(Turnout(entitled=10, present=8))
    for bad in ({**turnout, "present": "8"}, {"entitled": 10}, {**turnout, "voted": -1.5}):
        assert not validators["Turnout"].is_valid(bad)
        with pytest.raises(HuanjieError):
            from_dict(bad, Turnout)
    # JSON Schema's integer admits 8.0; the reader does not (looser schema, never stricter).
    assert validators["Turnout"].is_valid({**turnout, "present": 8.0})
    with pytest.raises(HuanjieError):
        from_dict({**turnout, "present": 8.0}, Turnout)
    seat = {"office": Office.MEMBER.value, "count": 2, "extra": 1}
    assert not validators["Seat"].is_valid(seat)
    margin = {"office": "MEMBER", "seats": 5, "previous_margin": "0.2"}
    assert not validators["MarginQuery"].is_valid(margin)
    with pytest.raises(HuanjieError):
        from_dict(margin, schema_types()["MarginQuery"])
    read: Any = from_dict({**margin, "previous_margin": "1/5"}, schema_types()["MarginQuery"])
    assert read.previous_margin == Fraction(1, 5)
