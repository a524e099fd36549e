"""Profiles from users' folders, read as untrusted input.

Regression tests for what a hostile or careless caller found: a string ``search`` walked the file
system from "/", folders raised FileNotFoundError / IsADirectoryError / UnicodeDecodeError /
RecursionError / TypeError, a misspelled or wrong-typed table field was dropped silently (a
71-year-old secretary passed), an override could widen a parameter's choices, and two folders
holding the same id were resolved by file-system order.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from huanjie_rules import load_policy, policy_for
from huanjie_rules.errors import (
    ArgumentError,
    HuanjieError,
    InvalidDataError,
    PolicyError,
    UnknownPolicyError,
)
from huanjie_rules.limits import Limits
from huanjie_rules.model import Regime
from huanjie_rules.policy import list_policies

_PARENT = "xzhen-2021"  # valid 2020-10-01 … 2021-12-31, extends party-basic-2020


def meta(pid: str, extends: str = _PARENT, **extra: str) -> str:
    lines = [
        f'id = "{pid}"',
        'regime = "PARTY_BASIC"',
        f'extends = "{extends}"',
        "local = true",
        'title_zh = "测试"',
        'title_en = "test"',
        "valid_from = 2020-10-01",
        "valid_to = 2021-12-31",
        *(f"{k} = {v}" for k, v in extra.items()),
        "[instruments.TEST]",
        'title = "测试文件"',
        'url = "https://example.org/test"',
    ]
    return "\n".join(lines) + "\n"


def profile(root: Path, pid: str, files: dict[str, str] | None = None, **kw: str) -> Path:
    d = root / pid
    d.mkdir(parents=True)
    (d / "profile.toml").write_text(meta(pid, **kw), encoding="utf-8")
    for stem, text in (files or {}).items():
        (d / f"{stem}.toml").write_text(text, encoding="utf-8")
    return d


def problems(err: InvalidDataError) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in err.problems]


ROLE_ROW = """
[role_limits]
type = "tables"
rule = "TEST-ROLE"
instrument = "TEST"
article = "第一条"
[[role_limits.value]]
{row}
"""


# -- the search argument ------------------------------------------------------------------------


def test_one_folder_may_be_given_as_a_string_or_a_path(tmp_path: Path) -> None:
    profile(tmp_path, "mine")
    start = time.perf_counter()
    assert load_policy("mine", search=str(tmp_path)).lineage[0] == "mine"
    assert time.perf_counter() - start < 5  # never a walk of the whole file system
    assert load_policy("mine", search=tmp_path).id == "mine"
    assert "mine" in list_policies(search=str(tmp_path))


@pytest.mark.parametrize("search", [123, b"/tmp", [1], [b"/tmp"], None, [""], ["a\x00b"]])
def test_search_of_another_type_is_an_argument_error(search: object) -> None:
    with pytest.raises(ArgumentError) as info:
        load_policy("village-2018", search=search)  # type: ignore[arg-type]
    assert info.value.path.startswith("search")


def test_a_missing_folder_is_reported_not_raised_as_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(InvalidDataError) as info:
        load_policy("village-2018", search=[tmp_path / "nope", tmp_path])
    assert problems(info.value) == [("NOT_A_FOLDER", "search[0]")]


@pytest.mark.parametrize(
    ("name", "value"), [("profile_id", 5), ("strict", "no"), ("on", "2021-01-01"), ("limits", 3)]
)
def test_load_policy_checks_its_arguments(name: str, value: object) -> None:
    kwargs: dict[str, object] = {name: value}
    pid = kwargs.pop("profile_id", "village-2018")
    with pytest.raises(ArgumentError) as info:
        load_policy(pid, **kwargs)  # type: ignore[arg-type]
    assert info.value.path == name


def test_policy_for_checks_its_arguments() -> None:
    with pytest.raises(ArgumentError):
        policy_for("VILLAGE", dt.date(2021, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ArgumentError):
        policy_for(Regime.VILLAGE, dt.date(1, 1, 1))


# -- containment --------------------------------------------------------------------------------


def test_a_folder_link_out_of_the_search_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    profile(outside, "elsewhere")
    root = tmp_path / "root"
    root.mkdir()
    (root / "elsewhere").symlink_to(outside / "elsewhere", target_is_directory=True)
    with pytest.raises(InvalidDataError) as info:
        load_policy("elsewhere", search=root)
    assert problems(info.value) == [("OUTSIDE_FOLDER", "search[0]/elsewhere")]


def test_a_file_link_out_of_the_search_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.toml"
    secret.write_text("[x]\ntype = 'int'\nvalue = 1\n", encoding="utf-8")
    root = tmp_path / "root"
    d = profile(root, "mine")
    (d / "votes.toml").symlink_to(secret)
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=root)
    assert problems(info.value) == [("OUTSIDE_FOLDER", "search[0]/mine/votes.toml")]


def test_a_link_inside_the_folder_is_followed_and_loops_end(tmp_path: Path) -> None:
    root = tmp_path / "root"
    profile(root / "real", "mine")
    (root / "alias").symlink_to(root / "real", target_is_directory=True)
    (root / "real" / "loop").symlink_to(root, target_is_directory=True)
    assert load_policy("mine", search=root).id == "mine"


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    d = profile(tmp_path, "mine")
    (d / "votes.toml").mkdir()
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert problems(info.value) == [("NOT_A_FILE", "search[0]/mine/votes.toml")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    d = profile(tmp_path, "mine")
    os.mkfifo(d / "votes.toml")
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)  # would block for ever if opened
    assert problems(info.value) == [("NOT_A_FILE", "search[0]/mine/votes.toml")]


def test_file_size_is_limited_and_the_limit_configurable(tmp_path: Path) -> None:
    body = "".join(f"# {'x' * 70}\n" for _ in range(20_000))  # about 1.4 MiB of comments
    profile(tmp_path, "mine", {"votes": body})
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert problems(info.value) == [("LIMIT", "search[0]/mine/votes.toml")]
    roomy = Limits(max_profile_file_bytes=4 * 2**20)
    assert load_policy("mine", search=tmp_path, limits=roomy).id == "mine"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xff\xfe[x]\n", "ENCODING"),
        (b"[x\n", "TOML"),
        (b"a = " + b"[" * 5000 + b"]" * 5000, "LIMIT"),
        (b"a = " + b"9" * 5000, "LIMIT"),
    ],
)
def test_unreadable_files_are_the_library_error(tmp_path: Path, content: bytes, code: str) -> None:
    d = profile(tmp_path, "mine")
    (d / "votes.toml").write_bytes(content)
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert problems(info.value) == [(code, "search[0]/mine/votes.toml")]


def test_a_fraction_with_an_exponent_in_a_profile_does_not_hang(tmp_path: Path) -> None:
    votes = """
    [quorum_ratio]
    type = "fraction"
    value = "1e999999999"
    rule = "R"
    instrument = "TEST"
    article = "1"
    """.replace("\n    ", "\n")
    profile(tmp_path, "mine", {"votes": votes})
    start = time.perf_counter()
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert time.perf_counter() - start < 2
    assert problems(info.value) == [("TYPE", "mine/votes.toml:quorum_ratio.value")]


# -- duplicates and extends ---------------------------------------------------------------------


def test_the_same_id_in_two_folders_is_an_error(tmp_path: Path) -> None:
    profile(tmp_path / "a", "mine")
    profile(tmp_path / "b", "mine")
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=[tmp_path / "a", tmp_path / "b"])
    assert problems(info.value) == [("DUPLICATE", "search[1]/mine")]
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)  # both below one folder
    assert [p.code for p in info.value.problems] == ["DUPLICATE"]


def test_a_user_profile_may_not_take_a_shipped_id(tmp_path: Path) -> None:
    profile(tmp_path, "village-2018")
    with pytest.raises(InvalidDataError) as info:
        load_policy("village-2018", search=tmp_path)
    assert problems(info.value) == [("DUPLICATE", "search[0]/village-2018")]


def test_a_cycle_of_extends_is_a_typed_error(tmp_path: Path) -> None:
    profile(tmp_path, "a", extends="b")
    profile(tmp_path, "b", extends="a")
    with pytest.raises(PolicyError) as info:
        load_policy("a", search=tmp_path)
    assert info.value.code == "EXTENDS_CYCLE"
    assert "a → b → a" in str(info.value)


def test_a_deep_chain_of_extends_is_a_typed_error(tmp_path: Path) -> None:
    parent = _PARENT
    for i in range(40):
        profile(tmp_path, f"p{i}", extends=parent)
        parent = f"p{i}"
    with pytest.raises(PolicyError) as info:
        load_policy("p39", search=tmp_path)
    assert info.value.code == "EXTENDS_DEPTH"
    assert load_policy("p39", search=tmp_path, limits=Limits(max_extends=64)).id == "p39"


def test_extending_an_unknown_profile_names_the_extends_key(tmp_path: Path) -> None:
    profile(tmp_path, "mine", extends="nope")
    with pytest.raises(UnknownPolicyError) as info:
        load_policy("mine", search=tmp_path)
    assert info.value.path == "mine/profile.toml:extends"


# -- overrides and table rows -------------------------------------------------------------------


def test_an_override_may_narrow_choices_but_not_widen_them(tmp_path: Path) -> None:
    override = """
