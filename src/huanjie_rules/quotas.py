"""Quotas: assembly form, delegate numbers, candidate margins, committee sizes, deputy quotas.

The questions asked before any vote: may we hold a congress, how many delegates, how many
candidates for how many seats, how large a committee, how many deputies for this population.
Every number comes from the policy profile (``quotas.*`` parameters) and every answer carries
:class:`~huanjie_rules.findings.Finding` values citing the article it rests on. Seat sharing
among electoral units lives in :mod:`huanjie_rules.apportion`.

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

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType

import attrs

from ._base import Model, to_tuple
from .apportion import (
    check_count,
    ordered,
    require_param,
    round_fraction,
    severity_of,
)
from .errors import ParameterError, Problem, RuleInputError
from .findings import Finding, Message, Severity, worst_severity
from .model import BodyKind, Election, ElectionForm, Level, Office
from .policy import IntRange, Parameter, ParamTable, Policy

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

FINDING_CODES: Mapping[str, Message] = MappingProxyType(
    {
        # -- assembly form ------------------------------------------------------------------
        "ASSEMBLY_ONLY": Message(
            zh="党员{observed}名，不足{limit}名，所属组织驻地不分散：由党员大会选举",
            en="{observed} members, fewer than {limit}, organisations not scattered: elected by the members' assembly",
        ),
        "CONGRESS_PERMITTED_MEMBERS": Message(
            zh="党员{observed}名，达到{limit}名以上，经上级党组织批准可以召开党员代表大会",
            en="{observed} members, at least {limit}: a delegates' congress may be held with the higher organisation's approval",
        ),
        "CONGRESS_PERMITTED_SCATTERED": Message(
            zh="所属党组织驻地分散，经上级党组织批准可以召开党员代表大会（党员{observed}名）",
            en="subordinate organisations are scattered: a delegates' congress may be held with approval ({observed} members)",
        ),
        "CONGRESS_REQUIRED": Message(
            zh="党员{observed}名，达到{limit}名以上，应召开党员代表大会",
            en="{observed} members, at least {limit}: a delegates' congress must be held",
        ),
        "FORM_NOT_PERMITTED": Message(
            zh="拟采用{observed}，不在允许的形式（{limit}）之内",
            en="the proposed {observed} is not among the permitted forms ({limit})",
        ),
        "CONGRESS_APPROVAL_MISSING": Message(
            zh="拟召开{observed}，须经上级党组织批准，尚未记录批准",
            en="the proposed {observed} needs the higher organisation's approval, which is not recorded",
        ),
        # -- delegate numbers ---------------------------------------------------------------
        "DELEGATES_USUAL_RANGE": Message(
            zh="代表名额一般为{limit}名",
            en="the usual number of delegates is {limit}",
        ),
        "DELEGATES_OUTSIDE_RANGE": Message(
            zh="拟定代表{observed}名，不在一般范围{limit}名之内",
            en="{observed} delegates proposed, outside the usual {limit}",
        ),
        "DELEGATES_OVER_CAP": Message(
            zh="拟定代表{observed}名，超过最多{limit}名",
            en="{observed} delegates proposed, over the maximum of {limit}",
        ),
        "DELEGATES_BAND": Message(
            zh="党员{observed}名，代表名额一般为{limit}名左右",
            en="{observed} members: about {limit} delegates",
        ),
        "DELEGATES_BAND_BOUNDARY": Message(
            zh="党员{observed}名恰在两档交界，按参数（{reading}）取{limit}名左右一档",
            en="{observed} members is on the shared band boundary; by the parameter ({reading}) the band of about {limit} applies",
        ),
        "DELEGATES_BAND_DEVIATION": Message(
            zh="拟定代表{observed}名，与一般{limit}名左右不同，须由人判断是否仍属「左右」",
            en="{observed} delegates proposed against about {limit}: a person must judge whether that is still 'about'",
        ),
        "DELEGATES_NO_BAND": Message(
            zh="党员{observed}名，不在任何代表名额档次之内（最低档自{limit}名起）",
            en="{observed} members falls in no delegate band (the lowest starts at {limit})",
        ),
        "DELEGATES_NEED_APPROVAL": Message(
            zh="代表名额须报上级党组织批准",
            en="the number of delegates needs the higher organisation's approval",
        ),
        # -- margins ------------------------------------------------------------------------
        "MARGIN_MIN": Message(
            zh="{office}应选{seats}名，候选人不少于{limit}名（{basis}）",
            en="{office}: {seats} seats, at least {limit} candidates ({basis})",
        ),
        "MARGIN_MAX": Message(
            zh="{office}应选{seats}名，候选人不多于{limit}名（{basis}）",
            en="{office}: {seats} seats, at most {limit} candidates ({basis})",
        ),
        "MARGIN_BOUNDS_EMPTY": Message(
            zh="{office}应选{seats}名：候选人至少{observed}名而至多{limit}名，没有符合规定的人数，须由人决定",
            en="{office}: {seats} seats need at least {observed} and at most {limit} candidates; no count meets the rules, a person must decide",
        ),
        "MARGIN_OK": Message(
            zh="{office}应选{seats}名，候选人{observed}名，差额比例{margin}，符合{limit}",
            en="{office}: {observed} candidates for {seats} seats, margin {margin}, within {limit}",
        ),
        "MARGIN_BELOW_MIN": Message(
            zh="{office}应选{seats}名，候选人{observed}名，少于规定的{limit}名",
            en="{office}: {observed} candidates for {seats} seats, fewer than the required {limit}",
        ),
        "MARGIN_ABOVE_MAX": Message(
            zh="{office}应选{seats}名，候选人{observed}名，多于规定的{limit}名",
            en="{office}: {observed} candidates for {seats} seats, more than the allowed {limit}",
        ),
        "MARGIN_ROUNDED_SHORT": Message(
            zh="{office}差额比例{observed}低于{limit}，按取整规则（{rounding}）仍算符合",
            en="{office}: margin {observed} is below {limit} but passes under the rounding rule ({rounding})",
        ),
        "MARGIN_PREVIOUS_UNKNOWN": Message(
            zh="{office}差额比例须与上届比较，但未提供上届差额比例",
            en="{office}: the margin must be compared with the previous round's, which was not given",
        ),
        "MARGIN_SELF_NOMINATION": Message(
            zh="实行无候选人的自荐直选，不适用候选人差额（{office}）",
            en="election without candidates (自荐直选): no candidate margin applies ({office})",
        ),
        "SELF_NOMINATION_NOT_PROVIDED": Message(
            zh="本配置未规定无候选人的自荐直选，{office}须有多于应选名额的候选人",
            en="this profile does not provide for election without candidates; {office} needs more candidates than seats",
        ),
        # -- committee sizes ----------------------------------------------------------------
        "COMMITTEE_USUAL_SIZE": Message(
            zh="{body}一般由{limit}人组成",
            en="a {body} usually has {limit} members",
        ),
        "COMMITTEE_SIZE_OUTSIDE": Message(
            zh="拟设{body}委员{observed}人，不在{limit}人之内",
            en="{observed} members proposed for the {body}, outside {limit}",
        ),
        "COMMITTEE_OVER_CAP": Message(
            zh="拟设{body}委员{observed}人，超过{limit}人",
            en="{observed} members proposed for the {body}, over {limit}",
        ),
        "BRANCH_COMMITTEE_REQUIRED": Message(
            zh="正式党员{observed}名，达到{limit}名以上，应当设立支部委员会",
            en="{observed} full members, at least {limit}: a branch committee must be set up",
        ),
        "BRANCH_NO_COMMITTEE": Message(
            zh="正式党员{observed}名，不足{limit}名，不设支部委员会，设书记1名，必要时设副书记1名",
            en="{observed} full members, fewer than {limit}: no branch committee; one secretary, and a deputy if needed",
        ),
        "BRANCH_COMMITTEE_NOT_PROVIDED": Message(
            zh="正式党员{observed}名，不足{limit}名，不应设立支部委员会（拟设{proposed}人）",
            en="{observed} full members, fewer than {limit}: no branch committee is provided for ({proposed} proposed)",
        ),
        # -- deputy quotas ------------------------------------------------------------------
        "DEPUTIES_FORMULA": Message(
            zh="基数{base}名，人口{population}人，每{per}人增加1名，增加{increment}名，合计{observed}名",
            en="base {base}, population {population}, one more per {per}: {increment} more, {observed} in all",
        ),
        "DEPUTIES_INCREMENT_ROUNDED": Message(
            zh="人口{population}人除以{per}不为整数，按{rounding}取整，增加{observed}名",
            en="population {population} / {per} is not whole; rounded {rounding} to {observed} more",
        ),
        "DEPUTIES_CAP": Message(
            zh="代表总名额不得超过{limit}名（按公式为{observed}名，未超过）",
            en="the total may not exceed {limit} (the formula gives {observed}, within it)",
        ),
        "DEPUTIES_CAPPED": Message(
            zh="代表总名额不得超过{limit}名，按公式为{observed}名，取{limit}名",
            en="the total may not exceed {limit}; the formula gives {observed}, so {limit}",
        ),
        "DEPUTIES_MAY_BE_LOWER": Message(
            zh="人口{observed}人，不足{limit}人，代表总名额可以少于基数{base}名",
            en="population {observed}, below {limit}: the total may be lower than the base of {base}",
        ),
        "DEPUTIES_UPLIFT": Message(
            zh="经省级人大常委会决定可另加{ratio}：{total}名的{ratio}按{rounding}取整为{observed}名",
            en="the provincial standing committee may add {ratio}: {ratio} of {total} rounded {rounding} is {observed}",
        ),
        "DEPUTIES_PROPOSED_OVER": Message(
            zh="拟定代表{observed}名，多于依法计算的{limit}名",
            en="{observed} deputies proposed, more than the {limit} the law gives",
        ),
        "DEPUTIES_PROPOSED_UNDER": Message(
            zh="拟定代表{observed}名，少于依法计算的{limit}名",
            en="{observed} deputies proposed, fewer than the {limit} the law gives",
        ),
        "DEPUTIES_PROPOSED_LOWER_ALLOWED": Message(
            zh="拟定代表{observed}名，少于{limit}名；人口不足{threshold}人，可以少于基数",
            en="{observed} deputies proposed, fewer than {limit}; allowed because the population is below {threshold}",
        ),
    }
)


class _Explained(Model):
    """Mixin: a result with findings."""

    __slots__ = ()
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when no finding is FAIL or WARN."""
        worst = worst_severity(self.findings)
        return worst is None or worst is Severity.INFO

    @property
    def worst(self) -> Severity | None:
        """The heaviest severity among the findings."""
        return worst_severity(self.findings)

    def codes(self) -> tuple[str, ...]:
        """The finding codes, in canonical order."""
        return tuple(f.code for f in self.findings)


