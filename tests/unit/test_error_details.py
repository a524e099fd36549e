"""Details of problems and errors in Chinese: the detail catalogue (errors.details.toml).

Every message the argument checks and the JSON readers produce has a template, so that
``detail_zh`` (and ``render("zh")``) is a whole Chinese sentence; the catalogue's templates each
render in both languages; ID numbers stay masked in the Chinese detail too.
"""

from __future__ import annotations

import collections
import datetime as dt
import inspect
import json
import re
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from huanjie_rules import _args, load_policy
from huanjie_rules._details import detail_of, templates, translate_value, words
from huanjie_rules.errors import (
    ArgumentError,
    HuanjieError,
    InvalidDataError,
    Problem,
    RowsError,
    UnknownPolicyError,
)
from huanjie_rules.io import from_dict, from_json, to_dict
from huanjie_rules.io.calls import error_report

sys.path.insert(0, str(Path(__file__).parents[1] / "fuzz"))
from fuzz_support import RECORD_TYPES, public_callables, sample_values

CJK = re.compile(r"[\u4e00-\u9fff]")
ID = "11010519491231002X"


def _sample(name: str, kind: str | None) -> str:
    return {"int": "3", "word": "int", "detail": "expected int, got str"}.get(kind or "", "'甲'")


@pytest.mark.parametrize(("key", "zh", "en"), templates(), ids=[t[0] for t in templates()])
def test_every_template_renders_in_both_languages(key: str, zh: str, en: str) -> None:
    from huanjie_rules._details import _PLACEHOLDER, _by_key

    raw_en = next(t for t in _by_key().values() if t.key == key)
    assert raw_en.en == en
    source = {t[0]: t for t in templates()}
    assert key in source
    # fill the English side as a raising site would, then read it back
    message = en
    for name in raw_en.names:
        kind = "int" if name in _ints(key) else None
        kind = "word" if name in raw_en.words else kind
        kind = "detail" if name in raw_en.inner else kind
        message = message.replace("{" + name + "}", _sample(name, kind))
    found = detail_of(message)
    assert found is not None, message
    assert found.render("en") == message
    text = found.render("zh")
    assert CJK.search(text) and "{" not in text.replace("{min = …, max = …}", ""), text
    assert _PLACEHOLDER.search(text) is None


def _ints(key: str) -> set[str]:
    import tomllib
    from importlib import resources

    data = tomllib.loads(
        resources.files("huanjie_rules").joinpath("errors.details.toml").read_text("utf-8")
    )
    return set(re.findall(r"\{([a-z_]+):int\}", data["details"][key]["en"]))


def test_details_in_both_languages_on_problems_and_errors() -> None:
    p = Problem("RANGE", "seats[0].count", "must be at least 1, got 0")
    assert p.detail_key == "AT_LEAST_GOT"
    assert p.detail_zh == "须至少为1，实际为0"
    assert p.detail_en == p.message == "must be at least 1, got 0"
    assert p.render("zh") == "seats[0].count：数值超出允许范围（须至少为1，实际为0）[RANGE]"
    assert p.render("en") == (
        "seats[0].count: the value is out of the permitted range (must be at least 1, got 0) [RANGE]"
    )
    err = ArgumentError("expected int, got str", code="TYPE", path="seats")
    assert err.detail_zh == "应为整数（int），实际为文本（str）"
    assert err.render("zh") == "seats：值的类型不符（应为整数（int），实际为文本（str））[TYPE]"
    many = RowsError([p, Problem("TYPE", "x", "expected int, got str")])
    assert "须至少为1" in many.detail_zh and "应为整数" in many.detail_zh
    assert "须至少为1" in InvalidDataError([p]).detail_zh


