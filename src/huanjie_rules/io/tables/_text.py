"""Compact plain text for IPython (``_repr_pretty_``): a summary and the first rows, aligned for
Chinese text (full-width characters take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .roster import RejectedRow, Roster, RosterEntry

_MAX_ROWS = 12
_MAX_CELL = 40


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split())
    if _width(text) <= _MAX_CELL:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > _MAX_CELL - 1:
            break
        out += ch
    return out + "…"


def table_text(
    rows: Sequence[Mapping[str, object]], labels: Mapping[str, str], limit: int = _MAX_ROWS
) -> str:
    """The first ``limit`` rows as an aligned text table, with a line saying how many are hidden.

    Example:
        >>> print(table_text([{"name": "王芳", "n": 1}, {"name": "李强强", "n": 12}], {"name": "姓名"}))
        姓名    n
        ------  --
        王芳    1
        李强强  12
    """
    if not rows:
        return "（无）none"
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    shown = [[_cell(r.get(c)) for c in cols] for r in rows[:limit]]
    head = [_cell(labels.get(c, c)) for c in cols]
    widths = [max(_width(t) for t in [h, *(row[i] for row in shown)]) for i, h in enumerate(head)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            t + " " * (w - _width(t)) for t, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(head), line(["-" * w for w in widths]), *(line(row) for row in shown)]
    if len(rows) > limit:
        out.append(f"… {len(rows) - limit} more rows / 另有{len(rows) - limit}行")
    return "\n".join(out)


def entry_line(e: RosterEntry) -> str:
    """One line for a roster entry: key, name, place, posts, tenure, notes."""
    place = " ".join(p for p in (e.township, e.village) if p)
    posts = "、".join(o.label for o in e.posts) or "-"
    notes = f"; {len(e.notes)} notes" if e.notes else ""
    where = f" ({place})" if place else ""
    return f"<RosterEntry {e.key} {e.person.name}{where}: {posts}, {e.tenure.label}{notes}>"


def rejected_line(r: RejectedRow) -> str:
    """One line for a rejected row: where, who, and each problem's column and code."""
    codes = ", ".join(f"{q.column or q.field or '-'} {q.code}" for q in r.problems)
    return f"<RejectedRow {r.sheet}!{r.row} {r.name}: {codes}>"


def roster_text(roster: Roster) -> str:
    """The roster's summary line and its problems (not its notes) as a table."""
    from .results import COLUMN_LABELS

    problems = [q.as_dict() for q in roster.problems() if q.severity.value != "INFO"]
    return repr(roster) + "\n" + table_text(problems, COLUMN_LABELS)
