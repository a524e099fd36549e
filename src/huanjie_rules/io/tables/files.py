"""Writing tables as files: XLSX sheets and CSV with Chinese headers, where a cell that looks
like a formula is always text.

See :func:`write_xlsx` and :func:`write_csv`; :class:`~.results.RosterScreen` and
:func:`~.writer.write_roster` write through them.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..._args import checked
from ...errors import ArgumentError, RuleInputError, TableReadError
from ._sources import require

__all__ = ["COLUMN_LABELS", "write_csv", "write_xlsx"]

#: Chinese headers of the exported tables (XLSX and CSV), by column.
COLUMN_LABELS: Mapping[str, str] = {
    "source": "文件",
    "kind": "记录类别",
    "key": "编号",
    "sheet": "工作表",
    "row": "行号",
    "township": "乡镇",
    "village": "村（社区）",
    "name": "姓名",
    "post": "拟任职务",
    "profile": "适用方案",
    "regime": "选举类别",
    "verdict": "审查结论",
    "fail": "不符合项",
    "warn": "警示项",
    "info": "提示项",
    "codes": "问题代码",
    "code": "代码",
    "severity": "严重程度",
    "rule_id": "规则编号",
    "article": "依据",
    "observed": "实际值",
    "limit": "标准",
    "message_zh": "说明",
    "message_en": "说明（英文）",
    "column": "列",
    "field": "字段",
    "value": "内容",
    "offices": "职务",
    "why": "确定方式",
    "title": "方案名称",
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _columns(rows: Sequence[Mapping[str, object]]) -> list[str]:
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    return cols


@checked
def write_xlsx(
    sheets: Sequence[tuple[str, Sequence[Mapping[str, object]]]],
    target: Any,
    *,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Write named tables as XLSX sheets (text stays text; dates as date cells).

    Column keys are written as their Chinese headers (:data:`COLUMN_LABELS`, and ``labels``
    for the caller's own columns); a key without one is written as it is.
    """
    headers = {**COLUMN_LABELS, **(labels or {})}
    xlsxwriter = require("xlsxwriter", "tables")
    path_like = isinstance(target, str | os.PathLike)
    if not path_like and not callable(getattr(target, "write", None)):
        raise ArgumentError(
            f"target must be a path or a writable binary file, got {type(target).__name__}",
            code="TYPE",
            path="target",
        )
    book = xlsxwriter.Workbook(
        str(target) if path_like else target,
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets:
        ws = book.add_worksheet(name)
        cols = _columns(rows) or ["-"]
        widths = [_width(headers.get(c, c)) for c in cols]
        for j, c in enumerate(cols):
            ws.write_string(0, j, headers.get(c, c), head)
        for i, r in enumerate(rows, start=1):
            for j, c in enumerate(cols):
                value = r.get(c)
                if value is None:
                    continue
                if isinstance(value, bool):
                    ws.write_string(i, j, "是" if value else "否")
                    text = "是"
                elif isinstance(value, int):
                    ws.write_number(i, j, value)
                    text = str(value)
                elif isinstance(value, _dt.date):
                    ws.write_datetime(i, j, _dt.datetime(value.year, value.month, value.day), day)
                    text = value.isoformat()
                else:
                    text = str(value)
                    ws.write_string(i, j, text)
                widths[j] = max(widths[j], _width(text))
        for j, w in enumerate(widths):
            ws.set_column(j, j, min(max(w + 2, 6), 60))
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(cols) - 1)
    try:
        book.close()
    except Exception as exc:  # xlsxwriter raises its own and OS errors
        raise TableReadError(f"cannot write the workbook: {exc}", code="UNWRITABLE") from exc


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value) if not isinstance(value, bool) else ("是" if value else "否")
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


@checked
def write_csv(rows: Sequence[Mapping[str, object]], target: Any) -> None:
    """Write rows as CSV with Chinese headers; formula-looking text is prefixed with '."""
    cols = _columns(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([COLUMN_LABELS.get(c, c) for c in cols])
    for r in rows:
        writer.writerow([_csv_cell(r.get(c)) for c in cols])
    text = buffer.getvalue()
    if isinstance(target, str | os.PathLike):
        try:
            Path(target).write_text(text, encoding="utf-8-sig", newline="")
        except (OSError, ValueError) as exc:
            raise RuleInputError(
                f"cannot write the CSV file: {getattr(exc, 'strerror', None) or exc}",
                code="UNWRITABLE",
                path="target",
            ) from None
    elif isinstance(target, io.TextIOBase):
        target.write(text)
    elif callable(getattr(target, "write", None)):
        target.write(("\ufeff" + text).encode("utf-8"))
    else:
        raise ArgumentError(
            f"target must be a path or a writable file, got {type(target).__name__}",
            code="TYPE",
            path="target",
        )
