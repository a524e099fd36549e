"""Small helpers the procedure modules share.

Findings from the catalogue, argument checks, and the calendar a working-day count needs.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from ..calendar import WorkdayCalendar
from ..errors import RuleInputError
from ..findings import Finding, Severity
from ..messages import Catalogue
from ..policy import Parameter

#: The procedure rules' finding codes (``messages.toml`` beside this module, read on first use).
FINDING_CODES = Catalogue("huanjie_rules.procedure", "messages.toml")


def _ok(findings: Iterable[Finding]) -> bool:
    return all(f.severity is Severity.INFO for f in findings)


def _finding(
    param: Parameter,
    code: str,
    severity: Severity,
    *,
    observed: int | str | _dt.date | None = None,
    limit: int | str | _dt.date | None = None,
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


def _breach(param: Parameter) -> Severity:
    return param.breach_severity


def _date(value: object, path: str) -> _dt.date:
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise RuleInputError(f"expected a date, got {type(value).__name__}", path=path)
    return value


def _need_calendar(calendar: WorkdayCalendar | None, why: str) -> WorkdayCalendar:
    if calendar is None:
        raise RuleInputError(
            f"{why} counts working days: pass a calendar (huanjie_rules.calendar)",
            code="CALENDAR_REQUIRED",
            path="calendar",
        )
    return calendar


def _calendar_source(calendar: WorkdayCalendar | None, used: bool) -> str | None:
    return calendar.source if (calendar is not None and used) else None
