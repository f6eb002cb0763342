"""Projections: law 2 (time commitment drives duration) and law 6 (honest uncertainty)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning import uncertainty
from eminence.planning.projection import trials as projection_trials
from eminence.planning.projection.outcomes import _quantiles
from eminence.planning.projection.paths import Trials, _stock
from eminence.planning.projection.reaching import (
    BAND_TRIALS,
    BLOCK_TRIALS,
    Block,
    _Reaching,
    goal_sources,
    starting_decay,
)
from eminence.testing import random_profile, random_profile_data

SCIPY = pytest.mark.extra("scipy")  # the reference the laws are checked against

seeds = st.integers(min_value=0, max_value=10_000)


def _linear_profile(hours: float, **goal: Any) -> dict[str, Any]:
    """One forum, certain yields, no listening, events or holidays, far below saturation."""
    return {
        "name": "Linear",
        "topics": [{"id": "t"}],
        "expertise": [{"topic": "t", "depth": 1.0}],
        "segments": [{"id": "s", "size": 100, "needs": {"t": 1.0}}],
        "metrics": [
            {"id": "replies", "kind": "engagement"},
            {"id": "members", "kind": "engagement", "churn_per_week": 0.05},
        ],
        "venues": [
            {
                "id": "forum",
                "kind": "forum",
                "audience": {"s": 1.0},
                "effort_hours": 1.0,
                "cadence": 1000,
                "yields": {"replies": 2.0, "members": 1.0},
            }
        ],
        "goals": [{"id": "g", "metric": "replies", "target": 40, **goal}],
        "capacity": {"hours_per_week": hours, "start": "2027-01-04"},
    }


def _project(data: dict[str, Any], **options: Any) -> em.results.GoalProjection:
    return em.plan(em.model.Profile.model_validate(data), **options).projections.goals[0]


class TestTimeCommitmentDrivesDuration:
    def test_half_the_hours_take_exactly_twice_as_long(self) -> None:
        full = _project(_linear_profile(2.0))
        half = _project(_linear_profile(1.0))
        assert full.expected_weeks is not None
        assert half.expected_weeks is not None
        assert half.expected_weeks == pytest.approx(2 * full.expected_weeks, rel=1e-3)
        assert full.binding is em.results.Binding.HOURS

    @settings(max_examples=25, deadline=None)
    @given(seeds, st.floats(min_value=0.5, max_value=20), st.integers(0, 5))
    def test_more_hours_never_make_a_goal_later(self, seed: int, hours: float, events: int) -> None:
        """Except a goal that a newly taken event names as the one it makes later."""
        planner = em.Planner(
            em.model.Profile.model_validate(random_profile_data(seed, events=events)), trials=200
        )
        fewer, more = planner.plan(hours), planner.plan(hours * 1.5)
        taken = {choice.event for choice in fewer.allocation.events if choice.taken}
        traded = {
            goal
            for choice in more.allocation.events
            if choice.taken and choice.event not in taken
            for goal in choice.later_goals
        }
        pairs = zip(fewer.projections.goals, more.projections.goals, strict=True)
        for before, after in pairs:
            for field in ("expected_date", "p50"):
                earlier, later = getattr(after, field), getattr(before, field)
                if later is not None and before.goal not in traded:
                    assert earlier is not None, field
                    assert earlier <= later, field

    @pytest.mark.parametrize("event", ["midwest-2027", "pmi-pd-day-2027"])
    def test_a_goal_an_event_trades_is_named_with_the_days_it_loses(self, event: str) -> None:
        # Each talk serves the invitations but takes split hours from the conversations.
        profile = em.example("consultant")
        plan = em.plan(profile, trials=200)
        choice = next(choice for choice in plan.allocation.events if choice.event == event)
        assert choice.taken
        assert choice.later_goals == ("qualified-conversations",)
        venues = tuple(
            venue.replace(events=tuple(e for e in venue.events if e.id != event))
            for venue in profile.venues
        )
        without = em.plan(profile.replace(venues=venues), trials=200)
        with_it = plan.projections.goal("qualified-conversations").expected_date
        skipped = without.projections.goal("qualified-conversations").expected_date
        assert with_it is not None
        assert skipped is not None
        days = int(choice.reason.rpartition("about ")[2].split()[0])
        assert abs((with_it - skipped).days - days) <= 1
        served_with = plan.projections.goal("invitations-to-advise").expected_date
        served_without = without.projections.goal("invitations-to-advise").expected_date
        assert served_with is not None
        assert served_without is not None
        assert served_with < served_without

    def test_a_larger_target_is_never_earlier(self) -> None:
        dates = [_project(_linear_profile(2.0, target=target)) for target in (10, 40, 160)]
        weeks = [projection.expected_weeks for projection in dates]
        assert weeks == sorted(weeks)  # type: ignore[type-var]

    def test_holidays_stop_the_clock(self) -> None:
        data = _linear_profile(2.0)
        plain = _project(data)
        data["capacity"]["unavailable"] = [{"start": "2027-01-04", "end": "2027-01-31"}]
        assert plain.expected_date is not None
        assert _project(data).expected_date == plain.expected_date + dt.timedelta(days=28)


class TestChurn:
    def test_below_the_minimum_hours_a_stock_is_never_reached(self) -> None:
        goal = {"metric": "members", "target": 100}
        # Plateau = contributions a week / churn = 1000 (1 - exp(-h / 1000)) / 0.05, so a
        # plateau of 100 needs h = -1000 ln(1 - 0.005): just over 5 hours a week.
        minimum = -1000 * math.log(1 - 0.005)
        below = _project(_linear_profile(4.5, **goal), horizon_weeks=520)
        assert below.expected_date is None
        assert below.binding is em.results.Binding.CHURN
        assert below.minimum_hours_per_week == pytest.approx(minimum, rel=1e-5)
        assert "at least 5.01 h/week" in below.explanation

    def test_just_above_the_minimum_it_is_reached(self) -> None:
        goal = {"metric": "members", "target": 100}
        above = _project(_linear_profile(5.5, **goal), horizon_weeks=520)
        assert above.expected_date is not None
        assert above.binding is em.results.Binding.HOURS


class TestStartingLevel:
    def _stock(self, starting_level: float) -> em.results.GoalProjection:
        data = _linear_profile(2.0, metric="members", target=30, starting_level=starting_level)
        return _project(data, trials=200)

    def test_a_stock_that_starts_at_its_target_is_reached_at_once(self) -> None:
        projection = self._stock(30.0)
        assert projection.expected_weeks == 0.0
        assert projection.p95 == dt.date(2027, 1, 4)

    @settings(max_examples=10, deadline=None)
    @given(st.floats(min_value=0.0, max_value=25.0))
    def test_a_higher_starting_level_is_never_later(self, level: float) -> None:
        lower, higher = self._stock(level), self._stock(level + 3.0)
        assert lower.expected_weeks is not None
        assert higher.expected_weeks is not None
        assert higher.expected_weeks <= lower.expected_weeks

    def test_the_starting_level_churns_like_the_rest(self) -> None:
        # Above its plateau (20 = 1 a week / 5 % churn) a stock falls back and never holds 30.
        data = _linear_profile(1.0, metric="members", target=30, starting_level=40)
        projection = _project(data, trials=200)
        assert projection.expected_at_horizon == pytest.approx(20.0, rel=1e-3)
        assert projection.binding is em.results.Binding.CHURN

    def test_a_counted_goal_takes_no_starting_level(self) -> None:
        with pytest.raises(em.InvalidInputError, match=r"goals\[0\]\.starting_level"):
            em.model.Profile.model_validate(_linear_profile(1.0, starting_level=3))


class TestUncertainty:
    @SCIPY
    def test_monte_carlo_agrees_with_the_poisson_closed_form(self) -> None:
        from scipy import stats

        # Certain yields: counts are Poisson with mean 4 per week; 40 replies by week 9?
        projection = _project(_linear_profile(2.0, deadline="2027-03-08"), trials=20_000, seed=3)
        expected_by_deadline = 4.0 * 9  # nine weeks from 2027-01-04 to 2027-03-08
        exact = float(stats.poisson.sf(39, expected_by_deadline))
        chance = projection.chance_by_deadline
        assert chance is not None
        error = math.sqrt(exact * (1 - exact) / 20_000)
        assert chance == pytest.approx(exact, abs=4 * error)

    def test_quantiles_are_ordered(self) -> None:
        for projection in em.plan(em.example("consultant")).projections.goals:
            dates = [projection.p50, projection.p80, projection.p95]
            known = [day for day in dates if day is not None]
            assert known == sorted(known)
            assert dates.index(None) if None in dates else True

    @settings(max_examples=200, deadline=None)
    @given(
        weeks=st.lists(
            st.one_of(st.floats(0.0, 600.0), st.just(math.inf), st.sampled_from([3.0, 7.5])),
            min_size=1,
            max_size=2_100,
        ),
        levels=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=5),
    )
    def test_quantiles_are_numpys_inverted_cdf(
        self, weeks: list[float], levels: list[float]
    ) -> None:
        # The dates are order statistics, found by one partition: the very trials NumPy's
        # inverted CDF picks, ties, unreached trials and a level on a rank's edge included.
        for level in (*levels, 0.5, 0.8, 0.95):
            picked = _quantiles(np.array(weeks), (level,))
            assert picked == np.quantile(weeks, [level], method="inverted_cdf").tolist()

    def test_not_within_the_horizon_is_explicit(self) -> None:
        projection = _project(_linear_profile(0.01), horizon_weeks=52)
        assert projection.expected_date is None
        assert projection.p50 is None
        assert projection.chance_within_horizon == 0.0
        assert projection.duration == "not within the horizon"

    def test_same_seed_same_projection(self) -> None:
        profile = em.example("executive")
        first = em.plan(profile, seed=11).projections.model_dump_json()
        assert em.plan(profile, seed=11).projections.model_dump_json() == first


class TestTrialsInBlocks:
    """Trials go through the projection in blocks: memory stays flat as trials grow, and
    neither the blocks nor whether the draws are kept changes a number."""

    def test_a_plan_is_the_same_whether_its_draws_are_kept_or_drawn_again(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        profile = em.example("community")  # counted and churning goals, events taken
        trials = 2 * BLOCK_TRIALS + 77  # a short last block
        kept = em.plan(profile, seed=3, trials=trials).model_dump_json()
        monkeypatch.setattr(uncertainty, "KEPT_BYTES", 0)
        assert em.plan(profile, seed=3, trials=trials).model_dump_json() == kept

    @settings(max_examples=6, deadline=None)
    @given(st.integers(0, 2**32 - 1))
    def test_a_plan_is_the_same_whatever_groups_its_stocks_go_in(self, seed: int) -> None:
        # Stocks' churned sources are held a group of goals at a time (CHURNED_BYTES): one
        # stock a group, or all at once, the same plan.
        profile = random_profile(seed, goals=4)
        together = em.plan(profile, seed=seed, trials=300).model_dump_json()
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(projection_trials, "CHURNED_BYTES", 1)
            assert em.plan(profile, seed=seed, trials=300).model_dump_json() == together

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.booleans(), max_size=40), st.integers(1, 8), st.integers(1, 5))
    def test_goals_go_in_order_in_groups_that_hold_few_stocks(
        self, stocks: list[bool], most: int, most_stocks: int
    ) -> None:
        groups = list(
            projection_trials._groups(range(len(stocks)), most, most_stocks, stocks.__getitem__)
        )
        assert [g for group in groups for g in group] == list(range(len(stocks)))
        for group in groups:
            assert 0 < len(group) <= most
            assert sum(stocks[g] for g in group) <= most_stocks
        # A group closes only when the next goal would overfill it.
        for group, following in itertools.pairwise(groups):
            held = sum(stocks[g] for g in group)
            assert len(group) == most or held + stocks[following[0]] > most_stocks

    def test_a_block_lent_is_the_threads_alone_and_never_lent_twice_at_once(self) -> None:
        # The working arrays go from one projection to the next in a thread; a projection
        # inside another (or another thread) works in arrays of its own.
        spare = _lent(4, 3)
        with Block.lent(4, 3) as outer, Block.lent(4, 3) as inner:
            assert outer is spare
            assert inner is not spare
        with Block.lent(4, 3) as again:
            assert again in (outer, inner)
            with ThreadPoolExecutor(1) as pool:
                elsewhere = pool.submit(_lent, 4, 3).result()
            assert elsewhere is not again

    def test_a_plan_is_the_same_after_plans_of_other_horizons(self) -> None:
        profile = em.example("community")
        alone = em.plan(profile, seed=2, trials=300).model_dump_json()
        em.plan(profile, seed=2, trials=300, horizon_weeks=104)
        em.plan(em.example("consultant"), seed=2, trials=1_100)
        assert em.plan(profile, seed=2, trials=300).model_dump_json() == alone

    def test_each_trial_has_the_same_numbers_in_a_plan_of_any_size(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        gathered: dict[int, list[np.ndarray[Any, Any]]] = {}
        result = _Reaching.result

        def keep(reaching: _Reaching) -> Trials:
            trials = result(reaching)
            gathered.setdefault(len(trials.reached), []).append(trials.reached)
            return trials

        monkeypatch.setattr(_Reaching, "result", keep)
        for trials in (BLOCK_TRIALS - 100, 3 * BLOCK_TRIALS + 5):
            em.plan(em.example("community"), seed=5, trials=trials)
        # The plan's own projection of its two goals comes first; the hours searches behind
        # what binds them follow, at levels that depend on the trials.
        few, many = gathered[BLOCK_TRIALS - 100][:2], gathered[3 * BLOCK_TRIALS + 5][:2]
        for small, large in zip(few, many, strict=True):
            assert np.array_equal(small, large[: len(small)])

    def test_memory_grows_with_the_goals_not_with_the_draws(self) -> None:
        profile = em.example("consultant")
        peaks = []
        for trials in (10_000, 100_000):
            planner = em.Planner(profile, trials=trials)
            tracemalloc.start()
            try:
                planner.plan()
                peaks.append(tracemalloc.get_traced_memory()[1])
            finally:
                tracemalloc.stop()
        # What grows is each goal's weeks in every trial, kept for its quantiles (with a
        # copy for them); every draw and path lives in one block at a time.
        kept_weeks = 2 * len(profile.goals) * 90_000 * 8
        assert peaks[1] <= peaks[0] + kept_weeks + 2**20
        assert peaks[1] < 32 * 2**20


class TestBadOptions:
    def test_a_horizon_beyond_ten_years_is_refused(self) -> None:
        with pytest.raises(em.EminenceError, match="horizon_weeks must be from 1 to 520"):
            em.plan(em.example("executive"), horizon_weeks=600)

    def test_a_start_at_the_end_of_the_calendar_is_refused_not_overflowed(self) -> None:
        data = _linear_profile(2.0)
        data["capacity"]["start"] = "9995-01-01"
        with pytest.raises(em.InvalidInputError, match="less than ten years of calendar"):
            em.model.Profile.model_validate(data)

    def test_the_latest_start_plans_without_overflow(self) -> None:
        data = _linear_profile(2.0)
        data["capacity"]["start"] = "9989-12-31"
        assert _project(data, horizon_weeks=520).expected_date is not None


class TestDuration:
    @pytest.mark.parametrize(
        ("weeks", "text"),
        [
            (1.2, "about 1 week"),
            (6, "about 6 weeks"),
            (30.5, "about 7 months"),
            (130, "about 2.5 years"),
            (None, "not within the horizon"),
        ],
    )
    def test_human_terms(self, weeks: float | None, text: str) -> None:
        assert em.results.human_duration(weeks) == text


class TestProgressBand:
    @pytest.mark.parametrize("name", ["consultant", "executive", "community"])
    def test_is_ordered_and_spans_the_horizon(self, name: str) -> None:
        projections = em.plan(em.example(name), trials=400).projections
        for goal in projections.goals:
            band = goal.progress
            assert band.dates[0] == em.example(name).capacity.start
            assert (band.dates[-1] - band.dates[0]).days == 7 * projections.horizon_weeks
            assert list(band.dates) == sorted(set(band.dates))
            for low, median, high in zip(band.low, band.median, band.high, strict=True):
                assert 0.0 <= low <= median <= high
            assert band.expected[-1] == goal.expected_at_horizon

    @SCIPY
    def test_a_counted_band_is_the_poisson_law_of_the_expected_count(self) -> None:
        from scipy import stats

        # Certain estimates and no events: every trial has the same mean, so the band is the
        # Poisson law of the expected count, sampled.
        band = _project(_linear_profile(2.0, target=400), trials=BAND_TRIALS).progress
        for expected, *levels in zip(band.expected, band.low, band.median, band.high, strict=True):
            law = stats.poisson(expected)
            for level, value in zip((0.1, 0.5, 0.9), levels, strict=True):
                # Four standard errors of a sample quantile, plus one for the integer step.
                density = max(law.pmf(law.ppf(level)), 1e-12)
                error = math.sqrt(level * (1 - level) / BAND_TRIALS) / density
                assert value == pytest.approx(law.ppf(level), abs=4 * error + 1)

    @settings(max_examples=15, deadline=None)
    @given(seeds, st.integers(0, 4))
    def test_every_quantile_follows_one_path_per_trial(self, seed: int, events: int) -> None:
        """A count only grows, so none of its quantiles falls; a stock falls by at most its
        churn each week, so none of its quantiles falls faster."""
        profile = em.model.Profile.model_validate(random_profile_data(seed, events=events))
        for goal in em.plan(profile, trials=300).projections.goals:
            band = goal.progress
            churn = profile.metric(profile.goal(goal.goal).metric).churn_per_week
            weeks = [(day - band.dates[0]).days // 7 for day in band.dates]
            for levels in (band.low, band.median, band.high):
                for t in range(1, len(levels)):
                    kept = 1.0 if churn is None else (1.0 - churn) ** (weeks[t] - weeks[t - 1])
                    assert levels[t] >= kept * levels[t - 1] * (1 - 1e-12), (goal.goal, t)

    def test_a_certain_stock_has_no_spread(self) -> None:
        band = _project(_linear_profile(2.0, metric="members", target=30)).progress
        assert band.low == band.median == band.high
        assert band.median == pytest.approx(band.expected, rel=1e-12)


def _churned(arrivals: np.ndarray[Any, Any], churn: float, starting_level: float) -> Any:
    """The stock after each week, by its definition: ``s[t] = (1 - churn) s[t-1] + a[t]``
    from ``s[-1]``, the starting level before the first week's churn, along the first axis."""
    stock = np.empty_like(arrivals)
    kept = 1.0 - churn
    level = np.full(arrivals.shape[1:], starting_level / kept)
    for week, arriving in enumerate(arrivals):
        level = stock[week] = kept * level + arriving
    return stock


