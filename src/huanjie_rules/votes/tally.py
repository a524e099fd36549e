"""Counting one round: the mergeable :class:`Tally` and the :class:`Turnout` it is judged against.

A tally comes from ballots (:func:`tally_ballots`) or from announced totals
(:meth:`Tally.from_counts`); tallies of the same paper merge exactly with ``+``.
"""

from __future__ import annotations

import functools
import operator
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .._args import checked
from .._base import Model, to_tuple
from ..errors import Problem, RuleInputError, TallyMismatchError
from ..model import Ballot, Choice, Office
from ..policy import Policy
from ._rules import FINDING_CODES, _Key, _nonneg, _office_key, _Rules
from .judge import _judge_core, _PaperRules, _resolve_office
from .paper import BallotPaper


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
        yield from self._votes_within_ballots(by_office)
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

    def _votes_within_ballots(self, by_office: Mapping[Office, SectionCount]) -> Iterable[Problem]:
        """The arithmetic of ballots, whoever built the tally (JSON, merge, fast path, by hand).

        A valid ballot gives a name at most one vote and a post at most as many 赞成 marks as it
        has seats (listed names and write-ins together), so no name can have more votes than
        the ballots that counted its post, and no post more 赞成 votes than seats × those
        ballots.
        """
        marks: Counter[Office] = Counter()
        for i, c in enumerate(self.counts):
            section = by_office.get(c.office)
            if section is None:
                continue  # reported as not a write-in of this paper
            marks[c.office] += c.for_votes
            if not c.listed and c.for_votes > section.valid:
                yield Problem(
                    "COUNTS_EXCEED_BALLOTS",
                    f"counts[{i}].for_votes",
                    f"{c.person!r} has {c.for_votes} votes, more than the {section.valid} "
                    f"ballots that counted {c.office.value}",
                )
        for office, total in marks.items():
            room = self.paper._seats_for(office) * by_office[office].valid
            if total > room:
                yield Problem(
                    "COUNTS_EXCEED_BALLOTS",
                    "counts",
                    f"{office.value}: {total} votes for, but {by_office[office].valid} valid "
                    f"ballots of at most {self.paper._seats_for(office)} marks each give at most "
                    f"{room}",
                )

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    @checked
    def empty(cls, paper: BallotPaper, *, issued: int = 0) -> Tally:
        """The identity of merging: no ballots returned (``issued`` ballots handed out).

        Example:
            >>> from huanjie_rules.model import Office, Seat
            >>> from huanjie_rules.votes import BallotEntry, BallotPaper
            >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.MEMBER, count=1)],
            ...                     entries=[BallotEntry(office=Office.MEMBER, person="甲")])
            >>> t = Tally.empty(paper)
            >>> t + t == t, t.ballots_returned
            (True, 0)
        """
        return _build_tally(paper, issued=issued)

    @classmethod
    @checked
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
            >>> from huanjie_rules.votes import BallotEntry, BallotPaper
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
            if (
                isinstance(raw, tuple)
                and len(raw) == 2
                and isinstance(raw[0], Office)
                and isinstance(raw[1], str)
            ):
                key: _Key = (raw[0], raw[1])
            elif isinstance(raw, str):
                office = _resolve_office(
                    paper, None, raw, f"{field}[{raw!r}]", listed_only=must_be_listed
                )
                key = (office, raw)
            else:
                raise RuleInputError(
                    f"a key is a name or (office, name), got {type(raw).__name__}",
                    code="TYPE",
                    path=field,
                )
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

        def counts_of(
            given: Mapping[Any, int] | None, field: str, *, must_be_listed: bool
        ) -> dict[_Key, int]:
            # "甲" and (office, "甲") name the same person: both given, one count would vanish.
            out: dict[_Key, int] = {}
            for k, v in (given or {}).items():
                key = key_of(k, field, must_be_listed=must_be_listed)
                if key in out:
                    raise RuleInputError(
                        f"{key[1]!r} for {key[0].value} is given twice",
                        code="DUPLICATE_KEY",
                        path=f"{field}[{k!r}]",
                    )
                out[key] = count_of(k, v, field)
            return out

        fors = counts_of(for_votes, "for_votes", must_be_listed=True)
        againsts = counts_of(against, "against", must_be_listed=True)
        extra = counts_of(write_ins, "write_ins", must_be_listed=False)
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
            room = paper._seats_for(office) * valid
            if marks > room:
                raise RuleInputError(
                    f"{office.value}: {marks} votes for, but {valid} valid ballots of at most "
                    f"{paper._seats_for(office)} marks each give at most {room}",
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
            raise _mismatch(self.paper, other.paper)
        return _merge_tallies(self.paper, (self, other))

    @functools.cached_property
    def _packed(self) -> tuple[tuple[Any, ...], int, int] | None:
        """This tally's counts as one integer of fixed-width fields, the keys of its rarer part
        and the field width (0 for 32-bit fields, 1 for 64-bit ones).

        Adding two such integers adds every count at once: no field can carry into the next while
        each count is below 2**24 and at most 255 are added (32-bit fields), or below 2**40 and
        fewer than 2**23 are added (64-bit fields); None if a count is too large for either.
        The fields are the totals, the sections, the listed names and the usual void reasons
        (:func:`_usual_reasons`); other reasons and write-ins follow, named by the keys.
        Computed once per tally (a tally is immutable).
        """
        n = len(self.paper.entries)
        values = [self.ballots_issued, self.ballots_returned, self.valid_ballots]
        for sec in self.sections:
            values += (sec.valid, sec.invalid)
        for c in self.counts[:n]:
            values += (c.for_votes, c.against, c.abstain)
        usual = _usual_reasons(self.paper)
        slots = [0] * len(usual)
        rare: list[tuple[Office | None, str]] = []
        rare_counts: list[int] = []
        for r in self.invalid_reasons:
            key = (r.office, r.code)
            slot = usual.get(key)
            if slot is None:
                rare.append(key)
                rare_counts.append(r.count)
            else:
                slots[slot] = r.count
        values += slots
        extra = self.counts[n:]
        values.extend(c.for_votes for c in extra)
        values += rare_counts
        top = max(values)
        if top >= _PACK_LIMIT[1]:
            return None
        wide = int(top >= _PACK_LIMIT[0])
        keys = (tuple((c.office, c.person) for c in extra), tuple(rare)) if extra or rare else ()
        return keys, int.from_bytes(array(_PACK_TYPE[wide], values).tobytes(), sys.byteorder), wide

    @classmethod
    @checked
    def merge(cls, paper: BallotPaper, tallies: Iterable[Tally]) -> Tally:
        """Merge any number of tallies of ``paper`` (none gives :meth:`empty`).

        The cost is about that of adding the tallies' integers: each tally's counts are packed
        once into one integer, tallies with the same write-ins and void reasons are added as
        such integers, and one :class:`Tally` is built at the end.

        Raises:
            TallyMismatchError: a tally is of another ballot paper.
            RuleInputError: an item is not a :class:`Tally` (``TYPE``).

        Example:
            >>> from huanjie_rules.model import Office, Seat
            >>> from huanjie_rules.votes import BallotEntry, BallotPaper
            >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.MEMBER, count=1)],
            ...                     entries=[BallotEntry(office=Office.MEMBER, person="甲")])
            >>> a = Tally.from_counts(paper, issued=10, returned=10, for_votes={"甲": 6})
            >>> Tally.merge(paper, [a, a, a]).counts[0].for_votes
            18
        """
        return _merge_tallies(paper, tallies)

    # -- reading --------------------------------------------------------------------------------

    @checked
    def votes_for(self, person: str, office: Office | None = None) -> int:
        """The 赞成 votes of ``person`` (for ``office``, or summed over posts)."""
        return sum(
            c.for_votes
            for c in self.counts
            if c.person == person and (office is None or c.office is office)
        )

    @checked
    def section(self, office: Office) -> SectionCount:
        """The section count of ``office``."""
        for s in self.sections:
            if s.office is office:
                return s
        raise RuleInputError(
            f"{office.value} is not on this paper", code="UNKNOWN_OFFICE", path="office"
        )


def _merge_tallies(paper: BallotPaper, tallies: Iterable[Tally]) -> Tally:
    """:meth:`Tally.merge` after its argument checks (for the library's own callers)."""
    groups: dict[tuple[Any, int], list[int]] = {}
    acc = _Accumulator(paper)
    # Tallies with nothing rare (most of them) are added without a look-up, by width.
    usual = [0, 0]
    n_usual = [0, 0]
    for i, t in enumerate(tallies):
        if not isinstance(t, Tally):
            raise RuleInputError(
                f"expected a Tally, got {type(t).__name__}", code="TYPE", path=f"tallies[{i}]"
            )
        if t.paper is not paper and t.paper != paper:
            raise _mismatch(paper, t.paper)
        packed = t._packed
        if packed is None:
            acc.add_tally(t)
            continue
        keys, value, wide = packed
        if not keys:
            usual[wide] += value
            n_usual[wide] += 1
            if n_usual[wide] == _PACK_BATCH[wide]:
                acc.add_packed((), usual[wide], wide)
                usual[wide] = n_usual[wide] = 0
            continue
        group = groups.get((keys, wide))
        if group is None:
            groups[(keys, wide)] = [value, 1]
        else:
            group[0] += value
            group[1] += 1
            if group[1] == _PACK_BATCH[wide]:
                acc.add_packed(keys, group[0], wide)
                group[0] = group[1] = 0
    for wide in (0, 1):
        acc.add_packed((), usual[wide], wide)
    for (keys, wide), (value, _) in groups.items():
        acc.add_packed(keys, value, wide)
    return acc.build()


#: Packed field layouts: 32-bit fields hold counts below 2**24, 255 tallies at a time; 64-bit
#: fields counts below 2**40, 2**23 - 1 tallies at a time.
_PACK_TYPE = ("I", "Q")
_PACK_LIMIT = (1 << 24, 1 << 40)
_PACK_BATCH = [255, (1 << 23) - 1]


def _mismatch(a: BallotPaper, b: BallotPaper) -> TallyMismatchError:
    return TallyMismatchError(
        f"cannot merge tallies of different ballot papers ({a.election!r} round "
        f"{a.round_number} and {b.election!r} round {b.round_number}, or different names "
        "listed)",
        path="paper",
    )


_WHOLE_BALLOT_REASONS = (
    "BALLOT_UNREADABLE",
    "BALLOT_OVERMARKED",
    "SAME_PERSON_TWO_POSTS_VOID",
    "BALLOT_INVALID_UNSPECIFIED",
)


def _usual_reasons(paper: BallotPaper) -> dict[tuple[Office | None, str], int]:
    """The void reasons counting gives, each with its slot in the packed layout."""
    keys: list[tuple[Office | None, str]] = [(None, code) for code in _WHOLE_BALLOT_REASONS]
    keys += [(o, "SECTION_OVERMARKED") for o in paper.offices]
    return {k: i for i, k in enumerate(keys)}


class _Accumulator:
    """Sums of tallies of one paper, in the packed layout of :attr:`Tally._packed`."""

    def __init__(self, paper: BallotPaper) -> None:
        self.paper = paper
        self.counted = 3 + 2 * len(paper.offices) + 3 * len(paper.entries)
        self.usual = list(_usual_reasons(paper))
        self.width = self.counted + len(self.usual)
        self.fixed = [0] * self.width
        self.writeins: Counter[_Key] = Counter()
        self.reasons: Counter[tuple[Office | None, str]] = Counter()

    def add_packed(self, keys: tuple[Any, ...], value: int, wide: int) -> None:
        written, reasons = keys or ((), ())
        size = self.width + len(written) + len(reasons)
        fields = array(_PACK_TYPE[wide])
        fields.frombytes(value.to_bytes(fields.itemsize * size, sys.byteorder))
        fixed = self.fixed
        for i in range(self.width):
            fixed[i] += fields[i]
        pos = self.width
        for key in written:
            self.writeins[key] += fields[pos]
            pos += 1
        for key in reasons:
            self.reasons[key] += fields[pos]
            pos += 1

    def add_tally(self, t: Tally) -> None:
        n = len(self.paper.entries)
        values = [t.ballots_issued, t.ballots_returned, t.valid_ballots]
        for sec in t.sections:
            values += (sec.valid, sec.invalid)
        for c in t.counts[:n]:
            values += (c.for_votes, c.against, c.abstain)
        for i, v in enumerate(values):
            self.fixed[i] += v
        for c in t.counts[n:]:
            self.writeins[(c.office, c.person)] += c.for_votes
        for r in t.invalid_reasons:
            self.reasons[(r.office, r.code)] += r.count

    def build(self) -> Tally:
        paper, f = self.paper, self.fixed
        k = len(paper.offices)
        sv = {o: f[3 + 2 * i] for i, o in enumerate(paper.offices)}
        si = {o: f[4 + 2 * i] for i, o in enumerate(paper.offices)}
        base = 3 + 2 * k
        listed = {
            (e.office, e.person): f[base + 3 * j : base + 3 * j + 3]
            for j, e in enumerate(paper.entries)
        }
        reasons = self.reasons
        for key, value in zip(self.usual, f[self.counted :], strict=True):
            reasons[key] += value
        return _build_tally(
            paper,
            issued=f[0],
            returned=f[1],
            valid=f[2],
            invalid=f[1] - f[2],
            section_valid=sv,
            section_invalid=si,
            listed=listed,
            writeins=self.writeins,
            reasons=reasons,
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


@checked
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
        >>> from huanjie_rules.votes import BallotEntry, BallotPaper
        >>> paper = BallotPaper(election="e", seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
        ...     entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in ("甲", "乙")])
        >>> yes = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)])
        >>> both = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR),
        ...                      Vote(candidate="乙", choice=Choice.FOR)])
        >>> t = tally_ballots(paper, [yes, yes, both], load_policy("npc-2020"), issued=3)
        >>> t.valid_ballots, t.invalid_ballots, t.votes_for("甲")
        (2, 1, 2)
    """
    return _tally_ballots(paper, ballots, policy, issued)


_VOTE = operator.attrgetter("candidate", "office._value_", "choice._value_")
_VOTE_ANY = operator.attrgetter("candidate", "office", "choice")
_WRITE_IN = operator.attrgetter("name", "office", "circled", "replaces", "legible")


def _tally_ballots(
    paper: BallotPaper, ballots: Iterable[Ballot], policy: Policy, issued: int
) -> Tally:
    """:func:`tally_ballots` after its argument checks (for the library's own callers)."""
    c = _PaperRules(paper, _Rules(policy, paper.form))
    fors: Counter[_Key] = Counter()
    againsts: Counter[_Key] = Counter()
    writeins: Counter[_Key] = Counter()
    reasons: Counter[tuple[Office | None, str]] = Counter()
    sv: Counter[Office] = Counter()
    si: Counter[Office] = Counter()
    returned = valid = 0
    FOR, AGAINST = Choice.FOR, Choice.AGAINST
    # Each distinct ballot (marks, write-ins, legibility) is judged once, when first met (a bad
    # mark raises at the first ballot holding it), and counted as often as it was returned.
    seen: dict[tuple[Any, ...], int] = {}
    judged: list[Any] = []
    counts: list[int] = []
    vote_of, write_in_of = _VOTE, _WRITE_IN
    for ballot in ballots:
        write_ins = ballot.write_ins
        try:  # the codes of the posts and choices hash at C speed, their enums do not
            votes = tuple(map(vote_of, ballot.votes))
        except AttributeError:  # a mark without its post
            votes = tuple(map(_VOTE_ANY, ballot.votes))
        if write_ins or ballot.unreadable:
            pattern: tuple[Any, ...] = (
                votes,
                ballot.unreadable,
                tuple(map(write_in_of, write_ins)),
            )
        else:
            pattern = votes
        slot = seen.get(pattern)
        if slot is None:
            seen[pattern] = len(judged)
            judged.append(_judge_core(c, ballot, None))
            counts.append(1)
        else:
            counts[slot] += 1
    returned = sum(counts)
    for times, (ok, reason, sections, marks, written, _) in zip(counts, judged, strict=True):
        if not ok:
            reasons[(None, reason or "BALLOT_INVALID_UNSPECIFIED")] += times
            continue
        valid += times
        all_ok = True
        for office, good in sections.items():
            if good:
                sv[office] += times
            else:
                all_ok = False
                si[office] += times
                reasons[(office, "SECTION_OVERMARKED")] += times
        for key, choice in marks.items():
            if all_ok or sections[key[0]]:
                if choice is FOR:
                    fors[key] += times
                elif choice is AGAINST:
                    againsts[key] += times
        for office, names in written.items():
            if names and sections[office]:
                for name in names:
                    writeins[(office, name)] += times
    # 弃权 is what is left of the ballots that counted the name's post.
    rows = {
        (e.office, e.person): [
            fors[(e.office, e.person)],
            againsts[(e.office, e.person)],
            sv[e.office] - fors[(e.office, e.person)] - againsts[(e.office, e.person)],
        ]
        for e in paper.entries
    }
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
