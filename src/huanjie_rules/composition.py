"""Slate composition (班子结构): shares, sizes and required members over a set of people.

:func:`check_slate` checks one body's members against the profile's composition rules for that
body: committee size (镇党委 7–9, 纪委 5–7, 村委会 3–7), the share with 2 years of township work
(不少于三分之二), at least one of the three categories (事业编制, 村干部, 大学生村官), a woman and, in a
multi-ethnic village, a member of a smaller group (村民委员会组织法 第六条), and continuing deputies
about one third. :func:`secretary_age_share` checks the share of a township's village
secretaries aged 45 or under (原则上30%以上).

Every share is reported as a :class:`Share` with its numerator, denominator and exact
:class:`~fractions.Fraction` value, met or not; findings say which rules are broken. Only the
rules the profile holds are checked (a profile without ``composition.party_committee_size`` has
no size rule for party committees).

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import *
    >>> from huanjie_rules.policy import load_policy
    >>> men = [Candidate(office=Office.VILLAGE_MEMBER, person=Person(name=n, gender=Gender.MALE,
    ...        birth_date=dt.date(1980, 1, 1))) for n in ("甲", "乙", "丙")]
    >>> r = check_slate(men, load_policy("village-2018"), body=BodyKind.VILLAGE_COMMITTEE,
    ...                 on=dt.date(2021, 3, 1))
    >>> r.status.value, r.codes(), r.size
    ('INELIGIBLE', ('NO_WOMAN_MEMBER',), 3)

Legal basis: 《村民委员会组织法》 第六条; seeds 001:28 (30%), 003:551 (7–9 / 5–7), 003:561 (2/3, three
categories), 003:211 (连任代表三分之一左右).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType

import attrs

from ._args import checked
from ._base import Model, to_tuple
from .eligibility import age_basis
from .eligibility.identity import _identity_of
from .errors import Problem, RuleInputError
from .findings import Finding, Message, Scalar, Severity, Verdict
from .messages import Catalogue
from .model import BodyKind, Candidate, Gender, Office, PersonCategory, Tenure
from .policy import Parameter, Policy

__all__ = [
    "FINDING_CODES",
    "Share",
    "SlateReport",
    "check_slate",
    "secretary_age_share",
]

#: Finding codes of this module (``composition.messages.toml`` beside it, read on first use).
FINDING_CODES = Catalogue("huanjie_rules", "composition.messages.toml")

_BODY_SIZE = MappingProxyType(
    {
        BodyKind.PARTY_COMMITTEE: "composition.party_committee_size",
        BodyKind.DISCIPLINE_COMMITTEE: "composition.discipline_committee_size",
        BodyKind.VILLAGE_COMMITTEE: "composition.village_committee_size",
    }
)


@attrs.frozen(kw_only=True)
class Share(Model):
    """One share of a slate, exactly.

    Attributes:
        name: what is counted (``"township_experience"``, ``"young_secretaries"`` …).
        numerator: how many count.
        denominator: out of how many.
        value: ``numerator/denominator`` as a Fraction, or None for an empty set.
        threshold: the rule's target.
        tolerance: for 「左右」 targets, the allowed distance (inclusive); None for minimums.
        meets: whether the rule holds (``value >= threshold``, or within the tolerance).
        parameter: the profile parameter that set the threshold.
    """

    name: str
    numerator: int
    denominator: int
    value: Fraction | None
    threshold: Fraction
    tolerance: Fraction | None = None
    meets: bool
    parameter: str

    def _checks(self) -> Iterable[Problem]:
        if self.numerator < 0 or self.denominator < 0 or self.numerator > self.denominator:
            yield Problem("RANGE", "numerator", "needs 0 <= numerator <= denominator")


@attrs.frozen(kw_only=True)
class SlateReport(Verdict):
    """A composition verdict: status and findings (as :class:`~huanjie_rules.findings.Verdict`),
    the number of members and every share computed.

    ``checked`` names the profile parameters whose rules were applied, so that an ``ELIGIBLE``
    report with ``checked == ()`` reads as what it is: the profile holds no composition rule
    for this body, not a slate that passed them.
    """

    size: int = 0
    shares: tuple[Share, ...] = attrs.field(default=(), converter=to_tuple)
    checked: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


def _sev(hard: bool) -> Severity:
    return Severity.FAIL if hard else Severity.WARN


def _msg(code: str, **pairs: tuple[str, str]) -> Message:
    m = FINDING_CODES[code]
    zh, en = m.zh, m.en
    for name, (a, b) in pairs.items():
        zh = zh.replace("{" + name + "}", a.replace("{", "{{").replace("}", "}}"))
        en = en.replace("{" + name + "}", b.replace("{", "{{").replace("}", "}}"))
    return Message(zh=zh, en=en)


def _finding(
    code: str,
    severity: Severity,
    param: Parameter,
    subject: str,
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    pairs: Mapping[str, tuple[str, str]] | None = None,
    **values: object,
) -> Finding:
    return param._finding(
        code,
        _msg(code, **dict(pairs or {})),
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=values,
    )


def _minimum_share(
    name: str,
    pair: tuple[str, str],
    numerator: int,
    denominator: int,
    param: Parameter,
    threshold: Fraction,
    subject: str,
) -> tuple[Share, list[Finding]]:
    value = Fraction(numerator, denominator) if denominator else None
    # 不少于 / 以上: inclusive, as an integer comparison.
    meets = (
        denominator > 0 and numerator * threshold.denominator >= threshold.numerator * denominator
    )
    share = Share(
        name=name,
        numerator=numerator,
        denominator=denominator,
        value=value,
        threshold=threshold,
        meets=meets,
        parameter=param.name,
    )
    found = []
    if not meets:
        found.append(
            _finding(
                "SHARE_BELOW_MINIMUM",
                _sev(param.hard),
                param,
                subject,
                observed=value,
                limit=threshold,
                pairs={"share_t": pair},
                numerator=numerator,
                denominator=denominator,
            )
        )
    return share, found


def _span_zh(months: int) -> str:
    """24 → 「2年」, 18 → 「18个月」: a rule's span in the words rules use."""
    return f"{months // 12}年" if months % 12 == 0 else f"{months}个月"


