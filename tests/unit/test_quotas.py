"""Unit tests for huanjie_rules.quotas and huanjie_rules.apportion beyond the golden cases.

Bad input and its error codes, the parameters that choose between readings (rounding, 为 vs
不少于, the band boundary at 500), JSON round trips, and the message catalogues.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from huanjie_rules import quotas
from huanjie_rules.apportion import FINDING_CODES as APPORTION_CODES
from huanjie_rules.apportion import Apportionment, ApportionMethod, apportion, round_fraction
from huanjie_rules.errors import ParameterError, RuleInputError
from huanjie_rules.findings import Severity
from huanjie_rules.io import from_json, to_json
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
    Seat,
)
from huanjie_rules.policy import Policy, load_policy
from huanjie_rules.quotas import (
    AssemblyForm,
    CommitteeSize,
    DelegateCount,
    DeputyQuota,
    MarginBounds,
    MarginCheck,
    assembly_form,
    check_election_margins,
    check_margin,
    committee_size,
    delegate_count,
    deputy_quota,
    margin_bounds,
)

PB20 = load_policy("party-basic-2020")
PB90 = load_policy("party-basic-1990")
PL20 = load_policy("party-local-2020")
NPC20 = load_policy("npc-2020")
NPC15 = load_policy("npc-2015")
VC18 = load_policy("village-2018")
COUNTY06 = load_policy("county-township-2006")
PILOT11 = load_policy("county-pilot-2011")


def _custom(
    tmp_path: Path, pid: str, parent: str, quotas_toml: str, instruments: str = ""
) -> Policy:
    """A caller's own profile extending a shipped one, overriding some quota parameters."""
    root = tmp_path / pid
    root.mkdir()
    base = load_policy(parent)
    regime = base.regime.value
    # A local profile applies only while its parent does: give it the parent's validity.
    end = f"valid_to = {base.valid_to.isoformat()}\n" if base.valid_to else ""
    (root / "profile.toml").write_text(
        f'id = "{pid}"\nregime = "{regime}"\nextends = "{parent}"\nlocal = true\n'
        f'title_zh = "测试"\ntitle_en = "test"\nvalid_from = {base.valid_from.isoformat()}\n'
        f"{end}{instruments}",
        encoding="utf-8",
    )
    (root / "quotas.toml").write_text(quotas_toml, encoding="utf-8")
    return load_policy(pid, search=[tmp_path])


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "code", "path"),
    [
        (lambda: assembly_form(PB20, -1), "NEGATIVE_COUNT", "members"),
        (lambda: assembly_form(PB20, 0), "NON_POSITIVE_COUNT", "members"),
        (lambda: assembly_form(PB20, True), "TYPE", "members"),
        (lambda: assembly_form(NPC20, 600), "NOT_COVERED", "policy"),
        (
            lambda: assembly_form(PB20, 600, proposed=ElectionForm.VILLAGERS),
            "UNKNOWN_FORM",
            "proposed",
        ),
        (lambda: delegate_count(PB20, -5), "NEGATIVE_COUNT", "proposed"),
        (lambda: delegate_count(PL20, 300), "LEVEL_REQUIRED", "level"),
        (lambda: delegate_count(PL20, 300, level=Level.TOWNSHIP), "UNKNOWN_LEVEL", "level"),
        (lambda: delegate_count(VC18, 10), "NOT_COVERED", "policy"),
        (lambda: margin_bounds(PB20, Office.MEMBER, 0), "ZERO_SEATS", "seats"),
        (lambda: margin_bounds(PB20, Office.MEMBER, -3), "NEGATIVE_COUNT", "seats"),
        (lambda: margin_bounds(PB20, Office.NPC_DEPUTY, 3), "UNKNOWN_OFFICE", "office"),
        (lambda: margin_bounds(VC18, Office.SECRETARY, 1), "UNKNOWN_OFFICE", "office"),
        (lambda: margin_bounds(NPC20, Office.NPC_DEPUTY, 3), "FORM_REQUIRED", "form"),
        (
            lambda: margin_bounds(NPC20, Office.NPC_DEPUTY, 3, form=ElectionForm.MEMBERS_ASSEMBLY),
            "UNKNOWN_FORM",
            "form",
        ),
        (
            lambda: margin_bounds(PB20, Office.MEMBER, 5, previous_margin=Fraction(-1, 5)),
            "NEGATIVE_MARGIN",
            "previous_margin",
        ),
        (lambda: margin_bounds(PB20, "MEMBER", 5), "TYPE", "office"),  # type: ignore[arg-type]
        (lambda: check_margin(PB20, Office.MEMBER, 5, -1), "NEGATIVE_COUNT", "candidates"),
        (lambda: committee_size(PB20, BodyKind.VILLAGE_COMMITTEE), "UNKNOWN_BODY", "body"),
        (
            lambda: committee_size(PB20, BodyKind.BRANCH, proposed=0),
            "NON_POSITIVE_COUNT",
            "proposed",
        ),
        (
            lambda: committee_size(PB20, BodyKind.BRANCH, full_members=-1),
            "NEGATIVE_COUNT",
            "full_members",
        ),
        (lambda: deputy_quota(NPC20, Level.COUNTY, -1), "NEGATIVE_COUNT", "population"),
        (lambda: deputy_quota(NPC20, Level.PROVINCE, 10), "UNKNOWN_LEVEL", "level"),
        (lambda: deputy_quota(PB20, Level.COUNTY, 10), "NOT_COVERED", "policy"),
        (lambda: apportion(PB20, {"a": 1}, 0), "ZERO_SEATS", "seats"),
        (lambda: apportion(PB20, {"a": -1, "b": 3}, 5), "NEGATIVE_WEIGHT", "weights['a']"),
        (lambda: apportion(PB20, {}, 5), "EMPTY_UNITS", "weights"),
        (lambda: apportion(PB20, {"a": 0, "b": 0}, 5), "ZERO_TOTAL_WEIGHT", "weights"),
        (
            lambda: apportion(PB20, {"a": 1, "b": 2, "c": 3}, 5, minimum=2),
            "MINIMUM_EXCEEDS_SEATS",
            "minimum",
        ),
        (lambda: apportion(PB20, {"a": 1}, 5, minimum=-1), "NEGATIVE_COUNT", "minimum"),
        (lambda: apportion(PB20, [("a", 1), ("a", 2)], 5), "DUPLICATE_UNIT", "weights['a']"),
        (lambda: apportion(PB20, {"a": 1.5}, 5), "TYPE", "weights['a']"),  # type: ignore[arg-type]
        (lambda: apportion(VC18, {"a": 1}, 5), "NOT_COVERED", "policy"),
    ],
)
def test_bad_input_raises_typed_error(call: Any, code: str, path: str) -> None:
    with pytest.raises(RuleInputError) as info:
        call()
    assert info.value.code == code
    assert info.value.path == path


