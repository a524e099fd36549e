"""Ballot boxes and election committees: golden cases (tests/cases/polling.toml), errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from statute_cases import check, load_cases, run

from huanjie_rules import InvalidDataError, ParameterError, RuleInputError, load_policy, screen
from huanjie_rules.model import (
    BodyKind,
    Candidate,
    Election,
    ElectionForm,
    Gender,
    Level,
    Office,
    Person,
    Regime,
    Relation,
    Relative,
    Seat,
    StaffMember,
    StaffRole,
)
from huanjie_rules.polling import (
    BallotBox,
    CommitteeMember,
    MobileBoxGround,
    MobileVoter,
    check_ballot_boxes,
    check_election_committee,
)

CASES = load_cases("polling")
FUNCTIONS: dict[str, Any] = {
    "check_ballot_boxes": (check_ballot_boxes, {"boxes": (BallotBox,)}),
    "check_election_committee": (check_election_committee, {"members": (CommitteeMember,)}),
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert case.get("cite"), f"{case['id']} cites no article"
    check(run(case, FUNCTIONS), case["expect"], case["id"])


def test_bad_input_is_refused() -> None:
    with pytest.raises(InvalidDataError) as err:
        BallotBox(key="b", scrutineers=3, staff=2)
    assert err.value.paths == ["staff"]
    with pytest.raises(InvalidDataError):
        BallotBox(key="b", voters=[MobileVoter(key="甲", ground=MobileBoxGround.CUSTODY)])
    with pytest.raises(RuleInputError):
        check_ballot_boxes([BallotBox(key="b"), BallotBox(key="b")], load_policy("npc-2020"))
    with pytest.raises(ParameterError):
        check_election_committee([CommitteeMember(key="a")], load_policy("village-2018"))


def _staffed(policy_id: str, role: StaffRole, *, relative: bool) -> tuple[Any, ...]:
    village = policy_id.endswith("village-2020") or policy_id == "village-2018"
    office = Office.VILLAGE_MEMBER if village else Office.NPC_DEPUTY
    cand = Candidate(
        person=Person(name="候选人甲", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1)),
        office=office,
    )
    staff = StaffMember(
        key="乙" if relative else cand.key,
        role=role,
        relatives=[Relative(candidate=cand.key, relation=Relation.SPOUSE)] if relative else [],
    )
    election = Election(
        key="e",
        regime=Regime.VILLAGE if village else Regime.NPC,
        policy_id=policy_id,
        body=BodyKind.VILLAGE_COMMITTEE if village else BodyKind.PEOPLES_CONGRESS,
        level=Level.VILLAGE if village else Level.COUNTY,
        form=ElectionForm.VILLAGERS if village else ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 20),
        seats=[Seat(office=office, count=3)],
        entitled_voters=900,
        candidates=[cand],
        staff=[staff],
    )
    return screen(cand, election, load_policy(policy_id), checks=["incompatibility"]).codes()


@pytest.mark.parametrize(
    ("policy_id", "role", "relative", "codes"),
    [
        # 浙江细则第四十条: 代表候选人及其近亲属不得主持本选区的选举，不得担任本选区的选举工作人员
        ("zhejiang-npc-2021", StaffRole.PRESIDING, True, ("STAFF_ROLE_RELATIVE",)),
        ("zhejiang-npc-2021", StaffRole.POLL_WORKER, False, ("STAFF_ROLE_CANDIDATE",)),
        ("zhejiang-npc-2021", StaffRole.ELECTION_COMMITTEE, True, ()),
        ("npc-2020", StaffRole.PRESIDING, True, ()),
        # 上海办法第十四条: 候选人及其配偶或者直系亲属不得担任监票人和发票、唱票、计票、代书工作人员
        ("shanghai-village-2020", StaffRole.CALLER, True, ("STAFF_ROLE_RELATIVE",)),
        ("shanghai-village-2020", StaffRole.SCRIBE, False, ("STAFF_ROLE_CANDIDATE",)),
        ("shanghai-village-2020", StaffRole.BALLOT_ISSUER, True, ("STAFF_ROLE_RELATIVE",)),
        ("village-2018", StaffRole.CALLER, True, ()),
    ],
)
def test_candidates_and_relatives_kept_out_of_running_the_election(
    policy_id: str, role: StaffRole, relative: bool, codes: tuple[str, ...]
) -> None:
    assert _staffed(policy_id, role, relative=relative) == codes
