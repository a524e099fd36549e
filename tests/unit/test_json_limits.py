"""Reading JSON as a hostile or careless sender writes it: every failure is the library's error.

Regression tests for what fuzzing the reader found: a 9-character fraction that hung the process,
parser errors escaping as RecursionError/ValueError/UnicodeDecodeError/TypeError, duplicate keys
taken silently (last wins), and unhashable schema versions.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import attrs
import pytest

from huanjie_rules import Election, Finding, InvalidDataError, Seat
from huanjie_rules.errors import ArgumentError, HuanjieError, SchemaVersionError
from huanjie_rules.io import from_dict, from_json, to_dict, to_json
from huanjie_rules.limits import MAX_INT, Limits, parse_fraction
from huanjie_rules.model import BodyKind, ElectionForm, Level, Office, Regime


def election_data(**changes: Any) -> dict[str, Any]:
    e = Election(
        key="e1",
        regime=Regime.VILLAGE,
        policy_id="village-2018",
        body=BodyKind.VILLAGE_COMMITTEE,
        level=Level.VILLAGE,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 3, 1),
        seats=(Seat(office=Office.VILLAGE_MEMBER, count=3),),
        entitled_voters=1000,
    )
    data = to_dict(e)
    data.update(changes)
    return data


def codes(err: InvalidDataError) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in err.problems]


@pytest.mark.parametrize("text", ["1e999999999", "1E99999", "9" * 41, "1/" + "9" * 41, "1.5e3"])
def test_a_fraction_with_an_exponent_or_too_many_digits_is_refused_at_once(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(InvalidDataError) as info:
        from_json(json.dumps(election_data(previous_margin=text)), Election)
    assert time.perf_counter() - start < 1.0
    assert codes(info.value) == [("TYPE", "previous_margin")]


def test_a_tagged_fraction_in_a_finding_is_bounded_too() -> None:
    data = {
        "code": "X",
        "severity": "INFO",
        "rule_id": "R",
        "message_zh": "甲",
        "message_en": "a",
        "observed": {"fraction": "1e999999999"},
    }
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Finding)
    assert ("TYPE", "observed") in codes(info.value)


def test_fractions_are_read_exactly_in_their_plain_forms() -> None:
    read = from_json(json.dumps(election_data(previous_margin="1/4")), Election)
    assert str(read.previous_margin) == "1/4"
    with pytest.raises(InvalidDataError):  # JSON carries exact values as "a/b", as written
        from_json(json.dumps(election_data(previous_margin="0.25")), Election)
    assert parse_fraction("0.25") == parse_fraction("1/4")  # profiles and callers may
    assert parse_fraction("-3") == -3
    with pytest.raises(ArgumentError, match="zero denominator"):
        parse_fraction("1/0")
    with pytest.raises(ArgumentError) as info:
        parse_fraction(0.5)  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("TYPE", "text")
    with pytest.raises(ArgumentError) as info:
        parse_fraction("1" * 50)
    assert info.value.code == "LIMIT"


def test_a_service_may_read_fewer_digits() -> None:
    text = json.dumps(election_data(previous_margin="1/" + "1" * 35))
    read = from_json(text, Election)
    assert read.previous_margin is not None and read.previous_margin.denominator == int("1" * 35)
    with pytest.raises(InvalidDataError) as info:
        from_json(text, Election, limits=Limits(max_digits=20))
    assert codes(info.value) == [("TYPE", "previous_margin")]


def test_a_fraction_the_model_holds_is_read_back() -> None:
    from fractions import Fraction

    from huanjie_rules.limits import MAX_FRACTION_PART

    big = Fraction(MAX_FRACTION_PART, MAX_FRACTION_PART - 1)
    e = from_dict(election_data(previous_margin=f"{big.numerator}/{big.denominator}"), Election)
    assert from_json(to_json(e), Election) == e
    with pytest.raises(InvalidDataError) as info:
        attrs.evolve(e, previous_margin=Fraction(MAX_FRACTION_PART + 1, 3))
    assert codes(info.value) == [("LIMIT", "previous_margin")]


@pytest.mark.parametrize("depth", [65, 2_000, 200_000])
def test_deep_nesting_is_a_limit_not_a_recursion_error(depth: int) -> None:
    text = '{"key": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(InvalidDataError) as info:
        from_json(text, Election)
    assert info.value.problems[0].code == "LIMIT"


def test_depth_limit_is_configurable() -> None:
    text = json.dumps(election_data())
    with pytest.raises(InvalidDataError) as info:
        from_json(text, Election, limits=Limits(max_depth=2))
    assert {p.code for p in info.value.problems} == {"LIMIT"}
    assert from_json(text, Election).key == "e1"


def test_a_huge_integer_is_a_limit_with_its_path() -> None:
    text = json.dumps(election_data()).replace(
        '"entitled_voters": 1000', '"entitled_voters": ' + "9" * 5000
    )
    with pytest.raises(InvalidDataError) as info:
        from_json(text, Election)
    assert codes(info.value) == [("LIMIT", "entitled_voters")]


def test_an_integer_beyond_the_model_limit_is_refused() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_dict(election_data(entitled_voters=MAX_INT + 1), Election)
    assert codes(info.value) == [("LIMIT", "entitled_voters")]


def test_a_long_string_is_a_limit() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_dict(election_data(key="x" * 100_001), Election)
    assert codes(info.value) == [("LIMIT", "key")]
    assert from_dict(election_data(key="x" * 100_001), Election, limits=Limits(max_string=200_000))


def test_text_size_is_limited() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_json(json.dumps(election_data()), Election, limits=Limits(max_bytes=100))
    assert info.value.problems[0].code == "LIMIT"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (b'{"key": "\xff"}', "ENCODING"),
        (b"\xfe\xff\x00{", "ENCODING"),
        ("{", "JSON"),
        ("", "JSON"),
        ("[1, 2", "JSON"),
        ('{"a": 1} x', "JSON"),
        ("\ufeff{}", "JSON"),
    ],
)
def test_every_parser_failure_is_the_library_error(text: str | bytes, code: str) -> None:
    with pytest.raises(InvalidDataError) as info:
        from_json(text, Election)
    assert info.value.problems[0].code == code


def test_utf8_bytes_with_a_byte_order_mark_are_read() -> None:
    raw = "\ufeff".encode() + json.dumps(election_data(), ensure_ascii=False).encode()
    assert from_json(raw, Election).key == "e1"


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_their_path(literal: str) -> None:
    text = json.dumps(election_data()).replace(
        '"entitled_voters": 1000', f'"entitled_voters": {literal}'
    )
    with pytest.raises(InvalidDataError) as info:
        from_json(text, Election)
    assert codes(info.value) == [("TYPE", "entitled_voters")]


@pytest.mark.parametrize("text", [123, None, ["{}"], 1.5])
def test_text_of_another_type_is_an_argument_error(text: object) -> None:
    with pytest.raises(ArgumentError) as info:
        from_json(text, Election)  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("TYPE", "text")


def test_duplicate_keys_are_refused_at_every_level() -> None:
    text = (
        '{"key": "a", "key": "b", "regime": "VILLAGE", "policy_id": "village-2018",'
        ' "body": "VILLAGE_COMMITTEE", "level": "VILLAGE", "form": "DIRECT_VOTERS",'
        ' "date": "2021-03-01", "entitled_voters": 10,'
        ' "seats": [{"office": "VILLAGE_MEMBER", "count": 3, "count": 5}]}'
    )
    with pytest.raises(InvalidDataError) as info:
        from_json(text, Election)
    assert codes(info.value) == [("DUPLICATE_KEY", "key"), ("DUPLICATE_KEY", "seats[0].count")]


@pytest.mark.parametrize("version", [[], {}, "1", 1.0, True, None, 2])
def test_an_unreadable_schema_version_is_a_schema_version_error(version: object) -> None:
    with pytest.raises(SchemaVersionError):
        from_dict(election_data(schema_version=version), Election)


def test_a_container_holding_itself_is_a_cycle() -> None:
    data = election_data()
    seats: list[Any] = []
    seats.append(seats)
    data["seats"] = seats
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Election)
    assert ("CYCLE", "seats[0]") in codes(info.value)


def test_non_string_keys_in_a_mapping_are_type_problems() -> None:
    data: dict[Any, Any] = election_data()
    data[1] = "x"
    with pytest.raises(InvalidDataError) as info:
        from_dict(data, Election)
    assert info.value.problems[0].code == "TYPE"


@pytest.mark.parametrize("cls", [int, dict, "Election", None])
def test_a_class_that_is_not_a_record_is_an_argument_error(cls: Any) -> None:
    with pytest.raises(ArgumentError):
        from_dict({}, cls)
    with pytest.raises(ArgumentError):
        to_dict(cls)


@pytest.mark.parametrize(
    ("name", "value"), [("reveal_ids", "no"), ("reveal_ids", 0), ("indent", "2")]
)
def test_writer_flags_are_checked(name: str, value: object) -> None:
    seat = Seat(office=Office.MEMBER, count=1)
    with pytest.raises(ArgumentError) as info:
        to_json(seat, **{name: value})  # type: ignore[arg-type]
    assert info.value.path == name


def test_labels_flag_is_checked() -> None:
    with pytest.raises(ArgumentError):
        from_json("{}", Seat, labels="yes")  # type: ignore[arg-type]


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Limits(max_depth=0)


def test_every_reader_error_is_a_huanjie_error() -> None:
    for text in ("[" * 10_000, '{"a": 1, "a": 2}', b"\x80", "1" * 10_000, '"x"'):
        with pytest.raises(HuanjieError):
            from_json(text, Seat)
