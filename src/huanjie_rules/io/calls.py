"""The questions the command line and the HTTP service answer, asked the same way by both.

Each function takes a document (a record of :mod:`huanjie_rules.io.requests` or of the model),
the common options (a profile id and a reference date) and returns a result record; the edges
only read the document, call one of these and write the result. :func:`exit_status` turns a
result into the command line's exit code (0 all clear, 1 a FAIL finding or an unfinished or void
outcome), and :func:`table` lays a result out as rows for a table, CSV or a spreadsheet.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.io.requests import DeputyQuery
    >>> from huanjie_rules.model import Level
    >>> q = quota("deputies", DeputyQuery(level=Level.COUNTY, population=1_550_001), policy="npc-2020")
    >>> q.total, exit_status(q)
    (450, 0)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

import attrs

from .._args import checked
from ..apportion import Apportionment, apportion
from ..eligibility import ScreenError, screen_many
from ..errors import HuanjieError, InvalidDataError, Problem, RuleInputError
from ..findings import Eligibility, Finding, Severity, format_scalar
from ..model import Election, Office
from ..policy import Policy, list_policies, load_policy
from ..procedure import ElectionTimeline, election_timeline
from ..quotas import (
    assembly_form,
    check_margin,
    committee_size,
    delegate_count,
    deputy_quota,
    margin_bounds,
)
from ..votes import Outcome, OutcomeStatus, RoundCount, Tally, decide, decide_next
from .json import from_dict, to_dict
from .requests import (
    ApportionQuery,
    AssemblyQuery,
    CommitteeQuery,
    DelegateQuery,
    DeputyQuery,
    ErrorReport,
    MarginQuery,
    ParameterChange,
    ProblemReport,
    ProfileDiff,
    ProfileInfo,
    ProfileList,
    Round,
    ScreenBatch,
    ScreenReport,
    TimelineQuery,
    ValidationReport,
)

__all__ = [
    "QUOTAS",
    "against_given",
    "apportion_units",
    "decide_round",
    "error_report",
    "examples",
    "exit_status",
    "findings_table",
    "policy_of",
    "profile_diff",
    "profile_list",
    "quota",
    "screen_election",
    "table",
    "timeline",
    "validate",
    "write_sheet",
]

#: The quota questions: name → the query record it reads.
QUOTAS: Mapping[str, type] = {
    "assembly": AssemblyQuery,
    "delegates": DelegateQuery,
    "margins": MarginQuery,
    "committee": CommitteeQuery,
    "deputies": DeputyQuery,
}


@checked
def policy_of(policy: str | None, on: _dt.date | None, default: str | None = None) -> Policy:
    """Load the profile ``policy`` (or ``default``), in force on ``on`` when a day is given.

    Raises:
        RuleInputError: no profile named (code ``POLICY_REQUIRED``).
        UnknownPolicyError, PolicyNotInForceError: as :func:`~huanjie_rules.load_policy`.
    """
    pid = policy or default
    if not pid:
        raise RuleInputError(
            "name a policy profile (--policy, or ?policy= over HTTP)",
            code="POLICY_REQUIRED",
            path="policy",
        )
    return load_policy(pid, on=on)


@checked
def screen_election(
    election: Election,
    *,
    policy: str | None = None,
    on: _dt.date | None = None,
    source: str = "",
) -> ScreenReport:
    """Screen every candidate of ``election``; rows that cannot be screened become errors.

    ``on`` replaces the election's date as the day of the screen; ``policy`` replaces the
    election's own profile.
    """
    if on is not None:
        election = attrs.evolve(election, date=on)
    prof = policy_of(policy, election.date, election.policy_id)
    rows = screen_many(None, election, prof, on_error="report")
    return ScreenReport(
        source=source,
        election=election.key,
        policy_id=prof.id,
        date=election.date,
        results=[r for r in rows if isinstance(r, Eligibility)],
        errors=[r for r in rows if isinstance(r, ScreenError)],
    )


@checked
def decide_round(
    round_: Round, *, policy: str | None = None, on: _dt.date | None = None
) -> Outcome:
    """Decide one round: a first round from its election, a later one from the previous outcome.

    The profile is the election's (or the previous outcome's) unless ``policy`` names another;
    ``on`` is the day it must be in force (the election day by default).
    """
    counts: RoundCount | Tally = round_.counts if round_.counts is not None else _tally(round_)
    if round_.election is not None:
        election = round_.election
        prof = policy_of(policy, on or election.date, election.policy_id)
        return decide(election, counts, prof, turnout=round_.turnout)
    previous = round_.previous
    assert previous is not None  # the record's own check: one of the two
    prof = policy_of(policy, on, previous.policy_id)
    return decide_next(previous, counts, prof, turnout=round_.turnout)


def _tally(round_: Round) -> Tally:
    assert round_.tally is not None  # the record's own check: counts or a tally
    return round_.tally


@checked
def quota(kind: str, query: Any, *, policy: str | None = None, on: _dt.date | None = None) -> Any:
    """Answer one quota question (see :data:`QUOTAS`) under ``policy``.

    Raises:
        RuleInputError: an unknown ``kind`` (code ``UNKNOWN_QUESTION``), or what the rule
            function raises.
    """
    if kind not in QUOTAS:
        raise RuleInputError(
            f"no quota question {kind!r}; ask one of {', '.join(QUOTAS)}",
            code="UNKNOWN_QUESTION",
            path="kind",
        )
    if not isinstance(query, QUOTAS[kind]):
        raise RuleInputError(
            f"the {kind} question reads a {QUOTAS[kind].__name__}", code="TYPE", path="query"
        )
    prof = policy_of(policy, on)
    if isinstance(query, AssemblyQuery):
        return assembly_form(
            prof,
            query.members,
            scattered=query.scattered,
            proposed=query.proposed,
            approved=query.approved,
        )
    if isinstance(query, DelegateQuery):
        return delegate_count(prof, query.proposed, members=query.members, level=query.level)
    if isinstance(query, MarginQuery):
        if query.candidates is None:
            return margin_bounds(
                prof,
                query.office,
                query.seats,
                form=query.form,
                previous_margin=query.previous_margin,
            )
        return check_margin(
            prof,
            query.office,
            query.seats,
            query.candidates,
            form=query.form,
            previous_margin=query.previous_margin,
            self_nomination=query.self_nomination,
        )
    if isinstance(query, CommitteeQuery):
        return committee_size(
            prof, query.body, proposed=query.proposed, full_members=query.full_members
        )
    assert isinstance(query, DeputyQuery)
    return deputy_quota(
        prof,
        query.level,
        query.population,
        minority_uplift=query.minority_uplift,
        proposed=query.proposed,
    )


@checked
def apportion_units(
    query: ApportionQuery, *, policy: str | None = None, on: _dt.date | None = None
) -> Apportionment:
    """Share seats among units under ``policy``."""
    prof = policy_of(policy, on)
    return apportion(
        prof,
        [(u.key, u.weight) for u in query.weights],
        query.seats,
        method=query.method,
        minimum=query.minimum,
    )


@checked
def timeline(
    query: TimelineQuery, *, policy: str | None = None, on: _dt.date | None = None
) -> ElectionTimeline:
    """Every statutory deadline before the election day, under ``policy`` in force on it."""
    prof = policy_of(policy, on or query.election_day)
    return election_timeline(query.election_day, prof)


@checked
def validate(type_name: str, data: Any) -> ValidationReport:
    """Read ``data`` (parsed JSON) as the record type ``type_name``; report every problem.

    Raises:
        UnknownTypeError: no record type has that name.
    """
    from .schema import UnknownTypeError, schema_types

    types = schema_types()
    if type_name not in types:
        raise UnknownTypeError(
            f"no record type {type_name!r}; known types: {', '.join(types)}", path="type"
        )
    try:
        from_dict(data, types[type_name])
    except InvalidDataError as exc:
        problems = [ProblemReport.of(p) for p in exc.problems]
        return ValidationReport(record_type=type_name, valid=False, problems=problems)
    except HuanjieError as exc:
        problem = ProblemReport.of(Problem(exc.code, exc.path, exc.message))
        return ValidationReport(record_type=type_name, valid=False, problems=[problem])
    return ValidationReport(record_type=type_name, valid=True)


@checked
def profile_list() -> ProfileList:
    """Every shipped profile in a line each."""
    out = []
    for pid in list_policies():
        p = load_policy(pid)
        out.append(
            ProfileInfo(
                id=p.id,
                regime=p.regime,
                title_zh=p.title_zh,
                title_en=p.title_en,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                extends=p.lineage[1] if len(p.lineage) > 1 else None,
                local=p.local,
            )
        )
    return ProfileList(profiles=out)


@checked
def profile_diff(left: str, right: str) -> ProfileDiff:
    """Every parameter that is only in one of two profiles or differs between them."""
    a, b = load_policy(left), load_policy(right)
    changes = []
    for name in sorted(set(a.names()) | set(b.names())):
        pa = a.param(name) if name in a else None
        pb = b.param(name) if name in b else None
        if pa is None:
            changes.append(ParameterChange(name=name, change="ADDED", right=pb))
        elif pb is None:
            changes.append(ParameterChange(name=name, change="REMOVED", left=pa))
        elif (pa.value, pa.hard, pa.citation) != (pb.value, pb.hard, pb.citation):
            changes.append(ParameterChange(name=name, change="CHANGED", left=pa, right=pb))
    return ProfileDiff(left=a.id, right=b.id, changes=changes)


@checked
def error_report(exc: HuanjieError) -> ErrorReport:
    """The library's error as a document: its code, message, path and every problem."""
    problems = exc.problems if isinstance(exc, InvalidDataError) else ()
    return ErrorReport(
        code=exc.code,
        message=exc.message,
        message_zh=exc.message_zh,
        message_en=exc.message_en,
        detail_zh=exc.detail_zh,
        detail_en=exc.detail_en,
        path=exc.path,
        problems=[ProblemReport.of(p) for p in problems],
    )


