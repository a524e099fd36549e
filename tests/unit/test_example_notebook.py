"""The example notebook runs from top to bottom; any error in a cell fails the test run."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from huanjie_rules.io.tables import read_roster

ROOT = Path(__file__).resolve().parents[2]


def _texts(nb: Any) -> list[list[str]]:
    """Each code cell's text outputs (what a reader reads; pictures left aside)."""
    return [
        [
            "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
            for o in cell.outputs
        ]
        for cell in nb.cells
        if cell.cell_type == "code"
    ]


def test_county_roster_notebook_executes(tmp_path: Path) -> None:
    path = ROOT / "examples" / "county_roster.ipynb"
    stored = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    # the stored outputs are those of the current code: `python scripts/run_notebook.py`
    assert _texts(stored) == _texts(nb)
    pictures = [
        ("image/png" in o.get("data", {}))
        for cell in stored.cells
        if cell.cell_type == "code"
        for o in cell.outputs
    ]
    assert pictures.count(True) >= 4
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    text = "".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        for o in outputs
    )
    # the probationary members' findings are explained from their citation, and the township
    # report states its changes with their unit and its rules with the profile's words
    assert "预备党员没有表决权、选举权和被选举权" in text
    assert "个百分点" in text
    assert "「具有2年以上乡镇工作经历的人员应不少于三分之二」" in text


def test_bundled_roster_is_what_the_generator_makes() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_example_roster", ROOT / "scripts" / "make_example_roster.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current, previous = module.rows()
    bundled = module.TARGET.read_bytes()
    for sheet, rows in (("名册", current), ("上届", previous)):
        assert read_roster(bundled, sheet=sheet).entries == read_roster(rows, name=sheet).entries
    now, before = module.township_rows()
    towns = module.TOWNSHIP_TARGET.read_bytes()
    for sheet, rows in (("本届", now), ("上届", before)):
        got = read_roster(towns, sheet=sheet)
        assert got.entries == read_roster(rows, name=sheet).entries
        assert not got.rejected
