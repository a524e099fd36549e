"""Extras are imported lazily, and their absence is a MissingExtraError that names the extra.

The smoke programs check this against a real install without the extras; these tests check the
same paths in the development environment by hiding the extra's module.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from huanjie_rules import Ballot, Choice, Office, Seat, Vote
from huanjie_rules.errors import HuanjieError, MissingExtraError
from huanjie_rules.votes import BallotEntry, BallotPaper

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hide(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Make ``import module`` fail as if the package were not installed."""
    monkeypatch.setitem(sys.modules, module, None)


def _check(err: MissingExtraError, extra: str) -> None:
    assert isinstance(err, HuanjieError) and isinstance(err, RuntimeError)
    assert err.code == "MISSING_EXTRA"
    assert err.extra == extra and err.path == extra
    assert f'pip install "huanjie-rules[{extra}]"' in str(err)


def test_calendar_without_chinesecalendar(monkeypatch: pytest.MonkeyPatch) -> None:
    from huanjie_rules import default_calendar

    _hide(monkeypatch, "chinese_calendar")
    with pytest.raises(MissingExtraError) as info:
        default_calendar()
    _check(info.value, "calendar")


def test_fast_path_without_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    from huanjie_rules.votes import BallotEntry, BallotPaper
    from huanjie_rules.votes.fast import ballots_to_array

    paper = BallotPaper(
        election="e",
        seats=[Seat(office=Office.MEMBER, count=1)],
        entries=[BallotEntry(office=Office.MEMBER, person="甲")],
    )
    _hide(monkeypatch, "numpy")
    with pytest.raises(MissingExtraError) as info:
        ballots_to_array(paper, [Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)])])
    _check(info.value, "fast")


def test_dask_without_distributed(monkeypatch: pytest.MonkeyPatch) -> None:
    from huanjie_rules import load_policy
    from huanjie_rules.examples.demo import load_example
    from huanjie_rules.scale.dask import count_stations, screen_counties

    _hide(monkeypatch, "distributed")
    with pytest.raises(MissingExtraError) as info:
        count_stations(object(), _paper(), load_policy("npc-2020"), [])
    _check(info.value, "dask")
    election, _ = load_example()
    with pytest.raises(MissingExtraError):
        screen_counties(object(), [], election, load_policy(election.policy_id))


def _paper() -> BallotPaper:
    return BallotPaper(
        election="e",
        seats=[Seat(office=Office.MEMBER, count=1)],
        entries=[BallotEntry(office=Office.MEMBER, person="甲")],
    )


def test_testing_package_without_hypothesis(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.startswith("huanjie_rules.testing")]:
        monkeypatch.delitem(sys.modules, name)
    _hide(monkeypatch, "hypothesis")
    with pytest.raises(MissingExtraError) as info:
        importlib.import_module("huanjie_rules.testing")
    _check(info.value, "testing")


def test_every_extra_has_a_smoke_program() -> None:
    smoke = _script("smoke")
    assert smoke.matrix_problems() == []
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert sorted(smoke.programs()) == sorted(declared["optional-dependencies"])


def test_an_extra_without_a_smoke_program_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    smoke = _script("smoke")
    monkeypatch.setattr(smoke, "extras", lambda: [*smoke.programs(), "gpu"])
    assert smoke.matrix_problems() == ["extra 'gpu' has no smoke program smoke/extra_gpu.py"]
