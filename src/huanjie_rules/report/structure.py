"""班子结构 statistics over roster entries, term comparisons and vote shares.

The numbers the profile holds (committee sizes, the share with township experience, the
three categories, the share of young secretaries) are checked by the core's
:func:`~huanjie_rules.composition.check_slate` and
:func:`~huanjie_rules.composition.secretary_age_share`; this module counts, compares and
displays. Age bands are a reporting convention chosen by the caller, not a rule.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from .._base import to_tuple
from ..age import age_on
from ..composition import SlateReport, check_slate, secretary_age_share
from ..errors import RuleInputError
from ..findings import Finding
from ..model import BodyKind, EducationLevel, Gender, Office, Regime, Tenure
from ..policy import Policy, governing_policy, load_policy
from ..votes import Outcome

__all__ = [
    "AGE_BANDS",
    "Count",
    "GroupStructure",
    "StructureReport",
    "TermComparison",
    "VoteShare",
    "compare_terms",
    "slate_report",
    "vote_shares",
]

#: The default age bands (upper ends, inclusive, in 周岁): 35岁及以下, 36–45, 46–55, 56岁及以上 —
#: the bands county 换届 reports commonly use; pass others to :func:`slate_report`.
AGE_BANDS: tuple[int, ...] = (35, 45, 55)


def _percent(value: Fraction, places: int) -> str:
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

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every composition finding of the group."""
        return tuple(f for r in self.composition for f in r.findings)

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
        out["any_college"] = c_text(self.any_college)
        for label, c in self.party:
            out[label] = c.numerator
        out["continuing"] = c_text(self.continuing)
        if self.township_experience is not None:
            out["township_experience"] = c_text(self.township_experience)
        out["composition_findings"] = " ".join(f.code for f in self.findings)
        return out


def _avg(value: Fraction) -> str:
    whole = (value.numerator * 200 + value.denominator) // (2 * value.denominator)
    return f"{whole // 100}.{whole % 100:02d}"


def c_text(c: Count) -> str:
    """``"3/5 (60.00%)"``."""
    return f"{c.numerator}/{c.denominator} ({c.percent()})"


@attrs.frozen(kw_only=True, repr=False)
class StructureReport:
    """班子结构 of every group at one level, on one day."""

    def __repr__(self) -> str:
        return f"<StructureReport by {self.by} on {self.on.isoformat()}: {len(self.groups)} groups>"

    on: _dt.date
    by: str
    groups: tuple[GroupStructure, ...] = attrs.field(converter=to_tuple)

    def table(self, backend: Literal["pandas", "polars", "records"] = "pandas") -> Any:
        """One row per group (extra ``tables``)."""
        from ..io.tables import records_frame

        return records_frame([g.row() for g in self.groups], backend)

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


def _members(source: object) -> list[Any]:
    from ..io.tables import Roster, RosterScreen

    if isinstance(source, RosterScreen):
        return list(source.roster.entries)
    if isinstance(source, Roster):
        return list(source.entries)
    if isinstance(source, Iterable):
        return list(source)
    raise RuleInputError(
        f"expected a Roster, a RosterScreen or roster entries, got {type(source).__name__}",
        code="TYPE",
        path="members",
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
    )


def _policy(value: Policy | str | None) -> Policy | None:
    return load_policy(value) if isinstance(value, str) else value


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