def _finding(
    code: str,
    severity: Severity,
    param: Parameter,
    *,
    observed: int | Fraction | str | bool | None = None,
    limit: int | Fraction | str | bool | None = None,
    subject: str = "",
    **values: object,
) -> Finding:
    return param.finding(
        code,
        FINDING_CODES[code],
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=values,
    )


# ============================================================================================
# 1. Assembly form
# ============================================================================================


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
        >>> assembly_form(load_policy("luonan-2011"), 200).required.label
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


# ============================================================================================
# 2. Delegate numbers
# ============================================================================================


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
        members: party members (for a profile with membership bands, such as luonan-2011).
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
        >>> delegate_count(load_policy("luonan-2011"), members=500).band.about
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


# ============================================================================================
# 3. Candidate margins (差额)
# ============================================================================================

_READINGS = ("AT_LEAST", "MORE_THAN", "EXACT")


@attrs.frozen(kw_only=True)
class MarginLimit(Model):
    """One bound on the number of candidates and the parameter it comes from.

    Attributes:
        parameter: the policy parameter (``quotas.margin_member``, ``quotas.margin_previous_member``).
        bound: ``"MIN"`` or ``"MAX"``.
        candidates: the bound as a number of candidates.
        hard: True for a hard rule (FAIL when broken), False for a soft one (WARN).
        rule_id: the rule in the catalogue.
    """

    parameter: str
    bound: str
    candidates: int
    hard: bool
    rule_id: str

    def _checks(self) -> Iterable[Problem]:
        if self.bound not in ("MIN", "MAX"):
            yield Problem("CHOICE", "bound", f"{self.bound!r} is not MIN or MAX")


