"""The "Legal basis:" lines of the docstrings name the articles the profiles cite.

A docstring's legal basis is prose, but its article numbers must agree with the profiles: an
article of an instrument the profiles cite must be one some profile cites for that instrument, or
be listed below as reviewed against the shipped text (scope articles and the like, which no
parameter needs). A quote given with an article (「…」 in the parentheses after it) must be in that
article where the excerpt index holds it, so a docstring that sends the reader to the wrong article
with the words of another (the tie re-vote is 选举法 第四十五条第三款, not 第四十四条) fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from huanjie_rules.policy import ParamTable, list_policies, load_policy
from huanjie_rules.policy.provenance import article_keys, find_quote, load_reference

SRC = Path(__file__).resolve().parents[2] / "src" / "huanjie_rules"

#: How docstrings name an instrument -> the profile instrument keys it may stand for.
ALIASES: dict[str, tuple[str, ...]] = {
    "选举法": ("ER20", "ER15"),
    "全国人民代表大会和地方各级人民代表大会选举法": ("ER20", "ER15"),
    "村民委员会组织法": ("VC18", "VC10"),
    "浙江办法": ("ZJ-VILLAGE",),
    "浙江省村民委员会选举办法": ("ZJ-VILLAGE",),
    "上海办法": ("SH-VILLAGE",),
    "浙江细则": ("ZJ-NPC",),
    "浙江省县、乡两级人大代表选举实施细则": ("ZJ-NPC",),
    "北京细则": ("BJ-NPC",),
    "中国共产党基层组织选举工作条例": ("PB20",),
    "PB20": ("PB20",),
    "PB90": ("PB90",),
    "中国共产党地方组织选举工作条例": ("PL20",),
    "PL20": ("PL20",),
    "地方组织法": ("LGO", "LGO15"),
}

#: (module, instrument as named, article) -> what the article says; each checked against the
#: shipped text. No profile parameter cites these articles, and none needs to.
REVIEWED: dict[tuple[str, str, str], str] = {
    ("model.py", "中国共产党基层组织选举工作条例", "第二条"): "the bodies the regulations cover",
    ("model.py", "中国共产党地方组织选举工作条例", "第二条"): "the bodies the regulations cover",
    ("model.py", "选举法", "第三条"): "which congresses are elected directly, which by deputies",
    ("_scope.py", "中国共产党基层组织选举工作条例", "第二条"): "the bodies the regulations cover",
    ("results.py", "中国共产党基层组织选举工作条例", "第二条"): "the bodies the regulations cover",
    ("recall.py", "浙江细则", "第五十五条"): "recall petitions: 50 / 30 voters jointly",
    ("recall.py", "浙江细则", "第五十六条"): "recall needs more than half of the district's voters",
    ("recall.py", "浙江细则", "第五十七条"): "a deputy's resignation in writing",
    ("districts.py", "浙江细则", "第十九条"): "concentrated minorities have deputies",
    ("districts.py", "浙江细则", "第二十条"): "seats are allotted to districts",
    ("districts.py", "浙江细则", "第二十一条"): "equal population per deputy across districts",
    ("districts.py", "北京细则", "第二十六条"): "one to three deputies per district",
    ("districts.py", "选举法", "第二十一条"): "scattered minorities: fewer people per deputy",
    ("nomination.py", "浙江细则", "第三十五条"): "every nominee goes on the list, none swapped",
    ("nomination.py", "北京细则", "第三十九条"): "every lawful nominee goes on the list",
    ("nomination.py", "浙江细则", "第三十六条"): "formal candidates one third to one times more",
    ("nomination.py", "北京细则", "第四十条"): "consultation, then 预选 without consensus",
    ("age_limits.py", "浙江省县、乡两级人大代表选举实施细则", "第二十五条"): "age to election day",
}

_ARTICLE = r"第[零〇一二两三四五六七八九十百]+条(?:第[一二三四五六七八九十、]+款)?"
_ARTICLES = rf"(?:{_ARTICLE}(?:至{_ARTICLE})?(?:[、，,]\s*)?)+"
_NAMES = "|".join(sorted((re.escape(k) for k in ALIASES), key=len, reverse=True))
_REF = re.compile(
    rf"(?:《)?({_NAMES})(?:》)?\s*(?:\(\d{{4}}\))?\s*({_ARTICLES})(?:\s*\(「([^」]+)」)?"
)
_CLAUSE = re.compile(r"第[一二三四五六七八九十、]+款")


def _cited() -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for pid in list_policies():
        policy = load_policy(pid, strict=False)
        for param in policy.parameters:
            c = param.citation
            cited.setdefault(c.instrument, set()).update(article_keys(c.article))
            if param.type == "tables" and isinstance(param.value, tuple):
                for row in param.value:
                    if not isinstance(row, ParamTable):
                        continue
                    art, inst = row.get("article"), row.get("instrument") or c.instrument
                    if isinstance(art, str) and isinstance(inst, str):
                        cited.setdefault(inst, set()).update(article_keys(art))
    return cited


def _legal_bases() -> list[tuple[str, str, str]]:
    """(module file name, where, the joined "Legal basis" text) for every docstring that has one."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                continue
            doc = ast.get_docstring(node)
            if not doc or "Legal basis" not in doc:
                continue
            text = doc.split("Legal basis", 1)[1].split("\n\n", 1)[0]
            where = getattr(node, "name", "<module>")
            out.append(
                (path.name, f"{path.relative_to(SRC)}:{where}", re.sub(r"\s*\n\s*", "", text))
            )
    return out


def references() -> list[tuple[str, str, str, str, str | None]]:
    """(module, where, instrument as named, article, quote or None) for every article named."""
    refs = []
    for module, where, text in _legal_bases():
        for m in _REF.finditer(text):
            for art in article_keys(_CLAUSE.sub("", m.group(2))):
                refs.append((module, where, m.group(1), art, m.group(3)))
    return refs


def test_the_scanner_reads_the_docstrings() -> None:
    refs = references()
    assert len(refs) > 150
    assert ("runoffs.py", "votes/runoffs.py:decide_tie_revote", "选举法", "第四十五条") in {
        r[:4] for r in refs
    }


def test_every_article_named_in_a_legal_basis_is_cited_by_a_profile_or_reviewed() -> None:
    cited = _cited()
    unknown = sorted(
        {
            (module, name, art, where)
            for module, where, name, art, _ in references()
            if not any(art in cited.get(inst, ()) for inst in ALIASES[name])
            and (module, name, art) not in REVIEWED
        }
    )
    assert not unknown, "articles no profile cites; check them against the text:\n" + "\n".join(
        f"{where}: {name} {art}" for _, name, art, where in unknown
    )
    used = {(module, name, art) for module, _, name, art, _ in references()}
    assert not set(REVIEWED) - used, f"reviewed but no longer named: {set(REVIEWED) - used}"


def test_a_quote_given_with_an_article_is_in_that_article() -> None:
    ref = load_reference()
    checked = 0
    for _, where, name, art, quote in references():
        if quote is None:
            continue
        for inst in ALIASES[name]:
            text = ref.text_of(inst)
            body = ref.articles.get((text.key, art)) if text is not None else None
            if body is not None:
                assert find_quote(quote, body), f"{where}: 「{quote}」 is not in {name} {art}"
                checked += 1
                break
    assert checked >= 1
