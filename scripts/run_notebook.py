"""Execute the example notebook and store its outputs: ``python scripts/run_notebook.py``.

``examples/county_roster.ipynb`` is kept with the outputs of a run of the current code, so that
a reader sees real results without running it; ``tests/unit/test_example_notebook.py`` runs it
again and fails when a stored text output differs from a fresh one (then run this script).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "county_roster.ipynb"


def execute(path: Path, workdir: Path) -> Any:
    """The notebook at ``path``, executed from top to bottom in ``workdir``."""
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        nb = execute(NOTEBOOK, Path(work))
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(nb, NOTEBOOK)  # type: ignore[no-untyped-call]
    print(f"wrote {NOTEBOOK.relative_to(ROOT)} with fresh outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
