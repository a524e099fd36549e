"""Hypothesis entry point: registers the model strategies so ``st.from_type(Person)`` works.

Registration is deferred: the strategies module is imported only when a strategy is first drawn,
so importing hypothesis never imports this package's strategies in a cycle.
"""

from __future__ import annotations

import importlib
from typing import Any


def _lazy(name: str) -> Any:
    from hypothesis import strategies as st

    return st.deferred(
        lambda: getattr(importlib.import_module("huanjie_rules.testing.model"), name)()
    )


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from ..findings import Citation, Eligibility, Finding
    from ..idcard import IdNumber
    from ..model import (
        Attestation,
        Ballot,
        Candidate,
        Education,
        Election,
        Person,
        PreCheck,
        RecordFact,
        Seat,
        StaffMember,
        Vetting,
        Vote,
        WriteIn,
    )

    pairs: list[tuple[type, str]] = [
        (Person, "persons"),
        (Education, "educations"),
        (Candidate, "candidates"),
        (Vetting, "vettings"),
        (RecordFact, "record_facts"),
        (Attestation, "attestations"),
        (PreCheck, "prechecks"),
        (Seat, "seats"),
        (StaffMember, "staff_members"),
        (Election, "elections"),
        (Vote, "votes"),
        (WriteIn, "write_ins"),
        (Ballot, "ballots"),
        (IdNumber, "id_numbers"),
        (Citation, "citations"),
        (Finding, "findings"),
        (Eligibility, "eligibilities"),
    ]
    for cls, name in pairs:
        st.register_type_strategy(cls, _lazy(name))
