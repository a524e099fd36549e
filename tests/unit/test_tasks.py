"""tasks.py keeps the dependency groups a user asked for (the notebook group) across runs."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tasks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_notebook_group_holds_pandas_and_jupyter() -> None:
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "dependency-groups"
    ]
    names = {d.split(">")[0].split("=")[0] for d in groups["notebook"] if isinstance(d, str)}
    assert {"pandas", "jupyterlab"} <= names
    assert {"include-group": "docs"} in groups["dev"]


@pytest.mark.parametrize(("kept", "groups"), [(None, ["dev"]), ("notebook\n", ["dev", "notebook"])])
def test_sync_installs_the_kept_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: str | None, groups: list[str]
) -> None:
    tasks = _tasks()
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(tasks, "KEPT_GROUPS", tmp_path / "kept.txt")
    monkeypatch.setattr(tasks, "_uv", lambda: Path("uv"))
    monkeypatch.setattr(tasks, "_run", lambda *cmd, env=None: calls.append(tuple(map(str, cmd))))
    if kept is not None:
        (tmp_path / "kept.txt").write_text(kept, encoding="utf-8")
    tasks.sync()
    (cmd,) = calls
    assert cmd[:4] == ("uv", "sync", "--locked", "--all-extras")
    assert [cmd[i + 1] for i, arg in enumerate(cmd) if arg == "--group"] == groups
