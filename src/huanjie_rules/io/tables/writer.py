"""Writing a roster back as a spreadsheet, with the default headers (for round trips and for
handing a cleaned roster on)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..._args import checked
from ...errors import RuleInputError
from ...idcard import mask
from ...model import BodyKind, Office
from .files import write_xlsx
from .roster import Roster, RosterEntry
from .spellings import field

__all__ = ["rejected_rows", "roster_rows", "write_roster"]

#: The word that names each party body in a post, so that the body reads back as it was read
#: (a post that named none is written without one: 书记, 党组织委员).
_BODY_WORD = {
    BodyKind.BRANCH: "党支部",
    BodyKind.GENERAL_BRANCH: "党总支",
    BodyKind.GRASSROOTS_COMMITTEE: "党委",
    BodyKind.PARTY_COMMITTEE: "乡镇党委",
}


def _post_text(entry: RosterEntry) -> str:
    parts = []
    word = _BODY_WORD.get(entry.party_body, "") if entry.party_body else ""
    for office in entry.posts:
        if office is Office.SECRETARY or office is Office.DEPUTY_SECRETARY:
            parts.append(f"{word}{office.label}")
        elif office is Office.MEMBER:
            parts.append(f"{word or '党组织'}委员")
        else:
            parts.append(office.label)
    return "、".join([*parts, *entry.uncovered_posts])


def _months(months: int) -> str:
    years, rest = divmod(months, 12)
    return f"{years}年{rest}个月" if rest else f"{years}年"


@checked
def roster_rows(
    entries: Roster | Iterable[RosterEntry], *, reveal_ids: bool = False
) -> list[dict[str, object]]:
    """The entries as rows under the default Chinese headers (dates as ``date`` values).

    ID numbers are masked unless ``reveal_ids=True`` (a masked number reads back as none).
    """
    pool: Sequence[RosterEntry] = entries.entries if isinstance(entries, Roster) else tuple(entries)
    with_status = any(e.political_status is not None for e in pool)
    rows = []
    for e in pool:
        p = e.person
        edu = p.education
        row: dict[str, object] = {
            field("key").label: e.key,
            field("township").label: e.township or None,
            field("village").label: e.village or None,
            field("name").label: p.name,
            field("gender").label: p.gender.label,
            field("ethnicity").label: p.ethnicity,
            field("birth_date").label: p.birth_date,
            field("id_number").label: (
                None
                if p.id_number is None
                else (p.id_number.reveal() if reveal_ids else mask(p.id_number.reveal()))
            ),
            field("education_full_time").label: edu.full_time.label if edu.full_time else None,
            field("degree_full_time").label: (
                edu.full_time_degree.label if edu.full_time_degree else None
            ),
            field("education_in_service").label: edu.in_service.label if edu.in_service else None,
            field("degree_in_service").label: (
                edu.in_service_degree.label if edu.in_service_degree else None
            ),
        }
        if with_status:
            row[field("political_status").label] = (
                e.political_status.label if e.political_status else None
            )
        row |= {
            field("party_joined").label: p.party_joined,
            field("party_confirmed").label: p.party_confirmed,
            field("current_post").label: e.current_post or None,
            field("post").label: _post_text(e),
            field("tenure").label: e.tenure.label,
            field("township_years").label: (
                None
                if p.township_experience_months is None
                else _months(p.township_experience_months)
            ),
            field("categories").label: "、".join(sorted(c.label for c in p.categories)) or None,
        }
        rows.append(row)
    return rows


@checked
def rejected_rows(roster: Roster) -> list[dict[str, object]]:
    """The rows ``roster`` could not read, one dict per problem: the sheet and row they were
    read from, the name, the column, the code and the explanation (ID numbers masked)."""
    return [
        {
            "sheet": p.sheet,
            "row": p.row,
            "name": r.name,
            "column": p.column,
            "value": p.value,
            "code": p.code,
            "message_zh": p.message_zh,
            "message_en": p.message_en,
        }
        for r in roster.rejected
        for p in r.problems
    ]


@checked
def write_roster(
    entries: Roster | Iterable[RosterEntry],
    target: Any,
    *,
    reveal_ids: bool = False,
    sheet: str = "名册",
    rejected_sheet: str | None = "未能读取",
) -> None:
    """Write entries as an XLSX roster that :func:`read_roster` reads back to the same entries.

    A :class:`Roster` with rows it could not read gets a second sheet, ``rejected_sheet``,
    listing each of them with its problems (where it was, the name, the column, the code and
    the explanation), so that nothing read is left out of the file: 2,000 rows in are the
    entries of ``sheet`` and the rejected rows of ``rejected_sheet``. Read the roster back with
    ``sheet=`` naming the first (a workbook with two sheets of data is not read whole unasked).
    ``rejected_sheet=None`` writes the entries alone.

    Args:
        entries: a :class:`Roster` or its entries.
        target: a path or a binary file object.
        reveal_ids: write ID numbers whole (they are masked by default, and a masked number
            reads back as none).
        sheet: the sheet's name.
        rejected_sheet: the name of the sheet listing the rows that could not be read, or
            None to leave them out.

    Example:
        >>> import io
        >>> from huanjie_rules.io.tables import read_roster
        >>> roster = read_roster([{"姓名": "孙丽", "性别": "女", "民族": "汉族",
        ...     "出生日期": "1988-08-08", "政治面貌": "中共预备党员", "拟任职务": "村委会委员",
        ...     "是否连任": "否"}], name="名册")
        >>> buffer = io.BytesIO()
        >>> write_roster(roster, buffer)
        >>> again = read_roster(buffer.getvalue())
        >>> [e.person for e in again.entries] == [e.person for e in roster.entries]
        True
    """
    sheets: list[tuple[str, list[dict[str, object]]]] = [
        (sheet, roster_rows(entries, reveal_ids=reveal_ids))
    ]
    if isinstance(entries, Roster) and entries.rejected and rejected_sheet is not None:
        if rejected_sheet == sheet:
            raise RuleInputError(
                f"rejected_sheet must differ from sheet ({sheet!r})",
                code="SHEET_NAME",
                path="rejected_sheet",
            )
        sheets.append((rejected_sheet, rejected_rows(entries)))
    write_xlsx(sheets, target)
