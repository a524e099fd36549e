"""Ballot judging, tallies, and the rules around decide() at their boundaries."""

from __future__ import annotations

from fractions import Fraction

import pytest

from huanjie_rules.errors import RuleInputError, TallyMismatchError
from huanjie_rules.findings import Severity
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import Ballot, Choice, Office, Vote, WriteIn
from huanjie_rules.policy import load_policy
from huanjie_rules.testing.votes import make_election, with_parameters
from huanjie_rules.votes import (
    FINDING_CODES,
    BallotEntry,
    BallotPaper,
    NextStep,
    Outcome,
    OutcomeStatus,
    PostStatus,
    RoundKind,
    Tally,
    Turnout,
    decide,
    decide_next,
    judge_ballot,
    leave_vacant,
    next_paper,
    paper_for,
    reduce_seats,
    tally_ballots,
)

M, D, DD, VM = (
    Office.MEMBER,
    Office.VILLAGE_DIRECTOR,
    Office.VILLAGE_DEPUTY_DIRECTOR,
    Office.VILLAGE_MEMBER,
)


def _paper(seats: int = 2, names: str = "甲乙丙", office: Office = M) -> BallotPaper:
    from huanjie_rules.model import Seat

    return BallotPaper(
        election="E",
        seats=[Seat(office=office, count=seats)],
        entries=[BallotEntry(office=office, person=n) for n in names],
    )


def _village_paper() -> BallotPaper:
    from huanjie_rules.model import Seat

    return BallotPaper(
        election="V",
        seats=[Seat(office=D, count=1), Seat(office=VM, count=2)],
        entries=[
            BallotEntry(office=D, person="甲"),
            BallotEntry(office=D, person="乙"),
            BallotEntry(office=VM, person="甲"),
            BallotEntry(office=VM, person="丙"),
            BallotEntry(office=VM, person="丁"),
        ],
    )


PARTY = load_policy("party-basic-2020")
NPC = load_policy("npc-2020")
VILLAGE = load_policy("village-2018")
ZJ = load_policy("zhejiang-village-2020")


# -- ballot judging --------------------------------------------------------------------------


def test_marks_up_to_the_seats_are_valid_and_one_more_is_void() -> None:
    # 选举法 第四十四条第二款: 多于规定应选代表人数的作废，等于或者少于的有效.
    paper = _paper(seats=2)
    two = Ballot(
        votes=[Vote(candidate="甲", choice=Choice.FOR), Vote(candidate="乙", choice=Choice.FOR)]
    )
    three = Ballot(votes=[Vote(candidate=n, choice=Choice.FOR) for n in "甲乙丙"])
    assert judge_ballot(paper, two, NPC).valid
    j = judge_ballot(paper, three, NPC)
    assert not j.valid
    assert j.reason == "BALLOT_OVERMARKED"
    assert j.marks == ()
    assert j.findings[0].severity is Severity.FAIL
    assert j.findings[0].citation.article == "第四十四条"


def test_party_writein_only_in_place_of_against() -> None:
    # PB20 art 25: 投不赞成票者可以另选他人; an abstention cannot carry a write-in.
    paper = _paper(seats=2)
    ok = Ballot(
        votes=[Vote(candidate="甲", choice=Choice.AGAINST)],
        write_ins=[WriteIn(name="丁", replaces="甲")],
    )
    no = Ballot(write_ins=[WriteIn(name="丁", replaces="甲")])
    assert ("丁", Choice.FOR) in [
        (m.person, m.choice) for m in judge_ballot(paper, ok, PARTY).marks
    ]
    j = judge_ballot(paper, no, PARTY)
    assert "丁" not in [m.person for m in j.marks]
    assert [f.code for f in j.findings] == ["WRITEIN_WITHOUT_AGAINST"]
    # The same ballot under the people's congress rule (art 41: any voter) counts the write-in.
    assert "丁" in [m.person for m in judge_ballot(paper, no, NPC).marks]


def test_writein_without_circle_void_for_party_counts_for_npc() -> None:
    # PROC-WRITEIN-LOCAL-PARTY vs PROC-BALLOT-JUDGING-NPC.
    paper = _paper(seats=1)
    b = Ballot(
        votes=[Vote(candidate="甲", choice=Choice.AGAINST)],
        write_ins=[WriteIn(name="丁", replaces="甲", circled=False)],
    )
    assert [f.code for f in judge_ballot(paper, b, PARTY).findings] == ["WRITEIN_UNCIRCLED"]
    assert "丁" in [m.person for m in judge_ballot(paper, b, NPC).marks]