def slate_report(
    members: object,
    *,
    on: _dt.date,
    by: Literal["village", "township", "all"] = "village",
    policy: Policy | str | None = None,
    age_bands: Sequence[int] = AGE_BANDS,
    experience_months: int | None = None,
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
        age_bands: the upper ends of the age bands (inclusive, 周岁).
        experience_months: count people with at least this much township work; by default the
            profile's ``composition.township_experience_months`` when it has one.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.io.tables import read_roster
        >>> roster = read_roster([{"乡镇": "东镇", "村": c, "姓名": "甲", "性别": "男",
        ...     "民族": "汉族", "出生日期": "1975-01-01", "政治面貌": "群众",
        ...     "拟任职务": "村委会主任", "是否连任": "否"} for c in ("东村", "西村")])
        >>> r = slate_report(roster, on=dt.date(2021, 3, 1), by="village", policy="xzhen-2021")
        >>> [(g.name, [f.code for f in g.findings]) for g in r.groups]
        [('东镇 东村', ['COMMITTEE_SIZE_OUT_OF_RANGE', 'NO_WOMAN_MEMBER']), ('东镇 西村', ['COMMITTEE_SIZE_OUT_OF_RANGE', 'NO_WOMAN_MEMBER'])]

    Legal basis: 《村民委员会组织法》 第六条; the composition parameters of the profile (seeds
    001:28, 003:551, 003:561).
    """
    entries = _members(members)
    pol = _policy(policy)
    if experience_months is None and pol is not None:
        name = "composition.township_experience_months"
        experience_months = pol.get_int(name) if name in pol else None
    if by not in ("village", "township", "all"):
        raise RuleInputError("by must be 'village', 'township' or 'all'", code="CHOICE", path="by")
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
        if by == "village":
            checks = _village_checks(members_of, on, pol, name)
        elif by == "township":
            checks = _township_checks(members_of, on, pol, name)
        else:
            checks = ()
        out.append(_group(name, members_of, on, tuple(age_bands), experience_months, checks))
    return StructureReport(on=on, by=by, groups=tuple(out))


@attrs.frozen(kw_only=True)
class TermComparison:
    """This term against the previous one, as a county report states it.

    Attributes:
        current, previous: the two groups.
        average_age_change: current minus previous mean age (negative: younger), exactly.
        changes: (measure, current share, previous share, change in percentage points) for
            women, full-time 大专及以上, 大专及以上 (any), minority, continuing, township
            experience.
    """

    current: GroupStructure
    previous: GroupStructure
    average_age_change: Fraction | None
    changes: tuple[tuple[str, Count, Count, Fraction | None], ...] = attrs.field(converter=to_tuple)

    def sentences(self) -> tuple[str, ...]:
        """The comparison in the words county reports use (「平均年龄下降了2.93岁」 …)."""
        out = []
        if self.average_age_change is not None:
            drop = -self.average_age_change
            word = "下降" if drop >= 0 else "上升"
            out.append(f"平均年龄{word}了{_avg(abs(drop))}岁")
        for label, now, _, delta in self.changes:
            if delta is None or now.value is None:
                continue
            word = "提高" if delta >= 0 else "降低"
            out.append(f"{label}占比{now.percent()}，比上届{word}了{_percent(abs(delta) / 100, 2)}")
        return tuple(out)


def compare_terms(current: GroupStructure, previous: GroupStructure) -> TermComparison:
    """Compare two groups' structures (this term's slate against the previous term's).

    Changes in shares are in percentage points (「比上届提高了8.2%」 reads as points).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.io.tables import read_roster
        >>> def term(born, edu):
        ...     rows = [{"姓名": f"人{i}", "性别": "男", "民族": "汉族", "出生日期": b,
        ...              "全日制学历": e, "政治面貌": "中共党员", "拟任职务": "村委会委员",
        ...              "是否连任": "否"} for i, (b, e) in enumerate(zip(born, edu))]
        ...     return slate_report(read_roster(rows), on=dt.date(2021, 3, 1), by="all").groups[0]
        >>> now = term(["1990-01-01", "1980-01-01"], ["大专", "本科"])
        >>> before = term(["1975-01-01", "1980-01-01", "1970-01-01"], ["大专", "高中", "初中"])
        >>> c = compare_terms(now, before)
        >>> c.average_age_change
        Fraction(-10, 1)
        >>> c.sentences()[:2]
        ('平均年龄下降了10.00岁', '女性干部占比0.00%，比上届提高了0.00%')
    """
    age_change = (
        current.average_age - previous.average_age
        if current.average_age is not None and previous.average_age is not None
        else None
    )
    pairs = [
        ("女性干部", current.women, previous.women),
        ("全日制大专及以上学历", current.full_time_college, previous.full_time_college),
        ("大专及以上学历", current.any_college, previous.any_college),
        ("少数民族干部", current.minority, previous.minority),
        ("连任人员", current.continuing, previous.continuing),
    ]
    if current.township_experience is not None and previous.township_experience is not None:
        pairs.append(
            ("具有乡镇工作经历", current.township_experience, previous.township_experience)
        )
    changes = []
    for label, now, before in pairs:
        delta = (
            (now.value - before.value) * 100
            if now.value is not None and before.value is not None
            else None
        )
        changes.append((label, now, before, delta))
    return TermComparison(
        current=current, previous=previous, average_age_change=age_change, changes=tuple(changes)
    )


@attrs.frozen(kw_only=True)
class VoteShare:
    """An elected person's share of the votes.

    ``base`` is the valid ballots of the post's section; 全票 (``unanimous``) means every one of
    them voted for the person; ``high`` means the share reached the caller's 高票 mark.
    """

    office: Office
    person: str
    votes: int
    base: int
    share: Fraction | None
    unanimous: bool
    high: bool


def vote_shares(
    outcome: Outcome, *, high_share: Fraction = Fraction(9, 10)
) -> tuple[VoteShare, ...]:
    """Each elected person's share of the valid ballots, with 全票/高票 flags.

    ``high_share`` is a reporting convention (the caller's 高票 mark), not a legal threshold.
    """
    tally = outcome.tallies[outcome.basis_index]
    out = []
    for post in outcome.posts:
        base = tally.section(post.office).valid if tally.sections else tally.valid_ballots
        for standing in post.standings:
            if standing.person not in post.elected:
                continue
            share = Fraction(standing.votes, base) if base else None
            out.append(
                VoteShare(
                    office=post.office,
                    person=standing.person,
                    votes=standing.votes,
                    base=base,
                    share=share,
                    unanimous=base > 0 and standing.votes == base,
                    high=share is not None and share >= high_share,
                )
            )
    return tuple(out)
