"""Voter registration (选民登记): who goes on the roll, who comes off it, and how they vote.

Two regimes register voters differently, and the profile says which rules apply:

* **人大 direct elections** keep a permanent roll (「经登记确认的选民资格长期有效」, 选举法 第二十七条):
  before each election only the changes are made — those who turned 18, whose rights were
  restored or who moved in are added; the dead, the deprived and those who moved out come off.
  A mental incapacity confirmed by the election committee keeps a voter off the roll. A
  detainee loses the vote only by a decision of the procuratorate or the court (1983 若干规定 四),
  and voters in custody or under measures vote by the methods the profile lists (五).
* **Village elections** register before every election on the grounds of 村委会组织法 第十三条
  (household and residence, household but absent, a year of residence with the assembly's
  consent), which provinces extend (浙江 第十三条: a year of village work; 上海 第九条: married-in
  and former villagers, confirmed by the election committee). Nobody is registered twice.

:func:`check_registration` decides one person; :func:`revise_roll` a whole district or village;
:func:`check_late_registration` a request to register after the registration period
(浙江细则 第二十九条: up to 12 days before; 北京细则 第三十条: until the day before).

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import *
    >>> from huanjie_rules.policy import load_policy
    >>> e = Election(key="v", regime=Regime.VILLAGE, policy_id="zhejiang-village-2020",
    ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
    ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.VILLAGE_MEMBER, count=3)],
    ...     entitled_voters=500)
    >>> clerk = Registrant(person=Person(name="林芳", gender=Gender.FEMALE,
    ...     birth_date=dt.date(1990, 5, 1)), household_here=False, resides_here=False,
    ...     village_work_since=dt.date(2020, 3, 1), applied=True, assembly_consent=True)
    >>> d = check_registration(clerk, e, load_policy("zhejiang-village-2020"))
    >>> d.action.value, d.ground.value, d.codes()
    ('ADD', 'VILLAGE_WORK_ONE_YEAR', ('REGISTERED_ON_GROUND',))
    >>> check_registration(clerk, e, load_policy("village-2018")).codes()
    ('NO_REGISTRATION_GROUND',)

Legal basis: 选举法 第五条、第二十七条; 《关于县级以下人民代表大会代表直接选举的若干规定》 三至五;
《村民委员会组织法》 第十三条; 浙江办法 第十三条; 上海办法 第九条; 浙江细则 第二十九条、第三十二条、
第四十四条; 北京细则 第三十条、第三十三条.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import LabeledEnum, Model, to_tuple
from .age import _age_on, _anniversary
from .eligibility import voter_rights
from .errors import ParameterError, Problem, RuleInputError
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .model import Election, Person, Regime, VotingMethod
from .policy import Parameter, ParamTable, Policy
from .procedure import latest_date_before

__all__ = [
    "FINDING_CODES",
    "Custody",
    "Incapacity",
    "LateGround",
    "Registrant",
    "RegistrationDecision",
    "RegistrationGround",
    "RollAction",
    "RollRevision",
    "check_late_registration",
    "check_registration",
    "revise_roll",
]

FINDING_CODES = Catalogue("huanjie_rules", "registration.messages.toml")


class RegistrationGround(LabeledEnum):
    """On what footing a villager is registered (村委会组织法 第十三条 and provincial rules)."""

    HOUSEHOLD_RESIDENT = (
        "HOUSEHOLD_RESIDENT",
        "户籍在本村并且在本村居住",
        ("户籍在本村居住", "本村户籍居住"),
    )
    HOUSEHOLD_ABSENT = (
        "HOUSEHOLD_ABSENT",
        "户籍在本村，不在本村居住",
        ("户籍在本村不在本村居住", "人户分离"),
    )
    RESIDENT_ONE_YEAR = (
        "RESIDENT_ONE_YEAR",
        "户籍不在本村，在本村居住一年以上",
        ("居住一年以上", "外来居住"),
    )
    VILLAGE_WORK_ONE_YEAR = (
        "VILLAGE_WORK_ONE_YEAR",
        "户籍不在本村，在本村从事村务工作一年以上",
        ("从事村务工作一年以上", "村务工作"),
    )
    MARRIED_IN = (
        "MARRIED_IN",
        "结婚后居住在配偶户籍所在村，本人户籍未迁入",
        ("婚入", "嫁入"),
    )
    FORMER_VILLAGER = (
        "FORMER_VILLAGER",
        "对本村集体经济依法享有权益的原村民",
        ("原村民",),
    )


class RollAction(LabeledEnum):
    """What happens to one person's place on the roll."""

    KEEP = ("KEEP", "保留", ("已登记",))
    ADD = ("ADD", "登记", ("列入", "补登"))
    REMOVE = ("REMOVE", "除名", ("删除",))
    NOT_LISTED = ("NOT_LISTED", "不列入", ("不予登记",))
    SUSPENDED = ("SUSPENDED", "停止行使选举权利", ("停止选举权利",))


