"""What the fuzz tests found, each kept as a plain regression test."""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules import (
    ArgumentError,
    Candidate,
    InvalidDataError,
    Office,
    Problem,
    RuleInputError,
    Seat,
    list_policies,
)
from huanjie_rules.age import AgeBasis, AgeMode, anniversary
from huanjie_rules.idcard import check_character
from huanjie_rules.limits import Limits
from huanjie_rules.policy import ParamTable
from huanjie_rules.votes import FINDING_CODES


@pytest.mark.parametrize("years", [201, 10**6])
def test_an_age_of_a_million_years_is_a_range_error_not_a_date_error(years: int) -> None:
    basis = AgeBasis(mode=AgeMode.ELECTION_DATE, reference_date=dt.date(2021, 1, 1))
    for fn in (basis.earliest_birth_for_max, basis.latest_birth_for_min):
        with pytest.raises(RuleInputError) as info:
            fn(years)
        assert info.value.code == "RANGE"
    with pytest.raises(RuleInputError):
        anniversary(dt.date(2021, 1, 1), years)
    assert anniversary(dt.date(2021, 1, 1), 200) == dt.date(2221, 1, 1)


def test_a_search_path_too_long_for_the_file_system_is_reported() -> None:
    with pytest.raises(InvalidDataError) as info:
        list_policies(search="9" * 5000)
    assert [(p.code, p.path) for p in info.value.problems] == [("UNREADABLE", "search[0]")]


def test_a_default_key_does_not_fail_before_the_field_check() -> None:
    with pytest.raises(InvalidDataError) as info:
        Candidate(person=Seat(office=Office.MEMBER, count=1), office=Office.MEMBER)  # type: ignore[arg-type]
    assert ("TYPE", "person") in [(p.code, p.path) for p in info.value.problems]


def test_a_check_tripping_over_a_wrong_type_is_not_an_escape() -> None:
    table = ParamTable.of({"a": 1})
    with pytest.raises(InvalidDataError) as info:
        ParamTable(fields=table)
    assert info.value.problems[0].code == "TYPE"


def test_limits_refuse_what_is_not_a_positive_integer() -> None:
    with pytest.raises(ArgumentError) as info:
        Limits(max_digits="40")  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("TYPE", "max_digits")
    with pytest.raises(ArgumentError) as info:
        Limits(max_depth=2**70)
    assert info.value.code == "RANGE"


def test_check_character_refuses_with_the_library_error() -> None:
    with pytest.raises(ArgumentError) as info:
        check_character("123")
    assert (info.value.code, info.value.path) == ("RANGE", "first17")


def test_a_message_missing_a_value_is_the_library_error() -> None:
    with pytest.raises(RuleInputError) as info:
        FINDING_CODES["QUORUM_MET"].render({})
    assert info.value.code == "MISSING"


@pytest.mark.parametrize("detail", ["no", 0, None])
def test_render_flags_are_never_read_by_truthiness(detail: object) -> None:
    with pytest.raises(ArgumentError):
        Problem("RANGE", "x", "y").render("en", detail=detail)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError):
        RuleInputError("x").render("zh", detail=detail)  # type: ignore[arg-type]
