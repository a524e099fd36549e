"""The house's layout: modules a reader can hold, and data flowing one way."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "huanjie_rules"
LIMIT = 850  # about 800 lines: what a reader can hold
EDGES = ("io", "testing", "examples", "cli", "server", "report", "scale")


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "profiles" not in p.parts)


def test_no_module_is_longer_than_a_reader_can_hold_unless_it_says_why() -> None:
    long = []
    for path in _modules():
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines <= LIMIT:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if "Why one module:" not in doc:
            long.append((str(path.relative_to(SRC)), lines))
    assert long == [], "split them into packages, or say 'Why one module:' in the docstring"


def test_package_inits_are_short_and_say_what_they_hold() -> None:
    for init in SRC.rglob("__init__.py"):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        defs = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
        assert not defs, (init, "an __init__ re-exports; the code lives in the modules")
        assert ast.get_docstring(tree) or init.parent.name == "examples", init


def test_the_core_never_imports_an_edge() -> None:
    for path in _modules():
        rel = path.relative_to(SRC)
        if rel.parts[0] in EDGES or rel.parts in (("__main__.py",), ("_entry.py",)):
            # ``python -m huanjie_rules`` and the ``huanjie`` script are the command line's
            # entry points: edges
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                target = (node.module or "").split(".")[0]
                # a relative import climbing to the package root lands on ``huanjie_rules``
                depth = len(rel.parts) - 1
                if node.level > depth and target in EDGES:
                    raise AssertionError(f"{rel} imports the edge {target}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "huanjie_rules."
            ):
                target = node.module.split(".")[1] if node.module else ""
                # doctests and lazy imports inside functions are fine for testing/examples only
                assert target not in EDGES or rel.parts[0] in EDGES, (rel, node.module)
