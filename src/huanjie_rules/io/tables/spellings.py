"""What a 组织部 roster's cells say: the header map and every spelling the reader accepts.

Pure functions over cell values (no extra needed). Each reader returns either a value or a
:class:`CellProblem` with a stable code; nothing is guessed: a spelling that fits two readings
(大学, 硕士, a number cell 1979.1 that may be October) is a problem, not a choice.

``docs/roster-spellings.md`` is generated from the tables in this module.

Example:
    >>> read_date("1979年10月")
    (datetime.date(1979, 10, 1), 'MONTH_ONLY')
    >>> read_posts("书记、主任")
    ((<Office.SECRETARY: 'SECRETARY'>, <Office.VILLAGE_DIRECTOR: 'VILLAGE_DIRECTOR'>), ())
    >>> read_political_status("中共预备党员")
    <PoliticalStatus.CPC_PROBATIONARY: 'CPC_PROBATIONARY'>
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import TypeVar

import attrs

from ..._args import checked
from ..._base import Ambiguous, LabeledEnum, Unrecognized
from ...model import (
    BodyKind,
    Degree,
    EducationLevel,
    Gender,
    Office,
    PartyStanding,
    PersonCategory,
    Tenure,
)

__all__ = [
    "DEFAULT_HEADER_MAP",
    "FIELDS",
    "MONTH_ONLY_DAY",
    "NOT_COVERED_POSTS",
    "POST_SPELLINGS",
    "CellProblem",
    "Field",
    "PoliticalStatus",
    "blank",
    "committee_of",
    "normalize",
    "read_categories",
    "read_date",
    "read_degree",
    "read_education",
    "read_gender",
    "read_political_status",
    "read_posts",
    "read_tenure",
    "read_text",
    "read_township_months",
]

#: A month-only date (1979.10, 1979年10月, 197910) is read as the 1st of the month and reported
#: (INFO ``DATE_MONTH_ONLY``); when the row's 公民身份号码 encodes a day of that month, that day is
#: used instead.
MONTH_ONLY_DAY = 1


@attrs.frozen
class CellProblem:
    """Why a cell could not be read: a stable code and an English explanation."""

    code: str
    message: str


@attrs.frozen
class Field:
    """One field a roster column can fill.

    Attributes:
        name: the field's stable name (``birth_date``).
        label: the Chinese name used as the written header.
        headers: every header spelling that maps to it (compared without spaces, full-width
            forms or case).
        required: the reader refuses a sheet without it (``name``, ``post``); ``birth_date``
            and ``gender`` are required unless an ID number column can supply them.
        description: what the field holds and how it is read.
    """

    name: str
    label: str
    headers: tuple[str, ...]
    required: bool = False
    description: str = ""


FIELDS: tuple[Field, ...] = (
    Field(
        "key",
        "编号",
        ("编号", "人员编号", "序号编码", "人员代码"),
        description="a stable key for the person; else the row",
    ),
    Field(
        "township",
        "乡镇",
        ("乡镇", "乡镇（街道）", "乡镇(街道)", "镇街", "乡（镇）", "镇", "所属乡镇", "乡镇名称"),
        description="the township (乡镇/街道)",
    ),
    Field(
        "village",
        "村（社区）",
        (
            "村（社区）",
            "村(社区)",
            "村",
            "村名",
            "所在村",
            "村别",
            "行政村",
            "社区",
            "村（居）",
            "单位",
        ),
        description="the village or community",
    ),
    Field("name", "姓名", ("姓名", "名字", "人选姓名", "候选人姓名"), required=True),
    Field("gender", "性别", ("性别",), description="男/女; from the ID number when absent"),
    Field("ethnicity", "民族", ("民族",), description="汉族, 回族 …; 汉 reads as 汉族"),
    Field(
        "birth_date",
        "出生日期",
        ("出生日期", "出生年月", "出生年月日", "出生时间", "生日"),
        description="a date, see the date spellings; from the ID number when absent",
    ),
    Field(
        "id_number",
        "公民身份号码",
        ("公民身份号码", "身份证号", "身份证号码", "居民身份证号码", "身份证"),
        description="GB 11643; never written whole",
    ),
    Field(
        "education",
        "学历",
        ("学历", "文化程度", "最高学历"),
        description="a 学历 that does not say full-time or in-service: kept as the in-service one (see the guide)",
    ),
    Field(
        "education_full_time",
        "全日制学历",
        ("全日制学历", "全日制教育学历", "全日制教育", "全日制"),
        description="全日制 学历",
    ),
    Field(
        "degree",
        "学位",
        ("学位", "最高学位"),
        description="a 学位 that does not say full-time or in-service: kept with the in-service 学历",
    ),
    Field(
        "degree_full_time",
        "全日制学位",
        ("全日制学位", "全日制教育学位"),
        description="学位 of full-time education",
    ),
    Field(
        "education_in_service",
        "在职学历",
        ("在职学历", "在职教育学历", "在职教育", "在职"),
        description="在职 学历",
    ),
    Field(
        "degree_in_service",
        "在职学位",
        ("在职学位", "在职教育学位"),
        description="学位 of in-service education",
    ),
    Field(
        "political_status",
        "政治面貌",
        ("政治面貌", "政治身份", "党派"),
        description="中共党员, 中共预备党员, 共青团员, 群众, 民主党派 …",
    ),
    Field("party_joined", "入党时间", ("入党时间", "入党日期", "入党年月"), description="a date"),
    Field(
        "party_confirmed", "转正时间", ("转正时间", "转正日期", "转正年月"), description="a date"
    ),
    Field(
        "current_post",
        "现任职务",
        ("现任职务", "现职务", "现任职", "现任"),
        description="kept as text",
    ),
    Field(
        "post",
        "拟任职务",
        ("拟任职务", "拟提名职务", "拟任", "拟提名", "拟推荐职务", "推荐职务", "拟任职位", "职务"),
        required=True,
        description="one post or several (书记、主任: 一肩挑)",
    ),
    Field(
        "tenure",
        "是否连任",
        ("是否连任", "连任", "连任情况", "新任/连任", "任职情况"),
        description="是/否/连任/新任/继任",
    ),
    Field(
        "township_years",
        "乡镇工作年限",
        ("乡镇工作年限", "乡镇工作经历", "乡镇工作年限（年）", "乡镇工作年数"),
        description="years (3, 2.5, 3年6个月)",
    ),
    Field(
        "categories",
        "人员类别",
        ("人员类别", "人员类型", "身份类别", "类别"),
        description="PersonCategory labels separated by 、",
    ),
)

_FIELD_BY_NAME = {f.name: f for f in FIELDS}


@checked
def normalize(text: str) -> str:
    """Fold full-width forms, drop whitespace and case: how headers and spellings are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _header_index(fields: tuple[Field, ...]) -> Mapping[str, str]:
    index: dict[str, str] = {}
    for f in fields:
        for h in (f.label, *f.headers):
            key = normalize(h)
            other = index.setdefault(key, f.name)
            if other != f.name:  # pragma: no cover - guarded by a test over FIELDS
                raise TypeError(f"header {h!r} names both {other} and {f.name}")
    return MappingProxyType(index)


