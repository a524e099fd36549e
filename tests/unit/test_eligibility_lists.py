"""Negative lists: record facts in their look-back windows, attested items (rules catalogue §6)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from eligibility_helpers import D, candidate, election, person

from huanjie_rules.eligibility import negative_list_items, required_attestations, screen
from huanjie_rules.findings import Severity, Status
from huanjie_rules.model import Attestation, Office, PartyStanding, RecordFact, Tenure, Vetting
from huanjie_rules.policy import list_policies, load_policy

XZ_ON = D(2021, 3, 1)


def _clear(policy_id: str, on: dt.date, **kw: object) -> tuple[Attestation, ...]:
    policy = load_policy(policy_id)
    return tuple(
        Attestation(item=code, holds=False)
        for code in required_attestations(policy, on, **kw)  # type: ignore[arg-type]
    )


def _xz(records: tuple[RecordFact, ...] = (), attestations: tuple[Attestation, ...] | None = None):  # type: ignore[no-untyped-def]
    policy = load_policy("xzhen-2021")
    atts = _clear("xzhen-2021", XZ_ON) if attestations is None else attestations
    c = candidate(person(), vetting=Vetting(records=records, attestations=atts))
    return screen(c, election(policy, XZ_ON), policy, checks=["negative_lists"])


def test_the_ten_items_of_shi_bu_tui_are_all_encoded() -> None:
    policy = load_policy("xzhen-2021")
    rows = policy.get_tables("eligibility.list_shi_bu_tui")
    assert [r["item"] for r in rows] == list(range(1, 11))
    assert rows[7]["zh"] == "能力虽强但心术不正的"
    assert {r["evidence"] for r in rows if r["item"] in (1, 8, 9, 10)} == {"ATTESTED"}


def test_clean_candidate_with_all_attestations_is_eligible() -> None:
    assert _xz().status is Status.ELIGIBLE


def test_missing_attestations_need_review_one_finding_each() -> None:
    r = _xz(attestations=())
    needed = required_attestations(load_policy("xzhen-2021"), XZ_ON)
    assert r.status is Status.NEEDS_REVIEW
    assert r.codes() == ("NEGATIVE_NOT_ATTESTED",) * len(needed)
    assert {f.limit for f in r.findings} == set(needed)


def test_attested_item_makes_ineligible() -> None:
    atts = tuple(
        Attestation(item=a.item, holds=a.item == "SHI_BU_TUI_08")
        for a in _clear("xzhen-2021", XZ_ON)
    )
    r = _xz(attestations=atts)
    assert r.codes() == ("NEGATIVE_ATTESTED",)
    assert "心术不正" in r.findings[0].message_zh
    assert r.findings[0].severity is Severity.FAIL


def test_record_facts_match_by_kind() -> None:
    r = _xz((RecordFact(kind="UNDER_INVESTIGATION", ongoing=True),))
    # 十不推 item 3 (seed 001:28); the plan applies no other list
    assert r.codes() == ("NEGATIVE_RECORD",)
    assert {f.limit for f in r.findings} == {"SHI_BU_TUI_03"}
    # an investigation that ended before the election day is outside an ONGOING window
    done = _xz((RecordFact(kind="UNDER_INVESTIGATION", ended=D(2021, 2, 28)),))
    assert done.codes() == ("RECORD_OUTSIDE_WINDOW",)
    assert done.status is Status.ELIGIBLE
    # ending on the election day itself: still running that day
    same_day = _xz((RecordFact(kind="UNDER_INVESTIGATION", ended=XZ_ON),))
    assert same_day.status is Status.INELIGIBLE


def test_unknown_end_and_unknown_kind_need_review() -> None:
    r = _xz((RecordFact(kind="DISHONEST_DEBTOR"),))
    assert set(r.codes()) == {"RECORD_DATES_UNKNOWN"}
    assert r.status is Status.NEEDS_REVIEW
    r = _xz((RecordFact(kind="SPEEDING_TICKET", ended=D(2020, 1, 1)),))
    assert r.codes() == ("RECORD_NOT_ASSESSED",)
    r = _xz((RecordFact(kind="CULT", started=D(2021, 3, 2)),))
    assert r.codes() == ("RECORD_AFTER_DATE",)
    assert r.status is Status.ELIGIBLE
    atts = (*_clear("xzhen-2021", XZ_ON), Attestation(item="SOMETHING_ELSE", holds=True))
    assert _xz(attestations=atts).codes() == ("ATTESTATION_UNKNOWN_ITEM",)


@pytest.mark.parametrize(
    ("ended", "hit"),
    [
        (D(2018, 3, 2), True),  # the 3rd anniversary is 2021-03-02: still inside
        (D(2018, 3, 1), False),  # 3 full years on the election day (满3年): outside
        (D(2018, 2, 28), False),
    ],
)
def test_three_year_window_boundary(ended: dt.date, hit: bool) -> None:
    # 十不选 item 7: 近3年被评为不合格党员 (the 2020–21 village round, zhejiang-village-2020)
    policy = load_policy("zhejiang-village-2020")
    v = Vetting(
        records=[RecordFact(kind="UNQUALIFIED_MEMBER", ended=ended)],
        attestations=_clear("zhejiang-village-2020", XZ_ON),
    )
    c = candidate(person(), Office.VILLAGE_DIRECTOR, vetting=v)
    r = screen(c, election(policy, XZ_ON), policy, checks=["negative_lists"])
    assert r.codes() == (("NEGATIVE_RECORD",) if hit else ("RECORD_OUTSIDE_WINDOW",))


def test_xzhen_applies_only_its_own_list() -> None:
    # The 十不选 rows are not in seed 001; a record only they name is not assessed by the plan.
    policy = load_policy("xzhen-2021")
    assert policy.get_strings("eligibility.negative_lists") == ("list_shi_bu_tui",)
    assert "eligibility.list_shi_bu_xuan_2020" not in policy
    r = _xz((RecordFact(kind="UNQUALIFIED_MEMBER", ended=D(2020, 1, 1)),))
    assert r.codes() == ("RECORD_NOT_ASSESSED",)


@pytest.mark.parametrize(
    ("ended", "on", "hit"),
    [
        (D(2016, 3, 2), D(2021, 3, 1), True),
        (D(2016, 3, 1), D(2021, 3, 1), False),
        (D(2016, 2, 29), D(2021, 2, 27), True),
        (D(2016, 2, 29), D(2021, 2, 28), False),  # 29 Feb → 28 Feb in a common year (FEB_28)
    ],
)
def test_five_year_window_village_list(ended: dt.date, on: dt.date, hit: bool) -> None:
    # a local 「不能」 list kept as data in village-2018: 刑满释放未满5年
    policy = load_policy("village-2018")
    c = candidate(
        person(standing=PartyStanding.NON_MEMBER),
        Office.VILLAGE_DIRECTOR,
        vetting=Vetting(
            records=[RecordFact(kind="CRIMINAL_SENTENCE", ended=ended)],
            attestations=[Attestation(item="VILLAGE_CANNOT_03", holds=False)],
        ),
    )
    r = screen(
        c,
        election(policy, on),
        policy,
        checks=["negative_lists"],
        negative_lists=["list_village_cannot"],
    )
    assert r.codes() == (("NEGATIVE_RECORD",) if hit else ("RECORD_OUTSIDE_WINDOW",))
    # not applied unless named: the national profile has no active list
    default = screen(c, election(policy, on), policy, checks=["negative_lists"])
    assert default.codes() == ("RECORD_NOT_ASSESSED",)
    unattested = attrs.evolve(c, vetting=attrs.evolve(c.vetting, attestations=()))
    r2 = screen(
        unattested,
        election(policy, on),
        policy,
        checks=["negative_lists"],
        negative_lists=["list_village_cannot"],
    )
    assert "NEGATIVE_NOT_ATTESTED" in r2.codes()  # 村霸 is a judgement: attest it


def test_unsuitable_list_gives_warn_not_fail() -> None:
    policy = load_policy("village-2018")
    c = candidate(
        person(),
        Office.VILLAGE_MEMBER,
        vetting=Vetting(records=[RecordFact(kind="ADMIN_DETENTION", ended=D(2019, 1, 1))]),
    )
    r = screen(
        c,
        election(policy, D(2021, 3, 1)),
        policy,
        checks=["negative_lists"],
        negative_lists=["list_village_unsuitable"],
    )
    assert r.status is Status.NEEDS_REVIEW


def test_discipline_lists_are_versioned_by_round() -> None:
    policy = load_policy("party-local-1994")
    bribe = Vetting(records=[RecordFact(kind="CANVASSING_BRIBERY", ended=D(2015, 1, 1))])
    c = candidate(person(), Office.MEMBER, vetting=bribe)
    in_2016 = screen(c, election(policy, D(2016, 9, 1)), policy, checks=["negative_lists"])
    assert in_2016.codes() == ("NEGATIVE_RECORD",)
    assert in_2016.findings[0].limit == "JIU_YANJIN_2016_02"
    before = screen(c, election(policy, D(2011, 9, 1)), policy, checks=["negative_lists"])
    assert before.codes() == ("RECORD_NOT_ASSESSED",)  # the 2016 list was not yet in force
    interceding = Vetting(records=[RecordFact(kind="INTERCEDING", ongoing=True)])
    c2 = candidate(person(), Office.MEMBER, vetting=interceding)
    r = screen(c2, election(policy, D(2016, 9, 1)), policy, checks=["negative_lists"])
    assert r.status is Status.NEEDS_REVIEW  # 一律记录在案: review, not exclusion
    local = load_policy("party-local-2020")
    items = negative_list_items(local, D(2021, 6, 1))
    # items 8–10 of the 2021 notice were never read in a copy: they are not rules of the profile
    assert [row["item"] for _, row in items] == list(range(1, 8))
    assert not [row for _, row in items if row.get("reliability") == "MEMORY"]
    c3 = candidate(
        person(), Office.MEMBER, vetting=Vetting(records=[RecordFact(kind="LEAKING", ongoing=True)])
    )
    r3 = screen(c3, election(local, D(2021, 6, 1)), local, checks=["negative_lists"])
    assert r3.codes() == ("RECORD_NOT_ASSESSED",)  # a person judges it against the notice
    assert r3.findings[0].severity is Severity.WARN


def test_nmg_applies_the_2016_list() -> None:
    policy = load_policy("nmg-town-2016")
    v = Vetting(records=[RecordFact(kind="POST_BUYING", ongoing=True)])
    c = candidate(person(), Office.MEMBER, Tenure.CONTINUING, vetting=v)
    r = screen(c, election(policy, D(2016, 5, 1)), policy, checks=["negative_lists"])
    assert r.status is Status.INELIGIBLE


def test_zhejiang_applies_shi_bu_xuan() -> None:
    policy = load_policy("zhejiang-village-2020")
    on = D(2020, 12, 1)
    v = Vetting(
        records=[RecordFact(kind="ENVIRONMENTAL_DAMAGE", ended=D(2016, 12, 2))],
        attestations=_clear("zhejiang-village-2020", on),
    )
    c = candidate(person(standing=PartyStanding.NON_MEMBER), Office.VILLAGE_DIRECTOR, vetting=v)
    r = screen(c, election(policy, on), policy, checks=["negative_lists"])
    assert r.codes() == ("NEGATIVE_RECORD",)
    assert r.findings[0].limit == "SHI_BU_XUAN_09_5Y"


@pytest.mark.parametrize("policy_id", list_policies())
def test_every_negative_list_is_named_by_a_short_title(policy_id: str) -> None:
    # The citation's quote is the list's name in messages (「十不推」第8项…), so it must be the
    # list's title, not a passage of the source.
    policy = load_policy(policy_id, strict=False)
    if "eligibility.negative_lists" not in policy:
        return
    for name in policy.get_strings("eligibility.negative_lists"):
        quote = policy.param(f"eligibility.{name}").citation.quote
        assert quote and len(quote) <= 20 and not set(quote) & set("。；…"), (policy_id, name)


def test_shi_bu_tui_messages_name_the_list() -> None:
    r = _xz(attestations=())
    f = next(f for f in r.findings if f.limit == "SHI_BU_TUI_08")
    assert (
        f.message_zh
        == "十不推第8项「能力虽强但心术不正的」尚无组织认定意见（SHI_BU_TUI_08），需审核"
    )