def test_a_detail_without_a_template_stays_in_english() -> None:
    p = Problem("RANGE", "x", "a sentence the catalogue does not know")
    assert p.detail_key is None
    assert p.detail_zh == p.message
    assert p.render("zh") == "x：数值超出允许范围（a sentence the catalogue does not know）[RANGE]"
    # a generic template never leaves an English phrase inside a Chinese sentence
    assert detail_of("marks must be a (ballots × 2) matrix, got shape (2, 5)") is None
    assert detail_of("expected a sorted matrix") is None
    assert detail_of("expected Sequence[Candidate], got str") is not None


def test_parameters_in_the_librarys_own_words_are_translated() -> None:
    assert translate_value("int | None") == "整数（int）或空值（None）"
    assert translate_value("string 'abc'") == "文本'abc'"
    assert translate_value("boolean true") == "布尔值true"
    assert translate_value("an array") == "数组"
    assert translate_value("'seets'") == "'seets'"  # input is shown as written
    assert all(CJK.search(zh) for zh in words().values())


def test_the_unknown_profile_names_the_known_ones_in_chinese() -> None:
    with pytest.raises(UnknownPolicyError) as info:
        load_policy("xzhen-2012")
    err = info.value
    assert err.detail_zh.startswith("没有编号为'xzhen-2012'的政策配置；已有的配置：")
    assert "xzhen-2021" in err.detail_zh
    report = error_report(err)
    assert report.detail_zh == err.detail_zh and report.detail_en == err.message


def test_id_numbers_stay_masked_in_every_detail() -> None:
    digits = re.compile(r"\d{9,}")
    with pytest.raises(InvalidDataError) as info:
        from_json(json.dumps({"seats": ID, ID: 1}), _record("Election"))
    for p in info.value.problems:
        for text in (p.detail_zh, p.detail_en, p.render("zh"), p.render("en")):
            assert ID not in text and not digits.search(text.replace("*", "")), text
    err = ArgumentError(f"expected int, got {ID!r}", code="TYPE", path=ID)
    for text in (err.detail_zh, err.render("zh"), err.render("en")):
        assert ID[:8] not in text
    assert json.dumps(to_dict(error_report(err)), ensure_ascii=False).count(ID) == 0


def _record(name: str) -> type:
    return next(c for c in RECORD_TYPES if c.__name__ == name)


# -- every message of the argument checks and the readers has a template ------------------------

HOSTILE_ARGUMENTS: list[Any] = [
    None,
    True,
    "x",
    10**50,
    -1,
    1.5,
    object(),
    dt.datetime(2021, 1, 1),
    dt.date(1700, 1, 1),
    Fraction(10**50, 3),
    "y" * 200_001,
    [object()],
    (object(),),
    {"k": object()},
    {object(): 1},
    b"x",
    frozenset({object()}),
]

#: Codes the argument checks and the readers give; each of their messages needs a template.
READER_CODES = {
    "TYPE",
    "LIMIT",
    "RANGE",
    "CHOICE",
    "MISSING",
    "UNKNOWN_KEY",
    "DUPLICATE_KEY",
    "UNKNOWN_LABEL",
    "AMBIGUOUS_LABEL",
    "JSON",
    "ENCODING",
    "CYCLE",
    "SCHEMA_VERSION",
    "ID_MASKED",
    "ID_SHAPE",
    "INVALID",
    "EMPTY",
    "LENGTH",
}


