"""Smoke program of the extra ``tables`` (XLSX/CSV rosters: python-calamine, xlsxwriter, narwhals).

``python -I smoke/extra_tables.py`` in an environment with the extra: a roster written as XLSX
reads back to the same people and is screened under its profile. With ``--absent``, in one
without it: plain rows still read, and writing XLSX refuses with MissingExtraError naming the
extra.
"""

from __future__ import annotations

import datetime as dt
import io
import sys

from huanjie_rules.errors import MissingExtraError
from huanjie_rules.io.tables import read_roster, screen_roster, write_roster

ROWS = [
    {
        "姓名": "赵六",
        "性别": "男",
        "民族": "汉族",
        "出生日期": "1960.05.01",
        "政治面貌": "中共党员",
        "拟任职务": "村党支部书记",
        "是否连任": "否",
    },
    {
        "姓名": "孙丽",
        "性别": "女",
        "民族": "汉族",
        "出生日期": "1988-08-08",
        "政治面貌": "中共预备党员",
        "拟任职务": "村委会委员",
        "是否连任": "否",
    },
]


def present() -> None:
    roster = read_roster(ROWS, name="名册")
    buffer = io.BytesIO()
    write_roster(roster, buffer)
    again = read_roster(buffer.getvalue())
    assert [e.person for e in again.entries] == [e.person for e in roster.entries]
    result = screen_roster(again, "xzhen-2021", on=dt.date(2021, 3, 1))
    verdicts = {r.entry.person.name: r.verdict for r in result.results}
    assert verdicts["赵六"] == "INELIGIBLE", verdicts  # over the age limit for a secretary
    print("tables smoke passed")


def absent() -> None:
    roster = read_roster(ROWS, name="名册")  # plain rows need no extra
    assert len(roster.entries) == 2
    try:
        write_roster(roster, io.BytesIO())
    except MissingExtraError as err:
        assert err.extra == "tables" and "huanjie-rules[tables]" in str(err), err
    else:
        raise AssertionError("write_roster() worked without the tables extra")
    print("tables absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
