"""The commands of ``huanjie``: each reads its documents, asks :mod:`huanjie_rules.io.calls`, writes."""

from __future__ import annotations

import datetime as _dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

from ..errors import MissingExtraError

try:
    import typer
    from rich.console import Console
    from rich.progress import Progress
except ImportError as exc:  # exercised by the smoke program without the extra
    raise MissingExtraError(
        f"the huanjie command needs the {exc.name!r} package, which is not installed: "
        'pip install "huanjie-rules[cli]"',
        path="cli",
    ) from exc

from .._base import LabeledEnum
from ..errors import HuanjieError, InvalidDataError, Problem, RuleInputError
from ..io import calls
from ..io.json import DATE_PATTERN, from_dict, to_json
from ..io.requests import (
    ApportionQuery,
    AssemblyQuery,
    CommitteeQuery,
    DelegateQuery,
    DeputyQuery,
    MarginQuery,
    RosterBatch,
    Round,
    ScreenBatch,
    TimelineQuery,
)
from ..model import BodyKind, Election, ElectionForm, Level
from . import _output
from ._usage import Group

__all__ = ["app", "main"]

E = TypeVar("E", bound=Enum)


class Format(StrEnum):
    """Output formats."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Lang(StrEnum):
    """Languages of the rendered text."""

    zh = "zh"
    en = "en"


app = typer.Typer(
    name="huanjie",
    cls=Group,
    help="Exact, cited rules for Chinese leadership re-elections (换届选举).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
quota_app = typer.Typer(
    help="Quotas: assembly or congress, delegates, margins, committee size, deputies.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
profiles_app = typer.Typer(
    help="The shipped policy profiles: list, show, diff.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(quota_app, name="quota")
app.add_typer(profiles_app, name="profiles")

PolicyOpt = Annotated[
    str | None, typer.Option("--policy", "-p", help="policy profile id, e.g. npc-2020")
]
DateOpt = Annotated[
    str | None, typer.Option("--date", "-d", help="reference day, YYYY-MM-DD", metavar="DATE")
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="language of rendered text")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="output format")]
OutOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="write to FILE instead of standard output")
]


class _Options:
    def __init__(self, fmt: Format, lang: Lang, out: Path | None) -> None:
        self.fmt = fmt
        self.lang = lang.value
        self.out = out


def _fail(exc: HuanjieError, opts: _Options) -> NoReturn:
    report = calls.error_report(exc)
    if opts.fmt is Format.json:
        sys.stdout.write(to_json(report, indent=2) + "\n")
    else:
        print(exc.render(opts.lang), file=sys.stderr)
    raise typer.Exit(2)


def _run(opts: _Options, ask: Callable[[], Any]) -> NoReturn:
    try:
        result = ask()
        _output.write(result, opts.fmt.value, opts.lang, opts.out)
    except HuanjieError as exc:
        _fail(exc, opts)
    if isinstance(result, RosterBatch):
        raise typer.Exit(_output.roster_status(result))
    if isinstance(result, _output.Decided):
        raise typer.Exit(calls.exit_status(result.outcome))
    raise typer.Exit(calls.exit_status(result))


def _date(text: str | None, path: str = "date") -> _dt.date | None:
    if text is None:
        return None
    if not re.fullmatch(DATE_PATTERN, text):
        _bad_date(text, path)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        _bad_date(text, path)


def _bad_date(text: str, path: str) -> NoReturn:
    raise InvalidDataError([Problem("TYPE", path, f"expected a day like 2021-05-10, got {text!r}")])


def _enum(cls: type[E], text: str | None, path: str) -> E | None:
    if text is None:
        return None
    if issubclass(cls, LabeledEnum):
        try:
            return cls.from_label(text, path=path)
        except HuanjieError as exc:
            raise InvalidDataError([Problem(exc.code, path, exc.message)]) from None
    try:
        return cls(text)
    except ValueError:
        raise InvalidDataError(
            [Problem("UNKNOWN_LABEL", path, f"{text!r} is not a {cls.__name__}")]
        ) from None


def _load(source: str) -> Any:
    """Parsed JSON from a file (or ``-``, standard input)."""
    if source == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise RuleInputError(
                f"cannot read {source}: {exc.strerror or exc}", code="FILE", path=source
            ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidDataError([Problem("ENCODING", "", f"{source} is not UTF-8 text")]) from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InvalidDataError([Problem("JSON", "", f"{source}: not JSON ({exc})")]) from None
    return data


def _read(source: str, cls: type[Any]) -> Any:
    """Read a JSON document of type ``cls`` from a file (or ``-``, standard input)."""
    data = _load(source)
    try:
        return from_dict(data, cls)
    except InvalidDataError as exc:
        raise InvalidDataError(exc.problems, context=source) from None


# -- commands -----------------------------------------------------------------------------------


@app.command(
    epilog="Example: huanjie screen roster.xlsx --sheet 名册 -p xzhen-2021 -d 2021-03-01 "
    "-f csv -o findings.csv; huanjie screen election.json --lang en"
)
def screen(
    files: Annotated[
        list[str],
        typer.Argument(help="rosters (XLSX, CSV) or Election JSON documents (- for stdin)"),
    ],
    sheet: Annotated[
        list[str] | None,
        typer.Option(
            "--sheet",
            "-s",
            help="the roster sheet to read (repeat for several; '*' for every sheet); needed "
            "when a workbook has more than one sheet holding data",
        ),
    ] = None,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """Screen every candidate of each election document (JSON) or roster (XLSX, CSV).

    A roster is screened under --policy on --date (both needed), each post under the profile
    that governs it (a 两委 roster's village committee posts under the village profile). A
    workbook with several sheets holding data (this term's and last term's, say) is refused
    until --sheet names the one to screen. Every row is accounted for: findings, rows that
    could not be read, and reading notes (each row in CSV, XLSX and JSON; counted by code in
    the table).
    """
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        on = _date(date)
        rosters = [f for f in files if Path(f).suffix.lower() in _output.ROSTER_SUFFIXES]
        if rosters and len(rosters) != len(files):
            raise RuleInputError(
                "screen either JSON election documents or rosters, not both at once",
                code="FILE_TYPE",
                path="files",
            )
        err = Console(stderr=True)
        if rosters:
            return _screen_rosters(rosters, policy, on, err, sheet or None)
        if sheet:
            raise RuleInputError(
                "--sheet chooses a sheet of a roster (XLSX, CSV); these are JSON documents",
                code="FILE_TYPE",
                path="sheet",
            )
        reports = []
        with Progress(console=err, disable=not err.is_terminal or len(files) < 2) as bar:
            task = bar.add_task("screening", total=len(files))
            for name in files:
                election = _read(name, Election)
                reports.append(calls.screen_election(election, policy=policy, on=on, source=name))
                bar.advance(task)
        return ScreenBatch(reports=reports)

    _run(opts, ask)


def _screen_rosters(
    files: Sequence[str],
    policy: str | None,
    on: _dt.date | None,
    err: Console,
    sheet: Sequence[str] | None = None,
) -> RosterBatch:
    from ..io.tables import screen_roster

    if policy is None or on is None:
        raise RuleInputError(
            "a roster is screened under --policy on --date: give both",
            code="POLICY_REQUIRED",
            path="policy" if policy is None else "date",
        )
    screens = []
    with Progress(console=err, disable=not err.is_terminal) as bar:
        for name in files:
            task = bar.add_task(f"screening {Path(name).name}", total=None)

            def advance(done: int, total: int, task: Any = task) -> None:
                bar.update(task, completed=done, total=total)

            if not Path(name).is_file():
                raise RuleInputError(f"cannot read {name}", code="FILE", path=name)
            screens.append(
                screen_roster(
                    name, policy, on=on, progress=advance, sheet=list(sheet) if sheet else None
                )
            )
    return RosterBatch(screens=screens)


@app.command(
    epilog="Example: huanjie decide round1.json -f json -o outcome1.json; "
    "huanjie decide round2.json --next outcome1.json"
)
def decide(
    file: Annotated[str, typer.Argument(help="a Round JSON document (- for stdin)")],
    next_: Annotated[
        str | None,
        typer.Option("--next", help="the previous round's Outcome JSON: decide the next round"),
    ] = None,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """Decide a round from its tally or announced counts: who is elected, what comes next."""
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        data = _load(file)
        if next_ is not None:
            if not isinstance(data, dict) or data.get("election") is not None:
                raise RuleInputError(
                    "with --next the round is decided from the previous outcome: "
                    "leave the election out of the round document",
                    code="ONE_OF",
                    path="election",
                )
            data = {**data, "previous": _load(next_)}  # the Outcome document as written
        try:
            round_ = from_dict(data, Round)
        except InvalidDataError as exc:
            raise InvalidDataError(exc.problems, context=file) from None
        outcome = calls.decide_round(round_, policy=policy, on=_date(date))
        return _output.Decided(outcome, calls.against_given(outcome, round_))

    _run(opts, ask)


def _options(fmt: Format, lang: Lang, output: Path | None) -> _Options:
    opts = _Options(fmt, lang, output)
    if fmt is Format.xlsx and output is None:
        _fail(
            RuleInputError("--format xlsx needs --output FILE", code="NEEDS_OUTPUT", path="output"),
            opts,
        )
    return opts


@quota_app.command(
    "assembly", epilog="Example: huanjie quota assembly --members 120 -p party-basic-2020"
)
def quota_assembly(
    members: Annotated[int, typer.Option(help="党员人数")],
    scattered: Annotated[bool, typer.Option(help="members widely scattered")] = False,
    proposed: Annotated[str | None, typer.Option(help="proposed form (code or 中文)")] = None,
    approved: Annotated[bool, typer.Option(help="the proposed form is approved")] = False,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """党员大会 or 党员代表大会: what the rules require and permit."""
    opts = _options(fmt, lang, output)
    _run(
        opts,
        lambda: calls.quota(
            "assembly",
            AssemblyQuery(
                members=members,
                scattered=scattered,
                proposed=_enum(ElectionForm, proposed, "proposed"),
                approved=approved,
            ),
            policy=policy,
            on=_date(date),
        ),
    )


@quota_app.command(
    "delegates", epilog="Example: huanjie quota delegates --members 500 -p luonan-2011"
)
def quota_delegates(
    members: Annotated[int | None, typer.Option(help="党员人数")] = None,
    proposed: Annotated[int | None, typer.Option(help="delegates proposed")] = None,
    level: Annotated[str | None, typer.Option(help="level (code or 中文)")] = None,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """The usual number of delegates to a party congress, and a check of a proposed number."""
    opts = _options(fmt, lang, output)
    _run(
        opts,
        lambda: calls.quota(
            "delegates",
            DelegateQuery(members=members, proposed=proposed, level=_enum(Level, level, "level")),
            policy=policy,
            on=_date(date),
        ),
    )


@quota_app.command(
    "margins",
    epilog="Example: huanjie quota margins --office 委员 --seats 7 --candidates 8 "
    "-p party-basic-2020",
)
def quota_margins(
    office: Annotated[str, typer.Option(help="the post (code or 中文)")],
    seats: Annotated[int, typer.Option(help="应选名额")],
    candidates: Annotated[int | None, typer.Option(help="候选人数 proposed")] = None,
    form: Annotated[str | None, typer.Option(help="election form (code or 中文)")] = None,
    previous_margin: Annotated[
        str | None, typer.Option(help="previous 差额比例 as a fraction, e.g. 1/5")
    ] = None,
    self_nomination: Annotated[bool, typer.Option(help="自荐直选")] = False,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """差额: the bounds on the number of candidates, or a check of a proposed number."""
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        query = from_dict(
            {
                "office": office,
                "seats": seats,
                "candidates": candidates,
                "form": form,
                "previous_margin": previous_margin,
                "self_nomination": self_nomination,
            },
            MarginQuery,
            labels=True,
        )
        return calls.quota("margins", query, policy=policy, on=_date(date))

    _run(opts, ask)


@quota_app.command(
    "committee",
    epilog="Example: huanjie quota committee --body 党支部 --full-members 12 --proposed 5 "
    "-p party-basic-2020",
)
def quota_committee(
    body: Annotated[str, typer.Option(help="the body (code or 中文)")],
    proposed: Annotated[int | None, typer.Option(help="职数 proposed")] = None,
    full_members: Annotated[int | None, typer.Option(help="正式党员人数")] = None,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """职数: how many members a committee usually has, and a check of a proposed size."""
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        kind = _enum(BodyKind, body, "body")
        assert kind is not None
        query = CommitteeQuery(body=kind, proposed=proposed, full_members=full_members)
        return calls.quota("committee", query, policy=policy, on=_date(date))

    _run(opts, ask)


@quota_app.command(
    "deputies",
    epilog="Example: huanjie quota deputies --level 县级 --population 1550001 -p npc-2020",
)
def quota_deputies(
    level: Annotated[str, typer.Option(help="county or township (code or 中文)")],
    population: Annotated[int, typer.Option(help="人口数")],
    minority_uplift: Annotated[bool, typer.Option(help="ask for the minority uplift")] = False,
    proposed: Annotated[int | None, typer.Option(help="deputies proposed")] = None,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """人大代表名额 of a county or township congress, step by step."""
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        lv = _enum(Level, level, "level")
        assert lv is not None
        query = DeputyQuery(
            level=lv, population=population, minority_uplift=minority_uplift, proposed=proposed
        )
        return calls.quota("deputies", query, policy=policy, on=_date(date))

    _run(opts, ask)


@app.command(
    epilog="Example: huanjie apportion --seats 4 甲=5 乙=5 丙=5 --method DHONDT -p party-basic-2020"
)
def apportion(
    units: Annotated[list[str], typer.Argument(help="UNIT=WEIGHT pairs (weights whole or a/b)")],
    seats: Annotated[int, typer.Option(help="seats to share")],
    method: Annotated[str | None, typer.Option(help="apportionment method (code or 中文)")] = None,
    minimum: Annotated[int | None, typer.Option(help="seats every unit gets at least")] = None,
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """名额分配: share seats among units in proportion to their weights; ties are reported."""
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        weights = []
        problems = []
        for i, pair in enumerate(units):
            key, sep, weight = pair.rpartition("=")
            if not sep or not key:
                problems.append(Problem("TYPE", f"weights[{i}]", f"expected UNIT=WEIGHT: {pair!r}"))
                continue
            whole = re.fullmatch(r"[0-9]+", weight)
            weights.append({"key": key, "weight": int(weight) if whole else weight})
        if problems:
            raise InvalidDataError(problems)
        query = from_dict(
            {"weights": weights, "seats": seats, "method": method, "minimum": minimum},
            ApportionQuery,
            labels=True,
        )
        return calls.apportion_units(query, policy=policy, on=_date(date))

    _run(opts, ask)


@app.command(epilog="Example: huanjie timeline 2021-11-05 -p npc-2020 --lang en")
def timeline(
    election_day: Annotated[str, typer.Argument(help="选举日, YYYY-MM-DD")],
    policy: PolicyOpt = None,
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """Every statutory deadline before an election day, with the article that sets it."""
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        day = _date(election_day, "election_day")
        assert day is not None
        return calls.timeline(TimelineQuery(election_day=day), policy=policy, on=_date(date))

    _run(opts, ask)


@profiles_app.command("list", epilog="Example: huanjie profiles list --format json")
def profiles_list(
    lang: LangOpt = Lang.zh, fmt: FormatOpt = Format.table, output: OutOpt = None
) -> None:
    """Every shipped profile: id, regime, title and validity."""
    _run(_options(fmt, lang, output), calls.profile_list)


@profiles_app.command("show", epilog="Example: huanjie profiles show village-2018")
def profiles_show(
    profile: Annotated[str, typer.Argument(help="profile id")],
    date: DateOpt = None,
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """Every parameter of a profile with its value and citation."""
    _run(_options(fmt, lang, output), lambda: calls.policy_of(profile, _date(date)))


@profiles_app.command("diff", epilog="Example: huanjie profiles diff party-basic-2020 xzhen-2021")
def profiles_diff(
    left: Annotated[str, typer.Argument(help="profile id")],
    right: Annotated[str, typer.Argument(help="profile id")],
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """The parameters that one profile adds, drops or changes against another."""
    _run(_options(fmt, lang, output), lambda: calls.profile_diff(left, right))


@app.command(epilog="Example: huanjie validate Election election.json")
def validate(
    type_name: Annotated[str, typer.Argument(metavar="TYPE", help="record type, e.g. Election")],
    file: Annotated[str, typer.Argument(help="JSON document (- for stdin)")],
    lang: LangOpt = Lang.zh,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """Check a JSON document against a record type: every problem with its code and path."""
    opts = _options(fmt, lang, output)

    def ask() -> Any:
        if file == "-":
            raw = sys.stdin.buffer.read()
        else:
            try:
                raw = Path(file).read_bytes()
            except OSError as exc:
                raise RuleInputError(
                    f"cannot read {file}: {exc.strerror or exc}", code="FILE", path=file
                ) from None
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            from ..io.requests import ProblemReport, ValidationReport

            problem = ProblemReport.of(Problem("JSON", "", f"not JSON: {exc}"))
            return ValidationReport(record_type=type_name, valid=False, problems=[problem])
        return calls.validate(type_name, data)

    _run(opts, ask)


@app.command(epilog="Example: huanjie schema Candidate > candidate.schema.json")
def schema(
    type_name: Annotated[
        str | None, typer.Argument(metavar="TYPE", help="record type; none lists them")
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of a record type, or list the types."""
    from ..io.schema import load_schema, schema_types

    if type_name is None:
        for name in schema_types():
            print(name)
        raise typer.Exit(0)
    try:
        data = load_schema(type_name)
    except HuanjieError as exc:
        _fail(exc, _Options(Format.table, Lang.en, None))
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command(epilog="Example: huanjie serve --port 8000")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    max_body: Annotated[int, typer.Option(help="largest request body, in bytes")] = 10_000_000,
    workers: Annotated[int, typer.Option(help="worker processes")] = 1,
) -> None:
    """Serve the HTTP API and the page for people (extra server)."""
    try:
        from ..server import run

        run(host=host, port=port, max_body=max_body, workers=workers)
    except HuanjieError as exc:
        _fail(exc, _Options(Format.table, Lang.en, None))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        app(
            args=list(argv) if argv is not None else None, prog_name="huanjie", standalone_mode=True
        )
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    return 0
