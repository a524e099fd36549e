"""The audited mismatches between the profiles and their texts, each at its boundary.

Every test names the text it enforces; each failed before the profile was corrected.
"""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules import (
    BodyKind,
    Division,
    Level,
    Office,
    Severity,
    committee_size,
    deputy_quota,
    margin_bounds,
    term_end,
)
from huanjie_rules.errors import RuleInputError
from huanjie_rules.policy import load_policy

D = dt.date


@pytest.mark.parametrize(
    ("years", "codes"),
    [
        (4, ("TERM_LENGTH_OUT_OF_RANGE",)),
        (5, ()),
        (6, ("TERM_LENGTH_OUT_OF_RANGE",)),
    ],
)
def test_township_party_committee_term_is_five_years(years: int, codes: tuple[str, ...]) -> None:
    # 《中国共产党农村基层组织工作条例》（2019）: 「乡镇党委每届任期5年」 — no 一般, so 3 or 4 years
    # is outside the rule, not merely unusual.
    term = term_end(
        D(2021, 3, 1), load_policy("party-basic-2020"), body=BodyKind.PARTY_COMMITTEE, years=years
    )
    found = tuple(f.code for f in term.findings if f.code != "TERM_END")
    assert found == codes
    assert all(f.severity is Severity.FAIL for f in term.findings if f.code in codes)
    # other 基层委员会 keep the 党章's 3–5 years with 5 as the usual length
    other = term_end(
        D(2021, 3, 1), load_policy("party-basic-2020"), body=BodyKind.GRASSROOTS_COMMITTEE, years=4
    )
    assert [f.code for f in other.findings if f.code != "TERM_END"] == ["TERM_LENGTH_UNUSUAL"]


@pytest.mark.parametrize(
    ("proposed", "outside"), [(6, True), (7, False), (8, False), (9, False), (10, True)]
)
def test_township_party_committee_size_is_seven_to_nine(proposed: int, outside: bool) -> None:
    # 《中国共产党农村基层组织工作条例》: 「乡镇党委一般设委员7至9名」 (一般: WARN outside)
    r = committee_size(load_policy("party-basic-2020"), BodyKind.PARTY_COMMITTEE, proposed=proposed)
    assert ("COMMITTEE_SIZE_OUTSIDE" in r.codes()) is outside
    assert all(f.severity is not Severity.FAIL for f in r.findings)
    # any other 基层委员会 keeps the guidance's 5–9
    other = committee_size(
        load_policy("party-basic-2020"), BodyKind.GRASSROOTS_COMMITTEE, proposed=proposed
    )
    assert ("COMMITTEE_SIZE_OUTSIDE" in other.codes()) is (proposed > 9)


@pytest.mark.parametrize(("candidates", "admitted"), [(8, False), (9, True), (10, False)])
def test_1990_discipline_member_margin_is_exactly_twenty_percent(
    candidates: int, admitted: bool
) -> None:
    # 暂行条例 第十二条 「委员候选人的差额为应选人数的百分之二十」 governs the 纪委 as the committee:
    # 7 seats → a surplus of exactly ceil(7/5) = 2, so 9 candidates and no more.
    pb90 = load_policy("party-basic-1990")
    for office in (Office.MEMBER, Office.DISCIPLINE_MEMBER):
        bounds = margin_bounds(pb90, office, 7)
        assert bounds.reading == "EXACT"
        assert bounds.admits(candidates) is admitted


@pytest.mark.parametrize(
    ("held_on", "codes"),
    [
        (D(2012, 3, 14), ("TERM_SHIFT_WITHIN",)),  # the day before the anniversary of the due date
        (D(2012, 3, 15), ("TERM_SHIFT_WITHIN",)),  # one year late: 不得超过一年 allows it
        (D(2012, 3, 16), ("TERM_DELAY_TOO_LONG",)),  # the day after: a FAIL, not a WARN
    ],
)
def test_1994_local_extension_may_not_exceed_one_year(
    held_on: dt.date, codes: tuple[str, ...]
) -> None:
    # 《中国共产党地方组织选举工作条例》（1994）第三条 「延长期限不得超过一年」 (不得: hard)
    from huanjie_rules import check_term_shift

    c = check_term_shift(D(2011, 3, 15), held_on, load_policy("party-local-1994"), approved=True)
    assert tuple(f.code for f in c.findings) == codes
    (f,) = c.findings
    assert f.severity is (Severity.FAIL if f.code == "TERM_DELAY_TOO_LONG" else Severity.INFO)
    assert f.citation.quote == "延长期限不得超过一年"


def test_local_party_rights_cite_words_that_say_so() -> None:
    # The local regulations' 第五条 is on free choice, not on rights: the rights rest on the
    # grassroots regulations' 第五条, applied as the library's reading.
    for pid, inst in (("party-local-2020", "PB20"), ("party-local-1994", "PB90")):
        c = load_policy(pid).citation("rights.voting_standings")
        assert (c.instrument, c.article, c.reliability) == (inst, "第五条", "READING")
        assert c.quote is not None and c.quote.startswith("正式党员有表决权、选举权、被选举权。")


@pytest.mark.parametrize(
    ("on", "applies"),
    [
        (D(2020, 9, 30), False),
        (D(2020, 10, 1), True),
        (D(2021, 12, 31), True),
        (D(2022, 1, 1), False),
        (D(2026, 3, 1), False),
    ],
)
def test_zhejiang_shi_bu_xuan_ends_with_its_round(on: dt.date, applies: bool) -> None:
    # The 「十不选」 is the 2020–21 村(社区)“两委” round's list: it must not screen a 2026 election.
    from huanjie_rules.eligibility import negative_list_items

    items = negative_list_items(load_policy("zhejiang-village-2020"), on)
    assert (len(items) == 13) is applies
    assert applies or items == ()