@attrs.frozen(kw_only=True)
class MarginBounds(_Explained):
    """How many candidates ``seats`` seats of ``office`` may have.

    The admissible numbers form the interval ``min_candidates ..= max_candidates`` (no upper
    end when ``max_candidates`` is None); ``limits`` lists every bound with its parameter.

    Attributes:
        policy_id: the profile applied.
        office: the post.
        form: the election form (direct or indirect for people's congress deputies).
        seats: 应选人数.
        min_candidates: the fewest candidates allowed.
        max_candidates: the most candidates allowed, or None.
        reading: how the ratio is read (``AT_LEAST``, ``MORE_THAN``, ``EXACT``), if a ratio applies.
        min_ratio: the minimum surplus ratio, if any.
        max_ratio: the maximum surplus ratio, if any.
        previous_margin: the previous round's margin used by a relative rule, if any.
        limits: every bound with its source.
        findings: the explanation.
    """

    policy_id: str
    office: Office
    form: ElectionForm | None = None
    seats: int
    min_candidates: int
    max_candidates: int | None = None
    reading: str | None = None
    min_ratio: Fraction | None = None
    max_ratio: Fraction | None = None
    previous_margin: Fraction | None = None
    limits: tuple[MarginLimit, ...] = attrs.field(default=(), converter=to_tuple)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def feasible(self) -> bool:
        """False when no number of candidates meets every bound."""
        return self.max_candidates is None or self.min_candidates <= self.max_candidates

    def admits(self, candidates: int) -> bool:
        """True if ``candidates`` is within every bound."""
        return self.min_candidates <= candidates and (
            self.max_candidates is None or candidates <= self.max_candidates
        )


@attrs.frozen(kw_only=True)
class MarginCheck(_Explained):
    """A check of a candidate list's size against the margin rules.

    Attributes:
        bounds: the bounds applied.
        candidates: the number of candidates.
        surplus: candidates - seats (差额人数).
        margin: surplus / seats (差额比例), exact.
        self_nomination: the election is held without candidates (自荐直选).
        findings: bounds findings and the check's own.
    """

    bounds: MarginBounds
    candidates: int
    surplus: int
    margin: Fraction
    self_nomination: bool = False
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


