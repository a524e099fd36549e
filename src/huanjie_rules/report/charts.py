"""Charts of a 班子结构 report (extra ``plot``: matplotlib and a CJK font).

Chinese labels are set in Noto Sans CJK SC, which the extra installs with the project
(the PyPI package ``noto-cjk-sans-otc`` carries the Noto Sans CJK OpenType collection, SIL Open
Font License 1.1); :func:`cjk_font` registers it with matplotlib. Without it the charts fall
back to English labels (``lang="en"``) rather than draw empty boxes.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

from .._args import checked
from ..errors import RuleInputError
from ..io.tables._sources import require
from .structure import Count, StructureReport, _avg
from .terms import TermComparison
from .township import TownshipReport

__all__ = ["FONT_FAMILY", "cjk_font", "plot_requirement", "plot_structure", "plot_terms"]

#: The font family the charts use for Chinese labels.
FONT_FAMILY = "Noto Sans CJK SC"

_TITLES = {
    "age": ("年龄结构（周岁）", "Age (whole years)"),
    "education": ("全日制学历", "Full-time education"),
    "gender": ("女性占比", "Share of women"),
    "party": ("政治面貌", "Political status"),
    "ethnicity": ("民族", "Ethnicity"),
    "in_service": ("在职学历", "In-service education"),
}


@checked
def cjk_font() -> str:
    """Register the bundled Noto Sans CJK collection with matplotlib and return its SC family.

    Raises:
        MissingExtraError: the ``plot`` extra (matplotlib, noto-cjk-sans-otc) is missing.
    """
    font_manager = require("matplotlib.font_manager", "plot")
    noto = require("noto_cjk_sans_otc", "plot")
    path = str(noto.FONT_PATH)
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    return FONT_FAMILY


def _pairs(g: Any, what: str) -> tuple[tuple[str, Count], ...]:
    if what == "age":
        return tuple(g.ages)
    if what == "education":
        return tuple(g.full_time)
    if what == "party":
        return tuple(g.party)
    if what == "ethnicity":
        return tuple(g.ethnicities)
    if what == "in_service":
        return tuple(g.in_service)
    men = Count(numerator=g.size - g.women.numerator, denominator=g.size)
    return (("女", g.women), ("男", men))


def _bars(report: StructureReport, what: str) -> tuple[list[str], dict[str, list[int]]]:
    groups = [g.name for g in report.groups]
    series: dict[str, list[int]] = {}
    for i, g in enumerate(report.groups):
        for label, c in _pairs(g, what):
            series.setdefault(label, [0] * len(groups))[i] = c.numerator
    return groups, series


@checked
def plot_structure(
    report: StructureReport,
    what: Literal["age", "education", "gender", "party", "ethnicity", "in_service"] = "age",
    *,
    lang: Literal["zh", "en"] = "zh",
    ax: Any = None,
) -> Any:
    """A stacked bar chart of one measure for every group of ``report``; returns the figure.

    Counts are drawn as they are (integers); no share is rounded into the picture.
    """
    pyplot = require("matplotlib.pyplot", "plot")
    matplotlib = require("matplotlib", "plot")
    if what not in _TITLES:
        raise RuleInputError(f"unknown chart {what!r}", code="CHOICE", path="what")
    family = cjk_font() if lang == "zh" else "DejaVu Sans"
    groups, series = _bars(report, what)
    with matplotlib.rc_context(
        {"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}
    ):
        if ax is None:
            fig, ax = pyplot.subplots(figsize=(max(6, len(groups) * 0.5), 4))
        else:
            fig = ax.figure
        bottom = [0] * len(groups)
        for k, (label, values) in enumerate(series.items()):
            shown = label  # Chinese charts name every series as the report does
            if lang == "en":
                shown = _en(label)
                if not shown.isascii():  # no English name (an ethnic group): number it
                    shown = f"{what.replace('_', ' ')} {k + 1}"
            ax.bar(range(len(groups)), values, bottom=bottom, label=shown)
            bottom = [a + b for a, b in zip(bottom, values, strict=True)]
        ax.set_xticks(range(len(groups)))
        ax.set_xticklabels(
            groups if lang == "zh" else [f"#{i + 1}" for i in range(len(groups))],
            rotation=60,
            ha="right",
        )
        zh, en = _TITLES[what]
        ax.set_title(f"班子结构：{zh}" if lang == "zh" else f"Team structure: {en}")
        ax.set_ylabel("人数" if lang == "zh" else "people")
        ax.legend(fontsize="small", ncols=2)
        fig.tight_layout()
    return fig


def _en(label: str) -> str:
    from ..io.tables.spellings import PoliticalStatus
    from ..model import EducationLevel

    for enum in (EducationLevel, PoliticalStatus):
        for member in enum:
            if member.label == label:
                return str(member.value).replace("_", " ").lower()
    fixed = {"女": "women", "男": "men", "未知": "unknown", "无": "none", "汉族": "Han"}
    if label in fixed:
        return fixed[label]
    return (
        label.replace("岁及以下", " or under")
        .replace("岁及以上", " or over")
        .replace("至", "-")
        .replace("岁", "")
    )


_MEASURES_EN = {
    "全日制大专及以上学历": "full-time college or above",
    "大专及以上学历": "college or above",
    "女性干部": "women",
    "少数民族干部": "minorities",
    "连任人员": "continuing",
}


def _measure_en(label: str) -> str:
    if label in _MEASURES_EN:
        return _MEASURES_EN[label]
    if "乡镇工作经历" in label:
        return "township experience"
    if label.endswith("的班子成员"):
        return _en(label.removesuffix("的班子成员"))
    return label


def _pct(value: Fraction) -> float:
    """A share as a percentage for drawing only: the picture is the one place a float is
    allowed, and every label drawn beside it is the exact count."""
    return float(value * 100)


def _lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise RuleInputError(f"lang must be 'zh' or 'en', got {lang!r}", code="CHOICE", path="lang")
    return cjk_font() if lang == "zh" else "DejaVu Sans"


@checked
def plot_terms(
    comparison: TermComparison | TownshipReport,
    *,
    lang: Literal["zh", "en"] = "zh",
    ax: Any = None,
) -> Any:
    """This term's shares against the previous term's, one pair of bars per share, each labelled
    with its exact count (``114/165``) and its change in percentage points; returns the figure.

    ``comparison`` is a :class:`~huanjie_rules.report.TermComparison` or a
    :class:`~huanjie_rules.report.TownshipReport` compared with the previous term.
    """
    pyplot = require("matplotlib.pyplot", "plot")
    matplotlib = require("matplotlib", "plot")
    if isinstance(comparison, TownshipReport):
        if comparison.comparison is None:
            raise RuleInputError(
                "the report has no previous term to compare with: pass previous= to "
                "township_report",
                code="MISSING",
                path="comparison",
            )
        comparison = comparison.comparison
    if not isinstance(comparison, TermComparison):
        raise RuleInputError(
            f"expected a TermComparison or a TownshipReport, got {type(comparison).__name__}",
            code="TYPE",
            path="comparison",
        )
    family = _lang(lang)
    shown = [
        m
        for m in comparison.measures
        if m.current.value is not None and m.previous.value is not None
    ]
    with matplotlib.rc_context(
        {"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}
    ):
        if ax is None:
            fig, ax = pyplot.subplots(figsize=(8.5, max(3, 0.7 * len(shown) + 1)))
        else:
            fig = ax.figure
        ys = list(range(len(shown)))
        before = [_pct(m.previous.value or Fraction(0)) for m in shown]
        now = [_pct(m.current.value or Fraction(0)) for m in shown]
        ax.barh(
            [y + 0.2 for y in ys],
            before,
            height=0.4,
            label="上届" if lang == "zh" else "previous term",
        )
        ax.barh(
            [y - 0.2 for y in ys], now, height=0.4, label="本届" if lang == "zh" else "this term"
        )
        for y, m in zip(ys, shown, strict=True):
            points = m.points or Fraction(0)
            sign = "+" if points >= 0 else "-"
            unit = "个百分点" if lang == "zh" else " pp"
            ax.text(
                _pct(m.current.value or Fraction(0)) + 1,
                y - 0.2,
                f"{m.current.percent()} ({m.current.numerator}/{m.current.denominator}), "
                f"{sign}{_avg(abs(points))}{unit}",
                va="center",
                fontsize="small",
            )
        ax.set_yticks(ys)
        ax.set_yticklabels([m.measure if lang == "zh" else _measure_en(m.measure) for m in shown])
        ax.invert_yaxis()
        ax.set_xlim(0, 160)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.set_xlabel("占比（%）" if lang == "zh" else "share (%)")
        ax.set_title(
            "换届前后班子结构对比" if lang == "zh" else "Team structure: this term and the last"
        )
        ax.legend(fontsize="small", loc="lower right")
        fig.tight_layout()
    return fig


@checked
def plot_requirement(
    report: TownshipReport,
    parameter: str = "composition.township_experience_min_share",
    *,
    lang: Literal["zh", "en"] = "zh",
    ax: Any = None,
) -> Any:
    """One bar per township for a rule the profile holds: the share a share rule counts (with
    its threshold as a line) or the size a size rule bounds (with its range as a band); bars
    of 班子 that break the rule are hatched. Labels give the exact counts. Returns the figure.
    """
    pyplot = require("matplotlib.pyplot", "plot")
    matplotlib = require("matplotlib", "plot")
    if not isinstance(report, TownshipReport):
        raise RuleInputError(
            f"expected a TownshipReport, got {type(report).__name__}", code="TYPE", path="report"
        )
    rule = report.requirement(parameter)
    names: list[str] = []
    values: list[float] = []
    labels: list[str] = []
    broken: list[bool] = []
    is_share = rule.overall is not None
    for g in report.townships.groups:
        for slate in g.composition:
            if parameter not in slate.checked:
                continue
            names.append(g.name)
            if is_share:
                share = next(x for x in slate.shares if x.parameter == parameter)
                values.append(_pct(share.value or Fraction(0)))
                labels.append(f"{share.numerator}/{share.denominator}")
                broken.append(not share.meets)
            elif parameter.endswith("_size"):
                values.append(float(slate.size))
                labels.append(str(slate.size))
                broken.append(any(f.parameter == parameter for f in slate.findings))
            else:
                raise RuleInputError(
                    f"{parameter} is neither a share nor a size rule: nothing to draw per 班子",
                    code="CHOICE",
                    path="parameter",
                )
    family = _lang(lang)
    with matplotlib.rc_context(
        {"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}
    ):
        if ax is None:
            fig, ax = pyplot.subplots(figsize=(max(6, len(names) * 0.45), 4))
        else:
            fig = ax.figure
        xs = range(len(names))
        bars = ax.bar(xs, values)
        for bar, bad in zip(bars, broken, strict=True):
            if bad:
                bar.set_hatch("//")
                bar.set_edgecolor("black")
        for x, v, text in zip(xs, values, labels, strict=True):
            ax.text(x, v, text, ha="center", va="bottom", fontsize="x-small")
        limit = rule.limit
        if is_share and isinstance(limit, Fraction):
            ax.axhline(_pct(limit), color="black", linestyle="--", linewidth=1)
            ax.set_ylabel("占比（%）" if lang == "zh" else "share (%)")
            ax.set_ylim(0, 110)
        else:
            low, high = getattr(limit, "min", None), getattr(limit, "max", None)
            if low is not None and high is not None:
                ax.axhspan(low, high, color="grey", alpha=0.2)
            ax.set_ylabel("人数" if lang == "zh" else "members")
        ax.set_xticks(list(xs))
        ax.set_xticklabels(
            names if lang == "zh" else [f"#{i + 1}" for i in range(len(names))],
            rotation=60,
            ha="right",
        )
        limit_text = str(limit)
        title = (
            f"{rule.name}（要求{limit_text}，{rule.policy_id}）"
            if lang == "zh"
            else f"{parameter.split('.')[-1]} (rule {limit_text}, {rule.policy_id})"
        )
        ax.set_title(title)
        fig.tight_layout()
    return fig
