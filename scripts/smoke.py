"""Install the built wheel into clean virtual environments and run the smoke programs.

The matrix is read from the files, so a new extra only needs its smoke program:

- ``smoke/core.py`` runs in an environment holding the wheel alone (no extra);
- every extra ``NAME`` of ``pyproject.toml`` has ``smoke/extra_NAME.py``, run with ``--absent`` in
  that core environment (the library must refuse with a ``MissingExtraError`` naming the extra),
  then plainly in an environment holding ``wheel[NAME]``.

An extra without a smoke program, or a smoke program without an extra, fails the run. The core
program also runs on every other CPython 3.11+ found on ``PATH`` (``python3.12``, ``python3.13``…).
Dependencies are pinned to ``uv.lock`` (exported as constraints), so every install comes from
uv's cache once the development environment exists. Programs run as ``python -I`` from an empty
directory, so they see the installed wheel, never the source tree.

``python scripts/smoke.py --uv PATH [--dist DIR]``
"""

from __future__ import annotations

import argparse
import glob
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMOKE = ROOT / "smoke"
WORK = ROOT / "build" / "smoke"
OTHER_PYTHONS = ("python3.12", "python3.13", "python3.14", "python3.15")


def extras() -> list[str]:
    """The extras declared in ``pyproject.toml``."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return sorted(data["project"].get("optional-dependencies", {}))


def programs() -> dict[str, Path]:
    """Extra name -> its smoke program."""
    return {p.stem.removeprefix("extra_"): p for p in sorted(SMOKE.glob("extra_*.py"))}


def matrix_problems() -> list[str]:
    """Extras without a smoke program and smoke programs without an extra."""
    declared, found = set(extras()), set(programs())
    problems = [
        f"extra {e!r} has no smoke program smoke/extra_{e}.py" for e in sorted(declared - found)
    ]
    problems += [
        f"smoke/extra_{e}.py names no extra of pyproject.toml" for e in sorted(found - declared)
    ]
    return problems


def other_pythons() -> dict[str, str]:
    """Other CPython 3.11+ interpreters that run here: version -> path (PATH, then pyenv's)."""
    candidates = [shutil.which(name) for name in OTHER_PYTHONS]
    candidates += sorted(
        glob.glob(str(Path.home() / ".pyenv" / "versions" / "3.*" / "bin" / "python3"))
    )
    mine = f"{sys.version_info[0]}.{sys.version_info[1]}"
    found: dict[str, str] = {}
    for candidate in candidates:
        if candidate is None:
            continue
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        version = probe.stdout.strip()
        if probe.returncode != 0 or version == mine:
            continue
        major, minor = (int(x) for x in version.split("."))
        if (major, minor) >= (3, 11):
            found.setdefault(version, candidate)
    return dict(sorted(found.items()))


def wheel(dist: Path) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    from release import current_version

    version = current_version()
    found = sorted(dist.glob(f"huanjie_rules-{version}-*.whl"))
    if len(found) != 1:
        raise SystemExit(f"expected one wheel of version {version} in {dist}, found {found}")
    return found[0]


def _run(cmd: list[str | Path], cwd: Path | None = None) -> None:
    shown = " ".join(str(c) for c in cmd)
    print("+", shown, flush=True)
    code = subprocess.run([str(c) for c in cmd], cwd=cwd).returncode
    if code != 0:
        raise SystemExit(f"smoke failed ({code}): {shown}")


def _env(uv: Path, name: str, python: str, requirement: str, constraints: Path) -> Path:
    """A fresh virtual environment holding ``requirement``; returns its Python."""
    target = WORK / name
    if target.exists():
        shutil.rmtree(target)
    _run([uv, "venv", "--quiet", "--python", python, target])
    py = target / "bin" / "python"
    _run([uv, "pip", "install", "--quiet", "--python", py, "-c", constraints, requirement])
    return py


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uv", required=True, type=Path)
    parser.add_argument("--dist", default=ROOT / "dist", type=Path)
    args = parser.parse_args(argv)
    problems = matrix_problems()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    uv: Path = args.uv
    whl = wheel(args.dist)
    WORK.mkdir(parents=True, exist_ok=True)
    constraints = WORK / "constraints.txt"
    _run(
        [
            uv,
            "export",
            "--quiet",
            "--frozen",
            "--no-hashes",
            "--no-emit-project",
            "--all-extras",
            "--no-default-groups",
            "--output-file",
            constraints,
        ],
        cwd=ROOT,
    )
    empty = WORK / "cwd"
    empty.mkdir(exist_ok=True)
    started = time.monotonic()

    core = _env(uv, "core", sys.executable, str(whl), constraints)
    _run([core, "-I", SMOKE / "core.py"], cwd=empty)
    for program in programs().values():
        _run([core, "-I", program, "--absent"], cwd=empty)
    for name, program in programs().items():
        py = _env(uv, f"extra-{name}", sys.executable, f"{whl}[{name}]", constraints)
        _run([py, "-I", program], cwd=empty)
    others = other_pythons()
    for version, python in others.items():
        py = _env(uv, f"core-{version}", python, str(whl), constraints)
        _run([py, "-I", SMOKE / "core.py"], cwd=empty)
    print(
        f"smoke matrix passed in {time.monotonic() - started:.1f} s: core and extras "
        f"{', '.join(programs())} on Python {sys.version_info[0]}.{sys.version_info[1]}; core on "
        f"{', '.join(others) or 'no other Python'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
