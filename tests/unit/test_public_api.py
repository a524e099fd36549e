"""The public API is recorded in tests/public_api.txt; it changes only with the CHANGELOG.

A change to a public name or signature fails here until ``python scripts/api.py --write``
records it, and that refuses unless CHANGELOG.md's ``[Unreleased]`` section changed too. The
record carries the digest of its own listing and of the record before it, so a listing edited by
hand, or written without a change to ``[Unreleased]``, fails here as well.
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
    assert api.problems(api.RECORD.read_text(encoding="utf-8")) == []


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
    record = api.render(api.unreleased_digest(CHANGELOG), "old listing\n", ("a" * 64, "b" * 64))
    assert api.problems(record) == []
    text, why = api.write(record, CHANGELOG, "new listing\n")
    assert text == "" and "CHANGELOG" in why
    edited = CHANGELOG.replace("- `x`", "- `x`\n- `y`: new")
    text, why = api.write(record, edited, "new listing\n")
    assert why == ""
    rec = api.parse(text)
    assert (rec.changelog, rec.listing) == (api.unreleased_digest(edited), "new listing\n")
    assert rec.previous == (api.unreleased_digest(CHANGELOG), api.listing_digest("old listing\n"))
    assert api.problems(text) == []
    # an unchanged API keeps the record as it is
    assert api.write(record, CHANGELOG, "old listing\n") == (record, "")


def test_a_listing_edited_by_hand_fails() -> None:
    api = _api()
    record = api.render(api.unreleased_digest(CHANGELOG), "old listing\n", ("a" * 64, "b" * 64))
    by_hand = record.replace("old listing", "new listing")
    assert any("by hand" in p for p in api.problems(by_hand))
    # --write restores nothing by hand: with the API as edited it still needs the CHANGELOG
    assert api.write(by_hand, CHANGELOG, "new listing\n")[0] == ""
    # with the API as recorded it puts the listing back under the same digests
    assert api.write(by_hand, CHANGELOG, "old listing\n") == (record, "")


def test_a_listing_changed_without_the_changelog_fails_even_with_its_digest_fixed() -> None:
    # what `--write --force` used to write: a new listing under the unchanged CHANGELOG digest
    api = _api()
    first = api.render(api.unreleased_digest(CHANGELOG), "old listing\n", ("a" * 64, "b" * 64))
    rec = api.parse(first)
    forced = api.render(rec.changelog, "new listing\n", (rec.changelog, rec.listing_sha))
    assert any("did not" in p for p in api.problems(forced))
    # the one-line header of earlier records is read, and is no longer enough
    legacy = f"{api.HEADER}{api.unreleased_digest(CHANGELOG)}\nold listing\n"
    assert api.recorded(legacy)[1] == "old listing\n"
    assert api.problems(legacy)
    text, why = api.write(legacy, CHANGELOG, "old listing\n")
    assert why == "" and api.problems(text) == []


def test_only_the_unreleased_section_counts() -> None:
    api = _api()
    older = CHANGELOG.replace("- old", "- older still")
    assert api.unreleased_digest(older) == api.unreleased_digest(CHANGELOG)
    assert api.unreleased_digest(CHANGELOG.replace("- `x`", "- `z`")) != api.unreleased_digest(
        CHANGELOG
    )
