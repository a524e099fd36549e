"""JSON Lines: many records, one JSON object per line, read and written in bulk.

:func:`read_jsonl` reads a whole file's records of one type (candidates of a roster, ballots of
a station) at close to the speed of parsing the JSON: the structuring function of the type is
looked up once, and each line is parsed and built without the per-call set-up of
:func:`~huanjie_rules.io.json.from_json`. Every bad line is reported, with its line number, in one
:class:`~huanjie_rules.errors.InvalidDataError`; none is dropped. :func:`write_jsonl` writes
records one per line, leaving out the fields that hold their default (the reader fills them in
again), which makes a roster of light records several times smaller.

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

import json
from collections.abc import Iterable
from typing import Any, TypeVar

from ..errors import HuanjieError, InvalidDataError, Problem
from .json import _READABLE_VERSIONS, SCHEMA_VERSION, _converter, from_dict, to_dict

__all__ = ["read_jsonl", "write_jsonl"]

T = TypeVar("T")


def _lines(source: str | bytes | Iterable[str | bytes]) -> Iterable[str | bytes]:
    if isinstance(source, bytes):
        return source.decode("utf-8").splitlines()
    if isinstance(source, str):
        return source.splitlines()
    return source


def read_jsonl(
    source: str | bytes | Iterable[str | bytes], cls: type[T], *, labels: bool = False
) -> tuple[T, ...]:
    """Read JSON Lines text (or an iterable of lines, such as an open file) into ``cls`` records.

    Blank lines are skipped. A record without ``schema_version`` is read as the current version.

    Args:
        source: the text, its UTF-8 bytes, or the lines.
        cls: the record type of every line.
        labels: also accept enums' Chinese labels and aliases, as
            :func:`~huanjie_rules.io.json.from_dict` does.

    Returns:
        One record per non-blank line, in order.

    Raises:
        InvalidDataError: every problem of every bad line, each path starting with the line's
            number (``line[3].person.birth_date``); codes as
            :func:`~huanjie_rules.io.json.from_dict` gives them, and ``JSON`` for a line that is
            not JSON.

    Example:
        >>> from huanjie_rules.model import Seat
        >>> read_jsonl('{"office": "MEMBER", "count": 3}\\n\\n{"office": "SECRETARY", "count": 1}', Seat)
        (Seat(office=<Office.MEMBER: 'MEMBER'>, count=3), Seat(office=<Office.SECRETARY: 'SECRETARY'>, count=1))
        >>> read_jsonl('{"office": "MEMBER", "count": 3}\\n{"office": "MEMBER"}\\n[1', Seat)
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.InvalidDataError: Seat: 2 problems: line[2].count: is required [MISSING]; line[3]: Expecting ',' delimiter: line 1 column 3 (char 2) [JSON] [INVALID_DATA]
    """
    # A first pass without detailed validation; a line that fails is read again by from_dict,
    # which reports every problem with its path.
    hook = _converter(False, labels, True, False).get_structure_hook(cls)
    loads = json.loads
    out: list[T] = []
    problems: list[Problem] = []
    for number, line in enumerate(_lines(source), start=1):
        if not line.strip():
            continue
        where = f"line[{number}]"
        try:
            data = loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem("JSON", where, str(exc)))
            continue
        if type(data) is dict:
            version = data.pop("schema_version", SCHEMA_VERSION)
            if version in _READABLE_VERSIONS:
                try:
                    out.append(hook(data, cls))
                    continue
                except Exception:  # reported below, as from_dict reports it
                    pass
            data["schema_version"] = version
        try:
            out.append(from_dict(data, cls, labels=labels))
        except InvalidDataError as err:
            problems.extend(p.with_prefix(where) for p in err.problems)
        except HuanjieError as err:  # SchemaVersionError
            problems.append(Problem(err.code, where, str(err)))
    if problems:
        raise InvalidDataError(problems, context=getattr(cls, "__name__", ""))
    return tuple(out)


def write_jsonl(records: Iterable[Any], *, reveal_ids: bool = False, defaults: bool = False) -> str:
    """Write records as JSON Lines, one per line, each with ``schema_version`` first.

    Args:
        records: model records (of any record types).
        reveal_ids: write 公民身份号码 in full instead of masked.
        defaults: also write the fields that hold their default (left out by default: every
            reader of this library fills them in again).

    Example:
        >>> from huanjie_rules.model import Office, Seat
        >>> print(write_jsonl([Seat(office=Office.MEMBER, count=3)]), end="")
        {"schema_version": 1, "office": "MEMBER", "count": 3}
    """
    dumps = json.dumps
    return "".join(
        dumps(to_dict(r, reveal_ids=reveal_ids, defaults=defaults), ensure_ascii=False) + "\n"
        for r in records
    )
