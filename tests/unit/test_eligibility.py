"""Candidate screens: rights, identity, age and education, pre-checks, incompatibilities."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import attrs
import pytest
from eligibility_helpers import D, candidate, election, local_profile, person

from huanjie_rules import eligibility
from huanjie_rules.eligibility import (
    CHECKS,
    FINDING_CODES,
    check_education_text,
    check_identity,
    education_requirement,
    screen,
    screen_many,
    voter_rights,
)
from huanjie_rules.errors import PolicyNotInForceError, RuleInputError
from huanjie_rules.findings import Eligibility, Severity, Status
from huanjie_rules.idcard import check_character
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import (
    CheckStatus,
    Education,
    EducationLevel,
    Gender,
    IdNumber,
    Office,
    PartyStanding,
    PreCheck,
    PreCheckKind,
    Relation,
    Relative,
    StaffMember,
    StaffRole,
    Tenure,
    Vetting,
)
from huanjie_rules.policy import load_policy

ALL = ("rights", "age", "education", "incompatibility", "identity", "prechecks")


def codes(result: Eligibility) -> set[str]:
    return set(result.codes())


def test_catalogue_messages_have_both_languages_and_same_fields() -> None:
    for code, message in FINDING_CODES.items():
        assert message.zh, code
        assert message.en, code
        zh, en = message.fields()
        assert zh == en, code
    assert set(eligibility.CHECKS) == set(CHECKS)


# -- rights ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("standing", "pid", "expected"),
    [
        (PartyStanding.FULL_MEMBER, "party-basic-2020", set()),
        (PartyStanding.PROBATIONARY, "party-basic-2020", {"NO_CANDIDACY_STANDING"}),
        (PartyStanding.DISCIPLINARY_PROBATION, "party-basic-2020", {"NO_CANDIDACY_STANDING"}),
        (PartyStanding.NON_MEMBER, "party-basic-2020", {"NO_CANDIDACY_STANDING"}),
        # PB20 art 5: 留置/逮捕 suspends the rights; PB90 had no such clause
        (PartyStanding.RIGHTS_SUSPENDED, "party-basic-2020", {"RIGHTS_SUSPENDED"}),
        (PartyStanding.RIGHTS_SUSPENDED, "party-basic-1990", set()),
        (PartyStanding.RIGHTS_SUSPENDED, "party-local-2020", {"RIGHTS_SUSPENDED"}),
        (PartyStanding.PROBATIONARY, "party-local-1994", {"NO_CANDIDACY_STANDING"}),
    ],
)
def test_party_candidacy_rights(standing: PartyStanding, pid: str, expected: set[str]) -> None:
    policy = load_policy(pid)
    on = D(2021, 6, 1) if pid.endswith("2020") else D(2016, 6, 1)
    r = screen(
        candidate(person(standing=standing)), election(policy, on), policy, checks=["rights"]
    )
    assert codes(r) == expected
    assert (r.status is Status.INELIGIBLE) == bool(expected)


def test_temporary_letter_gives_no_vote_and_no_candidacy() -> None:
    policy = load_policy("party-basic-2020")
    e = election(policy, D(2021, 6, 1))
    p = person(temporary_relation_only=True)
    assert codes(screen(candidate(p), e, policy, checks=["rights"])) == {"TEMPORARY_LETTER_ONLY"}
    assert voter_rights(p, e, policy).codes() == ("TEMPORARY_LETTER_ONLY",)
    assert voter_rights(person(), e, policy).status is Status.ELIGIBLE
    probationary = person(standing=PartyStanding.PROBATIONARY)
    assert voter_rights(probationary, e, policy).codes() == ("NO_VOTING_STANDING",)


@pytest.mark.parametrize("pid", ["npc-2015", "npc-2020", "village-2010", "village-2018"])
@pytest.mark.parametrize(
    ("born", "ok"),
    [(D(2003, 3, 2), False), (D(2003, 3, 1), True), (D(2003, 2, 28), True)],
)
def test_age_18_on_election_day(pid: str, born: dt.date, ok: bool) -> None:
    # 选举法 第四条 / 村民委员会组织法 第十三条: 年满十八周岁, counted to the election day
    policy = load_policy(pid)
    on = D(2018, 3, 1) if pid in ("npc-2015", "village-2010") else D(2021, 3, 1)
    born = born.replace(year=born.year - (3 if on.year == 2018 else 0))
    p = person(born=born, standing=PartyStanding.NON_MEMBER)
    e = election(policy, on)
    assert voter_rights(p, e, policy).ok is ok
    office = Office.NPC_DEPUTY if pid.startswith("npc") else Office.VILLAGE_DIRECTOR
    r = screen(candidate(p, office), e, policy, checks=["rights"])
    assert (codes(r) == {"AGE_UNDER_MINIMUM"}) is not ok


def test_age_18_with_29_february_birthday() -> None:
    policy = load_policy("village-2018")
    p = person(born=D(2004, 2, 29), standing=PartyStanding.NON_MEMBER)
    assert voter_rights(p, election(policy, D(2022, 2, 27)), policy, strict=False).ok is False
    assert voter_rights(p, election(policy, D(2022, 2, 28)), policy, strict=False).ok is True


def test_deprived_of_political_rights() -> None:
    policy = load_policy("npc-2020")
    p = person(political_rights_deprived=True, standing=PartyStanding.NON_MEMBER)
    r = screen(candidate(p, Office.NPC_DEPUTY), election(policy, D(2021, 11, 5)), policy)
    assert codes(r) == {"POLITICAL_RIGHTS_DEPRIVED"}


# -- age and education (X镇, seed 001:28) -------------------------------------------------------

XZ_ON = D(2021, 3, 1)


@pytest.mark.parametrize(
    ("born", "over"),
    [
        (D(1975, 3, 2), False),  # 45 on election day (turns 46 the day after)
        (D(1975, 3, 1), True),  # 46 on the birthday itself
        (D(1975, 2, 28), True),
        (D(1976, 3, 1), False),  # 45 exactly on the birthday
        (D(1976, 3, 2), False),  # 44
    ],
)
def test_new_secretary_at_most_45(born: dt.date, over: bool) -> None:
    policy = load_policy("xzhen-2021")
    r = screen(candidate(person(born=born)), election(policy, XZ_ON), policy, checks=["age"])
    assert (codes(r) == {"AGE_OVER_LIMIT"}) is over
    if over:
        f = r.findings[0]
        assert (f.observed, f.limit, f.severity) == (46, 45, Severity.FAIL)
        assert f.citation.seed == "001:28"


@pytest.mark.parametrize(("age", "over"), [(49, False), (50, False), (51, True)])
def test_continuing_secretary_at_most_50(age: int, over: bool) -> None:
    policy = load_policy("xzhen-2021")
    born = D(2021 - age, 1, 1)
    c = candidate(person(born=born), tenure=Tenure.CONTINUING)
    r = screen(c, election(policy, XZ_ON), policy, checks=["age"])
    assert (codes(r) == {"AGE_OVER_LIMIT"}) is over


@pytest.mark.parametrize(
    ("tenure", "level", "below"),
    [
        (Tenure.NEW, EducationLevel.JUNIOR_MIDDLE, True),
        (Tenure.NEW, EducationLevel.HIGH_SCHOOL, False),
        (Tenure.NEW, EducationLevel.SECONDARY_VOCATIONAL, False),
        (Tenure.NEW, EducationLevel.JUNIOR_COLLEGE, False),
        (Tenure.CONTINUING, EducationLevel.PRIMARY, True),
        (Tenure.CONTINUING, EducationLevel.JUNIOR_MIDDLE, False),
        (Tenure.CONTINUING, EducationLevel.HIGH_SCHOOL, False),
    ],
)
def test_secretary_education(tenure: Tenure, level: EducationLevel, below: bool) -> None:
    policy = load_policy("xzhen-2021")
    c = candidate(person(education=level), tenure=tenure)
    r = screen(c, election(policy, XZ_ON), policy, checks=["education"])
    assert (codes(r) == {"EDUCATION_BELOW_MINIMUM"}) is below


def test_education_highest_counts_in_service_but_full_time_rule_does_not(tmp_path: Path) -> None:
    policy = load_policy("xzhen-2021")
    p = person(education=None)
    p = p.__class__(
        name=p.name,
        gender=p.gender,
        birth_date=p.birth_date,
        party_standing=p.party_standing,
        education=Education(
            full_time=EducationLevel.JUNIOR_MIDDLE, in_service=EducationLevel.JUNIOR_COLLEGE
        ),
    )
    e = election(policy, XZ_ON)
    assert screen(candidate(p), e, policy, checks=["education"]).ok
    strict = local_profile(
        tmp_path,
        "xz-fulltime",
        "xzhen-2021",
        {"eligibility": EDU_FULL_TIME},
    )
    r = screen(candidate(p), election(strict, XZ_ON), strict, checks=["education"])
    assert codes(r) == {"EDUCATION_BELOW_MINIMUM"}
    unknown = candidate(person(education=None))
    assert codes(screen(unknown, e, policy, checks=["education"])) == {"EDUCATION_UNKNOWN"}


EDU_FULL_TIME = """
[education_basis]
type = "str"
value = "FULL_TIME"
choices = ["HIGHEST", "FULL_TIME"]
rule = "TEST-EDU"
instrument = "TEST"
article = "一"
"""


def test_education_requirement_and_text_helper() -> None:
    policy = load_policy("xzhen-2021")
    req = education_requirement(policy, Office.SECRETARY, Tenure.CONTINUING)
    assert req == (EducationLevel.JUNIOR_MIDDLE, "HIGHEST")
    param = policy.param("eligibility.role_limits")
    minimum = EducationLevel.HIGH_SCHOOL
    assert check_education_text("高中", minimum, param) == ()
    assert check_education_text("大专", minimum, param) == ()
    assert [f.code for f in check_education_text("小学", minimum, param)] == [
        "EDUCATION_BELOW_MINIMUM"
    ]
    (amb,) = check_education_text("硕士", minimum, param)
    assert (amb.code, amb.severity) == ("EDUCATION_TEXT_AMBIGUOUS", Severity.WARN)
    (unk,) = check_education_text("私塾", minimum, param)
    assert unk.code == "EDUCATION_TEXT_UNRECOGNIZED"


def test_transferred_secretary_is_flagged_for_review() -> None:
    policy = load_policy("xzhen-2021")
    c = candidate(person(), tenure=Tenure.TRANSFERRED)
    r = screen(c, election(policy, XZ_ON), policy, checks=["age", "education"])
    assert r.codes() == ("ROLE_LIMIT_TENURE_UNCOVERED",)
    assert r.status is Status.NEEDS_REVIEW


REF_DATE = """
[age_mode]
type = "str"
value = "{mode}"
choices = ["ELECTION_DATE", "REFERENCE_DATE", "BIRTH_YEAR_CUTOFF"]
rule = "TEST-AGE-MODE"
instrument = "TEST"
article = "一"