class Custody(LabeledEnum):
    """A criminal or administrative measure a voter is under (1983 若干规定 四、五)."""

    NONE = ("NONE", "无", ("否",))
    PRISON = ("PRISON", "被判处有期徒刑", ("有期徒刑", "服刑"))
    CRIMINAL_DETENTION = ("CRIMINAL_DETENTION", "被判处拘役", ("拘役",))
    PUBLIC_SURVEILLANCE = ("PUBLIC_SURVEILLANCE", "被判处管制", ("管制",))
    COMMUNITY_CORRECTION = ("COMMUNITY_CORRECTION", "社区矫正", ("社区矫正对象",))
    DETAINED = ("DETAINED", "被羁押，正在受侦查、起诉、审判", ("羁押", "被羁押"))
    BAIL = ("BAIL", "取保候审", ("正在取保候审",))
    RESIDENTIAL_SURVEILLANCE = ("RESIDENTIAL_SURVEILLANCE", "监视居住", ("被监视居住",))
    ADMINISTRATIVE_DETENTION = ("ADMINISTRATIVE_DETENTION", "受拘留处罚", ("拘留", "行政拘留"))


class Incapacity(LabeledEnum):
    """An incapacity that may keep a voter off the roll once the committee confirms it."""

    NONE = ("NONE", "无", ("否",))
    MENTAL_ILLNESS = (
        "MENTAL_ILLNESS",
        "不能行使选举权利的精神病患者",
        ("精神病患者", "精神障碍患者"),
    )
    OTHER_NO_CAPACITY = ("OTHER_NO_CAPACITY", "其他无行为能力的人", ("无行为能力",))


class LateGround(LabeledEnum):
    """Why a person asks to be registered after the registration period."""

    UNREACHABLE = ("UNREACHABLE", "选民登记期间无法取得联系", ("无法取得联系", "失联"))
    MOVED_IN = ("MOVED_IN", "正式户口迁入", ("户口迁入", "迁入"))
    RIGHTS_RESTORED = ("RIGHTS_RESTORED", "恢复政治权利", ("恢复权利",))


_CONDITIONS: Mapping[str, tuple[str, str, str]] = MappingProxyType(
    {
        "APPLIED": ("applied", "本人申请（表示）参加选举", "the person's own application"),
        "ASSEMBLY_CONSENT": (
            "assembly_consent",
            "村民会议或者村民代表会议同意",
            "consent of the villagers' assembly or representatives' meeting",
        ),
        "COMMITTEE_CONFIRMED": (
            "committee_confirmed",
            "村民选举委员会确认",
            "confirmation by the village election committee",
        ),
        "LAWFUL_STABLE": (
            "lawful_stable_residence",
            "合法稳定居住",
            "lawful and stable residence",
        ),
    }
)

