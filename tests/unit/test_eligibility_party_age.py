"""党龄 of branch secretaries (rules catalogue §1.2 PARTY-SECRETARY-PARTY-AGE) and batch rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from eligibility_helpers import D, candidate, election, local_profile, person

from huanjie_rules.eligibility import ScreenError, party_age, screen, screen_many
from huanjie_rules.errors import RuleInputError
from huanjie_rules.findings import Eligibility, Severity, Status
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import BodyKind, Office, PartyStanding, Seat
from huanjie_rules.policy import Policy, load_policy

PB20 = load_policy("party-basic-2020")
ONLY = ["party_age"]


def party_codes(
    policy: Policy,
    on: dt.date,
    *,
    office: Office = Office.SECRETARY,
    body: BodyKind | None = None,
    party_joined: dt.date | None = None,
    party_confirmed: dt.date | None = None,
    standing: PartyStanding = PartyStanding.FULL_MEMBER,
) -> tuple[str, ...]:
    e = election(policy, on)
    if body is not None:
        e = attrs.evolve(e, body=body)
    p = person(party_joined=party_joined, party_confirmed=party_confirmed, standing=standing)
    return screen(candidate(p, office), e, policy, checks=ONLY).codes()


# -- exact years: N-1 / N / N+1 days around the anniversary ---------------------------------


@pytest.mark.parametrize(
    ("on", "short"),
    [(D(2021, 5, 31), True), (D(2021, 6, 1), False), (D(2021, 6, 2), False)],
)
def test_one_year_from_full_membership_day_before_on_after(on: dt.date, short: bool) -> None:
    # 支部工作条例 第二十三条: 「一般应当具有1年以上党龄」; 党章 第七条: 党龄 from 转正
    codes = party_codes(PB20, on, party_joined=D(2019, 6, 1), party_confirmed=D(2020, 6, 1))
    assert codes == (("PARTY_AGE_SHORT",) if short else ())


@pytest.mark.parametrize(
    ("on", "short"),
    [(D(2021, 5, 31), True), (D(2021, 6, 1), False), (D(2021, 6, 2), False)],
)
def test_presumed_full_membership_is_admission_plus_probation(on: dt.date, short: bool) -> None:
    # 党章 第七条 「预备党员的预备期为一年」: admitted 2019-06-01 → full member 2020-06-01
    r = screen(candidate(person(party_joined=D(2019, 6, 1))), election(PB20, on), PB20, checks=ONLY)
    presumed = [f for f in r.findings if f.code == "PARTY_AGE_START_PRESUMED"]
    assert len(presumed) == 1 and presumed[0].severity is Severity.INFO
    assert presumed[0].limit == D(2020, 6, 1)
    assert ("PARTY_AGE_SHORT" in r.codes()) is short
    assert r.status is (Status.NEEDS_REVIEW if short else Status.ELIGIBLE)


def admission_profile(tmp: Path, min_years: int | None = None) -> Policy:
    text = (
        '[party_age_counts_from]\ntype = "str"\nvalue = "ADMISSION"\n'
        'choices = ["FULL_MEMBERSHIP", "ADMISSION"]\nrule = "PARTY-SECRETARY-PARTY-AGE"\n'
        'instrument = "TEST"\nquote = "党龄从入党之日算起"\n'
    )
    if min_years is not None:
        text += (
            '[secretary_party_age]\ntype = "table"\nhard = false\n'
            f'value = {{ min_years = {min_years}, offices = ["SECRETARY"], '
            'bodies = ["BRANCH", "GENERAL_BRANCH"] }\n'
            'rule = "PARTY-SECRETARY-PARTY-AGE"\ninstrument = "TEST"\n'
            'quote = "党支部（党总支）书记一般应当有5年以上党龄"\n'
        )
    return local_profile(tmp, "soe-test", "party-basic-2020", {"eligibility": text})


@pytest.mark.parametrize(
    ("on", "short"),
    [(D(2021, 5, 31), True), (D(2021, 6, 1), False), (D(2021, 6, 2), False)],
)
def test_admitted_the_same_day_one_year_earlier_has_exactly_one_year(
    tmp_path: Path, on: dt.date, short: bool
) -> None:
    policy = admission_profile(tmp_path)
    codes = party_codes(policy, on, party_joined=D(2020, 6, 1))
    assert codes == (("PARTY_AGE_SHORT",) if short else ())


@pytest.mark.parametrize(("years", "short"), [(4, True), (5, False), (6, False)])
def test_soe_five_year_reading_as_a_profile_override(
    tmp_path: Path, years: int, short: bool
) -> None:
    # the contradiction: an SOE question bank answers 5 years; a profile can choose it
    policy = admission_profile(tmp_path, min_years=5)
    on = D(2021, 6, 1)
    assert (
        party_codes(policy, on, party_joined=D(2021 - years, 6, 1)) == ("PARTY_AGE_SHORT",)
    ) is short
    assert party_codes(policy, on, party_joined=D(2016, 6, 2)) == ("PARTY_AGE_SHORT",)


@pytest.mark.parametrize(("leap", "short"), [("FEB_28", False), ("MAR_1", True)])
def test_29_february_start_in_a_common_year(tmp_path: Path, leap: str, short: bool) -> None:
    policy = (
        PB20
        if leap == "FEB_28"
        else local_profile(
            tmp_path,
            "leap-test",
            "party-basic-2020",
            {
                "eligibility": '[leap_day_birthday]\ntype = "str"\nvalue = "MAR_1"\n'
                'choices = ["FEB_28", "MAR_1"]\nrule = "AGE-ZHOUSUI"\ninstrument = "TEST"\n'
            },
        )
    )
    codes = party_codes(
        policy, D(2021, 2, 28), party_joined=D(2019, 2, 28), party_confirmed=D(2020, 2, 29)
    )
    assert codes == (("PARTY_AGE_SHORT",) if short else ())
    # in a leap year the anniversary is the day itself
    assert party_age(D(2020, 2, 29), D(2024, 2, 28)) == 3
    assert party_age(D(2020, 2, 29), D(2024, 2, 29)) == 4


def test_missing_date_asks_for_it_and_never_raises() -> None:
    r = screen(candidate(person()), election(PB20, D(2021, 6, 1)), PB20)
    (f,) = [f for f in r.findings if f.code.startswith("PARTY_AGE")]
    assert f.code == "PARTY_AGE_DATE_MISSING"
    assert f.severity is Severity.WARN
    assert "party_joined" in f.message_en and "入党时间" in f.message_zh
    assert r.status is Status.NEEDS_REVIEW


def test_shortfall_is_a_warn_with_rule_citation_and_values() -> None:
    r = screen(
        candidate(person(party_joined=D(2020, 1, 10), party_confirmed=D(2021, 1, 10))),
        election(PB20, D(2021, 6, 1)),
        PB20,
        checks=ONLY,
    )
    (f,) = r.findings
    assert (f.code, f.severity, f.observed, f.limit) == (
        "PARTY_AGE_SHORT",
        Severity.WARN,
        0,
        1,
    )
    assert f.rule_id == "PARTY-SECRETARY-PARTY-AGE"
    assert f.parameter == "eligibility.secretary_party_age"
    # 《中国共产党支部工作条例（试行）》第二十三条, in its own words
    assert (f.citation.article, f.citation.quote) == ("第二十三条", "一般应当具有1年以上党龄")
    assert f.message_en == (
        "新任书记: 0 whole years of party membership (counted from 2021-01-10, from full membership);"
        " normally at least 1"
    )
    assert "{" not in f.message_zh
    assert from_json(to_json(r), Eligibility) == r


def test_only_branch_and_general_branch_secretaries() -> None:
    on, joined = D(2021, 6, 1), D(2021, 1, 1)
    assert party_codes(PB20, on, party_joined=joined) == (
        "PARTY_AGE_SHORT",
        "PARTY_AGE_START_PRESUMED",
    )
    general = party_codes(PB20, on, body=BodyKind.GENERAL_BRANCH, party_joined=joined)
    assert general[0] == "PARTY_AGE_SHORT"
    assert party_codes(PB20, on, office=Office.MEMBER, party_joined=joined) == ()
    committee = party_codes(PB20, on, body=BodyKind.GRASSROOTS_COMMITTEE, party_joined=joined)
    assert committee == ()
    # a non-member has no party age; the rights check answers for them
    assert party_codes(PB20, on, standing=PartyStanding.NON_MEMBER) == ()
    # no such rule in the other regimes' profiles
    for pid in ("party-local-2020", "npc-2020", "village-2018"):
        assert "eligibility.secretary_party_age" not in load_policy(pid)


@pytest.mark.parametrize(("on", "applies"), [(D(2018, 10, 27), False), (D(2018, 10, 28), True)])
def test_in_force_from_the_branch_regulations(on: dt.date, applies: bool) -> None:
    # 支部工作条例 took effect 2018-10-28, under the 1990 grassroots election rules
    policy = load_policy("party-basic-1990")
    codes = party_codes(policy, on, party_joined=D(2018, 1, 1), party_confirmed=D(2018, 9, 1))
    assert codes == (("PARTY_AGE_SHORT",) if applies else ())


# -- batch rows that cannot be screened -----------------------------------------------------


def test_screen_rejects_an_office_without_seats() -> None:
    e = attrs.evolve(election(PB20, D(2021, 6, 1)), seats=[Seat(office=Office.MEMBER, count=5)])
    with pytest.raises(RuleInputError) as info:
        screen(candidate(person()), e, PB20)
    assert (info.value.code, info.value.path) == ("UNKNOWN_OFFICE", "candidate.office")


def test_screen_many_reports_unscreenable_rows_in_place() -> None:
    e = attrs.evolve(election(PB20, D(2021, 6, 1)), seats=[Seat(office=Office.MEMBER, count=5)])
    good = candidate(person("甲"), Office.MEMBER)
    stray = candidate(person("乙"), Office.SECRETARY)
    twin = candidate(person("甲", standing=PartyStanding.PROBATIONARY), Office.MEMBER)
    other = candidate(person("丙", standing=PartyStanding.PROBATIONARY), Office.MEMBER)
    rows = screen_many([good, stray, twin, other], e, PB20, on_error="report")
    assert len(rows) == 4
    assert isinstance(rows[0], Eligibility) and rows[0].subject == "甲"
    assert rows[1] == ScreenError(
        index=1,
        subject="乙",
        code="UNKNOWN_OFFICE",
        path="candidates[1].office",
        message="'乙' stands for SECRETARY, which has no seats in election 'e' (seats: MEMBER)",
    )
    assert isinstance(rows[2], ScreenError)
    assert (rows[2].code, rows[2].path) == ("DUPLICATE_KEY", "candidates[2].key")
    assert isinstance(rows[3], Eligibility) and rows[3].status is Status.INELIGIBLE
    assert rows[0] == screen(good, e, PB20)
    for row in rows:
        assert from_json(to_json(row), type(row)) == row
    # the default raises at the first bad row, with its index in the path
    with pytest.raises(RuleInputError) as info:
        screen_many([good, stray, twin], e, PB20)
    assert (info.value.code, info.value.path) == ("UNKNOWN_OFFICE", "candidates[1].office")
    with pytest.raises(RuleInputError) as info:
        screen_many([good, twin], e, PB20)
    assert (info.value.code, info.value.path) == ("DUPLICATE_KEY", "candidates[1].key")


def test_batch_wide_problems_raise_in_both_modes() -> None:
    e = election(PB20, D(2021, 6, 1))
    npc = load_policy("npc-2020")
    with pytest.raises(RuleInputError) as info:
        screen_many([candidate(person())], e, npc)
    assert (info.value.code, info.value.path) == ("REGIME_MISMATCH", "policy")
    with pytest.raises(RuleInputError) as info:
        screen_many([candidate(person())], e, npc, on_error="report")
    assert (info.value.code, info.value.path) == ("REGIME_MISMATCH", "policy")
    with pytest.raises(RuleInputError) as info:
        screen_many([], e, PB20, on_error="skip")  # type: ignore[call-overload]
    assert (info.value.code, info.value.path) == ("TYPE", "on_error")
    assert screen_many([], e, PB20, on_error="report") == ()
