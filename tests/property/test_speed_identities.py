"""Identity properties of the fast paths: each gives exactly what the reference gives.

- the blocked ``tally_array`` = the whole-matrix reference judged rule by rule (and so = the
  object path, which ``test_votes_props`` checks against the reference on small cases), for any
  block size, any dtype, odd ballots included;
- ``Tally.merge`` through packed integers = adding every count field by field (the reference),
  for tallies with write-ins and void reasons, counts too large to pack, and batches flushed;
- the heap-based divisor apportionment = the seat-by-seat allocation it replaced (kept below as
  the oracle), ties and their grouping included;
- the column-wise screen = ``screen_many`` over the same candidates, for rosters generated under
  every shipped profile (ties of birth dates, keys repeated, posts without seats, staff);
- the object path's direct counting = judging each ballot into a ``JudgedBallot`` and counting
  its marks (how ``tally_ballots`` counted before).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huanjie_rules.apportion import ApportionMethod, _divisor
from huanjie_rules.eligibility import ScreenError
from huanjie_rules.model import Choice, Office
from huanjie_rules.policy import load_policy
from huanjie_rules.testing.votes import ballot_lists, ballot_papers
from huanjie_rules.votes import Tally, judge_ballot, tally_ballots
from huanjie_rules.votes import tally as tally_module
from huanjie_rules.votes.tally import _build_tally

np = pytest.importorskip("numpy")

from huanjie_rules.votes.fast import (  # noqa: E402
    _tally_blocks,
    _tally_reference,
    tally_array,
)

POLICIES = {
    pid: load_policy(pid)
    for pid in ("party-basic-2020", "npc-2020", "village-2018", "zhejiang-village-2020")
}


@st.composite
def big_marks(draw: st.DrawFn, names: int) -> tuple[Any, Any]:
    """A marks matrix of up to 2,000 ballots drawn from a seeded generator, FOR-heavy or not."""
    n = draw(st.integers(0, 2_000))
    seed = draw(st.integers(0, 2**32 - 1))
    p_for = draw(st.sampled_from([0.1, 0.3, 0.6, 0.9]))
    rng = np.random.default_rng(seed)
    u = rng.random((n, names))
    marks = np.zeros((n, names), dtype=np.uint8)
    marks[u < p_for] = 1
    marks[u > 1 - (1 - p_for) / 2] = 2
    unreadable = None
    if draw(st.booleans()):
        unreadable = rng.random(n) < draw(st.sampled_from([0.0, 0.01, 0.5]))
    return marks, unreadable


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_blocked_tally_equals_reference(data: st.DataObject) -> None:
    paper = data.draw(ballot_papers(max_names=5))
    policy = POLICIES[data.draw(st.sampled_from(sorted(POLICIES)))]
    marks, unreadable = data.draw(big_marks(len(paper.entries)))
    dtype = data.draw(st.sampled_from(["uint8", "int8", "int64"]))
    marks = marks.astype(dtype)
    block = data.draw(st.sampled_from([255, 510, 255 * 64]))
    expected = _tally_reference(paper, marks, policy, issued=len(marks), unreadable=unreadable)
    got = _tally_blocks(
        paper, marks, policy, issued=len(marks), unreadable=unreadable, block_rows=block
    )
    assert got == expected
    assert tally_array(paper, marks, policy, issued=len(marks), unreadable=unreadable) == expected


def test_blocked_tally_many_names_and_a_non_contiguous_matrix() -> None:
    from huanjie_rules.model import Office, Seat
    from huanjie_rules.votes import BallotEntry, BallotPaper

    policy = POLICIES["npc-2020"]
    for names, seats in ((150, 40), (300, 280), (8, 3), (1, 1)):
        paper = BallotPaper(
            election="e",
            seats=[Seat(office=Office.NPC_DEPUTY, count=seats)],
            entries=[BallotEntry(office=Office.NPC_DEPUTY, person=f"p{i}") for i in range(names)],
        )
        rng = np.random.default_rng(names)
        wide = rng.integers(0, 3, size=(1_300, 2 * names), dtype=np.uint8)
        wide[: 1_300 // 2, ::2] = rng.random((1_300 // 2, names)) < 0.97  # many over-marked
        marks = wide[:, ::2]  # a strided view
        expected = _tally_reference(paper, marks, policy, issued=2_000)
        assert _tally_blocks(paper, marks, policy, issued=2_000, block_rows=255) == expected
        assert expected.invalid_ballots > 0 or names == 1


def test_blocked_tally_refuses_bad_codes_in_any_block() -> None:
    from huanjie_rules.errors import RuleInputError
    from huanjie_rules.model import Office, Seat
    from huanjie_rules.votes import BallotEntry, BallotPaper

    paper = BallotPaper(
        election="e",
        seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
        entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in "甲乙"],
    )
    for dtype, bad in (("uint8", 3), ("int8", -1), ("int64", 7), ("int64", -2)):
        marks = np.zeros((1_000, 2), dtype=dtype)
        marks[900, 1] = bad
        with pytest.raises(RuleInputError) as err:
            _tally_blocks(paper, marks, POLICIES["npc-2020"], issued=1_000, block_rows=255)
        assert err.value.code == "BAD_MARK"


def _reference_merge(paper: Any, tallies: list[Tally]) -> Tally:
    from collections import Counter

    listed: dict[Any, list[int]] = {}
    writeins: Counter[Any] = Counter()
    reasons: Counter[Any] = Counter()
    sv: Counter[Any] = Counter()
    si: Counter[Any] = Counter()
    for t in tallies:
        for c in t.counts:
            if c.listed:
                row = listed.setdefault((c.office, c.person), [0, 0, 0])
                row[0] += c.for_votes
                row[1] += c.against
                row[2] += c.abstain
            else:
                writeins[(c.office, c.person)] += c.for_votes
        for r in t.invalid_reasons:
            reasons[(r.office, r.code)] += r.count
        for sec in t.sections:
            sv[sec.office] += sec.valid
            si[sec.office] += sec.invalid
    return _build_tally(
        paper,
        issued=sum(t.ballots_issued for t in tallies),
        returned=sum(t.ballots_returned for t in tallies),
        valid=sum(t.valid_ballots for t in tallies),
        invalid=sum(t.invalid_ballots for t in tallies),
        section_valid=sv,
        section_invalid=si,
        listed=listed,
        writeins=writeins,
        reasons=reasons,
    )


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_packed_merge_equals_field_by_field(data: st.DataObject) -> None:
    paper = data.draw(ballot_papers())
    policy = POLICIES[data.draw(st.sampled_from(sorted(POLICIES)))]
    tallies = [
        tally_ballots(
            paper,
            data.draw(ballot_lists(paper, max_size=6)),
            policy,
            # 32-bit fields, 64-bit fields, and counts too large to pack (2**40 and above; the
            # largest, times the 36 tallies merged, stays within limits.MAX_INT)
            issued=data.draw(st.sampled_from([0, 7, 2**24 - 1, 2**24, 2**40, 2**44])),
        )
        for _ in range(data.draw(st.integers(0, 12)))
    ]
    tallies = tallies * data.draw(st.integers(1, 3))  # the same tally twice: one cache, two adds
    expected = _reference_merge(paper, tallies)
    assert Tally.merge(paper, tallies) == expected
    if data.draw(st.booleans()):
        old = list(tally_module._PACK_BATCH)
        tally_module._PACK_BATCH[:] = [2, 3]
        try:
            assert Tally.merge(paper, tallies) == expected
        finally:
            tally_module._PACK_BATCH[:] = old


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_direct_counting_equals_counting_judged_ballots(data: st.DataObject) -> None:
    paper = data.draw(ballot_papers())
    policy = POLICIES[data.draw(st.sampled_from(sorted(POLICIES)))]
    ballots = data.draw(ballot_lists(paper, max_size=20))
    listed: dict[Any, list[int]] = {(e.office, e.person): [0, 0, 0] for e in paper.entries}
    from collections import Counter

    writeins: Counter[Any] = Counter()
    reasons: Counter[Any] = Counter()
    sv: Counter[Office] = Counter()
    si: Counter[Office] = Counter()
    valid = 0
    column = {Choice.FOR: 0, Choice.AGAINST: 1, Choice.ABSTAIN: 2}
    for ballot in ballots:
        j = judge_ballot(paper, ballot, policy)
        if not j.valid:
            reasons[(None, j.reason)] += 1
            continue
        valid += 1
        for sec in j.sections:
            if sec.valid:
                sv[sec.office] += 1
            else:
                si[sec.office] += 1
                reasons[(sec.office, "SECTION_OVERMARKED")] += 1
        for m in j.marks:
            if m.listed:
                listed[(m.office, m.person)][column[m.choice]] += 1
            else:
                writeins[(m.office, m.person)] += 1
    expected = _build_tally(
        paper,
        issued=len(ballots),
        returned=len(ballots),
        valid=valid,
        invalid=len(ballots) - valid,
        section_valid=sv,
        section_invalid=si,
        listed=listed,
        writeins=writeins,
        reasons=reasons,
    )
    assert tally_ballots(paper, ballots, policy, issued=len(ballots)) == expected


# -- apportionment ---------------------------------------------------------------------------


def _oracle_priority(method: ApportionMethod, weight: Fraction, held: int) -> tuple[int, Fraction]:
    if weight == 0:
        return (0, Fraction(0))
    if method is ApportionMethod.DHONDT:
        return (0, weight / (held + 1))
    if method is ApportionMethod.SAINTE_LAGUE:
        return (0, weight / (2 * held + 1))
    if held == 0:
        return (1, weight)
    return (0, weight * weight / (held * (held + 1)))


def _oracle_divisor(
    method: ApportionMethod, weights: list[tuple[str, Fraction]], seats: int, minimum: int
) -> tuple[dict[str, int], tuple[tuple[str, ...], int] | None]:
    """The seat-by-seat allocation over every unit, as ``apportion`` computed it before."""
    alloc = {key: minimum for key, _ in weights}
    remaining = seats - minimum * len(weights)
    while remaining > 0:
        priorities = {key: _oracle_priority(method, w, alloc[key]) for key, w in weights}
        best = max(priorities.values())
        group = sorted(key for key, p in priorities.items() if p == best)
        if len(group) > remaining:
            return alloc, (tuple(group), remaining)
        for key in group:
            alloc[key] += 1
        remaining -= len(group)
    return alloc, None


DIVISORS = [m for m in ApportionMethod if m is not ApportionMethod.LARGEST_REMAINDER]


@st.composite
def unit_weights(draw: st.DrawFn) -> list[tuple[str, Fraction]]:
    """Weights with many ties: drawn from a small pool, zeros and fractions included."""
    pool = draw(
        st.lists(
            st.one_of(
                st.integers(0, 30).map(Fraction),
                st.fractions(min_value=0, max_value=30, max_denominator=7),
            ),
            min_size=1,
            max_size=4,
        )
    )
    n = draw(st.integers(1, 9))
    weights = [(f"u{i}", draw(st.sampled_from(pool))) for i in range(n)]
    if all(w == 0 for _, w in weights):
        weights[0] = ("u0", Fraction(draw(st.integers(1, 30))))
    return weights


@settings(max_examples=400, deadline=None)
@given(unit_weights(), st.integers(1, 60), st.integers(0, 3), st.sampled_from(DIVISORS))
def test_heap_apportionment_equals_the_seat_by_seat_oracle(
    weights: list[tuple[str, Fraction]], seats: int, minimum: int, method: ApportionMethod
) -> None:
    if minimum * len(weights) > seats:
        minimum = 0
    assert _divisor(method, weights, seats, minimum) == _oracle_divisor(
        method, weights, seats, minimum
    )


def test_heap_apportionment_on_larger_houses_with_ties() -> None:
    import random

    rng = random.Random(11)
    for method in DIVISORS:
        for units, seats in ((30, 450), (200, 1_000), (150, 90)):
            weights = [
                (f"u{i:03d}", Fraction(rng.choice([120, 120, 300, 517, 999]))) for i in range(units)
            ]
            for minimum in (0, 1):
                if minimum * units > seats:
                    continue
                assert _divisor(method, weights, seats, minimum) == _oracle_divisor(
                    method, weights, seats, minimum
                )


# -- column-wise screening ---------------------------------------------------------------------

OFFICES_OF = {
    "PARTY_BASIC": (Office.SECRETARY, Office.DEPUTY_SECRETARY, Office.MEMBER),
    "PARTY_LOCAL": (Office.SECRETARY, Office.MEMBER),
    "NPC": (Office.NPC_DEPUTY,),
    "VILLAGE": (Office.VILLAGE_DIRECTOR, Office.VILLAGE_MEMBER),
}


@st.composite
def light_rosters(draw: st.DrawFn) -> tuple[Any, Any, dict[str, list[Any]]]:
    import datetime as dt

    import attrs as attrs_

    from huanjie_rules.model import Gender, StaffMember, StaffRole, Tenure
    from huanjie_rules.policy import list_policies
    from huanjie_rules.testing.votes import make_election

    pid = draw(st.sampled_from(list_policies()))
    policy = load_policy(pid)
    offices = OFFICES_OF[policy.regime.value]
    seated = offices[: draw(st.integers(1, len(offices)))]
    election = make_election(
        pid, seats=dict.fromkeys(seated, 1), candidates={o: [] for o in seated}, entitled=500
    )
    on = election.date
    # birth dates around the ages that matter: 18, 35, 45, 55, 60, 65 on election day, ± a day
    pivots = [on.replace(year=on.year - a) for a in (18, 25, 35, 40, 45, 50, 55, 60, 65, 70)]
    days = [p + dt.timedelta(days=d) for p in pivots for d in (-1, 0, 1)]
    n = draw(st.integers(0, 40))
    names = [draw(st.sampled_from([f"人{i}" for i in range(12)])) for _ in range(n)]
    columns: dict[str, list[Any]] = {
        "name": names,
        "gender": [draw(st.sampled_from(list(Gender))).value for _ in range(n)],
        "birth_date": [draw(st.sampled_from(days)) for _ in range(n)],
        "office": [draw(st.sampled_from(offices)) for _ in range(n)],  # some without seats
    }
    if draw(st.booleans()):
        columns["tenure"] = [draw(st.sampled_from(list(Tenure))) for _ in range(n)]
    if draw(st.booleans()):
        columns["key"] = [f"{x}-{draw(st.integers(0, 3))}" for x in names]
    if draw(st.booleans()):
        staff = (
            StaffMember(key="人1", role=StaffRole.COUNTER),
            StaffMember(key="监票", role=StaffRole.SCRUTINEER, relatives_of=("人2", "人3-1")),
        )
        election = attrs_.evolve(election, staff=staff)
    return election, policy, columns


def _as_candidates(columns: dict[str, list[Any]]) -> list[Any]:
    from huanjie_rules.model import Candidate, Gender, Person, Tenure

    out = []
    for i, name in enumerate(columns["name"]):
        key = columns["key"][i] if "key" in columns else name
        gender = next(g for g in Gender if columns["gender"][i] in (g, g.value))
        person = Person(name=name, key=key, gender=gender, birth_date=columns["birth_date"][i])
        tenure = columns["tenure"][i] if "tenure" in columns else Tenure.NEW
        out.append(Candidate(person=person, office=columns["office"][i], tenure=tenure))
    return out


def _first_difference(got: Any, expected: Any, columns: dict[str, list[Any]]) -> str:
    """The first row where two screens differ, short enough to read in a failure."""
    for i, (a, b) in enumerate(zip(got, expected, strict=False)):
        if a != b:
            row = {k: v[i] for k, v in columns.items()}

            def shown(r: Any) -> object:
                return r.codes() if hasattr(r, "codes") else r

            if hasattr(a, "findings") and hasattr(b, "findings") and a.codes() == b.codes():
                for fa, fb in zip(a.findings, b.findings, strict=True):
                    if fa != fb:
                        fields = [
                            f"{n}: {getattr(fa, n)!r} != {getattr(fb, n)!r}"
                            for n in attrs.fields_dict(type(fa))
                            if getattr(fa, n) != getattr(fb, n)
                        ]
                        return f"row {i} {row}: finding {fa.code} differs in " + "; ".join(fields)
            return f"row {i} {row}: column path {shown(a)}, per-row path {shown(b)}"
    return f"lengths {len(got)} and {len(expected)}"


@settings(max_examples=150, deadline=None)
@given(light_rosters(), st.integers(1, 7))
def test_column_screen_equals_screen_many(roster: Any, chunk: int) -> None:
    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.eligibility.columns import screen_column_chunks, screen_columns

    election, policy, columns = roster
    expected = screen_many(_as_candidates(columns), election, policy, on_error="report")
    column = screen_columns(columns, election, policy, on_error="report")
    assert column == expected, _first_difference(column, expected, columns)
    n = len(columns["name"])
    chunks = [{k: v[i : i + chunk] for k, v in columns.items()} for i in range(0, n, chunk)]
    got = [
        r
        for part in screen_column_chunks(chunks, election, policy, on_error="report")
        for r in part
    ]
    assert tuple(got) == expected
    outcomes: list[tuple[str, object]] = []
    runs: list[Any] = [
        lambda: screen_many(_as_candidates(columns), election, policy),
        lambda: screen_columns(columns, election, policy),
    ]
    for run in runs:
        try:
            outcomes.append(("ok", run()))
        except Exception as err:  # the same error, raised the same way
            outcomes.append((type(err).__name__, str(err)))
    assert outcomes[0] == outcomes[1]


def test_column_screen_sends_staff_rows_through_the_per_row_path() -> None:
    import datetime as dt

    import attrs as attrs_

    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.eligibility.columns import screen_columns
    from huanjie_rules.model import Relation, Relative, StaffMember, StaffRole
    from huanjie_rules.testing.votes import make_election

    election = make_election(
        "npc-2020", seats={Office.NPC_DEPUTY: 3}, candidates={Office.NPC_DEPUTY: []}, entitled=900
    )
    election = attrs_.evolve(
        election,
        staff=(
            StaffMember(key="乙", role=StaffRole.COUNTER),
            StaffMember(
                key="监票",
                role=StaffRole.SCRUTINEER,
                relatives=(Relative(candidate="丙", relation=Relation.SPOUSE),),
            ),
            # a relative named without the relation: read cautiously, a WARN
            StaffMember(key="计票", role=StaffRole.COUNTER, relatives_of=("丁",)),
        ),
    )
    policy = load_policy("npc-2020")
    columns: dict[str, list[Any]] = {
        "name": ["甲", "乙", "丙", "丁"],
        "gender": ["MALE"] * 4,
        "birth_date": [dt.date(1970, 5, 5)] * 4,
        "office": [Office.NPC_DEPUTY] * 4,
    }
    got = screen_columns(columns, election, policy)
    assert got == screen_many(_as_candidates(columns), election, policy)
    assert [r.codes() for r in got if not isinstance(r, ScreenError)] == [
        (),
        ("STAFF_ROLE_CANDIDATE",),
        ("STAFF_ROLE_RELATIVE",),
        ("STAFF_ROLE_RELATIVE_UNKNOWN",),
    ]


@pytest.mark.parametrize("pid", sorted(__import__("huanjie_rules.policy").policy.list_policies()))
def test_column_screen_equals_screen_many_on_a_spread_roster(pid: str) -> None:
    import datetime as dt
    import random

    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.eligibility.columns import screen_column_chunks, screen_columns
    from huanjie_rules.model import Gender, Tenure
    from huanjie_rules.testing.votes import make_election

    policy = load_policy(pid)
    offices = OFFICES_OF[policy.regime.value]
    election = make_election(
        pid, seats=dict.fromkeys(offices, 1), candidates={o: [] for o in offices}, entitled=500
    )
    rng = random.Random(pid)
    n = 400
    columns: dict[str, list[Any]] = {
        "name": [f"人{i}" for i in range(n)],
        "gender": [rng.choice(list(Gender)) for _ in range(n)],
        "birth_date": [
            dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(27_000)) for _ in range(n)
        ],
        "office": [rng.choice(offices) for _ in range(n)],
        "tenure": [rng.choice(list(Tenure)) for _ in range(n)],
    }
    expected = screen_many(_as_candidates(columns), election, policy, on_error="report")
    assert screen_columns(columns, election, policy, on_error="report") == expected
    chunks = [{k: v[i : i + 37] for k, v in columns.items()} for i in range(0, n, 37)]
    got = [r for part in screen_column_chunks(chunks, election, policy) for r in part]
    assert tuple(got) == expected


def test_column_screen_with_age_limits_on_both_sides(tmp_path: Any) -> None:
    """A profile (written here) with a maximum age, a retirement horizon and the minimum of 18:
    clean birth dates lie between dirty ones on both sides, in every chunk."""
    import datetime as dt
    import random

    import attrs as attrs_

    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.eligibility.columns import screen_column_chunks, screen_columns
    from huanjie_rules.model import Gender, Tenure
    from huanjie_rules.testing.votes import make_election

    folder = tmp_path / "village-ages"
    folder.mkdir()
    (folder / "profile.toml").write_text(
        'id = "village-ages"\nregime = "VILLAGE"\nextends = "village-2018"\nlocal = true\n'
        'title_zh = "测试"\ntitle_en = "Test"\nvalid_from = 2018-12-29\n',
        encoding="utf-8",
    )
    (folder / "eligibility.toml").write_text(
        '[role_limits]\ntype = "tables"\nhard = true\nrule = "TEST-AGES"\n'
        'instrument = "VC18"\narticle = "（测试）"\nreliability = "READING"\n'
        'description = "Test limits."\n\n'
        '[[role_limits.value]]\nid = "DIRECTOR"\noffices = ["VILLAGE_DIRECTOR"]\nmax_age = 55\n'
        'quote = "测试"\n\n'
        '[[role_limits.value]]\nid = "MEMBER"\noffices = ["VILLAGE_MEMBER"]\ntenures = ["NEW"]\n'
        'max_age = 40\nquote = "测试"\n',
        encoding="utf-8",
    )
    policy = load_policy("village-ages", search=[tmp_path])
    offices = OFFICES_OF["VILLAGE"]
    election = make_election(
        "village-2018",
        seats=dict.fromkeys(offices, 1),
        candidates={o: [] for o in offices},
        entitled=500,
    )
    election = attrs_.evolve(election, policy_id=policy.id, date=dt.date(2021, 3, 1))
    rng = random.Random(5)
    n = 600
    columns: dict[str, list[Any]] = {
        "name": [f"人{i}" for i in range(n)],
        "gender": [rng.choice(list(Gender)) for _ in range(n)],
        "birth_date": [
            dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25_000)) for _ in range(n)
        ],
        "office": [rng.choice(offices) for _ in range(n)],
        "tenure": [rng.choice(list(Tenure)) for _ in range(n)],
    }
    expected = screen_many(_as_candidates(columns), election, policy, on_error="report")
    codes = {c for r in expected for c in r.codes()}  # type: ignore[union-attr]
    assert {"AGE_OVER_LIMIT", "AGE_UNDER_MINIMUM"} <= codes, codes
    assert screen_columns(columns, election, policy, on_error="report") == expected
    for size in (13, 101):
        chunks = [{k: v[i : i + size] for k, v in columns.items()} for i in range(0, n, size)]
        got = [r for part in screen_column_chunks(chunks, election, policy) for r in part]
        assert tuple(got) == expected


def test_a_row_named_like_a_staff_member_keeps_its_tenure_in_the_column_path() -> None:
    # A row whose name is a staff member's key is screened one by one; it was screened as NEW,
    # under the new secretary's limits (普通高中) instead of the continuing one's (初中).
    import datetime as dt

    import attrs as attrs_

    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.eligibility.columns import screen_columns
    from huanjie_rules.model import StaffMember, StaffRole, Tenure
    from huanjie_rules.testing.votes import make_election

    election = make_election(
        "xzhen-2021", seats={Office.SECRETARY: 1}, candidates={Office.SECRETARY: []}, entitled=50
    )
    election = attrs_.evolve(election, staff=(StaffMember(key="人1", role=StaffRole.COUNTER),))
    policy = load_policy("xzhen-2021")
    columns: dict[str, list[Any]] = {
        "name": ["人1"],
        "key": ["人1-0"],
        "gender": ["MALE"],
        "birth_date": [dt.date(1975, 7, 12)],
        "office": [Office.SECRETARY],
        "tenure": [Tenure.CONTINUING],
    }
    got = screen_columns(columns, election, policy, on_error="report")
    assert got == screen_many(_as_candidates(columns), election, policy, on_error="report")
    (result,) = got
    assert not isinstance(result, ScreenError)
    assert [f.limit for f in result.findings if f.code == "EDUCATION_UNKNOWN"] == ["初中"]


# -- column-wise screening of full records -----------------------------------------------------


def _id_text(rng: Any, born: Any, male: bool, kind: str) -> str:
    """An ID number as text: agreeing with the stated birth date and sex, or off in one way."""
    from huanjie_rules.idcard import check_character

    if kind == "legacy":
        return f"110105{born:%y%m%d}{rng.randrange(100):02d}{1 if male else 2}"
    if kind == "shape":
        return str(rng.choice(["123", "11010519800101001\uff38", " 110105198001010011", "x" * 18]))
    day = born
    if kind == "date":
        day = born.replace(year=born.year - 1) if born.month != 2 or born.day != 29 else born
    digit = (1 if male else 2) if kind != "sex" else (2 if male else 1)
    first17 = f"110105{day:%Y%m%d}{rng.randrange(100):02d}{digit}"
    last = check_character(first17)
    if kind == "checksum":
        last = "0" if last != "0" else "1"
    return first17 + last


@st.composite
def heavy_rosters(draw: st.DrawFn) -> tuple[Any, Any, dict[str, list[Any]]]:
    """Rosters with every column: party data, education, categories, ID numbers (agreeing or
    not), record facts of the profile's negative lists, attestations and 四个凡提 checks."""
    import datetime as dt
    import random

    import attrs as attrs_

    from huanjie_rules.eligibility import negative_list_items, required_attestations
    from huanjie_rules.model import (
        Attestation,
        CheckStatus,
        Degree,
        EducationLevel,
        Gender,
        NominationRoute,
        PartyStanding,
        PersonCategory,
        PreCheck,
        PreCheckKind,
        RecordFact,
        StaffMember,
        StaffRole,
        Tenure,
    )
    from huanjie_rules.policy import list_policies
    from huanjie_rules.testing.votes import make_election

    pid = draw(st.sampled_from(list_policies()))
    policy = load_policy(pid)
    offices = OFFICES_OF[policy.regime.value]
    seated = offices[: draw(st.integers(1, len(offices)))]
    election = make_election(
        pid, seats=dict.fromkeys(seated, 1), candidates={o: [] for o in seated}, entitled=500
    )
    on = election.date
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    kinds = sorted(
        {
            str(k)
            for _, row in negative_list_items(policy, on)
            for k in (lambda v: v if isinstance(v, tuple) else ())(row.get("kinds"))
        }
    )
    items = list(required_attestations(policy, on)) or ["NONE_HERE"]
    pivots = [on.replace(year=on.year - a) for a in (18, 30, 35, 45, 55, 60, 65, 70)]
    days = [p + dt.timedelta(days=d) for p in pivots for d in (-1, 0, 1)]
    n = draw(st.integers(0, 30))
    # A few kinds of record, repeated over the rows as a real roster repeats them.
    few = rng.randrange(1, 4)

    def record() -> Any:
        ongoing = rng.random() < 0.2
        ended = (
            None
            if ongoing
            else rng.choice([None, *(on - dt.timedelta(d) for d in (-9, 30, 800, 2000))])
        )
        started = rng.choice([None, on - dt.timedelta(days=4000), on + dt.timedelta(1)])
        if started is not None and ended is not None and ended < started:
            started = None
        return RecordFact(
            kind=rng.choice([*kinds, "NOT_ON_ANY_LIST"]),
            started=started,
            ended=ended,
            ongoing=ongoing,
        )

    records_pool = [[record() for _ in range(rng.randrange(0, 3))] for _ in range(few)]
    attest_pool = [
        [
            Attestation(item=rng.choice([*items, "UNKNOWN_ITEM"]), holds=rng.random() < 0.3)
            for _ in range(rng.randrange(0, 3))
        ]
        for _ in range(few)
    ]
    precheck_pool = [
        [
            PreCheck(kind=k, status=rng.choice(list(CheckStatus)))
            for k in rng.sample(list(PreCheckKind), rng.randrange(0, len(PreCheckKind) + 1))
        ]
        for _ in range(few)
    ]
    education_pool = [
        (
            rng.choice([None, *EducationLevel]),
            rng.choice([None, *EducationLevel]),
            rng.choice([None, *Degree]),
            rng.choice([None, *Degree]),
        )
        for _ in range(few)
    ]
    columns: dict[str, list[Any]] = {
        name: [] for name in ("name", "gender", "birth_date", "office", "party_standing")
    }
    optional: dict[str, list[Any]] = {
        name: [] for name in ("key", "tenure", "ethnicity", "id_number", "party_joined",
        "party_confirmed", "temporary_relation_only", "political_rights_deprived",
        "township_experience_months", "categories", "education_full_time",
        "education_in_service", "degree_full_time", "degree_in_service", "nomination",
        "records", "attestations", "prechecks")
    }  # fmt: skip
    for _ in range(n):
        name = f"人{rng.randrange(12)}"
        born = rng.choice(days)
        gender = rng.choice(list(Gender))
        standing = rng.choice([*PartyStanding, PartyStanding.FULL_MEMBER])
        joined = confirmed = None
        if standing is not PartyStanding.NON_MEMBER and rng.random() < 0.8:
            # around the one year of 党龄 a branch secretary should have
            joined = max(born, on - dt.timedelta(days=rng.choice([200, 364, 365, 366, 800, 4000])))
            if standing is not PartyStanding.PROBATIONARY and rng.random() < 0.6:
                confirmed = joined + dt.timedelta(days=rng.choice([0, 365]))
        columns["name"].append(name)
        columns["gender"].append(gender.value if rng.random() < 0.5 else gender)
        columns["birth_date"].append(born)
        columns["office"].append(rng.choice(offices))
        columns["party_standing"].append(standing.value)
        optional["key"].append(f"{name}-{rng.randrange(4)}" if rng.random() < 0.9 else None)
        optional["tenure"].append(rng.choice(list(Tenure)))
        optional["ethnicity"].append(rng.choice(["汉族", "回族", "藏族"]))
        id_kind = rng.choice(["none", "ok", "ok", "ok", "date", "sex", "checksum", "legacy"])
        text = None if id_kind == "none" else _id_text(rng, born, gender is Gender.MALE, id_kind)
        optional["id_number"].append(text)
        optional["party_joined"].append(joined)
        optional["party_confirmed"].append(confirmed)
        optional["temporary_relation_only"].append(rng.random() < 0.1)
        optional["political_rights_deprived"].append(rng.random() < 0.05)
        optional["township_experience_months"].append(rng.choice([None, 0, 7, 36]))
        optional["categories"].append(
            rng.sample([c.value for c in PersonCategory], rng.randrange(0, 3))
        )
        education = rng.choice(education_pool)
        for column, value in zip(
            (
                "education_full_time",
                "education_in_service",
                "degree_full_time",
                "degree_in_service",
            ),
            education,
            strict=True,
        ):
            optional[column].append(value)
        optional["nomination"].append(rng.choice(list(NominationRoute)).value)
        optional["records"].append(rng.choice([None, *records_pool]))
        optional["attestations"].append(rng.choice(attest_pool))
        optional["prechecks"].append(rng.choice(precheck_pool))
    for column, values in optional.items():
        if draw(st.booleans()):
            columns[column] = values
    if draw(st.booleans()):
        staff = (
            StaffMember(key="人1-1", role=StaffRole.COUNTER),
            StaffMember(key="监票", role=StaffRole.SCRUTINEER, relatives_of=("人2-2",)),
        )
        election = attrs_.evolve(election, staff=staff)
    return election, policy, columns


