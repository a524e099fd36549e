"""Enums read the common Chinese spellings; ambiguous ones are returned as Ambiguous, never guessed."""

from __future__ import annotations

from typing import Any

import pytest

from huanjie_rules import (
    Ambiguous,
    Choice,
    Degree,
    EducationLevel,
    Office,
    PartyStanding,
    Unrecognized,
)
from huanjie_rules.errors import AmbiguousLabelError, UnknownLabelError
from huanjie_rules.model import Gender, Tenure


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("大本", EducationLevel.UNDERGRADUATE),
        ("本科", EducationLevel.UNDERGRADUATE),
        ("大学本科", EducationLevel.UNDERGRADUATE),
        ("大专", EducationLevel.JUNIOR_COLLEGE),
        ("高职", EducationLevel.JUNIOR_COLLEGE),
        ("大学专科", EducationLevel.JUNIOR_COLLEGE),
        ("中专", EducationLevel.SECONDARY_VOCATIONAL),
        ("技校", EducationLevel.SECONDARY_VOCATIONAL),
        ("职高", EducationLevel.SECONDARY_VOCATIONAL),
        ("中技", EducationLevel.SECONDARY_VOCATIONAL),
        ("高中", EducationLevel.HIGH_SCHOOL),
        ("初中", EducationLevel.JUNIOR_MIDDLE),
        ("研究生", EducationLevel.POSTGRADUATE),
        (" 大 专 ", EducationLevel.JUNIOR_COLLEGE),  # white space is ignored
        ("UNDERGRADUATE", EducationLevel.UNDERGRADUATE),  # the JSON code
    ],
)
def test_education_spellings(text: str, member: EducationLevel) -> None:
    assert EducationLevel.parse(text) is member
    assert EducationLevel.from_label(text) is member


@pytest.mark.parametrize("text", ["硕士", "博士", "学士", "大学", "中学"])
def test_ambiguous_education_spellings(text: str) -> None:
    result = EducationLevel.parse(text)
    assert isinstance(result, Ambiguous)
    assert result.text == text and len(result.options) == 2
    with pytest.raises(AmbiguousLabelError) as info:
        EducationLevel.from_label(text, path="rows[3].学历")
    assert info.value.code == "AMBIGUOUS_LABEL" and info.value.path == "rows[3].学历"


def test_degree_reads_硕士_unambiguously() -> None:
    assert Degree.parse("硕士") is Degree.MASTER
    assert Degree.parse("博士学位") is Degree.DOCTOR


def test_unknown_spelling() -> None:
    assert EducationLevel.parse("幼儿园") == Unrecognized("幼儿园", "EducationLevel")
    with pytest.raises(UnknownLabelError) as info:
        EducationLevel.from_label("幼儿园")
    assert info.value.code == "UNKNOWN_LABEL"


def test_education_order_is_total_and_x_or_above_is_one_comparison() -> None:
    ranks = [lv.rank for lv in EducationLevel]
    assert ranks == sorted(ranks, reverse=True)
    assert EducationLevel.SECONDARY_VOCATIONAL.at_least(EducationLevel.HIGH_SCHOOL)
    assert EducationLevel.HIGH_SCHOOL.at_least(EducationLevel.SECONDARY_VOCATIONAL)
    assert not EducationLevel.JUNIOR_MIDDLE.at_least(EducationLevel.HIGH_SCHOOL)
    assert EducationLevel.UNDERGRADUATE.gb_code == "20"


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [
        (PartyStanding, "预备党员", PartyStanding.PROBATIONARY),
        (PartyStanding, "留党察看", PartyStanding.UNDER_PROBATION),
        (PartyStanding, "被留置", PartyStanding.RIGHTS_SUSPENDED),
        (PartyStanding, "群众", PartyStanding.NON_MEMBER),
        (Gender, "女", Gender.FEMALE),
        (Choice, "○", Choice.FOR),
        (Choice, "×", Choice.AGAINST),
        (Office, "村主任", Office.VILLAGE_DIRECTOR),
        (Tenure, "连任", Tenure.CONTINUING),
    ],
)
def test_other_enums(enum: type, text: str, member: object) -> None:
    assert enum.parse(text) is member  # type: ignore[attr-defined]


def test_labels_and_codes_are_unique_within_each_enum() -> None:
    from huanjie_rules import model
    from huanjie_rules._base import LabeledEnum

    enums: list[Any] = [getattr(model, n) for n in model.__all__]
    for enum in enums:
        if isinstance(enum, type) and issubclass(enum, LabeledEnum):
            spellings: dict[str, str] = {}
            members: list[Any] = list(enum.__members__.values())
            for member in members:
                for s in (member.value, member.label, *member.aliases):
                    key = "".join(s.split()).lower()
                    assert spellings.setdefault(key, member.name) == member.name, (enum, s)
