"""Rights to vote and to be elected.

Party regimes: the standings that carry 选举权/被选举权, 留置/逮捕, the 临时组织关系 letter.
人大 and village regimes: 年满十八周岁 and political rights not deprived.
"""

from __future__ import annotations

import datetime as _dt

from ..age import _age_on
from ..findings import Finding
from ..model import (
    PartyStanding,
    Person,
)
from ..policy import Policy
from ._common import _Ctx, _finding, _is_party, _sev, _standing_pair


def _party_rights(person: Person, policy: Policy, subject: str, *, voting: bool) -> list[Finding]:
    found: list[Finding] = []
    name = "rights.voting_standings" if voting else "rights.candidacy_standings"
    param = policy.param(name)
    allowed = policy.get_strings(name)
    standing = person.party_standing
    if standing.value not in allowed:
        detention = "rights.detention_suspends_rights"
        if (
            standing is PartyStanding.RIGHTS_SUSPENDED
            and detention in policy
            and policy.get_bool(detention)
        ):
            dparam = policy.param(detention)
            found.append(
                _finding(
                    "RIGHTS_SUSPENDED",
                    _sev(dparam.hard),
                    dparam,
                    subject=subject,
                    observed=standing.label,
                )
            )
        else:
            limit = "、".join(PartyStanding[s].label for s in allowed)
            found.append(
                _finding(
                    "NO_VOTING_STANDING" if voting else "NO_CANDIDACY_STANDING",
                    _sev(param.hard),
                    param,
                    subject=subject,
                    observed=standing.value,
                    limit=limit,
                    pairs={"standing_t": _standing_pair(standing)},
                )
            )
    letter = "rights.temporary_letter_has_rights"
    if person.temporary_relation_only and letter in policy and not policy.get_bool(letter):
        lparam = policy.param(letter)
        found.append(
            _finding(
                "TEMPORARY_LETTER_ONLY", _sev(lparam.hard), lparam, subject=subject, observed=True
            )
        )
    return found


def _civic_rights(
    person: Person, birth: _dt.date, policy: Policy, on: _dt.date, subject: str
) -> list[Finding]:
    found: list[Finding] = []
    param = policy.param("rights.min_age")
    minimum = policy.get_int("rights.min_age")
    leap = policy.get_str("eligibility.leap_day_birthday")
    age = _age_on(birth, on, leap_day=leap) if on >= birth else -1
    if age < minimum:
        found.append(
            _finding(
                "AGE_UNDER_MINIMUM",
                _sev(param.hard),
                param,
                subject=subject,
                observed=age,
                limit=minimum,
                on=on,
            )
        )
    dparam = policy.param("rights.deprivation_bars")
    if person.political_rights_deprived and policy.get_bool("rights.deprivation_bars"):
        found.append(
            _finding(
                "POLITICAL_RIGHTS_DEPRIVED",
                _sev(dparam.hard),
                dparam,
                subject=subject,
                observed=True,
            )
        )
    return found


def _check_rights(ctx: _Ctx) -> list[Finding]:
    person = ctx.candidate.person
    if _is_party(ctx.policy.regime):
        return _party_rights(person, ctx.policy, ctx.subject, voting=False)
    return _civic_rights(
        person, ctx.identity.birth_date, ctx.policy, ctx.election.date, ctx.subject
    )