#: Normalized header → field name, for every default header spelling.
DEFAULT_HEADER_MAP: Mapping[str, str] = _header_index(FIELDS)


@checked
def blank(value: object) -> bool:
    """True for an empty cell: None, "", whitespace, NaN, pandas NA/NaT, polars null."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


@checked
def read_text(value: object) -> str:
    """A cell as text: numbers without a trailing ``.0``, strings stripped."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return str(value).strip()


# --------------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------------

_EXCEL_EPOCH = _dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 after Excel's 1900 leap-day bug
_SEP = r"[.\-/年月日。\s]"
_YMD = re.compile(r"(\d{4})[.\-/年。](\d{1,2})[.\-/月。](\d{1,2})日?")
_YM = re.compile(r"(\d{4})[.\-/年。](\d{1,2})月?")
_DIGITS8 = re.compile(r"\d{8}")
_DIGITS6 = re.compile(r"\d{6}")


def _make(year: int, month: int, day: int) -> _dt.date | CellProblem:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return CellProblem("DATE_INVALID", f"{year}-{month}-{day} is not a calendar date")


def _from_serial(serial: int) -> _dt.date | CellProblem:
    if not 1 <= serial <= 2958465:
        return CellProblem("DATE_INVALID", f"{serial} is no Excel date serial number")
    if serial == 60:
        return CellProblem("DATE_INVALID", "Excel serial 60 is 1900-02-29, a day that never was")
    return _EXCEL_EPOCH + _dt.timedelta(days=serial if serial > 60 else serial + 1)


