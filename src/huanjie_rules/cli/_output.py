"""Writing a result: a terminal table (rich), JSON, CSV or XLSX."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import attrs
from rich.console import Console
from rich.table import Table

from ..errors import RuleInputError
from ..findings import format_scalar
from ..io import calls
from ..io.json import to_json
from ..io.requests import ProfileDiff, ProfileList, RosterBatch
from ..policy import IntRange, Parameter, ParamTable, Policy
from ..votes import Outcome

__all__ = [
    "ROSTER_SUFFIXES",
    "Decided",
    "display_tables",
    "notes_table",
    "primary_table",
    "rejected_table",
    "roster_rows",
    "roster_status",
    "roster_table",
    "write",
]

Rows = tuple[list[str], list[list[str]]]

#: Files read as rosters (extra ``tables``) rather than JSON documents.
ROSTER_SUFFIXES = frozenset({".xlsx", ".xls", ".ods", ".csv"})


_VERDICT_ZH = {
    "ELIGIBLE": "符合",
    "NEEDS_REVIEW": "需审核",
    "INELIGIBLE": "不符合",
    "NOT_SCREENED": "无法审查",
}
_SEVERITY_ZH = {"FAIL": "不符合", "WARN": "警示", "INFO": "提示"}


def roster_rows(batch: RosterBatch) -> list[dict[str, object]]:
    """Every row of every roster accounted for, with the file it came from: findings (a
    candidacy without any: one row with its verdict), rows that could not be read and reading
    notes, told apart by ``kind`` (see :meth:`~huanjie_rules.io.tables.RosterScreen.report_rows`).
    """
    return [
        {"source": screen.roster.source, **row}
        for screen in batch.screens
        for row in screen.report_rows()
    ]


def roster_status(batch: RosterBatch) -> int:
    """1 when a candidacy is ineligible or was not screened, or a row could not be read."""
    for screen in batch.screens:
        s = screen.summary()
        if s["INELIGIBLE"] or s["NOT_SCREENED"] or s["rejected_rows"]:
            return 1
    return 0


def roster_table(batch: RosterBatch, lang: str) -> Rows:
    """Finding rows for a terminal: where (sheet and row), who, which post, the verdict and the
    finding; a candidacy without findings has one row with its verdict."""
    zh = lang == "zh"
    keys = ["sheet", "row", "village", "name", "post", "verdict", "severity", "code", "article"]
    heads = (
        ["工作表", "行号", "村", "姓名", "职务", "结论", "程度", "代码", "依据", "说明"]
        if zh
        else [*keys, "message"]
    )
    many = len(batch.screens) > 1
    if many:
        heads = ["文件" if zh else "file", *heads]
    rows = []
    for row in roster_rows(batch):
        if row["kind"] != "FINDING":
            continue
        cells = ["" if row.get(k) is None else str(row.get(k)) for k in keys]
        if zh:
            cells[5] = _VERDICT_ZH.get(cells[5], cells[5])
            cells[6] = _SEVERITY_ZH.get(cells[6], cells[6])
        cells.append(str(row.get("message_zh" if zh else "message_en") or ""))
        rows.append([str(row["source"]), *cells] if many else cells)
    return heads, rows


def rejected_table(batch: RosterBatch, lang: str) -> Rows:
    """The rows that could not be read, one line per problem: sheet, row, name, column, code."""
    zh = lang == "zh"
    heads = (
        ["工作表", "行号", "姓名", "列", "代码", "说明"]
        if zh
        else ["sheet", "row", "name", "column", "code", "message"]
    )
    many = len(batch.screens) > 1
    if many:
        heads = ["文件" if zh else "file", *heads]
    rows = []
    for screen in batch.screens:
        for rejected in screen.roster.rejected:
            for p in rejected.problems:
                cells = [
                    p.sheet,
                    str(p.row),
                    rejected.name,
                    p.column,
                    p.code,
                    p.message_zh if zh else p.message_en,
                ]
                rows.append([screen.roster.source, *cells] if many else cells)
    return heads, rows


def notes_table(batch: RosterBatch, lang: str) -> Rows:
    """Reading notes: each note on a whole sheet, and the notes on rows counted by code."""
    from collections import Counter

    zh = lang == "zh"
    heads = ["工作表", "代码", "程度", "说明"] if zh else ["sheet", "code", "severity", "message"]
    many = len(batch.screens) > 1
    if many:
        heads = ["文件" if zh else "file", *heads]
    rows = []
    for screen in batch.screens:
        lead = [screen.roster.source] if many else []
        for p in screen.roster.sheet_problems:
            severity = _SEVERITY_ZH.get(p.severity.value, "") if zh else p.severity.value
            rows.append([*lead, p.sheet, p.code, severity, p.message_zh if zh else p.message_en])
        counted = Counter(
            (n.sheet, n.code, n.severity.value) for e in screen.roster.entries for n in e.notes
        )
        for (sheet, code, sev), n in counted.items():
            text = (
                f"{n}行（用 -f csv、-f xlsx 或 -f json 查看每一行）"
                if zh
                else f"{n} rows (-f csv, -f xlsx or -f json lists each)"
            )
            rows.append([*lead, sheet, code, _SEVERITY_ZH.get(sev, sev) if zh else sev, text])
    return heads, rows


def _value(p: Parameter | None) -> str:
    if p is None:
        return ""
    v = p.value
    if isinstance(v, IntRange):
        return str(v)
    if isinstance(v, ParamTable):
        return "{" + ", ".join(f"{k}={format_scalar(x)}" for k, x in v.fields) + "}"
    if isinstance(v, tuple):
        return ", ".join("{…}" if isinstance(x, ParamTable) else format_scalar(x) for x in v)
    return format_scalar(v)


def _cite(p: Parameter) -> str:
    return f"{p.citation.title}{p.citation.article or ''}"


def primary_table(result: Any, lang: str) -> Rows:
    """The one table a CSV or XLSX file holds for ``result``."""
    zh = lang == "zh"
    if isinstance(result, Policy):
        heads = (
            ["参数", "值", "刚性", "规则", "依据"]
            if zh
            else ["parameter", "value", "hard", "rule", "legal basis"]
        )
        rows = [
            [
                p.name,
                _value(p),
                "是" if p.hard and zh else "否" if zh else str(p.hard).lower(),
                p.rule_id,
                _cite(p),
            ]
            for p in result.parameters
        ]
        return heads, rows
    if isinstance(result, ProfileList):
        heads = (
            ["配置", "类别", "名称", "生效", "失效", "继承"]
            if zh
            else ["profile", "regime", "title", "from", "to", "extends"]
        )
        rows = [
            [
                p.id,
                p.regime.label if zh else p.regime.value,
                p.title_zh if zh else p.title_en,
                p.valid_from.isoformat(),
                p.valid_to.isoformat() if p.valid_to else "",
                p.extends or "",
            ]
            for p in result.profiles
        ]
        return heads, rows
    if isinstance(result, ProfileDiff):
        heads = (
            ["参数", "变化", result.left, result.right]
            if zh
            else ["parameter", "change", result.left, result.right]
        )
        rows = [[c.name, c.change, _value(c.left), _value(c.right)] for c in result.changes]
        return heads, rows
    if isinstance(result, Decided):
        return calls.table(result.outcome, lang, announced=result.announced)
    return calls.table(result, lang)


@attrs.frozen
class Decided:
    """A decided round with what its tables need: which rounds' 不赞成 votes were given."""

    outcome: Outcome
    announced: tuple[bool, ...]


