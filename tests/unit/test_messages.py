"""Message catalogues: TOML data read on first use; errors and problems in zh-CN and en."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from huanjie_rules import (
    BodyKind,
    Candidate,
    Election,
    ElectionForm,
    Gender,
    HuanjieError,
    InvalidDataError,
    Level,
    Office,
    Person,
    Problem,
    Regime,
    RuleInputError,
    ScreenError,
    Seat,
    load_policy,
    screen_many,
)
from huanjie_rules.messages import ERROR_MESSAGES, Catalogue, language, pick


def test_importing_the_library_reads_no_catalogue() -> None:
    code = (
        "import importlib, huanjie_rules\n"
        "from huanjie_rules.messages import ERROR_MESSAGES\n"
        "names = ['votes', 'eligibility', 'quotas', 'procedure', 'apportion', 'composition']\n"
        "mods = [importlib.import_module('huanjie_rules.' + n) for n in names]\n"
        "cats = [m.FINDING_CODES for m in mods] + [ERROR_MESSAGES]\n"
        "print(sum(cat._messages is not None for cat in cats))\n"
        "mods[0].FINDING_CODES['QUORUM_MET']\n"
        "print(sum(cat._messages is not None for cat in cats))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1"]


def test_a_catalogue_is_a_read_only_mapping_in_file_order() -> None:
    votes = Catalogue("huanjie_rules.votes", "messages.toml")
    codes = list(votes)
    assert codes[0] == "BALLOT_UNREADABLE" and len(codes) == len(votes) == len(set(codes))
    assert "QUORUM_MET" in votes and "NO_SUCH_CODE" not in votes
    assert votes.source == "huanjie_rules/votes/messages.toml"
    with pytest.raises(KeyError):
        votes["NO_SUCH_CODE"]
    with pytest.raises(TypeError):
        votes["QUORUM_MET"] = votes["QUORUM_MET"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[A_CODE]\nzh = 'x'\n", "exactly zh and en"),
        ("[A_CODE]\nzh = 'x'\nen = 'y'\nnote = 'z'\n", "exactly zh and en"),
        ("[A_CODE]\nzh = ' '\nen = 'y'\n", "non-empty strings"),
        ("[A_CODE]\nzh = 1\nen = 'y'\n", "non-empty strings"),
        ("[a_code]\nzh = 'x'\nen = 'y'\n", "UPPER_SNAKE_CASE"),
        ("[A_CODE\nzh = 'x'\n", "is not TOML"),
    ],
)
def test_a_malformed_catalogue_is_a_catalogue_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, why: str
) -> None:
    name = "catalogue_fixture_" + "".join(c for c in tmp_path.name if c.isalnum())
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "messages.toml").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    catalogue = Catalogue(name, "messages.toml")
    with pytest.raises(HuanjieError, match=why) as info:
        len(catalogue)
    assert info.value.code == "CATALOGUE"
    with pytest.raises(HuanjieError, match="cannot be read") as missing:
        len(Catalogue(name, "absent.toml"))
    assert missing.value.code == "CATALOGUE"


def test_languages_by_tag_and_an_unknown_one_refused() -> None:
    assert [language(t) for t in ("zh", "zh-CN", "zh_cn", "ZH-Hans", "en", "en-GB")] == [
        "zh",
        "zh",
        "zh",
        "zh",
        "en",
        "en",
    ]
    assert pick("en", "中", "en") == "en"
    for bad in ("fr", "", "chinese"):
        with pytest.raises(RuleInputError) as info:
            language(bad)
        assert info.value.code == "LANGUAGE" and info.value.path == "lang"


def test_a_problem_in_both_languages() -> None:
    p = Problem("DATE_ORDER", "party_confirmed", "is before party_joined")
    assert p.message_zh == ERROR_MESSAGES["DATE_ORDER"].zh == "日期先后顺序不对"
    assert p.message_en == "the dates are in the wrong order"
    assert (
        p.render("zh")
        == "party_confirmed：日期先后顺序不对（早于入党日期（party_joined））[DATE_ORDER]"
    )
    assert (
        p.render("en", detail=False)
        == "party_confirmed: the dates are in the wrong order [DATE_ORDER]"
    )
    assert Problem("JSON", "", "bad").render("en").startswith("<root>: not valid JSON")
    assert str(p) == "party_confirmed: is before party_joined [DATE_ORDER]"  # unchanged


def test_an_error_in_both_languages_falls_back_to_its_class_code() -> None:
    err = RuleInputError("3 seats", code="ZERO_SEATS", path="seats")
    assert (err.message_zh, err.message_en) == (
        "应选名额须至少为1",
        "there must be at least one seat",
    )
    assert err.render("zh-CN") == "seats：应选名额须至少为1（3 seats）[ZERO_SEATS]"
    assert err.render("en") == "seats: there must be at least one seat (3 seats) [ZERO_SEATS]"
    # A code the catalogue lacks (from code outside the library) reads as its class's code.
    stray = RuleInputError("odd", code="SOMETHING_ELSE")
    assert stray.message_en == ERROR_MESSAGES["RULE_INPUT"].en
    with pytest.raises(RuleInputError):
        err.render("fr")


def test_invalid_data_counts_its_problems_and_renders_each() -> None:
    with pytest.raises(InvalidDataError) as info:
        Seat(office=Office.MEMBER, count=0)
    err = info.value
    assert (
        err.message_zh == "输入数据有1处问题" and err.message_en == "1 problem(s) in the input data"
    )
    two = InvalidDataError([Problem("EMPTY", "a", "x"), Problem("MISSING", "b", "y")])
    assert (
        two.render("zh", detail=False)
        == "输入数据有2处问题：a：不能为空[EMPTY]；b：缺少必填项[MISSING]"
    )
    assert two.render("en").startswith("2 problem(s) in the input data: a: must not be empty (x)")


def test_a_screen_error_row_in_both_languages() -> None:
    policy = load_policy("npc-2020")
    person = Person(name="甲", gender=Gender.FEMALE, birth_date=dt.date(1980, 1, 1))
    election = Election(
        key="n",
        regime=Regime.NPC,
        policy_id="npc-2020",
        body=BodyKind.PEOPLES_CONGRESS,
        level=Level.TOWNSHIP,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 5),
        seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
        entitled_voters=3000,
    )
    stray = Candidate(person=person, office=Office.GOVERNMENT_HEAD)
    (row,) = screen_many([stray], election, policy, on_error="report")
    assert isinstance(row, ScreenError)
    assert row.message_zh == "该职务不在本次选举或本张选票上"
    assert row.render("zh").startswith("candidates[0].office：该职务不在本次选举或本张选票上（")