def test_writeins_count_toward_overmarking() -> None:
    paper = _paper(seats=1)
    b = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)], write_ins=[WriteIn(name="丁")])
    assert judge_ballot(paper, b, NPC).reason == "BALLOT_OVERMARKED"


def test_illegible_writein_and_listed_name_written_in() -> None:
    paper = _paper(seats=2)
    b = Ballot(write_ins=[WriteIn(name="??", legible=False), WriteIn(name="甲")])
    j = judge_ballot(paper, b, NPC)
    assert {f.code for f in j.findings} == {"WRITEIN_ILLEGIBLE", "WRITEIN_NAMES_LISTED"}
    assert ("甲", Choice.FOR, True) in [(m.person, m.choice, m.listed) for m in j.marks]


def test_unreadable_ballot_is_invalid_but_returned() -> None:
    paper = _paper()
    t = tally_ballots(paper, [Ballot(unreadable=True), Ballot()], NPC, issued=2)
    assert (t.ballots_returned, t.valid_ballots, t.invalid_ballots) == (2, 1, 1)
    assert [(r.code, r.count) for r in t.invalid_reasons] == [("BALLOT_UNREADABLE", 1)]
    assert t.counts[0].abstain == 1


def test_village_overmarked_section_only_voids_that_section() -> None:
    # PROC-BALLOT-JUDGING-VILLAGE: section-level invalidity; Zhejiang art 27: whole ballot.
    paper = _village_paper()
    b = Ballot(
        votes=[
            Vote(candidate="甲", choice=Choice.FOR, office=D),
            Vote(candidate="乙", choice=Choice.FOR, office=D),
            Vote(candidate="丙", choice=Choice.FOR, office=VM),
        ]
    )
    j = judge_ballot(paper, b, VILLAGE)
    assert j.valid
    assert [s.valid for s in j.sections] == [False, True]
    assert [m.person for m in j.marks] == ["甲", "丙", "丁"]
    t = tally_ballots(paper, [b], VILLAGE, issued=1)
    assert [(s.office, s.valid, s.invalid) for s in t.sections] == [(D, 0, 1), (VM, 1, 0)]
    assert not judge_ballot(paper, b, ZJ).valid


def test_same_person_two_posts_higher_post_or_void() -> None:
    paper = _village_paper()
    b = Ballot(
        votes=[
            Vote(candidate="甲", choice=Choice.FOR, office=D),
            Vote(candidate="甲", choice=Choice.FOR, office=VM),
            Vote(candidate="丙", choice=Choice.FOR, office=VM),
        ]
    )
    j = judge_ballot(paper, b, VILLAGE)
    assert j.valid
    assert [(m.office, m.person, m.choice) for m in j.marks if m.person == "甲"] == [
        (D, "甲", Choice.FOR),
        (VM, "甲", Choice.ABSTAIN),
    ]
    z = judge_ballot(paper, b, ZJ)
    assert not z.valid
    assert z.reason == "SAME_PERSON_TWO_POSTS_VOID"
    assert z.findings[0].citation.article == "第二十七条"


def test_unknown_candidate_and_missing_office_raise_with_path() -> None:
    with pytest.raises(RuleInputError) as err:
        judge_ballot(_paper(), Ballot(votes=[Vote(candidate="X", choice=Choice.FOR)]), NPC)
    assert err.value.code == "UNKNOWN_CANDIDATE"
    assert err.value.path == "votes[0].candidate"
    with pytest.raises(RuleInputError) as err2:
        judge_ballot(_village_paper(), Ballot(write_ins=[WriteIn(name="X")]), VILLAGE)
    assert err2.value.code == "OFFICE_REQUIRED"
    assert err2.value.path == "write_ins[0].office"


# -- tallies -----------------------------------------------------------------------------------


def test_tally_merge_refuses_other_papers() -> None:
    a = Tally.empty(_paper(names="甲乙丙"))
    b = Tally.empty(_paper(names="甲乙丁"))
    with pytest.raises(TallyMismatchError) as err:
        _ = a + b
    assert err.value.code == "TALLY_MISMATCH"


