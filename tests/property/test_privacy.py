"""Privacy: no ID number (公民身份号码) can be read or rebuilt from anything the library shows.

For the example election, for generated persons (with numbers that agree with the stated birth
date and numbers that do not, 18-character and 15-digit ones) and for every result type, every
form of output is searched for every run of 6 characters of every input number: ``repr``,
``str``, IPython's pretty-printer, ``to_json``/``to_dict`` without ``reveal_ids``,
``attrs.asdict``, error messages (a number typed into the wrong field), the examples hypothesis
prints for a failing test, and logs. The masked form keeps 4 characters, so no 6-character run
of a number may appear anywhere; in particular the sequence code and check character, which
with the birth date and sex written beside them would give the number back, never do.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huanjie_rules import (
    Candidate,
    Gender,
    HuanjieError,
    IdNumber,
    Office,
    Person,
    check_identity,
    check_slate,
    load_policy,
    screen,
    screen_many,
)
from huanjie_rules.examples.demo import load_example
from huanjie_rules.io import from_json, to_dict, to_json
from huanjie_rules.model import BodyKind
from huanjie_rules.testing import model as m
from huanjie_rules.testing.votes import make_election

RUN = 6  # the mask shows 4 characters: no run of 6 may appear


def runs(number: str) -> set[str]:
    return {number[i : i + RUN] for i in range(len(number) - RUN + 1)}


class _Printer:
    """Enough of IPython's pretty printer for ``_repr_pretty_``."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def text(self, s: str) -> None:
        self.out.append(s)


def forms(value: object) -> Iterator[tuple[str, str]]:
    """Every way the library shows ``value``."""
    yield "repr", repr(value)
    yield "str", str(value)
    pretty = getattr(value, "_repr_pretty_", None)
    if pretty is not None:
        printer = _Printer()
        pretty(printer, False)
        yield "pretty", "".join(printer.out)
    if attrs.has(type(value)):
        yield "json", to_json(value)
        yield "dict", json.dumps(to_dict(value), ensure_ascii=False, default=str)
        yield "asdict", repr(attrs.asdict(value))  # type: ignore[arg-type]
    if isinstance(value, HuanjieError):
        yield "message", value.message
        yield "zh", value.render("zh")
        yield "en", value.render("en")
        for p in getattr(value, "problems", ()):
            yield "problem", str(p)


def assert_hidden(numbers: set[str], *values: object) -> None:
    forbidden = {r for n in numbers for r in runs(n)}
    for value in values:
        for name, text in forms(value):
            for r in forbidden:
                assert r not in text, f"{name} of {type(value).__name__} shows {r!r}"


def results_for(candidates: list[Candidate], election: Any, policy: Any) -> list[object]:
    """Every result type built from these candidates."""
    out: list[object] = [*candidates, election]
    for c in candidates:
        out.append(screen(c, election, policy))
        out.append(check_identity(c.person, policy, on=election.date))
        out.extend(screen(c, election, policy).findings)
    out.extend(screen_many(candidates, election, policy, on_error="report"))
    out.append(check_slate(candidates, policy, body=election.body, on=election.date))
    return out


def test_the_example_election_hides_every_number() -> None:
    election, _ = load_example()
    policy = load_policy(election.policy_id)
    numbers = {c.person.id_number.reveal() for c in election.candidates if c.person.id_number}
    assert len(numbers) >= 5
    assert_hidden(numbers, *results_for(list(election.candidates), election, policy))


