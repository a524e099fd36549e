"""The page for people: pick a profile and a day, upload a file or fill in one candidate, and
read the findings in Chinese with their articles; download them as XLSX.

Server-rendered HTML, no JavaScript. The candidate form is drawn from the JSON Schemas of
``Candidate`` and ``Person`` (field labels from ``x-label``, choices from the enums' ``x-labels``)
and read back through the same converter as every JSON document, so the page accepts exactly
what the API accepts. The XLSX download is carried in the answer itself (a ``data:`` link), so
the service keeps nothing between requests.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io
from collections.abc import Iterator, Mapping
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..builders import build_election
from ..errors import HuanjieError, InvalidDataError, Problem, RuleInputError
from ..io import calls
from ..io.json import from_dict, from_json
from ..io.requests import ScreenReport
from ..io.schema import load_schema
from ..model import BodyKind, Candidate, Election

__all__ = ["candidate_election", "index", "screen"]

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

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; max-width: 72em; }
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
    if not value and isinstance(node.get("default"), str):
        value = node["default"]
    return f'<input type="{html_type}" id="{esc(name)}" name="{esc(name)}" value="{esc(value)}">'


def _form_fields(values: Mapping[str, str]) -> Iterator[str]:
    person = load_schema("Person")
    candidate = load_schema("Candidate")
    for path in _PERSON_FIELDS:
        node, optional = _field_schema(person, path)
        name = f"person.{path}"
        yield (
            f'<div class="row"><label for="{name}">{html.escape(_label(path, node))}</label>'
            f"{_input(name, node, optional, values.get(name, ''))}</div>"
        )
    for path in _CANDIDATE_FIELDS:
        node, optional = _field_schema(candidate, path)
        yield (
            f'<div class="row"><label for="{path}">{html.escape(_label(path, node))}</label>'
            f"{_input(path, node, optional, values.get(path, ''))}</div>"
        )


def _profiles_select(chosen: str) -> str:
    opts = []
    for p in calls.profile_list().profiles:
        sel = " selected" if p.id == chosen else ""
        text = f"{p.title_zh}（{p.id}）"
        opts.append(f'<option value="{html.escape(p.id)}"{sel}>{html.escape(text)}</option>')
    return f'<select id="policy" name="policy">{"".join(opts)}</select>'


def _body_select(chosen: str) -> str:
    election = load_schema("Election")
    node, _ = _field_schema(election, "body")
    return _input("body", node, True, chosen)


def _page(content: str, status: int = 200) -> HTMLResponse:
    doc = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        "<title>换届选举资格审查</title>"
        f"<style>{_STYLE}</style></head><body>"
        '<h1><a href="/">换届选举资格审查</a></h1>'
        f"{content}</body></html>"
    )
    return HTMLResponse(doc, status_code=status)


def _form(values: Mapping[str, str]) -> str:
    policy = values.get("policy", "zhejiang-village-2020")
    day = values.get("date", "")
    return (
        '<form method="post" action="/page/screen" enctype="multipart/form-data">'
        "<fieldset><legend>选举</legend>"
        f'<div class="row"><label for="policy">政策依据</label>{_profiles_select(policy)}</div>'
        f'<div class="row"><label for="date">选举日</label>'
        f'<input type="date" id="date" name="date" value="{html.escape(day)}"></div>'
        f'<div class="row"><label for="body">选举机构（可不填）</label>{_body_select(values.get("body", ""))}</div>'
        "</fieldset>"
        "<fieldset><legend>上传名册（XLSX、CSV）或选举的JSON文件</legend>"
        '<div class="row"><label for="file">文件</label>'
        '<input type="file" id="file" name="file" accept=".xlsx,.xls,.ods,.csv,.json"></div>'
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
        if node.get("type") == "integer":
            if not text.lstrip("-").isdigit() or not text.isascii():
                problems.append(Problem("TYPE", name, f"expected a whole number, got {text!r}"))
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


async def _election_of(form: FormData, policy: str, day: _dt.date | None) -> tuple[Election, str]:
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read()
        name = upload.filename
        if name.lower().endswith(".json"):
            return from_json(raw, Election), name
        raise RuleInputError(
            f"{name}: upload a roster (.xlsx, .csv) or an election (.json)",
            code="FILE_TYPE",
            path="file",
        )
    if day is None:
        raise InvalidDataError([Problem("MISSING", "date", "选举日 is required")])
    candidate = from_dict(_candidate_doc(form), Candidate)
    body_code = form.get("body")
    body = (
        BodyKind.from_label(body_code, path="body")
        if isinstance(body_code, str) and body_code
        else None
    )
    return candidate_election(candidate, policy, day, body), "表单"


def _results(report: ScreenReport) -> str:
    esc = html.escape
    rows = []
    for r in report.results:
        findings = r.findings or ()
        if not findings:
            rows.append(
                f'<tr class="{r.status.value}"><td>{esc(r.subject)}</td>'
                f"<td>{esc(r.status.label)}</td><td></td><td></td><td></td><td></td></tr>"
            )
        for f in findings:
            basis = f"{f.citation.title}{f.citation.article or ''}"
            rows.append(
                f'<tr class="{r.status.value}"><td>{esc(r.subject)}</td>'
                f"<td>{esc(r.status.label)}</td><td>{esc(f.severity.label)}</td>"
                f"<td><code>{esc(f.code)}</code></td><td>{esc(basis)}</td>"
                f"<td>{esc(f.message_zh)}</td></tr>"
            )
    for e in report.errors:
        rows.append(
            f'<tr class="ERROR"><td>{esc(e.subject)}</td><td>无法审查</td><td></td>'
            f"<td><code>{esc(e.code)}</code></td><td>{esc(e.path)}</td><td>{esc(e.message)}</td></tr>"
        )
    heads = "".join(f"<th>{h}</th>" for h in ("候选人", "审查结论", "程度", "代码", "依据", "说明"))
    sheet = io.BytesIO()
    calls.write_sheet(sheet, report, "zh")
    data = base64.b64encode(sheet.getvalue()).decode("ascii")
    counts = {
        s: sum(1 for r in report.results if r.status.value == s)
        for s in ("ELIGIBLE", "NEEDS_REVIEW", "INELIGIBLE")
    }
    return (
        f"<h2>审查结果：{esc(report.election)}</h2>"
        f"<p>政策依据 <code>{esc(report.policy_id)}</code>，选举日 {report.date.isoformat()}；"
        f"符合 {counts['ELIGIBLE']} 人，需审核 {counts['NEEDS_REVIEW']} 人，"
        f"不符合 {counts['INELIGIBLE']} 人，无法审查 {len(report.errors)} 人。</p>"
        f'<p><a id="download" download="findings.xlsx" href="data:{_XLSX};base64,{data}">'
        "下载审查结果（XLSX）</a></p>"
        f'<table id="findings"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _problems(exc: HuanjieError) -> str:
    esc = html.escape
    problems = exc.problems if isinstance(exc, InvalidDataError) else ()
    lines = [p.render("zh") for p in problems] or [exc.render("zh")]
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return (
        f'<div class="problems" id="problems"><h2>输入有误：{esc(exc.message_zh)}</h2>'
        f"<ul>{items}</ul></div>"
    )


def _roster_results(screen: Any, source: str) -> str:
    esc = html.escape
    verdicts = {"ELIGIBLE": "符合", "NEEDS_REVIEW": "需审核", "INELIGIBLE": "不符合"}
    verdicts["NOT_SCREENED"] = "无法审查"
    severities = {"FAIL": "不符合", "WARN": "警示", "INFO": "提示"}
    rows = []
    for row in screen.finding_rows():
        verdict = str(row["verdict"])
        cells = [
            str(row["row"]),
            str(row.get("village") or ""),
            str(row["name"]),
            str(row["post"]),
            verdicts.get(verdict, verdict),
            severities.get(str(row["severity"]), str(row["severity"])),
            f"<code>{esc(str(row['code']))}</code>",
            str(row["article"]),
            str(row["message_zh"]),
        ]
        tds = "".join(f"<td>{c if c.startswith('<code>') else esc(c)}</td>" for c in cells)
        rows.append(f'<tr class="{esc(verdict)}">{tds}</tr>')
    heads = "".join(
        f"<th>{h}</th>"
        for h in ("行号", "村", "姓名", "职务", "审查结论", "程度", "代码", "依据", "说明")
    )
    problems = "".join(
        f"<li>{esc(str(p.get('sheet', '')))} 第{esc(str(p.get('row', '')))}行："
        f"{esc(str(p.get('message_zh') or p.get('message', '')))}</li>"
        for p in screen.problem_rows()
    )
    sheet = io.BytesIO()
    screen.to_xlsx(sheet)
    data = base64.b64encode(sheet.getvalue()).decode("ascii")
    s = screen.summary()
    routes = "；".join(
        f"{r.policy_id}（{'、'.join(o.label for o in r.offices)}）" for r in screen.routes
    )
    return (
        f"<h2>审查结果：{esc(source)}</h2>"
        f"<p>选举日 {screen.on.isoformat()}；适用方案 {esc(routes)}。</p>"
        f"<p>读取 {s['rows']} 行，{s['candidacies']} 人次：符合 {s['ELIGIBLE']}，"
        f"需审核 {s['NEEDS_REVIEW']}，不符合 {s['INELIGIBLE']}，无法审查 {s['NOT_SCREENED']}；"
        f"未能读取 {s['rejected_rows']} 行。</p>"
        f'<p><a id="download" download="findings.xlsx" href="data:{_XLSX};base64,{data}">'
        "下载审查结果（XLSX）</a></p>"
        + (f'<ul id="roster-problems">{problems}</ul>' if problems else "")
        + f'<table id="findings"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


async def screen(request: Request) -> Response:
    """Screen the uploaded roster or election, or the one candidate of the form."""
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        policy = values.get("policy") or None
        day = _day(values.get("date", ""))
        if values.get("date") and day is None:
            raise InvalidDataError([Problem("TYPE", "date", f"not a day: {values['date']!r}")])
        upload = form.get("file")
        if (
            isinstance(upload, UploadFile)
            and upload.filename
            and upload.filename.lower().endswith(_ROSTER_SUFFIXES)
        ):
            from ..io.tables import screen_roster

            if day is None or policy is None:
                raise InvalidDataError([Problem("MISSING", "date", "选举日 is required")])
            roster = screen_roster(await upload.read(), policy, on=day, name=upload.filename)
            return _page(_roster_results(roster, upload.filename) + _form(values))
        election, source = await _election_of(form, policy or "", day)
        report = calls.screen_election(election, policy=policy, on=day, source=source)
    except HuanjieError as exc:
        return _page(_problems(exc) + _form(values), status=422)
    return _page(_results(report) + _form(values))
