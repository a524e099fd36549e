"""Terms of office: when a term ends, and whether a 换届 may be held early or late.

A term starting on 29 February ends per ``procedure.anniversary_overflow``.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..calendar import add_months
from ..errors import ParameterError, RuleInputError
from ..findings import Finding, Severity
from ..model import BodyKind, Level
from ..policy import Policy
from ._common import _breach, _date, _finding, _ok


@attrs.frozen(kw_only=True)
class Term(Model):
    """A term of office: its length and its last day.

    Attributes:
        body: what holds the term (``"BRANCH"``, ``"VILLAGE"``, ``"VILLAGE_COMMITTEE"``, …).
        start: the first day (the day the body was elected).
        years: the length in years.
        end: the last day of the term (the corresponding day ``years`` later; 29 February per
            ``procedure.anniversary_overflow``).
        findings: the explanation (INFO), plus a FAIL or WARN when ``years`` departs from the
            profile.
    """

    body: str
    start: _dt.date
    years: int
    end: _dt.date
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def ok(self) -> bool:
        """True when no finding is a FAIL or WARN."""
        return _ok(self.findings)


@attrs.frozen(kw_only=True)
class ShiftCheck(Model):
    """Whether a 换届 held before or after the end of the term stays within the permitted shift.

    Attributes:
        due: the day the term ends.
        held_on: the planned or actual election day.
        earliest: the earliest permitted day, or None when bringing forward has no cap.
        latest: the latest permitted day, or None when delay has no cap.
        approved: whether the approval the profile names was given.
        findings: the explanation.
    """

    due: _dt.date
    held_on: _dt.date
    earliest: _dt.date | None = None
    latest: _dt.date | None = None
    approved: bool = False
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def ok(self) -> bool:
        """True when no finding is a FAIL or WARN."""
        return _ok(self.findings)


def _party_term_row(
    policy: Policy, body: BodyKind | None, level: Level | None
) -> tuple[str, int, int, int]:
    rows = policy.get_tables("procedure.party_terms")
    keys: list[str] = []
    if level is Level.VILLAGE:
        keys.append("VILLAGE")
    if body is not None:
        keys.append(body.value)
    for key in keys:
        for row in rows:
            if row.get("body") == key:
                years, lo, hi = row.get("years"), row.get("min_years"), row.get("max_years")
                if (
                    isinstance(years, int)
                    and isinstance(lo, int)
                    and isinstance(hi, int)
                    and not any(isinstance(v, bool) for v in (years, lo, hi))
                ):
                    return key, years, lo, hi
                raise ParameterError(
                    f"procedure.party_terms of {policy.id!r}: row {key} needs integer "
                    "years, min_years and max_years",
                    path="procedure.party_terms",
                )
    known = ", ".join(str(r.get("body")) for r in rows)
    raise RuleInputError(
        f"profile {policy.id!r} sets no term for {body.value if body else None!r} "
        f"at level {level.value if level else None!r} (it has: {known})",
        code="UNKNOWN_BODY",
        path="body",
    )


@checked
def term_end(
    start: _dt.date,
    policy: Policy,
    *,
    body: BodyKind | None = None,
    level: Level | None = None,
    years: int | None = None,
) -> Term:
    """The last day of a term that began on ``start``.

    Party profiles give terms per body (``procedure.party_terms``: 基层委员会, 总支, 支部, and
    村/社区 organisations — pass ``level=Level.VILLAGE``); village and people's congress profiles
    give one length (``procedure.term_years``). Pass ``years`` to check a length the caller
    proposes: outside the 党章's range is a FAIL, different from the usual length a WARN. The
    term ends on the corresponding day ``years`` later; a 29 February start ends per
    ``procedure.anniversary_overflow`` (28 February by 《民法典》第二百零二条).

    Raises:
        RuleInputError: a party profile without ``body``, or a body it sets no term for.

    Legal basis: 《中国共产党章程》第三十一条; 中办《关于党的基层组织任期的意见》(2018);
    《村民委员会组织法》第十一条; 《宪法》第九十八条; 《民法典》第二百零二条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import BodyKind, Level
        >>> from huanjie_rules.policy import load_policy
        >>> term_end(dt.date(2021, 3, 15), load_policy("village-2018")).end
        datetime.date(2026, 3, 15)
        >>> term_end(dt.date(2017, 3, 15), load_policy("village-2010")).end
        datetime.date(2020, 3, 15)
        >>> t = term_end(dt.date(2024, 2, 29), load_policy("party-basic-2020"), body=BodyKind.BRANCH)
        >>> t.years, t.end
        (3, datetime.date(2027, 2, 28))
    """
    _date(start, "start")
    overflow_param = policy.param("procedure.anniversary_overflow")
    overflow = policy.get_str(overflow_param.name)
    findings: list[Finding] = []
    if "procedure.party_terms" in policy:
        if body is None and level is not Level.VILLAGE:
            raise RuleInputError(
                f"profile {policy.id!r} sets terms per body: pass body= (and level= for villages)",
                path="body",
            )
        param = policy.param("procedure.party_terms")
        key, usual, lo, hi = _party_term_row(policy, body, level)
    else:
        param = policy.param("procedure.term_years")
        usual = policy.get_int(param.name)
        key, lo, hi = (body.value if body else policy.regime.value), usual, usual
    length = usual if years is None else years
    if not isinstance(length, int) or isinstance(length, bool) or length < 1:
        raise RuleInputError(f"years must be a positive integer, got {length!r}", path="years")
    if length < lo or length > hi:
        findings.append(
            _finding(
                param,
                "TERM_LENGTH_OUT_OF_RANGE",
                Severity.FAIL,
                observed=length,
                limit=f"{lo}–{hi}" if lo != hi else str(lo),
                subject=key,
            )
        )
    elif length != usual:
        findings.append(
            _finding(
                param,
                "TERM_LENGTH_UNUSUAL",
                Severity.WARN,
                observed=length,
                limit=usual,
                subject=key,
            )
        )
    end = add_months(
        start, 12 * length, overflow="MONTH_END" if overflow == "MONTH_END" else "NEXT_DAY"
    )
    findings.append(
        _finding(param, "TERM_END", Severity.INFO, observed=length, limit=end, subject=key)
    )
    if (start.month, start.day) == (2, 29) and (end.month, end.day) != (2, 29):
        findings.append(
            _finding(
                overflow_param,
                "TERM_END_LEAP_DAY",
                Severity.INFO,
                observed=start,
                limit=end,
                subject=key,
            )
        )
    return Term(body=key, start=start, years=length, end=end, findings=tuple(findings))


@checked
def check_term_shift(
    due: _dt.date, held_on: _dt.date, policy: Policy, *, approved: bool
) -> ShiftCheck:
    """Check an election held before or after the term's end (提前或者延期换届).

    Any shift needs the approval named by ``procedure.term_shift_approver`` (FAIL without it).
    The permitted shift is ``procedure.term_shift_months`` (a range in months relative to
    ``due``; negative = brought forward; an open end = no cap): 12 months either way, 一般 (WARN)
    under PB20; only extensions capped under PB90; a hard 不得超过1年 on extensions under PL20;
    6 months either way (一般) in Zhejiang villages.

    Raises:
        ParameterError: the profile has no shift rule (national village and people's congress
            profiles: the statutes set none).

    Legal basis: 《中国共产党基层组织选举工作条例》第三条; 《中国共产党地方组织选举工作条例》第三条;
    《浙江省村民委员会选举办法》第三条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> c = check_term_shift(dt.date(2026, 3, 15), dt.date(2027, 4, 1),
        ...                      load_policy("party-local-2020"), approved=True)
        >>> c.latest, [(f.code, f.severity.value) for f in c.findings]
        (datetime.date(2027, 3, 15), [('TERM_DELAY_TOO_LONG', 'FAIL')])
    """
    _date(due, "due")
    _date(held_on, "held_on")
    if not isinstance(approved, bool):
        raise RuleInputError("approved must be True or False", path="approved")
    param = policy.param("procedure.term_shift_months")
    window = policy.get_range(param.name)
    approver_param = policy.param("procedure.term_shift_approver")
    approver = policy.get_str(approver_param.name)
    earliest = None if window.min is None else add_months(due, window.min)
    latest = None if window.max is None else add_months(due, window.max)
    findings: list[Finding] = []
    if held_on != due and not approved:
        findings.append(
            _finding(
                approver_param,
                "TERM_SHIFT_NOT_APPROVED",
                Severity.FAIL,
                observed=held_on,
                limit=due,
                approver=approver,
            )
        )
    if latest is not None and held_on > latest:
        findings.append(
            _finding(
                param,
                "TERM_DELAY_TOO_LONG",
                _breach(param),
                observed=held_on,
                limit=latest,
            )
        )
    elif earliest is not None and held_on < earliest:
        findings.append(
            _finding(
                param,
                "TERM_ADVANCE_TOO_LONG",
                _breach(param),
                observed=held_on,
                limit=earliest,
            )
        )
    if not findings:
        findings.append(
            _finding(param, "TERM_SHIFT_WITHIN", Severity.INFO, observed=held_on, limit=due)
        )
    return ShiftCheck(
        due=due,
        held_on=held_on,
        earliest=earliest,
        latest=latest,
        approved=approved,
        findings=tuple(findings),
    )