def test_tally_from_counts_rejects_impossible_counts() -> None:
    with pytest.raises(RuleInputError):
        Tally.from_counts(_paper(), issued=10, returned=10, for_votes={"甲": 11})
    with pytest.raises(RuleInputError):
        Tally.from_counts(_paper(), issued=10, returned=10, for_votes={"X": 1})


def test_tally_roundtrips_through_json() -> None:
    t = tally_ballots(
        _village_paper(),
        [Ballot(votes=[Vote(candidate="丙", choice=Choice.FOR)])],
        VILLAGE,
        issued=3,
    )
    assert from_json(to_json(t), Tally) == t


# -- deciding --------------------------------------------------------------------------------


def _party(seats: int, names: str, policy_id: str = "party-basic-2020", entitled: int = 50):  # type: ignore[no-untyped-def]
    return make_election(
        policy_id, seats={M: seats}, candidates={M: list(names)}, entitled=entitled
    )


@pytest.mark.parametrize(("votes", "elected"), [(20, False), (21, True), (22, True)])
def test_majority_boundary_n_minus_1_n_n_plus_1(votes: int, elected: bool) -> None:
    # PARTY-BASIC-MAJORITY: 2 × votes > 40 present.
    e = _party(1, "甲乙")
    t = Tally.from_counts(
        paper_for(e, PARTY), issued=40, returned=40, for_votes={"甲": votes, "乙": 40 - votes - 1}
    )
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=41))
    assert o.thresholds[-1].bound == 21
    assert ("甲" in o.post(M).elected) is elected


def test_reconciliation_boundary() -> None:
    e = _party(1, "甲乙")
    for returned, valid in ((44, True), (45, True), (46, False)):
        t = Tally.from_counts(
            paper_for(e, PARTY), issued=45, returned=returned, for_votes={"甲": 40}
        )
        assert decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45)).valid is valid


@pytest.mark.parametrize(
    "pid", ["party-basic-1990", "party-basic-2020", "party-local-1994", "party-local-2020"]
)
@pytest.mark.parametrize(
    ("present", "consent", "reduced"),
    [
        (44, 21, False),  # half - 1
        (44, 22, True),  # half: 半数以上 includes exactly half
        (44, 23, True),  # half + 1
        (45, 22, False),  # below half of an odd number
        (45, 23, True),  # the first count at or above half of 45
    ],
)
def test_reduce_seats_consent_of_half_or_more(
    pid: str, present: int, consent: int, reduced: bool
) -> None:
    # 「经半数以上选举人同意」 (handbooks): 以上 is inclusive, so 2 × consent >= electors present.
    policy = load_policy(pid)
    assert policy.get_str("votes.reduce_seats_consent_comparison") == "INCLUSIVE"
    e = make_election(pid, seats={M: 3}, candidates={M: list("甲乙丙丁")}, entitled=50)
    t = Tally.from_counts(
        paper_for(e, policy),
        issued=present,
        returned=present,
        for_votes={"甲": 40, "乙": 30, "丙": 10, "丁": 5},
    )
    o = decide(e, t, policy, turnout=Turnout(entitled=50, present=present))
    assert NextStep.REDUCE_SEATS in o.options
    assert o.status is OutcomeStatus.SHORTFALL
    r = reduce_seats(o, policy, consent=consent)
    assert (r.status is OutcomeStatus.COMPLETE) is reduced
    assert r.thresholds[-1].bound == (present + 1) // 2
    if reduced:
        assert (r.post(M).seats, r.post(M).seats_reduced_from) == (2, 3)


def test_luonan_keeps_the_national_reading_of_the_consent() -> None:
    # The inclusive 「征得半数以上选举人同意」 of seed 000:126 is a research proposal, not a rule:
    # 洛南 (2011) inherits the national profile's reading rather than setting its own.
    policy = load_policy("luonan-2011")
    assert policy.param("votes.reduce_seats_consent_comparison").defined_in == "party-basic-1990"


def test_reduce_seats_not_an_npc_option() -> None:
    e = make_election(
        "npc-2020",
        seats={Office.NPC_DEPUTY: 1},
        candidates={Office.NPC_DEPUTY: ["甲", "乙"]},
        entitled=100,
    )
    t = Tally.from_counts(paper_for(e, NPC), issued=80, returned=80, for_votes={"甲": 40, "乙": 39})
    o = decide(e, t, NPC, turnout=Turnout(entitled=100, present=80))
    with pytest.raises(RuleInputError) as err:
        reduce_seats(o, NPC, consent=80)
    assert err.value.code == "OPTION_NOT_AVAILABLE"


