"""Provenance a machine can check: the excerpt index and the quote checker.

The index (src/huanjie_rules/policy/reference/excerpts.json) holds the passages the profiles
cite, generated from the reference library by scripts/gen_excerpts.py. These tests need only
the repository: the index must hold exactly what the profiles cite now, and the checker must
find a quote only where the text has the same words.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from huanjie_rules.policy import load_policy
from huanjie_rules.policy.provenance import (
    article_keys,
    check_policy,
    cn_number,
    cn_numeral,
    find_quote,
    load_reference,
    seed_lines,
)

ROOT = Path(__file__).resolve().parents[2]


def _gen() -> ModuleType:
    path = ROOT / "scripts" / "gen_excerpts.py"
    spec = importlib.util.spec_from_file_location("gen_excerpts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_index_holds_exactly_the_passages_the_profiles_cite() -> None:
    # The staleness check that runs on a clean clone, without the reference library.
    gen = _gen()
    index = (ROOT / "src/huanjie_rules/policy/reference/excerpts.json").read_text("utf-8")
    assert gen.coverage_problems(index) == []


def test_a_stale_index_is_reported() -> None:
    gen = _gen()
    index = (ROOT / "src/huanjie_rules/policy/reference/excerpts.json").read_text("utf-8")
    stale = index.replace('"第十二条"', '"第九十九条"', 1)
    assert stale != index
    problems = gen.coverage_problems(stale)
    assert any(p.startswith("missing ") for p in problems)
    assert any(p.startswith("no longer cited: ") for p in problems)


def test_the_index_parser_keeps_articles_and_drops_editorial_notes() -> None:
    gen = _gen()
    source = "\n".join(
        [
            "# T",
            "header",
            "<!-- INFO END -->",
            "## 第一章 总则",
            "第一条 甲。",
            "",
            "乙。",
            "> 注：不属于条文。",
            "第二条 [not recovered]",
            "（第二条以后各条均未能取得。）",
            "## 录入说明（不属于条文）",
            "第三条 不是条文。",
        ]
    )
    assert gen.parse_text(source, "ARTICLES") == {
        "第一条": "甲。\n乙。",
        "第二条": "[not recovered]",
    }


@pytest.mark.parametrize(
    ("text", "value"), [("一", 1), ("十", 10), ("十九", 19), ("四十五", 45), ("一百零一", 101)]
)
def test_chinese_numerals_round_trip(text: str, value: int) -> None:
    assert cn_number(text) == value
    assert cn_numeral(value) == text


def test_article_references_expand_ranges_and_lists() -> None:
    assert article_keys("第十条、第四十三条") == ("第十条", "第四十三条")
    assert article_keys("第二十八条至第二十九条") == ("第二十八条", "第二十九条")
    assert article_keys("（未规定）") == ()
    assert seed_lines("003:211-213") == ("003", (211, 212, 213))
    assert seed_lines("shared/reference/x.md") is None


def test_a_quote_is_the_texts_exact_words() -> None:
    text = "候选人获得参加投票的村民过半数的选票，始得当选。\n当选人数不足应选名额的，不足的名额另行选举。"
    assert find_quote("获得参加投票的村民过半数的选票，始得当选", text)
    assert find_quote("获得参加投票的村民过半数……另行选举", text)
    # an edited punctuation mark, a merged paragraph, a reordered omission: not the text
    assert not find_quote("获得参加投票的村民过半数的选票。始得当选", text)
    assert not find_quote("始得当选。当选人数不足应选名额的", text)
    assert not find_quote("另行选举……始得当选", text)
    assert not find_quote("……", text)
    assert not find_quote("", text)


def test_the_checker_finds_a_verified_quote_and_names_a_wrong_one() -> None:
    zj = load_policy("zhejiang-village-2020")
    checks = {c.unit: c for c in check_policy(zj)}
    handover = checks["procedure.handover_days"]
    assert (handover.status, handover.category, handover.problem) == ("VERIFIED", "VERBATIM", "")
    ref = load_reference()
    assert ref.text_of("ZJ-VILLAGE") is not None
    assert ref.articles[("ZJ-VILLAGE", "第三十三条")]
