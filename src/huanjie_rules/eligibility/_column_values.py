"""The values of a roster held as columns, for :mod:`.columns`: which columns are grouped, how
a cell becomes a model value or a grouping key, results copied under another key, ID numbers
checked whole columns at a time, and a row built as a :class:`~huanjie_rules.model.Candidate`
with the path of each bad value.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from .._base import Model
from ..errors import InvalidDataError, Problem, RuleInputError
from ..findings import Eligibility, Finding
from ..idcard import IdNumber
from ..model import (
    Attestation,
    Candidate,
    Degree,
    Education,
    EducationLevel,
    Gender,
    NominationRoute,
    Office,
    PartyStanding,
    Person,
    PersonCategory,
    PreCheck,
    RecordFact,
    Tenure,
    Vetting,
)

# The columns that are the same for many rows, with their enum (None: kept as given) and default.
# A row's values of these make its signature: rows of one signature differ only in name, key,
# birth date, party dates and ID number.
_STATIC: tuple[tuple[str, Any, object], ...] = (
    ("gender", Gender, None),
    ("office", Office, None),
    ("tenure", Tenure, Tenure.NEW),
    ("ethnicity", None, "汉族"),
    ("party_standing", PartyStanding, PartyStanding.NON_MEMBER),
    ("temporary_relation_only", None, False),
    ("political_rights_deprived", None, False),
    ("township_experience_months", None, None),
    ("categories", None, frozenset()),
    ("education_full_time", EducationLevel, None),
    ("education_in_service", EducationLevel, None),
    ("degree_full_time", Degree, None),
    ("degree_in_service", Degree, None),
    ("nomination", NominationRoute, NominationRoute.ORGANIZATION),
    ("records", None, ()),
    ("attestations", None, ()),
    ("prechecks", None, ()),
)
_STATIC_NAMES = tuple(name for name, _, _ in _STATIC)
# Those the screens read (rights, education, 党龄, negative lists, 四个凡提) for a row whose ID
# number, if any, agrees with its birth date and sex: rows that differ only in the others
# (sex, ethnicity, township months, categories, nomination route) get the same findings.
# tests/property/test_speed_identities.py varies them all against screen_many.
_READ = (
    "office",
    "tenure",
    "party_standing",
    "temporary_relation_only",
    "political_rights_deprived",
    "education_full_time",
    "education_in_service",
    "degree_full_time",
    "degree_in_service",
    "records",
    "attestations",
    "prechecks",
)
_SEQUENCES = {"records": RecordFact, "attestations": Attestation, "prechecks": PreCheck}

_set = object.__setattr__
_new = object.__new__
# _with_subject and _relabel copy these fields by name (tests/property/test_speed_identities.py
# keeps the lists in step with the classes).
_VERDICT_FIELDS = ("subject", "policy_id", "status", "findings")
_FINDING_FIELDS = (
    "code",
    "severity",
    "rule_id",
    "citation",
    "observed",
    "limit",
    "message_zh",
    "message_en",
    "subject",
    "parameter",
)
_DIGITS = frozenset("0123456789")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _enum(cls: Any, value: object) -> Any:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            return value  # left for Candidate's own check, which reports it with its path
    return value


def _enum_column(cls: Any, values: Sequence[Any]) -> list[Any]:
    """A column of enum members or codes as members, each distinct code converted once; any
    other value is kept as it is (Candidate refuses it, as it would one by one)."""
    try:
        distinct = set(values)
    except TypeError:  # an unhashable value: converted one by one
        return [_enum(cls, v) for v in values]
    codes = {v: _enum(cls, v) for v in distinct if type(v) is str}
    if len(codes) == len(distinct):  # codes only
        return list(map(codes.__getitem__, values))
    return [codes[v] if type(v) is str else v for v in values]


def _sequence(value: object) -> object:
    """A column cell holding records as a tuple (None: none); anything else is kept for the
    model's own check."""
    if value is None:
        return ()
    if type(value) is tuple:
        return value
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _categories(value: object) -> object:
    if value is None:
        return frozenset()
    if isinstance(value, list | tuple | set | frozenset):
        try:
            return frozenset(_enum(PersonCategory, v) for v in value)
        except TypeError:  # an unhashable element: the model reports it
            return value
    return value