def display_tables(result: Any, lang: str) -> list[tuple[str, Rows]]:
    """The tables shown on a terminal: the result, then its findings where they are apart."""
    from ..io.requests import ScreenBatch, ScreenReport
    from ..procedure import ElectionTimeline

    if isinstance(result, Decided):
        outcome = result.outcome
        title = (
            f"{outcome.election}: {outcome.status.label if lang == 'zh' else outcome.status.value}"
        )
        table = calls.table(outcome, lang, announced=result.announced)
        if not all(result.announced):
            title += (
                "\n未给出：该轮只给出赞成票，不赞成票与弃权票无法分开（合计为有效票减赞成票）"
                if lang == "zh"
                else "\nnot given: that round gave 赞成 votes only, so 不赞成 and 弃权 are not "
                "known apart (together they are the valid ballots less the 赞成 votes)"
            )
        tables = [(title, table)]
        found = calls.findings_table(outcome, lang)
        if found[1]:
            tables.append(("", found))
        return tables
    if isinstance(result, ElectionTimeline):
        day = result.election_day.isoformat()
        title = (
            f"{result.policy_id}：选举日 {day} 之前的法定期限"
            if lang == "zh"
            else f"{result.policy_id}: statutory deadlines before election day {day}"
        )
        return [(title, calls.table(result, lang))]

    if isinstance(result, ScreenBatch | ScreenReport):
        heads, rows = calls.table(result, lang)
        # On a terminal: candidate, verdict, severity, code, article and message.
        keep = [2, 3, 4, 5, 7, 10]
        if len({r[0] for r in rows}) > 1:
            keep.insert(0, 0)
        return [("", ([heads[i] for i in keep], [[r[i] for i in keep] for r in rows]))]
    if isinstance(result, Policy | ProfileList | ProfileDiff):
        return [("", primary_table(result, lang))]
    if isinstance(result, Outcome):
        return display_tables(Decided(result, calls.against_given(result)), lang)
    tables = [("", calls.table(result, lang, full=False))]
    found = calls.findings_table(result, lang)
    if found[1]:
        tables.append(("", found))
    return tables