def test_zero_members_zero_seats_are_distinct_codes() -> None:
    with pytest.raises(RuleInputError, match="at least 1") as info:
        check_margin(PB20, Office.MEMBER, 0, 0)
    assert info.value.code == "ZERO_SEATS"


# --------------------------------------------------------------------------------------------
# Readings chosen by parameters
# --------------------------------------------------------------------------------------------


def test_floor_rounding_parameter_changes_minimum_and_explains(tmp_path: Path) -> None:
    lenient = _custom(
        tmp_path,
        "floor-rounding",
        "party-basic-2020",
        '[margin_rounding_min]\ntype = "str"\nvalue = "FLOOR"\n'
        'choices = ["CEIL", "FLOOR", "HALF_UP"]\nrule = "QUOTA-MARGIN-ROUNDING"\n'
        'instrument = "MARGIN-QA"\nreliability = "LOCAL"\n',
    )
    # 7 seats × 1/5 = 7/5: CEIL (default) needs 2 extra, FLOOR 1.
    assert margin_bounds(PB20, Office.MEMBER, 7).min_candidates == 9
    assert margin_bounds(lenient, Office.MEMBER, 7).min_candidates == 8
    result = check_margin(lenient, Office.MEMBER, 7, 8)
    assert result.ok
    assert "MARGIN_ROUNDED_SHORT" in result.codes()
    assert not check_margin(PB20, Office.MEMBER, 7, 8).ok


