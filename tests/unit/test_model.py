"""The domain model: construction validation, every problem with its path, evolve re-validates."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

from huanjie_rules import (
    Ballot,
    BodyKind,
    Candidate,
    Choice,
    Education,
    EducationLevel,
    Election,
    ElectionForm,
    Gender,
    IdNumber,
    InvalidDataError,
    Level,
    Office,
    PartyStanding,
    Person,
    Regime,
    Seat,
    Vote,
)
from huanjie_rules.model import CheckStatus, PreCheck, PreCheckKind, RecordFact, Vetting


def person(**kw: object) -> Person:
    base: dict[str, object] = {
        "name": "张三",
        "gender": Gender.MALE,
        "birth_date": dt.date(1980, 5, 1),
    }
    base.update(kw)
    return Person(**base)  # type: ignore[arg-type]


def election(**kw: object) -> Election:
    base: dict[str, object] = {
        "key": "e1",
        "regime": Regime.PARTY_BASIC,
        "policy_id": "party-basic-2020",
        "body": BodyKind.BRANCH,
        "level": Level.VILLAGE,
        "form": ElectionForm.MEMBERS_ASSEMBLY,
        "date": dt.date(2021, 3, 1),
        "seats": (Seat(office=Office.MEMBER, count=5),),
        "entitled_voters": 40,
    }
    base.update(kw)
    return Election(**base)  # type: ignore[arg-type]


def test_person_defaults_and_key() -> None:
    p = person()
    assert p.key == "张三"
    assert p.party_standing is PartyStanding.NON_MEMBER
    assert p.education == Education()
    assert not p.is_minority
    assert person(ethnicity="蒙古族").is_minority


def test_frozen() -> None:
    p = person()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.name = "李四"  # type: ignore[misc]


def test_every_type_problem_is_listed_with_its_path() -> None:
    with pytest.raises(InvalidDataError) as info:
        Person(
            name="",  # semantic problem on a well-typed field
            gender="男",  # type: ignore[arg-type]
            birth_date="1980-01-01",  # type: ignore[arg-type]
            township_experience_months=1.5,  # type: ignore[arg-type]
        )
    err = info.value
    assert err.code == "INVALID_DATA"
    assert set(err.paths) == {"name", "key", "gender", "birth_date", "township_experience_months"}
    codes = {p.path: p.code for p in err.problems}
    assert codes["gender"] == "TYPE" and codes["name"] == "EMPTY"
    # the hint for Chinese spellings names the parser
    assert any("Gender.parse" in p.message for p in err.problems)


def test_bool_is_not_an_int_and_datetime_is_not_a_date() -> None:
    with pytest.raises(InvalidDataError) as info:
        person(township_experience_months=True, birth_date=dt.datetime(1980, 1, 1))
    assert set(info.value.paths) == {"township_experience_months", "birth_date"}


def test_semantic_checks_are_all_reported() -> None:
    with pytest.raises(InvalidDataError) as info:
        person(
            birth_date=dt.date(1899, 12, 31),
            party_joined=dt.date(1899, 1, 1),
            township_experience_months=-1,
        )
    assert [p.code for p in info.value.problems] == ["RANGE", "DATE_ORDER", "INCONSISTENT", "RANGE"]


def test_evolve_revalidates() -> None:
    p = person()
    with pytest.raises(InvalidDataError):
        attrs.evolve(p, township_experience_months=-3)
    assert attrs.evolve(p, township_experience_months=24).township_experience_months == 24


def test_lists_become_tuples_and_sets_frozensets() -> None:
    e = election(seats=[Seat(office=Office.MEMBER, count=3)])
    assert isinstance(e.seats, tuple)
    with pytest.raises(InvalidDataError) as info:
        person(categories=["FRONTLINE"])
    assert info.value.paths == ["categories['FRONTLINE']"]


@pytest.mark.parametrize("count", [0, -1])
def test_seat_count_at_least_one(count: int) -> None:
    with pytest.raises(InvalidDataError) as info:
        Seat(office=Office.MEMBER, count=count)
    assert info.value.problems[0].path == "count"
    assert Seat(office=Office.MEMBER, count=1).count == 1


def test_election_consistency_problems_all_listed() -> None:
    c1 = Candidate(person=person(), office=Office.SECRETARY)
    c2 = Candidate(person=person(), office=Office.MEMBER)
    with pytest.raises(InvalidDataError) as info:
        election(
            seats=(Seat(office=Office.MEMBER, count=3), Seat(office=Office.MEMBER, count=2)),
            candidates=(c1, c2),
            entitled_voters=-1,
            previous_margin=Fraction(-1, 5),
        )
    paths = info.value.paths
    assert "entitled_voters" in paths
    assert "seats[1].office" in paths
    assert "candidates[1].key" in paths  # duplicate key 张三
    assert "candidates[0].office" in paths  # SECRETARY has no seats
    assert "previous_margin" in paths


def test_election_helpers() -> None:
    c = Candidate(person=person(), office=Office.MEMBER)
    e = election(candidates=(c,))
    assert e.seats_for(Office.MEMBER) == 5
    assert e.seats_for(Office.SECRETARY) == 0
    assert e.candidates_for(Office.MEMBER) == (c,)


def test_ballot_rejects_double_marks() -> None:
    with pytest.raises(InvalidDataError) as info:
        Ballot(
            votes=(
                Vote(candidate="甲", choice=Choice.FOR),
                Vote(candidate="甲", choice=Choice.AGAINST),
            )
        )
    assert info.value.paths == ["votes[1]"]
    # the same name on two posts of a multi-post ballot is two marks
    Ballot(
        votes=(
            Vote(candidate="甲", choice=Choice.FOR, office=Office.VILLAGE_DIRECTOR),
            Vote(candidate="甲", choice=Choice.FOR, office=Office.VILLAGE_MEMBER),
        )
    )


def test_vetting_and_records() -> None:
    with pytest.raises(InvalidDataError) as info:
        RecordFact(kind="CRIMINAL_SENTENCE", started=dt.date(2020, 1, 1), ended=dt.date(2019, 1, 1))
    assert info.value.paths == ["ended"]
    with pytest.raises(InvalidDataError) as info:
        RecordFact(kind="X", ended=dt.date(2019, 1, 1), ongoing=True)
    assert info.value.problems[0].code == "INCONSISTENT"
    with pytest.raises(InvalidDataError) as info:
        Vetting(
            prechecks=(
                PreCheck(kind=PreCheckKind.FILE_REVIEW, status=CheckStatus.CLEAR),
                PreCheck(kind=PreCheckKind.FILE_REVIEW, status=CheckStatus.NOT_DONE),
            )
        )
    assert info.value.paths == ["prechecks[1].kind"]


def test_education_highest() -> None:
    e = Education(full_time=EducationLevel.HIGH_SCHOOL, in_service=EducationLevel.UNDERGRADUATE)
    assert e.highest is EducationLevel.UNDERGRADUATE
    assert Education().highest is None


def test_id_number_in_person_is_masked_in_repr() -> None:
    p = person(id_number=IdNumber("11010519491231002X"))
    assert "11010519491231002X" not in repr(p)
    assert "1101**************" in repr(p)


def test_party_confirmed_is_checked_against_admission_and_standing() -> None:
    # 党章 第七条: full membership (转正) follows the probation that starts on admission (入党)
    ok = person(
        party_standing=PartyStanding.FULL_MEMBER,
        party_joined=dt.date(2010, 7, 1),
        party_confirmed=dt.date(2011, 7, 1),
    )
    assert ok.party_confirmed == dt.date(2011, 7, 1)
    with pytest.raises(InvalidDataError) as info:
        person(
            party_standing=PartyStanding.FULL_MEMBER,
            party_joined=dt.date(2010, 7, 1),
            party_confirmed=dt.date(2010, 6, 30),
        )
    assert [(p.code, p.path) for p in info.value.problems] == [("DATE_ORDER", "party_confirmed")]
    with pytest.raises(InvalidDataError) as info:
        person(party_confirmed=dt.date(2011, 7, 1))
    assert [(p.code, p.path) for p in info.value.problems] == [("INCONSISTENT", "party_confirmed")]


def test_an_int_for_a_fraction_field_is_stored_as_a_fraction() -> None:
    # Otherwise previous_margin=1 stays an int and comes back from JSON as Fraction(1): equal,
    # but of another type.
    from huanjie_rules.io import from_json, to_json

    e = election(previous_margin=1)
    assert type(e.previous_margin) is Fraction
    back = from_json(to_json(e), Election)
    assert type(back.previous_margin) is Fraction and back == e
    evolved = attrs.evolve(e, previous_margin=0)  # type: ignore[arg-type]
    assert type(evolved.previous_margin) is Fraction
    with pytest.raises(InvalidDataError):
        election(previous_margin=True)  # a bool is not a number here


def test_a_check_that_breaks_on_valid_fields_is_not_swallowed() -> None:
    from collections.abc import Iterable

    from huanjie_rules._base import Model
    from huanjie_rules.errors import Problem

    @attrs.frozen(kw_only=True)
    class Broken(Model):
        n: int

        def _checks(self) -> Iterable[Problem]:
            raise ValueError("a bug in the check")

    with pytest.raises(ValueError, match="a bug in the check"):
        Broken(n=1)
    with pytest.raises(InvalidDataError):  # a type problem is still reported as such
        Broken(n="1")  # type: ignore[arg-type]


def test_unknown_annotation_forms_are_refused_not_accepted() -> None:
    from collections.abc import Mapping

    from huanjie_rules._base import check_value

    with pytest.raises(TypeError, match="cannot check"):
        list(check_value(["a"], list[str], "x"))
    with pytest.raises(TypeError, match="cannot check"):
        list(check_value({}, dict, "x"))
    problems = list(check_value({"a": "1"}, Mapping[str, int], "m"))
    assert [(p.code, p.path) for p in problems] == [("TYPE", "m['a']")]
    assert [p.code for p in check_value(["a"], Mapping[str, int], "m")] == ["TYPE"]


def test_a_probationary_member_has_no_confirmation_date() -> None:
    # 党章 第七条: 党龄 counts from 转正; a 预备党员 has not been confirmed yet.
    with pytest.raises(InvalidDataError) as info:
        person(
            party_standing=PartyStanding.PROBATIONARY,
            party_joined=dt.date(2020, 7, 1),
            party_confirmed=dt.date(2021, 7, 1),
        )
    assert [(p.code, p.path) for p in info.value.problems] == [("INCONSISTENT", "party_confirmed")]
    for standing in (PartyStanding.FULL_MEMBER, PartyStanding.DISCIPLINARY_PROBATION):
        person(
            party_standing=standing,
            party_joined=dt.date(2020, 7, 1),
            party_confirmed=dt.date(2021, 7, 1),
        )


def test_a_candidate_born_after_the_election_day_is_refused() -> None:
    day = dt.date(2021, 3, 1)

    def cand(born: dt.date, key: str) -> Candidate:
        return Candidate(person=person(birth_date=born, name=key), office=Office.MEMBER)

    ok = election(date=day, candidates=(cand(day, "甲"), cand(day - dt.timedelta(days=1), "乙")))
    assert len(ok.candidates) == 2
    with pytest.raises(InvalidDataError) as info:
        election(date=day, candidates=(cand(day, "甲"), cand(dt.date(2999, 1, 1), "乙")))
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("DATE_ORDER", "candidates[1].person.birth_date")
    ]


def test_a_write_in_replaces_a_named_candidate_or_none() -> None:
    from huanjie_rules.model import WriteIn

    assert WriteIn(name="").name == ""  # an empty write-in is judged by the vote rules
    assert WriteIn(name="王五", replaces="张三").replaces == "张三"
    with pytest.raises(InvalidDataError) as info:
        WriteIn(name="王五", replaces=" ")
    assert [(p.code, p.path) for p in info.value.problems] == [("EMPTY", "replaces")]
