"""Reading a 两委 roster: every row comes out as an entry (a person and their posts) or as a
rejected row with the sheet, row, column and code of each problem; none is dropped.

See :func:`read_roster`. The spellings it accepts are in :mod:`.spellings` and in the generated
page ``docs/roster-spellings.md``.
"""

from __future__ import annotations

import datetime as _dt
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from ..._args import checked
from ...errors import InvalidDataError, RuleInputError
from ...findings import Severity
from ...idcard import IdNumber, mask
from ...model import (
    Education,
    Gender,
    Office,
    PartyStanding,
    Person,
    Regime,
    Tenure,
)
from . import spellings as sp
from ._sources import RawSheet, load_sheets
from .entries import ROSTER_CODES, RejectedRow, Roster, RosterEntry, RowProblem, _row_issue

__all__ = [
    "ROSTER_CODES",
    "RejectedRow",
    "Roster",
    "RosterEntry",
    "RowProblem",
    "read_roster",
]

# --------------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------------

_GROUP_PARENTS = frozenset(sp.normalize(t) for t in ("全日制教育", "在职教育", "全日制", "在职"))
_GROUP_CHILDREN = frozenset(sp.normalize(t) for t in ("学历", "学位"))


def _letter(index: int) -> str:
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _header_row(
    rows: Sequence[Sequence[object]], index: Mapping[str, str], *, strong: bool
) -> tuple[int, list[str]] | None:
    for i, row in enumerate(rows[:15]):
        texts = [sp.read_text(c) if not sp.blank(c) else "" for c in row]
        fields = {index.get(sp.normalize(t)) for t in texts if t} - {None}
        if len(fields) >= 2 and (not strong or {"name", "post"} & fields):
            return i, texts
    return None


def _header_at(
    rows: Sequence[Sequence[object]], index: Mapping[str, str]
) -> tuple[int, list[str], int] | None:
    """(row index of the header, header texts, number of header rows) or None.

    The header is the first of the top 15 rows naming two roster fields or more, one of them
    姓名 or 拟任职务; failing that, the first naming any two (a sheet that lacks both required
    columns still has a header, and its rows are refused for the missing columns).
    """
    found = _header_row(rows, index, strong=True)
    if found is None:
        found = _header_row(rows, index, strong=False)
    if found is None:
        return None
    i, texts = found
    if i + 1 < len(rows):
        below = [sp.read_text(c) if not sp.blank(c) else "" for c in rows[i + 1]]
        kids = [sp.normalize(t) for t in below if t]
        if kids and all(k in _GROUP_CHILDREN for k in kids):
            combined, parent = [], ""
            for j in range(max(len(texts), len(below))):
                top = texts[j] if j < len(texts) else ""
                low = below[j] if j < len(below) else ""
                if top:
                    parent = top if sp.normalize(top) in _GROUP_PARENTS else ""
                if low and (parent or not top):
                    combined.append(parent + low)
                else:
                    combined.append(top)
            return i, combined, 2
    return i, texts, 1


@attrs.frozen
class _Col:
    index: int
    header: str
    field: str | None


