"""Smoke program of the extra ``testing`` (hypothesis strategies).

``python -I smoke/extra_testing.py`` in an environment with the extra: a property over drawn
persons runs, and ``st.from_type`` knows the model through the entry point. With ``--absent``,
in one without it: importing ``huanjie_rules.testing`` raises MissingExtraError naming the extra.
"""

from __future__ import annotations

import importlib
import sys

from huanjie_rules import Person
from huanjie_rules.errors import MissingExtraError


def present() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from huanjie_rules.io import from_json, to_json
    from huanjie_rules.testing import persons

    drawn: list[Person] = []

    @settings(max_examples=25, database=None, deadline=None)
    @given(persons(), st.from_type(Person))
    def round_trip(a: Person, b: Person) -> None:
        for p in (a, b):
            assert from_json(to_json(p, reveal_ids=True), Person) == p
        drawn.append(a)

    round_trip()
    assert drawn
    print("testing smoke passed")


def absent() -> None:
    try:
        importlib.import_module("huanjie_rules.testing")
    except MissingExtraError as err:
        assert err.extra == "testing" and "huanjie-rules[testing]" in str(err), err
    else:
        raise AssertionError("huanjie_rules.testing imported without the testing extra")
    print("testing absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
