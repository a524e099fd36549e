"""Rosters: reading every row or reporting it, routing a 两委 roster, exporting results."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import polars as pl
import pytest

from huanjie_rules.errors import RuleInputError, TableReadError
from huanjie_rules.idcard import check_character
from huanjie_rules.io.tables import (
    ALL_SHEETS,
    Roster,
    read_roster,
    screen_roster,
    write_roster,
)
from huanjie_rules.io.tables.files import write_xlsx
from huanjie_rules.model import BodyKind, Degree, EducationLevel, Office, PartyStanding, Tenure

ON = dt.date(2021, 3, 1)


def _id(body: str) -> str:
    return body + check_character(body)


GOOD = [
    {
        "乡镇": "东镇",
        "村（社区）": "东村",
        "姓名": "王芳",
        "性别": "女",
        "民族": "汉",
        "出生年月": "1982.03",
        "身份证号": _id("11010519820315002"),
        "全日制学历": "大专",
        "政治面貌": "中共党员",
        "拟任职务": "书记、主任",
        "是否连任": "是",
    },
    {
        "乡镇": "东镇",
        "村（社区）": "东村",
        "姓名": "王芳",  # a second, different 王芳: names repeat
        "性别": "女",
        "民族": "回族",
        "出生年月": "1990-07-01",
        "身份证号": _id("11010519900701004"),
        "全日制学历": "高中",
        "政治面貌": "群众",
        "拟任职务": "村委会委员",
        "是否连任": "新任",
    },
]


def test_good_rows_read_with_two_candidacies_for_yijiantiao() -> None:
    roster = read_roster(GOOD, name="名册")
    assert roster.rejected == ()
    first, second = roster.entries
    assert first.posts == (Office.SECRETARY, Office.VILLAGE_DIRECTOR)
    assert [c.office for c in first.candidacies()] == [Office.SECRETARY, Office.VILLAGE_DIRECTOR]
    # month-only birth date: the day comes from the ID number, and the note says so
    assert first.person.birth_date == dt.date(1982, 3, 15)
    assert [n.code for n in first.notes] == ["DATE_DAY_FROM_ID"]
    assert first.person.party_standing is PartyStanding.FULL_MEMBER
    assert first.tenure is Tenure.CONTINUING and second.tenure is Tenure.NEW
    assert first.key != second.key and first.person.name == second.person.name
    assert second.person.ethnicity == "回族"


BAD = [
    # row 2: good
    GOOD[0],
    # row 3: impossible date
    {**GOOD[1], "出生年月": "1979.13.01"},
    # row 4: unknown spellings (性别, 政治面貌) and an ambiguous 学历
    {**GOOD[1], "性别": "未知", "政治面貌": "党员候选", "全日制学历": "大学"},
    # row 5: duplicate ID number for the same committee
    {**GOOD[0], "拟任职务": "村党支部书记"},
    # row 6: ambiguous post
    {**GOOD[1], "身份证号": _id("11010519900701012"), "拟任职务": "委员"},
    # row 7: a post no profile here governs
    {**GOOD[1], "身份证号": _id("11010519900701020"), "拟任职务": "妇联主席"},
    # row 8: a number cell 1979.1 — January or October?
    {**GOOD[1], "身份证号": _id("11010519900701039"), "出生年月": 1979.1},
    # row 9: empty name
    {**GOOD[1], "身份证号": _id("11010519900701047"), "姓名": ""},
]


def test_every_bad_row_is_reported_with_sheet_row_and_column_and_none_is_dropped() -> None:
    roster = read_roster(BAD, name="名册")
    assert roster.rows_read == len(BAD) == len(roster.entries) + len(roster.rejected)
    got = {(p.row, p.column, p.code) for r in roster.rejected for p in r.problems}
    assert got == {
        (3, "出生年月", "DATE_INVALID"),
        (4, "性别", "UNKNOWN_SPELLING"),
        (4, "政治面貌", "UNKNOWN_SPELLING"),
        (4, "全日制学历", "AMBIGUOUS_SPELLING"),
        (2, "身份证号", "DUPLICATE_ID"),  # both rows of a clash, each naming the other
        (5, "身份证号", "DUPLICATE_ID"),
        (6, "拟任职务", "AMBIGUOUS_POST"),
        (7, "拟任职务", "POST_NOT_COVERED"),
        (8, "出生年月", "DATE_AMBIGUOUS"),
        (9, "姓名", "MISSING_VALUE"),
    }
    assert all(p.sheet == "名册" for r in roster.rejected for p in r.problems)
    assert all(p.message_zh and p.message_en for p in roster.problems())


def test_missing_required_column_rejects_each_row(tmp_path: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "拟任职务"} for r in GOOD]
    path = tmp_path / "roster.xlsx"
    write_xlsx([("名册", rows)], path)
    roster = read_roster(path)
    assert roster.rows_read == 2 and len(roster.rejected) == 2 and not roster.entries
    assert {(p.sheet, p.row, p.code) for r in roster.rejected for p in r.problems} == {
        ("名册", 2, "MISSING_COLUMN"),
        ("名册", 3, "MISSING_COLUMN"),
    }


def test_empty_sheet_is_a_sheet_problem(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "empty.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("空表")
    book.close()
    roster = read_roster(path)
    assert roster.rows_read == 0
    assert [(p.sheet, p.code) for p in roster.sheet_problems] == [("空表", "EMPTY_SHEET")]


def test_unknown_columns_are_reported_and_kept() -> None:
    roster = read_roster([{**GOOD[1], "备注": "外出务工"}], name="名册")
    assert ("备注", "外出务工") in roster.entries[0].extra
    assert any(p.code == "UNKNOWN_COLUMN" and p.column == "备注" for p in roster.sheet_problems)


def test_header_map_overrides_and_refuses_unknown_fields() -> None:
    rows = [{("生辰" if k == "出生年月" else k): v for k, v in GOOD[1].items()}]
    roster = read_roster(rows, header_map={"生辰": "birth_date"})
    assert roster.entries[0].person.birth_date == dt.date(1990, 7, 1)
    with pytest.raises(RuleInputError) as err:
        read_roster(rows, header_map={"生辰": "horoscope"})
    assert getattr(err.value, "code", "") == "UNKNOWN_FIELD"


def test_unreadable_sources_raise_the_librarys_error() -> None:
    with pytest.raises(TableReadError) as err:
        read_roster(b"PK\x03\x04 not really a zip")
    assert err.value.code == "UNREADABLE_SPREADSHEET"
    with pytest.raises(TableReadError):
        read_roster(12345)
    with pytest.raises(TableReadError):
        read_roster(Path("/nonexistent/roster.xlsx"))


def test_round_trip_written_by_the_library_reads_back_the_same(tmp_path: Path) -> None:
    roster = read_roster(GOOD, name="名册")
    path = tmp_path / "back.xlsx"
    write_roster(roster, path, reveal_ids=True)
    again = read_roster(path)
    assert [e.person for e in again.entries] == [e.person for e in roster.entries]
    assert [e.candidacies() for e in again.entries] == [e.candidacies() for e in roster.entries]


@pytest.mark.parametrize("bundled", ["county_roster_2021.xlsx", "township_slates_2016.xlsx"])
def test_round_trip_keeps_posts_and_their_party_bodies(tmp_path: Path, bundled: str) -> None:
    # a 党支部书记 stays a branch's, a 镇党委委员 a township 党委's (it was screened as a branch's),
    # a 纪委书记 a 纪委's: the body decides which election a post is screened in
    from importlib import resources

    data = (resources.files("huanjie_rules.examples") / bundled).read_bytes()
    roster = read_roster(data, sheet=ALL_SHEETS)
    path = tmp_path / "back.xlsx"
    write_roster(roster, path, reveal_ids=True)
    again = read_roster(path, sheet="名册")  # beside it, a sheet lists the rows not read

    def shape(r: Roster) -> list[tuple[object, ...]]:
        return [
            (
                e.key,
                e.township,
                e.village,
                e.person,
                e.posts,
                e.party_body,
                e.tenure,
                e.political_status,
                e.uncovered_posts,
            )
            for e in r.entries
        ]

    assert again.rows_read == len(roster.entries) and not again.rejected
    assert shape(again) == shape(roster)
    bodies = {e.party_body for e in roster.entries}
    assert bodies & {BodyKind.BRANCH, BodyKind.PARTY_COMMITTEE}


def test_masked_ids_by_default_never_written_whole(tmp_path: Path) -> None:
    roster = read_roster(GOOD, name="名册")
    buffer = io.BytesIO()
    write_roster(roster, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    text = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row)
    for row in GOOD:
        assert str(row["身份证号"]) not in text


def test_pandas_polars_and_xlsx_give_identical_rosters(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx([("名册", GOOD)], path)
    from_xlsx = read_roster(path)
    from_pandas = read_roster(pd.DataFrame(GOOD), name="名册")
    from_polars = read_roster(pl.DataFrame(GOOD), name="名册")
    assert from_pandas.entries == from_xlsx.entries == from_polars.entries
    assert from_pandas.sheet_problems == from_xlsx.sheet_problems == from_polars.sheet_problems


# --------------------------------------------------------------------------------------------
# a 两委 roster under the X镇 2021 setting
# --------------------------------------------------------------------------------------------


def test_xzhen_village_committee_candidates_get_village_law_findings_not_party_failures() -> None:
    young = {
        **GOOD[1],
        "身份证号": _id("11010520030302001"),
        "出生年月": "2003-03-02",
        "姓名": "周强",
        "性别": "男",
    }
    result = screen_roster([*GOOD, young], "xzhen-2021", on=ON, name="名册")
    by = {(r.entry.row, r.office): r for r in result.results}
    assert {
        r.policy_id
        for r in result.results
        if r.office in (Office.VILLAGE_DIRECTOR, Office.VILLAGE_MEMBER)
    } == {"village-2018"}
    assert by[(2, Office.SECRETARY)].policy_id == "xzhen-2021"
    codes = {c for r in result.results for c in (f.code for f in r.findings)}
    assert "NO_CANDIDACY_STANDING" not in codes  # the non-member stands for the 村委会
    assert by[(3, Office.VILLAGE_MEMBER)].verdict == "ELIGIBLE"
    under_age = by[(4, Office.VILLAGE_MEMBER)]
    assert [f.code for f in under_age.findings] == ["AGE_UNDER_MINIMUM"]
    assert under_age.findings[0].citation.instrument == "VC18"
    assert {(r.policy_id, r.why) for r in result.routes} == {
        ("xzhen-2021", "chosen"),
        ("village-2018", "companion"),
    }


def test_a_provincial_village_profile_can_be_named() -> None:
    result = screen_roster(
        GOOD, "xzhen-2021", on=ON, village_policy="zhejiang-village-2020", name="名册"
    )
    village = {r.policy_id for r in result.results if r.office is Office.VILLAGE_DIRECTOR}
    assert village == {"zhejiang-village-2020"}
    with pytest.raises(RuleInputError) as err:
        screen_roster(GOOD, "xzhen-2021", on=ON, village_policy="npc-2020")
    assert getattr(err.value, "code", "") == "REGIME_MISMATCH"


def test_results_export_to_tables_csv_and_xlsx_without_formulas(tmp_path: Path) -> None:
    evil = {
        **GOOD[1],
        "身份证号": _id("11010519900701055"),
        "姓名": '=HYPERLINK("x")',
        "村（社区）": "+西村",
        "乡镇": "@东镇",
    }
    result = screen_roster([*GOOD, evil], "xzhen-2021", on=ON, name="名册")
    findings = result.findings_table("pandas")
    assert {
        "key",
        "name",
        "post",
        "verdict",
        "code",
        "severity",
        "rule_id",
        "article",
        "observed",
        "limit",
        "message_zh",
        "message_en",
    } <= set(findings.columns)
    assert len(result.candidacies_table("polars")) == 4
    path = tmp_path / "out.xlsx"
    result.to_xlsx(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["审查结论", "问题清单", "读取问题", "适用方案"]
    sheet = book["审查结论"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    values = [c for ws in book for row in ws.iter_rows() for c in row]
    assert not [c for c in values if c.data_type == "f"]
    assert any(c.value == '=HYPERLINK("x")' for c in values)
    out = io.StringIO()
    result.to_csv(out)
    assert "'=HYPERLINK" in out.getvalue() and "'+西村" in out.getvalue()
    html = result._repr_html_()
    assert html.startswith("<p>") and len(html) < 20_000
    assert result.summary()["candidacies"] == 4
    assert len(result.to_records()["findings"]) == len(findings)  # type: ignore[arg-type]


def test_progress_callback_sees_every_candidacy() -> None:
    seen: list[tuple[int, int]] = []
    screen_roster(GOOD, "xzhen-2021", on=ON, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (3, 3)


def test_edges_import_no_extra_until_used_and_a_missing_one_names_its_extra() -> None:
    import subprocess
    import sys

    from huanjie_rules.errors import MissingExtraError
    from huanjie_rules.io.tables._sources import require

    code = (
        "import sys, huanjie_rules.io.tables, huanjie_rules.report\n"
        "heavy = [m for m in ('narwhals', 'pandas', 'polars', 'python_calamine', 'xlsxwriter',"
        " 'matplotlib') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    with pytest.raises(MissingExtraError) as err:
        require("huanjie_no_such_module", "tables")
    assert err.value.path == "tables" and "huanjie-rules[tables]" in err.value.message


def test_a_title_row_and_a_two_row_education_header_are_read(tmp_path: Path) -> None:
    # the guide: a title above the header is fine; 全日制教育/在职教育 over 学历/学位 is combined
    import xlsxwriter

    path = tmp_path / "two_rows.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名册")
    ws.write_row(0, 0, ["东镇2021年村两委换届候选人初步人选名册"])
    ws.write_row(1, 0, ["姓名", "性别", "出生年月", "全日制教育", "", "在职教育", "", "拟任职务"])
    ws.write_row(2, 0, ["", "", "", "学历", "学位", "学历", "学位", ""])
    ws.write_row(3, 0, ["王芳", "女", "1982.03", "大专", "无", "大学本科", "学士", "村委会主任"])
    ws.write_row(4, 0, [])
    ws.write_row(5, 0, ["李强", "男", "1985.05", "高中", "", "", "", "村委会委员"])
    book.close()
    seen: list[tuple[int, int]] = []
    roster = read_roster(path, progress=lambda done, total: seen.append((done, total)))
    assert [e.person.name for e in roster.entries] == ["王芳", "李强"]
    edu = roster.entries[0].person.education
    assert (edu.full_time, edu.in_service) == (
        EducationLevel.JUNIOR_COLLEGE,
        EducationLevel.UNDERGRADUATE,
    )
    assert edu.in_service_degree is Degree.BACHELOR and edu.full_time_degree is None
    # progress counts every row of the sheet, title, header and blank rows included, to the end
    assert seen[-1][0] == seen[-1][1] == 6
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_progress_tqdm_draws_a_bar(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    screen_roster(GOOD, "xzhen-2021", on=ON, progress="tqdm")
    assert "100%" in capsys.readouterr().err


def test_ipython_shows_summaries_not_walls_of_repr() -> None:
    pretty = pytest.importorskip("IPython.lib.pretty").pretty
    roster = read_roster(GOOD + BAD, name="名册")
    text = pretty(roster)
    assert text.startswith("<Roster 'list'") and "DATE_INVALID" in text
    assert "Person(" not in text
    entry = pretty(roster.entries[0])
    first = roster.entries[0].key  # 名册!3: row 2's ID number clashes with a later row's
    assert entry.startswith(f"<RosterEntry {first} ") and "\n" not in entry
    assert "Person(" not in pretty(list(roster.entries))
    assert pretty(roster.rejected[0]).startswith("<RejectedRow 名册!")
    result = screen_roster(roster, "xzhen-2021", on=ON)
    shown = pretty(result)
    assert shown.startswith("<RosterScreen") and "village-2018" in shown
    assert "Eligibility(" not in pretty(list(result.results))
    assert pretty(result.results[0]).startswith(f"<CandidacyResult {first} ")


def test_rejected_rows_explain_themselves_in_chinese() -> None:
    roster = read_roster(
        [*BAD, {**GOOD[0], "身份证号": _id("11010519900701055"), "入党时间": "1950-01-01"}],
        name="名册",
    )
    by_code = {p.code: p for r in roster.rejected for p in r.problems}
    assert (
        by_code["DATE_INVALID"].message_zh
        == "“出生年月”的值“1979.13.01”不是有效日期：1979-13-1不是日历上存在的日期"
    )
    person = by_code["INVALID_PERSON"]
    assert (
        person.message_zh
        == "“入党时间”：日期先后顺序不对（早于出生日期（birth_date））[DATE_ORDER]"
    )
    assert person.message_en == "入党时间: is before birth_date [DATE_ORDER]"