def test_more_than_reading_of_pb90_delegates(tmp_path: Path) -> None:
    strict = _custom(
        tmp_path,
        "strict-reading",
        "party-basic-1990",
        '[margin_reading_party_delegate]\ntype = "str"\nvalue = "MORE_THAN"\n'
        'choices = ["AT_LEAST", "MORE_THAN"]\nrule = "PARTY-BASIC-1990-ART8-DELEGATE-MARGIN"\n'
        'instrument = "PB90"\narticle = "第八条"\n',
    )
    # 100 seats: 多于 20 extra strictly → 21 extra.
    assert margin_bounds(PB90, Office.PARTY_DELEGATE, 100).min_candidates == 120
    assert margin_bounds(strict, Office.PARTY_DELEGATE, 100).min_candidates == 121
    # 7 seats: 7/5 extra; strictly more than 7/5 is 2.
    assert margin_bounds(strict, Office.PARTY_DELEGATE, 7).min_candidates == 9


def test_at_least_reading_of_pb90_members(tmp_path: Path) -> None:
    loose = _custom(
        tmp_path,
        "loose-reading",
        "party-basic-1990",
        '[margin_reading_member]\ntype = "str"\nvalue = "AT_LEAST"\n'
        'choices = ["EXACT", "AT_LEAST"]\nrule = "PARTY-BASIC-1990-ART12-COMMITTEE-MARGIN"\n'
        'instrument = "PB90"\narticle = "第十二条"\n',
    )
    assert margin_bounds(PB90, Office.MEMBER, 7).max_candidates == 9
    assert margin_bounds(loose, Office.MEMBER, 7).max_candidates is None


def test_lower_band_boundary_parameter(tmp_path: Path) -> None:
    lower = _custom(
        tmp_path,
        "lower-band",
        "county-township-2006",
        '[delegate_band_boundary]\ntype = "str"\nvalue = "LOWER_BAND"\n'
        'choices = ["UPPER_BAND", "LOWER_BAND"]\nhard = false\n'
        'rule = "COUNTY-2006-Q3-Q4-DELEGATE-BANDS"\ninstrument = "SEED000-COUNTY-2006"\n'
        'seed = "000:118"\n',
    )
    band = delegate_count(COUNTY06, members=500).band
    assert band is not None
    assert band.about == 150
    band = delegate_count(lower, members=500).band
    assert band is not None
    assert band.about == 100
    # Off the boundary the parameter changes nothing.
    for members, about in ((499, 100), (501, 150), (200, 100)):
        upper_band = delegate_count(COUNTY06, members=members).band
        lower_band = delegate_count(lower, members=members).band
        assert upper_band is not None
        assert lower_band is not None
        assert upper_band.about == lower_band.about == about


def test_ceil_increment_rounding_parameter(tmp_path: Path) -> None:
    ceil = _custom(
        tmp_path,
        "ceil-increment",
        "npc-2020",
        '[deputy_increment_rounding]\ntype = "str"\nvalue = "CEIL"\n'
        'choices = ["FLOOR", "CEIL", "HALF_UP"]\nrule = "NPC-ER-ART12-COUNTY-SEATS"\n'
        'instrument = "ER20"\narticle = "第十二条"\n',
    )
    assert deputy_quota(NPC20, Level.COUNTY, 1_549_999).total == 449
    assert deputy_quota(ceil, Level.COUNTY, 1_549_999).total == 450
    assert deputy_quota(ceil, Level.COUNTY, 5_001).increment == 2
    assert deputy_quota(NPC20, Level.COUNTY, 5_001).increment == 1


