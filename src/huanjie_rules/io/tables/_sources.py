"""Turning a source (path, bytes, file object, dataframe, records) into sheets of raw cells.

XLSX/XLS/ODS go through python-calamine, CSV through the csv module, dataframes through
narwhals; every failure of an underlying parser becomes a :class:`TableReadError`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

from ..._args import checked
from ...errors import MissingExtraError, TableReadError

__all__ = ["ALL_SHEETS", "RawSheet", "SheetInfo", "list_sheets", "load_sheets", "require"]

#: ``sheet=ALL_SHEETS`` reads every sheet of a workbook (no sheet may be called ``*``: Excel
#: forbids the character in sheet names).
ALL_SHEETS = "*"

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
_TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})


def require(module: str, extra: str) -> Any:
    """Import ``module`` or raise :class:`MissingExtraError` naming the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"this needs the {module.split('.')[0]!r} package: pip install "
            f"'huanjie-rules[{extra}]'",
            code="MISSING_EXTRA",
            path=extra,
        ) from exc


@attrs.frozen
class RawSheet:
    """One sheet's cells as read, row by row; ``rows[0]`` is spreadsheet row ``first_row``.

    ``formulas`` holds the (row index, column index) of every formula cell that the file
    stores without a computed value (a workbook written by a program that does not calculate):
    such a cell reads as empty, but it is not.
    """

    name: str
    rows: tuple[tuple[object, ...], ...]
    first_row: int = 1
    formulas: frozenset[tuple[int, int]] = frozenset()


@attrs.frozen
class SheetInfo:
    """A sheet of a source: its name and how many of its rows hold anything."""

    name: str
    rows: int

    def __str__(self) -> str:
        return f"{self.name} ({self.rows} rows filled)"


def _filled(cell: object) -> bool:
    if cell is None:
        return False
    if isinstance(cell, str):
        return bool(cell.strip())
    if isinstance(cell, float):
        return cell == cell  # NaN is empty
    return type(cell).__name__ not in ("NAType", "NaTType")


def _row_count(sheet: RawSheet) -> int:
    return sum(1 for row in sheet.rows if any(_filled(c) for c in row))


_CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _formula_holes(data: bytes) -> dict[str, frozenset[tuple[int, int]]]:
    """Formula cells stored without a value, by sheet name, for an XLSX file (else empty).

    calamine gives such a cell as empty text; the file's XML says it is a formula (``<f>``)
    with no cached value (``<v>`` missing or empty). Only sheets that hold a formula at all are
    parsed; a file that is not an OOXML zip, or declares a DTD, is left alone.
    """
    if not data.startswith(_ZIP):
        return {}
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        names = set(book.namelist())
        if "xl/workbook.xml" not in names:
            return {}
        workbook = book.read("xl/workbook.xml")
        rels = (
            book.read("xl/_rels/workbook.xml.rels")
            if "xl/_rels/workbook.xml.rels" in names
            else b""
        )
        if b"<!DOCTYPE" in workbook or b"<!DOCTYPE" in rels:
            return {}
        targets = {}
        for el in ElementTree.fromstring(rels).iter() if rels else ():
            if _local(el.tag) == "Relationship":
                target = el.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[el.get("Id", "")] = target
        out: dict[str, frozenset[tuple[int, int]]] = {}
        for el in ElementTree.fromstring(workbook).iter():
            if _local(el.tag) != "sheet":
                continue
            rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
            part = targets.get(rid, "")
            if part not in names:
                continue
            xml = book.read(part)
            if b"<!DOCTYPE" in xml or not re.search(rb"<(?:\w+:)?f[ >/]", xml):
                continue
            holes = set()
            for _, cell in ElementTree.iterparse(io.BytesIO(xml)):
                if _local(cell.tag) != "c":
                    continue
                kids = {_local(k.tag): k for k in cell}
                value = kids.get("v")
                if "f" in kids and (value is None or not (value.text or "").strip()):
                    ref = _CELL_REF.fullmatch(cell.get("r", ""))
                    if ref is not None:
                        holes.add((int(ref.group(2)) - 1, _column_index(ref.group(1))))
                cell.clear()
            if holes:
                out[el.get("name", "")] = frozenset(holes)
        return out
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return {}  # calamine reports a broken file; the formula check only adds detail


