"""Nomination (候选人的提出): joint nominations, caps, the candidate list and the 预选.

* :func:`check_nominations` checks a set of nominations: ten voters jointly (选举法 第三十条), in
  writing and signed where a profile requires it (浙江细则 第三十四条), no
  voter and no party or organisation nominating more candidates than there are seats (第三十条;
  浙江办法 第十七条: than posts), no nomination by proxy and none of one person for two posts by
  the same voter (浙江办法 第十七条). Each nomination comes out valid, void, or unresolved (it
  takes part in a cap breach and the election committee must say which nominations stand).
* :func:`check_candidate_list` checks that the committee listed every nominee and nobody else
  (1983 若干规定 十: 「不得调换或者增减」).
* :func:`preselection_needed` says whether a 预选 must be held (第三十二条); and
  :func:`check_nomination_turnout` whether a nomination vote or a 预选 had enough voters
  (北京细则 第四十一条: a third of the district; 浙江办法 第十八条: more than half).
* :func:`check_nomination_period` checks the two days a congress gives to nominating deputies to
  the next level (第三十二条).

Only the rules a profile holds are applied; ``checked`` on a report names them.

Example:
    >>> from huanjie_rules.model import NominationRoute, Office
    >>> from huanjie_rules.policy import load_policy
    >>> n = Nomination(key="n1", candidate="王芳", office=Office.NPC_DEPUTY,
    ...                route=NominationRoute.JOINT_VOTERS, sponsors=[f"v{i}" for i in range(9)])
    >>> r = check_nominations([n], load_policy("npc-2020"), seats=2)
    >>> r.codes(), r.void
    (('TOO_FEW_SPONSORS',), ('n1',))

Legal basis: 《选举法》(2020) 第三十条、第三十二条; 《若干规定》 十; 浙江办法 第十七条、第十八条;
浙江细则 第三十四条; 北京细则 第四十一条.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import LabeledEnum, Model, to_tuple
from .errors import Problem, RuleInputError
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .model import ElectionForm, NominationRoute, Office
from .policy import Parameter, Policy
from .quotas import margin_bounds

__all__ = [
    "FINDING_CODES",
    "Nomination",
    "NominationReport",
    "NominationStage",
    "check_candidate_list",
    "check_nomination_period",
    "check_nomination_turnout",
    "check_nominations",
    "preselection_needed",
]

FINDING_CODES = Catalogue("huanjie_rules", "nomination.messages.toml")


class NominationStage(LabeledEnum):
    """Which vote on nominees a turnout rule is about."""

    NOMINATION_VOTE = ("NOMINATION_VOTE", "投票提名", ("提名投票",))
    PRESELECTION = ("PRESELECTION", "预选", ("投票预选",))


_STAGE_EN = {"NOMINATION_VOTE": "nomination vote", "PRESELECTION": "preliminary vote"}
_STAGE_PARAM = {
    "NOMINATION_VOTE": "nomination.nomination_vote_turnout",
    "PRESELECTION": "nomination.preselection_turnout",
}


@attrs.frozen(kw_only=True)
class Nomination(Model):
    """One nomination of one person for one post.

    Attributes:
        key: an identifier of the nomination.
        candidate: the key of the person nominated.
        office: the post.
        route: how (a party or organisation, voters jointly, a villager …).
        sponsors: the keys of the voters who signed (joint nominations) or made it (a villager's
            nomination); a name given twice counts once.
        organisation: for a nomination by parties or people's organisations, who nominated
            (alone or jointly, e.g. ``"中国共产党某县委员会"``).
        by_proxy: the nomination was made on a voter's behalf by someone else.
        written: the nomination was made in writing and signed (书面署名); None when the record
            does not say (a profile that requires it then asks a person to check, WARN).
    """

    key: str
    candidate: str
    office: Office
    route: NominationRoute
    sponsors: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    organisation: str = ""
    by_proxy: bool = False
    written: bool | None = None

    def _checks(self) -> Iterable[Problem]:
        for name in ("key", "candidate"):
            if not getattr(self, name).strip():
                yield Problem("EMPTY", name, "must not be empty")
        for i, s in enumerate(self.sponsors):
            if not s.strip():
                yield Problem("EMPTY", f"sponsors[{i}]", "must not be empty")
        if self.route is NominationRoute.PARTY_OR_ORGANIZATION and not self.organisation.strip():
            yield Problem("MISSING", "organisation", "a party or organisation nomination names it")


@attrs.frozen(kw_only=True)
class NominationReport(Verdict):
    """The nominations checked: findings, and each nomination as valid, void or unresolved.

    ``checked`` names the profile parameters whose rules were applied.
    """

    valid: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    void: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    unresolved: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    checked: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str,
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    pairs: Mapping[str, tuple[str, str]] | None = None,
    **values: object,
) -> Finding:
    return kit.finding(
        FINDING_CODES,
        code,
        param,
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        pairs=pairs,
        extra=values,
    )


def _flag(policy: Policy, name: str) -> Parameter | None:
    if name in policy and policy.get_bool(name):
        return policy.param(name)
    return None


@checked
def check_nominations(
    nominations: Sequence[Nomination], policy: Policy, *, seats: int, subject: str = ""
) -> NominationReport:
    """Check the nominations of one district (人大) or one village election.

    Args:
        nominations: every nomination made.
        policy: the profile; only the ``nomination.*`` rules it holds are applied.
        seats: the seats the cap counts: the district's deputies, or a village's posts (主任,
            副主任 and 委员 together).

    Rules, each when the profile holds it:

    * joint voter nominations need ``nomination.joint_min_sponsors`` distinct sponsors
      (``TOO_FEW_SPONSORS``: void);
    * a nomination not made in writing and signed is void where
      ``nomination.written_signed_required`` (浙江细则 第三十四条; ``NOMINATION_NOT_WRITTEN``); one
      whose record does not say (``Nomination.written`` None) is a WARN for a person to check;
    * a nomination made by proxy is void where ``nomination.proxy_nomination_forbidden``;
    * a voter naming one person for two posts voids those nominations
      (``nomination.same_person_two_posts_void``);
    * a voter sponsoring more nominations than ``seats`` (``nomination.voter_cap_is_seats``), or
      a party or organisation nominating more (``nomination.organisation_cap_is_seats``), is a
      FAIL on that voter or organisation; the nominations it touches are *unresolved* unless a
      joint nomination keeps enough sponsors without the over-cap voters.

    Raises:
        RuleInputError: seats below 1, a non-Nomination item or two nominations with one key.

    Legal basis: 《选举法》(2020) 第三十条; 浙江办法 第十七条; 浙江细则 第三十四条.

    Example:
        >>> from huanjie_rules.model import NominationRoute, Office
        >>> from huanjie_rules.policy import load_policy
        >>> zj = load_policy("zhejiang-village-2020")
        >>> def nom(k, who, post):
        ...     return Nomination(key=k, candidate=who, office=post,
        ...                       route=NominationRoute.VILLAGERS, sponsors=["张三"])
        >>> r = check_nominations([nom("a", "李四", Office.VILLAGE_DIRECTOR),
        ...                        nom("b", "李四", Office.VILLAGE_MEMBER),
        ...                        nom("c", "王五", Office.VILLAGE_MEMBER)], zj, seats=5)
        >>> r.codes(), r.void, r.valid
        (('SAME_PERSON_TWO_POSTS',), ('a', 'b'), ('c',))
    """
    items = tuple(nominations)
    for i, n in enumerate(items):
        kit.need_type(n, Nomination, f"nominations[{i}]")
    kit.unique_keys(items, "nominations")
    kit.need_int(seats, "seats", minimum=1)
    findings: list[Finding] = []
    checked: list[str] = []
    void: set[str] = set()
    unresolved: set[str] = set()

    min_param = (
        policy.param("nomination.joint_min_sponsors")
        if ("nomination.joint_min_sponsors" in policy)
        else None
    )
    minimum = policy.get_int(min_param.name) if min_param is not None else 1
    if min_param is not None:
        checked.append(min_param.name)
        for n in items:
            if n.route is NominationRoute.JOINT_VOTERS and len(set(n.sponsors)) < minimum:
                findings.append(
                    _f(
                        "TOO_FEW_SPONSORS",
                        min_param,
                        min_param.breach_severity,
                        n.key,
                        observed=len(set(n.sponsors)),
                        limit=minimum,
                    )
                )
                void.add(n.key)

    form = _flag(policy, "nomination.written_signed_required")
    if form is not None:
        checked.append(form.name)
        for n in items:
            if n.written is False:
                findings.append(_f("NOMINATION_NOT_WRITTEN", form, form.breach_severity, n.key))
                void.add(n.key)
            elif n.written is None:
                findings.append(_f("NOMINATION_FORM_UNKNOWN", form, Severity.WARN, n.key))

    proxy = _flag(policy, "nomination.proxy_nomination_forbidden")
    if proxy is not None:
        checked.append(proxy.name)
        for n in items:
            if n.by_proxy:
                findings.append(_f("PROXY_NOMINATION", proxy, proxy.breach_severity, n.key))
                void.add(n.key)

    two = _flag(policy, "nomination.same_person_two_posts_void")
    if two is not None:
        checked.append(two.name)
        posts: dict[tuple[str, str], set[Office]] = {}
        for n in items:
            for s in set(n.sponsors):
                posts.setdefault((s, n.candidate), set()).add(n.office)
        for (sponsor, person), offices in sorted(posts.items()):
            if len(offices) > 1:
                findings.append(
                    _f(
                        "SAME_PERSON_TWO_POSTS",
                        two,
                        two.breach_severity,
                        sponsor,
                        observed=person,
                    )
                )
                void.update(n.key for n in items if n.candidate == person and sponsor in n.sponsors)

    over: set[str] = set()
    voter_cap = _flag(policy, "nomination.voter_cap_is_seats")
    if voter_cap is not None:
        checked.append(voter_cap.name)
        counts: dict[str, set[str]] = {}
        for n in items:
            if n.route is NominationRoute.PARTY_OR_ORGANIZATION:
                continue
            for s in set(n.sponsors):
                counts.setdefault(s, set()).add(n.key)
        for voter, keys in sorted(counts.items()):
            if len(keys) > seats:
                over.add(voter)
                findings.append(
                    _f(
                        "VOTER_OVER_CAP",
                        voter_cap,
                        voter_cap.breach_severity,
                        voter,
                        observed=len(keys),
                        limit=seats,
                    )
                )
        for n in items:
            if n.key in void or not over & set(n.sponsors):
                continue
            remaining = set(n.sponsors) - over
            joint = n.route is NominationRoute.JOINT_VOTERS and min_param is not None
            if not joint or len(remaining) < minimum:
                unresolved.add(n.key)

    org_cap = _flag(policy, "nomination.organisation_cap_is_seats")
    if org_cap is not None:
        checked.append(org_cap.name)
        by_org: dict[str, list[str]] = {}
        for n in items:
            if n.route is NominationRoute.PARTY_OR_ORGANIZATION:
                by_org.setdefault(n.organisation.strip(), []).append(n.key)
        for org, org_keys in sorted(by_org.items()):
            if len(org_keys) > seats:
                findings.append(
                    _f(
                        "ORGANISATION_OVER_CAP",
                        org_cap,
                        org_cap.breach_severity,
                        org,
                        observed=len(org_keys),
                        limit=seats,
                    )
                )
                unresolved.update(k for k in org_keys if k not in void)

    unresolved -= void
    v = Verdict._from_findings(subject, policy.id, findings)
    return NominationReport(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        valid=tuple(n.key for n in items if n.key not in void and n.key not in unresolved),
        void=tuple(n.key for n in items if n.key in void),
        unresolved=tuple(n.key for n in items if n.key in unresolved),
        checked=tuple(checked),
    )


@checked
def check_candidate_list(
    nominated: Sequence[str], listed: Sequence[str], policy: Policy, *, subject: str = ""
) -> Verdict:
    """Check that the candidate list holds every lawful nominee and nobody else.

    Args:
        nominated: the keys of the people lawfully nominated (the valid nominations'
            candidates).
        listed: the keys on the list the election committee published.

    Returns ``CANDIDATE_DROPPED`` for each nominee missing and ``CANDIDATE_ADDED`` for each name
    not nominated (a swap is both), FAIL under ``nomination.list_unchanged``.

    Raises:
        ParameterError: the profile has no such rule (village profiles).
        RuleInputError: a blank key.

    Legal basis: 《若干规定》 十; 浙江细则 第三十五条; 北京细则 第三十九条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> check_candidate_list(["甲", "乙", "丙"], ["甲", "乙", "丁"], load_policy("npc-2020")).codes()
        ('CANDIDATE_ADDED', 'CANDIDATE_DROPPED')
    """
    want = [kit.need_str(k, f"nominated[{i}]") for i, k in enumerate(nominated)]
    got = [kit.need_str(k, f"listed[{i}]") for i, k in enumerate(listed)]
    param = policy.param("nomination.list_unchanged")
    findings: list[Finding] = []
    if policy.get_bool(param.name):
        sev = param.breach_severity
        findings += [
            _f("CANDIDATE_DROPPED", param, sev, k) for k in dict.fromkeys(want) if k not in got
        ]
        findings += [
            _f("CANDIDATE_ADDED", param, sev, k) for k in dict.fromkeys(got) if k not in want
        ]
    return Verdict._from_findings(subject, policy.id, findings)


@checked
def preselection_needed(
    nominees: int, seats: int, policy: Policy, *, consensus: bool, subject: str = ""
) -> Finding:
    """Whether the nominees of a direct 人大 election go to a preliminary vote (预选).

    Nominees within the largest margin (选举法 第三十一条, from the profile's
    ``quotas.margin_npc_deputy_direct_voters``) need none (``NO_PRESELECTION_NEEDED``). Above
    it, the voter groups consult: with a consensus the formal list follows most voters' view
    (``FORMAL_LIST_BY_CONSULTATION``); without one a 预选 is required
    (``PRESELECTION_REQUIRED``, INFO: it is what the law prescribes, not a defect).

    Raises:
        RuleInputError: counts below their minimum (nominees 0, seats 1).

    Legal basis: 《选举法》(2020) 第三十一条、第三十二条; 浙江细则 第三十六条; 北京细则 第四十条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> [preselection_needed(n, 2, npc, consensus=False).code for n in (4, 5)]
        ['NO_PRESELECTION_NEEDED', 'PRESELECTION_REQUIRED']
    """
    kit.need_int(nominees, "nominees")
    kit.need_int(seats, "seats", minimum=1)
    kit.need_bool(consensus, "consensus")
    param = policy.param("nomination.preselection_without_consensus")
    bounds = margin_bounds(policy, Office.NPC_DEPUTY, seats, form=ElectionForm.DIRECT_VOTERS)
    most = bounds.max_candidates
    if most is None or nominees <= most:
        return _f(
            "NO_PRESELECTION_NEEDED", param, Severity.INFO, subject, observed=nominees, limit=most
        )
    if consensus or not policy.get_bool(param.name):
        return _f(
            "FORMAL_LIST_BY_CONSULTATION",
            param,
            Severity.INFO,
            subject,
            observed=nominees,
            limit=most,
        )
    return _f("PRESELECTION_REQUIRED", param, Severity.INFO, subject, observed=nominees, limit=most)


@checked
def check_nomination_turnout(
    participants: int,
    electorate: int,
    policy: Policy,
    *,
    stage: NominationStage,
    subject: str = "",
) -> Finding:
    """Whether a nomination vote or a 预选 had enough voters to count.

    ``electorate`` is what the profile's rule counts from: the district's voters (北京细则
    第四十一条) or the village's registered voters (浙江办法 第十八条).

    Raises:
        ParameterError: the profile has no turnout rule for ``stage``.
        RuleInputError: negative counts, or more participants than the electorate.

    Legal basis: 北京细则 第四十一条 (不得少于三分之一); 浙江办法 第十八条 (过半数).

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> bj = load_policy("beijing-npc-2021")
        >>> [check_nomination_turnout(n, 3000, bj, stage=NominationStage.PRESELECTION).code
        ...  for n in (999, 1000)]
        ['TURNOUT_TOO_LOW', 'TURNOUT_MET']
    """
    kit.need_type(stage, NominationStage, "stage")
    kit.need_int(participants, "participants")
    kit.need_int(electorate, "electorate", minimum=1)
    if participants > electorate:
        raise RuleInputError(
            f"{participants} participants exceed the electorate of {electorate}",
            code="RANGE",
            path="participants",
        )
    param, ratio, comparison = kit.ratio_rule(policy, _STAGE_PARAM[stage.value])
    need = kit.bound(electorate, ratio, comparison)
    met = kit.meets(participants, electorate, ratio, comparison)
    return _f(
        "TURNOUT_MET" if met else "TURNOUT_TOO_LOW",
        param,
        Severity.INFO if met else param.breach_severity,
        subject,
        observed=participants,
        limit=need,
        base=electorate,
        ratio=ratio,
        pairs={"stage": (stage.label, _STAGE_EN[stage.value])},
    )


@checked
def check_nomination_period(
    start: _dt.date, end: _dt.date, policy: Policy, *, subject: str = ""
) -> Finding:
    """Whether a congress gave enough days to nominating deputies to the next level.

    Days count from ``start`` to ``end`` inclusive (1 to 2 March is two days).

    Raises:
        RuleInputError: ``end`` before ``start``, or not dates.

    Legal basis: 《选举法》(2020) 第三十二条 (不得少于两天).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> check_nomination_period(dt.date(2021, 3, 1), dt.date(2021, 3, 1),
        ...                         load_policy("npc-2020")).code
        'NOMINATION_PERIOD_TOO_SHORT'
    """
    kit.need_date(start, "start")
    kit.need_date(end, "end")
    if end < start:
        raise RuleInputError("the period ends before it starts", code="DATE_ORDER", path="end")
    param = policy.param("nomination.indirect_min_days")
    minimum = policy.get_int(param.name)
    days = (end - start).days + 1
    ok = days >= minimum
    return _f(
        "NOMINATION_PERIOD_MET" if ok else "NOMINATION_PERIOD_TOO_SHORT",
        param,
        Severity.INFO if ok else param.breach_severity,
        subject,
        observed=days,
        limit=minimum,
    )
