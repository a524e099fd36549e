"""Generate the bundled synthetic county roster (deterministic): ``python scripts/make_example_roster.py``.

Writes ``src/huanjie_rules/examples/county_roster_2021.xlsx``: sheet 名册 (about 2,000
candidate rows for the 2021 村两委 round of 20 villages in 4 townships) and sheet 上届 (the
previous term's members of the same villages, for term comparisons); and
``src/huanjie_rules/examples/township_slates_2016.xlsx``: the township 党委 slates of ten
synthetic towns (示例甲镇 …) elected in 2016 (sheet 本届) and in 2011 (sheet 上届), for the
township 班子结构 report. Everything is synthetic:
the names are drawn from a short list of characters, the townships are 示例一镇 … 示例四镇,
and every 公民身份号码 uses the region code 990101, which no real region has, with a valid
GB 11643 check character. A few rows carry the mistakes real rosters carry (a month-only
date, an ambiguous 学历, a date typed as 1979.13) so that the reader has something to report.

``rows(seed)`` and ``township_rows(seed)`` are importable: the tests compare the bundled files
with them.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from huanjie_rules.idcard import check_character  # noqa: E402
from huanjie_rules.io.tables import write_xlsx  # noqa: E402

TARGET = ROOT / "src" / "huanjie_rules" / "examples" / "county_roster_2021.xlsx"
TOWNSHIP_TARGET = ROOT / "src" / "huanjie_rules" / "examples" / "township_slates_2016.xlsx"
TOWNS = tuple(f"示例{c}镇" for c in "甲乙丙丁戊己庚辛壬癸")
CATEGORIES = ("乡镇事业编制人员", "优秀村干部", "大学生村官")
SEED = 2021
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "试例样范演拟测验模仿"
TOWNSHIPS = ("示例一镇", "示例二镇", "示例三镇", "示例四镇")
EDU = ("初中", "高中", "中专", "大专", "本科")
EDU_WEIGHTS = (20, 30, 10, 28, 12)


def _id(rng: random.Random, born: dt.date, female: bool) -> str:
    seq = rng.randrange(0, 100)
    sex = rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
    body = f"990101{born:%Y%m%d}{seq:02d}{sex}"
    return body + check_character(body)


def _person(rng: random.Random, seen: set[str], born_from: int, born_to: int) -> dict[str, object]:
    female = rng.random() < 0.3
    while True:
        born = dt.date(
            rng.randrange(born_from, born_to), rng.randrange(1, 13), rng.randrange(1, 29)
        )
        number = _id(rng, born, female)
        if number not in seen:
            seen.add(number)
            break
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    party = rng.random() < 0.7
    joined = dt.date(born.year + rng.randrange(20, 30), rng.randrange(1, 13), 1) if party else None
    return {
        "姓名": name,
        "性别": "女" if female else "男",
        "民族": "回族" if rng.random() < 0.05 else "汉族",
        "出生年月": born.strftime("%Y.%m.%d"),
        "身份证号": number,
        "全日制学历": rng.choices(EDU, EDU_WEIGHTS)[0],
        "政治面貌": ("中共党员" if rng.random() < 0.9 else "中共预备党员")
        if party
        else rng.choice(("群众", "群众", "共青团员")),
        "入党时间": joined.strftime("%Y.%m") if joined and joined < dt.date(2021, 1, 1) else None,
        "乡镇工作年限": rng.choice((None, 1, 2, 3, 5)),
    }


def rows(seed: int = SEED) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(this term's candidate rows, the previous term's member rows)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    current: list[dict[str, object]] = []
    previous: list[dict[str, object]] = []
    for t, township in enumerate(TOWNSHIPS):
        for v in range(5):
            village = f"示例{t * 5 + v + 1:02d}村"
            place = {"乡镇": township, "村（社区）": village}
            # previous term: a secretary, a director and five members
            for post in (
                "村党支部书记",
                "村委会主任",
                "支部委员",
                "支部委员",
                "村委会委员",
                "村委会委员",
                "村委会委员",
            ):
                p = _person(rng, seen, 1955, 1985)
                previous.append(place | p | {"拟任职务": post, "是否连任": "否"})
            # this term's candidates (初步人选 with 差额): about 100 per village
            for i in range(100):
                p = _person(rng, seen, 1956, 2004)
                if i == 0:
                    post = "书记、主任" if rng.random() < 0.6 else "村党支部书记"
                    p["政治面貌"] = "中共党员"
                    p["入党时间"] = "2005.07"
                elif i < 4:
                    post = "村党支部副书记" if i == 1 else "村委会副主任"
                elif i < 45:
                    post = "支部委员"
                else:
                    post = "村委会委员"
                party_post = "支部" in post or "书记" in post
                if party_post and p["政治面貌"] not in ("中共党员", "中共预备党员"):
                    p["政治面貌"] = "中共党员"
                    p["入党时间"] = "2010.06"
                row = place | p | {"拟任职务": post, "是否连任": rng.choice(("是", "否", "否"))}
                current.append(row)
    # the mistakes real rosters carry
    current[5]["出生年月"] = str(current[5]["出生年月"])[:7]  # month only
    current[17]["全日制学历"] = "大学"  # 本科 or 专科?
    current[42]["出生年月"] = "1979.13.01"  # no 13th month
    current[60]["拟任职务"] = "委员"  # which committee?
    current[77]["拟任职务"] = "村委会委员、妇联主席"  # half of it no profile governs
    return current, previous


def _town_member(
    rng: random.Random, seen: set[str], town: str, post: str, year: int, edu_up: int, young: int
) -> dict[str, object]:
    p = _person(rng, seen, year - 57, year - young)
    p["政治面貌"] = "中共党员"
    p["入党时间"] = f"{int(str(p['出生年月'])[:4]) + 23}.07"
    if rng.random() < edu_up / 100:
        p["全日制学历"] = rng.choice(("大专", "本科", "本科"))
    p["乡镇工作年限"] = rng.choice((1, 2, 3, 5, 8, 12, 15)) if rng.random() < 0.92 else "1年6个月"
    p["人员类别"] = rng.choice(CATEGORIES) if rng.random() < 0.12 else None
    p["姓名"] = f"{town[2]}{p['姓名']}"
    return {"乡镇": town} | p | {"拟任职务": post, "是否连任": rng.choice(("是", "否"))}


def township_rows(seed: int = SEED) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(the 2016 township 党委 slates, the 2011 ones): ten towns of 7 to 9 党委委员 each, one of
    whom is also the 纪委书记, and a 纪委委员 who sits on no 党委 (left out of its slate)."""
    rng = random.Random(seed + 16)
    seen: set[str] = set()
    out: dict[int, list[dict[str, object]]] = {2016: [], 2011: []}
    for year, edu_up, young in ((2011, 25, 33), (2016, 45, 26)):
        for t, town in enumerate(TOWNS):
            size = rng.choice((7, 8, 8, 9, 9))
            for j in range(size):
                post = (
                    "镇党委书记"
                    if j == 0
                    else "镇党委副书记"
                    if j < 3
                    else "镇党委委员、纪委书记"
                    if j == 3
                    else "镇党委委员"
                )
                out[year].append(_town_member(rng, seen, town, post, year, edu_up, young))
            out[year].append(_town_member(rng, seen, town, "纪委委员", year, edu_up, young))
            if year == 2016 and t == 2:
                # a town that falls short of 「2年以上乡镇工作经历的人员应不少于三分之二」
                for row in out[year][-size - 1 : -size + 3]:
                    row["乡镇工作年限"] = 1
    return out[2016], out[2011]


def main() -> None:
    current, previous = rows()
    write_xlsx([("名册", current), ("上届", previous)], TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(current)} rows, {len(previous)} previous")
    now, before = township_rows()
    write_xlsx([("本届", now), ("上届", before)], TOWNSHIP_TARGET)
    print(f"wrote {TOWNSHIP_TARGET.relative_to(ROOT)}: {len(now)} rows, {len(before)} previous")


if __name__ == "__main__":
    main()
