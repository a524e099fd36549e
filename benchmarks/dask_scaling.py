"""Throughput of a count on dask.distributed against workers and partitions.

The same ballots (default 8,000,000 × 15 names, written to one ``.npy`` file per polling
station) are counted by :func:`huanjie_rules.scale.dask.count_stations` on a ``LocalCluster`` of
1 and 2 single-threaded worker processes, split into 8, 32 and 128 stations; each station is read
from its file on the worker, so no ballot passes through the client. The single-process count of
the same files (:func:`count_stations_local`) is the baseline, timed in the same run, and every
total is checked equal to it.

Run with ``python3 tasks.py bench --dask`` (``--write`` refreshes the table in docs/dask.md).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _load(path: str, issued: int) -> Any:
    import numpy as np

    from huanjie_rules.scale.dask import Station

    return Station(key=Path(path).stem, issued=issued, marks=np.load(path))


def _all_marks(ballots: int, names: int) -> Any:
    """The same ballots for every split: 30% 赞成, 15% 不赞成, about 1% over-marked."""
    import numpy as np

    rng = np.random.default_rng(2026)
    u = rng.random((ballots, names), dtype=np.float32)
    marks = np.zeros((ballots, names), dtype=np.uint8)
    marks[u < 0.3] = 1
    marks[u > 0.85] = 2
    seen = np.cumsum(marks == 1, axis=1)
    marks[(seen > 5) & (marks == 1) & (rng.random((ballots, 1)) > 0.01)] = 0
    return marks


def _write_stations(folder: Path, marks: Any, parts: int) -> list[Any]:
    import numpy as np

    ballots = len(marks)
    sizes = [ballots // parts + (1 if i < ballots % parts else 0) for i in range(parts)]
    loaders: list[Any] = []
    start = 0
    for i, n in enumerate(sizes):
        path = folder / f"{parts}-{i:04d}.npy"
        np.save(path, marks[start : start + n])
        start += n
        loaders.append(partial(_load, str(path), n + 5))
    return loaders


def _county(seed: int, n: int) -> list[Any]:
    """A county's roster, built on the worker (as a reader of the county's file would)."""
    import datetime as dt
    import random

    from huanjie_rules.model import Candidate, Gender, Office, Person

    rng = random.Random(seed)
    return [
        Candidate(
            person=Person(
                name=f"县{seed}-{i}",
                gender=Gender.FEMALE if i % 2 else Gender.MALE,
                birth_date=dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(25_000)),
            ),
            office=Office.NPC_DEPUTY,
        )
        for i in range(n)
    ]


def run_screening(candidates: int, client_for: Any) -> list[str]:
    import datetime as dt

    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.model import BodyKind, Election, ElectionForm, Level, Office, Regime, Seat
    from huanjie_rules.policy import load_policy
    from huanjie_rules.scale.dask import screen_counties

    policy = load_policy("npc-2020")
    election = Election(
        key="省",
        regime=Regime.NPC,
        policy_id=policy.id,
        body=BodyKind.PEOPLES_CONGRESS,
        level=Level.TOWNSHIP,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 5),
        seats=(Seat(office=Office.NPC_DEPUTY, count=3),),
        entitled_voters=10_000,
    )
    counties = 16
    loaders = [partial(_county, c, candidates // counties) for c in range(counties)]
    start = time.perf_counter()
    expected = screen_many([c for load in loaders for c in load()], election, policy)
    t_local = time.perf_counter() - start
    rows = [
        "| workers | counties | seconds | candidates / s | vs one process |",
        "|---|---|---|---|---|",
        f"| (one process) | {counties} | {t_local:.2f} | {candidates / t_local:,.0f} | 1.00× |",
    ]
    for workers in (1, 2):
        client = client_for(workers)
        screen_counties(client, loaders[:2], election, policy)  # warm the workers
        start = time.perf_counter()
        got = screen_counties(client, loaders, election, policy)
        t = time.perf_counter() - start
        assert got == expected
        rows.append(
            f"| {workers} | {counties} | {t:.2f} | {candidates / t:,.0f} | {t_local / t:.2f}× |"
        )
        print(rows[-1], flush=True)
    return rows


def run(ballots: int) -> tuple[list[str], str]:
    import distributed

    Client: Any = distributed.Client
    LocalCluster: Any = distributed.LocalCluster

    from huanjie_rules.model import Office, Seat
    from huanjie_rules.policy import load_policy
    from huanjie_rules.scale.dask import count_stations, count_stations_local
    from huanjie_rules.votes import BallotEntry, BallotPaper

    policy = load_policy("village-2018")
    paper = BallotPaper(
        election="省",
        seats=[Seat(office=Office.VILLAGE_MEMBER, count=5)],
        entries=[BallotEntry(office=Office.VILLAGE_MEMBER, person=f"候选人{i}") for i in range(15)],
    )
    rows = [
        "| workers | partitions | seconds | million ballots / s | vs one process |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        marks = _all_marks(ballots, len(paper.entries))
        splits = {p: _write_stations(Path(tmp), marks, p) for p in (8, 32, 128)}
        del marks
        local_times = []
        expected = None
        for _ in range(3):
            start = time.perf_counter()
            expected = count_stations_local(paper, policy, splits[32])
            local_times.append(time.perf_counter() - start)
        t_local = statistics.median(local_times)
        rows.append(
            f"| (one process) | 32 | {t_local:.2f} | {ballots / t_local / 1e6:.1f} | 1.00× |"
        )
        for workers in (1, 2):
            with (
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=50,
                ) as cluster,
                Client(cluster) as client,
            ):
                count_stations(client, paper, policy, splits[8])  # warm the workers
                for parts, loaders in splits.items():
                    times = []
                    for _ in range(3):
                        start = time.perf_counter()
                        total = count_stations(client, paper, policy, loaders)
                        times.append(time.perf_counter() - start)
                        if parts != 32:  # issued differs by 5 a station: compare the counts
                            assert total.counts == expected.counts  # type: ignore[union-attr]
                            assert total.valid_ballots == expected.valid_ballots  # type: ignore[union-attr]
                        else:
                            assert total == expected
                    t = statistics.median(times)
                    rows.append(
                        f"| {workers} | {parts} | {t:.2f} | {ballots / t / 1e6:.1f} | "
                        f"{t_local / t:.2f}× |"
                    )
                    print(rows[-1], flush=True)
    clusters: list[Any] = []

    def client_for(workers: int) -> Any:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=50,
        )
        client = Client(cluster)
        clusters.append((client, cluster))
        return client

    try:
        rows += ["", *run_screening(80_000, client_for)]
    finally:
        for client, cluster in clusters:
            client.close()
            cluster.close()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import machine

    return rows, machine()


def main(argv: list[str]) -> int:
    ballots = 8_000_000
    if "--ballots" in argv:
        ballots = int(argv[argv.index("--ballots") + 1])
    rows, desc = run(ballots)
    table = "\n".join(rows)
    print(table)
    if "--write" in argv:
        page = ROOT / "docs" / "dask.md"
        text = page.read_text(encoding="utf-8")
        head, _, rest = text.partition("<!-- throughput -->")
        _, _, tail = rest.partition("<!-- /throughput -->")
        page.write_text(
            f"{head}<!-- throughput -->\n\n{table}\n\nFirst table: {ballots:,} ballots × 15 "
            "names counted; second: 80,000 light candidates screened (npc-2020). Measured "
            f"with `python3 tasks.py bench --dask` on {dt.date.today().isoformat()}. Machine: "
            f"{desc}.\n\n<!-- /throughput -->{tail}",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