def _ratio_field(table: ParamTable, field: str, param: Parameter) -> Fraction | None:
    raw = table.get(field)
    if raw is None:
        return None
    try:
        value = Fraction(str(raw))
    except (ValueError, ZeroDivisionError):
        raise ParameterError(f"{field} {raw!r} is not a fraction", path=param.name) from None
    if value < 0:
        raise ParameterError(f"{field} {raw!r} is negative", path=param.name)
    return value


def _int_field(table: ParamTable, field: str, param: Parameter) -> int | None:
    raw = table.get(field)
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise ParameterError(f"{field} {raw!r} is not a count", path=param.name)
    return raw


def _margin_param(policy: Policy, office: Office, form: ElectionForm | None) -> Parameter:
    base = f"quotas.margin_{office.value.lower()}"
    if form is not None and f"{base}_{form.value.lower()}" in policy:
        return policy.param(f"{base}_{form.value.lower()}")
    if base in policy:
        return policy.param(base)
    by_form = [f for f in ElectionForm if f"{base}_{f.value.lower()}" in policy]
    if by_form:
        names = ", ".join(f.value for f in by_form)
        raise RuleInputError(
            f"{office.value} margins in profile {policy.id!r} depend on the form ({names});"
            + (" give form" if form is None else f" {form.value} is not one of them"),
            code="FORM_REQUIRED" if form is None else "UNKNOWN_FORM",
            path="form",
        )
    offices = sorted(
        n.removeprefix("quotas.margin_").upper()
        for n in policy.names()
        if n.startswith("quotas.margin_")
        and not n.startswith(("quotas.margin_reading_", "quotas.margin_previous_"))
        and not n.startswith("quotas.margin_rounding_")
    )
    raise RuleInputError(
        f"profile {policy.id!r} ({policy.regime.value}) has no margin rule for {office.value}"
        f"; it has: {', '.join(offices) or 'none'}",
        code="UNKNOWN_OFFICE",
        path="office",
    )