[age_reference_date]
type = "date"
value = {date}
rule = "TEST-AGE-MODE"
instrument = "TEST"
article = "一"
"""


def test_reference_date_mode(tmp_path: Path) -> None:
    # 袁州区 2021: age counted to 2020-08-31
    policy = local_profile(
        tmp_path,
        "ref-date",
        "xzhen-2021",
        {"eligibility": REF_DATE.format(mode="REFERENCE_DATE", date="2020-08-31")},
    )
    e = election(policy, XZ_ON)
    over = screen(candidate(person(born=D(1974, 8, 31))), e, policy, checks=["age"])
    ok = screen(candidate(person(born=D(1974, 9, 1))), e, policy, checks=["age"])
    assert over.codes() == ("AGE_OVER_LIMIT",)
    assert ok.ok
    assert "2020-08-31" in over.findings[0].message_en


def test_birth_year_cutoff_mode(tmp_path: Path) -> None:
    policy = local_profile(
        tmp_path,
        "cutoff",
        "xzhen-2021",
        {"eligibility": REF_DATE.format(mode="BIRTH_YEAR_CUTOFF", date="2021-01-01")},
    )
    e = election(policy, XZ_ON)
    # 45周岁以下 in 2021 = born on or after 1976-01-01
    assert screen(candidate(person(born=D(1976, 1, 1))), e, policy, checks=["age"]).ok
    late = screen(candidate(person(born=D(1975, 12, 31))), e, policy, checks=["age"])
    assert late.codes() == ("AGE_OVER_LIMIT",)


# -- 内蒙古 town committees (seed 003:555) ----------------------------------------------------

NMG_ON = D(2016, 5, 1)


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (57, set()),
        (58, {"AGE_AT_OR_OVER_BAR", "SERVICE_HORIZON_SHORT"}),
        (59, {"AGE_AT_OR_OVER_BAR", "SERVICE_HORIZON_SHORT"}),
    ],
)
def test_renomination_58_and_three_years(age: int, expected: set[str]) -> None:
    policy = load_policy("nmg-town-2016")
    born = D(2016 - age, 5, 1)  # birthday on election day: exactly `age`
    for tenure in (Tenure.CONTINUING, Tenure.TRANSFERRED):
        c = candidate(person(born=born), Office.MEMBER, tenure)
        r = screen(c, election(policy, NMG_ON), policy, checks=["age"])
        assert codes(r) == expected
        assert all(f.severity is Severity.WARN for f in r.findings)  # 一般: soft


@pytest.mark.parametrize(("age", "short"), [(54, False), (55, False), (56, True)])
def test_new_promotion_full_term(age: int, short: bool) -> None:
    policy = load_policy("nmg-town-2016")
    born = D(2016 - age, 5, 1)
    r = screen(candidate(person(born=born), Office.MEMBER), election(policy, NMG_ON), policy)
    assert ("SERVICE_HORIZON_SHORT" in codes(r)) is short
    assert "AGE_AT_OR_OVER_BAR" not in codes(r)


# -- identity (GB 11643) ---------------------------------------------------------------------


def _id(birth: dt.date, seq: str = "002") -> str:
    body = f"110105{birth:%Y%m%d}{seq}"
    return body + check_character(body)


def test_identity_checks_and_masking() -> None:
    policy = load_policy("village-2018")
    good = _id(D(1980, 6, 15), "001")  # odd sequence digit: male
    p = person(id_number=IdNumber(good))
    assert check_identity(p, policy).findings == ()
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    r = check_identity(person(id_number=IdNumber(bad_check)), policy)
    assert [f.code for f in r.findings] == ["ID_CHECKSUM_INVALID"]
    women = check_identity(person(id_number=IdNumber(_id(D(1980, 6, 15), "002"))), policy)
    assert [f.code for f in women.findings] == ["ID_SEX_MISMATCH"]
    other_day = check_identity(person(id_number=IdNumber(_id(D(1980, 6, 16), "001"))), policy)
    assert [f.code for f in other_day.findings] == ["ID_BIRTH_DATE_MISMATCH"]
    assert other_day.birth_date == D(1980, 6, 15)  # the stated date wins here
    impossible = "110105" + "19800230" + "001"
    r = check_identity(person(id_number=IdNumber(impossible + check_character(impossible))), policy)
    assert [f.code for f in r.findings] == ["ID_BIRTH_DATE_INVALID"]
    future = check_identity(person(id_number=IdNumber(good)), policy, on=D(1980, 6, 14))
    assert "ID_BIRTH_DATE_INVALID" in [f.code for f in future.findings]


def test_id_card_wins_in_zhejiang_and_decides_age() -> None:
    # 浙江省村民委员会选举办法 第十二条: 选民出生日期以居民身份证为准
    zj = load_policy("zhejiang-village-2020")
    p = person(born=D(2003, 3, 1), id_number=IdNumber(_id(D(2003, 3, 2), "001")))
    e = election(zj, D(2021, 3, 1))
    r = voter_rights(p, e, zj)
    assert set(r.codes()) == {"AGE_UNDER_MINIMUM", "ID_BIRTH_DATE_MISMATCH"}
    national = load_policy("village-2018")
    r2 = voter_rights(p, election(national, D(2021, 3, 1)), national)
    assert r2.codes() == ("ID_BIRTH_DATE_MISMATCH",)


def test_legacy_15_digit_number() -> None:
    policy = load_policy("npc-2020")
    p = person(born=D(1949, 12, 31), gender=Gender.FEMALE, id_number=IdNumber("110105491231002"))
    r = check_identity(p, policy)
    assert [f.code for f in r.findings] == ["ID_LEGACY_NUMBER"]
    assert r.findings[0].severity is Severity.INFO


def test_id_number_never_appears_in_results() -> None:
    policy = load_policy("village-2018")
    number = _id(D(1980, 6, 16), "002")
    p = person(id_number=IdNumber(number))
    r = screen(candidate(p, Office.VILLAGE_DIRECTOR), election(policy, D(2021, 3, 1)), policy)
    assert r.status is Status.NEEDS_REVIEW
    text = to_json(r) + repr(r) + str(check_identity(p, policy))
    assert number not in text
    assert number[6:14] not in text.replace("1980-06-16", "")
    assert from_json(to_json(r), Eligibility) == r


# -- pre-checks and incompatibilities ---------------------------------------------------------


def test_four_pre_nomination_checks() -> None:
    # 003:735: 问题没有查清、疑点没有消除的不得作为提名人选
    policy = load_policy("party-local-2020")
    e = election(policy, D(2021, 6, 1))
    kinds = list(PreCheckKind)
    clear = Vetting(prechecks=[PreCheck(kind=k, status=CheckStatus.CLEAR) for k in kinds])
    assert screen(candidate(person(), vetting=clear), e, policy, checks=["prechecks"]).ok
    missing = screen(candidate(person()), e, policy, checks=["prechecks"])
    assert missing.codes() == ("PRECHECK_MISSING",) * 4
    mixed = Vetting(
        prechecks=[
            PreCheck(kind=kinds[0], status=CheckStatus.CLEAR),
            PreCheck(kind=kinds[1], status=CheckStatus.UNRESOLVED),
            PreCheck(kind=kinds[2], status=CheckStatus.ISSUE_FOUND),
            PreCheck(kind=kinds[3], status=CheckStatus.NOT_DONE),
        ]
    )
    r = screen(candidate(person(), vetting=mixed), e, policy, checks=["prechecks"])
    assert codes(r) == {"PRECHECK_UNRESOLVED", "PRECHECK_ISSUE_FOUND", "PRECHECK_NOT_DONE"}
    assert r.status is Status.INELIGIBLE
    # not required by the grassroots profile
    basic = load_policy("party-basic-2020")
    assert screen(
        candidate(person()), election(basic, D(2021, 6, 1)), basic, checks=["prechecks"]
    ).ok


def test_incompatibilities() -> None:
    village = load_policy("village-2018")
    staff = (
        StaffMember(key="张三", role=StaffRole.ELECTION_COMMITTEE),
        StaffMember(
            key="李四",
            role=StaffRole.SCRUTINEER,
            relatives=[Relative(candidate="张三", relation=Relation.SPOUSE)],
        ),
    )
    c = candidate(person(), Office.VILLAGE_DIRECTOR)
    r = screen(
        c, election(village, D(2021, 3, 1), staff=staff), village, checks=["incompatibility"]
    )
    assert r.codes() == ("STAFF_ROLE_CANDIDATE",)  # VC18 art 12; relatives: VC18 silent
    zj = load_policy("zhejiang-village-2020")
    r = screen(c, election(zj, D(2021, 3, 1), staff=staff), zj, checks=["incompatibility"])
    assert set(r.codes()) == {"STAFF_ROLE_CANDIDATE", "STAFF_ROLE_RELATIVE"}
    npc = load_policy("npc-2020")
    counter = (
        StaffMember(
            key="王五",
            role=StaffRole.COUNTER,
            relatives=[Relative(candidate="张三", relation=Relation.PARENT_CHILD)],
        ),
    )
    c2 = candidate(person(), Office.NPC_DEPUTY)
    r = screen(c2, election(npc, D(2021, 11, 5), staff=counter), npc, checks=["incompatibility"])
    assert r.codes() == ("STAFF_ROLE_RELATIVE",)  # 选举法 第四十三条
    party = load_policy("party-basic-2020")
    own = (StaffMember(key="张三", role=StaffRole.SCRUTINEER),)
    r = screen(candidate(person()), election(party, D(2021, 6, 1), staff=own), party)
    assert "STAFF_ROLE_CANDIDATE" in r.codes()  # PB20 art 22


def test_zhejiang_a_candidates_relative_on_the_election_committee_fails() -> None:
    # 浙江省村民委员会选举办法 第九条第二款: a candidate's (or self-nominee's) spouse, parents,
    # children and siblings must leave the 村民选举委员会; the national law is silent.
    brother = (
        StaffMember(
            key="张四",
            role=StaffRole.ELECTION_COMMITTEE,
            relatives=[Relative(candidate="张三", relation=Relation.SIBLING)],
        ),
    )
    c = candidate(person(), Office.VILLAGE_DIRECTOR)
    zj = load_policy("zhejiang-village-2020")
    r = screen(c, election(zj, D(2021, 3, 1), staff=brother), zj, checks=["incompatibility"])
    assert r.codes() == ("STAFF_ROLE_RELATIVE",)
    assert r.status is Status.INELIGIBLE
    (f,) = r.findings
    assert f.citation.article == "第九条、第二十二条"
    village = load_policy("village-2018")
    r = screen(
        c, election(village, D(2021, 3, 1), staff=brother), village, checks=["incompatibility"]
    )
    assert r.ok
    # an unrelated committee member is no bar
    other = (StaffMember(key="王五", role=StaffRole.ELECTION_COMMITTEE),)
    assert screen(c, election(zj, D(2021, 3, 1), staff=other), zj, checks=["incompatibility"]).ok


# -- the screen as a whole ----------------------------------------------------------------------


def test_all_findings_reported_not_just_the_first() -> None:
    policy = load_policy("xzhen-2021")
    p = person(
        born=D(1960, 1, 1),
        standing=PartyStanding.PROBATIONARY,
        education=EducationLevel.PRIMARY,
        temporary_relation_only=True,
    )
    r = screen(candidate(p), election(policy, XZ_ON), policy, checks=ALL)
    assert codes(r) == {
        "NO_CANDIDACY_STANDING",
        "TEMPORARY_LETTER_ONLY",
        "AGE_OVER_LIMIT",
        "EDUCATION_BELOW_MINIMUM",
    }


def test_screen_many_keeps_input_order_one_per_input() -> None:
    policy = load_policy("xzhen-2021")
    people = [
        person(name=n, born=D(y, 1, 1)) for n, y in [("丙", 1960), ("甲", 1990), ("乙", 1950)]
    ]
    cands = [candidate(p) for p in people]
    results = screen_many(cands, election(policy, XZ_ON), policy, checks=["age"])
    assert [r.subject for r in results] == ["丙", "甲", "乙"]
    assert [r.ok for r in results] == [False, True, False]
    e = election(policy, XZ_ON, candidates=tuple(cands))
    assert screen_many(None, e, policy, checks=["age"]) == results


def test_bad_arguments() -> None:
    policy = load_policy("village-2018")
    e = election(policy, D(2021, 3, 1))
    with pytest.raises(RuleInputError) as err:
        screen(candidate(person()), e, load_policy("npc-2020"))
    assert err.value.code == "REGIME_MISMATCH"
    director = candidate(person(), office=Office.VILLAGE_DIRECTOR)
    with pytest.raises(RuleInputError) as err:
        screen(director, e, policy, checks=["age", "horoscope"])
    assert (err.value.code, err.value.path) == ("UNKNOWN_CHECK", "checks[1]")
    with pytest.raises(RuleInputError) as err:
        screen(director, e, policy, negative_lists=["list_nothing"])
    assert err.value.code == "UNKNOWN_NEGATIVE_LIST"
    old = load_policy("village-2010")
    with pytest.raises(PolicyNotInForceError):
        screen(director, election(old, D(2021, 3, 1)), old)
    assert screen(director, election(old, D(2021, 3, 1)), old, strict=False).ok


def test_messages_render_without_placeholders() -> None:
    policy = load_policy("xzhen-2021")
    p = person(born=D(1950, 1, 1), education=EducationLevel.PRIMARY)
    r = screen(candidate(p), election(policy, XZ_ON), policy)
    for f in r.findings:
        for text in (f.message_zh, f.message_en):
            assert not any(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_guide_lists_every_finding_code() -> None:
    from huanjie_rules import composition

    guide = (Path(__file__).parents[2] / "docs" / "eligibility.md").read_text(encoding="utf-8")
    for code in (*FINDING_CODES, *composition.FINDING_CODES):
        assert f"| `{code}` |" in guide, code


def test_zhejiang_a_candidate_or_relative_may_not_call_the_votes() -> None:
    # 浙江省村民委员会选举办法 第二十二条: candidates and their spouse, parents, children and
    # siblings 「不得担任唱票人、监票人、计票人」 — the caller (唱票人) included.
    zj = load_policy("zhejiang-village-2020")
    c = candidate(person(), Office.VILLAGE_DIRECTOR)
    for staff, code in (
        (
            StaffMember(
                key="张四",
                role=StaffRole.CALLER,
                relatives=[Relative(candidate="张三", relation=Relation.SIBLING)],
            ),
            "STAFF_ROLE_RELATIVE",
        ),
        (StaffMember(key="张三", role=StaffRole.CALLER), "STAFF_ROLE_CANDIDATE"),
    ):
        r = screen(c, election(zj, D(2021, 3, 1), staff=(staff,)), zj, checks=["incompatibility"])
        assert r.codes() == (code,)
        assert r.status is Status.INELIGIBLE


@pytest.mark.parametrize(
    ("pid", "role", "relation", "codes"),
    [
        # 上海办法 第十四条: 配偶或者直系亲属 — a grandchild is barred, a brother is not
        ("shanghai-village-2020", StaffRole.CALLER, Relation.SIBLING, ()),
        ("shanghai-village-2020", StaffRole.CALLER, Relation.GRANDPARENT_GRANDCHILD, ("R",)),
        ("shanghai-village-2020", StaffRole.SCRUTINEER, Relation.SPOUSE, ("R",)),
        ("shanghai-village-2020", StaffRole.COUNTER, Relation.OTHER_LINEAL, ("R",)),
        # 浙江办法 第九条、第二十二条: 配偶、父母子女、兄弟姐妹 — a brother is barred, a grandchild not
        ("zhejiang-village-2020", StaffRole.CALLER, Relation.SIBLING, ("R",)),
        ("zhejiang-village-2020", StaffRole.CALLER, Relation.GRANDPARENT_GRANDCHILD, ()),
        ("zhejiang-village-2020", StaffRole.ELECTION_COMMITTEE, Relation.SIBLING, ("R",)),
        ("zhejiang-village-2020", StaffRole.ELECTION_COMMITTEE, Relation.OTHER_LINEAL, ()),
        # 选举法 第四十三条: 近亲属 (the library's reading: spouse … grandchildren)
        ("npc-2020", StaffRole.COUNTER, Relation.SIBLING, ("R",)),
        ("npc-2020", StaffRole.COUNTER, Relation.GRANDPARENT_GRANDCHILD, ("R",)),
        ("npc-2020", StaffRole.COUNTER, Relation.OTHER_RELATIVE, ()),
        ("npc-2020", StaffRole.ELECTION_COMMITTEE, Relation.SPOUSE, ()),
    ],
)
def test_which_relatives_are_barred_follows_the_text(
    pid: str, role: StaffRole, relation: Relation, codes: tuple[str, ...]
) -> None:
    policy = load_policy(pid)
    village = policy.regime.value == "VILLAGE"
    office = Office.VILLAGE_MEMBER if village else Office.NPC_DEPUTY
    day = D(2021, 3, 1) if village else D(2021, 11, 5)
    kin = StaffMember(
        key="张四", role=role, relatives=[Relative(candidate="张三", relation=relation)]
    )
    r = screen(
        candidate(person(), office),
        election(policy, day, staff=(kin,)),
        policy,
        checks=["incompatibility"],
    )
    assert r.codes() == tuple("STAFF_ROLE_RELATIVE" for _ in codes)
    assert (r.status is Status.INELIGIBLE) is bool(codes)
    if codes:
        assert relation.label in r.findings[0].message_zh


@pytest.mark.parametrize(
    ("pid", "barred"),
    [
        ("shanghai-village-2020", "配偶、父母子女、祖孙、其他直系亲属"),
        ("zhejiang-village-2020", "配偶、父母子女、兄弟姐妹"),
    ],
)
def test_a_relative_without_the_relation_is_read_cautiously_with_a_warning(
    pid: str, barred: str
) -> None:
    # Records of earlier releases (relatives_of) say who is related, not how: the role counts as
    # barred, and a WARN names the relations that would bar it; nobody is cleared unread.
    policy = load_policy(pid)
    old = StaffMember(key="张四", role=StaffRole.CALLER, relatives_of=["张三"])
    r = screen(
        candidate(person(), Office.VILLAGE_MEMBER),
        election(policy, D(2021, 3, 1), staff=(old,)),
        policy,
        checks=["incompatibility"],
    )
    assert r.codes() == ("STAFF_ROLE_RELATIVE_UNKNOWN",)
    assert r.status is Status.NEEDS_REVIEW
    (f,) = r.findings
    assert f.severity is Severity.WARN
    assert barred in f.message_zh and "未记明关系" in f.message_zh
    assert f.parameter == "eligibility.staff_barred_relations"
    # a recorded relation takes precedence over the bare key
    both = attrs.evolve(old, relatives=[Relative(candidate="张三", relation=Relation.SPOUSE)])
    r = screen(
        candidate(person(), Office.VILLAGE_MEMBER),
        election(policy, D(2021, 3, 1), staff=(both,)),
        policy,
        checks=["incompatibility"],
    )
    assert r.codes() == ("STAFF_ROLE_RELATIVE",)


def test_a_relative_is_named_with_a_relation_and_reads_back_from_json() -> None:
    from huanjie_rules.errors import InvalidDataError
    from huanjie_rules.io import from_json, to_json

    with pytest.raises(InvalidDataError):
        Relative(candidate="张三", relation=Relation.NONE)
    with pytest.raises(InvalidDataError):
        Relative(candidate=" ", relation=Relation.SPOUSE)
    kin = StaffMember(
        key="s",
        role=StaffRole.COUNTER,
        relatives=[Relative(candidate="张三", relation=Relation.SIBLING)],
    )
    assert from_json(to_json(kin), StaffMember) == kin
    # a record of an earlier release (relatives_of only) still reads
    old = from_json('{"key": "s", "role": "COUNTER", "relatives_of": ["张三"]}', StaffMember)
    assert old.relatives == () and old.related_candidates() == frozenset({"张三"})
