"""The message catalogue of the procedure rules."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..findings import Message

FINDING_CODES: Mapping[str, Message] = MappingProxyType(
    {
        "PERIOD_TOO_SHORT": Message(
            zh="{subject}{observed}个工作日，少于规定的{limit}个工作日",
            en="{subject} ran {observed} working days, fewer than the required {limit}",
        ),
        "PERIOD_MET": Message(
            zh="{subject}{observed}个工作日，不少于{limit}个工作日",
            en="{subject} ran {observed} working days, at least the required {limit}",
        ),
        "PERIOD_END_MISSING": Message(
            zh="{subject}未填写结束日期，无法核对期限（最早可于{limit}结束）",
            en="{subject} has no end date, so its length cannot be checked (earliest end {limit})",
        ),
        "DEADLINE_MISSED": Message(
            zh="{subject}于{observed}完成，晚于期限{limit}",
            en="{subject} done on {observed}, after the deadline {limit}",
        ),
        "DEADLINE_MET": Message(
            zh="{subject}于{observed}完成，未超过期限{limit}",
            en="{subject} done on {observed}, within the deadline {limit}",
        ),
        "DEADLINE_OPEN": Message(
            zh="{subject}的期限为{limit}",
            en="{subject} is due by {limit}",
        ),
        "TOO_LATE_BEFORE_ELECTION": Message(
            zh="{subject}于{observed}，应不晚于{limit}（选举日前{days}日）",
            en="{subject} on {observed}; it must be no later than {limit} ({days} days before election day)",
        ),
        "ON_TIME_BEFORE_ELECTION": Message(
            zh="{subject}于{observed}，不晚于{limit}（选举日前{days}日）",
            en="{subject} on {observed}, no later than {limit} ({days} days before election day)",
        ),
        "TERM_END": Message(
            zh="任期{observed}年，届满日为{limit}",
            en="a {observed}-year term ends on {limit}",
        ),
        "TERM_END_LEAP_DAY": Message(
            zh="任期始于{observed}（2月29日），届满年份无对应日，届满日为{limit}",
            en="the term began on {observed} (29 February); the end year has no such day, so it ends on {limit}",
        ),
        "TERM_LENGTH_OUT_OF_RANGE": Message(
            zh="{subject}任期{observed}年，不在规定的{limit}年范围内",
            en="a {observed}-year term for {subject} is outside the permitted {limit} years",
        ),
        "TERM_LENGTH_UNUSUAL": Message(
            zh="{subject}任期一般为{limit}年，拟定为{observed}年",
            en="a {subject} term is normally {limit} years; {observed} years were given",
        ),
        "TERM_DELAY_TOO_LONG": Message(
            zh="换届选举于{observed}举行，晚于允许的最晚日期{limit}",
            en="the election on {observed} is after the latest permitted date {limit}",
        ),
        "TERM_ADVANCE_TOO_LONG": Message(
            zh="换届选举于{observed}举行，早于允许的最早日期{limit}",
            en="the election on {observed} is before the earliest permitted date {limit}",
        ),
        "TERM_SHIFT_NOT_APPROVED": Message(
            zh="任期届满日为{limit}，换届选举于{observed}举行，未经{approver}批准",
            en="the term ends on {limit} but the election is on {observed} without approval by {approver}",
        ),
        "TERM_SHIFT_WITHIN": Message(
            zh="换届选举于{observed}举行，在允许范围内（届满日{limit}）",
            en="the election on {observed} is within the permitted shift (term ends {limit})",
        ),
        "STEP_OUT_OF_ORDER": Message(
            zh="{subject}定于{observed}，早于应在其之前的步骤{previous}（{limit}）",
            en="{subject} is set for {observed}, before {previous} ({limit}), which must come first",
        ),
        "STEP_BEFORE_PERIOD_END": Message(
            zh="{subject}定于{observed}，应在{previous}期满（{limit}）之后",
            en="{subject} is set for {observed}; it must come after {previous} ends ({limit})",
        ),
        "STEP_MISSING": Message(
            zh="缺少步骤：{subject}",
            en="missing step: {subject}",
        ),
        "APPROVAL_MISSING": Message(
            zh="缺少审批步骤：{subject}",
            en="missing approval: {subject}",
        ),
        "STEP_NOT_IN_SEQUENCE": Message(
            zh="步骤{subject}不属于本程序（{limit}）",
            en="step {subject} is not part of this procedure ({limit})",
        ),
        "VOTE_AFTER_ROUND_DEADLINE": Message(
            zh="投票选举定于{observed}，晚于本轮换届要求的{limit}",
            en="the vote is set for {observed}, after this round's deadline {limit}",
        ),
    }
)
