"""Periods, deadlines, terms, term shifts, election timelines and plan validation.

Boundaries at N-1, N and N+1 for every period; each test names its article or seed line.
"""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules.calendar import ChineseCalendarAdapter, TableCalendar, add_workdays
from huanjie_rules.errors import InvalidDataError, ParameterError, RuleInputError
from huanjie_rules.findings import Severity, Status
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import BodyKind, Level
from huanjie_rules.policy import load_policy
from huanjie_rules.procedure import (
    FINDING_CODES,
    ElectionTimeline,
    PeriodCheck,
    Plan,
    PlannedStep,
    PlanReview,
    Sequence,
    ShiftCheck,
    Step,
    Term,
    check_before_election,
    check_publicity,
    check_term_shift,
    complaint_deadline,
    election_timeline,
    latest_date_before,
    publicity_end,
    roll_decision_deadline,
    roll_objection_deadline,
    term_end,
    validate_plan,
)

D = dt.date
CAL = ChineseCalendarAdapter()
XZHEN = load_policy("xzhen-2021")


def test_catalogue_messages_have_matching_placeholders() -> None:
    for code, msg in FINDING_CODES.items():
        zh, en = msg.fields()
        assert zh == en, code


# -- 公示 >= 5 working days (seed 001:34) ----------------------------------------------------------


def test_publicity_boundaries_with_first_day_included() -> None:
    start = D(2021, 3, 1)  # Monday
    assert publicity_end(start, XZHEN, CAL) == D(2021, 3, 5)
    short = check_publicity(start, D(2021, 3, 4), XZHEN, CAL)  # N-1 = 4
    exact = check_publicity(start, D(2021, 3, 5), XZHEN, CAL)  # N = 5
    longer = check_publicity(start, D(2021, 3, 8), XZHEN, CAL)  # N+1 = 6 (weekend skipped)
    assert (short.counted, exact.counted, longer.counted) == (4, 5, 6)
    assert [c.ok for c in (short, exact, longer)] == [False, True, True]
    f = short.findings[0]
    assert (f.code, f.severity, f.observed, f.limit) == ("PERIOD_TOO_SHORT", Severity.FAIL, 4, 5)
    assert f.citation.seed == "001:34"
    assert f.parameter == "procedure.publicity_min_workdays"
    assert exact.calendar == CAL.source


def test_publicity_posted_on_a_day_off_starts_counting_next_working_day() -> None:
    # posted Saturday 2021-03-06: Mon 8 … Fri 12 are the 5 working days
    assert publicity_end(D(2021, 3, 6), XZHEN, CAL) == D(2021, 3, 12)


def test_publicity_across_national_day_with_makeup_saturday() -> None:
    # 2021: 1–7 Oct off, Saturday 9 Oct is a working day
    start = D(2021, 9, 29)
    assert publicity_end(start, XZHEN, CAL) == D(2021, 10, 11)
    assert check_publicity(start, D(2021, 10, 9), XZHEN, CAL).counted == 4
    assert check_publicity(start, D(2021, 10, 11), XZHEN, CAL).counted == 5


def test_publicity_first_day_excluded_convention(tmp_path: object) -> None:
    import pathlib

    root = pathlib.Path(str(tmp_path)) / "excluded"
    root.mkdir()
    (root / "profile.toml").write_text(
        'id = "excluded"\nregime = "PARTY_BASIC"\nextends = "xzhen-2021"\nlocal = true\n'
        'title_zh = "t"\ntitle_en = "t"\nvalid_from = 2020-10-01\nvalid_to = 2021-12-31\n',
        encoding="utf-8",
    )
    (root / "procedure.toml").write_text(
        '[publicity_first_day]\ntype = "str"\nvalue = "EXCLUDED"\n'
        'choices = ["INCLUDED", "EXCLUDED"]\nrule = "XZHEN-PUBLICITY"\n'
        'instrument = "SEED001"\nseed = "001:34"\n',
        encoding="utf-8",
    )
    policy = load_policy("excluded", search=[str(pathlib.Path(str(tmp_path)))])
    assert publicity_end(D(2021, 3, 1), policy, CAL) == D(2021, 3, 8)
    assert not check_publicity(D(2021, 3, 1), D(2021, 3, 5), policy, CAL).ok
    assert check_publicity(D(2021, 3, 1), D(2021, 3, 8), policy, CAL).ok


