"""Properties of the candidate screens (anchors §6: monotonicity, determinism, round trip)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from huanjie_rules.age import anniversary
from huanjie_rules.eligibility import (
    CHECKS,
    ScreenError,
    party_age,
    required_attestations,
    screen,
    screen_many,
)
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
from huanjie_rules.testing.eligibility import (
    attestations_for,
    record_facts_for,
    screening_candidates,
    screening_elections,
)

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


# -- the same properties on the public strategies, one profile per regime --------------------

RANK = {Status.ELIGIBLE: 0, Status.NEEDS_REVIEW: 1, Status.INELIGIBLE: 2}
PROFILES = {
    pid: load_policy(pid)
    for pid in ("xzhen-2021", "party-local-2020", "npc-2020", "zhejiang-village-2020")
}


@st.composite
def election_and_extra(draw: st.DrawFn) -> tuple[Election, RecordFact, Attestation | None]:
    policy = PROFILES[draw(st.sampled_from(sorted(PROFILES)))]
    election = draw(screening_elections(policy, max_candidates=3))
    fact = draw(record_facts_for(policy, election.date, unknown_kinds=["PARKING_FINE"]))
    attested = draw(attestations_for(policy, election.date, holds=st.just(True)))
    return election, fact, attested[0] if attested else None


@given(election_and_extra())
def test_more_negative_evidence_never_helps_in_any_regime(
    case: tuple[Election, RecordFact, Attestation | None],
) -> None:
    election, fact, attested = case
    policy = load_policy(election.policy_id)
    for cand in election.candidates:
        before = screen(cand, election, policy)
        v = cand.vetting
        worse = [Vetting(records=(*v.records, fact), attestations=v.attestations)]
        if attested is not None:
            others = tuple(a for a in v.attestations if a.item != attested.item)
            worse.append(Vetting(records=v.records, attestations=(*others, attested)))
        for vetting in worse:
            after = screen(
                Candidate(
                    person=cand.person,
                    office=cand.office,
                    tenure=cand.tenure,
                    vetting=Vetting(
                        records=vetting.records,
                        attestations=vetting.attestations,
                        prechecks=v.prechecks,
                    ),
                ),
                election,
                policy,
            )
            assert RANK[after.status] >= RANK[before.status]


@given(
    st.sampled_from(sorted(PROFILES)).flatmap(
        lambda pid: st.tuples(
            st.just(pid), screening_candidates(PROFILES[pid]), st.permutations(CHECKS)
        )
    )
)
def test_every_regime_reports_all_findings_in_any_order(
    case: tuple[str, Candidate, list[str]],
) -> None:
    pid, cand, order = case
    policy = PROFILES[pid]
    election = Election(
        key="e",
        regime=policy.regime,
        policy_id=pid,
        body=next(b for b in BodyKind if policy.regime in b.regimes),
        level=Level.VILLAGE,
        form=ElectionForm.MEMBERS_ASSEMBLY,
        date=POLICY_DAY[pid],
        seats=[Seat(office=cand.office, count=1)],
        entitled_voters=10,
    )
    whole = screen(cand, election, policy)
    assert screen(cand, election, policy, checks=order) == whole
    parts = [f for name in CHECKS for f in screen(cand, election, policy, checks=[name]).findings]
    assert sorted(whole.findings, key=repr) == sorted(parts, key=repr)


POLICY_DAY = {pid: dt.date(2021, 6, 1) for pid in PROFILES} | {"xzhen-2021": dt.date(2021, 12, 31)}


@given(
    st.sampled_from(sorted(PROFILES)).flatmap(
        lambda pid: screening_elections(PROFILES[pid], max_candidates=4)
    ),
    st.lists(st.integers(min_value=0, max_value=5), max_size=3),
)
def test_batch_answers_every_row_in_order(election: Election, strays: list[int]) -> None:
    policy = load_policy(election.policy_id)
    pool = list(election.candidates)
    unseated = next(o for o in Office if election.seats_for(o) == 0)
    for i, at in enumerate(strays):
        person = Person(name=f"外{i}", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
        pool.insert(min(at, len(pool)), Candidate(person=person, office=unseated))
    rows = screen_many(pool, election, policy, on_error="report")
    assert [r.subject for r in rows] == [c.key for c in pool]
    for i, (cand, row) in enumerate(zip(pool, rows, strict=True)):
        if cand.office is unseated:
            assert isinstance(row, ScreenError)
            assert (row.index, row.path) == (i, f"candidates[{i}].office")
        else:
            assert row == screen(cand, election, policy)


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=60),
    st.sampled_from(["FEB_28", "MAR_1"]),
)
def test_party_age_counts_whole_years_to_the_anniversary(
    start: dt.date, on: dt.date, n: int, leap: str
) -> None:
    # 「N年以上党龄」 holds exactly from the N-th anniversary of the start on
    held = party_age(start, on, leap_day=leap) >= n
    assert held == (n == 0 or on >= anniversary(start, n, leap_day=leap))
