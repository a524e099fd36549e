"""Delegate numbers: how many delegates a party congress usually has, by membership band."""

from __future__ import annotations

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..apportion import (
    check_count,
    ordered,
    require_param,
    severity_of,
)
from ..errors import ParameterError, RuleInputError
from ..findings import Finding, Severity
from ..model import Level
from ..policy import IntRange, Parameter, Policy
from ._common import _Explained, _finding


@attrs.frozen(kw_only=True)
class DelegateBand(Model):
    """A membership band with its usual delegate number (about ``about``)."""

    min_members: int
    max_members: int | None = None
    about: int


@attrs.frozen(kw_only=True)
class DelegateCount(_Explained):
    """How many delegates a party congress usually has, and a check of a proposed number.

    Attributes:
        policy_id: the profile applied.
        level: the administrative level (local congresses), if given.
        members: the party members, if given (for a profile with membership bands).
        usual: the usual range (一般, soft).
        cap: the hard maximum, if any.
        band: the membership band that applies, if the profile has bands.
        proposed: the number checked, if any.
        needs_approval: the number needs the higher organisation's approval.
        findings: the explanation.
    """

    policy_id: str
    level: Level | None = None
    members: int | None = None
    usual: IntRange
    cap: int | None = None
    band: DelegateBand | None = None
    proposed: int | None = None
    needs_approval: bool = False
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


def _band(policy: Policy, members: int) -> tuple[DelegateBand | None, list[Finding], Parameter]:
    param = policy.param("quotas.delegate_bands")
    bands = []
    for i, table in enumerate(policy.get_tables(param.name)):
        lo, hi, about = table.get("min_members"), table.get("max_members"), table.get("about")
        if (
            not isinstance(lo, int)
            or not isinstance(about, int)
            or not (hi is None or isinstance(hi, int))
        ):
            raise ParameterError(f"band {i} needs integer min_members and about", path=param.name)
        bands.append(DelegateBand(min_members=lo, max_members=hi, about=about))
    matches = [
        b
        for b in bands
        if b.min_members <= members and (b.max_members is None or members <= b.max_members)
    ]
    findings: list[Finding] = []
    if not matches:
        lowest = min(b.min_members for b in bands) if bands else 0
        findings.append(
            _finding("DELEGATES_NO_BAND", Severity.INFO, param, observed=members, limit=lowest)
        )
        return None, findings, param
    chosen = matches[0]
    if len(matches) > 1:
        rule = policy.param("quotas.delegate_band_boundary")
        reading = policy.get_str(rule.name)
        key = (lambda b: b.min_members) if reading == "UPPER_BAND" else (lambda b: -b.min_members)
        chosen = max(matches, key=key)
        findings.append(
            _finding(
                "DELEGATES_BAND_BOUNDARY",
                Severity.INFO,
                rule,
                observed=members,
                limit=chosen.about,
                reading=reading,
            )
        )
    findings.append(
        _finding("DELEGATES_BAND", Severity.INFO, param, observed=members, limit=chosen.about)
    )
    return chosen, findings, param


