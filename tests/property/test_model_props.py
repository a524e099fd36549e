"""Model-wide properties: strategies only make valid values; evolve re-validates; frozen."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie_rules import Election, InvalidDataError, Person, Seat
from huanjie_rules.testing import model as m


@given(m.elections())
def test_generated_elections_are_consistent(e: Election) -> None:
    offices = {s.office for s in e.seats}
    assert all(c.office in offices for c in e.candidates)
    assert len({c.key for c in e.candidates}) == len(e.candidates)


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
