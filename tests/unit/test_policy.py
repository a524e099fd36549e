"""Policy profiles: every shipped profile loads, every parameter is cited, inheritance overrides
only what it names, strict date lookup raises outside validity."""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from huanjie_rules import (
    InvalidDataError,
    ParameterError,
    PolicyNotInForceError,
    Regime,
    UnknownPolicyError,
    list_policies,
    load_policy,
    policy_for,
)
from huanjie_rules.errors import PolicyError

REQUIRED = {
    "party-basic-1990",
    "party-basic-2020",
    "party-local-1994",
    "party-local-2020",
    "npc-2015",
    "npc-2020",
    "village-2010",
    "village-2018",
    "luonan-2011",
    "county-township-2006",
    "county-pilot-2011",
    "xzhen-2021",
    "nmg-town-2016",
    "zhejiang-village-2020",
}


def test_required_profiles_ship() -> None:
    assert set(list_policies()) >= REQUIRED


@pytest.mark.parametrize("pid", sorted(list_policies()))
def test_every_profile_loads_and_every_parameter_is_cited(pid: str) -> None:
    policy = load_policy(pid)
    assert policy.id == pid
    assert policy.parameters, f"{pid} has no parameters"
    for p in policy:
        c = p.citation
        assert c.instrument and c.title, p.name
        assert c.article or c.seed or c.url, p.name
        assert p.rule_id, p.name
        assert c.reliability in {
            "FULLTEXT",
            "EXCERPT",
            "SECONDARY",
            "MEMORY",
            "UNSURE",
            "LOCAL",
            "READING",
        }, p.name
        assert p.defined_in in policy.lineage


@pytest.mark.parametrize("pid", sorted(list_policies()))
def test_extending_profile_changes_only_what_it_overrides(pid: str) -> None:
    child = load_policy(pid)
    if len(child.lineage) == 1:
        return
    parent = load_policy(child.lineage[1])
    assert set(parent.names()) <= set(child.names())
    own = {p.name for p in child.own_parameters()}
    for p in parent:
        if p.name not in own:
            assert child.param(p.name) == p, p.name
        else:
            assert child.param(p.name).type == p.type
    for name in own:
        assert child.param(name).defined_in == pid
    # a local profile's validity lies within its parent's
    assert parent.in_force(child.valid_from)
    if child.valid_to is not None:
        assert parent.in_force(child.valid_to)


def test_national_profiles_tile_time_without_overlap() -> None:
    for regime in Regime:
        nationals = sorted(
            (p for p in map(load_policy, list_policies()) if p.regime is regime and not p.local),
            key=lambda p: p.valid_from,
        )
        assert nationals, regime
        for older, newer in itertools.pairwise(nationals):
            assert older.valid_to is not None
            assert older.valid_to + dt.timedelta(days=1) == newer.valid_from
        assert nationals[-1].valid_to is None


def test_strict_date_lookup() -> None:
    p = load_policy("party-basic-2020")
    assert load_policy("party-basic-2020", on=dt.date(2020, 7, 13)) is p  # first day
    with pytest.raises(PolicyNotInForceError) as info:
        load_policy("party-basic-2020", on=dt.date(2020, 7, 12))  # the day before
    assert info.value.code == "POLICY_NOT_IN_FORCE"
    old = load_policy("party-basic-1990", on=dt.date(2020, 7, 12))  # its last day
    with pytest.raises(PolicyNotInForceError):
        load_policy("party-basic-1990", on=dt.date(2020, 7, 13))
    assert load_policy("party-basic-1990", on=dt.date(2021, 1, 1), strict=False) is old


@pytest.mark.parametrize(
    ("regime", "day", "expected"),
    [
        (Regime.PARTY_BASIC, dt.date(2020, 7, 12), "party-basic-1990"),
        (Regime.PARTY_BASIC, dt.date(2020, 7, 13), "party-basic-2020"),
        (Regime.PARTY_LOCAL, dt.date(2020, 12, 27), "party-local-1994"),
        (Regime.PARTY_LOCAL, dt.date(2020, 12, 28), "party-local-2020"),
        (Regime.NPC, dt.date(2020, 10, 16), "npc-2015"),
        (Regime.NPC, dt.date(2020, 10, 17), "npc-2020"),
        (Regime.VILLAGE, dt.date(2018, 12, 28), "village-2010"),
        (Regime.VILLAGE, dt.date(2018, 12, 29), "village-2018"),
    ],
)
def test_policy_for_date(regime: Regime, day: dt.date, expected: str) -> None:
    assert policy_for(regime, day).id == expected


