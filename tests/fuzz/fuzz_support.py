"""What the fuzz tests and the atheris harness share: the targets, the inputs, the time limit.

Each target takes untrusted input and calls the library; it returns normally or raises the
library's own error (:class:`~huanjie_rules.errors.HuanjieError`). Any other exception, or a
call that runs past its time limit (:class:`Hang`), is a defect the fuzzers report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import importlib
import inspect
import io
import os
import pkgutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

import huanjie_rules
import huanjie_rules.io
from huanjie_rules.errors import HuanjieError

#: Seconds one call may take before it counts as a hang.
TIME_LIMIT = float(os.environ.get("HUANJIE_FUZZ_TIME_LIMIT", "5"))

#: Modules whose functions are helpers for tests and demos, not the library's API, and the edges
#: (command line, HTTP service) whose frameworks read their own input before calling the API.
NOT_API = (".testing", ".examples", ".cli", ".server")

#: Public attrs classes that are never serialized on their own (as in test_public_roundtrip).
NOT_RECORDS = {"Ambiguous", "Unrecognized", "Message", "Problem", "AgeBasis", "LayeredCalendar"}


class Hang(Exception):
    """A call ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`Hang` in the block after ``seconds`` (POSIX timers; main thread only).

    ``HUANJIE_FUZZ_TIME_LIMIT=0`` turns it off (under atheris, libFuzzer watches for hangs).
    """
    if seconds is None:
        seconds = float(os.environ.get("HUANJIE_FUZZ_TIME_LIMIT", TIME_LIMIT))
    if not hasattr(signal, "setitimer") or seconds <= 0:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"a call took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def only_library_errors(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn``; the library's own errors are an answer, anything else escapes."""
    with time_limit():
        try:
            return fn(*args, **kwargs)
        except HuanjieError:
            return None


# -- the public API -----------------------------------------------------------------------------


def public_modules() -> list[str]:
    found = ["huanjie_rules"]
    for info in pkgutil.walk_packages(huanjie_rules.__path__, "huanjie_rules."):
        parts = info.name.split(".")[1:]
        if any(p.startswith("_") for p in parts) or any(s in info.name for s in NOT_API):
            continue
        found.append(info.name)
    return found


def public_callables() -> list[tuple[str, Callable[..., Any]]]:
    """Every public function, and every public method of a public class, by name."""
    seen: set[int] = set()
    out: list[tuple[str, Callable[..., Any]]] = []
    for name in public_modules():
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if id(obj) in seen or not getattr(obj, "__module__", "").startswith("huanjie_rules"):
                continue
            seen.add(id(obj))
            if inspect.isfunction(obj):
                out.append((f"{obj.__module__}.{obj.__name__}", obj))
            elif inspect.isclass(obj) and not issubclass(obj, enum.Enum | BaseException):
                if getattr(obj, "_is_protocol", False):
                    continue
                out.append((f"{obj.__module__}.{obj.__qualname__}", obj))  # the constructor
                for meth_name, meth in vars(obj).items():
                    fn = getattr(meth, "__func__", meth)
                    if meth_name.startswith("_") or not inspect.isfunction(fn):
                        continue
                    out.append((f"{obj.__module__}.{obj.__qualname__}.{meth_name}", fn))
    return sorted(out, key=lambda pair: pair[0])


def record_types() -> list[type]:
    """Every record type JSON reads and writes: the types with a published schema."""
    from huanjie_rules.io.schema import schema_types

    found = {c.__name__: c for c in schema_types().values() if c.__name__ not in NOT_RECORDS}
    return [found[k] for k in sorted(found)]


def _walk(value: Any) -> Iterator[Any]:
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _walk(item)


