"""The typed domain model: people, candidates, seats, elections and ballots.

All classes are frozen, keyword-only attrs classes validated on construction: a wrong type or an
impossible value raises :class:`~huanjie_rules.errors.InvalidDataError` listing *every* problem
with the path of its field. ``attrs.evolve`` re-validates.

Enums carry a Chinese ``label`` and read the common Chinese spellings with ``parse`` (which
returns :class:`Ambiguous` rather than guess) or ``from_label`` (which raises).

Why one module: this is the vocabulary every other module shares and the JSON records are made
of; kept whole (mostly enums and their spellings) it is the one place a reader looks up a field
or a code. When it grows further it becomes a package (enums, people, elections, ballots) that
re-exports every name from ``huanjie_rules.model``.

Example:
    >>> import datetime as dt
    >>> p = Person(name="李梅", gender=Gender.FEMALE, birth_date=dt.date(1985, 3, 1),
    ...            education=Education(full_time=EducationLevel.parse("大专")),
    ...            party_standing=PartyStanding.FULL_MEMBER)
    >>> p.education.full_time.label, p.party_standing.label
    ('大学专科', '正式党员')
    >>> EducationLevel.parse("硕士")
    Ambiguous(text='硕士', options=('EducationLevel.POSTGRADUATE', 'Degree.MASTER'), reason='硕士 names a degree (学位) and also a postgraduate 学历; say which')
    >>> Seat(office=Office.MEMBER, count=0)
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.InvalidDataError: Seat: 1 problem: count: must be at least 1, got 0 [RANGE] [INVALID_DATA]
"""

from __future__ import annotations

import datetime as _dt
import enum
import warnings
from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from ._args import checked
from ._base import Ambiguous, LabeledEnum, Model, Unrecognized, to_frozenset, to_tuple
from .errors import Problem
from .idcard import IdNumber

__all__ = [
    "Ambiguous",
    "Attestation",
    "Ballot",
    "BodyKind",
    "Candidate",
    "CheckStatus",
    "Choice",
    "Degree",
    "Division",
    "Education",
    "EducationLevel",
    "Election",
    "ElectionForm",
    "Gender",
    "IdNumber",
    "Level",
    "NominationRoute",
    "Office",
    "PartyStanding",
    "Person",
    "PersonCategory",
    "PreCheck",
    "PreCheckKind",
    "RecordFact",
    "Regime",
    "Relation",
    "Relative",
    "Seat",
    "StaffMember",
    "StaffRole",
    "Tenure",
    "Unrecognized",
    "Vetting",
    "Vote",
    "VotingMethod",
    "WriteIn",
    "body_regimes",
    "office_regimes",
    "regime_problems",
]


# --------------------------------------------------------------------------------------------
# Enums
# --------------------------------------------------------------------------------------------


class Gender(LabeledEnum):
    """性别."""

    MALE = ("MALE", "男", ("男性", "M", "1"))
    FEMALE = ("FEMALE", "女", ("女性", "F", "2"))


class EducationLevel(LabeledEnum):
    """学历 on the top-level codes of GB/T 4658-2006 《学历代码》.

    ``rank`` orders levels so that "X及以上" is one comparison (``level.rank >= X.rank``).
    普通高中 and 中等职业教育 share a rank: both are 高中阶段 and cadre rules that say 「高中以上」
    commonly write 「高中(中专)以上」. ``gb_code`` is the two-digit GB/T 4658 code.
    """

    POSTGRADUATE = ("POSTGRADUATE", "研究生", ("研究生学历", "博士研究生", "硕士研究生"))
    UNDERGRADUATE = ("UNDERGRADUATE", "大学本科", ("本科", "大本", "大学本科学历", "本科学历"))
    JUNIOR_COLLEGE = (
        "JUNIOR_COLLEGE",
        "大学专科",
        ("专科", "大专", "高职", "高职高专", "大学专科学历", "大专学历"),
    )
    SECONDARY_VOCATIONAL = (
        "SECONDARY_VOCATIONAL",
        "中等职业教育",
        ("中专", "中技", "技校", "职高", "中等专科", "中等专业学校", "职业高中", "技工学校"),
    )
    HIGH_SCHOOL = ("HIGH_SCHOOL", "普通高中", ("高中", "高级中学", "高中学历"))
    JUNIOR_MIDDLE = ("JUNIOR_MIDDLE", "初中", ("初级中学", "初中学历"))
    PRIMARY = ("PRIMARY", "小学", ("小学学历",))
    OTHER = ("OTHER", "其他", ("文盲", "半文盲", "无"))

    @classmethod
    def ambiguous_spellings(cls) -> Mapping[str, tuple[tuple[str, ...], str]]:
        """硕士, 博士, 学士, 大学 and 中学 have more than one reading."""
        return {
            "硕士": (
                ("EducationLevel.POSTGRADUATE", "Degree.MASTER"),
                "硕士 names a degree (学位) and also a postgraduate 学历; say which",
            ),
            "博士": (
                ("EducationLevel.POSTGRADUATE", "Degree.DOCTOR"),
                "博士 names a degree (学位) and also a postgraduate 学历; say which",
            ),
            "学士": (
                ("EducationLevel.UNDERGRADUATE", "Degree.BACHELOR"),
                "学士 is a degree (学位), not a 学历; the 学历 may be 本科 or other",
            ),
            "大学": (
                ("EducationLevel.UNDERGRADUATE", "EducationLevel.JUNIOR_COLLEGE"),
                "大学 may mean 大学本科 or 大学专科",
            ),
            "中学": (
                ("EducationLevel.HIGH_SCHOOL", "EducationLevel.JUNIOR_MIDDLE"),
                "中学 may mean 初中 or 高中",
            ),
        }

    @property
    def gb_code(self) -> str:
        """The GB/T 4658-2006 top-level code (10 研究生 … 90 其他)."""
        return {
            "POSTGRADUATE": "10",
            "UNDERGRADUATE": "20",
            "JUNIOR_COLLEGE": "30",
            "SECONDARY_VOCATIONAL": "40",
            "HIGH_SCHOOL": "60",
            "JUNIOR_MIDDLE": "70",
            "PRIMARY": "80",
            "OTHER": "90",
        }[self.value]

    @property
    def rank(self) -> int:
        """Higher is more education; 高中 and 中职 share rank 3."""
        return {
            "POSTGRADUATE": 6,
            "UNDERGRADUATE": 5,
            "JUNIOR_COLLEGE": 4,
            "SECONDARY_VOCATIONAL": 3,
            "HIGH_SCHOOL": 3,
            "JUNIOR_MIDDLE": 2,
            "PRIMARY": 1,
            "OTHER": 0,
        }[self.value]

    def at_least(self, other: EducationLevel) -> bool:
        """True if this level satisfies 「other及以上」."""
        return self.rank >= other.rank