def test_policy_for_before_any_profile() -> None:
    with pytest.raises(PolicyNotInForceError):
        policy_for(Regime.NPC, dt.date(2000, 1, 1))


def test_unknown_profile_and_parameter() -> None:
    with pytest.raises(UnknownPolicyError) as info:
        load_policy("party-basic-1999")
    assert "party-basic-2020" in str(info.value)
    p = load_policy("village-2018")
    with pytest.raises(ParameterError) as err:
        p.param("votes.nothing_here")
    assert err.value.path == "votes.nothing_here"
    with pytest.raises(ParameterError):
        p.get_bool("rights.min_age")  # an int, not a bool
    assert p.get_int("rights.min_age") == 18


def _write_profile(root: Path, pid: str, meta: str, **files: str) -> None:
    d = root / pid
    d.mkdir(parents=True)
    (d / "profile.toml").write_text(textwrap.dedent(meta), encoding="utf-8")
    for stem, text in files.items():
        (d / f"{stem}.toml").write_text(textwrap.dedent(text), encoding="utf-8")


def test_user_profile_extends_a_shipped_one(tmp_path: Path) -> None:
    _write_profile(
        tmp_path,
        "my-village",
        """
        id = "my-village"
        regime = "VILLAGE"
        extends = "village-2018"
        local = true
        title_zh = "某县村委会选举"
        title_en = "Some county"
        valid_from = 2021-01-01
        [instruments.MINE]
        title = "某县实施细则"
        url = "https://example.org/rules"
        """,
        rights="""
        [min_age]
        type = "int"
        value = 18
        rule = "MY-AGE"
        instrument = "MINE"
        article = "第三条"
        [quorum_ratio]
        type = "fraction"
        value = "2/3"
        rule = "MY-QUORUM"
        instrument = "MINE"
        article = "第九条"
        """,
    )
    p = load_policy("my-village", search=[tmp_path])
    assert p.lineage == ("my-village", "village-2018")
    assert p.get_fraction("rights.quorum_ratio") == Fraction(2, 3)
    assert p.param("rights.min_age").defined_in == "my-village"
    assert p.param("rights.deprivation_bars").defined_in == "village-2018"


def test_malformed_profile_lists_every_problem(tmp_path: Path) -> None:
    _write_profile(
        tmp_path,
        "broken",
        """
        id = "broken"
        regime = "VILLAGE"
        extends = "village-2018"
        title_zh = "x"
        title_en = "x"
        valid_from = 2021-01-01
        colour = "red"
        [instruments.MINE]
        title = "x"
        """,
        rights="""
        [min_age]
        type = "bool"
        value = true
        rule = "R"
        instrument = "MINE"
        article = "1"
        [no_cite]
        type = "int"
        value = 3
        rule = "R"
        [bad_fraction]
        type = "fraction"
        value = "three quarters"
        rule = "R"
        instrument = "MINE"
        article = "2"
        [unknown_instrument]
        type = "int"
        value = 1
        rule = "R"
        instrument = "NOPE"
        article = "3"
        [bad_choice]
        type = "str"
        value = "MAYBE"
        choices = ["YES", "NO"]
        rule = "R"
        instrument = "MINE"
        article = "4"
        [bad_range]
        type = "range"
        value = {min = 9, max = 3}
        rule = "R"
        instrument = "MINE"
        article = "5"
        """,
    )
    with pytest.raises(InvalidDataError) as info:
        load_policy("broken", search=[tmp_path])
    text = str(info.value)
    for fragment in (
        "colour",
        "min_age",
        "no_cite",
        "bad_fraction",
        "NOPE",
        "bad_choice",
        "bad_range",
    ):
        assert fragment in text, fragment
    assert len(info.value.problems) == 7


def test_profile_cannot_extend_itself(tmp_path: Path) -> None:
    _write_profile(
        tmp_path,
        "loop",
        """
        id = "loop"
        regime = "NPC"
        extends = "loop"
        title_zh = "x"
        title_en = "x"
        valid_from = 2021-01-01
        """,
    )
    with pytest.raises(PolicyError):
        load_policy("loop", search=[tmp_path])


def test_same_parameter_name_has_one_type_across_profiles() -> None:
    types: dict[str, str] = {}
    for pid in list_policies():
        for p in load_policy(pid):
            assert types.setdefault(p.name, p.type) == p.type, (pid, p.name)


