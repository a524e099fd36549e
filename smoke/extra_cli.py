"""Smoke program of the extra ``cli`` (the ``huanjie`` command: typer, rich).

``python -I smoke/extra_cli.py`` in an environment with the extra: the installed ``huanjie``
script answers ``--help`` and a quota question as JSON with exit code 0, and bad input exits 2
with the problem's code. With ``--absent``, in one without it: importing the command line raises
MissingExtraError naming the extra, and the installed ``huanjie`` script (and ``python -m
huanjie_rules``) exits 2 with one line naming the extra, no traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

from huanjie_rules.errors import MissingExtraError


def script() -> Path:
    """The ``huanjie`` script installed beside this Python."""
    folder = Path(sys.executable).parent
    found = [folder / name for name in ("huanjie", "huanjie.exe") if (folder / name).exists()]
    assert found, f"no huanjie script in {folder}"
    return found[0]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(script()), *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def present() -> None:
    from huanjie_rules.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(
            [
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
            ]
        )
    assert code == 0 and json.loads(out.getvalue())["total"] == 450, (code, out.getvalue())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["timeline", "2021-02-30", "-p", "npc-2020", "-f", "json"])
    assert code == 2 and json.loads(out.getvalue())["problems"][0]["code"] == "TYPE"
    helped = run("--help")
    assert helped.returncode == 0 and "screen" in helped.stdout, helped
    answer = run(
        "quota", "deputies", "--level", "县级", "--population", "1550001", "-p", "npc-2020",
        "-f", "json",
    )  # fmt: skip
    assert answer.returncode == 0 and json.loads(answer.stdout)["total"] == 450, answer
    print("cli smoke passed (in-process and the installed huanjie script)")


def absent() -> None:
    try:
        import huanjie_rules.cli  # noqa: F401
    except MissingExtraError as err:
        assert err.extra == "cli" and "huanjie-rules[cli]" in str(err), err
    else:
        raise AssertionError("the command line imported without the cli extra")
    for how, done in (
        ("the huanjie script", run("--help")),
        (
            "python -m huanjie_rules",
            subprocess.run(
                [sys.executable, "-m", "huanjie_rules", "--help"],
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=120,
            ),
        ),
    ):
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2, (how, done)
        assert len(lines) == 1 and "huanjie-rules[cli]" in lines[0], (how, done.stderr)
        assert "Traceback" not in done.stderr and not done.stdout, (how, done)
    print("cli absent: MissingExtraError names the extra; huanjie exits 2 with one line")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
