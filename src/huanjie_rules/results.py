"""After the count: who presides, 任职回避 between related members, shortfalls and void elections.

* :func:`presiding_member` — who runs the committee when no 主任 was elected (浙江办法 第三十条:
  the 副主任, else one of the 委员 chosen by the 村民代表会议; 上海办法 第二十一条: the 副主任
  with most votes, else the 委员 with most votes, ties decided by the assembly).
* :func:`resolve_avoidance` — 任职回避 (浙江办法 第三十一条): of elected members who are spouses,
  parents and children or siblings, the one in the highest post stays, then the one with most
  votes, and equal votes go to a further vote; the seats freed are filled from the same post's
  other candidates by votes (after the first vote: with more than half of the voters; after a
  另行选举: with at least a third of the ballots cast). Where a profile forbids related members
  without saying who stays (上海办法 第二条), the related members are reported for a decision.
  :func:`avoidance_from_outcome` applies it to a :class:`~huanjie_rules.votes.Outcome`.
* :func:`shortfall_action` — what follows a shortfall under 上海办法 第二十一条 (three or more
  elected: the assembly decides whether the seats stay vacant; fewer: a 另行选举 within 30 days).
* :func:`check_improper_means` — an election won by violence, threats, deception, bribery,
  forged ballots or false counts is void (村民委员会组织法 第十七条; 选举法 第五十八条, 第三十五条),
  and so is the same person's re-election in the 另行选举 (浙江办法 第四十一条).

Example:
    >>> from huanjie_rules.model import Office, Relation
    >>> from huanjie_rules.policy import load_policy
    >>> zj = load_policy("zhejiang-village-2020")
    >>> elected = [ElectedMember(key="甲", office=Office.VILLAGE_DIRECTOR, votes=520),
    ...            ElectedMember(key="乙", office=Office.VILLAGE_MEMBER, votes=610)]
    >>> r = resolve_avoidance(elected, [Kinship(a="甲", b="乙", relation=Relation.SPOUSE)], zj,
    ...                       voters=900)
    >>> r.kept, r.removed
    (('甲',), ('乙',))

Legal basis: 《村民委员会组织法》 第十七条; 《选举法》(2020) 第三十五条、第五十八条; 浙江办法 第三十条、
第三十一条、第四十一条; 上海办法 第二条、第二十一条.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from . import _rulekit as kit
from ._args import checked
from ._base import LabeledEnum, Model, to_tuple
from .errors import Problem, RuleInputError
from .findings import Finding, Scalar, Severity, Verdict
from .messages import Catalogue
from .model import Office, Relation
from .policy import Parameter, Policy
from .votes import Outcome, RoundKind, StandingResult

__all__ = [
    "FINDING_CODES",
    "AvoidanceResult",
    "AvoidanceRound",
    "ElectedMember",
    "ImproperMeans",
    "Kinship",
    "Presiding",
    "PresidingBasis",
    "ShortfallDecision",
    "avoidance_from_outcome",
    "check_improper_means",
    "presiding_member",
    "resolve_avoidance",
    "shortfall_action",
]

FINDING_CODES = Catalogue("huanjie_rules", "results.messages.toml")


class PresidingBasis(LabeledEnum):
    """On what footing a member runs the committee's work."""

    DIRECTOR = ("DIRECTOR", "当选主任", ("主任",))
    DEPUTY_DIRECTOR = ("DEPUTY_DIRECTOR", "副主任主持工作", ("副主任",))
    MOST_VOTES = ("MOST_VOTES", "得票多的成员临时主持工作", ("得票多",))
    ASSEMBLY_CHOICE = ("ASSEMBLY_CHOICE", "村民会议或者村民代表会议推选、确定", ("推选", "确定"))
    UNDECIDED = ("UNDECIDED", "有待决定", ("待定",))


class AvoidanceRound(LabeledEnum):
    """After which vote 任职回避 is applied (it decides how freed seats are filled)."""

    FIRST = ("FIRST", "第一次投票", ("第一次投票后",))
    SECOND_ELECTION = ("SECOND_ELECTION", "另行选举", ("另行选举后",))


