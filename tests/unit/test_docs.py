"""The generated docs pages match the profiles and catalogues they are generated from."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from huanjie_rules import list_policies, load_policy
from huanjie_rules.messages import ERROR_MESSAGES

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


def test_errors_page_is_current() -> None:
    gen = _gen()
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert text == gen.errors_page(), "run `python3 tasks.py docs`"


def test_fidelity_page_is_current() -> None:
    gen = _gen()
    text = (ROOT / "docs" / "fidelity.md").read_text(encoding="utf-8")
    assert text == gen.fidelity_page(), "run `python3 tasks.py docs`"


def test_fidelity_page_counts_every_profile_and_no_problem() -> None:
    text = (ROOT / "docs" / "fidelity.md").read_text(encoding="utf-8")
    for pid in list_policies():
        row = next(line for line in text.splitlines() if line.startswith(f"| [`{pid}`]"))
        assert row.rstrip(" |").endswith(" 0"), row  # the problems column


def test_every_catalogue_has_both_languages_with_the_same_placeholders() -> None:
    gen = _gen()
    catalogues = [*gen._catalogues(), ("errors", ERROR_MESSAGES)]
    assert len(catalogues) >= 7
    for module, catalogue in catalogues:
        for code, message in catalogue.items():
            assert code == code.upper(), (module, code)
            assert message.zh.strip() and message.en.strip(), (module, code)
            zh, en = message.fields()
            assert zh == en, (module, code, zh, en)


def test_every_error_code_raised_has_its_messages_and_every_message_a_use() -> None:
    # Codes are read from the source: Problem(...), *Error(code=...), classes' code = "...".
    used = _gen().error_codes()
    assert {"TYPE", "RANGE", "INVALID_DATA", "UNKNOWN_OFFICE", "NEGATIVE_COUNT"} <= set(used)
    assert sorted(set(used) - set(ERROR_MESSAGES)) == [], "add them to errors.messages.toml"
    assert sorted(set(ERROR_MESSAGES) - set(used)) == [], "codes nobody raises"


def test_error_messages_are_not_finding_messages() -> None:
    # One namespace per kind: a code is either an error's or a finding's, never both.
    findings = {code for _, catalogue in _gen()._catalogues() for code in catalogue}
    assert findings and not findings & set(ERROR_MESSAGES)


def test_reference_pages_are_current() -> None:
    gen = _gen()
    for path, text in gen.reference_pages().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: run `python3 tasks.py docs`"


def test_enums_page_lists_every_code_label_and_alias_of_every_public_enum() -> None:
    gen = _gen()
    text = (ROOT / "docs" / "enums.md").read_text(encoding="utf-8")
    enums = gen._public_enums()
    assert {"EducationLevel", "Office", "Severity", "Step"} <= {name for name, _ in enums}
    for name, cls in enums:
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        for member in cls:
            assert f"`{member.value}" in section, (name, member)
            assert str(getattr(member, "label", "")) in section, (name, member)
            for alias in getattr(member, "aliases", ()):
                assert alias in section, (name, member, alias)
    assert "「大学」 could be EducationLevel.UNDERGRADUATE, EducationLevel.JUNIOR_COLLEGE" in text


def test_errors_page_lists_the_code_of_every_error_class() -> None:
    from huanjie_rules.errors import HuanjieError

    gen = _gen()
    gen._public_objects()  # imports every module, so every error class is defined
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    stack, seen = [HuanjieError], []
    while stack:
        cls = stack.pop()
        seen.append(cls)
        stack.extend(c for c in cls.__subclasses__() if c.__module__.startswith("huanjie_rules"))
    assert len(seen) >= 10
    for cls in seen:
        assert f"`{cls.code}`" in text, cls


def test_schemas_page_lists_every_shipped_schema() -> None:
    gen = _gen()
    text = (ROOT / "docs" / "schemas.md").read_text(encoding="utf-8")
    files = gen._schema_files()
    if not files:
        assert "ships no JSON Schema yet" in text
    for rel, _node in files:
        assert f"`huanjie_rules/{rel}`" in text
