"""Which body of rules elects which post: impossible regime × body × office combinations refused."""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules.errors import InvalidDataError
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
