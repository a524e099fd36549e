"""Women's places: the 妇女委员 post on the village ballot and women in the 村民代表会议.

* :func:`check_womens_post` checks a ballot's posts: in Zhejiang the ballot lists a separate
  妇女委员 post (浙江办法 第二十一条, :attr:`~huanjie_rules.model.Office.VILLAGE_WOMAN_MEMBER`),
  only women stand for it, and the 另行选举 ballot keeps it while no woman has been elected
  (第二十九条). The votes module carries every post with unfilled seats into the 另行选举, the
  妇女委员 post with them; this check says whether a given paper follows the rule.
* :func:`check_representative_assembly` checks the make-up of a 村民代表会议: representatives at
  least four fifths, women representatives at least a third of all members (村民委员会组织法
  第二十五条).

That a village committee has a woman member at all (第六条) is checked by
:func:`huanjie_rules.composition.check_slate`.

Example:
    >>> from huanjie_rules.model import Office, Seat
    >>> from huanjie_rules.policy import load_policy
    >>> zj = load_policy("zhejiang-village-2020")
    >>> check_womens_post([Seat(office=Office.VILLAGE_DIRECTOR, count=1),
    ...                    Seat(office=Office.VILLAGE_MEMBER, count=3)], zj).codes()
    ('WOMENS_POST_MISSING',)

Legal basis: 《村民委员会组织法》 第六条、第二十五条; 浙江办法 第二十一条、第二十九条.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import to_tuple
from .errors import RuleInputError
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .model import Candidate, Gender, Office, Seat
from .policy import Parameter, Policy

__all__ = [
    "FINDING_CODES",
    "AssemblyReport",
    "WomensPostReport",
    "check_representative_assembly",
    "check_womens_post",
]

FINDING_CODES = Catalogue("huanjie_rules", "women.messages.toml")


@attrs.frozen(kw_only=True)
class WomensPostReport(Verdict):
    """Whether a ballot's posts follow the women's-post rules.

    ``required`` says whether this ballot must list the 妇女委员 post; ``checked`` names the
    profile rules applied (empty: the profile has no women's post).
    """

    required: bool = False
    checked: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class AssemblyReport(Verdict):
    """The shares of a 村民代表会议, exactly."""

    members: int = 0
    representatives: int = 0
    women_representatives: int = 0


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str = "",
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    extra: Mapping[str, object] | None = None,
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
    )


@checked
def check_womens_post(
    seats: Sequence[Seat],
    policy: Policy,
    *,
    second_election: bool = False,
    women_elected: int = 0,
    candidates: Sequence[Candidate] = (),
    subject: str = "",
) -> WomensPostReport:
    """Check a ballot's posts against the women's-post rules of the profile.

    Args:
        seats: the posts on the ballot and their seats.
        second_election: the ballot is a 另行选举's.
        women_elected: (另行选举) how many women were elected in the earlier round.
        candidates: the people standing, to check that only women stand for the 妇女委员 post.

    First ballot: ``women.separate_post`` requires a 妇女委员 post (``WOMENS_POST_MISSING``).
    另行选举: ``women.post_continues_in_second_election`` requires it while no woman has been
    elected; once one has, it is not required (``WOMENS_POST_NOT_REQUIRED``, INFO). A man
    standing for the post is ``WOMENS_POST_CANDIDATE_NOT_WOMAN``.

    Raises:
        RuleInputError: a non-Seat item, a negative ``women_elected`` or a non-Candidate.

    Legal basis: 浙江办法 第二十一条、第二十九条.

    Example:
        >>> from huanjie_rules.model import Office, Seat
        >>> from huanjie_rules.policy import load_policy
        >>> zj = load_policy("zhejiang-village-2020")
        >>> members = [Seat(office=Office.VILLAGE_MEMBER, count=1)]
        >>> [check_womens_post(members, zj, second_election=True, women_elected=n).codes()
        ...  for n in (0, 1)]
        [('WOMENS_POST_MISSING',), ('WOMENS_POST_NOT_REQUIRED',)]
    """
    items = tuple(seats)
    for i, s in enumerate(items):
        kit.need_type(s, Seat, f"seats[{i}]")
    kit.need_bool(second_election, "second_election")
    kit.need_int(women_elected, "women_elected")
    people = tuple(candidates)
    for i, c in enumerate(people):
        kit.need_type(c, Candidate, f"candidates[{i}]")
    has_post = any(s.office is Office.VILLAGE_WOMAN_MEMBER for s in items)
    findings: list[Finding] = []
    checked: list[str] = []
    required = False
    first = "women.separate_post"
    later = "women.post_continues_in_second_election"
    rule = later if second_election else first
    if rule in policy and policy.get_bool(rule):
        param = policy.param(rule)
        checked.append(rule)
        required = not second_election or women_elected == 0
        if required and not has_post:
            findings.append(_f("WOMENS_POST_MISSING", param, param.breach_severity, subject))
        elif not required:
            findings.append(
                _f(
                    "WOMENS_POST_NOT_REQUIRED",
                    param,
                    Severity.INFO,
                    subject,
                    observed=women_elected,
                )
            )
    if first in policy and policy.get_bool(first):
        param = policy.param(first)
        if first not in checked:
            checked.append(first)
        for c in people:
            if c.office is Office.VILLAGE_WOMAN_MEMBER and c.person.gender is not Gender.FEMALE:
                findings.append(
                    _f(
                        "WOMENS_POST_CANDIDATE_NOT_WOMAN",
                        param,
                        param.breach_severity,
                        c.key,
                    )
                )
    v = Verdict._from_findings(subject, policy.id, findings)
    return WomensPostReport(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        required=required,
        checked=tuple(checked),
    )


@checked
def check_representative_assembly(
    *,
    members: int,
    representatives: int,
    women_representatives: int,
    policy: Policy,
    subject: str = "",
) -> AssemblyReport:
    """Check the make-up of a 村民代表会议 (村民委员会组织法 第二十五条).

    Args:
        members: all its members (the committee members and the representatives).
        representatives: the villagers' representatives among them.
        women_representatives: the women among the representatives.

    ``representatives >= 4/5 × members`` and ``women_representatives >= 1/3 × members``, both
    inclusive and in integers (``REPRESENTATIVES_SHARE_LOW``, ``WOMEN_REPRESENTATIVES_LOW``).

    Raises:
        RuleInputError: counts below zero, no members, more representatives than members or
            more women representatives than representatives.

    Legal basis: 《村民委员会组织法》 第二十五条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> vc = load_policy("village-2018")
        >>> [check_representative_assembly(members=30, representatives=25,
        ...      women_representatives=w, policy=vc).codes() for w in (9, 10)]
        [('WOMEN_REPRESENTATIVES_LOW',), ()]
    """
    kit.need_int(members, "members", minimum=1)
    kit.need_int(representatives, "representatives")
    kit.need_int(women_representatives, "women_representatives")
    if representatives > members:
        raise RuleInputError(
            "more representatives than members", code="RANGE", path="representatives"
        )
    if women_representatives > representatives:
        raise RuleInputError(
            "more women representatives than representatives",
            code="RANGE",
            path="women_representatives",
        )
    findings: list[Finding] = []
    for name, count, code in (
        ("women.representatives_share", representatives, "REPRESENTATIVES_SHARE_LOW"),
        ("women.women_representatives_share", women_representatives, "WOMEN_REPRESENTATIVES_LOW"),
    ):
        param, ratio, comparison = kit.ratio_rule(policy, name)
        if not kit.meets(count, members, ratio, comparison):
            findings.append(
                _f(
                    code,
                    param,
                    param.breach_severity,
                    subject,
                    observed=count,
                    limit=kit.bound(members, ratio, comparison),
                    extra={"members": members, "ratio": ratio},
                )
            )
    v = Verdict._from_findings(subject, policy.id, findings)
    return AssemblyReport(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        members=members,
        representatives=representatives,
        women_representatives=women_representatives,
    )
