"""The OpenAPI 3.1 description of the service, built from the same schemas as the documents."""

from __future__ import annotations

import functools
from typing import Any

from .. import __version__
from ..io.calls import QUOTAS
from ..io.schema import schema_for, schema_types

__all__ = ["spec"]


def _relink(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                out[k] = "#/components/schemas/" + v.removeprefix("#/$defs/")
            else:
                out[k] = _relink(v)
        return out
    if isinstance(node, list):
        return [_relink(v) for v in node]
    return node


def _components() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, cls in schema_types().items():
        doc = schema_for(cls)
        for key, sub in doc.pop("$defs", {}).items():
            found.setdefault(key, _relink(sub))
        doc.pop("$schema", None)
        doc.pop("$id", None)
        found[name] = _relink(doc)
    return dict(sorted(found.items()))


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


_OPTIONS = [
    {
        "name": "policy",
        "in": "query",
        "required": False,
        "description": "policy profile id (the document's own profile when left out)",
        "schema": {"type": "string"},
    },
    {
        "name": "date",
        "in": "query",
        "required": False,
        "description": "reference day, YYYY-MM-DD",
        "schema": {"type": "string", "format": "date"},
    },
]


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        404: "unknown profile, type, question or path",
        405: "a method the path does not take",
        413: "body over the size limit",
        422: "bad input: the library's error code and every problem with its path",
    }
    return {
        str(c): {
            "description": text[c],
            "content": {"application/json": {"schema": _ref("ErrorReport")}},
        }
        for c in codes
    }


def _post(summary: str, body: str | dict[str, Any], result: str | dict[str, Any]) -> Any:
    body_schema = _ref(body) if isinstance(body, str) else body
    result_schema = _ref(result) if isinstance(result, str) else result
    return {
        "post": {
            "summary": summary,
            "parameters": _OPTIONS,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": body_schema}},
            },
            "responses": {
                "200": {
                    "description": "the answer",
                    "content": {"application/json": {"schema": result_schema}},
                },
                **_errors(404, 405, 413, 422),
            },
        }
    }


def _get(summary: str, result: dict[str, Any], params: list[dict[str, Any]]) -> Any:
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {
                    "description": "the answer",
                    "content": {"application/json": {"schema": result}},
                },
                **_errors(404),
            },
        }
    }


_QUOTA_RESULTS: dict[str, str | dict[str, Any]] = {
    "assembly": "AssemblyForm",
    "delegates": "DelegateCount",
    "margins": {"anyOf": [_ref("MarginBounds"), _ref("MarginCheck")]},
    "committee": "CommitteeSize",
    "deputies": "DeputyQuota",
}


@functools.cache
def spec() -> dict[str, Any]:
    """The OpenAPI document (3.1, whose schemas are JSON Schema 2020-12)."""
    path_param = {"in": "path", "required": True, "schema": {"type": "string"}}
    paths: dict[str, Any] = {
        "/screen": _post("Screen every candidate of an election", "Election", "ScreenReport"),
        "/decide": _post("Decide a round of voting", "Round", "Outcome"),
        "/apportion": _post("Share seats among units", "ApportionQuery", "Apportionment"),
        "/timeline": _post(
            "Statutory deadlines before an election day", "TimelineQuery", "ElectionTimeline"
        ),
        "/validate/{type}": _post("Check a document against a record type", {}, "ValidationReport"),
        "/profiles": _get("The shipped profiles", _ref("ProfileList"), []),
        "/profiles/{id}": _get(
            "A profile with every parameter and citation",
            _ref("Policy"),
            [{"name": "id", **path_param}, _OPTIONS[1]],
        ),
        "/schema/{type}": _get(
            "The JSON Schema of a record type", {"type": "object"}, [{"name": "type", **path_param}]
        ),
        "/health": _get("Liveness", {"type": "object"}, []),
    }
    roster = {"type": "string", "contentMediaType": "application/octet-stream"}
    paths["/screen"]["post"]["requestBody"]["content"].update(
        {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": roster},
            "text/csv": {"schema": {"type": "string"}},
        }
    )
    paths["/screen"]["post"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "anyOf": [_ref("ScreenReport"), _ref("RosterScreen")]
    }
    paths["/screen"]["post"]["parameters"] = [
        *_OPTIONS,
        {
            "name": "sheet",
            "in": "query",
            "required": False,
            "description": "a roster's sheet to screen (repeat for several; * for every sheet); "
            "needed when a workbook has more than one sheet holding data (else 422 "
            "SHEET_REQUIRED, naming them)",
            "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form",
            "explode": True,
        },
    ]
    for kind, query in QUOTAS.items():
        paths[f"/quota/{kind}"] = _post(
            f"Quota question: {kind}", query.__name__, _QUOTA_RESULTS[kind]
        )
    paths["/validate/{type}"]["post"]["parameters"] = [{"name": "type", **path_param}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "huanjie_rules",
            "version": __version__,
            "description": "Exact, cited rules for Chinese leadership re-elections (换届选举).",
        },
        "paths": paths,
        "components": {"schemas": _components()},
    }
