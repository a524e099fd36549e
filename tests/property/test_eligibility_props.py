"""Properties of the candidate screens (anchors §6: monotonicity, determinism, round trip)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from huanjie_rules.eligibility import CHECKS, required_attestations, screen
from huanjie_rules.findings import Eligibility, Status
from huanjie_rules.idcard import IdNumber, check_character
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import (
    Attestation,
    BodyKind,
    Candidate,
    Education,
    EducationLevel,
    Election,
    ElectionForm,
    Gender,
    Level,
    Office,
    PartyStanding,
    Person,
    RecordFact,
    Regime,
    Seat,
    Tenure,
    Vetting,
)
from huanjie_rules.policy import load_policy

POLICY = load_policy("xzhen-2021")
ON = dt.date(2021, 3, 1)
ELECTION = Election(
    key="e",
    regime=Regime.PARTY_BASIC,
    policy_id=POLICY.id,
    body=BodyKind.BRANCH,
    level=Level.VILLAGE,
    form=ElectionForm.MEMBERS_ASSEMBLY,
    date=ON,
    seats=[Seat(office=Office.SECRETARY, count=1), Seat(office=Office.MEMBER, count=5)],
    entitled_voters=50,
)
KINDS = (
    "CRIMINAL_SENTENCE",
    "UNDER_INVESTIGATION",
    "CANVASSING_BRIBERY",
    "DISHONEST_DEBTOR",
    "UNQUALIFIED_MEMBER",
    "ENVIRONMENTAL_DAMAGE",
    "CULT",
    "PARKING_FINE",
)
ITEMS = required_attestations(POLICY, ON)

dates = st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2021, 2, 28))
facts = st.one_of(
    st.builds(RecordFact, kind=st.sampled_from(KINDS), ended=st.one_of(st.none(), dates)),
    st.builds(RecordFact, kind=st.sampled_from(KINDS), ongoing=st.just(True)),
)
attestations = st.lists(
    st.builds(Attestation, item=st.sampled_from(ITEMS), holds=st.booleans()),
    unique_by=lambda a: a.item,
)
levels = st.one_of(st.none(), st.sampled_from(list(EducationLevel)))
people = st.builds(
    Person,
    name=st.sampled_from(["张三", "李四", "王五"]),
    gender=st.sampled_from(list(Gender)),
    birth_date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 12, 31)),
    party_standing=st.sampled_from(list(PartyStanding)),
    temporary_relation_only=st.booleans(),
    education=st.builds(Education, full_time=levels, in_service=levels),
)
candidates = st.builds(
    Candidate,
    person=people,
    office=st.sampled_from([Office.SECRETARY, Office.MEMBER]),
    tenure=st.sampled_from(list(Tenure)),
    vetting=st.builds(
        Vetting,
        records=st.lists(facts, max_size=3).map(tuple),
        attestations=attestations.map(tuple),
    ),
)


@given(candidates, facts)
def test_adding_a_negative_fact_never_makes_eligible(cand: Candidate, fact: RecordFact) -> None:
    before = screen(cand, ELECTION, POLICY)
    vetting = Vetting(records=(*cand.vetting.records, fact), attestations=cand.vetting.attestations)
    after = screen(
        Candidate(person=cand.person, office=cand.office, tenure=cand.tenure, vetting=vetting),
        ELECTION,
        POLICY,
    )
    rank = {Status.ELIGIBLE: 0, Status.NEEDS_REVIEW: 1, Status.INELIGIBLE: 2}
    assert rank[after.status] >= rank[before.status]
    assert set(before.findings) <= set(after.findings)


@given(candidates, st.permutations(CHECKS))
def test_order_of_checks_never_changes_the_result(cand: Candidate, order: list[str]) -> None:
    assert screen(cand, ELECTION, POLICY, checks=order) == screen(cand, ELECTION, POLICY)


@given(candidates)
def test_screen_is_the_union_of_its_checks(cand: Candidate) -> None:
    whole = screen(cand, ELECTION, POLICY)
    parts = [f for name in CHECKS for f in screen(cand, ELECTION, POLICY, checks=[name]).findings]
    assert sorted(whole.findings, key=repr) == sorted(parts, key=repr)


@given(candidates)
def test_results_round_trip_through_json(cand: Candidate) -> None:
    result = screen(cand, ELECTION, POLICY)
    assert from_json(to_json(result), Eligibility) == result


@given(candidates, st.sampled_from(list(EducationLevel)), st.sampled_from(list(EducationLevel)))
def test_education_limits_are_upward_closed(
    cand: Candidate, level: EducationLevel, higher: EducationLevel
) -> None:
    if higher.rank < level.rank:
        level, higher = higher, level

    def with_level(lv: EducationLevel) -> Eligibility:
        p = cand.person
        person = Person(
            name=p.name,
            gender=p.gender,
            birth_date=p.birth_date,
            party_standing=p.party_standing,
            education=Education(full_time=lv),
        )
        c = Candidate(person=person, office=cand.office, tenure=cand.tenure)
        return screen(c, ELECTION, POLICY, checks=["education"])

    if with_level(level).ok:
        assert with_level(higher).ok


@given(
    st.integers(min_value=0, max_value=999_999),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
def test_check_character_agrees_with_stdnum(region: int, born: dt.date, seq: int) -> None:
    body = f"{region:06d}{born:%Y%m%d}{seq:03d}"
    number = body + check_character(body)
    # stdnum's calc_check_digit takes the number with a check position and ignores it
    assert ric.calc_check_digit(body + "?") == check_character(body)
    assert IdNumber(number).checksum_ok()
    wrong = body + ("0" if number[-1] != "0" else "1")
    assert IdNumber(wrong).checksum_ok() is False
    assert IdNumber(number).birth_date() == born