def test_presidium_may_reduce_in_local_congress_only() -> None:
    pl = load_policy("party-local-2020")
    e = make_election(
        "party-local-2020", seats={M: 2}, candidates={M: list("甲乙丙")}, entitled=300
    )
    t = Tally.from_counts(
        paper_for(e, pl), issued=280, returned=280, for_votes={"甲": 200, "乙": 100, "丙": 90}
    )
    o = decide(e, t, pl, turnout=Turnout(entitled=300, present=280))
    r = reduce_seats(o, pl, by_presidium=True)
    assert r.status is OutcomeStatus.COMPLETE
    assert "REDUCE_SEATS_BY_PRESIDIUM" in {f.code for f in r.trace}


def test_zhejiang_leave_vacant() -> None:
    e = make_election(
        "zhejiang-village-2020",
        seats={D: 1, VM: 3},
        candidates={D: ["甲", "乙"], VM: list("丙丁戊己")},
        entitled=1000,
    )
    t = Tally.from_counts(
        paper_for(e, ZJ),
        issued=800,
        returned=800,
        for_votes={
            (D, "甲"): 390,
            (D, "乙"): 380,
            (VM, "丙"): 500,
            (VM, "丁"): 480,
            (VM, "戊"): 470,
        },
    )
    o = decide(e, t, ZJ, turnout=Turnout(entitled=1000, present=800))
    with pytest.raises(RuleInputError):
        leave_vacant(o, ZJ)  # only after the 另行选举 (art 30)
    t2 = Tally.from_counts(
        next_paper(o, ZJ), issued=600, returned=600, for_votes={"甲": 100, "乙": 90}
    )
    o2 = decide_next(o, t2, ZJ, turnout=Turnout(entitled=1000, present=600))
    v = leave_vacant(o2, ZJ)
    assert v.status is OutcomeStatus.COMPLETE
    assert v.post(D).unfilled == 1
    assert v.options == ()


def test_uncontested_secretary_allowed_member_not() -> None:
    e = make_election(
        "party-basic-2020",
        seats={Office.SECRETARY: 1},
        candidates={Office.SECRETARY: ["甲"]},
        entitled=9,
    )
    t = Tally.from_counts(paper_for(e, PARTY), issued=9, returned=9, for_votes={"甲": 9})
    assert (
        decide(e, t, PARTY, turnout=Turnout(entitled=9, present=9)).status is OutcomeStatus.COMPLETE
    )
    e2 = _party(2, "甲乙")
    t2 = Tally.from_counts(
        paper_for(e2, PARTY), issued=45, returned=45, for_votes={"甲": 45, "乙": 45}
    )
    o2 = decide(e2, t2, PARTY, turnout=Turnout(entitled=50, present=45))
    assert o2.void_reasons == ("UNCONTESTED_NOT_ALLOWED",)


def test_tie_revote_with_majority_required_can_fall_short() -> None:
    policy = with_parameters(PARTY, {"votes.tie_revote_requires_majority": True})
    e = _party(2, "甲乙丙")
    t = Tally.from_counts(
        paper_for(e, policy), issued=45, returned=45, for_votes={"甲": 40, "乙": 25, "丙": 25}
    )
    o = decide(e, t, policy, turnout=Turnout(entitled=50, present=45))
    t2 = Tally.from_counts(
        next_paper(o, policy), issued=45, returned=45, for_votes={"乙": 22, "丙": 21}
    )
    o2 = decide_next(o, t2, policy, turnout=Turnout(entitled=50, present=45))
    assert o2.status is OutcomeStatus.SHORTFALL
    assert [f.code for f in o2.trace if f.subject in ("乙", "丙")] == [
        "NOT_ELECTED_BELOW_THRESHOLD",
        "NOT_ELECTED_BELOW_THRESHOLD",
    ]
    assert o2.post(M).second_election_candidates == (
        "乙",
        "丙",
    )
    # Without the requirement (the default) most votes win.
    o3 = decide_next(o, t2, PARTY, turnout=Turnout(entitled=50, present=45))
    assert o3.status is OutcomeStatus.COMPLETE
    assert o3.post(M).elected == ("甲", "乙")
    # and the findings say so instead of "needed 0 votes"
    found = {f.subject: f for f in o3.trace if f.subject in ("乙", "丙")}
    assert (found["乙"].code, found["乙"].observed, found["乙"].limit) == (
        "ELECTED_MOST_VOTES",
        22,
        None,
    )
    assert (found["丙"].code, found["丙"].observed, found["丙"].limit) == (
        "NOT_ELECTED_FEWER_VOTES",
        21,
        22,
    )
    assert "0" not in found["乙"].message_zh + found["丙"].message_zh


