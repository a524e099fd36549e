"""The newcomer programs of docs/quickstart.md run on a core install and stay short."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = ROOT / "docs" / "quickstart.md"
EXTRAS = ("hypothesis", "numpy", "chinese_calendar", "pandas", "stdnum")

_RUNNER = """
import doctest, importlib.abc, sys

BLOCKED = set(sys.argv[2].split(","))

class CoreInstall(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (a core install)", name=name)
        return None

sys.meta_path.insert(0, CoreInstall())
for name in BLOCKED:
    try:
        __import__(name)
    except ModuleNotFoundError:
        pass
    else:
        raise SystemExit(f"{name} is importable")
flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
result = doctest.testfile(sys.argv[1], module_relative=False, optionflags=flags)
loaded = sorted(n for n in sys.modules if n.split(".")[0] in BLOCKED)
print(result.attempted, result.failed, ",".join(loaded))
raise SystemExit(1 if result.failed or loaded or not result.attempted else 0)
"""


def test_the_quickstart_runs_without_any_extra() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(QUICKSTART), ",".join(EXTRAS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    attempted, failed, _ = run.stdout.split("\n")[-2].split(" ")
    assert int(attempted) > 40 and failed == "0"


def _programs() -> dict[str, list[str]]:
    text = QUICKSTART.read_text(encoding="utf-8")
    section = text.split("## Five programs", 1)[1].split("\n## ", 1)[0]
    programs: dict[str, list[str]] = {}
    for part in section.split("\n### ")[1:]:
        title, body = part.split("\n", 1)
        code = re.findall(r"```python\n(.*?)```", body, re.S)
        programs[title.strip()] = [
            line for block in code for line in block.splitlines() if line.startswith((">>>", "..."))
        ]
    return programs


def test_five_newcomer_programs_import_only_huanjie_rules_and_fit_a_screen() -> None:
    programs = _programs()
    assert list(programs) == [
        "Screen one candidate",
        "Screen a batch",
        "A first round and its 另行选举, from the announced counts",
        "Margins and a deputy quota",
        "A timeline",
    ]
    for title, lines in programs.items():
        assert 0 < len(lines) <= 25, (title, len(lines))
        for line in lines:
            code = line[4:].strip()
            if code.startswith(("import ", "from ")):
                assert code in ("import datetime as dt", "from huanjie_rules import *"), (
                    title,
                    code,
                )


def test_the_table_names_only_public_calls() -> None:
    import huanjie_rules

    text = QUICKSTART.read_text(encoding="utf-8")
    table = text.split("## One question, one call", 1)[1].split("\n## ", 1)[0]
    calls = set(re.findall(r"`(?:[a-z]+\.)?([a-z_]+)\(", table))
    methods = {"render"}  # methods of results and errors
    assert calls - methods <= set(huanjie_rules.__all__), (
        calls - methods - set(huanjie_rules.__all__)
    )
    assert {"build_election", "screen", "decide", "decide_next", "deputy_quota"} <= calls