class ImproperMeans(LabeledEnum):
    """Unlawful means of winning an election."""

    VIOLENCE = ("VIOLENCE", "暴力", ())
    THREAT = ("THREAT", "威胁", ())
    DECEPTION = ("DECEPTION", "欺骗", ())
    BRIBERY = ("BRIBERY", "贿赂", ("贿选", "以金钱或者其他财物贿赂"))
    FORGED_BALLOTS = ("FORGED_BALLOTS", "伪造选票", ())
    FORGED_DOCUMENTS = ("FORGED_DOCUMENTS", "伪造选举文件", ())
    FALSE_COUNT = ("FALSE_COUNT", "虚报选举票数", ("虚报票数",))
    OTHER_ILLEGAL = ("OTHER_ILLEGAL", "其他非法手段或者违法行为", ("其他非法手段", "其他违法行为"))
    OTHER_IMPROPER = ("OTHER_IMPROPER", "其他不正当手段", ("不正当手段",))
    RETALIATION = ("RETALIATION", "压制、报复控告检举人", ("压制", "报复"))
    FOREIGN_FUNDING = ("FOREIGN_FUNDING", "接受境外资助", ("境外资助",))


@attrs.frozen(kw_only=True)
class ElectedMember(Model):
    """A person and a post with the votes they won (elected, or a candidate who might fill)."""

    key: str
    office: Office
    votes: int

    def _checks(self) -> Iterable[Problem]:
        if not self.key.strip():
            yield Problem("EMPTY", "key", "must not be empty")
        if self.votes < 0:
            yield Problem("RANGE", "votes", "must not be negative")


@attrs.frozen(kw_only=True)
class Kinship(Model):
    """A family relation between two people (order does not matter)."""

    a: str
    b: str
    relation: Relation

    def _checks(self) -> Iterable[Problem]:
        for name in ("a", "b"):
            if not getattr(self, name).strip():
                yield Problem("EMPTY", name, "must not be empty")
        if self.a == self.b:
            yield Problem("SELF_RELATION", "b", "a person is not their own relative")


@attrs.frozen(kw_only=True)
class Presiding(Verdict):
    """Who runs the committee's work: a person, or the people among whom it must be decided."""

    presiding: str | None = None
    basis: PresidingBasis
    choose_from: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class AvoidanceResult(Verdict):
    """任职回避 applied to the elected members.

    Attributes:
        kept: the members who stay.
        removed: the members who leave because a related member outranks them.
        pending: related members the rules cannot yet separate (equal post and votes: a further
            vote; or a profile that names no rule): nobody among them is kept or removed.
        filled: the candidates who take the freed seats, with their post and votes.
        unfilled: freed seats no candidate could take (nobody reached the threshold).
    """

    kept: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    removed: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    pending: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    filled: tuple[ElectedMember, ...] = attrs.field(default=(), converter=to_tuple)
    unfilled: int = 0


@attrs.frozen(kw_only=True)
class ShortfallDecision(Verdict):
    """What follows a shortfall: ``action`` ``NONE``, ``ASSEMBLY_DECIDES`` or
    ``SECOND_ELECTION`` (with its ``deadline`` when the vote's date is given)."""

    action: str
    deadline: _dt.date | None = None


def _f(
    code: str,
    param: Parameter,
    severity: Severity,
    subject: str = "",
    *,
    observed: Scalar = None,
    limit: Scalar = None,
    extra: Mapping[str, object] | None = None,
) -> Finding:
    return kit.finding(
        FINDING_CODES,
        code,
        param,
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=extra,
    )


# -- who presides ---------------------------------------------------------------------------


