"""Property: a roster read from pandas, from polars, from an XLSX file and from a CSV file (by
path, and through pandas or polars reading every cell as text) gives the same result."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from huanjie_rules.io.tables import read_roster, write_xlsx
from huanjie_rules.io.tables.roster import Roster

POSTS = (
    "书记",
    "村党支部书记",
    "书记、主任",
    "村委会主任",
    "村委会委员",
    "支部委员",
    "委员",
    "妇联主席",
)
EDUCATION = ("大专", "本科", "高中", "初中", "大学", "中专", None)
STATUS = ("中共党员", "中共预备党员", "群众", "共青团员", "民革", "党员候选")
TENURE = ("是", "否", "连任", "新任", None)
DATE_TEXT = ("%Y.%m.%d", "%Y-%m-%d", "%Y年%m月%d日", "%Y%m%d", "%Y.%m", "%Y年%m月")


@st.composite
def rosters(draw: st.DrawFn) -> tuple[list[dict[str, object]], bool]:
    as_dates = draw(st.booleans())
    rows = []
    for i in range(draw(st.integers(min_value=1, max_value=8))):
        born = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2005, 12, 31)))
        birth: object = born if as_dates else born.strftime(draw(st.sampled_from(DATE_TEXT)))
        if not as_dates and draw(st.integers(0, 5)) == 0:
            # a year.month number cell: 1979.10 is stored (and exported to CSV) as 1979.1
            birth = float(f"{born.year}.{born.month:02d}")
        rows.append(
            {
                "村": draw(st.sampled_from(("东村", "西村"))),
                "姓名": draw(st.sampled_from(("王芳", "李强", "张伟", ""))),
                "性别": draw(st.sampled_from(("男", "女", "未知"))),
                "民族": draw(st.sampled_from(("汉族", "回", "蒙古族"))),
                "出生日期": birth,
                "全日制学历": draw(st.sampled_from(EDUCATION)),
                "政治面貌": draw(st.sampled_from(STATUS)),
                "拟任职务": draw(st.sampled_from(POSTS)),
                "是否连任": draw(st.sampled_from(TENURE)),
                "编号": f"K{i}",
            }
        )
    return rows, as_dates


def _same(a: Roster, b: Roster) -> None:
    assert a.entries == b.entries
    assert a.rejected == b.rejected
    assert a.sheet_problems == b.sheet_problems
    assert a.rows_read == b.rows_read


def _csv_text(rows: list[dict[str, object]]) -> str:
    """The rows as a spreadsheet exports them to CSV: numbers as they show (1979.1), dates ISO."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else str(v) for k, v in r.items()})
    return out.getvalue()


@settings(max_examples=40, deadline=None)
@given(rosters())
def test_pandas_polars_xlsx_and_csv_read_alike(
    tmp_path_factory: object, case: tuple[list[dict[str, object]], bool]
) -> None:
    rows, _ = case
    buffer = io.BytesIO()
    write_xlsx([("名册", rows)], buffer)
    from_xlsx = read_roster(buffer.getvalue())
    from_pandas = read_roster(pd.DataFrame(rows), name="名册")
    from_polars = read_roster(pl.DataFrame(rows, strict=False), name="名册")
    _same(from_pandas, from_xlsx)
    _same(from_polars, from_xlsx)
    text = _csv_text(rows)
    folder = Path(tmp_path_factory.mktemp("csv"))  # type: ignore[attr-defined]
    path = folder / "名册.csv"
    path.write_text(text, encoding="utf-8-sig")
    _same(read_roster(path), from_xlsx)
    as_text = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _same(read_roster(as_text, name="名册"), from_xlsx)
    _same(read_roster(pl.read_csv(path, infer_schema=False), name="名册"), from_xlsx)
    assert from_xlsx.rows_read == len(rows) == len(from_xlsx.entries) + len(from_xlsx.rejected)