class Degree(LabeledEnum):
    """学位 (GB/T 6864-2003), kept apart from 学历."""

    DOCTOR = ("DOCTOR", "博士", ("博士学位",))
    MASTER = ("MASTER", "硕士", ("硕士学位",))
    BACHELOR = ("BACHELOR", "学士", ("学士学位",))

    @property
    def rank(self) -> int:
        """3 for 博士, 2 for 硕士, 1 for 学士."""
        return {"DOCTOR": 3, "MASTER": 2, "BACHELOR": 1}[self.value]


class _RenamedMembers(enum.EnumMeta):
    """The enum type of an enum with renamed members: an old name still reads, with a warning.

    The class lists its old names in ``__renamed__`` (old name -> new name). The old name is not a
    member (it is not listed, iterated or written), but ``Enum.OLD`` and ``Enum["OLD"]`` give the
    renamed member with a :class:`DeprecationWarning`.
    """

    def _renamed(cls, name: str) -> Any:
        renamed: Mapping[str, str] = vars(cls).get("__renamed__", {})
        if name not in renamed:
            return None
        warnings.warn(
            f"{cls.__name__}.{name} is deprecated: use {cls.__name__}.{renamed[name]}",
            DeprecationWarning,
            stacklevel=3,
        )
        return cls[renamed[name]]

    def __getattr__(cls, name: str) -> Any:
        if not name.startswith("_"):
            member = cls._renamed(name)
            if member is not None:
                return member
        fallback = getattr(super(), "__getattr__", None)
        if fallback is None:
            raise AttributeError(name)
        return fallback(name)

    def __getitem__(cls, name: str) -> Any:
        member = cls._renamed(name) if isinstance(name, str) else None
        return member if member is not None else super().__getitem__(name)


class PartyStanding(LabeledEnum, metaclass=_RenamedMembers):
    """A person's standing in the party, which decides their rights in party elections.

    ``PROBATIONARY`` is a 预备党员 (not yet a full member); ``DISCIPLINARY_PROBATION`` is a member
    under 留党察看, a disciplinary sanction. The name and code ``UNDER_PROBATION`` of earlier
    releases still read as ``DISCIPLINARY_PROBATION`` (``PartyStanding.UNDER_PROBATION``,
    ``PartyStanding["UNDER_PROBATION"]``, ``PartyStanding("UNDER_PROBATION")``), each with a
    :class:`DeprecationWarning`; the old name is no longer a member.
    """

    #: Deprecated names (old -> new); to be removed in the next minor version.
    __renamed__: ClassVar[Mapping[str, str]] = {"UNDER_PROBATION": "DISCIPLINARY_PROBATION"}

    @classmethod
    def _missing_(cls, value: object) -> PartyStanding | None:
        if value == "UNDER_PROBATION":
            warnings.warn(
                "PartyStanding 'UNDER_PROBATION' is deprecated: use 'DISCIPLINARY_PROBATION'",
                DeprecationWarning,
                stacklevel=2,
            )
            return cls.DISCIPLINARY_PROBATION
        return None

    FULL_MEMBER = ("FULL_MEMBER", "正式党员", ("正式",))
    PROBATIONARY = ("PROBATIONARY", "预备党员", ("预备",))
    DISCIPLINARY_PROBATION = (
        "DISCIPLINARY_PROBATION",
        "留党察看",
        ("留党察看期间", "受留党察看处分", "UNDER_PROBATION"),
    )
    RIGHTS_SUSPENDED = (
        "RIGHTS_SUSPENDED",
        "中止党员权利",
        ("中止权利", "留置", "逮捕", "被留置", "被逮捕"),
    )
    NON_MEMBER = ("NON_MEMBER", "非党员", ("群众", "无党派", "非中共党员"))


class Regime(LabeledEnum):
    """Which body of rules governs an election."""

    PARTY_BASIC = ("PARTY_BASIC", "党的基层组织选举", ("基层组织", "基层党组织"))
    PARTY_LOCAL = ("PARTY_LOCAL", "党的地方组织选举", ("地方组织", "地方党组织"))
    NPC = ("NPC", "人民代表大会代表选举", ("人大", "人大代表选举", "人大换届"))
    VILLAGE = ("VILLAGE", "村民委员会选举", ("村委会", "村委会选举", "村民委员会"))


class Level(LabeledEnum):
    """Administrative level of the body being elected."""

    PROVINCE = ("PROVINCE", "省级", ("省", "自治区", "直辖市"))
    CITY = ("CITY", "市级", ("设区的市", "自治州", "市"))
    COUNTY = ("COUNTY", "县级", ("县", "县（市、区）", "区", "不设区的市"))
    TOWNSHIP = ("TOWNSHIP", "乡镇级", ("乡", "镇", "乡镇", "民族乡", "街道"))
    VILLAGE = ("VILLAGE", "村级", ("村", "社区", "嘎查", "村（社区）"))
    GRASSROOTS = ("GRASSROOTS", "基层单位", ("企业", "机关", "学校", "科研院所", "基层单位"))


