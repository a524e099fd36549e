"""Reading a profile's ``votes.*`` parameters, and the small helpers every vote module shares."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType

import attrs

from ..errors import Problem, RuleInputError
from ..findings import Finding, Severity
from ..messages import Catalogue
from ..model import ElectionForm, Office, Regime, Seat
from ..policy import Parameter, Policy

#: The votes rules' finding codes (``messages.toml`` beside this module, read on first use).
FINDING_CODES = Catalogue("huanjie_rules.votes", "messages.toml")


def _nonneg(value: int, path: str) -> Iterable[Problem]:
    if value < 0:
        yield Problem("RANGE", path, f"must not be negative, got {value}")


@attrs.frozen
class _Rules:
    """The ``votes.*`` parameters of a profile, with per-form overrides.

    A parameter ``votes.<key>_<form>`` (form in lower case, e.g. ``quorum_ratio_committee_plenary``)
    overrides ``votes.<key>`` for elections held in that form.
    """

    policy: Policy
    form: ElectionForm | None

    def _special(self, key: str) -> str | None:
        return None if self.form is None else f"votes.{key}_{self.form.value.lower()}"

    def has(self, key: str) -> bool:
        special = self._special(key)
        return (special is not None and special in self.policy) or f"votes.{key}" in self.policy

    def p(self, key: str) -> Parameter:
        special = self._special(key)
        if special is not None and special in self.policy:
            return self.policy.param(special)
        return self.policy.param(f"votes.{key}")

    def s(self, key: str) -> str:
        v = self.p(key).value
        if not isinstance(v, str):
            raise RuleInputError(f"votes.{key} is not a string parameter", path=key)
        return v

    def b(self, key: str) -> bool:
        v = self.p(key).value
        if not isinstance(v, bool):
            raise RuleInputError(f"votes.{key} is not a bool parameter", path=key)
        return v

    def i(self, key: str) -> int:
        v = self.p(key).value
        if not isinstance(v, int) or isinstance(v, bool):
            raise RuleInputError(f"votes.{key} is not an int parameter", path=key)
        return v

    def f(self, key: str) -> Fraction:
        v = self.p(key).value
        if not isinstance(v, Fraction):
            raise RuleInputError(f"votes.{key} is not a fraction parameter", path=key)
        return v

    def strs(self, key: str) -> tuple[str, ...]:
        v = self.p(key).value
        if not isinstance(v, tuple):
            raise RuleInputError(f"votes.{key} is not a strings parameter", path=key)
        return tuple(str(x) for x in v)

    def rank(self, office: Office) -> int:
        order = self.strs("post_rank")
        return order.index(office.value) if office.value in order else len(order)

    def ordered(self, offices: Iterable[Office]) -> tuple[Office, ...]:
        """Offices from highest to lowest post; offices the profile does not rank keep their order."""
        items = list(offices)
        return tuple(sorted(items, key=lambda o: (self.rank(o), items.index(o))))


def _finding(
    code: str,
    param: Parameter,
    severity: Severity,
    *,
    observed: int | Fraction | str | None = None,
    limit: int | Fraction | str | None = None,
    subject: str = "",
    **values: object,
) -> Finding:
    return param._finding(
        code,
        FINDING_CODES[code],
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=values,
    )


def _broken(param: Parameter) -> Severity:
    return param.breach_severity


_Key = tuple[Office, str]


def _office_key(office: Office | None) -> str:
    return "" if office is None else office.value


_BASE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "ISSUED": "发出的选票 (ISSUED)",
        "VOTERS": "投票人数 (VOTERS)",
        "PRESENT": "实到会有选举权人数 (PRESENT)",
        "ENTITLED": "应到会/登记选民/全体代表人数 (ENTITLED)",
        "BALLOTS_CAST": "已投选票总数 (BALLOTS_CAST)",
        "VALID_BALLOTS": "有效选票数 (VALID_BALLOTS)",
    }
)


@attrs.frozen
class _Ctx:
    rules: _Rules
    election: str
    policy_id: str
    regime: Regime
    form: ElectionForm
    seats: tuple[Seat, ...]
    self_nominated: frozenset[Office] = frozenset()
    date: _dt.date | None = None
