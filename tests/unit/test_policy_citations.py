"""Every profile cites instruments that existed while the profile was in force.

A profile valid until a day must not rest a parameter on an instrument that took effect only
after that day (a profile of 1990–2020 citing the 2021 民法典). The few parameters that cite a
later instrument on purpose are listed below with the reason; each must say so in its note.
"""

from __future__ import annotations

import pytest

from huanjie_rules.policy import list_policies, load_policy

#: (profile, parameter) -> why the later instrument is cited. Keep this list short and explained.
LATER_ON_PURPOSE: dict[tuple[str, str], str] = {
    # 民法总则 art 202 (2017-10-01) is the first statute with the month-end rule; the 1990
    # national profile applies it to its whole span, and these local rounds inherit it.
    ("luonan-2011", "procedure.anniversary_overflow"): "month-end rule, no earlier statute",
    (
        "county-township-2006",
        "procedure.anniversary_overflow",
    ): "month-end rule, no earlier statute",
    ("county-pilot-2011", "procedure.anniversary_overflow"): "month-end rule, no earlier statute",
    ("county-township-2006", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    ("county-pilot-2011", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    ("nmg-town-2016", "procedure.anniversary_overflow"): "month-end rule, no earlier statute",
    ("luonan-2011", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    ("nmg-town-2016", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    # The 2016 「九个严禁」 list lives in party-basic-1990 with rows dated from 2016-01-01, so
    # the 2011 local round inherits the parameter but no row applies to it.
    ("luonan-2011", "eligibility.list_jiu_yanjin_2016"): "rows dated from 2016, none apply",
    ("county-township-2006", "eligibility.list_jiu_yanjin_2016"): "rows dated from 2016",
    ("county-pilot-2011", "eligibility.list_jiu_yanjin_2016"): "rows dated from 2016",
    # The 党龄 rule of the 2018 支部工作条例 sits in party-basic-1990 with in_force_from =
    # 2018-10-28, so the 2011 and 2016 local rounds inherit it but it never fires for them.
    ("luonan-2011", "eligibility.secretary_party_age"): "applies from 2018-10-28, never fires",
    ("county-township-2006", "eligibility.secretary_party_age"): "applies from 2018-10-28",
    ("county-pilot-2011", "eligibility.secretary_party_age"): "applies from 2018-10-28",
    ("nmg-town-2016", "eligibility.secretary_party_age"): "applies from 2018-10-28, never fires",
}


def _later_citations() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for pid in list_policies():
        policy = load_policy(pid, strict=False)
        if policy.valid_to is None:
            continue
        for param in policy.parameters:
            start = param.citation.effective_from
            if start is not None and start > policy.valid_to:
                found[(pid, param.name)] = (
                    f"{param.citation.instrument} from {start} (profile to {policy.valid_to})"
                )
    return found


def test_no_parameter_cites_an_instrument_effective_after_the_profile() -> None:
    found = _later_citations()
    unexpected = {k: v for k, v in found.items() if k not in LATER_ON_PURPOSE}
    assert not unexpected, unexpected
    stale = sorted(set(LATER_ON_PURPOSE) - set(found))
    assert not stale, f"no longer cite a later instrument; drop them from the list: {stale}"


@pytest.mark.parametrize("key", sorted(LATER_ON_PURPOSE))
def test_a_later_citation_says_why_in_its_note(key: tuple[str, str]) -> None:
    pid, name = key
    param = load_policy(pid, strict=False).param(name)
    start = param.citation.effective_from
    assert start is not None
    # the note names the later date (or year) so a reader sees the citation is deliberate
    assert start.isoformat() in param.note or str(start.year) in param.note, param.note


@pytest.mark.parametrize(
    "profile", ["party-basic-1990", "party-local-1994", "npc-2015", "village-2010"]
)
def test_pre_2021_profiles_cite_the_civil_law_in_force(profile: str) -> None:
    # 民法通则 art 154 (1987) for the first and last day; 民法总则 art 202 (2017) for month ends
    policy = load_policy(profile, strict=False)
    assert policy.valid_to is not None
    for param in policy.parameters:
        assert param.citation.instrument != "CIVIL-CODE", param.name
    first = policy.citation("procedure.deadline_first_day")
    assert (first.instrument, first.article) == ("CIVIL-GP", "第一百五十四条")
    assert first.effective_from is not None and first.effective_from <= policy.valid_from
    overflow = policy.citation("procedure.anniversary_overflow")
    assert (overflow.instrument, overflow.article) == ("CIVIL-GPART", "第二百零二条")
    if "procedure.days_before_convention" in policy:
        assert policy.citation("procedure.days_before_convention").instrument == "CIVIL-GP"
