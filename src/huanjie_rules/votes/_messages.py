"""The message catalogue of the vote rules.

Every finding code the vote rules emit (and the reason codes a
:class:`~huanjie_rules.votes.Tally` counts), with its zh-CN and en message.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..findings import Message


def _msg(zh: str, en: str) -> Message:
    return Message(zh=zh, en=en)


#: Every finding code this module emits (and the reason codes a :class:`Tally` counts), with
#: its zh-CN and en message.
FINDING_CODES: Mapping[str, Message] = MappingProxyType(
    {
        # -- ballots ----------------------------------------------------------------------------
        "BALLOT_UNREADABLE": _msg(
            "选票无法辨认，作废（仍计入收回的选票）",
            "the ballot cannot be read: spoilt (still counted among ballots returned)",
        ),
        "BALLOT_OVERMARKED": _msg(
            "{post}所选人数{observed}人，多于应选{limit}人，整张选票无效",
            "{post}: {observed} people marked, more than the {limit} seats: the whole ballot is void",
        ),
        "SECTION_OVERMARKED": _msg(
            "{post}所选人数{observed}人，多于应选{limit}人，该职位部分无效",
            "{post}: {observed} people marked, more than the {limit} seats: that section is void",
        ),
        "SAME_PERSON_TWO_POSTS_VOID": _msg(
            "选举同一人{subject}为两项以上职务，选票无效",
            "{subject} is marked for two or more posts: the ballot is void",
        ),
        "SAME_PERSON_COUNTED_HIGHER": _msg(
            "{subject}被选为两项以上职务，只计入较高的职务{post}",
            "{subject} is marked for two or more posts: counted only for the higher post, {post}",
        ),
        "WRITEIN_ILLEGIBLE": _msg(
            "{post}另选人姓名无法辨认，该项无效",
            "{post}: a written-in name cannot be read: that part is void",
        ),
        "WRITEIN_UNCIRCLED": _msg(
            "{post}另选人{subject}未划○，不计票",
            "{post}: written-in {subject} carries no ○: not counted",
        ),
        "WRITEIN_WITHOUT_AGAINST": _msg(
            "{post}另选人{subject}未对应一名投不赞成票的候选人，不计票",
            "{post}: written-in {subject} does not take the place of a 不赞成 vote: not counted",
        ),
        "WRITEIN_NOT_ALLOWED": _msg(
            "本轮{post}选票不得另选他人，{subject}不计票",
            "this round's {post} ballot allows no write-ins: {subject} not counted",
        ),
        "WRITEIN_NAMES_LISTED": _msg(
            "{post}另选人{subject}是选票上的候选人，按赞成票计",
            "{post}: written-in {subject} is listed on the ballot: counted as a vote for",
        ),
        "WRITEIN_DUPLICATE": _msg(
            "{post}：{subject}重复出现，只计一次",
            "{post}: {subject} appears more than once: counted once",
        ),
        "BALLOT_INVALID_UNSPECIFIED": _msg(
            "无效票（原因未登记）",
            "invalid ballots (reason not recorded)",
        ),
        # -- the vote as a whole ----------------------------------------------------------------
        "BALLOTS_RECONCILED": _msg(
            "收回选票{observed}张，不多于{base}{limit}，本次投票有效",
            "{observed} ballots returned, not more than {base} ({limit}): the vote stands",
        ),
        "BALLOTS_EXCEED_BASE": _msg(
            "收回选票{observed}张，多于{base}{limit}，本次选举无效，应重新选举",
            "{observed} ballots returned, more than {base} ({limit}): the vote is void and must be held again",
        ),
        "QUORUM_MET": _msg(
            "{measure}{observed}人，应到{base}人的{ratio}，至少需{limit}人：符合",
            "{measure}: {observed}, of {base} entitled at {ratio} needs at least {limit}: met",
        ),
        "QUORUM_NOT_MET": _msg(
            "{measure}{observed}人，应到{base}人的{ratio}，至少需{limit}人：不足，选举无效",
            "{measure}: {observed}, of {base} entitled at {ratio} needs at least {limit}: not met, the vote is void",
        ),
        "UNCONTESTED_NOT_ALLOWED": _msg(
            "{post}候选人{observed}名，不多于应选{limit}名，而该职务应实行差额选举",
            "{post}: {observed} candidates for {limit} seats, but this post must be contested",
        ),
        "SELF_NOMINATION_NO_MARGIN": _msg(
            "{post}实行无候选人的自荐直选，自荐人{observed}名、应选{limit}名，不要求差额",
            "{post}: election without candidates (自荐直选), {observed} self-nominees for {limit} seats: no margin is required",
        ),
        "UNCONTESTED_ALLOWED": _msg(
            "{post}候选人{observed}名、应选{limit}名，等额选举为规定所允许",
            "{post}: {observed} candidates for {limit} seats; an uncontested election is allowed",
        ),
        # -- candidates -------------------------------------------------------------------------
        "ELECTED": _msg(
            "{subject}得{observed}票，当选{post}（所需{limit}票）",
            "{subject}: {observed} votes, elected {post} (needed {limit})",
        ),
        "NOT_ELECTED_BELOW_THRESHOLD": _msg(
            "{subject}得{observed}票，未达到{post}当选所需{limit}票",
            "{subject}: {observed} votes, short of the {limit} needed for {post}",
        ),
        "NOT_ELECTED_OUTRANKED": _msg(
            "{subject}得{observed}票，达到{limit}票但{post}名额已满",
            "{subject}: {observed} votes, reaching {limit}, but the {post} seats are filled",
        ),
        "ELECTED_MOST_VOTES": _msg(
            "{subject}在再次投票中得{observed}票，以得票多当选{post}（不要求过半数）",
            "{subject}: {observed} votes in the re-vote, elected {post} by most votes (no majority required)",
        ),
        "NOT_ELECTED_FEWER_VOTES": _msg(
            "{subject}在再次投票中得{observed}票，少于当选者的{limit}票，未当选{post}",
            "{subject}: {observed} votes in the re-vote, fewer than the {limit} of the lowest elected: not elected {post}",
        ),
        "ELECTED_ELSEWHERE": _msg(
            "{subject}已当选其他职务，不再计入{post}",
            "{subject} is elected to another post: not counted for {post}",
        ),
        "TIE_AT_CUTOFF": _msg(
            "{post}末位票数相等（{observed}票）：{subject}，应就票数相等者再次投票，选{limit}名",
            "{post}: a tie at the cut-off ({observed} votes) among {subject}: re-vote among them for {limit} seat(s)",
        ),
        "POST_DEFERRED": _msg(
            "{post}须待较高职务再次投票后确定",
            "{post} is decided after the re-vote for a higher post",
        ),
        "SHORTFALL": _msg(
            "{post}当选{observed}名，少于应选{limit}名",
            "{post}: {observed} elected, fewer than the {limit} seats",
        ),
        "SECOND_ELECTION_CANDIDATES": _msg(
            "{post}另行选举{limit}名，候选人（按第一次投票得票多少为序）：{subject}",
            "{post}: 另行选举 for {limit} seat(s); candidates by first-round votes: {subject}",
        ),
        "SECOND_ELECTION_TOO_FEW": _msg(
            "{post}未当选且得票者{observed}名，少于另行选举应有的{limit}名候选人",
            "{post}: only {observed} unelected people received votes, fewer than the {limit} candidates a 另行选举 needs",
        ),
        "SECOND_ELECTION_LIST_TIED": _msg(
            "{post}另行选举候选人因票数相等扩至{observed}名，超过差额上限{limit}名，须由选举组织者依规定确定",
            "{post}: ties stretch the 另行选举 list to {observed}, above the margin cap of {limit}: the organisers must settle it",
        ),
        "SECOND_ELECTION_DEADLINE": _msg(
            "另行选举应在选举日当日或之后{limit}日内举行",
            "the 另行选举 must be held on election day or within {limit} days after",
        ),
        "SEATS_REMAIN_UNFILLED": _msg(
            "{post}仍有{observed}个名额未选足，规定不再另行选举",
            "{post}: {observed} seat(s) remain unfilled and the rules provide no further election",
        ),
        "REDUCE_SEATS_AVAILABLE": _msg(
            "当选人数接近应选名额的，可经{base}同意减少名额、不再选举（是否接近由选举人判断，需{limit}人同意）",
            "if the elected are close to the number of seats, the seats may be reduced with consent of {base} ({limit} needed); whether they are close is for the electors to judge",
        ),
        "REDUCE_SEATS_CONSENTED": _msg(
            "{observed}人同意减少名额，达到所需{limit}人，{post}名额减为{seats}名",
            "{observed} consented to reduce the seats, reaching the {limit} needed: {post} now has {seats} seat(s)",
        ),
        "REDUCE_SEATS_BY_PRESIDIUM": _msg(
            "大会主席团决定减少名额，{post}名额减为{seats}名",
            "the presidium decided to reduce the seats: {post} now has {seats} seat(s)",
        ),
        "REDUCE_SEATS_REFUSED": _msg(
            "{observed}人同意减少名额，未达到所需{limit}人，名额不变",
            "{observed} consented to reduce the seats, short of the {limit} needed: the seats stand",
        ),
        "LEAVE_VACANT_AVAILABLE": _msg(
            "已选出成员{observed}名，不少于{limit}名，不足职位可以空缺",
            "{observed} members elected, at least {limit}: the unfilled posts may stay vacant",
        ),
        "VACANCY_ACCEPTED": _msg(
            "{post}不足的{observed}个职位空缺",
            "{post}: {observed} unfilled post(s) left vacant",
        ),
    }
)
