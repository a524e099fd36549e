"""Smoke program of the extra ``cli`` (the ``huanjie`` command: typer, rich).

``python -I smoke/extra_cli.py`` in an environment with the extra: a quota question answers as
JSON with exit code 0, bad input exits 2 with the problem's code. With ``--absent``, in one
without it: importing the command line raises MissingExtraError naming the extra.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys

from huanjie_rules.errors import MissingExtraError


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
    print("cli smoke passed")


def absent() -> None:
    try:
        import huanjie_rules.cli  # noqa: F401
    except MissingExtraError as err:
        assert err.extra == "cli" and "huanjie-rules[cli]" in str(err), err
    else:
        raise AssertionError("the command line imported without the cli extra")
    print("cli absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
