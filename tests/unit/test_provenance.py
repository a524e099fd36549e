"""Provenance a machine can check: the excerpt index and the quote checker.

The index (src/huanjie_rules/policy/reference/excerpts.json) holds the passages the profiles
cite, generated from the reference library by scripts/gen_excerpts.py. These tests need only
the repository: the index must hold exactly what the profiles cite now, and the checker must
find a quote only where the text has the same words.
"""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType

import pytest

from huanjie_rules.policy import list_policies, load_policy
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
    # an ellipsis leaves something out: one standing for a paragraph break alone is refused, and
    # the break is written as a newline instead
    assert not find_quote("始得当选。……当选人数不足应选名额的", text)
    assert find_quote("始得当选。\n当选人数不足应选名额的", text)
    assert find_quote("候选人……始得当选。\n当选人数不足", text)
    # the first place a piece fits may leave nothing out where a later one does
    assert find_quote("甲……乙", "甲乙丙甲丁乙")
    assert not find_quote("甲……乙", "甲乙")


def test_the_checker_finds_a_verified_quote_and_names_a_wrong_one() -> None:
    zj = load_policy("zhejiang-village-2020")
    checks = {c.unit: c for c in check_policy(zj)}
    handover = checks["procedure.handover_days"]
    assert (handover.status, handover.category, handover.problem) == ("VERIFIED", "VERBATIM", "")
    ref = load_reference()
    assert ref.text_of("ZJ-VILLAGE") is not None
    assert ref.articles[("ZJ-VILLAGE", "第三十三条")]


@pytest.mark.parametrize(
    "profile", [p for p in list_policies() if load_policy(p, strict=False).local]
)
def test_a_local_profile_is_one_document(profile: str) -> None:
    # Every seed line a local profile's own parameters cite lies in one registered document that
    # binds (LOCAL_RULES), and the profile's validity lies within that document's dates.
    from huanjie_rules.policy.provenance import locate

    policy = load_policy(profile, strict=False)
    ref = load_reference()
    docs = set()
    for param in policy.own_parameters():
        c = param.citation
        loc = locate(c.instrument, c.article, c.seed, ref)
        if loc.kind != "SEED":
            continue
        for line in loc.lines:
            doc = ref.document_at(loc.key, line)
            assert doc is not None, (param.name, line)
            docs.add(doc)
    assert len(docs) <= 1, sorted(d.title for d in docs)
    for doc in docs:
        assert doc.kind == "LOCAL_RULES", doc.title
        if doc.date_from is not None:
            assert policy.valid_from >= doc.date_from, (doc.title, policy.valid_from)
        if doc.date_to is not None:
            assert policy.valid_to is not None and policy.valid_to <= doc.date_to, doc.title


def test_seed_000_is_split_into_the_documents_it_holds() -> None:
    ref = load_reference()
    docs = [d for d in ref.documents if d.seed == "000"]
    # contiguous, non-overlapping, covering the file
    assert docs[0].first_line == 1
    for a, b in itertools.pairwise(docs):
        assert b.first_line == a.last_line + 1, (a.title, b.title)
    by_profile = {
        "luonan-2011": "SEED000-LUONAN",
        "county-township-2006": "SEED000-COUNTY-2006",
        "county-pilot-2011": "SEED000-PILOT-2011",
    }
    for profile, instrument in by_profile.items():
        (doc,) = ref.documents_of(instrument)
        assert doc.kind == "LOCAL_RULES"
        for param in load_policy(profile).own_parameters():
            assert param.citation.instrument == instrument, (profile, param.name)
    # the 洛南 意见 itself is 000:146-212, dated 2011-03-10
    (luonan,) = ref.documents_of("SEED000-LUONAN")
    assert (luonan.first_line, luonan.date) == (146, "2011-03-10")
    # the research proposal of 000:120-127 and the speech of 000:57-77 bind no one
    assert ref.document_at("000", 126).kind == "NON_BINDING"  # type: ignore[union-attr]
    assert ref.document_at("000", 70).kind == "NON_BINDING"  # type: ignore[union-attr]


@pytest.mark.parametrize("profile", list_policies())
def test_every_quote_is_the_texts_words_or_honestly_tagged(profile: str) -> None:
    # Reports every unit it cannot accept: a quote not in the cited article or seed line, a
    # primary tag on an article that was not recovered or without the text's words, a
    # secondary tag on words the shipped text confirms, a seed line outside its document.
    problems = [
        f"{c.unit} [{c.instrument} {c.where} {c.reliability}]: {c.problem}"
        for c in check_policy(load_policy(profile, strict=False))
        if c.problem
    ]
    assert problems == []


def test_an_instrument_key_means_one_instrument_in_every_profile() -> None:
    import tomllib

    seen: dict[str, tuple[object, ...]] = {}
    where: dict[str, str] = {}
    root = ROOT / "src" / "huanjie_rules" / "policy" / "profiles"
    for path in sorted(root.rglob("profile.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for key, inst in data.get("instruments", {}).items():
            ident = (inst.get("title"), inst.get("effective_from"), inst.get("effective_to"))
            if key in seen:
                assert seen[key] == ident, (key, where[key], data["id"])
            seen[key] = ident
            where[key] = data["id"]


def test_shipped_texts_are_cited_by_their_official_data_not_a_mirror() -> None:
    import tomllib

    ref = load_reference()
    root = ROOT / "src" / "huanjie_rules" / "policy" / "profiles"
    for path in sorted(root.rglob("profile.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for key, inst in data.get("instruments", {}).items():
            text = ref.text_of(key)
            if text is None:
                continue
            assert "url" not in inst and "seed" not in inst, (data["id"], key)
            assert "年" in inst["title"] and "日" in inst["title"], (data["id"], key)
