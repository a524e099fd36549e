"""Smoke program of the extra ``server`` (the HTTP service: Starlette, uvicorn).

``python -I smoke/extra_server.py`` in an environment with the extra: the service runs on
127.0.0.1 (an ephemeral port), answers ``/health``, a quota question and a bad request (422),
and stops. With ``--absent``, in one without it: importing the service raises
MissingExtraError naming the extra.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request

from huanjie_rules.errors import MissingExtraError


def present() -> None:
    import uvicorn

    from huanjie_rules.server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.05)
        with urllib.request.urlopen(base + "/health", timeout=10) as resp:
            assert json.loads(resp.read())["status"] == "ok"
        body = b'{"level": "COUNTY", "population": 1550001}'
        req = urllib.request.Request(base + "/quota/deputies?policy=npc-2020", data=body)
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert json.loads(resp.read())["total"] == 450
        bad = urllib.request.Request(base + "/quota/deputies?policy=npc-2020", data=b"{")
        try:
            urllib.request.urlopen(bad, timeout=10)
        except urllib.error.HTTPError as err:
            assert err.code == 422 and json.loads(err.read())["code"] == "INVALID_DATA"
        else:
            raise AssertionError("bad JSON was answered 200")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print("server smoke passed")


def absent() -> None:
    try:
        import huanjie_rules.server  # noqa: F401
    except MissingExtraError as err:
        assert err.extra == "server" and "huanjie-rules[server]" in str(err), err
    else:
        raise AssertionError("the service imported without the server extra")
    print("server absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