[age_mode]
type = "str"
value = "ELECTION_DATE"
choices = {choices}
rule = "R"
instrument = "TEST"
article = "1"
"""
    profile(tmp_path / "a", "narrow", {"eligibility": override.format(choices='["ELECTION_DATE"]')})
    assert load_policy("narrow", search=tmp_path / "a").param("eligibility.age_mode").choices == (
        "ELECTION_DATE",
    )
    wide = '["ELECTION_DATE", "REFERENCE_DATE", "BIRTH_YEAR_CUTOFF", "WHENEVER"]'
    profile(tmp_path / "b", "wide", {"eligibility": override.format(choices=wide)})
    with pytest.raises(InvalidDataError) as info:
        load_policy("wide", search=tmp_path / "b")
    assert problems(info.value) == [("CHOICES_WIDENED", "wide/eligibility.toml:age_mode.choices")]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # the misspelled limit was dropped and a 71-year-old secretary passed
        (
            'id = "OLD"\noffices = ["SECRETARY"]\nmax_agee = 70',
            [("UNKNOWN_KEY", "mine/eligibility.toml:role_limits.value[0].max_agee")],
        ),
        (
            'id = "OLD"\noffices = ["SECRETARY"]\nmax_age = "70"',
            [("TYPE", "mine/eligibility.toml:role_limits.value[0].max_age")],
        ),
        (
            'id = "OLD"\noffices = ["SECRETERY"]\nmax_age = 70',
            [("UNKNOWN_CODE", "mine/eligibility.toml:role_limits.value[0].offices[0]")],
        ),
        (
            'offices = ["SECRETARY"]\nmax_age = 70',
            [("MISSING", "mine/eligibility.toml:role_limits.value[0].id")],
        ),
        (
            'id = "OLD"\nmax_age = 700',
            [("RANGE", "mine/eligibility.toml:role_limits.value[0].max_age")],
        ),
        (
            'id = "OLD"\neducation_min = "COLLEGE"',
            [("UNKNOWN_CODE", "mine/eligibility.toml:role_limits.value[0].education_min")],
        ),
    ],
)
def test_every_table_row_is_checked_against_its_schema(
    tmp_path: Path, row: str, expected: list[tuple[str, str]]
) -> None:
    profile(tmp_path, "mine", {"eligibility": ROLE_ROW.format(row=row)})
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert problems(info.value) == expected


def test_a_well_formed_row_loads_and_applies(tmp_path: Path) -> None:
    profile(
        tmp_path,
        "mine",
        {"eligibility": ROLE_ROW.format(row='id = "OLD"\noffices = ["SECRETARY"]\nmax_age = 70')},
    )
    rows = load_policy("mine", search=tmp_path).get_tables("eligibility.role_limits")
    assert rows[0]["max_age"] == 70


def test_conditional_fields_of_a_negative_list_are_required(tmp_path: Path) -> None:
    lists = """
