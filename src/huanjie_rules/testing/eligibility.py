"""Hypothesis strategies for screening inputs, driven by a policy profile (extra ``testing``).

Unlike the model strategies of :mod:`huanjie_rules.testing`, these know what a profile's rules
look at: record facts whose ``kind`` the profile's active negative lists know (with end dates
around their look-back windows), attestations for the items the profile requires, the 四个凡提
it requires, and elections of the profile's regime with staff drawn from the candidates and their
relatives. Every value is valid by construction and every candidate's office has seats, so
:func:`~huanjie_rules.eligibility.screen` never raises on them.

Example:
    >>> from hypothesis import given, settings
    >>> from huanjie_rules.eligibility import screen_many
    >>> from huanjie_rules.policy import load_policy
    >>> policy = load_policy("xzhen-2021")
    >>> @settings(max_examples=5, database=None)
    ... @given(screening_elections(policy))
    ... def check(election):
    ...     results = screen_many(None, election, policy)
    ...     assert [r.subject for r in results] == [c.key for c in election.candidates]
    >>> check()
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from hypothesis import strategies as st

from ..eligibility import negative_list_items, required_attestations
from ..limits import MIN_DATE
from ..model import (
    Attestation,
    BodyKind,
    Candidate,
    CheckStatus,
    Degree,
    Education,
    EducationLevel,
    Election,
    ElectionForm,
    Gender,
    Level,
    Office,
    PartyStanding,
    Person,
    PreCheck,
    PreCheckKind,
    RecordFact,
    Regime,
    Relation,
    Relative,
    Seat,
    StaffMember,
    StaffRole,
    Tenure,
    Vetting,
)
from ..policy import Policy
from .model import names

__all__ = [
    "attestations_for",
    "known_record_kinds",
    "prechecks_for",
    "record_facts_for",
    "screening_candidates",
    "screening_elections",
    "screening_persons",
]

#: The election shape each regime's screens are usually run for.
_SHAPE = {
    Regime.PARTY_BASIC: (
        BodyKind.BRANCH,
        Level.VILLAGE,
        ElectionForm.MEMBERS_ASSEMBLY,
        (Office.SECRETARY, Office.MEMBER),
    ),
    Regime.PARTY_LOCAL: (
        BodyKind.PARTY_COMMITTEE,
        Level.COUNTY,
        ElectionForm.DELEGATES_CONGRESS,
        (Office.MEMBER, Office.PARTY_DELEGATE),
    ),
    Regime.NPC: (
        BodyKind.PEOPLES_CONGRESS,
        Level.TOWNSHIP,
        ElectionForm.DIRECT_VOTERS,
        (Office.NPC_DEPUTY,),
    ),
    Regime.VILLAGE: (
        BodyKind.VILLAGE_COMMITTEE,
        Level.VILLAGE,
        ElectionForm.VILLAGERS,
        (Office.VILLAGE_DIRECTOR, Office.VILLAGE_MEMBER),
    ),
}


def _default_date(policy: Policy) -> _dt.date:
    """A day the profile is in force: its last day, or 2021-06-01 (or later start) if open."""
    if policy.valid_to is not None:
        return policy.valid_to
    return max(policy.valid_from, _dt.date(2021, 6, 1))


def known_record_kinds(policy: Policy, on: _dt.date) -> tuple[str, ...]:
    """The ``RecordFact.kind`` codes the profile's active negative lists match on ``on``.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> "DISHONEST_DEBTOR" in known_record_kinds(load_policy("xzhen-2021"), dt.date(2021, 3, 1))
        True
    """
    kinds: set[str] = set()
    for _, row in negative_list_items(policy, on):
        value = row.get("kinds")
        if isinstance(value, tuple):
            kinds.update(str(k) for k in value)
    return tuple(sorted(kinds))


def record_facts_for(
    policy: Policy, on: _dt.date, *, unknown_kinds: Sequence[str] = ()
) -> st.SearchStrategy[RecordFact]:
    """Record facts of kinds the profile knows on ``on`` (plus any ``unknown_kinds``).

    Facts are ongoing, end at an unknown date, or end within six years either side of ``on`` —
    so 3- and 5-year look-back windows are crossed both ways — and never start after ``on``.
    A profile that applies no list on ``on`` (the 人大 profiles) gets facts of the kind
    ``"UNLISTED_RECORD"``, which screens report as ``RECORD_NOT_ASSESSED``.
    """
    kinds = (*known_record_kinds(policy, on), *unknown_kinds) or ("UNLISTED_RECORD",)
    near = st.dates(
        min_value=on - _dt.timedelta(days=6 * 366), max_value=on + _dt.timedelta(days=366)
    )

    @st.composite
    def build(draw: st.DrawFn) -> RecordFact:
        kind = draw(st.sampled_from(kinds))
        shape = draw(st.sampled_from(("ongoing", "unknown_end", "ended")))
        if shape == "ongoing":
            return RecordFact(kind=kind, ongoing=True)
        if shape == "unknown_end":
            return RecordFact(kind=kind)
        ended = draw(near)
        started = draw(st.none() | st.dates(min_value=MIN_DATE, max_value=min(ended, on)))
        return RecordFact(kind=kind, started=started, ended=ended)

    return build()


def attestations_for(
    policy: Policy,
    on: _dt.date,
    *,
    tenure: Tenure | None = None,
    complete: bool = False,
    holds: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[tuple[Attestation, ...]]:
    """Attestations for items the profile requires on ``on``, at most one per item.

    ``complete=True`` attests every required item; ``holds`` (default: any) says whether each
    item applies (``st.just(False)`` gives a clean record).
    """
    items = required_attestations(policy, on, tenure=tenure)
    verdict = holds if holds is not None else st.booleans()

    def build(chosen: Sequence[str]) -> st.SearchStrategy[tuple[Attestation, ...]]:
        return st.tuples(*(st.builds(Attestation, item=st.just(i), holds=verdict) for i in chosen))

    if complete or not items:
        return build(items)
    return st.lists(st.sampled_from(items), unique=True).flatmap(build)


def prechecks_for(
    policy: Policy, *, clear: bool = False
) -> st.SearchStrategy[tuple[PreCheck, ...]]:
    """四个凡提 records: the required kinds, each present or not and in any status.

    ``clear=True`` gives every required check done and clear.
    """
    kinds = [PreCheckKind[k] for k in policy.get_strings("eligibility.prechecks_required")]
    if clear:
        return st.just(tuple(PreCheck(kind=k, status=CheckStatus.CLEAR) for k in kinds))
    one = st.sampled_from(list(PreCheckKind)).flatmap(
        lambda k: st.builds(PreCheck, kind=st.just(k), status=st.sampled_from(CheckStatus))
    )
    return st.lists(one, max_size=len(PreCheckKind), unique_by=lambda c: c.kind).map(tuple)


def screening_persons(
    on: _dt.date, *, standing: st.SearchStrategy[PartyStanding] | None = None
) -> st.SearchStrategy[Person]:
    """People aged 16 to 70 on ``on``, with education, standing and party dates consistent."""
    level = st.none() | st.sampled_from(EducationLevel)
    degree = st.none() | st.sampled_from(Degree)

    @st.composite
    def build(draw: st.DrawFn) -> Person:
        born = draw(
            st.dates(
                min_value=_dt.date(on.year - 70, 1, 1), max_value=_dt.date(on.year - 16, 12, 31)
            )
        )
        party = draw(standing if standing is not None else st.sampled_from(PartyStanding))
        joined = confirmed = None
        adult = _dt.date(born.year + 18, born.month, 1)
        if party is not PartyStanding.NON_MEMBER and adult <= on and draw(st.booleans()):
            joined = draw(st.dates(min_value=adult, max_value=on))
            if party is not PartyStanding.PROBATIONARY and draw(st.booleans()):
                confirmed = joined + _dt.timedelta(days=draw(st.integers(365, 731)))
                if confirmed > on:
                    confirmed = None
        name = draw(names())
        return Person(
            name=name,
            key=name + draw(st.integers(0, 9999).map(str)),
            gender=draw(st.sampled_from(Gender)),
            birth_date=born,
            education=Education(
                full_time=draw(level),
                in_service=draw(level),
                full_time_degree=draw(degree),
            ),
            party_standing=party,
            party_joined=joined,
            party_confirmed=confirmed,
            temporary_relation_only=draw(st.booleans()),
            political_rights_deprived=draw(st.booleans()),
        )

    return build()


def screening_candidates(
    policy: Policy,
    on: _dt.date | None = None,
    *,
    offices: Sequence[Office] | None = None,
    max_records: int = 3,
    unknown_kinds: Sequence[str] = (),
) -> st.SearchStrategy[Candidate]:
    """Candidates for the regime's usual offices with vetting the profile's rules look at.

    Records come from :func:`record_facts_for`, attestations from :func:`attestations_for`,
    pre-checks from :func:`prechecks_for`.
    """
    day = on if on is not None else _default_date(policy)
    chosen = tuple(offices) if offices is not None else _SHAPE[policy.regime][3]
    vetting = st.builds(
        Vetting,
        records=st.lists(
            record_facts_for(policy, day, unknown_kinds=unknown_kinds), max_size=max_records
        ).map(tuple),
        attestations=attestations_for(policy, day),
        prechecks=prechecks_for(policy),
    )
    return st.builds(
        Candidate,
        person=screening_persons(day),
        office=st.sampled_from(chosen),
        tenure=st.sampled_from(Tenure),
        vetting=vetting,
    )


def screening_elections(
    policy: Policy,
    on: _dt.date | None = None,
    *,
    max_candidates: int = 5,
    with_staff: bool = True,
) -> st.SearchStrategy[Election]:
    """Elections of the profile's regime on a day it is in force, with candidates and staff.

    Staff (选举委员会, 监票人, 计票人) are sometimes candidates themselves (same key) and sometimes
    close relatives of candidates, so the incompatibility check has something to find.
    """
    day = on if on is not None else _default_date(policy)
    body, level, form, offices = _SHAPE[policy.regime]

    @st.composite
    def build(draw: st.DrawFn) -> Election:
        cands = draw(
            st.lists(
                screening_candidates(policy, day, offices=offices),
                max_size=max_candidates,
                unique_by=lambda c: c.key,
            )
        )
        keys = [c.key for c in cands]
        staff: list[StaffMember] = []
        if with_staff:
            for i in range(draw(st.integers(0, 3))):
                own = draw(st.none() | st.sampled_from(keys)) if keys else None
                related = draw(st.lists(st.sampled_from(keys), max_size=2)) if keys else []
                kin = (
                    draw(
                        st.lists(
                            st.builds(
                                Relative,
                                candidate=st.sampled_from(keys),
                                relation=st.sampled_from(
                                    [r for r in Relation if r is not Relation.NONE]
                                ),
                            ),
                            max_size=2,
                        )
                    )
                    if keys
                    else []
                )
                staff.append(
                    StaffMember(
                        key=own if own is not None else f"staff-{i}",
                        role=draw(st.sampled_from(StaffRole)),
                        relatives_of=related,
                        relatives=kin,
                    )
                )
        return Election(
            key="e",
            regime=policy.regime,
            policy_id=policy.id,
            body=body,
            level=level,
            form=form,
            date=day,
            seats=[Seat(office=o, count=draw(st.integers(1, 9))) for o in offices],
            entitled_voters=draw(st.integers(0, 5000)),
            candidates=cands,
            staff=_unique_staff(staff),
        )

    return build()


def _unique_staff(staff: list[StaffMember]) -> tuple[StaffMember, ...]:
    seen: set[tuple[str, StaffRole]] = set()
    out = []
    for member in staff:
        if (member.key, member.role) not in seen:
            seen.add((member.key, member.role))
            out.append(member)
    return tuple(out)
