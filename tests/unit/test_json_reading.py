"""Reading JSON as a web form posts it: strict kinds, enum codes or labels, every problem with a
stable code and its path (huanjie_rules.io.from_json / from_dict)."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
from typing import Any

import pytest

import huanjie_rules
from huanjie_rules import (
    Candidate,
    Education,
    EducationLevel,
    Election,
    Gender,
    InvalidDataError,
    Office,
    Person,
    PersonCategory,
    Seat,
    Tenure,
)
from huanjie_rules._base import LabeledEnum, _normalize
from huanjie_rules.io import from_dict, from_json, to_json

PERSON = {"name": "李红", "gender": "FEMALE", "birth_date": "1984-02-28"}


def problems(data: Any, cls: type, *, labels: bool = False) -> dict[str, str]:
    with pytest.raises(InvalidDataError) as info:
        from_json(json.dumps(data, ensure_ascii=False), cls, labels=labels)
    found = {p.path: p.code for p in info.value.problems}
    assert len(found) == len(info.value.problems), "one problem per path"
    return found


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", None),  # was read as the text 'None'
        ("name", 5),  # was read as '5'
        ("ethnicity", ["汉族"]),
        ("temporary_relation_only", "false"),  # was read as True
        ("political_rights_deprived", 1),  # was read as True
        ("township_experience_months", 3.5),  # was truncated to 3
        ("township_experience_months", "12"),  # was read as 12
        ("township_experience_months", True),  # was read as 1
        ("categories", "VILLAGE_CADRE"),  # was split into letters
        ("birth_date", 19840228),
        ("birth_date", "1984-02-30"),
        ("birth_date", "1984/02/28"),
    ],
)
def test_no_value_is_coerced_into_another_kind(field: str, value: object) -> None:
    assert problems({**PERSON, field: value}, Person) == {field: "TYPE"}


def test_count_must_be_a_json_integer() -> None:
    for bad in (2.9, "2", False):
        assert problems({"office": "MEMBER", "count": bad}, Seat) == {"count": "TYPE"}
    assert from_dict({"office": "MEMBER", "count": 2}, Seat).count == 2


def test_type_messages_name_the_json_value() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_dict({**PERSON, "name": None, "township_experience_months": 3.5}, Person)
    text = {p.path: p.message for p in info.value.problems}
    assert text["name"] == "expected a string, got null"
    assert text["township_experience_months"] == "expected an integer, got number 3.5"


def test_labels_are_refused_by_default_with_a_hint() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_dict({**PERSON, "gender": "女"}, Person)
    (p,) = info.value.problems
    assert (p.code, p.path) == ("UNKNOWN_LABEL", "gender")
    assert "FEMALE" in p.message and "labels=True" in p.message


def test_labels_and_aliases_are_read_when_asked_and_written_back_as_codes() -> None:
    form = {
        "person": {
            **PERSON,
            "gender": "女",
            "education": {"full_time": "大专", "in_service": "本科"},
            "party_standing": "正式党员",
            "categories": ["村干部", "一线"],
        },
        "office": "书记",
        "tenure": "连任",
    }
    cand = from_dict(form, Candidate, labels=True)
    assert cand.person.gender is Gender.FEMALE
    assert cand.person.education == Education(
        full_time=EducationLevel.JUNIOR_COLLEGE, in_service=EducationLevel.UNDERGRADUATE
    )
    assert cand.person.categories == {PersonCategory.VILLAGE_CADRE, PersonCategory.FRONTLINE}
    assert (cand.office, cand.tenure) == (Office.SECRETARY, Tenure.CONTINUING)
    text = to_json(cand)
    assert '"FEMALE"' in text and '"JUNIOR_COLLEGE"' in text and "女" not in text
    assert from_json(text, Candidate) == cand  # codes read in either mode


@pytest.mark.parametrize("labels", [False, True])
def test_ambiguous_spellings_fail_with_their_path_in_either_mode(labels: bool) -> None:
    data = {**PERSON, "education": {"full_time": "大学", "in_service": "硕士"}}
    assert problems(data, Person, labels=labels) == {
        "education.full_time": "AMBIGUOUS_LABEL",
        "education.in_service": "AMBIGUOUS_LABEL",
    }


@pytest.mark.parametrize("labels", [False, True])
def test_unknown_spellings_fail_with_their_path(labels: bool) -> None:
    data = {**PERSON, "gender": "X", "categories": ["FARMER", "党外"]}
    assert problems(data, Person, labels=labels) == {
        "gender": "UNKNOWN_LABEL",
        "categories[1]": "UNKNOWN_LABEL",
    }


def test_a_bad_web_form_gets_every_problem_with_code_and_path() -> None:
    form = {
        "key": "东村-2021",
        "regime": "村委会",  # a label, labels not enabled
        "policy_id": "village-2018",
        "body": "VILLAGE_COMMITTEE",
        "level": "VILLAGE",
        "form": "VILLAGERS",
        "date": "2021/05/10",
        "seats": [{"office": "VILLAGE_DIRECTOR", "count": 0}, {"office": "VILLAGE_MEMBER"}],
        "entitled_voters": -5,
        "candidates": [
            {
                "person": {"name": "", "gender": "F", "birth_date": "1990-02-30"},
                "office": "VILLAGE_MEMBER",
            },
            {"person": {"name": "王强", "birth_date": "1980-01-01"}, "office": "HEAD"},
        ],
        "remark": "",
    }
    assert problems(form, Election) == {
        "regime": "UNKNOWN_LABEL",
        "date": "TYPE",
        "seats[0].count": "RANGE",
        "seats[1].count": "MISSING",
        "entitled_voters": "RANGE",
        "candidates[0].person.gender": "UNKNOWN_LABEL",
        "candidates[0].person.birth_date": "TYPE",
        "candidates[1].person.gender": "MISSING",
        "candidates[1].office": "UNKNOWN_LABEL",
        "remark": "UNKNOWN_KEY",
    }


def test_the_same_form_with_labels_reads_the_labels() -> None:
    form = {
        "key": "东村-2021",
        "regime": "村委会",
        "policy_id": "village-2018",
        "body": "村民委员会",
        "level": "村",
        "form": "村民选举",
        "date": "2021-05-10",
        "seats": [{"office": "村委会主任", "count": 1}],
        "entitled_voters": 1200,
    }
    election = from_dict(form, Election, labels=True)
    assert election.seats == (Seat(office=Office.VILLAGE_DIRECTOR, count=1),)
    assert election.date == dt.date(2021, 5, 10)


def _labeled_enums() -> list[type[LabeledEnum]]:
    for info in pkgutil.walk_packages(huanjie_rules.__path__, "huanjie_rules."):
        if ".testing" not in info.name and "votes_fast" not in info.name:
            importlib.import_module(info.name)

    def subs(cls: type[LabeledEnum]) -> list[type[LabeledEnum]]:
        found: list[type[LabeledEnum]] = []
        for sub in cls.__subclasses__():
            found += [sub, *subs(sub)]
        return found

    return subs(LabeledEnum)


@pytest.mark.parametrize("cls", _labeled_enums(), ids=lambda c: c.__name__)
def test_every_spelling_names_one_member_so_labels_never_guess(cls: type[LabeledEnum]) -> None:
    ambiguous = {_normalize(k) for k in cls.ambiguous_spellings()}
    owner: dict[str, str] = {}
    for member in cls:
        for spelling in (member.value, member.name, member.label, *member.aliases):
            key = _normalize(spelling)
            assert key not in ambiguous, f"{spelling!r} is both a spelling and ambiguous"
            assert owner.setdefault(key, member.name) == member.name, (
                f"{cls.__name__}: {spelling!r} names {owner[key]} and {member.name}"
            )
            assert cls.parse(spelling) is member