def _several(sheets: list[RawSheet], label: str) -> list[RawSheet]:
    """The sheets to read when none was named: the one sheet holding data, else refuse."""
    filled = [s for s in sheets if _row_count(s)]
    if len(filled) <= 1:
        return filled or sheets
    listing = ", ".join(str(SheetInfo(s.name, _row_count(s))) for s in filled)
    raise TableReadError(
        f"{label} has {len(filled)} sheets holding data: {listing}; name the one to read "
        f"(sheet=, --sheet, ?sheet=), or {ALL_SHEETS!r} to read them all",
        code="SHEET_REQUIRED",
        path="sheet",
    )


def _calamine(data: bytes, label: str, sheets: Sequence[str] | None) -> list[RawSheet]:
    calamine = require("python_calamine", "tables")
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        every = sheets is None or list(sheets) == [ALL_SHEETS]
        chosen = names if every else list(sheets or ())
        holes = _formula_holes(data)
        out = []
        for i, name in enumerate(chosen):
            if name not in names:
                raise TableReadError(
                    f"{label} has no sheet {name!r} (sheets: {', '.join(names)})",
                    code="UNKNOWN_SHEET",
                    path=f"sheet[{i}]",
                )
            cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            out.append(
                RawSheet(
                    name, tuple(tuple(r) for r in cells), formulas=holes.get(name, frozenset())
                )
            )
    except TableReadError:
        raise
    except Exception as exc:  # calamine raises its own and OS errors for a broken file
        raise TableReadError(
            f"{label} could not be read as a spreadsheet: {type(exc).__name__}: {exc}",
            code="UNREADABLE_SPREADSHEET",
        ) from exc
    return _several(out, label) if sheets is None else out


