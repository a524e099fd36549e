"""Negative lists (「十不推」 and the like).

Record facts within their look-back windows, and the items an organisation must attest.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

from .._args import checked, unchecked
from ..age import _anniversary
from ..errors import RuleInputError
from ..findings import Finding, Scalar, Severity
from ..model import (
    Attestation,
    RecordFact,
    Tenure,
)
from ..policy import Parameter, ParamTable, Policy
from ._common import _WINDOW, _Ctx, _finding, _row_citation, _row_in_force, _t_int, _t_str, _t_strs


def _active_lists(policy: Policy, names: Sequence[str] | None) -> tuple[Parameter, ...]:
    chosen = tuple(names) if names is not None else policy.get_strings("eligibility.negative_lists")
    out = []
    for i, name in enumerate(chosen):
        full = name if name.startswith("eligibility.") else f"eligibility.{name}"
        if full not in policy:
            raise RuleInputError(
                f"profile {policy.id!r} has no negative list {name!r}",
                code="UNKNOWN_NEGATIVE_LIST",
                path=f"negative_lists[{i}]",
            )
        param = policy.param(full)
        if param.type != "tables":
            raise RuleInputError(
                f"{full!r} is not a list parameter", code="UNKNOWN_NEGATIVE_LIST", path=full
            )
        out.append(param)
    return tuple(out)


@checked
def negative_list_items(
    policy: Policy,
    on: _dt.date,
    *,
    tenure: Tenure | None = None,
    negative_lists: Sequence[str] | None = None,
) -> tuple[tuple[Parameter, ParamTable], ...]:
    """The negative-list items a screen applies on ``on``: (list parameter, item row) pairs.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> items = negative_list_items(load_policy("xzhen-2021"), dt.date(2021, 3, 1))
        >>> len(items), items[0][1]["code"], items[0][1]["zh"]
        (10, 'SHI_BU_TUI_01', '政治品质和道德品行差的')

    Legal basis: seed 001:28-30 (「十不推」) and the lists of rules catalogue §6.
    """
    memo_key = (
        "negative_list_items",
        on,
        tenure,
        None if negative_lists is None else tuple(negative_lists),
    )
    found: tuple[tuple[Parameter, ParamTable], ...] | None = policy._memo.get(memo_key)
    if found is not None:
        return found
    out = []
    for param in _active_lists(policy, negative_lists):
        for row in policy.get_tables(param.name):
            if not _row_in_force(row, on):
                continue
            tenures = _t_strs(row, "tenures")
            if tenure is not None and tenures and tenure.value not in tenures:
                continue
            out.append((param, row))
    found = tuple(out)
    policy._memo[memo_key] = found
    return found


_negative_list_items = unchecked(negative_list_items)


@checked
def required_attestations(
    policy: Policy,
    on: _dt.date,
    *,
    tenure: Tenure | None = None,
    negative_lists: Sequence[str] | None = None,
) -> tuple[str, ...]:
    """The item codes an organisation must attest (心术不正, 能力条件 …) for a screen on ``on``.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> required_attestations(load_policy("xzhen-2021"), dt.date(2021, 3, 1))[:4]
        ('SHI_BU_TUI_01', 'SHI_BU_TUI_04', 'SHI_BU_TUI_08', 'SHI_BU_TUI_09')

    Legal basis: seed 001:28-30 (「十不推」 items 1, 8, 9 and 10 are judgements).
    """
    return tuple(
        str(row["code"])
        for _, row in _negative_list_items(policy, on, tenure=tenure, negative_lists=negative_lists)
        if _t_str(row, "evidence") in ("ATTESTED", "BOTH")
    )


@checked
def attestations_for(
    policy: Policy,
    on: _dt.date,
    *,
    holding: Iterable[str] = (),
    tenure: Tenure | None = None,
    negative_lists: Sequence[str] | None = None,
    attested_by: str = "",
    attested_on: _dt.date | None = None,
) -> tuple[Attestation, ...]:
    """One attestation for each item the profile wants attested on ``on``, as an organisation gives them.

    Every item of :func:`required_attestations` is attested: ``holds`` is True for the item
    codes in ``holding`` (the organisation found the item applies) and False for the rest, so a
    candidate with nothing against them gets a complete, clean record.

    Raises:
        RuleInputError: a code in ``holding`` is not an item to attest (``UNKNOWN_ITEM``).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> atts = attestations_for(load_policy("xzhen-2021"), dt.date(2021, 3, 1),
        ...                         holding=["SHI_BU_TUI_04"], attested_by="镇党委")
        >>> len(atts), [a.item for a in atts if a.holds]
        (5, ['SHI_BU_TUI_04'])

    Legal basis: seed 001:28-30 (「十不推」 items that are judgements) and the lists of rules
        catalogue §6.
    """
    items = required_attestations(policy, on, tenure=tenure, negative_lists=negative_lists)
    held = tuple(holding) if not isinstance(holding, str) else (holding,)
    for i, code in enumerate(held):
        if code not in items:
            raise RuleInputError(
                f"{code!r} is not an item {policy.id!r} asks to attest on {on.isoformat()} "
                f"(items: {', '.join(items)})",
                code="UNKNOWN_ITEM",
                path=f"holding[{i}]",
            )
    return tuple(
        Attestation(item=item, holds=item in held, attested_by=attested_by, on=attested_on)
        for item in items
    )


def _window_pair(row: ParamTable) -> tuple[str, str]:
    window = _t_str(row, "window") or "EVER"
    if window == "YEARS":
        n = _t_int(row, "years") or 0
        return f"结束未满{n}年", f"ended less than {n} years before"
    return _WINDOW[window]


def _window_state(fact: RecordFact, row: ParamTable, on: _dt.date, leap: str) -> str:
    window = _t_str(row, "window") or "EVER"
    if fact.ongoing or window == "EVER":
        return "HIT"
    if fact.ended is None:
        return "UNKNOWN"
    if fact.ended >= on:
        return "HIT"
    if window == "ONGOING":
        return "OUTSIDE"
    years = _t_int(row, "years") or 0
    return "HIT" if on < _anniversary(fact.ended, years, leap_day=leap) else "OUTSIDE"


def _describe_fact(fact: RecordFact) -> str:
    if fact.ongoing:
        return f"{fact.kind}（ongoing）"
    if fact.ended is not None:
        return f"{fact.kind}（→{fact.ended.isoformat()}）"
    return fact.kind


def _check_negative_lists(ctx: _Ctx) -> list[Finding]:
    policy, on = ctx.policy, ctx.election.date
    leap = policy.get_str("eligibility.leap_day_birthday")
    items = _negative_list_items(policy, on, tenure=ctx.candidate.tenure, negative_lists=ctx.lists)
    vetting = ctx.candidate.vetting
    found: list[Finding] = []
    fallback = policy.param("eligibility.negative_lists")
    for fact in vetting.records:
        if fact.started is not None and fact.started > on:
            found.append(
                _finding(
                    "RECORD_AFTER_DATE",
                    Severity.INFO,
                    fallback,
                    subject=ctx.subject,
                    observed=fact.kind,
                    limit=on,
                )
            )
            continue
        matched = [(p, r) for p, r in items if fact.kind in _t_strs(r, "kinds")]
        if not matched:
            found.append(
                _finding(
                    "RECORD_NOT_ASSESSED",
                    Severity.WARN,
                    fallback,
                    subject=ctx.subject,
                    observed=fact.kind,
                )
            )
            continue
        for param, row in matched:
            state = _window_state(fact, row, on, leap)
            code = {
                "HIT": "NEGATIVE_RECORD",
                "OUTSIDE": "RECORD_OUTSIDE_WINDOW",
                "UNKNOWN": "RECORD_DATES_UNKNOWN",
            }[state]
            sev = _row_severity(param, row) if state == "HIT" else Severity.INFO
            if state == "UNKNOWN":
                sev = Severity.WARN
            found.append(_list_finding(code, sev, param, row, ctx.subject, _describe_fact(fact)))
    attested: dict[str, bool] = {}
    for att in vetting.attestations:
        attested[att.item] = attested.get(att.item, False) or att.holds
    codes = set()
    for param, row in items:
        code = str(row["code"])
        codes.add(code)
        if _t_str(row, "evidence") not in ("ATTESTED", "BOTH"):
            continue
        if code not in attested:
            found.append(
                _list_finding(
                    "NEGATIVE_NOT_ATTESTED", Severity.WARN, param, row, ctx.subject, None, code
                )
            )
        elif attested[code]:
            found.append(
                _list_finding(
                    "NEGATIVE_ATTESTED", _row_severity(param, row), param, row, ctx.subject, code
                )
            )
    for item, holds in sorted(attested.items()):
        if holds and item not in codes:
            found.append(
                _finding(
                    "ATTESTATION_UNKNOWN_ITEM",
                    Severity.WARN,
                    fallback,
                    subject=ctx.subject,
                    observed=item,
                )
            )
    return found


def _row_severity(param: Parameter, row: ParamTable) -> Severity:
    if not param.hard:
        return Severity.WARN
    return Severity.WARN if _t_str(row, "severity") == "WARN" else Severity.FAIL


def _list_title(param: Parameter) -> str:
    return param.citation.quote or param.name


def _list_finding(
    code: str,
    severity: Severity,
    param: Parameter,
    row: ParamTable,
    subject: str,
    observed: Scalar,
    limit: Scalar = None,
) -> Finding:
    return _finding(
        code,
        severity,
        param,
        subject=subject,
        observed=observed,
        limit=limit if limit is not None else _t_str(row, "code"),
        citation=_row_citation(param, row),
        pairs={
            "text_t": (_t_str(row, "zh") or "", _t_str(row, "en") or ""),
            "window_t": _window_pair(row),
        },
        list=_list_title(param),
        item=_t_int(row, "item"),
    )
