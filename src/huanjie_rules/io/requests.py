"""The documents of the command line and the HTTP service: what they read and what they answer.

Each command of ``huanjie`` and each endpoint of the HTTP service reads one of these records (or
a record of the model, such as an :class:`~huanjie_rules.model.Election`) as JSON and answers
with a result record of the library; both have a published JSON Schema
(:mod:`huanjie_rules.io.schema`). They are plain records: the rule functions are called by
:mod:`huanjie_rules.io.calls`, which the command line and the service share, so the two answer
the same question the same way.

Example:
    >>> from huanjie_rules.io import from_json
    >>> q = from_json('{"level": "COUNTY", "population": 1550001}', DeputyQuery)
    >>> q.level.label, q.population, q.minority_uplift
    ('县级', 1550001, False)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from fractions import Fraction

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..apportion import ApportionMethod
from ..eligibility import ScreenError
from ..errors import Problem
from ..findings import Eligibility
from ..model import BodyKind, Election, ElectionForm, Level, Office, Regime
from ..policy import Parameter
from ..votes import Outcome, RoundCount, Tally, Turnout
from .tables import RosterScreen

__all__ = [
    "ApportionQuery",
    "AssemblyQuery",
    "CommitteeQuery",
    "DelegateQuery",
    "DeputyQuery",
    "ErrorReport",
    "MarginQuery",
    "ParameterChange",
    "ProblemReport",
    "ProfileDiff",
    "ProfileInfo",
    "ProfileList",
    "RosterBatch",
    "Round",
    "ScreenBatch",
    "ScreenReport",
    "TimelineQuery",
    "UnitWeight",
    "ValidationReport",
]


def _nonneg(value: int | None, path: str) -> Iterable[Problem]:
    if value is not None and value < 0:
        yield Problem("RANGE", path, f"must not be negative, got {value}")


# -- screening ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ScreenReport(Model):
    """The screen of one election's candidates: one result or one error per candidate.

    Attributes:
        source: where the election came from (a file name, ``"<body>"`` for a request body).
        election: the election's key.
        policy_id: the profile every candidate was screened under.
        date: the reference day (选举日) of the screen.
        results: the candidates that could be screened, in input order.
        errors: the candidates that could not (their office has no seats, their key repeats).
    """

    source: str = ""
    election: str
    policy_id: str
    date: _dt.date
    results: tuple[Eligibility, ...] = attrs.field(default=(), converter=to_tuple)
    errors: tuple[ScreenError, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class ScreenBatch(Model):
    """The screens of several documents, in the order given.

    Attributes:
        reports: one report per election document.
    """

    reports: tuple[ScreenReport, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class RosterBatch(Model):
    """The screens of one or more rosters (XLSX, CSV), in the order given.

    Each screen is the roster reader's :class:`~huanjie_rules.io.tables.RosterScreen` as the
    converter writes it: what was read (entries, rejected rows with their row numbers and
    codes), which profile answered for which posts, and every candidacy's result.

    Attributes:
        screens: one per roster file.
    """

    screens: tuple[RosterScreen, ...] = attrs.field(default=(), converter=to_tuple)


# -- votes -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Round(Model):
    """One round of voting to decide: the election (or the previous round) and its counts.

    A first round names the ``election``; a later round (再次投票, 另行选举) names the
    ``previous`` outcome instead and is counted on the paper the rules give for it. The counts
    are the announced ``counts`` (a :class:`~huanjie_rules.votes.RoundCount`: head counts,
    ballots and votes in one value) or a full ``tally`` with its ``turnout``.

    Attributes:
        election: the election, for a first round.
        previous: the outcome of the round before, for a later round.
        counts: the round's announced numbers.
        tally: the round's tally, as :class:`~huanjie_rules.votes.Tally` writes it, instead.
        turnout: with a tally: who could vote and who did.
    """

    election: Election | None = None
    previous: Outcome | None = None
    counts: RoundCount | None = None
    tally: Tally | None = None
    turnout: Turnout | None = None

    def _checks(self) -> Iterable[Problem]:
        if (self.election is None) == (self.previous is None):
            yield Problem(
                "ONE_OF", "election", "give either the election (a first round) or previous"
            )
        if (self.tally is None) == (self.counts is None):
            yield Problem("ONE_OF", "counts", "give either the counts or a tally")
        if self.tally is None and self.turnout is not None:
            yield Problem("ONE_OF", "turnout", "the counts carry their own head counts")


# -- quotas ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AssemblyQuery(Model):
    """Assembly or congress (党员大会 or 党员代表大会) for an organisation.

    Attributes:
        members: 党员人数.
        scattered: members are widely scattered (党员人数较多或者党员所在单位分散).
        proposed: the form the organisation proposes to use.
        approved: the higher organisation approved the proposed form.
    """

    members: int
    scattered: bool = False
    proposed: ElectionForm | None = None
    approved: bool = False


@attrs.frozen(kw_only=True)
class DelegateQuery(Model):
    """The number of delegates (代表名额) to a congress.

    Attributes:
        proposed: the number proposed.
        members: 党员人数 of the electing organisation.
        level: the congress's administrative level, where the profile's bands depend on it.
    """

    proposed: int | None = None
    members: int | None = None
    level: Level | None = None


@attrs.frozen(kw_only=True)
class MarginQuery(Model):
    """The candidate margin (差额) for a post: the bounds, or a check of a proposed slate.

    Attributes:
        office: the post.
        seats: 应选名额.
        candidates: 候选人数 proposed; without it only the bounds are given.
        form: how the electors come together, where the margin depends on it.
        previous_margin: the 差额比例 of the previous round, for rules that compare with it.
        self_nomination: candidates stand by self-nomination (自荐直选).
    """

    office: Office
    seats: int
    candidates: int | None = None
    form: ElectionForm | None = None
    previous_margin: Fraction | None = None
    self_nomination: bool = False


@attrs.frozen(kw_only=True)
class CommitteeQuery(Model):
    """The size of a committee (委员会职数).

    Attributes:
        body: the body being elected.
        proposed: 职数 proposed.
        full_members: 正式党员人数, where the rules depend on it.
    """

    body: BodyKind
    proposed: int | None = None
    full_members: int | None = None


@attrs.frozen(kw_only=True)
class DeputyQuery(Model):
    """The number of people's congress deputies (代表名额) of a county or township.

    Attributes:
        level: county or township.
        population: 人口数.
        minority_uplift: ask for the uplift for areas with many minority nationalities.
        proposed: the number proposed.
    """

    level: Level
    population: int
    minority_uplift: bool = False
    proposed: int | None = None


@attrs.frozen(kw_only=True)
class UnitWeight(Model):
    """One unit's weight in an apportionment (its population or membership).

    Attributes:
        key: the unit (选区, 单位).
        weight: its weight, a whole number or an exact fraction.
    """

    key: str
    weight: Fraction


@attrs.frozen(kw_only=True)
class ApportionQuery(Model):
    """Seats shared among units in proportion to their weights (名额分配).

    Attributes:
        weights: the units and their weights.
        seats: seats to share.
        method: largest remainder, D'Hondt, Sainte-Laguë or Huntington–Hill; the profile's
            default when null.
        minimum: seats every unit gets at least; the profile's when null.
    """

    weights: tuple[UnitWeight, ...] = attrs.field(converter=to_tuple)
    seats: int
    method: ApportionMethod | None = None
    minimum: int | None = None

    def _checks(self) -> Iterable[Problem]:
        seen: set[str] = set()
        for i, unit in enumerate(self.weights):
            if unit.key in seen:
                yield Problem("DUPLICATE", f"weights[{i}].key", f"{unit.key!r} twice")
            seen.add(unit.key)


@attrs.frozen(kw_only=True)
class TimelineQuery(Model):
    """The statutory timeline before an election day.

    Attributes:
        election_day: 选举日.
    """

    election_day: _dt.date


# -- answers about input -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ProblemReport(Model):
    """One problem in a document, with what its code means in both languages.

    Attributes:
        code: the problem's code (``MISSING``, ``TYPE``, ``RANGE`` …).
        path: where it is (``candidates[2].person.birth_date``), or empty for the whole document.
        message: the specific detail, in English.
        message_zh: what the code means, in Chinese (from the error catalogue).
        message_en: what the code means, in English.
        detail_zh: the specific detail in Chinese (the English ``message`` where the detail
            catalogue has no template for it).
        detail_en: the specific detail in English (the same text as ``message``).
    """

    code: str
    path: str = ""
    message: str
    message_zh: str
    message_en: str
    detail_zh: str = ""
    detail_en: str = ""

    @classmethod
    @checked
    def of(cls, problem: Problem) -> ProblemReport:
        """The report of a :class:`~huanjie_rules.errors.Problem`."""
        return cls(
            code=problem.code,
            path=problem.path,
            message=problem.message,
            message_zh=problem.message_zh,
            message_en=problem.message_en,
            detail_zh=problem.detail_zh,
            detail_en=problem.detail_en,
        )


@attrs.frozen(kw_only=True)
class ValidationReport(Model):
    """Whether a document is a valid record of a type, and every problem if not.

    Attributes:
        record_type: the record type asked about (``"Election"``).
        valid: true when the document reads without a problem.
        problems: every problem found, each with its code and path.
    """

    record_type: str
    valid: bool
    problems: tuple[ProblemReport, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class ErrorReport(Model):
    """Why a request was refused: the library's error code and every problem with its path.

    Attributes:
        code: the error's code (``INVALID_DATA``, ``UNKNOWN_POLICY``, ``RULE_INPUT`` …).
        message: what went wrong, in English, in detail.
        message_zh: what the code means, in Chinese (from the error catalogue).
        message_en: what the code means, in English.
        path: the field the error is about, if any.
        problems: every problem found in the input, each with its code, path and messages.
        detail_zh: the specific detail in Chinese (the English ``message`` where the detail
            catalogue has no template for it; the problems' details when there are problems).
        detail_en: the specific detail in English.
    """

    code: str
    message: str
    message_zh: str
    message_en: str
    path: str = ""
    detail_zh: str = ""
    detail_en: str = ""
    problems: tuple[ProblemReport, ...] = attrs.field(default=(), converter=to_tuple)


# -- profiles ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ProfileInfo(Model):
    """One shipped policy profile, in a line.

    Attributes:
        id: the profile id (``"party-basic-2020"``).
        regime: which body of rules it belongs to.
        title_zh: its title in Chinese.
        title_en: its title in English.
        valid_from: the first day it is in force.
        valid_to: the last day it is in force, if it has been replaced.
        extends: the profile it inherits from, if any.
        local: true for a local (provincial, county, township) profile.
    """

    id: str
    regime: Regime
    title_zh: str
    title_en: str
    valid_from: _dt.date
    valid_to: _dt.date | None = None
    extends: str | None = None
    local: bool = False


@attrs.frozen(kw_only=True)
class ProfileList(Model):
    """The shipped policy profiles.

    Attributes:
        profiles: every profile, by id.
    """

    profiles: tuple[ProfileInfo, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class ParameterChange(Model):
    """How one parameter differs between two profiles.

    Attributes:
        name: the parameter.
        change: ``ADDED`` (only in the right profile), ``REMOVED`` (only in the left) or
            ``CHANGED`` (value, hard/soft or citation differ).
        left: the parameter in the left profile, if it has it.
        right: the parameter in the right profile, if it has it.
    """

    name: str
    change: str
    left: Parameter | None = None
    right: Parameter | None = None


@attrs.frozen(kw_only=True)
class ProfileDiff(Model):
    """Every parameter that differs between two profiles.

    Attributes:
        left: the first profile's id.
        right: the second profile's id.
        changes: the parameters that differ, by name.
    """

    left: str
    right: str
    changes: tuple[ParameterChange, ...] = attrs.field(default=(), converter=to_tuple)