@pytest.mark.parametrize(
    ("on", "applies"),
    [
        (D(2020, 12, 31), False),
        (D(2021, 1, 1), True),
        (D(2021, 12, 31), True),
        (D(2022, 1, 1), False),
        (D(2026, 3, 1), False),
    ],
)
def test_shi_ge_yanjin_ends_with_its_round(on: dt.date, applies: bool) -> None:
    # 「十个严禁、十个一律」 is the 2021 round's notice (January 2021): its seven encoded rows run to
    # the end of 2021, the same reading as the 2020–21 village round's 「十不选」.
    from huanjie_rules.eligibility import negative_list_items

    items = negative_list_items(load_policy("party-local-2020"), on)
    assert (len(items) == 7) is applies
    assert applies or items == ()
    rows = load_policy("party-basic-2020").get_tables("eligibility.list_shi_yanjin_2021")
    assert {r["in_force_to"] for r in rows} == {D(2021, 12, 31)}


UPLIFT: dict[Division, bool] = {
    Division.COUNTY: True,
    Division.AUTONOMOUS_COUNTY: True,
    Division.BANNER: True,
    Division.AUTONOMOUS_BANNER: True,
    Division.COUNTY_CITY: False,
    Division.CITY_DISTRICT: False,
    Division.FORESTRY_DISTRICT: False,
    Division.SPECIAL_DISTRICT: False,
    Division.TOWNSHIP: True,
    Division.ETHNIC_TOWNSHIP: True,
    Division.SUMU: True,
    Division.ETHNIC_SUMU: True,
    Division.TOWN: False,
    Division.SUBDISTRICT: False,
}


@pytest.mark.parametrize("profile", ["npc-2015", "npc-2020"])
@pytest.mark.parametrize("division", list(UPLIFT))
def test_minority_uplift_only_for_counties_and_townships(profile: str, division: Division) -> None:
    # 选举法 第十二条: 「聚居的少数民族多或者人口居住分散的县、自治县、乡、民族乡 … 另加百分之五」 —
    # a 市辖区, a 不设区的市 or a 镇 gets no uplift, whatever the province decides.
    policy = load_policy(profile)
    population = 30_000 if division.level is Level.TOWNSHIP else 600_000
    plain = deputy_quota(policy, division.level, population)
    q = deputy_quota(policy, division.level, population, minority_uplift=True, division=division)
    if UPLIFT[division]:
        assert q.uplift > 0 and q.total == plain.total + q.uplift
        assert "DEPUTIES_UPLIFT" in q.codes()
    else:
        assert (q.uplift, q.total) == (0, plain.total)
        assert "DEPUTIES_UPLIFT_NOT_ALLOWED" in q.codes()
        assert q.worst is Severity.FAIL


def test_minority_uplift_without_the_division_is_applied_but_flagged() -> None:
    npc = load_policy("npc-2020")
    q = deputy_quota(npc, Level.TOWNSHIP, 30_000, minority_uplift=True)
    assert q.uplift == 3
    assert "DEPUTIES_UPLIFT_DIVISION_UNKNOWN" in q.codes()
    assert q.worst is Severity.WARN
    with pytest.raises(RuleInputError) as err:
        deputy_quota(npc, Level.COUNTY, 30_000, minority_uplift=True, division=Division.TOWN)
    assert err.value.code == "MISMATCH"


@pytest.mark.parametrize("profile", ["npc-2015", "npc-2020"])
@pytest.mark.parametrize(
    ("level", "population", "words"),
    [(Level.COUNTY, 600_001, "每五千人"), (Level.TOWNSHIP, 30_001, "每一千五百人")],
)
def test_increment_rounding_cites_the_words_for_its_level(
    profile: str, level: Level, population: int, words: str
) -> None:
    # 选举法 第十二条: counties add one deputy 「每五千人」, townships 「每一千五百人」; the
    # rounding finding of a township must not quote the county's words only.
    q = deputy_quota(load_policy(profile), level, population)
    (rounded,) = [f for f in q.findings if f.code == "DEPUTIES_INCREMENT_ROUNDED"]
    assert rounded.citation.quote is not None and words in rounded.citation.quote


def test_barring_candidates_from_scrutiny_is_a_reading_where_the_law_names_only_relatives() -> None:
    # 选举法 第四十三条 bars a candidate's 近亲属 from scrutiny and counting; barring the candidate
    # too is the library's reading (READING), as npc-2015 already said (UNSURE). Beijing's 细则
    # says it in words (第十一条、第四十九条) and cites them verbatim.
    from huanjie_rules.policy.provenance import check_policy

    name = "eligibility.staff_roles_barred_for_candidates"
    npc = load_policy("npc-2020")
    assert npc.citation(name).reliability == "READING"
    assert {c.unit: c for c in check_policy(npc)}[name].category == "READING"
    assert load_policy("npc-2015").citation(name).reliability == "UNSURE"
    bj = load_policy("beijing-npc-2021")
    check = {c.unit: c for c in check_policy(bj)}[name]
    assert (check.status, check.category) == ("VERIFIED", "VERBATIM")
    assert bj.get_strings(name) == npc.get_strings(name)