def sample_values() -> list[Any]:
    """Real values of the library's types, from running its own flows on the example data."""
    from huanjie_rules import (
        ApportionMethod,
        BodyKind,
        Level,
        Office,
        Turnout,
        apportion,
        assembly_form,
        check_margin,
        check_slate,
        decide,
        deputy_quota,
        election_timeline,
        load_policy,
        paper_for,
        screen_many,
        term_end,
    )
    from huanjie_rules.calendar import TableCalendar
    from huanjie_rules.examples.demo import load_example, main

    election, _ = load_example()
    village = load_policy(election.policy_id)
    npc = load_policy("npc-2020")
    basic = load_policy("party-basic-2020")
    outcome = main(io.StringIO())
    paper = paper_for(election, village)
    cal = TableCalendar(label="fuzz", years=(2025,), holidays=(dt.date(2025, 10, 1),), workdays=())
    values: list[Any] = [
        election,
        village,
        npc,
        basic,
        load_policy("xzhen-2021"),
        outcome,
        paper,
        cal,
        *screen_many(None, election, village),
        Turnout(entitled=election.entitled_voters, present=election.entitled_voters),
        assembly_form(basic, 120),
        check_margin(basic, Office.MEMBER, 7, 8),
        deputy_quota(npc, Level.COUNTY, 1_550_001),
        apportion(basic, {"甲": 5, "乙": 5, "丙": 5}, 4, method=ApportionMethod.DHONDT),
        check_slate(
            election.candidates[:4], village, body=BodyKind.VILLAGE_COMMITTEE, on=election.date
        ),
        term_end(dt.date(2021, 1, 16), village),
        election_timeline(dt.date(2021, 11, 5), npc),
        *outcome.tallies,
    ]
    with contextlib.suppress(HuanjieError):
        values.append(decide(election, outcome.tallies[0], village, turnout=values[9]))
    from huanjie_rules import (
        LayeredCalendar,
        Plan,
        PlannedStep,
        Problem,
        Sequence,
        Step,
        default_calendar,
    )
    from huanjie_rules.eligibility import age_basis
    from huanjie_rules.votes import FINDING_CODES

    stray = attrs.evolve(election.candidates[0], key="stray", office=Office.SECRETARY)
    values += [
        age_basis(village, election.date),
        default_calendar(),
        LayeredCalendar(base=cal, label="local", holidays=(dt.date(2025, 10, 8),)),
        FINDING_CODES["QUORUM_MET"],
        Problem("RANGE", "seats[0].count", "must be at least 1"),
        *screen_many([stray], election, village, on_error="report"),
        *(c.person.id_number for c in election.candidates if c.person.id_number),
        Plan(
            sequence=Sequence.VILLAGE_PARTY,
            subject="A村党支部",
            steps=(
                PlannedStep(step=Step.REQUEST, on=dt.date(2025, 9, 1)),
                PlannedStep(step=Step.VOTE, on=dt.date(2025, 9, 20)),
            ),
        ),
    ]
    values += _edge_samples(election, village, paper)
    out: list[Any] = []
    for v in values:
        out.extend(_walk(v))
        if not attrs.has(type(v)):
            out.append(v)
    return out


def _report_samples() -> list[Any]:
    """A township report (its requirements, structures and counts) and a term comparison."""
    from huanjie_rules.io.tables import read_roster
    from huanjie_rules.report import compare_terms, slate_report, township_report

    def slate(town: str, n: int, experienced: int, born: str) -> list[dict[str, object]]:
        return [
            {"乡镇": town, "姓名": f"{town}{i}", "性别": "男", "民族": "汉族", "出生日期": born,
             "全日制学历": "大专" if i % 2 else "高中", "政治面貌": "中共党员", "是否连任": "否",
             "拟任职务": "镇党委书记" if i == 0 else "镇党委委员",
             "乡镇工作年限": 3 if i < experienced else 1}
            for i in range(n)
        ]  # fmt: skip

    now = read_roster(slate("东镇", 7, 7, "1980-01-01") + slate("西镇", 9, 5, "1980-01-01"))
    before = read_roster(slate("东镇", 7, 4, "1970-01-01"))
    report = township_report(
        now,
        on=dt.date(2016, 5, 1),
        policy="nmg-town-2016",
        previous=before,
        previous_on=dt.date(2011, 5, 1),
    )
    a = slate_report(now, on=dt.date(2016, 5, 1), by="all")
    b = slate_report(before, on=dt.date(2011, 5, 1), by="all")
    return [report, a, b, compare_terms(a.groups[0], b.groups[0])]


def _edge_samples(election: Any, village: Any, paper: Any) -> list[Any]:
    """Values of the readers', tables', column and dask types, so that their methods and the
    functions taking them are fuzzed with real inputs too."""
    import numpy as np

    from huanjie_rules import Problem
    from huanjie_rules.io import write_jsonl
    from huanjie_rules.io.requests import ProblemReport
    from huanjie_rules.io.tables import read_roster, screen_roster
    from huanjie_rules.policy.provenance import load_reference
    from huanjie_rules.scale.dask import Station
    from huanjie_rules.votes import RoundCount

    rows = [
        {"村": "东村", "姓名": "王芳", "性别": "女", "民族": "汉族", "出生日期": "1975-03-01",
         "政治面貌": "中共党员", "拟任职务": "书记、村委会主任", "是否连任": "否"},
        {"村": "东村", "姓名": "李强", "性别": "男", "民族": "汉族", "出生日期": "1979年13月",
         "政治面貌": "群众", "拟任职务": "村委会委员", "是否连任": "否"},
    ]  # fmt: skip
    roster = read_roster(rows, name="名册")
    people = [c for c in election.candidates if c.person.birth_date is not None]
    columns = {
        "name": [c.person.name for c in people],
        "gender": [c.person.gender.value for c in people],
        "birth_date": [c.person.birth_date for c in people],
        "office": [c.office.value for c in people],
    }
    marks = np.zeros((3, len(paper.entries)), dtype=np.int8)
    marks[:, 0] = 1
    return [
        *_report_samples(),
        RoundCount(voted=800, for_votes={"甲": 400, "乙": 390}),
        load_reference(),
        roster,
        screen_roster(roster, "xzhen-2021", on=dt.date(2021, 3, 1)),
        ProblemReport.of(Problem("RANGE", "seats[0].count", "must be at least 1")),
        columns,  # a light roster as columns (screen_columns)
        [columns, columns],  # chunks of one (screen_column_chunks)
        write_jsonl(election.candidates),  # JSON Lines text (read_jsonl)
        write_jsonl(election.candidates, reveal_ids=True).encode(),
        Station(key="一站", issued=3, marks=marks),
        Station(key="二站", issued=0),
        [list(election.candidates)],  # counties of one (screen_counties)
    ]