_ADDITIONS: Mapping[str, str] = MappingProxyType(
    {
        "NEWLY_ADULT": "上次选民登记以后新满十八周岁",
        "RIGHTS_RESTORED": "被剥夺政治权利期满后恢复政治权利",
        "MOVED_IN": "迁入本选区",
        "FIRST": "首次登记",
    }
)
_REMOVALS: Mapping[str, str] = MappingProxyType(
    {"DECEASED": "死亡", "DEPRIVED": "依照法律被剥夺政治权利", "MOVED_OUT": "迁出原选区"}
)


@attrs.frozen(kw_only=True)
class Registrant(Model):
    """One person as the registration rules see them.

    Attributes:
        person: who (birth date and ``political_rights_deprived`` decide the basic right).
        household_here: 户籍在本村 (village) / in the district (人大).
        resides_here: lives in the village or district.
        resident_since: since when they live there (for 「居住一年以上」).
        lawful_stable_residence: the residence is lawful and stable (上海 第九条).
        village_work_since: since when they do village work there (浙江 第十三条).
        married_in: lives in the spouse's village after marriage, household not moved (上海).
        former_villager_with_rights: a former villager with rights in the collective economy.
        applied: asked (or said they wish) to take part.
        assembly_consent: the 村民会议 or 村民代表会议 agreed.
        committee_confirmed: the (village) election committee confirmed.
        registered_elsewhere: already registered in another village or district this election.
        on_previous_roll: on the district's permanent roll from the last registration (人大).
        moved_in: moved into the district since the last registration.
        moved_out: moved out of the district since the last registration.
        rights_restored: political rights restored since the last registration.
        deceased: has died.
        incapacity: an incapacity that may keep them off the roll.
        incapacity_confirmed: the election committee confirmed it.
        custody: a criminal or administrative measure they are under.
        suspension_decided: the procuratorate or court decided to suspend their vote while
            detained (only with ``custody`` DETAINED).
    """

    person: Person
    household_here: bool = True
    resides_here: bool = True
    resident_since: _dt.date | None = None
    lawful_stable_residence: bool = False
    village_work_since: _dt.date | None = None
    married_in: bool = False
    former_villager_with_rights: bool = False
    applied: bool = False
    assembly_consent: bool = False
    committee_confirmed: bool = False
    registered_elsewhere: bool = False
    on_previous_roll: bool = False
    moved_in: bool = False
    moved_out: bool = False
    rights_restored: bool = False
    deceased: bool = False
    incapacity: Incapacity = Incapacity.NONE
    incapacity_confirmed: bool = False
    custody: Custody = Custody.NONE
    suspension_decided: bool = False

    @property
    def key(self) -> str:
        """The person's key."""
        return self.person.key

    def _checks(self) -> Iterable[Problem]:
        if self.moved_in and self.moved_out:
            yield Problem("INCONSISTENT", "moved_out", "cannot have moved both in and out")
        if self.incapacity_confirmed and self.incapacity is Incapacity.NONE:
            yield Problem("INCONSISTENT", "incapacity_confirmed", "is set without an incapacity")
        if self.suspension_decided and self.custody is not Custody.DETAINED:
            yield Problem("INCONSISTENT", "suspension_decided", "is set for someone not detained")
        for name in ("resident_since", "village_work_since"):
            since = getattr(self, name)
            if since is not None and since < self.person.birth_date:
                yield Problem("DATE_ORDER", name, "is before the person's birth date")


@attrs.frozen(kw_only=True)
class RegistrationDecision(Verdict):
    """One person's registration: a verdict (FAIL findings keep them off the roll), what happens
    to their place on the roll, the ground they are registered on (villages) and how they may
    vote."""

    action: RollAction
    ground: RegistrationGround | None = None
    methods: tuple[VotingMethod, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class RollRevision(Verdict):
    """A district's or village's roll after registration: every decision and the lists.

    ``listed`` holds everyone on the roll (kept and added), ``suspended`` those listed whose vote
    is suspended while detained; the status is the worst of the decisions' findings that are
    not about a single person being off the roll (so a correct revision with removals is
    ELIGIBLE).
    """

    decisions: tuple[RegistrationDecision, ...] = attrs.field(default=(), converter=to_tuple)
    listed: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    added: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    removed: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    not_listed: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    suspended: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str,
    *,
    observed: Scalar = None,
    limit: Scalar = None,
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
        extra=values,
    )


