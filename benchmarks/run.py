"""Benchmarks: every figure is a ratio against a baseline measured in the same run.

Absolute times depend on the machine; ratios measured side by side in one process are what we
track. Each case runs its measured work and its baseline in pairs (A B A B …) and reports the
median of the per-pair ratios, so a noisy neighbour slows both sides of a pair alike. Most cases
run at two or three sizes; the growth exponent between the smallest and largest size (1 = linear)
is shown, and a case whose cost grows faster than its baseline's is flagged super-linear.

Run with ``python3 tasks.py bench`` (prints a Markdown table), ``python3 tasks.py bench --large``
(adds the largest sizes: 10,000,000 ballots, 1,000,000 candidates, 100,000 units), ``--only
WORD`` (cases whose key contains WORD), ``--write`` (refreshes ``docs/benchmarks.md``) and
``--dask`` (only the throughput of a count on dask.distributed against workers and partitions,
``benchmarks/dask_scaling.py``; with ``--write`` it refreshes ``docs/dask.md``).

Each case states its goal; ``met`` says whether the ratio measured in this run reaches it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass
class Row:
    case: str
    size: str
    n: int
    measured: float
    baseline: float
    ratio: float
    goal: str = ""
    met: bool | None = None
    note: str = ""
    key: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def paired(
    measured: Callable[[], object], baseline: Callable[[], object], pairs: int = 5
) -> tuple[float, float, float]:
    """Median measured time, median baseline time and median per-pair ratio (A B A B …)."""
    ts_a: list[float] = []
    ts_b: list[float] = []
    for _ in range(pairs):
        gc.collect()
        start = time.perf_counter()
        measured()
        ts_a.append(time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        baseline()
        ts_b.append(time.perf_counter() - start)
    ratios = [a / b for a, b in zip(ts_a, ts_b, strict=True)]
    return statistics.median(ts_a), statistics.median(ts_b), statistics.median(ratios)


def peak_extra(fn: Callable[[], object]) -> int:
    """Peak bytes allocated (numpy buffers included) while ``fn`` runs, above what was live."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return max(0, peak - base)


def _fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


# --------------------------------------------------------------------------------------------
# Vote counting
# --------------------------------------------------------------------------------------------