# -- what a result means for the caller ---------------------------------------------------------


def _findings(value: Any) -> Iterator[Finding]:
    if isinstance(value, Finding):
        yield value
    elif isinstance(value, Outcome):
        return  # an outcome's trace explains the count; its status says how it stands
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _findings(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _findings(item)


@checked
def exit_status(result: Any) -> int:
    """0 when all is clear; 1 for a FAIL finding, a row that could not be screened, or an
    outcome that is not complete and valid; 2 for a document that is not valid."""
    if isinstance(result, ValidationReport):
        return 0 if result.valid else 2
    if isinstance(result, Outcome):
        return 0 if result.valid and result.status is OutcomeStatus.COMPLETE else 1
    if isinstance(result, ScreenBatch | ScreenReport):
        reports = result.reports if isinstance(result, ScreenBatch) else (result,)
        if any(r.errors for r in reports):
            return 1
    if isinstance(result, Apportionment) and result.tie is not None:
        return 1
    return 1 if any(f.severity is Severity.FAIL for f in _findings(result)) else 0


# -- results as rows ----------------------------------------------------------------------------

_HEADERS: Mapping[str, tuple[str, str]] = {
    "source": ("来源", "source"),
    "election": ("选举", "election"),
    "candidate": ("候选人", "candidate"),
    "office": ("职务", "office"),
    "status": ("审查结论", "status"),
    "severity": ("程度", "severity"),
    "code": ("代码", "code"),
    "rule_id": ("规则", "rule"),
    "article": ("依据", "legal basis"),
    "observed": ("实际", "observed"),
    "limit": ("标准", "limit"),
    "message": ("说明", "message"),
    "round": ("轮次", "round"),
    "post": ("职务", "post"),
    "seats": ("应选", "seats"),
    "person": ("姓名", "person"),
    "votes": ("赞成票", "votes"),
    "against": ("不赞成票", "against"),
    "abstain": ("弃权票", "abstain"),
    "result": ("结果", "result"),
    "field": ("项目", "field"),
    "value": ("值", "value"),
    "step": ("步骤", "step"),
    "days": ("选举日前天数", "days before"),
    "latest": ("最迟日期", "latest day"),
    "parameter": ("参数", "parameter"),
}


def _head(key: str, lang: str) -> str:
    zh, en = _HEADERS[key]
    return zh if lang == "zh" else en


def _basis(f: Finding) -> str:
    c = f.citation
    return f"{c.title}{c.article or ''}" if c.article else c.title


def _finding_cells(f: Finding, lang: str) -> list[str]:
    return [
        f.severity.label if lang == "zh" else f.severity.value,
        f.code,
        f.rule_id,
        _basis(f),
        format_scalar(f.observed),
        format_scalar(f.limit),
        f.message_zh if lang == "zh" else f.message_en,
    ]


_FINDING_KEYS = ("severity", "code", "rule_id", "article", "observed", "limit", "message")


def _label(value: Any, lang: str) -> str:
    if lang == "zh" and hasattr(value, "label"):
        return str(value.label)
    return str(getattr(value, "value", value))


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        if set(data) in ({"fraction"}, {"date"}):
            yield prefix, str(next(iter(data.values())))
            return
        for k, v in data.items():
            yield from _flatten(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(data, list):
        if not data:
            yield prefix, ""
        for i, v in enumerate(data):
            yield from _flatten(v, f"{prefix}[{i}]")
    else:
        yield (
            prefix,
            "" if data is None else str(data).lower() if isinstance(data, bool) else str(data),
        )


def _without_findings(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_findings(v) for k, v in data.items() if k not in ("findings", "trace")}
    if isinstance(data, list):
        return [_without_findings(v) for v in data]
    return data


@checked
def against_given(outcome: Outcome, round_: Round | None = None) -> tuple[bool, ...]:
    """For each tally of ``outcome``, whether its 不赞成 votes are known to have been given.

    A round given only 赞成 votes (a :class:`~huanjie_rules.votes.RoundCount` without
    ``against``) counts every other valid ballot as 弃权: its 不赞成 and 弃权 are not known
    apart. A tally with a 不赞成 vote was given them; one without any may have been, or not.
    ``round_``, the document of the round decided last, says for that round: its full tally or
    its ``against`` counts.

    Example:
        >>> outcome = decide_round(next(x for x in examples() if isinstance(x, Round)))
        >>> against_given(outcome)
        (False,)
    """
    given = [any(c.against for c in t.counts) for t in outcome.tallies]
    said = round_ is not None and (
        round_.tally is not None or (round_.counts is not None and bool(round_.counts.against))
    )
    if said and given:
        given[-1] = True
    return tuple(given)


def _round_label(outcome: Outcome, index: int, lang: str) -> str:
    if index == len(outcome.tallies) - 1:
        return f"{outcome.round_number} {_label(outcome.round, lang)}"
    if index == outcome.basis_index:
        return f"{index + 1} {_label(outcome.basis_round, lang)}"
    return str(index + 1)


@checked
def table(
    result: Any,
    lang: str = "zh",
    *,
    full: bool = True,
    announced: tuple[bool, ...] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """Lay ``result`` out as one table: headers and rows of text, in ``lang`` (zh or en).

    A screen gives one row per finding (a candidate with none gets one row with its verdict);
    an outcome one row per person per post and round on record (the tie re-vote's too), where
    不赞成 and 弃权 read 未给出 (not given) for a round whose 不赞成 votes were not given —
    ``announced`` (one flag per tally, by default :func:`against_given`) says which; a
    timeline one row per deadline; any other result one row per field, flattened (without its
    findings unless ``full``: :func:`findings_table` lists them).
    """
    if isinstance(result, ScreenBatch | ScreenReport):
        reports = result.reports if isinstance(result, ScreenBatch) else (result,)
        keys = ["source", "election", "candidate", "status", *_FINDING_KEYS]
        rows: list[list[str]] = []
        for rep in reports:
            for r in rep.results:
                lead = [rep.source, rep.election, r.subject, _label(r.status, lang)]
                if not r.findings:
                    rows.append(lead + [""] * len(_FINDING_KEYS))
                for f in r.findings:
                    rows.append(lead + _finding_cells(f, lang))
            for e in rep.errors:
                status = "无法审查" if lang == "zh" else "NOT SCREENED"
                detail = e.detail_zh if lang == "zh" else e.message
                cells = [
                    "",
                    e.code,
                    "",
                    "",
                    "",
                    "",
                    f"{e.path}{'：' if lang == 'zh' else ': '}{detail}",
                ]
                rows.append([rep.source, rep.election, e.subject, status, *cells])
        return [_head(k, lang) for k in keys], rows
    if isinstance(result, Outcome):
        keys = ["round", "post", "seats", "person", "votes", "against", "abstain", "result"]
        given = against_given(result) if announced is None else tuple(announced)
        unknown = "未给出" if lang == "zh" else "not given"
        last = len(result.tallies) - 1
        rows = []
        for post in result.posts:
            for index, standings in (
                (result.basis_index, post.standings),
                (last, post.revote_standings),
            ):
                split = index < len(given) and given[index]
                for s in standings:
                    rows.append(
                        [
                            _round_label(result, index, lang),
                            _label(post.office, lang),
                            str(post.seats),
                            s.person,
                            str(s.votes),
                            str(s.against) if split or not s.listed else unknown,
                            str(s.abstain) if split or not s.listed else unknown,
                            _label(s.result, lang),
                        ]
                    )
        return [_head(k, lang) for k in keys], rows
    if isinstance(result, ElectionTimeline):
        keys = ["step", "days", "latest", "article", "rule_id", "parameter"]
        rows = [
            [
                d.label_zh if lang == "zh" else d.label_en,
                str(d.days),
                d.latest.isoformat(),
                _basis(d.finding),
                d.finding.rule_id,
                d.parameter,
            ]
            for d in result.deadlines
        ]
        return [_head(k, lang) for k in keys], rows
    data = to_dict(result)
    data.pop("schema_version", None)
    if not full:
        data = _without_findings(data)
    return [_head("field", lang), _head("value", lang)], [[k, v] for k, v in _flatten(data)]


@checked
def write_sheet(target: Any, result: Any, lang: str = "zh") -> None:
    """Write the :func:`table` of ``result`` as an XLSX workbook (extra ``tables``).

    ``target`` is a path or a binary file object. Every text cell stays text (a value starting
    with ``=`` is never a formula); the header row is frozen and filtered.
    """
    from .tables import write_xlsx

    heads, rows = table(result, lang)
    write_xlsx(
        [("结果" if lang == "zh" else "results", [dict(zip(heads, r, strict=True)) for r in rows])],
        target,
    )


@checked
def findings_table(result: Any, lang: str = "zh") -> tuple[list[str], list[list[str]]]:
    """Every finding reachable from ``result``, one row each (for results that are not screens)."""
    rows: list[list[str]] = []
    for f in _findings(result):
        cells = _finding_cells(f, lang)
        if cells not in rows:  # a result may repeat the findings of a part it holds
            rows.append(cells)
    return [_head(k, lang) for k in _FINDING_KEYS], rows


# -- examples (the bundled data through every call) ---------------------------------------------


@checked
def examples() -> list[Any]:
    """One document and one result of every question, from the bundled example data."""
    from ..apportion import ApportionMethod
    from ..examples.demo import load_example
    from ..model import BodyKind, Level
    from .requests import UnitWeight

    election, rounds = load_example()
    standing = ScreenBatch(reports=[screen_election(election, source="village_2021.json")])
    # As in the demo: the committee replaces a scrutineer who is a candidate's relative.
    election = attrs.evolve(election, staff=[s for s in election.staff if s.name != "李芳"])
    first, later = rounds[0], rounds[1]
    counts = RoundCount(
        voted=first["returned"],
        issued=first["issued"],
        returned=first["returned"],
        invalid=first.get("invalid", 0),
        for_votes={
            (Office.from_label(o), p): n
            for o, by_name in first["for"].items()
            for p, n in by_name.items()
        },
    )
    eligible = {
        r.subject for r in screen_election(election).results if r.status.value != "INELIGIBLE"
    }
    ballot = attrs.evolve(
        election, candidates=[c for c in election.candidates if c.key in eligible]
    )
    round1 = Round(election=ballot, counts=counts)
    outcome = decide_round(round1)
    round2 = Round(
        previous=outcome,
        counts=RoundCount(
            voted=later["returned"],
            issued=later["issued"],
            returned=later["returned"],
            invalid=later.get("invalid", 0),
            for_votes=dict(later["for_names"]),
        ),
    )
    queries: list[tuple[str, Any, str]] = [
        ("assembly", AssemblyQuery(members=120), "party-basic-2020"),
        ("delegates", DelegateQuery(members=500), "luonan-2011"),
        ("margins", MarginQuery(office=Office.MEMBER, seats=7), "party-basic-2020"),
        ("margins", MarginQuery(office=Office.MEMBER, seats=7, candidates=8), "party-basic-2020"),
        (
            "committee",
            CommitteeQuery(body=BodyKind.BRANCH, full_members=12, proposed=5),
            "party-basic-2020",
        ),
        ("deputies", DeputyQuery(level=Level.COUNTY, population=1_550_001), "npc-2020"),
    ]
    values: list[Any] = [standing, round1, outcome, round2, decide_round(round2)]
    for kind, query, pid in queries:
        values += [query, quota(kind, query, policy=pid)]
    app = ApportionQuery(
        weights=[
            UnitWeight(key=k, weight=Fraction(w)) for k, w in (("甲", 5), ("乙", 5), ("丙", 5))
        ],
        seats=4,
        method=ApportionMethod.DHONDT,
    )
    values += [app, apportion_units(app, policy="party-basic-2020")]
    tq = TimelineQuery(election_day=_dt.date(2021, 11, 5))
    values += [tq, timeline(tq, policy="npc-2020")]
    values.append(validate("Seat", {"office": "MEMBER", "count": 0}))
    values += [profile_list(), profile_diff("party-basic-2020", "xzhen-2021")]
    values.append(error_report(InvalidDataError([Problem("RANGE", "count", "must be >= 1")])))
    return values
