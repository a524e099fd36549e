"""The page for people: pick a profile and a day, upload a file or fill in one candidate, and
read the findings in Chinese with their articles; download them as XLSX.

Server-rendered HTML, no JavaScript. The candidate form is drawn from the JSON Schemas of
``Candidate`` and ``Person`` (field labels from ``x-label``, choices from the enums' ``x-labels``)
and read back through the same converter as every JSON document, so the page accepts exactly
what the API accepts. The XLSX download is carried in the answer itself (a ``data:`` link), so
the service keeps nothing between requests; a workbook with several sheets of data comes back
with a choice of its sheets, to be sent again with the file. The text is set in a CJK web font served with the page
(``/static/huanjie-page-sc.woff``, a subset of Noto Sans CJK SC).

No ID number (公民身份号码) is ever written back whole: the form never refills the ID field,
and any run of digits shaped like one, in any text the page shows, is masked.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .. import __version__
from ..builders import build_election
from ..errors import HuanjieError, InvalidDataError, Problem, RuleInputError, TableReadError
from ..idcard import mask
from ..io import calls
from ..io.json import from_dict, from_json
from ..io.requests import ScreenReport
from ..io.schema import load_schema
from ..model import BodyKind, Candidate, Election

__all__ = ["candidate_election", "font", "index", "mask_ids", "screen"]

#: A run of digits that may be a 公民身份号码 (15 digits, or 17 and a check digit or X).
_ID_LIKE = re.compile(r"(?<![0-9])[0-9]{14,17}[0-9Xx](?![0-9A-Za-z])")


def mask_ids(text: str) -> str:
    """``text`` with every run of digits shaped like an ID number masked.

    Example:
        >>> mask_ids("王芳 110105198202020018，电话 13800138000")
        '王芳 1101**************，电话 13800138000'
    """
    return _ID_LIKE.sub(lambda m: mask(m.group(0)), text)


def _esc(text: object) -> str:
    """Text for the page: ID-shaped digits masked, then HTML-escaped."""
    return html.escape(mask_ids(str(text)))


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Fields of the candidate form, in order: (path in the Candidate document, schema).
_PERSON_FIELDS = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "education.full_time",
    "education.in_service",
    "party_standing",
    "party_joined",
    "party_confirmed",
    "political_rights_deprived",
    "temporary_relation_only",
    "township_experience_months",
)
_CANDIDATE_FIELDS = ("office", "tenure", "nomination")

_FONT = "huanjie-page-sc.woff"

_STYLE = """
@font-face { font-family: "Huanjie Page SC"; font-display: swap;
  src: url("/static/%(font)s?v=%(version)s") format("woff"); }
