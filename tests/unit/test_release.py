"""Versions and the changelog: one version, dated releases, released sections that never change."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib.metadata
import importlib.util
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


release = _script("release")

SAMPLE = """# Changelog

Intro.

## [Unreleased]

### Added

- Something new.

## [0.2.0] - 2026-12-01
<!-- released section digest: {d2} -->

### Fixed

- A fix.

## [0.1.0] - 2026-11-21
<!-- released section digest: {d1} -->

### Added

- The first things.
"""


def _sample() -> str:
    d2 = release.digest("\n### Fixed\n\n- A fix.\n\n")
    d1 = release.digest("\n### Added\n\n- The first things.\n")
    return SAMPLE.format(d1=d1, d2=d2)


def test_the_repository_changelog_matches_the_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert release.check(text, huanjie_rules.__version__) == []


def test_the_version_is_written_once_and_read_by_the_build() -> None:
    assert release.current_version() == huanjie_rules.__version__
    assert importlib.metadata.version("huanjie-rules") == huanjie_rules.__version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert f'version = "{huanjie_rules.__version__}"' not in pyproject


def test_a_well_formed_changelog_passes() -> None:
    assert release.check(_sample(), "0.2.0") == []


def test_a_version_other_than_the_newest_release_fails() -> None:
    problems = release.check(_sample(), "0.1.0")
    assert any("newest release in the changelog is 0.2.0" in p for p in problems)


def test_an_entry_merged_into_a_released_section_fails() -> None:
    text = _sample().replace("- A fix.\n", "- A fix.\n- Merged into the wrong section.\n")
    problems = release.check(text, "0.2.0")
    assert (
        len(problems) == 1
        and "[0.2.0]" in problems[0]
        and "changed after its release" in problems[0]
    )


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("## [Unreleased]", "## [Next]", "first section must be '## [Unreleased]'"),
        ("## [0.2.0] - 2026-12-01", "## [0.2.0]", "needs a date"),
        ("## [0.2.0] - 2026-12-01", "## [0.2.0] - 2026-11-20", "newest first"),
        ("## [0.2.0] - 2026-12-01", "## [0.0.9] - 2026-12-01", "newest first"),
        ("## [0.2.0] - 2026-12-01", "## [0.2] - 2026-12-01", "not a version"),
    ],
)
def test_malformed_changelogs_fail(old: str, new: str, says: str) -> None:
    text = _sample().replace(old, new)
    version = "0.0.9" if "0.0.9" in new else "0.2.0"
    problems = release.check(text, version)
    assert any(says in p for p in problems), problems


def test_releases_on_the_same_day_are_allowed_newer_version_first() -> None:
    text = _sample().replace("## [0.2.0] - 2026-12-01", "## [0.2.0] - 2026-11-21")
    assert release.check(text, "0.2.0") == []


def test_cut_moves_unreleased_into_a_dated_section() -> None:
    new = release.cut(_sample(), "0.3.0", dt.date(2026, 12, 24))
    assert release.check(new, "0.3.0") == []
    sections = release.sections(new)
    assert [s.name for s in sections] == ["Unreleased", "0.3.0", "0.2.0", "0.1.0"]
    assert sections[0].body.strip() == ""
    assert sections[1].date == "2026-12-24" and "- Something new." in sections[1].body
    # The older sections are untouched.
    assert new.endswith(_sample()[_sample().index("## [0.2.0]") :])


def test_cut_refuses_an_empty_unreleased_section() -> None:
    once = release.cut(_sample(), "0.3.0", dt.date(2026, 12, 24))
    with pytest.raises(ValueError, match="nothing to release"):
        release.cut(once, "0.3.1", dt.date(2026, 12, 25))


@pytest.mark.parametrize("text", ["0.2", "v0.2.0", "0.2.0rc1", "00.2.0", "0.2.0.1", ""])
def test_versions_must_be_plain_semver(text: str) -> None:
    with pytest.raises(ValueError, match="not a version"):
        release.parse_version(text)


def test_versions_compare_as_numbers() -> None:
    assert release.parse_version("0.10.0") > release.parse_version("0.9.9")


def test_the_release_script_examples_run() -> None:
    result = doctest.testmod(release, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 4 and result.failed == 0


def test_repair_moves_misplaced_entries_and_restores_the_released_text() -> None:
    good = _sample()
    merged = good.replace("- A fix.\n", "- A fix.\n- Landed in the wrong place.\n").replace(
        "- The first things.\n", "- The first things.\n- Also misplaced.\n"
    )
    assert len(release.check(merged, "0.2.0")) == 2
    bodies = {s.name: s.body for s in release.sections(good)[1:]}
    fixed = release.repair(merged, bodies)
    assert release.check(fixed, "0.2.0") == []
    unreleased = release.sections(fixed)[0].body
    assert "### Added\n\n- Something new.\n- Also misplaced." in unreleased
    assert "### Fixed\n\n- Landed in the wrong place." in unreleased
    released = [s._replace(line=0) for s in release.sections(fixed)[1:]]
    assert released == [s._replace(line=0) for s in release.sections(good)[1:]]


def test_repair_refuses_a_released_text_that_does_not_match_the_digest() -> None:
    merged = _sample().replace("- A fix.\n", "- A fix.\n- Extra.\n")
    with pytest.raises(ValueError, match="does not match its digest"):
        release.repair(merged, {"0.2.0": "\n### Fixed\n\n- Something else.\n"})


def test_no_upload_to_the_index_without_the_projects_addresses() -> None:
    # The project has no public home yet: pyproject.toml names no address rather than an
    # invented one, and the publish check refuses an upload until the first publication adds
    # them (docs/releasing.md, step 3).
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "urls" not in project
    assert release.main(["publish-check"]) == 1
    assert release.publish_problems(project)
    urls = {name: f"https://example.org/{name.lower()}" for name in release.PUBLISHED_URLS}
    assert release.publish_problems({**project, "urls": urls}) == []
    assert release.publish_problems({**project, "urls": {**urls, "Source": "http://x"}}) == [
        "[project.urls] Source is not an https address: 'http://x'"
    ]
    text = (ROOT / "docs" / "releasing.md").read_text(encoding="utf-8")
    assert "publish-check" in text and "[project.urls]" in text