def _untranslated(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted({(code, msg) for code, msg in found if detail_of(msg) is None})


def test_every_argument_check_message_has_a_chinese_detail() -> None:
    found: list[tuple[str, str]] = []
    checked = 0
    for _, fn in public_callables():
        target = fn.__init__ if inspect.isclass(fn) else fn
        target = getattr(target, "__wrapped__", target)
        try:
            params = inspect.signature(target).parameters.values()
        except (TypeError, ValueError):
            continue
        for p in params:
            if p.annotation is p.empty or p.name in ("self", "cls"):
                continue
            try:
                check = _args._checker(_args._resolve(target, p.annotation))
            except Exception:
                continue  # an annotation no entry check reads (a protocol, a numpy array)
            for value in HOSTILE_ARGUMENTS:
                try:
                    check(value, p.name)
                except _args._Bad as bad:
                    checked += 1
                    found.append((bad.code, bad.message))
    assert checked > 1000
    assert {code for code, _ in found} >= {"TYPE", "LIMIT"}
    assert _untranslated(found) == []


def test_the_entry_checks_own_messages_have_chinese_details() -> None:
    from huanjie_rules.age import age_on

    fn: Any = age_on  # called wrongly on purpose
    born, on = dt.date(2000, 1, 1), dt.date(2021, 1, 1)
    for args, kwargs in (((), {}), ((born, on, "x", "y", "z"), {}), ((born, on), {"nope": 1})):
        with pytest.raises(ArgumentError) as info:
            fn(*args, **kwargs)
        assert detail_of(info.value.message) is not None, info.value.message
        assert CJK.search(info.value.detail_zh)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths(v, (*prefix, i))
    return found


def _replace(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in data.items()}
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(data)]


HOSTILE_JSON: list[Any] = [
    None,
    True,
    -1,
    10**40,
    2**63,
    1.5,
    "",
    "1e999999999",
    "1/0",
    "9" * 45,
    ID,
    "1101**************",
    "2021-13-01",
    "2021-02-30",
    [],
    {},
    [[[[[]]]]],
    {"fraction": "1e99"},
    {"date": "2021-13-01"},
    {"x": 1},
    "x" * 100_001,
    "大学",
]


def _read(found: list[tuple[str, str]], fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except InvalidDataError as exc:
        found.extend((p.code, p.message) for p in exc.problems)
    except HuanjieError as exc:
        found.append((exc.code, exc.message))


def test_every_reader_message_has_a_chinese_detail() -> None:
    valid: dict[type, dict[str, Any]] = {}
    for value in sample_values():
        if type(value) in RECORD_TYPES and type(value) not in valid:
            valid[type(value)] = to_dict(value, reveal_ids=True)
    assert len(valid) >= 40
    found: list[tuple[str, str]] = []
    for cls, doc in sorted(valid.items(), key=lambda kv: kv[0].__name__):
        for path in _paths(doc)[1:16]:
            for hostile in HOSTILE_JSON:
                _read(found, from_dict, _replace(doc, path, hostile), cls)
        _read(found, from_dict, {**doc, "seets": 1}, cls)
        for key in list(doc)[:6]:
            _read(found, from_dict, {k: v for k, v in doc.items() if k != key}, cls)
        text = json.dumps(doc, ensure_ascii=False)
        for cut in range(0, len(text), max(1, len(text) // 8)):
            _read(found, from_json, text[:cut], cls)
        raw = text.encode()
        _read(found, from_json, raw[:5] + b"\xff" + raw[5:], cls)
        _read(found, from_json, '{"a": ' + "[" * 100 + "]" * 100 + "}", cls)
        _read(found, from_json, text[:-1] + f', "{list(doc)[-1]}": 1}}', cls)
    codes = collections.Counter(code for code, _ in found)
    assert {"TYPE", "MISSING", "UNKNOWN_KEY", "DUPLICATE_KEY", "JSON", "LIMIT"} <= set(codes)
    assert {"UNKNOWN_LABEL", "ENCODING", "SCHEMA_VERSION"} <= set(codes)
    assert _untranslated([(c, m) for c, m in found if c in READER_CODES]) == []
    # and the rest (a record that contradicts itself) as far as these inputs reach
    assert _untranslated(found) == []


def test_a_path_with_a_nul_character_is_an_unreadable_file() -> None:
    from huanjie_rules.errors import TableReadError
    from huanjie_rules.io.tables import list_sheets, read_roster

    for call in (list_sheets, read_roster):
        with pytest.raises(TableReadError) as info:
            call("名册\x00.xlsx")
        assert info.value.code == "UNREADABLE_FILE"
        assert info.value.detail_zh.endswith("：路径中含有空字符")
