"""Judging one ballot: valid or void (as a whole or by section), what counts, and why."""

from __future__ import annotations

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..errors import RuleInputError
from ..findings import Finding, Severity
from ..model import Ballot, Choice, Office
from ..policy import Policy
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
