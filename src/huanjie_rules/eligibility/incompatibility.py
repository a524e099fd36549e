"""Incompatibilities: election staff who are candidates or a candidate's close relatives.

Election-committee members, scrutineers and counters, per
``eligibility.staff_roles_barred_for_candidates`` and ``…_for_relatives``.
"""

from __future__ import annotations

from ..findings import Finding
from ._common import _STAFF_EN, _Ctx, _finding, _sev


def _check_incompatibility(ctx: _Ctx) -> list[Finding]:
    policy = ctx.policy
    own_param = policy.param("eligibility.staff_roles_barred_for_candidates")
    rel_param = policy.param("eligibility.staff_roles_barred_for_relatives")
    own_roles = policy.get_strings(own_param.name)
    rel_roles = policy.get_strings(rel_param.name)
    keys = {ctx.candidate.key, ctx.candidate.person.key}
    found = []
    for staff in ctx.election.staff:
        role_pair = (staff.role.label, _STAFF_EN[staff.role.value])
        shown = staff.name or staff.key
        if staff.key in keys and staff.role.value in own_roles:
            found.append(
                _finding(
                    "STAFF_ROLE_CANDIDATE",
                    _sev(own_param.hard),
                    own_param,
                    subject=ctx.subject,
                    observed=shown,
                    pairs={"role_t": role_pair},
                )
            )
        if keys & set(staff.relatives_of) and staff.role.value in rel_roles:
            found.append(
                _finding(
                    "STAFF_ROLE_RELATIVE",
                    _sev(rel_param.hard),
                    rel_param,
                    subject=ctx.subject,
                    observed=shown,
                    pairs={"role_t": role_pair},
                )
            )
    return found