def _ambiguous_month(year: int) -> CellProblem:
    """``1979.1``, as a number or as text: January, or October with its 0 dropped?"""
    return CellProblem(
        "DATE_AMBIGUOUS",
        f"{year}.1 may be {year}.01 or {year}.10 (a number cell drops the trailing 0, and so "
        "does the CSV a spreadsheet writes from it); write the month as 01 or 10, or a full date",
    )


def _from_number(value: int | float) -> tuple[_dt.date, str] | CellProblem:
    if isinstance(value, float) and not value.is_integer():
        # 1979.10 typed into a number cell is stored as 1979.1: October or January?
        text = repr(value)
        m = re.fullmatch(r"(\d{4})\.(\d{1,2})", text)
        if m is None:
            return CellProblem("DATE_UNREADABLE", f"the number {value} is not a date")
        year, frac = int(m.group(1)), m.group(2)
        if frac == "1":
            return _ambiguous_month(year)
        got = _make(year, int(frac), MONTH_ONLY_DAY)
        return got if isinstance(got, CellProblem) else (got, "MONTH_ONLY")
    number = int(value)
    text = str(number)
    if len(text) == 8:
        got = _make(int(text[:4]), int(text[4:6]), int(text[6:]))
        return got if isinstance(got, CellProblem) else (got, "")
    if len(text) == 6 and 1 <= int(text[4:]) <= 12 and 1900 <= int(text[:4]) <= 2100:
        got = _make(int(text[:4]), int(text[4:]), MONTH_ONLY_DAY)
        return got if isinstance(got, CellProblem) else (got, "MONTH_ONLY")
    if len(text) == 4:
        return CellProblem("DATE_YEAR_ONLY", f"{number} gives a year only")
    got = _from_serial(number)
    return got if isinstance(got, CellProblem) else (got, "EXCEL_SERIAL")


@checked
def read_date(value: object) -> tuple[_dt.date, str] | CellProblem:
    """Read a date cell; returns ``(date, note)`` or a problem.

    ``note`` is ``""``, ``"MONTH_ONLY"`` (the day is :data:`MONTH_ONLY_DAY`) or
    ``"EXCEL_SERIAL"`` (a number read as an Excel date serial). Accepted: ``date``,
    ``datetime`` and pandas/polars timestamps (the time of day must be midnight), 1979.10.29,
    1979-10-29, 1979/10/29, 1979年10月29日, 19791029, 1979.10, 1979-10, 1979年10月, 197910,
    Excel serial numbers (29157 → 1979-10-29). A number cell 1979.1 is ambiguous (January or
    October), and so is the text ``1979.1`` (what a spreadsheet's CSV export writes for that
    cell), so a roster reads the same from a CSV file as from its dataframe; a bare year is
    too vague.

    Example:
        >>> read_date("1979.10.29"), read_date(29157)
        ((datetime.date(1979, 10, 29), ''), (datetime.date(1979, 10, 29), 'EXCEL_SERIAL'))
        >>> read_date(1979.1).code, read_date("1979.1").code, read_date("1979.01")
        ('DATE_AMBIGUOUS', 'DATE_AMBIGUOUS', (datetime.date(1979, 1, 1), 'MONTH_ONLY'))
    """
    if isinstance(value, _dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0):
            return CellProblem("DATE_HAS_TIME", f"{value.isoformat()} carries a time of day")
        return value.date(), ""
    if isinstance(value, _dt.date):
        return value, ""
    if isinstance(value, bool):
        return CellProblem("DATE_UNREADABLE", f"{value!r} is not a date")
    if isinstance(value, numbers.Integral):
        return _from_number(int(value))
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return CellProblem("DATE_UNREADABLE", f"{value!r} is not a date")
        return _from_number(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"\s+", "", text)
    m = _YMD.fullmatch(text)
    if m:
        got = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return got if isinstance(got, CellProblem) else (got, "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]00:00(:00(\.0+)?)?", text):
        got = _make(int(text[:4]), int(text[5:7]), int(text[8:10]))
        return got if isinstance(got, CellProblem) else (got, "")
    m = _YM.fullmatch(text)
    if m and re.fullmatch(r"\d{4}\.1", text):
        # the text a spreadsheet writes for the number 1979.10 (CSV export, 1979.1): January
        # or October, as with the number itself
        return _ambiguous_month(int(text[:4]))
    if m:
        got = _make(int(m.group(1)), int(m.group(2)), MONTH_ONLY_DAY)
        return got if isinstance(got, CellProblem) else (got, "MONTH_ONLY")
    if _DIGITS8.fullmatch(text) or _DIGITS6.fullmatch(text):
        return _from_number(int(text))
    if re.fullmatch(r"\d{4}年?", text):
        return CellProblem("DATE_YEAR_ONLY", f"{text!r} gives a year only")
    return CellProblem("DATE_UNREADABLE", f"{text!r} is not a date this reader knows")