@checked
def presiding_member(
    elected: Sequence[ElectedMember], policy: Policy, *, subject: str = ""
) -> Presiding:
    """Who runs the village committee's work after the election.

    An elected 主任 does. Without one, ``results.presiding_rule`` decides:
    ``DEPUTY_THEN_ASSEMBLY`` (浙江办法 第三十条) — the 副主任 (several: a person decides among
    them), else the 村民代表会议 chooses one of the elected 委员; ``MOST_VOTES`` (上海办法
    第二十一条) — the 副主任 with most votes, else the 委员 with most votes, equal votes decided
    by the assembly.

    Raises:
        RuleInputError: nobody elected, a non-ElectedMember item, two with one key.
        ParameterError: the profile has no presiding rule and no 主任 was elected.

    Legal basis: 浙江办法 第三十条; 上海办法 第二十一条.

    Example:
        >>> from huanjie_rules.model import Office
        >>> from huanjie_rules.policy import load_policy
        >>> members = [ElectedMember(key="丙", office=Office.VILLAGE_MEMBER, votes=400),
        ...            ElectedMember(key="丁", office=Office.VILLAGE_MEMBER, votes=450)]
        >>> p = presiding_member(members, load_policy("shanghai-village-2020"))
        >>> p.presiding, p.basis.value
        ('丁', 'MOST_VOTES')
        >>> p = presiding_member(members, load_policy("zhejiang-village-2020"))
        >>> p.presiding, p.basis.value, p.choose_from
        (None, 'ASSEMBLY_CHOICE', ('丙', '丁'))
    """
    items = tuple(elected)
    if not items:
        raise RuleInputError("nobody was elected", code="EMPTY", path="elected")
    for i, m in enumerate(items):
        kit.need_type(m, ElectedMember, f"elected[{i}]")
    kit.unique_keys(items, "elected")
    directors = [m for m in items if m.office is Office.VILLAGE_DIRECTOR]
    if directors:
        v = Verdict._from_findings(subject, policy.id, [])
        return Presiding(
            subject=v.subject,
            policy_id=v.policy_id,
            status=v.status,
            presiding=directors[0].key,
            basis=PresidingBasis.DIRECTOR,
        )
    param = policy.param("results.presiding_rule")
    rule = policy.get_str(param.name)
    deputies = [m for m in items if m.office is Office.VILLAGE_DEPUTY_DIRECTOR]
    members = [m for m in items if m.office in (Office.VILLAGE_MEMBER, Office.VILLAGE_WOMAN_MEMBER)]
    if not deputies and not members:
        raise RuleInputError(
            "no village committee post among the elected", code="UNKNOWN_OFFICE", path="elected"
        )
    findings: list[Finding] = []
    presiding: str | None = None
    choose: tuple[str, ...] = ()
    if rule == "DEPUTY_THEN_ASSEMBLY":
        if len(deputies) == 1:
            presiding, basis, code = (
                deputies[0].key,
                PresidingBasis.DEPUTY_DIRECTOR,
                "DEPUTY_PRESIDES",
            )
        elif deputies:
            basis, code = PresidingBasis.UNDECIDED, "DEPUTIES_TO_CHOOSE"
            choose = tuple(m.key for m in deputies)
        else:
            basis, code = PresidingBasis.ASSEMBLY_CHOICE, "ASSEMBLY_CHOOSES_MEMBER"
            choose = tuple(m.key for m in members)
    else:
        pool = deputies or members
        top = max(m.votes for m in pool)
        best = [m for m in pool if m.votes == top]
        if len(best) == 1:
            presiding, basis, code = best[0].key, PresidingBasis.MOST_VOTES, "MOST_VOTES_PRESIDES"
        else:
            basis, code = PresidingBasis.ASSEMBLY_CHOICE, "ASSEMBLY_DECIDES_TIE"
            choose = tuple(m.key for m in best)
    severity = Severity.WARN if basis is PresidingBasis.UNDECIDED else Severity.INFO
    findings.append(
        _f(code, param, severity, subject, observed=presiding, extra={"among": "、".join(choose)})
    )
    v = Verdict._from_findings(subject, policy.id, findings)
    return Presiding(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        presiding=presiding,
        basis=basis,
        choose_from=choose,
    )


# -- 任职回避 -------------------------------------------------------------------------------


def _levels(policy: Policy) -> dict[Office, int]:
    name = "results.avoidance_post_levels"
    if name not in policy:
        return {}
    param = policy.param(name)
    out: dict[Office, int] = {}
    for i, row in enumerate(policy.get_tables(name)):
        for code in kit.row_strs(row, "offices"):
            out[kit.member(Office, code, param)] = i
    return out


