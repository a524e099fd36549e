"""Division: the kind of administrative division, finer than Level and mapped onto it.

《选举法》第十二条 gives its 5% uplift to 「县、自治县、乡、民族乡」 only, so the model must tell a 县
from a 市辖区 or a 不设区的市, and a 乡 from a 镇; Level alone cannot.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from huanjie_rules import Division, Election, Level
from huanjie_rules.errors import InvalidDataError
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import BodyKind, ElectionForm, Office, Regime, Seat


@pytest.mark.parametrize(
    ("text", "division", "level"),
    [
        ("县", Division.COUNTY, Level.COUNTY),
        ("自治县", Division.AUTONOMOUS_COUNTY, Level.COUNTY),
        ("不设区的市", Division.COUNTY_CITY, Level.COUNTY),
        ("县级市", Division.COUNTY_CITY, Level.COUNTY),
        ("市辖区", Division.CITY_DISTRICT, Level.COUNTY),
        ("旗", Division.BANNER, Level.COUNTY),
        ("乡", Division.TOWNSHIP, Level.TOWNSHIP),
        ("民族乡", Division.ETHNIC_TOWNSHIP, Level.TOWNSHIP),
        ("镇", Division.TOWN, Level.TOWNSHIP),
        ("街道", Division.SUBDISTRICT, Level.TOWNSHIP),
        ("苏木", Division.SUMU, Level.TOWNSHIP),
        ("设区的市", Division.PREFECTURAL_CITY, Level.CITY),
        ("自治区", Division.AUTONOMOUS_REGION, Level.PROVINCE),
        ("嘎查", Division.GACHA, Level.VILLAGE),
    ],
)
def test_each_kind_reads_and_maps_to_its_level(text: str, division: Division, level: Level) -> None:
    assert Division.parse(text) is division
    assert division.level is level


def test_every_division_has_a_level_and_grassroots_units_have_none() -> None:
    for division in Division:
        assert isinstance(division.level, Level)
        assert division in Division.at(division.level)
    assert Division.at(Level.GRASSROOTS) == ()
    # the kinds the uplift names are apart from their neighbours at the same level
    county = Division.at(Level.COUNTY)
    assert Division.COUNTY in county and Division.CITY_DISTRICT in county
    township = Division.at(Level.TOWNSHIP)
    assert {Division.TOWNSHIP, Division.ETHNIC_TOWNSHIP, Division.TOWN} <= set(township)


def _election(level: Level, division: Division | None) -> Election:
    return Election(
        key="e",
        regime=Regime.NPC,
        policy_id="npc-2020",
        body=BodyKind.PEOPLES_CONGRESS,
        level=level,
        division=division,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 1),
        seats=[Seat(office=Office.NPC_DEPUTY, count=2)],
        entitled_voters=1000,
    )


def test_election_division_is_optional_and_must_stand_at_its_level() -> None:
    assert _election(Level.TOWNSHIP, None).division is None
    assert _election(Level.TOWNSHIP, Division.TOWN).division is Division.TOWN
    with pytest.raises(InvalidDataError) as err:
        _election(Level.COUNTY, Division.TOWN)
    (problem,) = err.value.problems
    assert (problem.code, problem.path) == ("MISMATCH", "division")


def test_division_round_trips_through_json_and_old_json_still_reads() -> None:
    e = _election(Level.COUNTY, Division.CITY_DISTRICT)
    text = to_json(e)
    assert '"division": "CITY_DISTRICT"' in text
    assert from_json(text, Election) == e
    # a record written before the field existed reads with division None
    data = json.loads(text)
    del data["division"]
    assert from_json(json.dumps(data, ensure_ascii=False), Election).division is None
