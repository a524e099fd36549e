"""Recall (罢免) and resignation (辞职) of deputies and village committee members.

* :func:`check_recall_petition` — who may ask: 50 voters of the original district for a county
  deputy and 30 for a township deputy, in writing with reasons (选举法 第五十条); a fifth of the
  villagers with the vote or a third of the representatives (村民委员会组织法 第十六条); not again
  on the same facts within a year of a failed recall (浙江办法 第三十六条).
* :func:`decide_recall` — whether the recall passes: a deputy needs more than half of *all*
  the district's voters (选举法 第五十三条); a village member needs more than half of the
  registered villagers to vote and more than half of them to approve (第十六条). Held within
  30 days of the request where a province says so (浙江 第三十五条; 上海 第二十七条).
* :func:`check_resignation` — a county deputy's resignation is accepted by more than half of the
  standing committee's members, a township deputy's by more than half of the congress's deputies
  (选举法 第五十五条); a village member's is decided within 30 days and announced within 5
  (浙江办法 第三十七条).

Every majority is an integer comparison; ``RecallOutcome.thresholds`` records each with its base.

Example:
    >>> from huanjie_rules.policy import load_policy
    >>> vc = load_policy("village-2018")
    >>> r = decide_recall(RecallVote(electorate=1000, voted=501, approve=251), vc)
    >>> r.passed, [t.met for t in r.thresholds]
    (True, [True, True])
    >>> decide_recall(RecallVote(electorate=1000, voted=500, approve=500), vc).passed
    False

Legal basis: 《选举法》(2020) 第五十条、第五十三条、第五十五条; 《村民委员会组织法》 第十六条; 浙江办法
第三十四条至第三十七条; 上海办法 第二十七条; 浙江细则 第五十五条至第五十七条.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import Model, to_tuple
from .age import _anniversary
from .errors import ParameterError, Problem, RuleInputError
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .model import Level
from .policy import Parameter, ParamTable, Policy

__all__ = [
    "FINDING_CODES",
    "RecallOutcome",
    "RecallPetition",
    "RecallThreshold",
    "RecallVote",
    "Resignation",
    "check_recall_petition",
    "check_resignation",
    "decide_recall",
]

FINDING_CODES = Catalogue("huanjie_rules", "recall.messages.toml")


@attrs.frozen(kw_only=True)
class RecallPetition(Model):
    """A request to recall a deputy or a village committee member.

    Attributes:
        level: the deputy's congress (``COUNTY`` or ``TOWNSHIP``); None for a village member.
        signatories: the voters (villagers with the vote) who signed.
        electorate: the voters of the original district (with the vote, in a village).
        representative_signatories: the villagers' representatives who signed.
        representatives: all the village's representatives.
        written: made in writing.
        reasons_stated: the reasons are written down.
        submitted_on: when it was made.
        previous_failed_on: when an earlier recall of the same member on the same facts and
            reasons failed, if one did.
    """

    level: Level | None = None
    signatories: int = 0
    electorate: int | None = None
    representative_signatories: int = 0
    representatives: int | None = None
    written: bool = True
    reasons_stated: bool = True
    submitted_on: _dt.date | None = None
    previous_failed_on: _dt.date | None = None

    def _checks(self) -> Iterable[Problem]:
        for name in ("signatories", "representative_signatories"):
            if getattr(self, name) < 0:
                yield Problem("RANGE", name, "must not be negative")
        if self.electorate is not None and self.signatories > self.electorate:
            yield Problem("RANGE", "signatories", "more signatories than voters")
        if (
            self.representatives is not None
            and self.representative_signatories > self.representatives
        ):
            yield Problem("RANGE", "representative_signatories", "more than the representatives")
        if (
            self.previous_failed_on is not None
            and self.submitted_on is not None
            and self.previous_failed_on > self.submitted_on
        ):
            yield Problem("DATE_ORDER", "previous_failed_on", "is after submitted_on")


@attrs.frozen(kw_only=True)
class RecallVote(Model):
    """The vote on a recall.

    Attributes:
        electorate: the voters of the original district (人大), or the registered villagers.
        voted: those who voted.
        approve: those who voted for the recall.
        requested_on: when the request was received (for the deadline of the vote).
        held_on: when the vote was held.
    """

    electorate: int
    voted: int
    approve: int
    requested_on: _dt.date | None = None
    held_on: _dt.date | None = None

    def _checks(self) -> Iterable[Problem]:
        for name in ("electorate", "voted", "approve"):
            if getattr(self, name) < 0:
                yield Problem("RANGE", name, "must not be negative")
        if self.voted > self.electorate:
            yield Problem("RANGE", "voted", "more voted than the electorate")
        if self.approve > self.voted:
            yield Problem("RANGE", "approve", "more approvals than votes")
        if self.requested_on and self.held_on and self.held_on < self.requested_on:
            yield Problem("DATE_ORDER", "held_on", "is before requested_on")


@attrs.frozen(kw_only=True)
class RecallThreshold(Model):
    """One majority a recall needed: ``observed`` against ``ratio`` of ``base``, exactly."""

    kind: str
    base_kind: str
    base: int
    ratio: Fraction
    comparison: str
    bound: int
    observed: int
    met: bool
    parameter: str


@attrs.frozen(kw_only=True)
class RecallOutcome(Verdict):
    """Whether a recall passed, with every majority it needed."""

    passed: bool = False
    thresholds: tuple[RecallThreshold, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class Resignation(Model):
    """A resignation and what was done with it.

    Attributes:
        level: the deputy's congress (``COUNTY`` or ``TOWNSHIP``); None for a village member.
        body_members: (人大) the standing committee's members (county) or the congress's deputies
            (township): the base of the majority.
        approve: (人大) those who voted to accept.
        received_on: (village) when the written report was received.
        decided_on: (village) when the assembly decided.
        announced_on: (village) when the decision was announced.
    """

    level: Level | None = None
    body_members: int | None = None
    approve: int | None = None
    received_on: _dt.date | None = None
    decided_on: _dt.date | None = None
    announced_on: _dt.date | None = None

    def _checks(self) -> Iterable[Problem]:
        if self.body_members is not None and self.body_members < 1:
            yield Problem("RANGE", "body_members", "must be at least 1")
        if self.approve is not None:
            if self.approve < 0:
                yield Problem("RANGE", "approve", "must not be negative")
            elif self.body_members is not None and self.approve > self.body_members:
                yield Problem("RANGE", "approve", "more than the body's members")
        if self.received_on and self.decided_on and self.decided_on < self.received_on:
            yield Problem("DATE_ORDER", "decided_on", "is before received_on")
        if self.decided_on and self.announced_on and self.announced_on < self.decided_on:
            yield Problem("DATE_ORDER", "announced_on", "is before decided_on")


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str = "",
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    extra: Mapping[str, object] | None = None,
    pairs: Mapping[str, tuple[str, str]] | None = None,
) -> Finding:
    return kit.finding(
        FINDING_CODES,
        code,
        param,
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=extra,
        pairs=pairs,
    )


def _row_for_level(param: Parameter, rows: tuple[ParamTable, ...], level: Level) -> ParamTable:
    for row in rows:
        if level.value in kit.row_strs(row, "levels"):
            return row
    raise RuleInputError(
        f"{param.name} has no rule for a {level.value} deputy", code="UNKNOWN_LEVEL", path="level"
    )


def _within(start: _dt.date, days: int, policy: Policy) -> _dt.date:
    convention = (
        policy.get_str("procedure.deadline_first_day")
        if "procedure.deadline_first_day" in policy
        else "EXCLUDED"
    )
    return start + _dt.timedelta(days=days if convention == "EXCLUDED" else days - 1)


def _bools(policy: Policy, p: RecallPetition, subject: str) -> list[Finding]:
    found: list[Finding] = []
    for name, ok, code in (
        ("recall.petition_written", p.written, "RECALL_NOT_WRITTEN"),
        ("recall.petition_reasons", p.reasons_stated, "RECALL_NO_REASONS"),
    ):
        if name in policy and policy.get_bool(name) and not ok:
            param = policy.param(name)
            found.append(_f(code, param, param.breach_severity, subject))
    return found


@checked
def check_recall_petition(
    petition: RecallPetition, policy: Policy, *, subject: str = ""
) -> Verdict:
    """Check a recall request: enough signatures, in writing, with reasons, not a repeat.

    人大 profiles (``recall.petition_min_voters``) need ``level``; village profiles count shares
    (``recall.petition_voter_share`` or ``recall.petition_representative_share``: either is
    enough) and need ``electorate`` or ``representatives`` for them. ``recall.repeat_bar_years``
    bars a request within that many years of a failed recall on the same facts
    (``RECALL_REPEAT_BARRED``).

    Raises:
        RuleInputError: a missing ``level`` (人大, or a level without a rule) or base count.
        ParameterError: the profile has no recall rules.

    Legal basis: 《选举法》(2020) 第五十条; 《村民委员会组织法》 第十六条; 浙江办法 第三十四条、第三十六条.

    Example:
        >>> from huanjie_rules.model import Level
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> [check_recall_petition(RecallPetition(level=Level.TOWNSHIP, signatories=n), npc).codes()
        ...  for n in (29, 30)]
        [('RECALL_TOO_FEW_SIGNATURES',), ()]
    """
    p = kit.need_type(petition, RecallPetition, "petition")
    findings = _bools(policy, p, subject)
    if "recall.petition_min_voters" in policy:
        param = policy.param("recall.petition_min_voters")
        if p.level is None:
            raise RuleInputError("a deputy's recall needs the level", code="MISSING", path="level")
        row = _row_for_level(param, policy.get_tables(param.name), p.level)
        need = row.get("min_voters")
        if not isinstance(need, int):
            raise ParameterError(f"{param.name} rows need min_voters", path=param.name)
        if p.signatories < need:
            findings.append(
                _f(
                    "RECALL_TOO_FEW_SIGNATURES",
                    param,
                    param.breach_severity,
                    subject,
                    observed=p.signatories,
                    limit=need,
                )
            )
    elif "recall.petition_voter_share" in policy:
        voter_param, v_ratio, v_cmp = kit.ratio_rule(policy, "recall.petition_voter_share")
        _, r_ratio, r_cmp = kit.ratio_rule(policy, "recall.petition_representative_share")
        if p.electorate is None and p.representatives is None:
            raise RuleInputError(
                "a village recall needs the electorate or the number of representatives",
                code="MISSING",
                path="electorate",
            )
        by_voters = (
            p.electorate is not None
            and p.electorate > 0
            and kit.meets(p.signatories, p.electorate, v_ratio, v_cmp)
        )
        by_reps = (
            p.representatives is not None
            and p.representatives > 0
            and kit.meets(p.representative_signatories, p.representatives, r_ratio, r_cmp)
        )
        if not (by_voters or by_reps):
            need_v = kit.bound(p.electorate, v_ratio, v_cmp) if p.electorate is not None else None
            need_r = (
                kit.bound(p.representatives, r_ratio, r_cmp)
                if p.representatives is not None
                else None
            )
            findings.append(
                _f(
                    "RECALL_TOO_FEW_SIGNATURES_VILLAGE",
                    voter_param,
                    voter_param.breach_severity,
                    subject,
                    observed=p.signatories,
                    limit=need_v,
                    extra={
                        "reps": p.representative_signatories,
                        "reps_needed": "-" if need_r is None else need_r,
                    },
                )
            )
    else:
        raise ParameterError(
            f"profile {policy.id!r} has no recall rules", path="recall.petition_min_voters"
        )
    if "recall.repeat_bar_years" in policy and p.previous_failed_on is not None:
        param = policy.param("recall.repeat_bar_years")
        if p.submitted_on is None:
            raise RuleInputError(
                "a repeated request needs its date", code="MISSING", path="submitted_on"
            )
        until = _anniversary(p.previous_failed_on, policy.get_int(param.name))
        if p.submitted_on <= until:
            findings.append(
                _f(
                    "RECALL_REPEAT_BARRED",
                    param,
                    param.breach_severity,
                    subject,
                    observed=p.submitted_on,
                    limit=until,
                )
            )
    return Verdict._from_findings(subject, policy.id, findings)


def _threshold(
    kind: str,
    param: Parameter,
    ratio: Fraction,
    comparison: str,
    base_kind: str,
    base: int,
    observed: int,
) -> RecallThreshold:
    return RecallThreshold(
        kind=kind,
        base_kind=base_kind,
        base=base,
        ratio=ratio,
        comparison=comparison,
        bound=kit.bound(base, ratio, comparison),
        observed=observed,
        met=kit.meets(observed, base, ratio, comparison),
        parameter=param.name,
    )


@checked
def decide_recall(vote: RecallVote, policy: Policy, *, subject: str = "") -> RecallOutcome:
    """Whether a recall passes.

    ``recall.vote_turnout`` (villages: more than half of the registered villagers vote) and
    ``recall.vote_approval`` (more than half of its base: all the district's voters for a
    deputy, those who voted for a village member) must both hold; each is recorded as a
    :class:`RecallThreshold`. ``recall.vote_within_days`` (浙江, 上海) checks the date of the vote
    against the request (``RECALL_VOTE_LATE``; it does not undo the result).

    Raises:
        ParameterError: the profile has no recall-vote rule.

    Legal basis: 《选举法》(2020) 第五十三条; 《村民委员会组织法》 第十六条; 浙江办法 第三十五条、第三十六条;
    上海办法 第二十七条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> [decide_recall(RecallVote(electorate=1000, voted=900, approve=n), npc).passed
        ...  for n in (500, 501)]
        [False, True]
    """
    v = kit.need_type(vote, RecallVote, "vote")
    thresholds: list[RecallThreshold] = []
    findings: list[Finding] = []
    bases = {"ELECTORATE": v.electorate, "REGISTERED": v.electorate, "VOTED": v.voted}
    for kind, name, observed in (
        ("TURNOUT", "recall.vote_turnout", v.voted),
        ("APPROVAL", "recall.vote_approval", v.approve),
    ):
        if name not in policy:
            if kind == "APPROVAL":
                raise ParameterError(f"profile {policy.id!r} has no recall-vote rule", path=name)
            continue
        param, ratio, comparison = kit.ratio_rule(policy, name)
        base_kind = str(policy.get_table(name).get("base", "ELECTORATE"))
        if base_kind not in bases:
            raise ParameterError(f"{name} has an unknown base {base_kind!r}", path=name)
        t = _threshold(kind, param, ratio, comparison, base_kind, bases[base_kind], observed)
        thresholds.append(t)
        findings.append(
            _f(
                f"RECALL_{kind}_{'MET' if t.met else 'NOT_MET'}",
                param,
                Severity.INFO,
                subject,
                observed=observed,
                limit=t.bound,
                extra={"base": t.base, "ratio": ratio},
            )
        )
    if "recall.vote_within_days" in policy and v.requested_on and v.held_on:
        param = policy.param("recall.vote_within_days")
        latest = _within(v.requested_on, policy.get_int(param.name), policy)
        if v.held_on > latest:
            findings.append(
                _f(
                    "RECALL_VOTE_LATE",
                    param,
                    param.breach_severity,
                    subject,
                    observed=v.held_on,
                    limit=latest,
                )
            )
    passed = all(t.met for t in thresholds)
    verdict = Verdict._from_findings(subject, policy.id, findings)
    return RecallOutcome(
        subject=verdict.subject,
        policy_id=verdict.policy_id,
        status=verdict.status,
        findings=verdict.findings,
        passed=passed,
        thresholds=tuple(thresholds),
    )


@checked
def check_resignation(resignation: Resignation, policy: Policy, *, subject: str = "") -> Verdict:
    """Check how a resignation was handled.

    人大 (``recall.resignation_approval``): accepted when ``approve`` is more than half of
    ``body_members`` (``RESIGNATION_ACCEPTED`` / ``RESIGNATION_NOT_ACCEPTED``, INFO).
    Villages (``recall.resignation_decision_days``, ``recall.resignation_notice_days``): the
    decision within 30 days of the report and its notice within 5 days
    (``RESIGNATION_DECISION_LATE``, ``RESIGNATION_NOTICE_LATE``).

    Raises:
        RuleInputError: a missing level, count or date the rule needs.
        ParameterError: the profile has no resignation rule.

    Legal basis: 《选举法》(2020) 第五十五条; 浙江细则 第五十七条; 浙江办法 第三十七条.

    Example:
        >>> from huanjie_rules.model import Level
        >>> from huanjie_rules.policy import load_policy
        >>> npc = load_policy("npc-2020")
        >>> check_resignation(Resignation(level=Level.TOWNSHIP, body_members=60, approve=30),
        ...                   npc).codes()
        ('RESIGNATION_NOT_ACCEPTED',)
    """
    r = kit.need_type(resignation, Resignation, "resignation")
    findings: list[Finding] = []
    checked = False
    if "recall.resignation_approval" in policy:
        checked = True
        param = policy.param("recall.resignation_approval")
        if r.level is None or r.body_members is None or r.approve is None:
            raise RuleInputError(
                "a deputy's resignation needs level, body_members and approve",
                code="MISSING",
                path="level" if r.level is None else "body_members",
            )
        row = _row_for_level(param, policy.get_tables(param.name), r.level)
        try:
            ratio = Fraction(kit.row_str(row, "ratio", param))
        except (ValueError, ZeroDivisionError):
            raise ParameterError(f"{param.name} has a bad ratio", path=param.name) from None
        comparison = kit.row_str(row, "comparison", param)
        body = kit.row_str(row, "body", param)
        met = kit.meets(r.approve, r.body_members, ratio, comparison)
        findings.append(
            _f(
                "RESIGNATION_ACCEPTED" if met else "RESIGNATION_NOT_ACCEPTED",
                param,
                Severity.INFO,
                subject,
                observed=r.approve,
                limit=kit.bound(r.body_members, ratio, comparison),
                extra={"base": r.body_members},
                pairs={
                    "body": ("常务委员会组成人员", "standing committee members")
                    if body == "STANDING_COMMITTEE"
                    else ("人民代表大会代表", "deputies of the congress")
                },
            )
        )
    for name, start, end, code in (
        (
            "recall.resignation_decision_days",
            r.received_on,
            r.decided_on,
            "RESIGNATION_DECISION_LATE",
        ),
        ("recall.resignation_notice_days", r.decided_on, r.announced_on, "RESIGNATION_NOTICE_LATE"),
    ):
        if name not in policy:
            continue
        checked = True
        param = policy.param(name)
        if start is None or end is None:
            continue
        latest = _within(start, policy.get_int(param.name), policy)
        if end > latest:
            findings.append(
                _f(code, param, param.breach_severity, subject, observed=end, limit=latest)
            )
    if not checked:
        raise ParameterError(
            f"profile {policy.id!r} has no resignation rule", path="recall.resignation_approval"
        )
    return Verdict._from_findings(subject, policy.id, findings)