body { font-family: "Huanjie Page SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  margin: 2em; max-width: 72em; }
input, select, option, optgroup, button, textarea { font-family: inherit; font-size: inherit; }
details { margin: 1em 0; }
.note { color: #555; }
h3 { margin-top: 1.5em; }
fieldset { margin: 1em 0; }
label { display: inline-block; min-width: 10em; }
.row { margin: .3em 0; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #999; padding: .3em .6em; vertical-align: top; }
tr.INELIGIBLE td { background: #fde2e2; }
tr.NEEDS_REVIEW td { background: #fff5d6; }
.problems { color: #a00; }
"""


def candidate_election(
    candidate: Candidate, policy_id: str, on: _dt.date, body: BodyKind | None = None
) -> Election:
    """An election holding one candidate, for screening that candidate alone.

    Built by :func:`~huanjie_rules.build_election`: the body, level and form are the regime's
    usual ones (a branch, a township congress, a village committee) unless ``body`` is given;
    one seat, for the candidate's office.
    """
    policy = calls.policy_of(policy_id, None)
    return build_election(
        policy,
        date=on,
        seats={candidate.office: 1},
        candidates=[candidate],
        body=body,
        key=f"{candidate.key}-{on.isoformat()}",
    )


# -- the form, drawn from the schemas ------------------------------------------------------------


def _resolve(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema of a field without its ``null`` option, and whether null is allowed."""
    optional = False
    node = dict(schema)
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o != {"type": "null"}]
        optional = len(options) < len(node["anyOf"])
        node = {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
    if "$ref" in node:
        target = defs[node.pop("$ref").removeprefix("#/$defs/")]
        node = {**target, **node}
    return node, optional


def _field_schema(root: Mapping[str, Any], path: str) -> tuple[dict[str, Any], bool]:
    defs = root.get("$defs", {})
    node: Mapping[str, Any] = root
    optional = False
    parts = path.split(".")
    for i, part in enumerate(parts):
        prop = node["properties"][part]
        node, optional = _resolve(prop, defs)
        if i < len(parts) - 1:
            continue
        if "x-label" in prop and "x-label" not in node:
            node["x-label"] = prop["x-label"]
    return dict(node), optional


def _label(path: str, node: Mapping[str, Any]) -> str:
    return str(node.get("x-label") or path)


#: The form's ID field: never written back (a person types it again).
_ID_FIELD = "person.id_number"


def _input(name: str, node: Mapping[str, Any], optional: bool, value: str = "") -> str:
    esc = html.escape
    if "enum" in node:
        labels = node.get("x-labels", {})
        default = value or ("" if optional else str(node.get("default", "")))
        opts = ['<option value="">—</option>'] if optional or not default else []
        for code in node["enum"]:
            chosen = " selected" if code == default else ""
            text = labels.get(code, code)
            opts.append(f'<option value="{esc(code)}"{chosen}>{esc(text)}</option>')
        return f'<select id="{esc(name)}" name="{esc(name)}">{"".join(opts)}</select>'
    kind = node.get("type")
    if kind == "boolean":
        checked = " checked" if value == "on" else ""
        return f'<input type="checkbox" id="{esc(name)}" name="{esc(name)}"{checked}>'
    html_type = (
        "date" if node.get("format") == "date" else "number" if kind == "integer" else "text"
    )
    if name == _ID_FIELD:
        value = ""  # never refilled: the number would travel back whole
    elif not value and isinstance(node.get("default"), str):
        value = node["default"]
    return (
        f'<input type="{html_type}" id="{esc(name)}" name="{esc(name)}" '
        f'value="{_esc(value)}" autocomplete="off">'
    )


def _form_fields(values: Mapping[str, str]) -> Iterator[str]:
    person = load_schema("Person")
    candidate = load_schema("Candidate")
    for path in _PERSON_FIELDS:
        node, optional = _field_schema(person, path)
        name = f"person.{path}"
        hint = ""
        if name == _ID_FIELD:
            hint = (
                '<span class="note" id="id-note">为保护个人信息，公民身份号码不会显示在结果中，'
                "提交后也不回填，需要时请重新填写。</span>"
            )
        yield (
            f'<div class="row"><label for="{name}">{html.escape(_label(path, node))}</label>'
            f"{_input(name, node, optional, values.get(name, ''))}{hint}</div>"
        )
    for path in _CANDIDATE_FIELDS:
        node, optional = _field_schema(candidate, path)
        yield (
            f'<div class="row"><label for="{path}">{html.escape(_label(path, node))}</label>'
            f"{_input(path, node, optional, values.get(path, ''))}</div>"
        )


def _profiles_select(chosen: str) -> str:
    """The profiles grouped by regime, none chosen until the person chooses one."""
    groups: dict[str, list[str]] = {}
    for p in calls.profile_list().profiles:
        sel = " selected" if p.id == chosen else ""
        until = f"至{p.valid_to.isoformat()}" if p.valid_to else "起"
        text = f"{p.title_zh}（{p.id}，{p.valid_from.isoformat()}{until}）"
        groups.setdefault(p.regime.label, []).append(
            f'<option value="{html.escape(p.id)}"{sel}>{html.escape(text)}</option>'
        )
    first = '<option value="">请选择政策依据…</option>'
    body = "".join(
        f'<optgroup label="{html.escape(regime)}">{"".join(opts)}</optgroup>'
        for regime, opts in groups.items()
    )
    return f'<select id="policy" name="policy" required>{first}{body}</select>'


def _body_select(chosen: str) -> str:
    election = load_schema("Election")
    node, _ = _field_schema(election, "body")
    return _input("body", node, True, chosen)


def _page(content: str, status: int = 200) -> HTMLResponse:
    style = _STYLE % {"font": _FONT, "version": __version__}
    doc = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        "<title>换届选举资格审查</title>"
        f"<style>{style}</style></head><body>"
        '<h1><a href="/">换届选举资格审查</a></h1>'
        f"{content}</body></html>"
    )
    return HTMLResponse(doc, status_code=status)


def _form(values: Mapping[str, str], sheets: str = "") -> str:
    policy = values.get("policy", "")
    day = values.get("date", "")
    return (
        '<form method="post" action="/page/screen" enctype="multipart/form-data">'
        "<fieldset><legend>选举</legend>"
        f'<div class="row"><label for="policy">政策依据</label>{_profiles_select(policy)}</div>'
        f'<div class="row"><label for="date">选举日</label>'
        f'<input type="date" id="date" name="date" value="{_esc(day)}" required></div>'
        f'<div class="row"><label for="body">选举机构（可不填）</label>{_body_select(values.get("body", ""))}</div>'
        "</fieldset>"
        "<fieldset><legend>上传名册（XLSX、CSV）或选举的JSON文件</legend>"
        f"{sheets}"
        '<div class="row"><label for="file">文件</label>'
        '<input type="file" id="file" name="file" accept=".xlsx,.xls,.ods,.csv,.json"></div>'
        '<div class="row"><label for="sheet-name">工作表（可不填）</label>'
        f'<input type="text" id="sheet-name" name="sheet_name" value="{_esc(values.get("sheet_name", ""))}">'
        '<span class="note">工作簿有多个含数据的工作表时填写要审查的一个（如“名册”），'
        "填“*”审查全部；不填时会列出各工作表供选择。</span></div>"
        "</fieldset>"
        "<fieldset><legend>或者填写一名候选人</legend>"
        f"{''.join(_form_fields(values))}"
        "</fieldset>"
        '<button type="submit" id="submit">审查</button>'
        "</form>"
    )


async def index(request: Request) -> Response:
    """The form."""
    return _page(_form({}))


async def font(request: Request) -> Response:
    """The page's CJK web font (a subset of Noto Sans CJK SC) or its licence, kept by browsers."""
    from importlib import resources

    name = request.path_params["name"]
    kinds = {_FONT: "font/woff", "OFL.txt": "text/plain; charset=utf-8"}
    if name not in kinds:
        from .app import NotFound

        raise NotFound(f"no static file {name!r}", path="name")
    data = resources.files("huanjie_rules.server").joinpath("static", name).read_bytes()
    return Response(
        data,
        media_type=kinds[name],
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


# -- reading the form back ----------------------------------------------------------------------


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = doc
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _candidate_doc(form: FormData) -> dict[str, Any]:
    person = load_schema("Person")
    candidate = load_schema("Candidate")
    doc: dict[str, Any] = {}
    problems: list[Problem] = []
    fields = [(f"person.{p}", person, p) for p in _PERSON_FIELDS]
    fields += [(p, candidate, p) for p in _CANDIDATE_FIELDS]
    for name, root, path in fields:
        node, _ = _field_schema(root, path)
        raw = form.get(name)
        text = raw.strip() if isinstance(raw, str) else ""
        if node.get("type") == "boolean":
            _set(doc, name, text == "on")
            continue
        if not text:
            continue  # left to the record's default, or reported as missing by the reader
        if name != _ID_FIELD and _ID_LIKE.search(text):
            problems.append(
                Problem(
                    "ID_IN_TEXT",
                    name,
                    f"{mask_ids(text)!r} holds what looks like an ID number: put it in "
                    "公民身份号码",
                )
            )
            continue
        if node.get("type") == "integer":
            if not text.lstrip("-").isdigit() or not text.isascii():
                problems.append(
                    Problem("TYPE", name, f"expected a whole number, got {mask_ids(text)!r}")
                )
                continue
            _set(doc, name, int(text))
            continue
        _set(doc, name, text)
    if problems:
        raise InvalidDataError(problems)
    return doc


def _day(text: str) -> _dt.date | None:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


_ROSTER_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")


def _election_of(
    upload: tuple[str, bytes] | None, form: FormData, policy: str, day: _dt.date
) -> tuple[Election, str]:
    if upload is not None:
        name, raw = upload
        if name.lower().endswith(".json"):
            return from_json(raw, Election), name
        raise RuleInputError(
            f"{name}: upload a roster (.xlsx, .csv) or an election (.json)",
            code="FILE_TYPE",
            path="file",
        )
    candidate = from_dict(_candidate_doc(form), Candidate)
    body_code = form.get("body")
    body = (
        BodyKind.from_label(body_code, path="body")
        if isinstance(body_code, str) and body_code
        else None
    )
    return candidate_election(candidate, policy, day, body), "表单"


def _download(data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<p><a id="download" download="findings.xlsx" href="data:{_XLSX};base64,{encoded}">'
        "下载审查结果（XLSX）</a></p>"
    )


def _results(report: ScreenReport) -> str:
    rows = []
    for r in report.results:
        findings = r.findings or ()
        if not findings:
            rows.append(
                f'<tr class="{r.status.value}"><td>{_esc(r.subject)}</td>'
                f"<td>{_esc(r.status.label)}</td><td></td><td></td><td></td><td></td></tr>"
            )
        for f in findings:
            basis = f"{f.citation.title}{f.citation.article or ''}"
            rows.append(
                f'<tr class="{r.status.value}"><td>{_esc(r.subject)}</td>'
                f"<td>{_esc(r.status.label)}</td><td>{_esc(f.severity.label)}</td>"
                f"<td><code>{_esc(f.code)}</code></td><td>{_esc(basis)}</td>"
                f"<td>{_esc(f.message_zh)}</td></tr>"
            )
    for e in report.errors:
        rows.append(
            f'<tr class="ERROR"><td>{_esc(e.subject)}</td><td>无法审查</td><td></td>'
            f"<td><code>{_esc(e.code)}</code></td><td>{_esc(e.path)}</td>"
            f"<td>{_esc(e.message_zh)}（{_esc(e.detail_zh)}）</td></tr>"
        )
    heads = "".join(f"<th>{h}</th>" for h in ("候选人", "审查结论", "程度", "代码", "依据", "说明"))
    sheet = io.BytesIO()
    calls.write_sheet(sheet, report, "zh")
    counts = {
        s: sum(1 for r in report.results if r.status.value == s)
        for s in ("ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE")
    }
    return (
        f"<h2>审查结果：{_esc(report.election)}</h2>"
        f"<p>政策依据 <code>{_esc(report.policy_id)}</code>，选举日 {report.date.isoformat()}；"
        f"符合 {counts['ELIGIBLE']} 人，需审核 {counts['NEEDS_REVIEW']} 人，"
        f"不符合 {counts['INELIGIBLE']} 人，无法审查 {len(report.errors)} 人。</p>"
        + _download(sheet.getvalue())
        + f'<table id="findings"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _problems(exc: HuanjieError) -> str:
    problems = exc.problems if isinstance(exc, InvalidDataError) else ()
    lines = [p.render("zh") for p in problems] or [exc.render("zh")]
    items = "".join(f"<li>{_esc(line)}</li>" for line in lines)
    return (
        f'<div class="problems" id="problems"><h2>输入有误：{_esc(exc.message_zh)}</h2>'
        f"<ul>{items}</ul></div>"
    )


def _table(table_id: str, heads: tuple[str, ...], rows: list[list[str]], css: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in heads)
    body = "".join(
        f'<tr class="{html.escape(cls)}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        for cls, *cells in rows
    )
    return (
        f'<table id="{table_id}"{css}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _roster_results(screen: Any, source: str) -> str:
    verdicts = {"ELIGIBLE": "符合", "NEEDS_REVIEW": "需审核", "INELIGIBLE": "不符合"}
    verdicts["NOT_SCREENED"] = "无法审查"
    severities = {"FAIL": "不符合", "WARN": "警示", "INFO": "提示"}
    roster = screen.roster
    s = screen.summary()
    routes = "；".join(
        f"{r.policy_id}（{'、'.join(o.label for o in r.offices)}）" for r in screen.routes
    )
    out = [
        f"<h2>审查结果：{_esc(source)}</h2>",
        f"<p>选举日 {screen.on.isoformat()}；工作表 {_esc('、'.join(roster.sheets))}；"
        f"适用方案 {_esc(routes)}。</p>",
        f'<p id="summary">读取 {s["rows"]} 行，{s["candidacies"]} 人次：符合 {s["ELIGIBLE"]}，'
        f"需审核 {s['NEEDS_REVIEW']}，不符合 {s['INELIGIBLE']}，无法审查 {s['NOT_SCREENED']}；"
        f"未能读取 {s['rejected_rows']} 行。</p>",
    ]
    sheet = io.BytesIO()
    screen.to_xlsx(sheet)
    out.append(_download(sheet.getvalue()))
    # 1. rows that could not be read: first, each with its sheet, row and column
    rejected = [
        [
            "REJECTED",
            _esc(p.sheet),
            str(p.row),
            _esc(r.name),
            _esc(p.column),
            f"<code>{_esc(p.code)}</code>",
            _esc(p.message_zh),
        ]
        for r in roster.rejected
        for p in r.problems
    ]
    if rejected:
        out.append(
            f'<h3 class="problems">未能读取的行：{len(roster.rejected)}行（未审查，请更正后重新上传）</h3>'
            + _table(
                "roster-rejected",
                ("工作表", "行号", "姓名", "列", "代码", "说明"),
                rejected,
                ' class="problems"',
            )
        )
    # 2. what concerns a whole sheet (a missing column, an unknown one)
    sheet_notes = [
        f"<li>{_esc(p.sheet)}：{_esc(p.message_zh)}（{severities.get(p.severity.value, '')}）</li>"
        for p in roster.sheet_problems
    ]
    if sheet_notes:
        out.append(f'<h3>表格提示</h3><ul id="sheet-notes">{"".join(sheet_notes)}</ul>')
    # 3. the findings
    rows = []
    for row in screen.finding_rows():
        verdict = str(row["verdict"])
        rows.append(
            [
                verdict,
                _esc(row["sheet"]),
                str(row["row"]),
                _esc(row.get("village") or ""),
                _esc(row["name"]),
                _esc(row["post"]),
                _esc(verdicts.get(verdict, verdict)),
                _esc(severities.get(str(row["severity"]), str(row["severity"]))),
                f"<code>{_esc(row['code'])}</code>",
                _esc(row["article"]),
                _esc(row["message_zh"]),
            ]
        )
    out.append(
        "<h3>审查发现</h3>"
        + _table(
            "findings",
            ("工作表", "行号", "村", "姓名", "职务", "审查结论", "程度", "代码", "依据", "说明"),
            rows,
        )
    )
    # 4. notes on rows that were read, folded into a count by code
    notes = [(e, n) for e in roster.entries for n in e.notes]
    if notes:
        counted = Counter(n.code for _, n in notes)
        summary = "；".join(f"{code} {n}条" for code, n in counted.most_common())
        listed = [
            [
                n.severity.value,
                _esc(n.sheet),
                str(n.row),
                _esc(e.person.name),
                _esc(n.column),
                f"<code>{_esc(n.code)}</code>",
                _esc(n.message_zh),
            ]
            for e, n in notes
        ]
        out.append(
            f'<details id="row-notes"><summary>读取提示 {len(notes)} 条（已读取并审查的行，'
            f"不影响结论）：{_esc(summary)}。点此展开</summary>"
            + _table("row-notes-table", ("工作表", "行号", "姓名", "列", "代码", "说明"), listed)
            + "</details>"
        )
    return "".join(out)


def _sheet_choice(data: bytes, name: str) -> str:
    """A choice of the sheets of an uploaded workbook, to send with the file again.

    The workbook itself is not carried back in the page (it holds ID numbers): the person
    chooses a sheet and selects the file again.
    """
    from ..io.tables import ALL_SHEETS, list_sheets

    sheets = [s for s in list_sheets(data) if s.rows]
    options = "".join(
        f'<option value="{_esc(s.name)}">{_esc(s.name)}（{s.rows}行）</option>' for s in sheets
    )
    options += f'<option value="{ALL_SHEETS}">全部工作表</option>'
    return (
        '<div class="row" id="sheet-choice"><label for="sheet">工作表</label>'
        f'<select id="sheet" name="sheet">{options}</select>'
        f'<span class="note">“{_esc(name)}”有{len(sheets)}个含数据的工作表：请选择要审查的一个'
        "（上届名册、说明等工作表不应一并审查），再选择该文件，然后按“审查”。</span></div>"
    )


async def _upload(form: FormData) -> tuple[str, bytes] | None:
    """The uploaded file, or None."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        return upload.filename, await upload.read()
    return None


def _screen_roster(data: bytes, name: str, policy: str, day: _dt.date, sheet: str) -> Any:
    from ..io.tables import screen_roster

    return screen_roster(data, policy, on=day, name=name, sheet=sheet or None)


async def screen(request: Request) -> Response:
    """Screen the uploaded roster or election, or the one candidate of the form."""
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    shown = dict(values)
    try:
        policy = values.get("policy") or ""
        day = _day(values.get("date", ""))
        problems = []
        if not policy:
            problems.append(Problem("MISSING", "policy", "the policy profile is required"))
        if values.get("date") and day is None:
            problems.append(
                Problem("TYPE", "date", f"expected a day like 2021-05-10, got {values['date']!r}")
            )
        elif day is None:
            problems.append(Problem("MISSING", "date", "the election day is required"))
        upload = await _upload(form)
        if problems:
            raise InvalidDataError(problems)
        assert day is not None
        if upload is not None and upload[0].lower().endswith(_ROSTER_SUFFIXES):
            name, data = upload
            sheet = values.get("sheet") or values.get("sheet_name", "").strip()
            try:
                roster = await run_in_threadpool(_screen_roster, data, name, policy, day, sheet)
            except TableReadError as exc:
                if exc.code != "SHEET_REQUIRED":
                    raise
                choice = await run_in_threadpool(_sheet_choice, data, name)
                return _page(_problems(exc) + _form(shown, choice), status=422)
            return _page(_roster_results(roster, name) + _form(shown))
        election, source = await run_in_threadpool(_election_of, upload, form, policy, day)
        report = await run_in_threadpool(
            calls.screen_election, election, policy=policy, on=day, source=source
        )
    except HuanjieError as exc:
        return _page(_problems(exc) + _form(shown), status=422)
    return _page(_results(report) + _form(shown))
