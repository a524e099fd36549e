#!/usr/bin/env python3
"""Project tasks that set themselves up: ``python3 tasks.py demo`` and ``python3 tasks.py test``.

Needs only Python 3.11+ and pip. The first run makes ``.tools/`` (a virtual environment holding
uv) and ``.venv/`` (the locked development environment, from ``uv.lock``); later runs reuse them.

Tasks:
    demo     install, then run the bundled example (screens candidates, decides a vote)
    test     install, then ruff, mypy --strict, the generated-docs and changelog checks, the
             documentation site (warnings as errors), the whole pytest suite (doctests included),
             and the wheel's smoke programs in clean environments (core, then each extra);
             installs Debian's chromium and chromium-driver for the browser test when missing
    lint     ruff check and ruff format --check only
    typecheck  mypy --strict only
    bench    run benchmarks/run.py and print its ratios (`bench --write` updates docs/benchmarks.md)
    docs     regenerate the excerpt index (where the reference library is at hand) and the
             generated docs pages (docs/profiles.md, docs/findings.md, docs/errors.md,
             docs/fidelity.md …), then build the site into build/site/
    api      record the public API in tests/public_api.txt (needs a change to CHANGELOG's [Unreleased])
    build    build the wheel and the sdist into dist/
    smoke    build, then install the wheel into clean environments and run smoke/*.py
    release  `release X.Y.Z`: date the changelog, set the version, test, build, commit and tag
    notebook add the `notebook` dependency group (pandas, JupyterLab) to .venv, and keep it there
             in later runs (`notebook --off` stops keeping it)
    fuzz     coverage-guided fuzzing with atheris: `fuzz json 300` or `fuzz profile 300` (target,
             seconds); crashes land in tests/fuzz/crashes/<target>/ and become regression tests
    lock     re-resolve uv.lock after a dependency change
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
VENV = ROOT / ".venv"
UV_VERSION = "0.13.9"
ATHERIS = "atheris>=2.3,<4"


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


# Dependency groups asked for on this machine beside `dev` (one name a line), so that a later
# sync keeps them instead of removing them; the file lives in .venv and goes with it.
KEPT_GROUPS = VENV / "huanjie-kept-groups.txt"


def _kept_groups() -> list[str]:
    if not KEPT_GROUPS.exists():
        return []
    return [g for g in KEPT_GROUPS.read_text(encoding="utf-8").split() if g]


def sync() -> None:
    """Install the locked development environment (all extras, dev group, kept groups)."""
    groups = [arg for g in ["dev", *_kept_groups()] for arg in ("--group", g)]
    _run(_uv(), "sync", "--locked", "--all-extras", *groups, env=_env())


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
    py("scripts/docs_site.py", ROOT / "build" / "site")
    print(f"open {ROOT / 'build' / 'site' / 'index.html'}")


def _build() -> None:
    dist = ROOT / "dist"
    if dist.exists():
        shutil.rmtree(dist)
    _run(_uv(), "build", "--quiet", "--out-dir", dist, env=_env())
    for f in sorted(dist.iterdir()):
        print(f"built {f.relative_to(ROOT)} ({f.stat().st_size:,} bytes)")


def task_build() -> None:
    sync()
    _build()
    py("scripts/release.py", "check-dist", ROOT / "dist")


def task_smoke() -> None:
    task_build()
    py("scripts/smoke.py", "--uv", _uv())


def task_notebook() -> None:
    if sys.argv[2:] == ["--off"]:
        KEPT_GROUPS.unlink(missing_ok=True)
        sync()
        return
    VENV.mkdir(exist_ok=True)
    kept = _kept_groups()
    if "notebook" not in kept:
        KEPT_GROUPS.write_text("\n".join([*kept, "notebook"]) + "\n", encoding="utf-8")
    sync()
    print(f"start JupyterLab with: {_bin(VENV, 'jupyter')} lab")


BROWSER_PACKAGES = ("chromium", "chromium-driver")


def browser() -> bool:
    """Install Debian's chromium and chromium-driver for the page's browser test, when missing.

    Only where the machine allows it (root, apt-get); elsewhere the browser test says what is
    missing. Returns whether the browser test must run: True where the browser is installed or
    this machine could install it (then its absence fails the test instead of skipping it).
    """
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return True
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        print("chromium/chromedriver missing and not installable here", file=sys.stderr)
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print("+ apt-get install", " ".join(BROWSER_PACKAGES), flush=True)
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *BROWSER_PACKAGES]
    if subprocess.run(cmd, env=env, check=False).returncode != 0:
        print("could not install chromium; the browser test will report it", file=sys.stderr)
    return True


def task_test() -> None:
    sync()
    need_browser = browser()
    py("-m", "ruff", "check", ".")
    py("-m", "ruff", "format", "--check", ".")
    py("-m", "mypy")
    py("scripts/gen_excerpts.py", "--check")
    py("scripts/gen_docs.py", "--check")
    py("scripts/release.py", "check")
    site = ROOT / "build" / "site"
    py("scripts/docs_site.py", site)
    env = _env()
    env["HUANJIE_SITE"] = str(site)  # the site tests read this build instead of making their own
    if need_browser:  # the browser test fails, rather than skips, without chromium
        env["HUANJIE_BROWSER_REQUIRED"] = "1"
    cmd = [str(_bin(VENV, "python")), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    print("+", " ".join(cmd), flush=True)
    code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    if code == 5:  # pytest: no tests were collected — a broken suite, not a pass
        print("pytest collected no tests: failing on purpose", file=sys.stderr)
        sys.exit(1)
    if code != 0:
        sys.exit(code)
    _build()
    py("scripts/release.py", "check-dist", ROOT / "dist")
    py("scripts/smoke.py", "--uv", _uv())


def task_release() -> None:
    if len(sys.argv) != 3:
        print("usage: python3 tasks.py release X.Y.Z", file=sys.stderr)
        sys.exit(2)
    version = sys.argv[2]
    sync()
    py("scripts/release.py", "prepare", version)
    task_test()
    py("scripts/release.py", "tag", version)
    print(f"released {version}: commit and tag v{version} made; dist/ holds the checked files")


def task_api() -> None:
    sync()
    py("scripts/api.py", "--write", *sys.argv[2:])


def task_fuzz() -> None:
    args = sys.argv[2:]
    target = args[0] if args else "json"
    seconds = args[1] if len(args) > 1 else "60"
    if target not in ("json", "profile") or not seconds.isdigit():
        print("usage: python3 tasks.py fuzz [json|profile] [seconds]", file=sys.stderr)
        sys.exit(2)
    sync()
    # atheris is a tool of this task only, not of the library or its tests: installed here, on
    # top of the locked environment (the next sync removes it again).
    _run(_uv(), "pip", "install", "--python", _bin(VENV, "python"), ATHERIS, env=_env())
    work = ROOT / ".fuzz" / target
    crashes = ROOT / "tests" / "fuzz" / "crashes" / target
    work.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    py(
        "tests/fuzz/atheris_fuzz.py",
        target,
        f"-max_total_time={seconds}",
        "-timeout=10",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={crashes}/",
        str(work),
        str(ROOT / "tests" / "fuzz" / "corpus" / target),
    )


def task_bench() -> None:
    sync()
    py("benchmarks/run.py", *sys.argv[2:])


TASKS = {
    name.removeprefix("task_"): fn
    for name, fn in dict(globals()).items()
    if name.startswith("task_")
}


TAKE_ARGS = ("bench", "api", "release", "notebook", "fuzz")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in TASKS or (len(argv) > 1 and argv[0] not in TAKE_ARGS):
        print(__doc__)
        sys.exit(2)
    TASKS[argv[0]]()


if __name__ == "__main__":
    main(sys.argv[1:])
