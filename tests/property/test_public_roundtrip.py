"""Every public attrs type round-trips through JSON, shown on values the library itself produces.

The test runs real rule functions (the demo's screens and vote, quotas, apportionment, a plan
review, a slate report, calendars), walks every attrs value reachable from their results, and
round-trips one value of each class. A public class that none of them reaches must be given an
example here, so a newly exported type cannot skip the round trip.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from statute_values import STATUTE_MODULES, produced_statute_values

from huanjie_rules.io import from_json, read_jsonl, to_json, write_jsonl

PUBLIC_MODULES = (
    "huanjie_rules",
    "huanjie_rules.age",
    "huanjie_rules.apportion",
    "huanjie_rules.calendar",
    "huanjie_rules.composition",
    "huanjie_rules.eligibility",
    "huanjie_rules.findings",
    "huanjie_rules.model",
    "huanjie_rules.policy",
    "huanjie_rules.procedure",
    "huanjie_rules.quotas",
    "huanjie_rules.votes",
    *STATUTE_MODULES,
)

#: Public attrs classes that are not records: they are never serialized on their own.
NOT_RECORDS = {
    "Ambiguous",  # a parse result, returned to the caller, never stored
    "Unrecognized",
    "Message",  # a message template in a module catalogue
    "Problem",  # carried inside InvalidDataError
    "AgeBasis",  # an argument value built from policy parameters
    "LayeredCalendar",  # wraps another calendar object (e.g. the chinesecalendar adapter)
    "IdNumber",  # written as a plain (masked) string inside the records that hold it
}


def public_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if isinstance(obj, type) and attrs.has(obj):
                found[obj.__name__] = obj
    return found


def _walk(value: Any) -> Iterator[Any]:
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _walk(item)


def produced_values() -> list[Any]:
    from huanjie_rules import load_policy
    from huanjie_rules.apportion import ApportionMethod, apportion
    from huanjie_rules.calendar import TableCalendar
    from huanjie_rules.composition import check_slate, secretary_age_share
    from huanjie_rules.eligibility import check_identity, screen_many
    from huanjie_rules.examples.demo import load_example, main
    from huanjie_rules.findings import Verdict
    from huanjie_rules.model import BodyKind, Level, Office
    from huanjie_rules.procedure import (
        Plan,
        PlannedStep,
        Sequence,
        Step,
        check_publicity,
        check_term_shift,
        election_timeline,
        term_end,
        validate_plan,
    )
    from huanjie_rules.quotas import (
        assembly_form,
        check_margin,
        committee_size,
        delegate_count,
        deputy_quota,
        margin_bounds,
    )
    from huanjie_rules.votes import judge_ballot, paper_for

    values: list[Any] = []
    election, _ = load_example()
    village = load_policy(election.policy_id)
    values.append(election)
    values.extend(screen_many(None, election, village))
    stray = attrs.evolve(election.candidates[0], key="stray", office=Office.SECRETARY)
    values.extend(screen_many([stray], election, village, on_error="report"))
    values.append(main(io.StringIO()))
    from huanjie_rules.model import Relation, Relative, StaffMember, StaffRole

    brother = StaffMember(
        key="staff-sibling",
        role=StaffRole.ELECTION_COMMITTEE,
        name="陈建民",
        relatives=(Relative(candidate=election.candidates[0].key, relation=Relation.SIBLING),),
    )
    related = attrs.evolve(election, staff=(*election.staff, brother))
    values.append(related)
    values.extend(screen_many(None, related, village))
    paper = paper_for(election, village)
    from huanjie_rules.model import (
        Ballot,
        CheckStatus,
        Choice,
        PreCheck,
        PreCheckKind,
        Vote,
        WriteIn,
    )

    values.append(paper)
    ballot = Ballot(
        votes=(
            Vote(candidate="陈建国", choice=Choice.FOR, office=Office.VILLAGE_DIRECTOR),
            Vote(candidate="王丽华", choice=Choice.FOR, office=Office.VILLAGE_DIRECTOR),
        ),
        write_ins=(WriteIn(name="钱进", office=Office.VILLAGE_MEMBER),),
    )
    values += [ballot, judge_ballot(paper, ballot, village)]
    from huanjie_rules.votes import RoundCount

    values.append(
        RoundCount(
            entitled=900,
            present=850,
            voted=849,
            issued=850,
            returned=849,
            invalid=2,
            for_votes={(Office.VILLAGE_DIRECTOR, "陈建国"): 500},
            against={"王丽华": 3},
            write_ins={"钱进": 1},
        )
    )
    values.append(PreCheck(kind=PreCheckKind.FILE_REVIEW, status=CheckStatus.CLEAR))
    values.append(Verdict.from_findings("x", village.id, []))
    values.append(
        secretary_age_share(
            [attrs.evolve(c, office=Office.SECRETARY) for c in election.candidates[:2]],
            load_policy("xzhen-2021"),
            on=election.date,
        )
    )
    values.append(check_identity(election.candidates[4].person, village))
    values.append(
        check_slate(
            election.candidates[:4], village, body=BodyKind.VILLAGE_COMMITTEE, on=election.date
        )
    )
    basic = load_policy("party-basic-2020")
    county = load_policy("county-township-2006")
    npc = load_policy("npc-2020")
    values += [
        assembly_form(basic, 120),
        delegate_count(county, members=500),
        margin_bounds(basic, Office.MEMBER, 7),
        check_margin(basic, Office.MEMBER, 7, 8),
        committee_size(basic, BodyKind.BRANCH, full_members=12, proposed=5),
        deputy_quota(npc, Level.COUNTY, 1_550_001),
        apportion(basic, {"甲": 5, "乙": 5, "丙": 5}, 4, method=ApportionMethod.DHONDT),
        load_policy("xzhen-2021"),
    ]
    cal = TableCalendar(
        label="test",
        years=(2025,),  # a small table: 2025 only
        holidays=(dt.date(2025, 10, 1),),
        workdays=(dt.date(2025, 9, 28),),
    )
    values.append(cal)
    values.append(
        check_publicity(dt.date(2025, 9, 26), dt.date(2025, 10, 9), load_policy("xzhen-2021"), cal)
    )
    values.append(term_end(dt.date(2021, 1, 16), village))
    values.append(
        check_term_shift(dt.date(2021, 1, 16), dt.date(2021, 6, 1), village, approved=True)
    )
    values.append(election_timeline(dt.date(2021, 11, 5), npc))
    plan = Plan(
        sequence=Sequence.VILLAGE_PARTY,
        subject="A村党支部",
        steps=(
            PlannedStep(step=Step.REQUEST, on=dt.date(2025, 9, 1)),
            PlannedStep(step=Step.VOTE, on=dt.date(2025, 9, 20)),
            PlannedStep(step=Step.PUBLICITY, on=dt.date(2025, 9, 22), end=dt.date(2025, 9, 26)),
        ),
    )
    values += [plan, validate_plan(plan, load_policy("xzhen-2021"), cal, complete=False)]
    values += produced_statute_values()
    return values


@pytest.fixture(scope="module")
def examples() -> dict[type, Any]:
    by_class: dict[type, Any] = {}
    for value in produced_values():
        for item in _walk(value):
            by_class.setdefault(type(item), item)
    return by_class


@pytest.mark.parametrize("name", sorted(set(public_classes()) - NOT_RECORDS))
def test_every_public_record_type_round_trips(name: str, examples: dict[type, Any]) -> None:
    cls = public_classes()[name]
    assert cls in examples, f"no produced value of {name}: add one to produced_values()"
    value = examples[cls]
    text = to_json(value, reveal_ids=True)
    assert from_json(text, cls) == value


@pytest.mark.parametrize("name", sorted(set(public_classes()) - NOT_RECORDS))
def test_every_public_record_type_round_trips_without_defaults_and_in_bulk(
    name: str, examples: dict[type, Any]
) -> None:
    cls = public_classes()[name]
    value = examples[cls]
    short = to_json(value, reveal_ids=True, defaults=False)
    assert from_json(short, cls) == value
    assert len(short) <= len(to_json(value, reveal_ids=True))
    lines = write_jsonl([value, value], reveal_ids=True)
    assert lines.count("\n") == 2
    assert read_jsonl(lines, cls) == (value, value)
    assert read_jsonl(lines.encode("utf-8").splitlines(), cls) == (value, value)
