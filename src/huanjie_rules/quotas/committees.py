"""Committee sizes (职数): how many members a committee usually has, and a proposed size checked."""

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
from ..model import BodyKind
from ..policy import IntRange, Policy
from ._common import _Explained, _finding


@attrs.frozen(kw_only=True)
class CommitteeSize(_Explained):
    """How many members a committee usually has, and a check of a proposed size.

    Attributes:
        policy_id: the profile applied.
        body: the committee.
        usual: the usual size (soft for party bodies, hard for village committees).
        cap: a further cap (支部 7, 总支 9), if any.
        full_members: full party members of a branch, if given.
        committee_required: for a branch with ``full_members`` given: True if a committee must
            be set up, False if the branch has a secretary (and a deputy if needed) instead.
        proposed: the size checked, if any.
        findings: the explanation.
    """

    policy_id: str
    body: BodyKind
    usual: IntRange
    cap: int | None = None
    full_members: int | None = None
    committee_required: bool | None = None
    proposed: int | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


@checked
def committee_size(
    policy: Policy,
    body: BodyKind,
    *,
    proposed: int | None = None,
    full_members: int | None = None,
) -> CommitteeSize:
    """The usual size of ``body`` and a check of ``proposed``.

    Args:
        policy: a party grassroots profile (支部, 总支, 基层委员会; 镇党委 and 纪委 in
            nmg-town-2016) or a village profile (村民委员会).
        body: the committee.
        proposed: a number of committee members to check.
        full_members: for a branch, its full members (正式党员): from
            ``quotas.branch_committee_min_full_members`` (7) a committee is required, below it
            the branch has a secretary and, if needed, a deputy secretary.

    Raises:
        RuleInputError: ``UNKNOWN_BODY`` (no size rule for it in this profile),
            ``NEGATIVE_COUNT``/``NON_POSITIVE_COUNT``.

    Legal basis: 《中国共产党支部工作条例（试行）》第二十条; 中组部 guidance on committee posts;
    seed 003:551 (内蒙古); 《村民委员会组织法》第六条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> pb20 = load_policy("party-basic-2020")
        >>> r = committee_size(pb20, BodyKind.BRANCH, full_members=6)
        >>> r.committee_required, r.codes()
        (False, ('BRANCH_NO_COMMITTEE', 'COMMITTEE_USUAL_SIZE'))
        >>> committee_size(load_policy("village-2018"), BodyKind.VILLAGE_COMMITTEE, proposed=8).codes()
        ('COMMITTEE_SIZE_OUTSIDE', 'COMMITTEE_USUAL_SIZE')
    """
    if not isinstance(body, BodyKind):
        raise RuleInputError(f"expected a BodyKind, got {body!r}", code="TYPE", path="body")
    if proposed is not None:
        proposed = check_count(proposed, "proposed", minimum=1)
    if full_members is not None:
        full_members = check_count(full_members, "full_members")
    name = f"quotas.committee_size_{body.value.lower()}"
    if name not in policy:
        bodies = sorted(
            n.removeprefix("quotas.committee_size_").upper()
            for n in policy.names()
            if n.startswith("quotas.committee_size_")
        )
        raise RuleInputError(
            f"profile {policy.id!r} has no size rule for {body.value}"
            f"; it has: {', '.join(bodies) or 'none'}",
            code="UNKNOWN_BODY",
            path="body",
        )
    size_param = policy.param(name)
    usual = policy.get_range(name)
    cap_name = f"quotas.committee_cap_{body.value.lower()}"
    cap_param = policy.param(cap_name) if cap_name in policy else None
    cap = policy.get_int(cap_name) if cap_param is not None else None
    label = body.label
    findings = [
        _finding("COMMITTEE_USUAL_SIZE", Severity.INFO, size_param, limit=str(usual), body=label)
    ]
    required: bool | None = None
    if full_members is not None and body is BodyKind.BRANCH:
        threshold_param = require_param(
            policy, "quotas.branch_committee_min_full_members", "branch committees"
        )
        threshold = policy.get_int(threshold_param.name)
        required = full_members >= threshold
        code = "BRANCH_COMMITTEE_REQUIRED" if required else "BRANCH_NO_COMMITTEE"
        findings.append(
            _finding(code, Severity.INFO, threshold_param, observed=full_members, limit=threshold)
        )
        if not required and proposed is not None:
            findings.append(
                _finding(
                    "BRANCH_COMMITTEE_NOT_PROVIDED",
                    severity_of(threshold_param),
                    threshold_param,
                    observed=full_members,
                    limit=threshold,
                    proposed=proposed,
                )
            )
    if proposed is not None and required is not False:
        if cap_param is not None and cap is not None and proposed > cap:
            findings.append(
                _finding(
                    "COMMITTEE_OVER_CAP",
                    severity_of(cap_param),
                    cap_param,
                    observed=proposed,
                    limit=cap,
                    body=label,
                )
            )
        elif not usual.contains(proposed):
            findings.append(
                _finding(
                    "COMMITTEE_SIZE_OUTSIDE",
                    severity_of(size_param),
                    size_param,
                    observed=proposed,
                    limit=str(usual),
                    body=label,
                )
            )
    return CommitteeSize(
        policy_id=policy.id,
        body=body,
        usual=usual,
        cap=cap,
        full_members=full_members,
        committee_required=required,
        proposed=proposed,
        findings=ordered(findings),
    )
