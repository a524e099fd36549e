"""The demo: screen the candidates of an example village election, then decide its vote.

Run it with ``python3 tasks.py demo`` (or ``python -m huanjie_rules.examples.demo`` once
installed). The data ships with the package: ``village_2021.json`` is an ``Election`` under the
Zhejiang 2020 village-election measures, with eight candidates, two of the election staff, and
vetting records; ``village_2021_count.json`` holds the announced totals (计票结果) of the first
vote and of the 另行选举 that follows it.

This module prints; the library itself never does. Everything printed comes from the results'
findings, which carry their rule, article and message in both languages.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from importlib import resources
from typing import Any, TextIO

import attrs

from ..eligibility import screen, screen_many
from ..findings import Eligibility, Finding
from ..io import from_dict
from ..model import Election, Office
from ..policy import load_policy
from ..votes import Outcome, Tally, Turnout, decide, decide_next, next_paper, paper_for

__all__ = ["load_example", "main"]


def _read(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def load_example() -> tuple[Election, list[dict[str, Any]]]:
    """The example election and its rounds of announced totals."""
    election = from_dict(_read("village_2021.json"), Election)
    rounds: list[dict[str, Any]] = _read("village_2021_count.json")["rounds"]
    return election, rounds


def _finding_lines(f: Finding) -> list[str]:
    cite = f.citation
    where = cite.article or cite.seed or ""
    return [
        f"      [{f.severity.value}] {f.code}: {f.message_zh}",
        f"             {f.message_en}",
        f"             依据 {cite.title}{where} ({f.rule_id})",
    ]


def _print_screen(results: tuple[Eligibility, ...], election: Election, out: TextIO) -> None:
    offices = {c.key: c.office for c in election.candidates}
    for r in results:
        office = offices[r.subject]
        print(f"  {r.subject:<4} {office.label:<6} {r.status.label} ({r.status.value})", file=out)
        for f in r.findings:
            for line in _finding_lines(f):
                print(line, file=out)


def _counts(raw: Mapping[str, Mapping[str, int]]) -> dict[Any, int]:
    keyed: dict[Any, int] = {}
    for office_code, by_name in raw.items():
        office = Office.from_label(office_code)
        for name, n in by_name.items():
            keyed[(office, name)] = n
    return keyed


def _print_outcome(o: Outcome, out: TextIO) -> None:
    print(f"  round {o.round_number} ({o.round.value}): {o.status.value}", file=out)
    for t in o.thresholds:
        print(
            f"    {t.kind:<10} base {t.base_kind} = {t.base}, ratio {t.ratio} ({t.comparison})"
            f" → bound {t.bound}",
            file=out,
        )
    for post in o.posts:
        print(f"    {post.office.label}: {post.seats} seat(s)", file=out)
        for s in post.standings:
            print(f"      {s.person:<4} {s.votes:>5} 票  {s.result.value}", file=out)
        if post.unfilled:
            names = "、".join(post.second_election_candidates)
            print(f"      unfilled {post.unfilled} → 另行选举 candidates: {names}", file=out)
    for f in o.trace:
        if f.code in {"ELECTED", "SECOND_ELECTION", "SECOND_ELECTION_WON", "FLOOR_MET"}:
            print(f"    · {f.message_zh}", file=out)
    if o.options:
        print(f"    next: {', '.join(n.value for n in o.options)}", file=out)


def main(out: TextIO = sys.stdout) -> Outcome:
    """Run the demo, writing to ``out``; returns the final outcome."""
    election, rounds = load_example()
    policy = load_policy(election.policy_id, on=election.date)
    print(f"== {election.key}: {policy.title_zh} ({policy.id}), 选举日 {election.date}", file=out)
    print(
        f"   {', '.join(f'{s.office.label} {s.count}名' for s in election.seats)};"
        f" 登记选民 {election.entitled_voters} 人",
        file=out,
    )

    print("\n-- 1. Candidate screens (资格审查)", file=out)
    results = screen_many(None, election, policy)
    _print_screen(results, election, out)

    print(
        "\n-- 2. The election committee replaces scrutineer 李芳 (a relative of 张秀英)", file=out
    )
    staff = tuple(s for s in election.staff if s.name != "李芳")
    election = attrs.evolve(election, staff=staff)
    again = screen(next(c for c in election.candidates if c.key == "张秀英"), election, policy)
    print(f"  张秀英 → {again.status.label} ({again.status.value})", file=out)

    standing = {
        r.subject for r in screen_many(None, election, policy) if r.status.value != "INELIGIBLE"
    }
    election = attrs.evolve(
        election, candidates=tuple(c for c in election.candidates if c.key in standing)
    )
    listed = ", ".join(f"{c.key}({c.office.label})" for c in election.candidates)
    print(f"  on the ballot: {listed}", file=out)

    print("\n-- 3. The vote (计票结果)", file=out)
    outcome: Outcome | None = None
    paper = paper_for(election, policy)
    for spec in rounds:
        tally = Tally.from_counts(
            paper,
            issued=spec["issued"],
            returned=spec["returned"],
            invalid=spec.get("invalid", 0),
            for_votes=_counts(spec["for"]) if outcome is None else dict(spec["for_names"]),
        )
        turnout = Turnout(entitled=election.entitled_voters, present=spec["returned"])
        if outcome is None:
            outcome = decide(election, tally, policy, turnout=turnout)
        else:
            outcome = decide_next(outcome, tally, policy, turnout=turnout)
        _print_outcome(outcome, out)
        if outcome.options:
            paper = next_paper(outcome, policy)
    assert outcome is not None
    elected = ", ".join(f"{name}({office.label})" for office, name in outcome.winners)
    print(f"\n== Elected: {elected}", file=out)
    return outcome


if __name__ == "__main__":
    main()
