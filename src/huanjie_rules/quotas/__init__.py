"""Quotas: assembly form, delegate numbers, candidate margins, committee sizes, deputy quotas.

The questions asked before any vote: may we hold a congress, how many delegates, how many
candidates for how many seats, how large a committee, how many deputies for this population.
Every number comes from the policy profile (``quotas.*`` parameters) and every answer carries
:class:`~huanjie_rules.findings.Finding` values citing the article it rests on. Seat sharing
among electoral units lives in :mod:`huanjie_rules.apportion`.

One question per module (import the names from this package):
:mod:`~huanjie_rules.quotas.assembly` (:func:`assembly_form`),
:mod:`~huanjie_rules.quotas.delegates` (:func:`delegate_count`),
:mod:`~huanjie_rules.quotas.margins` (:func:`margin_bounds`, :func:`check_margin`,
:func:`check_election_margins`), :mod:`~huanjie_rules.quotas.committees`
(:func:`committee_size`) and :mod:`~huanjie_rules.quotas.deputies` (:func:`deputy_quota`).

Conventions: 以上/不少于/不超过 are inclusive, 超过/多于/不足 strict; margins (差额) are computed
on the seats (应选人数), never on the candidates; a fractional count is rounded by a named
parameter (``quotas.margin_rounding_min`` — CEIL by default, ``quotas.margin_rounding_max`` —
FLOOR, ``quotas.deputy_increment_rounding`` — FLOOR), all in exact integer arithmetic.

Example:
    >>> from huanjie_rules.policy import load_policy
    >>> from huanjie_rules.model import Office
    >>> policy = load_policy("party-basic-2020")
    >>> b = margin_bounds(policy, Office.MEMBER, 7)
    >>> b.min_candidates, b.max_candidates
    (9, None)
    >>> check_margin(policy, Office.MEMBER, 7, 8).ok
    False
"""

from ._common import FINDING_CODES
from .assembly import AssemblyForm, assembly_form
from .committees import CommitteeSize, committee_size
from .delegates import DelegateBand, DelegateCount, delegate_count
from .deputies import DeputyQuota, deputy_quota
from .margins import (
    MarginBounds,
    MarginCheck,
    MarginLimit,
    check_election_margins,
    check_margin,
    margin_bounds,
)

__all__ = [
    "FINDING_CODES",
    "AssemblyForm",
    "CommitteeSize",
    "DelegateBand",
    "DelegateCount",
    "DeputyQuota",
    "MarginBounds",
    "MarginCheck",
    "MarginLimit",
    "assembly_form",
    "check_election_margins",
    "check_margin",
    "committee_size",
    "delegate_count",
    "deputy_quota",
    "margin_bounds",
]
