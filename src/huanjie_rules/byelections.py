"""By-elections (补选): when one is due, and how it is run.

* :func:`check_by_election` — a by-election of deputies may have as many candidates as seats
  (选举法 第五十七条); its roll and lists are published on shorter notice (浙江细则 第五十九条:
  roll 12 days, list 7 days before; 北京细则 第六十一条、第六十三条: roll 15 days, candidates 5
  days, formal list 3 days before); a village by-election needs its meeting's quorum (浙江办法
  第三十八条: more than half of the 村民会议, two thirds of the 村民代表会议).
* :func:`by_election_required` — whether a village vacancy must be filled (上海办法 第二十九条:
  with three members left it may stay open if the 村民代表会议 agrees; with fewer it is filled
  within three months).

The deadlines are also on :func:`huanjie_rules.procedure.election_timeline` with
``by_election=True`` and checked by :func:`~huanjie_rules.procedure.validate_plan` for a plan of
the ``BY_ELECTION`` sequence.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.policy import load_policy
    >>> zj = load_policy("zhejiang-npc-2021")
    >>> by = ByElection(seats=1, candidates=1, election_day=dt.date(2023, 6, 20),
    ...                 roll_published_on=dt.date(2023, 6, 9))
    >>> check_by_election(by, zj).codes()
    ('BY_ELECTION_LATE', 'BY_ELECTION_UNCONTESTED')

Legal basis: 《选举法》(2020) 第五十七条; 浙江细则 第五十九条; 北京细则 第六十一条至第六十三条; 浙江办法
第三十八条; 上海办法 第二十九条.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import LabeledEnum, Model
from .calendar import add_months
from .errors import ParameterError, Problem, RuleInputError
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .policy import Parameter, Policy
from .procedure import latest_date_before

__all__ = [
    "FINDING_CODES",
    "ByElection",
    "ByElectionBody",
    "ByElectionDecision",
    "by_election_required",
    "check_by_election",
]

FINDING_CODES = Catalogue("huanjie_rules", "byelections.messages.toml")


class ByElectionBody(LabeledEnum):
    """Who holds a village by-election."""

    VILLAGERS_MEETING = ("VILLAGERS_MEETING", "村民会议", ())
    REPRESENTATIVES_MEETING = ("REPRESENTATIVES_MEETING", "村民代表会议", ())


@attrs.frozen(kw_only=True)
class ByElection(Model):
    """A by-election and its dates.

    Attributes:
        seats: the seats to fill.
        candidates: the candidates standing (None when not yet known).
        election_day: 投票选举日.
        roll_published_on: when the roll was published.
        candidate_list_on: when the candidates were published.
        formal_list_on: when the formal candidates were published.
        body: (village) the meeting that holds it.
        members: (village) that meeting's members.
        voted: (village) the members who voted.
    """

    seats: int
    candidates: int | None = None
    election_day: _dt.date | None = None
    roll_published_on: _dt.date | None = None
    candidate_list_on: _dt.date | None = None
    formal_list_on: _dt.date | None = None
    body: ByElectionBody | None = None
    members: int | None = None
    voted: int | None = None

    def _checks(self) -> Iterable[Problem]:
        if self.seats < 1:
            yield Problem("RANGE", "seats", "must be at least 1")
        for name in ("candidates", "members", "voted"):
            value = getattr(self, name)
            if value is not None and value < 0:
                yield Problem("RANGE", name, "must not be negative")
        if self.members is not None and self.voted is not None and self.voted > self.members:
            yield Problem("RANGE", "voted", "more voted than the meeting's members")
        for name in ("roll_published_on", "candidate_list_on", "formal_list_on"):
            day = getattr(self, name)
            if day is not None and self.election_day is not None and day > self.election_day:
                yield Problem("DATE_ORDER", name, "is after election_day")


@attrs.frozen(kw_only=True)
class ByElectionDecision(Verdict):
    """Whether a by-election is required, and by when."""

    required: bool = False
    deadline: _dt.date | None = None


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


_DEADLINES = (
    ("procedure.by_election_roll_days_before", "roll_published_on", ("公布选民名单", "the roll")),
    (
        "procedure.by_election_candidate_list_days_before",
        "candidate_list_on",
        ("公布代表候选人名单", "the candidate list"),
    ),
    (
        "procedure.by_election_formal_list_days_before",
        "formal_list_on",
        ("公布正式代表候选人名单", "the formal candidate list"),
    ),
)
_QUORUM = {
    ByElectionBody.VILLAGERS_MEETING: "byelections.quorum_villagers_meeting",
    ByElectionBody.REPRESENTATIVES_MEETING: "byelections.quorum_representatives_meeting",
}


@checked
def check_by_election(by: ByElection, policy: Policy, *, subject: str = "") -> Verdict:
    """Check a by-election: candidates, notice periods and the meeting's quorum.

    Rules, each when the profile holds it and the input gives what it needs:
    ``byelections.uncontested_allowed`` (fewer candidates than seats is a FAIL; as many is
    allowed, ``BY_ELECTION_UNCONTESTED`` INFO); ``procedure.by_election_*_days_before`` (a
    publication later than that many days before election day is ``BY_ELECTION_LATE``);
    ``byelections.quorum_*`` for the meeting that holds it (``BY_ELECTION_QUORUM_NOT_MET``).

    Raises:
        RuleInputError: not a ByElection; a quorum rule without ``members`` and ``voted``.

    Legal basis: 《选举法》(2020) 第五十七条; 浙江细则 第五十九条; 北京细则 第六十一条至第六十三条;
    浙江办法 第三十八条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> zj = load_policy("zhejiang-village-2020")
        >>> by = ByElection(seats=1, body=ByElectionBody.REPRESENTATIVES_MEETING, members=30, voted=19)
        >>> check_by_election(by, zj).codes()
        ('BY_ELECTION_QUORUM_NOT_MET',)
    """
    b = kit.need_type(by, ByElection, "by")
    findings: list[Finding] = []
    if "byelections.uncontested_allowed" in policy and b.candidates is not None:
        param = policy.param("byelections.uncontested_allowed")
        uncontested = policy.get_bool(param.name)
        too_few = b.candidates < b.seats or (b.candidates == b.seats and not uncontested)
        if too_few:
            findings.append(
                _f(
                    "BY_ELECTION_TOO_FEW_CANDIDATES",
                    param,
                    param.breach_severity,
                    subject,
                    observed=b.candidates,
                    limit=b.seats,
                )
            )
        elif b.candidates == b.seats:
            findings.append(
                _f("BY_ELECTION_UNCONTESTED", param, Severity.INFO, subject, observed=b.candidates)
            )
    if b.election_day is not None:
        for name, attr, pair in _DEADLINES:
            day = getattr(b, attr)
            if name not in policy or day is None:
                continue
            param = policy.param(name)
            days = policy.get_int(name)
            latest = latest_date_before(b.election_day, days, policy)
            if day > latest:
                findings.append(
                    _f(
                        "BY_ELECTION_LATE",
                        param,
                        param.breach_severity,
                        subject,
                        observed=day,
                        limit=latest,
                        extra={"days": days},
                        pairs={"what": pair},
                    )
                )
    if b.body is not None and _QUORUM[b.body] in policy:
        name = _QUORUM[b.body]
        if b.members is None or b.voted is None:
            raise RuleInputError(
                "the quorum needs members and voted", code="MISSING", path="members"
            )
        param, ratio, comparison = kit.ratio_rule(policy, name)
        if not kit.meets(b.voted, b.members, ratio, comparison):
            findings.append(
                _f(
                    "BY_ELECTION_QUORUM_NOT_MET",
                    param,
                    param.breach_severity,
                    subject,
                    observed=b.voted,
                    limit=kit.bound(b.members, ratio, comparison),
                    extra={"members": b.members},
                    pairs={"body": (b.body.label, _BODY_EN[b.body.value])},
                )
            )
    return Verdict._from_findings(subject, policy.id, findings)


_BODY_EN = {
    "VILLAGERS_MEETING": "villagers' assembly",
    "REPRESENTATIVES_MEETING": "villagers' representatives' meeting",
}


@checked
def by_election_required(
    remaining_members: int,
    policy: Policy,
    *,
    vacancy_on: _dt.date | None = None,
    subject: str = "",
) -> ByElectionDecision:
    """Whether a village committee vacancy must be filled by a by-election, and by when.

    With at least ``byelections.skip_min_members`` members left, the vacancy may stay open if
    the 村民代表会议 agrees (``BY_ELECTION_OPTIONAL``); with fewer, a by-election is held within
    ``byelections.required_within_months`` months of ``vacancy_on`` (``BY_ELECTION_REQUIRED``).

    Raises:
        RuleInputError: a negative count or a bad date.
        ParameterError: the profile has no such rule (the Organic Law leaves it to the village:
            「可以」 补选, 第十九条).

    Legal basis: 上海办法 第二十九条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> sh = load_policy("shanghai-village-2020")
        >>> [by_election_required(n, sh).required for n in (2, 3)]
        [True, False]
        >>> by_election_required(2, sh, vacancy_on=dt.date(2022, 11, 30)).deadline
        datetime.date(2023, 2, 28)
    """
    kit.need_int(remaining_members, "remaining_members")
    if vacancy_on is not None:
        kit.need_date(vacancy_on, "vacancy_on")
    if "byelections.skip_min_members" not in policy:
        raise ParameterError(
            f"profile {policy.id!r} has no rule on when a by-election is required",
            path="byelections.skip_min_members",
        )
    skip = policy.param("byelections.skip_min_members")
    months = policy.param("byelections.required_within_months")
    minimum = policy.get_int(skip.name)
    findings: list[Finding] = []
    deadline: _dt.date | None = None
    if remaining_members >= minimum:
        required = False
        findings.append(
            _f(
                "BY_ELECTION_OPTIONAL",
                skip,
                Severity.INFO,
                subject,
                observed=remaining_members,
                limit=minimum,
            )
        )
    else:
        required = True
        n = policy.get_int(months.name)
        if vacancy_on is not None:
            overflow = (
                policy.get_str("procedure.anniversary_overflow")
                if "procedure.anniversary_overflow" in policy
                else "MONTH_END"
            )
            deadline = add_months(
                vacancy_on, n, overflow="NEXT_DAY" if overflow == "NEXT_DAY" else "MONTH_END"
            )
        findings.append(
            _f(
                "BY_ELECTION_REQUIRED",
                months,
                Severity.INFO,
                subject,
                observed=remaining_members,
                limit=deadline,
                extra={"months": n, "minimum": minimum},
            )
        )
    v = Verdict._from_findings(subject, policy.id, findings)
    return ByElectionDecision(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        required=required,
        deadline=deadline,
    )