def _methods(policy: Policy, custody: Custody) -> tuple[Parameter | None, tuple[VotingMethod, ...]]:
    if custody is Custody.NONE or "registration.custody_methods" not in policy:
        return None, (VotingMethod.IN_PERSON,)
    param = policy.param("registration.custody_methods")
    for row in policy.get_tables(param.name):
        if row.get("custody") == custody.value:
            return param, tuple(
                kit.member(VotingMethod, m, param) for m in kit.row_strs(row, "methods")
            )
    return param, (VotingMethod.IN_PERSON,)


def _labels(methods: Sequence[VotingMethod]) -> str:
    return "、".join(m.label for m in methods)


def _village(
    r: Registrant, policy: Policy, on: _dt.date, subject: str
) -> tuple[RegistrationGround | None, list[Finding]]:
    param = policy.param("registration.village_grounds")
    leap = _leap(policy)
    applicable: list[tuple[RegistrationGround, ParamTable]] = []
    for row in policy.get_tables(param.name):
        ground = kit.member(RegistrationGround, kit.row_str(row, "ground", param), param)
        if _applies(ground, r):
            applicable.append((ground, row))
    if not applicable:
        return None, [_f("NO_REGISTRATION_GROUND", param, param.breach_severity, subject)]
    failures: list[Finding] = []
    for ground, row in applicable:
        missing = _row_failures(ground, row, r, param, on, leap, subject)
        if not missing:
            ok = _f("REGISTERED_ON_GROUND", param, Severity.INFO, subject, observed=ground.label)
            return ground, [ok]
        failures.extend(missing)
    return None, failures


def _leap(policy: Policy) -> str:
    name = "eligibility.leap_day_birthday"
    return policy.get_str(name) if name in policy else "FEB_28"


def _applies(ground: RegistrationGround, r: Registrant) -> bool:
    if ground is RegistrationGround.HOUSEHOLD_RESIDENT:
        return r.household_here and r.resides_here
    if ground is RegistrationGround.HOUSEHOLD_ABSENT:
        return r.household_here and not r.resides_here
    if r.household_here:
        return False
    if ground is RegistrationGround.RESIDENT_ONE_YEAR:
        return r.resides_here
    if ground is RegistrationGround.VILLAGE_WORK_ONE_YEAR:
        return r.village_work_since is not None
    if ground is RegistrationGround.MARRIED_IN:
        return r.married_in
    return r.former_villager_with_rights


def _row_failures(
    ground: RegistrationGround,
    row: ParamTable,
    r: Registrant,
    param: Parameter,
    on: _dt.date,
    leap: str,
    subject: str,
) -> list[Finding]:
    found: list[Finding] = []
    sev = param.breach_severity
    for cond in kit.row_strs(row, "conditions"):
        if cond not in _CONDITIONS:
            raise ParameterError(
                f"{param.name} names an unknown condition {cond!r}", path=param.name
            )
        attr, zh, _ = _CONDITIONS[cond]
        if not getattr(r, attr):
            found.append(
                _f(
                    "REGISTRATION_CONDITION_MISSING",
                    param,
                    sev,
                    subject,
                    observed=zh,
                    ground=ground.label,
                )
            )
    years = row.get("min_years")
    since_kind = row.get("since")
    if isinstance(years, int) and since_kind in ("RESIDENCE", "VILLAGE_WORK"):
        since = r.resident_since if since_kind == "RESIDENCE" else r.village_work_since
        if since is None:
            found.append(
                _f(
                    "REGISTRATION_SINCE_UNKNOWN",
                    param,
                    sev,
                    subject,
                    limit=years,
                    ground=ground.label,
                )
            )
        else:
            reached = _anniversary(since, years, leap_day=leap)
            # 一年以上: the anniversary itself qualifies.
            if reached > on:
                found.append(
                    _f(
                        "REGISTRATION_PERIOD_SHORT",
                        param,
                        sev,
                        subject,
                        observed=since,
                        limit=reached,
                        ground=ground.label,
                        years=years,
                    )
                )
    return found


