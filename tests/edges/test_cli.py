"""The ``huanjie`` command line: every command in-process, and once from a clean install.

Exit codes: 0 all clear, 1 a FAIL finding or a void/unfinished outcome, 2 bad input (coded
problems on stderr, or an ErrorReport on stdout with ``--format json``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from huanjie_rules.cli import app
from huanjie_rules.io import calls, to_json
from huanjie_rules.io.schema import load_schema

EXAMPLES = resources.files("huanjie_rules.examples")
ELECTION = str(EXAMPLES.joinpath("village_2021.json"))
ROSTER = str(EXAMPLES.joinpath("county_roster_2021.xlsx"))

runner = CliRunner()
Validator = jsonschema.Draft202012Validator


def run(*args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=stdin)


def conforms(name: str, doc: Any) -> None:
    errors = [e.message for e in Validator(load_schema(name)).iter_errors(doc)]
    assert not errors, errors


def test_help_on_every_command_has_an_example() -> None:
    commands = [
        ["screen"],
        ["decide"],
        ["quota", "assembly"],
        ["quota", "delegates"],
        ["quota", "margins"],
        ["quota", "committee"],
        ["quota", "deputies"],
        ["apportion"],
        ["timeline"],
        ["profiles", "list"],
        ["profiles", "show"],
        ["profiles", "diff"],
        ["validate"],
        ["schema"],
        ["serve"],
    ]
    for cmd in commands:
        result = run(*cmd, "--help")
        assert result.exit_code == 0, (cmd, result.output)
        assert "Example: huanjie " + cmd[0] in result.output, cmd


def test_screen_json_document(tmp_path: Path) -> None:
    result = run("screen", ELECTION, "--format", "json")
    assert result.exit_code == 1  # 周婷 is 17: a FAIL finding
    batch = json.loads(result.stdout)
    conforms("ScreenBatch", batch)
    statuses = {r["subject"]: r["status"] for r in batch["reports"][0]["results"]}
    assert statuses["周婷"] == "INELIGIBLE" and statuses["陈建国"] == "ELIGIBLE"
    # a table in English, and CSV rows with the articles
    table = run("screen", ELECTION, "--lang", "en")
    assert "AGE_UNDER_MINIMUM" in table.stdout and "INELIGIBLE" in table.stdout
    out = tmp_path / "findings.csv"
    assert run("screen", ELECTION, "-f", "csv", "-o", str(out)).exit_code == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["来源", "选举", "候选人", "审查结论"]
    assert any(r[5] == "AGE_UNDER_MINIMUM" and "第十三条" in r[7] for r in rows[1:])


def test_screen_clean_election_exits_0(tmp_path: Path) -> None:
    from huanjie_rules.examples.demo import load_example

    election, _ = load_example()
    import attrs

    clean = attrs.evolve(election, candidates=election.candidates[:3])
    path = tmp_path / "clean.json"
    path.write_text(to_json(clean, reveal_ids=True), encoding="utf-8")
    result = run("screen", str(path), "-f", "json")
    assert result.exit_code == 0, result.stdout


def test_screen_roster_to_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "findings.xlsx"
    result = run(
        "screen", ROSTER, "-p", "xzhen-2021", "-d", "2021-03-01", "-f", "xlsx", "-o", str(out)
    )
    assert result.exit_code == 1
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert {"审查结论", "问题清单"} <= set(book.sheetnames)
    assert run("screen", ROSTER, "-p", "xzhen-2021").exit_code == 2  # no election day
    answer = run("screen", ROSTER, "-p", "xzhen-2021", "-d", "2021-03-01", "-f", "json")
    batch = json.loads(answer.stdout)
    conforms("RosterBatch", batch)
    (screen,) = batch["screens"]
    assert screen["roster"]["source"].endswith("county_roster_2021.xlsx")
    verdicts = [r["eligibility"]["status"] for r in screen["results"] if r["eligibility"]]
    assert "INELIGIBLE" in verdicts and "ELIGIBLE" in verdicts


def test_bad_input_exits_2_with_coded_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"key": "", "regime": "NOPE", "seats": 3}', encoding="utf-8")
    result = run("screen", str(bad), "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    conforms("ErrorReport", report)
    codes = {(p["code"], p["path"]) for p in report["problems"]}
    assert ("UNKNOWN_LABEL", "regime") in codes and ("MISSING", "date") in codes
    assert all(p["message_zh"] and p["message_en"] for p in report["problems"])
    text = run("screen", str(bad))
    assert text.exit_code == 2 and "regime" in text.stderr and "[UNKNOWN_LABEL]" in text.stderr
    missing = run("screen", str(tmp_path / "none.json"), "-f", "json")
    assert missing.exit_code == 2 and json.loads(missing.stdout)["code"] == "FILE"
    notjson = tmp_path / "x.json"
    notjson.write_bytes(b"\xff{")
    assert run("screen", str(notjson)).exit_code == 2
    assert (
        run("quota", "deputies", "--level", "大区", "--population", "5", "-p", "npc-2020").exit_code
        == 2
    )
    assert run("timeline", "2021-13-01", "-p", "npc-2020").exit_code == 2
    assert run("profiles", "show", "nope").exit_code == 2
    assert run("screen", ELECTION, "-f", "xlsx").exit_code == 2  # xlsx needs -o


def test_decide_and_next_round(tmp_path: Path) -> None:
    rounds = [v for v in calls.examples() if type(v).__name__ == "Round"]
    first, later = tmp_path / "round1.json", tmp_path / "round2.json"
    first.write_text(to_json(rounds[0], reveal_ids=True), encoding="utf-8")
    data = json.loads(to_json(rounds[1]))
    del data["previous"]
    later.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    outcome = tmp_path / "outcome1.json"
    result = run("decide", str(first), "-f", "json", "-o", str(outcome))
    assert result.exit_code == 1  # a shortfall: 另行选举 follows
    doc = json.loads(outcome.read_text(encoding="utf-8"))
    conforms("Outcome", doc)
    assert doc["status"] == "SHORTFALL" and "SECOND_ELECTION" in doc["options"]
    final = run("decide", str(later), "--next", str(outcome), "-f", "json")
    assert final.exit_code == 0, final.stdout
    assert json.loads(final.stdout)["status"] == "COMPLETE"
    table = run("decide", str(first))
    assert "陈建国" in table.stdout and "当选" in table.stdout
    # --next with a round that also names the election is refused
    assert run("decide", str(first), "--next", str(outcome)).exit_code == 2


@pytest.mark.parametrize(
    ("args", "result_type", "code"),
    [
        (["quota", "assembly", "--members", "120", "-p", "party-basic-2020"], "AssemblyForm", 0),
        (["quota", "delegates", "--members", "500", "-p", "luonan-2011"], "DelegateCount", 0),
        (
            ["quota", "margins", "--office", "委员", "--seats", "7", "-p", "party-basic-2020"],
            "MarginBounds",
            0,
        ),
        (
            [
                "quota",
                "margins",
                "--office",
                "MEMBER",
                "--seats",
                "7",
                "--candidates",
                "8",
                "-p",
                "party-basic-2020",
            ],
            "MarginCheck",
            1,
        ),
        (
            [
                "quota",
                "committee",
                "--body",
                "党支部",
                "--full-members",
                "12",
                "--proposed",
                "5",
                "-p",
                "party-basic-2020",
            ],
            "CommitteeSize",
            0,
        ),
        (
            ["quota", "deputies", "--level", "县级", "--population", "1550001", "-p", "npc-2020"],
            "DeputyQuota",
            0,
        ),
        (
            [
                "apportion",
                "--seats",
                "4",
                "甲=5",
                "乙=5",
                "丙=5",
                "--method",
                "洪特法",
                "-p",
                "party-basic-2020",
            ],
            "Apportionment",
            1,  # a tie for the last seat
        ),
        (
            ["apportion", "--seats", "5", "甲=3", "乙=1/2", "-p", "party-basic-2020"],
            "Apportionment",
            0,
        ),
        (["timeline", "2021-11-05", "-p", "npc-2020"], "ElectionTimeline", 0),
        (["profiles", "list"], "ProfileList", 0),
        (["profiles", "show", "village-2018"], "Policy", 0),
        (["profiles", "diff", "party-basic-2020", "xzhen-2021"], "ProfileDiff", 0),
    ],
)
def test_commands_answer_with_their_documents(args: list[str], result_type: str, code: int) -> None:
    result = run(*args, "-f", "json")
    assert result.exit_code == code, result.stdout
    conforms(result_type, json.loads(result.stdout))
    for fmt in ("table", "csv"):
        assert run(*args, "-f", fmt, "--lang", "en").exit_code == code


def test_validate_and_schema(tmp_path: Path) -> None:
    ok = run(
        "validate",
        "Seat",
        "-",
        stdin='{"office": "MEMBER", "count": 2}',
    )
    assert ok.exit_code == 0
    bad = run("validate", "Seat", "-", "-f", "json", stdin='{"office": "MEMBER", "count": 0}')
    assert bad.exit_code == 2
    report = json.loads(bad.stdout)
    conforms("ValidationReport", report)
    assert report["problems"][0]["code"] == "RANGE"
    broken = run("validate", "Seat", "-", "-f", "json", stdin="{oops")
    assert broken.exit_code == 2
    assert json.loads(broken.stdout)["problems"][0]["code"] == "JSON"
    assert run("validate", "Nope", ELECTION).exit_code == 2
    schema = run("schema", "Candidate")
    assert schema.exit_code == 0 and json.loads(schema.stdout) == load_schema("Candidate")
    assert "Candidate" in run("schema").stdout.split()
    assert run("schema", "Nope").exit_code == 2


@pytest.fixture(scope="module")
def clean_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the package and its cli extra installed from source."""
    root = Path(__file__).resolve().parents[2]
    uv = shutil.which("uv") or str(root / ".tools" / "bin" / "uv")
    if not Path(uv).exists():
        pytest.skip("uv is not available (python3 tasks.py test installs it)")
    env_dir = tmp_path_factory.mktemp("clean") / "venv"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT"))}
    subprocess.run(
        [uv, "venv", "--quiet", "--python", sys.executable, str(env_dir)], check=True, env=env
    )
    python = env_dir / "bin" / "python"
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(python), f"{root}[cli]"],
        check=True,
        env=env,
    )
    return env_dir


