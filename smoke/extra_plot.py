"""Smoke program of the extra ``plot`` (matplotlib and a bundled CJK font).

``python -I smoke/extra_plot.py`` in an environment with the extra: a 班子结构 chart with
Chinese labels renders to PNG. With ``--absent``, in one without it: the report is still
computed, and the chart refuses with MissingExtraError naming the extra.
"""

from __future__ import annotations

import datetime as dt
import io
import sys

from huanjie_rules.errors import MissingExtraError
from huanjie_rules.io.tables import read_roster
from huanjie_rules.report import StructureReport, slate_report
from huanjie_rules.report.charts import plot_structure

ROWS = [
    {"村": "东村", "姓名": n, "性别": g, "民族": "汉族", "出生日期": b, "全日制学历": e,
     "政治面貌": "中共党员", "拟任职务": p, "是否连任": t}
    for n, g, b, e, p, t in [
        ("甲", "男", "1990-03-01", "大专", "书记", "否"),
        ("乙", "女", "1970-03-02", "高中", "村委会主任", "是"),
    ]
]  # fmt: skip


def _report() -> StructureReport:
    return slate_report(read_roster(ROWS), on=dt.date(2021, 3, 1), by="village")


def present() -> None:
    figure = plot_structure(_report(), "age")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG"), "not a PNG"
    print("plot smoke passed")


def absent() -> None:
    report = _report()
    assert report.groups[0].size == 2
    try:
        plot_structure(report, "age")
    except MissingExtraError as err:
        assert err.extra == "plot" and "huanjie-rules[plot]" in str(err), err
    else:
        raise AssertionError("plot_structure() worked without the plot extra")
    print("plot absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