# --------------------------------------------------------------------------------------------
# labelled values
# --------------------------------------------------------------------------------------------


E = TypeVar("E", bound=LabeledEnum)


def _enum(cls: type[E], text: str, what: str) -> E | CellProblem:
    got = cls.parse(text)
    if isinstance(got, Ambiguous):
        return CellProblem("AMBIGUOUS_SPELLING", f"{what} {text!r}: {got.reason}")
    if isinstance(got, Unrecognized):
        return CellProblem(
            "UNKNOWN_SPELLING", f"{what} {text!r} is not a spelling this reader knows"
        )
    return got


@checked
def read_gender(value: object) -> Gender | CellProblem:
    """男/女 and their spellings (男性, M, 1 …)."""
    got = _enum(Gender, read_text(value), "性别")
    return got


_EDU_EXTRA: Mapping[str, str] = MappingProxyType(
    {
        "大专及以上": "",
        "大学专科毕业": "JUNIOR_COLLEGE",
        "大学本科毕业": "UNDERGRADUATE",
        "研究生毕业": "POSTGRADUATE",
        "中专毕业": "SECONDARY_VOCATIONAL",
        "高中毕业": "HIGH_SCHOOL",
        "初中毕业": "JUNIOR_MIDDLE",
        "小学毕业": "PRIMARY",
    }
)


@checked
def read_education(value: object) -> EducationLevel | CellProblem:
    """A 学历 (GB/T 4658 levels and their spellings); 大学, 硕士, 博士, 中学 are ambiguous.

    Example:
        >>> read_education("大专"), read_education("大学").code
        (<EducationLevel.JUNIOR_COLLEGE: 'JUNIOR_COLLEGE'>, 'AMBIGUOUS_SPELLING')
    """
    text = read_text(value)
    extra = _EDU_EXTRA.get(normalize(text))
    if extra:
        return EducationLevel[extra]
    if extra == "":
        return CellProblem("AMBIGUOUS_SPELLING", f"学历 {text!r} is a range, not a level")
    got = _enum(EducationLevel, text, "学历")
    return got


@checked
def read_degree(value: object) -> Degree | CellProblem | None:
    """A 学位 (学士, 硕士, 博士 and their spellings); 无 reads as no degree."""
    text = read_text(value)
    if normalize(text) in ("无", "无学位", "/", "-"):
        return None
    got = _enum(Degree, text, "学位")
    return got