def _getter(cls: type[Model]) -> Callable[[Any], tuple[Any, ...]]:
    return operator.attrgetter("__class__", *(f.name for f in attrs.fields(cls)))  # type: ignore[arg-type]


_CELL_KEYS = {name: _getter(cls) for name, cls in _SEQUENCES.items()}


def _cell_keys(name: str, cells: Sequence[Any]) -> list[Any]:
    """A column of record sequences as plain tuples of their records' values (class first),
    which hash and compare without calling the records' own methods; None is (); a cell of
    anything else is kept as it is (the model refuses it)."""
    getter = _CELL_KEYS[name]
    kinds = set(map(type, cells))
    if kinds <= {list, tuple, type(None)}:
        rows = [() if c is None else c for c in cells] if type(None) in kinds else cells
        try:
            flat = list(map(getter, itertools.chain.from_iterable(rows)))
        except AttributeError:
            pass
        else:
            out: list[Any] = []
            pos = 0
            for cell in rows:
                end = pos + len(cell)
                out.append(tuple(flat[pos:end]))
                pos = end
            return out
    out = []
    for cell in cells:
        if cell is None:
            out.append(())
            continue
        try:
            out.append(tuple(map(getter, cell)) if isinstance(cell, list | tuple) else cell)
        except AttributeError:
            out.append(cell)
    return out


def _category_keys(cells: Sequence[Any]) -> list[Any]:
    """A column of category sequences in a hashable form (the order of a list kept)."""
    out: list[Any] = []
    for cell in cells:
        kind = type(cell)
        if kind is list:
            out.append(tuple(cell))
        elif kind is set:
            out.append(frozenset(cell))
        else:
            out.append(cell)
    return out


def _key_column(name: str, cls: Any, values: Sequence[Any]) -> Sequence[Any]:
    """A static column in the form rows are grouped by: enum codes as members, records as
    tuples of their values; each distinct key stands for one set of values."""
    if cls is not None:  # the values as given: codes hash fast, and convert the same way
        return values
    if name == "categories":
        return _category_keys(values)
    if name in _SEQUENCES:
        return _cell_keys(name, values)
    return values


def _model_value(name: str, cls: Any, value: object) -> object:
    """A static cell as the model takes it."""
    if cls is not None:
        return _enum(cls, value)
    if name == "categories":
        return _categories(value)
    if name in _SEQUENCES:
        return _sequence(value)
    return value


def _with_subject(f: Finding, key: str) -> Finding:
    """A finding under another subject (a copy; the finding was validated when built)."""
    c = _new(Finding)
    _set(c, "code", f.code)
    _set(c, "severity", f.severity)
    _set(c, "rule_id", f.rule_id)
    _set(c, "citation", f.citation)
    _set(c, "observed", f.observed)
    _set(c, "limit", f.limit)
    _set(c, "message_zh", f.message_zh)
    _set(c, "message_en", f.message_en)
    _set(c, "subject", key)
    _set(c, "parameter", f.parameter)
    return c


def _relabel(
    result: Eligibility, key: str, _new: Any = _new, _set: Any = _set, _cls: Any = Eligibility
) -> Eligibility:
    """A result under another key: a copy with ``subject`` replaced in it and in each finding.

    Only for results whose findings all name the result's subject and whose texts never
    mention it (checked by :func:`_shareable`); the result was validated once when the library
    built it.
    """
    out: Eligibility = _new(_cls)
    _set(out, "subject", key)
    _set(out, "policy_id", result.policy_id)
    _set(out, "status", result.status)
    findings = result.findings
    if findings:
        findings = tuple([_with_subject(f, key) for f in findings])
    _set(out, "findings", findings)
    return out