def margin_bounds(
    policy: Policy,
    office: Office,
    seats: int,
    *,
    form: ElectionForm | None = None,
    previous_margin: Fraction | None = None,
) -> MarginBounds:
    """The fewest and most candidates allowed for ``seats`` seats of ``office``.

    The surplus (candidates - seats) is bounded by the office's ``quotas.margin_<office>``
    parameter: a ratio of the seats (``min_ratio``/``max_ratio``, rounded by
    ``quotas.margin_rounding_min``/``_max``; read ``AT_LEAST``, ``MORE_THAN`` or ``EXACT``,
    possibly overridden by ``quotas.margin_reading_<office>``) and/or a number of extra
    candidates (``min_extra``/``max_extra``). A relative rule
    ``quotas.margin_previous_<office>`` adds bounds from the previous round's margin.

    Args:
        policy: any profile with margin rules.
        office: the post.
        seats: 应选人数 (≥ 1).
        form: ``DIRECT_VOTERS`` or ``INDIRECT_DEPUTIES`` for people's congress deputies.
        previous_margin: the previous round's margin (surplus / seats), for relative rules.

    Raises:
        RuleInputError: ``ZERO_SEATS``, ``NEGATIVE_COUNT``, ``UNKNOWN_OFFICE`` (no rule for the
            office in this profile), ``FORM_REQUIRED``, ``NEGATIVE_MARGIN``.

    Legal basis: PB20 第九条、第十三条; PB90 第八条、第十二条; PL20 第四条 and its margins;
    《选举法》第三十一条; 《地方组织法》第二十七条; 《村民委员会组织法》第十五条; seeds 000:141,
    001:32, 003:563.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> b = margin_bounds(npc, Office.NPC_DEPUTY, 2, form=ElectionForm.DIRECT_VOTERS)
        >>> b.min_candidates, b.max_candidates
        (3, 4)
        >>> b = margin_bounds(load_policy("party-basic-1990"), Office.MEMBER, 7)
        >>> b.reading, b.min_candidates, b.max_candidates
        ('EXACT', 9, 9)
    """
    if not isinstance(office, Office):
        raise RuleInputError(f"expected an Office, got {office!r}", code="TYPE", path="office")
    if form is not None and not isinstance(form, ElectionForm):
        raise RuleInputError(f"expected an ElectionForm, got {form!r}", code="TYPE", path="form")
    seats = check_count(seats, "seats", minimum=1)
    if previous_margin is not None:
        if isinstance(previous_margin, bool) or not isinstance(previous_margin, Fraction | int):
            raise RuleInputError(
                "previous_margin is an exact Fraction", code="TYPE", path="previous_margin"
            )
        previous_margin = Fraction(previous_margin)
        if previous_margin < 0:
            raise RuleInputError(
                f"previous_margin must not be negative, got {previous_margin}",
                code="NEGATIVE_MARGIN",
                path="previous_margin",
            )
    param = _margin_param(policy, office, form)
    table = policy.get_table(param.name)
    key = office.value.lower()
    min_ratio = _ratio_field(table, "min_ratio", param)
    max_ratio = _ratio_field(table, "max_ratio", param)
    min_extra = _int_field(table, "min_extra", param)
    max_extra = _int_field(table, "max_extra", param)
    reading: str | None = None
    reading_param = param
    if min_ratio is not None:
        if f"quotas.margin_reading_{key}" in policy:
            reading_param = policy.param(f"quotas.margin_reading_{key}")
            reading = policy.get_str(reading_param.name)
        else:
            raw = table.get("reading", "AT_LEAST")
            reading = str(raw)
        if reading not in _READINGS:
            raise ParameterError(f"reading {reading!r} is not one of {_READINGS}", path=param.name)
    limits: list[MarginLimit] = []
    findings: list[Finding] = []
    office_label = office.label

    def add(bound: str, extra: int, source: Parameter, basis: str) -> None:
        limits.append(
            MarginLimit(
                parameter=source.name,
                bound=bound,
                candidates=seats + extra,
                hard=source.hard,
                rule_id=source.rule_id,
            )
        )
        findings.append(
            _finding(
                f"MARGIN_{bound}",
                Severity.INFO,
                source,
                limit=seats + extra,
                subject=office.value,
                office=office_label,
                seats=seats,
                basis=basis,
            )
        )

    round_min = (
        require_param(policy, "quotas.margin_rounding_min", "margin rounding")
        if min_ratio is not None or max_ratio is not None
        else None
    )
    round_max = (
        require_param(policy, "quotas.margin_rounding_max", "margin rounding")
        if max_ratio is not None
        else None
    )
    if min_ratio is not None and round_min is not None:
        exact = min_ratio * seats
        if reading == "MORE_THAN":
            extra = exact.numerator // exact.denominator + 1
            basis = f"差额多于应选人数×{min_ratio}"
        else:
            extra = round_fraction(exact, policy.get_str(round_min.name), parameter=round_min.name)
            basis = f"差额{'为' if reading == 'EXACT' else '不少于'}应选人数×{min_ratio}"
        add("MIN", extra, reading_param if reading_param is not param else param, basis)
        if reading == "EXACT":
            add("MAX", extra, reading_param, f"差额为应选人数×{min_ratio}")
    if min_extra is not None:
        add("MIN", min_extra, param, f"至少多{min_extra}人" if min_extra else "不少于应选人数")
    if max_ratio is not None and round_max is not None:
        extra = round_fraction(
            max_ratio * seats, policy.get_str(round_max.name), parameter=round_max.name
        )
        add("MAX", extra, param, f"差额不超过应选人数×{max_ratio}")
    if max_extra is not None:
        add("MAX", max_extra, param, f"至多多{max_extra}人" if max_extra else "等额选举")
    prev_name = f"quotas.margin_previous_{key}"
    if prev_name in policy:
        prev_param = policy.param(prev_name)
        prev_table = policy.get_table(prev_name)
        inc_min = _ratio_field(prev_table, "min_increase", prev_param) or Fraction(0)
        inc_max = _ratio_field(prev_table, "max_increase", prev_param)
        if previous_margin is None:
            findings.append(
                _finding(
                    "MARGIN_PREVIOUS_UNKNOWN",
                    Severity.WARN,
                    prev_param,
                    subject=office.value,
                    office=office_label,
                )
            )
        else:
            rounding = require_param(policy, "quotas.margin_rounding_min", "margin rounding")
            target = (previous_margin + inc_min) * seats
            add(
                "MIN",
                round_fraction(target, policy.get_str(rounding.name), parameter=rounding.name),
                prev_param,
                f"差额比例不低于上届{previous_margin}+{inc_min}",
            )
            if inc_max is not None:
                rounding_max = require_param(
                    policy, "quotas.margin_rounding_max", "margin rounding"
                )
                add(
                    "MAX",
                    round_fraction(
                        (previous_margin + inc_max) * seats,
                        policy.get_str(rounding_max.name),
                        parameter=rounding_max.name,
                    ),
                    prev_param,
                    f"差额比例不高于上届{previous_margin}+{inc_max}",
                )
    mins = [lim.candidates for lim in limits if lim.bound == "MIN"]
    maxes = [lim.candidates for lim in limits if lim.bound == "MAX"]
    low = max([seats, *mins])
    high = min(maxes) if maxes else None
    if high is not None and high < low:
        findings.append(
            _finding(
                "MARGIN_BOUNDS_EMPTY",
                Severity.WARN,
                param,
                observed=low,
                limit=high,
                subject=office.value,
                office=office_label,
                seats=seats,
            )
        )
    return MarginBounds(
        policy_id=policy.id,
        office=office,
        form=form,
        seats=seats,
        min_candidates=low,
        max_candidates=high,
        reading=reading,
        min_ratio=min_ratio,
        max_ratio=max_ratio,
        previous_margin=previous_margin,
        limits=tuple(limits),
        findings=ordered(findings),
    )


