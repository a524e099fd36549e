"""Public hypothesis strategies for every model type (extra ``testing``).

Every strategy generates valid instances by construction, so downstream projects can property-test
their own code against huanjie_rules' types:

    >>> from hypothesis import given
    >>> from huanjie_rules.testing import persons
    >>> @given(persons())
    ... def test_names_are_kept(person):
    ...     assert person.name.strip()
    >>> test_names_are_kept()

Submodules: :mod:`huanjie_rules.testing.eligibility` (screening inputs driven by a policy
profile: record facts the profile's negative lists know, attestations for its required items,
elections with staff) and :mod:`huanjie_rules.testing.votes` (ballot papers, ballots for a paper,
tallies). Import them explicitly; this package imports only the model strategies. The strategy
for a single :class:`~huanjie_rules.model.Vote` is :func:`vote_marks` here (``votes`` in
:mod:`huanjie_rules.testing.model`), so that ``huanjie_rules.testing.votes`` is always the
submodule.

Needs ``pip install huanjie-rules[testing]`` (hypothesis).
"""

from __future__ import annotations

from .._extras import require

require("hypothesis", "testing", feature="huanjie_rules.testing")

from .model import (  # noqa: E402
    attestations,
    ballots,
    birth_dates,
    candidates,
    citations,
    educations,
    elections,
    eligibilities,
    findings,
    id_numbers,
    persons,
    prechecks,
    record_facts,
    scalars,
    seats,
    staff_members,
    vettings,
    write_ins,
)
from .model import votes as vote_marks  # noqa: E402

__all__ = [
    "attestations",
    "ballots",
    "birth_dates",
    "candidates",
    "citations",
    "educations",
    "elections",
    "eligibilities",
    "findings",
    "id_numbers",
    "persons",
    "prechecks",
    "record_facts",
    "scalars",
    "seats",
    "staff_members",
    "vettings",
    "vote_marks",
    "write_ins",
]
