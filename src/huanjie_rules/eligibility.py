"""Candidate screens: every eligibility rule of a profile, every finding explained.

:func:`screen` takes one candidate, the election and a policy profile and returns an
:class:`~huanjie_rules.findings.Eligibility`: ELIGIBLE, NEEDS_REVIEW or INELIGIBLE with *every*
finding behind it (never just the first). :func:`screen_many` does the same for many candidates,
one result per input, in input order. :func:`voter_rights` answers who may vote.

The checks (see :data:`CHECKS`) are independent and their findings are sorted canonically, so the
order in which they run never changes a result:

``rights``
    party regimes: the standings that carry 被选举权, the 临时组织关系 letter, 留置/逮捕;
    人大 and village regimes: 年满十八周岁 on election day, political rights not deprived.
``identity``
    the 公民身份号码 (GB 11643): check character, encoded birth date and sex against the stated
    ones; which birth date counts is ``eligibility.birth_date_source``. The number is masked.
``age`` and ``education``
    the profile's ``eligibility.role_limits`` rows for the candidate's office and tenure: 周岁
    limits in the profile's age mode, service horizons to the retirement age, 学历/学位 minimums.
``party_age``
    党龄 of branch and general-branch secretaries (``eligibility.secretary_party_age``, soft),
    counted from 转正 or 入党 (``eligibility.party_age_counts_from``).
``negative_lists``
    the active lists (``eligibility.negative_lists``): record facts matched by ``kind`` within
    their look-back windows, and attested items from ``Vetting.attestations``.
``prechecks``
    the 四个凡提 (``eligibility.prechecks_required``).
``incompatibility``
    election-committee members and scrutineers/counters who are candidates or their relatives.

Look-back windows: a fact ``ended`` less than N years before the election day counts; on the
N-th anniversary (满N年) it no longer does, so the window is ``[ended, ended + N years)``. A fact
still running on the election day (``ongoing``, or ``ended`` on or after it) always counts.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import *
    >>> from huanjie_rules.policy import load_policy
    >>> policy = load_policy("village-2018")
    >>> election = Election(key="e", regime=Regime.VILLAGE, policy_id="village-2018",
    ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
    ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.VILLAGE_DIRECTOR, count=1)],
    ...     entitled_voters=900)
    >>> young = Candidate(office=Office.VILLAGE_DIRECTOR, person=Person(name="王林",
    ...     gender=Gender.MALE, birth_date=dt.date(2003, 3, 2)))
    >>> result = screen(young, election, policy)
    >>> result.status.value, result.codes()
    ('INELIGIBLE', ('AGE_UNDER_MINIMUM',))
    >>> result.findings[0].message_en
    'aged 17 on 2021-03-01, under the minimum of 18'

Legal basis: 选举法 第四条; 《村民委员会组织法》 第六条、第十二条、第十三条; 《中国共产党基层组织选举工作
条例》 第五条、第二十二条; the local profiles' seeds (001:28-30, 003:555, 003:735).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Literal, overload

import attrs

from ._base import Ambiguous, Model, Unrecognized, to_tuple
from .age import AgeBasis, AgeMode, age_on, anniversary, can_serve, retirement_date
from .errors import RuleInputError
from .findings import Citation, Eligibility, Finding, Message, Scalar, Severity
from .idcard import mask
from .model import (
    Candidate,
    CheckStatus,
    Degree,
    EducationLevel,
    Election,
    Gender,
    Office,
    PartyStanding,
    Person,
    PreCheckKind,
    RecordFact,
    Regime,
    Tenure,
)
from .policy import Parameter, ParamTable, Policy

__all__ = [
    "CHECKS",
    "FINDING_CODES",
    "IdentityCheck",
    "ScreenError",
    "age_basis",
    "check_education_text",
    "check_identity",
    "education_requirement",
    "negative_list_items",
    "party_age",
    "required_attestations",
    "screen",
    "screen_many",
    "voter_rights",
]

#: The names of the independent checks a screen runs, in their default order.
CHECKS: tuple[str, ...] = (
    "rights",
    "identity",
    "age",
    "party_age",
    "education",
    "negative_lists",
    "prechecks",
    "incompatibility",
)

FINDING_CODES: Mapping[str, Message] = MappingProxyType(
    {
        # rights
        "NO_CANDIDACY_STANDING": Message(
            zh="党员身份为{standing_t}，没有被选举权（须为：{limit}）",
            en="party standing {standing_t} carries no right to be elected (needs: {limit})",
        ),
        "NO_VOTING_STANDING": Message(
            zh="党员身份为{standing_t}，没有表决权和选举权（须为：{limit}）",
            en="party standing {standing_t} carries no right to vote (needs: {limit})",
        ),
        "RIGHTS_SUSPENDED": Message(
            zh="被依法留置或逮捕，党员权利已中止（{observed}）",
            en="detained or arrested: party rights are suspended ({observed})",
        ),
        "TEMPORARY_LETTER_ONLY": Message(
            zh="仅持临时组织关系证明信，在本组织没有表决权、选举权和被选举权",
            en="holds only a temporary relation letter: no vote and no candidacy in this organisation",
        ),
        "AGE_UNDER_MINIMUM": Message(
            zh="选举日（{on}）年龄{observed}周岁，未满{limit}周岁",
            en="aged {observed} on {on}, under the minimum of {limit}",
        ),
        "POLITICAL_RIGHTS_DEPRIVED": Message(
            zh="依照法律被剥夺政治权利，没有选举权和被选举权",
            en="deprived of political rights by law: may neither vote nor stand",
        ),
        # identity
        "ID_CHECKSUM_INVALID": Message(
            zh="公民身份号码{observed}校验码错误",
            en="ID number {observed} has a wrong check character",
        ),
        "ID_BIRTH_DATE_INVALID": Message(
            zh="公民身份号码{observed}所含出生日期无效或晚于选举日",
            en="ID number {observed} encodes no valid birth date on or before election day",
        ),
        "ID_LEGACY_NUMBER": Message(
            zh="公民身份号码{observed}为15位旧号码，已按GB 11643换算为18位核对",
            en="ID number {observed} is a 15-digit legacy number; checked as its 18-character form",
        ),
        "ID_BIRTH_DATE_MISMATCH": Message(
            zh="公民身份号码所含出生日期{observed}与所填出生日期{limit}不一致，按{source_t}计算年龄",
            en="the ID number's birth date {observed} differs from the stated {limit}; age uses the {source_t}",
        ),
        "ID_SEX_MISMATCH": Message(
            zh="公民身份号码所含性别{observed}与所填性别{limit}不一致",
            en="the ID number's sex {observed} differs from the stated {limit}",
        ),
        # age and service
        "AGE_OVER_LIMIT": Message(
            zh="{role}：年龄{observed}周岁（{basis_t}），超过{limit}周岁",
            en="{role}: aged {observed} ({basis_t}), over the limit of {limit}",
        ),
        "AGE_AT_OR_OVER_BAR": Message(
            zh="{role}：年龄{observed}周岁（{basis_t}），已达{limit}岁以上",
            en="{role}: aged {observed} ({basis_t}), at or over {limit}",
        ),
        "SERVICE_HORIZON_SHORT": Message(
            zh="{role}：不能干满{limit}年（退休年龄{retirement}岁，{left_t}）",
            en="{role}: cannot serve {limit} full years before the retirement age of {retirement} ({left_t})",
        ),
        "BIRTH_AFTER_REFERENCE": Message(
            zh="{role}：出生日期{observed}晚于年龄计算日期{limit}",
            en="{role}: born {observed}, after the age reference date {limit}",
        ),
        "ROLE_LIMIT_TENURE_UNCOVERED": Message(
            zh="{observed}的{limit}人选不在本方案年龄、学历条件所列情形内，需人工确定适用条件",
            en="the profile's age and education limits for {observed} name no {limit} candidates; a person must decide which apply",
        ),
        # party age
        "PARTY_AGE_SHORT": Message(
            zh="{role}：党龄{observed}年（自{start}起算，{from_t}），一般应有{limit}年以上",
            en="{role}: {observed} whole years of party membership (counted from {start}, {from_t}); normally at least {limit}",
        ),
        "PARTY_AGE_DATE_MISSING": Message(
            zh="{role}：未提供{date_t}，无法核对党龄是否达到{limit}年，请补充",
            en="{role}: no {date_t} given; cannot check the party age against the {limit}-year minimum; please supply it",
        ),
        "PARTY_AGE_START_PRESUMED": Message(
            zh="{role}：未提供转正时间，按入党时间{observed}加预备期{years}年推定为{limit}",
            en="{role}: no date of full membership given; taken as admission {observed} plus the {years}-year probation, {limit}",
        ),
        # education
        "EDUCATION_BELOW_MINIMUM": Message(
            zh="{role}：{basis_t}学历为{observed}，低于{limit}",
            en="{role}: {basis_t} education is {observed}, below {limit}",
        ),
        "EDUCATION_UNKNOWN": Message(
            zh="{role}：未提供{basis_t}学历，无法核对是否达到{limit}",
            en="{role}: no {basis_t} education given; cannot check against {limit}",
        ),
        "DEGREE_BELOW_MINIMUM": Message(
            zh="{role}：学位为{observed}，低于{limit}",
            en="{role}: degree {observed} is below {limit}",
        ),
        "DEGREE_UNKNOWN": Message(
            zh="{role}：未提供学位，无法核对是否达到{limit}",
            en="{role}: no degree given; cannot check against {limit}",
        ),
        "EDUCATION_TEXT_AMBIGUOUS": Message(
            zh="学历“{observed}”有多种含义（{options}），请明确",
            en="education '{observed}' has several readings ({options}); say which",
        ),
        "EDUCATION_TEXT_UNRECOGNIZED": Message(
            zh="无法识别学历“{observed}”",
            en="education '{observed}' is not a known level",
        ),
        # negative lists
        "NEGATIVE_RECORD": Message(
            zh="触及{list}第{item}项「{text_t}」：记录{observed}（{window_t}）",
            en="item {item} of {list} ({text_t}): record {observed} ({window_t})",
        ),
        "NEGATIVE_ATTESTED": Message(
            zh="经组织认定触及{list}第{item}项「{text_t}」",
            en="attested: item {item} of {list} applies ({text_t})",
        ),
        "NEGATIVE_NOT_ATTESTED": Message(
            zh="{list}第{item}项「{text_t}」尚无组织认定意见（{limit}），需审核",
            en="no attestation for item {item} of {list} ({text_t}, item code {limit}); needs review",
        ),
        "RECORD_OUTSIDE_WINDOW": Message(
            zh="记录{observed}已超出{list}第{item}项的期限（{window_t}）",
            en="record {observed} lies outside the window of item {item} of {list} ({window_t})",
        ),
        "RECORD_DATES_UNKNOWN": Message(
            zh="记录{observed}缺少结束日期，无法判断是否在{list}第{item}项的期限内（{window_t}），需审核",
            en="record {observed} has no end date; cannot tell whether item {item} of {list} applies ({window_t}); needs review",
        ),
        "RECORD_AFTER_DATE": Message(
            zh="记录{observed}开始于{limit}之后，不计入本次审查",
            en="record {observed} starts after {limit}; not counted",
        ),
        "RECORD_NOT_ASSESSED": Message(
            zh="记录{observed}不在本方案适用的负面清单内，需人工审核",
            en="record {observed} matches no active negative list; a person must assess it",
        ),
        "ATTESTATION_UNKNOWN_ITEM": Message(
            zh="组织认定事项{observed}不在本方案适用的负面清单内，需人工审核",
            en="attested item {observed} is on no active negative list; a person must assess it",
        ),
        # pre-checks
        "PRECHECK_MISSING": Message(
            zh="未记录“{observed}”，不得作为提名人选",
            en="no record of the check '{observed}': cannot be nominated",
        ),
        "PRECHECK_NOT_DONE": Message(
            zh="“{observed}”未开展，不得作为提名人选",
            en="the check '{observed}' has not been done: cannot be nominated",
        ),
        "PRECHECK_UNRESOLVED": Message(
            zh="“{observed}”问题没有查清、疑点没有消除，不得作为提名人选",
            en="the check '{observed}' is unresolved: cannot be nominated",
        ),
        "PRECHECK_ISSUE_FOUND": Message(
            zh="“{observed}”发现问题，不得作为提名人选",
            en="the check '{observed}' found a problem: cannot be nominated",
        ),
        # incompatibility
        "STAFF_ROLE_CANDIDATE": Message(
            zh="候选人同时担任{role_t}（{observed}），应退出该职务或不作为候选人",
            en="the candidate also serves as {role_t} ({observed}); must leave that role or not stand",
        ),
        "STAFF_ROLE_RELATIVE": Message(
            zh="候选人的近亲属{observed}担任{role_t}",
            en="the candidate's close relative {observed} serves as {role_t}",
        ),
    }
)

_STANDING_EN = {
    "FULL_MEMBER": "full member",
    "PROBATIONARY": "probationary member",
    "UNDER_PROBATION": "member under 留党察看",
    "RIGHTS_SUSPENDED": "member with rights suspended",
    "NON_MEMBER": "non-member",
}
_STAFF_EN = {
    "ELECTION_COMMITTEE": "election committee member",
    "CHIEF_SCRUTINEER": "chief scrutineer",
    "SCRUTINEER": "scrutineer",
    "COUNTER": "counter",
}
_WINDOW = {
    "EVER": ("不限时间", "any time"),
    "ONGOING": ("选举日仍在持续", "still running on election day"),
}


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def _sev(hard: bool) -> Severity:
    return Severity.FAIL if hard else Severity.WARN


def _esc(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _localized(code: str, **pairs: tuple[str, str]) -> Message:
    """The catalogue message with ``{name_t}`` placeholders filled per language."""
    message = FINDING_CODES[code]
    zh, en = message.zh, message.en
    for name, (text_zh, text_en) in pairs.items():
        zh = zh.replace("{" + name + "}", _esc(text_zh))
        en = en.replace("{" + name + "}", _esc(text_en))
    return Message(zh=zh, en=en)


def _finding(
    code: str,
    severity: Severity,
    param: Parameter,
    *,
    subject: str,
    observed: Scalar = None,
    limit: Scalar = None,
    citation: Citation | None = None,
    pairs: Mapping[str, tuple[str, str]] | None = None,
    **values: object,
) -> Finding:
    return param.finding(
        code,
        _localized(code, **dict(pairs or {})),
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        citation=citation,
        extra=values,
    )


def _t_str(row: ParamTable, key: str) -> str | None:
    value = row.get(key)
    return value if isinstance(value, str) else None


def _t_int(row: ParamTable, key: str) -> int | None:
    value = row.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _t_strs(row: ParamTable, key: str) -> tuple[str, ...]:
    value = row.get(key)
    if isinstance(value, tuple):
        return tuple(str(v) for v in value)
    if isinstance(value, str):
        return (value,)
    return ()


def _t_date(row: ParamTable, key: str) -> _dt.date | None:
    value = row.get(key)
    return value if isinstance(value, _dt.date) else None


def _row_citation(param: Parameter, row: ParamTable) -> Citation:
    cite = param.citation
    article, seed = _t_str(row, "article"), _t_str(row, "seed")
    quote, reliability = _t_str(row, "quote"), _t_str(row, "reliability")
    if not (article or seed or quote or reliability):
        return cite
    return attrs.evolve(
        cite,
        article=article or cite.article,
        seed=seed or cite.seed,
        quote=quote or cite.quote,
        reliability=reliability or cite.reliability,
    )


def _standing_pair(standing: PartyStanding) -> tuple[str, str]:
    return standing.label, _STANDING_EN[standing.value]


# --------------------------------------------------------------------------------------------
# identity
# --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class IdentityCheck(Model):
    """What the 公民身份号码 says against the stated data, and which birth date and sex count.

    Attributes:
        birth_date: the birth date age rules use (per ``eligibility.birth_date_source``).
        gender: the sex composition rules use (same source rule).
        birth_date_source: ``"DOSSIER"`` or ``"ID_CARD"`` — the source actually used (the stated
            data are used whenever the number is missing or defective).
        id_masked: the number as shown (masked), or None when none was given.
        findings: the defects and disagreements found (WARN) and notes (INFO).
    """

    birth_date: _dt.date
    gender: Gender
    birth_date_source: str
    id_masked: str | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


def check_identity(
    person: Person, policy: Policy, *, on: _dt.date | None = None, subject: str | None = None
) -> IdentityCheck:
    """Check a person's 公民身份号码 and decide which birth date and sex the rules use.

    The check character (ISO 7064 MOD 11-2), the encoded birth date (a real date, not after
    ``on``) and the sex digit are compared with the stated ``birth_date`` and ``gender``. A
    15-digit legacy number is read as its 18-character form (INFO). Every defect or disagreement
    is a WARN; the number appears only masked. With ``eligibility.birth_date_source = "ID_CARD"``
    a valid number's birth date and sex win; otherwise the stated ones do.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import Gender, IdNumber, Person
        >>> from huanjie_rules.policy import load_policy
        >>> p = Person(name="赵敏", gender=Gender.FEMALE, birth_date=dt.date(1949, 12, 30),
        ...            id_number=IdNumber("11010519491231002X"))
        >>> zj = check_identity(p, load_policy("zhejiang-village-2020"))
        >>> zj.birth_date, zj.birth_date_source, [f.code for f in zj.findings]
        (datetime.date(1949, 12, 31), 'ID_CARD', ['ID_BIRTH_DATE_MISMATCH'])
        >>> zj.findings[0].message_en
        "the ID number's birth date 1949-12-31 differs from the stated 1949-12-30; age uses the ID card"
        >>> check_identity(p, load_policy("village-2018")).birth_date
        datetime.date(1949, 12, 30)

    Legal basis: GB 11643-1999 《公民身份号码》; 《浙江省村民委员会选举办法》 第十二条 (the ID card
    decides); 中组部组通字2006年41号 (the 档案 decides a cadre's birth date).
    """
    who = person.key if subject is None else subject
    source_param = policy.param("eligibility.birth_date_source")
    checks_param = policy.param("eligibility.id_number_checks")
    source = policy.get_str("eligibility.birth_date_source")
    number = person.id_number
    if number is None:
        return IdentityCheck(
            birth_date=person.birth_date, gender=person.gender, birth_date_source="DOSSIER"
        )
    shown = mask(number.reveal())
    if not policy.get_bool("eligibility.id_number_checks"):
        return IdentityCheck(
            birth_date=person.birth_date,
            gender=person.gender,
            birth_date_source="DOSSIER",
            id_masked=shown,
        )
    found: list[Finding] = []
    sev = Severity.WARN
    if number.legacy:
        found.append(
            _finding("ID_LEGACY_NUMBER", Severity.INFO, checks_param, subject=who, observed=shown)
        )
    elif not number.checksum_ok():
        found.append(
            _finding(
                "ID_CHECKSUM_INVALID",
                sev,
                checks_param,
                subject=who,
                observed=shown,
            )
        )
    encoded = number.birth_date()
    if encoded is None or (on is not None and encoded > on):
        found.append(
            _finding("ID_BIRTH_DATE_INVALID", sev, checks_param, subject=who, observed=shown)
        )
        encoded = None
    id_gender = Gender.MALE if number.sex() == "M" else Gender.FEMALE
    valid = encoded is not None and number.checksum_ok()
    use_id = source == "ID_CARD" and valid
    source_pair = (
        ("居民身份证", "ID card") if use_id else ("所填出生日期（档案）", "stated date (dossier)")
    )
    if encoded is not None and encoded != person.birth_date:
        found.append(
            _finding(
                "ID_BIRTH_DATE_MISMATCH",
                Severity.WARN,
                source_param,
                subject=who,
                observed=encoded,
                limit=person.birth_date,
                pairs={"source_t": source_pair},
            )
        )
    if valid and id_gender is not person.gender:
        found.append(
            _finding(
                "ID_SEX_MISMATCH",
                Severity.WARN,
                source_param,
                subject=who,
                observed=id_gender.label,
                limit=person.gender.label,
            )
        )
    return IdentityCheck(
        birth_date=encoded if use_id and encoded is not None else person.birth_date,
        gender=id_gender if use_id else person.gender,
        birth_date_source="ID_CARD" if use_id else "DOSSIER",
        id_masked=shown,
        findings=tuple(found),
    )


# --------------------------------------------------------------------------------------------
# age basis and role rows
# --------------------------------------------------------------------------------------------


def age_basis(policy: Policy, election_date: _dt.date) -> AgeBasis:
    """The age basis a profile prescribes for an election on ``election_date``.

    ``eligibility.age_mode`` picks the mode; ``REFERENCE_DATE`` and ``BIRTH_YEAR_CUTOFF`` read
    ``eligibility.age_reference_date`` (only its year in cut-off mode);
    ``eligibility.leap_day_birthday`` gives the 29 February convention.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> b = age_basis(load_policy("xzhen-2021"), dt.date(2021, 3, 1))
        >>> b.mode.value, b.reference_date, b.leap_day
        ('ELECTION_DATE', datetime.date(2021, 3, 1), 'FEB_28')

    Legal basis: 《民法典》 第二百零二条; 浙江省县、乡两级人大代表选举实施细则 第二十五条 (election day);
    rules catalogue AGE-YEAR-CUTOFF-PRACTICE (birth-year cut-off).
    """
    mode = AgeMode[policy.get_str("eligibility.age_mode")]
    leap = policy.get_str("eligibility.leap_day_birthday")
    if mode is AgeMode.ELECTION_DATE:
        return AgeBasis(mode=mode, reference_date=election_date, leap_day=leap)
    return AgeBasis(
        mode=mode, reference_date=policy.get_date("eligibility.age_reference_date"), leap_day=leap
    )


def _basis_pair(basis: AgeBasis) -> tuple[str, str]:
    ref = basis.reference_date.isoformat()
    if basis.mode is AgeMode.ELECTION_DATE:
        return f"按选举日{ref}计算", f"on election day {ref}"
    if basis.mode is AgeMode.REFERENCE_DATE:
        return f"计算至{ref}", f"on {ref}"
    year = basis.reference_date.year
    return f"按{year}年出生年份计算", f"by birth year for {year}"


def _role_rows(policy: Policy, office: Office) -> tuple[ParamTable, ...]:
    rows = policy.get_tables("eligibility.role_limits")
    return tuple(
        r for r in rows if not _t_strs(r, "offices") or office.value in _t_strs(r, "offices")
    )


def _rows_for(policy: Policy, office: Office, tenure: Tenure) -> tuple[ParamTable, ...]:
    return tuple(
        r
        for r in _role_rows(policy, office)
        if not _t_strs(r, "tenures") or tenure.value in _t_strs(r, "tenures")
    )


def _role_name(office: Office, tenure: Tenure) -> str:
    return f"{tenure.label}{office.label}"


def education_requirement(
    policy: Policy, office: Office, tenure: Tenure
) -> tuple[EducationLevel, str] | None:
    """The minimum 学历 and its basis (``"HIGHEST"``/``"FULL_TIME"``) for a role, if any.

    Useful to a form that asks for education before the rest of the record exists.

    Example:
        >>> from huanjie_rules.model import Office, Tenure
        >>> from huanjie_rules.policy import load_policy
        >>> req = education_requirement(load_policy("xzhen-2021"), Office.SECRETARY, Tenure.NEW)
        >>> req[0].label, req[1]
        ('普通高中', 'HIGHEST')
        >>> education_requirement(load_policy("village-2018"), Office.VILLAGE_DIRECTOR, Tenure.NEW) is None
        True

    Legal basis: seed 001:28 (X镇: 新任书记高中以上、继任书记初中及以上).
    """
    best: tuple[EducationLevel, str] | None = None
    for row in _rows_for(policy, office, tenure):
        code = _t_str(row, "education_min")
        if code is None:
            continue
        level = EducationLevel[code]
        basis = _t_str(row, "education_basis") or policy.get_str("eligibility.education_basis")
        if best is None or level.rank > best[0].rank:
            best = (level, basis)
    return best


# --------------------------------------------------------------------------------------------
# negative lists
# --------------------------------------------------------------------------------------------


def _active_lists(policy: Policy, names: Sequence[str] | None) -> tuple[Parameter, ...]:
    chosen = tuple(names) if names is not None else policy.get_strings("eligibility.negative_lists")
    out = []
    for i, name in enumerate(chosen):
        full = name if name.startswith("eligibility.") else f"eligibility.{name}"
        if full not in policy:
            raise RuleInputError(
                f"profile {policy.id!r} has no negative list {name!r}",
                code="UNKNOWN_NEGATIVE_LIST",
                path=f"negative_lists[{i}]",
            )
        param = policy.param(full)
        if param.type != "tables":
            raise RuleInputError(
                f"{full!r} is not a list parameter", code="UNKNOWN_NEGATIVE_LIST", path=full
            )
        out.append(param)
    return tuple(out)


def _row_in_force(row: ParamTable, on: _dt.date) -> bool:
    start, end = _t_date(row, "in_force_from"), _t_date(row, "in_force_to")
    return (start is None or start <= on) and (end is None or on <= end)


def negative_list_items(
    policy: Policy,
    on: _dt.date,
    *,
    tenure: Tenure | None = None,
    negative_lists: Sequence[str] | None = None,
) -> tuple[tuple[Parameter, ParamTable], ...]:
    """The negative-list items a screen applies on ``on``: (list parameter, item row) pairs.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> items = negative_list_items(load_policy("xzhen-2021"), dt.date(2021, 3, 1))
        >>> len(items), items[0][1]["code"], items[0][1]["zh"]
        (23, 'SHI_BU_TUI_01', '政治品质和道德品行差的')

    Legal basis: seed 001:28-30 (「十不推」) and the lists of rules catalogue §6.
    """
    out = []
    for param in _active_lists(policy, negative_lists):
        for row in policy.get_tables(param.name):
            if not _row_in_force(row, on):
                continue
            tenures = _t_strs(row, "tenures")
            if tenure is not None and tenures and tenure.value not in tenures:
                continue
            out.append((param, row))
    return tuple(out)


def required_attestations(
    policy: Policy,
    on: _dt.date,
    *,
    tenure: Tenure | None = None,
    negative_lists: Sequence[str] | None = None,
) -> tuple[str, ...]:
    """The item codes an organisation must attest (心术不正, 能力条件 …) for a screen on ``on``.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> required_attestations(load_policy("xzhen-2021"), dt.date(2021, 3, 1))[:4]
        ('SHI_BU_TUI_01', 'SHI_BU_TUI_04', 'SHI_BU_TUI_08', 'SHI_BU_TUI_09')

    Legal basis: seed 001:28-30 (「十不推」 items 1, 8, 9 and 10 are judgements).
    """
    return tuple(
        str(row["code"])
        for _, row in negative_list_items(policy, on, tenure=tenure, negative_lists=negative_lists)
        if _t_str(row, "evidence") in ("ATTESTED", "BOTH")
    )


def _window_pair(row: ParamTable) -> tuple[str, str]:
    window = _t_str(row, "window") or "EVER"
    if window == "YEARS":
        n = _t_int(row, "years") or 0
        return f"结束未满{n}年", f"ended less than {n} years before"
    return _WINDOW[window]


def _window_state(fact: RecordFact, row: ParamTable, on: _dt.date, leap: str) -> str:
    window = _t_str(row, "window") or "EVER"
    if fact.ongoing or window == "EVER":
        return "HIT"
    if fact.ended is None:
        return "UNKNOWN"
    if fact.ended >= on:
        return "HIT"
    if window == "ONGOING":
        return "OUTSIDE"
    years = _t_int(row, "years") or 0
    return "HIT" if on < anniversary(fact.ended, years, leap_day=leap) else "OUTSIDE"


def _describe_fact(fact: RecordFact) -> str:
    if fact.ongoing:
        return f"{fact.kind}（ongoing）"
    if fact.ended is not None:
        return f"{fact.kind}（→{fact.ended.isoformat()}）"
    return fact.kind


# --------------------------------------------------------------------------------------------
# the checks
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Ctx:
    candidate: Candidate
    election: Election
    policy: Policy
    identity: IdentityCheck
    lists: Sequence[str] | None

    @property
    def subject(self) -> str:
        return self.candidate.key


def _party_rights(person: Person, policy: Policy, subject: str, *, voting: bool) -> list[Finding]:
    found: list[Finding] = []
    name = "rights.voting_standings" if voting else "rights.candidacy_standings"
    param = policy.param(name)
    allowed = policy.get_strings(name)
    standing = person.party_standing
    if standing.value not in allowed:
        detention = "rights.detention_suspends_rights"
        if (
            standing is PartyStanding.RIGHTS_SUSPENDED
            and detention in policy
            and policy.get_bool(detention)
        ):
            dparam = policy.param(detention)
            found.append(
                _finding(
                    "RIGHTS_SUSPENDED",
                    _sev(dparam.hard),
                    dparam,
                    subject=subject,
                    observed=standing.label,
                )
            )
        else:
            limit = "、".join(PartyStanding[s].label for s in allowed)
            found.append(
                _finding(
                    "NO_VOTING_STANDING" if voting else "NO_CANDIDACY_STANDING",
                    _sev(param.hard),
                    param,
                    subject=subject,
                    observed=standing.value,
                    limit=limit,
                    pairs={"standing_t": _standing_pair(standing)},
                )
            )
    letter = "rights.temporary_letter_has_rights"
    if person.temporary_relation_only and letter in policy and not policy.get_bool(letter):
        lparam = policy.param(letter)
        found.append(
            _finding(
                "TEMPORARY_LETTER_ONLY", _sev(lparam.hard), lparam, subject=subject, observed=True
            )
        )
    return found


def _civic_rights(
    person: Person, birth: _dt.date, policy: Policy, on: _dt.date, subject: str
) -> list[Finding]:
    found: list[Finding] = []
    param = policy.param("rights.min_age")
    minimum = policy.get_int("rights.min_age")
    leap = policy.get_str("eligibility.leap_day_birthday")
    age = age_on(birth, on, leap_day=leap) if on >= birth else -1
    if age < minimum:
        found.append(
            _finding(
                "AGE_UNDER_MINIMUM",
                _sev(param.hard),
                param,
                subject=subject,
                observed=age,
                limit=minimum,
                on=on,
            )
        )
    dparam = policy.param("rights.deprivation_bars")
    if person.political_rights_deprived and policy.get_bool("rights.deprivation_bars"):
        found.append(
            _finding(
                "POLITICAL_RIGHTS_DEPRIVED",
                _sev(dparam.hard),
                dparam,
                subject=subject,
                observed=True,
            )
        )
    return found


def _is_party(regime: Regime) -> bool:
    return regime in (Regime.PARTY_BASIC, Regime.PARTY_LOCAL)


def _check_rights(ctx: _Ctx) -> list[Finding]:
    person = ctx.candidate.person
    if _is_party(ctx.policy.regime):
        return _party_rights(person, ctx.policy, ctx.subject, voting=False)
    return _civic_rights(
        person, ctx.identity.birth_date, ctx.policy, ctx.election.date, ctx.subject
    )


def _check_identity(ctx: _Ctx) -> list[Finding]:
    return list(ctx.identity.findings)


def _uncovered(ctx: _Ctx) -> list[Finding]:
    cand = ctx.candidate
    if _role_rows(ctx.policy, cand.office) and not _rows_for(ctx.policy, cand.office, cand.tenure):
        param = ctx.policy.param("eligibility.role_limits")
        return [
            _finding(
                "ROLE_LIMIT_TENURE_UNCOVERED",
                Severity.WARN,
                param,
                subject=ctx.subject,
                observed=cand.office.label,
                limit=cand.tenure.label,
            )
        ]
    return []


def _check_age(ctx: _Ctx) -> list[Finding]:
    cand, policy = ctx.candidate, ctx.policy
    param = policy.param("eligibility.role_limits")
    found = _uncovered(ctx)
    rows = _rows_for(policy, cand.office, cand.tenure)
    if not rows:
        return found
    birth = ctx.identity.birth_date
    basis = age_basis(policy, ctx.election.date)
    role = _role_name(cand.office, cand.tenure)
    for row in rows:
        hard = row.get("hard")
        sev = _sev(hard if isinstance(hard, bool) else param.hard)
        cite = _row_citation(param, row)
        max_age, bar = _t_int(row, "max_age"), _t_int(row, "barred_from_age")
        if max_age is not None or bar is not None:
            if basis.mode is not AgeMode.BIRTH_YEAR_CUTOFF and birth > basis.reference_date:
                found.append(
                    _finding(
                        "BIRTH_AFTER_REFERENCE",
                        Severity.WARN,
                        param,
                        subject=ctx.subject,
                        observed=birth,
                        limit=basis.reference_date,
                        citation=cite,
                        role=role,
                    )
                )
                continue
            age = basis.age(birth)
            pairs = {"basis_t": _basis_pair(basis)}
            if max_age is not None and age > max_age:
                found.append(
                    _finding(
                        "AGE_OVER_LIMIT",
                        sev,
                        param,
                        subject=ctx.subject,
                        observed=age,
                        limit=max_age,
                        citation=cite,
                        pairs=pairs,
                        role=role,
                    )
                )
            if bar is not None and age >= bar:
                found.append(
                    _finding(
                        "AGE_AT_OR_OVER_BAR",
                        sev,
                        param,
                        subject=ctx.subject,
                        observed=age,
                        limit=bar,
                        citation=cite,
                        pairs=pairs,
                        role=role,
                    )
                )
        years = _t_int(row, "min_service_years")
        if years is None and row.get("full_term") is True:
            years = policy.get_int("eligibility.full_term_years")
        if years is not None:
            found.extend(_service(ctx, row, years, sev, cite, role))
    return found


def _service(
    ctx: _Ctx, row: ParamTable, years: int, sev: Severity, cite: Citation, role: str
) -> list[Finding]:
    policy = ctx.policy
    param = policy.param("eligibility.role_limits")
    retire = policy.get_int("eligibility.retirement_age")
    basis = policy.get_str("eligibility.service_basis")
    leap = policy.get_str("eligibility.leap_day_birthday")
    birth, on = ctx.identity.birth_date, ctx.election.date
    if on < birth:
        return []
    if can_serve(birth, on, years, retire, basis=basis, leap_day=leap):
        return []
    observed: Scalar
    if basis == "WHOLE_YEARS":
        left = retire - age_on(birth, on, leap_day=leap)
        observed = left
        left_t = (f"按周岁计尚余{left}年", f"{left} whole years left")
    else:
        observed = retirement_date(birth, retire, leap_day=leap)
        left_t = (f"{observed.isoformat()}达到退休年龄", f"reaches it on {observed.isoformat()}")
    return [
        _finding(
            "SERVICE_HORIZON_SHORT",
            sev,
            param,
            subject=ctx.subject,
            observed=observed,
            limit=years,
            citation=cite,
            pairs={"left_t": left_t},
            role=role,
            retirement=retire,
        )
    ]


_PARTY_AGE_FROM = {
    "FULL_MEMBERSHIP": ("转正时间起算", "from full membership"),
    "ADMISSION": ("入党时间起算", "from admission"),
}


def party_age(start: _dt.date, on: _dt.date, *, leap_day: str = "FEB_28") -> int:
    """Whole years of party membership (党龄) from ``start`` to ``on``, counted like 周岁.

    A year is complete on the anniversary of ``start`` (so a member since 2020-06-01 has exactly
    one year on 2021-06-01 and none the day before); a ``start`` after ``on`` gives 0. A
    29 February start has its anniversary per ``leap_day``.

    Example:
        >>> import datetime as dt
        >>> [party_age(dt.date(2020, 6, 1), dt.date(2021, 6, d)) for d in (1, 2)]
        [1, 1]
        >>> party_age(dt.date(2020, 6, 1), dt.date(2021, 5, 31)), party_age(dt.date(2022, 1, 1), dt.date(2021, 5, 31))
        (0, 0)

    Legal basis: 《中国共产党章程》 第七条 (党龄); 《民法典》 第二百零二条 (periods in years).
    """
    if on < start:
        return 0
    return age_on(start, on, leap_day=leap_day)


def _check_party_age(ctx: _Ctx) -> list[Finding]:
    policy, cand, election = ctx.policy, ctx.candidate, ctx.election
    name = "eligibility.secretary_party_age"
    if name not in policy:
        return []
    param = policy.param(name)
    row = policy.get_table(name)
    offices, bodies = _t_strs(row, "offices"), _t_strs(row, "bodies")
    if offices and cand.office.value not in offices:
        return []
    if bodies and election.body.value not in bodies:
        return []
    if not _row_in_force(row, election.date):
        return []
    person = cand.person
    if person.party_standing is PartyStanding.NON_MEMBER:
        return []  # the rights check already answers for non-members
    minimum = _t_int(row, "min_years") or 0
    from_param = policy.param("eligibility.party_age_counts_from")
    counts_from = policy.get_str(from_param.name)
    leap = policy.get_str("eligibility.leap_day_birthday")
    role = _role_name(cand.office, cand.tenure)
    found: list[Finding] = []
    start: _dt.date | None
    if counts_from == "ADMISSION":
        start = person.party_joined
        date_t = ("入党时间", "date of admission (party_joined)")
    elif person.party_confirmed is not None:
        start = person.party_confirmed
        date_t = ("转正时间", "date of full membership (party_confirmed)")
    elif person.party_joined is not None:
        prob_param = policy.param("eligibility.probation_years")
        years = policy.get_int(prob_param.name)
        start = anniversary(person.party_joined, years, leap_day=leap)
        found.append(
            _finding(
                "PARTY_AGE_START_PRESUMED",
                Severity.INFO,
                prob_param,
                subject=ctx.subject,
                observed=person.party_joined,
                limit=start,
                role=role,
                years=years,
            )
        )
        date_t = ("转正时间", "date of full membership (party_confirmed)")
    else:
        start = None
        date_t = (
            "入党时间或转正时间",
            "date of admission or of full membership (party_joined / party_confirmed)",
        )
    if start is None:
        found.append(
            _finding(
                "PARTY_AGE_DATE_MISSING",
                Severity.WARN,
                param,
                subject=ctx.subject,
                limit=minimum,
                pairs={"date_t": date_t},
                role=role,
            )
        )
        return found
    years_held = party_age(start, election.date, leap_day=leap)
    if years_held < minimum:
        found.append(
            _finding(
                "PARTY_AGE_SHORT",
                param.breach_severity,
                param,
                subject=ctx.subject,
                observed=years_held,
                limit=minimum,
                pairs={"from_t": _PARTY_AGE_FROM[counts_from]},
                role=role,
                start=start,
            )
        )
    return found


def _check_education(ctx: _Ctx) -> list[Finding]:
    cand, policy = ctx.candidate, ctx.policy
    param = policy.param("eligibility.role_limits")
    found: list[Finding] = []
    role = _role_name(cand.office, cand.tenure)
    edu = cand.person.education
    for row in _rows_for(policy, cand.office, cand.tenure):
        hard = row.get("hard")
        sev = _sev(hard if isinstance(hard, bool) else param.hard)
        cite = _row_citation(param, row)
        code = _t_str(row, "education_min")
        if code is not None:
            minimum = EducationLevel[code]
            basis = _t_str(row, "education_basis") or policy.get_str("eligibility.education_basis")
            level = edu.full_time if basis == "FULL_TIME" else edu.highest
            pair = ("全日制", "full-time") if basis == "FULL_TIME" else ("最高", "highest")
            if level is None:
                found.append(
                    _finding(
                        "EDUCATION_UNKNOWN",
                        Severity.WARN,
                        param,
                        subject=ctx.subject,
                        limit=minimum.label,
                        citation=cite,
                        pairs={"basis_t": pair},
                        role=role,
                    )
                )
            elif not level.at_least(minimum):
                found.append(
                    _finding(
                        "EDUCATION_BELOW_MINIMUM",
                        sev,
                        param,
                        subject=ctx.subject,
                        observed=level.label,
                        limit=minimum.label,
                        citation=cite,
                        pairs={"basis_t": pair},
                        role=role,
                    )
                )
        degree_code = _t_str(row, "degree_min")
        if degree_code is not None:
            wanted = Degree[degree_code]
            degrees = [d for d in (edu.full_time_degree, edu.in_service_degree) if d is not None]
            if _t_str(row, "education_basis") == "FULL_TIME":
                degrees = [edu.full_time_degree] if edu.full_time_degree else []
            if not degrees:
                found.append(
                    _finding(
                        "DEGREE_UNKNOWN",
                        Severity.WARN,
                        param,
                        subject=ctx.subject,
                        limit=wanted.label,
                        citation=cite,
                        role=role,
                    )
                )
            else:
                best = max(degrees, key=lambda d: d.rank)
                if best.rank < wanted.rank:
                    found.append(
                        _finding(
                            "DEGREE_BELOW_MINIMUM",
                            sev,
                            param,
                            subject=ctx.subject,
                            observed=best.label,
                            limit=wanted.label,
                            citation=cite,
                            role=role,
                        )
                    )
    return found


def _check_negative_lists(ctx: _Ctx) -> list[Finding]:
    policy, on = ctx.policy, ctx.election.date
    leap = policy.get_str("eligibility.leap_day_birthday")
    items = negative_list_items(policy, on, tenure=ctx.candidate.tenure, negative_lists=ctx.lists)
    vetting = ctx.candidate.vetting
    found: list[Finding] = []
    fallback = policy.param("eligibility.negative_lists")
    for fact in vetting.records:
        if fact.started is not None and fact.started > on:
            found.append(
                _finding(
                    "RECORD_AFTER_DATE",
                    Severity.INFO,
                    fallback,
                    subject=ctx.subject,
                    observed=fact.kind,
                    limit=on,
                )
            )
            continue
        matched = [(p, r) for p, r in items if fact.kind in _t_strs(r, "kinds")]
        if not matched:
            found.append(
                _finding(
                    "RECORD_NOT_ASSESSED",
                    Severity.WARN,
                    fallback,
                    subject=ctx.subject,
                    observed=fact.kind,
                )
            )
            continue
        for param, row in matched:
            state = _window_state(fact, row, on, leap)
            code = {
                "HIT": "NEGATIVE_RECORD",
                "OUTSIDE": "RECORD_OUTSIDE_WINDOW",
                "UNKNOWN": "RECORD_DATES_UNKNOWN",
            }[state]
            sev = _row_severity(param, row) if state == "HIT" else Severity.INFO
            if state == "UNKNOWN":
                sev = Severity.WARN
            found.append(_list_finding(code, sev, param, row, ctx.subject, _describe_fact(fact)))
    attested: dict[str, bool] = {}
    for att in vetting.attestations:
        attested[att.item] = attested.get(att.item, False) or att.holds
    codes = set()
    for param, row in items:
        code = str(row["code"])
        codes.add(code)
        if _t_str(row, "evidence") not in ("ATTESTED", "BOTH"):
            continue
        if code not in attested:
            found.append(
                _list_finding(
                    "NEGATIVE_NOT_ATTESTED", Severity.WARN, param, row, ctx.subject, None, code
                )
            )
        elif attested[code]:
            found.append(
                _list_finding(
                    "NEGATIVE_ATTESTED", _row_severity(param, row), param, row, ctx.subject, code
                )
            )
    for item, holds in sorted(attested.items()):
        if holds and item not in codes:
            found.append(
                _finding(
                    "ATTESTATION_UNKNOWN_ITEM",
                    Severity.WARN,
                    fallback,
                    subject=ctx.subject,
                    observed=item,
                )
            )
    return found


def _row_severity(param: Parameter, row: ParamTable) -> Severity:
    if not param.hard:
        return Severity.WARN
    return Severity.WARN if _t_str(row, "severity") == "WARN" else Severity.FAIL


def _list_title(param: Parameter) -> str:
    return param.citation.quote or param.name


def _list_finding(
    code: str,
    severity: Severity,
    param: Parameter,
    row: ParamTable,
    subject: str,
    observed: Scalar,
    limit: Scalar = None,
) -> Finding:
    return _finding(
        code,
        severity,
        param,
        subject=subject,
        observed=observed,
        limit=limit if limit is not None else _t_str(row, "code"),
        citation=_row_citation(param, row),
        pairs={
            "text_t": (_t_str(row, "zh") or "", _t_str(row, "en") or ""),
            "window_t": _window_pair(row),
        },
        list=_list_title(param),
        item=_t_int(row, "item"),
    )


def _check_prechecks(ctx: _Ctx) -> list[Finding]:
    policy = ctx.policy
    param = policy.param("eligibility.prechecks_required")
    required = policy.get_strings("eligibility.prechecks_required")
    done = {c.kind.value: c for c in ctx.candidate.vetting.prechecks}
    found = []
    sev = _sev(param.hard)
    for kind_code in required:
        kind = PreCheckKind[kind_code]
        check = done.get(kind_code)
        if check is None:
            code = "PRECHECK_MISSING"
        elif check.status is CheckStatus.CLEAR:
            continue
        else:
            code = {
                CheckStatus.NOT_DONE: "PRECHECK_NOT_DONE",
                CheckStatus.UNRESOLVED: "PRECHECK_UNRESOLVED",
                CheckStatus.ISSUE_FOUND: "PRECHECK_ISSUE_FOUND",
            }[check.status]
        found.append(_finding(code, sev, param, subject=ctx.subject, observed=kind.label))
    return found


def _check_incompatibility(ctx: _Ctx) -> list[Finding]:
    policy = ctx.policy
    own_param = policy.param("eligibility.staff_roles_barred_for_candidates")
    rel_param = policy.param("eligibility.staff_roles_barred_for_relatives")
    own_roles = policy.get_strings(own_param.name)
    rel_roles = policy.get_strings(rel_param.name)
    keys = {ctx.candidate.key, ctx.candidate.person.key}
    found = []
    for staff in ctx.election.staff:
        role_pair = (staff.role.label, _STAFF_EN[staff.role.value])
        shown = staff.name or staff.key
        if staff.key in keys and staff.role.value in own_roles:
            found.append(
                _finding(
                    "STAFF_ROLE_CANDIDATE",
                    _sev(own_param.hard),
                    own_param,
                    subject=ctx.subject,
                    observed=shown,
                    pairs={"role_t": role_pair},
                )
            )
        if keys & set(staff.relatives_of) and staff.role.value in rel_roles:
            found.append(
                _finding(
                    "STAFF_ROLE_RELATIVE",
                    _sev(rel_param.hard),
                    rel_param,
                    subject=ctx.subject,
                    observed=shown,
                    pairs={"role_t": role_pair},
                )
            )
    return found


_CHECK_FUNCS = MappingProxyType(
    {
        "rights": _check_rights,
        "identity": _check_identity,
        "age": _check_age,
        "party_age": _check_party_age,
        "education": _check_education,
        "negative_lists": _check_negative_lists,
        "prechecks": _check_prechecks,
        "incompatibility": _check_incompatibility,
    }
)


@attrs.frozen(kw_only=True)
class ScreenError(Model):
    """A row of a batch that could not be screened, in the place of its result.

    :func:`screen_many` with ``on_error="report"`` returns one of these for an input that no
    screen can answer for (its office has no seats in the election, or its key repeats an
    earlier row's), so every input still gets exactly one answer in input order. It is not an
    :class:`~huanjie_rules.findings.Eligibility`: nothing was decided about the person.

    Attributes:
        index: the row's position in the input (0-based).
        subject: the candidate's key.
        code: ``UNKNOWN_OFFICE`` or ``DUPLICATE_KEY`` (the code :func:`screen` or the default
            ``on_error="raise"`` would raise with).
        path: where the problem is, e.g. ``"candidates[3].office"``.
        message: what is wrong, in English.
    """

    index: int
    subject: str
    code: str
    path: str
    message: str


def _row_problem(
    candidate: Candidate, election: Election, path: str, seen: set[str] | None = None
) -> RuleInputError | None:
    if election.seats_for(candidate.office) == 0:
        offices = ", ".join(s.office.value for s in election.seats)
        return RuleInputError(
            f"{candidate.key!r} stands for {candidate.office.value}, which has no seats in "
            f"election {election.key!r} (seats: {offices})",
            code="UNKNOWN_OFFICE",
            path=f"{path}.office",
        )
    if seen is not None:
        if candidate.key in seen:
            return RuleInputError(
                f"candidate key {candidate.key!r} appears twice in the batch",
                code="DUPLICATE_KEY",
                path=f"{path}.key",
            )
        seen.add(candidate.key)
    return None


def _prepare(election: Election, policy: Policy, strict: bool) -> None:
    if policy.regime is not election.regime:
        raise RuleInputError(
            f"election is {election.regime.value} but profile {policy.id!r} is "
            f"{policy.regime.value}",
            code="REGIME_MISMATCH",
            path="policy",
        )
    if strict:
        policy.require_in_force(election.date)


def _checks(checks: Sequence[str] | None) -> tuple[str, ...]:
    if checks is None:
        return CHECKS
    chosen = tuple(checks)
    for i, name in enumerate(chosen):
        if name not in _CHECK_FUNCS:
            raise RuleInputError(
                f"unknown check {name!r}; known: {', '.join(CHECKS)}",
                code="UNKNOWN_CHECK",
                path=f"checks[{i}]",
            )
    return chosen


# --------------------------------------------------------------------------------------------
# public entry points
# --------------------------------------------------------------------------------------------


def screen(
    candidate: Candidate,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
) -> Eligibility:
    """Screen one candidate against every eligibility rule of ``policy``.

    Args:
        candidate: the person, the office and tenure, and the vetting record.
        election: the election (its date is the reference for rights, windows and service; its
            ``staff`` are checked for incompatibilities).
        policy: the profile; its regime must be the election's.
        checks: a subset (in any order) of :data:`CHECKS` to run; all by default. The order never
            changes the result.
        negative_lists: list parameters to apply instead of ``eligibility.negative_lists`` (e.g. a
            local list kept as data in a national profile).
        strict: raise :class:`~huanjie_rules.errors.PolicyNotInForceError` if the profile is not
            in force on the election day.

    Returns:
        An :class:`~huanjie_rules.findings.Eligibility`: any FAIL → INELIGIBLE, else any WARN →
        NEEDS_REVIEW, else ELIGIBLE, with every finding in canonical order.

    Raises:
        RuleInputError: ``REGIME_MISMATCH`` (path ``policy``), ``UNKNOWN_OFFICE`` (the
            candidate's office has no seats in the election; path ``candidate.office``),
            ``UNKNOWN_CHECK`` or ``UNKNOWN_NEGATIVE_LIST``.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> policy = load_policy("party-basic-2020")
        >>> election = Election(key="b", regime=Regime.PARTY_BASIC, policy_id=policy.id,
        ...     body=BodyKind.BRANCH, level=Level.GRASSROOTS, form=ElectionForm.MEMBERS_ASSEMBLY,
        ...     date=dt.date(2021, 6, 1), seats=[Seat(office=Office.MEMBER, count=5)],
        ...     entitled_voters=40)
        >>> p = Person(name="刘洋", gender=Gender.MALE, birth_date=dt.date(1990, 1, 1),
        ...            party_standing=PartyStanding.PROBATIONARY, temporary_relation_only=True)
        >>> r = screen(Candidate(person=p, office=Office.MEMBER), election, policy)
        >>> r.status.value, r.codes()
        ('INELIGIBLE', ('NO_CANDIDACY_STANDING', 'TEMPORARY_LETTER_ONLY'))

    Legal basis: 《中国共产党基层组织选举工作条例》 第五条; 选举法 第四条、第十条、第四十三条;
    《村民委员会组织法》 第十二条、第十三条; the local profiles' seeds.
    """
    _prepare(election, policy, strict)
    problem = _row_problem(candidate, election, "candidate")
    if problem is not None:
        raise problem
    return _screen(candidate, election, policy, _checks(checks), negative_lists)


def _screen(
    candidate: Candidate,
    election: Election,
    policy: Policy,
    order: tuple[str, ...],
    negative_lists: Sequence[str] | None,
) -> Eligibility:
    _active_lists(policy, negative_lists)
    identity = check_identity(candidate.person, policy, on=election.date, subject=candidate.key)
    ctx = _Ctx(candidate, election, policy, identity, negative_lists)
    findings: list[Finding] = []
    for name in order:
        findings.extend(_CHECK_FUNCS[name](ctx))
    return Eligibility.from_findings(candidate.key, policy.id, findings)


@overload
def screen_many(
    candidates: Iterable[Candidate] | None,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = ...,
    negative_lists: Sequence[str] | None = ...,
    strict: bool = ...,
    on_error: Literal["raise"] = ...,
) -> tuple[Eligibility, ...]: ...


@overload
def screen_many(
    candidates: Iterable[Candidate] | None,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = ...,
    negative_lists: Sequence[str] | None = ...,
    strict: bool = ...,
    on_error: Literal["report"],
) -> tuple[Eligibility | ScreenError, ...]: ...


def screen_many(
    candidates: Iterable[Candidate] | None,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
    on_error: Literal["raise", "report"] = "raise",
) -> tuple[Eligibility, ...] | tuple[Eligibility | ScreenError, ...]:
    """Screen many candidates: one result per input, in input order.

    ``candidates=None`` screens ``election.candidates``. The options are those of :func:`screen`.

    Problems with the whole batch — a profile of another regime (``REGIME_MISMATCH``), a profile
    not in force, an unknown check or list — always raise before any row is screened: no row
    could be answered. A problem with one row — its office has no seats in the election
    (``UNKNOWN_OFFICE``) or its key repeats an earlier row's (``DUPLICATE_KEY``) — is handled
    per ``on_error``:

    * ``"raise"`` (default): raise :class:`~huanjie_rules.errors.RuleInputError` for the first
      such row, with its index in the path (``candidates[3].office``); nothing is returned.
    * ``"report"``: put a :class:`ScreenError` in that row's place and screen the others, so the
      result still has one entry per input, in input order.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> policy = load_policy("npc-2020")
        >>> people = [Person(name=n, gender=Gender.FEMALE, birth_date=b) for n, b in
        ...           [("甲", dt.date(2003, 11, 6)), ("乙", dt.date(2003, 11, 5))]]
        >>> e = Election(key="n", regime=Regime.NPC, policy_id="npc-2020",
        ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP, form=ElectionForm.DIRECT_VOTERS,
        ...     date=dt.date(2021, 11, 5), seats=[Seat(office=Office.NPC_DEPUTY, count=2)],
        ...     entitled_voters=3000, candidates=[Candidate(person=p, office=Office.NPC_DEPUTY) for p in people])
        >>> [(r.subject, r.status.value) for r in screen_many(None, e, policy)]
        [('甲', 'INELIGIBLE'), ('乙', 'ELIGIBLE')]
        >>> stray = Candidate(person=people[1], key="丙", office=Office.GOVERNMENT_HEAD)
        >>> rows = screen_many([stray, *e.candidates], e, policy, on_error="report")
        >>> [type(r).__name__ for r in rows], rows[0].code, rows[0].path
        (['ScreenError', 'Eligibility', 'Eligibility'], 'UNKNOWN_OFFICE', 'candidates[0].office')
        >>> screen_many([stray], e, policy)
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.RuleInputError: candidates[0].office: '丙' stands for GOVERNMENT_HEAD, which has no seats in election 'n' (seats: NPC_DEPUTY) [UNKNOWN_OFFICE]

    Legal basis: as :func:`screen`.
    """
    if on_error not in ("raise", "report"):
        raise RuleInputError(
            f"on_error must be 'raise' or 'report', got {on_error!r}",
            code="ON_ERROR",
            path="on_error",
        )
    _prepare(election, policy, strict)
    order = _checks(checks)
    _active_lists(policy, negative_lists)
    pool = election.candidates if candidates is None else tuple(candidates)
    seen: set[str] = set()
    problems = [_row_problem(c, election, f"candidates[{i}]", seen) for i, c in enumerate(pool)]
    if on_error == "raise":
        for problem in problems:
            if problem is not None:
                raise problem
        return tuple(_screen(c, election, policy, order, negative_lists) for c in pool)
    rows: list[Eligibility | ScreenError] = []
    for i, (cand, problem) in enumerate(zip(pool, problems, strict=True)):
        if problem is None:
            rows.append(_screen(cand, election, policy, order, negative_lists))
        else:
            rows.append(
                ScreenError(
                    index=i,
                    subject=cand.key,
                    code=problem.code,
                    path=problem.path,
                    message=problem.message,
                )
            )
    return tuple(rows)


def voter_rights(
    person: Person, election: Election, policy: Policy, *, strict: bool = True
) -> Eligibility:
    """Whether ``person`` may vote in ``election``.

    Party regimes: the standing must carry 表决权/选举权 (``rights.voting_standings``: full members
    only under the 2020 rules); a 临时组织关系 letter alone gives no vote; 留置/逮捕 suspends it.
    人大 and village regimes: 年满十八周岁 on the election day (birth date per
    ``eligibility.birth_date_source``) and political rights not deprived.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> e = Election(key="v", regime=Regime.VILLAGE, policy_id="village-2018",
        ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
        ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.VILLAGE_MEMBER, count=3)],
        ...     entitled_voters=500)
        >>> p = Person(name="周婷", gender=Gender.FEMALE, birth_date=dt.date(2003, 3, 1),
        ...            political_rights_deprived=True)
        >>> r = voter_rights(p, e, load_policy("village-2018"))
        >>> r.status.value, r.codes()
        ('INELIGIBLE', ('POLITICAL_RIGHTS_DEPRIVED',))

    Legal basis: 《中国共产党基层组织选举工作条例》 第五条; 选举法 第四条; 《村民委员会组织法》 第十三条.
    """
    _prepare(election, policy, strict)
    if _is_party(policy.regime):
        found = _party_rights(person, policy, person.key, voting=True)
    else:
        identity = check_identity(person, policy, on=election.date)
        found = _civic_rights(
            person, identity.birth_date, policy, election.date, person.key
        ) + list(identity.findings)
    return Eligibility.from_findings(person.key, policy.id, found)


def check_education_text(
    text: str,
    minimum: EducationLevel,
    parameter: Parameter,
    *,
    subject: str = "",
    role: str = "",
) -> tuple[Finding, ...]:
    """Check an education written as free text (a web form) against 「minimum及以上」.

    Unknown or ambiguous spellings (硕士, 大学, 中学 …) give a WARN finding, never an exception;
    a known level below the minimum gives a finding of the parameter's severity; a level that
    meets it gives none.

    Example:
        >>> from huanjie_rules.model import EducationLevel
        >>> from huanjie_rules.policy import load_policy
        >>> param = load_policy("xzhen-2021").param("eligibility.role_limits")
        >>> [f.code for f in check_education_text("中专", EducationLevel.HIGH_SCHOOL, param)]
        []
        >>> [f.code for f in check_education_text("初中", EducationLevel.HIGH_SCHOOL, param)]
        ['EDUCATION_BELOW_MINIMUM']
        >>> f, = check_education_text("中学", EducationLevel.HIGH_SCHOOL, param)
        >>> f.code, f.severity.value
        ('EDUCATION_TEXT_AMBIGUOUS', 'WARN')

    Legal basis: GB/T 4658-2006 《学历代码》 (the levels); seed 001:28 (「高中以上」, 「初中及以上」).
    """
    reading = EducationLevel.parse(text)
    if isinstance(reading, Ambiguous):
        return (
            _finding(
                "EDUCATION_TEXT_AMBIGUOUS",
                Severity.WARN,
                parameter,
                subject=subject,
                observed=text,
                limit=minimum.label,
                options=", ".join(reading.options),
            ),
        )
    if isinstance(reading, Unrecognized):
        return (
            _finding(
                "EDUCATION_TEXT_UNRECOGNIZED",
                Severity.WARN,
                parameter,
                subject=subject,
                observed=text,
                limit=minimum.label,
            ),
        )
    if reading.at_least(minimum):
        return ()
    return (
        _finding(
            "EDUCATION_BELOW_MINIMUM",
            _sev(parameter.hard),
            parameter,
            subject=subject,
            observed=reading.label,
            limit=minimum.label,
            pairs={"basis_t": ("", "")},
            role=role or minimum.label,
        ),
    )