def test_round_fraction_modes() -> None:
    assert [round_fraction(Fraction(n, 5), "CEIL") for n in (5, 6, 7, 9, 10)] == [1, 2, 2, 2, 2]
    assert [round_fraction(Fraction(n, 5), "FLOOR") for n in (5, 6, 7, 9, 10)] == [1, 1, 1, 1, 2]
    assert [round_fraction(Fraction(n, 2), "HALF_UP") for n in (1, 2, 3, 4, 5)] == [1, 1, 2, 2, 3]
    with pytest.raises(ParameterError):
        round_fraction(Fraction(1, 2), "BANKERS")


def test_previous_margin_from_election_and_relative_rule() -> None:
    people = [
        Person(name=f"党员{i}", gender=Gender.FEMALE, birth_date=dt.date(1975, 1, 1))
        for i in range(10)
    ]
    election = Election(
        key="某镇党委",
        regime=Regime.PARTY_BASIC,
        policy_id="nmg-town-2016",
        body=BodyKind.PARTY_COMMITTEE,
        level=Level.TOWNSHIP,
        form=ElectionForm.MEMBERS_ASSEMBLY,
        date=dt.date(2016, 6, 1),
        seats=[Seat(office=Office.MEMBER, count=7)],
        entitled_voters=300,
        candidates=[Candidate(person=p, office=Office.MEMBER) for p in people[:9]],
        previous_margin=Fraction(2, 7),
    )
    (check,) = check_election_margins(election, load_policy("nmg-town-2016"))
    assert check.ok
    assert check.bounds.previous_margin == Fraction(2, 7)
    with pytest.raises(RuleInputError) as info:
        check_election_margins(election, PB90)
    assert info.value.code == "POLICY_MISMATCH"


def test_soft_and_hard_severities_follow_parameters() -> None:
    # PB20 art 7: 一般 100–200 is soft, 300 is hard.
    assert delegate_count(PB20, 250).worst is Severity.WARN
    assert delegate_count(PB20, 301).worst is Severity.FAIL
    # Village committee size is hard (共三至七人).
    assert committee_size(VC18, BodyKind.VILLAGE_COMMITTEE, proposed=8).worst is Severity.FAIL
    # Branch size is soft (一般).
    assert committee_size(PB20, BodyKind.BRANCH, proposed=8).worst is Severity.WARN


def test_every_margin_finding_cites_a_parameter_of_the_profile() -> None:
    result = check_margin(PILOT11, Office.PARTY_DELEGATE, 100, 120, previous_margin=Fraction(1, 5))
    for finding in result.findings:
        assert finding.parameter is not None
        assert finding.parameter in PILOT11
        assert finding.citation == PILOT11.citation(finding.parameter)
        assert finding.rule_id == PILOT11.param(finding.parameter).rule_id


def test_apportion_ignores_input_order() -> None:
    weights = [("甲", 45), ("乙", 30), ("丙", 25), ("丁", 7)]
    for method in ApportionMethod:
        a = apportion(PB20, weights, 11, method=method, minimum=0)
        b = apportion(PB20, list(reversed(weights)), 11, method=method, minimum=0)
        assert a.allocation == b.allocation
        assert a.tie == b.tie


def test_apportion_largest_remainder_with_minimum_redistributes() -> None:
    # Quotas 9.9, 0.05, 0.05 of 10 seats; each unit gets at least 1, the rest by members.
    result = apportion(PB20, {"大": 990, "小一": 5, "小二": 5}, 10)
    assert result.allocation == {"大": 8, "小一": 1, "小二": 1}
    assert result.ok
    assert not apportion(PB20, {"一": 45, "二": 30, "三": 25}, 10).ok
    assert [u.key for u in result.units if u.raised_to_minimum] == ["小一", "小二"]


