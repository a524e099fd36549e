"""Judging one ballot: valid or void (as a whole or by section), what counts, and why."""

from __future__ import annotations

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..errors import RuleInputError
from ..findings import Finding, Severity
from ..model import Ballot, Choice, Office
from ..policy import Parameter, Policy
from ._rules import _broken, _finding, _Rules
from .paper import BallotPaper


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


@checked
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
        >>> from huanjie_rules.votes import BallotEntry, BallotPaper
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


class _PaperRules:
    """What judging needs of a paper and a profile, worked out once for many ballots."""

    def __init__(self, paper: BallotPaper, rules: _Rules) -> None:
        self.paper = paper
        self.p_scope = rules.p("overmark_scope")
        self.p_dup = rules.p("duplicate_person_rule")
        self.p_wrule = rules.p("writein_rule")
        self.p_circle = rules.p("writein_requires_circle")
        self.whole = rules.s("overmark_scope") == "WHOLE_BALLOT"
        self.void_dup = rules.s("duplicate_person_rule") == "VOID_BALLOT"
        self.wrule = rules.s("writein_rule")
        self.needs_circle = rules.b("writein_requires_circle")
        self.listed = frozenset((e.office, e.person) for e in paper.entries)
        self.office_set = frozenset(paper.offices)
        self.offices = rules.ordered(paper.offices)
        self.seats = {o: paper._seats_for(o) for o in self.offices}
        self.persons = {o: [e.person for e in paper.entries if e.office is o] for o in self.offices}
        posts: dict[str, list[Office]] = {}
        for o in self.offices:
            for person in self.persons[o]:
                posts.setdefault(person, []).append(o)
        # People listed for two or more posts, with their posts from the highest down.
        self.shared = tuple((p, tuple(posts[p])) for p in sorted(posts) if len(posts[p]) > 1)


#: The result of judging: valid, the reason it is void, each section's validity (in post
#: order), the marks given to listed names, the write-ins that count, and each section's marks.
_Judged = tuple[
    bool,
    str | None,
    dict[Office, bool],
    dict[tuple[Office, str], Choice],
    dict[Office, list[str]],
    dict[Office, int],
]


def _judge_core(c: _PaperRules, ballot: Ballot, findings: list[Finding] | None) -> _Judged:
    """Judge a ballot; explain it in ``findings`` unless that is None (counting only)."""
    paper = c.paper
    marks: dict[tuple[Office, str], Choice] = {}
    for i, vote in enumerate(ballot.votes):
        office = vote.office
        if office is None or office not in c.office_set:
            office = _resolve_office(
                paper, vote.office, vote.candidate, f"votes[{i}].office", listed_only=True
            )
        key = (office, vote.candidate)
        if key not in c.listed:
            raise RuleInputError(
                f"{vote.candidate!r} is not listed for {office.value} on this ballot paper",
                code="UNKNOWN_CANDIDATE",
                path=f"votes[{i}].candidate",
            )
        if key in marks:
            raise RuleInputError(
                f"{vote.candidate!r} is marked twice", code="DUPLICATE_MARK", path=f"votes[{i}]"
            )
        marks[key] = vote.choice
    offices = c.offices
    if ballot.unreadable:
        if findings is not None:
            findings.append(_finding("BALLOT_UNREADABLE", c.p_scope, _broken(c.p_scope)))
        return False, "BALLOT_UNREADABLE", dict.fromkeys(offices, False), marks, {}, {}
    writeins: dict[Office, list[str]] = {o: [] for o in offices}
    if ballot.write_ins:
        _read_writeins(c, ballot, marks, writeins, findings)
    # The same person marked for two or more posts.
    reason: str | None = None
    twice: list[tuple[str, list[Office]]] = []
    if any(writeins.values()):
        where: dict[str, list[Office]] = {}
        for office in offices:
            for person in c.persons[office]:
                if marks.get((office, person)) is Choice.FOR:
                    where.setdefault(person, []).append(office)
            for name in writeins[office]:
                where.setdefault(name, []).append(office)
        twice = [(p, where[p]) for p in sorted(where) if len(where[p]) > 1]
    else:
        for person, listed_posts in c.shared:
            hit = [o for o in listed_posts if marks.get((o, person)) is Choice.FOR]
            if len(hit) > 1:
                twice.append((person, hit))
    for person, posts in twice:
        if c.void_dup:
            if findings is not None:
                findings.append(
                    _finding(
                        "SAME_PERSON_TWO_POSTS_VOID", c.p_dup, _broken(c.p_dup), subject=person
                    )
                )
            reason = reason or "SAME_PERSON_TWO_POSTS_VOID"
            continue
        if findings is not None:
            findings.append(
                _finding(
                    "SAME_PERSON_COUNTED_HIGHER",
                    c.p_dup,
                    Severity.INFO,
                    subject=person,
                    post=posts[0].label,
                )
            )
        for lower in posts[1:]:
            if (lower, person) in c.listed:
                marks[(lower, person)] = Choice.ABSTAIN
            else:
                writeins[lower].remove(person)
    # Over-marked sections.
    marked = {o: len(writeins[o]) for o in offices}
    for (office, _), choice in marks.items():
        if choice is Choice.FOR:
            marked[office] += 1
    section_valid: dict[Office, bool] = {}
    for office in offices:
        n = marked[office]
        ok = n <= c.seats[office]
        section_valid[office] = ok
        if ok:
            continue
        code = "BALLOT_OVERMARKED" if c.whole else "SECTION_OVERMARKED"
        if c.whole:
            reason = reason or "BALLOT_OVERMARKED"
        if findings is not None:
            findings.append(
                _finding(
                    code,
                    c.p_scope,
                    _broken(c.p_scope),
                    observed=n,
                    limit=c.seats[office],
                    post=office.label,
                )
            )
    return reason is None, reason, section_valid, marks, writeins, marked