class PoliticalStatus(LabeledEnum):
    """政治面貌 as a roster writes it; ``standing`` is what the party rules look at."""

    CPC_MEMBER = ("CPC_MEMBER", "中共党员", ("党员", "中国共产党党员", "正式党员", "中共正式党员"))
    CPC_PROBATIONARY = ("CPC_PROBATIONARY", "中共预备党员", ("预备党员", "中国共产党预备党员"))
    CYL_MEMBER = ("CYL_MEMBER", "共青团员", ("团员", "中国共产主义青年团团员", "共青团"))
    MASSES = ("MASSES", "群众", ("普通群众",))
    DEMOCRATIC_PARTY = (
        "DEMOCRATIC_PARTY",
        "民主党派",
        (
            "民革",
            "民革党员",
            "民革会员",
            "中国国民党革命委员会",
            "民盟",
            "民盟盟员",
            "中国民主同盟",
            "民建",
            "民建会员",
            "中国民主建国会",
            "民进",
            "民进会员",
            "中国民主促进会",
            "农工党",
            "农工党党员",
            "中国农工民主党",
            "致公党",
            "致公党党员",
            "中国致公党",
            "九三学社",
            "九三学社社员",
            "台盟",
            "台盟盟员",
            "台湾民主自治同盟",
        ),
    )
    NON_PARTISAN = ("NON_PARTISAN", "无党派人士", ("无党派", "无党派民主人士"))

    @property
    def standing(self) -> PartyStanding:
        """The standing in the Communist Party: full, probationary or non-member."""
        if self is PoliticalStatus.CPC_MEMBER:
            return PartyStanding.FULL_MEMBER
        if self is PoliticalStatus.CPC_PROBATIONARY:
            return PartyStanding.PROBATIONARY
        return PartyStanding.NON_MEMBER


@checked
def read_political_status(value: object) -> PoliticalStatus | CellProblem:
    """政治面貌: 中共党员, 中共预备党员, 共青团员, 群众, the eight 民主党派 by name, 无党派人士."""
    got = _enum(PoliticalStatus, read_text(value), "政治面貌")
    return got


_YES = frozenset({"是", "连任", "继任", "留任", "y", "yes", "true", "1", "√"})
_NO = frozenset({"否", "新任", "新提拔", "新进", "n", "no", "false", "0", "×"})


@checked
def read_tenure(value: object) -> Tenure | CellProblem:
    """是否连任: 是/连任/继任/留任 → continuing; 否/新任/新提拔 → new; 平级转任 → transferred."""
    text = normalize(read_text(value))
    if text in _YES:
        return Tenure.CONTINUING
    if text in _NO:
        return Tenure.NEW
    got = _enum(Tenure, read_text(value), "是否连任")
    return got


@checked
def read_township_months(value: object) -> int | CellProblem:
    """乡镇工作年限 in whole months: 3 → 36, 2.5 → 30, 3年6个月 → 42, 18个月 → 18.

    Example:
        >>> read_township_months("2.5"), read_township_months("3年6个月")
        (30, 42)
    """
    if isinstance(value, bool):
        return CellProblem("NUMBER_UNREADABLE", f"{value!r} is not a number of years")
    if isinstance(value, numbers.Integral):
        years: Fraction = Fraction(int(value))
    elif isinstance(value, float):
        if math.isnan(value) or math.isinf(value) or value < 0:
            return CellProblem("NUMBER_UNREADABLE", f"{value!r} is not a number of years")
        years = Fraction(repr(value))
    else:
        text = normalize(read_text(value))
        if len(text) > 20:  # no one works in a township for a number of years this long
            return CellProblem("NUMBER_UNREADABLE", f"{text[:20]!r}… is not a number of years")
        m = re.fullmatch(r"(?:(\d+)年)?(?:(\d+)个?月)?", text)
        if m and (m.group(1) or m.group(2)):
            return int(m.group(1) or 0) * 12 + int(m.group(2) or 0)
        m = re.fullmatch(r"(\d+(?:\.\d+)?)年?", text)
        if m is None:
            return CellProblem("NUMBER_UNREADABLE", f"{text!r} is not a number of years")
        years = Fraction(m.group(1))
    months = years * 12
    if months.denominator != 1:
        return CellProblem(
            "NUMBER_UNREADABLE", f"{years} years is not a whole number of months; give months"
        )
    if months < 0:
        return CellProblem("NUMBER_UNREADABLE", "a negative number of years")
    return int(months)


