"""The three profiles from the shipped provincial texts, and the rules zhejiang-village-2020 gains.

Each new profile extends its national profile and sets only what its text changes or adds; the
table below lists every parameter a profile sets, with the article it cites. A parameter that
keeps its parent's value is allowed only where the text states what the national profile reads
into a silent law (listed in SAME_VALUE with the reason).
"""

from __future__ import annotations

import pytest

from huanjie_rules import Office, check_margin, load_policy
from huanjie_rules.policy.provenance import check_policy

OVERRIDES: dict[str, dict[str, str]] = {
    "shanghai-village-2020": {
        "byelections.required_within_months": "第二十九条",
        "byelections.skip_min_members": "第二十九条",
        "eligibility.staff_barred_relations": "第十四条",
        "eligibility.staff_roles_barred_for_candidates": "第十四条",
        "eligibility.staff_roles_barred_for_relatives": "第十四条",
        "polling.election_committee_size": "第七条",
        "procedure.formal_list_days_before": "第十二条",
        "quotas.margin_village_deputy_director": "第十二条",
        "quotas.margin_village_director": "第十二条",
        "quotas.margin_village_member": "第十二条",
        "procedure.proxy_list_days_before": "第十六条",
        "procedure.proxy_request_days_before": "第十六条",
        "procedure.steps_village_committee": "第七条、第十条、第十二条、第十八条、第二十四条",
        "proxies.consent_required": "第十六条",
        "proxies.grounds": "第十六条",
        "proxies.max_per_holder": "第十六条",
        "proxies.on_site_forbidden": "第十六条",
        "proxies.subdelegation_forbidden": "第十六条",
        "recall.vote_within_days": "第二十七条",
        "registration.village_grounds": "第九条",
        "results.avoidance_relations": "第二条",
        "results.avoidance_resolution": "第二条",
        "results.presiding_rule": "第二十一条",
        "results.shortfall_assembly_min": "第二十一条",
        "results.shortfall_second_election_days": "第二十一条",
        "votes.tie_revote_requires_majority": "第二十条",
    },
    "zhejiang-npc-2021": {
        "eligibility.staff_roles_barred_for_candidates": "第四十条",
        "eligibility.staff_roles_barred_for_relatives": "第四十条",
        "polling.mobile_box_min_scrutineers": "第四十条",
        "polling.mobile_box_min_staff": "第四十条",
        "nomination.written_signed_required": "第三十四条",
        "procedure.by_election_formal_list_days_before": "第五十九条",
        "procedure.by_election_roll_days_before": "第五十九条",
        "procedure.late_registration_days_before": "第二十九条",
        "procedure.steps_by_election": "第五十九条",
        "proxies.ground_rules": "第四十三条",
        "proxies.grounds": "第四十三条",
        "registration.custody_methods": "第四十四条",
        "registration.detention_suspension": "第三十二条",
        "registration.late_registration_grounds": "第二十九条",
        "votes.second_election_repeatable": "第四十九条",
    },
    "beijing-npc-2021": {
        "eligibility.staff_roles_barred_for_candidates": "第十一条、第四十九条",
        "nomination.preselection_turnout": "第四十一条",
        "polling.box_min_scrutineers": "第四十九条",
        "polling.mobile_box_min_scrutineers": "第四十九条",
        "procedure.by_election_candidate_list_days_before": "第六十三条",
        "procedure.by_election_formal_list_days_before": "第六十三条",
        "procedure.by_election_roll_days_before": "第六十一条",
        "procedure.late_registration_days_before": "第三十条",
        "procedure.steps_by_election": "第六十一条至第六十四条",
        "proxies.same_district_required": "第五十一条",
        "quotas.minority_uplift_divisions": "第十九条",
        "registration.incapacity_grounds": "第三十三条",
        "registration.late_registration_grounds": "第三十条",
    },
}

