"""Counts and screens on a real dask.distributed LocalCluster (2 worker processes): the answer is
the single-process one, and a worker killed mid-count costs a retry of its partition only."""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")
np = pytest.importorskip("numpy")

from huanjie_rules.eligibility import ScreenError, screen_many  # noqa: E402
from huanjie_rules.errors import RuleInputError  # noqa: E402
from huanjie_rules.model import (  # noqa: E402
    Ballot,
    BodyKind,
    Candidate,
    Choice,
    Election,
    ElectionForm,
    Gender,
    Level,
    Office,
    Person,
    Regime,
    Seat,
    Vote,
    WriteIn,
)
from huanjie_rules.policy import load_policy  # noqa: E402
from huanjie_rules.scale.dask import (  # noqa: E402
    Station,
    count_stations,
    count_stations_local,
    screen_counties,
)
from huanjie_rules.votes import BallotEntry, BallotPaper, Tally, tally_ballots  # noqa: E402
from huanjie_rules.votes.fast import tally_array  # noqa: E402

POLICY = load_policy("village-2018")
D, M = Office.VILLAGE_DIRECTOR, Office.VILLAGE_MEMBER
PAPER = BallotPaper(
    election="省",
    seats=[Seat(office=D, count=1), Seat(office=M, count=2)],
    entries=[BallotEntry(office=D, person=p) for p in ("甲", "乙")]
    + [BallotEntry(office=M, person=p) for p in ("甲", "丙", "丁")],
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _stations(n: int, seed: int) -> list[Station]:
    rng = np.random.default_rng(seed)
    out = []
    writein = Ballot(
        votes=[Vote(candidate="乙", office=D, choice=Choice.AGAINST)],
        write_ins=[WriteIn(name="戊", office=D)],
    )
    for i in range(n):
        rows = int(rng.integers(0, 300))
        marks = rng.integers(0, 3, size=(rows, len(PAPER.entries)), dtype=np.uint8)
        unreadable = rng.random(rows) < 0.02
        out.append(
            Station(
                key=f"站{i:03d}",
                issued=rows + 2,
                marks=marks,
                unreadable=unreadable,
                ballots=[writein] * int(rng.integers(0, 3)),
            )
        )
    return out


def test_count_on_two_workers_equals_single_process(client: Any) -> None:
    stations = _stations(40, seed=1)
    local = count_stations_local(PAPER, POLICY, stations)
    # The same ballots in one matrix and one list: partitioning changes nothing.
    whole = tally_array(
        PAPER,
        np.concatenate([s.marks for s in stations]),
        POLICY,
        issued=sum(s.issued for s in stations),
        unreadable=np.concatenate([s.unreadable for s in stations]),
    ) + tally_ballots(PAPER, [b for s in stations for b in s.ballots], POLICY, issued=0)
    assert local == whole
    for split in (2, 5, 64):
        assert count_stations(client, PAPER, POLICY, stations, split_every=split) == local
    assert count_stations(client, PAPER, POLICY, []) == Tally.empty(PAPER)


def test_a_worker_killed_mid_count_costs_a_retry_and_the_total_is_exact(
    client: Any, tmp_path: Path
) -> None:
    stations = _stations(12, seed=2)
    flag = tmp_path / "killed-once"
    pid_file = tmp_path / "victim"

    def loader(i: int) -> Callable[[], Station]:
        station = stations[i]

        def load() -> Station:
            if i == 7 and not flag.exists():
                flag.write_text("x")
                pid_file.write_text(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)  # the worker process dies mid-count
            return station

        return load

    total = count_stations(client, PAPER, POLICY, [loader(i) for i in range(12)])
    assert flag.exists(), "the worker was never killed"
    assert total == count_stations_local(PAPER, POLICY, stations)
    client.wait_for_workers(2, timeout=60)


def _election() -> Election:
    return Election(
        key="县",
        regime=Regime.NPC,
        policy_id="npc-2020",
        body=BodyKind.PEOPLES_CONGRESS,
        level=Level.TOWNSHIP,
        form=ElectionForm.DIRECT_VOTERS,
        date=dt.date(2021, 11, 5),
        seats=[Seat(office=Office.NPC_DEPUTY, count=3)],
        entitled_voters=9_000,
    )


def _county(prefix: str, n: int, extra: list[Candidate] | None = None) -> list[Candidate]:
    rows = [
        Candidate(
            person=Person(
                name=f"{prefix}{i}",
                gender=Gender.FEMALE,
                birth_date=dt.date(1950 + i % 60, 1 + i % 12, 1 + i % 28),
            ),
            office=Office.NPC_DEPUTY,
        )
        for i in range(n)
    ]
    return rows + (extra or [])


def test_roster_by_county_equals_one_batch(client: Any) -> None:
    policy = load_policy("npc-2020")
    election = _election()
    stray = Candidate(
        person=Person(name="外", gender=Gender.MALE, birth_date=dt.date(1980, 1, 1)),
        office=Office.GOVERNMENT_HEAD,
    )
    a = _county("甲县", 30)
    b = _county("乙县", 25, extra=[stray, a[3]])  # an unknown office; a key of the first county
    c = _county("丙县", 0)
    d = _county("丁县", 10, extra=[a[3], b[0], b[0]])  # repeats across and within counties
    counties: list[Any] = [a, b, c, lambda: d]
    roster = [*a, *b, *c, *d]
    expected = screen_many(roster, election, policy, on_error="report")
    got = screen_counties(client, counties, election, policy, on_error="report")
    assert got == expected
    assert sum(isinstance(r, ScreenError) for r in got) == 5
    with pytest.raises(RuleInputError) as one:
        screen_many(roster, election, policy)
    with pytest.raises(RuleInputError) as many:
        screen_counties(client, counties, election, policy)
    assert (many.value.code, many.value.path, str(many.value)) == (
        one.value.code,
        one.value.path,
        str(one.value),
    )
    assert screen_counties(client, [a[:5], b[:5]], election, policy) == screen_many(
        a[:5] + b[:5], election, policy
    )


def test_bad_arguments_are_refused_with_codes(client: Any) -> None:
    with pytest.raises(RuleInputError) as err:
        count_stations(object(), PAPER, POLICY, [])
    assert (err.value.code, err.value.path) == ("TYPE", "client")
    with pytest.raises(RuleInputError) as err:
        count_stations(client, PAPER, POLICY, [], split_every=1)
    assert (err.value.code, err.value.path) == ("RANGE", "split_every")
    with pytest.raises(RuleInputError) as err:
        screen_counties(client, [[]], _election(), load_policy("village-2018"))
    assert err.value.code == "REGIME_MISMATCH"
    not_a_station: Any = lambda: "not a station"  # noqa: E731
    with pytest.raises(RuleInputError) as err:
        count_stations(client, PAPER, POLICY, [not_a_station])
    assert err.value.code == "TYPE"