def _csv(rows: Rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(rows[0])
    writer.writerows(rows[1])
    return buf.getvalue()


def _write_rosters(batch: RosterBatch, fmt: str, lang: str, out: Path | None) -> None:
    from ..io.tables import write_csv, write_xlsx

    if fmt == "json":
        _emit(to_json(batch, indent=2) + "\n", out)
    elif fmt == "csv":
        buf = io.StringIO()
        write_csv(roster_rows(batch), buf)
        _emit(buf.getvalue(), out, bom=True)
    elif fmt == "xlsx":
        if len(batch.screens) == 1:
            batch.screens[0].to_xlsx(str(out))
        else:
            # every sheet of one roster's workbook, with the file each row came from
            merged: dict[str, list[dict[str, object]]] = {}
            for screen in batch.screens:
                for name, rows in screen._sheets():
                    merged.setdefault(name, []).extend(
                        {"source": screen.roster.source, **r} for r in rows
                    )
            write_xlsx(list(merged.items()), str(out))
    else:
        zh = lang == "zh"
        tables = [("", roster_table(batch, lang))]
        rejected = rejected_table(batch, lang)
        if rejected[1]:
            n = sum(len(s.roster.rejected) for s in batch.screens)
            tables.append(
                (f"未能读取的行：{n}行" if zh else f"rows that could not be read: {n}", rejected)
            )
        notes = notes_table(batch, lang)
        if notes[1]:
            tables.append(("读取提示" if zh else "reading notes", notes))
        _print_tables(tables, out)


def write(result: Any, fmt: str, lang: str, out: Path | None) -> None:
    """Write ``result`` in format ``fmt`` to ``out`` (standard output when None)."""
    if isinstance(result, RosterBatch):
        _write_rosters(result, fmt, lang, out)
    elif fmt == "json" and isinstance(result, Decided):
        _emit(to_json(result.outcome, indent=2) + "\n", out)
    elif fmt == "json":
        _emit(to_json(result, indent=2) + "\n", out)
    elif fmt == "csv":
        # A BOM in files, so that spreadsheet programs read the Chinese text as UTF-8.
        _emit(_csv(primary_table(result, lang)), out, bom=True)
    elif fmt == "xlsx":
        if out is None:  # pragma: no cover - refused before the question is asked
            raise RuleInputError("--format xlsx needs --output FILE", code="NEEDS_OUTPUT")
        from ..io.tables import write_xlsx

        heads, rows = primary_table(result, lang)
        write_xlsx(
            [
                (
                    "结果" if lang == "zh" else "results",
                    [dict(zip(heads, r, strict=True)) for r in rows],
                )
            ],
            out,
        )
    else:
        _print_tables(display_tables(result, lang), out)


def _print_tables(tables: list[tuple[str, Rows]], out: Path | None) -> None:
    console = Console(file=sys.stdout if out is None else io.StringIO())
    if not console.is_terminal:
        console = Console(file=console.file, width=max(console.width, 200))
    for title, (heads, rows) in tables:
        t = Table(*heads, title=title or None, show_lines=False)
        for row in rows:
            t.add_row(*row)
        console.print(t)
    if out is not None:
        file = console.file
        assert isinstance(file, io.StringIO)
        _emit(file.getvalue(), out)


def _emit(text: str, out: Path | None, *, bom: bool = False) -> None:
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        out.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    except OSError as exc:
        raise RuleInputError(
            f"cannot write {out}: {exc.strerror or exc}", code="FILE", path=str(out)
        ) from None