def test_publicity_needs_a_profile_that_sets_it() -> None:
    with pytest.raises(ParameterError):
        publicity_end(D(2021, 3, 1), load_policy("party-basic-2020"), CAL)


# -- complaints (seed 003:687, 003:1023) ---------------------------------------------------------


PB20 = load_policy("party-basic-2020")


def test_complaint_report_five_working_days_boundaries() -> None:
    # received Thursday 12 Feb 2026: 13 Fri, 14 Sat (make-up), 24 Tue, 25 Wed, 26 Thu
    received = D(2026, 2, 12)
    check = complaint_deadline(received, "REPORT", PB20, CAL)
    assert check.limit == add_workdays(received, 5, CAL) == D(2026, 2, 26)
    before = complaint_deadline(received, "REPORT", PB20, CAL, done_on=D(2026, 2, 25))
    on = complaint_deadline(received, "REPORT", PB20, CAL, done_on=D(2026, 2, 26))
    after = complaint_deadline(received, "REPORT", PB20, CAL, done_on=D(2026, 2, 27))
    assert (before.counted, on.counted, after.counted) == (4, 5, 6)
    assert [c.findings[0].code for c in (before, on, after)] == [
        "DEADLINE_MET",
        "DEADLINE_MET",
        "DEADLINE_MISSED",
    ]
    assert after.findings[0].severity is Severity.WARN  # a local benchmark: soft
    assert on.calendar == CAL.source
    assert on.findings[0].citation.seed == "003:687"


def test_complaint_close_fifteen_calendar_days_boundaries() -> None:
    received = D(2026, 9, 28)
    check = complaint_deadline(received, "CLOSE", PB20)
    assert check.limit == D(2026, 10, 13)  # calendar days, holidays counted
    assert check.calendar is None
    assert check.findings[0].code == "DEADLINE_OPEN"
    codes = [
        complaint_deadline(received, "CLOSE", PB20, done_on=received + dt.timedelta(days=n))
        .findings[0]
        .code
        for n in (14, 15, 16)
    ]
    assert codes == ["DEADLINE_MET", "DEADLINE_MET", "DEADLINE_MISSED"]


def test_complaint_working_days_need_a_calendar() -> None:
    with pytest.raises(RuleInputError) as err:
        complaint_deadline(D(2026, 3, 2), "REPORT", PB20)
    assert err.value.code == "CALENDAR_REQUIRED"
    with pytest.raises(RuleInputError):
        complaint_deadline(D(2026, 3, 2), "OPEN", PB20, CAL)  # type: ignore[arg-type]


# -- roll, objections, lists (选举法 arts 28–29, 32; VC18 art 14) -----------------------------------

NPC20 = load_policy("npc-2020")
VC18 = load_policy("village-2018")


@pytest.mark.parametrize("policy", [NPC20, VC18, load_policy("zhejiang-village-2020")])
def test_roll_published_twenty_days_before(policy: object) -> None:
    from huanjie_rules.policy import Policy

    assert isinstance(policy, Policy)
    election = D(2026, 11, 21)
    assert latest_date_before(election, 20, policy) == D(2026, 11, 1)
    results = [
        check_before_election(
            Step.ROLL_PUBLISHED, election - dt.timedelta(days=n), election, policy
        )
        for n in (19, 20, 21)
    ]
    assert [f.code for f in results] == [
        "TOO_LATE_BEFORE_ELECTION",
        "ON_TIME_BEFORE_ELECTION",
        "ON_TIME_BEFORE_ELECTION",
    ]
    assert results[0].severity is Severity.FAIL


def test_candidate_and_formal_lists_boundaries() -> None:
    election = D(2026, 11, 21)
    for step, days in ((Step.CANDIDATE_LIST, 15), (Step.FORMAL_LIST, 7)):
        codes = [
            check_before_election(step, election - dt.timedelta(days=n), election, NPC20).code
            for n in (days - 1, days, days + 1)
        ]
        assert codes == [
            "TOO_LATE_BEFORE_ELECTION",
            "ON_TIME_BEFORE_ELECTION",
            "ON_TIME_BEFORE_ELECTION",
        ], step
    f = check_before_election(Step.FORMAL_LIST, D(2026, 11, 15), election, NPC20)
    assert f.citation.article == "第三十二条"


