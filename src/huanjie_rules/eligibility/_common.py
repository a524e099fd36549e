"""Small helpers every eligibility check shares.

Findings from the catalogue, reading a profile's table rows, the role rows of an office, and the
screening context.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from ..findings import Citation, Finding, Message, Scalar, Severity
from ..messages import Catalogue
from ..model import (
    Candidate,
    Election,
    Office,
    PartyStanding,
    Regime,
    Tenure,
)
from ..policy import Parameter, ParamTable, Policy

if TYPE_CHECKING:
    from .identity import IdentityCheck


#: The eligibility rules' finding codes (``messages.toml`` beside this module, read on first use).
FINDING_CODES = Catalogue("huanjie_rules.eligibility", "messages.toml")

#: English names of standings, staff roles and look-back windows for ``{…_t}`` placeholders.
_STANDING_EN = {
    "FULL_MEMBER": "full member",
    "PROBATIONARY": "probationary member",
    "DISCIPLINARY_PROBATION": "member under 留党察看 (disciplinary probation)",
    "RIGHTS_SUSPENDED": "member with rights suspended",
    "NON_MEMBER": "non-member",
}


_STAFF_EN = {
    "ELECTION_COMMITTEE": "election committee member",
    "CHIEF_SCRUTINEER": "chief scrutineer",
    "SCRUTINEER": "scrutineer",
    "COUNTER": "counter",
    "PRESIDING": "person presiding over the election",
    "BALLOT_ISSUER": "ballot issuer",
    "CALLER": "caller of the votes",
    "SCRIBE": "scribe for voters who cannot write",
    "POLL_WORKER": "election worker",
}


_WINDOW = {
    "EVER": ("不限时间", "any time"),
    "ONGOING": ("选举日仍在持续", "still running on election day"),
}


def _sev(hard: bool) -> Severity:
    return Severity.FAIL if hard else Severity.WARN


def _esc(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _localized(code: str, **pairs: tuple[str, str]) -> Message:
    """The catalogue message with ``{name_t}`` placeholders filled per language."""
    return _localized_cached(code, tuple(sorted(pairs.items())))


@functools.lru_cache(maxsize=4096)
def _localized_cached(code: str, pairs: tuple[tuple[str, tuple[str, str]], ...]) -> Message:
    message = FINDING_CODES[code]
    zh, en = message.zh, message.en
    for name, (text_zh, text_en) in pairs:
        zh = zh.replace("{" + name + "}", _esc(text_zh))
        en = en.replace("{" + name + "}", _esc(text_en))
    return Message(zh=zh, en=en)


def _finding(
    code: str,
    severity: Severity,
    param: Parameter,
    *,
    subject: str,
    observed: Scalar = None,
    limit: Scalar = None,
    citation: Citation | None = None,
    pairs: Mapping[str, tuple[str, str]] | None = None,
    **values: object,
) -> Finding:
    return param._finding(
        code,
        _localized(code, **dict(pairs or {})),
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        citation=citation,
        extra=values,
    )


def _t_str(row: ParamTable, key: str) -> str | None:
    value = row.get(key)
    return value if isinstance(value, str) else None


def _t_int(row: ParamTable, key: str) -> int | None:
    value = row.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _t_strs(row: ParamTable, key: str) -> tuple[str, ...]:
    value = row.get(key)
    if isinstance(value, tuple):
        return tuple(str(v) for v in value)
    if isinstance(value, str):
        return (value,)
    return ()


def _t_date(row: ParamTable, key: str) -> _dt.date | None:
    value = row.get(key)
    return value if isinstance(value, _dt.date) else None


def _row_citation(param: Parameter, row: ParamTable) -> Citation:
    cite = param.citation
    article, seed = _t_str(row, "article"), _t_str(row, "seed")
    quote, reliability = _t_str(row, "quote"), _t_str(row, "reliability")
    if not (article or seed or quote or reliability):
        return cite
    return attrs.evolve(
        cite,
        article=article or cite.article,
        seed=seed or cite.seed,
        quote=quote or cite.quote,
        reliability=reliability or cite.reliability,
    )


def _standing_pair(standing: PartyStanding) -> tuple[str, str]:
    return standing.label, _STANDING_EN[standing.value]


def _role_rows(policy: Policy, office: Office) -> tuple[ParamTable, ...]:
    key = ("role_rows", office)
    found: tuple[ParamTable, ...] | None = policy._memo.get(key)
    if found is None:
        rows = policy.get_tables("eligibility.role_limits")
        found = tuple(
            r for r in rows if not _t_strs(r, "offices") or office.value in _t_strs(r, "offices")
        )
        policy._memo[key] = found
    return found


def _rows_for(policy: Policy, office: Office, tenure: Tenure) -> tuple[ParamTable, ...]:
    key = ("rows_for", office, tenure)
    found: tuple[ParamTable, ...] | None = policy._memo.get(key)
    if found is None:
        found = tuple(
            r
            for r in _role_rows(policy, office)
            if not _t_strs(r, "tenures") or tenure.value in _t_strs(r, "tenures")
        )
        policy._memo[key] = found
    return found


def _role_name(office: Office, tenure: Tenure) -> str:
    return f"{tenure.label}{office.label}"


def _row_in_force(row: ParamTable, on: _dt.date) -> bool:
    start, end = _t_date(row, "in_force_from"), _t_date(row, "in_force_to")
    return (start is None or start <= on) and (end is None or on <= end)


@attrs.frozen
class _Ctx:
    candidate: Candidate
    election: Election
    policy: Policy
    identity: IdentityCheck
    lists: Sequence[str] | None

    @property
    def subject(self) -> str:
        return self.candidate.key


def _is_party(regime: Regime) -> bool:
    return regime in (Regime.PARTY_BASIC, Regime.PARTY_LOCAL)
