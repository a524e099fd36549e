"""班子结构 reports, term comparisons, vote shares and charts with Chinese labels."""

from __future__ import annotations

import datetime as dt
import warnings
from fractions import Fraction
from pathlib import Path

import pytest

from huanjie_rules.io.tables import read_roster
from huanjie_rules.report import Count, compare_terms, slate_report

ON = dt.date(2021, 3, 1)


def _rows(specs: list[tuple[str, str, str, str, str]]) -> list[dict[str, object]]:
    return [
        {
            "乡镇": "东镇",
            "村": v,
            "姓名": f"人{i}",
            "性别": g,
            "民族": "汉族",
            "出生日期": b,
            "全日制学历": e,
            "政治面貌": "中共党员",
            "拟任职务": p,
            "是否连任": "否",
        }
        for i, (v, g, b, e, p) in enumerate(specs)
    ]


def test_percent_is_exact_text_rounded_half_up() -> None:
    assert Count(numerator=38, denominator=55).percent() == "69.09%"
    assert Count(numerator=1, denominator=8).percent(1) == "12.5%"
    assert Count(numerator=1, denominator=16).percent(2) == "6.25%"
    assert Count(numerator=0, denominator=0).percent() == "-"


def test_decimal_places_are_bounded_at_0_and_12() -> None:
    from huanjie_rules.errors import ArgumentError

    share = Count(numerator=1, denominator=3)
    assert share.percent(0) == "33%"
    assert share.percent(12) == "33.333333333333%"
    for bad, code in ((-1, "RANGE"), (13, "RANGE"), (10**6, "RANGE"), (10**15, "LIMIT")):
        with pytest.raises(ArgumentError) as err:  # 10**6 places: a number of a million digits
            share.percent(bad)
        assert (err.value.code, err.value.path) == (code, "places")


def test_age_bands_on_the_boundary_day() -> None:
    # 35 on election day (birthday that day) is in 35岁及以下; a day later born is 34
    rows = _rows(
        [
            ("东村", "男", "1986-03-01", "大专", "书记"),
            ("东村", "女", "1986-03-02", "高中", "村委会主任"),
            ("东村", "男", "1985-03-01", "初中", "村委会委员"),
        ]
    )
    g = slate_report(read_roster(rows), on=ON, by="all").groups[0]
    bands = {k: c.numerator for k, c in g.ages}
    assert (bands["35岁及以下"], bands["36至45岁"]) == (2, 1)
    assert g.average_age == Fraction(35 + 34 + 36, 3)
    assert (g.women.numerator, g.women.denominator) == (1, 3)
    assert g.full_time_college.numerator == 1


def test_yijiantiao_person_is_counted_once() -> None:
    rows = _rows([("东村", "男", "1980-01-01", "大专", "书记、主任")])
    assert slate_report(read_roster(rows), on=ON, by="all").groups[0].size == 1


def test_township_report_checks_the_young_secretaries_share_of_xzhen() -> None:
    rows = _rows([(v, "男", "1960-01-01", "高中", "书记") for v in ("甲村", "乙村", "丙村")])
    g = slate_report(read_roster(rows), on=ON, by="township", policy="xzhen-2021").groups[0]
    assert [f.code for f in g.findings] == ["SHARE_BELOW_MINIMUM"]


def test_compare_terms_in_percentage_points() -> None:
    now = slate_report(
        read_roster(
            _rows(
                [
                    ("东村", "女", "1990-01-01", "大专", "书记"),
                    ("东村", "男", "1980-01-01", "大专", "村委会主任"),
                ]
            )
        ),
        on=ON,
        by="all",
    ).groups[0]
    before = slate_report(
        read_roster(
            _rows(
                [
                    ("东村", "男", "1970-01-01", "高中", "书记"),
                    ("东村", "男", "1975-01-01", "大专", "村委会主任"),
                ]
            )
        ),
        on=dt.date(2018, 3, 1),
        by="all",
    ).groups[0]
    c = compare_terms(now, before)
    women = next(ch for ch in c.changes if ch[0] == "女性干部")
    assert women[3] == 50
    assert "平均年龄下降了" in c.sentences()[0]


def test_chart_labels_render_in_the_bundled_cjk_font_without_missing_glyphs() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from huanjie_rules.report.charts import FONT_FAMILY, cjk_font, plot_structure

    rows = _rows(
        [
            ("东村", "女", "1990-01-01", "大专", "书记"),
            ("西村", "男", "1960-01-01", "高中", "村委会主任"),
        ]
    )
    report = slate_report(read_roster(rows), on=ON, by="village")
    assert cjk_font() == FONT_FAMILY
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would fail here
        for what in ("age", "education", "gender", "party", "ethnicity", "in_service"):
            fig = plot_structure(report, what)
            fig.canvas.draw()
            texts = [t.get_text() for t in fig.axes[0].get_xticklabels()]
            assert "东镇 东村" in texts
            families = {t.get_fontfamily()[0] for t in fig.axes[0].get_xticklabels()}
            assert families == {FONT_FAMILY}
            legend = fig.axes[0].get_legend()
            # each series is named as the report names it, in the bundled font
            group = report.groups[0]
            labels = {
                "age": [k for k, _ in group.ages],
                "education": [k for k, _ in group.full_time],
                "gender": ["女", "男"],
                "party": [k for k, _ in group.party],
                "ethnicity": [k for k, _ in group.ethnicities],
                "in_service": [k for k, _ in group.in_service],
            }[what]
            shown = [t.get_text() for t in legend.get_texts()]
            assert shown[: len(labels)] == labels, (what, shown)
            assert not any(t.startswith(what.replace("_", " ")) for t in shown), shown
            assert {t.get_fontfamily()[0] for t in legend.get_texts()} == {FONT_FAMILY}
        ages = [
            t.get_text() for t in plot_structure(report, "age").axes[0].get_legend().get_texts()
        ]
        assert any("岁" in t for t in ages), ages
        edu = [
            t.get_text()
            for t in plot_structure(report, "education").axes[0].get_legend().get_texts()
        ]
        assert "大学专科" in edu and "普通高中" in edu, edu
        for what in ("age", "ethnicity", "in_service"):
            fig = plot_structure(report, what, lang="en")  # type: ignore[arg-type]
            fig.canvas.draw()
            assert all(t.get_text().isascii() for t in fig.axes[0].get_legend().get_texts())