def _decode(data: bytes, label: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableReadError(f"{label} is neither UTF-8 nor GB18030 text", code="UNREADABLE_TEXT")


def _csv(text: str, name: str) -> list[RawSheet]:
    try:
        sample = text[:4096]
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise TableReadError(f"{name}: {exc}", code="UNREADABLE_CSV") from exc
    return [RawSheet(name, tuple(tuple(r) for r in rows))]


def _from_bytes(
    data: bytes, label: str, name: str, sheets: Sequence[str] | None, suffix: str = ""
) -> list[RawSheet]:
    if data.startswith((_ZIP, _OLE)) or suffix in _SPREADSHEET_SUFFIXES:
        return _calamine(data, label, sheets)
    return _csv(_decode(data, label), name)


def _is_dataframe(obj: object) -> bool:
    module = type(obj).__module__.split(".")[0]
    return module in ("pandas", "polars", "pyarrow", "modin", "cudf") and hasattr(obj, "columns")


def _dataframe(obj: object, name: str) -> list[RawSheet]:
    nw = require("narwhals", "tables")
    try:
        frame = nw.from_native(obj, eager_only=True)
        header = tuple(str(c) for c in frame.columns)
        rows = tuple(tuple(r) for r in frame.iter_rows(named=False))
    except Exception as exc:  # narwhals refuses unknown frames with several error types
        raise TableReadError(
            f"{type(obj).__name__} could not be read as a dataframe: {exc}",
            code="UNREADABLE_DATAFRAME",
        ) from exc
    return [RawSheet(name, (header, *rows))]


def _records(records: Sequence[Mapping[str, object]], name: str) -> list[RawSheet]:
    header: list[str] = []
    for rec in records:
        for k in rec:
            if str(k) not in header:
                header.append(str(k))
    rows = tuple(tuple(rec.get(h) for h in header) for rec in records)
    return [RawSheet(name, (tuple(header), *rows))]


@checked
def list_sheets(source: object) -> tuple[SheetInfo, ...]:
    """The sheets of ``source`` with the number of rows holding anything, in the file's order.

    A CSV, a dataframe or records are one sheet. Reads what
    :func:`~huanjie_rules.io.tables.read_roster` reads; used to offer a choice when a workbook
    has several sheets holding data.

    Example:
        >>> list_sheets([{"姓名": "王芳"}, {"姓名": "李强"}])
        (SheetInfo(name='data', rows=3),)
    """
    return tuple(
        SheetInfo(s.name, _row_count(s)) for s in load_sheets(source, sheet=ALL_SHEETS, name=None)
    )


def load_sheets(
    source: object, *, sheet: str | Sequence[str] | None, name: str | None
) -> list[RawSheet]:
    """Read ``source`` into raw sheets (see :func:`~huanjie_rules.io.tables.read_roster`).

    With ``sheet=None`` a workbook (or a dict of dataframes) with more than one sheet holding
    data is refused (``SHEET_REQUIRED``); :data:`ALL_SHEETS` reads them all.
    """
    sheets: Sequence[str] | None = [sheet] if isinstance(sheet, str) else sheet
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableReadError(
                f"cannot read {path.name[:120]}: {exc.strerror or exc}", code="UNREADABLE_FILE"
            ) from exc
        except ValueError:  # a NUL character in the path: no file system takes it
            raise TableReadError(
                "cannot read the file: its path holds a NUL character", code="UNREADABLE_FILE"
            ) from None
        suffix = path.suffix.lower()
        if suffix not in _SPREADSHEET_SUFFIXES | _TEXT_SUFFIXES and not data.startswith(
            (_ZIP, _OLE)
        ):
            raise TableReadError(
                f"{path.name}: expected .xlsx, .xls, .ods or .csv", code="UNKNOWN_FORMAT"
            )
        return _from_bytes(data, path.name, name or path.stem, sheets, suffix)
    if isinstance(source, bytes | bytearray | memoryview):
        return _from_bytes(bytes(source), "the data", name or "data", sheets)
    if isinstance(source, io.TextIOBase):
        try:
            text = source.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise TableReadError(f"cannot read the text: {exc}", code="UNREADABLE_TEXT") from exc
        return _csv(text, name or "data")
    if hasattr(source, "read") and callable(source.read):
        try:
            data = source.read()
        except OSError as exc:
            raise TableReadError(f"cannot read the file: {exc}", code="UNREADABLE_FILE") from exc
        if isinstance(data, str):
            return _csv(data, name or "data")
        if not isinstance(data, bytes | bytearray):
            raise TableReadError(
                "the file object gave neither bytes nor text", code="UNKNOWN_FORMAT"
            )
        label = str(getattr(source, "name", "the file"))
        return _from_bytes(bytes(data), label, name or Path(label).stem or "data", sheets)
    if _is_dataframe(source):
        named = [s for s in sheets or () if s != ALL_SHEETS]
        return _dataframe(source, name or (named[0] if named else "data"))
    if isinstance(source, Mapping) and source and all(_is_dataframe(v) for v in source.values()):
        every = sheets is None or list(sheets) == [ALL_SHEETS]
        wanted = list(source) if every else list(sheets or ())
        out = []
        for i, sheet_name in enumerate(wanted):
            if sheet_name not in source:
                raise TableReadError(
                    f"no sheet {sheet_name!r} (sheets: {', '.join(map(str, source))})",
                    code="UNKNOWN_SHEET",
                    path=f"sheet[{i}]",
                )
            out.extend(_dataframe(source[sheet_name], str(sheet_name)))
        return _several(out, "the dataframes") if sheets is None else out
    if isinstance(source, Sequence) and not isinstance(source, str):
        items: Iterable[object] = source
        if all(isinstance(r, Mapping) for r in items):
            return _records(source, name or "data")
    raise TableReadError(
        f"cannot read a roster from {type(source).__name__}: give a path, bytes, a file object, "
        "a pandas or polars dataframe, or a list of records",
        code="UNKNOWN_SOURCE",
    )
