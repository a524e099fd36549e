"""Model-wide properties: strategies only make valid values; evolve re-validates; frozen."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from huanjie_rules import Election, InvalidDataError, Person, Seat, model
from huanjie_rules.testing import model as m


@given(m.elections())
def test_generated_elections_are_consistent(e: Election) -> None:
    offices = {s.office for s in e.seats}
    assert all(c.office in offices for c in e.candidates)
    assert len({c.key for c in e.candidates}) == len(e.candidates)
    assert all(c.person.birth_date <= e.date for c in e.candidates)


@given(m.persons())
def test_generated_id_numbers_agree_with_the_person(p: Person) -> None:
    if p.id_number is not None:
        assert p.id_number.problems() == ()
        assert p.id_number.birth_date() == p.birth_date
        assert p.id_number.sex() == ("F" if p.gender.value == "FEMALE" else "M")


_FIND = settings(
    max_examples=2000,
    database=None,
    phases=[Phase.generate],  # the first example found is enough; no shrinking
    suppress_health_check=list(HealthCheck),
)


def test_strategies_reach_the_variety_the_model_allows() -> None:
    # 15-digit legacy 公民身份号码 on people, and write-ins that replace a listed candidate
    # (the 不赞成 a party write-in goes with), blank write-ins too: valid values the model takes.
    legacy = find(
        m.persons(), lambda p: p.id_number is not None and p.id_number.legacy, settings=_FIND
    )
    assert legacy.id_number is not None and len(legacy.id_number.reveal()) == 15
    keys = ("甲", "乙", "丙")
    b = find(
        m.ballots(keys),
        lambda b: (
            any(w.replaces in keys for w in b.write_ins) and any(w.name == "" for w in b.write_ins)
        ),
        settings=_FIND,
    )
    assert b.write_ins
    assert find(m.id_numbers(legacy=True), lambda n: True, settings=_FIND).legacy


@given(m.persons(), st.integers(max_value=-1))
def test_evolve_with_a_bad_value_raises_like_construction(p: Person, months: int) -> None:
    with pytest.raises(InvalidDataError) as info:
        attrs.evolve(p, township_experience_months=months)
    assert info.value.paths == ["township_experience_months"]


@given(m.seats())
def test_models_are_frozen(s: Seat) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.count = 3  # type: ignore[misc]


def test_from_type_uses_the_registered_strategies() -> None:
    @given(st.from_type(Person))
    def inner(p: Person) -> None:
        assert isinstance(p, Person)

    inner()


@pytest.mark.parametrize(
    "cls",
    [
        pytest.param(c, id=c.__name__)
        for c in (
            model.Attestation,
            model.PreCheck,
            model.RecordFact,
            model.StaffMember,
            model.Vote,
            model.WriteIn,
        )
    ],
)
def test_from_type_knows_every_model_record(cls: type) -> None:
    # Unregistered, st.from_type falls back to builds() with arbitrary text and so makes
    # invalid records (a blank key, a blank candidate) that fail validation.
    @settings(max_examples=30, suppress_health_check=list(HealthCheck))
    @given(st.from_type(cls))
    def inner(value: object) -> None:
        assert isinstance(value, cls)

    inner()
