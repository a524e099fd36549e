"""Loading a package's public names on first use (the package's module ``__getattr__``).

A package lists its public names as ordinary ``from .module import name`` statements under
``if TYPE_CHECKING:`` (so type checkers see them) and calls :func:`lazy_package`; at run time
the first use of a name imports its module, found by reading those statements from the package's
own source once. Importing the package itself then loads none of its modules.
"""

from __future__ import annotations

import importlib
import sys
import types

TYPE_CHECKING = False  # read as true by type checkers; importing typing costs more than this module
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any


def _read_imports(file: str) -> dict[str, tuple[str, str]]:
    import ast
    from pathlib import Path

    found: dict[str, tuple[str, str]] = {}
    for node in ast.walk(ast.parse(Path(file).read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                found[alias.asname or alias.name] = (node.module, alias.name)
    return found


class _Package(types.ModuleType):
    """Keeps a public name bound to its value when a submodule of the same name is imported
    (``huanjie_rules.apportion`` is a module and the function the package exports), as eager
    imports would."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in self.__dict__.get("__all__", ()):
            names = self.__dict__.get("_lazy_names")
            if names is not None and name in names():
                return
        super().__setattr__(name, value)


def lazy_package(
    name: str, file: str, public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], Callable[[], dict[str, tuple[str, str]]]]:
    """The ``__getattr__``, ``__dir__`` and name table of package ``name`` (source ``file``)."""
    table: dict[str, tuple[str, str]] = {}

    def names() -> dict[str, tuple[str, str]]:
        if not table:
            table.update(_read_imports(file))
        return table

    def getattr_(attr: str) -> Any:
        target = None if attr.startswith("__") else names().get(attr)
        if target is None:
            raise AttributeError(f"module {name!r} has no attribute {attr!r}")
        module, inner = target
        value = getattr(importlib.import_module(f"{name}.{module}"), inner)
        sys.modules[name].__dict__[attr] = value
        return value

    def dir_() -> list[str]:
        return sorted(set(sys.modules[name].__dict__) | set(public))

    sys.modules[name].__class__ = _Package
    return getattr_, dir_, names