@checked
def resolve_avoidance(
    elected: Sequence[ElectedMember],
    kinships: Sequence[Kinship],
    policy: Policy,
    *,
    round: AvoidanceRound = AvoidanceRound.FIRST,
    candidates: Sequence[ElectedMember] = (),
    voters: int | None = None,
    ballots_cast: int | None = None,
    subject: str = "",
) -> AvoidanceResult:
    """Apply 任职回避 to the members elected and fill the seats it frees.

    Args:
        elected: the members elected, each with post and votes.
        kinships: known family relations (between any people; those not among the elected
            and candidates are ignored).
        policy: the profile (``results.avoidance_*``).
        round: after the first vote or after a 另行选举 (how freed seats are filled).
        candidates: the other candidates of the round with their votes, who may fill freed seats.
        voters: 参加投票的选民 (after the first vote, for 「获得过半数选票」).
        ballots_cast: 已投选票总数 (after a 另行选举, for the one-third floor).

    Members related as ``results.avoidance_relations`` lists are ranked by post
    (``results.avoidance_post_levels``), then votes. Going down that order a member is kept unless
    related to a member already kept (or pending); members of equal post and votes who are
    related to each other are *pending* a further vote. So of any two related members at most
    one is kept, and every member removed is related to one kept or pending who outranks them.
    Each removed member's seat goes to the post's next candidate by votes who meets the round's
    threshold and is related to nobody kept or pending (``AVOIDANCE_FILLED``; a tie at the cut is
    a WARN, and a seat nobody can take stays ``unfilled``).

    With ``results.avoidance_resolution`` ``NONE`` every related pair is a FAIL
    (``RELATED_MEMBERS``) and the members concerned are pending: a person decides.

    Raises:
        RuleInputError: bad items or keys, a missing ``voters``/``ballots_cast`` when a seat must
            be filled, an elected member also among the candidates.
        ParameterError: the profile has no 任职回避 rule.

    Legal basis: 浙江办法 第三十一条; 上海办法 第二条.

    Example:
        >>> from huanjie_rules.model import Office, Relation
        >>> from huanjie_rules.policy import load_policy
        >>> zj = load_policy("zhejiang-village-2020")
        >>> m = [ElectedMember(key="甲", office=Office.VILLAGE_MEMBER, votes=500),
        ...      ElectedMember(key="乙", office=Office.VILLAGE_MEMBER, votes=480)]
        >>> spare = [ElectedMember(key="丙", office=Office.VILLAGE_MEMBER, votes=451),
        ...          ElectedMember(key="丁", office=Office.VILLAGE_MEMBER, votes=300)]
        >>> r = resolve_avoidance(m, [Kinship(a="乙", b="甲", relation=Relation.SIBLING)], zj,
        ...                       candidates=spare, voters=900)
        >>> r.kept, r.removed, [f.key for f in r.filled]
        (('甲',), ('乙',), ['丙'])
    """
    members = tuple(elected)
    others = tuple(candidates)
    for i, m in enumerate(members):
        kit.need_type(m, ElectedMember, f"elected[{i}]")
    for i, m in enumerate(others):
        kit.need_type(m, ElectedMember, f"candidates[{i}]")
    kit.unique_keys(members, "elected")
    kit.unique_keys(others, "candidates")
    links = tuple(kinships)
    for i, k in enumerate(links):
        kit.need_type(k, Kinship, f"kinships[{i}]")
    kit.need_type(round, AvoidanceRound, "round")
    clash = {m.key for m in members} & {c.key for c in others}
    if clash:
        raise RuleInputError(
            f"{sorted(clash)} are both elected and candidates",
            code="INCONSISTENT",
            path="candidates",
        )
    rel_param = policy.param("results.avoidance_relations")
    relations = set(policy.get_strings(rel_param.name))
    res_param = policy.param("results.avoidance_resolution")
    related: dict[str, set[str]] = {}
    for k in links:
        if k.relation.value in relations:
            related.setdefault(k.a, set()).add(k.b)
            related.setdefault(k.b, set()).add(k.a)
    keys = {m.key for m in members}
    findings: list[Finding] = []

    if policy.get_str(res_param.name) == "NONE":
        pending: set[str] = set()
        seen: set[tuple[str, str]] = set()
        for m in members:
            for other in sorted(related.get(m.key, set()) & keys):
                pair = (min(m.key, other), max(m.key, other))
                if pair in seen:
                    continue
                seen.add(pair)
                pending.update(pair)
                findings.append(
                    _f(
                        "RELATED_MEMBERS",
                        rel_param,
                        rel_param.breach_severity,
                        pair[0],
                        observed=pair[1],
                    )
                )
        return _avoidance(policy, subject, findings, members, [], pending, (), 0)

    levels = _levels(policy)
    worst = len(levels) + 1

    def rank(m: ElectedMember) -> tuple[int, int]:
        return (levels.get(m.office, worst), -m.votes)

    kept: list[ElectedMember] = []
    pending_set: set[str] = set()
    removed: list[ElectedMember] = []
    blocking: set[str] = set()
    by_rank: dict[tuple[int, int], list[ElectedMember]] = {}
    for m in members:
        by_rank.setdefault(rank(m), []).append(m)
    for r in sorted(by_rank):
        group = by_rank[r]
        out = [m for m in group if related.get(m.key, set()) & blocking]
        rest = [m for m in group if m not in out]
        tied = {m.key for m in rest if related.get(m.key, set()) & {x.key for x in rest}}
        for m in out:
            removed.append(m)
            boss = sorted(related[m.key] & blocking)[0]
            findings.append(_f("AVOIDANCE_REMOVED", res_param, Severity.INFO, m.key, observed=boss))
        for m in rest:
            if m.key in tied:
                pending_set.add(m.key)
            else:
                kept.append(m)
        if tied:
            findings.append(
                _f(
                    "AVOIDANCE_REVOTE",
                    res_param,
                    Severity.WARN,
                    "、".join(sorted(tied)),
                    extra={"among": "、".join(sorted(tied))},
                )
            )
        blocking |= {m.key for m in rest}

    fill_name = (
        "results.avoidance_fill_first_round"
        if round is AvoidanceRound.FIRST
        else "results.avoidance_fill_second_election"
    )
    filled: list[ElectedMember] = []
    unfilled = 0
    if removed:
        fill_param, ratio, comparison = kit.ratio_rule(policy, fill_name)
        base_kind = policy.get_table(fill_name).get("base")
        base_arg = "ballots_cast" if base_kind == "BALLOTS_CAST" else "voters"
        base_value = ballots_cast if base_arg == "ballots_cast" else voters
        if base_value is None:
            raise RuleInputError(
                f"{base_arg} is needed to fill the seats 任职回避 frees",
                code="MISSING",
                path=base_arg,
            )
        base = kit.need_int(base_value, base_arg)
        need = kit.bound(base, ratio, comparison)
        taken: set[str] = set()
        for office in dict.fromkeys(m.office for m in removed):
            seats = sum(1 for m in removed if m.office is office)
            pool = sorted(
                (
                    c
                    for c in others
                    if c.office is office
                    and c.key not in taken
                    and c.votes >= need
                    and not related.get(c.key, set()) & blocking
                ),
                key=lambda c: (-c.votes, c.key),
            )
            chosen = pool[:seats]
            if len(pool) > seats and chosen and pool[seats].votes == chosen[-1].votes:
                cut = chosen[-1].votes
                tied_fill = [c.key for c in pool if c.votes == cut]
                chosen = [c for c in chosen if c.votes > cut]
                findings.append(
                    _f(
                        "AVOIDANCE_FILL_TIE",
                        fill_param,
                        Severity.WARN,
                        office.label,
                        observed=cut,
                        extra={"among": "、".join(tied_fill)},
                    )
                )
                unfilled += seats - len(chosen)
            else:
                unfilled += seats - len(chosen)
            for c in chosen:
                taken.add(c.key)
                blocking.add(c.key)
                filled.append(c)
                findings.append(
                    _f(
                        "AVOIDANCE_FILLED",
                        fill_param,
                        Severity.INFO,
                        c.key,
                        observed=c.votes,
                        limit=need,
                    )
                )
        if unfilled:
            findings.append(
                _f(
                    "AVOIDANCE_SEATS_UNFILLED",
                    fill_param,
                    Severity.INFO,
                    subject,
                    observed=unfilled,
                    limit=need,
                )
            )
    return _avoidance(
        policy,
        subject,
        findings,
        [m for m in members if m in kept],
        removed,
        pending_set,
        tuple(filled),
        unfilled,
    )


