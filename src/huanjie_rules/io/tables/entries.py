"""What reading a roster gives: entries (a person and their posts), rejected rows, and the
problem of a row with its sheet, row, column and code; :class:`Roster` holds them all.

The reader is :func:`~.roster.read_roster`.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..._args import checked
from ..._base import to_tuple
from ..._details import detail_of
from ...findings import Severity
from ...messages import Catalogue
from ...model import (
    BodyKind,
    Candidate,
    Office,
    Person,
    Tenure,
)
from . import spellings as sp

__all__ = ["ROSTER_CODES", "RejectedRow", "Roster", "RosterEntry", "RowProblem"]

#: Every code a roster reader reports, with its zh-CN and en message (``messages.toml`` beside
#: this module). ``{column}`` is the header as written, ``{value}`` the cell as shown (ID numbers
#: masked), ``{detail}`` the explanation.
ROSTER_CODES = Catalogue("huanjie_rules.io.tables", "messages.toml")


@attrs.frozen(kw_only=True)
class RowProblem:
    """One problem or note from reading a roster, with where it is.

    Attributes:
        sheet: the sheet's name (the file's stem for CSV, the given name for a dataframe).
        row: the spreadsheet row number (1 = the first row), or None for the whole sheet.
        column: the header as written, or ``""``.
        field: the field the column fills (``birth_date``), or ``""``.
        code: a stable code (see :data:`ROSTER_CODES`).
        severity: FAIL — the row was refused; WARN or INFO — a note on a row that was read.
        message_zh: the explanation in Chinese.
        message_en: the explanation in English.
        value: the cell as shown (ID numbers masked), or ``""``.
    """

    sheet: str
    row: int | None
    column: str = ""
    field: str = ""
    code: str
    severity: Severity
    message_zh: str
    message_en: str
    value: str = ""

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "severity": self.severity.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "value": self.value,
        }


def _row_issue(
    code: str,
    severity: Severity,
    sheet: str,
    row: int | None,
    column: str = "",
    field: str = "",
    value: str = "",
    detail: str = "",
    *,
    at: tuple[str, int] | None = None,
    detail_zh: str | None = None,
) -> RowProblem:
    """A problem; ``at`` is another row it refers to (``{at}`` in the messages).

    ``detail`` is in English; the Chinese message shows ``detail_zh``, or else the detail
    catalogue's Chinese of ``detail`` (the English where it has no template).
    """
    msg = ROSTER_CODES[code]
    values = {"column": column or field or "-", "value": value, "detail": detail}
    if detail_zh is None:
        found = detail_of(detail)
        detail_zh = detail if found is None else found.render("zh")
    at_zh = f"工作表“{at[0]}”第{at[1]}行" if at is not None else ""
    at_en = f"sheet {at[0]} row {at[1]}" if at is not None else ""
    return RowProblem(
        sheet=sheet,
        row=row,
        column=column,
        field=field,
        code=code,
        severity=severity,
        message_zh=msg.zh.format_map({**values, "detail": detail_zh, "at": at_zh}),
        message_en=msg.en.format_map({**values, "at": at_en}),
        value=value,
    )


@attrs.frozen(kw_only=True)
class RosterEntry:
    """One row that was read: a person and the posts they stand for.

    Attributes:
        sheet: the sheet's name.
        row: the spreadsheet row number.
        key: the person's key (the 编号 column, else the sheet and row of the person's first row,
            ``"名册!5"``); rows that share a 公民身份号码 share it.
        township: 乡镇 as written, or ``""``.
        village: 村（社区） as written, or ``""``.
        person: the person.
        posts: the posts stood for, party posts first (一肩挑: two).
        party_body: the party body the post text names (党支部, 党总支, 党委), if any.
        tenure: 新任 or 连任.
        political_status: 政治面貌 as read, or None when the roster has no such column.
        current_post: 现任职务 as written.
        uncovered_posts: posts named that no profile here governs (妇联主席 …), kept as text.
        extra: the values of unknown columns, (header, text) pairs.
        notes: WARN and INFO notes from reading the row.
    """

    sheet: str
    row: int
    key: str
    township: str = ""
    village: str = ""
    person: Person
    posts: tuple[Office, ...] = attrs.field(converter=to_tuple)
    party_body: BodyKind | None = None
    tenure: Tenure = Tenure.NEW
    political_status: sp.PoliticalStatus | None = None
    current_post: str = ""
    uncovered_posts: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    extra: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=to_tuple)
    notes: tuple[RowProblem, ...] = attrs.field(default=(), converter=to_tuple)

    def candidacies(self) -> tuple[Candidate, ...]:
        """One :class:`~huanjie_rules.model.Candidate` per post, keyed by the person's key."""
        return tuple(
            Candidate(person=self.person, office=office, key=self.key, tenure=self.tenure)
            for office in self.posts
        )

    def summary(self) -> str:
        """One line: key, name, place, posts, tenure and the number of notes."""
        from ._text import entry_line

        return entry_line(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(self.summary())


@attrs.frozen(kw_only=True)
class RejectedRow:
    """A row that could not be read, with every problem found in it (each a FAIL)."""

    sheet: str
    row: int
    name: str = ""
    problems: tuple[RowProblem, ...] = attrs.field(converter=to_tuple)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ._text import rejected_line

        p.text(rejected_line(self))


@attrs.frozen(kw_only=True, repr=False)
class Roster:
    """What :func:`read_roster` read: entries, rejected rows and sheet-level problems.

    ``rows_read == len(entries) + len(rejected)``: every non-blank row below a header (or in a
    sheet without one) is one or the other. Rows whose every cell is empty are counted in
    ``blank_rows`` and are not rows of data.
    """

    source: str
    entries: tuple[RosterEntry, ...] = attrs.field(converter=to_tuple)
    rejected: tuple[RejectedRow, ...] = attrs.field(default=(), converter=to_tuple)
    sheet_problems: tuple[RowProblem, ...] = attrs.field(default=(), converter=to_tuple)
    rows_read: int = 0
    blank_rows: int = 0
    sheets: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def __len__(self) -> int:
        return self.rows_read

    def __repr__(self) -> str:
        return (
            f"<Roster {self.source!r}: {self.rows_read} rows, {len(self.entries)} read, "
            f"{len(self.rejected)} rejected, sheets {list(self.sheets)}>"
        )

    def candidacies(self) -> tuple[Candidate, ...]:
        """Every candidacy of every entry, in row order."""
        return tuple(c for e in self.entries for c in e.candidacies())

    def problems(self) -> tuple[RowProblem, ...]:
        """Every problem and note: sheet-level first, then by sheet and row."""
        rows = [p for r in self.rejected for p in r.problems]
        rows += [n for e in self.entries for n in e.notes]
        order = {s: i for i, s in enumerate(self.sheets)}
        rows.sort(key=lambda p: (order.get(p.sheet, len(order)), p.row or 0, p.column, p.code))
        return (*self.sheet_problems, *rows)

    @checked
    def problems_table(self, backend: str = "pandas") -> Any:
        """The problems as a pandas or polars dataframe (``backend="records"``: dicts)."""
        from .results import records_frame

        return records_frame([p.as_dict() for p in self.problems()], backend)

    def _repr_html_(self) -> str:
        from ._html import roster_html

        return roster_html(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ._text import roster_text

        p.text(roster_text(self))