def _print(f: Finding) -> tuple[Any, ...]:
    """Everything of a finding but its subject."""
    return (
        f.code,
        f.severity,
        f.rule_id,
        f.citation,
        f.observed,
        f.limit,
        f.message_zh,
        f.message_en,
        f.parameter,
    )


def _shareable(result: Eligibility) -> bool:
    """Whether other rows may take ``result`` under their own key: each finding names the
    result's subject, and no text or value of a finding mentions it."""
    subject = result.subject
    for f in result.findings:
        if f.subject != subject:
            return False
        for value in (f.message_zh, f.message_en, f.observed, f.limit):
            if isinstance(value, str) and subject in value:
                return False
    return True


def _id_text(value: object) -> str | None:
    """The number's 18 characters when the value is surely a valid-shaped 18-character number
    as the model keeps it; None otherwise (the row then goes through the per-row path)."""
    if type(value) is IdNumber:
        text = value.reveal()
    elif type(value) is str:
        text = value
    else:
        return None
    head = text[:17]
    if len(text) != 18 or not (head.isascii() and head.isdigit()) or text[17] not in _LAST:
        return None
    return text


_LAST = frozenset("0123456789X")


def _ids_agree(texts: list[str], births: list[_dt.date], males: list[bool]) -> list[bool]:
    """For each 18-character number: the check character is right and the number's birth date
    and sex are the stated ones (then the identity check has nothing to say). Whole columns
    with numpy when it is installed."""
    if not texts:
        return []
    try:
        import numpy as np
    except ImportError:  # the core alone: one number at a time
        out = []
        for text, born, male in zip(texts, births, males, strict=True):
            total = sum(int(d) * w for d, w in zip(text, _ID_WEIGHTS, strict=False))
            out.append(
                _ID_CHECK[total % 11] == text[17]
                and text[6:14] == f"{born.year:04d}{born.month:02d}{born.day:02d}"
                and (int(text[16]) % 2 == 1) == male
            )
        return out
    n = len(texts)
    codes: Any = np.frombuffer("".join(texts).encode("ascii"), dtype=np.uint8).reshape(n, 18)
    digits = codes[:, :17].astype(np.int64) - ord("0")
    sums: Any = digits @ np.array(_ID_WEIGHTS, dtype=np.int64)
    wanted = np.frombuffer(_ID_CHECK.encode("ascii"), dtype=np.uint8)
    ok = wanted[sums % 11] == codes[:, 17]
    days = (np.fromiter(map(_dt.date.toordinal, births), np.int64, n) - _EPOCH).astype(
        "datetime64[D]"
    )
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    place = np.array([1000, 100, 10, 1, 10, 1, 10, 1], dtype=np.int64)
    encoded = digits[:, 6:14] * place
    ok &= encoded[:, 0:4].sum(axis=1) == years.astype(np.int64) + 1970
    ok &= encoded[:, 4:6].sum(axis=1) == (months - years).astype(np.int64) + 1
    ok &= encoded[:, 6:8].sum(axis=1) == (days - months).astype(np.int64) + 1
    ok &= (digits[:, 16] % 2 == 1) == np.fromiter(males, bool, n)
    return ok.tolist()  # type: ignore[no-any-return]


_EPOCH = _dt.date(1970, 1, 1).toordinal()


def _pandas_column(series: Any) -> list[Any]:
    """A pandas column as a list, its missing values (NaN, None, pd.NA) as None."""
    values: list[Any] = series.tolist()
    missing = series.isna()
    if missing.any():
        for i in missing.to_numpy().nonzero()[0].tolist():
            values[i] = None
    return values


