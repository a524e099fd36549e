"""Builders shared by the eligibility tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from huanjie_rules.model import (
    BodyKind,
    Candidate,
    Education,
    EducationLevel,
    Election,
    ElectionForm,
    Gender,
    Level,
    Office,
    PartyStanding,
    Person,
    Regime,
    Seat,
    StaffMember,
    Tenure,
    Vetting,
)
from huanjie_rules.policy import Policy, load_policy

D = dt.date
BORN = D(1980, 6, 15)

_REGIME = {
    "party-basic-1990": (
        Regime.PARTY_BASIC,
        BodyKind.BRANCH,
        Level.GRASSROOTS,
        ElectionForm.MEMBERS_ASSEMBLY,
    ),
    "party-basic-2020": (
        Regime.PARTY_BASIC,
        BodyKind.BRANCH,
        Level.GRASSROOTS,
        ElectionForm.MEMBERS_ASSEMBLY,
    ),
    "xzhen-2021": (
        Regime.PARTY_BASIC,
        BodyKind.BRANCH,
        Level.VILLAGE,
        ElectionForm.MEMBERS_ASSEMBLY,
    ),
    "nmg-town-2016": (
        Regime.PARTY_BASIC,
        BodyKind.PARTY_COMMITTEE,
        Level.TOWNSHIP,
        ElectionForm.MEMBERS_ASSEMBLY,
    ),
    "party-local-1994": (
        Regime.PARTY_LOCAL,
        BodyKind.PARTY_COMMITTEE,
        Level.COUNTY,
        ElectionForm.DELEGATES_CONGRESS,
    ),
    "party-local-2020": (
        Regime.PARTY_LOCAL,
        BodyKind.PARTY_COMMITTEE,
        Level.COUNTY,
        ElectionForm.DELEGATES_CONGRESS,
    ),
    "npc-2015": (Regime.NPC, BodyKind.PEOPLES_CONGRESS, Level.TOWNSHIP, ElectionForm.DIRECT_VOTERS),
    "npc-2020": (Regime.NPC, BodyKind.PEOPLES_CONGRESS, Level.TOWNSHIP, ElectionForm.DIRECT_VOTERS),
    "village-2010": (
        Regime.VILLAGE,
        BodyKind.VILLAGE_COMMITTEE,
        Level.VILLAGE,
        ElectionForm.VILLAGERS,
    ),
    "village-2018": (
        Regime.VILLAGE,
        BodyKind.VILLAGE_COMMITTEE,
        Level.VILLAGE,
        ElectionForm.VILLAGERS,
    ),
    "zhejiang-village-2020": (
        Regime.VILLAGE,
        BodyKind.VILLAGE_COMMITTEE,
        Level.VILLAGE,
        ElectionForm.VILLAGERS,
    ),
}

OFFICES = tuple(Office)


def election(
    policy: Policy,
    on: dt.date,
    *,
    staff: tuple[StaffMember, ...] = (),
    candidates: tuple[Candidate, ...] = (),
) -> Election:
    base = policy.lineage[-1] if policy.id not in _REGIME else policy.id
    regime, body, level, form = _REGIME.get(policy.id, _REGIME[base])
    return Election(
        key="e",
        regime=regime,
        policy_id=policy.id,
        body=body,
        level=level,
        form=form,
        date=on,
        seats=[Seat(office=o, count=9) for o in OFFICES if regime in o.regimes],
        entitled_voters=1000,
        staff=staff,
        candidates=candidates,
    )


def person(
    name: str = "张三",
    born: dt.date = BORN,
    *,
    gender: Gender = Gender.MALE,
    standing: PartyStanding = PartyStanding.FULL_MEMBER,
    education: EducationLevel | None = EducationLevel.UNDERGRADUATE,
    **kw: object,
) -> Person:
    return Person(
        name=name,
        gender=gender,
        birth_date=born,
        party_standing=standing,
        education=Education(full_time=education),
        **kw,  # type: ignore[arg-type]
    )


def candidate(
    p: Person,
    office: Office = Office.SECRETARY,
    tenure: Tenure = Tenure.NEW,
    vetting: Vetting | None = None,
) -> Candidate:
    return Candidate(person=p, office=office, tenure=tenure, vetting=vetting or Vetting())


def _parent_validity(parent: Policy) -> str:
    """TOML lines giving a local profile its parent's validity (it may not outlast it)."""
    end = f"valid_to = {parent.valid_to.isoformat()}\n" if parent.valid_to else ""
    return f"valid_from = {parent.valid_from.isoformat()}\n{end}"


def local_profile(tmp: Path, pid: str, extends: str, files: dict[str, str]) -> Policy:
    d = tmp / pid
    d.mkdir()
    base = load_policy(extends)
    (d / "profile.toml").write_text(
        f'id = "{pid}"\nregime = "{base.regime.value}"\nextends = "{extends}"\nlocal = true\n'
        f'title_zh = "测试"\ntitle_en = "test"\n{_parent_validity(base)}'
        '[instruments.TEST]\ntitle = "测试文件"\nurl = "https://example.org/test"\n',
        encoding="utf-8",
    )
    for stem, text in files.items():
        (d / f"{stem}.toml").write_text(text, encoding="utf-8")
    return load_policy(pid, search=[tmp])
