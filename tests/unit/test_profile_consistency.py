"""Two domains of one profile must never contradict each other.

A profile's numbers are read by several rule modules: the margin rules (quotas) say how many
candidates a post needs, the vote rules say which posts may be elected uncontested, and the
citations say when the instruments behind the numbers were in force. These tests read every
shipped profile through the public API and fail where one domain allows what another forbids.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from huanjie_rules import ElectionForm, Office, margin_bounds
from huanjie_rules.errors import RuleInputError
from huanjie_rules.policy import Policy, list_policies, load_policy

PROFILES = list_policies()


def _bounds_at(policy: Policy, office: Office, seats: int, **kw: object):  # type: ignore[no-untyped-def]
    forms: tuple[ElectionForm | None, ...] = (None,)
    if office is Office.NPC_DEPUTY:
        forms = (ElectionForm.DIRECT_VOTERS, ElectionForm.INDIRECT_DEPUTIES)
    out = []
    for form in forms:
        try:
            out.append(margin_bounds(policy, office, seats, form=form, **kw))  # type: ignore[arg-type]
        except RuleInputError as err:
            if err.code != "UNKNOWN_OFFICE":
                raise
    return out


@pytest.mark.parametrize("profile", PROFILES)
def test_uncontested_posts_agree_with_the_margin_rules(profile: str) -> None:
    # votes.uncontested_offices lets decide() accept one candidate for one seat; the margin rule
    # of the same post must then allow it, and a post whose margin allows it must be listed.
    policy = load_policy(profile)
    if "votes.uncontested_offices" not in policy:
        return
    uncontested = set(policy.get_strings("votes.uncontested_offices"))
    for office in Office:
        for bounds in _bounds_at(policy, office, 1):
            allows_one = bounds.admits(1)
            assert allows_one == (office.value in uncontested), (
                f"{profile}: {office.value} margin {'allows' if allows_one else 'forbids'} an "
                f"uncontested election but votes.uncontested_offices "
                f"{'omits' if allows_one else 'lists'} it"
            )


def test_xzhen_secretary_is_contested_in_both_domains() -> None:
    # seed 001:32 「按照最低20%的差额比例,确定委员、书记差额」: 2 candidates for 1 secretary seat
    policy = load_policy("xzhen-2021")
    (bounds,) = _bounds_at(policy, Office.SECRETARY, 1)
    assert (bounds.min_candidates, bounds.admits(1)) == (2, False)
    assert "SECRETARY" not in policy.get_strings("votes.uncontested_offices")
    assert "DEPUTY_SECRETARY" in policy.get_strings("votes.uncontested_offices")


PREVIOUS = (Fraction(0), Fraction(1, 10), Fraction(1, 5), Fraction(1, 4), Fraction(3, 10))


@pytest.mark.parametrize("profile", PROFILES)
def test_margin_bounds_are_never_empty_where_the_text_gives_a_floor(profile: str) -> None:
    # An EXACT reading caps the list at its minimum; a relative rule (不低于上次换届) can push the
    # minimum above that cap. Where the text itself sets only floors, the bounds must admit a
    # number for every seat count and every previous margin.
    policy = load_policy(profile)
    for office in Office:
        key = office.value.lower()
        relative = f"quotas.margin_previous_{key}" in policy
        for seats in range(1, 31):
            for prev in PREVIOUS if relative else (None,):
                for bounds in _bounds_at(policy, office, seats, previous_margin=prev):
                    if bounds.reading != "EXACT" and not relative:
                        continue
                    # hard limits only: a soft cap (原则上) yields to a hard floor
                    low = max(
                        [
                            seats,
                            *(x.candidates for x in bounds.limits if x.bound == "MIN" and x.hard),
                        ]
                    )
                    caps = [x.candidates for x in bounds.limits if x.bound == "MAX" and x.hard]
                    assert not caps or low <= min(caps), (profile, office.value, seats, prev)


@pytest.mark.parametrize(("candidates", "admitted"), [(12, False), (13, True), (14, True)])
def test_nmg_margin_not_lower_than_last_round(candidates: int, admitted: bool) -> None:
    # seed 003:563 「党委委员候选人差额比例不低于上次换届」 with 10 seats and a previous margin of
    # 30%: at least 13 candidates, and more are allowed (a floor, not the 1990 text's 为).
    policy = load_policy("nmg-town-2016")
    (bounds,) = _bounds_at(policy, Office.MEMBER, 10, previous_margin=Fraction(3, 10))
    assert bounds.feasible
    assert bounds.admits(candidates) is admitted
