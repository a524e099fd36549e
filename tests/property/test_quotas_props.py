"""Properties of the quota and apportionment arithmetic (anchors.md §6: conservation of seats,
monotonicity, scale invariance, determinism)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from huanjie_rules.apportion import ApportionMethod, apportion
from huanjie_rules.errors import RuleInputError
from huanjie_rules.io import from_json, to_json
from huanjie_rules.model import ElectionForm, Level, Office
from huanjie_rules.policy import load_policy
from huanjie_rules.quotas import DeputyQuota, check_margin, deputy_quota, margin_bounds

PB20 = load_policy("party-basic-2020")
NPC = {"npc-2015": load_policy("npc-2015"), "npc-2020": load_policy("npc-2020")}
DIVISOR = [ApportionMethod.DHONDT, ApportionMethod.SAINTE_LAGUE, ApportionMethod.HUNTINGTON_HILL]

weights_st = st.dictionaries(
    st.text(alphabet="甲乙丙丁戊己庚辛壬癸", min_size=1, max_size=3),
    st.integers(min_value=0, max_value=5_000),
    min_size=1,
    max_size=8,
).filter(lambda w: sum(w.values()) > 0)
methods_st = st.sampled_from(list(ApportionMethod))


@given(weights=weights_st, seats=st.integers(1, 120), method=methods_st, minimum=st.integers(0, 2))
def test_allocations_sum_exactly_to_the_seats(
    weights: dict[str, int], seats: int, method: ApportionMethod, minimum: int
) -> None:
    assume(minimum * len(weights) <= seats)
    result = apportion(PB20, weights, seats, method=method, minimum=minimum)
    open_seats = result.tie.seats if result.tie else 0
    assert sum(result.allocation.values()) + open_seats == seats
    assert all(s >= minimum for s in result.allocation.values())
    assert sum((u.quota for u in result.units), Fraction(0)) == seats
    if result.tie:
        assert 0 < result.tie.seats < len(result.tie.units)
        assert list(result.tie.units) == sorted(result.tie.units)


@given(weights=weights_st, seats=st.integers(1, 120))
def test_largest_remainder_stays_within_quota(weights: dict[str, int], seats: int) -> None:
    result = apportion(PB20, weights, seats, method=ApportionMethod.LARGEST_REMAINDER, minimum=0)
    for unit in result.units:
        low = unit.quota.numerator // unit.quota.denominator
        high = -((-unit.quota.numerator) // unit.quota.denominator)
        assert low <= unit.seats <= high
        if unit.in_tie:
            assert unit.seats + 1 <= high


@given(
    weights=weights_st,
    seats=st.integers(1, 80),
    method=st.sampled_from(DIVISOR),
    minimum=st.integers(0, 1),
)
def test_divisor_methods_are_house_monotone(
    weights: dict[str, int], seats: int, method: ApportionMethod, minimum: int
) -> None:
    assume(minimum * len(weights) <= seats)
    small = apportion(PB20, weights, seats, method=method, minimum=minimum)
    large = apportion(PB20, weights, seats + 1, method=method, minimum=minimum)
    for key, held in small.allocation.items():
        tied_bonus = 1 if large.tie and key in large.tie.units else 0
        assert held <= large.allocation[key] + tied_bonus


@given(
    weights=weights_st,
    seats=st.integers(1, 80),
    method=methods_st,
    factor=st.integers(2, 1_000),
)
def test_scaling_weights_leaves_allocation_unchanged(
    weights: dict[str, int], seats: int, method: ApportionMethod, factor: int
) -> None:
    base = apportion(PB20, weights, seats, method=method, minimum=0)
    scaled = apportion(
        PB20, {k: w * factor for k, w in weights.items()}, seats, method=method, minimum=0
    )
    fractional = apportion(
        PB20, {k: Fraction(w, factor) for k, w in weights.items()}, seats, method=method, minimum=0
    )
    assert base.allocation == scaled.allocation == fractional.allocation
    assert base.tie == scaled.tie == fractional.tie


@given(weights=weights_st, seats=st.integers(1, 60), method=methods_st)
def test_apportionment_round_trips_through_json(
    weights: dict[str, int], seats: int, method: ApportionMethod
) -> None:
    from huanjie_rules.apportion import Apportionment

    result = apportion(PB20, weights, seats, method=method, minimum=0)
    assert from_json(to_json(result), Apportionment) == result


@given(
    profile=st.sampled_from(sorted(NPC)),
    level=st.sampled_from([Level.COUNTY, Level.TOWNSHIP]),
    population=st.integers(0, 4_000_000),
    step=st.integers(0, 200_000),
    uplift=st.booleans(),
)
def test_deputy_quotas_non_decreasing_and_capped(
    profile: str, level: Level, population: int, step: int, uplift: bool
) -> None:
    policy = NPC[profile]
    low = deputy_quota(policy, level, population, minority_uplift=uplift)
    high = deputy_quota(policy, level, population + step, minority_uplift=uplift)
    assert low.total <= high.total
    assert low.capped_total <= high.capped_total
    assert low.capped_total <= low.cap
    assert low.total <= low.cap + low.cap // 20
    assert low.total == low.capped_total + low.uplift
    assert from_json(to_json(low), DeputyQuota) == low


def _offices() -> list[tuple[str, Office, ElectionForm | None]]:
    out: list[tuple[str, Office, ElectionForm | None]] = []
    for pid in (
        "party-basic-2020",
        "party-basic-1990",
        "party-local-2020",
        "npc-2020",
        "village-2018",
        "xzhen-2021",
        "luonan-2011",
        "county-township-2006",
        "county-pilot-2011",
    ):
        policy = load_policy(pid)
        for office in Office:
            for form in (None, ElectionForm.DIRECT_VOTERS, ElectionForm.INDIRECT_DEPUTIES):
                try:
                    margin_bounds(policy, office, 1, form=form)
                except RuleInputError:
                    continue
                out.append((pid, office, form))
                break
    return out


OFFICES = _offices()


@given(
    target=st.sampled_from(OFFICES),
    seats=st.integers(1, 400),
    previous=st.none() | st.fractions(min_value=0, max_value=1, max_denominator=50),
)
def test_margin_bounds_form_an_interval(
    target: tuple[str, Office, ElectionForm | None], seats: int, previous: Fraction | None
) -> None:
    pid, office, form = target
    policy = load_policy(pid)
    bounds = margin_bounds(policy, office, seats, form=form, previous_margin=previous)
    assert bounds.min_candidates >= seats
    top = bounds.max_candidates if bounds.max_candidates is not None else bounds.min_candidates + 3
    for candidates in range(max(0, bounds.min_candidates - 3), top + 4):
        result = check_margin(
            policy, office, seats, candidates, form=form, previous_margin=previous
        )
        inside = bounds.admits(candidates)
        broken = {"MARGIN_BELOW_MIN", "MARGIN_ABOVE_MAX"} & set(result.codes())
        assert inside == (not broken), (pid, office, seats, candidates)


@given(seats=st.integers(1, 1_000))
def test_margin_is_computed_on_seats(seats: int) -> None:
    # 差额不少于应选人数的20%: the fewest extra candidates is ceil(seats / 5), on the seats.
    bounds = margin_bounds(PB20, Office.PARTY_DELEGATE, seats)
    extra = bounds.min_candidates - seats
    assert 5 * extra >= seats > 5 * (extra - 1)
