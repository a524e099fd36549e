"""班子结构 statistics over roster entries, term comparisons and vote shares.

The numbers the profile holds (committee sizes, the share with township experience, the
three categories, the share of young secretaries) are checked by the core's
:func:`~huanjie_rules.composition.check_slate` and
:func:`~huanjie_rules.composition.secretary_age_share`; this module counts, compares and
displays. Age bands are a reporting convention chosen by the caller, not a rule.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from .._args import checked
from .._base import to_tuple
from ..age import age_on
from ..composition import SlateReport, check_slate, secretary_age_share
from ..errors import ArgumentError, RuleInputError
from ..findings import Finding, format_scalar
from ..model import BodyKind, Candidate, EducationLevel, Gender, Office, Regime, Tenure
from ..policy import Policy, governing_policy, load_policy

__all__ = [
    "AGE_BANDS",
    "Count",
    "GroupStructure",
    "StructureReport",
    "slate_report",
]

#: Chinese headers of the report tables' columns (XLSX), by column key.
REPORT_LABELS: dict[str, str] = {
    "group": "分组",
    "size": "人数",
    "average_age": "平均年龄",
    "women": "女性",
    "minority": "少数民族",
    "full_time_college": "全日制大专及以上",
    "in_service_college": "在职大专及以上",
    "any_college": "大专及以上",
    "continuing": "连任",
    "township_experience": "乡镇工作经历",
    "composition_findings": "结构问题",
    "subject": "班子",
    "measure": "指标",
    "current": "本届",
    "previous": "上届",
    "points": "变化（个百分点，精确值）",
    "points_2dp": "变化（个百分点）",
    "relative_percent": "变化（%，精确值）",
    "relative_2dp": "变化（%）",
    "rule": "规则",
    "parameter": "参数",
    "hard": "刚性规定",
    "overall": "全部班子合计",
    "slates": "班子数",
    "met": "符合数",
    "seed": "种子文档",
    "quote": "原文",
}


def finding_rows(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """One dict per finding: slate, code, severity, rule, article, observed, limit, zh, en."""
    return [
        {
            "subject": f.subject,
            "code": f.code,
            "severity": f.severity.value,
            "rule_id": f.rule_id,
            "article": f.citation.short(),
            "observed": format_scalar(f.observed),
            "limit": format_scalar(f.limit),
            "message_zh": f.message_zh,
            "message_en": f.message_en,
        }
        for f in findings
    ]


#: The default age bands (upper ends, inclusive, in 周岁): 35岁及以下, 36–45, 46–55, 56岁及以上 —
#: the bands county 换届 reports commonly use; pass others to :func:`slate_report`.
AGE_BANDS: tuple[int, ...] = (35, 45, 55)


#: The most decimal places a report writes (a share of people needs two; twelve is far beyond).
MAX_PLACES = 12


def _places(places: int) -> int:
    if not 0 <= places <= MAX_PLACES:
        raise ArgumentError(
            f"places must be 0 to {MAX_PLACES}, got {places if abs(places) < 1000 else 'more'}",
            code="RANGE",
            path="places",
        )
    return places


def _percent(value: Fraction, places: int) -> str:
    _places(places)
    scaled = value * 100 * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)  # half up
    sign = "-" if whole < 0 else ""
    whole = abs(whole)
    text = str(whole).rjust(places + 1, "0")
    return f"{sign}{text[:-places]}.{text[-places:]}%" if places else f"{sign}{text}%"


@attrs.frozen(kw_only=True)
class Count:
    """A count out of a total, exactly."""

    numerator: int
    denominator: int

    @property
    def value(self) -> Fraction | None:
        """``numerator/denominator``, or None for an empty total."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @checked
    def percent(self, places: int = 2) -> str:
        """The share as text, rounded half up (``"69.09%"``); ``"-"`` for an empty total."""
        return "-" if self.value is None else _percent(self.value, places)


