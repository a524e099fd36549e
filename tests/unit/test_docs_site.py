"""The documentation site: a page for every public name, and a search that finds Chinese words.

The site tests read the site that ``python3 tasks.py test`` builds just before pytest (its path in
``HUANJIE_SITE``); run alone, they build one themselves (about half a minute).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

import huanjie_rules

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site_script = _script("docs_site")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = os.environ.get("HUANJIE_SITE")
    if built:
        path = Path(built)
        assert (path / "objects.inv").is_file(), f"HUANJIE_SITE={built} holds no built site"
        return path
    out = tmp_path_factory.mktemp("site") / "html"
    assert site_script.build(out) == 0, "the site does not build without warnings"
    return out


# --------------------------------------------------------------------------------------------
# What gets a page
# --------------------------------------------------------------------------------------------


def test_every_public_name_is_documented() -> None:
    missing = site_script.undocumented()
    assert missing == [], (
        "public names without an API page; declare their module in API_MODULES of "
        f"scripts/docs_site.py (or re-export them from huanjie_rules): {missing}"
    )


def test_every_top_level_name_has_an_entry_of_its_own() -> None:
    entries = {e.qualname for e in site_script.api_entries()}
    for name in huanjie_rules.__all__:
        if name.startswith("__"):
            continue
        assert f"huanjie_rules.{name}" in entries, name


def test_each_entry_has_one_page_documenting_that_object() -> None:
    pages = site_script.api_pages()
    entries = site_script.api_entries()
    assert len({e.qualname for e in entries}) == len(entries)
    for e in entries:
        text = pages[f"{e.qualname}.md"]
        assert f":: {e.qualname}\n" in text, e.qualname
        assert f"[`{e.name}`]({e.qualname}.md)" in pages["index.md"], e.qualname


def test_extras_modules_are_documented_with_their_extra() -> None:
    pages = site_script.api_pages()
    declared = {m: x for m, x, _ in site_script.API_MODULES}
    assert declared["huanjie_rules.votes.fast"] == "fast"
    assert declared["huanjie_rules.testing"] == "testing"
    text = pages["huanjie_rules.testing.persons.md"]
    assert 'pip install "huanjie-rules[testing]"' in text


def test_a_module_left_undeclared_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tuple(m for m in site_script.API_MODULES if m[0] != "huanjie_rules.idcard")
    monkeypatch.setattr(site_script, "API_MODULES", kept)
    missing = site_script.undocumented()
    assert "huanjie_rules.idcard.mask" in missing
    assert "huanjie_rules.idcard.IdNumber" not in missing  # re-exported at the top


def test_search_words_include_enum_labels_and_the_glossary() -> None:
    words = site_script.search_terms()
    assert {"差额选举", "党员代表大会", "十不推", "大学专科", "两推一选"} <= set(words)
    assert all(2 <= len(w) <= 12 for w in words)


# --------------------------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------------------------


def test_the_built_site_has_a_page_for_every_public_name(site: Path) -> None:
    assert site_script.check_site(site) == []
    found = site_script.inventory(site)
    assert found["huanjie_rules.screen"] == "api/huanjie_rules.screen.html"
    assert (site / "api" / "huanjie_rules.screen.html").is_file()


def test_the_generated_reference_pages_are_in_the_site(site: Path) -> None:
    for page in ("profiles", "findings", "enums", "errors", "schemas", "changelog", "releasing"):
        assert (site / f"{page}.html").is_file(), page
    changelog = (site / "changelog.html").read_text(encoding="utf-8")
    assert "Unreleased" in changelog and "0.1.0" in changelog


def _index(site: Path) -> dict[str, object]:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert isinstance(data, dict)
    return data


def test_the_search_index_holds_chinese_words(site: Path) -> None:
    index = _index(site)
    terms = index["terms"]
    docnames = index["docnames"]
    assert isinstance(terms, dict) and isinstance(docnames, list)

    titleterms = index["titleterms"]
    assert isinstance(titleterms, dict)

    def pages(word: str) -> set[str]:
        found: set[str] = set()
        for table in (terms, titleterms):
            hits = table.get(word, [])
            found |= {docnames[i] for i in ([hits] if isinstance(hits, int) else hits)}
        return found

    assert "eligibility" in pages("十不推")
    assert "quotas" in pages("党员代表大会")
    assert "votes" in pages("过半数")
    assert "api/huanjie_rules.age_on" in pages("周岁")


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="Node.js runs the site's own search script")
def test_the_search_page_finds_chinese_queries(site: Path) -> None:
    queries = ["十不推", "党员代表大会", "换届选举规则", "的周岁", "火星人", "screen"]
    assert NODE is not None
    out = subprocess.run(
        [NODE, str(ROOT / "scripts" / "search_site.js"), str(site), *queries],
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(out.stdout)
    assert "eligibility" in answer["十不推"]["pages"]
    assert "quotas" in answer["党员代表大会"]["pages"]
    # Typed without spaces, the query is cut into the index's words.
    assert answer["换届选举规则"]["terms"] == ["换届选举", "规则"]
    assert answer["换届选举规则"]["pages"]
    # A lone character (的) is dropped, as the index holds none.
    assert answer["的周岁"]["terms"] == ["周岁"]
    assert "eligibility" in answer["的周岁"]["pages"]
    # A word no page holds finds nothing, rather than everything.
    assert answer["火星人"]["pages"] == []
    assert answer["screen"]["pages"][0] == "api/huanjie_rules.screen"
