"""班子结构 reports: the structure of a slate, a village, a township or a whole roster, compared
with the previous term the way counties report their 换届, and vote shares of a decided
election; charts in the extra ``plot``.

- ``structure``: :func:`slate_report` (groups by village, township or all; a body's slates).
- ``terms``: :func:`compare_terms` (:class:`Change`: percentage points and relative change,
  exact).
- ``shares``: :func:`vote_shares` (全票/高票).
- ``township``: :func:`township_report`, a county's township 党委 slates held against the
  profile's composition rules (:class:`Requirement`) and compared with the previous term.
- ``charts`` (extra ``plot``): :func:`~huanjie_rules.report.charts.plot_structure`,
  :func:`~huanjie_rules.report.charts.plot_terms`,
  :func:`~huanjie_rules.report.charts.plot_requirement`.

Every share is exact (numerator, denominator, :class:`~fractions.Fraction`); percentages are
text rounded half up for display only.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.io.tables import read_roster
    >>> rows = [{"村": "东村", "姓名": n, "性别": g, "民族": "汉族", "出生日期": b,
    ...          "全日制学历": e, "政治面貌": "中共党员", "拟任职务": p, "是否连任": t}
    ...         for n, g, b, e, p, t in [("甲", "男", "1990-03-01", "大专", "书记", "否"),
    ...                                  ("乙", "女", "1970-03-02", "高中", "村委会主任", "是")]]
    >>> report = slate_report(read_roster(rows), on=dt.date(2021, 3, 1), by="village")
    >>> g = report.groups[0]
    >>> g.size, g.average_age, g.women.percent(), g.full_time_college.percent()
    (2, Fraction(81, 2), '50.00%', '50.00%')
"""

from .shares import VoteShare, vote_shares
from .structure import AGE_BANDS, Count, GroupStructure, StructureReport, slate_report
from .terms import Change, ChangeUnit, TermComparison, compare_terms
from .township import Requirement, TownshipReport, township_report

__all__ = [
    "AGE_BANDS",
    "Change",
    "ChangeUnit",
    "Count",
    "GroupStructure",
    "Requirement",
    "StructureReport",
    "TermComparison",
    "TownshipReport",
    "VoteShare",
    "compare_terms",
    "slate_report",
    "township_report",
    "vote_shares",
]