@attrs.frozen(kw_only=True)
class GroupStructure:
    """The structure of one group (a village's 两委, a township, the county).

    Attributes:
        name: the group's name (``"东镇 东村"``, ``"东镇"``, ``"全部"``).
        size: the number of people (a 一肩挑 person once).
        average_age: the mean age in 周岁 on the day, exactly.
        ages: (band label, count) for each age band.
        women: women among the people.
        minority: people of a 少数民族.
        full_time: (学历 label, count) by full-time 学历, ``"未知"`` last.
        full_time_college: full-time 大专及以上.
        any_college: 大专及以上 full-time or in-service.
        party: (政治面貌 label, count).
        continuing: 连任 among the people.
        categories: (category label, count) for the categories anyone has.
        township_experience: people with at least ``experience_months`` of township work, or
            None when not asked.
        composition: the profile's composition verdicts for the group's committees (and, for a
            township, the young secretaries' share), each with its findings.
        experience_months: the months of township work ``township_experience`` counts from
            (24: 「2年以上」), or None.
        ethnicities: (民族 as written, count), the most numerous first; ``"未知"`` for blanks.
        in_service: (学历 label, count) by in-service (在职) 学历, kept apart from the
            full-time one; ``"无"`` for people with none given.
        in_service_college: in-service 大专及以上.
    """

    name: str
    size: int
    average_age: Fraction | None
    ages: tuple[tuple[str, Count], ...] = attrs.field(converter=to_tuple)
    women: Count
    minority: Count
    full_time: tuple[tuple[str, Count], ...] = attrs.field(converter=to_tuple)
    full_time_college: Count
    any_college: Count
    party: tuple[tuple[str, Count], ...] = attrs.field(converter=to_tuple)
    continuing: Count
    categories: tuple[tuple[str, Count], ...] = attrs.field(default=(), converter=to_tuple)
    township_experience: Count | None = None
    composition: tuple[SlateReport, ...] = attrs.field(default=(), converter=to_tuple)
    experience_months: int | None = None
    ethnicities: tuple[tuple[str, Count], ...] = attrs.field(default=(), converter=to_tuple)
    in_service: tuple[tuple[str, Count], ...] = attrs.field(default=(), converter=to_tuple)
    in_service_college: Count | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every composition finding of the group."""
        return tuple(f for r in self.composition for f in r.findings)

    def shares(self) -> tuple[tuple[str, Count], ...]:
        """The shares a county report states, by their Chinese names: the youngest age band,
        full-time 大专及以上, 大专及以上, women, 少数民族, 连任 and township experience (when
        counted), in that order."""
        out: list[tuple[str, Count]] = []
        if self.ages:
            label, c = self.ages[0]
            out.append((f"{label}的班子成员", c))
        out += [
            ("全日制大专及以上学历", self.full_time_college),
            ("大专及以上学历", self.any_college),
            ("女性干部", self.women),
            ("少数民族干部", self.minority),
            ("连任人员", self.continuing),
        ]
        if self.township_experience is not None:
            out.append((_experience_label(self.experience_months), self.township_experience))
        return tuple(out)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(_pretty_group(self))

    def row(self) -> dict[str, object]:
        """A flat dict for a table: counts and exact shares as text."""
        out: dict[str, object] = {
            "group": self.name,
            "size": self.size,
            "average_age": None if self.average_age is None else _avg(self.average_age),
        }
        for label, c in self.ages:
            out[label] = c.numerator
        out["women"] = c_text(self.women)
        out["minority"] = c_text(self.minority)
        out["full_time_college"] = c_text(self.full_time_college)
        if self.in_service_college is not None:
            out["in_service_college"] = c_text(self.in_service_college)
        out["any_college"] = c_text(self.any_college)
        for label, c in self.party:
            out[label] = c.numerator
        out["continuing"] = c_text(self.continuing)
        if self.township_experience is not None:
            out["township_experience"] = c_text(self.township_experience)
        out["composition_findings"] = " ".join(f.code for f in self.findings)
        return out


def _avg(value: Fraction, places: int = 2) -> str:
    """A non-negative number as text, rounded half up to ``places`` decimals."""
    _places(places)
    scale = 10**places
    whole = (value.numerator * 2 * scale + value.denominator) // (2 * value.denominator)
    if not places:
        return str(whole)
    return f"{whole // scale}.{whole % scale:0{places}d}"


def _experience_label(months: int | None) -> str:
    if months is None:
        return "具有乡镇工作经历的人员"
    span = f"{months // 12}年" if months % 12 == 0 else f"{months}个月"
    return f"具有{span}以上乡镇工作经历的人员"


def _pretty_group(g: GroupStructure) -> str:
    lines = [
        f"班子结构 {g.name}: {g.size}人, 平均年龄 "
        + ("-" if g.average_age is None else f"{_avg(g.average_age)}岁")
    ]
    lines.append("  年龄: " + ", ".join(f"{k} {c_text(c)}" for k, c in g.ages))
    for label, c in g.shares():
        lines.append(f"  {label}: {c_text(c)}")
    if g.composition:
        found = g.findings
        lines.append(
            f"  组成规则: {len(g.composition)}个班子, {len(found)}项发现"
            + ("" if not found else " (" + " ".join(sorted({f.code for f in found})) + ")")
        )
    return "\n".join(lines)


def c_text(c: Count) -> str:
    """``"3/5 (60.00%)"``."""
    return f"{c.numerator}/{c.denominator} ({c.percent()})"


@attrs.frozen(kw_only=True, repr=False)
class StructureReport:
    """班子结构 of every group at one level, on one day."""

    def __repr__(self) -> str:
        body = f" of {self.body.value}" if self.body is not None else ""
        return (
            f"<StructureReport{body} by {self.by} on {self.on.isoformat()}: "
            f"{len(self.groups)} groups>"
        )

    on: _dt.date
    by: str
    groups: tuple[GroupStructure, ...] = attrs.field(converter=to_tuple)
    body: BodyKind | None = None
    left_out: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ..io.tables._text import table_text

        p.text(repr(self) + "\n" + table_text([g.row() for g in self.groups], {}, limit=25))

    @checked
    def table(self, backend: Literal["pandas", "polars", "records"] = "pandas") -> Any:
        """One row per group (extra ``tables``)."""
        from ..io.tables import records_frame

        return records_frame([g.row() for g in self.groups], backend)

    @checked
    def to_xlsx(self, target: Any) -> None:
        """Write the report as XLSX with Chinese headers (extra ``tables``): sheet 班子结构 (one
        row per group) and 结构问题 (every composition finding); ``target`` is a path or a
        binary file object."""
        from ..io.tables import write_xlsx

        findings = finding_rows(f for g in self.groups for f in g.findings)
        write_xlsx(
            [("班子结构", [g.row() for g in self.groups]), ("结构问题", findings)],
            target,
            labels=REPORT_LABELS,
        )

    @checked
    def group(self, name: str) -> GroupStructure:
        """The group called ``name``."""
        for g in self.groups:
            if g.name == name:
                return g
        raise RuleInputError(f"no group {name!r}", code="UNKNOWN_GROUP", path="name")

    def _repr_html_(self) -> str:
        from ..io.tables._html import table_html

        head = f"<p><strong>班子结构</strong> by {self.by} on {self.on.isoformat()}: {len(self.groups)} groups</p>"
        return head + table_html([g.row() for g in self.groups], {}, limit=25)


def _members(source: object, path: str = "members") -> list[Any]:
    from ..io.tables import Roster, RosterEntry, RosterScreen

    if isinstance(source, RosterScreen):
        return list(source.roster.entries)
    if isinstance(source, Roster):
        return list(source.entries)
    if isinstance(source, Iterable) and not isinstance(source, str | bytes | Mapping):
        out = list(source)
        for i, e in enumerate(out):
            if not isinstance(e, RosterEntry):
                raise RuleInputError(
                    f"expected roster entries (RosterEntry), got {type(e).__name__}; read the "
                    "people with read_roster, or pass a Roster",
                    code="TYPE",
                    path=f"{path}[{i}]",
                )
        return out
    raise RuleInputError(
        f"expected a Roster, a RosterScreen or roster entries, got {type(source).__name__}",
        code="TYPE",
        path=path,
    )


def _check_day(on: object, path: str) -> _dt.date:
    if not isinstance(on, _dt.date) or isinstance(on, _dt.datetime):
        raise RuleInputError(
            f"{path} must be a date, got {type(on).__name__}", code="TYPE", path=path
        )
    return on


def _check_bands(bands: object) -> tuple[int, ...]:
    if not isinstance(bands, Iterable) or isinstance(bands, str | bytes):
        raise RuleInputError("age_bands must be a sequence of ages", code="TYPE", path="age_bands")
    out = tuple(bands)
    for i, b in enumerate(out):
        if not isinstance(b, int) or isinstance(b, bool) or b < 0:
            raise RuleInputError(
                f"age_bands[{i}] must be a whole number of years, got {b!r}",
                code="TYPE",
                path=f"age_bands[{i}]",
            )
    if any(a >= b for a, b in itertools.pairwise(out)):
        raise RuleInputError(
            f"age_bands must rise strictly, got {list(out)}", code="RANGE", path="age_bands"
        )
    return out


#: Bodies a roster's posts can form a slate of, and where their slates stand (乡镇 or 村).
_TOWNSHIP_BODIES = frozenset({BodyKind.PARTY_COMMITTEE, BodyKind.DISCIPLINE_COMMITTEE})
_SLATE_BODIES = _TOWNSHIP_BODIES | {
    BodyKind.BRANCH,
    BodyKind.GENERAL_BRANCH,
    BodyKind.GRASSROOTS_COMMITTEE,
    BodyKind.VILLAGE_COMMITTEE,
}


def _on_body(office: Office, body: BodyKind) -> bool:
    """Whether ``office`` is a post of ``body`` (纪委 posts of a 纪委, 村委会 posts of a
    村委会, the other party posts of a party committee or branch)."""
    if body is BodyKind.VILLAGE_COMMITTEE:
        return Regime.VILLAGE in office.regimes
    if body is BodyKind.DISCIPLINE_COMMITTEE:
        return office.name.startswith("DISCIPLINE_")
    return office in _PARTY_POSTS


_PARTY_POSTS = frozenset(
    {
        Office.SECRETARY,
        Office.DEPUTY_SECRETARY,
        Office.STANDING_MEMBER,
        Office.MEMBER,
        Office.ALTERNATE_MEMBER,
    }
)


def _count_by(
    labels: Sequence[str], values: Sequence[str], n: int
) -> tuple[tuple[str, Count], ...]:
    return tuple((label, Count(numerator=values.count(label), denominator=n)) for label in labels)


def _group(
    name: str,
    entries: Sequence[Any],
    on: _dt.date,
    bands: Sequence[int],
    experience_months: int | None,
    composition: tuple[SlateReport, ...],
) -> GroupStructure:
    """Count one group (each person once, by key)."""
    people = list({e.key: e for e in entries}.values())
    n = len(people)
    ages = [age_on(e.person.birth_date, on) if e.person.birth_date <= on else 0 for e in people]
    labels = []
    lower = None
    for upper in bands:
        labels.append(f"{upper}岁及以下" if lower is None else f"{lower}至{upper}岁")
        lower = upper + 1
    labels.append(f"{lower}岁及以上" if lower is not None else "全部")

    def band(age: int) -> str:
        for label, upper in zip(labels, bands, strict=False):
            if age <= upper:
                return label
        return labels[-1]

    levels = [
        e.person.education.full_time.label if e.person.education.full_time else "未知"
        for e in people
    ]
    level_labels = [lv.label for lv in EducationLevel] + ["未知"]
    college = EducationLevel.JUNIOR_COLLEGE
    in_service = [
        e.person.education.in_service.label if e.person.education.in_service else "无"
        for e in people
    ]
    ethnic = [e.person.ethnicity.strip() or "未知" for e in people]
    ethnic_labels = sorted(set(ethnic), key=lambda x: (-ethnic.count(x), x))
    party = [e.political_status.label if e.political_status else "未知" for e in people]
    party_labels = list(dict.fromkeys(sorted(party)))
    cats: list[str] = sorted({c.label for e in people for c in e.person.categories})
    return GroupStructure(
        name=name,
        size=n,
        average_age=Fraction(sum(ages), n) if n else None,
        ages=_count_by(labels, [band(a) for a in ages], n),
        women=Count(
            numerator=sum(1 for e in people if e.person.gender is Gender.FEMALE), denominator=n
        ),
        minority=Count(numerator=sum(1 for e in people if e.person.is_minority), denominator=n),
        full_time=tuple((lb, c) for lb, c in _count_by(level_labels, levels, n) if c.numerator),
        full_time_college=Count(
            numerator=sum(
                1
                for e in people
                if e.person.education.full_time is not None
                and e.person.education.full_time.at_least(college)
            ),
            denominator=n,
        ),
        any_college=Count(
            numerator=sum(
                1
                for e in people
                if e.person.education.highest is not None
                and e.person.education.highest.at_least(college)
            ),
            denominator=n,
        ),
        party=_count_by(party_labels, party, n),
        continuing=Count(
            numerator=sum(1 for e in people if e.tenure is Tenure.CONTINUING), denominator=n
        ),
        categories=tuple(
            (
                c,
                Count(
                    numerator=sum(
                        1 for e in people if any(x.label == c for x in e.person.categories)
                    ),
                    denominator=n,
                ),
            )
            for c in cats
        ),
        township_experience=None
        if experience_months is None
        else Count(
            numerator=sum(
                1
                for e in people
                if e.person.township_experience_months is not None
                and e.person.township_experience_months >= experience_months
            ),
            denominator=n,
        ),
        composition=composition,
        experience_months=experience_months,
        ethnicities=_count_by(ethnic_labels, ethnic, n),
        in_service=tuple(
            (lb, c) for lb, c in _count_by([*level_labels[:-1], "无"], in_service, n) if c.numerator
        ),
        in_service_college=Count(
            numerator=sum(
                1
                for e in people
                if e.person.education.in_service is not None
                and e.person.education.in_service.at_least(college)
            ),
            denominator=n,
        ),
    )


def _policy(value: Policy | str | None) -> Policy | None:
    if value is None or isinstance(value, Policy):
        return value
    if isinstance(value, str):
        return load_policy(value)
    raise RuleInputError(
        f"policy must be a Policy or a profile id, got {type(value).__name__}",
        code="TYPE",
        path="policy",
    )


def _slate_checks(
    entries: Sequence[Any], on: _dt.date, policy: Policy | None, body: BodyKind
) -> tuple[SlateReport, ...]:
    """The profile's composition rules for each slate of ``body`` among ``entries``: one slate
    per township for a township body (乡镇党委, 纪委), one per village otherwise."""
    if policy is None:
        return ()
    slates: dict[str, list[Candidate]] = {}
    for e in entries:
        unit = e.township if body in _TOWNSHIP_BODIES else f"{e.township} {e.village}".strip()
        for cand in e.candidacies():
            if _on_body(cand.office, body):
                slates.setdefault(unit, []).append(cand)
    out = []
    for unit, cands in slates.items():
        pol = governing_policy(policy, cands[0].office, on=on, body=body)
        unique = list({c.key: c for c in cands}.values())
        subject = f"{unit} {body.label}".strip()
        out.append(check_slate(unique, pol, body=body, on=on, subject=subject))
    return tuple(out)


def _village_checks(
    entries: Sequence[Any], on: _dt.date, policy: Policy | None, name: str
) -> tuple[SlateReport, ...]:
    if policy is None:
        return ()
    out = []
    committees: dict[BodyKind, list[Any]] = {}
    for e in entries:
        for cand in e.candidacies():
            body = (
                BodyKind.VILLAGE_COMMITTEE
                if Regime.VILLAGE in cand.office.regimes
                else (e.party_body or BodyKind.BRANCH)
            )
            committees.setdefault(body, []).append(cand)
    for body, cands in committees.items():
        pol = governing_policy(policy, cands[0].office, on=on, body=body)
        unique = list({c.key: c for c in cands}.values())
        out.append(check_slate(unique, pol, body=body, on=on, subject=f"{name} {body.label}"))
    return tuple(out)


def _township_checks(
    entries: Sequence[Any], on: _dt.date, policy: Policy | None, name: str
) -> tuple[SlateReport, ...]:
    if policy is None:
        return ()
    secs = [c for e in entries for c in e.candidacies() if c.office is Office.SECRETARY]
    if not secs:
        return ()
    pol = governing_policy(policy, Office.SECRETARY, on=on, body=BodyKind.BRANCH)
    if "composition.young_secretary_min_share" not in pol:
        return ()
    unique = list({c.key: c for c in secs}.values())
    return (secretary_age_share(unique, pol, on=on, subject=f"{name} 村党组织书记"),)


@checked
def slate_report(
    members: object,
    *,
    on: _dt.date,
    by: Literal["village", "township", "all"] = "village",
    policy: Policy | str | None = None,
    age_bands: Sequence[int] = AGE_BANDS,
    experience_months: int | None = None,
    body: BodyKind | None = None,
) -> StructureReport:
    """The 班子结构 of each village, each township or the whole roster.

    Args:
        members: a :class:`~huanjie_rules.io.tables.Roster`, a
            :class:`~huanjie_rules.io.tables.RosterScreen` or roster entries — the people of the
            slate (pass the proposed or elected people, not every 初步人选, for a 班子 report).
        on: the day ages are counted on (election day).
        by: ``"village"``, ``"township"`` or ``"all"``.
        policy: the profile whose composition rules are checked (each committee under the
            profile that governs it: X镇 2021's village committees under village-2018); none by
            default.
        age_bands: the upper ends of the age bands (inclusive, 周岁), rising.
        experience_months: count people with at least this much township work; by default the
            profile's ``composition.township_experience_months`` when it has one.
        body: report the slates of this body only: a township 党委 (``PARTY_COMMITTEE``, one
            slate per 乡镇) or 纪委, a village 党支部/党总支/党委 or 村民委员会 (one per village).
            Only people with a post of that body are counted (the others' keys are in
            ``left_out``), and the profile's composition rules for that body are checked on each
            slate (a township 党委: its size, the township-experience share, the three
            categories, as the profile holds them). ``by="village"`` is refused for a township
            body.

    Raises:
        RuleInputError: ``TYPE`` (members that are not roster entries, a day that is not a
            date), ``CHOICE`` (``by``, or a body no roster slate stands for), ``RANGE`` (age
            bands that do not rise).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.io.tables import read_roster
        >>> roster = read_roster([{"乡镇": "东镇", "村": c, "姓名": "甲", "性别": "男",
        ...     "民族": "汉族", "出生日期": "1975-01-01", "政治面貌": "群众",
        ...     "拟任职务": "村委会主任", "是否连任": "否"} for c in ("东村", "西村")])
        >>> r = slate_report(roster, on=dt.date(2021, 3, 1), by="village", policy="xzhen-2021")
        >>> [(g.name, [f.code for f in g.findings]) for g in r.groups]
        [('东镇 东村', ['COMMITTEE_SIZE_OUT_OF_RANGE', 'NO_WOMAN_MEMBER']), ('东镇 西村', ['COMMITTEE_SIZE_OUT_OF_RANGE', 'NO_WOMAN_MEMBER'])]

        A township 党委 slate, checked against the profile that holds the township rules:

        >>> from huanjie_rules.model import BodyKind
        >>> team = read_roster([{"乡镇": "南镇", "姓名": f"人{i}", "性别": "男", "民族": "汉族",
        ...     "出生日期": "1975-01-01", "政治面貌": "中共党员", "拟任职务": "镇党委委员",
        ...     "是否连任": "否", "乡镇工作年限": 3 if i < 4 else 1} for i in range(7)])
        >>> r = slate_report(team, on=dt.date(2016, 5, 1), by="township",
        ...                  policy="nmg-town-2016", body=BodyKind.PARTY_COMMITTEE)
        >>> g = r.groups[0]
        >>> g.township_experience.numerator, g.township_experience.denominator
        (4, 7)
        >>> [f.code for f in g.findings]
        ['SHARE_BELOW_MINIMUM', 'THREE_CATEGORIES_BELOW_MINIMUM']

    Legal basis: 《村民委员会组织法》 第六条; the composition parameters of the profile (seeds
    001:28, 003:551, 003:561; 《中国共产党农村基层组织工作条例》 「乡镇党委一般设委员7至9名」).
    """
    entries = _members(members)
    _check_day(on, "on")
    bands = _check_bands(age_bands)
    pol = _policy(policy)
    if by not in ("village", "township", "all"):
        raise RuleInputError("by must be 'village', 'township' or 'all'", code="CHOICE", path="by")
    if body is not None:
        if not isinstance(body, BodyKind) or body not in _SLATE_BODIES:
            raise RuleInputError(
                f"body must be one of {', '.join(sorted(b.value for b in _SLATE_BODIES))}, "
                f"got {body!r}",
                code="CHOICE",
                path="body",
            )
        if body in _TOWNSHIP_BODIES and by == "village":
            raise RuleInputError(
                f"a {body.label} is a township's: report it by='township' or by='all'",
                code="CHOICE",
                path="by",
            )
    if experience_months is not None and (
        not isinstance(experience_months, int)
        or isinstance(experience_months, bool)
        or experience_months < 0
    ):
        raise RuleInputError(
            "experience_months must be a whole number of months",
            code="TYPE",
            path="experience_months",
        )
    if experience_months is None and pol is not None:
        name = "composition.township_experience_months"
        experience_months = pol.get_int(name) if name in pol else None
    left_out: list[str] = []
    if body is not None:
        kept = [e for e in entries if any(_on_body(o, body) for o in e.posts)]
        kept_ids = {id(e) for e in kept}
        left_out = list(dict.fromkeys(e.key for e in entries if id(e) not in kept_ids))
        entries = kept
    groups: dict[str, list[Any]] = {}
    for e in entries:
        if by == "village":
            key = f"{e.township} {e.village}".strip()
        elif by == "township":
            key = e.township
        else:
            key = "全部"
        groups.setdefault(key, []).append(e)
    out = []
    for name, members_of in groups.items():
        if body is not None:
            checks = _slate_checks(members_of, on, pol, body)
        elif by == "village":
            checks = _village_checks(members_of, on, pol, name)
        elif by == "township":
            checks = _township_checks(members_of, on, pol, name)
        else:
            checks = ()
        out.append(_group(name, members_of, on, bands, experience_months, checks))
    return StructureReport(on=on, by=by, groups=tuple(out), body=body, left_out=tuple(left_out))
