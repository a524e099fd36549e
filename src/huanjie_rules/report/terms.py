"""This term's 班子结构 against the previous term's, as counties report their 换届: the change of
the mean age in years, each share's change in percentage points and relative to the previous
share, both exact; sentences that always say which unit they use."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

import attrs

from .._args import checked
from .._base import to_tuple
from ..errors import RuleInputError
from .structure import Count, GroupStructure, _avg, c_text

__all__ = ["Change", "ChangeUnit", "TermComparison", "compare_terms"]


#: How a change of a share is stated: in percentage points (个百分点, the difference of the two
#: shares) or in percent of the previous share (%, the relative change).
ChangeUnit = Literal["points", "percent"]


def _signed_change(delta: Fraction | None, unit: str, places: int) -> str:
    if delta is None:
        return ""
    if delta == 0:
        return "与上届持平"
    word = "提高" if delta > 0 else "降低"
    amount = _avg(abs(delta), places)
    return f"比上届{word}了{amount}{'个百分点' if unit == 'points' else '%'}"


@attrs.frozen(kw_only=True)
class Change:
    """One share this term against the previous term, exactly.

    Attributes:
        measure: what is counted, as a county report names it (``"全日制大专及以上学历"``).
        current: this term's count.
        previous: the previous term's count.
    """

    measure: str
    current: Count
    previous: Count

    @property
    def points(self) -> Fraction | None:
        """The change in percentage points (个百分点): ``(current - previous) * 100``, exactly;
        None when either total is empty."""
        if self.current.value is None or self.previous.value is None:
            return None
        return (self.current.value - self.previous.value) * 100

    @property
    def relative(self) -> Fraction | None:
        """The change in percent of the previous share (%): ``(current - previous) / previous
        * 100``, exactly; None when either total is empty or the previous share is 0."""
        if self.current.value is None or not self.previous.value:
            return None
        return (self.current.value - self.previous.value) / self.previous.value * 100

    @checked
    def sentence(self, unit: ChangeUnit = "points", places: int = 2, counts: bool = False) -> str:
        """The change as a county report states it, saying its unit.

        ``unit="points"`` gives 「比上届提高了8.19个百分点」; ``unit="percent"`` the change
        relative to the previous share, 「比上届提高了13.45%」 (where the previous share is 0
        there is no relative change, and the sentence states points). ``counts`` adds the
        numerators and denominators. Numbers are rounded half up to ``places`` for display; the
        exact values are :attr:`points` and :attr:`relative`.
        """
        if unit not in ("points", "percent"):
            raise RuleInputError(
                f"unit must be 'points' or 'percent', got {unit!r}", code="CHOICE", path="unit"
            )
        head = f"{self.measure}占比{self.current.percent(places)}"
        if counts:
            head += f"（{self.current.denominator}人中{self.current.numerator}人）"
        if self.current.value is None:
            return head
        delta = self.relative if unit == "percent" else self.points
        used = unit if delta is not None else "points"
        if delta is None:
            delta = self.points
        tail = _signed_change(delta, used, places)
        if counts and self.previous.value is not None:
            before = (
                f"上届{self.previous.percent(places)}（{self.previous.denominator}人中"
                f"{self.previous.numerator}人）"
            )
            return f"{head}，{before}，{tail}" if tail else f"{head}，{before}"
        return f"{head}，{tail}" if tail else head


@attrs.frozen(kw_only=True, repr=False)
class TermComparison:
    """This term against the previous one, as a county report states it.

    Attributes:
        current, previous: the two groups.
        average_age_change: current minus previous mean age (negative: younger), exactly.
        changes: (measure, current share, previous share, change in percentage points) for
            women, full-time 大专及以上, 大专及以上 (any), minority, continuing, township
            experience.
        measures: every share compared, as :class:`Change` values (percentage points and the
            relative change both exact): the youngest age band, full-time 大专及以上, 大专及以上,
            women, minority, continuing and township experience when both terms count it.
    """

    current: GroupStructure
    previous: GroupStructure
    average_age_change: Fraction | None
    changes: tuple[tuple[str, Count, Count, Fraction | None], ...] = attrs.field(converter=to_tuple)
    measures: tuple[Change, ...] = attrs.field(default=(), converter=to_tuple)

    def __repr__(self) -> str:
        return (
            f"<TermComparison {self.current.name}: {self.current.size} now, "
            f"{self.previous.size} before; {len(self.measures)} shares>"
        )

    @checked
    def age_sentence(self, places: int = 2) -> str:
        """「平均年龄下降了2.93岁」 (or 上升, or 与上届持平); ``""`` when a term is empty."""
        if self.average_age_change is None:
            return ""
        if self.average_age_change == 0:
            return "平均年龄与上届持平"
        word = "下降" if self.average_age_change < 0 else "上升"
        return f"平均年龄{word}了{_avg(abs(self.average_age_change), places)}岁"

    @checked
    def sentences(
        self, unit: ChangeUnit = "points", places: int = 2, counts: bool = False
    ) -> tuple[str, ...]:
        """The comparison in the words county reports use, each change with its unit:
        「平均年龄下降了2.93岁」, 「全日制大专及以上学历占比69.09%，比上届提高了8.19个百分点」.

        ``unit="percent"`` states changes relative to the previous share (「提高了13.45%」);
        a report that writes 「提高了8.2%」 without saying which may mean either, so this method
        never does. ``places`` rounds for display (half up); ``counts`` adds numerators and
        denominators.
        """
        out = [self.age_sentence(places)] if self.average_age_change is not None else []
        out += [m.sentence(unit, places, counts) for m in self.measures]
        return tuple(out)

    def rows(self) -> list[dict[str, object]]:
        """One dict per share: measure, both counts as text, and both changes, exact (``a/b``)
        and rounded."""
        out: list[dict[str, object]] = []
        for m in self.measures:
            out.append(
                {
                    "measure": m.measure,
                    "current": c_text(m.current),
                    "previous": c_text(m.previous),
                    "points": None if m.points is None else _fraction_text(m.points),
                    "points_2dp": None if m.points is None else _signed(m.points),
                    "relative_percent": None if m.relative is None else _fraction_text(m.relative),
                    "relative_2dp": None if m.relative is None else _signed(m.relative),
                }
            )
        return out

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ..io.tables._text import table_text

        p.text(
            repr(self)
            + "\n"
            + "\n".join(self.sentences(counts=True))
            + "\n"
            + table_text(self.rows(), {}, limit=25)
        )

    def _repr_html_(self) -> str:
        import html

        from ..io.tables._html import table_html

        items = "".join(f"<li>{html.escape(t)}</li>" for t in self.sentences(counts=True))
        return f"<p><strong>换届前后对比</strong></p><ul>{items}</ul>" + table_html(
            self.rows(), {}, limit=25
        )


def _fraction_text(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def _signed(value: Fraction) -> str:
    return ("-" if value < 0 else "+") + _avg(abs(value))


@checked
def compare_terms(current: GroupStructure, previous: GroupStructure) -> TermComparison:
    """Compare two groups' structures (this term's slate against the previous term's).

    Every difference is exact: the mean age's in years, each share's in percentage points
    (:attr:`Change.points`) and relative to the previous share (:attr:`Change.relative`).
    County reports write 「比上届提高了8.2%」 without saying which of the two they mean;
    :meth:`TermComparison.sentences` always says it (个百分点 or %).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.io.tables import read_roster
        >>> from huanjie_rules.report import slate_report
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
        >>> college = c.measures[1]
        >>> college.measure, college.points, college.relative
        ('全日制大专及以上学历', Fraction(200, 3), Fraction(200, 1))
        >>> c.sentences()[:3]
        ('平均年龄下降了10.00岁', '35岁及以下的班子成员占比50.00%，比上届提高了50.00个百分点', '全日制大专及以上学历占比100.00%，比上届提高了66.67个百分点')
        >>> college.sentence("percent")
        '全日制大专及以上学历占比100.00%，比上届提高了200.00%'

    Raises:
        RuleInputError: ``TYPE`` when either is not a :class:`GroupStructure`.
    """
    for name, g in (("current", current), ("previous", previous)):
        if not isinstance(g, GroupStructure):
            raise RuleInputError(
                f"{name} must be a GroupStructure (a group of slate_report), got "
                f"{type(g).__name__}",
                code="TYPE",
                path=name,
            )
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
    before_shares = dict(previous.shares())
    measures = [
        Change(measure=label, current=now, previous=before_shares[label])
        for label, now in current.shares()
        if label in before_shares
    ]
    return TermComparison(
        current=current,
        previous=previous,
        average_age_change=age_change,
        changes=tuple(changes),
        measures=tuple(measures),
    )