def test_zhejiang_formal_list_five_days() -> None:
    zj = load_policy("zhejiang-village-2020")
    election = D(2026, 3, 20)
    codes = [
        check_before_election(Step.FORMAL_LIST, election - dt.timedelta(days=n), election, zj).code
        for n in (4, 5, 6)
    ]
    assert codes == [
        "TOO_LATE_BEFORE_ELECTION",
        "ON_TIME_BEFORE_ELECTION",
        "ON_TIME_BEFORE_ELECTION",
    ]
    with pytest.raises(ParameterError):  # the national village law sets no formal-list time
        check_before_election(Step.FORMAL_LIST, D(2026, 3, 10), election, VC18)
    with pytest.raises(RuleInputError):
        check_before_election(Step.VOTE, D(2026, 3, 10), election, zj)


def test_objection_and_decision_boundaries() -> None:
    published = D(2026, 3, 1)
    for policy in (NPC20, VC18):
        assert roll_objection_deadline(published, policy).limit == D(2026, 3, 6)
        codes = [
            roll_objection_deadline(published, policy, objected_on=D(2026, 3, d)).findings[0].code
            for d in (5, 6, 7)
        ]
        assert codes == ["DEADLINE_MET", "DEADLINE_MET", "DEADLINE_MISSED"]
        received = D(2026, 3, 6)
        codes = [
            roll_decision_deadline(received, policy, decided_on=D(2026, 3, d)).findings[0].code
            for d in (8, 9, 10)
        ]
        assert codes == ["DEADLINE_MET", "DEADLINE_MET", "DEADLINE_MISSED"]


def test_election_timeline_lists_every_deadline() -> None:
    t = election_timeline(D(2026, 11, 21), NPC20)
    assert t.convention == "DIFFERENCE"
    assert t.latest("procedure.roll_days_before") == D(2026, 11, 1)
    assert t.latest("procedure.candidate_list_days_before") == D(2026, 11, 6)
    assert t.latest("procedure.formal_list_days_before") == D(2026, 11, 14)
    assert t.latest("procedure.court_suit_days_before") == D(2026, 11, 16)
    assert [d.latest for d in t.deadlines] == sorted(d.latest for d in t.deadlines)
    with pytest.raises(ParameterError):
        t.latest("procedure.proxy_request_days_before")
    zj = election_timeline(D(2026, 3, 20), load_policy("zhejiang-village-2020"))
    assert zj.latest("procedure.self_nomination_days_before") == D(2026, 3, 10)
    assert zj.latest("procedure.proxy_request_days_before") == D(2026, 3, 17)
    assert from_json(to_json(zj), ElectionTimeline) == zj


# -- terms -----------------------------------------------------------------------------------------


def test_village_committee_terms_three_then_five_years() -> None:
    # VC10 art 11: 3 years; VC18 art 11: 5 years
    assert term_end(D(2017, 3, 15), load_policy("village-2010")).end == D(2020, 3, 15)
    t = term_end(D(2021, 3, 15), VC18)
    assert (t.years, t.end) == (5, D(2026, 3, 15))
    assert t.findings[0].citation.article == "第十一条"


def test_party_terms_per_body() -> None:
    start = D(2021, 6, 1)
    assert term_end(start, PB20, body=BodyKind.GRASSROOTS_COMMITTEE).years == 5
    assert term_end(start, PB20, body=BodyKind.BRANCH).years == 3
    assert term_end(start, PB20, body=BodyKind.GENERAL_BRANCH).years == 3
    village_branch = term_end(start, PB20, body=BodyKind.BRANCH, level=Level.VILLAGE)
    assert (village_branch.years, village_branch.end) == (5, D(2026, 6, 1))
    assert (
        term_end(start, load_policy("party-local-2020"), body=BodyKind.PARTY_COMMITTEE).years == 5
    )
    old = load_policy("party-basic-1990")
    assert term_end(D(2011, 6, 1), old, body=BodyKind.BRANCH).years == 2
    assert term_end(D(2011, 6, 1), old, body=BodyKind.BRANCH, level=Level.VILLAGE).years == 3
    with pytest.raises(RuleInputError):
        term_end(start, PB20)
    with pytest.raises(RuleInputError) as err:
        term_end(start, PB20, body=BodyKind.PEOPLES_CONGRESS)
    assert err.value.code == "UNKNOWN_BODY"