def _addition(r: Registrant, policy: Policy, last: _dt.date | None) -> str:
    grounds = policy.get_strings("registration.addition_grounds")
    if r.moved_in and "MOVED_IN" in grounds:
        return "MOVED_IN"
    if r.rights_restored and "RIGHTS_RESTORED" in grounds:
        return "RIGHTS_RESTORED"
    if (
        last is not None
        and "NEWLY_ADULT" in grounds
        and (last < r.person.birth_date or _age_on(r.person.birth_date, last) < _min_age(policy))
    ):
        return "NEWLY_ADULT"
    return "FIRST"


def _min_age(policy: Policy) -> int:
    return policy.get_int("rights.min_age") if "rights.min_age" in policy else 18


@checked
def check_registration(
    registrant: Registrant,
    election: Election,
    policy: Policy,
    *,
    on: _dt.date | None = None,
    last_registration: _dt.date | None = None,
) -> RegistrationDecision:
    """Decide one person's registration for ``election``.

    Args:
        registrant: the person and the registration facts.
        election: the election (its date is the age date; its regime picks the rules).
        policy: the profile (``registration.*``, with ``rights.*`` and ``eligibility.*`` for the
            basic right to vote).
        on: the day of registration, for periods such as 「居住一年以上」 (default: election day).
        last_registration: the day of the district's last registration (人大), to tell
            newly-adult voters from first registrations.

    Returns:
        A :class:`RegistrationDecision`: FAIL findings keep the person off the roll (under 18,
        deprived, dead, a confirmed incapacity, no village ground, registered elsewhere), WARN
        ones need review, INFO ones explain the listing and the voting methods.

    Raises:
        RuleInputError: wrong argument types; an election of a party regime (``REGIME_NOT_COVERED``).
        PolicyError: the profile does not match the election (see
            :func:`~huanjie_rules.eligibility.voter_rights`) or lacks the registration rules.

    Legal basis: 选举法 第五条、第二十七条; 《若干规定》 三至五; 《村民委员会组织法》 第十三条; 浙江办法
    第十三条; 上海办法 第九条; 浙江细则 第三十二条、第四十四条; 北京细则 第三十三条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> e = Election(key="d1", regime=Regime.NPC, policy_id="npc-2020",
        ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP,
        ...     form=ElectionForm.DIRECT_VOTERS, date=dt.date(2021, 11, 5),
        ...     seats=[Seat(office=Office.NPC_DEPUTY, count=2)], entitled_voters=3000)
        >>> r = Registrant(person=Person(name="赵强", gender=Gender.MALE,
        ...     birth_date=dt.date(1970, 1, 1)), on_previous_roll=True, custody=Custody.BAIL)
        >>> d = check_registration(r, e, load_policy("npc-2020"))
        >>> d.action.value, [m.value for m in d.methods]
        ('KEEP', ['MOBILE_BOX', 'PROXY'])
        >>> d = check_registration(r, e, load_policy("zhejiang-npc-2021"))
        >>> [m.value for m in d.methods]
        ['IN_PERSON', 'MOBILE_BOX']
    """
    r = kit.need_type(registrant, Registrant, "registrant")
    kit.need_type(election, Election, "election")
    if on is not None:
        kit.need_date(on, "on")
    if last_registration is not None:
        kit.need_date(last_registration, "last_registration")
    if election.regime not in (Regime.NPC, Regime.VILLAGE):
        raise RuleInputError(
            f"voter registration applies to 人大 and village elections, not {election.regime.value}",
            code="REGIME_NOT_COVERED",
            path="election.regime",
        )
    rights = voter_rights(r.person, election, policy)
    if election.regime is Regime.VILLAGE:
        return _decide_village(r, election, policy, rights.findings, on or election.date)
    return _decide_npc(r, policy, rights.findings, last_registration)