class Division(LabeledEnum):
    """The kind of administrative division (行政区划) a body belongs to: finer than :class:`Level`.

    ``Level`` says how high a body stands (县级, 乡镇级); a rule sometimes names the kinds of
    division themselves. 《选举法》第十二条 gives its 5% uplift only to 「县、自治县、乡、民族乡」,
    so a 市辖区 or a 不设区的市 (both 县级) and a 镇 (乡镇级) must be told apart from a 县 or a
    乡. Each member maps to its level through :attr:`level`; which kinds a rule covers is profile
    data (for example ``quotas.minority_uplift_divisions``), never a list in code.

    旗 and 自治旗 (内蒙古), 苏木 and 民族苏木 are their own members: a profile says whether it reads
    them as 县, 自治县, 乡 and 民族乡. 街道 is an agency of a 市辖区 or 不设区的市 government; it
    holds no people's congress but has party and community elections, and is 乡镇级.

    Example:
        >>> Division.parse("民族乡"), Division.ETHNIC_TOWNSHIP.level
        (<Division.ETHNIC_TOWNSHIP: 'ETHNIC_TOWNSHIP'>, <Level.TOWNSHIP: 'TOWNSHIP'>)
        >>> [d.label for d in Division.at(Level.COUNTY)]
        ['县', '自治县', '旗', '自治旗', '不设区的市', '市辖区', '林区', '特区']
    """

    PROVINCE = ("PROVINCE", "省", ())
    AUTONOMOUS_REGION = ("AUTONOMOUS_REGION", "自治区", ())
    MUNICIPALITY = ("MUNICIPALITY", "直辖市", ())
    PREFECTURAL_CITY = ("PREFECTURAL_CITY", "设区的市", ("地级市",))
    AUTONOMOUS_PREFECTURE = ("AUTONOMOUS_PREFECTURE", "自治州", ())
    COUNTY = ("COUNTY", "县", ())
    AUTONOMOUS_COUNTY = ("AUTONOMOUS_COUNTY", "自治县", ())
    BANNER = ("BANNER", "旗", ())
    AUTONOMOUS_BANNER = ("AUTONOMOUS_BANNER", "自治旗", ())
    COUNTY_CITY = ("COUNTY_CITY", "不设区的市", ("县级市",))
    CITY_DISTRICT = ("CITY_DISTRICT", "市辖区", ("区",))
    FORESTRY_DISTRICT = ("FORESTRY_DISTRICT", "林区", ())
    SPECIAL_DISTRICT = ("SPECIAL_DISTRICT", "特区", ())
    TOWNSHIP = ("TOWNSHIP", "乡", ())
    ETHNIC_TOWNSHIP = ("ETHNIC_TOWNSHIP", "民族乡", ())
    TOWN = ("TOWN", "镇", ())
    SUMU = ("SUMU", "苏木", ())
    ETHNIC_SUMU = ("ETHNIC_SUMU", "民族苏木", ())
    SUBDISTRICT = ("SUBDISTRICT", "街道", ("街道办事处",))
    VILLAGE = ("VILLAGE", "村", ("行政村",))
    GACHA = ("GACHA", "嘎查", ())
    COMMUNITY = ("COMMUNITY", "社区", ("城市社区",))

    @property
    def level(self) -> Level:
        """The :class:`Level` this kind of division stands at (县 → ``COUNTY``, 镇 → ``TOWNSHIP``)."""
        return _DIVISION_LEVEL[self.name]

    @classmethod
    def at(cls, level: Level) -> tuple[Division, ...]:
        """The kinds of division at ``level``, in declaration order (none for ``GRASSROOTS``)."""
        return tuple(d for d in cls if d.level is level)


_DIVISION_LEVEL: Mapping[str, Level] = MappingProxyType(
    {
        "PROVINCE": Level.PROVINCE,
        "AUTONOMOUS_REGION": Level.PROVINCE,
        "MUNICIPALITY": Level.PROVINCE,
        "PREFECTURAL_CITY": Level.CITY,
        "AUTONOMOUS_PREFECTURE": Level.CITY,
        "COUNTY": Level.COUNTY,
        "AUTONOMOUS_COUNTY": Level.COUNTY,
        "BANNER": Level.COUNTY,
        "AUTONOMOUS_BANNER": Level.COUNTY,
        "COUNTY_CITY": Level.COUNTY,
        "CITY_DISTRICT": Level.COUNTY,
        "FORESTRY_DISTRICT": Level.COUNTY,
        "SPECIAL_DISTRICT": Level.COUNTY,
        "TOWNSHIP": Level.TOWNSHIP,
        "ETHNIC_TOWNSHIP": Level.TOWNSHIP,
        "TOWN": Level.TOWNSHIP,
        "SUMU": Level.TOWNSHIP,
        "ETHNIC_SUMU": Level.TOWNSHIP,
        "SUBDISTRICT": Level.TOWNSHIP,
        "VILLAGE": Level.VILLAGE,
        "GACHA": Level.VILLAGE,
        "COMMUNITY": Level.VILLAGE,
    }
)


class BodyKind(LabeledEnum):
    """The body whose members are being elected."""

    BRANCH = ("BRANCH", "党支部", ("支部", "党支部委员会", "支委会"))
    GENERAL_BRANCH = ("GENERAL_BRANCH", "党总支", ("总支", "党总支委员会"))
    GRASSROOTS_COMMITTEE = ("GRASSROOTS_COMMITTEE", "基层党委", ("基层委员会", "党的基层委员会"))
    PARTY_COMMITTEE = ("PARTY_COMMITTEE", "党委", ("党的委员会", "地方党委", "乡镇党委", "镇党委"))
    DISCIPLINE_COMMITTEE = ("DISCIPLINE_COMMITTEE", "纪委", ("纪律检查委员会", "纪检委"))
    PARTY_CONGRESS_DELEGATES = ("PARTY_CONGRESS_DELEGATES", "党代表", ("党代会代表", "出席代表"))
    PEOPLES_CONGRESS = ("PEOPLES_CONGRESS", "人民代表大会", ("人大", "人民代表大会代表"))
    CONGRESS_OFFICERS = ("CONGRESS_OFFICERS", "国家机关领导人员", ("人大主席团", "政府领导"))
    VILLAGE_COMMITTEE = ("VILLAGE_COMMITTEE", "村民委员会", ("村委会", "居委会", "居民委员会"))

    @property
    def regimes(self) -> frozenset[Regime]:
        """The bodies of rules under which this body is elected (see :func:`body_regimes`)."""
        return body_regimes(self)


class ElectionForm(LabeledEnum):
    """How the electors come together."""

    MEMBERS_ASSEMBLY = ("MEMBERS_ASSEMBLY", "党员大会", ("全体党员大会",))
    DELEGATES_CONGRESS = (
        "DELEGATES_CONGRESS",
        "党员代表大会",
        ("党代表大会", "代表大会", "党代会"),
    )
    COMMITTEE_PLENARY = (
        "COMMITTEE_PLENARY",
        "委员会全体会议",
        ("全委会", "委员会第一次全体会议", "第一次全体会议"),
    )
    DIRECT_VOTERS = ("DIRECT_VOTERS", "选民直接选举", ("直选", "直接选举", "选民直选"))
    INDIRECT_DEPUTIES = ("INDIRECT_DEPUTIES", "代表大会间接选举", ("间接选举", "间选"))
    VILLAGERS = ("VILLAGERS", "村民直接选举", ("村民选举", "海选"))


