"""The public API is recorded in tests/public_api.txt; it changes only with the CHANGELOG.

A change to a public name or signature fails here until ``python scripts/api.py --write``
records it, and that refuses unless CHANGELOG.md's ``[Unreleased]`` section changed too.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _api() -> ModuleType:
    spec = importlib.util.spec_from_file_location("api_record", ROOT / "scripts" / "api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_public_api_is_the_recorded_one() -> None:
    api = _api()
    digest, recorded = api.recorded(api.RECORD.read_text(encoding="utf-8"))
    current = api.listing()
    if recorded != current:
        diff = "\n".join(
            difflib.unified_diff(
                recorded.splitlines(), current.splitlines(), "recorded", "current", lineterm="", n=1
            )
        )
        raise AssertionError(
            "the public API changed: add a CHANGELOG.md entry, then run "
            f"`python scripts/api.py --write`\n{diff[:6000]}"
        )
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_the_record_covers_every_public_name_with_its_signature() -> None:
    import huanjie_rules

    api = _api()
    text = api.RECORD.read_text(encoding="utf-8")
    top = text.split("[huanjie_rules]\n", 1)[1].split("\n[", 1)[0]
    for name in huanjie_rules.__all__:
        assert any(
            line.split("(")[0].split(" = ")[0].split(":")[0].split(" -> ")[0].split()[-1] == name
            for line in top.splitlines()
            if not line.startswith("    ")
        ), name
    assert "def decide(election: 'Election', counts: 'RoundCount | Tally'" in top
    assert "    winners: property" in top


CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- `x`\n\n## [0.1.0]\n\n- old\n"


def test_writing_a_changed_api_needs_a_changelog_change() -> None:
    api = _api()
    record = f"{api.HEADER}{api.unreleased_digest(CHANGELOG)}\nold listing\n"
    text, why = api.write(record, CHANGELOG, "new listing\n")
    assert text == "" and "CHANGELOG" in why
    edited = CHANGELOG.replace("- `x`", "- `x`\n- `y`: new")
    text, why = api.write(record, edited, "new listing\n")
    assert why == "" and text == f"{api.HEADER}{api.unreleased_digest(edited)}\nnew listing\n"
    # An unchanged API keeps the record as it is; --force writes without a CHANGELOG change.
    assert api.write(record, CHANGELOG, "old listing\n") == (record, "")
    assert api.write(record, CHANGELOG, "new listing\n", force=True)[0].endswith("new listing\n")


def test_only_the_unreleased_section_counts() -> None:
    api = _api()
    older = CHANGELOG.replace("- old", "- older still")
    assert api.unreleased_digest(older) == api.unreleased_digest(CHANGELOG)
    assert api.unreleased_digest(CHANGELOG.replace("- `x`", "- `z`")) != api.unreleased_digest(
        CHANGELOG
    )
