"""Screening a whole 两委 roster, each post under the profile that governs it, and its results
as tables (pandas, polars, plain records), CSV and XLSX.

See :func:`screen_roster`.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import attrs

from ..._args import checked
from ..._base import to_tuple
from ...eligibility import CHECKS, ScreenError, screen_many
from ...errors import RuleInputError
from ...findings import Eligibility, Finding, Severity, format_scalar
from ...model import (
    BodyKind,
    Candidate,
    Election,
    ElectionForm,
    Level,
    Office,
    Regime,
    Seat,
    Vetting,
)
from ...policy import Policy, governing_policy, load_policy
from ...policy._scope import companion_parameter
from ._sources import require
from .files import COLUMN_LABELS, write_csv, write_xlsx
from .roster import Roster, RosterEntry, read_roster

__all__ = [
    "COLUMN_LABELS",
    "ROSTER_CHECKS",
    "CandidacyResult",
    "RosterScreen",
    "Route",
    "records_frame",
    "screen_roster",
]

#: The checks a roster screen runs by default: those a roster's columns can answer. The
#: negative lists and the 四个凡提 need vetting records a roster does not hold; they run when
#: ``vetting`` is given (or ``checks=CHECKS``), and a profile that requires them then reports
#: every missing attestation.
ROSTER_CHECKS: tuple[str, ...] = (
    "rights",
    "identity",
    "age",
    "party_age",
    "education",
    "incompatibility",
)

_VERDICT_ZH = {
    "ELIGIBLE": "符合",
    "NEEDS_REVIEW": "需审核",
    "INELIGIBLE": "不符合",
    "NOT_SCREENED": "未审查",
}


@attrs.frozen(kw_only=True)
class Route:
    """Which profile screened which posts, and why that one.

    ``why`` is ``"chosen"`` (the caller's profile), ``"given"`` (the caller named it for this
    half), ``"companion"`` (named by the chosen profile's ``scope.<regime>_companion``) or
    ``"national"`` (the national profile of the regime in force on the day).
    """

    regime: Regime
    policy_id: str
    title: str
    why: str
    offices: tuple[Office, ...] = attrs.field(converter=to_tuple)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "regime": self.regime.value,
            "profile": self.policy_id,
            "title": self.title,
            "why": self.why,
            "offices": [o.label for o in self.offices],
        }


@attrs.frozen(kw_only=True)
class CandidacyResult:
    """One candidacy (a person for one post) and its screen.

    ``eligibility`` is the screen's answer; ``error`` says why a candidacy could not be screened
    (born after the election day, …), in which case ``eligibility`` is None.
    """

    entry: RosterEntry
    office: Office
    policy_id: str
    regime: Regime
    body: BodyKind
    eligibility: Eligibility | None = None
    error: ScreenError | None = None

    @property
    def verdict(self) -> str:
        """ELIGIBLE, NEEDS_REVIEW, INELIGIBLE or NOT_SCREENED."""
        return self.eligibility.status.value if self.eligibility is not None else "NOT_SCREENED"

    @property
    def post(self) -> str:
        """The post as a roster names it: 党支部书记, 党总支委员, 村委会主任 …"""
        if self.regime is Regime.VILLAGE or self.office.label.startswith(self.body.label):
            return self.office.label
        return f"{self.body.label}{self.office.label}"

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The screen's findings (none for a candidacy that was not screened)."""
        return self.eligibility.findings if self.eligibility is not None else ()

    def summary(self) -> str:
        """One line: key, name, post, profile, verdict and the codes found."""
        codes = [f.code for f in self.findings] or ([self.error.code] if self.error else [])
        found = f" ({', '.join(codes)})" if codes else ""
        return (
            f"<CandidacyResult {self.entry.key} {self.entry.person.name} {self.post} under "
            f"{self.policy_id}: {self.verdict}{found}>"
        )

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(self.summary())


@checked
def records_frame(rows: Sequence[Mapping[str, object]], backend: str) -> Any:
    """Rows as a ``"pandas"`` or ``"polars"`` dataframe (through narwhals), or ``"records"``."""
    if backend == "records":
        return [dict(r) for r in rows]
    if backend not in ("pandas", "polars"):
        raise RuleInputError(
            f"backend must be 'pandas', 'polars' or 'records', got {backend!r}",
            code="UNKNOWN_BACKEND",
            path="backend",
        )
    nw = require("narwhals", "tables")
    require(backend, "tables")
    columns: list[str] = []
    for r in rows:
        for k in r:
            if k not in columns:
                columns.append(k)
    data = {c: [r.get(c) for r in rows] for c in columns}
    return nw.from_dict(data, backend=backend).to_native()


def _as_text(value: object) -> object:
    if value is None or (isinstance(value, int | str) and not isinstance(value, bool)):
        return value
    return format_scalar(value)


@attrs.frozen(kw_only=True, repr=False)
class RosterScreen:
    """A screened roster: which profile answered for which posts, and every candidacy's result.

    Attributes:
        roster: what was read (entries, rejected rows, sheet problems).
        on: the election day the screens used.
        policy_id: the profile the caller chose.
        routes: which profile screened which posts, and why.
        results: one per candidacy, in row order (一肩挑 rows give two).
        checks: the checks run.
    """

    roster: Roster
    on: _dt.date
    policy_id: str
    routes: tuple[Route, ...] = attrs.field(converter=to_tuple)
    results: tuple[CandidacyResult, ...] = attrs.field(converter=to_tuple)
    checks: tuple[str, ...] = attrs.field(converter=to_tuple)

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<RosterScreen on {self.on.isoformat()} under {self.policy_id!r}: "
            f"{s['candidacies']} candidacies, {s['ELIGIBLE']} eligible, {s['NEEDS_REVIEW']} to "
            f"review, {s['INELIGIBLE']} ineligible, {s['NOT_SCREENED']} not screened>"
        )

    # -- counts ---------------------------------------------------------------------------------

    def summary(self) -> dict[str, int]:
        """Counts: rows read, entries, rejected rows, candidacies and each verdict."""
        out = {
            "rows": self.roster.rows_read,
            "entries": len(self.roster.entries),
            "rejected_rows": len(self.roster.rejected),
            "candidacies": len(self.results),
        }
        for verdict in ("ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE", "NOT_SCREENED"):
            out[verdict] = sum(1 for r in self.results if r.verdict == verdict)
        return out

    # -- rows -----------------------------------------------------------------------------------

    def _base(self, r: CandidacyResult) -> dict[str, object]:
        e = r.entry
        return {
            "key": e.key,
            "sheet": e.sheet,
            "row": e.row,
            "township": e.township,
            "village": e.village,
            "name": e.person.name,
            "post": r.post,
            "profile": r.policy_id,
            "verdict": r.verdict,
        }

    def candidacy_rows(self) -> list[dict[str, object]]:
        """One dict per candidacy: where, who, which post and profile, verdict, counts by severity."""
        rows = []
        for r in self.results:
            row = self._base(r)
            found = r.findings
            row["fail"] = sum(1 for f in found if f.severity is Severity.FAIL)
            row["warn"] = sum(1 for f in found if f.severity is Severity.WARN)
            row["info"] = sum(1 for f in found if f.severity is Severity.INFO)
            codes = [f.code for f in found] or ([r.error.code] if r.error else [])
            row["codes"] = " ".join(codes)
            rows.append(row)
        return rows

    def finding_rows(self) -> list[dict[str, object]]:
        """One dict per finding (and per candidacy that could not be screened)."""
        return [row for r in self.results for row in self._rows_of(r)]

    def _rows_of(self, r: CandidacyResult) -> list[dict[str, object]]:
        # the finding rows of one candidacy (its error, if it could not be screened)
        rows = []
        base = self._base(r)
        if r.error is not None:
            rows.append(
                base
                | {
                    "code": r.error.code,
                    "severity": Severity.FAIL.value,
                    "rule_id": "",
                    "article": "",
                    "observed": None,
                    "limit": None,
                    "message_zh": r.error.message,
                    "message_en": r.error.message,
                }
            )
        for f in r.findings:
            rows.append(
                base
                | {
                    "code": f.code,
                    "severity": f.severity.value,
                    "rule_id": f.rule_id,
                    "article": f.citation.short(),
                    "observed": _as_text(f.observed),
                    "limit": _as_text(f.limit),
                    "message_zh": f.message_zh,
                    "message_en": f.message_en,
                }
            )
        return rows

    def report_rows(self) -> list[dict[str, object]]:
        """Every row of the roster accounted for, one table: ``kind`` says what each row is.

        ``FINDING``: one per finding of a candidacy (a candidacy without findings: one row with
        its verdict and no code); ``REJECTED``: one per problem of a row that could not be read
        (verdict ``NOT_READ``); ``NOTE``: one per reading note (a WARN or INFO on a row that
        was read, or on a whole sheet). The sheet and row of every ``FINDING`` and ``REJECTED``
        row together cover every row read, none twice.
        """
        out: list[dict[str, object]] = []
        for r in self.results:
            found = self._rows_of(r)
            if not found:
                found = [self._base(r) | {"code": "", "severity": ""}]
            out += [{"kind": "FINDING", **row} for row in found]
        for rejected in self.roster.rejected:
            for p in rejected.problems:
                out.append(
                    {
                        "kind": "REJECTED",
                        "sheet": p.sheet,
                        "row": p.row,
                        "name": rejected.name,
                        "verdict": "NOT_READ",
                        "code": p.code,
                        "severity": p.severity.value,
                        "column": p.column,
                        "value": p.value,
                        "message_zh": p.message_zh,
                        "message_en": p.message_en,
                    }
                )
        for p in self.roster.problems():
            if p.severity is Severity.FAIL and p.row is not None:
                continue  # listed above, with its rejected row
            out.append(
                {
                    "kind": "NOTE",
                    "sheet": p.sheet,
                    "row": p.row,
                    "code": p.code,
                    "severity": p.severity.value,
                    "column": p.column,
                    "value": p.value,
                    "message_zh": p.message_zh,
                    "message_en": p.message_en,
                }
            )
        return out

    def problem_rows(self) -> list[dict[str, object]]:
        """The roster's problems (rejected rows, notes, sheet problems), one dict each."""
        return [p.as_dict() for p in self.roster.problems()]

    def route_rows(self) -> list[dict[str, object]]:
        """One dict per route."""
        return [
            r.as_dict() | {"offices": "、".join(o.label for o in r.offices)} for r in self.routes
        ]

    # -- tables ---------------------------------------------------------------------------------

    @checked
    def findings_table(self, backend: Literal["pandas", "polars", "records"] = "pandas") -> Any:
        """One row per finding: key, sheet, row, 乡镇, 村, name, post, profile, verdict, code,
        severity, rule id, article, observed, limit, zh, en.

        ``observed`` and ``limit`` are exact text (fractions as ``2/3``, dates ISO); a float
        never appears.
        """
        return records_frame(self.finding_rows(), backend)

    @checked
    def candidacies_table(self, backend: Literal["pandas", "polars", "records"] = "pandas") -> Any:
        """One row per candidacy: verdict and counts of FAIL, WARN and INFO findings."""
        return records_frame(self.candidacy_rows(), backend)

    @checked
    def problems_table(self, backend: Literal["pandas", "polars", "records"] = "pandas") -> Any:
        """The roster's reading problems and notes, one row each."""
        return records_frame(self.problem_rows(), backend)

    def to_records(self) -> dict[str, object]:
        """Everything as JSON-ready values (for an HTTP answer or a JSON file)."""
        return {
            "on": self.on.isoformat(),
            "profile": self.policy_id,
            "checks": list(self.checks),
            "summary": self.summary(),
            "routes": [r.as_dict() for r in self.routes],
            "candidacies": self.candidacy_rows(),
            "findings": self.finding_rows(),
            "problems": self.problem_rows(),
        }

    # -- files ----------------------------------------------------------------------------------

    def _sheets(self) -> list[tuple[str, list[dict[str, object]]]]:
        verdicts = [
            r | {"verdict": _VERDICT_ZH.get(str(r["verdict"]), str(r["verdict"]))}
            for r in self.candidacy_rows()
        ]
        findings = [
            r | {"verdict": _VERDICT_ZH.get(str(r["verdict"]), str(r["verdict"]))}
            for r in self.finding_rows()
        ]
        return [
            ("审查结论", verdicts),
            ("问题清单", findings),
            ("读取问题", self.problem_rows()),
            ("适用方案", self.route_rows()),
        ]

    @checked
    def to_xlsx(self, target: str | os.PathLike[str] | io.BufferedIOBase | Any) -> None:
        """Write the results as an XLSX workbook with Chinese headers.

        Sheets: 审查结论 (one row per candidacy), 问题清单 (one per finding), 读取问题 (the
        roster's problems), 适用方案 (the routes). Each has a frozen, filtered header row and
        readable widths; every text cell is written as text, so a value starting with =, +, -
        or @ is never a formula. ``target`` is a path or a binary file object.
        """
        write_xlsx(self._sheets(), target)

    @checked
    def to_csv(
        self,
        target: str | os.PathLike[str] | io.TextIOBase | Any,
        *,
        table: Literal["findings", "candidacies", "problems", "report"] = "findings",
    ) -> None:
        """Write one table as UTF-8 CSV (with BOM, for Excel) with Chinese headers.

        ``"report"`` is :meth:`report_rows`: findings, rows that could not be read and reading
        notes in one table, so that every row of the roster is in the file.

        A text cell starting with =, +, -, @ (or a tab or carriage return) is prefixed with an
        apostrophe so that a spreadsheet never runs it as a formula.
        """
        rows = {
            "findings": self.finding_rows,
            "candidacies": self.candidacy_rows,
            "problems": self.problem_rows,
            "report": self.report_rows,
        }[table]()
        write_csv(rows, target)

    def _repr_html_(self) -> str:
        from ._html import screen_html

        return screen_html(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ._text import table_text

        flagged = [r for r in self.candidacy_rows() if r["verdict"] != "ELIGIBLE"]
        p.text(
            "\n".join(
                (
                    repr(self),
                    table_text(self.route_rows(), COLUMN_LABELS),
                    table_text(flagged, COLUMN_LABELS),
                )
            )
        )


# --------------------------------------------------------------------------------------------
# screening
# --------------------------------------------------------------------------------------------

_VILLAGE_OFFICES = frozenset(o for o in Office if Regime.VILLAGE in o.regimes)


def _progress(progress: object, total: int) -> Callable[[int], None] | None:
    if progress is None or progress is False:
        return None
    if callable(progress):
        done = [0]
        report = progress

        def tick(n: int) -> None:
            done[0] += n
            report(done[0], total)

        return tick
    if progress in ("tqdm", True):
        tqdm = require("tqdm.auto", "tables")
        bar = tqdm.tqdm(total=total, desc="screening", unit="candidacy")

        def tick_bar(n: int) -> None:
            bar.update(n)
            if bar.n >= total:
                bar.close()

        return tick_bar
    raise RuleInputError(
        "progress must be None, a callable (done, total) or 'tqdm'",
        code="PROGRESS",
        path="progress",
    )


def _body_of(office: Office, party_body: BodyKind) -> BodyKind:
    """The body a post is elected to: 村委会 posts to the 村民委员会, 纪委 posts to the 纪委, the
    other party posts to the party body of the row."""
    if office in _VILLAGE_OFFICES:
        return BodyKind.VILLAGE_COMMITTEE
    if office.name.startswith("DISCIPLINE_"):
        return BodyKind.DISCIPLINE_COMMITTEE
    return party_body


def _policy(value: Policy | str | None, path: str) -> Policy | None:
    if value is None or isinstance(value, Policy):
        return value
    if isinstance(value, str):
        return load_policy(value)
    raise RuleInputError(
        f"{path} must be a Policy or a profile id, got {type(value).__name__}",
        code="TYPE",
        path=path,
    )


@checked
def screen_roster(
    roster_or_source: Roster | object,
    policy: Policy | str,
    *,
    on: _dt.date,
    village_policy: Policy | str | None = None,
    party_policy: Policy | str | None = None,
    party_body: BodyKind = BodyKind.BRANCH,
    checks: Sequence[str] | None = None,
    vetting: Mapping[str, Vetting] | None = None,
    strict: bool = True,
    progress: Callable[[int, int], None] | Literal["tqdm"] | None = None,
    **read_options: Any,
) -> RosterScreen:
    """Screen every candidacy of a 两委 roster under the profile that governs its post.

    Party posts (书记, 副书记, 委员) are screened under the party profile and 村委会 posts under
    the village committee profile: ``policy`` for the posts of its own regime; for the other
    half, ``party_policy``/``village_policy`` if given, else the companion ``policy`` names
    (``scope.village_companion``: X镇 2021 names village-2018), else the national profile of
    that regime in force on ``on``. :attr:`RosterScreen.routes` says which profile answered for
    which posts and why. A 一肩挑 row (书记、主任) is two candidacies, one under each.

    Each village's posts of one committee form one election (level 村, on ``on``, a seat for
    each post named); a party body named in a post's text (党总支, 党委) is used, else
    ``party_body``.

    Args:
        roster_or_source: a :class:`Roster`, or anything :func:`read_roster` reads.
        policy: the profile (or its id) the caller works under.
        on: the election day.
        village_policy: the profile for the 村委会 posts (a provincial one, say).
        party_policy: the profile for the party posts.
        party_body: the party body when a post's text names none.
        checks: the screens to run; :data:`ROSTER_CHECKS` by default (all of
            :data:`~huanjie_rules.eligibility.CHECKS` when ``vetting`` is given).
        vetting: vetting records by person key, for the negative lists and 四个凡提.
        strict: refuse profiles not in force on ``on``.
        progress: ``progress(done, total)`` after each candidacy, or ``"tqdm"`` for a bar
            (off by default).
        **read_options: passed to :func:`read_roster` when a source is given.

    Raises:
        RuleInputError, PolicyError: a profile of the wrong regime, not in force, unknown.

    Example:
        >>> import datetime as dt
        >>> rows = [{"村": "东村", "姓名": "王芳", "性别": "女", "民族": "汉族",
        ...          "出生日期": "1975-03-01", "政治面貌": "群众", "拟任职务": "村委会主任",
        ...          "是否连任": "否"}]
        >>> result = screen_roster(rows, "xzhen-2021", on=dt.date(2021, 3, 1), name="名册")
        >>> [(r.policy_id, r.office.label, r.verdict) for r in result.results]
        [('village-2018', '村委会主任', 'ELIGIBLE')]
        >>> [(r.policy_id, r.why) for r in result.routes]
        [('village-2018', 'companion')]

    Legal basis: 《村民委员会组织法》 第十一条; 《中国共产党基层组织选举工作条例》 第二条; the
    profiles' own citations for every finding.
    """
    chosen = _policy(policy, "policy")
    if chosen is None:
        raise RuleInputError("a policy is required", code="TYPE", path="policy")
    if not isinstance(on, _dt.date) or isinstance(on, _dt.datetime):
        raise RuleInputError("on must be a date", code="TYPE", path="on")
    given = {
        Regime.VILLAGE: _policy(village_policy, "village_policy"),
        "party": _policy(party_policy, "party_policy"),
    }
    for key, value in given.items():
        if value is None:
            continue
        wanted = (
            {Regime.VILLAGE} if key is Regime.VILLAGE else {Regime.PARTY_BASIC, Regime.PARTY_LOCAL}
        )
        if value.regime not in wanted:
            raise RuleInputError(
                f"{value.id!r} is a {value.regime.value} profile; "
                f"{'village_policy' if key is Regime.VILLAGE else 'party_policy'} needs "
                + "/".join(sorted(r.value for r in wanted)),
                code="REGIME_MISMATCH",
                path="village_policy" if key is Regime.VILLAGE else "party_policy",
            )
    roster = (
        roster_or_source
        if isinstance(roster_or_source, Roster)
        else read_roster(roster_or_source, **read_options)
    )
    order = tuple(checks) if checks is not None else (CHECKS if vetting else ROSTER_CHECKS)

    routes: dict[str, tuple[Policy, str]] = {}

    def route(office: Office, body: BodyKind) -> tuple[Policy, str]:
        family = "village" if office in _VILLAGE_OFFICES else "party"
        if family in routes:
            return routes[family]
        override = given[Regime.VILLAGE] if family == "village" else given["party"]
        if override is not None:
            routes[family] = (override, "given")
        else:
            got = governing_policy(chosen, office, on=on, body=body)
            if got is chosen:
                why = "chosen"
            elif companion_parameter(got.regime) in chosen:
                why = "companion"
            else:
                why = "national"
            routes[family] = (got, why)
        return routes[family]

    # group candidacies into one election per village, committee and profile
    groups: dict[tuple[str, str, BodyKind, str], list[tuple[int, RosterEntry, Candidate]]] = {}
    planned: list[tuple[RosterEntry, Office, Policy, BodyKind]] = []
    for entry in roster.entries:
        for cand in entry.candidacies():
            body = _body_of(cand.office, entry.party_body or party_body)
            pol, _ = route(cand.office, body)
            if vetting and entry.key in vetting:
                cand = attrs.evolve(cand, vetting=vetting[entry.key])
            index = len(planned)
            planned.append((entry, cand.office, pol, body))
            groups.setdefault((entry.township, entry.village, body, pol.id), []).append(
                (index, entry, cand)
            )
    tick = _progress(progress, len(planned))
    answers: dict[int, Eligibility | ScreenError] = {}
    for (township, village, body, pid), members in groups.items():
        pol = next(p for p, _ in routes.values() if p.id == pid)
        seats: dict[Office, int] = {}
        for _, _, cand in members:
            seats[cand.office] = seats.get(cand.office, 0) + 1
        born_late = [(i, c) for i, _, c in members if c.person.birth_date > on]
        for i, c in born_late:
            answers[i] = ScreenError(
                index=0,
                subject=c.key,
                code="BORN_AFTER_ELECTION",
                path="candidate.person.birth_date",
                message=f"born {c.person.birth_date.isoformat()}, after the election day {on.isoformat()}",
            )
        pool = [(i, c) for i, _, c in members if c.person.birth_date <= on]
        if pool:
            election = Election(
                key=f"{township}{village}:{body.value}",
                regime=pol.regime,
                policy_id=pol.id,
                body=body,
                level=Level.TOWNSHIP
                if body is BodyKind.PARTY_COMMITTEE
                or (
                    body is BodyKind.DISCIPLINE_COMMITTEE
                    and any(e.party_body is BodyKind.PARTY_COMMITTEE for _, e, _ in members)
                )
                else Level.VILLAGE,
                form=ElectionForm.VILLAGERS
                if pol.regime is Regime.VILLAGE
                else ElectionForm.MEMBERS_ASSEMBLY,
                date=on,
                seats=[Seat(office=o, count=n) for o, n in seats.items()],
                entitled_voters=0,
            )
            got = screen_many(
                [c for _, c in pool],
                election,
                pol,
                checks=order,
                strict=strict,
                on_error="report",
            )
            for (i, _), answer in zip(pool, got, strict=True):
                answers[i] = answer
        if tick is not None:
            tick(len(members))
    results = []
    for i, (entry, office, pol, body) in enumerate(planned):
        answer = answers[i]
        results.append(
            CandidacyResult(
                entry=entry,
                office=office,
                policy_id=pol.id,
                regime=pol.regime,
                body=body,
                eligibility=answer if isinstance(answer, Eligibility) else None,
                error=answer if isinstance(answer, ScreenError) else None,
            )
        )
    route_list = []
    for pol, why in routes.values():
        offices = tuple(dict.fromkeys(o for _, o, p, _ in planned if p.id == pol.id))
        route_list.append(
            Route(regime=pol.regime, policy_id=pol.id, title=pol.title_zh, why=why, offices=offices)
        )
    return RosterScreen(
        roster=roster,
        on=on,
        policy_id=chosen.id,
        routes=tuple(route_list),
        results=tuple(results),
        checks=order,
    )
