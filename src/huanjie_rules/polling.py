"""Ballot boxes, their scrutineers, and the village election committee.

* :func:`check_ballot_boxes` checks every box of an election: who may vote at a mobile box
  (选举法 第三十八条: illness, or scattered homes far from transport; 浙江办法 第二十四条), the
  scrutineers and staff each box needs (浙江细则 第四十条: two staff, two of them scrutineers;
  北京细则 第四十九条: two scrutineers for every box; 浙江办法 第二十四条: three for a mobile box),
  and, in Zhejiang villages, the township's approval and the published lists of a mobile box.
* :func:`check_election_committee` checks the size of a village election committee (浙江办法
  第八条: 5 to 9; 上海办法 第七条: 7 to 9) and flags members who missed meetings in a row
  (浙江办法 第九条: 「可以视为自动退出」).

Who may not be on the committee or run the count (candidates and their relatives) is checked by
:func:`huanjie_rules.eligibility.screen` from ``eligibility.staff_roles_barred_*``.

Example:
    >>> from huanjie_rules.policy import load_policy
    >>> r = check_ballot_boxes([BallotBox(key="流动1", mobile=True, scrutineers=2)],
    ...                        load_policy("zhejiang-village-2020"))
    >>> r.codes()
    ('BOX_TOO_FEW_SCRUTINEERS', 'MOBILE_BOX_LISTS_NOT_PUBLISHED', 'MOBILE_BOX_NOT_APPROVED')

Legal basis: 《选举法》(2020) 第三十八条; 《若干规定》 五; 浙江办法 第八条、第九条、第二十四条; 上海办法
第七条; 浙江细则 第四十条; 北京细则 第四十九条.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import LabeledEnum, Model, to_tuple
from .errors import ParameterError, Problem
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .policy import Parameter, Policy

__all__ = [
    "FINDING_CODES",
    "BallotBox",
    "CommitteeMember",
    "MobileBoxGround",
    "MobileVoter",
    "PollingReport",
    "check_ballot_boxes",
    "check_election_committee",
]

FINDING_CODES = Catalogue("huanjie_rules", "polling.messages.toml")


class MobileBoxGround(LabeledEnum):
    """Why a voter votes at a mobile ballot box."""

    ILL_OR_IMMOBILE = (
        "ILL_OR_IMMOBILE",
        "因患有疾病等原因行动不便",
        ("行动不便", "患病", "病残"),
    )
    DISPERSED_AND_REMOTE = (
        "DISPERSED_AND_REMOTE",
        "居住分散并且交通不便",
        ("居住分散", "交通不便"),
    )
    CUSTODY = ("CUSTODY", "羁押、服刑或者受拘留", ("羁押", "服刑"))
    OTHER_SPECIAL = ("OTHER_SPECIAL", "其他特殊情况", ("特殊情况",))


@attrs.frozen(kw_only=True)
class MobileVoter(Model):
    """A voter who votes at a mobile box, and why."""

    key: str
    ground: MobileBoxGround

    def _checks(self) -> Iterable[Problem]:
        if not self.key.strip():
            yield Problem("EMPTY", "key", "must not be empty")


@attrs.frozen(kw_only=True)
class BallotBox(Model):
    """One ballot box (票箱) of a polling station or an election meeting, or a mobile box.

    Attributes:
        key: an identifier.
        mobile: a mobile box (流动票箱).
        scrutineers: the scrutineers (监票人) responsible for it.
        staff: everyone who runs it, scrutineers included; None when only the scrutineers are
            given (then they are the staff).
        approved: (mobile) approved by the body whose approval the profile requires.
        lists_published: (mobile) the lists of its voters and scrutineers were announced.
        voters: (mobile) the voters who use it, each with the ground.
    """

    key: str
    mobile: bool = False
    scrutineers: int = 0
    staff: int | None = None
    approved: bool = False
    lists_published: bool = False
    voters: tuple[MobileVoter, ...] = attrs.field(default=(), converter=to_tuple)

    def _checks(self) -> Iterable[Problem]:
        if not self.key.strip():
            yield Problem("EMPTY", "key", "must not be empty")
        if self.scrutineers < 0:
            yield Problem("RANGE", "scrutineers", "must not be negative")
        if self.staff is not None and self.staff < self.scrutineers:
            yield Problem("RANGE", "staff", "counts the scrutineers, so it cannot be fewer")
        if self.voters and not self.mobile:
            yield Problem("INCONSISTENT", "voters", "only a mobile box lists its voters")


@attrs.frozen(kw_only=True)
class CommitteeMember(Model):
    """A member of a village election committee (村民选举委员会)."""

    key: str
    name: str = ""
    consecutive_absences: int = 0

    def _checks(self) -> Iterable[Problem]:
        if not self.key.strip():
            yield Problem("EMPTY", "key", "must not be empty")
        if self.consecutive_absences < 0:
            yield Problem("RANGE", "consecutive_absences", "must not be negative")


@attrs.frozen(kw_only=True)
class PollingReport(Verdict):
    """Findings on boxes or a committee; ``checked`` names the profile rules applied."""

    checked: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str,
    *,
    observed: Scalar = None,
    limit: Scalar = None,
) -> Finding:
    return kit.finding(
        FINDING_CODES, code, param, severity, observed=observed, limit=limit, subject=subject
    )


def _report(
    subject: str, policy: Policy, findings: list[Finding], checked: list[str]
) -> PollingReport:
    v = Verdict._from_findings(subject, policy.id, findings)
    return PollingReport(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        checked=tuple(checked),
    )


@checked
def check_ballot_boxes(
    boxes: Sequence[BallotBox], policy: Policy, *, subject: str = ""
) -> PollingReport:
    """Check every ballot box of one election against the profile's polling rules.

    Rules, each when the profile holds it: ``polling.box_min_scrutineers`` (every box),
    ``polling.mobile_box_min_scrutineers`` and ``polling.mobile_box_min_staff`` (mobile boxes),
    ``polling.mobile_box_approval_required``, ``polling.mobile_box_lists_published`` and
    ``polling.mobile_box_grounds`` (each voter of a mobile box).

    Raises:
        RuleInputError: a non-BallotBox item or two boxes with one key.

    Legal basis: 《选举法》(2020) 第三十八条; 浙江细则 第四十条; 北京细则 第四十九条; 浙江办法 第二十四条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> zj = load_policy("zhejiang-npc-2021")
        >>> [check_ballot_boxes([BallotBox(key="m", mobile=True, scrutineers=n)], zj).codes()
        ...  for n in (1, 2)]
        [('BOX_TOO_FEW_SCRUTINEERS', 'MOBILE_BOX_TOO_FEW_STAFF'), ()]
    """
    items = tuple(boxes)
    for i, b in enumerate(items):
        kit.need_type(b, BallotBox, f"boxes[{i}]")
    kit.unique_keys(items, "boxes")
    names = (
        "polling.box_min_scrutineers",
        "polling.mobile_box_min_scrutineers",
        "polling.mobile_box_min_staff",
        "polling.mobile_box_approval_required",
        "polling.mobile_box_lists_published",
        "polling.mobile_box_grounds",
    )
    checked = [n for n in names if n in policy]
    findings: list[Finding] = []
    for b in items:
        floor_name = (
            "polling.mobile_box_min_scrutineers" if b.mobile else "polling.box_min_scrutineers"
        )
        if floor_name in policy:
            p = policy.param(floor_name)
            need = policy.get_int(p.name)
            if b.scrutineers < need:
                findings.append(
                    _f(
                        "BOX_TOO_FEW_SCRUTINEERS",
                        p,
                        p.breach_severity,
                        b.key,
                        observed=b.scrutineers,
                        limit=need,
                    )
                )
        if not b.mobile:
            continue
        if "polling.mobile_box_min_staff" in policy:
            p = policy.param("polling.mobile_box_min_staff")
            need = policy.get_int(p.name)
            staff = b.staff if b.staff is not None else b.scrutineers
            if staff < need:
                findings.append(
                    _f(
                        "MOBILE_BOX_TOO_FEW_STAFF",
                        p,
                        p.breach_severity,
                        b.key,
                        observed=staff,
                        limit=need,
                    )
                )
        for name, attr, code in (
            ("polling.mobile_box_approval_required", "approved", "MOBILE_BOX_NOT_APPROVED"),
            (
                "polling.mobile_box_lists_published",
                "lists_published",
                "MOBILE_BOX_LISTS_NOT_PUBLISHED",
            ),
        ):
            if name in policy and policy.get_bool(name) and not getattr(b, attr):
                p = policy.param(name)
                findings.append(_f(code, p, p.breach_severity, b.key))
        if "polling.mobile_box_grounds" in policy:
            p = policy.param("polling.mobile_box_grounds")
            grounds = policy.get_strings(p.name)
            for v in b.voters:
                if v.ground.value not in grounds:
                    findings.append(
                        _f(
                            "MOBILE_BOX_GROUND_NOT_ALLOWED",
                            p,
                            p.breach_severity,
                            v.key,
                            observed=v.ground.label,
                        )
                    )
    return _report(subject, policy, findings, checked)


@checked
def check_election_committee(
    members: Sequence[CommitteeMember], policy: Policy, *, subject: str = ""
) -> PollingReport:
    """Check a village election committee's size and its members' attendance.

    ``polling.election_committee_size`` bounds the number of members (FAIL outside);
    ``polling.committee_absences_withdrawn`` flags a member with that many absences in a row
    (WARN: the committee *may* treat the member as having left).

    Raises:
        RuleInputError: a non-CommitteeMember item or two members with one key.
        ParameterError: the profile holds no rule on the committee (the national ones).

    Legal basis: 浙江办法 第八条、第九条; 上海办法 第七条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> sh = load_policy("shanghai-village-2020")
        >>> [check_election_committee([CommitteeMember(key=str(i)) for i in range(n)], sh).codes()
        ...  for n in (6, 7, 9, 10)]
        [('ELECTION_COMMITTEE_SIZE',), (), (), ('ELECTION_COMMITTEE_SIZE',)]
    """
    items = tuple(members)
    for i, m in enumerate(items):
        kit.need_type(m, CommitteeMember, f"members[{i}]")
    kit.unique_keys(items, "members")
    checked: list[str] = []
    findings: list[Finding] = []
    if "polling.election_committee_size" in policy:
        p = policy.param("polling.election_committee_size")
        checked.append(p.name)
        bounds = policy.get_range(p.name)
        if not bounds.contains(len(items)):
            findings.append(
                _f(
                    "ELECTION_COMMITTEE_SIZE",
                    p,
                    p.breach_severity,
                    subject,
                    observed=len(items),
                    limit=str(bounds),
                )
            )
    if "polling.committee_absences_withdrawn" in policy:
        p = policy.param("polling.committee_absences_withdrawn")
        checked.append(p.name)
        limit = policy.get_int(p.name)
        for m in items:
            if m.consecutive_absences >= limit:
                findings.append(
                    _f(
                        "COMMITTEE_MEMBER_MAY_BE_WITHDRAWN",
                        p,
                        p.breach_severity,
                        m.name or m.key,
                        observed=m.consecutive_absences,
                        limit=limit,
                    )
                )
    if not checked:
        raise ParameterError(
            f"profile {policy.id!r} holds no rule on the election committee",
            path="polling.election_committee_size",
        )
    return _report(subject, policy, findings, checked)