class _Reader:
    def __init__(self, header_map: Mapping[str, str] | None, source: str) -> None:
        index = dict(sp.DEFAULT_HEADER_MAP)
        for i, (header, name) in enumerate((header_map or {}).items()):
            if name not in {f.name for f in sp.FIELDS}:
                raise RuleInputError(
                    f"header_map maps {header!r} to {name!r}, which is no roster field "
                    f"(fields: {', '.join(f.name for f in sp.FIELDS)})",
                    code="UNKNOWN_FIELD",
                    path=f"header_map[{i}]",
                )
            index[sp.normalize(str(header))] = name
        self.index = index
        self.source = source
        self.entries: list[RosterEntry] = []
        self.rejected: list[RejectedRow] = []
        self.sheet_problems: list[RowProblem] = []
        self.rows_read = 0
        self.blank_rows = 0
        self.by_id: dict[str, list[RosterEntry]] = {}
        self.by_key: dict[str, list[RosterEntry]] = {}
        # IDs and keys found clashing: (code, sheet, row of the first row) / (sheet, row)
        self.bad_ids: dict[str, tuple[str, str, int]] = {}
        self.bad_keys: dict[str, tuple[str, int]] = {}

    # -- sheets ---------------------------------------------------------------------------------

    def sheet(self, raw: RawSheet, progress: Callable[[int], None] | None) -> None:
        rows = raw.rows
        if not any(not sp.blank(c) for r in rows for c in r):
            self.sheet_problems.append(
                _row_issue("EMPTY_SHEET", Severity.WARN, raw.name, None, value=raw.name)
            )
            return
        found = _header_at(rows, self.index)
        if found is None:
            for i, row in enumerate(rows):
                if all(sp.blank(c) for c in row):
                    self.blank_rows += 1
                    continue
                self.rows_read += 1
                number = raw.first_row + i
                self.rejected.append(
                    RejectedRow(
                        sheet=raw.name,
                        row=number,
                        problems=(_row_issue("NO_HEADER", Severity.FAIL, raw.name, number),),
                    )
                )
            return
        at, headers, height = found
        cols = [
            _Col(j, h, self.index.get(sp.normalize(h)) if h else None)
            for j, h in enumerate(headers)
        ]
        for col in cols:
            if col.header and col.field is None:
                self.sheet_problems.append(
                    _row_issue("UNKNOWN_COLUMN", Severity.INFO, raw.name, None, column=col.header)
                )
        primary: dict[str, _Col] = {}
        twins: list[tuple[_Col, _Col]] = []
        for col in cols:
            if col.field is None:
                continue
            if col.field in primary:
                twins.append((primary[col.field], col))
                self.sheet_problems.append(
                    _row_issue("DUPLICATE_COLUMN", Severity.WARN, raw.name, None, column=col.header)
                )
            else:
                primary[col.field] = col
        self._sheet_notes(raw.name, primary)
        holes: dict[int, set[int]] = {}
        for r, c in raw.formulas:
            holes.setdefault(r, set()).add(c)
        before = self.rows_read
        # a row of formulas without values may lie past the cells calamine gives
        end = max(len(rows), max(holes, default=-1) + 1)
        for i in range(at + height, end):
            row = rows[i] if i < len(rows) else ()
            if all(sp.blank(c) for c in row) and i not in holes:
                self.blank_rows += 1
                continue
            self.rows_read += 1
            self.row(raw.name, raw.first_row + i, row, primary, twins, cols, holes.get(i, set()))
            if progress is not None:
                progress(1)
        if self.rows_read == before:
            self.sheet_problems.append(
                _row_issue("NO_DATA_ROWS", Severity.WARN, raw.name, None, value=raw.name)
            )

    def _sheet_notes(self, sheet: str, cols: Mapping[str, _Col]) -> None:
        for required in ("name", "post"):
            if required not in cols:
                self.sheet_problems.append(
                    _row_issue(
                        "REQUIRED_COLUMN_MISSING",
                        Severity.FAIL,
                        sheet,
                        None,
                        sp.field(required).label,
                        required,
                    )
                )
        if "political_status" not in cols:
            self.sheet_problems.append(
                _row_issue("NO_POLITICAL_STATUS_COLUMN", Severity.WARN, sheet, None)
            )
        if "education" in cols and not {"education_in_service"} & set(cols):
            self.sheet_problems.append(
                _row_issue("PLAIN_EDUCATION", Severity.INFO, sheet, None, cols["education"].header)
            )
        if "tenure" not in cols:
            self.sheet_problems.append(_row_issue("NO_TENURE_COLUMN", Severity.INFO, sheet, None))
        if "ethnicity" not in cols:
            self.sheet_problems.append(
                _row_issue("NO_ETHNICITY_COLUMN", Severity.INFO, sheet, None)
            )

    # -- one row --------------------------------------------------------------------------------

    def row(
        self,
        sheet: str,
        number: int,
        row: Sequence[object],
        cols: Mapping[str, _Col],
        twins: Sequence[tuple[_Col, _Col]],
        all_cols: Sequence[_Col],
        holes: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        fails: list[RowProblem] = []
        notes: list[RowProblem] = []
        # formula cells stored without a value: the cell is not empty, its value is unknown
        unknown = {c.field for c in cols.values() if c.index in holes and c.field}

        def cell(name: str) -> object:
            col = cols.get(name)
            if col is None or col.index >= len(row):
                return None
            value = row[col.index]
            return None if sp.blank(value) else value

        def header(name: str) -> str:
            col = cols.get(name)
            return col.header if col is not None else sp.field(name).label

        def shown(name: str, value: object) -> str:
            text = sp.read_text(value)
            return mask(text) if name == "id_number" else text

        def fail(code: str, name: str, value: object = None, detail: str = "") -> None:
            if name in unknown and code in ("MISSING_VALUE", "MISSING_COLUMN"):
                return  # reported once as FORMULA_NO_VALUE
            fails.append(
                _row_issue(
                    code,
                    Severity.FAIL,
                    sheet,
                    number,
                    header(name),
                    name,
                    "" if value is None else shown(name, value),
                    detail,
                )
            )

        def note(
            code: str, name: str, value: object = None, severity: Severity = Severity.INFO
        ) -> None:
            notes.append(
                _row_issue(
                    code,
                    severity,
                    sheet,
                    number,
                    header(name) if name else "",
                    name,
                    "" if value is None else shown(name, value),
                )
            )

        for fname in sorted(unknown, key=lambda f: cols[f].index):
            fails.append(
                _row_issue(
                    "FORMULA_NO_VALUE", Severity.FAIL, sheet, number, cols[fname].header, fname
                )
            )
        for first, second in twins:
            a = row[first.index] if first.index < len(row) else None
            b = row[second.index] if second.index < len(row) else None
            if not sp.blank(a) and not sp.blank(b) and sp.read_text(a) != sp.read_text(b):
                fields = first.field or ""
                fails.append(
                    _row_issue(
                        "COLUMN_CONFLICT",
                        Severity.FAIL,
                        sheet,
                        number,
                        second.header,
                        fields,
                        shown(fields, b),
                        f"{second.header} says {shown(fields, b)!r}, {first.header} says "
                        f"{shown(fields, a)!r}",
                    )
                )

        # name and post
        name_value = cell("name")
        name = sp.read_text(name_value) if name_value is not None else ""
        if "name" not in cols:
            fail("MISSING_COLUMN", "name")
        elif not name:
            fail("MISSING_VALUE", "name")
        posts: tuple[Office, ...] = ()
        uncovered: tuple[str, ...] = ()
        body = None
        post_value = cell("post")
        if "post" not in cols:
            fail("MISSING_COLUMN", "post")
        elif post_value is None:
            fail("MISSING_VALUE", "post")
        else:
            got = sp.read_posts(post_value)
            if isinstance(got, sp.CellProblem):
                fail(got.code, "post", post_value, got.message)
            else:
                posts, uncovered = got
                body = sp.party_body(post_value)
                reason = "; ".join(sp.NOT_COVERED_POSTS[sp.normalize(u)] for u in uncovered)
                if uncovered and not posts:
                    fail("POST_NOT_COVERED", "post", "、".join(uncovered), reason)
                elif uncovered:
                    notes.append(
                        _row_issue(
                            "POST_NOT_COVERED",
                            Severity.WARN,
                            sheet,
                            number,
                            header("post"),
                            "post",
                            "、".join(uncovered),
                            reason,
                        )
                    )
        # ID number
        id_number: IdNumber | None = None
        id_value = cell("id_number")
        if id_value is not None:
            if isinstance(id_value, numbers.Number) and not isinstance(id_value, bool):
                fail("ID_AS_NUMBER", "id_number")
            else:
                text = sp.read_text(id_value).upper()
                if "*" in text:
                    note("ID_MASKED", "id_number", id_value)
                else:
                    try:
                        id_number = IdNumber(text)
                    except InvalidDataError as exc:
                        fail("ID_INVALID", "id_number", text, exc.problems[0].message)
        id_birth = (
            id_number.birth_date() if id_number is not None and id_number.checksum_ok() else None
        )
        # birth date
        birth: _dt.date | None = None
        birth_value = cell("birth_date")
        if birth_value is None:
            if id_birth is not None:
                birth = id_birth
                note("BIRTH_FROM_ID", "birth_date")
            else:
                fail(
                    "MISSING_COLUMN" if "birth_date" not in cols else "MISSING_VALUE", "birth_date"
                )
        else:
            got_date = sp.read_date(birth_value)
            if isinstance(got_date, sp.CellProblem):
                fail(got_date.code, "birth_date", birth_value, got_date.message)
            else:
                birth, how = got_date
                if how == "MONTH_ONLY":
                    if id_birth is not None and (id_birth.year, id_birth.month) == (
                        birth.year,
                        birth.month,
                    ):
                        birth = id_birth
                        note("DATE_DAY_FROM_ID", "birth_date", birth_value)
                    else:
                        note("DATE_MONTH_ONLY", "birth_date", birth_value)
                elif how == "EXCEL_SERIAL":
                    note("DATE_EXCEL_SERIAL", "birth_date", birth_value)
        # gender
        gender: Gender | None = None
        gender_value = cell("gender")
        if gender_value is None:
            if id_number is not None and id_number.checksum_ok():
                gender = Gender.MALE if id_number.sex() == "M" else Gender.FEMALE
                note("GENDER_FROM_ID", "gender")
            else:
                fail("MISSING_COLUMN" if "gender" not in cols else "MISSING_VALUE", "gender")
        else:
            got_gender = sp.read_gender(gender_value)
            if isinstance(got_gender, sp.CellProblem):
                fail(got_gender.code, "gender", gender_value, got_gender.message)
            else:
                gender = got_gender
        # ethnicity
        ethnicity = "汉族"
        eth_value = cell("ethnicity")
        if "ethnicity" in cols:
            if eth_value is None:
                fail("MISSING_VALUE", "ethnicity")
            else:
                ethnicity = sp.read_text(eth_value)
                if not ethnicity.endswith("族"):
                    ethnicity += "族"
        # education
        levels: dict[str, Any] = {}
        for fname in ("education_full_time", "education_in_service", "education"):
            value = cell(fname)
            if value is None:
                continue
            got_level = sp.read_education(value)
            if isinstance(got_level, sp.CellProblem):
                fail(got_level.code, fname, value, got_level.message)
            else:
                levels[fname] = got_level
        for fname in ("degree_full_time", "degree_in_service", "degree"):
            value = cell(fname)
            if value is None:
                continue
            got_degree = sp.read_degree(value)
            if isinstance(got_degree, sp.CellProblem):
                fail(got_degree.code, fname, value, got_degree.message)
            else:
                levels[fname] = got_degree
        in_service = levels.get("education_in_service", levels.get("education"))
        in_degree = levels.get("degree_in_service", levels.get("degree"))
        education = Education(
            full_time=levels.get("education_full_time"),
            in_service=in_service,
            full_time_degree=levels.get("degree_full_time"),
            in_service_degree=in_degree,
        )
        # party
        status = None
        status_value = cell("political_status")
        if "political_status" not in cols:
            # a party post's screen turns on the standing: never read a missing column as 群众
            if any(Regime.VILLAGE not in o.regimes for o in posts):
                fail("MISSING_COLUMN", "political_status")
        else:
            if status_value is None:
                fail("MISSING_VALUE", "political_status")
            else:
                got_status = sp.read_political_status(status_value)
                if isinstance(got_status, sp.CellProblem):
                    fail(got_status.code, "political_status", status_value, got_status.message)
                else:
                    status = got_status
        dates: dict[str, _dt.date | None] = {}
        for fname in ("party_joined", "party_confirmed"):
            value = cell(fname)
            dates[fname] = None
            if value is None:
                continue
            got_d = sp.read_date(value)
            if isinstance(got_d, sp.CellProblem):
                fail(got_d.code, fname, value, got_d.message)
            else:
                dates[fname] = got_d[0]
                if got_d[1] == "MONTH_ONLY":
                    note("DATE_MONTH_ONLY", fname, value)
                elif got_d[1] == "EXCEL_SERIAL":
                    note("DATE_EXCEL_SERIAL", fname, value)
        # tenure, experience, categories
        tenure = Tenure.NEW
        tenure_value = cell("tenure")
        if "tenure" in cols:
            if tenure_value is None:
                note("TENURE_BLANK", "tenure")
            else:
                got_tenure = sp.read_tenure(tenure_value)
                if isinstance(got_tenure, sp.CellProblem):
                    fail(got_tenure.code, "tenure", tenure_value, got_tenure.message)
                else:
                    tenure = got_tenure
        months = None
        years_value = cell("township_years")
        if years_value is not None:
            got_months = sp.read_township_months(years_value)
            if isinstance(got_months, sp.CellProblem):
                fail(got_months.code, "township_years", years_value, got_months.message)
            else:
                months = got_months
        categories: frozenset[Any] = frozenset()
        cat_value = cell("categories")
        if cat_value is not None:
            got_cats = sp.read_categories(cat_value)
            if isinstance(got_cats, sp.CellProblem):
                fail(got_cats.code, "categories", cat_value, got_cats.message)
            else:
                categories = got_cats
        key_value = cell("key")
        own_key = sp.read_text(key_value) if key_value is not None else f"{sheet}!{number}"
        extra = tuple(
            (c.header, sp.read_text(row[c.index]))
            for c in all_cols
            if c.field is None and c.header and c.index < len(row) and not sp.blank(row[c.index])
        )
        if fails:
            self.rejected.append(RejectedRow(sheet=sheet, row=number, name=name, problems=fails))
            return
        assert birth is not None and gender is not None
        try:
            person = Person(
                name=name,
                key=own_key,
                gender=gender,
                ethnicity=ethnicity,
                birth_date=birth,
                education=education,
                party_standing=(
                    status.standing if status is not None else PartyStanding.NON_MEMBER
                ),
                party_joined=dates["party_joined"],
                party_confirmed=dates["party_confirmed"],
                township_experience_months=months,
                categories=categories,
                id_number=id_number,
            )
        except InvalidDataError as exc:
            where = {
                "party_joined": "party_joined",
                "party_confirmed": "party_confirmed",
                "birth_date": "birth_date",
                "name": "name",
                "key": "key",
            }
            problems = [
                _row_issue(
                    "INVALID_PERSON",
                    Severity.FAIL,
                    sheet,
                    number,
                    header(where.get(p.path.split(".")[0], "name")),
                    where.get(p.path.split(".")[0], ""),
                    "",
                    f"{p.message} [{p.code}]",
                    detail_zh=f"{p.message_zh}（{p.detail_zh}）[{p.code}]",
                )
                for p in exc.problems
            ]
            self.rejected.append(RejectedRow(sheet=sheet, row=number, name=name, problems=problems))
            return
        ordered = tuple(
            sorted(posts, key=lambda o: 0 if o.regimes != Office.VILLAGE_DIRECTOR.regimes else 1)
        )
        entry = RosterEntry(
            sheet=sheet,
            row=number,
            key=own_key,
            township=sp.read_text(cell("township")) if cell("township") is not None else "",
            village=sp.read_text(cell("village")) if cell("village") is not None else "",
            person=person,
            posts=ordered,
            party_body=body,
            tenure=tenure,
            political_status=status,
            current_post=sp.read_text(cell("current_post"))
            if cell("current_post") is not None
            else "",
            uncovered_posts=uncovered,
            extra=extra,
            notes=notes,
        )
        self.admit(entry, header("id_number"), header("key"), key_value is not None)

    def admit(self, entry: RosterEntry, id_header: str, key_header: str, keyed: bool) -> None:
        """Check the entry against earlier rows (same ID, same key) and keep or reject it.

        Two rows that clash (the same ID number for different people, the same person twice on
        one committee or in two villages, the same 编号) are both refused, each naming the
        other: the reader cannot tell which one is right.
        """
        number_id = entry.person.id_number
        merged = False
        if number_id is not None:
            digits = number_id.reveal()
            clash = self.bad_ids.get(digits)
            group = self.by_id.get(digits)
            if clash is None and group is not None:
                first = group[0]
                same = attrs.evolve(entry.person, key=first.person.key) == first.person
                families = {sp.committee_of(o) for e in group for o in e.posts}
                if not same or (keyed and entry.key != first.key):
                    clash = ("ID_CONFLICT", first.sheet, first.row)
                elif first.village != entry.village or any(
                    sp.committee_of(o) in families for o in entry.posts
                ):
                    clash = ("DUPLICATE_ID", first.sheet, first.row)
                if clash is not None:
                    self.bad_ids[digits] = clash
                    for earlier in list(group):
                        self._withdraw(earlier, clash[0], id_header, "id_number", entry)
                    self.by_id.pop(digits, None)
            if clash is not None:
                self._reject(entry, clash[0], id_header, "id_number", (clash[1], clash[2]))
                return
            if group is not None:
                first = group[0]
                entry = attrs.evolve(entry, key=first.key, person=first.person)
                merged = True
        if keyed and not merged:
            key_clash = self.bad_keys.get(entry.key)
            seen = self.by_key.get(entry.key)
            if key_clash is None and seen is not None:
                key_clash = (seen[0].sheet, seen[0].row)
                self.bad_keys[entry.key] = key_clash
                for earlier in list(seen):
                    self._withdraw(earlier, "DUPLICATE_KEY", key_header, "key", entry)
                self.by_key.pop(entry.key, None)
            if key_clash is not None:
                self._reject(entry, "DUPLICATE_KEY", key_header, "key", key_clash)
                return
        if keyed:
            self.by_key.setdefault(entry.key, []).append(entry)
        if number_id is not None:
            self.by_id.setdefault(number_id.reveal(), []).append(entry)
        self.entries.append(entry)

    def _withdraw(
        self, entry: RosterEntry, code: str, column: str, field: str, later: RosterEntry
    ) -> None:
        """Take back an entry admitted earlier: a later row clashes with it."""
        self.entries = [e for e in self.entries if e is not entry]
        for groups, name in ((self.by_id, self._id_of(entry)), (self.by_key, entry.key)):
            if name is None or name not in groups:
                continue
            groups[name] = [e for e in groups[name] if e is not entry]
            if not groups[name]:
                del groups[name]
        self._reject(entry, code, column, field, (later.sheet, later.row))

    @staticmethod
    def _id_of(entry: RosterEntry) -> str | None:
        number = entry.person.id_number
        return number.reveal() if number is not None else None

    def _reject(
        self, entry: RosterEntry, code: str, column: str, field: str, at: tuple[str, int]
    ) -> None:
        value = (
            mask(entry.person.id_number.reveal())
            if field == "id_number" and entry.person.id_number
            else entry.key
        )
        self.rejected.append(
            RejectedRow(
                sheet=entry.sheet,
                row=entry.row,
                name=entry.person.name,
                problems=(
                    _row_issue(
                        code, Severity.FAIL, entry.sheet, entry.row, column, field, value, at=at
                    ),
                ),
            )
        )


@checked
def read_roster(
    source: object,
    *,
    header_map: Mapping[str, str] | None = None,
    sheet: str | Sequence[str] | None = None,
    name: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Roster:
    """Read a 两委 roster: every row as an entry or a rejected row, none dropped.

    Args:
        source: a path (``.xlsx``, ``.xls``, ``.ods``, ``.csv``), bytes, a binary or text file
            object (an upload), a pandas or polars dataframe (or a dict of them, one per sheet),
            or a list of dicts (one per row, keys as headers).
        header_map: extra or overriding header spellings, ``{"出生年月日": "birth_date"}``;
            field names as in :data:`~huanjie_rules.io.tables.spellings.FIELDS`.
        sheet: the sheet (or sheets) to read, or :data:`~huanjie_rules.io.tables.ALL_SHEETS` (``"*"``) for every
            sheet. By default the one sheet of the workbook that holds anything: a workbook
            with several such sheets (a roster beside last term's, one sheet per township) is
            refused with ``SHEET_REQUIRED`` naming them, rather than read whole or in part
            silently (:func:`~huanjie_rules.io.tables.list_sheets` lists them).
        name: the sheet name to report for a CSV, a dataframe or records.
        progress: called as ``progress(done, total)`` while rows are read.

    Returns:
        A :class:`Roster`. Its ``rows_read`` equals ``len(entries) + len(rejected)``.

    Raises:
        TableReadError: several sheets hold data and none was named (``SHEET_REQUIRED``);
            the source cannot be read at all (not a spreadsheet, unknown sheet,
            undecodable text); MissingExtraError: the ``tables`` extra is missing.
        RuleInputError: ``UNKNOWN_FIELD`` in ``header_map``.

    Example:
        >>> rows = [{"姓名": "王芳", "性别": "女", "民族": "汉", "出生年月": "1985.03",
        ...          "政治面貌": "中共党员", "拟任职务": "书记、主任", "是否连任": "是"},
        ...         {"姓名": "李强", "性别": "男", "民族": "汉族", "出生年月": "1979年13月",
        ...          "政治面貌": "群众", "拟任职务": "村委会委员", "是否连任": "否"}]
        >>> roster = read_roster(rows, name="名册")
        >>> [(e.key, e.person.birth_date.isoformat(), [o.label for o in e.posts]) for e in roster.entries]
        [('名册!2', '1985-03-01', ['书记', '村委会主任'])]
        >>> [(p.row, p.column, p.code) for r in roster.rejected for p in r.problems]
        [(3, '出生年月', 'DATE_INVALID')]
        >>> roster.rows_read == len(roster.entries) + len(roster.rejected)
        True
    """
    raws = load_sheets(source, sheet=sheet, name=name)
    label = (
        str(source) if isinstance(source, str) else getattr(source, "name", type(source).__name__)
    )
    reader = _Reader(header_map, str(label))
    total = sum(len(r.rows) for r in raws)
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress is not None:
            progress(done[0], total)

    for raw in raws:
        start = done[0]
        reader.sheet(raw, tick if progress is not None else None)
        rest = len(raw.rows) - (done[0] - start)  # title, header and blank rows
        if progress is not None and rest > 0:
            tick(rest)
    return Roster(
        source=reader.source,
        entries=tuple(reader.entries),
        rejected=tuple(
            sorted(reader.rejected, key=lambda r: ([x.name for x in raws].index(r.sheet), r.row))
        ),
        sheet_problems=tuple(reader.sheet_problems),
        rows_read=reader.rows_read,
        blank_rows=reader.blank_rows,
        sheets=tuple(r.name for r in raws),
    )