[list_mine]
type = "tables"
rule = "R"
instrument = "TEST"
article = "1"
[[list_mine.value]]
code = "MINE_01"
zh = "甲"
en = "a"
evidence = "RECORD"
window = "YEARS"
severity = "FATAL"
"""
    profile(tmp_path, "mine", {"eligibility": lists})
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert problems(info.value) == [
        ("UNKNOWN_CODE", "mine/eligibility.toml:list_mine.value[0].severity"),
        ("MISSING", "mine/eligibility.toml:list_mine.value[0].years"),
        ("MISSING", "mine/eligibility.toml:list_mine.value[0].kinds"),
    ]


def test_a_table_parameter_without_a_schema_is_refused(tmp_path: Path) -> None:
    votes = """
[new_table]
type = "table"
value = { a = 1 }
rule = "R"
instrument = "TEST"
article = "1"
"""
    profile(tmp_path, "mine", {"votes": votes})
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert problems(info.value) == [("NO_SCHEMA", "mine/votes.toml:new_table.value")]


def test_every_shipped_table_parameter_has_a_schema() -> None:
    # Loading checks each row; a shipped profile that failed would fail every test. This names
    # the schemas in use so that a schema nothing uses is noticed.
    from huanjie_rules.policy._schema import schema_for, schemas

    used = set()
    for pid in list_policies():
        for p in load_policy(pid):
            if p.type in ("table", "tables"):
                schema = schema_for(p.name)
                assert schema is not None, p.name
                used.add(schema.name)
    assert used == set(schemas())


def test_folder_errors_are_all_library_errors(tmp_path: Path) -> None:
    d = profile(tmp_path, "mine")
    (d / "a.toml").write_bytes(b"\x80")
    (d / "b.toml").mkdir()
    for _ in range(2):
        with pytest.raises(HuanjieError):
            load_policy("mine", search=tmp_path)


def test_proxy_ground_rows_are_checked_against_the_proxy_enums(tmp_path: Path) -> None:
    # proxies.ground_rules rows name codes of enums outside the model module
    rules = """