def _read_writeins(
    c: _PaperRules,
    ballot: Ballot,
    marks: dict[tuple[Office, str], Choice],
    writeins: dict[Office, list[str]],
    findings: list[Finding] | None,
) -> None:
    paper = c.paper
    used_against: set[tuple[Office, str]] = set()
    wrule = c.wrule

    def note(code: str, param: Parameter, severity: Severity, **values: object) -> None:
        if findings is not None:
            findings.append(_finding(code, param, severity, **values))  # type: ignore[arg-type]

    for i, wi in enumerate(ballot.write_ins):
        office = _resolve_office(
            paper, wi.office, wi.name, f"write_ins[{i}].office", listed_only=False
        )
        name = wi.name.strip()
        post = office.label
        if not paper.writeins_allowed or wrule == "NONE":
            note("WRITEIN_NOT_ALLOWED", c.p_wrule, Severity.WARN, subject=name, post=post)
            continue
        if not wi.legible or not name:
            note("WRITEIN_ILLEGIBLE", c.p_wrule, Severity.WARN, post=post)
            continue
        if not wi.circled and c.needs_circle:
            note("WRITEIN_UNCIRCLED", c.p_circle, Severity.WARN, subject=name, post=post)
            continue
        if wrule == "REPLACES_AGAINST":
            target = (office, wi.replaces or "")
            if (
                wi.replaces is None
                or marks.get(target) is not Choice.AGAINST
                or target in used_against
            ):
                note("WRITEIN_WITHOUT_AGAINST", c.p_wrule, Severity.WARN, subject=name, post=post)
                continue
            used_against.add(target)
        if (office, name) in c.listed:
            if marks.get((office, name), Choice.ABSTAIN) is Choice.ABSTAIN:
                marks[(office, name)] = Choice.FOR
                note("WRITEIN_NAMES_LISTED", c.p_wrule, Severity.INFO, subject=name, post=post)
            else:
                note("WRITEIN_DUPLICATE", c.p_wrule, Severity.INFO, subject=name, post=post)
            continue
        if name in writeins[office]:
            note("WRITEIN_DUPLICATE", c.p_wrule, Severity.INFO, subject=name, post=post)
            continue
        writeins[office].append(name)


def _judge(paper: BallotPaper, ballot: Ballot, rules: _Rules) -> JudgedBallot:
    c = _PaperRules(paper, rules)
    findings: list[Finding] = []
    valid, reason, section_valid, marks, writeins, marked = _judge_core(c, ballot, findings)
    offices = c.offices
    judged_sections = [
        SectionJudgement(
            office=o,
            valid=valid and section_valid[o],
            marked=marked.get(o, 0),
            seats=c.seats[o],
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
                        choice=marks.get((e.office, e.person), Choice.ABSTAIN),
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