#: Parameters a new profile sets to its parent's value, and why.
SAME_VALUE: dict[tuple[str, str], str] = {
    ("beijing-npc-2021", "eligibility.staff_roles_barred_for_candidates"): (
        "北京细则第十一条、第四十九条 say in words what npc-2020 reads from 选举法第十条、第四十三条"
    ),
    ("shanghai-village-2020", "votes.tie_revote_requires_majority"): (
        "上海办法第二十条 says what village-2018 reads in other provinces' rules (SECONDARY)"
    ),
    ("zhejiang-npc-2021", "votes.second_election_repeatable"): (
        "浙江细则第四十九条 says 「不再选举」; the Election Law is silent and npc-2020 reads it so"
    ),
}

#: The rules zhejiang-village-2020 gains from 《浙江省村民委员会选举办法》, with their articles.
ZHEJIANG_VILLAGE_GAINS: dict[str, str] = {
    "registration.village_grounds": "第十三条",
    "registration.single_registration": "第十三条",
    "nomination.voter_cap_is_seats": "第十七条",
    "nomination.proxy_nomination_forbidden": "第十七条",
    "nomination.same_person_two_posts_void": "第十七条",
    "nomination.nomination_vote_turnout": "第十八条",
    "nomination.preselection_turnout": "第十八条",
    "women.separate_post": "第二十一条",
    "women.post_continues_in_second_election": "第二十九条",
    "procedure.speech_request_days_before": "第二十三条",
    "procedure.proxy_list_days_before": "第二十五条",
    "polling.election_committee_size": "第八条",
    "polling.committee_absences_withdrawn": "第九条",
    "polling.mobile_box_grounds": "第二十四条",
    "polling.mobile_box_approval_required": "第二十四条",
    "polling.mobile_box_lists_published": "第二十四条",
    "polling.mobile_box_min_scrutineers": "第二十四条",
    "proxies.consent_required": "第二十五条",
    "proxies.holder_not_candidate": "第二十五条",
    "proxies.max_per_holder": "第二十五条",
    "proxies.subdelegation_forbidden": "第二十五条",
    "proxies.publication": "第二十五条",
    "results.presiding_rule": "第三十条",
    "results.avoidance_relations": "第三十一条",
    "results.avoidance_resolution": "第三十一条",
    "results.avoidance_post_levels": "第三十一条",
    "results.avoidance_fill_first_round": "第三十一条",
    "results.avoidance_fill_second_election": "第三十一条",
    "results.void_again_in_second_election": "第四十一条",
    "recall.petition_written": "第三十四条",
    "recall.vote_within_days": "第三十五条",
    "recall.repeat_bar_years": "第三十六条",
    "recall.resignation_decision_days": "第三十七条",
    "recall.resignation_notice_days": "第三十七条",
    "byelections.quorum_villagers_meeting": "第三十八条",
    "byelections.quorum_representatives_meeting": "第三十八条",
    "quotas.margin_village_woman_member": "第十五条",
}

PARENTS = {
    "shanghai-village-2020": "village-2018",
    "zhejiang-npc-2021": "npc-2020",
    "beijing-npc-2021": "npc-2020",
}


@pytest.mark.parametrize("pid", sorted(OVERRIDES))
def test_new_profile_sets_exactly_what_its_text_changes(pid: str) -> None:
    policy = load_policy(pid)
    assert policy.local and policy.lineage[1] == PARENTS[pid]
    own = {p.name: p.citation.article for p in policy.own_parameters()}
    assert own == OVERRIDES[pid]
    parent = load_policy(PARENTS[pid])
    for p in policy.own_parameters():
        if p.name in parent and parent.param(p.name).value == p.value:
            assert (pid, p.name) in SAME_VALUE, f"{pid} restates {p.name} without a change"


@pytest.mark.parametrize("pid", sorted(OVERRIDES))
def test_every_new_parameter_quotes_its_text_verbatim(pid: str) -> None:
    checks = {c.unit: c for c in check_policy(load_policy(pid))}
    for p in load_policy(pid).own_parameters():
        assert p.citation.quote, p.name
        assert p.citation.reliability == "FULLTEXT", p.name
        assert checks[p.name].status == "VERIFIED", (p.name, checks[p.name].problem)