def test_apportion_fraction_weights() -> None:
    result = apportion(PB20, {"甲": Fraction(1, 3), "乙": Fraction(2, 3)}, 3, minimum=0)
    assert result.allocation == {"甲": 1, "乙": 2}
    assert result.units[0].quota == 1


# --------------------------------------------------------------------------------------------
# JSON round trip and catalogues
# --------------------------------------------------------------------------------------------


ROUND_TRIP: list[tuple[Any, type[Any]]] = [
    (assembly_form(PB20, 500, proposed=ElectionForm.DELEGATES_CONGRESS), AssemblyForm),
    (assembly_form(COUNTY06, 250), AssemblyForm),
    (delegate_count(COUNTY06, 140, members=500), DelegateCount),
    (delegate_count(PL20, 900, level=Level.PROVINCE), DelegateCount),
    (margin_bounds(NPC20, Office.NPC_DEPUTY, 3, form=ElectionForm.DIRECT_VOTERS), MarginBounds),
    (
        check_margin(PILOT11, Office.PARTY_DELEGATE, 100, 121, previous_margin=Fraction(1, 5)),
        MarginCheck,
    ),
    (committee_size(PB20, BodyKind.BRANCH, full_members=7, proposed=9), CommitteeSize),
    (deputy_quota(NPC20, Level.COUNTY, 3_000_000, minority_uplift=True, proposed=500), DeputyQuota),
    (deputy_quota(NPC15, Level.TOWNSHIP, 1_000), DeputyQuota),
    (apportion(PB20, {"一支部": 45, "二支部": 30, "三支部": 25}, 10), Apportionment),
    (apportion(NPC20, {"甲": 5, "乙": 3}, 4, method=ApportionMethod.SAINTE_LAGUE), Apportionment),
]


@pytest.mark.parametrize(("result", "cls"), ROUND_TRIP)
def test_results_round_trip_through_json(result: Any, cls: type[Any]) -> None:
    text = to_json(result)
    assert "schema_version" in text
    assert from_json(text, cls) == result


@pytest.mark.parametrize("catalogue", [quotas.FINDING_CODES, APPORTION_CODES])
def test_message_catalogue_languages_match(catalogue: Any) -> None:
    for code, message in catalogue.items():
        zh, en = message.fields()
        assert zh == en, code
        assert code == code.upper()


def test_every_quota_code_is_reachable_from_the_catalogue() -> None:
    findings = [
        *assembly_form(PB20, 100, proposed=ElectionForm.DELEGATES_CONGRESS).findings,
        *check_margin(PB20, Office.MEMBER, 7, 20).findings,
    ]
    for f in findings:
        assert f.code in quotas.FINDING_CODES
        assert f.message_zh
        assert f.message_en


# -- audit of issue 4 ---------------------------------------------------------------------------


@pytest.mark.parametrize("seats", [1, 2])
def test_huntington_hill_with_fewer_seats_than_units_ranks_by_weight(seats: int) -> None:
    # A unit without a seat has an infinite Huntington–Hill priority (divisor √(0×1) = 0);
    # among several such units the larger weight comes first, so two seats among three units
    # are not "a three-way tie" (which the method used to report, allocating nothing).
    r = apportion(
        PB20,
        [("丙", 10), ("甲", 100), ("乙", 50)],
        seats,
        method=ApportionMethod.HUNTINGTON_HILL,
        minimum=0,
    )
    assert r.tie is None
    expected = {"甲": 1, "乙": 1 if seats == 2 else 0, "丙": 0}
    assert r.allocation == expected


def test_huntington_hill_equal_weights_without_seats_still_tie() -> None:
    r = apportion(
        PB20, {"甲": 40, "乙": 40, "丙": 40}, 2, method=ApportionMethod.HUNTINGTON_HILL, minimum=0
    )
    assert r.tie is not None
    assert r.tie.units == tuple(sorted(("甲", "乙", "丙")))
    assert r.tie.seats == 2
    assert sum(r.allocation.values()) == 0