def test_second_tie_goes_to_another_revote() -> None:
    # Two seats, three people tied on 23 (> 22.5) each: 69 marks of at most 90 (45 ballots × 2).
    e = _party(2, "甲乙丙")
    t = Tally.from_counts(
        paper_for(e, PARTY), issued=45, returned=45, for_votes={"甲": 23, "乙": 23, "丙": 23}
    )
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45))
    assert o.post(M).revote == ("甲", "乙", "丙")
    assert o.post(M).revote_seats == 2
    t2 = Tally.from_counts(
        next_paper(o, PARTY), issued=45, returned=45, for_votes={"甲": 30, "乙": 20, "丙": 20}
    )
    o2 = decide_next(o, t2, PARTY, turnout=Turnout(entitled=50, present=45))
    assert o2.status is OutcomeStatus.NEEDS_REVOTE
    assert o2.post(M).elected == ("甲",)
    assert o2.post(M).revote == ("乙", "丙")
    assert next_paper(o2, PARTY).round_number == 3


def test_decide_next_refuses_a_wrong_paper() -> None:
    e = _party(1, "甲乙丙")
    t = Tally.from_counts(
        paper_for(e, PARTY), issued=45, returned=45, for_votes={"甲": 20, "乙": 20}
    )
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45))
    with pytest.raises(TallyMismatchError):
        decide_next(o, t, PARTY, turnout=Turnout(entitled=50, present=45))
    with pytest.raises(RuleInputError) as err:
        next_paper(o, PARTY, kind=RoundKind.TIE_REVOTE)
    assert err.value.code == "OPTION_NOT_AVAILABLE"


def test_decide_checks_its_inputs() -> None:
    e = _party(1, "甲乙")
    t = Tally.from_counts(paper_for(e, PARTY), issued=45, returned=45, for_votes={"甲": 40})
    with pytest.raises(RuleInputError) as err:
        decide(e, t, NPC, turnout=Turnout(entitled=50, present=45))
    assert err.value.code == "POLICY_MISMATCH"
    with pytest.raises(RuleInputError) as err2:
        decide(e, t, PARTY, turnout=Turnout(entitled=49, present=45))
    assert err2.value.path == "turnout.entitled"
    npc_e = make_election(
        "npc-2020",
        seats={Office.NPC_DEPUTY: 1},
        candidates={Office.NPC_DEPUTY: ["甲", "乙"]},
        entitled=100,
    )
    nt = Tally.from_counts(paper_for(npc_e, NPC), issued=80, returned=80, for_votes={"甲": 60})
    with pytest.raises(RuleInputError) as err3:
        decide(npc_e, nt, NPC, turnout=Turnout(entitled=100, excluded=1, present=80))
    assert err3.value.code == "EXCLUSIONS_NOT_ALLOWED"