def _off(
    subject: str,
    policy: Policy,
    findings: list[Finding],
    action: RollAction,
    ground: RegistrationGround | None = None,
) -> RegistrationDecision:
    v = Verdict._from_findings(subject, policy.id, findings)
    return RegistrationDecision(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        action=action,
        ground=ground,
    )


def _decide_village(
    r: Registrant,
    election: Election,
    policy: Policy,
    rights: Sequence[Finding],
    on: _dt.date,
) -> RegistrationDecision:
    subject = r.key
    grounds_param = policy.param("registration.village_grounds")
    findings = list(rights)
    if r.deceased:
        findings.append(
            _f("REGISTRANT_DECEASED", grounds_param, grounds_param.breach_severity, subject)
        )
    if r.registered_elsewhere and "registration.single_registration" in policy:
        single = policy.param("registration.single_registration")
        if policy.get_bool(single.name):
            findings.append(_f("DOUBLE_REGISTRATION", single, single.breach_severity, subject))
    ground, ground_findings = _village(r, policy, on, subject)
    findings.extend(ground_findings)
    if any(f.severity is Severity.FAIL for f in findings):
        kept = [f for f in findings if f.code != "REGISTERED_ON_GROUND"]
        return _off(subject, policy, kept, RollAction.NOT_LISTED)
    v = Verdict._from_findings(subject, policy.id, findings)
    return RegistrationDecision(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        action=RollAction.ADD,
        ground=ground,
        methods=(VotingMethod.IN_PERSON,),
    )


