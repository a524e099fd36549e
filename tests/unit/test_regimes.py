"""Which body of rules elects which post: impossible regime × body × office combinations refused."""

from __future__ import annotations

import datetime as dt
import inspect
import shutil
from pathlib import Path

import pytest

from huanjie_rules.errors import InvalidDataError, PolicyError, RuleInputError
from huanjie_rules.model import (
    BodyKind,
    Election,
    ElectionForm,
    Level,
    Office,
    Regime,
    Seat,
    body_regimes,
    office_regimes,
)
from huanjie_rules.policy import companion_parameter, governing_policy, list_policies, load_policy


def _election(regime: Regime, body: BodyKind, *offices: Office) -> Election:
    return Election(
        key="e",
        regime=regime,
        policy_id="p",
        body=body,
        level=Level.VILLAGE,
        form=ElectionForm.MEMBERS_ASSEMBLY,
        date=dt.date(2021, 3, 1),
        seats=[Seat(office=o, count=1) for o in offices],
        entitled_voters=10,
    )


def test_every_office_and_body_belongs_to_one_family() -> None:
    for office in Office:
        assert office_regimes(office)
        assert office.regimes == office_regimes(office)
    for body in BodyKind:
        assert body_regimes(body)
    # no post is elected under both the party rules and another family
    families = {frozenset(office_regimes(o)) for o in Office}
    for a in families:
        for b in families:
            assert a == b or not (a & b)


def test_party_regime_refuses_a_village_director_seat() -> None:
    with pytest.raises(InvalidDataError) as err:
        _election(Regime.PARTY_BASIC, BodyKind.BRANCH, Office.SECRETARY, Office.VILLAGE_DIRECTOR)
    (problem,) = err.value.problems
    assert (problem.code, problem.path) == ("OFFICE_NOT_IN_REGIME", "seats[1].office")
    assert "VILLAGE" in problem.message


def test_party_regime_refuses_an_npc_deputy_seat() -> None:
    with pytest.raises(InvalidDataError) as err:
        _election(Regime.PARTY_LOCAL, BodyKind.PARTY_COMMITTEE, Office.NPC_DEPUTY)
    assert [p.code for p in err.value.problems] == ["OFFICE_NOT_IN_REGIME"]


def test_village_regime_refuses_a_secretary_seat_and_a_branch() -> None:
    with pytest.raises(InvalidDataError) as err:
        _election(Regime.VILLAGE, BodyKind.BRANCH, Office.SECRETARY)
    assert sorted(p.code for p in err.value.problems) == [
        "BODY_NOT_IN_REGIME",
        "OFFICE_NOT_IN_REGIME",
    ]


def test_matching_combinations_pass() -> None:
    _election(Regime.VILLAGE, BodyKind.VILLAGE_COMMITTEE, Office.VILLAGE_DIRECTOR)
    _election(Regime.PARTY_BASIC, BodyKind.BRANCH, Office.SECRETARY, Office.MEMBER)
    _election(Regime.NPC, BodyKind.PEOPLES_CONGRESS, Office.NPC_DEPUTY)
    _election(Regime.PARTY_LOCAL, BodyKind.PARTY_COMMITTEE, Office.SECRETARY)


# --------------------------------------------------------------------------------------------
# governing_policy: the profile of each half of a 两委 round
# --------------------------------------------------------------------------------------------

ON = dt.date(2021, 3, 1)


def test_xzhen_names_the_national_village_profile_for_its_village_committees() -> None:
    xz = load_policy("xzhen-2021")
    for office in (Office.VILLAGE_DIRECTOR, Office.VILLAGE_DEPUTY_DIRECTOR, Office.VILLAGE_MEMBER):
        assert governing_policy(xz, office, on=ON).id == "village-2018"
    assert governing_policy(xz, Office.SECRETARY, on=ON) is xz
    cite = xz.citation(companion_parameter(Regime.VILLAGE))
    assert (cite.instrument, cite.article) == ("VC18", "第十一条")


def test_a_village_profile_without_companion_falls_back_to_the_national_party_profile() -> None:
    village = load_policy("village-2018")
    got = governing_policy(village, Office.SECRETARY, on=ON, body=BodyKind.BRANCH)
    assert got.id == "party-basic-2020"
    before = governing_policy(
        village, Office.SECRETARY, on=dt.date(2019, 3, 1), body=BodyKind.BRANCH
    )
    assert before.id == "party-basic-1990"


def test_a_party_post_without_body_is_ambiguous_from_a_village_profile() -> None:
    with pytest.raises(RuleInputError) as err:
        governing_policy(load_policy("village-2018"), Office.SECRETARY, on=ON)
    assert err.value.code == "AMBIGUOUS_REGIME"


def test_every_shipped_companion_is_of_its_regime_and_in_force_with_the_profile() -> None:
    seen = 0
    for pid in list_policies():
        policy = load_policy(pid)
        for regime in Regime:
            name = companion_parameter(regime)
            if name not in policy:
                continue
            seen += 1
            companion = load_policy(policy.get_str(name))
            assert companion.regime is regime, (pid, name)
            assert companion.in_force(policy.valid_from) or companion.in_force(
                policy.valid_to or policy.valid_from
            ), (pid, companion.id)
    assert seen >= 1


def test_a_companion_of_the_wrong_regime_is_refused(tmp_path: Path) -> None:
    src = (
        Path(inspect.unwrap(load_policy).__code__.co_filename).parent
        / "profiles"
        / "local"
        / "xzhen-2021"
    )
    dst = tmp_path / "xzhen-bad"
    shutil.copytree(src, dst)
    meta = (dst / "profile.toml").read_text(encoding="utf-8")
    (dst / "profile.toml").write_text(meta.replace('"xzhen-2021"', '"xzhen-bad"', 1), "utf-8")
    scope = (dst / "scope.toml").read_text(encoding="utf-8")
    (dst / "scope.toml").write_text(scope.replace('"village-2018"', '"npc-2020"'), "utf-8")
    bad = load_policy("xzhen-bad", search=[tmp_path])
    with pytest.raises(PolicyError) as err:
        governing_policy(bad, Office.VILLAGE_DIRECTOR, on=ON, search=[tmp_path])
    assert (err.value.code, err.value.path) == ("COMPANION_REGIME", "scope.village_companion")


def test_screen_and_decide_name_the_right_profile_when_the_regime_differs() -> None:
    from huanjie_rules.eligibility import screen
    from huanjie_rules.model import Candidate, Gender, Person
    from huanjie_rules.votes import Tally, Turnout, decide, paper_for

    village = Election(
        key="v",
        regime=Regime.VILLAGE,
        policy_id="xzhen-2021",
        body=BodyKind.VILLAGE_COMMITTEE,
        level=Level.VILLAGE,
        form=ElectionForm.VILLAGERS,
        date=ON,
        seats=[Seat(office=Office.VILLAGE_DIRECTOR, count=1)],
        entitled_voters=10,
    )
    person = Person(name="甲", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
    xz = load_policy("xzhen-2021")
    with pytest.raises(RuleInputError) as err:
        screen(Candidate(person=person, office=Office.VILLAGE_DIRECTOR), village, xz)
    assert err.value.code == "REGIME_MISMATCH"
    assert "'village-2018'" in err.value.message
    paper = paper_for(village, load_policy("village-2018"))
    with pytest.raises(RuleInputError) as err:
        decide(village, Tally.empty(paper), xz, turnout=Turnout(entitled=10, present=0))
    assert "'village-2018'" in err.value.message