@st.composite
def people_with_numbers(draw: st.DrawFn) -> tuple[Person, Person]:
    """A person with a number, and the same person with a stated birth date the number
    contradicts (so that the number's own date is written in a finding)."""
    person = draw(m.persons().filter(lambda p: p.id_number is not None))
    shift = draw(st.integers(min_value=1, max_value=4000))
    other = person.birth_date - dt.timedelta(days=shift)
    return person, attrs.evolve(person, birth_date=other, gender=draw(st.sampled_from(Gender)))


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(people_with_numbers(), st.sampled_from(["village-2018", "zhejiang-village-2020"]))
def test_generated_persons_and_every_result_hide_their_numbers(
    pair: tuple[Person, Person], policy_id: str
) -> None:
    policy = load_policy(policy_id)
    e = make_election(
        policy_id,
        seats={Office.VILLAGE_MEMBER: 2},
        candidates={Office.VILLAGE_MEMBER: []},
        entitled=100,
        date=dt.date(2021, 6, 1),
    )
    candidates = [
        Candidate(person=attrs.evolve(p, key=f"k{i}"), office=Office.VILLAGE_MEMBER)
        for i, p in enumerate(pair)
    ]
    assert all(c.person.id_number is not None for c in candidates)
    numbers = {c.person.id_number.reveal() for c in candidates if c.person.id_number}
    results = results_for(candidates, e, policy)
    assert_hidden(numbers, *results)
    # the number's own birth date is written beside the masked number (the old mask gave the
    # whole number back from the two together)
    identity = check_identity(candidates[1].person, policy, on=e.date)
    assert "ID_BIRTH_DATE_MISMATCH" in {f.code for f in identity.findings}


NUMBER = "11010519491231002X"


@pytest.mark.parametrize(
    "make",
    [
        lambda: IdNumber(NUMBER + "1"),  # one character too many
        lambda: Gender.from_label(NUMBER),  # a number in a coded field
        lambda: from_json(
            json.dumps({"name": "王", "gender": NUMBER, "birth_date": "1990-01-01"}), Person
        ),
        lambda: from_json(
            json.dumps({"name": "王", "gender": "FEMALE", "birth_date": NUMBER}), Person
        ),
        lambda: from_json(
            json.dumps(
                {
                    "name": "王",
                    "gender": "FEMALE",
                    "birth_date": "1990-01-01",
                    "id_number": NUMBER + "1",
                }
            ),
            Person,
        ),
        lambda: Person(name=NUMBER, gender=Gender.FEMALE, birth_date=NUMBER),  # type: ignore[arg-type]
        lambda: Person(name="王", gender="女", birth_date=dt.date(1990, 1, 1), key=NUMBER),  # type: ignore[arg-type]
        lambda: load_policy(NUMBER),
    ],
)
def test_error_messages_never_echo_a_number(make: Any) -> None:
    with pytest.raises(HuanjieError) as info:
        make()
    assert_hidden({NUMBER}, info.value)
    assert NUMBER[:-1] not in str(info.value)


def test_a_number_typed_into_a_text_field_is_masked_in_output() -> None:
    p = Person(name=NUMBER, key=NUMBER, gender=Gender.FEMALE, birth_date=dt.date(1949, 12, 31))
    for name, text in forms(p):
        if name == "asdict":
            continue  # the caller's own text, returned as given (docs/privacy.md)
        assert NUMBER not in text and NUMBER[4:] not in text, name


def test_hypothesis_examples_show_numbers_masked() -> None:
    seen: list[str] = []

    @settings(max_examples=5, database=None)
    @given(m.persons().filter(lambda p: p.id_number is not None))
    def fails(person: Person) -> None:
        seen.append(person.id_number.reveal() if person.id_number else "")
        raise AssertionError("always")

    with pytest.raises(AssertionError) as info:
        fails()
    notes = "\n".join(getattr(info.value, "__notes__", []))
    assert "person=Person(" in notes and "IdNumber(" in notes
    assert_hidden(set(seen), notes)


def test_the_library_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    election, _ = load_example()
    policy = load_policy(election.policy_id)
    with caplog.at_level(logging.DEBUG):
        results_for(list(election.candidates), election, policy)
        to_json(election)
    assert [r for r in caplog.records if r.name.startswith("huanjie_rules")] == []


def test_reveal_ids_is_the_one_way_to_the_full_number() -> None:
    election, _ = load_example()
    numbers = {c.person.id_number.reveal() for c in election.candidates if c.person.id_number}
    text = to_json(election, reveal_ids=True)
    assert all(n in text for n in numbers)
    assert from_json(text, type(election)) == election
    assert BodyKind.VILLAGE_COMMITTEE is election.body