def _lent(rows: int, weeks: int) -> Block:
    with Block.lent(rows, weeks) as block:
        return block


class TestStockRecurrence:
    """The expected path's closed form and each trial's stock follow the weekly recurrence."""

    @settings(max_examples=50, deadline=None)
    @given(
        st.lists(st.floats(0.0, 1e4), min_size=1, max_size=300),
        st.floats(1e-6, 0.999999),
        st.floats(0.0, 1e4),
    )
    def test_the_closed_form_follows_the_weekly_recurrence(
        self, arrivals: list[float], churn: float, starting_level: float
    ) -> None:
        weekly = np.array(arrivals)
        looped = _churned(weekly[:, np.newaxis], churn, starting_level)[:, 0]
        closed = _stock(np.cumsum(weekly), churn, starting_level)
        assert closed == pytest.approx(looped, rel=1e-9, abs=1e-9)

    @settings(max_examples=50, deadline=None)
    @given(
        st.integers(1, 6),
        st.integers(1, 120),
        st.floats(1e-6, 0.999999),
        st.floats(0.0, 1e4),
        st.integers(0, 2**32 - 1),
    )
    def test_a_trials_stock_is_its_units_times_each_sources_churned_path(
        self, sources: int, weeks: int, churn: float, starting_level: float, seed: int
    ) -> None:
        # A trial's stock is worked out as one product with every source churned on its own
        # (the churn is linear), plus the starting level's decay: the stock its own weekly
        # arrivals, units times each source's, would reach week by week.
        rng = np.random.default_rng(seed)
        paths = np.cumsum(
            rng.exponential(1.0, (sources, weeks)) * (rng.random((sources, weeks)) < 0.7), axis=1
        )
        units = rng.exponential(2.0, (5, sources))
        goal = em.model.Goal(id="g", metric="m", target=1.0, starting_level=starting_level)
        trials = units @ goal_sources(paths, churn) + starting_decay(goal, churn, weeks)
        arrivals = units @ np.diff(paths, axis=1, prepend=0.0)
        looped = _churned(arrivals.T, churn, starting_level).T
        assert trials == pytest.approx(looped, rel=1e-9, abs=1e-9)


class TestEventsThatOnlyDelay:
    def test_an_event_that_would_delay_every_goal_is_refused(self) -> None:
        # From about 4.7 h/week the congress beats the split's marginal hour and fits, but its
        # yield comes too late to make up for its hours: both goals would come later.
        planner = em.Planner(em.example("consultant"), trials=200)
        congress = next(
            e for e in planner.plan(4.75).allocation.events if e.event == "national-2027"
        )
        assert not congress.taken
        assert "no goal sooner" in congress.reason
        dates = [
            [goal.expected_date for goal in planner.plan(hours).projections.goals]
            for hours in (4.7, 4.75)
        ]
        assert all(
            later is not None and earlier is not None and later <= earlier
            for earlier, later in zip(*dates, strict=True)
        )

    def test_a_taken_event_that_trades_a_goal_brings_another_sooner(self) -> None:
        plan = em.plan(em.example("consultant"), trials=200)
        traded = [e for e in plan.allocation.events if e.taken and e.later_goals]
        assert traded
        assert all(set(e.later_goals) != {g.goal for g in plan.projections.goals} for e in traded)
