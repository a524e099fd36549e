"""Enums read the common Chinese spellings; ambiguous ones are returned as Ambiguous, never guessed."""

from __future__ import annotations

import warnings
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
        (PartyStanding, "留党察看", PartyStanding.DISCIPLINARY_PROBATION),
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


def _all_labeled_enums() -> list[Any]:
    import importlib
    import inspect
    import pkgutil

    import huanjie_rules
    from huanjie_rules._base import LabeledEnum

    found: dict[str, Any] = {}
    for info in pkgutil.walk_packages(huanjie_rules.__path__, "huanjie_rules."):
        if ".examples" in info.name:
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, LabeledEnum) and obj is not LabeledEnum:
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[k] for k in sorted(found)]


@pytest.mark.parametrize("enum", _all_labeled_enums(), ids=lambda e: e.__name__)
def test_no_spelling_reads_as_two_members_in_any_enum(enum: Any) -> None:
    # Every LabeledEnum of the package (not only model.py's), names and ambiguous spellings
    # included: parse() must never pick the first of two readings.
    from huanjie_rules._base import _spellings

    _, ambiguous = _spellings(enum)
    for member in enum:
        for s in (member.value, member.name, member.label, *member.aliases):
            assert enum.parse(s) is member, (enum, s)
    for spelling in ambiguous:
        assert isinstance(enum.parse(spelling), Ambiguous)


def test_an_enum_with_a_shared_spelling_is_refused() -> None:
    from huanjie_rules._base import LabeledEnum

    class Clash(LabeledEnum):
        A = ("A", "甲", ("同",))
        B = ("B", "乙", ("同",))

    with pytest.raises(TypeError, match="both A and B"):
        Clash.parse("乙")

    class Shadowed(LabeledEnum):
        A = ("A", "甲", ("硕士",))

        @classmethod
        def ambiguous_spellings(cls) -> Any:
            return {"硕士": (("Shadowed.A", "Degree.MASTER"), "two readings")}

    with pytest.raises(TypeError, match="also listed as ambiguous"):
        Shadowed.parse("甲")


@pytest.mark.parametrize("value", [1, None, 2.0, b"M"])
def test_parse_of_a_non_string_is_unrecognized_not_a_crash(value: object) -> None:
    # A spreadsheet cell may hold the number 1 for 男: parse never raises, never guesses.
    result = Gender.parse(value)  # type: ignore[arg-type]
    assert isinstance(result, Unrecognized)
    with pytest.raises(UnknownLabelError):
        Gender.from_label(value)  # type: ignore[arg-type]


def test_full_width_spellings_read_like_half_width() -> None:
    def full_width(text: str) -> str:
        return "".join(chr(ord(c) + 0xFEE0) for c in text)

    assert Gender.parse(full_width("FEMALE")) is Gender.FEMALE
    assert Gender.parse(full_width("1")) is Gender.MALE
    assert Choice.parse(full_width("yes")) is Choice.FOR


def test_the_renamed_party_standing_warns_however_it_is_read() -> None:
    # UNDER_PROBATION (留党察看) was renamed DISCIPLINARY_PROBATION: the attribute, the item and the
    # code all still read, each with a DeprecationWarning; the old name is no longer a member.
    with pytest.warns(DeprecationWarning, match="UNDER_PROBATION is deprecated"):
        assert PartyStanding.UNDER_PROBATION is PartyStanding.DISCIPLINARY_PROBATION
    with pytest.warns(DeprecationWarning, match="UNDER_PROBATION is deprecated"):
        assert PartyStanding["UNDER_PROBATION"] is PartyStanding.DISCIPLINARY_PROBATION
    by_code: Any = PartyStanding  # the enum call by value, which mypy types by the member tuples
    with pytest.warns(DeprecationWarning, match="'UNDER_PROBATION' is deprecated"):
        assert by_code("UNDER_PROBATION") is PartyStanding.DISCIPLINARY_PROBATION
    assert "UNDER_PROBATION" not in PartyStanding.__members__
    assert [m.name for m in PartyStanding].count("DISCIPLINARY_PROBATION") == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert PartyStanding.DISCIPLINARY_PROBATION.label == "留党察看"
        assert PartyStanding["FULL_MEMBER"] is PartyStanding.FULL_MEMBER
    with pytest.raises(AttributeError):
        PartyStanding.NOT_A_STANDING  # noqa: B018
    with pytest.raises(KeyError):
        PartyStanding["NOT_A_STANDING"]
