"""The 地方组织法 in force on each day: the 2015 text to 2022-03-10, the 2022 text from 2022-03-11.

npc-2015 lies wholly under the 2015 text and cites its article numbers; npc-2020 spans both. The
rules it takes from the law read the same in both texts, and their citations give both numbers;
the one rule that changed, the attendance quorum of a session (2022 第十四条, absent from the
2015 text), applies from 2022-03-11 only. The quotes are checked against the excerpts of both
texts the repository keeps (``reference/vendored``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules import (
    Candidate,
    ElectionForm,
    Gender,
    Office,
    OutcomeStatus,
    Person,
    RoundCount,
    build_election,
    decide,
    load_policy,
)
from huanjie_rules.policy.provenance import check_policy, find_quote, load_reference

LGO_PARAMS = (
    "quotas.margin_presidium_chair",
    "quotas.margin_government_head",
    "quotas.margin_presidium_vice_chair",
    "quotas.margin_government_deputy_head",
    "quotas.margin_npc_standing_member",
    "votes.uncontested_offices",
)


def test_npc_2015_cites_the_2015_text_by_its_own_numbers() -> None:
    policy = load_policy("npc-2015", strict=False)
    checks = {c.unit: c for c in check_policy(policy)}
    for name in ("votes.uncontested_offices", "votes.quorum_ratio_indirect_deputies"):
        c = policy.citation(name)
        assert c.instrument == "LGO15" and "2022" not in (c.article or ""), name
        assert checks[name].status == "VERIFIED", name
    assert policy.citation("votes.uncontested_offices").article == "第二十二条"
    assert policy.citation("votes.quorum_ratio_indirect_deputies").article == "第二十条"


@pytest.mark.parametrize("name", LGO_PARAMS)
def test_npc_2020_quotes_read_the_same_in_both_texts(name: str) -> None:
    ref = load_reference()
    policy = load_policy("npc-2020")
    c = policy.citation(name)
    assert c.instrument == "LGO" and c.reliability == "FULLTEXT"
    assert c.article == "第二十七条（2015年文本第二十二条）"
    assert c.quote is not None
    assert find_quote(c.quote, ref.articles[("LGO22", "第二十七条")])
    if name in ("quotas.margin_presidium_chair", "quotas.margin_government_head"):
        # 「可以多一人」 (2022) was 「一般应多一人」 (2015); the rest of the sentence is the same
        assert find_quote(
            c.quote.replace("可以多一人", "一般应多一人"), ref.articles[("LGO15", "第二十二条")]
        )
    else:
        assert find_quote(c.quote, ref.articles[("LGO15", "第二十二条")])


def _congress_vote(pid: str, day: dt.date, present: int) -> tuple[OutcomeStatus, tuple[str, ...]]:
    policy = load_policy(pid)
    people = [
        Candidate(
            person=Person(name=n, gender=Gender.MALE, birth_date=dt.date(1970, 1, 1)),
            office=Office.GOVERNMENT_HEAD,
        )
        for n in ("甲", "乙")
    ]
    e = build_election(
        policy,
        date=day,
        seats={Office.GOVERNMENT_HEAD: 1},
        candidates=people,
        entitled_voters=60,
        form=ElectionForm.INDIRECT_DEPUTIES,
    )
    o = decide(e, RoundCount(present=present, for_votes={"甲": present - 1, "乙": 1}), policy)
    return o.status, tuple(f.code for f in o.trace if f.code.startswith("QUORUM"))


@pytest.mark.parametrize(
    ("day", "present", "status", "codes"),
    [
        # the day before the 2022 text: no attendance quorum (the 2015 text set none)
        (dt.date(2022, 3, 10), 39, OutcomeStatus.COMPLETE, ("QUORUM_NOT_IN_FORCE",)),
        (dt.date(2022, 3, 10), 40, OutcomeStatus.COMPLETE, ("QUORUM_NOT_IN_FORCE",)),
        # the day of and after: 三分之二以上 of 60 deputies = 40 (N-1, N, N+1)
        (dt.date(2022, 3, 11), 39, OutcomeStatus.VOID, ("QUORUM_NOT_MET",)),
        (dt.date(2022, 3, 11), 40, OutcomeStatus.COMPLETE, ("QUORUM_MET",)),
        (dt.date(2022, 3, 11), 41, OutcomeStatus.COMPLETE, ("QUORUM_MET",)),
        (dt.date(2022, 3, 12), 39, OutcomeStatus.VOID, ("QUORUM_NOT_MET",)),
    ],
)
def test_the_session_quorum_applies_from_2022_03_11(
    day: dt.date, present: int, status: OutcomeStatus, codes: tuple[str, ...]
) -> None:
    assert _congress_vote("npc-2020", day, present) == (status, codes)


@pytest.mark.parametrize("pid", ["zhejiang-npc-2021", "beijing-npc-2021"])
def test_the_local_profiles_inherit_the_split(pid: str) -> None:
    assert _congress_vote(pid, dt.date(2021, 12, 1), 30)[1] == ("QUORUM_NOT_IN_FORCE",)
    assert _congress_vote(pid, dt.date(2022, 6, 1), 30) == (
        OutcomeStatus.VOID,
        ("QUORUM_NOT_MET",),
    )


def test_npc_2015_has_no_session_quorum() -> None:
    # 2015 第二十条: elections pass with more than half of all deputies; no attendance quorum
    # 32 of 60 present (fewer than two thirds): the vote stands; 31 votes are 过半数 of all 60
    status, codes = _congress_vote("npc-2015", dt.date(2018, 1, 10), 32)
    assert (status, codes) == (OutcomeStatus.COMPLETE, ("QUORUM_MET",))
    status, _ = _congress_vote("npc-2015", dt.date(2018, 1, 10), 31)
    assert status is OutcomeStatus.SHORTFALL  # 30 votes of 60 deputies: not 过半数 of all