@checked
def read_categories(value: object) -> frozenset[PersonCategory] | CellProblem:
    """人员类别: PersonCategory labels (事业编制, 村干部, 大学生村官 …) separated by 、,，;；/."""
    parts = [p for p in re.split(r"[、,，;；/]", read_text(value)) if p.strip()]
    out: set[PersonCategory] = set()
    for part in parts:
        got = _enum(PersonCategory, part, "人员类别")
        if isinstance(got, CellProblem):
            return got
        out.add(got)
    return frozenset(out)


# --------------------------------------------------------------------------------------------
# posts
# --------------------------------------------------------------------------------------------

_PARTY_BODY_WORDS = (
    ("乡镇党委", BodyKind.PARTY_COMMITTEE),
    ("镇党委", BodyKind.PARTY_COMMITTEE),
    ("乡党委", BodyKind.PARTY_COMMITTEE),
    ("党总支", BodyKind.GENERAL_BRANCH),
    ("总支", BodyKind.GENERAL_BRANCH),
    ("党委", BodyKind.GRASSROOTS_COMMITTEE),
    ("党支部", BodyKind.BRANCH),
    ("支部", BodyKind.BRANCH),
)

#: Post spelling (normalized) → the posts it names. Bodies (支部/总支/党委) are read separately.
POST_SPELLINGS: Mapping[str, tuple[Office, ...]] = MappingProxyType(
    {
        normalize(k): v
        for k, v in {
            "书记": (Office.SECRETARY,),
            "党组织书记": (Office.SECRETARY,),
            "村党组织书记": (Office.SECRETARY,),
            "社区党组织书记": (Office.SECRETARY,),
            "党支部书记": (Office.SECRETARY,),
            "村党支部书记": (Office.SECRETARY,),
            "支部书记": (Office.SECRETARY,),
            "党总支书记": (Office.SECRETARY,),
            "村党总支书记": (Office.SECRETARY,),
            "总支书记": (Office.SECRETARY,),
            "党委书记": (Office.SECRETARY,),
            "村党委书记": (Office.SECRETARY,),
            "副书记": (Office.DEPUTY_SECRETARY,),
            "党组织副书记": (Office.DEPUTY_SECRETARY,),
            "村党组织副书记": (Office.DEPUTY_SECRETARY,),
            "党支部副书记": (Office.DEPUTY_SECRETARY,),
            "村党支部副书记": (Office.DEPUTY_SECRETARY,),
            "党总支副书记": (Office.DEPUTY_SECRETARY,),
            "党委副书记": (Office.DEPUTY_SECRETARY,),
            "支委": (Office.MEMBER,),
            "支部委员": (Office.MEMBER,),
            "党支部委员": (Office.MEMBER,),
            "村党支部委员": (Office.MEMBER,),
            "党组织委员": (Office.MEMBER,),
            "村党组织委员": (Office.MEMBER,),
            "党总支委员": (Office.MEMBER,),
            "总支委员": (Office.MEMBER,),
            "党委委员": (Office.MEMBER,),
            "村党委委员": (Office.MEMBER,),
            "组织委员": (Office.MEMBER,),
            "宣传委员": (Office.MEMBER,),
            "纪检委员": (Office.MEMBER,),
            "统战委员": (Office.MEMBER,),
            "政法委员": (Office.MEMBER,),
            # township party committees (乡镇党委) and their discipline committees
            "乡镇党委书记": (Office.SECRETARY,),
            "镇党委书记": (Office.SECRETARY,),
            "乡党委书记": (Office.SECRETARY,),
            "乡镇党委副书记": (Office.DEPUTY_SECRETARY,),
            "镇党委副书记": (Office.DEPUTY_SECRETARY,),
            "乡党委副书记": (Office.DEPUTY_SECRETARY,),
            "专职副书记": (Office.DEPUTY_SECRETARY,),
            "乡镇党委委员": (Office.MEMBER,),
            "镇党委委员": (Office.MEMBER,),
            "乡党委委员": (Office.MEMBER,),
            "纪委书记": (Office.DISCIPLINE_SECRETARY,),
            "乡镇纪委书记": (Office.DISCIPLINE_SECRETARY,),
            "镇纪委书记": (Office.DISCIPLINE_SECRETARY,),
            "乡纪委书记": (Office.DISCIPLINE_SECRETARY,),
            "纪委副书记": (Office.DISCIPLINE_DEPUTY_SECRETARY,),
            "纪委委员": (Office.DISCIPLINE_MEMBER,),
            "乡镇纪委委员": (Office.DISCIPLINE_MEMBER,),
            "镇纪委委员": (Office.DISCIPLINE_MEMBER,),
            "主任": (Office.VILLAGE_DIRECTOR,),
            "村主任": (Office.VILLAGE_DIRECTOR,),
            "村委会主任": (Office.VILLAGE_DIRECTOR,),
            "村委主任": (Office.VILLAGE_DIRECTOR,),
            "村民委员会主任": (Office.VILLAGE_DIRECTOR,),
            "居委会主任": (Office.VILLAGE_DIRECTOR,),
            "社区居委会主任": (Office.VILLAGE_DIRECTOR,),
            "副主任": (Office.VILLAGE_DEPUTY_DIRECTOR,),
            "村委会副主任": (Office.VILLAGE_DEPUTY_DIRECTOR,),
            "村副主任": (Office.VILLAGE_DEPUTY_DIRECTOR,),
            "村民委员会副主任": (Office.VILLAGE_DEPUTY_DIRECTOR,),
            "居委会副主任": (Office.VILLAGE_DEPUTY_DIRECTOR,),
            "村委会委员": (Office.VILLAGE_MEMBER,),
            "村委委员": (Office.VILLAGE_MEMBER,),
            "村民委员会委员": (Office.VILLAGE_MEMBER,),
            "居委会委员": (Office.VILLAGE_MEMBER,),
            "一肩挑": (Office.SECRETARY, Office.VILLAGE_DIRECTOR),
            "书记主任一肩挑": (Office.SECRETARY, Office.VILLAGE_DIRECTOR),
            "书记、主任一肩挑": (Office.SECRETARY, Office.VILLAGE_DIRECTOR),
            "书记兼主任": (Office.SECRETARY, Office.VILLAGE_DIRECTOR),
        }.items()
    }
)