def test_vote_shares_flag_unanimous_and_high_votes() -> None:
    from huanjie_rules.model import (
        BodyKind,
        Candidate,
        Election,
        ElectionForm,
        Gender,
        Level,
        Office,
        Person,
        Regime,
        Seat,
    )
    from huanjie_rules.policy import load_policy
    from huanjie_rules.report import vote_shares
    from huanjie_rules.votes import Tally, Turnout, decide, paper_for

    people = [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1)) for n in "甲乙丙"]
    e = Election(
        key="b",
        regime=Regime.PARTY_BASIC,
        policy_id="party-basic-2020",
        body=BodyKind.BRANCH,
        level=Level.VILLAGE,
        form=ElectionForm.MEMBERS_ASSEMBLY,
        date=ON,
        seats=[Seat(office=Office.MEMBER, count=2)],
        entitled_voters=20,
        candidates=[Candidate(person=p, office=Office.MEMBER) for p in people],
    )
    policy = load_policy("party-basic-2020")
    tally = Tally.from_counts(
        paper_for(e, policy), issued=20, returned=20, for_votes={"甲": 20, "乙": 17, "丙": 3}
    )
    outcome = decide(e, tally, policy, turnout=Turnout(entitled=20, present=20))
    shares = {s.person: s for s in vote_shares(outcome)}
    assert set(shares) == {"甲", "乙"}
    assert (shares["甲"].share, shares["甲"].unanimous, shares["甲"].high) == (
        Fraction(1),
        True,
        True,
    )
    # 17/20 is below the 9/10 mark by default, above a 4/5 mark
    assert (shares["乙"].share, shares["乙"].unanimous, shares["乙"].high) == (
        Fraction(17, 20),
        False,
        False,
    )
    assert {s.person for s in vote_shares(outcome, high_share=Fraction(4, 5)) if s.high} == {
        "甲",
        "乙",
    }
    from huanjie_rules.errors import RuleInputError

    with pytest.raises(RuleInputError) as err:
        vote_shares(tally)  # type: ignore[arg-type]
    assert err.value.code == "TYPE"
    with pytest.raises(RuleInputError) as err:
        vote_shares(outcome, high_share=0.9)  # type: ignore[arg-type]
    assert err.value.code == "TYPE"  # a float is not exact: refused at entry
    with pytest.raises(RuleInputError) as err:
        vote_shares(outcome, high_share=Fraction(3, 2))
    assert err.value.code == "RANGE"


def test_ethnicity_and_in_service_education_are_counted_apart() -> None:
    rows = _rows(
        [
            ("东村", "男", "1980-01-01", "高中", "书记"),
            ("东村", "女", "1981-01-01", "大专", "村委会主任"),
            ("东村", "男", "1982-01-01", "初中", "村委会委员"),
        ]
    )
    rows[0]["民族"], rows[1]["民族"] = "回族", "回族"
    rows[0]["在职学历"] = "大学本科"
    g = slate_report(read_roster(rows), on=ON, by="all").groups[0]
    assert [(k, c.numerator) for k, c in g.ethnicities] == [("回族", 2), ("汉族", 1)]
    assert (g.minority.numerator, g.minority.denominator) == (2, 3)
    assert [(k, c.numerator) for k, c in g.in_service] == [("大学本科", 1), ("无", 2)]
    # 全日制 大专及以上 1 (大专); 在职 大专及以上 1 (本科); 大专及以上 either way 2
    assert g.full_time_college.numerator == 1
    assert g.in_service_college is not None and g.in_service_college.numerator == 1
    assert g.any_college.numerator == 2
    assert g.row()["in_service_college"] == "1/3 (33.33%)"


def test_structure_report_exports_xlsx_with_chinese_headers(tmp_path: Path) -> None:
    import openpyxl

    rows = _rows([(v, "男", "1960-01-01", "高中", "书记") for v in ("甲村", "乙村", "丙村")])
    for row in rows:
        row["乡镇"] = "=东镇"  # a name that looks like a formula stays text
    report = slate_report(read_roster(rows), on=ON, by="township", policy="xzhen-2021")
    out = tmp_path / "structure.xlsx"
    report.to_xlsx(out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["班子结构", "结构问题"]
    head = [c.value for c in book["班子结构"][1]]
    assert head[:3] == ["分组", "人数", "平均年龄"] and "全日制大专及以上" in head
    problems = book["结构问题"]
    assert [c.value for c in problems[2]][:2] == ["=东镇 村党组织书记", "SHARE_BELOW_MINIMUM"]
    assert book["班子结构"]["A2"].value == "=东镇"
    assert not [c for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
