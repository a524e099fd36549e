"""Voter registration: golden cases (tests/cases/registration.toml) and the edges of the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, ParameterError, RuleInputError, load_policy
from huanjie_rules.model import (
    BodyKind,
    Election,
    ElectionForm,
    Gender,
    Level,
    Office,
    Person,
    Regime,
    Seat,
)
from huanjie_rules.registration import (
    Custody,
    LateGround,
    Registrant,
    RollAction,
    check_late_registration,
    check_registration,
    revise_roll,
)

CASES = load_cases("registration")
FUNCTIONS: dict[str, Any] = {
    "check_registration": (check_registration, {"registrant": Registrant, "on": None}),
    "check_late_registration": (check_late_registration, {"ground": LateGround}),
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    check(run(case, FUNCTIONS), case["expect"], case["id"])


def _county(policy_id: str = "npc-2020") -> Election:
    return Election(
        key="d1",
        regime=Regime.NPC,
        policy_id=policy_id,
        body=BodyKind.PEOPLES_CONGRESS,
        level=Level.COUNTY,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 20),
        seats=[Seat(office=Office.NPC_DEPUTY, count=2)],
        entitled_voters=4000,
    )


def _person(name: str, born: dt.date = dt.date(1970, 1, 1)) -> Person:
    return Person(name=name, gender=Gender.MALE, birth_date=born)


def test_revise_roll_lists_kept_added_removed_and_suspended() -> None:
    people = [
        Registrant(person=_person("甲"), on_previous_roll=True),
        Registrant(person=_person("乙", dt.date(2001, 1, 1))),
        Registrant(person=_person("丙"), on_previous_roll=True, moved_out=True),
        Registrant(
            person=_person("丁"),
            on_previous_roll=True,
            custody=Custody.DETAINED,
            suspension_decided=True,
        ),
        Registrant(person=_person("戊"), on_previous_roll=True, incapacity_confirmed=False),
    ]
    roll = revise_roll(people, _county(), load_policy("npc-2020"))
    assert roll.listed == ("甲", "乙", "丁", "戊")
    assert roll.added == ("乙",)
    assert roll.removed == ("丙",)
    assert roll.suspended == ("丁",)
    assert roll.status.value == "ELIGIBLE"
    assert [d.action for d in roll.decisions][:3] == [
        RollAction.KEEP,
        RollAction.ADD,
        RollAction.REMOVE,
    ]


def test_revise_roll_refuses_a_person_twice() -> None:
    people = [Registrant(person=_person("甲")), Registrant(person=_person("甲"))]
    with pytest.raises(RuleInputError) as err:
        revise_roll(people, _county(), load_policy("npc-2020"))
    assert err.value.code == "DUPLICATE_KEY"
    assert err.value.path == "registrants[1].person.key"


def test_party_elections_have_no_voter_registration() -> None:
    e = Election(
        key="p",
        regime=Regime.PARTY_BASIC,
        policy_id="party-basic-2020",
        body=BodyKind.BRANCH,
        level=Level.GRASSROOTS,
        form=ElectionForm.MEMBERS_ASSEMBLY,
        date=dt.date(2021, 11, 20),
        seats=[Seat(office=Office.MEMBER, count=3)],
        entitled_voters=20,
    )
    with pytest.raises(RuleInputError) as err:
        check_registration(Registrant(person=_person("甲")), e, load_policy("party-basic-2020"))
    assert err.value.code == "REGIME_NOT_COVERED"


def test_bad_arguments_are_refused_with_typed_errors() -> None:
    with pytest.raises(RuleInputError) as err:
        check_registration("甲", _county(), load_policy("npc-2020"))  # type: ignore[arg-type]
    assert err.value.path == "registrant"
    with pytest.raises(RuleInputError):
        check_late_registration(
            LateGround.UNREACHABLE,
            dt.date(2021, 11, 21),
            dt.date(2021, 11, 20),
            load_policy("zhejiang-npc-2021"),
        )
    with pytest.raises(InvalidDataError) as bad:
        Registrant(person=_person("甲"), moved_in=True, moved_out=True)
    assert bad.value.paths == ["moved_out"]
    with pytest.raises(InvalidDataError):
        Registrant(person=_person("甲"), suspension_decided=True)


def test_national_profile_has_no_late_registration_rule() -> None:
    with pytest.raises(ParameterError):
        check_late_registration(
            LateGround.UNREACHABLE,
            dt.date(2021, 11, 1),
            dt.date(2021, 11, 20),
            load_policy("npc-2020"),
        )
