"""Rosters and results as tables (extra ``tables``): read a 两委 roster from XLSX, CSV, bytes,
a file object or a pandas/polars dataframe, screen every candidacy under the profile that
governs its post, and export the results to dataframes, CSV and XLSX.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.io.tables import read_roster, screen_roster
    >>> roster = read_roster([{"姓名": "赵六", "性别": "男", "民族": "汉族", "出生日期": "1960.05.01",
    ...                        "政治面貌": "中共党员", "拟任职务": "村党支部书记", "是否连任": "否"}])
    >>> result = screen_roster(roster, "xzhen-2021", on=dt.date(2021, 3, 1))
    >>> [(r.office.label, r.verdict, [f.code for f in r.findings]) for r in result.results]
    [('书记', 'INELIGIBLE', ['AGE_OVER_LIMIT', 'EDUCATION_UNKNOWN', 'PARTY_AGE_DATE_MISSING'])]
"""

from ._sources import ALL_SHEETS, SheetInfo, list_sheets
from .files import write_csv, write_xlsx
from .results import (
    COLUMN_LABELS,
    ROSTER_CHECKS,
    CandidacyResult,
    RosterScreen,
    Route,
    records_frame,
    screen_roster,
)
from .roster import ROSTER_CODES, RejectedRow, Roster, RosterEntry, RowProblem, read_roster
from .spellings import FIELDS, Field, PoliticalStatus
from .writer import write_roster

__all__ = [
    "ALL_SHEETS",
    "COLUMN_LABELS",
    "FIELDS",
    "ROSTER_CHECKS",
    "ROSTER_CODES",
    "CandidacyResult",
    "Field",
    "PoliticalStatus",
    "RejectedRow",
    "Roster",
    "RosterEntry",
    "RosterScreen",
    "Route",
    "RowProblem",
    "SheetInfo",
    "list_sheets",
    "read_roster",
    "records_frame",
    "screen_roster",
    "write_csv",
    "write_roster",
    "write_xlsx",
]
