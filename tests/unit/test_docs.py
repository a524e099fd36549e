"""The generated docs pages match the profiles and catalogues they are generated from."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from huanjie_rules import list_policies, load_policy

ROOT = Path(__file__).resolve().parents[2]


def _gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_profiles_page_is_current() -> None:
    gen = _gen()
    text = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")
    assert text == gen.profiles_page(), "run `python3 tasks.py docs`"


def test_profiles_page_lists_every_parameter_of_every_profile() -> None:
    text = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")
    for pid in list_policies():
        policy = load_policy(pid)
        assert f"## {pid}" in text
        for p in policy.own_parameters():
            assert f"`{p.name}`" in text


def test_findings_page_is_current() -> None:
    gen = _gen()
    text = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert text == gen.findings_page(), "run `python3 tasks.py docs`"


def test_every_catalogue_has_both_languages_with_the_same_placeholders() -> None:
    gen = _gen()
    for module, catalogue in gen._catalogues():
        for code, message in catalogue.items():
            assert code == code.upper(), (module, code)
            assert message.zh.strip() and message.en.strip(), (module, code)
            zh, en = message.fields()
            assert zh == en, (module, code, zh, en)
