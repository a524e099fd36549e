"""Smoke program of the core: the installed wheel with no extra imports, screens and decides.

Run by ``scripts/smoke.py`` in a fresh virtual environment holding only the wheel and the core
dependencies, as ``python -I smoke/core.py`` from outside the repository.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import sys
import sysconfig
from pathlib import Path

import huanjie_rules as hr
from huanjie_rules.io import from_json, to_json
from huanjie_rules.votes import Tally, Turnout, decide, paper_for


def main() -> None:
    # The package comes from this environment's site-packages, not from a source tree.
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    assert Path(hr.__file__).resolve().is_relative_to(site), hr.__file__
    assert importlib.metadata.version("huanjie-rules") == hr.__version__
    assert (Path(hr.__file__).parent / "py.typed").is_file()

    # Profiles ship as package data.
    assert "village-2018" in hr.list_policies()
    policy = hr.load_policy("village-2018")

    # Screen: the day before the 18th birthday fails, the birthday itself passes.
    def election(seats: int, candidates: list[hr.Candidate]) -> hr.Election:
        return hr.Election(
            key="东村-2021",
            regime=hr.Regime.VILLAGE,
            policy_id="village-2018",
            body=hr.BodyKind.VILLAGE_COMMITTEE,
            level=hr.Level.VILLAGE,
            form=hr.ElectionForm.VILLAGERS,
            date=dt.date(2021, 5, 10),
            seats=[hr.Seat(office=hr.Office.VILLAGE_MEMBER, count=seats)],
            entitled_voters=1200,
            candidates=candidates,
        )

    def person(name: str, born: dt.date) -> hr.Person:
        return hr.Person(name=name, gender=hr.Gender.FEMALE, birth_date=born)

    for born, status in ((dt.date(2003, 5, 11), "INELIGIBLE"), (dt.date(2003, 5, 10), "ELIGIBLE")):
        cand = hr.Candidate(person=person("周婷", born), office=hr.Office.VILLAGE_MEMBER)
        result = hr.screen(cand, election(3, []), policy)
        assert result.status.value == status, (born, result.status, result.findings)
    young = hr.Candidate(
        person=person("周婷", dt.date(2003, 5, 11)), office=hr.Office.VILLAGE_MEMBER
    )
    finding = hr.screen(young, election(3, []), policy).findings[0]
    assert (finding.code, finding.observed, finding.limit) == ("AGE_UNDER_MINIMUM", 17, 18)
    assert finding.citation.article == "第十三条" and "周岁" in finding.message_zh

    # Decide: 450 of 900 is exactly half and does not win; one seat goes to 另行选举.
    names = ("甲", "乙", "丙")
    cands = [
        hr.Candidate(person=person(n, dt.date(1980, 1, 1)), office=hr.Office.VILLAGE_MEMBER)
        for n in names
    ]
    vote = election(2, cands)
    tally = Tally.from_counts(
        paper_for(vote, policy),
        issued=905,
        returned=900,
        for_votes={"甲": 620, "乙": 450, "丙": 300},
    )
    outcome = decide(vote, tally, policy, turnout=Turnout(entitled=1200, present=900))
    assert outcome.status.value == "SHORTFALL"
    assert outcome.post(hr.Office.VILLAGE_MEMBER).elected == ("甲",)
    assert [n.value for n in outcome.options] == ["SECOND_ELECTION"]

    # JSON round trip keeps Chinese readable.
    text = to_json(young)
    assert "周婷" in text and from_json(text, hr.Candidate) == young

    # No extra was imported on the way.
    heavy = [m for m in ("numpy", "hypothesis", "chinese_calendar", "pandas") if m in sys.modules]
    assert not heavy, heavy
    print(f"core smoke passed: huanjie-rules {hr.__version__} on Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
