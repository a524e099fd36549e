"""The message catalogue of the eligibility rules.

With the English names of standings, staff roles and look-back windows that fill its
``{…_t}`` placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..findings import Message

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