#: Posts a 两委 roster may name that no profile here governs, with why (refused explicitly).
NOT_COVERED_POSTS: Mapping[str, str] = MappingProxyType(
    {
        normalize(k): v
        for k, v in {
            "妇联主席": "elected by the village women's congress under the 妇联 charter, not under the party or village committee rules",
            "村妇联主席": "elected by the village women's congress under the 妇联 charter, not under the party or village committee rules",
            "妇女主任": "a 妇联/women's post, not a 村委会 seat; name the 村委会 post (村委会委员) if the person stands for one",
            "村务监督委员会主任": "推选 by the 村民会议 or 村民代表会议 (村民委员会组织法 第三十二条), not elected under the village committee election rules",
            "监委会主任": "推选 by the 村民会议 or 村民代表会议 (村民委员会组织法 第三十二条), not elected under the village committee election rules",
            "村务监督委员会委员": "推选 by the 村民会议 or 村民代表会议 (村民委员会组织法 第三十二条), not elected under the village committee election rules",
            "监委会委员": "推选 by the 村民会议 or 村民代表会议 (村民委员会组织法 第三十二条), not elected under the village committee election rules",
            "团支部书记": "elected under the 共青团 rules",
            "村民小组长": "推选 by the 村民小组 (村民委员会组织法 第二十八条), not elected under the village committee election rules",
        }.items()
    }
)

