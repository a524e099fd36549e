"""班子结构 of township 党委 slates: the seed-004 kind of county report on a constructed county,
the profile's composition rules at their boundaries, and the reader's township posts.

Seed 004:3 (洪洞县, 2021) reports after the township round: 「平均年龄下降了2.93岁，35岁及以下
的班子成员占比39.39%；全日制大专及以上学历占比69.09%，比上届提高了8.2%；女性干部占比23.17%，
比上届提高了3.3%；具有2年以上乡镇工作经历的干部占比95.73%，远远超过了占比2/3的要求」. The
county below is constructed (20 townships named 试一镇 …, not the county of the seed) so that
the same kind of figures come out, exactly: 39.39% = 65/165 and 69.09% = 114/165 need 165
members; the seed's 23.17% = 38/164 and 95.73% = 157/164 need 164 (seed-rules §5.1: the report
used two bases), so here women and township experience are counted over the same 165.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import TypeVar

import pytest

from huanjie_rules.errors import HuanjieError, RuleInputError
from huanjie_rules.io.tables import read_roster
from huanjie_rules.model import BodyKind, Office
from huanjie_rules.report import Change, Count, TownshipReport, slate_report, township_report

T = TypeVar("T")


def _some(value: T | None) -> T:
    assert value is not None
    return value


NOW = dt.date(2016, 5, 20)  # nmg-town-2016 is in force in 2016 (seed 003:543: 5月底前)
BEFORE = dt.date(2011, 5, 20)


def _born(age: int, on: dt.date) -> str:
    """A birth date that makes ``age`` 周岁 on ``on`` (the birthday falls before it)."""
    return f"{on.year - age}-01-15"


def _county(
    sizes: list[int],
    ages: list[tuple[int, int]],
    *,
    on: dt.date,
    college: int,
    women: int,
    lacking: dict[int, int],
    no_category: frozenset[int] = frozenset(),
) -> list[dict[str, object]]:
    """Rows of a county's township 党委 slates.

    ``sizes``: members per township; ``ages``: (count, age) in order over all members;
    ``college``: the first so many members have full-time 大专 or 本科; ``women``: the last so
    many are women; ``lacking``: township index → members with 23 months of township work
    (one short of 「2年以上」), the rest have exactly 24 (the boundary, counted); townships in
    ``no_category`` have no one of the three categories.
    """
    age_of = [a for n, a in ages for _ in range(n)]
    total = sum(sizes)
    assert len(age_of) == total
    rows: list[dict[str, object]] = []
    i = 0
    for t, size in enumerate(sizes):
        town = f"试{'一二三四五六七八九十'[t % 10]}{'' if t < 10 else '乙'}镇"
        for j in range(size):
            post = "镇党委书记" if j == 0 else "镇党委副书记" if j < 3 else "镇党委委员"
            rows.append(
                {
                    "乡镇": town,
                    "姓名": f"{town}{j + 1}号",
                    "性别": "女" if i >= total - women else "男",
                    "民族": "汉族",
                    "出生日期": _born(age_of[i], on),
                    "全日制学历": ("本科" if i % 2 else "大专") if i < college else "高中",
                    "政治面貌": "中共党员",
                    "拟任职务": post,
                    "是否连任": "是" if j % 3 == 0 else "否",
                    "乡镇工作年限": "1年11个月" if j < lacking.get(t, 0) else 2,
                    "人员类别": "" if t in no_category or j != size - 1 else "大学生村官",
                }
            )
            i += 1
    return rows


# This term: 20 townships, 15 of 8 members and 5 of 9 (165); the previous: 16 of 8, 4 of 7 (156).
NOW_ROWS = _county(
    [8] * 15 + [9] * 5,
    [(65, 33), (60, 44), (40, 52)],
    on=NOW,
    college=114,
    women=34,
    lacking={0: 3, 1: 1, 2: 1, 3: 1, 4: 1},
    no_category=frozenset({19}),
)
BEFORE_ROWS = _county(
    [8] * 16 + [7] * 4,
    [(40, 34), (60, 45), (24, 51), (32, 52)],
    on=BEFORE,
    college=95,
    women=27,
    lacking=dict.fromkeys(range(10), 2),
)


@pytest.fixture(scope="module")
def report() -> TownshipReport:
    return township_report(
        read_roster(NOW_ROWS, name="本届"),
        on=NOW,
        policy="nmg-town-2016",
        previous=read_roster(BEFORE_ROWS, name="上届"),
        previous_on=BEFORE,
    )


def test_constructed_county_gives_the_seed_004_kind_of_figures(report: TownshipReport) -> None:
    county, comparison = report.county, _some(report.comparison)
    assert (county.size, _some(report.previous).size) == (165, 156)
    # 平均年龄下降了2.93岁: 6865/165 now, 6948/156 before, exactly
    assert county.average_age == Fraction(65 * 33 + 60 * 44 + 40 * 52, 165)
    assert comparison.average_age_change == Fraction(6865, 165) - Fraction(6948, 156)
    assert comparison.age_sentence() == "平均年龄下降了2.93岁"
    # 35岁及以下的班子成员占比39.39%
    young = dict(county.ages)["35岁及以下"]
    assert (young.numerator, young.denominator, young.percent()) == (65, 165, "39.39%")
    # 全日制大专及以上学历占比69.09%，比上届提高了8.2 — points or percent, said each time
    college = next(m for m in comparison.measures if m.measure == "全日制大专及以上学历")
    assert (college.current.numerator, college.current.denominator) == (114, 165)
    assert (college.previous.numerator, college.previous.denominator) == (95, 156)
    assert college.points == (Fraction(114, 165) - Fraction(95, 156)) * 100
    assert college.relative == (Fraction(114, 165) / Fraction(95, 156) - 1) * 100
    assert college.sentence(places=1) == "全日制大专及以上学历占比69.1%，比上届提高了8.2个百分点"
    assert college.sentence() == "全日制大专及以上学历占比69.09%，比上届提高了8.19个百分点"
    assert college.sentence("percent") == "全日制大专及以上学历占比69.09%，比上届提高了13.45%"
    # 女性干部 …，比上届提高了3.3 (here 34/165 against 27/156)
    women = next(m for m in comparison.measures if m.measure == "女性干部")
    assert women.sentence(places=1) == "女性干部占比20.6%，比上届提高了3.3个百分点"
    # 具有2年以上乡镇工作经历的干部占比 … against the 2/3 requirement (nmg-town-2016)
    rule = report.requirement("composition.township_experience_min_share")
    assert (_some(rule.overall).numerator, _some(rule.overall).denominator) == (158, 165)
    assert _some(rule.overall).percent() == "95.76%"
    assert rule.limit == Fraction(2, 3)
    assert rule.citation.seed == "003:561"
    assert rule.citation.quote == "具有2年以上乡镇工作经历的人员应不少于三分之二"
    assert (rule.slates, rule.met) == (20, 19)
    assert rule.sentence().startswith(
        "具有2年以上乡镇工作经历的人员占比95.76%（165人中158人），高于2/3的要求；20个班子中19个符合"
    )


def test_the_rule_binds_each_township_not_the_county(report: TownshipReport) -> None:
    # the county is far above 2/3, one township (5 of 8) is below it: a hard rule, FAIL
    failing = [(f.subject, f.code, f.severity.value) for f in report.findings]
    assert ("试一镇 党委", "SHARE_BELOW_MINIMUM", "FAIL") in failing
    first = report.townships.group("试一镇")
    assert (
        _some(first.township_experience).numerator,
        _some(first.township_experience).denominator,
    ) == (5, 8)
    assert [f.observed for f in first.findings] == [Fraction(5, 8)]
    # a township of 8 with one member short (7 of 8) and one of 9 with none short meet it
    assert not report.townships.group("试二镇").findings
    # no one of the three categories in the 20th township: a soft rule (一般), WARN
    assert ("试十乙镇 党委", "THREE_CATEGORIES_BELOW_MINIMUM", "WARN") in failing
    assert len(failing) == 2
    size = report.requirement("composition.party_committee_size")
    assert (size.slates, size.met, str(size.limit)) == (20, 20, "7–9")


def test_sentences_follow_the_county_report_and_cite_the_profile(report: TownshipReport) -> None:
    text = report.sentences()
    assert text[0] == "平均年龄下降了2.93岁"
    assert text[1].startswith(
        "35岁及以下的班子成员占比39.39%（165人中65人），上届25.64%（156人中40人）"
    )
    assert any("个百分点" in t for t in text) and not any("提高了8.19%" in t for t in text)
    assert "「乡镇党委一般设委员7至9名" not in "".join(text)  # nmg-town-2016 cites its own text
    assert any("「镇党委委员一般为7至9名" in t for t in text)
    assert any("「每个镇一般从这三类人员中择优配备不少于1人」" in t for t in text)
    relative = report.sentences(unit="percent", places=1, counts=False)
    assert "全日制大专及以上学历占比69.1%，比上届提高了13.5%" in relative  # 2109/15675


def test_tables_and_xlsx_of_the_report(report: TownshipReport, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    import openpyxl

    rows = report.table("records")
    assert [r["group"] for r in rows[-2:]] == ["本届合计", "上届合计"]
    assert rows[-2]["township_experience"] == "158/165 (95.76%)"
    rules = report.requirements_table("records")
    assert {r["parameter"] for r in rules} == {
        "composition.party_committee_size",
        "composition.township_experience_min_share",
        "composition.three_categories_min_count",
    }
    out = tmp_path / "township.xlsx"
    report.to_xlsx(out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["班子结构", "对比", "结构要求", "结构问题"]
    assert [c.value for c in book["结构要求"][1]][:3] == ["规则", "参数", "适用方案"]
    assert not [c for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_party_basic_2020_holds_the_size_rule_only() -> None:
    # 《中国共产党农村基层组织工作条例》: 「乡镇党委一般设委员7至9名」; no experience share rule
    def town(n: int) -> list[dict[str, object]]:
        return [
            {
                "乡镇": "东镇",
                "姓名": f"人{i}",
                "性别": "男",
                "民族": "汉族",
                "出生日期": "1980-01-01",
                "政治面貌": "中共党员",
                "拟任职务": "镇党委委员",
                "乡镇工作年限": 1,
            }
            for i in range(n)
        ]

    on = dt.date(2021, 3, 1)
    for n, codes in (
        (6, ["COMMITTEE_SIZE_OUT_OF_RANGE"]),
        (7, []),
        (9, []),
        (10, ["COMMITTEE_SIZE_OUT_OF_RANGE"]),
    ):
        r = township_report(read_roster(town(n)), on=on, policy="party-basic-2020")
        assert [f.code for f in r.findings] == codes, n
        assert all(f.severity.value == "WARN" for f in r.findings)  # 一般: soft
        assert [q.parameter for q in r.requirements] == ["composition.party_committee_size"]
        assert r.requirements[0].citation.quote == "乡镇党委一般设委员7至9名"
        assert r.county.township_experience is None
    # the share is still counted when asked, and reported without a rule
    r = township_report(
        read_roster(town(7)), on=on, policy="party-basic-2020", experience_months=24
    )
    assert (
        _some(r.county.township_experience).numerator,
        _some(r.county.township_experience).denominator,
    ) == (
        0,
        7,
    )
    with pytest.raises(RuleInputError) as err:
        r.requirement("composition.township_experience_min_share")
    assert err.value.code == "PARAMETER"


@pytest.mark.parametrize(("experienced", "meets"), [(5, False), (6, True), (7, True)])
def test_two_thirds_is_inclusive_at_6_of_9(experienced: int, meets: bool) -> None:
    # 「应不少于三分之二」: 6 of 9 is exactly 2/3 and meets it (seed 003:561)
    rows = [
        {
            "乡镇": "东镇",
            "姓名": f"人{i}",
            "性别": "男",
            "民族": "汉族",
            "出生日期": "1975-01-01",
            "政治面貌": "中共党员",
            "拟任职务": "镇党委委员",
            "乡镇工作年限": 3 if i < experienced else 1,
            "人员类别": "事业编制" if i == 0 else "",
        }
        for i in range(9)
    ]
    r = township_report(read_roster(rows), on=NOW, policy="nmg-town-2016")
    rule = r.requirement("composition.township_experience_min_share")
    assert (rule.met, _some(rule.overall).numerator) == (int(meets), experienced)
    assert [f.code for f in r.findings] == ([] if meets else ["SHARE_BELOW_MINIMUM"])


@pytest.mark.parametrize(
    ("years", "counted"), [("1年11个月", False), ("2", True), ("2年1个月", True)]
)
def test_two_years_of_township_work_is_inclusive(years: str, counted: bool) -> None:
    # 「2年以上」 includes 2 years (24 months): 23 is not, 24 and 25 are
    rows = [
        {
            "乡镇": "东镇",
            "姓名": "甲",
            "性别": "男",
            "民族": "汉族",
            "出生日期": "1975-01-01",
            "政治面貌": "中共党员",
            "拟任职务": "镇党委书记",
            "乡镇工作年限": years,
        }
    ]
    g = slate_report(
        read_roster(rows), on=NOW, by="all", policy="nmg-town-2016", body=BodyKind.PARTY_COMMITTEE
    ).groups[0]
    assert _some(g.township_experience).numerator == int(counted)


def test_reader_takes_township_posts_and_two_committees_in_one_row() -> None:
    rows = [
        {
            "乡镇": "东镇",
            "姓名": n,
            "性别": "男",
            "出生日期": "1975-01-01",
            "政治面貌": "中共党员",
            "拟任职务": p,
        }
        for n, p in [
            ("甲", "镇党委书记"),
            ("乙", "镇党委委员、纪委书记"),
            ("丙", "组织委员"),
            ("丁", "乡党委副书记"),
            ("戊", "党委书记、党委副书记"),
        ]
    ]
    roster = read_roster(rows)
    got = {e.person.name: (e.posts, e.party_body) for e in roster.entries}
    assert got["甲"] == ((Office.SECRETARY,), BodyKind.PARTY_COMMITTEE)
    assert got["乙"] == ((Office.MEMBER, Office.DISCIPLINE_SECRETARY), BodyKind.PARTY_COMMITTEE)
    assert got["丙"] == ((Office.MEMBER,), None)
    assert got["丁"] == ((Office.DEPUTY_SECRETARY,), BodyKind.PARTY_COMMITTEE)
    # two posts of one committee are still a conflict
    assert [p.code for r in roster.rejected for p in r.problems] == ["CONFLICTING_POSTS"]


def test_screening_a_township_row_names_its_committees() -> None:
    from huanjie_rules.io.tables import screen_roster

    rows = [
        {
            "乡镇": "东镇",
            "姓名": "乙",
            "性别": "男",
            "民族": "汉族",
            "出生日期": "1975-01-01",
            "政治面貌": "中共党员",
            "入党时间": "2000-01-01",
            "拟任职务": "镇党委委员、纪委书记",
        }
    ]
    result = screen_roster(rows, "nmg-town-2016", on=NOW)
    assert [(r.post, r.body) for r in result.results] == [
        ("党委委员", BodyKind.PARTY_COMMITTEE),
        ("纪委书记", BodyKind.DISCIPLINE_COMMITTEE),
    ]


def test_body_slates_leave_out_and_report_other_posts() -> None:
    rows = [
        {
            "乡镇": "东镇",
            "姓名": n,
            "性别": "男",
            "出生日期": "1975-01-01",
            "政治面貌": "中共党员",
            "拟任职务": p,
        }
        for n, p in [("甲", "镇党委书记"), ("乙", "纪委委员")]
    ]
    r = slate_report(read_roster(rows), on=NOW, by="township", body=BodyKind.PARTY_COMMITTEE)
    assert r.groups[0].size == 1
    assert r.left_out == ("data!3",)
    d = slate_report(read_roster(rows), on=NOW, by="all", body=BodyKind.DISCIPLINE_COMMITTEE)
    assert d.groups[0].size == 1


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"on": "2016-05-20"}, "TYPE"),
        ({"on": dt.datetime(2016, 5, 20)}, "TYPE"),
        ({"previous": [], "previous_on": None}, "MISSING"),
        ({"policy": 7}, "TYPE"),
        ({"body": BodyKind.PEOPLES_CONGRESS}, "CHOICE"),
        ({"age_bands": [45, 35]}, "RANGE"),
        ({"on": dt.date(2021, 3, 1)}, "POLICY_NOT_IN_FORCE"),  # nmg-town-2016 is the 2016 round
        ({"strict": "no"}, "TYPE"),
    ],
)
def test_township_report_refuses_bad_arguments(kwargs: dict[str, object], code: str) -> None:
    args: dict[str, object] = {"on": NOW, "policy": "nmg-town-2016"} | kwargs
    with pytest.raises(HuanjieError) as err:
        township_report(read_roster(NOW_ROWS[:8]), **args)  # type: ignore[arg-type]
    assert err.value.code == code


def test_slate_report_refuses_what_is_not_a_roster_entry() -> None:
    from huanjie_rules.model import Candidate, Gender, Person

    c = Candidate(
        office=Office.MEMBER,
        person=Person(name="甲", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1)),
    )
    with pytest.raises(RuleInputError) as err:
        slate_report([c], on=NOW)
    assert (err.value.code, err.value.path) == ("TYPE", "members[0]")
    with pytest.raises(RuleInputError):
        slate_report(read_roster(NOW_ROWS[:8]), on=NOW, by="village", body=BodyKind.PARTY_COMMITTEE)
    with pytest.raises(RuleInputError) as err:
        township_report(
            read_roster(NOW_ROWS[:8]),
            on=NOW,
            policy="nmg-town-2016",
            body=BodyKind.VILLAGE_COMMITTEE,
        )
    assert err.value.code == "EMPTY_SLATE"


def test_change_without_a_previous_share_states_points() -> None:
    c = Change(
        measure="少数民族干部",
        current=Count(numerator=2, denominator=8),
        previous=Count(numerator=0, denominator=7),
    )
    assert c.relative is None and c.points == 25
    assert c.sentence("percent") == "少数民族干部占比25.00%，比上届提高了25.00个百分点"
    same = Change(
        measure="女性干部",
        current=Count(numerator=1, denominator=4),
        previous=Count(numerator=2, denominator=8),
    )
    assert same.sentence() == "女性干部占比25.00%，与上届持平"
    down = Change(
        measure="女性干部",
        current=Count(numerator=1, denominator=8),
        previous=Count(numerator=1, denominator=4),
    )
    assert down.sentence("percent") == "女性干部占比12.50%，比上届降低了50.00%"


def test_township_charts_draw_exact_labels_in_the_cjk_font(report: TownshipReport) -> None:
    pytest.importorskip("matplotlib")
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from huanjie_rules.report.charts import FONT_FAMILY, plot_requirement, plot_terms

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from the font would fail here
        fig = plot_terms(report)
        fig.canvas.draw()
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert "69.09% (114/165), +8.19个百分点" in texts
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert "全日制大专及以上学历" in ticks
        assert {t.get_fontfamily()[0] for t in fig.axes[0].get_yticklabels()} == {FONT_FAMILY}
        fig = plot_requirement(report)
        fig.canvas.draw()
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.texts][:2] == ["5/8", "7/8"]
        assert [b.get_hatch() for b in ax.patches][:2] == ["//", None]  # 试一镇 breaks the rule
        assert ax.lines[0].get_ydata()[0] == pytest.approx(200 / 3)
        fig = plot_requirement(report, "composition.party_committee_size", lang="en")
        fig.canvas.draw()
        assert [t.get_text() for t in fig.axes[0].texts][-1] == "9"
        with pytest.raises(RuleInputError) as err:
            plot_requirement(report, "composition.three_categories_min_count")
        assert err.value.code == "CHOICE"
        plot_terms(_some(report.comparison), lang="en").canvas.draw()


def test_a_profile_out_of_force_is_applied_only_when_asked() -> None:
    r = township_report(
        read_roster(NOW_ROWS[:8]), on=dt.date(2021, 3, 1), policy="nmg-town-2016", strict=False
    )
    assert r.policy_id == "nmg-town-2016" and r.requirements


def test_reports_show_in_ipython_as_text_tables(report: TownshipReport) -> None:
    pretty = pytest.importorskip("IPython.lib.pretty").pretty
    text = pretty(report)
    assert text.startswith("<TownshipReport of PARTY_COMMITTEE on 2016-05-20")
    assert "平均年龄下降了2.93岁" in text and "本届合计" in text and "上届合计" in text
    assert "GroupStructure(" not in text
    group = pretty(report.county)
    assert group.startswith("班子结构 全部: 165人") and "158/165 (95.76%)" in group
    comparison = pretty(report.comparison)
    assert comparison.startswith("<TermComparison")
    college = next(
        r for r in _some(report.comparison).rows() if str(r["measure"]).startswith("全日制")
    )
    assert (college["points_2dp"], college["relative_2dp"]) == ("+8.19", "+13.45")
    assert "+8.19" in comparison and "+13.45" in comparison
    assert pretty(report.townships).startswith("<StructureReport of PARTY_COMMITTEE by township")
    html = report._repr_html_()
    assert "<table>" in html and "平均年龄下降了2.93岁" in html