def _paper(names: int, *, multi: bool) -> Any:
    from huanjie_rules.model import Office, Seat
    from huanjie_rules.votes import BallotEntry, BallotPaper

    if not multi:
        o = Office.VILLAGE_MEMBER
        return BallotPaper(
            election="bench",
            seats=[Seat(office=o, count=max(1, names // 3))],
            entries=[BallotEntry(office=o, person=f"候选人{i:03d}") for i in range(names)],
        )
    # A village paper: 主任 1 seat, 副主任 1, 委员 3; two people stand for two posts each.
    d, v, m = Office.VILLAGE_DIRECTOR, Office.VILLAGE_DEPUTY_DIRECTOR, Office.VILLAGE_MEMBER
    people = [f"候选人{i:03d}" for i in range(names - 2)]
    entries = [BallotEntry(office=d, person=p) for p in people[:3]]
    entries += [BallotEntry(office=v, person=p) for p in [people[0], *people[3:6]]]
    entries += [BallotEntry(office=m, person=p) for p in [people[1], *people[6:]]]
    return BallotPaper(
        election="bench",
        seats=[Seat(office=d, count=1), Seat(office=v, count=1), Seat(office=m, count=3)],
        entries=entries,
    )


def _marks(n: int, paper: Any, seed: int, p_for: float, spoilt: float = 0.01) -> Any:
    """Marks as voters make them: a share ``p_for`` of 赞成, fewer 不赞成, and about ``spoilt``
    of the ballots over-marked or marking one person for two posts (the rest respect the seats).
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    names = len(paper.entries)
    u = rng.random((n, names), dtype=np.float32)
    marks = np.zeros((n, names), dtype=np.uint8)
    marks[u < p_for] = 1
    marks[u > 1 - p_for / 2] = 2
    keep = rng.random(n) < spoilt  # these ballots stay as drawn, right or wrong
    for o in paper.offices:
        cols = [j for j, e in enumerate(paper.entries) if e.office is o]
        seen = np.cumsum(marks[:, cols] == 1, axis=1)
        over = (seen > paper.seats_for(o)) & (marks[:, cols] == 1) & ~keep[:, None]
        sub = marks[:, cols]
        sub[over] = 0
        marks[:, cols] = sub
    by_person: dict[str, list[int]] = {}
    for j, e in enumerate(paper.entries):
        by_person.setdefault(e.person, []).append(j)
    for cols in by_person.values():
        for j in cols[1:]:
            both = (marks[:, cols[0]] == 1) & (marks[:, j] == 1) & ~keep
            marks[both, j] = 0
    return marks


def bench_count(sizes: list[int], *, multi: bool, names: int = 15) -> Iterator[Row]:
    import numpy as np

    from huanjie_rules.policy import load_policy
    from huanjie_rules.votes.fast import tally_array

    policy = load_policy("village-2018")
    paper = _paper(names, multi=multi)
    label = (
        "multi-post paper (5 seats over 3 posts, two people on two lists)"
        if multi
        else ("one-post paper")
    )
    goal = 3.0 if multi else 1.5
    for n in sizes:
        marks = _marks(n, paper, seed=n, p_for=0.2 if multi else 0.3)
        count = partial(tally_array, paper, marks, policy, issued=n + 10)
        t_ours, t_base, ratio = paired(
            count, partial(np.sum, marks, axis=0), pairs=5 if n <= 3_000_000 else 3
        )
        mem = peak_extra(count)
        share = mem / marks.nbytes
        yield Row(
            case=f"count {len(paper.entries)} names, {label}: `tally_array` vs numpy column sum",
            size=f"{n:,} ballots",
            n=n,
            measured=t_ours,
            baseline=t_base,
            ratio=ratio,
            goal=f"≤ {goal}×; extra memory ≤ 10% of input",
            met=ratio <= goal and share <= 0.10,
            note=f"peak extra memory {mem / 2**20:.1f} MiB = {share:.1%} of the "
            f"{marks.nbytes / 2**20:.0f} MiB input",
            key="count-multi" if multi else "count",
        )
        del marks, count
        gc.collect()


def bench_count_names(n: int) -> Iterator[Row]:
    import numpy as np

    from huanjie_rules.policy import load_policy
    from huanjie_rules.votes.fast import tally_array

    policy = load_policy("village-2018")
    for names in (5, 15, 150):
        paper = _paper(names, multi=False)
        marks = _marks(n, paper, seed=names, p_for=0.3)
        t_ours, t_base, ratio = paired(
            partial(tally_array, paper, marks, policy, issued=n), partial(np.sum, marks, axis=0)
        )
        yield Row(
            case="count, one-post paper, growing names: `tally_array` vs numpy column sum",
            size=f"{n:,} ballots × {names} names",
            n=names,
            measured=t_ours,
            baseline=t_base,
            ratio=ratio,
            goal="the same ratio at 5, 15 and 150 names (≤ 1.5×)",
            met=ratio <= 1.5,
            key="count-names",
        )


def _ballots(paper: Any, n: int, seed: int) -> list[Any]:
    from huanjie_rules.model import Ballot, Choice, Vote

    rng = random.Random(seed)
    choices = (Choice.FOR, Choice.AGAINST, Choice.ABSTAIN)
    return [
        Ballot(
            votes=tuple(
                Vote(candidate=e.person, office=e.office, choice=rng.choice(choices))
                for e in paper.entries
            )
        )
        for _ in range(n)
    ]


def bench_object_path(sizes: list[int]) -> Iterator[Row]:
    from collections import Counter

    from huanjie_rules.model import Office
    from huanjie_rules.policy import load_policy
    from huanjie_rules.testing.votes import make_election
    from huanjie_rules.votes import judge_ballot, paper_for, tally_ballots
    from huanjie_rules.votes.fast import ballots_to_array, tally_array

    policy = load_policy("village-2018")
    d, m = Office.VILLAGE_DIRECTOR, Office.VILLAGE_MEMBER
    election = make_election(
        "village-2018",
        seats={d: 1, m: 4},
        candidates={d: ["甲", "乙"], m: ["丙", "丁", "戊", "己", "庚"]},
        entitled=300_000,
    )
    paper = paper_for(election, policy)

    def per_mark_objects(ballots: list[Any]) -> Counter[Any]:
        # How counting went before: every ballot judged into a JudgedBallot with one validated
        # CountedMark per name, then the marks counted.
        counts: Counter[Any] = Counter()
        for b in ballots:
            j = judge_ballot(paper, b, policy)
            for mk in j.marks:
                counts[(mk.office, mk.person, mk.choice)] += 1
        return counts

    for n in sizes:
        ballots = _ballots(paper, n, seed=n)
        marks, unreadable = ballots_to_array(paper, ballots)
        obj = tally_ballots(paper, ballots, policy, issued=n)
        assert obj == tally_array(paper, marks, policy, issued=n, unreadable=unreadable)
        fast = partial(tally_array, paper, marks, policy, issued=n, unreadable=unreadable)
        t_fast = min(_timed(fast) for _ in range(3))
        t_obj, t_old, ratio = paired(
            partial(tally_ballots, paper, ballots, policy, issued=n),
            partial(per_mark_objects, ballots),
            pairs=3,
        )
        yield Row(
            case="object path (`tally_ballots`), 7 names × 2 posts, vs judging into per-mark "
            "objects and counting them (the path before)",
            size=f"{n:,} ballots",
            n=n,
            measured=t_obj,
            baseline=t_old,
            ratio=ratio,
            goal="≤ 0.1× (10× faster)",
            met=ratio <= 0.1,
            note=f"{t_obj / n * 1e6:.1f} µs per ballot; numpy fast path {t_fast / n * 1e6:.2f} µs "
            "per ballot; identical Tally",
            key="object",
        )


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_merge(sizes: list[int]) -> Iterator[Row]:
    import numpy as np

    from huanjie_rules.policy import load_policy
    from huanjie_rules.votes import Tally
    from huanjie_rules.votes.fast import tally_array

    policy = load_policy("village-2018")
    paper = _paper(15, multi=True)
    rng = np.random.default_rng(5)
    for n in sizes:
        tallies = []
        for i in range(n):
            marks = _marks(int(rng.integers(50, 400)), paper, seed=i, p_for=0.2)
            tallies.append(tally_array(paper, marks, policy, issued=len(marks) + 3))
        # The baseline: the same counts, already as integer arrays, added in numpy.
        arrays = np.array(
            [
                [
                    t.ballots_issued,
                    t.ballots_returned,
                    t.valid_ballots,
                    t.invalid_ballots,
                    *(x for s in t.sections for x in (s.valid, s.invalid)),
                    *(x for c in t.counts for x in (c.for_votes, c.against, c.abstain)),
                ]
                for t in tallies
            ],
            dtype=np.int64,
        )
        merged = Tally.merge(paper, tallies)
        assert merged.ballots_returned == int(arrays[:, 1].sum())
        t_ours, t_base, ratio = paired(
            partial(Tally.merge, paper, tallies), partial(np.sum, arrays, axis=0), pairs=11
        )
        yield Row(
            case="merge station tallies (`Tally.merge`) vs adding the same counts in numpy",
            size=f"{n:,} tallies",
            n=n,
            measured=t_ours,
            baseline=t_base,
            ratio=ratio,
            goal="≤ 20×",
            met=ratio <= 20,
            note=f"{t_ours / n * 1e6:.1f} µs per tally",
            key="merge",
        )


# --------------------------------------------------------------------------------------------
# Screening
# --------------------------------------------------------------------------------------------


def _npc_election() -> tuple[Any, Any]:
    from huanjie_rules.model import BodyKind, Election, ElectionForm, Level, Office, Regime, Seat
    from huanjie_rules.policy import load_policy

    policy = load_policy("npc-2020")
    election = Election(
        key="b",
        regime=Regime.NPC,
        policy_id=policy.id,
        body=BodyKind.PEOPLES_CONGRESS,
        level=Level.TOWNSHIP,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 5),
        seats=(Seat(office=Office.NPC_DEPUTY, count=3),),
        entitled_voters=10_000,
    )
    return election, policy


def _light_rows(n: int) -> list[tuple[str, dt.date]]:
    """Names and birth dates of candidates: adults of every age, and one in a hundred too young
    (born in 2005) for the elections of 2021."""
    rng = random.Random(n)
    return [
        (
            f"代表{i}",
            dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
            if i % 100 == 99
            else dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(0, 24_800)),
        )
        for i in range(n)
    ]


def _each(fn: Callable[[Any], object], items: list[Any]) -> list[object]:
    return [fn(x) for x in items]


def _screen_loop(screen: Any, cands: list[Any], election: Any, policy: Any) -> list[Any]:
    return [screen(c, election, policy) for c in cands]


def bench_screen_light(sizes: list[int]) -> Iterator[Row]:
    import pandas as pd

    from huanjie_rules.eligibility import screen, screen_columns, screen_many
    from huanjie_rules.model import Candidate, Gender, Office, Person

    election, policy = _npc_election()
    for n in sizes:
        rows = _light_rows(n)
        frame = pd.DataFrame(
            {
                "name": [r[0] for r in rows],
                "gender": ["FEMALE"] * n,
                "birth_date": [r[1] for r in rows],
                "office": ["NPC_DEPUTY"] * n,
            }
        )
        frame["birth_date"] = frame["birth_date"].astype(object)  # datetime.date values
        cands = [
            Candidate(
                person=Person(name=name, gender=Gender.FEMALE, birth_date=b),
                office=Office.NPC_DEPUTY,
            )
            for name, b in rows
        ]
        loop = _screen_loop(screen, cands, election, policy)
        assert screen_columns(frame, election, policy) == tuple(loop)
        assert screen_columns(frame.to_dict("list"), election, policy) == tuple(loop)
        assert screen_many(cands, election, policy) == tuple(loop)
        t_col, t_loop, ratio = paired(
            partial(screen_columns, frame, election, policy),
            partial(_screen_loop, screen, cands, election, policy),
            pairs=5,
        )
        yield Row(
            case="screen light candidates (npc-2020) from a pandas DataFrame: `screen_columns` "
            "(given the frame) vs a per-row `screen` loop over built Candidates",
            size=f"{n:,} candidates",
            n=n,
            measured=t_col,
            baseline=t_loop,
            ratio=ratio,
            goal="≤ 0.05× (20× faster)",
            met=ratio <= 0.05,
            note=f"{t_col / n * 1e6:.1f} µs per row; per-row `screen` {t_loop / n * 1e6:.0f} µs; "
            "identical results",
            key="screen-light",
        )


def _heavy_columns(cands: list[Any]) -> dict[str, list[Any]]:
    """The candidates as the columns of a roster (codes for enums, the number as text, the
    vetting records as lists), as a dataframe's ``to_dict("list")`` would hold them."""

    def code(value: Any) -> Any:
        return None if value is None else value.value

    people = [c.person for c in cands]
    return {
        "name": [p.name for p in people],
        "gender": [p.gender.value for p in people],
        "ethnicity": [p.ethnicity for p in people],
        "birth_date": [p.birth_date for p in people],
        "id_number": [p.id_number.reveal() for p in people],
        "education_full_time": [code(p.education.full_time) for p in people],
        "education_in_service": [code(p.education.in_service) for p in people],
        "party_standing": [p.party_standing.value for p in people],
        "party_joined": [p.party_joined for p in people],
        "party_confirmed": [p.party_confirmed for p in people],
        "township_experience_months": [p.township_experience_months for p in people],
        "categories": [sorted(c.value for c in p.categories) for p in people],
        "office": [c.office.value for c in cands],
        "records": [list(c.vetting.records) for c in cands],
        "attestations": [list(c.vetting.attestations) for c in cands],
        "prechecks": [list(c.vetting.prechecks) for c in cands],
    }


def bench_screen_heavy(sizes: list[int]) -> Iterator[Row]:
    import attrs

    from huanjie_rules.eligibility import screen, screen_columns, screen_many
    from huanjie_rules.idcard import IdNumber, check_character
    from huanjie_rules.model import BodyKind, Election, ElectionForm, Level, Office, Regime, Seat
    from huanjie_rules.policy import load_policy

    policy = load_policy("xzhen-2021")  # 十不推 and the other lists, attestations, 四个凡提
    election = Election(
        key="x",
        regime=Regime.PARTY_BASIC,
        policy_id=policy.id,
        body=BodyKind.BRANCH,
        level=Level.VILLAGE,
        form=ElectionForm.MEMBERS_ASSEMBLY,
        date=dt.date(2021, 3, 1),
        seats=(Seat(office=Office.MEMBER, count=5),),
        entitled_voters=60,
    )
    for n in sizes:
        cands = []
        for i, c in enumerate(_candidates(n, heavy=True)):
            first17 = f"330105{c.person.birth_date:%Y%m%d}{i % 100:02d}{i % 10}"
            number = IdNumber(first17 + check_character(first17))
            cands.append(attrs.evolve(c, person=attrs.evolve(c.person, id_number=number)))
        columns = _heavy_columns(cands)
        loop = _screen_loop(screen, cands, election, policy)
        assert screen_columns(columns, election, policy) == tuple(loop)
        assert screen_many(cands, election, policy) == tuple(loop)
        findings = sum(len(r.findings) for r in loop) / n
        t_col, t_loop, ratio = paired(
            partial(screen_columns, columns, election, policy),
            partial(_screen_loop, screen, cands, election, policy),
            pairs=3,
        )
        yield Row(
            case="screen candidates with every check (xzhen-2021: lists, attestations, "
            "identity, 凡提) from columns: `screen_columns` vs a per-row `screen` loop over "
            "built Candidates",
            size=f"{n:,} candidates",
            n=n,
            measured=t_col,
            baseline=t_loop,
            ratio=ratio,
            goal="≤ 0.05× (20× faster)",
            met=ratio <= 0.05,
            note=f"{t_col / n * 1e6:.1f} µs per row, {findings:.0f} findings each; per-row "
            f"`screen` {t_loop / n * 1e6:.0f} µs; identical results",
            key="screen-heavy",
        )


def bench_screen_one() -> Iterator[Row]:
    from huanjie_rules.eligibility import screen
    from huanjie_rules.model import Candidate, Gender, Office, Person

    election, policy = _npc_election()
    rows = _light_rows(5_000)
    t_build: list[float] = []
    t_screen: list[float] = []
    for name, b in rows:
        s = time.perf_counter()
        cand = Candidate(
            person=Person(name=name, gender=Gender.MALE, birth_date=b), office=Office.NPC_DEPUTY
        )
        m = time.perf_counter()
        screen(cand, election, policy)
        e = time.perf_counter()
        t_build.append(m - s)
        t_screen.append(e - m)
    p50_b, p50_s = statistics.median(t_build), statistics.median(t_screen)
    p99_s = statistics.quantiles(t_screen, n=100)[98]
    yield Row(
        case="one `screen` call (p50) vs constructing its Candidate (p50)",
        size="5,000 calls",
        n=5_000,
        measured=p50_s,
        baseline=p50_b,
        ratio=p50_s / p50_b,
        goal="≤ 3×",
        met=p50_s / p50_b <= 3,
        note=f"screen p99 {p99_s * 1e6:.0f} µs",
        key="screen-one",
    )


def bench_entry_checks(n: int) -> Iterator[Row]:
    from huanjie_rules._args import _without_checks
    from huanjie_rules.eligibility import screen
    from huanjie_rules.model import Candidate, Gender, Office, Person

    election, policy = _npc_election()
    cands = [
        Candidate(
            person=Person(name=name, gender=Gender.MALE, birth_date=b), office=Office.NPC_DEPUTY
        )
        for name, b in _light_rows(n)
    ]

    def bare() -> object:
        with _without_checks():
            return _screen_loop(screen, cands, election, policy)

    assert bare() == _screen_loop(screen, cands, election, policy)
    t_on, t_off, ratio = paired(
        partial(_screen_loop, screen, cands, election, policy), bare, pairs=7
    )
    yield Row(
        case="single `screen` calls with the entry checks of every public function vs the same "
        "calls with the checks switched off (`_args._without_checks`)",
        size=f"{n:,} calls",
        n=n,
        measured=t_on,
        baseline=t_off,
        ratio=ratio,
        goal="≤ 1.1×",
        met=ratio <= 1.1,
        note=f"{(t_on - t_off) / n * 1e6:+.1f} µs per call for the checks",
        key="screen-entry-checks",
    )


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def _candidates(n: int, heavy: bool) -> list[Any]:
    from huanjie_rules.model import (
        Attestation,
        Candidate,
        CheckStatus,
        Education,
        EducationLevel,
        Gender,
        Office,
        PartyStanding,
        Person,
        PersonCategory,
        PreCheck,
        PreCheckKind,
        RecordFact,
        Vetting,
    )

    out = []
    for i, (name, born) in enumerate(_light_rows(n)):
        if not heavy:
            person = Person(name=name, gender=Gender.FEMALE, birth_date=born)
            out.append(Candidate(person=person, office=Office.NPC_DEPUTY))
            continue
        person = Person(
            name=name,
            gender=Gender.MALE if i % 2 else Gender.FEMALE,
            ethnicity="回族" if i % 7 == 0 else "汉族",
            birth_date=born,
            education=Education(
                full_time=EducationLevel.UNDERGRADUATE, in_service=EducationLevel.POSTGRADUATE
            ),
            party_standing=PartyStanding.FULL_MEMBER,
            party_joined=born + dt.timedelta(days=9_000),
            party_confirmed=born + dt.timedelta(days=9_365),
            township_experience_months=i % 120,
            categories=frozenset({PersonCategory.FRONTLINE, PersonCategory.FARMER}),
        )
        vetting = Vetting(
            records=[
                RecordFact(
                    kind="CRIMINAL_SENTENCE", started=dt.date(2001, 3, 1), ended=dt.date(2003, 3, 1)
                ),
                RecordFact(kind="PARTY_DISCIPLINE", started=dt.date(2015, 1, 1), note="警告"),
            ],
            attestations=[Attestation(item="SHI_BU_TUI_01", holds=False, attested_by="党委")],
            prechecks=[
                PreCheck(kind=k, status=CheckStatus.CLEAR, on=dt.date(2021, 1, 5))
                for k in PreCheckKind
            ],
        )
        out.append(Candidate(person=person, office=Office.MEMBER, vetting=vetting))
    return out


def bench_json(sizes: list[int]) -> Iterator[Row]:
    from huanjie_rules.io import read_jsonl, write_jsonl
    from huanjie_rules.model import Candidate

    for heavy in (False, True):
        for n in sizes:
            cands = _candidates(n, heavy)
            text = write_jsonl(cands, defaults=True)  # every field written: the larger text
            lines = text.splitlines()
            assert read_jsonl(text, Candidate) == tuple(cands)
            t_ours, t_base, ratio = paired(
                partial(read_jsonl, text, Candidate), partial(_each, json.loads, lines), pairs=3
            )
            short = len(write_jsonl(cands)) / len(text)
            yield Row(
                case=f"read {'heavy' if heavy else 'light'} Candidate records (JSON Lines): "
                "`read_jsonl` vs `json.loads` of each line",
                size=f"{n:,} records",
                n=n,
                measured=t_ours,
                baseline=t_base,
                ratio=ratio,
                goal="≤ 3×",
                met=ratio <= 3,
                note=f"{t_ours / n * 1e6:.0f} µs per record; `write_jsonl` without defaults: "
                f"{short:.0%} of the text",
                key="json",
            )


# --------------------------------------------------------------------------------------------
# Import and first call (fresh processes)
# --------------------------------------------------------------------------------------------


def _in_fresh(code: str) -> float:
    """Seconds a snippet reports for itself (its last printed line) in a fresh interpreter."""
    out = subprocess.run(
        [PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return float(out.strip().splitlines()[-1])


def _wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([PY, *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def bench_import() -> Iterator[Row]:
    _wall(["-c", "import huanjie_rules"])  # warm the file cache and bytecode
    t_imp, t_pass, ratio = paired(
        lambda: _wall(["-c", "import huanjie_rules"]),
        lambda: _wall(["-c", "pass"]),
        pairs=15,
    )
    pulled = subprocess.run(
        [
            PY,
            "-c",
            "import sys, huanjie_rules; print(sorted({'numpy','pandas','polars'} & set(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.strip()
    own = t_imp - t_pass
    yield Row(
        case="`import huanjie_rules` (warm) vs `python -c pass`",
        size="fresh process",
        n=1,
        measured=t_imp,
        baseline=t_pass,
        ratio=ratio,
        goal="import itself < 100 ms; no numpy/pandas",
        met=own < 0.100 and pulled == "[]",
        note=f"import itself {own * 1e3:.0f} ms; heavy modules loaded: {pulled}",
        key="import",
    )


def bench_policy_for() -> Iterator[Row]:
    first = (
        "import time, datetime as dt; from huanjie_rules.model import Regime; "
        "from huanjie_rules.policy import policy_for; s = time.perf_counter(); "
        "policy_for(Regime.VILLAGE, dt.date(2021, 5, 1)); print(time.perf_counter() - s)"
    )
    one = (
        "import time; from huanjie_rules.policy import load_policy; s = time.perf_counter(); "
        "load_policy('village-2018'); print(time.perf_counter() - s)"
    )
    ts_a: list[float] = []
    ts_b: list[float] = []
    for _ in range(5):  # paired: A B A B …, each in a fresh interpreter
        ts_a.append(_in_fresh(first))
        ts_b.append(_in_fresh(one))
    ratio = statistics.median(a / b for a, b in zip(ts_a, ts_b, strict=True))
    t_first, t_one = statistics.median(ts_a), statistics.median(ts_b)
    yield Row(
        case="first `policy_for(VILLAGE, 2021-05-01)` vs one `load_policy` (fresh process)",
        size="fresh process",
        n=1,
        measured=t_first,
        baseline=t_one,
        ratio=ratio,
        goal="one profile's load (≤ 1.15×: the two differ by the headers read)",
        met=ratio <= 1.0 + 0.15,  # both load one profile: equal within noise
        key="policy-for",
    )


# --------------------------------------------------------------------------------------------
# Apportionment and the calendar
# --------------------------------------------------------------------------------------------


def bench_apportion(sizes: list[tuple[int, int]]) -> Iterator[Row]:
    from huanjie_rules.apportion import ApportionMethod, apportion
    from huanjie_rules.policy import load_policy

    policy = load_policy("party-local-2020")
    for seats, units in sizes:
        rng = random.Random(units)
        weights = {f"单位{i:06d}": rng.randrange(200, 20_000) for i in range(units)}
        for method in ApportionMethod:
            if method is ApportionMethod.LARGEST_REMAINDER:
                continue
            pairs = 5 if units <= 1_000 else 3
            t, base, ratio = paired(
                partial(apportion, policy, weights, seats, method=method),
                partial(
                    apportion, policy, weights, seats, method=ApportionMethod.LARGEST_REMAINDER
                ),
                pairs=pairs,
            )
            yield Row(
                case=f"apportion, {method.value} vs largest remainder",
                size=f"{seats:,} seats / {units:,} units",
                n=units,
                measured=t,
                baseline=base,
                ratio=ratio,
                goal="≤ 3×",
                met=ratio <= 3,
                key=f"apportion-{method.value}",
            )


def bench_calendar() -> Iterator[Row]:
    import chinese_calendar

    from huanjie_rules.calendar import count_workdays, default_calendar

    cal = default_calendar()
    start, end = dt.date(2024, 1, 1), dt.date(2026, 12, 31)

    def plain() -> int:
        d, n = start, 0
        while d < end:
            d += dt.timedelta(days=1)
            n += chinese_calendar.is_workday(d)
        return n

    assert plain() == count_workdays(start, end, cal)
    t_ours, t_plain, ratio = paired(lambda: count_workdays(start, end, cal), plain)
    yield Row(
        case="`count_workdays` over 2024–2026 vs a plain chinese_calendar loop",
        size="3 years",
        n=1,
        measured=t_ours,
        baseline=t_plain,
        ratio=ratio,
        note=cal.source,
        key="calendar",
    )


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def cases(large: bool) -> list[tuple[str, Callable[[], Iterator[Row]]]]:
    big = [10_000_000] if large else []
    return [
        ("count", lambda: bench_count([1_000_000, 3_000_000, *big], multi=False)),
        ("count-multi", lambda: bench_count([1_000_000, 3_000_000, *big], multi=True)),
        ("count-names", lambda: bench_count_names(400_000)),
        ("object", lambda: bench_object_path([5_000, 20_000])),
        ("merge", lambda: bench_merge([1_000, 10_000])),
        (
            "screen-light",
            lambda: bench_screen_light([20_000, 60_000, *([1_000_000] if large else [])]),
        ),
        (
            "screen-heavy",
            lambda: bench_screen_heavy([3_000, 10_000, *([300_000] if large else [])]),
        ),
        ("screen-one", bench_screen_one),
        ("screen-entry-checks", lambda: bench_entry_checks(5_000)),
        ("json", lambda: bench_json([10_000, 30_000, *([100_000] if large else [])])),
        ("import", bench_import),
        ("policy-for", bench_policy_for),
        (
            "apportion",
            lambda: bench_apportion(
                [
                    (450, 30),
                    (3_000, 1_000),
                    (30_000, 10_000),
                    *([(300_000, 100_000)] if large else []),
                ]
            ),
        ),
        ("calendar", bench_calendar),
    ]


def growth(rows: list[Row]) -> dict[int, str]:
    """Per row index: the growth exponent against the smallest size of the same case."""
    out: dict[int, str] = {}
    by_case: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_case.setdefault(r.case, []).append(i)
    for idx in by_case.values():
        first = rows[idx[0]]
        for i in idx[1:]:
            r = rows[i]
            if r.n == first.n:
                continue
            scale = math.log(r.n / first.n)
            k = math.log(r.measured / first.measured) / scale
            kb = math.log(r.baseline / first.baseline) / scale
            flag = " **super-linear**" if k > 1.15 and k > kb + 0.15 else ""
            out[i] = f"n^{k:.2f} (baseline n^{kb:.2f}){flag}"
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 2**20:.0f} GiB memory"
                break
    except OSError:
        pass
    try:
        import numpy

        npv = f", numpy {numpy.__version__}"
    except ImportError:
        npv = ""
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}{npv}"
    )


def render(rows: list[Row]) -> str:
    grow = growth(rows)
    lines = [
        "| case | size | measured | baseline | ratio | goal | met | growth | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(rows):
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(
            f"| {r.case} | {r.size} | {_fmt_time(r.measured)} | {_fmt_time(r.baseline)} | "
            f"{r.ratio:.3g}× | {r.goal} | {met} | {grow.get(i, '')} | {r.note} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if "--dask" in argv:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import dask_scaling

        return dask_scaling.main(argv)
    large = "--large" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    rows: list[Row] = []
    started = time.perf_counter()
    for key, case in cases(large):
        if only and only not in key:
            continue
        t0 = time.perf_counter()
        for row in case():
            rows.append(row)
            print(
                f"{row.key:>22} {row.size:>28}  {row.ratio:8.3g}×  {row.goal}  "
                f"{'' if row.met is None else ('met' if row.met else 'NOT MET')}",
                flush=True,
            )
        print(f"{'':>22} ({time.perf_counter() - t0:.0f} s)", flush=True)
    table = render(rows)
    desc = machine()
    total = time.perf_counter() - started
    print()
    print(table)
    print(f"\n{desc}; {total:.0f} s in all")
    if "--write" in argv:
        page = ROOT / "docs" / "benchmarks.md"
        text = page.read_text(encoding="utf-8")
        head, _, _ = text.partition("<!-- figures -->")
        scope = "`python3 tasks.py bench --large`" if large else "`python3 tasks.py bench`"
        page.write_text(
            f"{head}<!-- figures -->\n\n{table}\n\nMeasured with {scope} on "
            f"{dt.date.today().isoformat()} in {total:.0f} s. Machine: {desc}. Times are medians "
            "of paired runs; ratios are medians of the per-pair ratios. Ratios below 1 mean the "
            "measured case is faster than its baseline.\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