@checked
def delegate_count(
    policy: Policy,
    proposed: int | None = None,
    *,
    members: int | None = None,
    level: Level | None = None,
) -> DelegateCount:
    """The usual number of delegates of a party congress, and a check of ``proposed``.

    Args:
        policy: a party grassroots or local profile.
        proposed: a number of delegates to check.
        members: party members (for a profile with membership bands, such as county-township-2006).
        level: ``PROVINCE``, ``CITY`` or ``COUNTY`` for a local congress.

    Returns:
        A :class:`DelegateCount`: outside the usual range → WARN (一般), over the cap → FAIL, a
        number other than the band's "about" figure → WARN (a person judges 左右).

    Raises:
        RuleInputError: ``LEVEL_REQUIRED``/``UNKNOWN_LEVEL`` for a local profile,
            ``NEGATIVE_COUNT``/``NON_POSITIVE_COUNT``, ``NOT_COVERED``.

    Legal basis: 《中国共产党基层组织选举工作条例》第七条; 《中国共产党地方组织选举工作条例》
    (delegate numbers by level); 洛南县 2011 (seed 000:118).

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> r = delegate_count(load_policy("party-basic-2020"), 301)
        >>> str(r.usual), r.cap, r.codes()
        ('100–200', 300, ('DELEGATES_OVER_CAP', 'DELEGATES_OUTSIDE_RANGE', 'DELEGATES_NEED_APPROVAL', 'DELEGATES_USUAL_RANGE'))
        >>> delegate_count(load_policy("party-local-2020"), level=Level.CITY).usual
        IntRange(min=300, max=500)
        >>> delegate_count(load_policy("county-township-2006"), members=500).band.about
        150
    """
    if proposed is not None:
        proposed = check_count(proposed, "proposed", minimum=1)
    if members is not None:
        members = check_count(members, "members", minimum=1)
    if level is not None and not isinstance(level, Level):
        raise RuleInputError(f"expected a Level, got {level!r}", code="TYPE", path="level")
    leveled = [n for n in policy.names() if n.startswith("quotas.delegates_range_")]
    if level is not None and f"quotas.delegates_range_{level.value.lower()}" in policy:
        usual_param = policy.param(f"quotas.delegates_range_{level.value.lower()}")
    elif "quotas.delegates_range" in policy:
        usual_param = policy.param("quotas.delegates_range")
    elif leveled:
        known = ", ".join(n.rsplit("_", 1)[1].upper() for n in leveled)
        if level is None:
            raise RuleInputError(
                f"profile {policy.id!r} sets delegate numbers by level ({known}); give level",
                code="LEVEL_REQUIRED",
                path="level",
            )
        raise RuleInputError(
            f"profile {policy.id!r} has no delegate numbers for {level.value} (only {known})",
            code="UNKNOWN_LEVEL",
            path="level",
        )
    else:
        usual_param = require_param(policy, "quotas.delegates_range", "delegate numbers")
    usual = policy.get_range(usual_param.name)
    findings = [_finding("DELEGATES_USUAL_RANGE", Severity.INFO, usual_param, limit=str(usual))]
    cap_param = policy.param("quotas.delegates_max") if "quotas.delegates_max" in policy else None
    cap = policy.get_int(cap_param.name) if cap_param is not None else None
    band: DelegateBand | None = None
    band_param: Parameter | None = None
    if members is not None and "quotas.delegate_bands" in policy:
        band, band_findings, band_param = _band(policy, members)
        findings.extend(band_findings)
    needs_approval = False
    if "quotas.delegates_need_approval" in policy:
        approval = policy.param("quotas.delegates_need_approval")
        needs_approval = policy.get_bool(approval.name)
        if needs_approval:
            findings.append(_finding("DELEGATES_NEED_APPROVAL", Severity.INFO, approval))
    if proposed is not None:
        if not usual.contains(proposed):
            findings.append(
                _finding(
                    "DELEGATES_OUTSIDE_RANGE",
                    severity_of(usual_param),
                    usual_param,
                    observed=proposed,
                    limit=str(usual),
                )
            )
        if cap_param is not None and cap is not None and proposed > cap:
            findings.append(
                _finding(
                    "DELEGATES_OVER_CAP",
                    severity_of(cap_param),
                    cap_param,
                    observed=proposed,
                    limit=cap,
                )
            )
        if band is not None and band_param is not None and proposed != band.about:
            findings.append(
                _finding(
                    "DELEGATES_BAND_DEVIATION",
                    Severity.WARN,
                    band_param,
                    observed=proposed,
                    limit=band.about,
                )
            )
    return DelegateCount(
        policy_id=policy.id,
        level=level,
        members=members,
        usual=usual,
        cap=cap,
        band=band,
        proposed=proposed,
        needs_approval=needs_approval,
        findings=ordered(findings),
    )
