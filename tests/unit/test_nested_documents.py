"""A document the library wrote can be placed inside another as it is: a ``Round``'s
``election`` or ``previous`` outcome keeps its ``schema_version``, and the schema and the
reader agree on it."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from huanjie_rules.errors import InvalidDataError
from huanjie_rules.io import calls, from_dict, to_dict
from huanjie_rules.io.requests import Round
from huanjie_rules.io.schema import load_schema

Validator = jsonschema.Draft202012Validator


def _errors(name: str, doc: Any) -> list[str]:
    return [e.message for e in Validator(load_schema(name)).iter_errors(doc)]


def _rounds() -> list[Round]:
    return [v for v in calls.examples() if isinstance(v, Round)]


def test_a_round_takes_the_election_document_as_written() -> None:
    first = _rounds()[0]
    assert first.election is not None
    doc = to_dict(first, reveal_ids=True)
    doc["election"] = to_dict(first.election, reveal_ids=True)
    assert doc["election"]["schema_version"] == 1
    assert _errors("Round", doc) == []
    assert from_dict(doc, Round) == first


def test_a_later_round_takes_the_previous_outcome_document_as_written() -> None:
    first, later = _rounds()
    outcome = calls.decide_round(first)
    doc = to_dict(later, reveal_ids=True)
    doc["previous"] = to_dict(outcome, reveal_ids=True)  # schema_version and all
    assert _errors("Round", doc) == []
    again = from_dict(doc, Round)
    assert again.previous == outcome
    assert calls.decide_round(again).status.value == "COMPLETE"


@pytest.mark.parametrize("version", [2, "1", True, None])
def test_a_nested_document_of_another_version_is_refused_by_both(version: object) -> None:
    first = _rounds()[0]
    assert first.election is not None
    doc = to_dict(first, reveal_ids=True)
    doc["election"] = {**to_dict(first.election, reveal_ids=True), "schema_version": version}
    assert _errors("Round", doc)
    with pytest.raises(InvalidDataError) as err:
        from_dict(doc, Round)
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("SCHEMA_VERSION", "election.schema_version")
    ]


def test_other_unknown_keys_of_a_nested_document_are_still_refused() -> None:
    first = _rounds()[0]
    assert first.election is not None
    doc = to_dict(first, reveal_ids=True)
    doc["election"] = {**to_dict(first.election, reveal_ids=True), "version": 1}
    assert _errors("Round", doc)
    with pytest.raises(InvalidDataError) as err:
        from_dict(doc, Round)
    assert [(p.code, p.path) for p in err.value.problems] == [("UNKNOWN_KEY", "election.version")]
