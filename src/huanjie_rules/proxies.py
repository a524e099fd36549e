"""Voting by proxy (委托投票): who may give one, to whom, how many a holder takes, and when.

:func:`check_proxies` checks every proxy of one election against the profile: the reason
(away; ill; in custody), the committee's consent, the form (in writing; 浙江细则 also by letter,
fax or another verifiable means), the holder (another voter; in villages a close relative;
in Beijing a voter of the same district; in Zhejiang villages not a candidate) — consent and
form by ground where a profile says so (浙江细则: an ill voter needs neither) —, no passing a
proxy on, no proxies made at the polls (上海), the request deadline (浙江 3 days, 上海 5 days
before), the published list (村委会组织法 第十五条; 浙江: void unless announced before election
day; 上海: published 2 days before), and the cap of three proxies per holder (选举法 第四十二条;
浙江 第二十五条; 上海 第十六条).

Every request comes out **accepted**, **void**, or **held** (it ties with others at a holder's
cap, and the committee must say which stand). A holder never has more accepted proxies than the
cap: over the cap the later requests are void, and those of the same day at the cut are held.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import Relation
    >>> from huanjie_rules.policy import load_policy
    >>> zj = load_policy("zhejiang-village-2020")
    >>> day = dt.date(2021, 3, 1)
    >>> reqs = [ProxyRequest(voter=f"v{i}", holder="张三", relation=Relation.SIBLING,
    ...                      requested_on=dt.date(2021, 2, 20 + i), approved=True)
    ...         for i in range(4)]
    >>> r = check_proxies(reqs, zj, election_day=day, published_on=dt.date(2021, 2, 27))
    >>> r.accepted, r.void, r.codes()
    (('v0', 'v1', 'v2'), ('v3',), ('PROXY_HOLDER_OVER_CAP',))

Legal basis: 《选举法》(2020) 第四十二条; 《若干规定》 五、九; 《村民委员会组织法》 第十五条; 浙江办法
第二十五条; 上海办法 第十六条; 浙江细则 第四十三条; 北京细则 第五十一条.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import LabeledEnum, Model, to_tuple
from .errors import Problem, RuleInputError
from .findings import Citation, Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .model import Relation
from .policy import Parameter, ParamTable, Policy
from .procedure import latest_date_before

__all__ = [
    "FINDING_CODES",
    "HolderLoad",
    "ProxyForm",
    "ProxyReason",
    "ProxyReport",
    "ProxyRequest",
    "check_proxies",
]

FINDING_CODES = Catalogue("huanjie_rules", "proxies.messages.toml")


class ProxyReason(LabeledEnum):
    """Why a voter cannot vote in person."""

    AWAY = ("AWAY", "外出", ("选举期间外出", "在外地"))
    ILLNESS_DISABILITY = ("ILLNESS_DISABILITY", "病残", ("因病残", "患病", "残疾"))
    CUSTODY = ("CUSTODY", "羁押、服刑或者受拘留", ("羁押", "服刑", "拘留"))
    OTHER_SPECIAL = ("OTHER_SPECIAL", "其他特殊原因", ("特殊原因",))


class ProxyForm(LabeledEnum):
    """How a proxy was given."""

    WRITTEN = ("WRITTEN", "书面", ("委托书", "书面委托", "信函", "传真"))
    VERIFIABLE_OTHER = ("VERIFIABLE_OTHER", "其他可查核的方式", ("可查核的方式", "电子"))
    ORAL = ("ORAL", "口头", ("口头委托", "电话"))


_FORM_EN = {
    "WRITTEN": "in writing",
    "VERIFIABLE_OTHER": "by another verifiable means",
    "ORAL": "orally",
}


@attrs.frozen(kw_only=True)
class ProxyRequest(Model):
    """One proxy: a voter asks another to vote for them.

    Attributes:
        voter: the key of the voter giving the proxy (委托人).
        holder: the key of the person asked to vote (受委托人).
        reason: why the voter cannot vote in person.
        form: how the proxy was given.
        relation: what the holder is to the voter (配偶, 父母子女 …; NONE for another voter).
        requested_on: when the proxy was asked for (for request deadlines).
        approved: the election committee consented to (reviewed) it.
        holder_is_voter: the holder has the vote in this village or district.
        holder_same_district: the holder is a voter of the voter's own district.
        holder_is_candidate: the holder is a candidate or self-nominee.
        subdelegated: the holder passed this proxy on to someone else.
        on_site: the proxy was made at the polling place on the day.
    """

    voter: str
    holder: str
    reason: ProxyReason = ProxyReason.AWAY
    form: ProxyForm = ProxyForm.WRITTEN
    relation: Relation = Relation.NONE
    requested_on: _dt.date | None = None
    approved: bool = False
    holder_is_voter: bool = True
    holder_same_district: bool = True
    holder_is_candidate: bool = False
    subdelegated: bool = False
    on_site: bool = False

    def _checks(self) -> Iterable[Problem]:
        for name in ("voter", "holder"):
            if not getattr(self, name).strip():
                yield Problem("EMPTY", name, "must not be empty")
        if self.voter == self.holder:
            yield Problem("SELF_PROXY", "holder", "a voter cannot hold their own proxy")


@attrs.frozen(kw_only=True)
class HolderLoad(Model):
    """How many proxies a holder was asked for and how many stand."""

    holder: str
    requested: int
    accepted: int


@attrs.frozen(kw_only=True)
class ProxyReport(Verdict):
    """Every proxy of an election: findings, and each voter's proxy accepted, void or held."""

    accepted: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    void: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    held: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    holders: tuple[HolderLoad, ...] = attrs.field(default=(), converter=to_tuple)
    checked: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str,
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    citation: Citation | None = None,
    **values: object,
) -> Finding:
    if citation is not None:
        return param.finding(
            code,
            FINDING_CODES[code],
            severity,
            observed=observed,
            limit=limit,
            subject=subject,
            citation=citation,
            extra=values,
        )
    return kit.finding(
        FINDING_CODES,
        code,
        param,
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=values,
    )