def test_cumulative_posts_count_downward_and_defer_on_a_higher_tie() -> None:
    # fymate 167987 art 27: a 委员 candidate's count = 主任 + 副主任 + 委员 votes.
    policy = with_parameters(VILLAGE, {"votes.cumulative_posts": True})
    e = make_election(
        "village-2018",
        seats={D: 1, VM: 2},
        candidates={D: ["甲", "乙"], VM: ["丙", "丁", "戊"]},
        entitled=200,
    )
    counts = {(D, "甲"): 60, (D, "乙"): 55, (VM, "丙"): 30, (VM, "丁"): 90, (VM, "戊"): 20}
    t = Tally.from_counts(paper_for(e, policy), issued=150, returned=150, for_votes=counts)
    o = decide(e, t, policy, turnout=Turnout(entitled=200, present=150))
    # Nobody has > 75 for 主任; for 委员, 乙 has 55 and 甲 60 carried down, 丁 90: 丁 and ... 甲 60 fails.
    assert o.post(D).elected == ()
    assert o.post(VM).elected == ("丁",)
    standing = {s.person: s.votes for s in o.post(VM).standings}
    assert standing["甲"] == 60
    assert standing["乙"] == 55
    # A tie for 副主任 (two seats) between people with votes carried down defers the 委员 post.
    # (One seat cannot tie with a majority: two people over half of the voters need more
    # marks than the ballots hold.)
    e2 = make_election(
        "village-2018",
        seats={DD: 2, VM: 2},
        candidates={DD: ["甲", "乙", "己"], VM: ["丙", "丁", "戊"]},
        entitled=200,
    )
    tie = {(DD, "甲"): 100, (DD, "乙"): 80, (DD, "己"): 80}
    tie |= {(VM, "丙"): 30, (VM, "丁"): 90, (VM, "戊"): 20}
    t2 = Tally.from_counts(paper_for(e2, policy), issued=150, returned=150, for_votes=tie)
    o2 = decide(e2, t2, policy, turnout=Turnout(entitled=200, present=150))
    assert o2.post(DD).status is PostStatus.TIE_REVOTE
    assert o2.post(DD).elected == ("甲",)
    assert o2.post(VM).status is PostStatus.DEFERRED
    t3 = Tally.from_counts(
        next_paper(o2, policy), issued=150, returned=150, for_votes={"乙": 100, "己": 50}
    )
    o3 = decide_next(o2, t3, policy, turnout=Turnout(entitled=200, present=150))
    assert o3.post(DD).elected == ("甲", "乙")
    # 己 lost the 副主任 re-vote: the 80 副主任 votes count for 委员 (more than 75), after 丁's 90.
    assert o3.post(VM).elected == ("丁", "己")
    assert o3.status is OutcomeStatus.COMPLETE


def test_outcome_has_no_float_and_roundtrips() -> None:
    e = _party(2, "甲乙丙")
    t = Tally.from_counts(
        paper_for(e, PARTY), issued=45, returned=45, for_votes={"甲": 40, "乙": 25, "丙": 25}
    )
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45))
    assert from_json(to_json(o), Outcome) == o

    def walk(x: object) -> None:
        assert not isinstance(x, float)
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    import json

    walk(json.loads(to_json(o)))
    assert all(isinstance(th.value, Fraction) for th in o.thresholds)


def test_every_finding_code_has_both_languages_with_the_same_fields() -> None:
    for code, msg in FINDING_CODES.items():
        zh, en = msg.fields()
        assert zh == en, code
        assert msg.zh
        assert msg.en


def test_docs_table_lists_every_finding_code() -> None:
    from pathlib import Path

    text = (Path(__file__).parent.parent.parent / "docs" / "votes.md").read_text(encoding="utf-8")
    table = text.split("## Finding codes", 1)[1].split("## ", 1)[0]
    listed = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    assert listed == set(FINDING_CODES)


def test_every_profile_answers_every_votes_parameter_the_code_reads() -> None:
    from huanjie_rules.policy import list_policies

    needed = {
        "reconcile_base",
        "quorum_measure",
        "quorum_ratio",
        "quorum_comparison",
        "exclusions_allowed",
        "majority_base",
        "majority_ratio",
        "majority_comparison",
        "writein_rule",
        "writein_requires_circle",
        "overmark_scope",
        "duplicate_person_rule",
        "post_rank",
        "cumulative_posts",
        "tie_revote_requires_majority",
        "tie_revote_writeins_allowed",
        "second_election_rule",
        "second_election_min_margin",
        "second_election_repeatable",
        "reduce_seats_allowed",
        "uncontested_offices",
    }
    for pid in list_policies():
        policy = load_policy(pid)
        for key in needed:
            assert f"votes.{key}" in policy, (pid, key)
        if policy.get_str("votes.second_election_rule") == "PLURALITY_WITH_FLOOR":
            for key in (
                "second_election_floor",
                "second_election_floor_comparison",
                "second_election_floor_base",
            ):
                assert f"votes.{key}" in policy, (pid, key)
        if policy.get_bool("votes.reduce_seats_allowed"):
            for key in (
                "reduce_seats_consent_ratio",
                "reduce_seats_consent_comparison",
                "reduce_seats_consent_base",
                "reduce_seats_by_presidium",
            ):
                assert f"votes.{key}" in policy, (pid, key)


