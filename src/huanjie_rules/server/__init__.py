"""The HTTP service and the page for people (extra ``server``: Starlette and uvicorn).

:func:`create_app` builds the ASGI application; :func:`run` serves it with uvicorn (``huanjie
serve``). The service is stateless — every answer depends only on the request and the shipped
profiles — so it scales by running more processes (``--workers``) or more machines behind any
load balancer.

Endpoints (JSON in and out; the documents' JSON Schemas at ``GET /schema/{type}``):

- ``POST /screen``: an ``Election`` → ``ScreenReport``; a roster (XLSX or CSV body) →
  ``RosterScreen``;
- ``POST /decide``: a ``Round`` → ``Outcome``;
- ``POST /quota/{kind}``: ``assembly``, ``delegates``, ``margins``, ``committee``, ``deputies``;
- ``POST /apportion``: an ``ApportionQuery`` → ``Apportionment``;
- ``POST /timeline``: a ``TimelineQuery`` → ``ElectionTimeline``;
- ``POST /validate/{type}``: any document → ``ValidationReport``;
- ``GET /profiles`` (``ProfileList``), ``GET /profiles/{id}`` (the ``Policy`` with citations);
- ``GET /schema/{type}`` (the JSON Schema), ``GET /openapi.json`` (OpenAPI 3.1);
- ``GET /health`` (liveness) and ``GET /`` (the page for people).

Query parameters ``policy`` and ``date`` are the command line's ``--policy`` and ``--date``.
Bad input answers 422 with an ``ErrorReport`` (the library's code and every problem with its
path); an unknown profile, type or question 404; a body over the limit 413; nothing else ever
shows a stack trace.
"""

from __future__ import annotations

from ..errors import MissingExtraError

try:
    import python_multipart  # noqa: F401  (the page's file uploads)
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as exc:  # exercised by the smoke program without the extra
    raise MissingExtraError(
        f"the HTTP service needs the {exc.name!r} package, which is not installed: "
        'pip install "huanjie-rules[server]"',
        path="server",
    ) from exc

from .app import DEFAULT_MAX_BODY, create_app, run

__all__ = ["DEFAULT_MAX_BODY", "create_app", "run"]