[ground_rules]
type = "tables"
rule = "TEST-PROXY"
instrument = "TEST"
article = "第一条"
[[ground_rules.value]]
ground = "ILLNESS"
consent = false
forms = ["WRITTEN", "FAX"]
[[ground_rules.value]]
ground = "AWAY"
consent = true
forms = ["WRITTEN"]
"""
    profile(tmp_path, "mine", {"proxies": rules})
    with pytest.raises(InvalidDataError) as info:
        load_policy("mine", search=tmp_path)
    assert sorted(problems(info.value)) == [
        ("UNKNOWN_CODE", "mine/proxies.toml:ground_rules.value[0].forms[1]"),
        ("UNKNOWN_CODE", "mine/proxies.toml:ground_rules.value[0].ground"),
    ]
    fixed = rules.replace('"ILLNESS"', '"ILLNESS_DISABILITY"').replace(', "FAX"', "")
    profile(tmp_path / "fixed", "good", {"proxies": fixed})
    rows = load_policy("good", search=tmp_path / "fixed").get_tables("proxies.ground_rules")
    assert [r["ground"] for r in rows] == ["ILLNESS_DISABILITY", "AWAY"]


def test_a_profile_added_after_the_folder_was_scanned_is_found(tmp_path: Path) -> None:
    profile(tmp_path, "first")
    load_policy("first", search=tmp_path)
    profile(tmp_path, "second")  # written while the process runs (a notebook, a service)
    assert load_policy("second", search=tmp_path).id == "second"
    with pytest.raises(UnknownPolicyError):
        load_policy("third", search=tmp_path)
