"""The steps of a 换届 and the sequences a profile orders them in (``procedure.steps_*``)."""

from __future__ import annotations

from .._base import LabeledEnum


class Sequence(LabeledEnum):
    """The step sequences a profile can define (``procedure.steps_<value in lower case>``)."""

    GRASSROOTS = ("GRASSROOTS", "党的基层组织换届选举", ("基层党组织换届", "筹备工作"))
    VILLAGE_PARTY = ("VILLAGE_PARTY", "村（社区）党组织换届选举", ("两推一选", "村党组织换届"))
    NPC_DIRECT = ("NPC_DIRECT", "县乡两级人大代表直接选举", ("人大代表选举", "县乡人大换届"))
    VILLAGE_COMMITTEE = ("VILLAGE_COMMITTEE", "村民委员会选举", ("村委会换届", "村委会选举"))
    BY_ELECTION = ("BY_ELECTION", "补选人大代表", ("补选", "补选代表"))


class Step(LabeledEnum):
    """One step of a 换届 (the codes used in the profiles' ``procedure.steps_*`` lists)."""

    REQUEST = ("REQUEST", "呈报换届选举请示", ("请示",))
    APPROVAL = ("APPROVAL", "上级党组织批复换届", ("批复", "批准换届"))
    NOTICE = ("NOTICE", "发出换届选举通知", ("通知",))
    DOCUMENTS = ("DOCUMENTS", "起草工作报告和选举办法", ("起草文件", "选举办法"))
    NOMINATION = ("NOMINATION", "推荐提出候选人初步人选", ("推荐", "两推", "酝酿推荐"))
    INSPECTION = ("INSPECTION", "组织考察", ("考察", "群众测评"))
    REVIEW = ("REVIEW", "组织审查", ("审查", "资格审查"))
    NOMINEE_APPROVAL = ("NOMINEE_APPROVAL", "候选人预备人选报批", ("报镇党委批准", "人选审批"))
    FORMAL_CANDIDATES = ("FORMAL_CANDIDATES", "确定正式候选人", ("正式候选人",))
    LOGISTICS = ("LOGISTICS", "会务准备", ("印制选票", "布置会场"))
    ELECTION_COMMITTEE = ("ELECTION_COMMITTEE", "成立选举委员会", ("选举委员会", "村民选举委员会"))
    DISTRICTS = ("DISTRICTS", "划分选区", ("选区划分",))
    VOTER_REGISTRATION = ("VOTER_REGISTRATION", "选民登记", ("登记",))
    ROLL_PUBLISHED = ("ROLL_PUBLISHED", "公布选民名单", ("选民名单", "张榜公布选民名单"))
    CANDIDATE_LIST = ("CANDIDATE_LIST", "公布代表候选人名单", ("初步候选人名单",))
    FORMAL_LIST = ("FORMAL_LIST", "公布正式候选人名单", ("正式候选人名单",))
    VOTE = ("VOTE", "投票选举", ("选举日", "投票", "选举大会"))
    RESULT = ("RESULT", "公布选举结果", ("当选名单", "选举结果"))
    QUALIFICATION = ("QUALIFICATION", "代表资格审查", ("资格审查委员会",))
    PUBLICITY = ("PUBLICITY", "公示", ("任前公示", "当选公示"))
    APPOINTMENT = ("APPOINTMENT", "审批任命", ("报上级批准", "审批"))
    FILING = ("FILING", "备案", ("报备",))
    HANDOVER = ("HANDOVER", "工作移交", ("移交",))
    LATE_REGISTRATION_CUTOFF = (
        "LATE_REGISTRATION_CUTOFF",
        "补办选民登记截止",
        ("补办选民登记", "补登截止"),
    )
    SPEECH_REQUEST_CUTOFF = (
        "SPEECH_REQUEST_CUTOFF",
        "竞职演说申请截止",
        ("竞职演说申请", "要求发表竞职演说"),
    )
    PROXY_REQUEST_CUTOFF = (
        "PROXY_REQUEST_CUTOFF",
        "委托投票申请截止",
        ("办理委托投票手续", "提出委托投票"),
    )
    PROXY_LIST = ("PROXY_LIST", "公布委托人和受委托人名单", ("公布委托投票名单", "委托投票公告"))


#: Deadlines a plan may date but no sequence requires: each is checked against the vote only.
DEADLINE_STEPS: frozenset[Step] = frozenset(
    {
        Step.LATE_REGISTRATION_CUTOFF,
        Step.SPEECH_REQUEST_CUTOFF,
        Step.PROXY_REQUEST_CUTOFF,
        Step.PROXY_LIST,
    }
)

#: Steps whose absence is an approval missing (reported as ``APPROVAL_MISSING``).
APPROVAL_STEPS: frozenset[Step] = frozenset(
    {Step.APPROVAL, Step.NOMINEE_APPROVAL, Step.APPOINTMENT}
)
