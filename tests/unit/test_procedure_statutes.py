"""The deadlines of registration, proxies, campaign speeches and by-elections in the timelines
and in validate_plan, each at the day before, of and after its deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules import RuleInputError, load_policy
from huanjie_rules.procedure import (
    Plan,
    PlannedStep,
    Sequence,
    Step,
    check_before_election,
    election_timeline,
    validate_plan,
)

D = dt.date


def _latest(policy_id: str, parameter: str, day: dt.date, *, by_election: bool = False) -> dt.date:
    return election_timeline(day, load_policy(policy_id), by_election=by_election).latest(parameter)


@pytest.mark.parametrize(
    ("policy_id", "parameter", "latest"),
    [
        # 浙江细则第二十九条: 在选举日十二日以前取得联系
        ("zhejiang-npc-2021", "procedure.late_registration_days_before", D(2021, 11, 8)),
        # 北京细则第三十条: 至投票选举日前
        ("beijing-npc-2021", "procedure.late_registration_days_before", D(2021, 11, 19)),
        # 浙江办法第二十三条: 应当在选举日的五日前提出
        ("zhejiang-village-2020", "procedure.speech_request_days_before", D(2021, 11, 15)),
        # 浙江办法第二十五条: 在选举日的三日前; 在选举日前……审核并公告
        ("zhejiang-village-2020", "procedure.proxy_request_days_before", D(2021, 11, 17)),
        ("zhejiang-village-2020", "procedure.proxy_list_days_before", D(2021, 11, 19)),
        # 上海办法第十六条: 选举日五日前; 选举日二日前
        ("shanghai-village-2020", "procedure.proxy_request_days_before", D(2021, 11, 15)),
        ("shanghai-village-2020", "procedure.proxy_list_days_before", D(2021, 11, 18)),
    ],
)
def test_timelines_carry_the_new_deadlines(policy_id: str, parameter: str, latest: dt.date) -> None:
    assert _latest(policy_id, parameter, D(2021, 11, 20)) == latest


def test_by_election_timelines() -> None:
    day = D(2023, 6, 20)
    zj = election_timeline(day, load_policy("zhejiang-npc-2021"), by_election=True)
    assert zj.by_election
    # 浙江细则第五十九条: 不得少于十二日; 在选举日的七日以前公布
    assert [(d.parameter, d.latest) for d in zj.deadlines] == [
        ("procedure.by_election_roll_days_before", D(2023, 6, 8)),
        ("procedure.by_election_formal_list_days_before", D(2023, 6, 13)),
    ]
    # 选举法第五十七条 leaves the notice to the provinces
    assert election_timeline(day, load_policy("npc-2020"), by_election=True).deadlines == ()
    with pytest.raises(RuleInputError):
        election_timeline(day, load_policy("npc-2020"), by_election="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("roll", "codes"),
    [
        (D(2023, 6, 4), ()),  # the day before the deadline
        (D(2023, 6, 5), ()),  # 北京细则第六十一条: 在投票选举日的十五日以前
        (D(2023, 6, 6), ("TOO_LATE_BEFORE_ELECTION",)),  # the day after
    ],
)
def test_by_election_plan_checks_the_short_notice(roll: dt.date, codes: tuple[str, ...]) -> None:
    plan = Plan(
        sequence=Sequence.BY_ELECTION,
        steps=[
            PlannedStep(step=Step.ROLL_PUBLISHED, on=roll),
            PlannedStep(step=Step.CANDIDATE_LIST, on=D(2023, 6, 15)),
            PlannedStep(step=Step.FORMAL_LIST, on=D(2023, 6, 17)),
            PlannedStep(step=Step.VOTE, on=D(2023, 6, 20)),
            PlannedStep(step=Step.RESULT, on=D(2023, 6, 20)),
        ],
    )
    assert validate_plan(plan, load_policy("beijing-npc-2021")).codes() == codes


def test_the_roll_of_a_by_election_is_not_held_to_twenty_days() -> None:
    # 浙江细则第五十九条: 可以少于本细则第三十三条规定的期限，但不得少于十二日
    day = D(2023, 6, 20)
    zj = load_policy("zhejiang-npc-2021")
    assert check_before_election(
        Step.ROLL_PUBLISHED, D(2023, 6, 8), day, zj, by_election=True
    ).code == ("ON_TIME_BEFORE_ELECTION")
    assert check_before_election(Step.ROLL_PUBLISHED, D(2023, 6, 8), day, zj).code == (
        "TOO_LATE_BEFORE_ELECTION"
    )


def _village_plan(**cutoffs: dt.date) -> Plan:
    steps = [
        PlannedStep(step=Step.ELECTION_COMMITTEE, on=D(2021, 10, 1)),
        PlannedStep(step=Step.ROLL_PUBLISHED, on=D(2021, 10, 25)),
        PlannedStep(step=Step.NOMINATION, on=D(2021, 11, 1)),
        PlannedStep(step=Step.FORMAL_LIST, on=D(2021, 11, 10)),
        PlannedStep(step=Step.VOTE, on=D(2021, 11, 20)),
    ]
    steps += [PlannedStep(step=Step[name.upper()], on=day) for name, day in cutoffs.items()]
    return Plan(sequence=Sequence.VILLAGE_COMMITTEE, steps=steps)


@pytest.mark.parametrize(
    ("policy_id", "step", "deadline"),
    [
        ("zhejiang-village-2020", "proxy_request_cutoff", D(2021, 11, 17)),
        ("zhejiang-village-2020", "speech_request_cutoff", D(2021, 11, 15)),
        ("zhejiang-village-2020", "proxy_list", D(2021, 11, 19)),
        ("shanghai-village-2020", "proxy_request_cutoff", D(2021, 11, 15)),
        ("shanghai-village-2020", "proxy_list", D(2021, 11, 18)),
    ],
)
def test_plan_cutoffs_at_their_deadline(policy_id: str, step: str, deadline: dt.date) -> None:
    policy = load_policy(policy_id)
    one = dt.timedelta(days=1)
    for day, codes in (
        (deadline - one, ()),
        (deadline, ()),
        (deadline + one, ("TOO_LATE_BEFORE_ELECTION",)),
    ):
        review = validate_plan(_village_plan(**{step: day}), policy, complete=False)
        assert review.codes() == codes, (step, day)


def test_a_cutoff_the_profile_does_not_know_is_foreign_and_one_without_a_vote_unchecked() -> None:
    plan = Plan(
        sequence=Sequence.VILLAGE_COMMITTEE,
        steps=[
            PlannedStep(step=Step.ROLL_PUBLISHED, on=D(2021, 10, 25)),
            PlannedStep(step=Step.PROXY_LIST, on=D(2021, 11, 1)),
            PlannedStep(step=Step.VOTE, on=D(2021, 11, 20)),
        ],
    )
    review = validate_plan(plan, load_policy("village-2018"), complete=False)
    assert review.codes() == ("STEP_MISSING", "STEP_MISSING", "STEP_NOT_IN_SEQUENCE")
    plan = Plan(
        sequence=Sequence.VILLAGE_COMMITTEE,
        steps=[PlannedStep(step=Step.PROXY_REQUEST_CUTOFF, on=D(2021, 11, 1))],
    )
    assert validate_plan(plan, load_policy("zhejiang-village-2020"), complete=False).codes() == (
        "STEP_WITHOUT_VOTE",
    )
