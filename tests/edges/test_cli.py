"""The ``huanjie`` command line: every command in-process, and once from a clean install.

Exit codes: 0 all clear, 1 a FAIL finding or a void/unfinished outcome, 2 bad input (coded
problems on stderr, or an ErrorReport on stdout with ``--format json``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
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
CJK = re.compile(r"[\u4e00-\u9fff]")


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
        "screen", ROSTER, "-s", "名册", "-p", "xzhen-2021", "-d", "2021-03-01", "-f", "xlsx",
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 1
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert {"审查结论", "问题清单"} <= set(book.sheetnames)
    assert run("screen", ROSTER, "-s", "名册", "-p", "xzhen-2021").exit_code == 2  # no day
    answer = run(
        "screen", ROSTER, "--sheet", "名册", "-p", "xzhen-2021", "-d", "2021-03-01", "-f", "json"
    )
    batch = json.loads(answer.stdout)
    conforms("RosterBatch", batch)
    (screen,) = batch["screens"]
    assert screen["roster"]["source"].endswith("county_roster_2021.xlsx")
    verdicts = [r["eligibility"]["status"] for r in screen["results"] if r["eligibility"]]
    assert "INELIGIBLE" in verdicts and "ELIGIBLE" in verdicts


def test_a_workbook_with_two_sheets_is_screened_only_with_a_sheet_named() -> None:
    # the bundled workbook holds this term's roster (名册) and last term's (上届)
    refused = run("screen", ROSTER, "-p", "xzhen-2021", "-d", "2021-03-01", "-f", "json")
    assert refused.exit_code == 2
    report = json.loads(refused.stdout)
    conforms("ErrorReport", report)
    assert report["code"] == "SHEET_REQUIRED" and "上届" in report["message"]
    text = run("screen", ROSTER, "-p", "xzhen-2021", "-d", "2021-03-01")
    assert text.exit_code == 2 and "[SHEET_REQUIRED]" in text.stderr
    this_term = run("screen", ROSTER, "-s", "名册", "-p", "xzhen-2021", "-d", "2021-03-01")
    assert "工作表" in this_term.stdout.splitlines()[1] and "上届" not in this_term.stdout
    both = run("screen", ROSTER, "-s", "*", "-p", "xzhen-2021", "-d", "2021-03-01", "-f", "json")
    sheets = {r["entry"]["sheet"] for r in json.loads(both.stdout)["screens"][0]["results"]}
    assert sheets == {"名册", "上届"}
    assert run("screen", ELECTION, "-s", "名册").exit_code == 2  # a sheet of a JSON document?


def _bad_roster(tmp_path: Path, name: str) -> tuple[Path, int, set[int]]:
    """A roster CSV with good rows and rows that cannot be read; (path, rows, bad row numbers)."""
    head = "姓名,性别,民族,出生年月,政治面貌,拟任职务,是否连任"
    lines = [
        "王芳,女,汉族,1982.03,中共党员,书记、主任,是",  # row 2: two candidacies
        "李强,男,汉族,1979.13,群众,村委会委员,否",  # row 3: no such month
        "赵六,男,汉族,1990.05,群众,村委会委员,否",  # row 4: clean, no finding at all
        "孙丽,女,汉族,1988.08,中共党员,委员,否",  # row 5: 委员 of which committee?
        "周婷,女,汉族,2003.1,群众,村委会委员,否",  # row 6: January or October?
    ]
    path = tmp_path / name
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path, len(lines), {3, 5, 6}


def test_every_roster_row_comes_out_in_every_format(tmp_path: Path) -> None:
    """count in = rows screened + rows that could not be read, in CSV, table, XLSX and JSON."""
    one, n_one, bad_one = _bad_roster(tmp_path, "东村.csv")
    two, n_two, bad_two = _bad_roster(tmp_path, "西村.csv")
    common = ["-p", "xzhen-2021", "-d", "2021-03-01"]
    out = tmp_path / "all.csv"
    assert run("screen", str(one), str(two), *common, "-f", "csv", "-o", str(out)).exit_code == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, as every CSV the command writes
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    for path, n, bad in ((one, n_one, bad_one), (two, n_two, bad_two)):
        mine = [r for r in rows if r["文件"] == str(path)]
        screened = {int(r["行号"]) for r in mine if r["记录类别"] == "FINDING"}
        rejected = {int(r["行号"]) for r in mine if r["记录类别"] == "REJECTED"}
        assert rejected == bad and not screened & rejected
        assert len(screened) + len(rejected) == n  # count in = rows out + rejected rows
        assert {r["工作表"] for r in mine if r["行号"]} == {path.stem}
    codes = {r["代码"] for r in rows if r["记录类别"] == "REJECTED"}
    assert codes == {"DATE_INVALID", "AMBIGUOUS_POST", "DATE_AMBIGUOUS"}
    # the table lists the rows that could not be read, each with its sheet and row
    table = run("screen", str(one), *common)
    assert "未能读取的行：3行" in table.stdout and "AMBIGUOUS_POST" in table.stdout
    # two rosters to XLSX: every sheet of a single roster's workbook, with the file of each row
    import openpyxl

    book_path = tmp_path / "all.xlsx"
    assert run("screen", str(one), str(two), *common, "-f", "xlsx", "-o", str(book_path)).exit_code
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["审查结论", "问题清单", "读取问题", "适用方案"]
    problems = [[c.value for c in r] for r in book["读取问题"].iter_rows()]
    head = problems[0]
    failed = {
        (r[head.index("文件")], r[head.index("行号")])
        for r in problems[1:]
        if r[head.index("严重程度")] == "FAIL"
    }
    assert failed == {(str(p), b) for p, bad in ((one, bad_one), (two, bad_two)) for b in bad}
    # JSON: the rejected rows are in each roster's document
    answer = json.loads(run("screen", str(one), *common, "-f", "json").stdout)
    assert {r["row"] for r in answer["screens"][0]["roster"]["rejected"]} == bad_one


def test_timeline_is_a_table_of_deadlines(tmp_path: Path) -> None:
    out = tmp_path / "timeline.csv"
    assert (
        run("timeline", "2021-11-05", "-p", "npc-2020", "-f", "csv", "-o", str(out)).exit_code == 0
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["步骤", "选举日前天数", "最迟日期", "依据", "规则", "参数"]
    assert rows[1][:3] == ["公布选民名单", "20", "2021-10-16"] and "第二十八条" in rows[1][3]
    assert len(rows) == 5  # four deadlines, not a flattened dump of every field
    text = run("timeline", "2021-11-05", "-p", "npc-2020", "--lang", "en").stdout
    assert "publish the voter roll" in text and "deadlines[0]" not in text


def test_decide_marks_against_and_abstain_not_given_when_only_for_votes_were(
    tmp_path: Path,
) -> None:
    first = next(v for v in calls.examples() if type(v).__name__ == "Round")
    assert first.counts is not None and not first.counts.against  # 赞成 votes only
    path = tmp_path / "round1.json"
    path.write_text(to_json(first, reveal_ids=True), encoding="utf-8")
    out = tmp_path / "outcome.csv"
    assert run("decide", str(path), "-f", "csv", "-o", str(out)).exit_code == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    head = rows[0]
    chen = next(r for r in rows if "陈建国" in r)
    assert chen[head.index("赞成票")] == "812"
    assert chen[head.index("不赞成票")] == chen[head.index("弃权票")] == "未给出"
    assert "不赞成票与弃权票无法分开" in run("decide", str(path)).stdout
    # with 不赞成 votes given, both are shown
    import attrs

    counts = attrs.evolve(first.counts, against={"陈建国": 100})
    given = tmp_path / "given.json"
    given.write_text(to_json(attrs.evolve(first, counts=counts), reveal_ids=True), encoding="utf-8")
    assert run("decide", str(given), "-f", "csv", "-o", str(out)).exit_code == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    chen = next(r for r in rows if "陈建国" in r)
    assert chen[head.index("不赞成票")] == "100"
    assert chen[head.index("弃权票")].isdigit()


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


def test_lang_zh_shows_bad_input_without_english_detail() -> None:
    english = re.compile(r"\b(expected|got|must|is not|required|unknown)\b")
    bad_day = run("timeline", "2021-13-01", "-p", "npc-2020", "--lang", "zh")
    assert bad_day.exit_code == 2
    assert "应为形如2021-05-10的日期，实际为'2021-13-01'" in bad_day.stderr
    assert not english.search(bad_day.stderr), bad_day.stderr
    no_profile = run("timeline", "2021-11-05", "-p", "xzhen-2012")
    assert no_profile.exit_code == 2 and "没有编号为'xzhen-2012'的政策配置" in no_profile.stderr
    assert not english.search(no_profile.stderr.split("已有的配置")[0])
    in_en = run("timeline", "2021-13-01", "-p", "npc-2020", "--lang", "en")
    assert "expected a day like 2021-05-10, got '2021-13-01'" in in_en.stderr


@pytest.mark.parametrize(
    ("args", "code", "zh"),
    [
        (["screen", "--lang", "fr", ELECTION], "CHOICE", "应为['zh', 'en']之一，实际为'fr'"),
        (["screen", ELECTION, "-f", "pdf"], "CHOICE", "之一，实际为'pdf'"),
        (["screen"], "MISSING", "缺少必填项"),
        (["timeline", "2021-11-05", "--bogus"], "USAGE", "没有选项--bogus"),
        (["nocommand"], "USAGE", "没有命令'nocommand'"),
        (["serve", "--port", "abc"], "TYPE", "应为整数，实际为'abc'"),
    ],
)
def test_usage_errors_are_coded_problems_in_the_chosen_language(
    args: list[str], code: str, zh: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert f"[{code}]" in result.stderr and zh in result.stderr, result.stderr
    assert "Usage:" not in result.stderr and "Error" not in result.stderr
    if args[0] != "serve" and "fr" not in args:  # (serve takes no --lang)
        english = run(*args, "--lang", "en")
        assert english.exit_code == 2 and f"[{code}]" in english.stderr
        assert not CJK.search(english.stderr.split("[")[0]), english.stderr


def test_usage_errors_as_an_error_report() -> None:
    result = run("screen", ELECTION, "--lang", "fr", "-f", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    conforms("ErrorReport", report)
    (problem,) = report["problems"]
    assert problem["code"] == "CHOICE" and problem["path"] == "--lang"
    assert problem["detail_zh"] == "应为['zh', 'en']之一，实际为'fr'"
    assert problem["detail_en"] == problem["message"] == "expected one of ['zh', 'en'], got 'fr'"


def test_help_and_a_group_alone_still_show_the_usage() -> None:
    assert run("--help").exit_code == 0
    alone = run("quota")
    assert alone.exit_code == 2 and "Usage:" in alone.output
