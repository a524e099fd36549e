"""Every profile cites instruments that were in force while the profile is.

A parameter must not rest on an instrument that took effect after its profile starts (a profile
of 2020-10-17 citing the 地方组织法 as amended in 2022) or that ended before the profile ends (a
profile of 1994–2020 citing a text repealed in July 2020). A list whose rows carry their own
in_force_from/in_force_to within the instrument's dates is in order. The few parameters that
cite such an instrument on purpose are listed below with the reason; each must say so in its note.
"""

from __future__ import annotations

import datetime as dt

import pytest

from huanjie_rules.policy import Parameter, ParamTable, list_policies, load_policy

#: (profile, parameter) -> why the later instrument is cited. Keep this list short and explained.
LATER_ON_PURPOSE: dict[tuple[str, str], str] = {
    # 民法总则 art 202 (2017-10-01) is the first statute with the month-end rule; the profiles
    # before it apply it to their whole span (the library's reading), and local rounds inherit it.
    ("party-basic-1990", "procedure.anniversary_overflow"): "month-end rule, no earlier statute",
    ("party-basic-1990", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    ("party-local-1994", "procedure.anniversary_overflow"): "month-end rule, no earlier statute",
    ("party-local-1994", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    ("npc-2015", "procedure.anniversary_overflow"): "month-end rule, no earlier statute",
    ("npc-2015", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    ("village-2010", "procedure.anniversary_overflow"): "month-end rule, no earlier statute",
    ("village-2010", "eligibility.leap_day_birthday"): "month-end rule, no earlier statute",
    # The 2006 rule on a cadre's birth date and the 1999 standard for ID numbers are applied to
    # the earlier years of the 1990 and 1994 profiles: no earlier rule is known, and an ID number
    # of the 1999 form is only checked when one is given.
    ("party-basic-1990", "eligibility.birth_date_source"): "2006 rule applied to the span",
    ("party-local-1994", "eligibility.birth_date_source"): "2006 rule applied to the span",
    ("party-basic-1990", "eligibility.id_number_checks"): "1999 standard, checked if given",
    ("party-local-1994", "eligibility.id_number_checks"): "1999 standard, checked if given",
    # The rights of party members rest on the grassroots regulations' 第五条 by the library's
    # reading; the 1990 text was repealed on 2020-07-13, five months before the 1994 local text.
    ("party-local-1994", "rights.voting_standings"): "grassroots 1990 art 5 read across",
    ("party-local-1994", "rights.candidacy_standings"): "grassroots 1990 art 5 read across",
    ("party-local-1994", "rights.detention_suspends_rights"): "grassroots 1990 art 5 read across",
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
}


def _rows(param: Parameter) -> tuple[ParamTable, ...]:
    if param.type == "tables" and isinstance(param.value, tuple):
        return tuple(r for r in param.value if isinstance(r, ParamTable))
    return ()


def _later_citations() -> dict[tuple[str, str], str]:
    """(profile, parameter) -> why its instrument's dates do not cover the profile."""
    found: dict[tuple[str, str], str] = {}
    for pid in list_policies():
        policy = load_policy(pid, strict=False)
        for param in policy.parameters:
            c = param.citation
            rows = _rows(param)
            starts = [r.get("in_force_from") for r in rows]
            ends = [r.get("in_force_to") for r in rows]
            if c.effective_from is not None and c.effective_from > policy.valid_from:
                dated = bool(rows) and all(
                    isinstance(d, dt.date) and d >= c.effective_from for d in starts
                )
                table = param.value if isinstance(param.value, ParamTable) else None
                from_row = table is not None and isinstance(table.get("in_force_from"), dt.date)
                if not dated and not from_row:
                    found[(pid, param.name)] = (
                        f"{c.instrument} from {c.effective_from} (profile from {policy.valid_from})"
                    )
            if c.effective_to is not None and (
                policy.valid_to is None or policy.valid_to > c.effective_to
            ):
                dated = bool(rows) and all(
                    isinstance(d, dt.date) and d <= c.effective_to for d in ends
                )
                if not dated:
                    found[(pid, param.name)] = (
                        f"{c.instrument} to {c.effective_to} (profile to {policy.valid_to})"
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
    c = param.citation
    dates = [d for d in (c.effective_from, c.effective_to) if d is not None]
    assert dates
    # the note names the instrument's date (or year) so a reader sees the citation is deliberate
    assert any(d.isoformat() in param.note or str(d.year) in param.note for d in dates), param.note


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


PRIMARY = frozenset({"FULLTEXT", "EXCERPT", "LOCAL"})


def _profile_files() -> list[tuple[str, dict[str, object]]]:
    import tomllib
    from importlib import resources

    root = resources.files("huanjie_rules.policy").joinpath("profiles")
    out = []

    def walk(node: object) -> None:
        for child in node.iterdir():  # type: ignore[attr-defined]
            if child.is_dir():
                walk(child)
            elif child.name == "profile.toml":
                out.append((str(child), tomllib.loads(child.read_text(encoding="utf-8"))))

    walk(root)
    return out


def test_primary_instruments_cite_publication_data_not_mirror_pages() -> None:
    # A statute, a regulation or a notice is cited by its issuing body, number and date (the
    # title and note), never by the web page a copy was read on: such pages are reprints. An
    # address belongs to a secondary source (a handbook, a Q&A page, a news summary) only.
    found = []
    for path, data in _profile_files():
        instruments = data.get("instruments", {})
        assert isinstance(instruments, dict)
        for key, spec in instruments.items():
            tier = spec.get("reliability", "FULLTEXT")
            if tier in PRIMARY and "url" in spec:
                found.append(f"{path}: instrument {key} ({tier}) cites {spec['url']}")
    for pid in list_policies():
        for param in load_policy(pid, strict=False).own_parameters():
            c = param.citation
            if c.reliability in PRIMARY and c.url:
                found.append(f"{pid}: {param.name} ({c.reliability}) cites {c.url}")
    assert not found, "\n".join(found)


def test_the_mirror_pages_once_cited_are_gone() -> None:
    mirrors = ("kys-environmental.com", "contacsealstone.com", "m.110.com", "LawRefBook", "cnsoe")
    for pid in list_policies():
        policy = load_policy(pid, strict=False)
        for param in policy.parameters:
            url = param.citation.url or ""
            assert not any(m in url for m in mirrors), (pid, param.name, url)
    titles = {
        key: spec.get("title")
        for _, data in _profile_files()
        for key, spec in dict(data.get("instruments", {})).items()  # type: ignore[call-overload]
    }
    assert "中央纪委机关、中央组织部、国家监委" in str(titles["SHIYANJIN-2021"])
    assert "中央纪委机关、中央组织部" in str(titles["JIUYANJIN-2016"])
