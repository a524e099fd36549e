"""Charts of a 班子结构 report (extra ``plot``: matplotlib and a CJK font).

Chinese labels are set in Noto Sans CJK SC, which the extra installs with the project
(the PyPI package ``noto-cjk-sans-otc`` carries the Noto Sans CJK OpenType collection, SIL Open
Font License 1.1); :func:`cjk_font` registers it with matplotlib. Without it the charts fall
back to English labels (``lang="en"``) rather than draw empty boxes.
"""

from __future__ import annotations

from typing import Any, Literal

from ..io.tables._sources import require
from .structure import Count, StructureReport

__all__ = ["FONT_FAMILY", "cjk_font", "plot_structure"]

#: The font family the charts use for Chinese labels.
FONT_FAMILY = "Noto Sans CJK SC"

_TITLES = {
    "age": ("年龄结构（周岁）", "Age (whole years)"),
    "education": ("全日制学历", "Full-time education"),
    "gender": ("女性占比", "Share of women"),
    "party": ("政治面貌", "Political status"),
}


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
    men = Count(numerator=g.size - g.women.numerator, denominator=g.size)
    return (("女", g.women), ("男", men))


def _bars(report: StructureReport, what: str) -> tuple[list[str], dict[str, list[int]]]:
    groups = [g.name for g in report.groups]
    series: dict[str, list[int]] = {}
    for i, g in enumerate(report.groups):
        for label, c in _pairs(g, what):
            series.setdefault(label, [0] * len(groups))[i] = c.numerator
    return groups, series


def plot_structure(
    report: StructureReport,
    what: Literal["age", "education", "gender", "party"] = "age",
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
        from ..errors import RuleInputError

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
        for label, values in series.items():
            ax.bar(
                range(len(groups)),
                values,
                bottom=bottom,
                label=label if lang == "zh" else _en(label),
            )
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
    fixed = {"女": "women", "男": "men", "未知": "unknown"}
    if label in fixed:
        return fixed[label]
    return (
        label.replace("岁及以下", " or under")
        .replace("岁及以上", " or over")
        .replace("至", "-")
        .replace("岁", "")
    )