def test_party_term_length_checks() -> None:
    start = D(2021, 6, 1)
    four = term_end(start, PB20, body=BodyKind.GRASSROOTS_COMMITTEE, years=4)
    assert [f.code for f in four.findings if f.severity is not Severity.INFO] == [
        "TERM_LENGTH_UNUSUAL"
    ]
    assert four.findings[0].severity is Severity.WARN
    six = term_end(start, PB20, body=BodyKind.GRASSROOTS_COMMITTEE, years=6)
    assert six.findings[0].code == "TERM_LENGTH_OUT_OF_RANGE"
    assert six.findings[0].severity is Severity.FAIL
    village_three = term_end(start, PB20, body=BodyKind.BRANCH, level=Level.VILLAGE, years=3)
    assert village_three.findings[0].code == "TERM_LENGTH_OUT_OF_RANGE"


def test_term_begun_on_29_february() -> None:
    t = term_end(D(2024, 2, 29), VC18)
    assert t.end == D(2029, 2, 28)
    assert "TERM_END_LEAP_DAY" in [f.code for f in t.findings]
    assert term_end(D(2024, 2, 29), PB20, body=BodyKind.GRASSROOTS_COMMITTEE, years=4).end == D(
        2028, 2, 29
    )
    assert term_end(D(2024, 2, 28), VC18).end == D(2029, 2, 28)
    assert term_end(D(2024, 3, 1), VC18).end == D(2029, 3, 1)


# -- shifts (PB20 art 3 soft, PB90 art 3, PL20 art 3 hard, Zhejiang art 3) -------------------------


def _shift_codes(c: ShiftCheck) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in c.findings]


def test_grassroots_shift_one_year_soft() -> None:
    due = D(2026, 3, 15)
    assert check_term_shift(due, D(2027, 3, 15), PB20, approved=True).ok
    late = check_term_shift(due, D(2027, 3, 16), PB20, approved=True)
    assert _shift_codes(late) == [("TERM_DELAY_TOO_LONG", "WARN")]
    assert check_term_shift(due, D(2025, 3, 15), PB20, approved=True).ok
    early = check_term_shift(due, D(2025, 3, 14), PB20, approved=True)
    assert _shift_codes(early) == [("TERM_ADVANCE_TOO_LONG", "WARN")]


def test_pb90_caps_only_extension() -> None:
    pb90 = load_policy("party-basic-1990")
    due = D(2016, 3, 15)
    assert check_term_shift(due, D(2014, 1, 1), pb90, approved=True).ok
    assert not check_term_shift(due, D(2017, 3, 16), pb90, approved=True).ok


def test_local_committee_shift_hard() -> None:
    pl20 = load_policy("party-local-2020")
    due = D(2026, 6, 30)
    assert check_term_shift(due, D(2027, 6, 30), pl20, approved=True).ok
    assert _shift_codes(check_term_shift(due, D(2027, 7, 1), pl20, approved=True)) == [
        ("TERM_DELAY_TOO_LONG", "FAIL")
    ]


def test_shift_without_approval_fails_and_all_problems_reported() -> None:
    c = check_term_shift(D(2026, 3, 15), D(2027, 5, 1), PB20, approved=False)
    assert _shift_codes(c) == [("TERM_SHIFT_NOT_APPROVED", "FAIL"), ("TERM_DELAY_TOO_LONG", "WARN")]
    assert check_term_shift(D(2026, 3, 15), D(2026, 3, 15), PB20, approved=False).ok


def test_zhejiang_village_shift_six_months() -> None:
    zj = load_policy("zhejiang-village-2020")
    due = D(2026, 8, 31)
    assert check_term_shift(due, D(2027, 2, 28), zj, approved=True).ok  # month end (art 202)
    assert not check_term_shift(due, D(2027, 3, 1), zj, approved=True).ok
    assert check_term_shift(due, D(2026, 2, 28), zj, approved=True).ok
    assert not check_term_shift(due, D(2026, 2, 27), zj, approved=True).ok
    with pytest.raises(ParameterError):  # the national law sets no shift rule
        check_term_shift(due, D(2026, 9, 1), VC18, approved=True)


