#!/usr/bin/env python3
"""Project tasks that set themselves up: ``python3 tasks.py demo`` and ``python3 tasks.py test``.

Needs only Python 3.11+ and pip. The first run makes ``.tools/`` (a virtual environment holding
uv) and ``.venv/`` (the locked development environment, from ``uv.lock``); later runs reuse them.

Tasks:
    demo     install, then run the bundled example (screens candidates, decides a vote)
    test     install, then ruff, mypy --strict, and the whole pytest suite (doctests included)
    lint     ruff check and ruff format --check only
    typecheck  mypy --strict only
    bench    run benchmarks/run.py and print its ratios (`bench --write` updates docs/benchmarks.md)
    docs     regenerate the excerpt index (where the reference library is at hand) and the
             generated docs pages (docs/profiles.md, docs/findings.md, docs/errors.md,
             docs/fidelity.md)
    api      record the public API in tests/public_api.txt (needs a CHANGELOG entry; `api --force`)
    lock     re-resolve uv.lock after a dependency change
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
VENV = ROOT / ".venv"
UV_VERSION = "0.13.9"


def _bin(env: Path, name: str) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin") / name


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def _uv() -> Path:
    uv = _bin(TOOLS, "uv")
    if not uv.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
        _run(_bin(TOOLS, "python"), "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}")
    return uv


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["UV_PROJECT_ENVIRONMENT"] = str(VENV)
    env.setdefault("UV_PYTHON", sys.executable)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    return env


def sync() -> None:
    """Install the locked development environment (all extras, dev group)."""
    _run(_uv(), "sync", "--locked", "--all-extras", "--group", "dev", env=_env())


def py(*args: str | Path) -> None:
    _run(_bin(VENV, "python"), *args, env=_env())


def task_lock() -> None:
    _run(_uv(), "lock", env=_env())


def task_demo() -> None:
    sync()
    py("-m", "huanjie_rules.examples.demo")


def task_lint() -> None:
    sync()
    py("-m", "ruff", "check", ".")
    py("-m", "ruff", "format", "--check", ".")


def task_typecheck() -> None:
    sync()
    py("-m", "mypy")


def task_docs() -> None:
    sync()
    py("scripts/gen_excerpts.py")
    py("scripts/gen_docs.py")


def task_test() -> None:
    sync()
    py("-m", "ruff", "check", ".")
    py("-m", "ruff", "format", "--check", ".")
    py("-m", "mypy")
    py("scripts/gen_excerpts.py", "--check")
    py("scripts/gen_docs.py", "--check")
    cmd = [str(_bin(VENV, "python")), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    print("+", " ".join(cmd), flush=True)
    code = subprocess.run(cmd, cwd=ROOT, env=_env()).returncode
    if code == 5:  # pytest: no tests were collected — a broken suite, not a pass
        print("pytest collected no tests: failing on purpose", file=sys.stderr)
        sys.exit(1)
    if code != 0:
        sys.exit(code)


def task_api() -> None:
    sync()
    py("scripts/api.py", "--write", *sys.argv[2:])


def task_bench() -> None:
    sync()
    py("benchmarks/run.py", *sys.argv[2:])


TASKS = {
    name.removeprefix("task_"): fn
    for name, fn in dict(globals()).items()
    if name.startswith("task_")
}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in TASKS or (len(argv) > 1 and argv[0] not in ("bench", "api")):
        print(__doc__)
        sys.exit(2)
    TASKS[argv[0]]()


if __name__ == "__main__":
    main(sys.argv[1:])