#: Spellings that fit posts of both committees: refused, never guessed.
AMBIGUOUS_POSTS: Mapping[str, str] = MappingProxyType(
    {
        normalize("委员"): "委员 may be a 支部委员 or a 村委会委员; say which",
        normalize("两委委员"): "两委委员 does not say which committee (or both); list the posts",
        normalize(
            "村两委委员"
        ): "村两委委员 does not say which committee (or both); list the posts",
    }
)

_POST_SPLIT = re.compile(r"[、,，;；/\uff0f]|兼任|兼|及|和|\+")


@checked
def read_posts(value: object) -> tuple[tuple[Office, ...], tuple[str, ...]] | CellProblem:
    """拟任职务: one or several posts; returns (posts, uncovered parts).

    ``书记、主任`` and ``书记兼主任`` (一肩挑) give two posts; 妇联主席 and 村务监督委员会 posts are
    returned as uncovered (no profile here governs them); 委员 alone is ambiguous; two posts
    of one committee (书记、副书记) are a conflict.

    Example:
        >>> read_posts("村党支部书记兼村委会主任")[0]
        (<Office.SECRETARY: 'SECRETARY'>, <Office.VILLAGE_DIRECTOR: 'VILLAGE_DIRECTOR'>)
        >>> read_posts("村委会委员、妇联主席")
        ((<Office.VILLAGE_MEMBER: 'VILLAGE_MEMBER'>,), ('妇联主席',))
        >>> read_posts("委员").code
        'AMBIGUOUS_POST'
    """
    text = unicodedata.normalize("NFKC", read_text(value)).strip()
    whole = normalize(text)
    if whole in POST_SPELLINGS:
        return POST_SPELLINGS[whole], ()
    parts = [p.strip() for p in _POST_SPLIT.split(text) if p.strip()]
    posts: list[Office] = []
    uncovered: list[str] = []
    for part in parts:
        key = normalize(part)
        if key in AMBIGUOUS_POSTS:
            return CellProblem("AMBIGUOUS_POST", AMBIGUOUS_POSTS[key])
        if key in NOT_COVERED_POSTS:
            uncovered.append(part)
            continue
        got = POST_SPELLINGS.get(key)
        if got is None:
            return CellProblem("UNKNOWN_POST", f"{part!r} is not a 两委 post this reader knows")
        for office in got:
            if office in posts:
                continue
            posts.append(office)
    families = [committee_of(o) for o in posts]
    if len(set(families)) != len(families):
        names = "、".join(o.label for o in posts)
        return CellProblem(
            "CONFLICTING_POSTS",
            f"{names}: one person stands for one post per committee; list one",
        )
    return tuple(posts), tuple(uncovered)


@checked
def committee_of(office: Office) -> str:
    """The committee a post belongs to: ``"party"`` (书记, 副书记, 委员 of a party committee or
    branch), ``"discipline"`` (纪委 posts), ``"village"`` (村委会 posts), else the post itself.

    One person stands for at most one post of each committee: 党委委员、纪委书记 is two posts of
    two committees, 书记、副书记 two posts of one.

    Example:
        >>> committee_of(Office.MEMBER), committee_of(Office.DISCIPLINE_SECRETARY)
        ('party', 'discipline')
    """
    if office.name.startswith("DISCIPLINE_"):
        return "discipline"
    if office.name.startswith("VILLAGE_"):
        return "village"
    if office in _PARTY_COMMITTEE_POSTS:
        return "party"
    return str(office.value)


_PARTY_COMMITTEE_POSTS = frozenset(
    {
        Office.SECRETARY,
        Office.DEPUTY_SECRETARY,
        Office.STANDING_MEMBER,
        Office.MEMBER,
        Office.ALTERNATE_MEMBER,
    }
)


def party_body(value: object) -> BodyKind | None:
    """The party body a post's text names, or None if it names none: 乡镇党委/镇党委/乡党委 (a
    township's 党委), 党总支, 党委 (a 基层党委, such as a village's), 党支部."""
    text = read_text(value)
    for word, body in _PARTY_BODY_WORDS:
        if word in text:
            return body
    return None


def field(name: str) -> Field:
    """The :class:`Field` called ``name``."""
    return _FIELD_BY_NAME[name]