class Office(LabeledEnum):
    """A post (职位) that seats are elected to."""

    SECRETARY = ("SECRETARY", "书记", ("党组织书记", "党委书记", "支部书记"))
    DEPUTY_SECRETARY = ("DEPUTY_SECRETARY", "副书记", ("党委副书记",))
    STANDING_MEMBER = ("STANDING_MEMBER", "常委", ("常务委员", "常务委员会委员"))
    MEMBER = ("MEMBER", "委员", ("党委委员", "支委", "委员会委员"))
    ALTERNATE_MEMBER = ("ALTERNATE_MEMBER", "候补委员", ("候补",))
    DISCIPLINE_SECRETARY = ("DISCIPLINE_SECRETARY", "纪委书记", ())
    DISCIPLINE_DEPUTY_SECRETARY = ("DISCIPLINE_DEPUTY_SECRETARY", "纪委副书记", ())
    DISCIPLINE_STANDING_MEMBER = ("DISCIPLINE_STANDING_MEMBER", "纪委常委", ())
    DISCIPLINE_MEMBER = ("DISCIPLINE_MEMBER", "纪委委员", ("纪律检查委员会委员",))
    PARTY_DELEGATE = ("PARTY_DELEGATE", "党代表", ("党代会代表", "党员代表"))
    NPC_DEPUTY = ("NPC_DEPUTY", "人大代表", ("人民代表大会代表", "代表"))
    PRESIDIUM_CHAIR = ("PRESIDIUM_CHAIR", "人大主席", ("乡镇人大主席", "主席"))
    PRESIDIUM_VICE_CHAIR = ("PRESIDIUM_VICE_CHAIR", "人大副主席", ("副主席",))
    GOVERNMENT_HEAD = ("GOVERNMENT_HEAD", "政府正职", ("乡长", "镇长", "县长", "区长"))
    GOVERNMENT_DEPUTY_HEAD = ("GOVERNMENT_DEPUTY_HEAD", "政府副职", ("副乡长", "副镇长", "副县长"))
    NPC_STANDING_MEMBER = ("NPC_STANDING_MEMBER", "人大常委会委员", ("常委会委员",))
    VILLAGE_DIRECTOR = ("VILLAGE_DIRECTOR", "村委会主任", ("村主任", "主任", "居委会主任"))
    VILLAGE_DEPUTY_DIRECTOR = ("VILLAGE_DEPUTY_DIRECTOR", "村委会副主任", ("副主任", "村副主任"))
    VILLAGE_MEMBER = ("VILLAGE_MEMBER", "村委会委员", ("村委委员", "居委会委员"))
    VILLAGE_WOMAN_MEMBER = (
        "VILLAGE_WOMAN_MEMBER",
        "妇女委员",
        ("村委会妇女委员", "妇女委员职位"),
    )

    @property
    def regimes(self) -> frozenset[Regime]:
        """The bodies of rules under which this post is elected (see :func:`office_regimes`)."""
        return office_regimes(self)


class Tenure(LabeledEnum):
    """Whether a candidate is new to the post, continuing in it, or moving across at rank."""

    NEW = ("NEW", "新任", ("新提拔", "新进", "新任人选"))
    CONTINUING = ("CONTINUING", "继任", ("连任", "留任", "继续提名", "继任人选"))
    TRANSFERRED = ("TRANSFERRED", "平级转任", ("转任", "交流"))


class NominationRoute(LabeledEnum):
    """How a candidate came to be nominated."""

    ORGANIZATION = ("ORGANIZATION", "组织推荐", ("党组织推荐", "上级党组织推荐", "上级推荐"))
    MEMBERS = ("MEMBERS", "党员推荐", ("党员群众推荐", "党员联名推荐"))
    MASSES = ("MASSES", "群众推荐", ("群众代表推荐",))
    PARTY_OR_ORGANIZATION = (
        "PARTY_OR_ORGANIZATION",
        "政党、人民团体推荐",
        ("政党推荐", "团体推荐"),
    )
    JOINT_VOTERS = ("JOINT_VOTERS", "选民联名推荐", ("联名推荐", "代表联名", "选民推荐"))
    VILLAGERS = ("VILLAGERS", "村民提名", ("直接提名", "村民直接提名"))
    SELF = ("SELF", "自荐", ("自我推荐", "自荐直选"))
    PRESIDIUM = ("PRESIDIUM", "主席团提名", ("大会主席团提名",))


class Choice(LabeledEnum):
    """A mark on a ballot for one candidate."""

    FOR = ("FOR", "赞成", ("○", "〇", "同意", "满意", "v", "√", "yes"))
    AGAINST = ("AGAINST", "不赞成", ("反对", "×", "x", "no"))
    ABSTAIN = ("ABSTAIN", "弃权", ("", "空白", "不划"))


class PreCheckKind(LabeledEnum):
    """The 四个凡提 pre-nomination checks."""

    FILE_REVIEW = ("FILE_REVIEW", "档案必审", ("凡提必审", "考察对象档案必审"))
    PERSONAL_MATTERS = ("PERSONAL_MATTERS", "个人有关事项报告必核", ("凡提必核",))
    DISCIPLINE_OPINION = ("DISCIPLINE_OPINION", "纪检监察机关意见必听", ("凡提必听",))
    COMPLAINTS = ("COMPLAINTS", "线索具体的信访举报必查", ("凡提必查",))


class CheckStatus(LabeledEnum):
    """Where a pre-nomination check stands."""

    CLEAR = ("CLEAR", "已完成无问题", ("无问题", "已查清", "通过"))
    ISSUE_FOUND = ("ISSUE_FOUND", "发现问题", ("有问题", "不通过"))
    UNRESOLVED = ("UNRESOLVED", "问题未查清", ("疑点未消除", "未查清", "在查"))
    NOT_DONE = ("NOT_DONE", "未开展", ("未完成", "未审核"))


