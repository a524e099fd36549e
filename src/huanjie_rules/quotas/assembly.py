"""Assembly form: a members' assembly or a delegates' congress (党员大会 or 党员代表大会)."""

from __future__ import annotations

import attrs

from .._args import checked
from .._base import to_tuple
from ..apportion import (
    check_count,
    ordered,
    require_param,
    severity_of,
)
from ..errors import RuleInputError
from ..findings import Finding, Severity
from ..model import ElectionForm
from ..policy import Policy
from ._common import _Explained, _finding


@attrs.frozen(kw_only=True)
class AssemblyForm(_Explained):
    """Which form of meeting elects the committee: what is required, permitted, needs approval.

    Attributes:
        policy_id: the profile applied.
        members: party members of the organisation.
        scattered: whether its subordinate organisations are geographically scattered.
        required: the form that must be used, if only one is allowed or a rule requires one.
        permitted: every form that may be used.
        needs_approval: the permitted forms that need the higher organisation's approval.
        proposed: the form the caller proposed, if any.
        findings: the explanation.
    """

    policy_id: str
    members: int
    scattered: bool = False
    required: ElectionForm | None = None
    permitted: tuple[ElectionForm, ...] = attrs.field(converter=to_tuple)
    needs_approval: tuple[ElectionForm, ...] = attrs.field(default=(), converter=to_tuple)
    proposed: ElectionForm | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


@checked
def assembly_form(
    policy: Policy,
    members: int,
    *,
    scattered: bool = False,
    proposed: ElectionForm | None = None,
    approved: bool = False,
) -> AssemblyForm:
    """Whether a grassroots committee is elected by a members' assembly or a delegates' congress.

    Args:
        policy: a party grassroots profile.
        members: party members of the organisation (≥ 1).
        scattered: the subordinate organisations are geographically scattered (驻地分散).
        proposed: a form to check (``MEMBERS_ASSEMBLY`` or ``DELEGATES_CONGRESS``).
        approved: the higher organisation has approved a congress.

    Returns:
        An :class:`AssemblyForm`. At ``quotas.congress_permitted_min_members`` members or more
        (以上, inclusive) or when scattered, a congress is permitted with approval; a local
        ``quotas.congress_required_min_members`` makes it required.

    Raises:
        RuleInputError: ``NEGATIVE_COUNT``/``NON_POSITIVE_COUNT`` for a bad count, ``NOT_COVERED``
            for a profile without the rule.

    Legal basis: 《中国共产党基层组织选举工作条例》第四条; 洛南县 2011 (seed 000:117).

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> pb20 = load_policy("party-basic-2020")
        >>> [f.value for f in assembly_form(pb20, 499).permitted]
        ['MEMBERS_ASSEMBLY']
        >>> r = assembly_form(pb20, 500)
        >>> [f.value for f in r.permitted], [f.value for f in r.needs_approval]
        (['MEMBERS_ASSEMBLY', 'DELEGATES_CONGRESS'], ['DELEGATES_CONGRESS'])
        >>> assembly_form(load_policy("county-township-2006"), 200).required.label
        '党员代表大会'
    """
    permit = require_param(policy, "quotas.congress_permitted_min_members", "the assembly form")
    members = check_count(members, "members", minimum=1)
    if not isinstance(scattered, bool):
        raise RuleInputError("scattered is True or False", code="TYPE", path="scattered")
    if proposed is not None and proposed not in (
        ElectionForm.MEMBERS_ASSEMBLY,
        ElectionForm.DELEGATES_CONGRESS,
    ):
        raise RuleInputError(
            f"{proposed!r} is not a form of a party grassroots election",
            code="UNKNOWN_FORM",
            path="proposed",
        )
    scatter = require_param(policy, "quotas.congress_permitted_if_scattered", "the assembly form")
    approval = require_param(policy, "quotas.congress_needs_approval", "the assembly form")
    threshold = policy.get_int(permit.name)
    findings: list[Finding] = []
    required: ElectionForm | None = None
    permitted: tuple[ElectionForm, ...]
    needs_approval: tuple[ElectionForm, ...] = ()
    congress = ElectionForm.DELEGATES_CONGRESS
    assembly = ElectionForm.MEMBERS_ASSEMBLY
    if "quotas.congress_required_min_members" in policy and members >= policy.get_int(
        "quotas.congress_required_min_members"
    ):
        must = policy.param("quotas.congress_required_min_members")
        required, permitted = congress, (congress,)
        findings.append(
            _finding(
                "CONGRESS_REQUIRED",
                Severity.INFO,
                must,
                observed=members,
                limit=policy.get_int(must.name),
            )
        )
    elif members >= threshold or (scattered and policy.get_bool(scatter.name)):
        permitted = (assembly, congress)
        if policy.get_bool(approval.name):
            needs_approval = (congress,)
        if members >= threshold:
            findings.append(
                _finding(
                    "CONGRESS_PERMITTED_MEMBERS",
                    Severity.INFO,
                    permit,
                    observed=members,
                    limit=threshold,
                )
            )
        else:
            findings.append(
                _finding("CONGRESS_PERMITTED_SCATTERED", Severity.INFO, scatter, observed=members)
            )
    else:
        required, permitted = assembly, (assembly,)
        findings.append(
            _finding("ASSEMBLY_ONLY", Severity.INFO, permit, observed=members, limit=threshold)
        )
    if proposed is not None:
        basis = (
            permit
            if required is not congress
            else policy.param("quotas.congress_required_min_members")
        )
        if proposed not in permitted:
            findings.append(
                _finding(
                    "FORM_NOT_PERMITTED",
                    severity_of(basis),
                    basis,
                    observed=proposed.label,
                    limit="、".join(f.label for f in permitted),
                )
            )
        elif proposed in needs_approval and not approved:
            findings.append(
                _finding(
                    "CONGRESS_APPROVAL_MISSING",
                    Severity.WARN,
                    approval,
                    observed=proposed.label,
                )
            )
    return AssemblyForm(
        policy_id=policy.id,
        members=members,
        scattered=scattered,
        required=required,
        permitted=permitted,
        needs_approval=needs_approval,
        proposed=proposed,
        findings=ordered(findings),
    )