def check_margin(
    policy: Policy,
    office: Office,
    seats: int,
    candidates: int,
    *,
    form: ElectionForm | None = None,
    previous_margin: Fraction | None = None,
    self_nomination: bool = False,
) -> MarginCheck:
    """Check that ``candidates`` candidates for ``seats`` seats of ``office`` meet the margin rules.

    Every bound of :func:`margin_bounds` is checked and every broken one reported (FAIL for a
    hard rule, WARN for a soft one). The margin is surplus / seats, computed on the seats.

    Args:
        policy: any profile with margin rules.
        office: the post.
        seats: 应选人数 (≥ 1).
        candidates: the number of candidates (≥ 0).
        form: the election form (people's congress deputies).
        previous_margin: the previous round's margin, for relative rules.
        self_nomination: the election is held without candidates (自荐直选, village committees
            where ``quotas.self_nomination_direct_election`` allows it).

    Raises:
        RuleInputError: as :func:`margin_bounds`, and ``NEGATIVE_COUNT`` for ``candidates``.

    Legal basis: as :func:`margin_bounds`.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> pb20 = load_policy("party-basic-2020")
        >>> check_margin(pb20, Office.PARTY_DELEGATE, 100, 120).ok
        True
        >>> r = check_margin(pb20, Office.PARTY_DELEGATE, 100, 119)
        >>> r.codes(), str(r.margin)
        (('MARGIN_BELOW_MIN', 'MARGIN_MIN'), '19/100')
        >>> r.findings[0].message_zh
        '党代表应选100名，候选人119名，少于规定的120名'
    """
    bounds = margin_bounds(policy, office, seats, form=form, previous_margin=previous_margin)
    candidates = check_count(candidates, "candidates")
    if not isinstance(self_nomination, bool):
        raise RuleInputError(
            "self_nomination is True or False", code="TYPE", path="self_nomination"
        )
    surplus = candidates - bounds.seats
    margin = Fraction(surplus, bounds.seats)
    findings = list(bounds.findings)
    label = office.label
    if self_nomination:
        allowed = require_param(
            policy, "quotas.self_nomination_direct_election", "election without candidates"
        )
        if policy.get_bool(allowed.name):
            findings.append(
                _finding(
                    "MARGIN_SELF_NOMINATION",
                    Severity.INFO,
                    allowed,
                    subject=office.value,
                    office=label,
                )
            )
            return MarginCheck(
                bounds=bounds,
                candidates=candidates,
                surplus=surplus,
                margin=margin,
                self_nomination=True,
                findings=ordered(findings),
            )
        findings.append(
            _finding(
                "SELF_NOMINATION_NOT_PROVIDED",
                severity_of(allowed),
                allowed,
                subject=office.value,
                office=label,
            )
        )
    broken = False
    for lim in bounds.limits:
        source = policy.param(lim.parameter)
        if lim.bound == "MIN" and candidates < lim.candidates:
            code = "MARGIN_BELOW_MIN"
        elif lim.bound == "MAX" and candidates > lim.candidates:
            code = "MARGIN_ABOVE_MAX"
        else:
            continue
        broken = True
        findings.append(
            _finding(
                code,
                severity_of(source),
                source,
                observed=candidates,
                limit=lim.candidates,
                subject=office.value,
                office=label,
                seats=bounds.seats,
            )
        )
    if candidates < bounds.seats and not any(lim.bound == "MIN" for lim in bounds.limits):
        broken = True
        source = _margin_param(policy, office, form)
        findings.append(
            _finding(
                "MARGIN_BELOW_MIN",
                severity_of(source),
                source,
                observed=candidates,
                limit=bounds.seats,
                subject=office.value,
                office=label,
                seats=bounds.seats,
            )
        )
    if not broken:
        shown = (
            f"{bounds.min_candidates}–{bounds.max_candidates}"
            if bounds.max_candidates is not None
            else f"≥{bounds.min_candidates}"
        )
        source = _margin_param(policy, office, form)
        findings.append(
            _finding(
                "MARGIN_OK",
                Severity.INFO,
                source,
                observed=candidates,
                limit=shown,
                subject=office.value,
                office=label,
                seats=bounds.seats,
                margin=margin,
            )
        )
        if (
            bounds.min_ratio is not None
            and bounds.reading != "MORE_THAN"
            and margin < bounds.min_ratio
        ):
            rounding = policy.param("quotas.margin_rounding_min")
            findings.append(
                _finding(
                    "MARGIN_ROUNDED_SHORT",
                    Severity.INFO,
                    rounding,
                    observed=margin,
                    limit=bounds.min_ratio,
                    subject=office.value,
                    office=label,
                    rounding=policy.get_str(rounding.name),
                )
            )
    return MarginCheck(
        bounds=bounds,
        candidates=candidates,
        surplus=surplus,
        margin=margin,
        findings=ordered(findings),
    )


