"""Usage errors of the command line (a missing option, a bad choice) as the library's errors.

click reports a usage error in English on its own. The ``huanjie`` group reads the command line
itself instead (:class:`Group`), and turns click's error into an
:class:`~huanjie_rules.errors.InvalidDataError` with one coded problem, written like every other
bad input: rendered in the language of ``--lang`` on standard error, or as an ``ErrorReport``
document on standard output with ``--format json``; exit status 2.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Sequence
from typing import Any

# typer carries its own copy of click; its usage errors are that copy's exceptions.
from typer import Abort
from typer._click import exceptions as click
from typer.core import TyperGroup

from ..errors import InvalidDataError, Problem
from ..io import calls
from ..io.json import to_json

__all__ = ["Group", "usage_problem"]


def _given(args: Sequence[str], names: Sequence[str]) -> str | None:
    """The value given on the command line after one of the option ``names``, if any."""
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                return args[i + 1]
            if name.startswith("--") and arg.startswith(name + "="):
                return arg[len(name) + 1 :]
            if (
                len(name) == 2
                and not name.startswith("--")
                and arg.startswith(name)
                and arg != name
            ):
                return arg[2:]
    return None


def _option(args: Sequence[str], long: str, short: str, default: str) -> str:
    given = _given(args, [long, short] if short else [long])
    return given if given is not None else default


def usage_problem(exc: click.UsageError, args: Sequence[str]) -> Problem:
    """The coded problem of click's usage error (``args``: the command line, for the value).

    Example:
        >>> from huanjie_rules.cli import app
        >>> from typer.main import get_command
        >>> try:  # the parsing itself, without the report Group.main writes
        ...     TyperGroup.main(get_command(app), ["timeline", "--lang", "fr"], standalone_mode=False)
        ... except click.UsageError as exc:
        ...     problem = usage_problem(exc, ["timeline", "--lang", "fr"])
        >>> problem.code, problem.path, problem.message
        ('CHOICE', '--lang', "expected one of ['zh', 'en'], got 'fr'")
        >>> problem.detail_zh
        "应为['zh', 'en']之一，实际为'fr'"
    """
    param = getattr(exc, "param", None)
    opts: list[str] = list(getattr(param, "opts", None) or [])
    is_option = any(o.startswith("-") for o in opts)
    if is_option:
        path = next((o for o in opts if o.startswith("--")), opts[0])
    else:
        path = str(getattr(param, "name", "") or "").upper()
    if isinstance(exc, click.MissingParameter):
        return Problem("MISSING", path, "is required")
    if isinstance(exc, click.BadParameter) and param is not None:
        value = _given(args, opts) if is_option else None
        shown = "" if value is None else f", got {value[:60]!r}"
        try:
            kind = param.get_runtime_param().annotation
        except Exception:  # another typer may keep the annotation elsewhere
            kind = None
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            choices = [str(m.value) for m in kind]
            return Problem("CHOICE", path, f"expected one of {choices}{shown}")
        name = {int: "an integer", str: "text", float: "a number"}.get(kind, "another value")
        return Problem("TYPE", path, f"expected {name}{shown}")
    if isinstance(exc, click.NoSuchOption):
        return Problem("USAGE", exc.option_name, f"no such option {exc.option_name}")
    if isinstance(exc, click.BadOptionUsage):
        return Problem("USAGE", exc.option_name, f"{exc.option_name} needs a value")
    return Problem("USAGE", "", exc.format_message().rstrip("."))


def _report(exc: click.UsageError, args: Sequence[str]) -> int:
    problem = usage_problem(exc, args)
    error = InvalidDataError([problem], context="huanjie")
    if _option(args, "--format", "-f", "table") == "json":
        sys.stdout.write(to_json(calls.error_report(error), indent=2) + "\n")
        return 2
    lang = _option(args, "--lang", "", "zh")
    lang = lang if lang in ("zh", "en") else "zh"
    command = exc.ctx.command_path if exc.ctx is not None else "huanjie"
    hint = (
        f"（{command} --help 列出用法）" if lang == "zh" else f"({command} --help shows the usage)"
    )
    print(error.render(lang), file=sys.stderr)
    print(hint, file=sys.stderr)
    return 2


class Group(TyperGroup):
    """The ``huanjie`` group: click's usage errors come out as the library's coded problems."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        given = list(args) if args is not None else sys.argv[1:]
        try:
            rv = super().main(
                args=given,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except click.NoArgsIsHelpError as exc:
            exc.show()  # a group called alone shows its help
            code = exc.exit_code
        except click.UsageError as exc:
            code = _report(exc, given)
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except Abort:
            print("Aborted!", file=sys.stderr)
            code = 1
        else:
            code = rv if isinstance(rv, int) and not isinstance(rv, bool) else 0
        if standalone_mode:
            sys.exit(code)
        return code
