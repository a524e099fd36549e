"""Which profile governs which post: a profile's own regime, its named companion, or the nation's.

A 两委 round elects the village party organisation under the party rules and the village
committee under the village committee rules, so a roster of both needs two profiles. A local
profile names the profile that governs the other half (``scope.<regime>_companion``, cited);
without one the national profile of that regime in force on the day applies.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path

from .._args import checked
from ..errors import PolicyError, RuleInputError
from ..model import BodyKind, Office, Regime
from ._load import load_policy, policy_for
from ._types import Policy

__all__ = ["companion_parameter", "governing_policy", "profile_hint"]


@checked
def companion_parameter(regime: Regime) -> str:
    """The name of the parameter in which a profile names its companion for ``regime``.

    Example:
        >>> companion_parameter(Regime.VILLAGE)
        'scope.village_companion'
    """
    return f"scope.{regime.value.lower()}_companion"


@checked
def governing_policy(
    policy: Policy,
    office: Office,
    *,
    on: _dt.date,
    body: BodyKind | None = None,
    search: Iterable[str | Path] = (),
) -> Policy:
    """The profile that governs ``office`` when ``policy`` is the one the caller chose.

    The profile itself if its regime elects the post; else the companion it names for the post's
    regime (``scope.village_companion`` …); else the national profile of that regime in force on
    ``on``. A party post elected under both party regimes needs ``body`` to tell them apart
    (a 党支部 is elected under the grassroots rules).

    Raises:
        RuleInputError: ``AMBIGUOUS_REGIME`` when the post and body fit two regimes.
        PolicyError: ``COMPANION_REGIME`` when a named companion is of another regime;
            ``PolicyNotInForceError`` when no national profile covers ``on``.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> xz = load_policy("xzhen-2021")
        >>> governing_policy(xz, Office.VILLAGE_DIRECTOR, on=dt.date(2021, 3, 1)).id
        'village-2018'
        >>> governing_policy(xz, Office.SECRETARY, on=dt.date(2021, 3, 1)).id
        'xzhen-2021'
        >>> village = load_policy("village-2018")
        >>> governing_policy(village, Office.SECRETARY, on=dt.date(2021, 3, 1),
        ...                  body=BodyKind.BRANCH).id
        'party-basic-2020'

    Legal basis: 《村民委员会组织法》 第十一条 (村委会 members are elected by the villagers);
    《中国共产党基层组织选举工作条例》 第二条 (the party organisations of villages).
    """
    regimes = office.regimes if body is None else office.regimes & body.regimes
    if not regimes:
        raise RuleInputError(
            f"{office.value} ({office.label}) is not a post of a {body.value if body else ''} body",
            code="OFFICE_NOT_IN_BODY",
            path="office",
        )
    if policy.regime in regimes:
        return policy
    for regime in sorted(regimes, key=lambda r: r.value):
        name = companion_parameter(regime)
        if name in policy:
            companion = load_policy(policy.get_str(name), search=search)
            if companion.regime is not regime:
                raise PolicyError(
                    f"{policy.id!r} names {companion.id!r} as its {regime.value} companion, but "
                    f"that profile is {companion.regime.value}",
                    code="COMPANION_REGIME",
                    path=name,
                )
            return companion
    if len(regimes) > 1:
        options = ", ".join(sorted(r.value for r in regimes))
        raise RuleInputError(
            f"{office.value} ({office.label}) is elected under {options}: name the body "
            "(支部/总支/基层党委 or 地方党委) to choose",
            code="AMBIGUOUS_REGIME",
            path="body",
        )
    (regime,) = regimes
    return policy_for(regime, on, search=search)


@checked
def profile_hint(policy: Policy, regime: Regime, on: _dt.date) -> str:
    """A phrase naming the profile to use for an election of ``regime`` instead of ``policy``.

    The companion ``policy`` names for that regime, else the national profile in force on
    ``on``; never raises (used in error messages).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> profile_hint(load_policy("xzhen-2021"), Regime.VILLAGE, dt.date(2021, 3, 1))
        "use 'village-2018' (the VILLAGE companion that 'xzhen-2021' names)"
        >>> profile_hint(load_policy("npc-2020"), Regime.VILLAGE, dt.date(2021, 3, 1))
        "use 'village-2018' (the national VILLAGE profile in force on 2021-03-01)"
    """
    name = companion_parameter(regime)
    if name in policy:
        return (
            f"use {policy.get_str(name)!r} (the {regime.value} companion that {policy.id!r} names)"
        )
    try:
        national = policy_for(regime, on)
    except PolicyError:
        return f"use a {regime.value} profile"
    return f"use {national.id!r} (the national {regime.value} profile in force on {on.isoformat()})"