# -- plans -----------------------------------------------------------------------------------------


def _village_party_plan(**changes: dt.date | None) -> Plan:
    dates: dict[str, dt.date | None] = {
        "REQUEST": D(2021, 3, 1),
        "APPROVAL": D(2021, 3, 3),
        "NOTICE": D(2021, 3, 4),
        "DOCUMENTS": D(2021, 3, 5),
        "NOMINATION": D(2021, 3, 8),
        "INSPECTION": D(2021, 3, 10),
        "REVIEW": D(2021, 3, 12),
        "NOMINEE_APPROVAL": D(2021, 3, 15),
        "FORMAL_CANDIDATES": D(2021, 3, 16),
        "LOGISTICS": D(2021, 3, 17),
        "VOTE": D(2021, 3, 20),
        "PUBLICITY": D(2021, 3, 22),
        "APPOINTMENT": D(2021, 3, 29),
        "FILING": D(2021, 3, 30),
    }
    dates.update(changes)
    steps = []
    for code, day in dates.items():
        if day is None:
            continue
        end = D(2021, 3, 26) if code == "PUBLICITY" else None
        steps.append(PlannedStep(step=Step[code], on=day, end=end))
    return Plan(sequence=Sequence.VILLAGE_PARTY, steps=steps, subject="A村党支部")


def test_valid_village_party_plan() -> None:
    review = validate_plan(_village_party_plan(), XZHEN, CAL)
    assert review.status is Status.ELIGIBLE, review.findings
    assert review.calendar == CAL.source
    assert review.sequence == "VILLAGE_PARTY"


def test_plan_reports_all_problems_at_once() -> None:
    plan = _village_party_plan(
        APPROVAL=None,  # missing approval of the request
        NOMINEE_APPROVAL=D(2021, 3, 9),  # before the review
        FILING=None,  # missing trailing step
    )
    plan = Plan(
        sequence=plan.sequence,
        subject=plan.subject,
        steps=[
            s
            if s.step is not Step.PUBLICITY
            else PlannedStep(step=s.step, on=s.on, end=D(2021, 3, 25))
            for s in plan.steps
        ]
        + [PlannedStep(step=Step.ROLL_PUBLISHED, on=D(2021, 3, 2))],
    )
    plan = Plan(
        sequence=plan.sequence,
        subject=plan.subject,
        steps=[
            s if s.step is not Step.APPOINTMENT else PlannedStep(step=s.step, on=D(2021, 3, 25))
            for s in plan.steps
        ],
    )
    review = validate_plan(plan, XZHEN, CAL)
    assert review.status is Status.INELIGIBLE
    assert sorted(review.codes()) == [
        "APPROVAL_MISSING",
        "PERIOD_TOO_SHORT",
        "STEP_BEFORE_PERIOD_END",
        "STEP_MISSING",
        "STEP_NOT_IN_SEQUENCE",
        "STEP_OUT_OF_ORDER",
    ]
    by_code = {f.code: f for f in review.findings}
    assert by_code["APPROVAL_MISSING"].subject == Step.APPROVAL.label
    assert by_code["STEP_OUT_OF_ORDER"].subject == Step.NOMINEE_APPROVAL.label
    assert by_code["STEP_MISSING"].subject == Step.FILING.label
    assert by_code["PERIOD_TOO_SHORT"].observed == 4
    assert by_code["STEP_NOT_IN_SEQUENCE"].severity is Severity.WARN
    assert all(f.citation.seed for f in review.findings)


def test_incomplete_plan_does_not_report_future_steps() -> None:
    steps = [s for s in _village_party_plan().steps if s.on <= D(2021, 3, 12)]
    plan = Plan(sequence=Sequence.VILLAGE_PARTY, steps=steps)
    assert validate_plan(plan, XZHEN, CAL, complete=False).ok
    assert "APPROVAL_MISSING" in validate_plan(plan, XZHEN, CAL).codes()