def _avoidance(
    policy: Policy,
    subject: str,
    findings: list[Finding],
    kept: Sequence[ElectedMember] | tuple[ElectedMember, ...],
    removed: Sequence[ElectedMember],
    pending: set[str],
    filled: tuple[ElectedMember, ...],
    unfilled: int,
) -> AvoidanceResult:
    v = Verdict._from_findings(subject, policy.id, findings)
    return AvoidanceResult(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        kept=tuple(m.key for m in kept if m.key not in pending),
        removed=tuple(m.key for m in removed),
        pending=tuple(sorted(pending)),
        filled=filled,
        unfilled=unfilled,
    )


@checked
def avoidance_from_outcome(
    outcome: Outcome, kinships: Sequence[Kinship], policy: Policy, *, subject: str = ""
) -> AvoidanceResult:
    """Apply 任职回避 to the members a vote elected (:func:`resolve_avoidance`).

    The elected, their votes and the other candidates come from the outcome's standings; the
    round is the first vote or the 另行选举 on record; the voters and the ballots cast come from
    that round's turnout and tally.

    Raises:
        RuleInputError: a void outcome (nobody is elected), or the errors of
            :func:`resolve_avoidance`.

    Legal basis: 浙江办法 第三十一条.

    Example:
        See ``docs/around-the-vote.md`` for a count followed by 任职回避.

        >>> avoidance_from_outcome.__name__
        'avoidance_from_outcome'
    """
    kit.need_type(outcome, Outcome, "outcome")
    if not outcome.valid:
        raise RuleInputError("a void vote elects nobody", code="VOID_OUTCOME", path="outcome")
    elected: list[ElectedMember] = []
    others: list[ElectedMember] = []
    for post in outcome.posts:
        votes = {s.person: s.votes for s in post.standings}
        for person in post.elected:
            elected.append(
                ElectedMember(key=person, office=post.office, votes=votes.get(person, 0))
            )
        for s in post.standings:
            if s.person not in post.elected and s.result is not StandingResult.ELECTED_ELSEWHERE:
                others.append(ElectedMember(key=s.person, office=post.office, votes=s.votes))
    taken = {m.key for m in elected}
    seen: set[str] = set()
    pool: list[ElectedMember] = []
    for c in sorted(others, key=lambda c: -c.votes):
        if c.key not in taken and c.key not in seen:
            seen.add(c.key)
            pool.append(c)
    tally = outcome.tallies[outcome.basis_index]
    round_ = (
        AvoidanceRound.FIRST
        if outcome.basis_round is RoundKind.FIRST
        else AvoidanceRound.SECOND_ELECTION
    )
    return resolve_avoidance(
        elected,
        kinships,
        policy,
        round=round_,
        candidates=pool,
        voters=outcome.basis_turnout.voters,
        ballots_cast=tally.ballots_returned,
        subject=subject or outcome.election,
    )


