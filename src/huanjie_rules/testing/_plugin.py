"""Hypothesis entry point: registers the model strategies so ``st.from_type(Person)`` works."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from ..findings import Citation, Eligibility, Finding
    from ..idcard import IdNumber
    from ..model import Ballot, Candidate, Education, Election, Person, Seat, Vetting
    from . import model as m

    pairs: list[tuple[type, st.SearchStrategy[object]]] = [
        (Person, m.persons()),
        (Education, m.educations()),
        (Candidate, m.candidates()),
        (Vetting, m.vettings()),
        (Seat, m.seats()),
        (Election, m.elections()),
        (Ballot, m.ballots()),
        (IdNumber, m.id_numbers()),
        (Citation, m.citations()),
        (Finding, m.findings()),
        (Eligibility, m.eligibilities()),
    ]
    for cls, strategy in pairs:
        st.register_type_strategy(cls, strategy)
