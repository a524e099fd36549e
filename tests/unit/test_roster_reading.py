"""Reading rosters: which sheets, missing columns, clashing rows and malformed sheets.

Each test stands for a way a real workbook goes wrong: a roster beside last term's sheet, a
roster without 政治面貌, two rows with one ID number, a formula saved without its value, a
sheet with a header and nothing under it, a sheet without 姓名 and 拟任职务.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from pathlib import Path

import openpyxl
import pytest

from huanjie_rules.errors import RuleInputError, TableReadError
from huanjie_rules.idcard import check_character
from huanjie_rules.io.tables import (
    ALL_SHEETS,
    SheetInfo,
    list_sheets,
    read_roster,
    screen_roster,
    write_roster,
    write_xlsx,
)

ON = dt.date(2021, 3, 1)
BUNDLED = resources.files("huanjie_rules.examples").joinpath("county_roster_2021.xlsx")


def _id(body: str) -> str:
    return body + check_character(body)


ROW = {
    "村（社区）": "东村",
    "姓名": "王芳",
    "性别": "女",
    "民族": "汉族",
    "出生年月": "1982.03",
    "全日制学历": "大专",
    "政治面貌": "中共党员",
    "拟任职务": "村委会委员",
    "是否连任": "是",
}


# -- which sheets --------------------------------------------------------------------------------


def test_a_workbook_with_several_sheets_of_data_is_refused_unless_one_is_named() -> None:
    data = BUNDLED.read_bytes()
    with pytest.raises(TableReadError) as err:
        read_roster(data)
    assert err.value.code == "SHEET_REQUIRED" and err.value.path == "sheet"
    assert "名册" in err.value.message and "上届" in err.value.message
    assert err.value.message_zh and err.value.message_en
    sheets = list_sheets(data)
    assert [s.name for s in sheets] == ["名册", "上届"] and all(s.rows > 100 for s in sheets)
    now = read_roster(data, sheet="名册")
    before = read_roster(data, sheet="上届")
    both = read_roster(data, sheet=ALL_SHEETS)
    assert now.sheets == ("名册",) and {e.sheet for e in now.entries} == {"名册"}
    assert both.rows_read == now.rows_read + before.rows_read
    screened = screen_roster(data, "xzhen-2021", on=ON, sheet="名册")
    assert {r.entry.sheet for r in screened.results} == {"名册"}


def test_empty_sheets_beside_the_roster_do_not_count() -> None:
    book = io.BytesIO()
    write_xlsx([("Sheet1", [ROW]), ("Sheet2", []), ("Sheet3", [])], book)
    # write_xlsx gives an empty sheet a "-" header cell; a sheet Excel left empty has none
    wb = openpyxl.load_workbook(io.BytesIO(book.getvalue()))
    for name in ("Sheet2", "Sheet3"):
        wb[name].delete_rows(1)
    plain = io.BytesIO()
    wb.save(plain)
    roster = read_roster(plain.getvalue())
    assert roster.sheets == ("Sheet1",) and len(roster.entries) == 1
    assert list_sheets(plain.getvalue()) == (
        SheetInfo("Sheet1", 2),
        SheetInfo("Sheet2", 0),
        SheetInfo("Sheet3", 0),
    )


def test_dataframes_by_sheet_follow_the_same_rule() -> None:
    pd = pytest.importorskip("pandas")
    frames = {"本届": pd.DataFrame([ROW]), "上届": pd.DataFrame([ROW])}
    with pytest.raises(TableReadError) as err:
        read_roster(frames)
    assert err.value.code == "SHEET_REQUIRED"
    assert read_roster(frames, sheet="本届").sheets == ("本届",)
    assert read_roster(frames, sheet=ALL_SHEETS).sheets == ("本届", "上届")


# -- a roster without 政治面貌 ---------------------------------------------------------------------


def test_no_political_status_column_refuses_party_post_rows_and_says_so() -> None:
    rows = [
        {k: v for k, v in {**ROW, "拟任职务": "村党支部书记"}.items() if k != "政治面貌"},
        {k: v for k, v in ROW.items() if k != "政治面貌"},
    ]
    roster = read_roster(rows, name="名册")
    assert [(p.code, p.severity.value) for p in roster.sheet_problems][:1] == [
        ("NO_POLITICAL_STATUS_COLUMN", "WARN")
    ]
    (rejected,) = roster.rejected
    assert rejected.row == 2
    assert [(p.column, p.code) for p in rejected.problems] == [("政治面貌", "MISSING_COLUMN")]
    (entry,) = roster.entries  # the 村委会委员 is read: the village law asks no 政治面貌
    assert entry.political_status is None
    result = screen_roster(roster, "xzhen-2021", on=ON)
    codes = {f.code for r in result.results for f in r.findings}
    assert "NO_CANDIDACY_STANDING" not in codes  # never a silent 非党员
    assert result.summary()["rejected_rows"] == 1


# -- dates as a spreadsheet exports them -----------------------------------------------------------


def test_text_year_dot_one_is_as_ambiguous_as_the_number(tmp_path: Path) -> None:
    path = tmp_path / "名册.csv"
    lines = [
        "姓名,性别,民族,出生年月,政治面貌,拟任职务,是否连任",
        "王芳,女,汉族,2003.1,群众,村委会委员,否",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    by_path = read_roster(path)
    assert [p.code for r in by_path.rejected for p in r.problems] == ["DATE_AMBIGUOUS"]
    pd = pytest.importorskip("pandas")
    as_number = read_roster(pd.read_csv(path), name="名册")  # pandas reads 2003.1 as a float
    assert by_path.rejected == as_number.rejected
    (problem,) = by_path.rejected[0].problems
    assert "1月或10月" in problem.message_zh and "2003.10" in problem.message_en
    ok = read_roster([{**ROW, "出生年月": "2003.10"}, {**ROW, "出生年月": "2003.01"}])
    assert [e.person.birth_date for e in ok.entries] == [dt.date(2003, 10, 1), dt.date(2003, 1, 1)]


# -- clashing rows ---------------------------------------------------------------------------------


def test_one_id_number_for_two_people_refuses_both_rows_each_naming_the_other() -> None:
    number = _id("11010519820202001")
    rows = [
        {**ROW, "姓名": "甲", "身份证号": number, "出生年月": "1982.02"},
        {**ROW, "姓名": "乙", "身份证号": number, "出生年月": "1982.02"},
        {**ROW, "姓名": "丙", "身份证号": _id("11010519900701004"), "出生年月": "1990.07"},
    ]
    roster = read_roster(rows, name="名册")
    assert [e.person.name for e in roster.entries] == ["丙"]
    got = [(r.row, p.code, p.message_zh) for r in roster.rejected for p in r.problems]
    assert got == [
        (
            2,
            "ID_CONFLICT",
            "公民身份号码与工作表“名册”第3行相同，但个人信息不一致；两行均未读取，请核实",
        ),
        (
            3,
            "ID_CONFLICT",
            "公民身份号码与工作表“名册”第2行相同，但个人信息不一致；两行均未读取，请核实",
        ),
    ]
    assert "same ID number as sheet 名册 row 3" in roster.rejected[0].problems[0].message_en
    assert all(number not in p.value for r in roster.rejected for p in r.problems)
    assert roster.rows_read == len(roster.entries) + len(roster.rejected)


def test_a_third_row_with_the_clashing_number_is_refused_too_and_yijiantiao_still_merges() -> None:
    number = _id("11010519820202001")
    same = {**ROW, "身份证号": number, "出生年月": "1982.02"}
    rows = [
        {**same, "拟任职务": "村党支部书记"},
        same,  # the same person for the village committee: one person, two candidacies
        {**same, "拟任职务": "村委会主任", "村（社区）": "西村"},  # and in another village
        {**same, "拟任职务": "村党支部委员"},
    ]
    roster = read_roster(rows, name="名册")
    assert roster.entries == ()
    assert {(r.row, r.problems[0].code) for r in roster.rejected} == {
        (2, "DUPLICATE_ID"),
        (3, "DUPLICATE_ID"),
        (4, "DUPLICATE_ID"),
        (5, "DUPLICATE_ID"),
    }
    merged = read_roster(rows[:2], name="名册")
    assert len(merged.entries) == 2 and merged.entries[0].key == merged.entries[1].key


def test_a_repeated_key_refuses_both_rows() -> None:
    rows = [{**ROW, "编号": "K1"}, {**ROW, "姓名": "李强", "编号": "K1"}]
    roster = read_roster(rows, name="名册")
    assert roster.entries == ()
    assert [(r.row, r.problems[0].code) for r in roster.rejected] == [
        (2, "DUPLICATE_KEY"),
        (3, "DUPLICATE_KEY"),
    ]
    assert "编号“K1”与工作表“名册”第3行相同" in roster.rejected[0].problems[0].message_zh


# -- malformed sheets ------------------------------------------------------------------------------


def test_a_formula_saved_without_its_value_is_reported_as_such(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "名册"
    heads = list(ROW)
    ws.append(heads)
    ws.append(list(ROW.values()))
    ws.append(list(ROW.values()))
    ws.append([None] * len(heads))
    ws.cell(row=3, column=heads.index("姓名") + 1, value='=CONCAT("王","芳")')
    ws.cell(row=4, column=heads.index("全日制学历") + 1, value="=B2")  # a whole row of formulas
    for col in range(1, len(heads) + 1):
        if col != heads.index("全日制学历") + 1:
            ws.cell(row=4, column=col, value=f"=B{col}")
    path = tmp_path / "formulas.xlsx"
    book.save(path)  # openpyxl computes nothing: the formulas have no stored values
    roster = read_roster(path)
    assert roster.rows_read == 3 and len(roster.entries) == 1
    first = roster.rejected[0]
    assert [(p.row, p.column, p.code) for p in first.problems] == [(3, "姓名", "FORMULA_NO_VALUE")]
    assert "公式" in first.problems[0].message_zh and "MISSING_VALUE" not in {
        p.code for p in first.problems
    }
    second = roster.rejected[1]
    assert second.row == 4 and {p.code for p in second.problems} == {"FORMULA_NO_VALUE"}
    assert len(second.problems) == len(heads)


def test_a_sheet_with_only_a_header_gets_a_note(tmp_path: Path) -> None:
    path = tmp_path / "header.xlsx"
    write_xlsx([("名册", [dict.fromkeys(ROW)])], path)
    roster = read_roster(path)
    assert roster.rows_read == 0
    assert ("NO_DATA_ROWS", "名册") in {(p.code, p.sheet) for p in roster.sheet_problems}
    note = next(p for p in roster.sheet_problems if p.code == "NO_DATA_ROWS")
    assert note.message_zh == "工作表“名册”只有表头，没有数据行"


def test_a_sheet_without_name_and_post_columns_refuses_its_rows_for_those_columns() -> None:
    rows = [{k: v for k, v in ROW.items() if k not in ("姓名", "拟任职务")}] * 2
    roster = read_roster(rows, name="名册")
    assert roster.rows_read == 2 and roster.entries == ()
    missing = [(p.column, p.code) for p in roster.sheet_problems if p.severity.value == "FAIL"]
    assert missing == [("姓名", "REQUIRED_COLUMN_MISSING"), ("拟任职务", "REQUIRED_COLUMN_MISSING")]
    for rejected in roster.rejected:
        assert rejected.row in (2, 3)  # the header row is a header, not a rejected row 1
        assert [(p.column, p.code) for p in rejected.problems] == [
            ("姓名", "MISSING_COLUMN"),
            ("拟任职务", "MISSING_COLUMN"),
        ]


# -- writing a roster back ---------------------------------------------------------------------


def test_write_roster_lists_the_rows_it_could_not_read_in_a_sheet_of_their_own(
    tmp_path: Path,
) -> None:
    rows = [
        ROW,
        {**ROW, "姓名": "李强", "出生年月": "1979.13"},
        {**ROW, "姓名": "赵六", "拟任职务": "委员"},
        {**ROW, "姓名": "孙丽"},
    ]
    roster = read_roster(rows, name="名册")
    assert len(roster.entries) == 2 and len(roster.rejected) == 2
    path = tmp_path / "back.xlsx"
    write_roster(roster, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["名册", "未能读取"]
    written = [[c.value for c in r] for r in book["名册"].iter_rows()]
    listed = [[c.value for c in r] for r in book["未能读取"].iter_rows()]
    head = listed[0]
    assert [r[head.index("行号")] for r in listed[1:]] == [3, 4]
    assert [r[head.index("代码")] for r in listed[1:]] == ["DATE_INVALID", "AMBIGUOUS_POST"]
    assert len(written) - 1 + len({r[head.index("行号")] for r in listed[1:]}) == len(rows)
    with pytest.raises(TableReadError):
        read_roster(path)  # two sheets of data: say which
    again = read_roster(path, sheet="名册")
    assert [e.person for e in again.entries] == [e.person for e in roster.entries]
    alone = tmp_path / "alone.xlsx"
    write_roster(roster, alone, rejected_sheet=None)
    assert openpyxl.load_workbook(alone).sheetnames == ["名册"]
    with pytest.raises(RuleInputError):
        write_roster(roster, alone, rejected_sheet="名册")


@pytest.mark.parametrize("path", ["名册\x00.xlsx", "x" * 5000 + ".xlsx", "/nonexistent/名册.xlsx"])
def test_a_path_that_cannot_be_read_is_the_library_s_error(path: str) -> None:
    with pytest.raises(TableReadError) as err:
        read_roster(path)
    assert err.value.code == "UNREADABLE_FILE"