#: Values no function should choke on, whatever parameter they are given for.
HOSTILE: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    7,
    10**6,
    -(10**18),
    10**40,
    2**64,
    1.5,
    float("nan"),
    float("inf"),
    "",
    " ",
    "x",
    "甲",
    "1e999999999",
    "9" * 5000,
    "\x00",
    "A" * 200_000,
    "11010519491231002X",
    b"bytes",
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.date(2021, 3, 1),
    dt.datetime(2021, 3, 1, 12, 0),
    Fraction(1, 3),
    Fraction(10**50, 3),
    Fraction(-7, 2),
    [],
    [None],
    ["age", "age"],
    [1, 2, 3],
    (),
    {},
    {"甲": 1},
    {"甲": -5},
    {1: 2},
    {"甲": 10**40},
    object(),
    frozenset({1}),
    iter(()),
)


def write_profile_files(root: Path, files: dict[str, bytes]) -> Path:
    """A profile folder ``root/fz`` holding ``files`` (name -> content)."""
    d = root / "fz"
    d.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (d / name).write_bytes(content)
    return d


def load_profile_files(files: dict[str, bytes]) -> None:
    """The profile target: load a user profile made of ``files``; only library errors escape."""
    from huanjie_rules.policy import _load

    _load._load_cached.cache_clear()
    with tempfile.TemporaryDirectory() as tmp:
        write_profile_files(Path(tmp), files)
        only_library_errors(huanjie_rules.load_policy, "fz", search=tmp)
        only_library_errors(huanjie_rules.list_policies, search=[tmp])


SEED_PROFILE = b"""id = "fz"
regime = "PARTY_BASIC"
extends = "xzhen-2021"
local = true
title_zh = "\xe6\xb5\x8b\xe8\xaf\x95"
title_en = "test"
valid_from = 2020-10-01
valid_to = 2021-12-31
[instruments.TEST]
title = "test"
url = "https://example.org/test"
"""

SEED_DOMAIN = b"""[role_limits]
type = "tables"
rule = "TEST-ROLE"
instrument = "TEST"
article = "1"
[[role_limits.value]]
id = "OLD"
offices = ["SECRETARY"]
max_age = 70
[age_mode]
type = "str"
value = "ELECTION_DATE"
choices = ["ELECTION_DATE"]
rule = "R"
instrument = "TEST"
article = "1"
[quorum_ratio]
type = "fraction"
value = "4/5"
rule = "R"
instrument = "TEST"
article = "2"
"""


def split_profile(data: bytes) -> dict[str, bytes]:
    """Bytes from a fuzzer as profile files: ``profile.toml``, ``eligibility.toml``, ``votes.toml``
    separated by two NUL bytes."""
    parts = data.split(b"\x00\x00", 2)
    names = ("profile.toml", "eligibility.toml", "votes.toml")
    return dict(zip(names, parts, strict=False))


def json_target(data: bytes) -> None:
    """The JSON target: ``b"<RecordType>\n<text>"``, or the first byte picks the record type
    (so that any bytes a fuzzer makes are an input) and the rest is the text."""
    if not data:
        return
    head, sep, rest = data.partition(b"\n")
    by_name = {c.__name__.encode(): c for c in RECORD_TYPES}
    if sep and head in by_name:
        cls, payload = by_name[head], rest
    else:
        cls, payload = RECORD_TYPES[data[0] % len(RECORD_TYPES)], data[1:]
    only_library_errors(huanjie_rules.io.from_json, payload, cls)
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return
    only_library_errors(huanjie_rules.io.from_json, text, cls, labels=True)


def profile_target(data: bytes) -> None:
    """The profile target on raw bytes (see :func:`split_profile`)."""
    load_profile_files(split_profile(data))


RECORD_TYPES: list[type] = record_types()