def test_from_a_clean_install(clean_install: Path, tmp_path: Path) -> None:
    huanjie = clean_install / "bin" / "huanjie"
    out = subprocess.run(
        [str(huanjie), "screen", ELECTION, "-f", "json"], capture_output=True, text=True
    )
    assert out.returncode == 1, out.stderr
    assert json.loads(out.stdout)["reports"][0]["election"] == "东岙村-2021"
    python = clean_install / "bin" / "python"
    ok = subprocess.run(
        [
            str(python),
            "-m",
            "huanjie_rules",
            "quota",
            "deputies",
            "--level",
            "COUNTY",
            "--population",
            "1550001",
            "-p",
            "npc-2020",
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and json.loads(ok.stdout)["total"] == 450
    bad = tmp_path / "bad.json"
    bad.write_text('{"office": "MEMBER", "count": "2"}', encoding="utf-8")
    err = subprocess.run(
        [str(huanjie), "validate", "Seat", str(bad)], capture_output=True, text=True
    )
    assert err.returncode == 2
    err = subprocess.run([str(huanjie), "screen", str(bad)], capture_output=True, text=True)
    assert err.returncode == 2 and "[MISSING]" in err.stderr and "Traceback" not in err.stderr
    # the core alone has no command line: the error names the extra
    no_server = subprocess.run(
        [str(huanjie), "serve", "--port", "1"], capture_output=True, text=True
    )
    assert no_server.returncode == 2 and "server" in no_server.stderr
