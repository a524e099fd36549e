"""公民身份号码 shape, check character, masking (GB 11643-1999)."""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules import IdNumber, InvalidDataError
from huanjie_rules.idcard import check_character, mask


def test_known_number() -> None:
    n = IdNumber("11010519491231002x")  # lower-case x is normalised
    assert n.reveal() == "11010519491231002X"
    assert n.checksum_ok() and n.problems() == ()
    assert n.birth_date() == dt.date(1949, 12, 31)
    assert n.sex() == "F"


def test_masking_everywhere() -> None:
    n = IdNumber("11010519491231002X")
    assert repr(n) == "IdNumber('1101**************')"
    assert str(n) == "1101**************"
    assert f"{n}" == "1101**************"
    assert n.masked() == "1101**************"
    assert mask("123") == "***"


def test_bad_check_character_is_a_problem_not_an_error() -> None:
    n = IdNumber("110105194912310021")
    assert not n.checksum_ok()
    assert [p.code for p in n.problems()] == ["ID_CHECKSUM"]
    assert "110105194912310021" not in str(n.problems())


def test_impossible_and_future_dates() -> None:
    body = "11010519490230002"
    n = IdNumber(body + check_character(body))
    assert n.birth_date() is None
    assert [p.code for p in n.problems()] == ["ID_BIRTH_DATE"]
    body = "11010520300101002"
    future = IdNumber(body + check_character(body))
    assert [p.code for p in future.problems(today=dt.date(2026, 1, 1))] == ["ID_BIRTH_DATE"]


def test_legacy_15_digits() -> None:
    n = IdNumber("110105491231002")
    assert n.legacy and n.checksum_ok()
    assert n.birth_date() == dt.date(1949, 12, 31)
    assert n.to_18() == IdNumber("11010519491231002X")
    assert n.sex() == "F"


@pytest.mark.parametrize(
    "bad", ["", "1234", "11010519491231002Y", "1101051949123100211", "ABCDEF19491231002X"]
)
def test_shape(bad: str) -> None:
    with pytest.raises(InvalidDataError) as info:
        IdNumber(bad)
    assert info.value.problems[0].code == "ID_SHAPE"
    assert bad[6:-4] not in str(info.value) or len(bad) <= 10


def test_check_character_input() -> None:
    with pytest.raises(ValueError, match="17 digits"):
        check_character("123")


@pytest.mark.parametrize(
    "digits",
    [
        "\u0661\u0661\u0660\u0661\u0660\u0665\u0661\u0669\u0664\u0669\u0661\u0662\u0663\u0661"
        "\u0660\u0660\u0662X",  # Arabic-Indic digits, which \d alone would take
        "".join(chr(ord(c) + 0xFEE0) for c in "110105194912310020"),  # full-width digits
        "110105491231002\u0663",  # 15 ASCII digits and one more that is not ASCII
    ],
)
def test_only_ascii_digits_make_an_id_number(digits: str) -> None:
    with pytest.raises(InvalidDataError) as info:
        IdNumber(digits)
    assert info.value.problems[0].code == "ID_SHAPE"
    with pytest.raises(ValueError, match="17 digits"):
        check_character(digits[:17])