# -- audit of issue 5: inconsistent input is refused ---------------------------------------------


def test_decide_next_refuses_a_changed_electorate() -> None:
    # Every round of one election counts the same entitled voters (the quorum and, for local
    # party congresses, the majority are fractions of it).
    e = _party(2, "甲乙丙")
    t = Tally.from_counts(
        paper_for(e, PARTY), issued=45, returned=45, for_votes={"甲": 40, "乙": 25, "丙": 25}
    )
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45))
    t2 = Tally.from_counts(next_paper(o, PARTY), issued=45, returned=45, for_votes={"乙": 30})
    with pytest.raises(RuleInputError) as err:
        decide_next(o, t2, PARTY, turnout=Turnout(entitled=60, present=45))
    assert (err.value.code, err.value.path) == ("TURNOUT_MISMATCH", "turnout.entitled")
    with pytest.raises(RuleInputError) as err2:
        decide_next(o, t2, PARTY, turnout=Turnout(entitled=50, excluded=2, present=45))
    assert (err2.value.code, err2.value.path) == ("TURNOUT_MISMATCH", "turnout.excluded")
    with pytest.raises(RuleInputError) as err3:
        decide(e, t, PARTY, turnout=Turnout(entitled=49, present=45))
    assert err3.value.code == "TURNOUT_MISMATCH"
    assert decide_next(o, t2, PARTY, turnout=Turnout(entitled=50, present=45)).post(M).elected == (
        "甲",
        "乙",
    )


@pytest.mark.parametrize(
    ("kwargs", "code", "path"),
    [
        # one seat, 19 valid ballots: 10 + 10 marks cannot come from 19 ballots of one mark each
        ({"for_votes": {"甲": 10, "乙": 10}}, "COUNTS_EXCEED_BALLOTS", "for_votes"),
        ({"for_votes": {"甲": 10}, "write_ins": {"戊": 10}}, "COUNTS_EXCEED_BALLOTS", "for_votes"),
        ({"for_votes": {"甲": 20}}, "COUNTS_EXCEED_BALLOTS", "for_votes['甲']"),
        ({"for_votes": {}, "write_ins": {"戊": 20}}, "COUNTS_EXCEED_BALLOTS", "write_ins['戊']"),
        ({"for_votes": {"甲": -1}}, "NEGATIVE_COUNT", "for_votes['甲']"),
        ({"for_votes": {"甲": True}}, "TYPE", "for_votes['甲']"),
        ({"for_votes": {}, "write_ins": {"甲": 1}}, "LISTED_AS_WRITEIN", "write_ins['甲']"),
        ({"for_votes": {}, "invalid": 20}, "INVALID_EXCEEDS_RETURNED", "invalid"),
    ],
)
def test_from_counts_refuses_totals_no_ballots_can_give(
    kwargs: dict[str, object], code: str, path: str
) -> None:
    paper = _paper(seats=1)
    args: dict[str, object] = {"issued": 19, "returned": 19} | kwargs
    with pytest.raises(RuleInputError) as err:
        Tally.from_counts(paper, **args)  # type: ignore[arg-type]
    assert (err.value.code, err.value.path) == (code, path)


def test_from_counts_accepts_the_most_marks_valid_ballots_can_hold() -> None:
    # Two seats, 19 valid ballots: 38 marks is the most (every ballot marks two people).
    t = Tally.from_counts(_paper(seats=2), issued=19, returned=19, for_votes={"甲": 19, "乙": 19})
    assert t.votes_for("甲") == 19
    with pytest.raises(RuleInputError):
        Tally.from_counts(
            _paper(seats=2), issued=19, returned=19, for_votes={"甲": 19, "乙": 19, "丙": 1}
        )


def test_reduce_seats_consent_is_checked_with_codes() -> None:
    e = _party(3, "甲乙丙丁")
    t = Tally.from_counts(
        paper_for(e, PARTY),
        issued=45,
        returned=45,
        for_votes={"甲": 40, "乙": 30, "丙": 20, "丁": 10},
    )
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45))
    for consent, code in ((None, "CONSENT_REQUIRED"), (True, "TYPE"), (46, "CONSENT_OUT_OF_RANGE")):
        with pytest.raises(RuleInputError) as err:
            reduce_seats(o, PARTY, consent=consent)
        assert (err.value.code, err.value.path) == (code, "consent")