def check_election_margins(election: Election, policy: Policy) -> tuple[MarginCheck, ...]:
    """Check the candidate list of every office of ``election`` (one :class:`MarginCheck` each).

    Uses ``election.form`` (for people's congress deputies) and ``election.previous_margin``
    (for relative rules). ``policy`` must be the profile named by ``election.policy_id``.

    Raises:
        RuleInputError: ``POLICY_MISMATCH`` if the policy is not the election's, and as
            :func:`check_margin`.

    Legal basis: as :func:`margin_bounds`.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> from huanjie_rules.model import (BodyKind, Candidate, Election, Gender, Level,
        ...     Person, Regime, Seat)
        >>> people = [Person(name=f"候选人{i}", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
        ...           for i in range(6)]
        >>> e = Election(key="X村", regime=Regime.VILLAGE, policy_id="village-2018",
        ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
        ...     date=dt.date(2021, 5, 1), entitled_voters=800,
        ...     seats=[Seat(office=Office.VILLAGE_DIRECTOR, count=1),
        ...            Seat(office=Office.VILLAGE_MEMBER, count=4)],
        ...     candidates=[Candidate(person=people[0], office=Office.VILLAGE_DIRECTOR)]
        ...        + [Candidate(person=p, office=Office.VILLAGE_MEMBER) for p in people[1:]])
        >>> [(c.bounds.office.value, c.ok) for c in check_election_margins(e, load_policy("village-2018"))]
        [('VILLAGE_DIRECTOR', False), ('VILLAGE_MEMBER', True)]
    """
    if election.policy_id != policy.id:
        raise RuleInputError(
            f"election {election.key!r} uses profile {election.policy_id!r}, not {policy.id!r}",
            code="POLICY_MISMATCH",
            path="policy",
        )
    form = election.form
    return tuple(
        check_margin(
            policy,
            seat.office,
            seat.count,
            len(election.candidates_for(seat.office)),
            form=form,
            previous_margin=election.previous_margin,
        )
        for seat in election.seats
    )


# ============================================================================================
# 4. Committee sizes
# ============================================================================================


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


# ============================================================================================
# 5. Deputy quotas (选举法 art 12)
# ============================================================================================


@attrs.frozen(kw_only=True)
class DeputyQuota(_Explained):
    """The number of deputies of a county or township congress, step by step.

    Attributes:
        policy_id: the profile applied.
        level: ``COUNTY`` or ``TOWNSHIP``.
        population: the population of the area.
        base: the base number (基数).
        per_population: one more deputy per this many people.
        increment_rounding: how population / per_population was rounded.
        increment: the deputies added for the population.
        formula_total: base + increment.
        cap: the maximum total.
        cap_above_population: the population above which the cap applies (None: always).
        cap_applies: whether the cap applies to this population.
        capped_total: the total after the cap (代表总名额).
        uplift_requested: the minority/scattered-population 5% uplift was asked for.
        uplift_ratio: the uplift share (1/20).
        uplift_rounding: how the uplift was rounded.
        uplift: the seats added by the uplift (0 unless requested).
        total: capped_total + uplift: the most deputies allowed.
        lower_below_population: below this population the total may be lower than the base.
        may_be_lower: whether that carve-out applies.
        proposed: the number checked, if any.
        findings: the explanation.
    """

    policy_id: str
    level: Level
    population: int
    base: int
    per_population: int
    increment_rounding: str
    increment: int
    formula_total: int
    cap: int
    cap_above_population: int | None = None
    cap_applies: bool
    capped_total: int
    uplift_requested: bool = False
    uplift_ratio: Fraction
    uplift_rounding: str
    uplift: int = 0
    total: int
    lower_below_population: int
    may_be_lower: bool
    proposed: int | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


def _table_int(table: ParamTable, field: str, param: Parameter, *, optional: bool = False) -> int:
    raw = table.get(field)
    if raw is None and optional:
        return -1
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise ParameterError(f"{field} {raw!r} is not a count", path=param.name)
    return raw


