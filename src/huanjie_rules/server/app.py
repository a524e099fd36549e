"""The ASGI application: routes, the body limit and the error answers."""

from __future__ import annotations

import datetime as _dt
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import (
    HuanjieError,
    InvalidDataError,
    Problem,
    UnknownPolicyError,
)
from ..io import calls
from ..io.json import DATE_PATTERN, SCHEMA_VERSION, from_dict, to_dict
from ..io.requests import ApportionQuery, Round, TimelineQuery
from ..io.schema import UnknownTypeError, load_schema
from ..model import Election
from . import openapi, page

__all__ = ["DEFAULT_MAX_BODY", "create_app", "run"]

#: The largest request body accepted by default, in bytes.
DEFAULT_MAX_BODY = 10_000_000

_log = logging.getLogger("huanjie_rules.server")


class NotFound(HuanjieError, LookupError):
    """No such resource (an unknown quota question, say)."""

    code = "NOT_FOUND"


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json; charset=utf-8")


def _document(result: Any, status: int = 200) -> Response:
    return _json(to_dict(result), status)


def error_response(exc: HuanjieError) -> Response:
    """The library's error as an ``ErrorReport``: 404 for what does not exist, else 422."""
    status = 404 if isinstance(exc, UnknownPolicyError | UnknownTypeError | NotFound) else 422
    return _document(calls.error_report(exc), status)


def _date(request: Request) -> _dt.date | None:
    import re

    text = request.query_params.get("date")
    if text is None or text == "":
        return None
    if re.fullmatch(DATE_PATTERN, text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidDataError([Problem("TYPE", "date", f"expected a day like 2021-05-10: {text!r}")])


def _policy(request: Request) -> str | None:
    return request.query_params.get("policy") or None


async def read_json(request: Request) -> Any:
    """The request body as parsed JSON, or the library's error (code ``JSON``)."""
    raw = await request.body()
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InvalidDataError([Problem("JSON", "", f"the body is not JSON: {exc}")]) from None


async def _answer(ask: Callable[..., Any], *args: Any, **kwargs: Any) -> Response:
    """Ask in a worker thread and answer with the result's document.

    The rules are CPU work: run on the event loop, a long roster screen would hold up every
    other request (``/health`` included) until it ends. The thread pool keeps the loop
    answering; more processes (``--workers``) add throughput.
    """
    return await run_in_threadpool(lambda: _document(ask(*args, **kwargs)))


def _screen_document(data: Any, policy: str | None, on: _dt.date | None) -> Any:
    election = from_dict(data, Election)
    return calls.screen_election(election, policy=policy, on=on, source="<body>")


Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except HuanjieError as exc:
            return error_response(exc)

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


# -- endpoints ----------------------------------------------------------------------------------


async def health(request: Request) -> Response:
    """Liveness: the library's version and its JSON layout version."""
    return _json({"status": "ok", "version": __version__, "schema_version": SCHEMA_VERSION})


_ROSTER_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
}