# -- shortfall ------------------------------------------------------------------------------


@checked
def shortfall_action(
    elected: int,
    seats: int,
    policy: Policy,
    *,
    vote_day: _dt.date | None = None,
    subject: str = "",
) -> ShortfallDecision:
    """What follows when fewer members are elected than seats (上海办法 第二十一条).

    ``elected >= seats``: nothing (``NONE``). Otherwise, with at least
    ``results.shortfall_assembly_min`` elected the 村民会议 or 村民代表会议 decides whether the
    missing seats stay vacant (``ASSEMBLY_DECIDES``); with fewer, a 另行选举 is held within
    ``results.shortfall_second_election_days`` days (``SECOND_ELECTION``, with the last day when
    ``vote_day`` is given).

    Raises:
        RuleInputError: negative counts or more elected than seats.
        ParameterError: the profile has no such rule (the Organic Law always holds a 另行选举:
            see :func:`huanjie_rules.votes.decide`).

    Legal basis: 上海办法 第二十一条.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.policy import load_policy
        >>> sh = load_policy("shanghai-village-2020")
        >>> [shortfall_action(n, 5, sh).action for n in (2, 3, 4, 5)]
        ['SECOND_ELECTION', 'ASSEMBLY_DECIDES', 'ASSEMBLY_DECIDES', 'NONE']
        >>> shortfall_action(2, 5, sh, vote_day=dt.date(2021, 3, 1)).deadline
        datetime.date(2021, 3, 31)
    """
    kit.need_int(elected, "elected")
    kit.need_int(seats, "seats", minimum=1)
    if elected > seats:
        raise RuleInputError("more elected than seats", code="RANGE", path="elected")
    if vote_day is not None:
        kit.need_date(vote_day, "vote_day")
    min_param = policy.param("results.shortfall_assembly_min")
    days_param = policy.param("results.shortfall_second_election_days")
    minimum = policy.get_int(min_param.name)
    findings: list[Finding] = []
    deadline: _dt.date | None = None
    if elected >= seats:
        action = "NONE"
    elif elected >= minimum:
        action = "ASSEMBLY_DECIDES"
        findings.append(
            _f(
                "SHORTFALL_ASSEMBLY_DECIDES",
                min_param,
                Severity.INFO,
                subject,
                observed=elected,
                limit=minimum,
                extra={"missing": seats - elected},
            )
        )
    else:
        action = "SECOND_ELECTION"
        if vote_day is not None:
            deadline = _days_after(vote_day, policy.get_int(days_param.name), policy)
        findings.append(
            _f(
                "SHORTFALL_SECOND_ELECTION",
                days_param,
                Severity.INFO,
                subject,
                observed=elected,
                limit=deadline,
                extra={"days": policy.get_int(days_param.name), "minimum": minimum},
            )
        )
    v = Verdict._from_findings(subject, policy.id, findings)
    return ShortfallDecision(
        subject=v.subject,
        policy_id=v.policy_id,
        status=v.status,
        findings=v.findings,
        action=action,
        deadline=deadline,
    )


