"""Values produced by the rules around the vote, for the JSON round trip of every public type.

``produced_statute_values()`` runs the registration, district, nomination, proxy, polling,
women's-seat, results, recall and by-election functions on small real inputs; the round-trip
test walks everything they return.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

#: The modules whose public attrs types must round-trip.
STATUTE_MODULES = (
    "huanjie_rules.byelections",
    "huanjie_rules.districts",
    "huanjie_rules.nomination",
    "huanjie_rules.polling",
    "huanjie_rules.proxies",
    "huanjie_rules.recall",
    "huanjie_rules.registration",
    "huanjie_rules.results",
    "huanjie_rules.women",
)


def produced_statute_values() -> list[Any]:
    from huanjie_rules import load_policy
    from huanjie_rules.model import (
        BodyKind,
        Election,
        ElectionForm,
        Gender,
        Level,
        Office,
        Person,
        Regime,
        Seat,
    )
    from huanjie_rules.registration import Custody, Registrant, revise_roll

    values: list[Any] = []
    county = Election(
        key="d1",
        regime=Regime.NPC,
        policy_id="npc-2020",
        body=BodyKind.PEOPLES_CONGRESS,
        level=Level.COUNTY,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 20),
        seats=[Seat(office=Office.NPC_DEPUTY, count=2)],
        entitled_voters=4000,
    )
    people = [
        Registrant(
            person=Person(name="甲", gender=Gender.MALE, birth_date=dt.date(1970, 1, 1)),
            on_previous_roll=True,
            custody=Custody.DETAINED,
        ),
        Registrant(
            person=Person(name="乙", gender=Gender.FEMALE, birth_date=dt.date(2001, 1, 1)),
            resident_since=dt.date(2010, 1, 1),
        ),
    ]
    values += people
    values.append(revise_roll(people, county, load_policy("npc-2020")))

    from huanjie_rules.districts import (
        District,
        MinorityGroup,
        check_districts,
        check_minority_seats,
    )

    npc = load_policy("npc-2020")
    values += [
        District(key="三", population=5, seats=1, name="三村"),
        MinorityGroup(name="满族", population=10, seats=1, concentrated=False),
    ]
    values.append(
        check_districts(
            [
                District(key="一", population=1210, seats=1),
                District(key="二", population=0, seats=0),
            ],
            npc,
        )
    )
    values.append(
        check_minority_seats(
            [MinorityGroup(name="苗族", population=10000, seats=21)],
            population=100000,
            seats=100,
            policy=npc,
        )
    )

    from huanjie_rules.model import NominationRoute
    from huanjie_rules.nomination import Nomination, check_nominations

    noms = [
        Nomination(
            key="n1",
            candidate="甲",
            office=Office.NPC_DEPUTY,
            route=NominationRoute.JOINT_VOTERS,
            sponsors=[f"v{i}" for i in range(9)],
        ),
        Nomination(
            key="p1",
            candidate="乙",
            office=Office.NPC_DEPUTY,
            route=NominationRoute.PARTY_OR_ORGANIZATION,
            organisation="某党委",
        ),
    ]
    values += noms
    values.append(check_nominations(noms, npc, seats=2))

    from huanjie_rules.proxies import ProxyForm, ProxyReason, ProxyRequest, check_proxies

    reqs = [
        ProxyRequest(
            voter=f"v{i}",
            holder="张三",
            reason=ProxyReason.AWAY,
            form=ProxyForm.WRITTEN,
            requested_on=dt.date(2021, 11, 1 + i),
            approved=True,
        )
        for i in range(4)
    ]
    values += reqs
    values.append(check_proxies(reqs, npc, election_day=dt.date(2021, 11, 20)))

    from huanjie_rules.polling import (
        BallotBox,
        CommitteeMember,
        MobileBoxGround,
        MobileVoter,
        check_ballot_boxes,
        check_election_committee,
    )

    zjv = load_policy("zhejiang-village-2020")
    boxes = [
        BallotBox(
            key="m",
            mobile=True,
            scrutineers=2,
            staff=3,
            voters=[MobileVoter(key="甲", ground=MobileBoxGround.CUSTODY)],
        )
    ]
    members = [
        CommitteeMember(key=f"m{i}", name=f"委员{i}", consecutive_absences=i) for i in range(4)
    ]
    values += [*boxes, *members]
    values.append(check_ballot_boxes(boxes, zjv))
    values.append(check_election_committee(members, zjv))

    from huanjie_rules.model import Relation
    from huanjie_rules.results import (
        AvoidanceRound,
        ElectedMember,
        ImproperMeans,
        Kinship,
        check_improper_means,
        presiding_member,
        resolve_avoidance,
        shortfall_action,
    )
    from huanjie_rules.women import check_representative_assembly, check_womens_post

    vc = load_policy("village-2018")
    values.append(check_womens_post([Seat(office=Office.VILLAGE_MEMBER, count=3)], zjv))
    values.append(
        check_representative_assembly(
            members=30, representatives=23, women_representatives=9, policy=vc
        )
    )
    elected = [
        ElectedMember(key="甲", office=Office.VILLAGE_MEMBER, votes=600),
        ElectedMember(key="乙", office=Office.VILLAGE_MEMBER, votes=500),
    ]
    kin = [Kinship(a="甲", b="乙", relation=Relation.SPOUSE)]
    values += [*elected, *kin]
    values.append(
        resolve_avoidance(
            elected,
            kin,
            zjv,
            round=AvoidanceRound.SECOND_ELECTION,
            candidates=[ElectedMember(key="丙", office=Office.VILLAGE_MEMBER, votes=400)],
            ballots_cast=900,
        )
    )
    values.append(presiding_member(elected, zjv))
    sh = load_policy("shanghai-village-2020")
    values.append(shortfall_action(1, 5, sh, vote_day=dt.date(2021, 3, 1)))
    values.append(check_improper_means([ImproperMeans.BRIBERY], vc))

    from huanjie_rules.byelections import (
        ByElection,
        ByElectionBody,
        by_election_required,
        check_by_election,
    )
    from huanjie_rules.recall import (
        RecallPetition,
        RecallVote,
        Resignation,
        check_recall_petition,
        check_resignation,
        decide_recall,
    )

    petition = RecallPetition(
        level=Level.TOWNSHIP,
        signatories=29,
        electorate=3000,
        submitted_on=dt.date(2022, 5, 1),
        previous_failed_on=dt.date(2021, 5, 1),
    )
    vote = RecallVote(
        electorate=1000,
        voted=600,
        approve=400,
        requested_on=dt.date(2021, 5, 1),
        held_on=dt.date(2021, 5, 20),
    )
    resignation = Resignation(
        level=Level.COUNTY,
        body_members=35,
        approve=18,
        received_on=dt.date(2021, 5, 1),
        decided_on=dt.date(2021, 5, 2),
        announced_on=dt.date(2021, 5, 3),
    )
    by = ByElection(
        seats=1,
        candidates=1,
        election_day=dt.date(2023, 6, 20),
        roll_published_on=dt.date(2023, 6, 9),
        candidate_list_on=dt.date(2023, 6, 10),
        formal_list_on=dt.date(2023, 6, 14),
        body=ByElectionBody.VILLAGERS_MEETING,
        members=1000,
        voted=400,
    )
    values += [petition, vote, resignation, by]
    values.append(check_recall_petition(petition, npc))
    values.append(decide_recall(vote, vc))
    values.append(check_resignation(resignation, npc))
    values.append(check_by_election(by, load_policy("zhejiang-npc-2021")))
    values.append(by_election_required(2, sh, vacancy_on=dt.date(2022, 11, 30)))
    return values
