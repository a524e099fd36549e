"""One value for a round's counts; a 另行选举 and a tie re-vote decided from their own inputs."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from huanjie_rules import (
    Election,
    ElectionForm,
    Gender,
    InvalidDataError,
    NextStep,
    Office,
    Person,
    PersonVotes,
    RoundCount,
    RoundKind,
    RuleInputError,
    Tally,
    TallyMismatchError,
    Turnout,
    VoidReason,
    build_election,
    decide,
    decide_next,
    decide_second_election,
    decide_tie_revote,
    load_policy,
    next_paper,
    paper_for,
)

NPC = load_policy("npc-2020")
PARTY = load_policy("party-basic-2020")
VILLAGE = load_policy("village-2018")
DAY = dt.date(2021, 11, 5)
M, D = Office.MEMBER, Office.VILLAGE_DIRECTOR


def people(*names: str) -> list[Person]:
    return [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1)) for n in names]


def npc_election(entitled: int = 1000, seats: int = 1, names: str = "甲乙") -> Election:
    return build_election(
        NPC,
        date=DAY,
        seats={Office.NPC_DEPUTY: seats},
        candidates=people(*names),
        entitled_voters=entitled,
    )


# -- RoundCount ---------------------------------------------------------------------------------


def test_round_count_defaults_one_ballot_per_voter_and_keeps_present_apart_from_voted() -> None:
    direct = RoundCount(voted=800, for_votes={"甲": 400})
    assert (direct.ballots_returned, direct.ballots_issued, direct.valid) == (800, 800, 800)
    assert direct.turnout(1000) == Turnout(entitled=1000, present=800)
    meeting = RoundCount(present=45, voted=44, issued=45, returned=44, invalid=1)
    assert meeting.turnout(50) == Turnout(entitled=50, present=45, voted=44)
    assert meeting.valid == 43
    assert RoundCount(present=45).voters == 45
    assert RoundCount(present=45, entitled=60).turnout(50).entitled == 60


def test_round_count_keeps_votes_as_records_from_mappings() -> None:
    c = RoundCount(voted=10, for_votes={"甲": 3, (M, "乙"): 2})
    assert c.for_votes == (
        PersonVotes(person="甲", votes=3),
        PersonVotes(person="乙", votes=2, office=M),
    )
    assert [e.key for e in c.for_votes] == ["甲", (M, "乙")]


@pytest.mark.parametrize(
    ("kwargs", "code", "path"),
    [
        ({}, "MISSING", "voted"),
        ({"voted": -1}, "RANGE", "voted"),
        ({"present": 10, "voted": 11}, "RANGE", "voted"),
        ({"voted": 10, "invalid": -1}, "RANGE", "invalid"),
        ({"voted": 10, "for_votes": {"甲": 1.5}}, "TYPE", "for_votes[0].votes"),
        ({"voted": 10, "for_votes": {3: 1}}, "TYPE", "for_votes[0]"),
        (
            {"voted": 10, "for_votes": [PersonVotes(person="甲", votes=1)] * 2},
            "DUPLICATE",
            "for_votes[1]",
        ),
    ],
)
def test_round_count_refuses_impossible_numbers(
    kwargs: dict[str, object], code: str, path: str
) -> None:
    with pytest.raises(InvalidDataError) as info:
        RoundCount(**kwargs)  # type: ignore[arg-type]
    assert (code, path) in [(p.code, p.path) for p in info.value.problems]


def test_decide_from_counts_equals_decide_from_tally_and_turnout() -> None:
    e = npc_election()
    counts = RoundCount(voted=800, issued=810, for_votes={"甲": 401, "乙": 390})
    tally = Tally.from_counts(
        paper_for(e, NPC), issued=810, returned=800, for_votes={"甲": 401, "乙": 390}
    )
    a = decide(e, counts, NPC)
    b = decide(e, tally, NPC, turnout=Turnout(entitled=1000, present=800))
    assert a == b
    assert a.post(Office.NPC_DEPUTY).elected == ("甲",)


def test_majority_boundary_from_counts() -> None:
    # 选举法 第四十四条/第四十五条: more than half of those who voted; 800 → 401 needed.
    e = npc_election()
    for votes, elected in ((399, ()), (400, ()), (401, ("甲",))):
        o = decide(e, RoundCount(voted=800, for_votes={"甲": votes, "乙": 800 - votes - 1}), NPC)
        assert o.post(Office.NPC_DEPUTY).elected == elected, votes


def test_counts_and_a_turnout_together_are_refused() -> None:
    e = npc_election()
    with pytest.raises(RuleInputError) as info:
        decide(e, RoundCount(voted=800), NPC, turnout=Turnout(entitled=1000, present=800))
    assert (info.value.code, info.value.path) == ("TYPE", "turnout")
    with pytest.raises(RuleInputError) as tally_alone:
        decide(e, Tally.empty(paper_for(e, NPC)), NPC)
    assert tally_alone.value.path == "turnout"
    with pytest.raises(RuleInputError) as neither:
        decide(e, {"voted": 800}, NPC)  # type: ignore[arg-type]
    assert neither.value.path == "counts"


def test_entitled_comes_from_the_election_or_the_counts_never_both_differently() -> None:
    known = npc_election(entitled=1000)
    with pytest.raises(RuleInputError) as info:
        decide(known, RoundCount(entitled=999, voted=800), NPC)
    assert info.value.code == "TURNOUT_MISMATCH"
    unknown = npc_election(entitled=0)
    with pytest.raises(RuleInputError) as missing:
        decide(unknown, RoundCount(voted=800, for_votes={"甲": 500}), NPC)
    assert (missing.value.code, missing.value.path) == ("MISSING", "counts.entitled")
    o = decide(unknown, RoundCount(entitled=1000, voted=800, for_votes={"甲": 500}), NPC)
    assert o.turnout.entitled == 1000 and o.post(Office.NPC_DEPUTY).elected == ("甲",)


def test_decide_next_from_counts_takes_the_electorate_of_the_previous_round() -> None:
    e = build_election(
        PARTY,
        date=dt.date(2021, 3, 1),
        seats={M: 2},
        candidates=people("甲", "乙", "丙"),
        entitled_voters=20,
    )
    o = decide(e, RoundCount(present=19, for_votes={"甲": 15, "乙": 10, "丙": 10}), PARTY)
    assert o.options == (NextStep.TIE_REVOTE,)  # 乙 and 丙 both have a majority: a tie
    o2 = decide_next(o, RoundCount(present=18, for_votes={"乙": 10, "丙": 8}), PARTY)
    assert o2.post(M).elected == ("甲", "乙") and o2.turnout.entitled == 20
    with pytest.raises(TallyMismatchError):
        decide_next(
            o,
            Tally.empty(next_paper(o, PARTY)),
            PARTY,
            turnout=o.turnout,
            kind=RoundKind.SECOND_ELECTION,
        )


# -- typed reasons and clear names ----------------------------------------------------------------


def test_void_reasons_are_typed_and_still_equal_their_codes() -> None:
    e = build_election(
        PARTY,
        date=dt.date(2021, 3, 1),
        seats={M: 1},
        candidates=people("甲", "乙"),
        entitled_voters=50,
    )
    o = decide(e, RoundCount(present=40, for_votes={"甲": 30}), PARTY)
    assert o.void_reasons == (VoidReason.QUORUM_NOT_MET,)
    assert o.void_reasons == ("QUORUM_NOT_MET",)
    assert VoidReason.QUORUM_NOT_MET.label == "到会或投票人数未达到规定比例"
    # 41 of 50 is more than 4/5: the vote stands.
    assert decide(e, RoundCount(present=41, for_votes={"甲": 30}), PARTY).valid


def test_outcome_winners_and_the_deprecated_elected() -> None:
    o = decide(npc_election(), RoundCount(voted=800, for_votes={"甲": 500}), NPC)
    assert o.winners == ((Office.NPC_DEPUTY, "甲"),)
    with pytest.warns(DeprecationWarning, match="Outcome.winners"):
        assert o.elected == o.winners


def test_a_form_specific_parameter_says_so() -> None:
    local = load_policy("party-local-2020")
    e = build_election(
        local,
        date=dt.date(2021, 6, 1),
        seats={Office.STANDING_MEMBER: 1},
        candidates=people("甲", "乙"),
        entitled_voters=30,
        form=ElectionForm.COMMITTEE_PLENARY,
    )
    o = decide(e, RoundCount(present=25, for_votes={"甲": 20}), local)
    (note,) = [f for f in o.trace if f.code == "FORM_SPECIFIC_RULE"]
    assert note.parameter == "votes.quorum_ratio_committee_plenary"
    assert note.observed == "2/3" and note.limit == "1/2"
    assert "votes.quorum_ratio" in note.message_en
    congress = build_election(
        local,
        date=dt.date(2021, 6, 1),
        seats={Office.STANDING_MEMBER: 1},
        candidates=people("甲", "乙"),
        entitled_voters=30,
    )
    plain = decide(congress, RoundCount(present=25, for_votes={"甲": 20}), local)
    assert not [f for f in plain.trace if f.code == "FORM_SPECIFIC_RULE"]


# -- rounds on their own ------------------------------------------------------------------------


def test_a_second_election_on_its_own_equals_one_that_follows_a_first_round() -> None:
    e = npc_election(seats=2, names="甲乙丙丁")
    o1 = decide(
        e, RoundCount(voted=800, for_votes={"甲": 500, "乙": 390, "丙": 300, "丁": 10}), NPC
    )
    post = o1.post(Office.NPC_DEPUTY)
    assert post.elected == ("甲",) and post.second_election_candidates == ("乙", "丙")
    counts = RoundCount(voted=700, for_votes={"乙": 300, "丙": 250})
    followed = decide_next(o1, counts, NPC)
    alone = decide_second_election(e, counts, NPC, candidates=["乙", "丙"], elected=["甲"])
    assert alone.post(Office.NPC_DEPUTY).elected == followed.post(Office.NPC_DEPUTY).elected
    assert alone.post(Office.NPC_DEPUTY).standings == followed.post(Office.NPC_DEPUTY).standings
    assert alone.thresholds == followed.thresholds
    assert alone.round is RoundKind.SECOND_ELECTION and alone.round_number == 2
    assert len(alone.tallies) == 1 and alone.basis_index == 0


def test_second_election_floor_boundary_on_its_own() -> None:
    # 选举法 第四十五条: at least a third of the ballots cast (inclusive): 699 cast → 233.
    e = npc_election()
    for votes, elected in ((232, ()), (233, ("甲",))):
        counts = RoundCount(voted=699, for_votes={"甲": votes, "乙": 100})
        o = decide_second_election(e, counts, NPC, candidates=["甲", "乙"])
        assert o.post(Office.NPC_DEPUTY).elected == elected, votes


def test_a_tie_revote_on_its_own() -> None:
    e = build_election(
        PARTY,
        date=dt.date(2021, 3, 1),
        seats={M: 3},
        entitled_voters=50,
    )
    o = decide_tie_revote(
        e,
        RoundCount(present=46, for_votes={"乙": 20, "丙": 20}),
        PARTY,
        tied=["乙", "丙"],
        elected=["甲", "丁"],
    )
    assert o.status.value == "NEEDS_REVOTE" and o.post(M).revote == ("乙", "丙")
    again = decide_next(o, RoundCount(present=46, for_votes={"乙": 21, "丙": 20}), PARTY)
    assert again.post(M).elected == ("甲", "丁", "乙") and again.round_number == 3


def test_rounds_on_their_own_refuse_what_does_not_fit() -> None:
    e = npc_election(seats=1)
    counts = RoundCount(voted=700, for_votes={"甲": 300})
    with pytest.raises(RuleInputError) as too_many:
        decide_second_election(e, counts, NPC, candidates=["甲", "乙"], elected=["丙"])
    assert too_many.value.code == "RANGE"
    with pytest.raises(RuleInputError) as other_post:
        decide_second_election(e, counts, NPC, candidates={Office.MEMBER: ["甲"]})
    assert other_post.value.code == "UNKNOWN_OFFICE"
    with pytest.raises(RuleInputError) as text:
        decide_second_election(e, counts, NPC, candidates="甲乙")
    assert text.value.code == "TYPE"
    with pytest.raises(InvalidDataError):  # as many tied as seats: no re-vote needed
        decide_tie_revote(e, counts, NPC, tied=["甲"])
    with pytest.raises(RuleInputError) as after:
        decide_tie_revote(e, counts, NPC, tied=["甲", "乙"], after=RoundKind.TIE_REVOTE)
    assert after.value.code == "CHOICE"
    village = build_election(
        VILLAGE,
        date=dt.date(2021, 5, 10),
        seats={D: 1, Office.VILLAGE_MEMBER: 2},
        entitled_voters=900,
    )
    with pytest.raises(RuleInputError) as which:
        decide_second_election(village, counts, VILLAGE, candidates=["甲", "乙"])
    assert which.value.code == "OFFICE_REQUIRED"
    paper_tally = Tally.empty(paper_for(npc_election(), NPC))
    with pytest.raises(TallyMismatchError):
        decide_second_election(
            e, paper_tally, NPC, candidates=["甲", "乙"], turnout=Turnout(entitled=1000, present=0)
        )


def test_no_warning_from_the_current_names() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = decide(npc_election(), RoundCount(voted=800, for_votes={"甲": 500}), NPC)
        assert o.winners and o.post(Office.NPC_DEPUTY).elected == ("甲",)
