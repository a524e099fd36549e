"""Deadlines before election day: "at least N days before" (选举日的N日以前).

Counted per ``procedure.days_before_convention``, one at a time or every one a profile sets.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..errors import ParameterError, RuleInputError
from ..findings import Finding, Severity
from ..policy import Policy
from ._common import _breach, _date, _finding
from .steps import Step

#: Steps that must happen at least N days before election day, and the parameter giving N.
_DAYS_BEFORE: Mapping[Step, str] = MappingProxyType(
    {
        Step.ROLL_PUBLISHED: "procedure.roll_days_before",
        Step.CANDIDATE_LIST: "procedure.candidate_list_days_before",
        Step.FORMAL_LIST: "procedure.formal_list_days_before",
        Step.LATE_REGISTRATION_CUTOFF: "procedure.late_registration_days_before",
        Step.SPEECH_REQUEST_CUTOFF: "procedure.speech_request_days_before",
        Step.PROXY_REQUEST_CUTOFF: "procedure.proxy_request_days_before",
        Step.PROXY_LIST: "procedure.proxy_list_days_before",
    }
)

#: The same for a by-election (补选), whose notice periods are shorter.
_BY_ELECTION_DAYS_BEFORE: Mapping[Step, str] = MappingProxyType(
    {
        Step.ROLL_PUBLISHED: "procedure.by_election_roll_days_before",
        Step.CANDIDATE_LIST: "procedure.by_election_candidate_list_days_before",
        Step.FORMAL_LIST: "procedure.by_election_formal_list_days_before",
    }
)


#: Every "N days before election day" parameter a timeline reports, with its label.
_TIMELINE_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("procedure.roll_days_before", "公布选民名单", "publish the voter roll"),
    ("procedure.self_nomination_days_before", "自荐人报名截止", "self-nominees register"),
    ("procedure.candidate_list_days_before", "公布代表候选人名单", "publish the candidate list"),
    ("procedure.formal_list_days_before", "公布正式候选人名单", "publish the formal candidates"),
    ("procedure.self_nominee_list_days_before", "公布自荐人名单", "publish the self-nominees"),
    ("procedure.arrangements_days_before", "公布投票时间地点方式", "announce time, place, method"),
    (
        "procedure.court_suit_days_before",
        "对选民名单处理决定起诉截止",
        "last day to sue over the roll",
    ),
    ("procedure.proxy_request_days_before", "委托投票申请截止", "last day to ask for a proxy"),
    (
        "procedure.withdrawal_days_before",
        "正式候选人书面退出截止",
        "last day for a candidate to withdraw",
    ),
    (
        "procedure.late_registration_days_before",
        "补办选民登记截止",
        "last day to ask to register late",
    ),
    (
        "procedure.speech_request_days_before",
        "竞职演说申请截止",
        "last day to ask to give a campaign speech",
    ),
    ("procedure.proxy_list_days_before", "公布委托人和受委托人名单", "publish the list of proxies"),
)

#: The deadlines of a by-election's timeline.
_BY_ELECTION_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("procedure.by_election_roll_days_before", "补选公布选民名单", "by-election: publish the roll"),
    (
        "procedure.by_election_candidate_list_days_before",
        "补选公布代表候选人名单",
        "by-election: publish the candidates",
    ),
    (
        "procedure.by_election_formal_list_days_before",
        "补选公布正式代表候选人名单",
        "by-election: publish the formal candidates",
    ),
)


@attrs.frozen(kw_only=True)
class Deadline(Model):
    """The last day for something that must happen at least N days before election day.

    Attributes:
        parameter: the profile parameter setting N.
        label_zh: what must happen, in Chinese.
        label_en: the same in English.
        days: N.
        latest: the last permitted day.
        finding: the INFO finding citing the parameter.
    """

    parameter: str
    label_zh: str
    label_en: str
    days: int
    latest: _dt.date
    finding: Finding


@attrs.frozen(kw_only=True)
class ElectionTimeline(Model):
    """Every "N days before election day" deadline a profile sets, latest first.

    Attributes:
        policy_id: the profile used.
        election_day: 选举日.
        convention: the value of ``procedure.days_before_convention`` applied.
        deadlines: the deadlines, earliest date first.
        by_election: the deadlines are a by-election's (补选).
    """

    policy_id: str
    election_day: _dt.date
    convention: str
    deadlines: tuple[Deadline, ...] = attrs.field(converter=to_tuple)
    by_election: bool = False

    @checked
    def latest(self, parameter: str) -> _dt.date:
        """The last day set by ``parameter``; raises ParameterError when the profile has none."""
        for d in self.deadlines:
            if d.parameter == parameter:
                return d.latest
        raise ParameterError(f"the timeline has no deadline {parameter!r}", path=parameter)


@checked
def latest_date_before(election_day: _dt.date, days: int, policy: Policy) -> _dt.date:
    """The last day for something due "``days`` days before election day" (选举日的N日以前).

    ``procedure.days_before_convention`` decides: ``DIFFERENCE`` gives ``election_day - days``;
    ``CLEAR_DAYS`` leaves ``days`` whole days in between (one day earlier).

    Legal basis: 《选举法》(2020) 第二十八条、第三十二条; 《民法典》第二百零一条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> latest_date_before(dt.date(2026, 11, 21), 20, load_policy("npc-2020"))
        datetime.date(2026, 11, 1)
    """
    _date(election_day, "election_day")
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise RuleInputError(f"days must be a non-negative integer, got {days!r}", path="days")
    convention = policy.get_str("procedure.days_before_convention")
    extra = 1 if convention == "CLEAR_DAYS" else 0
    return election_day - _dt.timedelta(days=days + extra)


@checked
def check_before_election(
    step: Step,
    on: _dt.date,
    election_day: _dt.date,
    policy: Policy,
    *,
    by_election: bool = False,
) -> Finding:
    """Check that ``step`` happens early enough before election day.

    Steps with such a rule: the roll, the candidate list and the formal list (with their
    by-election periods when ``by_election``), and the cut-offs for late registration, campaign
    speeches and proxy requests and the published list of proxies.

    Returns ``TOO_LATE_BEFORE_ELECTION`` (FAIL for a hard rule) or ``ON_TIME_BEFORE_ELECTION``.

    Raises:
        RuleInputError: ``step`` has no "days before election day" rule.
        ParameterError: the profile sets none for it (e.g. no candidate list in a village).

    Legal basis: 《选举法》(2020) 第二十八条、第三十二条; 《村民委员会组织法》第十四条; 浙江细则
    第二十九条、第五十九条; 北京细则 第三十条、第六十一条、第六十三条; 浙江办法 第二十三条、第二十五条;
    上海办法 第十六条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> f = check_before_election(Step.FORMAL_LIST, dt.date(2026, 11, 15),
        ...                           dt.date(2026, 11, 21), load_policy("npc-2020"))
        >>> f.code, f.limit
        ('TOO_LATE_BEFORE_ELECTION', datetime.date(2026, 11, 14))
    """
    table = _BY_ELECTION_DAYS_BEFORE if by_election else _DAYS_BEFORE
    name = table.get(step)
    if name is None:
        what = "by-election" if by_election else "days-before-election"
        raise RuleInputError(f"{step.value} has no {what} rule", path="step")
    _date(on, "on")
    param = policy.param(name)
    days = policy.get_int(name)
    latest = latest_date_before(election_day, days, policy)
    if on > latest:
        return _finding(
            param,
            "TOO_LATE_BEFORE_ELECTION",
            _breach(param),
            observed=on,
            limit=latest,
            subject=step.label,
            days=days,
        )
    return _finding(
        param,
        "ON_TIME_BEFORE_ELECTION",
        Severity.INFO,
        observed=on,
        limit=latest,
        subject=step.label,
        days=days,
    )


@checked
def election_timeline(
    election_day: _dt.date, policy: Policy, *, by_election: bool = False
) -> ElectionTimeline:
    """Every "N days before election day" deadline of the profile, earliest first.

    With ``by_election`` the deadlines of a by-election (补选) instead: its roll and lists, on the
    shorter notice a province sets (浙江细则 第五十九条; 北京细则 第六十一条、第六十三条).

    Legal basis: 《选举法》(2020) 第二十八条、第二十九条、第三十二条; 《村民委员会组织法》第十四条;
    《浙江省村民委员会选举办法》第十四条、第十八条至第二十五条; 上海办法 第十六条; 浙江细则 第二十九条、
    第五十九条; 北京细则 第三十条、第六十一条、第六十三条 (where the profile has them).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> t = election_timeline(dt.date(2026, 11, 21), load_policy("npc-2020"))
        >>> [(d.label_en, d.latest.isoformat()) for d in t.deadlines][:3]
        [('publish the voter roll', '2026-11-01'), ('publish the candidate list', '2026-11-06'), ('publish the formal candidates', '2026-11-14')]
        >>> bj = load_policy("beijing-npc-2021")
        >>> t = election_timeline(dt.date(2023, 6, 20), bj, by_election=True)
        >>> [(d.days, d.latest.isoformat()) for d in t.deadlines]
        [(15, '2023-06-05'), (5, '2023-06-15'), (3, '2023-06-17')]
    """
    _date(election_day, "election_day")
    if not isinstance(by_election, bool):
        raise RuleInputError("by_election must be true or false", path="by_election")
    rows: list[Deadline] = []
    for name, zh, en in _BY_ELECTION_ITEMS if by_election else _TIMELINE_ITEMS:
        if name not in policy:
            continue
        param = policy.param(name)
        days = policy.get_int(name)
        latest = latest_date_before(election_day, days, policy)
        finding = _finding(param, "DEADLINE_OPEN", Severity.INFO, limit=latest, subject=zh)
        rows.append(
            Deadline(
                parameter=name, label_zh=zh, label_en=en, days=days, latest=latest, finding=finding
            )
        )
    rows.sort(key=lambda d: (d.latest, d.parameter))
    return ElectionTimeline(
        policy_id=policy.id,
        election_day=election_day,
        convention=policy.get_str("procedure.days_before_convention"),
        deadlines=tuple(rows),
        by_election=by_election,
    )
