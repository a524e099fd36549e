"""Screens: every check of a profile, for one candidate or many, and who may vote.

:func:`screen` for one candidate, :func:`screen_many` for many (one answer per input row),
:func:`voter_rights` for a voter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import Literal, overload

import attrs

from .._args import checked
from .._base import Model
from ..errors import Problem, RowsError, RuleInputError
from ..findings import Eligibility, Finding
from ..model import (
    Candidate,
    Election,
    Person,
)
from ..policy import Policy, profile_hint
from ._common import _Ctx, _is_party
from .age_limits import _check_age
from .education import _check_education
from .identity import _check_identity, _identity_of
from .incompatibility import _check_incompatibility
from .negative_lists import _active_lists, _check_negative_lists
from .party_age import _check_party_age
from .prechecks import _check_prechecks
from .rights import _check_rights, _civic_rights, _party_rights

#: The names of the independent checks a screen runs, in their default order.
CHECKS: tuple[str, ...] = (
    "rights",
    "identity",
    "age",
    "party_age",
    "education",
    "negative_lists",
    "prechecks",
    "incompatibility",
)


_CHECK_FUNCS = MappingProxyType(
    {
        "rights": _check_rights,
        "identity": _check_identity,
        "age": _check_age,
        "party_age": _check_party_age,
        "education": _check_education,
        "negative_lists": _check_negative_lists,
        "prechecks": _check_prechecks,
        "incompatibility": _check_incompatibility,
    }
)


@attrs.frozen(kw_only=True)
class ScreenError(Model):
    """A row of a batch that could not be screened, in the place of its result.

    :func:`screen_many` with ``on_error="report"`` returns one of these for an input that no
    screen can answer for (its office has no seats in the election, or its key repeats an
    earlier row's), so every input still gets exactly one answer in input order. It is not an
    :class:`~huanjie_rules.findings.Eligibility`: nothing was decided about the person.

    Attributes:
        index: the row's position in the input (0-based).
        subject: the candidate's key (``""`` for a row that is not a candidate).
        code: ``UNKNOWN_OFFICE``, ``DUPLICATE_KEY`` or ``TYPE`` (the code :func:`screen` or the
            default ``on_error="raise"`` would raise with).
        path: where the problem is, e.g. ``"candidates[3].office"``.
        message: what is wrong, in English.
    """

    index: int
    subject: str
    code: str
    path: str
    message: str

    @property
    def message_zh(self) -> str:
        """What ``code`` means, in Chinese (from the error catalogue); ``message`` is the detail."""
        return Problem(self.code, self.path, self.message).message_zh

    @property
    def message_en(self) -> str:
        """What ``code`` means, in English (from the error catalogue)."""
        return Problem(self.code, self.path, self.message).message_en

    @property
    def detail_zh(self) -> str:
        """The detail in Chinese (see :attr:`huanjie_rules.errors.Problem.detail_zh`)."""
        return Problem(self.code, self.path, self.message).detail_zh

    @property
    def detail_en(self) -> str:
        """The detail in English (the same text as ``message``)."""
        return Problem(self.code, self.path, self.message).detail_en

    @checked
    def render(self, lang: str = "en", *, detail: bool = True) -> str:
        """The row's problem in ``lang``, as :meth:`huanjie_rules.errors.Problem.render` gives it."""
        return Problem(self.code, self.path, self.message).render(lang, detail=detail)


def _row_problem(
    candidate: Candidate, election: Election, path: str, seen: set[str] | None = None
) -> RuleInputError | None:
    if not isinstance(candidate, Candidate):
        return RuleInputError(
            f"expected a Candidate, got {type(candidate).__name__}", code="TYPE", path=path
        )
    if election._seats_for(candidate.office) == 0:
        offices = ", ".join(s.office.value for s in election.seats)
        return RuleInputError(
            f"{candidate.key!r} stands for {candidate.office.value}, which has no seats in "
            f"election {election.key!r} (seats: {offices})",
            code="UNKNOWN_OFFICE",
            path=f"{path}.office",
        )
    if seen is not None:
        if candidate.key in seen:
            return RuleInputError(
                f"candidate key {candidate.key!r} appears twice in the batch",
                code="DUPLICATE_KEY",
                path=f"{path}.key",
            )
        seen.add(candidate.key)
    return None


def _prepare(election: Election, policy: Policy, strict: bool) -> None:
    if policy.regime is not election.regime:
        raise RuleInputError(
            f"election is {election.regime.value} but profile {policy.id!r} is "
            f"{policy.regime.value}: {profile_hint(policy, election.regime, election.date)}",
            code="REGIME_MISMATCH",
            path="policy",
        )
    if strict:
        policy.require_in_force(election.date)


def _batch_start(
    election: Election,
    policy: Policy,
    checks: Sequence[str] | None,
    negative_lists: Sequence[str] | None,
    strict: bool,
    on_error: str,
) -> tuple[str, ...]:
    """What a batch checks once before its rows (screen_many and the column path alike): the
    ``on_error`` choice, the election against the profile, the lists asked for; the checks to
    run, in order."""
    if on_error not in ("raise", "report"):
        raise RuleInputError(
            f"on_error must be 'raise' or 'report', got {on_error!r}",
            code="ON_ERROR",
            path="on_error",
        )
    _prepare(election, policy, strict)
    order = _checks(checks)
    _active_lists(policy, negative_lists)
    return order


def _checks(checks: Sequence[str] | None) -> tuple[str, ...]:
    if checks is None:
        return CHECKS
    chosen = tuple(checks)
    if not chosen:
        # An empty selection would answer ELIGIBLE having checked nothing.
        raise RuleInputError(
            "checks=[] would check nothing; pass None to run every check",
            code="EMPTY",
            path="checks",
        )
    for i, name in enumerate(chosen):
        if name not in _CHECK_FUNCS:
            raise RuleInputError(
                f"unknown check {name!r}; known: {', '.join(CHECKS)}",
                code="UNKNOWN_CHECK",
                path=f"checks[{i}]",
            )
        if name in chosen[:i]:
            raise RuleInputError(
                f"check {name!r} is asked for twice", code="DUPLICATE", path=f"checks[{i}]"
            )
    return chosen


@checked
def screen(
    candidate: Candidate,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
) -> Eligibility:
    """Screen one candidate against every eligibility rule of ``policy``.

    Args:
        candidate: the person, the office and tenure, and the vetting record.
        election: the election (its date is the reference for rights, windows and service; its
            ``staff`` are checked for incompatibilities).
        policy: the profile; its regime must be the election's.
        checks: a subset (in any order) of :data:`CHECKS` to run; all by default. The order never
            changes the result.
        negative_lists: list parameters to apply instead of ``eligibility.negative_lists`` (e.g. a
            local list kept as data in a national profile).
        strict: raise :class:`~huanjie_rules.errors.PolicyNotInForceError` if the profile is not
            in force on the election day.

    Returns:
        An :class:`~huanjie_rules.findings.Eligibility`: any FAIL → INELIGIBLE, else any WARN →
        NEEDS_REVIEW, else ELIGIBLE, with every finding in canonical order.

    Raises:
        RuleInputError: ``REGIME_MISMATCH`` (path ``policy``), ``UNKNOWN_OFFICE`` (the
            candidate's office has no seats in the election; path ``candidate.office``),
            ``UNKNOWN_CHECK`` or ``UNKNOWN_NEGATIVE_LIST``.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> policy = load_policy("party-basic-2020")
        >>> election = Election(key="b", regime=Regime.PARTY_BASIC, policy_id=policy.id,
        ...     body=BodyKind.BRANCH, level=Level.GRASSROOTS, form=ElectionForm.MEMBERS_ASSEMBLY,
        ...     date=dt.date(2021, 6, 1), seats=[Seat(office=Office.MEMBER, count=5)],
        ...     entitled_voters=40)
        >>> p = Person(name="刘洋", gender=Gender.MALE, birth_date=dt.date(1990, 1, 1),
        ...            party_standing=PartyStanding.PROBATIONARY, temporary_relation_only=True)
        >>> r = screen(Candidate(person=p, office=Office.MEMBER), election, policy)
        >>> r.status.value, r.codes()
        ('INELIGIBLE', ('NO_CANDIDACY_STANDING', 'TEMPORARY_LETTER_ONLY'))

    Legal basis: 《中国共产党基层组织选举工作条例》 第五条; 选举法 第四条、第十条、第四十三条;
    《村民委员会组织法》 第十二条、第十三条; the local profiles' seeds.
    """
    _prepare(election, policy, strict)
    problem = _row_problem(candidate, election, "candidate")
    if problem is not None:
        raise problem
    return _screen(candidate, election, policy, _checks(checks), negative_lists)


def _screen(
    candidate: Candidate,
    election: Election,
    policy: Policy,
    order: tuple[str, ...],
    negative_lists: Sequence[str] | None,
) -> Eligibility:
    _active_lists(policy, negative_lists)
    identity = _identity_of(candidate.person, policy, on=election.date, subject=candidate.key)
    ctx = _Ctx(candidate, election, policy, identity, negative_lists)
    findings: list[Finding] = []
    for name in order:
        findings.extend(_CHECK_FUNCS[name](ctx))
    return Eligibility._from_findings(candidate.key, policy.id, findings)


@overload
def screen_many(
    candidates: Iterable[Candidate] | None,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = ...,
    negative_lists: Sequence[str] | None = ...,
    strict: bool = ...,
    on_error: Literal["raise"] = ...,
) -> tuple[Eligibility, ...]: ...


@overload
def screen_many(
    candidates: Iterable[Candidate] | None,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = ...,
    negative_lists: Sequence[str] | None = ...,
    strict: bool = ...,
    on_error: Literal["report"],
) -> tuple[Eligibility | ScreenError, ...]: ...


@checked(rows=("candidates",))
def screen_many(
    candidates: Iterable[Candidate] | None,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
    on_error: Literal["raise", "report"] = "raise",
) -> tuple[Eligibility, ...] | tuple[Eligibility | ScreenError, ...]:
    """Screen many candidates: one result per input, in input order.

    ``candidates=None`` screens ``election.candidates``. The options are those of :func:`screen`.

    A row that is not a :class:`~huanjie_rules.model.Candidate` is a bad row too (``TYPE``).
    Problems with the whole batch — a profile of another regime (``REGIME_MISMATCH``), a profile
    not in force, an unknown check or list — always raise before any row is screened: no row
    could be answered. A problem with one row — its office has no seats in the election
    (``UNKNOWN_OFFICE``) or its key repeats an earlier row's (``DUPLICATE_KEY``) — is handled
    per ``on_error``:

    * ``"raise"`` (default): raise :class:`~huanjie_rules.errors.RowsError` (a
      ``RuleInputError``) listing every such row in ``problems``, each with its index in the
      path (``candidates[3].office``); its ``code`` and ``path`` are the first row's; nothing is
      returned.
    * ``"report"``: put a :class:`ScreenError` in that row's place and screen the others, so the
      result still has one entry per input, in input order.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> policy = load_policy("npc-2020")
        >>> people = [Person(name=n, gender=Gender.FEMALE, birth_date=b) for n, b in
        ...           [("甲", dt.date(2003, 11, 6)), ("乙", dt.date(2003, 11, 5))]]
        >>> e = Election(key="n", regime=Regime.NPC, policy_id="npc-2020",
        ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP, form=ElectionForm.DIRECT_VOTERS,
        ...     date=dt.date(2021, 11, 5), seats=[Seat(office=Office.NPC_DEPUTY, count=2)],
        ...     entitled_voters=3000, candidates=[Candidate(person=p, office=Office.NPC_DEPUTY) for p in people])
        >>> [(r.subject, r.status.value) for r in screen_many(None, e, policy)]
        [('甲', 'INELIGIBLE'), ('乙', 'ELIGIBLE')]
        >>> stray = Candidate(person=people[1], key="丙", office=Office.GOVERNMENT_HEAD)
        >>> rows = screen_many([stray, *e.candidates], e, policy, on_error="report")
        >>> [type(r).__name__ for r in rows], rows[0].code, rows[0].path
        (['ScreenError', 'Eligibility', 'Eligibility'], 'UNKNOWN_OFFICE', 'candidates[0].office')
        >>> screen_many([stray], e, policy)
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.RowsError: candidates[0].office: '丙' stands for GOVERNMENT_HEAD, which has no seats in election 'n' (seats: NPC_DEPUTY) [UNKNOWN_OFFICE]

    Legal basis: as :func:`screen`.
    """
    order = _batch_start(election, policy, checks, negative_lists, strict, on_error)
    pool = election.candidates if candidates is None else tuple(candidates)
    seen: set[str] = set()
    problems = [_row_problem(c, election, f"candidates[{i}]", seen) for i, c in enumerate(pool)]
    if on_error == "raise":
        bad = [p for p in problems if p is not None]
        if bad:
            raise RowsError(Problem(p.code, p.path, p.message) for p in bad)
        return tuple(_screen(c, election, policy, order, negative_lists) for c in pool)
    rows: list[Eligibility | ScreenError] = []
    for i, (cand, problem) in enumerate(zip(pool, problems, strict=True)):
        if problem is None:
            rows.append(_screen(cand, election, policy, order, negative_lists))
        else:
            rows.append(
                ScreenError(
                    index=i,
                    subject=cand.key if isinstance(cand, Candidate) else "",
                    code=problem.code,
                    path=problem.path,
                    message=problem.message,
                )
            )
    return tuple(rows)


@checked
def voter_rights(
    person: Person, election: Election, policy: Policy, *, strict: bool = True
) -> Eligibility:
    """Whether ``person`` may vote in ``election``.

    Party regimes: the standing must carry 表决权/选举权 (``rights.voting_standings``: full members
    only under the 2020 rules); a 临时组织关系 letter alone gives no vote; 留置/逮捕 suspends it.
    人大 and village regimes: 年满十八周岁 on the election day (birth date per
    ``eligibility.birth_date_source``) and political rights not deprived.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> e = Election(key="v", regime=Regime.VILLAGE, policy_id="village-2018",
        ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
        ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.VILLAGE_MEMBER, count=3)],
        ...     entitled_voters=500)
        >>> p = Person(name="周婷", gender=Gender.FEMALE, birth_date=dt.date(2003, 3, 1),
        ...            political_rights_deprived=True)
        >>> r = voter_rights(p, e, load_policy("village-2018"))
        >>> r.status.value, r.codes()
        ('INELIGIBLE', ('POLITICAL_RIGHTS_DEPRIVED',))

    Legal basis: 《中国共产党基层组织选举工作条例》 第五条; 选举法 第四条; 《村民委员会组织法》 第十三条.
    """
    _prepare(election, policy, strict)
    if _is_party(policy.regime):
        found = _party_rights(person, policy, person.key, voting=True)
    else:
        identity = _identity_of(person, policy, on=election.date)
        found = _civic_rights(
            person, identity.birth_date, policy, election.date, person.key
        ) + list(identity.findings)
    return Eligibility._from_findings(person.key, policy.id, found)