def _decide_npc(
    r: Registrant,
    policy: Policy,
    rights: Sequence[Finding],
    last: _dt.date | None,
) -> RegistrationDecision:
    subject = r.key
    permanent = policy.param("registration.roll_permanent")
    removal = policy.param("registration.removal_grounds")
    removals = policy.get_strings(removal.name)
    findings = list(rights)
    was_listed = r.on_previous_roll and policy.get_bool(permanent.name)
    off_action = RollAction.REMOVE if was_listed else RollAction.NOT_LISTED

    if r.deceased:
        findings.append(_f("REGISTRANT_DECEASED", removal, removal.breach_severity, subject))
        if was_listed and "DECEASED" in removals:
            findings.append(
                _f("ROLL_REMOVED", removal, Severity.INFO, subject, observed=_REMOVALS["DECEASED"])
            )
        return _off(subject, policy, findings, off_action)
    if any(f.severity is Severity.FAIL for f in rights):
        if was_listed and r.person.political_rights_deprived and "DEPRIVED" in removals:
            findings.append(
                _f("ROLL_REMOVED", removal, Severity.INFO, subject, observed=_REMOVALS["DEPRIVED"])
            )
        return _off(subject, policy, findings, off_action)
    if r.moved_out:
        findings.append(
            _f(
                "ROLL_REMOVED",
                removal,
                removal.breach_severity,
                subject,
                observed=_REMOVALS["MOVED_OUT"],
            )
        )
        return _off(subject, policy, findings, off_action)
    if r.registered_elsewhere:
        single = policy.param("registration.single_registration")
        if policy.get_bool(single.name):
            findings.append(_f("DOUBLE_REGISTRATION", single, single.breach_severity, subject))
            return _off(subject, policy, findings, off_action)

    inc_param = policy.param("registration.incapacity_grounds")
    if r.incapacity.value in policy.get_strings(inc_param.name):
        if r.incapacity_confirmed:
            findings.append(
                _f(
                    "INCAPACITY_NOT_LISTED",
                    inc_param,
                    inc_param.breach_severity,
                    subject,
                    observed=r.incapacity.label,
                )
            )
            return _off(subject, policy, findings, off_action)
        findings.append(
            _f(
                "INCAPACITY_UNCONFIRMED",
                inc_param,
                Severity.WARN,
                subject,
                observed=r.incapacity.label,
            )
        )

    action = RollAction.KEEP if was_listed else RollAction.ADD
    if r.custody is Custody.DETAINED:
        det = policy.param("registration.detention_suspension")
        if r.suspension_decided:
            mode = policy.get_str(det.name)
            action = RollAction.SUSPENDED if mode == "SUSPENDED" else off_action
            findings.append(
                _f(
                    "DETENTION_SUSPENDED",
                    det,
                    det.breach_severity,
                    subject,
                    observed=RollAction.SUSPENDED.label if mode == "SUSPENDED" else "不予登记",
                )
            )
            if action is not RollAction.SUSPENDED:
                return _off(subject, policy, findings, action)
        else:
            findings.append(_f("DETAINEE_MAY_VOTE", det, Severity.INFO, subject))

    if action is RollAction.KEEP:
        findings.append(_f("ROLL_KEPT", permanent, Severity.INFO, subject))
    elif action is RollAction.ADD:
        why = _addition(r, policy, last)
        add_param = policy.param("registration.addition_grounds")
        findings.append(
            _f("ROLL_ADDED", add_param, Severity.INFO, subject, observed=_ADDITIONS[why])
        )

    methods: tuple[VotingMethod, ...] = ()
    if action is not RollAction.SUSPENDED:
        m_param, methods = _methods(policy, r.custody)
        if m_param is not None and r.custody is not Custody.NONE:
            findings.append(
                _f(
                    "CUSTODY_METHODS",
                    m_param,
                    Severity.INFO,
                    subject,
                    observed=r.custody.label,
                    limit=_labels(methods),
                )
            )
    v = Verdict._from_findings(subject, policy.id, findings)
    return RegistrationDecision(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        action=action,
        methods=methods,
    )


@checked
def revise_roll(
    registrants: Sequence[Registrant],
    election: Election,
    policy: Policy,
    *,
    on: _dt.date | None = None,
    last_registration: _dt.date | None = None,
) -> RollRevision:
    """Decide every registrant of one district or village and give the resulting roll.

    Each registrant is decided by :func:`check_registration`; the revision lists who is on the
    roll (kept and added), who came off it, who was not listed and whose vote is suspended.
    The revision's own findings are the WARN findings of the decisions (cases to review); the
    FAIL findings stay with each decision, since keeping someone off the roll is the rule
    working, not the roll failing.

    Raises:
        RuleInputError: two registrants with the same person key (``DUPLICATE_KEY``), or any
            error of :func:`check_registration`.

    Legal basis: 选举法 第二十七条; 《村民委员会组织法》 第十三条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> e = Election(key="d1", regime=Regime.NPC, policy_id="npc-2020",
        ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.COUNTY,
        ...     form=ElectionForm.DIRECT_VOTERS, date=dt.date(2021, 11, 5),
        ...     seats=[Seat(office=Office.NPC_DEPUTY, count=2)], entitled_voters=3000)
        >>> def person(name, born):
        ...     return Person(name=name, gender=Gender.MALE, birth_date=born)
        >>> roll = revise_roll([
        ...     Registrant(person=person("甲", dt.date(1960, 1, 1)), on_previous_roll=True),
        ...     Registrant(person=person("乙", dt.date(2002, 6, 1))),
        ...     Registrant(person=person("丙", dt.date(1950, 1, 1)), on_previous_roll=True,
        ...                deceased=True),
        ... ], e, load_policy("npc-2020"), last_registration=dt.date(2016, 9, 1))
        >>> roll.listed, roll.added, roll.removed
        (('甲', '乙'), ('乙',), ('丙',))
    """
    items = tuple(registrants)
    for i, r in enumerate(items):
        kit.need_type(r, Registrant, f"registrants[{i}]")
    seen: set[str] = set()
    for i, r in enumerate(items):
        if r.key in seen:
            raise RuleInputError(
                f"{r.key!r} is given twice and would be registered twice",
                code="DUPLICATE_KEY",
                path=f"registrants[{i}].person.key",
            )
        seen.add(r.key)
    decisions = tuple(
        check_registration(r, election, policy, on=on, last_registration=last_registration)
        for r in items
    )
    by = {
        action: tuple(d.subject for d in decisions if d.action is action) for action in RollAction
    }
    listed = tuple(
        d.subject
        for d in decisions
        if d.action in (RollAction.KEEP, RollAction.ADD, RollAction.SUSPENDED)
    )
    review = [f for d in decisions for f in d.findings if f.severity is Severity.WARN]
    v = Verdict._from_findings(election.key, policy.id, review)
    return RollRevision(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        decisions=decisions,
        listed=listed,
        added=by[RollAction.ADD],
        removed=by[RollAction.REMOVE],
        not_listed=by[RollAction.NOT_LISTED],
        suspended=by[RollAction.SUSPENDED],
    )


