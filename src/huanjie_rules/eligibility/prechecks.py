"""The 四个凡提 pre-nomination checks a profile requires (``eligibility.prechecks_required``)."""

from __future__ import annotations

import datetime as _dt

from .._args import checked
from ..findings import Finding
from ..model import (
    CheckStatus,
    PreCheck,
    PreCheckKind,
)
from ..policy import Policy
from ._common import _Ctx, _finding, _sev


@checked
def prechecks_for(
    policy: Policy,
    *,
    status: CheckStatus = CheckStatus.CLEAR,
    on: _dt.date | None = None,
    note: str = "",
) -> tuple[PreCheck, ...]:
    """One :class:`~huanjie_rules.model.PreCheck` for each 四个凡提 check the profile requires.

    For a candidate whose checks an organisation has done: every required check with ``status``
    (已完成无问题 by default). A check that found something is recorded by building that one
    :class:`~huanjie_rules.model.PreCheck` by hand.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> prechecks_for(load_policy("xzhen-2021"))   # no shipped profile requires them yet
        ()

    Legal basis: the profile's ``eligibility.prechecks_required`` (the 四个凡提, where a profile
    requires them).
    """
    return tuple(
        PreCheck(kind=PreCheckKind[code], status=status, on=on, note=note)
        for code in policy.get_strings("eligibility.prechecks_required")
    )


def _check_prechecks(ctx: _Ctx) -> list[Finding]:
    policy = ctx.policy
    param = policy.param("eligibility.prechecks_required")
    required = policy.get_strings("eligibility.prechecks_required")
    done = {c.kind.value: c for c in ctx.candidate.vetting.prechecks}
    found = []
    sev = _sev(param.hard)
    for kind_code in required:
        kind = PreCheckKind[kind_code]
        check = done.get(kind_code)
        if check is None:
            code = "PRECHECK_MISSING"
        elif check.status is CheckStatus.CLEAR:
            continue
        else:
            code = {
                CheckStatus.NOT_DONE: "PRECHECK_NOT_DONE",
                CheckStatus.UNRESOLVED: "PRECHECK_UNRESOLVED",
                CheckStatus.ISSUE_FOUND: "PRECHECK_ISSUE_FOUND",
            }[check.status]
        found.append(_finding(code, sev, param, subject=ctx.subject, observed=kind.label))
    return found