def _on(policy: Policy, name: str) -> Parameter | None:
    if name in policy and policy.get_bool(name):
        return policy.param(name)
    return None


def _ground_row(policy: Policy, reason: ProxyReason) -> tuple[Parameter, ParamTable] | None:
    """The row of ``proxies.ground_rules`` for ``reason``, if the profile has one."""
    if "proxies.ground_rules" not in policy:
        return None
    p = policy.param("proxies.ground_rules")
    for row in policy.get_tables(p.name):
        if row.get("ground") == reason.value:
            return p, row
    return None


def _request_checks(
    r: ProxyRequest,
    policy: Policy,
    delegators: set[str],
    deadline: tuple[Parameter, int, _dt.date] | None,
) -> list[Finding]:
    found: list[Finding] = []
    ground = _ground_row(policy, r.reason)
    if "proxies.grounds" in policy:
        p = policy.param("proxies.grounds")
        if r.reason.value not in policy.get_strings(p.name):
            found.append(
                _f(
                    "PROXY_REASON_NOT_ALLOWED",
                    p,
                    p.breach_severity,
                    r.voter,
                    observed=r.reason.label,
                )
            )
    form_rule: tuple[Parameter, tuple[str, ...], Citation | None] | None = None
    if ground is not None and ground[1].get("forms") is not None:
        gp, row = ground
        form_rule = (gp, kit.row_strs(row, "forms"), kit.row_citation(policy, gp, row))
    elif "proxies.forms" in policy:
        p = policy.param("proxies.forms")
        form_rule = (p, policy.get_strings(p.name), None)
    if form_rule is not None:
        p, forms, cite = form_rule
        if r.form.value not in forms:
            found.append(
                _f(
                    "PROXY_FORM_NOT_ALLOWED",
                    p,
                    p.breach_severity,
                    r.voter,
                    observed=_FORM_EN[r.form.value],
                    limit="、".join(kit.member(ProxyForm, f, p).label for f in forms),
                    citation=cite,
                )
            )
    if ground is not None and isinstance(ground[1].get("consent"), bool):
        gp, row = ground
        if row.get("consent") is True and not r.approved:
            cite = kit.row_citation(policy, gp, row)
            found.append(_f("PROXY_NOT_APPROVED", gp, gp.breach_severity, r.voter, citation=cite))
    else:
        consent = _on(policy, "proxies.consent_required")
        if consent is not None and not r.approved:
            found.append(_f("PROXY_NOT_APPROVED", consent, consent.breach_severity, r.voter))
    if "proxies.holder_relations" in policy:
        p = policy.param("proxies.holder_relations")
        allowed = policy.get_strings(p.name)
        if r.relation.value not in allowed:
            found.append(
                _f(
                    "PROXY_RELATION_NOT_ALLOWED",
                    p,
                    p.breach_severity,
                    r.voter,
                    observed=r.relation.label,
                    limit="、".join(kit.member(Relation, a, p).label for a in allowed),
                    holder=r.holder,
                )
            )
    voter_rule = _on(policy, "proxies.holder_must_be_voter")
    if voter_rule is not None and not r.holder_is_voter:
        found.append(
            _f(
                "PROXY_HOLDER_NOT_VOTER",
                voter_rule,
                voter_rule.breach_severity,
                r.voter,
                holder=r.holder,
            )
        )
    district = _on(policy, "proxies.same_district_required")
    if district is not None and not r.holder_same_district:
        found.append(
            _f(
                "PROXY_HOLDER_OTHER_DISTRICT",
                district,
                district.breach_severity,
                r.voter,
                holder=r.holder,
            )
        )
    candidate = _on(policy, "proxies.holder_not_candidate")
    if candidate is not None and r.holder_is_candidate:
        found.append(
            _f(
                "PROXY_HOLDER_IS_CANDIDATE",
                candidate,
                candidate.breach_severity,
                r.voter,
                holder=r.holder,
            )
        )
    sub = _on(policy, "proxies.subdelegation_forbidden")
    if sub is not None and (r.subdelegated or r.holder in delegators):
        found.append(_f("PROXY_SUBDELEGATED", sub, sub.breach_severity, r.voter, holder=r.holder))
    on_site = _on(policy, "proxies.on_site_forbidden")
    if on_site is not None and r.on_site:
        found.append(_f("PROXY_ON_SITE", on_site, on_site.breach_severity, r.voter))
    if deadline is not None:
        p, days, latest = deadline
        if r.requested_on is None:
            found.append(_f("PROXY_REQUEST_UNDATED", p, Severity.WARN, r.voter, limit=latest))
        elif r.requested_on > latest:
            found.append(
                _f(
                    "PROXY_REQUEST_LATE",
                    p,
                    p.breach_severity,
                    r.voter,
                    observed=r.requested_on,
                    limit=latest,
                    days=days,
                )
            )
    return found


