"""Latency of the HTTP service under a bounded concurrent load, for docs/benchmarks.md.

Starts ``huanjie serve`` on 127.0.0.1 (an ephemeral port), sends a fixed number of requests a
fixed number at a time (a mix of screens, quota questions, timelines and validations, as the
test does), and prints p50 and p99 per endpoint and overall. Nothing is asserted: the figures
depend on the machine; the test suite checks that the same load gives no error.

    .venv/bin/python benchmarks/http_load.py --requests 2000 --concurrency 8
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from huanjie_rules.examples.demo import load_example
from huanjie_rules.io import to_dict


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered)) - 1))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    port = _port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "huanjie_rules", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        election = json.dumps(to_dict(load_example()[0], reveal_ids=True), ensure_ascii=False)
        mix = [
            ("POST /screen (8 candidates)", "/screen", election.encode()),
            (
                "POST /quota/deputies",
                "/quota/deputies?policy=npc-2020",
                b'{"level": "COUNTY", "population": 1550001}',
            ),
            ("POST /timeline", "/timeline?policy=npc-2020", b'{"election_day": "2021-11-05"}'),
            ("POST /validate/Election", "/validate/Election", election.encode()),
        ]

        def one(i: int) -> tuple[str, int, float]:
            label, path, body = mix[i % len(mix)]
            req = urllib.request.Request(base + path, data=body, method="POST")
            start = time.perf_counter()
            with urllib.request.urlopen(req, timeout=60) as resp:
                resp.read()
                status = resp.status
            return label, status, time.perf_counter() - start

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            results = list(pool.map(one, range(args.requests)))
        wall = time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    errors = sum(1 for _, status, _ in results if status != 200)
    print(
        f"{args.requests} requests, {args.concurrency} at a time, {errors} errors, "
        f"{args.requests / wall:.0f} requests/s"
    )
    print("| endpoint | p50 | p99 |")
    print("|---|---|---|")
    for label, _, _ in mix:
        times = [t for name, _, t in results if name == label]
        print(
            f"| {label} | {statistics.median(times) * 1000:.1f} ms "
            f"| {_quantile(times, 0.99) * 1000:.1f} ms |"
        )
    times = [t for _, _, t in results]
    print(
        f"| all | {statistics.median(times) * 1000:.1f} ms | {_quantile(times, 0.99) * 1000:.1f} ms |"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