def test_parameter_findings_carry_the_rule_and_citation() -> None:
    from huanjie_rules import Message, Severity

    p = load_policy("village-2018").param("rights.min_age")
    assert p.hard and p.breach_severity is Severity.FAIL
    f = p.finding(
        "AGE_UNDER_MINIMUM",
        Message(zh="{observed}岁，未满{limit}岁{note}", en="{observed}, under {limit}{note}"),
        observed=17,
        limit=18,
        extra={"note": "!"},
    )
    assert (f.severity, f.rule_id, f.parameter) == (Severity.FAIL, p.rule_id, "rights.min_age")
    assert f.citation == p.citation and f.message_zh == "17岁，未满18岁!"


_CHILD_META = """
    id = "{pid}"
    regime = "{regime}"
    extends = "{parent}"
    local = true
    title_zh = "x"
    title_en = "x"
    valid_from = {start}
    {end}
    [instruments.MINE]
    title = "某地实施细则"
    """


def _child(
    tmp_path: Path,
    *,
    regime: str = "VILLAGE",
    parent: str = "village-2018",
    start: str = "2021-01-01",
    end: str = "",
    **files: str,
) -> InvalidDataError | None:
    meta = _CHILD_META.format(pid="child", regime=regime, parent=parent, start=start, end=end)
    _write_profile(tmp_path, "child", meta, **files)
    try:
        load_policy("child", search=[tmp_path])
    except InvalidDataError as err:
        return err
    return None


def test_an_extending_profile_keeps_its_parents_regime(tmp_path: Path) -> None:
    err = _child(tmp_path, regime="NPC")
    assert err is not None
    assert [(p.code, p.path) for p in err.problems] == [("REGIME", "child/profile.toml:regime")]


@pytest.mark.parametrize(
    ("parent", "start", "end", "ok"),
    [
        ("party-basic-1990", "1990-06-27", "valid_to = 2020-07-12", True),  # the parent's span
        ("party-basic-1990", "1990-06-26", "valid_to = 2011-12-31", False),  # a day before
        ("party-basic-1990", "2011-01-01", "valid_to = 2020-07-13", False),  # a day after
        ("party-basic-1990", "2011-01-01", "", False),  # open-ended beyond a closed parent
        ("party-basic-2020", "2021-01-01", "", True),  # open-ended under an open parent
        ("party-basic-2020", "2020-07-12", "", False),
    ],
)
def test_an_extending_profile_applies_only_while_its_parent_does(
    tmp_path: Path, parent: str, start: str, end: str, ok: bool
) -> None:
    err = _child(tmp_path, regime="PARTY_BASIC", parent=parent, start=start, end=end)
    assert (err is None) is ok, err
    if err is not None:
        assert {p.code for p in err.problems} == {"VALIDITY"}


def test_an_override_keeps_the_parents_choices(tmp_path: Path) -> None:
    override = """
        [age_mode]
        type = "str"
        value = "{value}"
        rule = "R"
        instrument = "MINE"
        article = "1"
        """
    err = _child(tmp_path, eligibility=override.format(value="WHATEVER"))
    assert err is not None
    assert [(p.code, p.path) for p in err.problems] == [
        ("CHOICE", "child/eligibility.toml:age_mode.value")
    ]
    (tmp_path / "child").rename(tmp_path / "old")
    assert _child(tmp_path, eligibility=override.format(value="REFERENCE_DATE")) is None
    assert load_policy("child", search=[tmp_path]).param("eligibility.age_mode").choices == (
        load_policy("village-2018").param("eligibility.age_mode").choices
    )


def test_an_override_without_a_citation_is_refused(tmp_path: Path) -> None:
    err = _child(
        tmp_path,
        eligibility="""
        [age_mode]
        type = "str"
        value = "REFERENCE_DATE"
        rule = "R"
        """,
    )
    assert err is not None
    assert [p.code for p in err.problems] == ["CITATION"]


