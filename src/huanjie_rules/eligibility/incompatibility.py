"""Incompatibilities: election staff who are candidates or a candidate's barred relatives.

Election-committee members, scrutineers and counters, per
``eligibility.staff_roles_barred_for_candidates`` and ``…_for_relatives``; which relations bar
a relative is ``eligibility.staff_barred_relations`` (上海办法 第十四条: 配偶或者直系亲属; 浙江办法
第九条、第二十二条: 配偶、父母子女、兄弟姐妹; 选举法 第四十三条: 近亲属). A relative recorded
without the relation (``StaffMember.relatives_of``) is read most cautiously: the role counts as
barred, and the finding says the relation is unknown (WARN, for a person to check).
"""

from __future__ import annotations

from ..errors import ParameterError
from ..findings import Finding, Severity
from ..model import Relation
from ._common import _STAFF_EN, _Ctx, _finding, _sev

#: English names of the relations, for the findings' messages.
RELATION_EN = {
    "SPOUSE": "spouse",
    "PARENT_CHILD": "parent or child",
    "SIBLING": "brother or sister",
    "GRANDPARENT_GRANDCHILD": "grandparent or grandchild",
    "OTHER_LINEAL": "other lineal relative",
    "OTHER_RELATIVE": "other relative",
    "NONE": "not a relative",
}


def _check_incompatibility(ctx: _Ctx) -> list[Finding]:
    policy = ctx.policy
    own_param = policy.param("eligibility.staff_roles_barred_for_candidates")
    rel_param = policy.param("eligibility.staff_roles_barred_for_relatives")
    own_roles = policy.get_strings(own_param.name)
    rel_roles = policy.get_strings(rel_param.name)
    keys = {ctx.candidate.key, ctx.candidate.person.key}
    found = []
    barred: tuple[str, ...] = ()
    relations_param = None
    if rel_roles and any(
        keys & s.related_candidates() and s.role.value in rel_roles for s in ctx.election.staff
    ):
        name = "eligibility.staff_barred_relations"
        if name not in policy:
            raise ParameterError(
                f"profile {policy.id!r} bars relatives from {', '.join(rel_roles)} but does "
                f"not say which relations ({name})",
                path=name,
            )
        relations_param = policy.param(name)
        barred = policy.get_strings(name)
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
        if staff.role.value not in rel_roles or relations_param is None:
            continue
        known = [r.relation for r in staff.relatives if r.candidate in keys]
        hits = sorted({rel for rel in known if rel.value in barred}, key=lambda r: r.value)
        for rel in hits:
            found.append(
                _finding(
                    "STAFF_ROLE_RELATIVE",
                    _sev(rel_param.hard),
                    rel_param,
                    subject=ctx.subject,
                    observed=shown,
                    limit=rel.value,
                    pairs={"role_t": role_pair, "relation_t": (rel.label, RELATION_EN[rel.value])},
                )
            )
        if not known and keys & set(staff.relatives_of):
            names = [Relation[code] for code in barred]
            found.append(
                _finding(
                    "STAFF_ROLE_RELATIVE_UNKNOWN",
                    Severity.WARN,
                    relations_param,
                    subject=ctx.subject,
                    observed=shown,
                    pairs={
                        "role_t": role_pair,
                        "relations_t": (
                            "、".join(r.label for r in names),
                            ", ".join(RELATION_EN[r.value] for r in names),
                        ),
                    },
                )
            )
    return found
