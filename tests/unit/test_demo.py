"""The demo that `python3 tasks.py demo` runs: bundled data, screens, and a decided vote."""

from __future__ import annotations

import io

from huanjie_rules.examples.demo import load_example, main
from huanjie_rules.model import Office


def test_bundled_example_loads() -> None:
    election, rounds = load_example()
    assert election.policy_id == "zhejiang-village-2020"
    assert len(election.candidates) == 8
    assert len(rounds) == 2


def test_demo_screens_and_decides() -> None:
    out = io.StringIO()
    outcome = main(out)
    text = out.getvalue()
    # screens: an under-age candidate, a criminal record, a scrutineer's relative, an ID mismatch
    assert "AGE_UNDER_MINIMUM" in text
    assert "NEGATIVE_RECORD" in text
    assert "STAFF_ROLE_RELATIVE" in text
    assert "ID_BIRTH_DATE_MISMATCH" in text
    assert "张秀英 → 符合 (ELIGIBLE)" in text
    # the vote: first round leaves one seat to a 另行选举 that 赵磊 wins above the 1/3 floor
    assert outcome.status.value == "COMPLETE"
    assert outcome.winners == (
        (Office.VILLAGE_DIRECTOR, "陈建国"),
        (Office.VILLAGE_MEMBER, "李明"),
        (Office.VILLAGE_MEMBER, "张秀英"),
        (Office.VILLAGE_MEMBER, "赵磊"),
    )
    assert "FLOOR      base BALLOTS_CAST = 1296, ratio 1/3 (INCLUSIVE) → bound 432" in text