class PersonCategory(LabeledEnum):
    """Categories composition rules count (the 三类人员 and others)."""

    TOWNSHIP_INSTITUTION_STAFF = (
        "TOWNSHIP_INSTITUTION_STAFF",
        "乡镇事业编制人员",
        ("事业编制", "乡镇事业编制"),
    )
    VILLAGE_CADRE = ("VILLAGE_CADRE", "优秀村干部", ("村干部", "嘎查村干部", "优秀嘎查村干部"))
    COLLEGE_GRADUATE_OFFICIAL = ("COLLEGE_GRADUATE_OFFICIAL", "大学生村官", ("选调生村官",))
    FRONTLINE = ("FRONTLINE", "生产和工作一线", ("一线", "一线党员"))
    LEADING_CADRE = ("LEADING_CADRE", "领导干部", ("党政干部",))
    WORKER = ("WORKER", "工人", ())
    FARMER = ("FARMER", "农民", ())
    PROFESSIONAL = ("PROFESSIONAL", "专业技术人员", ("专技人员",))
    ENTERPRISE_HEAD = ("ENTERPRISE_HEAD", "企业负责人", ())
    FULL_TIME = ("FULL_TIME", "专职", ())


class StaffRole(LabeledEnum):
    """Roles in running an election that candidates and their relatives may not hold."""

    ELECTION_COMMITTEE = ("ELECTION_COMMITTEE", "选举委员会成员", ("选举委员会", "村民选举委员会"))
    CHIEF_SCRUTINEER = ("CHIEF_SCRUTINEER", "总监票人", ())
    SCRUTINEER = ("SCRUTINEER", "监票人", ())
    COUNTER = ("COUNTER", "计票人", ())
    PRESIDING = ("PRESIDING", "主持选举的人员", ("主持人", "主持本选区的选举"))
    BALLOT_ISSUER = ("BALLOT_ISSUER", "发票人", ("发票工作人员", "发票员"))
    CALLER = ("CALLER", "唱票人", ("唱票工作人员", "唱票员"))
    SCRIBE = ("SCRIBE", "代书人", ("代写人", "代写员", "代书工作人员"))
    POLL_WORKER = ("POLL_WORKER", "其他选举工作人员", ("选举工作人员", "工作人员"))


class Relation(LabeledEnum):
    """A family relation between two people, as the election rules name them.

    The rules list relations by these groups: 夫妻/配偶, 父母子女, 兄弟姐妹, 祖父母、外祖父母与
    孙子女、外孙子女; 直系亲属 (lineal) takes in parents, children, grandparents and grandchildren
    and further ascendants and descendants (``OTHER_LINEAL``).
    """

    SPOUSE = ("SPOUSE", "配偶", ("夫妻", "夫妻关系", "丈夫", "妻子"))
    PARENT_CHILD = ("PARENT_CHILD", "父母子女", ("父母", "子女", "父子", "母子", "父女", "母女"))
    SIBLING = ("SIBLING", "兄弟姐妹", ("兄弟", "姐妹", "兄妹", "姐弟"))
    GRANDPARENT_GRANDCHILD = (
        "GRANDPARENT_GRANDCHILD",
        "祖孙",
        ("祖父母", "外祖父母", "孙子女", "外孙子女"),
    )
    OTHER_LINEAL = ("OTHER_LINEAL", "其他直系亲属", ("曾祖父母", "曾孙子女"))
    OTHER_RELATIVE = ("OTHER_RELATIVE", "其他亲属", ("旁系亲属", "亲属"))
    NONE = ("NONE", "非亲属", ("其他选民", "无亲属关系"))


class VotingMethod(LabeledEnum):
    """How a voter casts a vote."""

    IN_PERSON = ("IN_PERSON", "到投票站或选举大会投票", ("本人投票", "亲自投票", "投票站"))
    MOBILE_BOX = ("MOBILE_BOX", "流动票箱投票", ("流动票箱",))
    PROXY = ("PROXY", "委托投票", ("委托他人投票", "代为投票"))
    AT_PLACE_OF_CUSTODY = ("AT_PLACE_OF_CUSTODY", "在执行地投票", ("执行地投票", "服刑地投票"))


# --------------------------------------------------------------------------------------------
# Which body of rules elects which post and body
# --------------------------------------------------------------------------------------------

_PARTY = frozenset({Regime.PARTY_BASIC, Regime.PARTY_LOCAL})
_OFFICE_FAMILY: Mapping[str, frozenset[Regime]] = {
    **dict.fromkeys(
        (
            "SECRETARY",
            "DEPUTY_SECRETARY",
            "STANDING_MEMBER",
            "MEMBER",
            "ALTERNATE_MEMBER",
            "DISCIPLINE_SECRETARY",
            "DISCIPLINE_DEPUTY_SECRETARY",
            "DISCIPLINE_STANDING_MEMBER",
            "DISCIPLINE_MEMBER",
            "PARTY_DELEGATE",
        ),
        _PARTY,
    ),
    **dict.fromkeys(
        (
            "NPC_DEPUTY",
            "PRESIDIUM_CHAIR",
            "PRESIDIUM_VICE_CHAIR",
            "GOVERNMENT_HEAD",
            "GOVERNMENT_DEPUTY_HEAD",
            "NPC_STANDING_MEMBER",
        ),
        frozenset({Regime.NPC}),
    ),
    **dict.fromkeys(
        ("VILLAGE_DIRECTOR", "VILLAGE_DEPUTY_DIRECTOR", "VILLAGE_MEMBER", "VILLAGE_WOMAN_MEMBER"),
        frozenset({Regime.VILLAGE}),
    ),
}
_BODY_FAMILY: Mapping[str, frozenset[Regime]] = {
    "BRANCH": frozenset({Regime.PARTY_BASIC}),
    "GENERAL_BRANCH": frozenset({Regime.PARTY_BASIC}),
    "GRASSROOTS_COMMITTEE": frozenset({Regime.PARTY_BASIC}),
    "PARTY_COMMITTEE": _PARTY,
    "DISCIPLINE_COMMITTEE": _PARTY,
    "PARTY_CONGRESS_DELEGATES": _PARTY,
    "PEOPLES_CONGRESS": frozenset({Regime.NPC}),
    "CONGRESS_OFFICERS": frozenset({Regime.NPC}),
    "VILLAGE_COMMITTEE": frozenset({Regime.VILLAGE}),
}