@checked
def check_late_registration(
    ground: LateGround,
    requested_on: _dt.date,
    election_day: _dt.date,
    policy: Policy,
    *,
    subject: str = "",
) -> Finding:
    """Whether a request to register after the registration period must be granted.

    Returns ``LATE_REGISTRATION_DUE`` (INFO) when the ground is one the profile allows and the
    request came no later than ``procedure.late_registration_days_before`` days before election
    day; ``LATE_REGISTRATION_TOO_LATE`` or ``LATE_REGISTRATION_NO_GROUND`` (FAIL) otherwise.

    Raises:
        ParameterError: the profile has no late-registration rule (the national ones have none).
        RuleInputError: wrong argument types, or a request after election day.

    Legal basis: 浙江细则 第二十九条 (十二日以前); 北京细则 第三十条 (至投票选举日前).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> zj = load_policy("zhejiang-npc-2021")
        >>> day = dt.date(2021, 11, 20)
        >>> [check_late_registration(LateGround.UNREACHABLE, dt.date(2021, 11, d), day, zj).code
        ...  for d in (7, 8, 9)]
        ['LATE_REGISTRATION_DUE', 'LATE_REGISTRATION_DUE', 'LATE_REGISTRATION_TOO_LATE']
    """
    kit.need_type(ground, LateGround, "ground")
    kit.need_date(requested_on, "requested_on")
    kit.need_date(election_day, "election_day")
    if requested_on > election_day:
        raise RuleInputError(
            "a request to register after election day is not a late registration",
            code="DATE_ORDER",
            path="requested_on",
        )
    grounds = policy.param("registration.late_registration_grounds")
    days_param = policy.param("procedure.late_registration_days_before")
    allowed = policy.get_strings(grounds.name)
    if ground.value not in allowed:
        return _f(
            "LATE_REGISTRATION_NO_GROUND",
            grounds,
            grounds.breach_severity,
            subject,
            observed=ground.label,
            limit="、".join(kit.member(LateGround, g, grounds).label for g in allowed),
        )
    latest = latest_date_before(election_day, policy.get_int(days_param.name), policy)
    if requested_on > latest:
        return _f(
            "LATE_REGISTRATION_TOO_LATE",
            days_param,
            days_param.breach_severity,
            subject,
            observed=requested_on,
            limit=latest,
        )
    return _f(
        "LATE_REGISTRATION_DUE",
        days_param,
        Severity.INFO,
        subject,
        observed=requested_on,
        limit=latest,
    )
