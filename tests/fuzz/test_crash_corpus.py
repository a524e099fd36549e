"""Every input the coverage-guided fuzzer kept is replayed: seeds, regressions and crashes.

``tests/fuzz/corpus/<target>/`` holds the seeds (valid records and profiles, and the inputs of
the defects this suite was written for); ``tests/fuzz/crashes/<target>/`` holds what
``python3 tasks.py fuzz`` found. Each must give an answer or the library's own error, within the
time limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_support import json_target, profile_target

HERE = Path(__file__).resolve().parent
TARGETS = {"json": json_target, "profile": profile_target}
FILES = sorted(
    (target, path)
    for target in TARGETS
    for folder in (HERE / "corpus" / target, HERE / "crashes" / target)
    if folder.is_dir()
    for path in folder.iterdir()
    if path.is_file() and not path.name.startswith(".")
)


def test_the_corpus_is_there() -> None:
    assert sum(1 for target, _ in FILES if target == "json") >= 10
    assert sum(1 for target, _ in FILES if target == "profile") >= 3


@pytest.mark.parametrize(("target", "path"), FILES, ids=[f"{t}/{p.name}" for t, p in FILES])
def test_replay(target: str, path: Path) -> None:
    TARGETS[target](path.read_bytes())
