"""The one obvious way: building an election, clean vettings, and the answers that never raise."""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules import (
    AgeBasis,
    AgeMode,
    BodyKind,
    Candidate,
    CheckStatus,
    ElectionForm,
    Gender,
    InvalidDataError,
    Level,
    Office,
    PartyStanding,
    Person,
    PreCheckKind,
    Regime,
    RuleInputError,
    Seat,
    Status,
    Vetting,
    age_on,
    attestations_for,
    build_election,
    check_id_number,
    is_valid_id_number,
    load_policy,
    prechecks_for,
    required_attestations,
    screen,
)
from huanjie_rules.builders import REGIME_DEFAULTS

DAY = dt.date(2021, 3, 1)


def person(name: str = "甲", born: dt.date = dt.date(1980, 1, 1)) -> Person:
    return Person(name=name, gender=Gender.MALE, birth_date=born)


@pytest.mark.parametrize(
    ("policy_id", "body", "level", "form"),
    [
        ("party-basic-2020", BodyKind.BRANCH, Level.VILLAGE, ElectionForm.MEMBERS_ASSEMBLY),
        (
            "party-local-2020",
            BodyKind.PARTY_COMMITTEE,
            Level.COUNTY,
            ElectionForm.DELEGATES_CONGRESS,
        ),
        ("npc-2020", BodyKind.PEOPLES_CONGRESS, Level.TOWNSHIP, ElectionForm.DIRECT_VOTERS),
        ("village-2018", BodyKind.VILLAGE_COMMITTEE, Level.VILLAGE, ElectionForm.VILLAGERS),
    ],
)
def test_build_election_takes_regime_and_id_from_the_policy(
    policy_id: str, body: BodyKind, level: Level, form: ElectionForm
) -> None:
    policy = load_policy(policy_id)
    office = {
        Regime.NPC: Office.NPC_DEPUTY,
        Regime.VILLAGE: Office.VILLAGE_MEMBER,
    }.get(policy.regime, Office.MEMBER)
    e = build_election(policy, date=DAY, seats={office: 2}, candidates=[person("甲"), person("乙")])
    assert (e.regime, e.policy_id) == (policy.regime, policy.id)
    assert (e.body, e.level, e.form) == (body, level, form) == REGIME_DEFAULTS[policy.regime]
    assert e.key == f"{policy_id}:2021-03-01" and e.entitled_voters == 0
    assert [(c.key, c.office) for c in e.candidates] == [("甲", office), ("乙", office)]


def test_build_election_by_post_and_with_everything_given() -> None:
    policy = load_policy("village-2018")
    D, M = Office.VILLAGE_DIRECTOR, Office.VILLAGE_MEMBER
    cand = Candidate(person=person("丙"), office=M)
    e = build_election(
        policy,
        date=DAY,
        seats=[Seat(office=D, count=1), Seat(office=M, count=2)],
        candidates={D: [person("甲")], M: [person("乙"), cand]},
        entitled_voters=900,
        body=BodyKind.VILLAGE_COMMITTEE,
        level=Level.VILLAGE,
        form=ElectionForm.VILLAGERS,
        key="东村",
    )
    assert [(c.key, c.office) for c in e.candidates] == [("甲", D), ("乙", M), ("丙", M)]
    assert e.key == "东村" and e.entitled_voters == 900


