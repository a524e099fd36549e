"""The 班子结构 of a county's township 党委 slates, compared with the previous term and held
against the profile's composition rules, the way counties report their 换届.

A county report after the township round reads like 「换届后，乡镇领导班子平均年龄下降了2.93岁，
35岁及以下的班子成员占比39.39%；全日制大专及以上学历占比69.09%，比上届提高了8.2%；…具有2年以上
乡镇工作经历的干部占比95.73%，远远超过了占比2/3的要求」 (seed 004:3). :func:`township_report`
gives every figure of such a sentence exactly — each share with its numerator and denominator,
each change in percentage points and relative to the previous share — and the rules it is held
against come from the profile with their citations: the size of a township 党委 (「乡镇党委一般设
委员7至9名」, party-basic-2020), the two-thirds share with two years of township work and the three
categories (nmg-town-2016, seed 003:561). A rule binds each township's 班子; the county-wide share
is reported beside it, with how many 班子 meet the rule, never in its place.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from .._args import checked
from .._base import to_tuple
from ..composition import SlateReport
from ..errors import RuleInputError
from ..findings import Citation, Finding, format_scalar
from ..model import BodyKind
from ..policy import Policy, load_policy
from .structure import (
    AGE_BANDS,
    REPORT_LABELS,
    Count,
    GroupStructure,
    StructureReport,
    _check_day,
    _policy,
    c_text,
    finding_rows,
    slate_report,
)
from .terms import ChangeUnit, TermComparison, compare_terms

__all__ = ["Requirement", "TownshipReport", "township_report"]

#: The Chinese names of the composition rules a township slate is held against, for display.
_RULE_NAMES = {
    "composition.party_committee_size": "党委委员职数",
    "composition.discipline_committee_size": "纪委委员职数",
    "composition.township_experience_min_share": "乡镇工作经历",
    "composition.three_categories_min_count": "三类人员",
}


@attrs.frozen(kw_only=True)
class Requirement:
    """One composition rule of the profile, held against every township's slate.

    Attributes:
        parameter: the profile parameter (``"composition.township_experience_min_share"``).
        name: its Chinese name for display (``"乡镇工作经历"``).
        rule_id: the rule's id in the rules catalogue.
        citation: instrument, article or seed line, the exact quote, reliability.
        hard: a hard rule (FAIL when broken) or a soft one (一般, 原则上: WARN).
        limit: the rule's number (``Fraction(2, 3)``, a size range, a count).
        policy_id: the profile that holds it.
        slates: how many slates it was checked on.
        met: how many of them meet it.
        overall: for a share rule, the county-wide count (every slate's numerator over every
            slate's denominator), else None; the rule binds each slate, not the county.
        findings: the findings of the slates that do not meet it (and notes such as an
            unknown township experience).
    """

    parameter: str
    name: str
    rule_id: str
    citation: Citation
    hard: bool
    limit: object
    policy_id: str
    slates: int
    met: int
    overall: Count | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @checked
    def sentence(self, places: int = 2) -> str:
        """The rule in a county report's words, with the figures and the citation:
        「具有2年以上乡镇工作经历的人员占比95.76%（165人中158人），高于2/3的要求；20个班子中20个
        达到」 followed by the source and its quote."""
        where = self.citation.short() or self.citation.title
        if self.citation.seed:
            where += f" {self.citation.seed}"
        source = (
            f"（{where}：「{self.citation.quote}」）" if self.citation.quote else f"（{where}）"
        )
        slates = f"{self.slates}个班子中{self.met}个符合"
        if self.overall is not None and isinstance(self.limit, Fraction):
            value = self.overall.value
            share = f"{self.overall.percent(places)}（{self.overall.denominator}人中{self.overall.numerator}人）"
            if value is None:
                against = ""
            elif value > self.limit:
                against = f"，高于{format_scalar(self.limit)}的要求"
            elif value == self.limit:
                against = f"，达到{format_scalar(self.limit)}的要求"
            else:
                against = f"，低于{format_scalar(self.limit)}的要求"
            label = self.name
            return f"{label}占比{share}{against}；{slates}{source}"
        return f"{self.name}：{slates}（要求{format_scalar(self.limit)}）{source}"

    def row(self) -> dict[str, object]:
        """A flat dict for a table."""
        return {
            "rule": self.name,
            "parameter": self.parameter,
            "profile": self.policy_id,
            "hard": self.hard,
            "limit": format_scalar(self.limit),
            "overall": None if self.overall is None else c_text(self.overall),
            "slates": self.slates,
            "met": self.met,
            "article": self.citation.short(),
            "seed": self.citation.seed or "",
            "quote": self.citation.quote or "",
        }


@attrs.frozen(kw_only=True, repr=False)
class TownshipReport:
    """A county's township slates: each township's structure and composition findings, the
    county's structure, the profile's rules held against every slate, and the comparison with
    the previous term.

    Attributes:
        on: the election day ages are counted on.
        policy_id: the profile whose rules were checked.
        body: the body whose slates these are (``PARTY_COMMITTEE``: the 乡镇党委).
        townships: one group per township, each with its slate's composition verdict.
        county: every township's members together (the composition verdicts of every slate).
        requirements: each composition rule the profile holds for the body, held against every
            slate.
        previous: the previous term's members together, or None.
        previous_on: the day the previous term's ages are counted on.
        comparison: this term against the previous, or None.
        left_out: keys of people in the roster with no post of the body (not counted).
    """

    on: _dt.date
    policy_id: str
    body: BodyKind
    townships: StructureReport
    county: GroupStructure
    requirements: tuple[Requirement, ...] = attrs.field(converter=to_tuple)
    previous: GroupStructure | None = None
    previous_on: _dt.date | None = None
    comparison: TermComparison | None = None
    left_out: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def __repr__(self) -> str:
        before = f", compared with {self.previous.size} before" if self.previous else ""
        return (
            f"<TownshipReport of {self.body.value} on {self.on.isoformat()} under "
            f"{self.policy_id!r}: {len(self.townships.groups)} townships, {self.county.size} "
            f"people{before}; {len(self.findings)} findings>"
        )

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every composition finding of every township's slate."""
        return self.county.findings

    @checked
    def requirement(self, parameter: str) -> Requirement:
        """The requirement of ``parameter`` (``"composition.township_experience_min_share"``)."""
        for r in self.requirements:
            if r.parameter == parameter:
                return r
        raise RuleInputError(
            f"{self.policy_id!r} holds no composition rule {parameter!r} for a {self.body.value}"
            f" (it holds: {', '.join(r.parameter for r in self.requirements) or 'none'})",
            code="PARAMETER",
            path="parameter",
        )

    @checked
    def sentences(
        self, unit: ChangeUnit = "points", places: int = 2, counts: bool = True
    ) -> tuple[str, ...]:
        """The report in a county report's words: the change of the mean age, each share with
        its change (unit stated: 个百分点 or %), then each rule with the county-wide figure and
        how many 班子 meet it, citing the profile."""
        out: list[str] = []
        if self.comparison is not None:
            out += self.comparison.sentences(unit, places, counts)
        else:
            out += [
                f"{label}占比{c.percent(places)}"
                + (f"（{c.denominator}人中{c.numerator}人）" if counts else "")
                for label, c in self.county.shares()
            ]
        out += [r.sentence(places) for r in self.requirements]
        return tuple(out)

    @checked
    def table(self, backend: Literal["pandas", "polars", "records"] = "pandas") -> Any:
        """One row per township, then the county (本届合计) and, if given, the previous term
        (上届合计) (extra ``tables``)."""
        from ..io.tables import records_frame

        return records_frame(self._rows(), backend)

    @checked
    def requirements_table(self, backend: Literal["pandas", "polars", "records"] = "pandas") -> Any:
        """One row per rule: its figures and citation (extra ``tables``)."""
        from ..io.tables import records_frame

        return records_frame([r.row() for r in self.requirements], backend)

    def _rows(self) -> list[dict[str, object]]:
        rows = [g.row() for g in self.townships.groups]
        rows.append(attrs.evolve(self.county, name="本届合计").row())
        if self.previous is not None:
            rows.append(attrs.evolve(self.previous, name="上届合计").row())
        return rows

    @checked
    def to_xlsx(self, target: Any) -> None:
        """Write the report as XLSX (extra ``tables``): sheets 班子结构 (townships and totals),
        对比 (the changes), 结构要求 (the rules) and 结构问题 (the findings), with Chinese headers."""
        from ..io.tables import write_xlsx

        sheets: list[tuple[str, Sequence[dict[str, object]]]] = [("班子结构", self._rows())]
        if self.comparison is not None:
            sheets.append(("对比", self.comparison.rows()))
        sheets.append(("结构要求", [r.row() for r in self.requirements]))
        sheets.append(("结构问题", finding_rows(self.findings)))
        write_xlsx(sheets, target, labels=REPORT_LABELS)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ..io.tables._text import table_text

        p.text("\n".join((repr(self), *self.sentences(), table_text(self._rows(), {}, limit=25))))

    def _repr_html_(self) -> str:
        from ..io.tables._html import table_html

        items = "".join(f"<li>{html.escape(t)}</li>" for t in self.sentences())
        head = (
            f"<p><strong>乡镇班子结构</strong> {html.escape(self.body.label)}, "
            f"{self.on.isoformat()}, {html.escape(self.policy_id)}: "
            f"{len(self.townships.groups)} townships, {self.county.size} people</p>"
        )
        return head + f"<ul>{items}</ul>" + table_html(self._rows(), {}, limit=25)


def _requirements(policy: Policy, composition: Sequence[SlateReport]) -> tuple[Requirement, ...]:
    names: list[str] = []
    for r in composition:
        for name in r.checked:
            if name not in names:
                names.append(name)
    out = []
    for name in names:
        checked = [r for r in composition if name in r.checked]
        holder = policy if checked[0].policy_id == policy.id else load_policy(checked[0].policy_id)
        param = holder.param(name)
        shares = [s for r in checked for s in r.shares if s.parameter == name]
        if shares:
            met = sum(1 for s in shares if s.meets)
            overall: Count | None = Count(
                numerator=sum(s.numerator for s in shares),
                denominator=sum(s.denominator for s in shares),
            )
        else:
            met = sum(1 for r in checked if not any(f.parameter == name for f in r.findings))
            overall = None
        out.append(
            Requirement(
                parameter=name,
                name=_name(name, holder),
                rule_id=param.rule_id,
                citation=param.citation,
                hard=param.hard,
                limit=param.value,
                policy_id=holder.id,
                slates=len(checked),
                met=met,
                overall=overall,
                findings=tuple(f for r in checked for f in r.findings if f.parameter == name),
            )
        )
    return tuple(out)


def _name(parameter: str, policy: Policy) -> str:
    if parameter == "composition.township_experience_min_share":
        months_name = "composition.township_experience_months"
        if months_name in policy:
            months = policy.get_int(months_name)
            span = f"{months // 12}年" if months % 12 == 0 else f"{months}个月"
            return f"具有{span}以上乡镇工作经历的人员"
    return _RULE_NAMES.get(parameter, parameter)


@checked
def township_report(
    members: object,
    *,
    on: _dt.date,
    policy: Policy | str,
    previous: object = None,
    previous_on: _dt.date | None = None,
    body: BodyKind = BodyKind.PARTY_COMMITTEE,
    age_bands: Sequence[int] = AGE_BANDS,
    experience_months: int | None = None,
    strict: bool = True,
) -> TownshipReport:
    """The 班子结构 of a county's township slates, against the profile's rules and the previous
    term.

    Args:
        members: this term's people (a :class:`~huanjie_rules.io.tables.Roster` of the township
            班子, a screen, or roster entries), with 乡镇 saying whose slate each is; a row's posts
            say which body (镇党委书记, 党委委员, 纪委书记 …).
        on: the election day (ages in 周岁 on it).
        policy: the profile whose composition rules are held against each slate:
            ``"nmg-town-2016"`` (size 7–9, two-thirds with 2 years of township work, the three
            categories) or ``"party-basic-2020"`` (size 7–9).
        previous: the previous term's people, for the comparison.
        previous_on: the previous election day (ages of the previous term on it); required with
            ``previous``.
        body: the body (the 乡镇党委 by default; ``DISCIPLINE_COMMITTEE`` for the 纪委).
        age_bands: the upper ends of the age bands (inclusive, 周岁), rising.
        experience_months: the township work that counts (24 for 「2年以上」); by default the
            profile's ``composition.township_experience_months``, so that both terms are counted
            alike. Under a profile without the rule, pass it to count the share anyway.
        strict: refuse a profile not in force on ``on`` (``PolicyNotInForceError``): the 2016
            内蒙古 rules do not judge a 2021 slate unless the caller says so with
            ``strict=False``.

    Raises:
        RuleInputError: ``TYPE`` or ``CHOICE`` as :func:`slate_report`; ``EMPTY_SLATE`` when no
            one holds a post of ``body``; ``MISSING`` for ``previous`` without ``previous_on``.
        PolicyNotInForceError: the profile does not apply on ``on`` (with ``strict``).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.io.tables import read_roster
        >>> def slate(town, n, experienced, born):
        ...     return [{"乡镇": town, "姓名": f"{town}{i}", "性别": "男", "民族": "汉族",
        ...              "出生日期": born, "全日制学历": "大专" if i % 2 else "高中",
        ...              "政治面貌": "中共党员", "是否连任": "否",
        ...              "拟任职务": "镇党委书记" if i == 0 else "镇党委委员",
        ...              "乡镇工作年限": 3 if i < experienced else 1} for i in range(n)]
        >>> now = read_roster(slate("东镇", 7, 7, "1980-01-01") + slate("西镇", 9, 5, "1980-01-01"))
        >>> before = read_roster(slate("东镇", 7, 4, "1970-01-01") + slate("西镇", 7, 4, "1970-01-01"))
        >>> r = township_report(now, on=dt.date(2016, 5, 1), policy="nmg-town-2016",
        ...                     previous=before, previous_on=dt.date(2011, 5, 1))
        >>> r.comparison.average_age_change
        Fraction(-5, 1)
        >>> rule = r.requirement("composition.township_experience_min_share")
        >>> rule.overall.numerator, rule.overall.denominator, rule.limit, rule.met, rule.slates
        (12, 16, Fraction(2, 3), 1, 2)
        >>> r.sentences()[0]
        '平均年龄下降了5.00岁'
        >>> print(r.sentences()[-2])
        具有2年以上乡镇工作经历的人员占比75.00%（16人中12人），高于2/3的要求；2个班子中1个符合（内蒙古某市镇级党委换届工作会议讲话（种子文档003） 003:561：「具有2年以上乡镇工作经历的人员应不少于三分之二」）

    Legal basis: the composition parameters of the profile: 《中国共产党农村基层组织工作条例》
    (「乡镇党委一般设委员7至9名」); seed 003:551, 003:561 (nmg-town-2016).
    """
    pol = _policy(policy)
    if pol is None:
        raise RuleInputError("a policy is required", code="TYPE", path="policy")
    _check_day(on, "on")
    if not isinstance(strict, bool):
        raise RuleInputError("strict must be True or False", code="TYPE", path="strict")
    if strict:
        pol.require_in_force(on)
    if previous is not None and previous_on is None:
        raise RuleInputError(
            "previous_on is required with previous: the previous term's ages are counted on "
            "its own election day",
            code="MISSING",
            path="previous_on",
        )
    if experience_months is None:
        name = "composition.township_experience_months"
        experience_months = pol.get_int(name) if name in pol else None
    townships = slate_report(
        members,
        on=on,
        by="township",
        policy=pol,
        age_bands=age_bands,
        experience_months=experience_months,
        body=body,
    )
    if not townships.groups:
        raise RuleInputError(
            f"no one in members holds a post of a {body.label} ({body.value})",
            code="EMPTY_SLATE",
            path="members",
        )
    whole = slate_report(
        members,
        on=on,
        by="all",
        age_bands=age_bands,
        experience_months=experience_months,
        body=body,
    ).groups[0]
    composition = tuple(r for g in townships.groups for r in g.composition)
    county = attrs.evolve(whole, composition=composition)
    before: GroupStructure | None = None
    comparison: TermComparison | None = None
    if previous is not None:
        assert previous_on is not None
        _check_day(previous_on, "previous_on")
        prior = slate_report(
            previous,
            on=previous_on,
            by="all",
            age_bands=age_bands,
            experience_months=experience_months,
            body=body,
        )
        if not prior.groups:
            raise RuleInputError(
                f"no one in previous holds a post of a {body.label} ({body.value})",
                code="EMPTY_SLATE",
                path="previous",
            )
        before = prior.groups[0]
        comparison = compare_terms(county, before)
    return TownshipReport(
        on=on,
        policy_id=pol.id,
        body=body,
        townships=townships,
        county=county,
        requirements=_requirements(pol, composition),
        previous=before,
        previous_on=previous_on,
        comparison=comparison,
        left_out=townships.left_out,
    )
