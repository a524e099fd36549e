"""Benchmarks: every figure is a ratio against a baseline measured in the same run.

Absolute times depend on the machine; ratios measured side by side in one process are what we
track. Run with ``python3 tasks.py bench`` (prints a Markdown table) or
``python3 tasks.py bench -- --write`` to refresh ``docs/benchmarks.md``.

Cases:
- vote counting: the numpy fast path (``votes.fast.tally_array``) against the object path
  (``votes.tally_ballots``) on the same ballots — the two must give the same ``Tally``;
- screening: ``eligibility.screen_many`` against building the same ``Candidate`` objects (how
  much the rules cost on top of the data a caller already has);
- working days: ``calendar.count_workdays`` through the chinesecalendar adapter against a plain
  loop over ``chinese_calendar.is_workday`` (the cost of coverage checks and the protocol);
- apportionment: each divisor method against largest remainder, 450 seats over 30 units;
- entry checks: 2,000 single ``screen`` calls with the arguments of every public function
  checked at entry, against the same calls with the checks switched off for the measurement
  (``_args._without_checks``), so the ratio is the cost of the boundary rule.
"""

from __future__ import annotations

import datetime as dt
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_votes() -> tuple[str, float, float, str]:
    from huanjie_rules.model import Ballot, Choice, Office, Vote
    from huanjie_rules.policy import load_policy
    from huanjie_rules.testing.votes import make_election
    from huanjie_rules.votes import paper_for, tally_ballots
    from huanjie_rules.votes.fast import ballots_to_array, tally_array

    rng = random.Random(2026)
    policy = load_policy("village-2018")
    d, m = Office.VILLAGE_DIRECTOR, Office.VILLAGE_MEMBER
    election = make_election(
        "village-2018",
        seats={d: 1, m: 4},
        candidates={d: ["甲", "乙"], m: ["丙", "丁", "戊", "己", "庚"]},
        entitled=30_000,
    )
    paper = paper_for(election, policy)
    choices = (Choice.FOR, Choice.AGAINST, Choice.ABSTAIN)
    ballots = [
        Ballot(
            votes=tuple(
                Vote(candidate=e.person, office=e.office, choice=rng.choice(choices))
                for e in paper.entries
            )
        )
        for _ in range(20_000)
    ]
    marks, unreadable = ballots_to_array(paper, ballots)
    obj = tally_ballots(paper, ballots, policy, issued=20_000)
    fast = tally_array(paper, marks, policy, issued=20_000, unreadable=unreadable)
    assert obj == fast, "fast path and object path disagree"
    t_obj = _best(lambda: tally_ballots(paper, ballots, policy, issued=20_000), 3)
    t_fast = _best(lambda: tally_array(paper, marks, policy, issued=20_000, unreadable=unreadable))
    return (
        "vote counting, 20,000 ballots × 7 names: numpy fast path vs object path",
        t_fast,
        t_obj,
        "identical Tally",
    )


def _screen_inputs() -> tuple[list[Any], Any, Any, Callable[[], list[Any]]]:
    from huanjie_rules.model import (
        BodyKind,
        Candidate,
        Election,
        ElectionForm,
        Gender,
        Level,
        Office,
        Person,
        Regime,
        Seat,
    )
    from huanjie_rules.policy import load_policy

    rng = random.Random(7)
    policy = load_policy("npc-2020")
    rows = [
        (f"代表{i}", dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 24_000)))
        for i in range(2_000)
    ]

    def build() -> list[Candidate]:
        return [
            Candidate(
                person=Person(name=n, gender=Gender.FEMALE, birth_date=b), office=Office.NPC_DEPUTY
            )
            for n, b in rows
        ]

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
    return build(), election, policy, build


def bench_screen() -> tuple[str, float, float, str]:
    from huanjie_rules.eligibility import screen_many

    cands, election, policy, build = _screen_inputs()
    rows = cands
    t_build = _best(build, 3)
    t_screen = _best(lambda: screen_many(cands, election, policy), 3)
    return (
        "screen_many, 2,000 candidates (npc-2020) vs building them",
        t_screen,
        t_build,
        f"{t_screen / len(rows) * 1e6:.0f} µs per candidate",
    )


def bench_entry_checks() -> tuple[str, float, float, str]:
    from huanjie_rules._args import _without_checks
    from huanjie_rules.eligibility import screen

    cands, election, policy, _ = _screen_inputs()

    def loop() -> None:
        for c in cands:
            screen(c, election, policy)

    checked_runs, bare_runs = [], []
    for _ in range(5):  # paired: A B A B …, the best of each
        checked_runs.append(_best(loop, 1))
        with _without_checks():
            bare_runs.append(_best(loop, 1))
    t_checked, t_bare = min(checked_runs), min(bare_runs)
    per_call = (t_checked - t_bare) / len(cands) * 1e6
    return (
        "screen, 2,000 single calls (npc-2020): entry checks on vs off",
        t_checked,
        t_bare,
        f"{per_call:+.1f} µs per call, about 10 checked calls inside each",
    )


def bench_calendar() -> tuple[str, float, float, str]:
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
    t_plain = _best(plain)
    t_ours = _best(lambda: count_workdays(start, end, cal))
    return (
        "count_workdays over 2024–2026 vs a plain chinese_calendar loop",
        t_ours,
        t_plain,
        f"{cal.source}",
    )


def bench_apportion() -> list[tuple[str, float, float, str]]:
    from huanjie_rules.apportion import ApportionMethod, apportion
    from huanjie_rules.policy import load_policy

    rng = random.Random(3)
    policy = load_policy("party-local-2020")
    weights = {f"单位{i:02d}": rng.randrange(200, 20_000) for i in range(30)}
    base = _best(lambda: apportion(policy, weights, 450, method=ApportionMethod.LARGEST_REMAINDER))
    out = []
    for method in ApportionMethod:
        if method is ApportionMethod.LARGEST_REMAINDER:
            continue
        t = _best(lambda m=method: apportion(policy, weights, 450, method=m))  # type: ignore[misc]
        out.append(
            (f"apportion 450 seats / 30 units: {method.value} vs largest remainder", t, base, "")
        )
    return out


def main(argv: list[str]) -> int:
    rows: list[tuple[str, float, float, str]] = [
        bench_votes(),
        bench_screen(),
        bench_entry_checks(),
        bench_calendar(),
    ]
    rows += bench_apportion()
    lines = [
        "| case | measured | baseline | ratio | note |",
        "|---|---|---|---|---|",
    ]
    for name, t, base, note in rows:
        lines.append(
            f"| {name} | {t * 1000:.2f} ms | {base * 1000:.2f} ms | {t / base:.3g}× | {note} |"
        )
    table = "\n".join(lines)
    machine = f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}"
    print(table)
    print(f"\n{machine}")
    if "--write" in argv:
        page = ROOT / "docs" / "benchmarks.md"
        text = page.read_text(encoding="utf-8")
        head, _, _ = text.partition("<!-- figures -->")
        page.write_text(
            f"{head}<!-- figures -->\n\n{table}\n\nMeasured with `python3 tasks.py bench` on {machine}"
            f" ({dt.date.today().isoformat()}). Ratios below 1 mean the measured case is faster than"
            " its baseline.\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