@pytest.mark.parametrize(
    ("kwargs", "code", "path"),
    [
        (
            {
                "seats": {Office.VILLAGE_DIRECTOR: 1, Office.VILLAGE_MEMBER: 2},
                "candidates": [person()],
            },
            "OFFICE_REQUIRED",
            "candidates[0]",
        ),
        (
            {
                "seats": {Office.VILLAGE_MEMBER: 2},
                "candidates": {
                    Office.VILLAGE_MEMBER: [
                        Candidate(person=person(), office=Office.VILLAGE_DIRECTOR)
                    ]
                },
            },
            "UNKNOWN_OFFICE",
            "candidates[VILLAGE_MEMBER][0]",
        ),
        ({"seats": {Office.VILLAGE_MEMBER: 2}, "candidates": ["甲"]}, "TYPE", "candidates[0]"),
        ({"seats": {Office.VILLAGE_MEMBER: 2}, "date": "2021-03-01"}, "TYPE", "date"),
    ],
)
def test_build_election_refuses_what_it_cannot_place(
    kwargs: dict[str, object], code: str, path: str
) -> None:
    args: dict[str, object] = {"date": DAY, **kwargs}
    with pytest.raises(RuleInputError) as info:
        build_election(load_policy("village-2018"), **args)  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == (code, path)


def test_build_election_keeps_the_model_checks() -> None:
    with pytest.raises(InvalidDataError) as info:
        build_election(load_policy("npc-2020"), date=DAY, seats={})
    assert [p.code for p in info.value.problems] == ["EMPTY"]
    with pytest.raises(RuleInputError):
        build_election("npc-2020", date=DAY, seats={Office.NPC_DEPUTY: 1})  # type: ignore[arg-type]


def test_a_clean_vetting_built_from_the_profile_makes_an_eligible_secretary() -> None:
    policy = load_policy("xzhen-2021")
    e = build_election(policy, date=DAY, seats={Office.SECRETARY: 1}, entitled_voters=60)
    chen = Person(
        name="陈刚",
        gender=Gender.MALE,
        birth_date=dt.date(1980, 3, 1),
        party_standing=PartyStanding.FULL_MEMBER,
        party_joined=dt.date(2001, 7, 1),
        party_confirmed=dt.date(2002, 7, 1),
    )
    bare = screen(Candidate(person=chen, office=Office.SECRETARY), e, policy)
    assert (
        bare.codes().count("NEGATIVE_NOT_ATTESTED") == len(required_attestations(policy, DAY)) == 5
    )
    vetting = Vetting(
        attestations=attestations_for(policy, DAY, attested_by="镇党委"),
        prechecks=prechecks_for(policy),
    )
    clean = screen(Candidate(person=chen, office=Office.SECRETARY, vetting=vetting), e, policy)
    assert "NEGATIVE_NOT_ATTESTED" not in clean.codes() and clean.no_fail
    held = attestations_for(policy, DAY, holding=["SHI_BU_TUI_04"])
    barred = screen(
        Candidate(person=chen, office=Office.SECRETARY, vetting=Vetting(attestations=held)),
        e,
        policy,
    )
    assert "NEGATIVE_ATTESTED" in barred.codes()
    with pytest.raises(RuleInputError) as info:
        attestations_for(policy, DAY, holding=["NO_SUCH_ITEM"])
    assert (info.value.code, info.value.path) == ("UNKNOWN_ITEM", "holding[0]")


def test_prechecks_for_each_required_kind() -> None:
    policy = load_policy("party-basic-2020")
    assert prechecks_for(policy) == ()
    param = policy.param("eligibility.prechecks_required")
    import attrs

    wanting = attrs.evolve(
        policy,
        parameters=[
            attrs.evolve(p, value=("FILE_REVIEW", "COMPLAINTS")) if p is param else p
            for p in policy.parameters
        ],
    )
    checks = prechecks_for(wanting, status=CheckStatus.NOT_DONE)
    assert [(c.kind, c.status) for c in checks] == [
        (PreCheckKind.FILE_REVIEW, CheckStatus.NOT_DONE),
        (PreCheckKind.COMPLAINTS, CheckStatus.NOT_DONE),
    ]