def test_publicity_without_end_or_calendar() -> None:
    plan = _village_party_plan()
    no_end = Plan(
        sequence=plan.sequence,
        steps=[
            PlannedStep(step=s.step, on=s.on) if s.step is Step.PUBLICITY else s for s in plan.steps
        ],
    )
    review = validate_plan(no_end, XZHEN, CAL)
    assert review.codes() == ("PERIOD_END_MISSING",)
    assert review.findings[0].limit == D(2021, 3, 26)
    with pytest.raises(RuleInputError) as err:
        validate_plan(plan, XZHEN)
    assert err.value.code == "CALENDAR_REQUIRED"


def test_npc_plan_days_before_election() -> None:
    vote = D(2026, 11, 21)
    plan = Plan(
        sequence=Sequence.NPC_DIRECT,
        steps=[
            PlannedStep(step=Step.ELECTION_COMMITTEE, on=D(2026, 8, 1)),
            PlannedStep(step=Step.DISTRICTS, on=D(2026, 8, 20)),
            PlannedStep(step=Step.VOTER_REGISTRATION, on=D(2026, 9, 1)),
            PlannedStep(step=Step.ROLL_PUBLISHED, on=D(2026, 11, 2)),  # 19 days: late
            PlannedStep(step=Step.CANDIDATE_LIST, on=D(2026, 11, 6)),  # 15 days: on time
            PlannedStep(step=Step.FORMAL_LIST, on=D(2026, 11, 15)),  # 6 days: late
            PlannedStep(step=Step.VOTE, on=vote),
            PlannedStep(step=Step.RESULT, on=vote),
            PlannedStep(step=Step.QUALIFICATION, on=D(2026, 12, 10)),
        ],
    )
    review = validate_plan(plan, NPC20)
    assert review.codes() == ("TOO_LATE_BEFORE_ELECTION", "TOO_LATE_BEFORE_ELECTION")
    assert {f.subject for f in review.findings} == {
        Step.ROLL_PUBLISHED.label,
        Step.FORMAL_LIST.label,
    }
    assert review.calendar is None


def test_village_committee_handover_within_ten_days() -> None:
    def plan(handover: dt.date) -> Plan:
        return Plan(
            sequence=Sequence.VILLAGE_COMMITTEE,
            steps=[
                PlannedStep(step=Step.ELECTION_COMMITTEE, on=D(2026, 2, 1)),
                PlannedStep(step=Step.ROLL_PUBLISHED, on=D(2026, 2, 28)),
                PlannedStep(step=Step.NOMINATION, on=D(2026, 3, 5)),
                PlannedStep(step=Step.VOTE, on=D(2026, 3, 20)),
                PlannedStep(step=Step.RESULT, on=D(2026, 3, 20)),
                PlannedStep(step=Step.HANDOVER, on=handover),
            ],
        )

    assert validate_plan(plan(D(2026, 3, 29)), VC18).ok
    assert validate_plan(plan(D(2026, 3, 30)), VC18).ok
    late = validate_plan(plan(D(2026, 3, 31)), VC18)
    assert late.codes() == ("DEADLINE_MISSED",)


def test_round_deadline_of_a_local_profile() -> None:
    nmg = load_policy("nmg-town-2016")
    base = [
        PlannedStep(step=Step.REQUEST, on=D(2016, 4, 15)),
        PlannedStep(step=Step.APPROVAL, on=D(2016, 4, 18)),
        PlannedStep(step=Step.NOTICE, on=D(2016, 4, 19)),
        PlannedStep(step=Step.DOCUMENTS, on=D(2016, 4, 25)),
        PlannedStep(step=Step.NOMINEE_APPROVAL, on=D(2016, 5, 10)),
        PlannedStep(step=Step.LOGISTICS, on=D(2016, 5, 20)),
        PlannedStep(step=Step.APPOINTMENT, on=D(2016, 6, 3)),
    ]
    for vote, codes in ((D(2016, 5, 31), ()), (D(2016, 6, 1), ("VOTE_AFTER_ROUND_DEADLINE",))):
        plan = Plan(
            sequence=Sequence.GRASSROOTS, steps=[*base, PlannedStep(step=Step.VOTE, on=vote)]
        )
        assert validate_plan(plan, nmg).codes() == codes