async def screen(request: Request) -> Response:
    """Screen every candidate of an Election, or every candidacy of a roster (XLSX or CSV body)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in _ROSTER_TYPES:
        from ..io.tables import screen_roster

        policy, on = _policy(request), _date(request)
        if policy is None or on is None:
            raise InvalidDataError(
                [
                    Problem(
                        "MISSING",
                        "policy" if policy is None else "date",
                        "a roster is screened under ?policy= on ?date=",
                    )
                ]
            )
        body = await request.body()
        sheets = request.query_params.getlist("sheet") or None
        return await _answer(screen_roster, body, policy, on=on, name="body", sheet=sheets)
    data = await read_json(request)
    return await _answer(_screen_document, data, _policy(request), _date(request))


async def decide(request: Request) -> Response:
    """Decide a Round."""
    data = await read_json(request)
    policy, on = _policy(request), _date(request)
    return await _answer(lambda: calls.decide_round(from_dict(data, Round), policy=policy, on=on))


async def quota(request: Request) -> Response:
    """Answer one quota question."""
    kind = request.path_params["kind"]
    if kind not in calls.QUOTAS:
        raise NotFound(
            f"no quota question {kind!r}; ask one of {', '.join(calls.QUOTAS)}", path="kind"
        )
    data = await read_json(request)
    policy, on = _policy(request), _date(request)
    return await _answer(
        lambda: calls.quota(kind, from_dict(data, calls.QUOTAS[kind]), policy=policy, on=on)
    )


async def apportion(request: Request) -> Response:
    """Share seats among units."""
    data = await read_json(request)
    policy, on = _policy(request), _date(request)
    return await _answer(
        lambda: calls.apportion_units(from_dict(data, ApportionQuery), policy=policy, on=on)
    )


async def timeline(request: Request) -> Response:
    """The statutory deadlines before an election day."""
    data = await read_json(request)
    policy, on = _policy(request), _date(request)
    return await _answer(
        lambda: calls.timeline(from_dict(data, TimelineQuery), policy=policy, on=on)
    )


async def validate(request: Request) -> Response:
    """Check a document against a record type (200 with the problems, whatever they are)."""
    name = request.path_params["type"]
    data = await read_json(request)
    return await _answer(calls.validate, name, data)


async def profiles(request: Request) -> Response:
    """The shipped profiles."""
    return _document(calls.profile_list())


async def profile(request: Request) -> Response:
    """One profile with every parameter and its citation."""
    return await _answer(calls.policy_of, request.path_params["id"], _date(request))


async def schema(request: Request) -> Response:
    """The JSON Schema of a record type."""
    return _json(load_schema(request.path_params["type"]))


async def openapi_json(request: Request) -> Response:
    """The OpenAPI 3.1 description of the service."""
    return _json(openapi.spec())


# -- the body limit and last-resort errors ------------------------------------------------------


class BodyLimit:
    """Answer 413 to a request whose body is larger than ``max_body`` bytes.

    The body is read (up to the limit) before the application sees it, so a multipart form or
    a JSON document is never parsed past the limit; the declared ``Content-Length`` is checked
    first.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        report = calls.error_report(
            HuanjieError(
                f"the request body is larger than {self.max_body} bytes", code="BODY_TOO_LARGE"
            )
        )
        response = _document(report, 413)
        response.headers["connection"] = "close"
        await response(scope, receive, send)


class LastResort:
    """Any error that is not the library's becomes a 500 without details (logged, not shown)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            _log.exception("unexpected error serving %s", scope.get("path"))
            if started or scope["type"] != "http":
                raise
            report = calls.error_report(
                HuanjieError("an unexpected error; it was logged", code="INTERNAL")
            )
            await _document(report, 500)(scope, receive, send)


async def _http_error(request: Request, exc: Exception) -> Response:
    """An unknown path (404) or method (405) as an ``ErrorReport``, like every other error."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        error: HuanjieError = HuanjieError(
            f"{request.method} is not taken at {request.url.path}", code="METHOD_NOT_ALLOWED"
        )
    elif status == 404:
        error = NotFound(f"nothing is served at {request.url.path}", path="path")
    else:
        error = HuanjieError(str(getattr(exc, "detail", "")), code="INTERNAL")
    response = _document(calls.error_report(error), status)
    headers = getattr(exc, "headers", None) or {}
    if "Allow" in headers:
        response.headers["Allow"] = headers["Allow"]
    return response


def create_app(*, max_body: int = DEFAULT_MAX_BODY) -> ASGIApp:
    """The service as an ASGI application; bodies over ``max_body`` bytes answer 413."""
    routes = [
        Route("/", page.index, methods=["GET"]),
        Route("/static/{name}", _guarded(page.font), methods=["GET"]),
        Route("/page/screen", _guarded(page.screen), methods=["POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/profiles", _guarded(profiles), methods=["GET"]),
        Route("/profiles/{id}", _guarded(profile), methods=["GET"]),
        Route("/schema/{type}", _guarded(schema), methods=["GET"]),
        Route("/screen", _guarded(screen), methods=["POST"]),
        Route("/decide", _guarded(decide), methods=["POST"]),
        Route("/quota/{kind}", _guarded(quota), methods=["POST"]),
        Route("/apportion", _guarded(apportion), methods=["POST"]),
        Route("/timeline", _guarded(timeline), methods=["POST"]),
        Route("/validate/{type}", _guarded(validate), methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        debug=False,
        exception_handlers={404: _http_error, 405: _http_error},
    )
    return LastResort(BodyLimit(app, max_body))


def run(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_body: int = DEFAULT_MAX_BODY,
    workers: int = 1,
) -> None:
    """Serve with uvicorn until interrupted (``huanjie serve``)."""
    import uvicorn

    if workers > 1:
        import os

        os.environ["HUANJIE_MAX_BODY"] = str(max_body)
        uvicorn.run(
            "huanjie_rules.server.app:_factory",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
    else:
        uvicorn.run(create_app(max_body=max_body), host=host, port=port, log_level="info")


def _factory() -> ASGIApp:
    import os

    return create_app(max_body=int(os.environ.get("HUANJIE_MAX_BODY", DEFAULT_MAX_BODY)))
