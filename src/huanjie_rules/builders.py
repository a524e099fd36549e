"""Build an :class:`~huanjie_rules.model.Election` from a policy and only what the rules need.

:func:`build_election` takes the regime and the profile id from the policy, fills the body, level
and form with the regime's usual ones, and turns persons into candidates for the only post (or
for the post they are listed under). Core install only: no extra is needed.

Defaults by regime (give ``body``, ``level`` or ``form`` for anything else):

==============  =====================  ===========  ======================
regime          body                   level        form
==============  =====================  ===========  ======================
PARTY_BASIC     BRANCH (党支部)          VILLAGE      MEMBERS_ASSEMBLY
PARTY_LOCAL     PARTY_COMMITTEE        COUNTY       DELEGATES_CONGRESS
NPC             PEOPLES_CONGRESS       TOWNSHIP     DIRECT_VOTERS
VILLAGE         VILLAGE_COMMITTEE      VILLAGE      VILLAGERS
==============  =====================  ===========  ======================

Example:
    >>> import datetime as dt
    >>> from huanjie_rules import Gender, Office, Person, load_policy
    >>> people = [Person(name=n, gender=Gender.FEMALE, birth_date=dt.date(1980, 1, 1))
    ...           for n in ("甲", "乙")]
    >>> e = build_election(load_policy("village-2018"), date=dt.date(2021, 5, 10),
    ...                    seats={Office.VILLAGE_DIRECTOR: 1}, candidates=people,
    ...                    entitled_voters=1200)
    >>> e.regime.value, e.policy_id, e.form.value, [c.key for c in e.candidates]
    ('VILLAGE', 'village-2018', 'VILLAGERS', ['甲', '乙'])
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType

from ._args import checked
from .errors import RuleInputError
from .model import (
    BodyKind,
    Candidate,
    Division,
    Election,
    ElectionForm,
    Level,
    Office,
    Person,
    Regime,
    Seat,
    StaffMember,
)
from .policy import Policy

__all__ = ["REGIME_DEFAULTS", "build_election"]

#: The body, level and form :func:`build_election` assumes for each regime.
REGIME_DEFAULTS: Mapping[Regime, tuple[BodyKind, Level, ElectionForm]] = MappingProxyType(
    {
        Regime.PARTY_BASIC: (BodyKind.BRANCH, Level.VILLAGE, ElectionForm.MEMBERS_ASSEMBLY),
        Regime.PARTY_LOCAL: (
            BodyKind.PARTY_COMMITTEE,
            Level.COUNTY,
            ElectionForm.DELEGATES_CONGRESS,
        ),
        Regime.NPC: (BodyKind.PEOPLES_CONGRESS, Level.TOWNSHIP, ElectionForm.DIRECT_VOTERS),
        Regime.VILLAGE: (BodyKind.VILLAGE_COMMITTEE, Level.VILLAGE, ElectionForm.VILLAGERS),
    }
)

Entrant = Candidate | Person


def _seats(seats: Mapping[Office, int] | Sequence[Seat]) -> tuple[Seat, ...]:
    if isinstance(seats, Mapping):
        return tuple(Seat(office=o, count=n) for o, n in seats.items())
    return tuple(seats)


def _candidate(entrant: object, office: Office | None, path: str) -> Candidate:
    if isinstance(entrant, Candidate):
        if office is not None and entrant.office is not office:
            raise RuleInputError(
                f"{entrant.key!r} stands for {entrant.office.value}, listed under {office.value}",
                code="UNKNOWN_OFFICE",
                path=path,
            )
        return entrant
    if isinstance(entrant, Person):
        if office is None:
            raise RuleInputError(
                "the election has several posts: give a Candidate, or list persons by post "
                "(candidates={Office.X: [...]})",
                code="OFFICE_REQUIRED",
                path=path,
            )
        return Candidate(person=entrant, office=office)
    raise RuleInputError(
        f"expected a Candidate or a Person, got {type(entrant).__name__}", code="TYPE", path=path
    )


@checked
def build_election(
    policy: Policy,
    *,
    date: _dt.date,
    seats: Mapping[Office, int] | Sequence[Seat],
    candidates: Sequence[Entrant] | Mapping[Office, Sequence[Entrant]] = (),
    entitled_voters: int = 0,
    body: BodyKind | None = None,
    level: Level | None = None,
    form: ElectionForm | None = None,
    key: str | None = None,
    staff: Sequence[StaffMember] = (),
    previous_margin: Fraction | None = None,
    division: Division | None = None,
) -> Election:
    """An election under ``policy``: regime and profile id from the policy, the rest defaulted.

    Args:
        policy: the profile; the election's ``regime`` and ``policy_id`` are its own.
        date: election day (选举日): ages, look-back windows and terms count to it.
        seats: the posts and 应选名额, as ``{Office.MEMBER: 5}`` or :class:`Seat` values.
        candidates: :class:`Candidate` values, or :class:`Person` values for the only post; or a
            mapping from post to its candidates or persons.
        entitled_voters: 应到会有选举权人数 / 登记选民数 / 全体代表数; 0 when not known yet (a vote
            is then decided with the entitled count in its :class:`~huanjie_rules.RoundCount`).
        body: the body elected; the regime's usual one by default (see the module's table).
        level: its administrative level; the regime's usual one by default.
        form: how the electors meet; the regime's usual one by default.
        key: an identifier; ``"<policy id>:<date>"`` by default.
        staff: election committee members, scrutineers and counters.
        previous_margin: the previous round's 差额比例, where a rule compares with it.
        division: the kind of administrative division, where a rule names one.

    Raises:
        RuleInputError: a person listed for an election with several posts without saying for
            which (``OFFICE_REQUIRED``), a candidate listed under another post
            (``UNKNOWN_OFFICE``), or an entry that is neither (``TYPE``).
        InvalidDataError: the election breaks the model's own checks (no seats, a candidate for
            a post without seats, a candidate born after election day …).

    Legal basis: none of its own; it only assembles the inputs the rules read.
    """
    if not isinstance(policy, Policy):
        raise RuleInputError(
            f"expected a Policy, got {type(policy).__name__}", code="TYPE", path="policy"
        )
    if not isinstance(date, _dt.date) or isinstance(date, _dt.datetime):
        raise RuleInputError(
            f"expected a date, got {type(date).__name__}", code="TYPE", path="date"
        )
    dbody, dlevel, dform = REGIME_DEFAULTS[policy.regime]
    seat_list = _seats(seats)
    offices = {s.office for s in seat_list if isinstance(s, Seat)}
    only = next(iter(offices)) if len(offices) == 1 else None
    entries: list[Candidate] = []
    if isinstance(candidates, Mapping):
        for office, listed in candidates.items():
            for i, entrant in enumerate(listed):
                path = f"candidates[{office.value}][{i}]"
                entries.append(_candidate(entrant, office, path))
    else:
        for i, entrant in enumerate(candidates):
            entries.append(_candidate(entrant, only, f"candidates[{i}]"))
    return Election(
        key=key if key is not None else f"{policy.id}:{date.isoformat()}",
        regime=policy.regime,
        policy_id=policy.id,
        body=body if body is not None else dbody,
        level=level if level is not None else dlevel,
        form=form if form is not None else dform,
        date=date,
        seats=seat_list,
        entitled_voters=entitled_voters,
        candidates=entries,
        staff=tuple(staff),
        previous_margin=previous_margin,
        division=division,
    )