def test_plan_model_rejects_duplicates_and_reversed_periods() -> None:
    with pytest.raises(InvalidDataError) as err:
        Plan(
            sequence=Sequence.GRASSROOTS,
            steps=[
                PlannedStep(step=Step.VOTE, on=D(2026, 3, 1)),
                PlannedStep(step=Step.VOTE, on=D(2026, 3, 2)),
            ],
        )
    assert err.value.paths == ["steps[1].step"]
    with pytest.raises(InvalidDataError):
        PlannedStep(step=Step.PUBLICITY, on=D(2026, 3, 5), end=D(2026, 3, 4))
    with pytest.raises(ParameterError):  # the national profile has no 两推一选 sequence
        validate_plan(Plan(sequence=Sequence.VILLAGE_PARTY, steps=[]), PB20)


# -- serialization ---------------------------------------------------------------------------------


def test_results_round_trip_through_json() -> None:
    period = check_publicity(D(2021, 3, 1), D(2021, 3, 4), XZHEN, CAL)
    assert from_json(to_json(period), PeriodCheck) == period
    term = term_end(D(2024, 2, 29), VC18)
    assert from_json(to_json(term), Term) == term
    shift = check_term_shift(D(2026, 3, 15), D(2027, 5, 1), PB20, approved=False)
    assert from_json(to_json(shift), ShiftCheck) == shift
    plan = _village_party_plan(APPROVAL=None)
    assert from_json(to_json(plan), Plan) == plan
    review = validate_plan(plan, XZHEN, CAL)
    assert from_json(to_json(review), PlanReview) == review


def test_table_calendar_gives_the_same_plan_review() -> None:
    table = TableCalendar(
        label="2021 national",
        years=(2021,),
        holidays=[D(2021, 1, 1), *[D(2021, 2, d) for d in (11, 12, 15, 16, 17)]],
        workdays=[D(2021, 2, 7), D(2021, 2, 20)],
    )
    review = validate_plan(_village_party_plan(), XZHEN, table)
    assert review.ok
    assert review.calendar == "2021 national"


@pytest.mark.parametrize(
    "profile",
    [
        "party-basic-1990",
        "party-basic-2020",
        "party-local-1994",
        "party-local-2020",
        "npc-2015",
        "npc-2020",
        "village-2010",
        "village-2018",
        "luonan-2011",
        "county-township-2006",
        "county-pilot-2011",
        "nmg-town-2016",
        "xzhen-2021",
        "zhejiang-village-2020",
    ],
)
def test_every_profile_has_a_procedure_domain_with_valid_steps(profile: str) -> None:
    policy = load_policy(profile)
    names = [n for n in policy.names() if n.startswith("procedure.")]
    assert "procedure.deadline_first_day" in names
    assert "procedure.anniversary_overflow" in names
    for name in names:
        if name.startswith("procedure.steps_"):
            assert all(isinstance(Step.parse(code), Step) for code in policy.get_strings(name))
            assert name.removeprefix("procedure.steps_").upper() in Sequence.__members__
        param = policy.param(name)
        assert param.rule_id
        assert param.citation.article or param.citation.seed or param.citation.url


# -- audit: every predecessor, counting under INCLUDED ---------------------------------------------


def test_order_is_checked_against_every_earlier_step_not_only_the_nearest() -> None:
    # REQUEST 10 Mar, APPROVAL 5 Mar, NOTICE 7 Mar: NOTICE is after APPROVAL but before the
    # REQUEST it must follow; both wrong steps are reported in one review (seed 000:36-42).
    plan = Plan(
        sequence=Sequence.GRASSROOTS,
        steps=[
            PlannedStep(step=Step.REQUEST, on=D(2025, 3, 10)),
            PlannedStep(step=Step.APPROVAL, on=D(2025, 3, 5)),
            PlannedStep(step=Step.NOTICE, on=D(2025, 3, 7)),
        ],
    )
    review = validate_plan(plan, PB20, complete=False)
    out = {f.subject: f for f in review.findings if f.code == "STEP_OUT_OF_ORDER"}
    assert set(out) == {Step.APPROVAL.label, Step.NOTICE.label}
    notice = out[Step.NOTICE.label]
    assert (notice.observed, notice.limit) == (D(2025, 3, 7), D(2025, 3, 10))
    assert Step.REQUEST.label in notice.message_en
    # same day as the step before it is in order (N), a day before is not (N-1)
    for day, codes in ((D(2025, 3, 10), ()), (D(2025, 3, 9), ("STEP_OUT_OF_ORDER",))):
        steps = [
            PlannedStep(step=Step.REQUEST, on=D(2025, 3, 10)),
            PlannedStep(step=Step.APPROVAL, on=day),
        ]
        plan = Plan(sequence=Sequence.GRASSROOTS, steps=steps)
        assert validate_plan(plan, PB20, complete=False).codes() == codes


