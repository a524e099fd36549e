"""The message catalogue of the quota rules."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..findings import Message

FINDING_CODES: Mapping[str, Message] = MappingProxyType(
    {
        # -- assembly form ------------------------------------------------------------------
        "ASSEMBLY_ONLY": Message(
            zh="党员{observed}名，不足{limit}名，所属组织驻地不分散：由党员大会选举",
            en="{observed} members, fewer than {limit}, organisations not scattered: elected by the members' assembly",
        ),
        "CONGRESS_PERMITTED_MEMBERS": Message(
            zh="党员{observed}名，达到{limit}名以上，经上级党组织批准可以召开党员代表大会",
            en="{observed} members, at least {limit}: a delegates' congress may be held with the higher organisation's approval",
        ),
        "CONGRESS_PERMITTED_SCATTERED": Message(
            zh="所属党组织驻地分散，经上级党组织批准可以召开党员代表大会（党员{observed}名）",
            en="subordinate organisations are scattered: a delegates' congress may be held with approval ({observed} members)",
        ),
        "CONGRESS_REQUIRED": Message(
            zh="党员{observed}名，达到{limit}名以上，应召开党员代表大会",
            en="{observed} members, at least {limit}: a delegates' congress must be held",
        ),
        "FORM_NOT_PERMITTED": Message(
            zh="拟采用{observed}，不在允许的形式（{limit}）之内",
            en="the proposed {observed} is not among the permitted forms ({limit})",
        ),
        "CONGRESS_APPROVAL_MISSING": Message(
            zh="拟召开{observed}，须经上级党组织批准，尚未记录批准",
            en="the proposed {observed} needs the higher organisation's approval, which is not recorded",
        ),
        # -- delegate numbers ---------------------------------------------------------------
        "DELEGATES_USUAL_RANGE": Message(
            zh="代表名额一般为{limit}名",
            en="the usual number of delegates is {limit}",
        ),
        "DELEGATES_OUTSIDE_RANGE": Message(
            zh="拟定代表{observed}名，不在一般范围{limit}名之内",
            en="{observed} delegates proposed, outside the usual {limit}",
        ),
        "DELEGATES_OVER_CAP": Message(
            zh="拟定代表{observed}名，超过最多{limit}名",
            en="{observed} delegates proposed, over the maximum of {limit}",
        ),
        "DELEGATES_BAND": Message(
            zh="党员{observed}名，代表名额一般为{limit}名左右",
            en="{observed} members: about {limit} delegates",
        ),
        "DELEGATES_BAND_BOUNDARY": Message(
            zh="党员{observed}名恰在两档交界，按参数（{reading}）取{limit}名左右一档",
            en="{observed} members is on the shared band boundary; by the parameter ({reading}) the band of about {limit} applies",
        ),
        "DELEGATES_BAND_DEVIATION": Message(
            zh="拟定代表{observed}名，与一般{limit}名左右不同，须由人判断是否仍属「左右」",
            en="{observed} delegates proposed against about {limit}: a person must judge whether that is still 'about'",
        ),
        "DELEGATES_NO_BAND": Message(
            zh="党员{observed}名，不在任何代表名额档次之内（最低档自{limit}名起）",
            en="{observed} members falls in no delegate band (the lowest starts at {limit})",
        ),
        "DELEGATES_NEED_APPROVAL": Message(
            zh="代表名额须报上级党组织批准",
            en="the number of delegates needs the higher organisation's approval",
        ),
        # -- margins ------------------------------------------------------------------------
        "MARGIN_MIN": Message(
            zh="{office}应选{seats}名，候选人不少于{limit}名（{basis}）",
            en="{office}: {seats} seats, at least {limit} candidates ({basis})",
        ),
        "MARGIN_MAX": Message(
            zh="{office}应选{seats}名，候选人不多于{limit}名（{basis}）",
            en="{office}: {seats} seats, at most {limit} candidates ({basis})",
        ),
        "MARGIN_BOUNDS_EMPTY": Message(
            zh="{office}应选{seats}名：候选人至少{observed}名而至多{limit}名，没有符合规定的人数，须由人决定",
            en="{office}: {seats} seats need at least {observed} and at most {limit} candidates; no count meets the rules, a person must decide",
        ),
        "MARGIN_OK": Message(
            zh="{office}应选{seats}名，候选人{observed}名，差额比例{margin}，符合{limit}",
            en="{office}: {observed} candidates for {seats} seats, margin {margin}, within {limit}",
        ),
        "MARGIN_BELOW_MIN": Message(
            zh="{office}应选{seats}名，候选人{observed}名，少于规定的{limit}名",
            en="{office}: {observed} candidates for {seats} seats, fewer than the required {limit}",
        ),
        "MARGIN_ABOVE_MAX": Message(
            zh="{office}应选{seats}名，候选人{observed}名，多于规定的{limit}名",
            en="{office}: {observed} candidates for {seats} seats, more than the allowed {limit}",
        ),
        "MARGIN_ROUNDED_SHORT": Message(
            zh="{office}差额比例{observed}低于{limit}，按取整规则（{rounding}）仍算符合",
            en="{office}: margin {observed} is below {limit} but passes under the rounding rule ({rounding})",
        ),
        "MARGIN_PREVIOUS_UNKNOWN": Message(
            zh="{office}差额比例须与上届比较，但未提供上届差额比例",
            en="{office}: the margin must be compared with the previous round's, which was not given",
        ),
        "MARGIN_SELF_NOMINATION": Message(
            zh="实行无候选人的自荐直选，不适用候选人差额（{office}）",
            en="election without candidates (自荐直选): no candidate margin applies ({office})",
        ),
        "SELF_NOMINATION_NOT_PROVIDED": Message(
            zh="本配置未规定无候选人的自荐直选，{office}须有多于应选名额的候选人",
            en="this profile does not provide for election without candidates; {office} needs more candidates than seats",
        ),
        # -- committee sizes ----------------------------------------------------------------
        "COMMITTEE_USUAL_SIZE": Message(
            zh="{body}一般由{limit}人组成",
            en="a {body} usually has {limit} members",
        ),
        "COMMITTEE_SIZE_OUTSIDE": Message(
            zh="拟设{body}委员{observed}人，不在{limit}人之内",
            en="{observed} members proposed for the {body}, outside {limit}",
        ),
        "COMMITTEE_OVER_CAP": Message(
            zh="拟设{body}委员{observed}人，超过{limit}人",
            en="{observed} members proposed for the {body}, over {limit}",
        ),
        "BRANCH_COMMITTEE_REQUIRED": Message(
            zh="正式党员{observed}名，达到{limit}名以上，应当设立支部委员会",
            en="{observed} full members, at least {limit}: a branch committee must be set up",
        ),
        "BRANCH_NO_COMMITTEE": Message(
            zh="正式党员{observed}名，不足{limit}名，不设支部委员会，设书记1名，必要时设副书记1名",
            en="{observed} full members, fewer than {limit}: no branch committee; one secretary, and a deputy if needed",
        ),
        "BRANCH_COMMITTEE_NOT_PROVIDED": Message(
            zh="正式党员{observed}名，不足{limit}名，不应设立支部委员会（拟设{proposed}人）",
            en="{observed} full members, fewer than {limit}: no branch committee is provided for ({proposed} proposed)",
        ),
        # -- deputy quotas ------------------------------------------------------------------
        "DEPUTIES_FORMULA": Message(
            zh="基数{base}名，人口{population}人，每{per}人增加1名，增加{increment}名，合计{observed}名",
            en="base {base}, population {population}, one more per {per}: {increment} more, {observed} in all",
        ),
        "DEPUTIES_INCREMENT_ROUNDED": Message(
            zh="人口{population}人除以{per}不为整数，按{rounding}取整，增加{observed}名",
            en="population {population} / {per} is not whole; rounded {rounding} to {observed} more",
        ),
        "DEPUTIES_CAP": Message(
            zh="代表总名额不得超过{limit}名（按公式为{observed}名，未超过）",
            en="the total may not exceed {limit} (the formula gives {observed}, within it)",
        ),
        "DEPUTIES_CAPPED": Message(
            zh="代表总名额不得超过{limit}名，按公式为{observed}名，取{limit}名",
            en="the total may not exceed {limit}; the formula gives {observed}, so {limit}",
        ),
        "DEPUTIES_MAY_BE_LOWER": Message(
            zh="人口{observed}人，不足{limit}人，代表总名额可以少于基数{base}名",
            en="population {observed}, below {limit}: the total may be lower than the base of {base}",
        ),
        "DEPUTIES_UPLIFT": Message(
            zh="经省级人大常委会决定可另加{ratio}：{total}名的{ratio}按{rounding}取整为{observed}名",
            en="the provincial standing committee may add {ratio}: {ratio} of {total} rounded {rounding} is {observed}",
        ),
        "DEPUTIES_PROPOSED_OVER": Message(
            zh="拟定代表{observed}名，多于依法计算的{limit}名",
            en="{observed} deputies proposed, more than the {limit} the law gives",
        ),
        "DEPUTIES_PROPOSED_UNDER": Message(
            zh="拟定代表{observed}名，少于依法计算的{limit}名",
            en="{observed} deputies proposed, fewer than the {limit} the law gives",
        ),
        "DEPUTIES_PROPOSED_LOWER_ALLOWED": Message(
            zh="拟定代表{observed}名，少于{limit}名；人口不足{threshold}人，可以少于基数",
            en="{observed} deputies proposed, fewer than {limit}; allowed because the population is below {threshold}",
        ),
    }
)
