"""Smoke program of the extra ``dask`` (dask.distributed).

``python -I smoke/extra_dask.py`` in an environment with the extra: stations counted on a local
cluster give the single-process tally. With ``--absent``, in one without it: the library still
imports, and counting on a cluster refuses with MissingExtraError naming the extra.
"""

from __future__ import annotations

import sys
from typing import Any

from huanjie_rules import Ballot, Choice, Office, Seat, Vote, load_policy
from huanjie_rules.errors import MissingExtraError
from huanjie_rules.scale.dask import Station, count_stations, count_stations_local
from huanjie_rules.votes import BallotEntry, BallotPaper

PAPER = BallotPaper(
    election="e",
    seats=[Seat(office=Office.NPC_DEPUTY, count=1)],
    entries=[BallotEntry(office=Office.NPC_DEPUTY, person=p) for p in ("甲", "乙")],
)
YES = Ballot(votes=[Vote(candidate="甲", choice=Choice.FOR)])
NO = Ballot(votes=[Vote(candidate="乙", choice=Choice.FOR)])
STATIONS = [Station(key=f"站{i}", issued=3, ballots=[YES, YES, NO]) for i in range(5)]


def present() -> None:
    import distributed

    client_type: Any = distributed.Client
    cluster_type: Any = distributed.LocalCluster
    policy = load_policy("npc-2020")
    with (
        cluster_type(n_workers=1, processes=False, dashboard_address=":0") as cluster,
        client_type(cluster) as client,
    ):
        total = count_stations(client, PAPER, policy, STATIONS, split_every=2)
    assert total == count_stations_local(PAPER, policy, STATIONS)
    assert (total.votes_for("甲"), total.votes_for("乙")) == (10, 5)
    print("dask smoke passed")


def absent() -> None:
    try:
        count_stations(object(), PAPER, load_policy("npc-2020"), STATIONS)
    except MissingExtraError as err:
        assert err.extra == "dask" and "huanjie-rules[dask]" in str(err), err
    else:
        raise AssertionError("counting on a cluster worked without the dask extra")
    print("dask absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
