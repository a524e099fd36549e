"""The bulk JSON Lines reader reports exactly what the one-record reader reports, per line."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from huanjie_rules.errors import InvalidDataError
from huanjie_rules.io import from_json, read_jsonl, to_json, write_jsonl
from huanjie_rules.model import Candidate, Gender, Office, Person


def _cand(i: int) -> Candidate:
    return Candidate(
        person=Person(name=f"候选人{i}", gender=Gender.FEMALE, birth_date=dt.date(1970, 1, 1 + i)),
        office=Office.MEMBER,
    )


def test_bad_lines_are_all_reported_with_their_numbers_and_the_one_record_problems() -> None:
    good = to_json(_cand(1))
    no_office = json.dumps({"person": json.loads(good)["person"]}, ensure_ascii=False)
    bad_date = good.replace("1970-01-02", "1970-02-30")
    bad_label = good.replace('"FEMALE"', '"女"')
    lines = [good, "", no_office, "[1,", bad_date, '{"schema_version": 9}', bad_label, "[]", good]
    with pytest.raises(InvalidDataError) as err:
        read_jsonl("\n".join(lines), Candidate)
    expected: list[Any] = []
    for number, line in enumerate(lines, start=1):
        if not line or line == good:
            continue
        try:
            from_json(line, Candidate)
        except InvalidDataError as one:
            expected += [p.with_prefix(f"line[{number}]") for p in one.problems]
        except Exception as one:  # the schema version
            expected.append((number, getattr(one, "code", "")))
    got = err.value.problems
    assert [p for p in got if p.path != "line[6]"] == [
        p for p in expected if not isinstance(p, tuple)
    ]
    assert [(p.path, p.code) for p in got if p.path == "line[6]"] == [("line[6]", "SCHEMA_VERSION")]
    # labels=True reads the Chinese label, as from_json does
    assert read_jsonl(bad_label, Candidate, labels=True) == (
        from_json(bad_label, Candidate, labels=True),
    )


def test_defaults_are_left_out_and_filled_in_again() -> None:
    rows = [_cand(i) for i in range(20)]
    text = write_jsonl(rows)
    assert "ethnicity" not in text and "tenure" not in text
    assert len(text) < len(write_jsonl(rows, defaults=True)) / 2
    assert read_jsonl(text, Candidate) == tuple(rows)
    assert read_jsonl(iter(text.splitlines()), Candidate) == tuple(rows)
    assert read_jsonl("", Candidate) == ()