def _publication(
    policy: Policy, election_day: _dt.date, published_on: _dt.date | None
) -> tuple[list[Finding], bool]:
    """Findings on the published list, and whether every proxy is void for want of it."""
    if "proxies.publication" not in policy:
        return [], False
    p = policy.param("proxies.publication")
    mode = policy.get_str(p.name)
    if mode == "NONE":
        return [], False
    latest: _dt.date | None = None
    if "procedure.proxy_list_days_before" in policy:
        days_p = policy.param("procedure.proxy_list_days_before")
        latest = latest_date_before(election_day, policy.get_int(days_p.name), policy)
    else:
        days_p = p
    late = published_on is not None and latest is not None and published_on > latest
    if mode == "VOID_UNLESS_PUBLISHED":
        if published_on is None or late:
            return [_f("PROXY_NOT_PUBLISHED", p, p.breach_severity, "", limit=latest)], True
        return [], False
    if published_on is None:
        return [_f("PROXY_LIST_NOT_PUBLISHED", p, p.breach_severity, "", limit=latest)], False
    if late:
        return [
            _f(
                "PROXY_LIST_LATE",
                days_p,
                days_p.breach_severity,
                "",
                observed=published_on,
                limit=latest,
            )
        ], False
    return [], False


@checked
def check_proxies(
    requests: Sequence[ProxyRequest],
    policy: Policy,
    *,
    election_day: _dt.date,
    published_on: _dt.date | None = None,
    subject: str = "",
) -> ProxyReport:
    """Check every proxy of one election; each comes out accepted, void or held.

    Args:
        requests: the proxies asked for, one per voter.
        policy: the profile (``proxies.*``; ``procedure.proxy_request_days_before`` and
            ``procedure.proxy_list_days_before`` where it sets them).
        election_day: 选举日, for the request and publication deadlines.
        published_on: when the committee published (announced) the list of proxies, if it did.

    Consent and form may depend on the ground: a row of ``proxies.ground_rules`` for the
    request's reason (``consent``, ``forms``) replaces ``proxies.consent_required`` and
    ``proxies.forms`` for it (浙江细则 第四十三条: only a voter away needs the committee's consent
    and one of the listed forms; one kept away by illness needs neither).

    A request breaking any rule is void. Of the rest, a holder keeps at most
    ``proxies.max_per_holder``: requests are taken by date; those after the cut are void
    (``PROXY_HOLDER_OVER_CAP``), and when requests of one day (or undated ones) straddle the cut
    they are held for the committee (``PROXY_HOLDER_TIE_AT_CAP``, WARN).

    Raises:
        RuleInputError: a non-ProxyRequest item, one voter giving two proxies
            (``DUPLICATE_VOTER``), a request or publication after election day.

    Legal basis: 《选举法》(2020) 第四十二条; 《村民委员会组织法》 第十五条; 浙江办法 第二十五条;
    上海办法 第十六条; 浙江细则 第四十三条; 北京细则 第五十一条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> bj = load_policy("beijing-npc-2021")
        >>> r = check_proxies([ProxyRequest(voter="甲", holder="乙", approved=True,
        ...                                 holder_same_district=False)],
        ...                   bj, election_day=dt.date(2021, 11, 20))
        >>> r.void, r.codes()
        (('甲',), ('PROXY_HOLDER_OTHER_DISTRICT',))
    """
    items = tuple(requests)
    for i, r in enumerate(items):
        kit.need_type(r, ProxyRequest, f"requests[{i}]")
    kit.need_date(election_day, "election_day")
    if published_on is not None:
        kit.need_date(published_on, "published_on")
        if published_on > election_day:
            raise RuleInputError(
                "the list cannot be published after election day",
                code="DATE_ORDER",
                path="published_on",
            )
    seen: set[str] = set()
    for i, r in enumerate(items):
        if r.voter in seen:
            raise RuleInputError(
                f"{r.voter!r} gives more than one proxy; a voter has one vote",
                code="DUPLICATE_VOTER",
                path=f"requests[{i}].voter",
            )
        seen.add(r.voter)
        if r.requested_on is not None and r.requested_on > election_day:
            raise RuleInputError(
                "a request is dated after election day",
                code="DATE_ORDER",
                path=f"requests[{i}].requested_on",
            )
    checked = [
        n
        for n in (
            "proxies.grounds",
            "proxies.ground_rules",
            "proxies.forms",
            "proxies.consent_required",
            "proxies.holder_relations",
            "proxies.holder_must_be_voter",
            "proxies.same_district_required",
            "proxies.holder_not_candidate",
            "proxies.subdelegation_forbidden",
            "proxies.on_site_forbidden",
            "procedure.proxy_request_days_before",
            "proxies.publication",
            "proxies.max_per_holder",
        )
        if n in policy
    ]
    deadline: tuple[Parameter, int, _dt.date] | None = None
    if "procedure.proxy_request_days_before" in policy:
        dp = policy.param("procedure.proxy_request_days_before")
        days = policy.get_int(dp.name)
        deadline = (dp, days, latest_date_before(election_day, days, policy))
    delegators = {r.voter for r in items}
    findings: list[Finding] = []
    void: set[str] = set()
    for r in items:
        found = _request_checks(r, policy, delegators, deadline)
        findings.extend(found)
        if any(f.severity is Severity.FAIL for f in found):
            void.add(r.voter)
    pub_findings, all_void = _publication(policy, election_day, published_on)
    findings.extend(pub_findings)
    if all_void:
        void.update(r.voter for r in items)

    held: set[str] = set()
    loads: list[HolderLoad] = []
    by_holder: dict[str, list[ProxyRequest]] = {}
    for r in items:
        by_holder.setdefault(r.holder, []).append(r)
    cap_param = (
        policy.param("proxies.max_per_holder") if "proxies.max_per_holder" in policy else None
    )
    for holder in sorted(by_holder):
        standing = [r for r in by_holder[holder] if r.voter not in void]
        cap = policy.get_int(cap_param.name) if cap_param is not None else len(standing)
        if cap_param is not None and len(standing) > cap:
            findings.append(
                _f(
                    "PROXY_HOLDER_OVER_CAP",
                    cap_param,
                    cap_param.breach_severity,
                    holder,
                    observed=len(standing),
                    limit=cap,
                )
            )
            late, tied = _over_cap(standing, cap)
            void.update(late)
            held.update(tied)
            if tied:
                findings.append(
                    _f(
                        "PROXY_HOLDER_TIE_AT_CAP",
                        cap_param,
                        Severity.WARN,
                        holder,
                        observed=len(tied),
                        limit=cap,
                    )
                )
        accepted_here = sum(1 for r in standing if r.voter not in void and r.voter not in held)
        loads.append(
            HolderLoad(holder=holder, requested=len(by_holder[holder]), accepted=accepted_here)
        )
    v = Verdict._from_findings(subject, policy.id, findings)
    return ProxyReport(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        accepted=tuple(r.voter for r in items if r.voter not in void and r.voter not in held),
        void=tuple(r.voter for r in items if r.voter in void),
        held=tuple(r.voter for r in items if r.voter in held),
        holders=tuple(loads),
        checked=tuple(checked),
    )


def _over_cap(standing: list[ProxyRequest], cap: int) -> tuple[set[str], set[str]]:
    """The voters whose proxies fall after a holder's cap (void) and those tied at it (held).

    Requests are ordered by date, undated ones last and all equal to each other. The first
    ``cap`` stand; a date group that straddles the cut is held whole; the groups after it are void.
    """
    groups: dict[_dt.date | None, list[str]] = {}
    for r in standing:
        groups.setdefault(r.requested_on, []).append(r.voter)
    order = sorted(groups, key=lambda d: (d is None, d or _dt.date.min))
    taken = 0
    late: set[str] = set()
    tied: set[str] = set()
    for day in order:
        voters = groups[day]
        if taken >= cap:
            late.update(voters)
        elif taken + len(voters) <= cap:
            taken += len(voters)
        else:
            tied.update(voters)
            taken = cap
    return late, tied