def _days_after(start: _dt.date, days: int, policy: Policy) -> _dt.date:
    """The last day of "within ``days`` days of ``start``", by procedure.deadline_first_day."""
    convention = (
        policy.get_str("procedure.deadline_first_day")
        if "procedure.deadline_first_day" in policy
        else "EXCLUDED"
    )
    return start + _dt.timedelta(days=days if convention == "EXCLUDED" else days - 1)


# -- void elections -------------------------------------------------------------------------


@checked
def check_improper_means(
    means: Sequence[ImproperMeans],
    policy: Policy,
    *,
    reelected_after_void: bool = False,
    subject: str = "",
) -> Verdict:
    """Whether an election is void for the means by which it was won.

    Args:
        means: the unlawful means found (by the election committee, the government or a court:
            the library does not find facts).
        reelected_after_void: the person's election was declared void and they were elected
            again in the 另行选举 (浙江办法 第四十一条).

    Each means among ``results.void_grounds`` voids the election (``ELECTION_VOID``);
    ``FOREIGN_FUNDING`` does under ``results.foreign_funding_void``; a means the profile does not
    list is a WARN for a person to weigh. Re-election after a void election is void where
    ``results.void_again_in_second_election`` (``REELECTION_VOID``).

    Raises:
        RuleInputError: a non-ImproperMeans item.

    Legal basis: 《村民委员会组织法》 第十七条; 《选举法》(2020) 第三十五条、第五十八条; 浙江办法 第四十一条.

    Example:
        >>> from huanjie_rules.policy import load_policy
        >>> check_improper_means([ImproperMeans.BRIBERY], load_policy("village-2018")).codes()
        ('ELECTION_VOID',)
        >>> check_improper_means([], load_policy("zhejiang-village-2020"),
        ...                      reelected_after_void=True).codes()
        ('REELECTION_VOID',)
    """
    items = tuple(means)
    for i, m in enumerate(items):
        kit.need_type(m, ImproperMeans, f"means[{i}]")
    kit.need_bool(reelected_after_void, "reelected_after_void")
    grounds_param = policy.param("results.void_grounds")
    grounds = policy.get_strings(grounds_param.name)
    findings: list[Finding] = []
    for m in dict.fromkeys(items):
        if m is ImproperMeans.FOREIGN_FUNDING and "results.foreign_funding_void" in policy:
            p = policy.param("results.foreign_funding_void")
            if policy.get_bool(p.name):
                findings.append(
                    _f("ELECTION_VOID", p, p.breach_severity, subject, observed=m.label)
                )
                continue
        if m.value in grounds:
            findings.append(
                _f(
                    "ELECTION_VOID",
                    grounds_param,
                    grounds_param.breach_severity,
                    subject,
                    observed=m.label,
                )
            )
        else:
            findings.append(
                _f("MEANS_NOT_LISTED", grounds_param, Severity.WARN, subject, observed=m.label)
            )
    if reelected_after_void:
        name = "results.void_again_in_second_election"
        if name in policy and policy.get_bool(name):
            p = policy.param(name)
            findings.append(_f("REELECTION_VOID", p, p.breach_severity, subject))
    return Verdict._from_findings(subject, policy.id, findings)
