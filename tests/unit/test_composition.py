"""Slate composition (班子结构) at its boundaries."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from huanjie_rules.composition import FINDING_CODES, SlateReport, check_slate, secretary_age_share
from huanjie_rules.errors import RuleInputError
from huanjie_rules.findings import Severity, Status
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import BodyKind, Candidate, Gender, Office, Person, PersonCategory, Tenure
from huanjie_rules.policy import load_policy

D = dt.date
BORN = D(1975, 1, 1)


def member(
    name: str,
    *,
    gender: Gender = Gender.MALE,
    months: int | None = 36,
    born: dt.date = BORN,
    ethnicity: str = "汉族",
    categories: frozenset[PersonCategory] = frozenset(),
    tenure: Tenure = Tenure.NEW,
    office: Office = Office.MEMBER,
) -> Candidate:
    return Candidate(
        office=office,
        tenure=tenure,
        person=Person(
            name=name,
            gender=gender,
            birth_date=born,
            ethnicity=ethnicity,
            township_experience_months=months,
            categories=categories,
        ),
    )


def test_catalogue_fields_match() -> None:
    for message in FINDING_CODES.values():
        zh, en = message.fields()
        assert zh == en


@pytest.mark.parametrize(("n", "ok"), [(6, False), (7, True), (9, True), (10, False)])
def test_town_committee_size_7_to_9(n: int, ok: bool) -> None:
    team = [member(str(i), categories=frozenset({PersonCategory.VILLAGE_CADRE})) for i in range(n)]
    r = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE, on=D(2016, 5, 1)
    )
    assert ("COMMITTEE_SIZE_OUT_OF_RANGE" in r.codes()) is not ok
    if not ok:
        assert r.status is Status.NEEDS_REVIEW  # 一般: soft


@pytest.mark.parametrize(("n", "ok"), [(4, False), (5, True), (7, True), (8, False)])
def test_discipline_committee_size_5_to_7(n: int, ok: bool) -> None:
    team = [member(str(i)) for i in range(n)]
    r = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.DISCIPLINE_COMMITTEE, on=D(2016, 5, 1)
    )
    assert r.ok is ok


@pytest.mark.parametrize(
    ("experienced", "total", "ok"), [(5, 8, False), (6, 9, True), (6, 8, True), (5, 9, False)]
)
def test_two_thirds_with_two_years_township_experience(
    experienced: int, total: int, ok: bool
) -> None:
    cat = frozenset({PersonCategory.COLLEGE_GRADUATE_OFFICIAL})
    team = [member(f"e{i}", months=24, categories=cat) for i in range(experienced)]
    team += [member(f"n{i}", months=23) for i in range(total - experienced)]
    r = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE, on=D(2016, 5, 1)
    )
    (share,) = r.shares
    assert (share.numerator, share.denominator) == (experienced, total)
    assert share.value == Fraction(experienced, total)
    assert share.meets is ok
    assert ("SHARE_BELOW_MINIMUM" in r.codes()) is not ok
    if not ok:
        assert r.status is Status.INELIGIBLE  # 应不少于: hard


def test_unknown_experience_is_reported_and_not_counted() -> None:
    team = [member(str(i), categories=frozenset({PersonCategory.VILLAGE_CADRE})) for i in range(6)]
    team.append(member("x", months=None))
    r = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE, on=D(2016, 5, 1)
    )
    assert r.codes() == ("TOWNSHIP_EXPERIENCE_UNKNOWN",)
    assert r.shares[0].numerator == 6


@pytest.mark.parametrize(("count", "ok"), [(0, False), (1, True), (2, True)])
def test_three_categories_at_least_one_in_total(count: int, ok: bool) -> None:
    cats = [PersonCategory.TOWNSHIP_INSTITUTION_STAFF, PersonCategory.VILLAGE_CADRE]
    team = [member(f"c{i}", categories=frozenset({cats[i]})) for i in range(count)]
    team += [
        member(f"o{i}", categories=frozenset({PersonCategory.LEADING_CADRE}))
        for i in range(7 - count)
    ]
    r = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE, on=D(2016, 5, 1)
    )
    assert ("THREE_CATEGORIES_BELOW_MINIMUM" in r.codes()) is not ok


@pytest.mark.parametrize(("n", "ok"), [(2, False), (3, True), (7, True), (8, False)])
def test_village_committee_size_3_to_7(n: int, ok: bool) -> None:
    team = [member("w", gender=Gender.FEMALE)] + [member(str(i)) for i in range(n - 1)]
    r = check_slate(
        team, load_policy("village-2018"), body=BodyKind.VILLAGE_COMMITTEE, on=D(2021, 3, 1)
    )
    assert r.ok is ok
    if not ok:
        assert r.findings[0].severity is Severity.FAIL


def test_woman_and_minority_members() -> None:
    policy = load_policy("village-2018")
    on = D(2021, 3, 1)
    men = [member(str(i)) for i in range(3)]
    assert check_slate(men, policy, body=BodyKind.VILLAGE_COMMITTEE, on=on).codes() == (
        "NO_WOMAN_MEMBER",
    )
    mixed = [*men[:2], member("w", gender=Gender.FEMALE)]
    assert check_slate(mixed, policy, body=BodyKind.VILLAGE_COMMITTEE, on=on).ok
    r = check_slate(mixed, policy, body=BodyKind.VILLAGE_COMMITTEE, on=on, multi_ethnic=True)
    assert r.codes() == ("NO_MINORITY_MEMBER",)
    with_hui = [*mixed, member("h", ethnicity="回族")]
    assert check_slate(
        with_hui, policy, body=BodyKind.VILLAGE_COMMITTEE, on=on, multi_ethnic=True
    ).ok
    r = check_slate(
        with_hui,
        policy,
        body=BodyKind.VILLAGE_COMMITTEE,
        on=on,
        multi_ethnic=True,
        smaller_groups=["蒙古族"],
    )
    assert r.codes() == ("NO_MINORITY_MEMBER",)


@pytest.mark.parametrize(
    ("continuing", "total", "ok"),
    [
        (7, 30, False),  # 7/30 is 1/10 below 1/3
        (17, 60, True),  # 17/60 = 1/3 - 1/20: on the tolerance, inclusive
        (16, 60, False),
        (23, 60, True),  # 1/3 + 1/20
        (24, 60, False),
        (10, 30, True),
    ],
)
def test_continuing_deputies_about_one_third(continuing: int, total: int, ok: bool) -> None:
    deputies = [
        member(f"c{i}", tenure=Tenure.CONTINUING, office=Office.NPC_DEPUTY)
        for i in range(continuing)
    ]
    deputies += [member(f"n{i}", office=Office.NPC_DEPUTY) for i in range(total - continuing)]
    r = check_slate(
        deputies, load_policy("npc-2020"), body=BodyKind.PEOPLES_CONGRESS, on=D(2021, 11, 5)
    )
    (share,) = r.shares
    assert share.value == Fraction(continuing, total)
    assert share.tolerance == Fraction(1, 20)
    assert share.meets is ok
    assert r.status is (Status.ELIGIBLE if ok else Status.NEEDS_REVIEW)


@pytest.mark.parametrize(
    ("young", "total", "ok"), [(2, 7, False), (3, 10, True), (2, 10, False), (1, 3, True)]
)
def test_young_secretary_share_30_percent(young: int, total: int, ok: bool) -> None:
    on = D(2021, 3, 1)
    secs = [
        member(f"y{i}", born=D(1976, 3, 1), office=Office.SECRETARY) for i in range(young)
    ]  # 45 exactly
    secs += [
        member(f"o{i}", born=D(1976, 2, 28), office=Office.SECRETARY) for i in range(total - young)
    ]  # 45 too? no: 45
    secs = secs[:young] + [
        member(f"o{i}", born=D(1975, 3, 1), office=Office.SECRETARY) for i in range(total - young)
    ]
    r = secretary_age_share(secs, load_policy("xzhen-2021"), on=on)
    assert r.shares[0].numerator == young
    assert r.shares[0].meets is ok
    assert r.status is (Status.ELIGIBLE if ok else Status.NEEDS_REVIEW)


def test_reports_round_trip_and_empty_slates_raise() -> None:
    team = [member(str(i)) for i in range(8)]
    r = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE, on=D(2016, 5, 1)
    )
    assert from_json(to_json(r), SlateReport) == r
    with pytest.raises(RuleInputError) as err:
        check_slate(
            [], load_policy("village-2018"), body=BodyKind.VILLAGE_COMMITTEE, on=D(2021, 3, 1)
        )
    assert err.value.code == "EMPTY_SLATE"


def test_a_report_names_the_rules_it_applied() -> None:
    team = [member(str(i)) for i in range(7)]
    nmg = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE, on=D(2016, 5, 1)
    )
    assert nmg.checked == (
        "composition.party_committee_size",
        "composition.township_experience_min_share",
        "composition.three_categories_min_count",
    )
    # X镇 holds no composition rule for a branch: ELIGIBLE, and nothing was checked
    branch = check_slate(team, load_policy("xzhen-2021"), body=BodyKind.BRANCH, on=D(2021, 10, 8))
    assert (branch.status, branch.checked, branch.findings) == (Status.ELIGIBLE, (), ())
    village = check_slate(
        team[:5], load_policy("village-2018"), body=BodyKind.VILLAGE_COMMITTEE, on=D(2021, 5, 1)
    )
    assert village.checked == ("composition.village_committee_size", "composition.woman_required")
    secs = [member("s", office=Office.SECRETARY)]
    young = secretary_age_share(secs, load_policy("xzhen-2021"), on=D(2021, 3, 1))
    assert young.checked == ("composition.young_secretary_min_share",)
    assert from_json(to_json(nmg), SlateReport) == nmg


def test_share_message_gives_the_count_once() -> None:
    team = [member(str(i), months=36 if i < 4 else 0) for i in range(9)]
    r = check_slate(
        team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE, on=D(2016, 5, 1)
    )
    f = next(f for f in r.findings if f.code == "SHARE_BELOW_MINIMUM")
    # the rule's own words: 「具有2年以上乡镇工作经历的人员应不少于三分之二」 (seed 003:561)
    assert f.message_zh == "具有2年以上乡镇工作经历的人员占比为4/9（9人中4人），低于2/3"
    assert f.message_en == "share with 2 years or more in townships is 4/9 (4 of 9), below 2/3"


def test_secretary_share_counts_secretaries_only_and_each_once() -> None:
    xzhen = load_policy("xzhen-2021")
    secs = [member("a", office=Office.SECRETARY), member("b", office=Office.MEMBER)]
    with pytest.raises(RuleInputError) as info:
        secretary_age_share(secs, xzhen, on=D(2021, 3, 1))
    assert (info.value.code, info.value.path) == ("NOT_A_SECRETARY", "secretaries[1].office")
    twice = [member("a", office=Office.SECRETARY)] * 2
    with pytest.raises(RuleInputError) as info:
        secretary_age_share(twice, xzhen, on=D(2021, 3, 1))
    assert (info.value.code, info.value.path) == ("DUPLICATE_KEY", "secretaries[1].key")
    with pytest.raises(RuleInputError) as info:
        secretary_age_share([], xzhen, on=D(2021, 3, 1))
    assert (info.value.code, info.value.path) == ("EMPTY_SLATE", "secretaries")
    with pytest.raises(RuleInputError) as info:
        check_slate([member("a"), member("a")], xzhen, body=BodyKind.BRANCH, on=D(2021, 3, 1))
    assert (info.value.code, info.value.path) == ("DUPLICATE_KEY", "members[1].key")


def test_two_hundred_people_exact_and_silent(capsys: pytest.CaptureFixture[str]) -> None:
    import random

    rng = random.Random(2021)
    secs = [
        member(
            f"书记{i:03d}",
            office=Office.SECRETARY,
            born=D(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28)),
        )
        for i in range(200)
    ]
    on = D(2021, 10, 8)
    r = secretary_age_share(secs, load_policy("xzhen-2021"), on=on)
    young = sum(
        1
        for c in secs
        if (on.year - c.person.birth_date.year)
        - ((on.month, on.day) < (c.person.birth_date.month, c.person.birth_date.day))
        <= 45
    )
    share = r.shares[0]
    assert (share.numerator, share.denominator) == (young, 200)
    assert type(share.value) is Fraction and share.value == Fraction(young, 200)
    assert share.meets is (young * 10 >= 3 * 200)
    assert "Fraction(" in repr(share) and "float" not in to_json(r)
    assert capsys.readouterr() == ("", "")
