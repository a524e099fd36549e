"""Compact HTML for notebooks: a summary and the first rows, never a wall of repr."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .results import RosterScreen
    from .roster import Roster

_MAX_ROWS = 12


def table_html(
    rows: Sequence[Mapping[str, object]], labels: Mapping[str, str], limit: int = _MAX_ROWS
) -> str:
    """An HTML table of the first ``limit`` rows, with a line saying how many are hidden."""
    if not rows:
        return "<p><em>（无）none</em></p>"
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    head = "".join(f"<th>{html.escape(labels.get(c, c))}</th>" for c in cols)
    body = []
    for r in rows[:limit]:
        cells = "".join(
            f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in cols
        )
        body.append(f"<tr>{cells}</tr>")
    more = (
        f"<p><em>… {len(rows) - limit} more rows / 另有{len(rows) - limit}行</em></p>"
        if len(rows) > limit
        else ""
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def roster_html(roster: Roster) -> str:
    from .results import COLUMN_LABELS

    head = (
        f"<p><strong>Roster</strong> {html.escape(roster.source)}: {roster.rows_read} rows — "
        f"{len(roster.entries)} read, {len(roster.rejected)} rejected; "
        f"{len(roster.sheet_problems)} sheet notes</p>"
    )
    problems = [p.as_dict() for p in roster.problems() if p.severity.value != "INFO"]
    return head + table_html(problems, COLUMN_LABELS)


def screen_html(screen: RosterScreen) -> str:
    from .results import COLUMN_LABELS

    s = screen.summary()
    head = (
        f"<p><strong>Roster screen</strong> on {screen.on.isoformat()} under "
        f"{html.escape(screen.policy_id)}: {s['rows']} rows, {s['candidacies']} candidacies — "
        f"{s['ELIGIBLE']} eligible, {s['NEEDS_REVIEW']} to review, {s['INELIGIBLE']} ineligible, "
        f"{s['NOT_SCREENED']} not screened; {s['rejected_rows']} rows rejected by the reader</p>"
    )
    routes = table_html(screen.route_rows(), COLUMN_LABELS)
    flagged = [r for r in screen.candidacy_rows() if r["verdict"] != "ELIGIBLE"]
    return head + routes + table_html(flagged, COLUMN_LABELS)