def test_a_step_inside_an_earlier_period_is_reported_even_past_another_step() -> None:
    # 公示 22–26 Mar; the appointment wrongly on 21 Mar and the filing on 23 Mar: the filing is
    # after the appointment but inside the 公示, which must be over first (seed 001:34).
    plan = _village_party_plan(APPOINTMENT=D(2021, 3, 21), FILING=D(2021, 3, 23))
    review = validate_plan(plan, XZHEN, CAL)
    inside = [f for f in review.findings if f.code == "STEP_BEFORE_PERIOD_END"]
    assert sorted(f.subject for f in inside) == sorted([Step.APPOINTMENT.label, Step.FILING.label])
    assert all(f.limit == D(2021, 3, 26) for f in inside)
    # the day after the 公示 ends is the first day allowed (N+1), its last day is not (N)
    ok = _village_party_plan(APPOINTMENT=D(2021, 3, 27), FILING=D(2021, 3, 29))
    assert validate_plan(ok, XZHEN, CAL).ok
    on_end = _village_party_plan(APPOINTMENT=None, FILING=D(2021, 3, 26))
    assert sorted(validate_plan(on_end, XZHEN, CAL).codes()) == [
        "APPROVAL_MISSING",
        "STEP_BEFORE_PERIOD_END",
    ]
    # a later step still names the latest step it comes before
    late = _village_party_plan(FILING=D(2021, 3, 28))
    (f,) = validate_plan(late, XZHEN, CAL).findings
    assert (f.code, f.limit) == ("STEP_OUT_OF_ORDER", D(2021, 3, 29))


def _first_day_included(tmp_path: object) -> object:
    import pathlib

    root = pathlib.Path(str(tmp_path)) / "included"
    root.mkdir()
    (root / "profile.toml").write_text(
        'id = "included"\nregime = "PARTY_BASIC"\nextends = "party-basic-2020"\nlocal = true\n'
        'title_zh = "t"\ntitle_en = "t"\nvalid_from = 2020-07-13\n',
        encoding="utf-8",
    )
    (root / "procedure.toml").write_text(
        '[deadline_first_day]\ntype = "str"\nvalue = "INCLUDED"\n'
        'choices = ["EXCLUDED", "INCLUDED"]\nrule = "PROC-PERIOD-COUNTING"\n'
        'instrument = "CIVIL-CODE"\narticle = "第二百零一条"\n',
        encoding="utf-8",
    )
    return load_policy("included", search=[str(pathlib.Path(str(tmp_path)))])


def test_counted_follows_the_first_day_convention(tmp_path: object) -> None:
    from huanjie_rules.policy import Policy

    policy = _first_day_included(tmp_path)
    assert isinstance(policy, Policy)
    # received Monday 2 March 2026, the day counted: 2, 3, 4, 5, 6 March are the 5 working days
    received = D(2026, 3, 2)
    checks = [
        complaint_deadline(received, "REPORT", policy, CAL, done_on=D(2026, 3, d))
        for d in (5, 6, 9)
    ]
    assert checks[0].limit == D(2026, 3, 6)
    assert [(c.counted, c.findings[0].code) for c in checks] == [
        (4, "DEADLINE_MET"),
        (5, "DEADLINE_MET"),
        (6, "DEADLINE_MISSED"),
    ]
    # 15 calendar days with the first day counted end on 16 March
    close = [
        complaint_deadline(received, "CLOSE", policy, done_on=D(2026, 3, d)) for d in (15, 16, 17)
    ]
    assert close[0].limit == D(2026, 3, 16)
    assert [(c.counted, c.findings[0].code) for c in close] == [
        (14, "DEADLINE_MET"),
        (15, "DEADLINE_MET"),
        (16, "DEADLINE_MISSED"),
    ]