def test_outcome_and_tally_lookups_of_a_missing_post_have_a_code() -> None:
    e = _party(1, "甲乙")
    t = Tally.from_counts(paper_for(e, PARTY), issued=45, returned=45, for_votes={"甲": 40})
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45))
    with pytest.raises(RuleInputError) as err:
        o.post(D)
    assert err.value.code == "UNKNOWN_OFFICE"
    with pytest.raises(RuleInputError) as err2:
        t.section(D)
    assert err2.value.code == "UNKNOWN_OFFICE"


def test_fast_path_refuses_non_integer_marks() -> None:
    np = pytest.importorskip("numpy")
    from huanjie_rules.votes.fast import tally_array

    paper = _paper(seats=1)
    cases = [
        (np.array([[1.7, 0, 0]]), None, "TYPE", "marks"),
        (np.array([[1, 0]], dtype=np.int8), None, "BAD_SHAPE", "marks"),
        (np.array([[3, 0, 0]], dtype=np.int8), None, "BAD_MARK", "marks"),
        (np.array([[1, 0, 0]], dtype=np.int8), np.array([0.5]), "TYPE", "unreadable"),
        (np.array([[1, 0, 0]], dtype=np.int8), np.array([True, False]), "BAD_SHAPE", "unreadable"),
    ]
    for marks, unreadable, code, path in cases:
        with pytest.raises(RuleInputError) as err:
            tally_array(paper, marks, PARTY, issued=1, unreadable=unreadable)
        assert (err.value.code, err.value.path) == (code, path)


def test_zhejiang_self_nomination_needs_no_margin_national_village_does() -> None:
    # 《浙江省村民委员会选举办法》第三条: 也可以实行无候选人的自荐直选. Two self-nominees for
    # two 委员 seats: valid in Zhejiang, void under the national profile (VC18 art 15).
    import attrs

    from huanjie_rules.model import NominationRoute

    for pid, valid in (("zhejiang-village-2020", True), ("village-2018", False)):
        base = make_election(
            pid, seats={D: 1, VM: 2}, candidates={D: ["甲", "乙"], VM: ["丙", "丁"]}, entitled=100
        )
        e = attrs.evolve(
            base,
            candidates=[
                attrs.evolve(c, nomination=NominationRoute.SELF) if c.office is VM else c
                for c in base.candidates
            ],
        )
        policy = load_policy(pid)
        t = Tally.from_counts(
            paper_for(e, policy),
            issued=80,
            returned=80,
            for_votes={(D, "甲"): 50, (D, "乙"): 30, (VM, "丙"): 60, (VM, "丁"): 55},
        )
        o = decide(e, t, policy, turnout=Turnout(entitled=100, present=80))
        codes = {f.code for f in o.trace}
        assert o.valid is valid
        if valid:
            assert "SELF_NOMINATION_NO_MARGIN" in codes
            assert o.post(VM).elected == ("丙", "丁")
        else:
            assert o.void_reasons == ("UNCONTESTED_NOT_ALLOWED",)
        # A list that mixes self-nominees with nominated candidates is not 自荐直选.
        mixed = attrs.evolve(
            e,
            candidates=[
                attrs.evolve(c, nomination=NominationRoute.VILLAGERS)
                if c.key == "丙" and c.office is VM
                else c
                for c in e.candidates
            ],
        )
        om = decide(mixed, t, policy, turnout=Turnout(entitled=100, present=80))
        assert om.void_reasons == ("UNCONTESTED_NOT_ALLOWED",)


def test_every_trace_step_cites_a_rule_and_an_article() -> None:
    e = _party(3, "甲乙丙丁")
    t = Tally.from_counts(
        paper_for(e, PARTY),
        issued=45,
        returned=45,
        for_votes={"甲": 40, "乙": 30, "丙": 20, "丁": 10},
    )
    o = decide(e, t, PARTY, turnout=Turnout(entitled=50, present=45))
    r = reduce_seats(o, PARTY, consent=23)
    for outcome in (o, r):
        assert outcome.trace
        for f in outcome.trace:
            assert f.rule_id, f.code
            assert f.citation.instrument, f.code
            assert f.citation.article or f.citation.seed or f.citation.url, f.code