def deputy_quota(
    policy: Policy,
    level: Level,
    population: int,
    *,
    minority_uplift: bool = False,
    proposed: int | None = None,
) -> DeputyQuota:
    """The number of deputies of a county or township people's congress for ``population``.

    ``total = min(base + round(population / per_population), cap)`` (the cap only above
    ``cap_above_population`` for counties), plus ``round(total × 5%)`` when the uplift is asked
    for. Below ``lower_below_population`` (不足: strict) the total may be lower than the base.

    Args:
        policy: a people's congress profile (npc-2020: 140/45, cap threshold 1,550,000;
            npc-2015: 120/40, 1,650,000).
        level: ``COUNTY`` or ``TOWNSHIP``.
        population: the area's population (≥ 0).
        minority_uplift: the provincial 人大常委会 has decided the 5% uplift (聚居的少数民族多或者
            人口居住分散的县、自治县、乡、民族乡).
        proposed: a total to check.

    Raises:
        RuleInputError: ``NEGATIVE_COUNT``, ``UNKNOWN_LEVEL``, ``NOT_COVERED``.

    Legal basis: 《全国人民代表大会和地方各级人民代表大会选举法》第十二条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> q = deputy_quota(npc, Level.COUNTY, 1_550_001)
        >>> q.base, q.increment, q.formula_total, q.cap_applies, q.total
        (140, 310, 450, True, 450)
        >>> deputy_quota(npc, Level.COUNTY, 1_600_000).total
        450
        >>> q = deputy_quota(npc, Level.TOWNSHIP, 30_000, minority_uplift=True)
        >>> q.capped_total, q.uplift, q.total
        (65, 3, 68)
    """
    if not isinstance(level, Level):
        raise RuleInputError(f"expected a Level, got {level!r}", code="TYPE", path="level")
    population = check_count(population, "population")
    if not isinstance(minority_uplift, bool):
        raise RuleInputError(
            "minority_uplift is True or False", code="TYPE", path="minority_uplift"
        )
    if proposed is not None:
        proposed = check_count(proposed, "proposed", minimum=1)
    name = f"quotas.deputies_{level.value.lower()}"
    if name not in policy:
        known = [n for n in policy.names() if n.startswith("quotas.deputies_")]
        if not known:
            require_param(policy, "quotas.deputies_county", "deputy quotas")
        raise RuleInputError(
            f"profile {policy.id!r} has deputy quotas for "
            f"{', '.join(n.rsplit('_', 1)[1].upper() for n in known)}, not {level.value}",
            code="UNKNOWN_LEVEL",
            path="level",
        )
    param = policy.param(name)
    table = policy.get_table(name)
    base = _table_int(table, "base", param)
    per = _table_int(table, "per_population", param)
    if per == 0:
        raise ParameterError("per_population must be positive", path=name)
    cap = _table_int(table, "cap", param)
    above = _table_int(table, "cap_above_population", param, optional=True)
    lower_below = _table_int(table, "lower_below_population", param)
    inc_param = require_param(policy, "quotas.deputy_increment_rounding", "deputy quotas")
    inc_mode = policy.get_str(inc_param.name)
    increment = round_fraction(Fraction(population, per), inc_mode, parameter=inc_param.name)
    formula_total = base + increment
    cap_above = None if above < 0 else above
    cap_applies = cap_above is None or population > cap_above
    capped = min(formula_total, cap) if cap_applies else formula_total
    up_param = require_param(policy, "quotas.minority_uplift", "the minority uplift")
    up_round_param = require_param(policy, "quotas.minority_uplift_rounding", "the minority uplift")
    ratio = policy.get_fraction(up_param.name)
    up_mode = policy.get_str(up_round_param.name)
    uplift = (
        round_fraction(ratio * capped, up_mode, parameter=up_round_param.name)
        if minority_uplift
        else 0
    )
    total = capped + uplift
    may_be_lower = population < lower_below
    findings = [
        _finding(
            "DEPUTIES_FORMULA",
            Severity.INFO,
            param,
            observed=formula_total,
            base=base,
            population=population,
            per=per,
            increment=increment,
        )
    ]
    if population % per:
        findings.append(
            _finding(
                "DEPUTIES_INCREMENT_ROUNDED",
                Severity.INFO,
                inc_param,
                observed=increment,
                population=population,
                per=per,
                rounding=inc_mode,
            )
        )
    if cap_applies:
        findings.append(
            _finding(
                "DEPUTIES_CAPPED" if formula_total > cap else "DEPUTIES_CAP",
                Severity.INFO,
                param,
                observed=formula_total,
                limit=cap,
            )
        )
    if may_be_lower:
        findings.append(
            _finding(
                "DEPUTIES_MAY_BE_LOWER",
                Severity.INFO,
                param,
                observed=population,
                limit=lower_below,
                base=base,
            )
        )
    if minority_uplift:
        findings.append(
            _finding(
                "DEPUTIES_UPLIFT",
                Severity.INFO,
                up_param,
                observed=uplift,
                ratio=ratio,
                total=capped,
                rounding=up_mode,
            )
        )
    if proposed is not None:
        if proposed > total:
            findings.append(
                _finding(
                    "DEPUTIES_PROPOSED_OVER",
                    severity_of(param),
                    param,
                    observed=proposed,
                    limit=total,
                )
            )
        elif proposed < capped and may_be_lower:
            findings.append(
                _finding(
                    "DEPUTIES_PROPOSED_LOWER_ALLOWED",
                    Severity.INFO,
                    param,
                    observed=proposed,
                    limit=capped,
                    threshold=lower_below,
                )
            )
        elif proposed < capped:
            findings.append(
                _finding(
                    "DEPUTIES_PROPOSED_UNDER",
                    severity_of(param),
                    param,
                    observed=proposed,
                    limit=capped,
                )
            )
    return DeputyQuota(
        policy_id=policy.id,
        level=level,
        population=population,
        base=base,
        per_population=per,
        increment_rounding=inc_mode,
        increment=increment,
        formula_total=formula_total,
        cap=cap,
        cap_above_population=cap_above,
        cap_applies=cap_applies,
        capped_total=capped,
        uplift_requested=minority_uplift,
        uplift_ratio=ratio,
        uplift_rounding=up_mode,
        uplift=uplift,
        total=total,
        lower_below_population=lower_below,
        may_be_lower=may_be_lower,
        proposed=proposed,
        findings=ordered(findings),
    )