@checked
def office_regimes(office: Office) -> frozenset[Regime]:
    """The bodies of rules that elect ``office``.

    Party posts (书记, 委员, 纪委 posts, 党代表) are elected under the party rules, 人大 posts
    (代表, 主席, 政府正副职, 常委会委员) under the people's congress rules, and 村委会 posts under
    the village committee rules; no post is elected under two families. A 两委 roster therefore
    needs two profiles: the party half and the village-committee half.

    Example:
        >>> sorted(r.value for r in office_regimes(Office.SECRETARY))
        ['PARTY_BASIC', 'PARTY_LOCAL']
        >>> office_regimes(Office.VILLAGE_DIRECTOR) == frozenset({Regime.VILLAGE})
        True

    Legal basis: 《中国共产党基层组织选举工作条例》 第二条; 选举法 第三条 (who elects the deputies of
    which congress); 《村民委员会组织法》 第十一条 (「村民委员会主任、副主任和委员，由村民直接选举产生」).
    """
    return _OFFICE_FAMILY[office.value]


@checked
def body_regimes(body: BodyKind) -> frozenset[Regime]:
    """The bodies of rules that elect ``body`` (支部/总支/基层党委: the grassroots party rules).

    Example:
        >>> sorted(r.value for r in body_regimes(BodyKind.PARTY_COMMITTEE))
        ['PARTY_BASIC', 'PARTY_LOCAL']
        >>> body_regimes(BodyKind.VILLAGE_COMMITTEE) == frozenset({Regime.VILLAGE})
        True

    Legal basis: 《中国共产党基层组织选举工作条例》 第二条 (支部、总支、基层委员会); 《中国共产党
    地方组织选举工作条例》 第二条; 选举法 第三条; 《村民委员会组织法》 第十一条.
    """
    return _BODY_FAMILY[body.value]


@checked
def regime_problems(
    regime: Regime, body: BodyKind, offices: Iterable[Office], *, path: str = ""
) -> tuple[Problem, ...]:
    """Problems with a regime × body × offices combination that no election can have.

    Codes: ``BODY_NOT_IN_REGIME`` (a 村民委员会 under the party rules …) and
    ``OFFICE_NOT_IN_REGIME`` (a 村委会主任 or 人大代表 seat under the party rules, a 书记 seat under
    the village rules). Each message names the regime that does elect the body or post, so the
    caller can pick its profile (:func:`huanjie_rules.policy.governing_policy` finds it).

    Example:
        >>> [p.code for p in regime_problems(Regime.PARTY_BASIC, BodyKind.BRANCH,
        ...                                  [Office.SECRETARY, Office.VILLAGE_DIRECTOR])]
        ['OFFICE_NOT_IN_REGIME']

    Legal basis: as :func:`office_regimes` and :func:`body_regimes`.
    """
    prefix = f"{path}." if path else ""
    found: list[Problem] = []
    if regime not in body_regimes(body):
        right = "/".join(sorted(r.value for r in body_regimes(body)))
        found.append(
            Problem(
                "BODY_NOT_IN_REGIME",
                f"{prefix}body",
                f"{body.value} ({body.label}) is elected under {right}, not {regime.value}: "
                f"use a {right} profile",
            )
        )
    for i, office in enumerate(offices):
        if regime not in office_regimes(office):
            right = "/".join(sorted(r.value for r in office_regimes(office)))
            found.append(
                Problem(
                    "OFFICE_NOT_IN_REGIME",
                    f"{prefix}seats[{i}].office",
                    f"{office.value} ({office.label}) is elected under {right}, not "
                    f"{regime.value}: use a {right} profile for it",
                )
            )
    return tuple(found)


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


def _key_of(value: object) -> str:
    # A default key from another field; a value of the wrong type there is reported by the
    # field's own check, so the default must not fail on it first.
    return value if isinstance(value, str) else ""


def _nonblank(value: str, path: str) -> Iterable[Problem]:
    if not value.strip():
        yield Problem("EMPTY", path, "must not be empty")


def _at_least(value: int, minimum: int, path: str) -> Iterable[Problem]:
    if value < minimum:
        yield Problem("RANGE", path, f"must be at least {minimum}, got {value}")


@attrs.frozen(kw_only=True)
class Education(Model):
    """学历 and 学位, full-time (全日制) and in-service (在职) kept apart.

    ``highest`` is the higher 学历 of the two. Rules that say 「全日制大专以上」 look at
    ``full_time`` only.

    Attributes:
        full_time: 全日制学历: the 学历 of full-time study.
        in_service: 在职学历: the 学历 of in-service study.
        full_time_degree: 全日制学位: the degree of full-time study.
        in_service_degree: 在职学位: the degree of in-service study.
    """

    full_time: EducationLevel | None = None
    in_service: EducationLevel | None = None
    full_time_degree: Degree | None = None
    in_service_degree: Degree | None = None

    @property
    def highest(self) -> EducationLevel | None:
        """The higher of the full-time and in-service 学历, or None if neither is known."""
        levels = [lv for lv in (self.full_time, self.in_service) if lv is not None]
        return max(levels, key=lambda lv: lv.rank) if levels else None