def _columns_of(table: object) -> Any:
    """A dataframe's or Arrow table's columns as lists (a mapping is taken as it is).

    pandas: each column's ``tolist()`` (the values themselves, at C speed; ``to_dict("list")``
    boxes them one by one); polars: ``to_dict(as_series=False)``; Arrow: ``to_pydict()``.
    """
    if isinstance(table, Mapping):
        return table
    module = type(table).__module__.split(".", 1)[0]
    try:
        if module == "pandas" and hasattr(table, "columns"):
            return {str(name): _pandas_column(table[name]) for name in table.columns}  # type: ignore[index]
        if module == "polars" and hasattr(table, "to_dict"):
            return table.to_dict(as_series=False)
        if module == "pyarrow" and hasattr(table, "to_pydict"):
            return table.to_pydict()
    except Exception as exc:  # a frame its own library cannot read out (duplicate names …)
        raise RuleInputError(
            f"the {type(table).__name__} could not be read as columns: {exc}",
            code="TYPE",
            path="columns",
        ) from exc
    return table  # refused by the shape check with the library's error


def _row_fields(columns: Mapping[str, Sequence[Any]], given: list[str], i: int) -> dict[str, Any]:
    """Row ``i``'s static values as the model takes them (defaults for absent columns)."""
    fields: dict[str, Any] = {name: default for name, _, default in _STATIC}
    for name, cls, _ in _STATIC:
        if name in columns:
            fields[name] = _model_value(name, cls, columns[name][i])
    return fields


def _party_dates_ok(standing: object, born: _dt.date, joined: object, confirmed: object) -> bool:
    """Party dates a Person surely accepts (otherwise the row is built, and refused, alone)."""
    if joined is not None and (
        type(joined) is not _dt.date or joined < born or standing is PartyStanding.NON_MEMBER
    ):
        return False
    if confirmed is None:
        return True
    if type(confirmed) is not _dt.date or standing in (
        PartyStanding.NON_MEMBER,
        PartyStanding.PROBATIONARY,
    ):
        return False
    return confirmed >= (joined if isinstance(joined, _dt.date) else born)


def _make(
    fields: dict[str, Any],
    name: Any,
    key: Any,
    born: Any,
    joined: Any,
    confirmed: Any,
    number: Any,
) -> Candidate:
    """A Candidate from a row's values; every problem is an InvalidDataError with its path
    from the candidate (``person.gender``, ``vetting.records[0].kind``)."""
    problems: list[Problem] = []

    def part(build: Callable[[], Any], prefix: str) -> Any:
        try:
            return build()
        except InvalidDataError as err:
            problems.extend(p.with_prefix(prefix) for p in err.problems)
            return None

    if type(number) is str:
        text = number

        def id_number() -> IdNumber:
            try:
                return IdNumber(text)
            except InvalidDataError as err:
                raise InvalidDataError(
                    Problem(p.code, "", p.message) for p in err.problems
                ) from None

        number = part(id_number, "person.id_number")
    education = part(
        lambda: Education(
            full_time=fields["education_full_time"],
            in_service=fields["education_in_service"],
            full_time_degree=fields["degree_full_time"],
            in_service_degree=fields["degree_in_service"],
        ),
        "person.education",
    )
    vetting = part(
        lambda: Vetting(
            records=fields["records"],
            attestations=fields["attestations"],
            prechecks=fields["prechecks"],
        ),
        "vetting",
    )
    if problems:
        raise InvalidDataError(problems)
    person = part(
        lambda: Person(
            name=name,
            key=key,
            gender=fields["gender"],
            ethnicity=fields["ethnicity"],
            birth_date=born,
            education=education,
            party_standing=fields["party_standing"],
            party_joined=joined,
            party_confirmed=confirmed,
            temporary_relation_only=fields["temporary_relation_only"],
            political_rights_deprived=fields["political_rights_deprived"],
            township_experience_months=fields["township_experience_months"],
            categories=fields["categories"],
            id_number=number,
        ),
        "person",
    )
    if problems:
        raise InvalidDataError(problems)
    return Candidate(
        person=person,
        office=fields["office"],
        tenure=fields["tenure"],
        nomination=fields["nomination"],
        vetting=vetting,
    )