def _span_en(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} months"


def _members(members: Sequence[Candidate], arg: str = "members") -> tuple[Candidate, ...]:
    pool = tuple(members)
    if not pool:
        raise RuleInputError("a slate needs at least one member", code="EMPTY_SLATE", path=arg)
    seen: set[str] = set()
    for i, c in enumerate(pool):
        if not isinstance(c, Candidate):
            raise RuleInputError(
                f"expected a Candidate, got {type(c).__name__}", code="TYPE", path=f"{arg}[{i}]"
            )
        if c.key in seen:
            raise RuleInputError(
                f"{c.key!r} is on the slate twice and would be counted twice",
                code="DUPLICATE_KEY",
                path=f"{arg}[{i}].key",
            )
        seen.add(c.key)
    return pool


@checked
def check_slate(
    members: Sequence[Candidate],
    policy: Policy,
    *,
    body: BodyKind,
    on: _dt.date,
    multi_ethnic: bool = False,
    smaller_groups: Iterable[str] | None = None,
    subject: str = "",
) -> SlateReport:
    """Check the composition of one body (a committee team or a deputies' list).

    Args:
        members: the people on the slate, as candidates (their ``tenure`` marks continuing
            deputies).
        policy: the profile; only the composition rules it holds are checked.
        body: which body — picks the size range and the rules that apply.
        on: the election day (for sex and birth date from the ID number, per profile).
        multi_ethnic: the village is one where several ethnic groups live (VC 第六条).
        smaller_groups: the smaller groups' names (e.g. ``{"回族"}``); without them any member
            who is not 汉族 satisfies the rule.
        subject: a name for the slate in findings.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> def m(n, months):
        ...     return Candidate(office=Office.MEMBER, person=Person(name=n, gender=Gender.MALE,
        ...         birth_date=dt.date(1975, 1, 1), township_experience_months=months))
        >>> team = [m(str(i), 30) for i in range(5)] + [m("x", 12), m("y", 23)]
        >>> r = check_slate(team, load_policy("nmg-town-2016"), body=BodyKind.PARTY_COMMITTEE,
        ...                 on=dt.date(2016, 5, 1))
        >>> s = r.shares[0]
        >>> s.name, s.numerator, s.denominator, s.value, s.meets
        ('township_experience', 5, 7, Fraction(5, 7), True)
        >>> r.codes()
        ('THREE_CATEGORIES_BELOW_MINIMUM',)
        >>> r.checked
        ('composition.party_committee_size', 'composition.township_experience_min_share', 'composition.three_categories_min_count')

        A profile without composition rules for the body checks nothing, and says so:

        >>> check_slate(team, load_policy("xzhen-2021"), body=BodyKind.BRANCH,
        ...             on=dt.date(2021, 10, 8)).checked
        ()

    Legal basis: 《村民委员会组织法》 第六条; seeds 003:551, 003:561, 003:211.
    """
    pool = _members(members)
    findings: list[Finding] = []
    shares: list[Share] = []
    n = len(pool)
    checked: list[str] = []
    size_name = _BODY_SIZE.get(body)
    if size_name is not None and size_name in policy:
        param = policy.param(size_name)
        checked.append(param.name)
        size_range = policy.get_range(size_name)
        if not size_range.contains(n):
            findings.append(
                _finding(
                    "COMMITTEE_SIZE_OUT_OF_RANGE",
                    _sev(param.hard),
                    param,
                    subject,
                    observed=n,
                    limit=str(size_range),
                    pairs={"body_t": (body.label, body.value.lower().replace("_", " "))},
                )
            )
    if body is BodyKind.PARTY_COMMITTEE and "composition.township_experience_months" in policy:
        months = policy.get_int("composition.township_experience_months")
        param = policy.param("composition.township_experience_min_share")
        checked.append(param.name)
        experienced = 0
        for c in pool:
            have = c.person.township_experience_months
            if have is None:
                findings.append(
                    _finding(
                        "TOWNSHIP_EXPERIENCE_UNKNOWN",
                        Severity.WARN,
                        param,
                        subject,
                        observed=c.key,
                    )
                )
            elif have >= months:
                experienced += 1
        share, found = _minimum_share(
            "township_experience",
            (
                f"具有{_span_zh(months)}以上乡镇工作经历的人员占比",
                f"share with {_span_en(months)} or more in townships",
            ),
            experienced,
            n,
            param,
            policy.get_fraction("composition.township_experience_min_share"),
            subject,
        )
        shares.append(share)
        findings.extend(found)
    if body is BodyKind.PARTY_COMMITTEE and "composition.three_categories" in policy:
        cats = frozenset(
            PersonCategory[c] for c in policy.get_strings("composition.three_categories")
        )
        param = policy.param("composition.three_categories_min_count")
        wanted = policy.get_int("composition.three_categories_min_count")
        checked.append(param.name)
        count = sum(1 for c in pool if c.person.categories & cats)
        if count < wanted:
            findings.append(
                _finding(
                    "THREE_CATEGORIES_BELOW_MINIMUM",
                    _sev(param.hard),
                    param,
                    subject,
                    observed=count,
                    limit=wanted,
                    categories="、".join(sorted(c.label for c in cats)),
                )
            )
    if body is BodyKind.VILLAGE_COMMITTEE:
        genders = [_identity_of(c.person, policy, on=on).gender for c in pool]
        if "composition.woman_required" in policy and policy.get_bool("composition.woman_required"):
            param = policy.param("composition.woman_required")
            checked.append(param.name)
            if Gender.FEMALE not in genders:
                findings.append(
                    _finding(
                        "NO_WOMAN_MEMBER", _sev(param.hard), param, subject, observed=n, limit=1
                    )
                )
        minority = "composition.minority_required_if_multi_ethnic"
        if multi_ethnic and minority in policy and policy.get_bool(minority):
            param = policy.param(minority)
            checked.append(param.name)
            groups = frozenset(g.strip() for g in smaller_groups) if smaller_groups else None
            ok = any(
                (c.person.ethnicity.strip() in groups) if groups else c.person.is_minority
                for c in pool
            )
            if not ok:
                findings.append(
                    _finding(
                        "NO_MINORITY_MEMBER",
                        _sev(param.hard),
                        param,
                        subject,
                        observed="、".join(sorted(groups)) if groups else "非汉族/non-Han",
                    )
                )
    if body is BodyKind.PEOPLES_CONGRESS and "composition.continuing_share" in policy:
        param = policy.param("composition.continuing_share")
        target = policy.get_fraction("composition.continuing_share")
        tolerance = policy.get_fraction("composition.continuing_share_tolerance")
        checked.append(param.name)
        cont = sum(1 for c in pool if c.tenure is Tenure.CONTINUING)
        value = Fraction(cont, n)
        meets = abs(value - target) <= tolerance
        shares.append(
            Share(
                name="continuing_deputies",
                numerator=cont,
                denominator=n,
                value=value,
                threshold=target,
                tolerance=tolerance,
                meets=meets,
                parameter=param.name,
            )
        )
        if not meets:
            findings.append(
                _finding(
                    "SHARE_NOT_ABOUT",
                    _sev(param.hard),
                    param,
                    subject,
                    observed=value,
                    limit=target,
                    pairs={"share_t": ("连任代表占比", "the continuing deputies' share")},
                    numerator=cont,
                    denominator=n,
                    tolerance=tolerance,
                )
            )
    report = SlateReport._from_findings(subject, policy.id, findings)
    return attrs.evolve(report, size=n, shares=tuple(shares), checked=tuple(checked))