@attrs.frozen(kw_only=True)
class Person(Model):
    """A person as the rules see them.

    Attributes:
        name: 姓名.
        key: a stable identifier (defaults to the name); must be unique within an election.
        gender: 性别.
        ethnicity: 民族, e.g. ``"汉族"``.
        birth_date: 出生日期 as recorded in the 档案 (see ``id_number`` for the other source).
        education: 学历/学位, full-time and in-service.
        party_standing: 政治面貌: party membership standing.
        party_joined: 入党时间 (admission as probationary member), if a member.
        party_confirmed: 转正时间 (the day the probation ended and full membership began), if
            known; 党龄 counts from it (党章 第七条). ``None`` for a probationary member.
        temporary_relation_only: 仅有临时组织关系: holds only a 临时组织关系证明信 in the electing
            organisation.
        political_rights_deprived: 被剥夺政治权利 (people's congress and village elections).
        township_experience_months: 乡镇工作月数: months of township (乡镇) work, for structure
            rules.
        categories: categories composition rules count (三类人员, 一线, …).
        id_number: 公民身份号码, masked whenever shown.
    """

    name: str
    key: str = attrs.field(default=attrs.Factory(lambda self: _key_of(self.name), takes_self=True))
    gender: Gender
    ethnicity: str = "汉族"
    birth_date: _dt.date
    education: Education = attrs.field(factory=Education)
    party_standing: PartyStanding = PartyStanding.NON_MEMBER
    party_joined: _dt.date | None = None
    party_confirmed: _dt.date | None = None
    temporary_relation_only: bool = False
    political_rights_deprived: bool = False
    township_experience_months: int | None = None
    categories: frozenset[PersonCategory] = attrs.field(factory=frozenset, converter=to_frozenset)
    id_number: IdNumber | None = None

    @property
    def is_minority(self) -> bool:
        """True for an ethnicity other than 汉族 (少数民族)."""
        return self.ethnicity.strip() not in {"汉族", "汉"}

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.name, "name")
        yield from _nonblank(self.key, "key")
        yield from _nonblank(self.ethnicity, "ethnicity")
        if self.birth_date.year < 1900:
            yield Problem("RANGE", "birth_date", f"{self.birth_date} is before 1900")
        if self.party_joined is not None and self.party_joined < self.birth_date:
            yield Problem("DATE_ORDER", "party_joined", "is before birth_date")
        if self.party_joined is not None and self.party_standing is PartyStanding.NON_MEMBER:
            yield Problem("INCONSISTENT", "party_joined", "is set for a non-member")
        if self.party_confirmed is not None:
            if self.party_standing is PartyStanding.NON_MEMBER:
                yield Problem("INCONSISTENT", "party_confirmed", "is set for a non-member")
            if self.party_standing is PartyStanding.PROBATIONARY:
                yield Problem("INCONSISTENT", "party_confirmed", "is set for a probationary member")
            if self.party_joined is not None and self.party_confirmed < self.party_joined:
                yield Problem("DATE_ORDER", "party_confirmed", "is before party_joined")
            elif self.party_confirmed < self.birth_date:
                yield Problem("DATE_ORDER", "party_confirmed", "is before birth_date")
        if self.township_experience_months is not None:
            yield from _at_least(self.township_experience_months, 0, "township_experience_months")


@attrs.frozen(kw_only=True)
class RecordFact(Model):
    """A fact from records (sentence, sanction, investigation, credit blacklist …).

    ``kind`` is a code the policy profile's negative lists know (``CRIMINAL_SENTENCE``,
    ``PARTY_SANCTION``, ``UNDER_INVESTIGATION``, ``DISHONEST_DEBTOR``, …). ``ended`` is when the
    sentence was served, the sanction's effect period ended or the listing was lifted; ``None``
    with ``ongoing=True`` means it still runs. Look-back windows count from ``ended``.
    """

    kind: str
    started: _dt.date | None = None
    ended: _dt.date | None = None
    ongoing: bool = False
    note: str = ""

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.kind, "kind")
        if self.started and self.ended and self.ended < self.started:
            yield Problem("DATE_ORDER", "ended", "is before started")
        if self.ongoing and self.ended is not None:
            yield Problem("INCONSISTENT", "ended", "is set although the fact is ongoing")


@attrs.frozen(kw_only=True)
class Attestation(Model):
    """A judgement an organisation attests (心术不正, 能力条件 …): ``holds`` means the item applies."""

    item: str
    holds: bool
    attested_by: str = ""
    on: _dt.date | None = None

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.item, "item")


@attrs.frozen(kw_only=True)
class PreCheck(Model):
    """One of the 四个凡提 checks and where it stands."""

    kind: PreCheckKind
    status: CheckStatus
    on: _dt.date | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class Vetting(Model):
    """What vetting found about a candidate: record facts, attestations and pre-checks."""

    records: tuple[RecordFact, ...] = attrs.field(default=(), converter=to_tuple)
    attestations: tuple[Attestation, ...] = attrs.field(default=(), converter=to_tuple)
    prechecks: tuple[PreCheck, ...] = attrs.field(default=(), converter=to_tuple)

    def _checks(self) -> Iterable[Problem]:
        seen: set[PreCheckKind] = set()
        for i, check in enumerate(self.prechecks):
            if check.kind in seen:
                yield Problem("DUPLICATE", f"prechecks[{i}].kind", f"{check.kind.value} twice")
            seen.add(check.kind)


@attrs.frozen(kw_only=True)
class Candidate(Model):
    """A person standing for a post.

    Attributes:
        person: who.
        office: 拟任职务: the post (书记, 委员, 人大代表, 村委会主任 …).
        key: a stable identifier (defaults to the person's key).
        tenure: 新任或继任: new (新任), continuing (继任) or transferred at rank (平级转任).
        nomination: 提名方式: the nomination route.
        vetting: record facts, attestations and the 四个凡提 checks.
    """

    person: Person
    office: Office
    key: str = attrs.field(
        default=attrs.Factory(
            lambda self: _key_of(getattr(self.person, "key", "")), takes_self=True
        )
    )
    tenure: Tenure = Tenure.NEW
    nomination: NominationRoute = NominationRoute.ORGANIZATION
    vetting: Vetting = attrs.field(factory=Vetting)

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.key, "key")


@attrs.frozen(kw_only=True)
class Seat(Model):
    """How many seats (应选名额) a post has in an election."""

    office: Office
    count: int

    def _checks(self) -> Iterable[Problem]:
        yield from _at_least(self.count, 1, "count")


@attrs.frozen(kw_only=True)
class Relative(Model):
    """A candidate a staff member is related to, and how (配偶, 父母子女, 兄弟姐妹 …).

    Attributes:
        candidate: the candidate's key.
        relation: what the staff member is to the candidate (never ``NONE``).
    """

    candidate: str
    relation: Relation

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.candidate, "candidate")
        if self.relation is Relation.NONE:
            yield Problem("CHOICE", "relation", "a relative has a relation other than NONE")


