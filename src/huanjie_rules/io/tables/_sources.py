"""Turning a source (path, bytes, file object, dataframe, records) into sheets of raw cells.

XLSX/XLS/ODS go through python-calamine, CSV through the csv module, dataframes through
narwhals; every failure of an underlying parser becomes a :class:`TableReadError`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ...errors import MissingExtraError, TableReadError

__all__ = ["RawSheet", "load_sheets", "require"]

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
    """One sheet's cells as read, row by row; ``rows[0]`` is spreadsheet row ``first_row``."""

    name: str
    rows: tuple[tuple[object, ...], ...]
    first_row: int = 1


def _calamine(data: bytes, label: str, sheets: Sequence[str] | None) -> list[RawSheet]:
    calamine = require("python_calamine", "tables")
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        chosen = names if sheets is None else list(sheets)
        out = []
        for i, name in enumerate(chosen):
            if name not in names:
                raise TableReadError(
                    f"{label} has no sheet {name!r} (sheets: {', '.join(names)})",
                    code="UNKNOWN_SHEET",
                    path=f"sheet[{i}]",
                )
            cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            out.append(RawSheet(name, tuple(tuple(r) for r in cells)))
        return out
    except TableReadError:
        raise
    except Exception as exc:  # calamine raises its own and OS errors for a broken file
        raise TableReadError(
            f"{label} could not be read as a spreadsheet: {type(exc).__name__}: {exc}",
            code="UNREADABLE_SPREADSHEET",
        ) from exc


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


def load_sheets(
    source: object, *, sheet: str | Sequence[str] | None, name: str | None
) -> list[RawSheet]:
    """Read ``source`` into raw sheets (see :func:`~huanjie_rules.io.tables.read_roster`)."""
    sheets: Sequence[str] | None = [sheet] if isinstance(sheet, str) else sheet
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableReadError(
                f"cannot read {path.name}: {exc.strerror or exc}", code="UNREADABLE_FILE"
            ) from exc
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
        return _dataframe(source, name or (sheets[0] if sheets else "data"))
    if isinstance(source, Mapping) and source and all(_is_dataframe(v) for v in source.values()):
        wanted = list(source) if sheets is None else list(sheets)
        out = []
        for sheet_name in wanted:
            if sheet_name not in source:
                raise TableReadError(f"no sheet {sheet_name!r}", code="UNKNOWN_SHEET")
            out.extend(_dataframe(source[sheet_name], str(sheet_name)))
        return out
    if isinstance(source, Sequence) and not isinstance(source, str):
        items: Iterable[object] = source
        if all(isinstance(r, Mapping) for r in items):
            return _records(source, name or "data")
    raise TableReadError(
        f"cannot read a roster from {type(source).__name__}: give a path, bytes, a file object, "
        "a pandas or polars dataframe, or a list of records",
        code="UNKNOWN_SOURCE",
    )
