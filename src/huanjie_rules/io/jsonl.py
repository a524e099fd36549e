"""JSON Lines: many records, one JSON object per line, read and written in bulk.

:func:`read_jsonl` reads a whole file's records of one type (candidates of a roster, ballots of
a station) at close to the speed of parsing the JSON: the structuring function of the type is
looked up once, and each line is parsed and built without the per-call set-up of
:func:`~huanjie_rules.io.json.from_json`. Each line is read as strictly as ``from_json`` reads
one text — the same codes for the same problems (``JSON``, ``ENCODING``, ``LIMIT``,
``DUPLICATE_KEY`` …) — and every bad line is reported, with its line number, in one
:class:`~huanjie_rules.errors.InvalidDataError`; none is dropped. :func:`write_jsonl` writes
records one per line, leaving out the fields that hold their default (the reader fills them in
again), which makes a roster of light records several times smaller.

Lines are separated by ``\\n`` only (a ``\\r`` before it is dropped), as JSON Lines defines them:
a record whose text holds another line break (U+2028 in a name) stays one record.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import Candidate, Gender, Office, Person
    >>> people = [Candidate(person=Person(name=n, gender=Gender.MALE,
    ...                                   birth_date=dt.date(1980, 1, 1)), office=Office.MEMBER)
    ...           for n in ("王林", "李青")]
    >>> text = write_jsonl(people)
    >>> print(text.splitlines()[0])
    {"schema_version": 1, "person": {"name": "王林", "gender": "MALE", "birth_date": "1980-01-01"}, "office": "MEMBER"}
    >>> read_jsonl(text, Candidate) == tuple(people)
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from .._args import checked
from .._gc import collector_paused
from ..errors import ArgumentError, HuanjieError, InvalidDataError, Problem
from ..limits import Limits
from .json import (
    _READABLE_VERSIONS,
    SCHEMA_VERSION,
    _converter,
    _decode_text,
    _dumps,
    _from_dict,
    _limits,
    _NotJson,
    _Reader,
    _record_type,
    _to_dict,
)

__all__ = ["read_jsonl", "write_jsonl"]

T = TypeVar("T")


def _lines(source: object, lim: Limits) -> Iterator[tuple[int, str | Problem]]:
    """``(line number, text or the problem of that line)`` for every line of ``source``."""
    if isinstance(source, str):
        yield from enumerate(source.split("\n"), start=1)
        return
    if isinstance(source, bytes | bytearray | memoryview):
        raw = bytes(source)
        try:
            yield from enumerate(raw.decode("utf-8-sig").split("\n"), start=1)
            return
        except UnicodeDecodeError:
            pass  # decoded line by line below, so the bad lines are named and the rest read
        for number, part in enumerate(raw.split(b"\n"), start=1):
            text, problem = _decode_text(part, lim)
            if problem is not None:
                yield number, problem
            else:
                assert text is not None
                yield number, text
        return
    if isinstance(source, Mapping) or not isinstance(source, Iterable):
        raise ArgumentError(
            f"source must be JSON Lines text, its bytes or an iterable of lines, got "
            f"{type(source).__name__}",
            code="TYPE",
            path="source",
        )
    for number, line in enumerate(source, start=1):
        if isinstance(line, str):
            yield number, line
        elif isinstance(line, bytes | bytearray | memoryview):
            text, problem = _decode_text(line, lim)
            if problem is not None:
                yield number, problem
            else:
                assert text is not None
                yield number, text
        else:
            raise ArgumentError(
                f"each line is str or bytes, got {type(line).__name__}",
                code="TYPE",
                path=f"source[{number - 1}]",
            )


@checked(skip=("source",))
def read_jsonl(
    source: str | bytes | Iterable[str | bytes],
    cls: type[T],
    *,
    labels: bool = False,
    limits: Limits | None = None,
) -> tuple[T, ...]:
    """Read JSON Lines text (or an iterable of lines, such as an open file) into ``cls`` records.

    Blank lines are skipped. A record without ``schema_version`` is read as the current version.
    Each line is one JSON text within ``limits`` (``Limits.max_bytes`` applies to a line; the
    whole source has no size limit, and an open file is read line by line).

    Args:
        source: the text, its UTF-8 bytes, or the lines (str or bytes; a trailing line break
            is dropped).
        cls: the record type of every line.
        labels: also accept enums' Chinese labels and aliases, as
            :func:`~huanjie_rules.io.json.from_dict` does.
        limits: the sizes accepted (:class:`~huanjie_rules.limits.Limits`; the defaults when
            None).

    Returns:
        One record per non-blank line, in order.

    Raises:
        InvalidDataError: every problem of every bad line, each path starting with the line's
            number (``line[3].person.birth_date``); codes as
            :func:`~huanjie_rules.io.json.from_json` gives them for one text.
        ArgumentError: ``source`` is not text, bytes or an iterable of lines, a line is neither
            str nor bytes, or another argument is of the wrong type.

    Example:
        >>> from huanjie_rules.model import Seat
        >>> read_jsonl('{"office": "MEMBER", "count": 3}\\n\\n{"office": "SECRETARY", "count": 1}', Seat)
        (Seat(office=<Office.MEMBER: 'MEMBER'>, count=3), Seat(office=<Office.SECRETARY: 'SECRETARY'>, count=1))
        >>> read_jsonl('{"office": "MEMBER", "count": 3}\\n{"office": "MEMBER"}\\n[1', Seat)
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.InvalidDataError: Seat: 2 problems: line[2].count: is required [MISSING]; line[3]: not JSON: Expecting ',' delimiter at line 1, column 3 [JSON] [INVALID_DATA]
    """
    _record_type(cls)
    lim = _limits(limits)
    with collector_paused():  # many records, no cycles: see huanjie_rules._gc
        return _read_lines(source, cls, labels, lim)


def _read_lines(source: object, cls: type[T], labels: bool, lim: Limits) -> tuple[T, ...]:
    # A first pass without detailed validation; a line that fails is read again by the full
    # reader, which reports every problem with its path.
    hook = _converter(False, labels, True, False, lim.max_digits).get_structure_hook(cls)
    reader = _Reader(lim)
    out: list[T] = []
    problems: list[Problem] = []
    context = cls.__name__
    for number, line in _lines(source, lim):
        where = f"line[{number}]"
        if isinstance(line, Problem):
            problems.append(line.with_prefix(where))
            continue
        if line.endswith("\r"):
            line = line[:-1]
        if line.endswith("\n"):  # a file's lines keep their break
            line = line[:-1].removesuffix("\r")
        if not line.strip():
            continue
        if len(line) > lim.max_bytes:
            problems.append(
                Problem(
                    "LIMIT",
                    where,
                    f"{len(line)} characters, more than Limits.max_bytes={lim.max_bytes}",
                )
            )
            continue
        try:
            data = reader.loads(line)
        except _NotJson as exc:
            problems.append(exc.problem.with_prefix(where))
            continue
        if type(data) is dict and reader.within_limits(line):
            version = data.pop("schema_version", SCHEMA_VERSION)
            if type(version) is int and version in _READABLE_VERSIONS:
                try:
                    out.append(hook(data, cls))
                    continue
                except Exception:  # reported below, as from_dict reports it
                    pass
            data["schema_version"] = version
        try:
            out.append(_from_dict(data, cls, labels, lim))
        except InvalidDataError as err:
            problems.extend(p.with_prefix(where) for p in err.problems)
        except HuanjieError as err:  # SchemaVersionError
            problems.append(Problem(err.code, where, err.message))
    if problems:
        raise InvalidDataError(problems, context=context)
    return tuple(out)


@checked
def write_jsonl(records: Iterable[Any], *, reveal_ids: bool = False, defaults: bool = False) -> str:
    """Write records as JSON Lines, one per line, each with ``schema_version`` first.

    Args:
        records: model records (of any record types).
        reveal_ids: write 公民身份号码 in full instead of masked (masked by default, as
            :func:`~huanjie_rules.io.json.to_json` masks them).
        defaults: also write the fields that hold their default (left out by default: every
            reader of this library fills them in again).

    Raises:
        ArgumentError: an item of ``records`` is not a record type of this library (path
            ``records[i]``), or a flag is not a bool.

    Example:
        >>> from huanjie_rules.model import Office, Seat
        >>> print(write_jsonl([Seat(office=Office.MEMBER, count=3)]), end="")
        {"schema_version": 1, "office": "MEMBER", "count": 3}
    """
    if isinstance(records, str | bytes | Mapping):
        raise ArgumentError(
            f"records must be an iterable of records, got {type(records).__name__}",
            code="TYPE",
            path="records",
        )
    lines: list[str] = []
    for i, record in enumerate(records):
        try:
            data = _to_dict(record, reveal_ids, defaults)
        except ArgumentError as err:
            raise ArgumentError(err.message, code=err.code, path=f"records[{i}]") from None
        lines.append(_dumps(data, record, f"records[{i}]") + "\n")
    return "".join(lines)