def test_field_types_of_a_profile_are_checked_not_coerced(tmp_path: Path) -> None:
    # bool("false") is True: a soft rule written hard = "false" became hard.
    err = _child(
        tmp_path,
        votes="""
        [a]
        type = "int"
        value = 1
        hard = "false"
        rule = 5
        instrument = "MINE"
        article = "1"
        [b]
        type = "str"
        value = "A"
        choices = "AB"
        rule = "R"
        instrument = "MINE"
        article = "1"
        reliability = "GOOD"
        [c]
        type = "int"
        value = 1
        choices = ["X"]
        rule = "R"
        instrument = "MINE"
        article = "1"
        """,
    )
    assert err is not None
    assert sorted((p.code, p.path) for p in err.problems) == [
        ("CHOICE", "child/votes.toml:b.reliability"),
        ("CHOICE", "child/votes.toml:c.choices"),
        ("TYPE", "child/votes.toml:a.hard"),
        ("TYPE", "child/votes.toml:a.rule"),
        ("TYPE", "child/votes.toml:b.choices"),
    ]


def test_instruments_are_checked(tmp_path: Path) -> None:
    _write_profile(
        tmp_path,
        "inst",
        """
        id = "inst"
        regime = "NPC"
        local = "yes"
        title_zh = "x"
        title_en = "x"
        valid_from = 2021-01-01
        [instruments]
        A = "just a string"
        [instruments.B]
        url = "https://example.org"
        effective_from = "2021-01-01"
        reliability = "PROBABLY"
        """,
    )
    with pytest.raises(InvalidDataError) as info:
        load_policy("inst", search=[tmp_path])
    assert sorted((p.code, p.path) for p in info.value.problems) == [
        ("CHOICE", "inst/profile.toml:instruments.B.reliability"),
        ("MISSING", "inst/profile.toml:instruments.B.title"),
        ("TYPE", "inst/profile.toml:instruments.A"),
        ("TYPE", "inst/profile.toml:instruments.B.effective_from"),
        ("TYPE", "inst/profile.toml:local"),
    ]


def test_a_parameter_name_is_defined_once_per_profile(tmp_path: Path) -> None:
    # "a.b" + key "c" and "a" + key "b.c" both name "a.b.c"; the second silently won.
    spec = """
        [{key}]
        type = "int"
        value = {value}
        rule = "R"
        instrument = "MINE"
        article = "1"
        """
    files = {"a.b": spec.format(key="c", value=1), "a": spec.format(key='"b.c"', value=2)}
    err = _child(tmp_path, **files)
    assert err is not None
    assert [p.code for p in err.problems] == ["DUPLICATE"]


def test_policy_for_loads_only_the_profiles_that_can_match(tmp_path: Path) -> None:
    import datetime as dt
    import shutil

    from huanjie_rules.limits import DEFAULT_LIMITS
    from huanjie_rules.model import Regime
    from huanjie_rules.policy import _load, list_policies, load_policy, policy_for, reload_policies

    # Every answer is the one loading every profile gives.
    reload_policies()
    for regime in Regime:
        for day in (dt.date(2012, 3, 1), dt.date(2019, 6, 30), dt.date(2021, 5, 1)):
            everyone = [
                p
                for pid in _load.list_policies()
                if (p := _load._load_cached(pid, (), DEFAULT_LIMITS)).regime is regime
                and not p.local
                and p.in_force(day)
            ]
            if len(everyone) == 1:
                assert policy_for(regime, day) == everyone[0]
    # The first call loads one profile of its regime, not all of them.
    reload_policies()
    policy_for(Regime.VILLAGE, dt.date(2021, 5, 1))
    assert _load._load_cached.cache_info().currsize == 1
    # An edited profile is read again after reload_policies (a user's copy has its own id: a
    # shipped id in a user's folder is refused).
    shutil.copytree(_load._shipped_root().joinpath("village-2018"), tmp_path / "my-village")  # type: ignore[arg-type]
    meta = tmp_path / "my-village" / "profile.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('id = "village-2018"', 'id = "my-village"'),
        encoding="utf-8",
    )
    before = load_policy("my-village", search=tmp_path)
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("Village committees", "Edited"), encoding="utf-8"
    )
    assert load_policy("my-village", search=tmp_path) is before
    # The folder scan is kept too: a profile added later is seen after reload_policies.
    shutil.copytree(tmp_path / "my-village", tmp_path / "my-village-2")
    meta2 = tmp_path / "my-village-2" / "profile.toml"
    meta2.write_text(
        meta2.read_text(encoding="utf-8").replace('id = "my-village"', 'id = "my-village-2"'),
        encoding="utf-8",
    )
    assert "my-village-2" not in list_policies(search=tmp_path)
    reload_policies()
    assert "my-village-2" in list_policies(search=tmp_path)
    after = load_policy("my-village", search=tmp_path)
    assert after.title_en.startswith("Edited") and not before.title_en.startswith("Edited")