def test_zhejiang_village_gains_the_rules_around_the_vote() -> None:
    policy = load_policy("zhejiang-village-2020")
    own = {p.name: p for p in policy.own_parameters()}
    checks = {c.unit: c for c in check_policy(policy)}
    for name, article in ZHEJIANG_VILLAGE_GAINS.items():
        assert name in own, name
        assert own[name].citation.article == article, name
        assert checks[name].status == "VERIFIED", (name, checks[name].problem)


def test_the_new_profiles_apply_from_their_texts_dates() -> None:
    import datetime as dt

    for pid, day in (
        ("shanghai-village-2020", dt.date(2020, 9, 25)),
        ("zhejiang-npc-2021", dt.date(2021, 3, 26)),
        ("beijing-npc-2021", dt.date(2021, 5, 27)),
    ):
        policy = load_policy(pid)
        assert policy.valid_from == day and policy.in_force(day)
        assert not policy.in_force(day - dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("office", "seats", "candidates", "ok"),
    [
        # 第十二条: 主任、副主任 exactly one more than the seats (分别比应选名额多一人)
        (Office.VILLAGE_DIRECTOR, 1, 1, False),
        (Office.VILLAGE_DIRECTOR, 1, 2, True),
        (Office.VILLAGE_DIRECTOR, 1, 3, False),
        (Office.VILLAGE_DEPUTY_DIRECTOR, 2, 2, False),
        (Office.VILLAGE_DEPUTY_DIRECTOR, 2, 3, True),
        (Office.VILLAGE_DEPUTY_DIRECTOR, 2, 4, False),
        # 委员: one to three more (多一至三人)
        (Office.VILLAGE_MEMBER, 2, 2, False),
        (Office.VILLAGE_MEMBER, 2, 3, True),
        (Office.VILLAGE_MEMBER, 2, 4, True),
        (Office.VILLAGE_MEMBER, 2, 5, True),
        (Office.VILLAGE_MEMBER, 2, 6, False),
    ],
)
def test_shanghai_margins_of_article_12(
    office: Office, seats: int, candidates: int, ok: bool
) -> None:
    sh = load_policy("shanghai-village-2020")
    check = check_margin(sh, office, seats, candidates)
    assert check.ok is ok
    code = "MARGIN_BELOW_MIN" if candidates < seats + 1 else "MARGIN_ABOVE_MAX"
    assert (code in check.codes()) is not ok
    assert check.bounds.limits[0].parameter.startswith("quotas.margin_village_")
    assert sh.citation(check.bounds.limits[0].parameter).article == "第十二条"


def test_shanghai_election_margins_and_the_vote_agree() -> None:
    # Three candidates for one 主任 and seven for two 委员 passed when the profile inherited the
    # national 「多于」 (min_extra = 1, no cap); 第十二条 caps both. No post is uncontested in the
    # vote rules either, which the margin rules confirm (at least one more candidate everywhere).
    import datetime as dt

    from huanjie_rules import build_election, check_election_margins
    from huanjie_rules.model import Candidate, Gender, Person

    sh = load_policy("shanghai-village-2020")

    def cands(office: Office, n: int, tag: str) -> list[Candidate]:
        return [
            Candidate(
                person=Person(name=f"{tag}{i}", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1)),
                office=office,
            )
            for i in range(n)
        ]

    def margins(director: int, members: int) -> list[bool]:
        e = build_election(
            sh,
            date=dt.date(2021, 5, 1),
            seats={Office.VILLAGE_DIRECTOR: 1, Office.VILLAGE_MEMBER: 2},
            candidates=cands(Office.VILLAGE_DIRECTOR, director, "主")
            + cands(Office.VILLAGE_MEMBER, members, "委"),
            entitled_voters=800,
        )
        return [c.ok for c in check_election_margins(e, sh)]

    assert margins(3, 7) == [False, False]
    assert margins(2, 5) == [True, True]
    assert sh.get_strings("votes.uncontested_offices") == ()
