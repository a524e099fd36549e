"""Vote counting and election outcomes, round by round, for every regime.

From ballots (or announced counts) to an outcome a counting committee can announce, with the rule
and article behind every step. Every threshold, base and switch comes from the ``votes.*``
parameters of the policy profile; nothing is decided by chance or by the order of the input.

The pieces:

- :class:`BallotPaper` — the layout of one round's ballot (posts, seats, names listed);
  :func:`paper_for` makes the first-round paper of an :class:`~huanjie_rules.model.Election`,
  :func:`next_paper` the paper of the round an :class:`Outcome` calls for.
- :func:`judge_ballot` — one ballot: valid or not (and which sections), what counts, and why.
- :class:`Tally` — counts that merge exactly (``a + b``; :meth:`Tally.empty` is the identity), so
  polling stations, mobile boxes and data partitions combine; :func:`tally_ballots` counts ballots,
  :meth:`Tally.from_counts` takes announced totals.
- :func:`decide` — the first round; :func:`decide_next` — the tie re-vote (再次投票) or the
  另行选举 that follows; :func:`reduce_seats` and :func:`leave_vacant` — the profile's ways of
  ending a shortfall.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import (BodyKind, Candidate, Election, ElectionForm, Gender,
    ...     Level, Office, Person, Regime, Seat)
    >>> from huanjie_rules.policy import load_policy
    >>> policy = load_policy("party-basic-2020")
    >>> people = [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
    ...           for n in ("甲", "乙", "丙", "丁")]
    >>> election = Election(key="branch-2021", regime=Regime.PARTY_BASIC,
    ...     policy_id="party-basic-2020", body=BodyKind.BRANCH, level=Level.VILLAGE,
    ...     form=ElectionForm.MEMBERS_ASSEMBLY, date=dt.date(2021, 3, 1),
    ...     seats=[Seat(office=Office.MEMBER, count=3)], entitled_voters=50,
    ...     candidates=[Candidate(person=p, office=Office.MEMBER) for p in people])
    >>> paper = paper_for(election, policy)
    >>> tally = Tally.from_counts(paper, issued=45, returned=45,
    ...                           for_votes={"甲": 40, "乙": 30, "丙": 23, "丁": 22})
    >>> outcome = decide(election, tally, policy, turnout=Turnout(entitled=50, present=45))
    >>> outcome.status.value, outcome.posts[0].elected, outcome.posts[0].unfilled
    ('COMPLETE', ('甲', '乙', '丙'), 0)

    丙's 23 votes are more than half of the 45 present; 丁's 22 are not (PB: 超过实到会有选举权
    的人数的一半).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from ._base import LabeledEnum, Model, to_tuple
from .errors import Problem, RuleInputError, TallyMismatchError
from .findings import Finding, Message, Severity
from .model import Ballot, Choice, Election, ElectionForm, NominationRoute, Office, Regime, Seat
from .policy import Parameter, Policy

__all__ = [
    "FINDING_CODES",
    "BallotEntry",
    "BallotPaper",
    "EntryCount",
    "InvalidCount",
    "JudgedBallot",
    "NextStep",
    "Outcome",
    "OutcomeStatus",
    "PostOutcome",
    "PostStatus",
    "RoundKind",
    "SectionCount",
    "SectionJudgement",
    "Standing",
    "StandingResult",
    "Tally",
    "Threshold",
    "Turnout",
    "decide",
    "decide_next",
    "judge_ballot",
    "leave_vacant",
    "next_paper",
    "paper_for",
    "reduce_seats",
    "tally_ballots",
]


def _msg(zh: str, en: str) -> Message:
    return Message(zh=zh, en=en)


#: Every finding code this module emits (and the reason codes a :class:`Tally` counts), with
#: its zh-CN and en message.
FINDING_CODES: Mapping[str, Message] = MappingProxyType(
    {
        # -- ballots ----------------------------------------------------------------------------
        "BALLOT_UNREADABLE": _msg(
            "选票无法辨认，作废（仍计入收回的选票）",
            "the ballot cannot be read: spoilt (still counted among ballots returned)",
        ),
        "BALLOT_OVERMARKED": _msg(
            "{post}所选人数{observed}人，多于应选{limit}人，整张选票无效",
            "{post}: {observed} people marked, more than the {limit} seats: the whole ballot is void",
        ),
        "SECTION_OVERMARKED": _msg(
            "{post}所选人数{observed}人，多于应选{limit}人，该职位部分无效",
            "{post}: {observed} people marked, more than the {limit} seats: that section is void",
        ),
        "SAME_PERSON_TWO_POSTS_VOID": _msg(
            "选举同一人{subject}为两项以上职务，选票无效",
            "{subject} is marked for two or more posts: the ballot is void",
        ),
        "SAME_PERSON_COUNTED_HIGHER": _msg(
            "{subject}被选为两项以上职务，只计入较高的职务{post}",
            "{subject} is marked for two or more posts: counted only for the higher post, {post}",
        ),
        "WRITEIN_ILLEGIBLE": _msg(
            "{post}另选人姓名无法辨认，该项无效",
            "{post}: a written-in name cannot be read: that part is void",
        ),
        "WRITEIN_UNCIRCLED": _msg(
            "{post}另选人{subject}未划○，不计票",
            "{post}: written-in {subject} carries no ○: not counted",
        ),
        "WRITEIN_WITHOUT_AGAINST": _msg(
            "{post}另选人{subject}未对应一名投不赞成票的候选人，不计票",
            "{post}: written-in {subject} does not take the place of a 不赞成 vote: not counted",
        ),
        "WRITEIN_NOT_ALLOWED": _msg(
            "本轮{post}选票不得另选他人，{subject}不计票",
            "this round's {post} ballot allows no write-ins: {subject} not counted",
        ),
        "WRITEIN_NAMES_LISTED": _msg(
            "{post}另选人{subject}是选票上的候选人，按赞成票计",
            "{post}: written-in {subject} is listed on the ballot: counted as a vote for",
        ),
        "WRITEIN_DUPLICATE": _msg(
            "{post}：{subject}重复出现，只计一次",
            "{post}: {subject} appears more than once: counted once",
        ),
        "BALLOT_INVALID_UNSPECIFIED": _msg(
            "无效票（原因未登记）",
            "invalid ballots (reason not recorded)",
        ),
        # -- the vote as a whole ----------------------------------------------------------------
        "BALLOTS_RECONCILED": _msg(
            "收回选票{observed}张，不多于{base}{limit}，本次投票有效",
            "{observed} ballots returned, not more than {base} ({limit}): the vote stands",
        ),
        "BALLOTS_EXCEED_BASE": _msg(
            "收回选票{observed}张，多于{base}{limit}，本次选举无效，应重新选举",
            "{observed} ballots returned, more than {base} ({limit}): the vote is void and must be held again",
        ),
        "QUORUM_MET": _msg(
            "{measure}{observed}人，应到{base}人的{ratio}，至少需{limit}人：符合",
            "{measure}: {observed}, of {base} entitled at {ratio} needs at least {limit}: met",
        ),
        "QUORUM_NOT_MET": _msg(
            "{measure}{observed}人，应到{base}人的{ratio}，至少需{limit}人：不足，选举无效",
            "{measure}: {observed}, of {base} entitled at {ratio} needs at least {limit}: not met, the vote is void",
        ),
        "UNCONTESTED_NOT_ALLOWED": _msg(
            "{post}候选人{observed}名，不多于应选{limit}名，而该职务应实行差额选举",
            "{post}: {observed} candidates for {limit} seats, but this post must be contested",
        ),
        "SELF_NOMINATION_NO_MARGIN": _msg(
            "{post}实行无候选人的自荐直选，自荐人{observed}名、应选{limit}名，不要求差额",
            "{post}: election without candidates (自荐直选), {observed} self-nominees for {limit} seats: no margin is required",
        ),
        "UNCONTESTED_ALLOWED": _msg(
            "{post}候选人{observed}名、应选{limit}名，等额选举为规定所允许",
            "{post}: {observed} candidates for {limit} seats; an uncontested election is allowed",
        ),
        # -- candidates -------------------------------------------------------------------------
        "ELECTED": _msg(
            "{subject}得{observed}票，当选{post}（所需{limit}票）",
            "{subject}: {observed} votes, elected {post} (needed {limit})",
        ),
        "NOT_ELECTED_BELOW_THRESHOLD": _msg(
            "{subject}得{observed}票，未达到{post}当选所需{limit}票",
            "{subject}: {observed} votes, short of the {limit} needed for {post}",
        ),
        "NOT_ELECTED_OUTRANKED": _msg(
            "{subject}得{observed}票，达到{limit}票但{post}名额已满",
            "{subject}: {observed} votes, reaching {limit}, but the {post} seats are filled",
        ),
        "ELECTED_MOST_VOTES": _msg(
            "{subject}在再次投票中得{observed}票，以得票多当选{post}（不要求过半数）",
            "{subject}: {observed} votes in the re-vote, elected {post} by most votes (no majority required)",
        ),
        "NOT_ELECTED_FEWER_VOTES": _msg(
            "{subject}在再次投票中得{observed}票，少于当选者的{limit}票，未当选{post}",
            "{subject}: {observed} votes in the re-vote, fewer than the {limit} of the lowest elected: not elected {post}",
        ),
        "ELECTED_ELSEWHERE": _msg(
            "{subject}已当选其他职务，不再计入{post}",
            "{subject} is elected to another post: not counted for {post}",
        ),
        "TIE_AT_CUTOFF": _msg(
            "{post}末位票数相等（{observed}票）：{subject}，应就票数相等者再次投票，选{limit}名",
            "{post}: a tie at the cut-off ({observed} votes) among {subject}: re-vote among them for {limit} seat(s)",
        ),
        "POST_DEFERRED": _msg(
            "{post}须待较高职务再次投票后确定",
            "{post} is decided after the re-vote for a higher post",
        ),
        "SHORTFALL": _msg(
            "{post}当选{observed}名，少于应选{limit}名",
            "{post}: {observed} elected, fewer than the {limit} seats",
        ),
        "SECOND_ELECTION_CANDIDATES": _msg(
            "{post}另行选举{limit}名，候选人（按第一次投票得票多少为序）：{subject}",
            "{post}: 另行选举 for {limit} seat(s); candidates by first-round votes: {subject}",
        ),
        "SECOND_ELECTION_TOO_FEW": _msg(
            "{post}未当选且得票者{observed}名，少于另行选举应有的{limit}名候选人",
            "{post}: only {observed} unelected people received votes, fewer than the {limit} candidates a 另行选举 needs",
        ),
        "SECOND_ELECTION_LIST_TIED": _msg(
            "{post}另行选举候选人因票数相等扩至{observed}名，超过差额上限{limit}名，须由选举组织者依规定确定",
            "{post}: ties stretch the 另行选举 list to {observed}, above the margin cap of {limit}: the organisers must settle it",
        ),
        "SECOND_ELECTION_DEADLINE": _msg(
            "另行选举应在选举日当日或之后{limit}日内举行",
            "the 另行选举 must be held on election day or within {limit} days after",
        ),
        "SEATS_REMAIN_UNFILLED": _msg(
            "{post}仍有{observed}个名额未选足，规定不再另行选举",
            "{post}: {observed} seat(s) remain unfilled and the rules provide no further election",
        ),
        "REDUCE_SEATS_AVAILABLE": _msg(
            "当选人数接近应选名额的，可经{base}同意减少名额、不再选举（是否接近由选举人判断，需{limit}人同意）",
            "if the elected are close to the number of seats, the seats may be reduced with consent of {base} ({limit} needed); whether they are close is for the electors to judge",
        ),
        "REDUCE_SEATS_CONSENTED": _msg(
            "{observed}人同意减少名额，达到所需{limit}人，{post}名额减为{seats}名",
            "{observed} consented to reduce the seats, reaching the {limit} needed: {post} now has {seats} seat(s)",
        ),
        "REDUCE_SEATS_BY_PRESIDIUM": _msg(
            "大会主席团决定减少名额，{post}名额减为{seats}名",
            "the presidium decided to reduce the seats: {post} now has {seats} seat(s)",
        ),
        "REDUCE_SEATS_REFUSED": _msg(
            "{observed}人同意减少名额，未达到所需{limit}人，名额不变",
            "{observed} consented to reduce the seats, short of the {limit} needed: the seats stand",
        ),
        "LEAVE_VACANT_AVAILABLE": _msg(
            "已选出成员{observed}名，不少于{limit}名，不足职位可以空缺",
            "{observed} members elected, at least {limit}: the unfilled posts may stay vacant",
        ),
        "VACANCY_ACCEPTED": _msg(
            "{post}不足的{observed}个职位空缺",
            "{post}: {observed} unfilled post(s) left vacant",
        ),
    }
)


# --------------------------------------------------------------------------------------------
# Enums
# --------------------------------------------------------------------------------------------


class RoundKind(LabeledEnum):
    """Which vote a round is."""

    FIRST = ("FIRST", "第一次投票", ("正式选举", "第一轮"))
    TIE_REVOTE = ("TIE_REVOTE", "再次投票", ("重新投票", "票数相等再次投票"))
    SECOND_ELECTION = ("SECOND_ELECTION", "另行选举", ())


class OutcomeStatus(LabeledEnum):
    """Where an election stands after a round."""

    COMPLETE = ("COMPLETE", "选举完成", ("选足",))
    NEEDS_REVOTE = ("NEEDS_REVOTE", "须再次投票", ())
    SHORTFALL = ("SHORTFALL", "当选人数不足应选名额", ("未选足",))
    VOID = ("VOID", "选举无效", ("无效",))


class PostStatus(LabeledEnum):
    """Where one post stands after a round."""

    COMPLETE = ("COMPLETE", "已选足", ())
    TIE_REVOTE = ("TIE_REVOTE", "须就票数相等者再次投票", ())
    SHORTFALL = ("SHORTFALL", "未选足", ())
    DEFERRED = ("DEFERRED", "待较高职务确定", ())
    VOID = ("VOID", "本轮无效", ())


class StandingResult(LabeledEnum):
    """What a round gave one person for one post."""

    ELECTED = ("ELECTED", "当选", ())
    REVOTE = ("REVOTE", "票数相等，再次投票", ())
    OUTRANKED = ("OUTRANKED", "达到票数但名额已满", ())
    BELOW_THRESHOLD = ("BELOW_THRESHOLD", "未达到当选票数", ())
    ELECTED_ELSEWHERE = ("ELECTED_ELSEWHERE", "已当选其他职务", ())
    PENDING = ("PENDING", "待定", ())


class NextStep(LabeledEnum):
    """What the rules allow next."""

    HOLD_AGAIN = ("HOLD_AGAIN", "重新选举", ())
    TIE_REVOTE = ("TIE_REVOTE", "再次投票", ())
    SECOND_ELECTION = ("SECOND_ELECTION", "另行选举", ())
    REDUCE_SEATS = ("REDUCE_SEATS", "减少名额", ())
    LEAVE_VACANT = ("LEAVE_VACANT", "职位空缺", ())


class _Cmp(enum.Enum):
    STRICT = "STRICT"
    INCLUSIVE = "INCLUSIVE"
    AT_MOST = "AT_MOST"


def _nonneg(value: int, path: str) -> Iterable[Problem]:
    if value < 0:
        yield Problem("RANGE", path, f"must not be negative, got {value}")


# --------------------------------------------------------------------------------------------
# The ballot paper
# --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BallotEntry(Model):
    """One name printed on a ballot paper, for one post."""

    office: Office
    person: str

    def _checks(self) -> Iterable[Problem]:
        if not self.person.strip():
            yield Problem("EMPTY", "person", "must not be empty")


@attrs.frozen(kw_only=True)
class BallotPaper(Model):
    """The layout of one round's ballot: the posts, their seats and the names listed.

    Attributes:
        election: the election's key.
        round: which vote this paper is for.
        round_number: 1 for the first vote, counting every vote held (re-votes, 另行选举,
            votes held again after a void one).
        seats: the seats to fill in this round, per post, in the profile's post order.
        entries: the names listed, in ballot order.
        writeins_allowed: whether voters may write in other names in this round.
        form: how the electors meet (selects the profile's per-form rules), if known.
    """

    election: str
    form: ElectionForm | None = None
    round: RoundKind = RoundKind.FIRST
    round_number: int = 1
    seats: tuple[Seat, ...] = attrs.field(converter=to_tuple)
    entries: tuple[BallotEntry, ...] = attrs.field(converter=to_tuple)
    writeins_allowed: bool = True

    @property
    def offices(self) -> tuple[Office, ...]:
        """The posts on the paper, in order."""
        return tuple(s.office for s in self.seats)

    def seats_for(self, office: Office) -> int:
        """Seats to fill for ``office`` in this round (0 if it is not on the paper)."""
        return sum(s.count for s in self.seats if s.office is office)

    def _checks(self) -> Iterable[Problem]:
        if not self.election.strip():
            yield Problem("EMPTY", "election", "must not be empty")
        if self.round_number < 1:
            yield Problem("RANGE", "round_number", "must be at least 1")
        if not self.seats:
            yield Problem("EMPTY", "seats", "a ballot paper needs at least one post")
        offices: set[Office] = set()
        for i, seat in enumerate(self.seats):
            if seat.office in offices:
                yield Problem("DUPLICATE", f"seats[{i}].office", f"{seat.office.value} twice")
            offices.add(seat.office)
        seen: set[tuple[Office, str]] = set()
        for i, entry in enumerate(self.entries):
            if entry.office not in offices:
                yield Problem(
                    "UNKNOWN_OFFICE", f"entries[{i}].office", f"{entry.office.value} has no seats"
                )
            if (entry.office, entry.person) in seen:
                yield Problem("DUPLICATE", f"entries[{i}]", f"{entry.person!r} listed twice")
            seen.add((entry.office, entry.person))


@attrs.frozen(kw_only=True)
class Turnout(Model):
    """Who could vote and who did, as the round's rules count them.

    Attributes:
        entitled: 应到会有选举权人数 (party), 登记选民数 (people's congress, village) or 全体代表数
            (indirect elections), before any approved exclusion.
        excluded: people left out of the entitled count with approval (party grassroots only:
            上级党组织同意、党员大会通过).
        present: 实到会有选举权人数 (party) or 参加投票的人数 (people's congress, village).
        voted: 投票人数, if it differs from ``present``.
    """

    entitled: int
    excluded: int = 0
    present: int
    voted: int | None = None

    @property
    def effective_entitled(self) -> int:
        """``entitled`` minus approved exclusions."""
        return self.entitled - self.excluded

    @property
    def voters(self) -> int:
        """投票人数: ``voted`` if given, else ``present``."""
        return self.present if self.voted is None else self.voted

    def _checks(self) -> Iterable[Problem]:
        yield from _nonneg(self.entitled, "entitled")
        yield from _nonneg(self.excluded, "excluded")
        yield from _nonneg(self.present, "present")
        if self.voted is not None:
            yield from _nonneg(self.voted, "voted")
            if self.voted > self.present:
                yield Problem("RANGE", "voted", f"{self.voted} is more than present {self.present}")
        if self.excluded > self.entitled:
            yield Problem("RANGE", "excluded", "is more than entitled")
        if self.present > self.entitled - self.excluded and self.excluded <= self.entitled:
            yield Problem(
                "RANGE",
                "present",
                f"{self.present} is more than the {self.entitled - self.excluded} entitled",
            )


# --------------------------------------------------------------------------------------------
# Reading the profile
# --------------------------------------------------------------------------------------------


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
    return param.finding(
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


# --------------------------------------------------------------------------------------------
# Judging one ballot
# --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SectionJudgement(Model):
    """One post's section of a judged ballot."""

    office: Office
    valid: bool
    marked: int
    seats: int


@attrs.frozen(kw_only=True)
class CountedMark(Model):
    """A mark that counts: a choice for one person for one post (write-ins are FOR marks)."""

    office: Office
    person: str
    choice: Choice
    listed: bool


@attrs.frozen(kw_only=True)
class JudgedBallot(Model):
    """A ballot after judging: valid or not, which sections count, what counts, and why.

    Attributes:
        key: the ballot's key, if it had one.
        valid: whether the ballot counts as a valid ballot (有效票).
        reason: the code of the reason it is void (``None`` when valid).
        sections: each post's section, valid or not, with the number of people marked.
        marks: the marks that count (from valid sections of a valid ballot); unmarked listed
            names count as 弃权.
        findings: every observation, with rule and article.
    """

    key: str = ""
    valid: bool
    reason: str | None = None
    sections: tuple[SectionJudgement, ...] = attrs.field(converter=to_tuple)
    marks: tuple[CountedMark, ...] = attrs.field(default=(), converter=to_tuple)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


def _resolve_office(
    paper: BallotPaper, office: Office | None, person: str, path: str, *, listed_only: bool
) -> Office:
    if office is not None:
        if office not in paper.offices:
            raise RuleInputError(
                f"{office.value} is not a post on this ballot paper",
                code="UNKNOWN_OFFICE",
                path=path,
            )
        return office
    if len(paper.offices) == 1:
        return paper.offices[0]
    if listed_only:
        hits = [e.office for e in paper.entries if e.person == person]
        if len(hits) == 1:
            return hits[0]
    raise RuleInputError(
        "the ballot paper has several posts: say which one this mark is for",
        code="OFFICE_REQUIRED",
        path=path,
    )


def judge_ballot(paper: BallotPaper, ballot: Ballot, policy: Policy) -> JudgedBallot:
    """Judge one ballot: valid or void (as a whole or by section), what counts, and why.

    Unmarked listed names count as 弃权. Write-ins follow the profile: who may write in
    (``votes.writein_rule``: anyone, or only in place of a 不赞成 vote), whether a written name
    needs a ○ (``votes.writein_requires_circle``). A section marking more people (赞成 plus
    write-ins) than its seats is void — the whole ballot or only that section
    (``votes.overmark_scope``). One person marked for two posts counts only for the higher post,
    or voids the ballot (``votes.duplicate_person_rule``).

    Args:
        paper: the round's ballot paper.
        ballot: the ballot as returned.
        policy: the profile.

    Returns:
        The judged ballot with its findings.

    Raises:
        RuleInputError: a mark names someone not on the paper (``UNKNOWN_CANDIDATE``) or a post
            not on it (``UNKNOWN_OFFICE``), or a multi-post paper's mark does not say its post.

    Legal basis:
        选举法 第四十一条、第四十四条; 《中国共产党基层组织选举工作条例》第二十五条;
        《浙江省村民委员会选举办法》第二十七条 (as the profile cites them).

    Example:
        >>> from huanjie_rules.model import Ballot, Choice, Office, Seat, Vote, WriteIn
        >>> from huanjie_rules.policy import load_policy
        >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.MEMBER, count=2)],
        ...     entries=[BallotEntry(office=Office.MEMBER, person=p) for p in ("甲", "乙", "丙")])
        >>> b = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR),
        ...                   Vote(candidate="乙", choice=Choice.AGAINST)],
        ...            write_ins=[WriteIn(name="丁", replaces="乙")])
        >>> j = judge_ballot(paper, b, load_policy("party-basic-2020"))
        >>> j.valid, [(m.person, m.choice.value) for m in j.marks]
        (True, [('甲', 'FOR'), ('乙', 'AGAINST'), ('丙', 'ABSTAIN'), ('丁', 'FOR')])
    """
    return _judge(paper, ballot, _Rules(policy, paper.form))


def _judge(paper: BallotPaper, ballot: Ballot, rules: _Rules) -> JudgedBallot:
    p_scope = rules.p("overmark_scope")
    p_dup = rules.p("duplicate_person_rule")
    p_wrule = rules.p("writein_rule")
    p_circle = rules.p("writein_requires_circle")
    findings: list[Finding] = []
    listed = {(e.office, e.person) for e in paper.entries}
    marks: dict[tuple[Office, str], Choice] = {
        (e.office, e.person): Choice.ABSTAIN for e in paper.entries
    }
    marked_keys: set[tuple[Office, str]] = set()
    for i, vote in enumerate(ballot.votes):
        office = _resolve_office(
            paper, vote.office, vote.candidate, f"votes[{i}].office", listed_only=True
        )
        key = (office, vote.candidate)
        if key not in listed:
            raise RuleInputError(
                f"{vote.candidate!r} is not listed for {office.value} on this ballot paper",
                code="UNKNOWN_CANDIDATE",
                path=f"votes[{i}].candidate",
            )
        if key in marked_keys:
            raise RuleInputError(
                f"{vote.candidate!r} is marked twice", code="DUPLICATE_MARK", path=f"votes[{i}]"
            )
        marked_keys.add(key)
        marks[key] = vote.choice
    offices = rules.ordered(paper.offices)
    sections = {o: paper.seats_for(o) for o in offices}
    if ballot.unreadable:
        findings.append(_finding("BALLOT_UNREADABLE", p_scope, _broken(p_scope)))
        return JudgedBallot(
            key=ballot.key,
            valid=False,
            reason="BALLOT_UNREADABLE",
            sections=[
                SectionJudgement(office=o, valid=False, marked=0, seats=sections[o])
                for o in offices
            ],
            findings=findings,
        )
    writeins: dict[Office, list[str]] = {o: [] for o in offices}
    used_against: set[tuple[Office, str]] = set()
    wrule = rules.s("writein_rule")
    needs_circle = rules.b("writein_requires_circle")
    for i, wi in enumerate(ballot.write_ins):
        office = _resolve_office(
            paper, wi.office, wi.name, f"write_ins[{i}].office", listed_only=False
        )
        name = wi.name.strip()
        post = office.label
        if not paper.writeins_allowed or wrule == "NONE":
            findings.append(
                _finding("WRITEIN_NOT_ALLOWED", p_wrule, Severity.WARN, subject=name, post=post)
            )
            continue
        if not wi.legible or not name:
            findings.append(_finding("WRITEIN_ILLEGIBLE", p_wrule, Severity.WARN, post=post))
            continue
        if not wi.circled and needs_circle:
            findings.append(
                _finding("WRITEIN_UNCIRCLED", p_circle, Severity.WARN, subject=name, post=post)
            )
            continue
        if wrule == "REPLACES_AGAINST":
            target = (office, wi.replaces or "")
            if (
                wi.replaces is None
                or marks.get(target) is not Choice.AGAINST
                or target in used_against
            ):
                findings.append(
                    _finding(
                        "WRITEIN_WITHOUT_AGAINST", p_wrule, Severity.WARN, subject=name, post=post
                    )
                )
                continue
            used_against.add(target)
        if (office, name) in listed:
            if marks[(office, name)] is Choice.ABSTAIN:
                marks[(office, name)] = Choice.FOR
                findings.append(
                    _finding(
                        "WRITEIN_NAMES_LISTED", p_wrule, Severity.INFO, subject=name, post=post
                    )
                )
            else:
                findings.append(
                    _finding("WRITEIN_DUPLICATE", p_wrule, Severity.INFO, subject=name, post=post)
                )
            continue
        if name in writeins[office]:
            findings.append(
                _finding("WRITEIN_DUPLICATE", p_wrule, Severity.INFO, subject=name, post=post)
            )
            continue
        writeins[office].append(name)
    # The same person marked for two or more posts.
    reason: str | None = None
    where: dict[str, list[Office]] = {}
    for office in offices:
        for e in paper.entries:
            if e.office is office and marks[(office, e.person)] is Choice.FOR:
                where.setdefault(e.person, []).append(office)
        for name in writeins[office]:
            where.setdefault(name, []).append(office)
    for person in sorted(where):
        posts = where[person]
        if len(posts) < 2:
            continue
        if rules.s("duplicate_person_rule") == "VOID_BALLOT":
            findings.append(
                _finding("SAME_PERSON_TWO_POSTS_VOID", p_dup, _broken(p_dup), subject=person)
            )
            reason = reason or "SAME_PERSON_TWO_POSTS_VOID"
            continue
        findings.append(
            _finding(
                "SAME_PERSON_COUNTED_HIGHER",
                p_dup,
                Severity.INFO,
                subject=person,
                post=posts[0].label,
            )
        )
        for lower in posts[1:]:
            if (lower, person) in marks:
                marks[(lower, person)] = Choice.ABSTAIN
            else:
                writeins[lower].remove(person)
    # Over-marked sections.
    section_valid: dict[Office, bool] = {}
    marked: dict[Office, int] = {}
    for office in offices:
        n = sum(
            1
            for e in paper.entries
            if e.office is office and marks[(office, e.person)] is Choice.FOR
        ) + len(writeins[office])
        marked[office] = n
        section_valid[office] = True
        if n > sections[office]:
            section_valid[office] = False
            if rules.s("overmark_scope") == "WHOLE_BALLOT":
                findings.append(
                    _finding(
                        "BALLOT_OVERMARKED",
                        p_scope,
                        _broken(p_scope),
                        observed=n,
                        limit=sections[office],
                        post=office.label,
                    )
                )
                reason = reason or "BALLOT_OVERMARKED"
            else:
                findings.append(
                    _finding(
                        "SECTION_OVERMARKED",
                        p_scope,
                        _broken(p_scope),
                        observed=n,
                        limit=sections[office],
                        post=office.label,
                    )
                )
    valid = reason is None
    judged_sections = [
        SectionJudgement(
            office=o, valid=valid and section_valid[o], marked=marked[o], seats=sections[o]
        )
        for o in offices
    ]
    counted: list[CountedMark] = []
    if valid:
        for e in paper.entries:
            if section_valid[e.office]:
                counted.append(
                    CountedMark(
                        office=e.office,
                        person=e.person,
                        choice=marks[(e.office, e.person)],
                        listed=True,
                    )
                )
        for office in offices:
            if section_valid[office]:
                counted.extend(
                    CountedMark(office=office, person=n, choice=Choice.FOR, listed=False)
                    for n in writeins[office]
                )
    return JudgedBallot(
        key=ballot.key,
        valid=valid,
        reason=reason,
        sections=judged_sections,
        marks=counted,
        findings=findings,
    )


# --------------------------------------------------------------------------------------------
# Tally
# --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class EntryCount(Model):
    """Votes for one person for one post: listed names have all three counts, write-ins only 赞成."""

    office: Office
    person: str
    listed: bool
    for_votes: int = 0
    against: int = 0
    abstain: int = 0

    def _checks(self) -> Iterable[Problem]:
        yield from _nonneg(self.for_votes, "for_votes")
        yield from _nonneg(self.against, "against")
        yield from _nonneg(self.abstain, "abstain")
        if not self.listed and (self.against or self.abstain):
            yield Problem("INCONSISTENT", "against", "a write-in has only votes for")


@attrs.frozen(kw_only=True)
class SectionCount(Model):
    """How many valid ballots counted one post's section, and how many sections were void."""

    office: Office
    valid: int = 0
    invalid: int = 0

    def _checks(self) -> Iterable[Problem]:
        yield from _nonneg(self.valid, "valid")
        yield from _nonneg(self.invalid, "invalid")


@attrs.frozen(kw_only=True)
class InvalidCount(Model):
    """How many ballots (``office`` None) or sections were void for one reason."""

    code: str
    office: Office | None = None
    count: int

    def _checks(self) -> Iterable[Problem]:
        yield from _nonneg(self.count, "count")
        if self.code not in FINDING_CODES:
            yield Problem("UNKNOWN_CODE", "code", f"{self.code!r} is not a votes finding code")


_Key = tuple[Office, str]


def _office_key(office: Office | None) -> str:
    return "" if office is None else office.value


@attrs.frozen(kw_only=True)
class Tally(Model):
    """The counts of one round's ballots; tallies of the same paper merge exactly with ``+``.

    Merging is commutative and associative and :meth:`empty` is its identity, so counts from
    polling stations, mobile ballot boxes or data partitions combine to the same total however
    they are grouped. Tallies of different papers (another election, round or candidate list)
    refuse to merge with :class:`~huanjie_rules.errors.TallyMismatchError`.

    Attributes:
        paper: the ballot paper counted.
        ballots_issued: 发出的选票.
        ballots_returned: 收回的选票 (valid and invalid).
        valid_ballots: 有效票.
        invalid_ballots: 无效票 (spoilt ballots; they still count among ballots returned).
        sections: per post, the valid ballots whose section counted and the void sections.
        counts: per listed name (in paper order) and per write-in (sorted), the votes.
        invalid_reasons: why ballots (or sections) were void, as finding codes with counts.
    """

    paper: BallotPaper
    ballots_issued: int = 0
    ballots_returned: int = 0
    valid_ballots: int = 0
    invalid_ballots: int = 0
    sections: tuple[SectionCount, ...] = attrs.field(converter=to_tuple)
    counts: tuple[EntryCount, ...] = attrs.field(converter=to_tuple)
    invalid_reasons: tuple[InvalidCount, ...] = attrs.field(default=(), converter=to_tuple)

    def _checks(self) -> Iterable[Problem]:
        for name in ("ballots_issued", "ballots_returned", "valid_ballots", "invalid_ballots"):
            yield from _nonneg(getattr(self, name), name)
        if self.ballots_returned != self.valid_ballots + self.invalid_ballots:
            yield Problem(
                "INCONSISTENT",
                "ballots_returned",
                f"{self.ballots_returned} is not valid {self.valid_ballots} + invalid "
                f"{self.invalid_ballots}",
            )
        offices = self.paper.offices
        if tuple(s.office for s in self.sections) != offices:
            yield Problem("INCONSISTENT", "sections", "must list the paper's posts in order")
            return
        by_office = {s.office: s for s in self.sections}
        for i, s in enumerate(self.sections):
            if s.valid + s.invalid != self.valid_ballots:
                yield Problem(
                    "INCONSISTENT",
                    f"sections[{i}]",
                    f"valid {s.valid} + invalid {s.invalid} is not the {self.valid_ballots} "
                    "valid ballots",
                )
        n = len(self.paper.entries)
        listed = self.counts[:n]
        if tuple((c.office, c.person, c.listed) for c in listed) != tuple(
            (e.office, e.person, True) for e in self.paper.entries
        ):
            yield Problem("INCONSISTENT", "counts", "must start with the paper's names in order")
            return
        for i, c in enumerate(listed):
            total = c.for_votes + c.against + c.abstain
            if total != by_office[c.office].valid:
                yield Problem(
                    "INCONSISTENT",
                    f"counts[{i}]",
                    f"for + against + abstain = {total}, not the {by_office[c.office].valid} "
                    "ballots that counted this post",
                )
        names = {(e.office, e.person) for e in self.paper.entries}
        extra = self.counts[n:]
        order = {o: k for k, o in enumerate(offices)}
        keys = [(order.get(c.office, len(order)), c.person) for c in extra]
        if keys != sorted(set(keys)):
            yield Problem("ORDER", "counts", "write-ins must be sorted by post and name, once each")
        for i, c in enumerate(extra, start=n):
            if c.listed or (c.office, c.person) in names or c.office not in order:
                yield Problem("INCONSISTENT", f"counts[{i}]", f"{c.person!r} is not a write-in")
        rkeys = [(_office_key(r.office), r.code) for r in self.invalid_reasons]
        if rkeys != sorted(set(rkeys)):
            yield Problem("ORDER", "invalid_reasons", "must be sorted by post and code, once each")
        whole = sum(r.count for r in self.invalid_reasons if r.office is None)
        if whole != self.invalid_ballots:
            yield Problem(
                "INCONSISTENT",
                "invalid_reasons",
                f"reasons for {whole} void ballots, but {self.invalid_ballots} are invalid",
            )
        for s in self.sections:
            part = sum(r.count for r in self.invalid_reasons if r.office is s.office)
            if part != s.invalid:
                yield Problem(
                    "INCONSISTENT",
                    "invalid_reasons",
                    f"reasons for {part} void {s.office.value} sections, but {s.invalid} are void",
                )

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def empty(cls, paper: BallotPaper, *, issued: int = 0) -> Tally:
        """The identity of merging: no ballots returned (``issued`` ballots handed out).

        Example:
            >>> from huanjie_rules.model import Office, Seat
            >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.MEMBER, count=1)],
            ...                     entries=[BallotEntry(office=Office.MEMBER, person="甲")])
            >>> t = Tally.empty(paper)
            >>> t + t == t, t.ballots_returned
            (True, 0)
        """
        return _build_tally(paper, issued=issued)

    @classmethod
    def from_counts(
        cls,
        paper: BallotPaper,
        *,
        issued: int,
        returned: int,
        invalid: int = 0,
        for_votes: Mapping[Any, int],
        against: Mapping[Any, int] | None = None,
        write_ins: Mapping[Any, int] | None = None,
    ) -> Tally:
        """A tally from announced totals (a 计票 record), when the ballots themselves are not at hand.

        Keys of the mappings are a person, or ``(office, person)`` on a multi-post paper. Listed
        names not in ``for_votes``/``against`` have 0; 弃权 is what is left of the valid ballots.
        Invalid ballots are recorded with the reason ``BALLOT_INVALID_UNSPECIFIED``.

        Raises:
            RuleInputError: a count is not a whole number (``TYPE``) or is negative
                (``NEGATIVE_COUNT``); more invalid ballots than returned
                (``INVALID_EXCEEDS_RETURNED``); a name is not on the paper
                (``UNKNOWN_CANDIDATE``) or a listed name is given as a write-in
                (``LISTED_AS_WRITEIN``); a name's votes exceed the valid ballots, or a post's
                赞成 votes (listed and written in) exceed its seats × the valid ballots, which
                no set of valid ballots can give (``COUNTS_EXCEED_BALLOTS``).

        Example:
            >>> from huanjie_rules.model import Office, Seat
            >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.VILLAGE_DIRECTOR, count=1)],
            ...     entries=[BallotEntry(office=Office.VILLAGE_DIRECTOR, person=p) for p in ("甲", "乙")])
            >>> t = Tally.from_counts(paper, issued=100, returned=98, invalid=3,
            ...                       for_votes={"甲": 60, "乙": 30}, write_ins={"丙": 2})
            >>> [(c.person, c.for_votes, c.abstain) for c in t.counts]
            [('甲', 60, 35), ('乙', 30, 65), ('丙', 2, 0)]
        """
        for field, value in (("issued", issued), ("returned", returned), ("invalid", invalid)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise RuleInputError(
                    f"{field} is a whole number, got {type(value).__name__}",
                    code="TYPE",
                    path=field,
                )
            if value < 0:
                raise RuleInputError(
                    f"{field} must not be negative, got {value}",
                    code="NEGATIVE_COUNT",
                    path=field,
                )
        valid = returned - invalid
        if valid < 0:
            raise RuleInputError(
                f"{invalid} invalid ballots are more than the {returned} returned",
                code="INVALID_EXCEEDS_RETURNED",
                path="invalid",
            )
        listed = {(e.office, e.person) for e in paper.entries}

        def key_of(raw: object, field: str, *, must_be_listed: bool) -> _Key:
            if isinstance(raw, tuple) and len(raw) == 2 and isinstance(raw[0], Office):
                key: _Key = (raw[0], str(raw[1]))
            elif isinstance(raw, str):
                office = _resolve_office(
                    paper, None, raw, f"{field}[{raw!r}]", listed_only=must_be_listed
                )
                key = (office, raw)
            else:
                raise RuleInputError(f"bad key {raw!r}", path=field)
            if must_be_listed and key not in listed:
                raise RuleInputError(
                    f"{key[1]!r} is not listed for {key[0].value}",
                    code="UNKNOWN_CANDIDATE",
                    path=f"{field}[{raw!r}]",
                )
            if not must_be_listed and key in listed:
                raise RuleInputError(
                    f"{key[1]!r} is listed: count it under for_votes",
                    code="LISTED_AS_WRITEIN",
                    path=f"{field}[{raw!r}]",
                )
            return key

        def count_of(raw: object, value: object, field: str) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise RuleInputError(
                    f"a vote count is a whole number, got {type(value).__name__}",
                    code="TYPE",
                    path=f"{field}[{raw!r}]",
                )
            if value < 0:
                raise RuleInputError(
                    f"a vote count must not be negative, got {value}",
                    code="NEGATIVE_COUNT",
                    path=f"{field}[{raw!r}]",
                )
            if value > valid:
                raise RuleInputError(
                    f"{value} votes are more than the {valid} valid ballots",
                    code="COUNTS_EXCEED_BALLOTS",
                    path=f"{field}[{raw!r}]",
                )
            return value

        fors = {
            key_of(k, "for_votes", must_be_listed=True): count_of(k, v, "for_votes")
            for k, v in for_votes.items()
        }
        againsts = {
            key_of(k, "against", must_be_listed=True): count_of(k, v, "against")
            for k, v in (against or {}).items()
        }
        extra = {
            key_of(k, "write_ins", must_be_listed=False): count_of(k, v, "write_ins")
            for k, v in (write_ins or {}).items()
        }
        rows: dict[_Key, list[int]] = {}
        for e in paper.entries:
            k = (e.office, e.person)
            f, a = fors.get(k, 0), againsts.get(k, 0)
            if f + a > valid:
                raise RuleInputError(
                    f"{e.person!r}: for {f} + against {a} exceeds the {valid} valid ballots",
                    code="COUNTS_EXCEED_BALLOTS",
                    path=f"for_votes[{e.person!r}]",
                )
            rows[k] = [f, a, valid - f - a]
        for office in paper.offices:
            marks = sum(f for (o, _), f in fors.items() if o is office) + sum(
                n for (o, _), n in extra.items() if o is office
            )
            room = paper.seats_for(office) * valid
            if marks > room:
                raise RuleInputError(
                    f"{office.value}: {marks} votes for, but {valid} valid ballots of at most "
                    f"{paper.seats_for(office)} marks each give at most {room}",
                    code="COUNTS_EXCEED_BALLOTS",
                    path="for_votes",
                )
        reasons: Counter[tuple[Office | None, str]] = Counter()
        if invalid:
            reasons[(None, "BALLOT_INVALID_UNSPECIFIED")] = invalid
        return _build_tally(
            paper,
            issued=issued,
            returned=returned,
            valid=valid,
            invalid=invalid,
            section_valid=dict.fromkeys(paper.offices, valid),
            listed=rows,
            writeins=Counter(extra),
            reasons=reasons,
        )

    # -- merging --------------------------------------------------------------------------------

    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        if other.paper != self.paper:
            raise TallyMismatchError(
                f"cannot merge tallies of different ballot papers ({self.paper.election!r} round "
                f"{self.paper.round_number} and {other.paper.election!r} round "
                f"{other.paper.round_number}, or different names listed)",
                path="paper",
            )
        listed: dict[_Key, list[int]] = {}
        writeins: Counter[_Key] = Counter()
        for t in (self, other):
            for c in t.counts:
                k = (c.office, c.person)
                if c.listed:
                    row = listed.setdefault(k, [0, 0, 0])
                    row[0] += c.for_votes
                    row[1] += c.against
                    row[2] += c.abstain
                else:
                    writeins[k] += c.for_votes
        reasons: Counter[tuple[Office | None, str]] = Counter()
        for t in (self, other):
            for r in t.invalid_reasons:
                reasons[(r.office, r.code)] += r.count
        sv: Counter[Office] = Counter()
        si: Counter[Office] = Counter()
        for t in (self, other):
            for s in t.sections:
                sv[s.office] += s.valid
                si[s.office] += s.invalid
        return _build_tally(
            self.paper,
            issued=self.ballots_issued + other.ballots_issued,
            returned=self.ballots_returned + other.ballots_returned,
            valid=self.valid_ballots + other.valid_ballots,
            invalid=self.invalid_ballots + other.invalid_ballots,
            section_valid=dict(sv),
            section_invalid=dict(si),
            listed=listed,
            writeins=writeins,
            reasons=reasons,
        )

    @classmethod
    def merge(cls, paper: BallotPaper, tallies: Iterable[Tally]) -> Tally:
        """Merge any number of tallies of ``paper`` (none gives :meth:`empty`).

        Example:
            >>> from huanjie_rules.model import Office, Seat
            >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.MEMBER, count=1)],
            ...                     entries=[BallotEntry(office=Office.MEMBER, person="甲")])
            >>> a = Tally.from_counts(paper, issued=10, returned=10, for_votes={"甲": 6})
            >>> Tally.merge(paper, [a, a, a]).counts[0].for_votes
            18
        """
        total = cls.empty(paper)
        for t in tallies:
            total = total + t
        return total

    # -- reading --------------------------------------------------------------------------------

    def votes_for(self, person: str, office: Office | None = None) -> int:
        """The 赞成 votes of ``person`` (for ``office``, or summed over posts)."""
        return sum(
            c.for_votes
            for c in self.counts
            if c.person == person and (office is None or c.office is office)
        )

    def section(self, office: Office) -> SectionCount:
        """The section count of ``office``."""
        for s in self.sections:
            if s.office is office:
                return s
        raise RuleInputError(
            f"{office.value} is not on this paper", code="UNKNOWN_OFFICE", path="office"
        )


def _build_tally(
    paper: BallotPaper,
    *,
    issued: int = 0,
    returned: int = 0,
    valid: int = 0,
    invalid: int = 0,
    section_valid: Mapping[Office, int] | None = None,
    section_invalid: Mapping[Office, int] | None = None,
    listed: Mapping[_Key, Sequence[int]] | None = None,
    writeins: Mapping[_Key, int] | None = None,
    reasons: Mapping[tuple[Office | None, str], int] | None = None,
) -> Tally:
    sv = section_valid or {}
    si = section_invalid or {}
    rows = listed or {}
    order = {o: k for k, o in enumerate(paper.offices)}
    counts = [
        EntryCount(
            office=e.office,
            person=e.person,
            listed=True,
            for_votes=rows.get((e.office, e.person), (0, 0, 0))[0],
            against=rows.get((e.office, e.person), (0, 0, 0))[1],
            abstain=rows.get((e.office, e.person), (0, 0, 0))[2],
        )
        for e in paper.entries
    ]
    extra = sorted((writeins or {}).items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    counts.extend(
        EntryCount(office=k[0], person=k[1], listed=False, for_votes=v) for k, v in extra if v
    )
    reason_rows = sorted(
        ((o, code, n) for (o, code), n in (reasons or {}).items() if n),
        key=lambda r: (_office_key(r[0]), r[1]),
    )
    return Tally(
        paper=paper,
        ballots_issued=issued,
        ballots_returned=returned,
        valid_ballots=valid,
        invalid_ballots=invalid,
        sections=[
            SectionCount(office=o, valid=sv.get(o, 0), invalid=si.get(o, 0)) for o in paper.offices
        ],
        counts=counts,
        invalid_reasons=[InvalidCount(code=c, office=o, count=n) for o, c, n in reason_rows],
    )


def tally_ballots(
    paper: BallotPaper, ballots: Iterable[Ballot], policy: Policy, *, issued: int
) -> Tally:
    """Judge and count ballots into a :class:`Tally`.

    Args:
        paper: the round's ballot paper.
        ballots: the ballots returned (from one box, station, or all of them).
        policy: the profile.
        issued: ballots handed out for these ballots' box or station (发出的选票).

    Returns:
        The tally; merge tallies of several boxes with ``+``.

    Legal basis:
        选举法 第四十三条、第四十四条; 《村民委员会组织法》第十五条 (公开计票).

    Example:
        >>> from huanjie_rules.model import Ballot, Choice, Office, Seat, Vote
        >>> from huanjie_rules.policy import load_policy
        >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
        ...     entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in ("甲", "乙")])
        >>> yes = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)])
        >>> both = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR),
        ...                      Vote(candidate="乙", choice=Choice.FOR)])
        >>> t = tally_ballots(paper, [yes, yes, both], load_policy("npc-2020"), issued=3)
        >>> t.valid_ballots, t.invalid_ballots, t.votes_for("甲")
        (2, 1, 2)
    """
    rules = _Rules(policy, paper.form)
    rows: dict[_Key, list[int]] = {(e.office, e.person): [0, 0, 0] for e in paper.entries}
    writeins: Counter[_Key] = Counter()
    reasons: Counter[tuple[Office | None, str]] = Counter()
    sv: Counter[Office] = Counter()
    si: Counter[Office] = Counter()
    returned = valid = 0
    column = {Choice.FOR: 0, Choice.AGAINST: 1, Choice.ABSTAIN: 2}
    for ballot in ballots:
        returned += 1
        j = _judge(paper, ballot, rules)
        if not j.valid:
            reasons[(None, j.reason or "BALLOT_INVALID_UNSPECIFIED")] += 1
            continue
        valid += 1
        for s in j.sections:
            if s.valid:
                sv[s.office] += 1
            else:
                si[s.office] += 1
                reasons[(s.office, "SECTION_OVERMARKED")] += 1
        for m in j.marks:
            if m.listed:
                rows[(m.office, m.person)][column[m.choice]] += 1
            else:
                writeins[(m.office, m.person)] += 1
    return _build_tally(
        paper,
        issued=issued,
        returned=returned,
        valid=valid,
        invalid=returned - valid,
        section_valid=sv,
        section_invalid=si,
        listed=rows,
        writeins=writeins,
        reasons=reasons,
    )


# --------------------------------------------------------------------------------------------
# Outcome types
# --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Threshold(Model):
    """One threshold a round applied, exactly: ``observed`` against ``ratio × base``.

    Attributes:
        kind: ``RECONCILE`` (ballots returned ≤ base), ``QUORUM``, ``MAJORITY``, ``FLOOR``
            (the 另行选举 floor), ``REVOTE_MAJORITY`` or ``CONSENT``.
        base_kind: what the base counts (``ISSUED``, ``VOTERS``, ``PRESENT``, ``ENTITLED``,
            ``BALLOTS_CAST``, ``VALID_BALLOTS``).
        base: the base.
        ratio: the ratio applied to the base.
        comparison: ``STRICT`` (超过: ``observed > ratio × base``), ``INCLUSIVE`` (不少于/以上:
            ``>=``) or ``AT_MOST`` (等于或者少于: ``<=``).
        value: ``ratio × base``, exact.
        bound: the least whole count that meets a STRICT or INCLUSIVE threshold, or the most that
            meets an AT_MOST one.
        observed: the count compared (``None`` for per-candidate thresholds).
        met: whether it was met (``None`` for per-candidate thresholds).
        parameter: the profile parameter that set the ratio.
    """

    kind: str
    base_kind: str
    base: int
    ratio: Fraction
    comparison: str
    value: Fraction
    bound: int
    observed: int | None = None
    met: bool | None = None
    parameter: str

    def meets(self, count: int) -> bool:
        """Whether ``count`` meets this threshold (integer arithmetic only)."""
        return _meets(count, self.base, self.ratio, self.comparison)


def _meets(count: int, base: int, ratio: Fraction, comparison: str) -> bool:
    lhs = count * ratio.denominator
    rhs = ratio.numerator * base
    if comparison == "STRICT":
        return lhs > rhs
    if comparison == "INCLUSIVE":
        return lhs >= rhs
    return lhs <= rhs


def _bound(base: int, ratio: Fraction, comparison: str) -> int:
    num = ratio.numerator * base
    if comparison == "STRICT":
        return num // ratio.denominator + 1
    if comparison == "INCLUSIVE":
        return -(-num // ratio.denominator)
    return num // ratio.denominator


def _threshold(
    kind: str,
    base_kind: str,
    base: int,
    ratio: Fraction,
    comparison: str,
    parameter: Parameter,
    observed: int | None = None,
) -> Threshold:
    return Threshold(
        kind=kind,
        base_kind=base_kind,
        base=base,
        ratio=ratio,
        comparison=comparison,
        value=ratio * base,
        bound=_bound(base, ratio, comparison),
        observed=observed,
        met=None if observed is None else _meets(observed, base, ratio, comparison),
        parameter=parameter.name,
    )


@attrs.frozen(kw_only=True)
class Standing(Model):
    """One person's result for one post in the round on record.

    ``votes`` are the 赞成 votes counted for the post (with a higher post's votes added where the
    profile counts them downward, ``votes.cumulative_posts``).
    """

    office: Office
    person: str
    listed: bool
    votes: int
    against: int = 0
    abstain: int = 0
    result: StandingResult


@attrs.frozen(kw_only=True)
class PostOutcome(Model):
    """Where one post stands after a round.

    Attributes:
        office: the post.
        seats: its seats (after any reduction).
        status: complete, tie re-vote, shortfall, deferred or void.
        elected: everyone elected to it so far, in order (earlier rounds first, then by votes;
            people with equal votes who are all elected in ballot-paper order).
        elected_this_round: those elected in this round.
        unfilled: seats left for a 另行选举 (or to stay vacant, or to be reduced).
        revote: the people tied at the cut-off, who go to a re-vote.
        revote_seats: the seats the re-vote fills.
        deferred_seats: seats waiting for a higher post's re-vote.
        second_election_candidates: the 另行选举 candidates, by first-round votes.
        standings: everyone's result in the round on record (the first vote or the 另行选举).
        revote_standings: results of the latest tie re-vote, if any.
        seats_reduced_from: the original seats, if they were reduced.
    """

    office: Office
    seats: int
    status: PostStatus
    elected: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    elected_this_round: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    unfilled: int = 0
    revote: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    revote_seats: int = 0
    deferred_seats: int = 0
    second_election_candidates: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    standings: tuple[Standing, ...] = attrs.field(default=(), converter=to_tuple)
    revote_standings: tuple[Standing, ...] = attrs.field(default=(), converter=to_tuple)
    seats_reduced_from: int | None = None

    def _checks(self) -> Iterable[Problem]:
        for name in ("seats", "unfilled", "revote_seats", "deferred_seats"):
            yield from _nonneg(getattr(self, name), name)
        total = len(self.elected) + self.unfilled + self.revote_seats + self.deferred_seats
        if total != self.seats:
            yield Problem(
                "CONSERVATION",
                "seats",
                f"elected {len(self.elected)} + unfilled {self.unfilled} + re-vote "
                f"{self.revote_seats} + deferred {self.deferred_seats} is not {self.seats}",
            )
        if len(set(self.elected)) != len(self.elected):
            yield Problem("DUPLICATE", "elected", "someone is elected twice")
        if self.revote and len(self.revote) <= self.revote_seats:
            yield Problem("INCONSISTENT", "revote", "a re-vote needs more people than seats")


@attrs.frozen(kw_only=True)
class Outcome(Model):
    """What a round decided, and what may come next.

    Attributes:
        election: the election's key.
        policy_id: the profile applied.
        regime: the body of rules.
        form: how the electors met.
        round: which vote this was.
        round_number: the count of votes held so far.
        basis_round: the round whose standings are on record (the first vote or a 另行选举).
        basis_index: the index in ``tallies`` of that round's tally.
        status: complete, needs a re-vote, shortfall, or void.
        valid: False when the vote is void (``void_reasons`` says why).
        void_reasons: finding codes of what voided the vote.
        posts: each post's result, highest post first.
        thresholds: every threshold applied, with base and value.
        options: what the rules allow next (empty: nothing more in this election).
        turnout: this round's turnout.
        basis_turnout: the turnout of the round on record.
        tallies: the tally of every round so far.
        trace: every step, each a finding with rule id and citation.
    """

    election: str
    policy_id: str
    regime: Regime
    form: ElectionForm
    round: RoundKind
    round_number: int
    basis_round: RoundKind
    basis_index: int = 0
    status: OutcomeStatus
    valid: bool
    void_reasons: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    posts: tuple[PostOutcome, ...] = attrs.field(converter=to_tuple)
    thresholds: tuple[Threshold, ...] = attrs.field(default=(), converter=to_tuple)
    options: tuple[NextStep, ...] = attrs.field(default=(), converter=to_tuple)
    turnout: Turnout
    basis_turnout: Turnout
    tallies: tuple[Tally, ...] = attrs.field(converter=to_tuple)
    trace: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def elected(self) -> tuple[tuple[Office, str], ...]:
        """Everyone elected so far, as (post, person), highest post first."""
        return tuple((p.office, person) for p in self.posts for person in p.elected)

    def post(self, office: Office) -> PostOutcome:
        """The result of ``office``."""
        for p in self.posts:
            if p.office is office:
                return p
        raise RuleInputError(
            f"{office.value} is not a post of this election", code="UNKNOWN_OFFICE", path="office"
        )

    def _checks(self) -> Iterable[Problem]:
        if self.valid == bool(self.void_reasons):
            yield Problem("INCONSISTENT", "valid", "a void outcome needs reasons, a valid one none")
        if (self.status is OutcomeStatus.VOID) == self.valid:
            yield Problem("INCONSISTENT", "status", "VOID exactly when not valid")
        if not self.tallies:
            yield Problem("EMPTY", "tallies", "an outcome records the tally it came from")
        elif not 0 <= self.basis_index < len(self.tallies):
            yield Problem("RANGE", "basis_index", "must point into tallies")


# --------------------------------------------------------------------------------------------
# Deciding
# --------------------------------------------------------------------------------------------

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


@attrs.frozen
class _Person:
    person: str
    listed: bool
    votes: int
    against: int
    abstain: int
    position: int


def _base_count(kind: str, turnout: Turnout, tally: Tally) -> int:
    return {
        "ISSUED": tally.ballots_issued,
        "VOTERS": turnout.voters,
        "PRESENT": turnout.present,
        "ENTITLED": turnout.effective_entitled,
        "BALLOTS_CAST": tally.ballots_returned,
        "VALID_BALLOTS": tally.valid_ballots,
    }[kind]


def _majority(rules: _Rules, turnout: Turnout, tally: Tally, kind: str = "MAJORITY") -> Threshold:
    base_kind = rules.s("majority_base")
    return _threshold(
        kind,
        base_kind,
        _base_count(base_kind, turnout, tally),
        rules.f("majority_ratio"),
        rules.s("majority_comparison"),
        rules.p("majority_ratio"),
    )


def _floor(rules: _Rules, turnout: Turnout, tally: Tally) -> Threshold:
    base_kind = rules.s("second_election_floor_base")
    return _threshold(
        "FLOOR",
        base_kind,
        _base_count(base_kind, turnout, tally),
        rules.f("second_election_floor"),
        rules.s("second_election_floor_comparison"),
        rules.p("second_election_floor"),
    )


def _check_vote(
    rules: _Rules, tally: Tally, turnout: Turnout, trace: list[Finding], thresholds: list[Threshold]
) -> list[str]:
    """Reconciliation and quorum: the reasons the vote is void (empty if it stands)."""
    void: list[str] = []
    if turnout.excluded and not rules.b("exclusions_allowed"):
        raise RuleInputError(
            "this profile has no approved exclusions from the entitled count",
            code="EXCLUSIONS_NOT_ALLOWED",
            path="turnout.excluded",
        )
    p_rec = rules.p("reconcile_base")
    rec_kind = rules.s("reconcile_base")
    rec = _threshold(
        "RECONCILE",
        rec_kind,
        _base_count(rec_kind, turnout, tally),
        Fraction(1),
        "AT_MOST",
        p_rec,
        tally.ballots_returned,
    )
    thresholds.append(rec)
    code = "BALLOTS_RECONCILED" if rec.met else "BALLOTS_EXCEED_BASE"
    trace.append(
        _finding(
            code,
            p_rec,
            Severity.INFO if rec.met else _broken(p_rec),
            observed=tally.ballots_returned,
            limit=rec.base,
            base=_BASE_LABELS[rec_kind],
        )
    )
    if not rec.met:
        void.append(code)
    p_ratio = rules.p("quorum_ratio")
    measure_kind = rules.s("quorum_measure")
    measure = turnout.present if measure_kind == "PRESENT" else turnout.voters
    quorum = _threshold(
        "QUORUM",
        "ENTITLED",
        turnout.effective_entitled,
        rules.f("quorum_ratio"),
        rules.s("quorum_comparison"),
        p_ratio,
        measure,
    )
    thresholds.append(quorum)
    code = "QUORUM_MET" if quorum.met else "QUORUM_NOT_MET"
    trace.append(
        _finding(
            code,
            p_ratio,
            Severity.INFO if quorum.met else _broken(p_ratio),
            observed=measure,
            limit=quorum.bound,
            measure=_BASE_LABELS[measure_kind],
            base=quorum.base,
            ratio=f"{quorum.ratio} ({rules.s('quorum_comparison')})",
        )
    )
    if not quorum.met:
        void.append(code)
    return void


def _uncontested(
    paper: BallotPaper,
    rules: _Rules,
    trace: list[Finding],
    self_nominated: frozenset[Office] = frozenset(),
) -> list[str]:
    p = rules.p("uncontested_offices")
    allowed = rules.strs("uncontested_offices")
    self_ok = rules.has("self_nomination_direct_election") and rules.b(
        "self_nomination_direct_election"
    )
    void: list[str] = []
    for office in paper.offices:
        n = sum(1 for e in paper.entries if e.office is office)
        seats = paper.seats_for(office)
        if n > seats:
            continue
        if self_ok and office in self_nominated:
            trace.append(
                _finding(
                    "SELF_NOMINATION_NO_MARGIN",
                    rules.p("self_nomination_direct_election"),
                    Severity.INFO,
                    observed=n,
                    limit=seats,
                    post=office.label,
                )
            )
        elif office.value in allowed:
            trace.append(
                _finding(
                    "UNCONTESTED_ALLOWED",
                    p,
                    Severity.INFO,
                    observed=n,
                    limit=seats,
                    post=office.label,
                )
            )
        else:
            trace.append(
                _finding(
                    "UNCONTESTED_NOT_ALLOWED",
                    p,
                    _broken(p),
                    observed=n,
                    limit=seats,
                    post=office.label,
                )
            )
            if "UNCONTESTED_NOT_ALLOWED" not in void:
                void.append("UNCONTESTED_NOT_ALLOWED")
    return void


def _persons(office: Office, tally: Tally, rules: _Rules) -> list[_Person]:
    """Everyone standing for ``office`` in a tally, best first (votes, then ballot position)."""
    cumulative = rules.b("cumulative_posts")
    rank = rules.rank(office)
    counted = [
        c
        for c in tally.counts
        if c.office is office or (cumulative and rules.rank(c.office) < rank)
    ]
    position: dict[str, int] = {}
    for i, c in enumerate(tally.counts):
        position.setdefault(c.person, i)
    people: dict[str, _Person] = {}
    for c in counted:
        own = c.office is office
        prev = people.get(c.person)
        people[c.person] = _Person(
            person=c.person,
            listed=(prev.listed if prev else False) or (own and c.listed),
            votes=(prev.votes if prev else 0) + c.for_votes,
            against=(prev.against if prev else 0) + (c.against if own else 0),
            abstain=(prev.abstain if prev else 0) + (c.abstain if own else 0),
            position=position[c.person],
        )
    return sorted(people.values(), key=lambda p: (-p.votes, p.position))


@attrs.frozen
class _Selection:
    elected: tuple[str, ...]
    tied: tuple[str, ...]
    revote_seats: int
    unfilled: int
    qualified: frozenset[str]


def _select(people: Sequence[_Person], seats: int, threshold: Threshold | None) -> _Selection:
    """Rank by votes; a tie at the cut-off is never broken here."""

    def qualifies(p: _Person) -> bool:
        return True if threshold is None else threshold.meets(p.votes) and p.votes > 0

    q = [p for p in people if qualifies(p)]
    qualified = frozenset(p.person for p in q)
    if len(q) <= seats:
        return _Selection(tuple(p.person for p in q), (), 0, seats - len(q), qualified)
    cut = q[seats - 1].votes
    above = [p.person for p in q if p.votes > cut]
    tied = [p.person for p in q if p.votes == cut]
    slots = seats - len(above)
    if len(tied) == slots:
        return _Selection(tuple(above + tied), (), 0, 0, qualified)
    return _Selection(tuple(above), tuple(tied), slots, 0, qualified)


def _second_candidates(
    office: Office,
    standings: Sequence[Standing],
    seats_left: int,
    excluded: set[str],
    rules: _Rules,
    trace: list[Finding],
) -> tuple[str, ...]:
    p_min = rules.p("second_election_min_margin")
    if seats_left == 1 and rules.has("second_election_single_seat_candidates"):
        target = rules.i("second_election_single_seat_candidates")
        p_used = rules.p("second_election_single_seat_candidates")
    else:
        margin = rules.f("second_election_min_margin") * seats_left
        extra = max(1, -(-margin.numerator // margin.denominator))
        target = seats_left + extra
        p_used = p_min
    avail = [
        s
        for s in standings
        if s.votes > 0
        and s.person not in excluded
        and s.result not in (StandingResult.ELECTED, StandingResult.ELECTED_ELSEWHERE)
    ]
    if len(avail) <= target:
        chosen = avail
        if len(avail) < target:
            trace.append(
                _finding(
                    "SECOND_ELECTION_TOO_FEW",
                    p_used,
                    Severity.WARN,
                    observed=len(avail),
                    limit=target,
                    post=office.label,
                )
            )
    else:
        last = avail[target - 1].votes
        chosen = [s for s in avail if s.votes >= last]
        if len(chosen) > target and rules.has("second_election_max_margin"):
            cap_m = rules.f("second_election_max_margin") * seats_left
            cap = seats_left + cap_m.numerator // cap_m.denominator
            if len(chosen) > cap:
                trace.append(
                    _finding(
                        "SECOND_ELECTION_LIST_TIED",
                        rules.p("second_election_max_margin"),
                        Severity.WARN,
                        observed=len(chosen),
                        limit=cap,
                        post=office.label,
                    )
                )
    names = tuple(s.person for s in chosen)
    trace.append(
        _finding(
            "SECOND_ELECTION_CANDIDATES",
            p_used,
            Severity.INFO,
            subject="、".join(names) or "-",
            limit=seats_left,
            post=office.label,
        )
    )
    return names


def _decide_main(
    ctx: _Ctx,
    office: Office,
    seats: int,
    prior: tuple[str, ...],
    excluded: set[str],
    pending_higher: set[str],
    tally: Tally,
    turnout: Turnout,
    kind: RoundKind,
    trace: list[Finding],
    thresholds: list[Threshold],
) -> PostOutcome:
    rules = ctx.rules
    total_seats = len(prior) + seats
    people = _persons(office, tally, rules)
    if (
        kind is RoundKind.SECOND_ELECTION
        and rules.s("second_election_rule") == "PLURALITY_WITH_FLOOR"
    ):
        threshold = _floor(rules, turnout, tally)
        p_th = rules.p("second_election_rule")
    else:
        threshold = _majority(rules, turnout, tally)
        p_th = rules.p("majority_base")
    if threshold not in thresholds:
        thresholds.append(threshold)
    standing_pool = [p for p in people if p.person not in excluded]
    elsewhere = [p for p in people if p.person in excluded]
    p_dup = rules.p("duplicate_person_rule")
    for p in elsewhere:
        trace.append(
            _finding("ELECTED_ELSEWHERE", p_dup, Severity.INFO, subject=p.person, post=office.label)
        )
    if rules.b("cumulative_posts") and any(
        p.person in pending_higher and p.votes > 0 for p in standing_pool
    ):
        trace.append(
            _finding("POST_DEFERRED", rules.p("cumulative_posts"), Severity.WARN, post=office.label)
        )
        standings = [
            Standing(
                office=office,
                person=p.person,
                listed=p.listed,
                votes=p.votes,
                against=p.against,
                abstain=p.abstain,
                result=StandingResult.ELECTED_ELSEWHERE
                if p.person in excluded
                else StandingResult.PENDING,
            )
            for p in people
        ]
        return PostOutcome(
            office=office,
            seats=total_seats,
            status=PostStatus.DEFERRED,
            elected=prior,
            deferred_seats=seats,
            standings=standings,
        )
    sel = _select(standing_pool, seats, threshold)
    tied = set(sel.tied)
    elected = set(sel.elected)
    standings = []
    for p in people:
        if p.person in excluded:
            result = StandingResult.ELECTED_ELSEWHERE
        elif p.person in elected:
            result = StandingResult.ELECTED
            trace.append(
                _finding(
                    "ELECTED",
                    p_th,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=threshold.bound,
                    post=office.label,
                )
            )
        elif p.person in tied:
            result = StandingResult.REVOTE
        elif p.person in sel.qualified:
            result = StandingResult.OUTRANKED
            trace.append(
                _finding(
                    "NOT_ELECTED_OUTRANKED",
                    p_th,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=threshold.bound,
                    post=office.label,
                )
            )
        else:
            result = StandingResult.BELOW_THRESHOLD
            trace.append(
                _finding(
                    "NOT_ELECTED_BELOW_THRESHOLD",
                    p_th,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=threshold.bound,
                    post=office.label,
                )
            )
        standings.append(
            Standing(
                office=office,
                person=p.person,
                listed=p.listed,
                votes=p.votes,
                against=p.against,
                abstain=p.abstain,
                result=result,
            )
        )
    now = prior + sel.elected
    if sel.tied:
        trace.append(
            _finding(
                "TIE_AT_CUTOFF",
                rules.p("tie_revote_requires_majority"),
                Severity.WARN,
                subject="、".join(sel.tied),
                observed=next(p.votes for p in people if p.person == sel.tied[0]),
                limit=sel.revote_seats,
                post=office.label,
            )
        )
        return PostOutcome(
            office=office,
            seats=total_seats,
            status=PostStatus.TIE_REVOTE,
            elected=now,
            elected_this_round=sel.elected,
            revote=sel.tied,
            revote_seats=sel.revote_seats,
            standings=standings,
        )
    if sel.unfilled:
        trace.append(
            _finding(
                "SHORTFALL",
                rules.p("second_election_rule"),
                Severity.WARN,
                observed=len(now),
                limit=total_seats,
                post=office.label,
            )
        )
        cands = _second_candidates(
            office, standings, sel.unfilled, excluded | set(now), rules, trace
        )
        return PostOutcome(
            office=office,
            seats=total_seats,
            status=PostStatus.SHORTFALL,
            elected=now,
            elected_this_round=sel.elected,
            unfilled=sel.unfilled,
            second_election_candidates=cands,
            standings=standings,
        )
    return PostOutcome(
        office=office,
        seats=total_seats,
        status=PostStatus.COMPLETE,
        elected=now,
        elected_this_round=sel.elected,
        standings=standings,
    )


def _decide_revote(
    ctx: _Ctx,
    prev: PostOutcome,
    excluded: set[str],
    tally: Tally,
    turnout: Turnout,
    trace: list[Finding],
    thresholds: list[Threshold],
) -> PostOutcome:
    rules = ctx.rules
    office = prev.office
    p_tie = rules.p("tie_revote_requires_majority")
    threshold: Threshold | None = None
    if rules.b("tie_revote_requires_majority"):
        threshold = _majority(rules, turnout, tally, kind="REVOTE_MAJORITY")
        if threshold not in thresholds:
            thresholds.append(threshold)
    people = [p for p in _persons(office, tally, rules) if p.person not in excluded]
    sel = _select(people, prev.revote_seats, threshold)
    # Without a majority the elected are those with most votes: the findings say so, rather
    # than "needed 0".
    plurality = threshold is None
    limit = threshold.bound if threshold is not None else None
    lowest_elected = min((p.votes for p in people if p.person in sel.elected), default=None)
    standings = []
    for p in people:
        if p.person in sel.elected:
            result = StandingResult.ELECTED
            trace.append(
                _finding(
                    "ELECTED_MOST_VOTES" if plurality else "ELECTED",
                    p_tie,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=limit,
                    post=office.label,
                )
            )
        elif p.person in sel.tied:
            result = StandingResult.REVOTE
        elif p.person in sel.qualified:
            result = StandingResult.OUTRANKED
            trace.append(
                _finding(
                    "NOT_ELECTED_FEWER_VOTES" if plurality else "NOT_ELECTED_OUTRANKED",
                    p_tie,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=lowest_elected if plurality else limit,
                    post=office.label,
                )
            )
        else:
            result = StandingResult.BELOW_THRESHOLD
            trace.append(
                _finding(
                    "NOT_ELECTED_BELOW_THRESHOLD",
                    p_tie,
                    Severity.INFO,
                    subject=p.person,
                    observed=p.votes,
                    limit=limit,
                    post=office.label,
                )
            )
        standings.append(
            Standing(
                office=office,
                person=p.person,
                listed=p.listed,
                votes=p.votes,
                against=p.against,
                abstain=p.abstain,
                result=result,
            )
        )
    now = prev.elected + sel.elected
    fields: dict[str, Any] = {
        "elected": now,
        "elected_this_round": sel.elected,
        "revote": (),
        "revote_seats": 0,
        "revote_standings": standings,
        "status": PostStatus.COMPLETE,
    }
    if sel.tied:
        trace.append(
            _finding(
                "TIE_AT_CUTOFF",
                p_tie,
                Severity.WARN,
                subject="、".join(sel.tied),
                observed=next(p.votes for p in people if p.person == sel.tied[0]),
                limit=sel.revote_seats,
                post=office.label,
            )
        )
        fields.update(status=PostStatus.TIE_REVOTE, revote=sel.tied, revote_seats=sel.revote_seats)
    elif sel.unfilled:
        trace.append(
            _finding(
                "SHORTFALL",
                rules.p("second_election_rule"),
                Severity.WARN,
                observed=len(now),
                limit=prev.seats,
                post=office.label,
            )
        )
        cands = _second_candidates(
            office, prev.standings, sel.unfilled, excluded | set(now), rules, trace
        )
        fields.update(
            status=PostStatus.SHORTFALL, unfilled=sel.unfilled, second_election_candidates=cands
        )
    return attrs.evolve(prev, **fields)


def _status_options(
    rules: _Rules, posts: Sequence[PostOutcome], basis_round: RoundKind, trace: list[Finding]
) -> tuple[OutcomeStatus, tuple[NextStep, ...]]:
    options: list[NextStep] = []
    if any(p.status in (PostStatus.TIE_REVOTE, PostStatus.DEFERRED) for p in posts):
        options.append(NextStep.TIE_REVOTE)
    short = [p for p in posts if p.status is PostStatus.SHORTFALL]
    if short:
        if basis_round is RoundKind.FIRST or rules.b("second_election_repeatable"):
            options.append(NextStep.SECOND_ELECTION)
            if rules.has("second_election_within_days"):
                trace.append(
                    _finding(
                        "SECOND_ELECTION_DEADLINE",
                        rules.p("second_election_within_days"),
                        Severity.INFO,
                        limit=rules.i("second_election_within_days"),
                    )
                )
        else:
            for p in short:
                trace.append(
                    _finding(
                        "SEATS_REMAIN_UNFILLED",
                        rules.p("second_election_repeatable"),
                        Severity.INFO,
                        observed=p.unfilled,
                        post=p.office.label,
                    )
                )
        if rules.b("reduce_seats_allowed"):
            options.append(NextStep.REDUCE_SEATS)
            consent = rules.p("reduce_seats_consent_ratio")
            trace.append(
                _finding(
                    "REDUCE_SEATS_AVAILABLE",
                    consent,
                    Severity.INFO,
                    limit=f"{rules.f('reduce_seats_consent_ratio')} "
                    f"({rules.s('reduce_seats_consent_comparison')})",
                    base=_BASE_LABELS[rules.s("reduce_seats_consent_base")],
                )
            )
        if basis_round is RoundKind.SECOND_ELECTION and rules.has("vacancy_min_members"):
            members = sum(len(p.elected) for p in posts)
            minimum = rules.i("vacancy_min_members")
            if members >= minimum:
                options.append(NextStep.LEAVE_VACANT)
                trace.append(
                    _finding(
                        "LEAVE_VACANT_AVAILABLE",
                        rules.p("vacancy_min_members"),
                        Severity.INFO,
                        observed=members,
                        limit=minimum,
                    )
                )
    if NextStep.TIE_REVOTE in options:
        status = OutcomeStatus.NEEDS_REVOTE
    elif short:
        status = OutcomeStatus.SHORTFALL
    else:
        status = OutcomeStatus.COMPLETE
    return status, tuple(options)


def _round(
    ctx: _Ctx,
    *,
    kind: RoundKind,
    number: int,
    tally: Tally,
    turnout: Turnout,
    previous: Outcome | None,
) -> Outcome:
    rules = ctx.rules
    trace: list[Finding] = []
    thresholds: list[Threshold] = []
    void: list[str] = []
    if kind is RoundKind.FIRST:
        void.extend(_uncontested(tally.paper, rules, trace, ctx.self_nominated))
    void.extend(_check_vote(rules, tally, turnout, trace, thresholds))
    offices = rules.ordered(s.office for s in ctx.seats)
    seat_count = {s.office: s.count for s in ctx.seats}
    prev_posts = {p.office: p for p in previous.posts} if previous is not None else {}
    tallies = (*(previous.tallies if previous is not None else ()), tally)
    if void:
        posts = [
            prev_posts.get(o)
            or PostOutcome(
                office=o, seats=seat_count[o], status=PostStatus.VOID, unfilled=seat_count[o]
            )
            for o in offices
        ]
        keep = previous is not None and kind is not RoundKind.FIRST
        return Outcome(
            election=ctx.election,
            policy_id=ctx.policy_id,
            regime=ctx.regime,
            form=ctx.form,
            round=kind,
            round_number=number,
            basis_round=previous.basis_round if keep and previous else RoundKind.FIRST,
            basis_index=previous.basis_index if keep and previous else len(tallies) - 1,
            status=OutcomeStatus.VOID,
            valid=False,
            void_reasons=void,
            posts=posts,
            thresholds=thresholds,
            options=(NextStep.HOLD_AGAIN,),
            turnout=turnout,
            basis_turnout=previous.basis_turnout if keep and previous else turnout,
            tallies=tallies,
            trace=trace,
        )
    if kind is RoundKind.TIE_REVOTE:
        assert previous is not None
        basis_round = previous.basis_round
        basis_index = previous.basis_index
        basis_turnout = previous.basis_turnout
    else:
        basis_round = kind
        basis_index = len(tallies) - 1
        basis_turnout = turnout
    basis_tally = tallies[basis_index]
    new_posts: dict[Office, PostOutcome] = {}
    pending: set[str] = set()
    round_offices = set(tally.paper.offices)
    for office in offices:
        excluded: set[str] = set()
        for other in offices:
            if other is office:
                continue
            done = new_posts.get(other) or prev_posts.get(other)
            if done is not None:
                excluded.update(done.elected)
        prev = prev_posts.get(office)
        if kind is RoundKind.TIE_REVOTE:
            assert prev is not None
            if office in round_offices:
                post = _decide_revote(ctx, prev, excluded, tally, turnout, trace, thresholds)
            elif prev.status is PostStatus.DEFERRED:
                post = _decide_main(
                    ctx,
                    office,
                    prev.deferred_seats,
                    prev.elected,
                    excluded,
                    pending,
                    basis_tally,
                    basis_turnout,
                    basis_round,
                    trace,
                    thresholds,
                )
            else:
                post = prev
        elif office in round_offices:
            prior = prev.elected if prev is not None and prev.status is not PostStatus.VOID else ()
            post = _decide_main(
                ctx,
                office,
                tally.paper.seats_for(office),
                prior,
                excluded,
                pending,
                tally,
                turnout,
                kind,
                trace,
                thresholds,
            )
        else:
            assert prev is not None
            post = prev
        new_posts[office] = post
        if post.status is PostStatus.TIE_REVOTE:
            pending.update(post.revote)
    posts = [new_posts[o] for o in offices]
    status, options = _status_options(rules, posts, basis_round, trace)
    return Outcome(
        election=ctx.election,
        policy_id=ctx.policy_id,
        regime=ctx.regime,
        form=ctx.form,
        round=kind,
        round_number=number,
        basis_round=basis_round,
        basis_index=basis_index,
        status=status,
        valid=True,
        posts=posts,
        thresholds=thresholds,
        options=options,
        turnout=turnout,
        basis_turnout=basis_turnout,
        tallies=tallies,
        trace=trace,
    )


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def paper_for(election: Election, policy: Policy) -> BallotPaper:
    """The first-round ballot paper of ``election``: posts in the profile's order, its candidates.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import (BodyKind, Candidate, Election, ElectionForm,
        ...     Gender, Level, Office, Person, Regime, Seat)
        >>> from huanjie_rules.policy import load_policy
        >>> def cand(n, o):
        ...     return Candidate(person=Person(name=n, gender=Gender.FEMALE,
        ...                      birth_date=dt.date(1980, 1, 1)), office=o)
        >>> e = Election(key="v", regime=Regime.VILLAGE, policy_id="village-2018",
        ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
        ...     date=dt.date(2021, 3, 1), entitled_voters=900,
        ...     seats=[Seat(office=Office.VILLAGE_MEMBER, count=3),
        ...            Seat(office=Office.VILLAGE_DIRECTOR, count=1)],
        ...     candidates=[cand("甲", Office.VILLAGE_DIRECTOR), cand("乙", Office.VILLAGE_DIRECTOR),
        ...                 cand("丙", Office.VILLAGE_MEMBER)])
        >>> [s.office.label for s in paper_for(e, load_policy("village-2018")).seats]
        ['村委会主任', '村委会委员']

    Legal basis:
        the profile's ``votes.post_rank`` and ``votes.writein_rule``.
    """
    rules = _Rules(policy, election.form)
    offices = rules.ordered(s.office for s in election.seats)
    return BallotPaper(
        election=election.key,
        form=election.form,
        round=RoundKind.FIRST,
        round_number=1,
        seats=[Seat(office=o, count=election.seats_for(o)) for o in offices],
        entries=[
            BallotEntry(office=o, person=c.key) for o in offices for c in election.candidates_for(o)
        ],
        writeins_allowed=rules.s("writein_rule") != "NONE",
    )


def _ctx_of(outcome: Outcome, policy: Policy) -> _Ctx:
    if policy.id != outcome.policy_id:
        raise RuleInputError(
            f"the outcome was decided under {outcome.policy_id!r}, not {policy.id!r}",
            code="POLICY_MISMATCH",
            path="policy",
        )
    return _Ctx(
        rules=_Rules(policy, outcome.form),
        election=outcome.election,
        policy_id=outcome.policy_id,
        regime=outcome.regime,
        form=outcome.form,
        seats=tuple(
            Seat(office=p.office, count=p.seats_reduced_from or p.seats) for p in outcome.posts
        ),
    )


def decide(election: Election, tally: Tally, policy: Policy, *, turnout: Turnout) -> Outcome:
    """Decide the first round of ``election`` from its tally.

    In order: whether the candidates may be as few as the seats (等额, ``votes.uncontested_offices``);
    ballots returned against their base (``votes.reconcile_base``: ballots issued or voters; more
    → void, hold again); the quorum (``votes.quorum_*``); then per post, highest first, who has
    the majority (``votes.majority_*``: more than half of those present, entitled or voting —
    exactly half never wins), ranked by votes; a tie at the cut-off goes to a re-vote among the
    tied; fewer winners than seats gives a 另行选举 with its candidates, and the options the
    profile allows (reducing the seats with consent).

    Args:
        election: the election (its ``policy_id`` must be ``policy``'s).
        tally: the tally of :func:`paper_for`'s paper (merged from every box).
        policy: the profile.
        turnout: who was entitled, present and voting; ``entitled`` must equal the election's
            ``entitled_voters``.

    Returns:
        The :class:`Outcome`; continue with :func:`decide_next`, :func:`reduce_seats` or
        :func:`leave_vacant` as its ``options`` allow.

    Raises:
        RuleInputError: the policy or turnout does not fit the election.
        TallyMismatchError: the tally is of another paper.

    Legal basis:
        选举法 第四十四条、第四十五条; 《村民委员会组织法》第十五条; the party election rules
        (PB20/PB90, PL20/PL94) as the profile cites them.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import (BodyKind, Candidate, Election, ElectionForm,
        ...     Gender, Level, Office, Person, Regime, Seat)
        >>> from huanjie_rules.policy import load_policy
        >>> people = [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
        ...           for n in ("甲", "乙")]
        >>> e = Election(key="d", regime=Regime.NPC, policy_id="npc-2020",
        ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP,
        ...     form=ElectionForm.DIRECT_VOTERS, date=dt.date(2021, 11, 1),
        ...     seats=[Seat(office=Office.NPC_DEPUTY, count=1)], entitled_voters=1000,
        ...     candidates=[Candidate(person=p, office=Office.NPC_DEPUTY) for p in people])
        >>> policy = load_policy("npc-2020")
        >>> t = Tally.from_counts(paper_for(e, policy), issued=800, returned=800,
        ...                       for_votes={"甲": 400, "乙": 390})
        >>> o = decide(e, t, policy, turnout=Turnout(entitled=1000, present=800))
        >>> o.status.value, o.post(Office.NPC_DEPUTY).second_election_candidates
        ('SHORTFALL', ('甲', '乙'))
    """
    if policy.id != election.policy_id:
        raise RuleInputError(
            f"the election uses {election.policy_id!r}, not {policy.id!r}",
            code="POLICY_MISMATCH",
            path="policy",
        )
    if policy.regime is not election.regime:
        raise RuleInputError(
            f"{policy.id!r} is a {policy.regime.value} profile, the election is "
            f"{election.regime.value}",
            code="POLICY_MISMATCH",
            path="policy",
        )
    if not isinstance(turnout, Turnout):
        raise RuleInputError(
            f"expected a Turnout, got {type(turnout).__name__}", code="TYPE", path="turnout"
        )
    if turnout.entitled != election.entitled_voters:
        raise RuleInputError(
            f"turnout.entitled {turnout.entitled} is not the election's entitled_voters "
            f"{election.entitled_voters}",
            code="TURNOUT_MISMATCH",
            path="turnout.entitled",
        )
    paper = paper_for(election, policy)
    if tally.paper != paper:
        raise TallyMismatchError(
            "the tally is not of this election's first-round ballot paper", path="tally.paper"
        )
    ctx = _Ctx(
        rules=_Rules(policy, election.form),
        election=election.key,
        policy_id=policy.id,
        regime=election.regime,
        form=election.form,
        seats=paper.seats,
        self_nominated=frozenset(
            s.office
            for s in election.seats
            if election.candidates_for(s.office)
            and all(c.nomination is NominationRoute.SELF for c in election.candidates_for(s.office))
        ),
    )
    return _round(ctx, kind=RoundKind.FIRST, number=1, tally=tally, turnout=turnout, previous=None)


_STEP_OF = {
    RoundKind.TIE_REVOTE: NextStep.TIE_REVOTE,
    RoundKind.SECOND_ELECTION: NextStep.SECOND_ELECTION,
}


def next_paper(outcome: Outcome, policy: Policy, *, kind: RoundKind | None = None) -> BallotPaper:
    """The ballot paper of the next round: a re-vote among the tied, a 另行选举, or the same vote again.

    After a void vote the same paper is used again. Otherwise ``kind`` defaults to the tie
    re-vote when one is pending, else the 另行选举. The re-vote lists only the tied people for
    the remaining seats (write-ins as ``votes.tie_revote_writeins_allowed`` says); the 另行选举
    lists its candidates for the unfilled seats.

    Raises:
        RuleInputError: the outcome's options do not include that round (code
            ``OPTION_NOT_AVAILABLE``), or nothing is left to decide (``NOTHING_TO_DECIDE``).

    Legal basis:
        选举法 第四十五条第三、四款; 《村民委员会组织法》第十五条第二款.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import (BodyKind, Candidate, Election, ElectionForm,
        ...     Gender, Level, Office, Person, Regime, Seat)
        >>> from huanjie_rules.policy import load_policy
        >>> people = [Person(name=n, gender=Gender.MALE, birth_date=dt.date(1980, 1, 1))
        ...           for n in ("甲", "乙", "丙")]
        >>> e = Election(key="b", regime=Regime.PARTY_BASIC, policy_id="party-basic-2020",
        ...     body=BodyKind.BRANCH, level=Level.VILLAGE, form=ElectionForm.MEMBERS_ASSEMBLY,
        ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.MEMBER, count=2)],
        ...     entitled_voters=20,
        ...     candidates=[Candidate(person=p, office=Office.MEMBER) for p in people])
        >>> policy = load_policy("party-basic-2020")
        >>> t = Tally.from_counts(paper_for(e, policy), issued=19, returned=19,
        ...                       for_votes={"甲": 15, "乙": 10, "丙": 10})
        >>> o = decide(e, t, policy, turnout=Turnout(entitled=20, present=19))
        >>> p = next_paper(o, policy)
        >>> p.round.value, [x.person for x in p.entries], p.seats[0].count
        ('TIE_REVOTE', ['乙', '丙'], 1)
    """
    rules = _Rules(policy, outcome.form)
    _ctx_of(outcome, policy)
    if outcome.status is OutcomeStatus.VOID:
        last = outcome.tallies[-1].paper
        return attrs.evolve(last, round_number=outcome.round_number + 1)
    if kind is None:
        if NextStep.TIE_REVOTE in outcome.options:
            kind = RoundKind.TIE_REVOTE
        elif NextStep.SECOND_ELECTION in outcome.options:
            kind = RoundKind.SECOND_ELECTION
        else:
            raise RuleInputError(
                "no re-vote or 另行选举 is pending", code="NOTHING_TO_DECIDE", path="outcome"
            )
    step = _STEP_OF.get(kind)
    if step is None or step not in outcome.options:
        raise RuleInputError(
            f"a {kind.value} round is not among this outcome's options",
            code="OPTION_NOT_AVAILABLE",
            path="kind",
        )
    if kind is RoundKind.TIE_REVOTE:
        posts = [p for p in outcome.posts if p.status is PostStatus.TIE_REVOTE]
        seats = [Seat(office=p.office, count=p.revote_seats) for p in posts]
        entries = [BallotEntry(office=p.office, person=n) for p in posts for n in p.revote]
        writeins = rules.b("tie_revote_writeins_allowed")
    else:
        posts = [p for p in outcome.posts if p.status is PostStatus.SHORTFALL]
        seats = [Seat(office=p.office, count=p.unfilled) for p in posts]
        entries = [
            BallotEntry(office=p.office, person=n)
            for p in posts
            for n in p.second_election_candidates
        ]
        writeins = rules.s("writein_rule") != "NONE"
    return BallotPaper(
        election=outcome.election,
        form=outcome.form,
        round=kind,
        round_number=outcome.round_number + 1,
        seats=seats,
        entries=entries,
        writeins_allowed=writeins,
    )


def decide_next(previous: Outcome, tally: Tally, policy: Policy, *, turnout: Turnout) -> Outcome:
    """Decide the round that follows ``previous``: the tie re-vote, the 另行选举, or a vote held again.

    The round is the one ``tally.paper`` is for, which must be :func:`next_paper`'s paper of that
    kind. A tie re-vote fills the re-vote seats by most votes (with a majority too, if
    ``votes.tie_revote_requires_majority``); a 另行选举 fills the unfilled seats by the majority
    or, in people's congress and village elections, by most votes with at least the floor
    (``votes.second_election_floor``: 1/3 of ballots cast, inclusive).

    Raises:
        TallyMismatchError: the tally is not of the next round's paper.
        RuleInputError: that round is not among the outcome's options, or another profile.

    Legal basis:
        选举法 第四十五条; 《村民委员会组织法》第十五条; the party rules on 另行选举.

    Example:
        See ``docs/votes.md`` for an election walked through every round.

        >>> decide_next.__name__
        'decide_next'
    """
    ctx = _ctx_of(previous, policy)
    if not isinstance(turnout, Turnout):
        raise RuleInputError(
            f"expected a Turnout, got {type(turnout).__name__}", code="TYPE", path="turnout"
        )
    for field in ("entitled", "excluded"):
        before, now = getattr(previous.turnout, field), getattr(turnout, field)
        if before != now:
            raise RuleInputError(
                f"turnout.{field} {now} differs from the previous round's {before}: every round "
                "of one election has the same electorate",
                code="TURNOUT_MISMATCH",
                path=f"turnout.{field}",
            )
    try:
        expected = next_paper(previous, policy, kind=tally.paper.round)
    except RuleInputError as exc:
        raise TallyMismatchError(
            f"the tally is of a round the outcome does not call for: {exc.message}",
            path="tally.paper",
        ) from exc
    if tally.paper != expected:
        raise TallyMismatchError(
            "the tally is not of the next round's ballot paper", path="tally.paper"
        )
    return _round(
        ctx,
        kind=tally.paper.round,
        number=tally.paper.round_number,
        tally=tally,
        turnout=turnout,
        previous=previous,
    )


def reduce_seats(
    outcome: Outcome, policy: Policy, *, consent: int | None = None, by_presidium: bool = False
) -> Outcome:
    """Reduce the seats of the posts short of winners to the number elected, if the electors consent.

    The library never judges whether the elected are "close to" the number of seats (接近应选
    名额): that is the electors' call. It offers the option (``NextStep.REDUCE_SEATS``) whenever
    the profile allows it and records the consent against the profile's threshold
    (``votes.reduce_seats_consent_*``). Where the profile lets the presidium decide
    (``votes.reduce_seats_by_presidium``), pass ``by_presidium=True`` instead of a consent count.

    Args:
        outcome: an outcome whose options include ``REDUCE_SEATS``.
        policy: the profile.
        consent: how many electors consented.
        by_presidium: the presidium (大会主席团) decided.

    Returns:
        With consent: the outcome with those posts complete at their reduced seats. Without
        enough consent: the same outcome with a ``REDUCE_SEATS_REFUSED`` finding and the consent
        threshold recorded.

    Raises:
        RuleInputError: the option is not available, or the consent count is missing or
            impossible.

    Legal basis:
        the party rules on 减少名额 (handbooks: 经半数以上选举人同意或者大会主席团决定; seed 000:126).

    Example:
        See ``docs/votes.md``.

        >>> reduce_seats.__name__
        'reduce_seats'
    """
    ctx = _ctx_of(outcome, policy)
    rules = ctx.rules
    if NextStep.REDUCE_SEATS not in outcome.options:
        raise RuleInputError(
            "reducing the seats is not among this outcome's options",
            code="OPTION_NOT_AVAILABLE",
            path="outcome",
        )
    trace = list(outcome.trace)
    thresholds = list(outcome.thresholds)
    if by_presidium:
        if not rules.b("reduce_seats_by_presidium"):
            raise RuleInputError(
                "this profile does not let the presidium reduce the seats",
                code="OPTION_NOT_AVAILABLE",
                path="by_presidium",
            )
        code = "REDUCE_SEATS_BY_PRESIDIUM"
        param = rules.p("reduce_seats_by_presidium")
    else:
        if consent is None:
            raise RuleInputError(
                "say how many electors consented", code="CONSENT_REQUIRED", path="consent"
            )
        if isinstance(consent, bool) or not isinstance(consent, int):
            raise RuleInputError(
                f"consent is a number of electors, got {type(consent).__name__}",
                code="TYPE",
                path="consent",
            )
        base_kind = rules.s("reduce_seats_consent_base")
        base = _base_count(base_kind, outcome.turnout, outcome.tallies[-1])
        if not 0 <= consent <= base:
            raise RuleInputError(
                f"consent {consent} is outside 0..{base} ({base_kind})",
                code="CONSENT_OUT_OF_RANGE",
                path="consent",
            )
        param = rules.p("reduce_seats_consent_ratio")
        th = _threshold(
            "CONSENT",
            base_kind,
            base,
            rules.f("reduce_seats_consent_ratio"),
            rules.s("reduce_seats_consent_comparison"),
            param,
            consent,
        )
        thresholds.append(th)
        if not th.met:
            trace.append(
                _finding(
                    "REDUCE_SEATS_REFUSED", param, Severity.INFO, observed=consent, limit=th.bound
                )
            )
            return attrs.evolve(outcome, thresholds=thresholds, trace=trace)
        code = "REDUCE_SEATS_CONSENTED"
    posts = []
    for p in outcome.posts:
        if p.status is PostStatus.SHORTFALL:
            reduced = len(p.elected)
            trace.append(
                _finding(
                    code,
                    param,
                    Severity.INFO,
                    observed=consent if consent is not None else 0,
                    limit=thresholds[-1].bound if code == "REDUCE_SEATS_CONSENTED" else 0,
                    post=p.office.label,
                    seats=reduced,
                )
            )
            p = attrs.evolve(
                p,
                seats=reduced,
                seats_reduced_from=p.seats_reduced_from or p.seats,
                unfilled=0,
                status=PostStatus.COMPLETE,
                second_election_candidates=(),
            )
        posts.append(p)
    status, options = _status_options(rules, posts, outcome.basis_round, trace)
    return attrs.evolve(
        outcome, posts=posts, status=status, options=options, thresholds=thresholds, trace=trace
    )


def leave_vacant(outcome: Outcome, policy: Policy) -> Outcome:
    """Leave the unfilled posts vacant, where the profile allows it after a 另行选举.

    Zhejiang: after the 另行选举, if at least three members are elected, the posts still unfilled
    may stay vacant (``votes.vacancy_min_members``). The vacant seats stay in ``unfilled``; the
    outcome becomes complete.

    Raises:
        RuleInputError: the option is not available.

    Legal basis:
        《浙江省村民委员会选举办法》第三十条.

    Example:
        See ``docs/votes.md``.

        >>> leave_vacant.__name__
        'leave_vacant'
    """
    ctx = _ctx_of(outcome, policy)
    rules = ctx.rules
    if NextStep.LEAVE_VACANT not in outcome.options:
        raise RuleInputError(
            "leaving posts vacant is not among this outcome's options",
            code="OPTION_NOT_AVAILABLE",
            path="outcome",
        )
    trace = list(outcome.trace)
    posts = []
    for p in outcome.posts:
        if p.status is PostStatus.SHORTFALL:
            trace.append(
                _finding(
                    "VACANCY_ACCEPTED",
                    rules.p("vacancy_min_members"),
                    Severity.INFO,
                    observed=p.unfilled,
                    post=p.office.label,
                )
            )
            p = attrs.evolve(p, status=PostStatus.COMPLETE, second_election_candidates=())
        posts.append(p)
    others = [p for p in posts if p.status is not PostStatus.COMPLETE]
    options = (NextStep.TIE_REVOTE,) if others else ()
    status = OutcomeStatus.NEEDS_REVOTE if others else OutcomeStatus.COMPLETE
    return attrs.evolve(outcome, posts=posts, status=status, options=options, trace=trace)
