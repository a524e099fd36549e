"""``import huanjie_rules`` loads no rule module; every public name still resolves to the same
object as the eager imports gave, the first time it is used."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import huanjie_rules


def _fresh(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_import_loads_nothing_but_the_package() -> None:
    loaded = _fresh(
        "import sys, huanjie_rules\n"
        "print(sorted(m for m in sys.modules if m.startswith(('huanjie_rules', 'attr', 'cattrs',"
        " 'numpy', 'pandas', 'typing'))))"
    )
    assert loaded == "['huanjie_rules', 'huanjie_rules._lazy']"


def test_every_public_name_resolves_to_its_module_object() -> None:
    table = huanjie_rules._lazy_names()
    assert set(huanjie_rules.__all__) <= set(table) | {"__version__"}
    for name in huanjie_rules.__all__:
        if name == "__version__":
            continue
        module, attr = table[name]
        expected = getattr(importlib.import_module(f"huanjie_rules.{module}"), attr)
        assert getattr(huanjie_rules, name) is expected
    assert set(huanjie_rules.__all__) <= set(dir(huanjie_rules))


def test_a_submodule_import_does_not_hide_the_public_name() -> None:
    # apportion is both a module and the function the package exports
    assert (
        _fresh(
            "import huanjie_rules.apportion, huanjie_rules\n"
            "from huanjie_rules import apportion\n"
            "print(type(huanjie_rules.apportion).__name__, type(apportion).__name__)"
        )
        == "function function"
    )
    assert (
        _fresh("from huanjie_rules import *\nprint(callable(screen), Office.MEMBER.value)")
        == "True MEMBER"
    )


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(huanjie_rules, "no_such_name")  # noqa: B009