@checked
def secretary_age_share(
    secretaries: Sequence[Candidate],
    policy: Policy,
    *,
    on: _dt.date,
    subject: str = "",
) -> SlateReport:
    """The share of a township's village (community) secretaries aged at most the profile's age.

    Age is in the profile's age mode (``eligibility.age_mode``) with the birth date chosen by
    ``eligibility.birth_date_source``; 「45周岁以下」 and 「30%以上」 are both inclusive.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> def s(n, born):
        ...     return Candidate(office=Office.SECRETARY, person=Person(name=n, gender=Gender.MALE,
        ...         birth_date=born))
        >>> secs = [s("a", dt.date(1976, 3, 1)), s("b", dt.date(1960, 1, 1)), s("c", dt.date(1962, 1, 1))]
        >>> r = secretary_age_share(secs, load_policy("xzhen-2021"), on=dt.date(2021, 3, 1))
        >>> r.shares[0].numerator, r.shares[0].denominator, r.shares[0].value, r.status.value
        (1, 3, Fraction(1, 3), 'ELIGIBLE')

    Legal basis: seed 001:28 (「45周岁以下原则上应达到30%以上」).
    """
    pool = _members(secretaries, "secretaries")
    for i, c in enumerate(pool):
        if c.office is not Office.SECRETARY:
            raise RuleInputError(
                f"{c.key!r} stands for {c.office.value}, not SECRETARY: only secretaries are "
                "counted in this share",
                code="NOT_A_SECRETARY",
                path=f"secretaries[{i}].office",
            )
    limit = policy.get_int("composition.young_secretary_age")
    param = policy.param("composition.young_secretary_min_share")
    basis = age_basis(policy, on)
    young = 0
    for c in pool:
        born = _identity_of(c.person, policy, on=on).birth_date
        if basis.age(born) <= limit:
            young += 1
    share, found = _minimum_share(
        "young_secretaries",
        (f"{limit}周岁以下书记占比", f"share of secretaries aged {limit} or under"),
        young,
        len(pool),
        param,
        policy.get_fraction("composition.young_secretary_min_share"),
        subject,
    )
    report = SlateReport._from_findings(subject, policy.id, found)
    return attrs.evolve(report, size=len(pool), shares=(share,), checked=(param.name,))
