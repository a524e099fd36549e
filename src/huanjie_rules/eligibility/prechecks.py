"""The 四个凡提 pre-nomination checks a profile requires (``eligibility.prechecks_required``)."""

from __future__ import annotations

from ..findings import Finding
from ..model import (
    CheckStatus,
    PreCheckKind,
)
from ._common import _Ctx, _finding, _sev


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