def test_no_fail_is_eligible_or_needs_review() -> None:
    policy = load_policy("village-2018")
    e = build_election(policy, date=dt.date(2021, 5, 10), seats={Office.VILLAGE_MEMBER: 3})
    # 18 on election day: eligible; the day after her 18th year starts: the day before is 17.
    ok = screen(
        Candidate(person=person(born=dt.date(2003, 5, 10)), office=Office.VILLAGE_MEMBER), e, policy
    )
    young = screen(
        Candidate(person=person(born=dt.date(2003, 5, 11)), office=Office.VILLAGE_MEMBER), e, policy
    )
    assert (ok.status, ok.no_fail, ok.ok) == (Status.ELIGIBLE, True, True)
    assert (young.status, young.no_fail) == (Status.INELIGIBLE, False)


def test_age_on_follows_the_profile_29_february_setting() -> None:
    leapling, day = dt.date(2004, 2, 29), dt.date(2022, 2, 28)
    feb28 = load_policy("village-2018")
    assert feb28.get_str("eligibility.leap_day_birthday") == "FEB_28"
    assert age_on(leapling, day, policy=feb28) == 18
    assert age_on(leapling, day - dt.timedelta(days=1), policy=feb28) == 17
    assert age_on(leapling, day, leap_day="MAR_1") == 17
    assert age_on(leapling, day, leap_day="FEB_28", policy=feb28) == 18
    with pytest.raises(RuleInputError) as info:
        age_on(leapling, day, leap_day="MAR_1", policy=feb28)
    assert info.value.code == "ARGUMENT_CONFLICT"


@pytest.mark.parametrize(
    ("born", "max_age", "min_age", "allowed"),
    [
        (dt.date(1967, 1, 1), 54, None, True),  # 「54周岁以下(1967年1月1日以后出生)」
        (dt.date(1966, 12, 31), 54, None, False),
        (dt.date(1967, 1, 2), 54, None, True),
        (dt.date(2003, 12, 31), None, 18, True),  # year-based: 2021 - 2003 = 18
        (dt.date(2004, 1, 1), None, 18, False),
    ],
)
def test_the_year_cutoff_basis_answers_yes_or_no(
    born: dt.date, max_age: int | None, min_age: int | None, allowed: bool
) -> None:
    basis = AgeBasis(mode=AgeMode.BIRTH_YEAR_CUTOFF, reference_date=dt.date(2021, 3, 1))
    assert basis.allows(born, max_age=max_age, min_age=min_age) is allowed


def test_election_date_basis_answers_at_the_birthday() -> None:
    basis = AgeBasis(mode=AgeMode.ELECTION_DATE, reference_date=dt.date(2021, 3, 1))
    assert basis.allows(dt.date(1975, 3, 2), max_age=45)
    assert not basis.allows(dt.date(1975, 3, 1), max_age=45)  # 46 on the day
    assert basis.allows(dt.date(2022, 1, 1), max_age=45)  # not born yet: under any maximum
    assert not basis.allows(dt.date(2022, 1, 1), min_age=18)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("11010519491231002X", []),
        (" 11010519491231002x ", []),
        ("110105194912310021", ["ID_CHECKSUM"]),
        ("110105491231002", []),  # legacy 15 digits
        ("11010519491331002X", ["ID_CHECKSUM", "ID_BIRTH_DATE"]),
        ("1101051949123100", ["ID_SHAPE"]),
        ("\uff11" * 17 + "X", ["ID_SHAPE"]),  # full-width digits
        ("", ["ID_SHAPE"]),
    ],
)
def test_id_numbers_answer_valid_or_not_without_raising(text: str, codes: list[str]) -> None:
    assert [p.code for p in check_id_number(text)] == codes
    assert is_valid_id_number(text) is (not codes)


def test_id_number_in_the_future_and_not_text() -> None:
    assert [p.code for p in check_id_number("11010520300101001X", today=DAY)] in (
        ["ID_BIRTH_DATE"],
        ["ID_CHECKSUM", "ID_BIRTH_DATE"],
    )
    assert [p.code for p in check_id_number(110105)] == ["TYPE"]
    assert not any("19491231" in p.message for p in check_id_number("110105194912310021"))