@attrs.frozen(kw_only=True)
class StaffMember(Model):
    """Someone who runs the election (选举委员会, 监票人, 计票人).

    ``relatives`` lists the candidates this person is related to, each with the relation: the
    rules bar different relations (上海办法 第十四条 配偶或者直系亲属; 浙江办法 第九条、第二十二条
    配偶、父母子女、兄弟姐妹; 选举法 第四十三条 近亲属), as the profile's
    ``eligibility.staff_barred_relations`` lists them. ``relatives_of`` lists candidates this
    person is related to without saying how (as records of earlier releases do): the screen
    then reads the rule most cautiously — the role counts as barred — and says that the relation
    is unknown (a WARN for a person to check, not a FAIL).
    """

    key: str
    role: StaffRole
    name: str = ""
    relatives_of: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    relatives: tuple[Relative, ...] = attrs.field(default=(), converter=to_tuple)

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.key, "key")

    def related_candidates(self) -> frozenset[str]:
        """The keys of every candidate this person is related to, relation known or not."""
        return frozenset(self.relatives_of) | {r.candidate for r in self.relatives}


@attrs.frozen(kw_only=True)
class Election(Model):
    """One election: who elects whom, under which rules, on which day.

    Attributes:
        key: an identifier.
        regime: which body of rules (party grassroots, party local, people's congress, village).
        policy_id: the policy profile that supplies every number (``"party-basic-2020"``).
        body: the body being elected.
        level: its administrative level.
        division: the kind of division (县, 市辖区, 乡, 镇 …), for rules that name kinds rather
            than levels; None when not given. Must stand at ``level``.
        form: 党员大会, 党员代表大会, 选民直选 …
        date: election day (选举日).
        seats: the posts and 应选名额.
        entitled_voters: 应到会有选举权人数 / 登记选民数 / 全体代表数, as the regime counts it.
        candidates: the candidates, each for one of the seats' offices.
        staff: election committee members, scrutineers and counters.
        previous_margin: the previous round's 差额比例, for rules that compare with it.
    """

    key: str
    regime: Regime
    policy_id: str
    body: BodyKind
    level: Level
    form: ElectionForm
    date: _dt.date
    seats: tuple[Seat, ...] = attrs.field(converter=to_tuple)
    entitled_voters: int
    candidates: tuple[Candidate, ...] = attrs.field(default=(), converter=to_tuple)
    staff: tuple[StaffMember, ...] = attrs.field(default=(), converter=to_tuple)
    previous_margin: Fraction | None = None
    division: Division | None = None

    @checked
    def seats_for(self, office: Office) -> int:
        """The number of seats for ``office`` (0 if the election has none)."""
        return self._seats_for(office)

    def _seats_for(self, office: Office) -> int:
        return sum(s.count for s in self.seats if s.office is office)

    @checked
    def candidates_for(self, office: Office) -> tuple[Candidate, ...]:
        """The candidates standing for ``office``, in the order given."""
        return tuple(c for c in self.candidates if c.office is office)

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.key, "key")
        yield from _nonblank(self.policy_id, "policy_id")
        if not self.seats:
            yield Problem("EMPTY", "seats", "an election needs at least one seat")
        yield from _at_least(self.entitled_voters, 0, "entitled_voters")
        offices: set[Office] = set()
        for i, seat in enumerate(self.seats):
            if seat.office in offices:
                yield Problem("DUPLICATE", f"seats[{i}].office", f"{seat.office.value} twice")
            offices.add(seat.office)
        keys: set[str] = set()
        for i, cand in enumerate(self.candidates):
            if cand.person.birth_date > self.date:
                yield Problem(
                    "DATE_ORDER",
                    f"candidates[{i}].person.birth_date",
                    f"{cand.person.birth_date} is after the election date {self.date}",
                )
            if cand.key in keys:
                yield Problem("DUPLICATE", f"candidates[{i}].key", f"{cand.key!r} twice")
            keys.add(cand.key)
            if cand.office not in offices:
                yield Problem(
                    "UNKNOWN_OFFICE",
                    f"candidates[{i}].office",
                    f"{cand.office.value} has no seats in this election",
                )
        if self.previous_margin is not None and self.previous_margin < 0:
            yield Problem("RANGE", "previous_margin", "must not be negative")
        if self.division is not None and self.division.level is not self.level:
            yield Problem(
                "MISMATCH",
                "division",
                f"{self.division.value} ({self.division.label}) stands at "
                f"{self.division.level.value}, not {self.level.value}",
            )
        if (
            isinstance(self.regime, Regime)
            and isinstance(self.body, BodyKind)
            and all(isinstance(s, Seat) and isinstance(s.office, Office) for s in self.seats)
        ):
            yield from regime_problems(self.regime, self.body, [s.office for s in self.seats])


@attrs.frozen(kw_only=True)
class Vote(Model):
    """One mark: a choice for one candidate (for one office on a multi-post ballot)."""

    candidate: str
    choice: Choice
    office: Office | None = None

    def _checks(self) -> Iterable[Problem]:
        yield from _nonblank(self.candidate, "candidate")


@attrs.frozen(kw_only=True)
class WriteIn(Model):
    """A name written on the ballot (另选他人).

    Attributes:
        name: the name written.
        office: the post it is written for (multi-post ballots).
        circled: whether the voter marked it with ○ (rules differ on names without it).
        replaces: the key of the candidate whose 不赞成 it goes with (party rules).
        legible: False if the name cannot be read.
    """

    name: str
    office: Office | None = None
    circled: bool = True
    replaces: str | None = None
    legible: bool = True

    def _checks(self) -> Iterable[Problem]:
        # ``name`` may be blank (an empty or unreadable write-in is judged by the vote rules);
        # ``replaces`` names a candidate's key, which is never blank.
        if self.replaces is not None:
            yield from _nonblank(self.replaces, "replaces")


@attrs.frozen(kw_only=True)
class Ballot(Model):
    """One ballot as returned: marks per candidate and any write-ins.

    A candidate with no mark counts as 弃权. ``unreadable`` marks a ballot that cannot be read at
    all (it still counts among ballots returned).
    """

    votes: tuple[Vote, ...] = attrs.field(default=(), converter=to_tuple)
    write_ins: tuple[WriteIn, ...] = attrs.field(default=(), converter=to_tuple)
    key: str = ""
    unreadable: bool = False

    def _checks(self) -> Iterable[Problem]:
        seen: set[tuple[str, Office | None]] = set()
        for i, vote in enumerate(self.votes):
            k = (vote.candidate, vote.office)
            if k in seen:
                yield Problem("DUPLICATE", f"votes[{i}]", f"{vote.candidate!r} marked twice")
            seen.add(k)