def _as_full_candidates(columns: dict[str, list[Any]]) -> list[Any]:
    """The candidates the columns describe, built one by one with the model's own classes."""
    from huanjie_rules.idcard import IdNumber
    from huanjie_rules.model import (
        Candidate,
        Degree,
        Education,
        EducationLevel,
        Gender,
        NominationRoute,
        PartyStanding,
        Person,
        PersonCategory,
        Tenure,
        Vetting,
    )

    def get(column: str, i: int, default: Any = None) -> Any:
        return columns[column][i] if column in columns else default

    def enum(cls: Any, value: Any) -> Any:
        return value if value is None or isinstance(value, cls) else cls(value)

    out = []
    for i, name in enumerate(columns["name"]):
        number = get("id_number", i)
        person = Person(
            name=name,
            key=get("key", i) or name,
            gender=enum(Gender, columns["gender"][i]),
            ethnicity=get("ethnicity", i, "汉族"),
            birth_date=columns["birth_date"][i],
            education=Education(
                full_time=enum(EducationLevel, get("education_full_time", i)),
                in_service=enum(EducationLevel, get("education_in_service", i)),
                full_time_degree=enum(Degree, get("degree_full_time", i)),
                in_service_degree=enum(Degree, get("degree_in_service", i)),
            ),
            party_standing=enum(PartyStanding, get("party_standing", i, "NON_MEMBER")),
            party_joined=get("party_joined", i),
            party_confirmed=get("party_confirmed", i),
            temporary_relation_only=get("temporary_relation_only", i, False),
            political_rights_deprived=get("political_rights_deprived", i, False),
            township_experience_months=get("township_experience_months", i),
            categories=frozenset(enum(PersonCategory, c) for c in get("categories", i, ())),
            id_number=None if number is None else IdNumber(number),
        )
        out.append(
            Candidate(
                person=person,
                office=enum(Office, columns["office"][i]),
                tenure=get("tenure", i, Tenure.NEW),
                nomination=enum(NominationRoute, get("nomination", i, "ORGANIZATION")),
                vetting=Vetting(
                    records=get("records", i) or (),
                    attestations=get("attestations", i, ()),
                    prechecks=get("prechecks", i, ()),
                ),
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(heavy_rosters(), st.integers(1, 9), st.booleans())
def test_column_screen_of_full_records_equals_screen_many(
    roster: Any, chunk: int, unique: bool
) -> None:
    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.eligibility.columns import screen_column_chunks, screen_columns

    election, policy, columns = roster
    if unique:  # every key new: chunks are answered column by column, not row by row
        columns["key"] = [f"键{i}" for i in range(len(columns["name"]))]
    expected = screen_many(_as_full_candidates(columns), election, policy, on_error="report")
    assert screen_columns(columns, election, policy, on_error="report") == expected
    n = len(columns["name"])
    chunks = [{k: v[i : i + chunk] for k, v in columns.items()} for i in range(0, n, chunk)]
    got = [
        r
        for part in screen_column_chunks(chunks, election, policy, on_error="report")
        for r in part
    ]
    assert tuple(got) == expected
    checks = ["identity", "age", "negative_lists"]
    assert screen_columns(
        columns, election, policy, checks=checks, on_error="report"
    ) == screen_many(
        _as_full_candidates(columns), election, policy, checks=checks, on_error="report"
    )


def test_column_screen_reports_each_bad_value_with_its_path() -> None:
    """Values no Candidate takes are bad rows with the path a built Candidate would report;
    the other rows are screened as usual."""
    import datetime as dt

    from huanjie_rules.eligibility import screen
    from huanjie_rules.eligibility.columns import screen_columns
    from huanjie_rules.testing.votes import make_election

    election = make_election(
        "party-basic-2020",
        seats={Office.SECRETARY: 1},
        candidates={Office.SECRETARY: []},
        entitled=90,
    )
    policy = load_policy("party-basic-2020")
    born = dt.date(1970, 1, 1)
    n = 9
    columns: dict[str, list[Any]] = {
        "name": ["甲", " ", "丙", "丁", "戊", "己", "庚", "辛", "壬"],
        "gender": ["MALE", "MALE", "MALE", "X", "MALE", "MALE", "MALE", "MALE", "MALE"],
        "birth_date": [born, born, dt.date(1899, 12, 31), born, born, born, born, born, born],
        "office": ["SECRETARY"] * n,
        "id_number": [None, None, None, None, "123", None, None, None, None],
        "party_standing": ["FULL_MEMBER"] * 5 + ["NON_MEMBER"] + ["FULL_MEMBER"] * 3,
        "party_joined": [None] * 5 + [dt.date(2000, 1, 1), dt.date(1969, 12, 31), None, None],
        "records": [None] * 7 + [[{"kind": "X"}], None],
        "township_experience_months": [None] * 8 + [-1],
    }
    rows = screen_columns(columns, election, policy, on_error="report")
    bad = [(r.index, r.code, r.path) for r in rows if isinstance(r, ScreenError)]
    assert bad == [
        (1, "EMPTY", "candidates[1].person.name"),
        (2, "RANGE", "candidates[2].person.birth_date"),
        (3, "TYPE", "candidates[3].person.gender"),
        (4, "ID_SHAPE", "candidates[4].person.id_number"),
        (5, "INCONSISTENT", "candidates[5].person.party_joined"),
        (6, "DATE_ORDER", "candidates[6].person.party_joined"),
        (7, "TYPE", "candidates[7].vetting.records[0]"),
        (8, "RANGE", "candidates[8].person.township_experience_months"),
    ]
    assert "123" not in rows[4].message  # type: ignore[union-attr]
    assert rows[0] == screen(
        _as_full_candidates({k: v[:1] for k, v in columns.items()})[0], election, policy
    )


@pytest.mark.parametrize("on_error", ["report", "raise"])
def test_column_screen_refuses_odd_cells_with_its_own_errors(on_error: str) -> None:
    """Every column, one odd value at a time in a roster of full records: a library error or
    one result per row, never another exception."""
    import datetime as dt
    import math

    from huanjie_rules.eligibility.columns import COLUMNS, screen_columns
    from huanjie_rules.errors import HuanjieError
    from huanjie_rules.model import Attestation, RecordFact
    from huanjie_rules.testing.votes import make_election

    election = make_election(
        "xzhen-2021", seats={Office.MEMBER: 2}, candidates={Office.MEMBER: []}, entitled=90
    )
    policy = load_policy("xzhen-2021")
    base: dict[str, Any] = {
        "name": "甲",
        "gender": "MALE",
        "birth_date": dt.date(1980, 1, 1),
        "office": "MEMBER",
        "key": "甲",
        "tenure": "NEW",
        "ethnicity": "汉族",
        "id_number": "110105198001010011",
        "party_standing": "FULL_MEMBER",
        "party_joined": dt.date(2005, 1, 1),
        "party_confirmed": dt.date(2006, 1, 1),
        "temporary_relation_only": False,
        "political_rights_deprived": False,
        "township_experience_months": 3,
        "categories": ["FARMER"],
        "education_full_time": "HIGH_SCHOOL",
        "education_in_service": None,
        "degree_full_time": None,
        "degree_in_service": None,
        "nomination": "ORGANIZATION",
        "records": [RecordFact(kind="CRIMINAL_SENTENCE", ended=dt.date(2001, 1, 1))],
        "attestations": [Attestation(item="SHI_BU_TUI_01", holds=False)],
        "prechecks": [],
    }
    assert set(base) == set(COLUMNS)
    odd = [None, math.nan, b"x", {"a": 1}, [[]], 10**30, -1, "", " ", dt.datetime(1980, 1, 1),
           object(), ("x",), {1, 2}, "110105198001010011" * 3]  # fmt: skip
    for column in COLUMNS:
        for value in odd:
            columns = {name: [v, v] for name, v in base.items()}
            columns["key"] = ["甲", "乙"]
            columns[column] = [value, base[column]]
            try:
                rows = screen_columns(columns, election, policy, on_error=on_error)  # type: ignore[arg-type]
            except HuanjieError:
                continue
            assert len(rows) == 2, (column, value)


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_column_screen_takes_a_dataframe(library: str) -> None:
    import datetime as dt

    from huanjie_rules.eligibility import screen_many
    from huanjie_rules.eligibility.columns import screen_column_chunks, screen_columns
    from huanjie_rules.errors import RuleInputError
    from huanjie_rules.testing.votes import make_election

    frames = pytest.importorskip(library)
    election = make_election(
        "npc-2020", seats={Office.NPC_DEPUTY: 3}, candidates={Office.NPC_DEPUTY: []}, entitled=900
    )
    policy = load_policy("npc-2020")
    columns: dict[str, list[Any]] = {
        "name": ["甲", "乙", "丙", "丁"],
        "gender": ["MALE", "FEMALE", "MALE", "FEMALE"],
        "birth_date": [dt.date(1970, 5, 5), dt.date(2004, 1, 1), dt.date(1980, 2, 29), None],
        "office": ["NPC_DEPUTY"] * 4,
        "id_number": ["110105197005050011", None, None, None],
    }
    frame = frames.DataFrame(columns)
    if library == "pandas":
        frame["birth_date"] = frame["birth_date"].astype(object)
    got = screen_columns(frame, election, policy, on_error="report")
    assert got == screen_columns(columns, election, policy, on_error="report")
    assert got[:3] == screen_many(_as_full_candidates(
        {k: v[:3] for k, v in columns.items()}), election, policy)  # fmt: skip
    assert isinstance(got[3], ScreenError) and got[3].path == "candidates[3].person.birth_date"
    assert [r for part in screen_column_chunks([frame], election, policy, on_error="report")
            for r in part] == list(got)  # fmt: skip
    with pytest.raises(RuleInputError) as info:
        screen_columns([1, 2], election, policy)
    assert info.value.code == "TYPE"


def test_copies_under_another_key_set_every_field() -> None:
    """``_relabel`` sets the fields of a result and its findings by name: the names are those
    of the classes, and a copy equals the original but for the subject."""
    import attrs as attrs_

    from huanjie_rules.eligibility import screen
    from huanjie_rules.eligibility._column_values import (
        _FINDING_FIELDS,
        _VERDICT_FIELDS,
        _relabel,
    )
    from huanjie_rules.findings import Eligibility, Finding
    from huanjie_rules.model import Candidate, Gender, Person
    from huanjie_rules.testing.votes import make_election

    assert set(_FINDING_FIELDS) == {f.name for f in attrs_.fields(Finding)}
    assert set(_VERDICT_FIELDS) == {f.name for f in attrs_.fields(Eligibility)}
    election = make_election(
        "npc-2020", seats={Office.NPC_DEPUTY: 1}, candidates={Office.NPC_DEPUTY: []}, entitled=90
    )
    young = Person(name="甲", gender=Gender.MALE, birth_date=election.date.replace(year=2010))
    result = screen(
        Candidate(person=young, office=Office.NPC_DEPUTY), election, load_policy("npc-2020")
    )
    assert result.findings
    copy = _relabel(result, "乙")
    assert copy == attrs_.evolve(
        result,
        subject="乙",
        findings=[attrs_.evolve(f, subject="乙") for f in result.findings],
    )
