"""A real ``huanjie serve`` process on 127.0.0.1 for the HTTP and browser tests (a fixture)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: The body limit the test server runs with, small so that the 413 path is cheap to reach.
MAX_BODY = 2_000_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """A running service: its base URL and a small JSON client."""

    def __init__(self, base: str) -> None:
        self.base = base

    def request(
        self, method: str, path: str, body: bytes | None = None, *, timeout: float = 30
    ) -> tuple[int, Any, dict[str, str]]:
        req = urllib.request.Request(self.base + path, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw, status, headers = resp.read(), resp.status, dict(resp.headers)
        except urllib.error.HTTPError as err:
            raw, status, headers = err.read(), err.code, dict(err.headers)
        ctype = str(headers.get("content-type") or headers.get("Content-Type") or "")
        if "json" in ctype:
            data = json.loads(raw)
        elif ctype.startswith("text/"):
            data = raw.decode("utf-8")
        else:
            data = raw  # a font, a workbook: bytes
        return status, data, headers

    def get(self, path: str) -> tuple[int, Any]:
        status, data, _ = self.request("GET", path)
        return status, data

    def post(self, path: str, doc: Any) -> tuple[int, Any]:
        body = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
        status, data, _ = self.request("POST", path, body)
        return status, data


@pytest.fixture(scope="session", name="server")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "serve.log"
    cmd = [
        sys.executable,
        "-m",
        "huanjie_rules",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--max-body",
        str(MAX_BODY),
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {Path(log).read_text()}")
            time.sleep(0.2)
        yield Server(base)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
