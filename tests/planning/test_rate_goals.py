"""Rate goals ("5 enquiries a quarter"): reached when the rate holds, over generated profiles."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.held import goal_level, held_rate, per_period
from eminence.testing import random_profile_data

seeds = st.integers(min_value=0, max_value=10_000)
periods = st.sampled_from(["week", "month", "quarter", "year"])
START = dt.date(2027, 1, 4)


def _with_rates(seed: int, per: str, target: float, held_for: int, **sizes: Any) -> dict[str, Any]:
    """A generated profile with three goals on its counted metric among the same segments:
    ``target`` once, ``target`` a ``per``, and the same held for ``held_for`` periods."""
    data = random_profile_data(seed, **sizes)
    counted = next(goal for goal in data["goals"] if goal["metric"] == "m-requests")
    same = {"metric": "m-requests", "segments": counted["segments"], "target": target}
    data["goals"] += [
        {"id": "once", **same},
        {"id": "rate", "per": per, **same},
        {"id": "held", "per": per, "held_for": held_for, **same},
    ]
    return data


def _plan(data: dict[str, Any], trials: int = 200) -> em.results.Plan:
    return em.plan(em.model.Profile.model_validate(data), trials=trials)


def _later_or_never(later: dt.date | None, earlier: dt.date | None) -> bool:
    return later is None or (earlier is not None and earlier <= later)


class TestLaws:
    @settings(max_examples=20, deadline=None)
    @given(seeds, periods, st.floats(1.0, 12.0), st.integers(2, 4), st.integers(0, 3))
    def test_a_rate_is_never_held_before_its_count_is_first_reached(
        self, seed: int, per: str, target: float, held_for: int, events: int
    ) -> None:
        """And held for more periods is never earlier than held for one."""
        goals = _plan(_with_rates(seed, per, target, held_for, events=events)).projections
        once, rate, held = goals.goal("once"), goals.goal("rate"), goals.goal("held")
        assert _later_or_never(rate.expected_date, once.expected_date)
        assert _later_or_never(held.expected_date, rate.expected_date)
        assert held.expected_at_horizon <= rate.expected_at_horizon + 1e-9

    @settings(max_examples=15, deadline=None)
    @given(seeds, periods, st.floats(1.0, 12.0), st.floats(0.5, 15.0))
    def test_more_hours_never_make_a_rate_later_in_expectation(
        self, seed: int, per: str, target: float, hours: float
    ) -> None:
        """Except where a newly taken event names the goal as one it makes later."""
        profile = em.model.Profile.model_validate(_with_rates(seed, per, target, 2, events=2))
        planner = em.Planner(profile, trials=100)
        fewer, more = planner.plan(hours), planner.plan(hours * 1.5)
        taken = {choice.event for choice in fewer.allocation.events if choice.taken}
        traded = {
            goal
            for choice in more.allocation.events
            if choice.taken and choice.event not in taken
            for goal in choice.later_goals
        }
        for goal in ("rate", "held"):
            if goal not in traded:
                assert _later_or_never(
                    fewer.projections.goal(goal).expected_date,
                    more.projections.goal(goal).expected_date,
                ), goal

    @settings(max_examples=50, deadline=None)
    @given(
        st.lists(st.floats(0.0, 10.0), min_size=1, max_size=60),
        st.floats(0.5, 60.0),
        st.integers(1, 6),
    )
    def test_a_held_rate_is_at_most_the_count_and_falls_with_more_periods(
        self, arrivals: list[float], period_weeks: float, held_for: int
    ) -> None:
        cumulative = np.concatenate(([0.0], np.cumsum(arrivals)))
        once = held_rate(cumulative, period_weeks, 1)
        held = held_rate(cumulative, period_weeks, held_for)
        assert np.all(once <= cumulative + 1e-9)
        assert np.all(held <= once + 1e-9)
        assert np.all(held >= -1e-9)

    @settings(max_examples=100, deadline=None)
    @given(
        st.lists(st.floats(0.0, 10.0), min_size=1, max_size=80),
        st.sampled_from([1.0, 2.0, 3.0, *(p.weeks for p in em.model.RatePeriod)])
        | st.floats(0.5, 30.0),
        st.integers(1, 70),
    )
    def test_a_held_rate_is_the_least_of_its_periods_counts(
        self, arrivals: list[float], period_weeks: float, held_for: int
    ) -> None:
        # Worked out one period at a time, as its definition says: the fast ways (a running
        # least, doubling for periods of whole weeks) give every bit of it.
        cumulative = np.concatenate(([0.0], np.cumsum(arrivals)))
        boundaries = np.arange(len(cumulative))

        def at(weeks: float) -> np.ndarray:
            whole, part = math.floor(weeks), weeks - math.floor(weeks)
            later = cumulative[np.clip(boundaries - whole, 0, None)]
            before = cumulative[np.clip(boundaries - whole - 1, 0, None)]
            return later - part * (later - before)

        counts = [at(j * period_weeks) - at((j + 1) * period_weeks) for j in range(held_for)]
        expected = np.minimum.reduce(counts)
        np.testing.assert_array_equal(held_rate(cumulative, period_weeks, held_for), expected)

    @settings(max_examples=50, deadline=None)
    @given(
        st.lists(st.floats(0.0, 10.0), min_size=1, max_size=60),
        st.lists(st.floats(0.0, 10.0), min_size=1, max_size=30),
        periods,
        st.integers(1, 3),
    )
    def test_recent_counts_raise_a_rate_only_while_its_periods_reach_them(
        self, arrivals: list[float], recent: list[float], per: str, held_for: int
    ) -> None:
        """Weeks counted before the start add to the periods that run across it, and to no
        period that ends later than they reach."""
        amount = em.model.Goal(id="g", metric="m", target=1.0, per=per, held_for=held_for)
        recalled = amount.model_copy(update={"recent_counts": tuple(recent)})
        cumulative = np.concatenate(([0.0], np.cumsum(arrivals)))
        without, with_recent = goal_level(amount, cumulative), goal_level(recalled, cumulative)
        assert np.all(with_recent >= without - 1e-9)
        beyond = math.ceil(em.model.RatePeriod(per).weeks * held_for)
        assert np.allclose(with_recent[beyond:], without[beyond:])
        if per == "week":
            # The week ending at the start is the last one counted before it.
            assert per_period(recalled, cumulative)[0] == pytest.approx(recent[-1])


class TestTrials:
    def test_one_a_period_is_the_first_outcome_whatever_the_period(self) -> None:
        """1 in any trailing period is reached with the first outcome: the trials' dates of
        the rate follow the law of the first arrival, as the count goal's do."""
        data = _with_rates(3, "quarter", 1.0, 1)
        projections = _plan(data, trials=4_000).projections
        once, rate = projections.goal("once"), projections.goal("rate")
        for field in ("p50", "p80"):
            mine, theirs = getattr(rate, field), getattr(once, field)
            assert mine is not None
            assert theirs is not None
            assert abs((mine - theirs).days) <= 0.1 * max((theirs - START).days, 70), field

    @settings(max_examples=10, deadline=None)
    @given(seeds, periods, st.integers(2, 4))
    def test_dates_and_the_chance_come_from_the_bands_paths(
        self, seed: int, per: str, held_for: int
    ) -> None:
        """Each trial's rate is read off its count path, so no trial holds a rate of N before
        its count reaches N: at the P50 date at least half the band's trials count N."""
        data = _with_rates(seed, per, 3.0, held_for)
        goal = _plan(data, trials=500).projections.goal("held")
        assert goal.progress.median == tuple(sorted(goal.progress.median))
        if goal.p50 is not None:
            shown = [day for day in goal.progress.dates if day <= goal.p50]
            at = goal.progress.dates.index(shown[-1])
            # The band is sampled every few weeks; the next band date is past the P50.
            after = min(at + 1, len(goal.progress.dates) - 1)
            assert goal.progress.median[after] >= 3.0 * held_for - 1e-9


class TestPerPeriod:
    @settings(max_examples=10, deadline=None)
    @given(seeds, periods, st.floats(1.0, 12.0), st.integers(1, 4), st.integers(0, 3))
    def test_a_rate_goal_shows_its_count_in_each_period_beside_its_cumulative_count(
        self, seed: int, per: str, target: float, held_for: int, events: int
    ) -> None:
        """The rolling rate is the count in the period ending at each date: never more than
        the count so far in any trial (so in any quantile), and between the cumulative count's
        rises over the band dates that enclose the period's start."""
        plan = _plan(_with_rates(seed, per, target, held_for, events=events))
        assert plan.projections.goal("once").per_period is None
        goal = plan.projections.goal("held")
        rate, count = goal.per_period, goal.progress
        assert rate is not None
        assert (rate.per.value, rate.held_for, rate.dates) == (per, held_for, count.dates)
        period = dt.timedelta(weeks=em.model.RatePeriod(per).weeks)
        for k, day in enumerate(count.dates):
            for mine, theirs in zip(
                (rate.low, rate.median, rate.high, rate.expected),
                (count.low, count.median, count.high, count.expected),
                strict=True,
            ):
                assert -1e-9 <= mine[k] <= theirs[k] + 1e-9
            assert rate.low[k] <= rate.median[k] + 1e-9 <= rate.high[k] + 2e-9
            before = [j for j, other in enumerate(count.dates) if other <= day - period]
            after = [j for j, other in enumerate(count.dates) if other >= day - period]
            most = count.expected[k] - (count.expected[before[-1]] if before else 0.0)
            least = count.expected[k] - count.expected[after[0]]
            assert least - 1e-9 <= rate.expected[k] <= most + 1e-9

    def test_an_amount_is_written_without_a_rate(self) -> None:
        plan = _plan(_with_rates(4, "month", 2.0, 2))
        assert "per_period" not in plan.projections.goal("once").model_dump(mode="json")
        assert plan.projections.goal("rate").model_dump(mode="json")["per_period"]["per"] == (
            "month"
        )


class TestValidation:
    @pytest.mark.parametrize(
        ("goal", "path", "words"),
        [
            ({"held_for": 3}, "goals[0]", "has no 'per'"),
            ({"per": "fortnight"}, "goals[0].per", "fortnight"),
            ({"per": "month", "held_for": 0}, "goals[0].held_for", "held_for"),
            ({"per": "month", "metric": "m-engaged"}, "goals[0].per", "stock that churns"),
        ],
    )
    def test_a_bad_rate_names_its_field_and_the_fix(
        self, goal: dict[str, Any], path: str, words: str
    ) -> None:
        data = random_profile_data(1)
        data["goals"][0] = {"id": "g0", "metric": "m-requests", "target": 5, **goal}
        with pytest.raises(em.errors.InvalidInputError) as raised:
            em.model.Profile.model_validate(data)
        message = str(raised.value)
        assert path in message, message
        assert words in message, message

    def test_an_amount_is_written_as_before(self) -> None:
        data = random_profile_data(1)
        profile = em.model.Profile.model_validate(data)
        dumped = profile.goals[0].model_dump(mode="json")
        assert "per" not in dumped
        assert "held_for" not in dumped
        rate = profile.goals[0].model_copy(update={"per": em.model.RatePeriod.QUARTER})
        assert rate.model_dump(mode="json")["per"] == "quarter"


def _tracked(*weeks_and_replies: tuple[int, int]) -> em.results.Reforecast:
    data = random_profile_data(2, events=0)
    data["metrics"].append({"id": "replies", "kind": "engagement"})
    data["venues"][0]["yields"]["replies"] = 1.0
    data["goals"] = [
        {"id": "rate", "metric": "replies", "target": 3, "per": "month", "held_for": 2},
        {"id": "amount", "metric": "replies", "target": 6},
        {"id": "later", "metric": "replies", "target": 500},
    ]
    rows = [
        {
            "date": (START + dt.timedelta(weeks=week, days=2)).isoformat(),
            "venue": "v0",
            "hours": 1.0,
            "replies": replies,
            "segment": "s0",
        }
        for week, replies in weeks_and_replies
    ]
    profile = em.model.Profile.model_validate(data)
    return em.reforecast(profile, em.loads_progress(rows), today=dt.date(2027, 4, 4), trials=100)


class TestTracking:
    def test_a_rate_held_in_the_log_is_reached(self) -> None:
        result = _tracked((0, 3), (5, 3))
        rate = result.goal("rate")
        assert rate.reached_on == rate.weeks[5].week_ending
        assert rate.forecast is None
        assert result.forecast is not None
        assert "rate" not in [goal.id for goal in result.forecast.profile.goals]

    def test_a_count_reached_with_a_gap_has_not_held_its_rate(self) -> None:
        result = _tracked((0, 3), (12, 3))
        assert result.goal("amount").reached_on is not None
        assert result.goal("rate").reached_on is None
        assert result.forecast is not None
        kept = result.forecast.profile.goal("rate")
        assert (kept.target, kept.per, kept.held_for) == (3, em.model.RatePeriod.MONTH, 2)


TODAY = dt.date(2027, 4, 4)
logs = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3)), max_size=8)


def _rate_tracked(
    per: str, target: float, held_for: int, log: list[tuple[int, int]], today_outcomes: int = 0
) -> em.results.Reforecast:
    """A rate goal of ``target`` replies a ``per`` tracked with a generated log: replies
    counted as facts in the weeks given, and ``today_outcomes`` more on ``TODAY``."""
    data = random_profile_data(2, events=0)
    data["metrics"].append({"id": "replies", "kind": "engagement"})
    data["venues"][0]["yields"]["replies"] = 1.0
    data["goals"] = [
        {"id": "rate", "metric": "replies", "target": target, "per": per, "held_for": held_for}
    ]
    days = [(START + dt.timedelta(weeks=week, days=2), replies) for week, replies in log]
    days += [(TODAY, today_outcomes)] if today_outcomes else []
    rows = [
        {"date": day.isoformat(), "venue": "v0", "hours": 1.0, "replies": n, "segment": "s0"}
        for day, n in days
    ]
    profile = em.model.Profile.model_validate(data)
    return em.reforecast(profile, em.loads_progress(rows), today=TODAY, trials=100)


class TestTrackingByPeriod:
    @settings(max_examples=12, deadline=None)
    @given(periods, st.floats(1.0, 4.0), st.integers(1, 3), logs, st.integers(1, 3))
    def test_what_is_logged_this_period_counts_toward_this_periods_rate(
        self, per: str, target: float, held_for: int, log: list[tuple[int, int]], more: int
    ) -> None:
        """Outcomes logged today count in full toward the period ending today; it holds now
        when that count reaches the target; and the re-forecast starts from that count, so
        it is never later than one that forgets it."""
        before = _rate_tracked(per, target, held_for, log).goal("rate")
        after = _rate_tracked(per, target, held_for, log, more).goal("rate")
        for goal in (before, after):
            period = goal.period
            assert period is not None
            assert period.holds == (period.counted >= target - 1e-9)
            assert 0 <= period.periods_held <= held_for
            # Held as needed now, it was reached by today (perhaps earlier, and lost since).
            assert goal.reached_on is not None or period.periods_held < held_for
        assert before.period is not None
        assert after.period is not None
        assert after.period.counted == pytest.approx(before.period.counted + more)
        assert after.period.periods_held >= before.period.periods_held

    @settings(max_examples=10, deadline=None)
    @given(periods, st.floats(1.0, 4.0), st.integers(2, 3), logs)
    def test_the_reforecast_starts_from_the_current_periods(
        self, per: str, target: float, held_for: int, log: list[tuple[int, int]]
    ) -> None:
        result = _rate_tracked(per, target, held_for, log)
        goal = result.goal("rate")
        if goal.reached_on is not None:
            assert goal.forecast is None
            return
        assert goal.forecast is not None
        assert goal.period is not None
        rate = goal.forecast.per_period
        assert rate is not None
        assert rate.expected[0] == pytest.approx(goal.period.counted)
        assert result.forecast is not None
        forgetting = result.forecast.profile.model_copy(deep=True)
        data = forgetting.model_dump(mode="json")
        data["goals"][0].pop("recent_counts")
        again = em.plan(em.model.Profile.model_validate(data), trials=100)
        forgot = again.projections.goal("rate")
        assert _later_or_never(forgot.expected_date, goal.forecast.expected_date)
        assert _later_or_never(forgot.p50, goal.forecast.p50)


class TestWording:
    def test_every_view_of_a_rate_goal_says_the_rate_not_a_count(self) -> None:
        """Without the profile too: the projections' table, the fan's title and legend."""
        plan = _plan(_with_rates(5, "quarter", 3.0, 2))
        held = plan.projections.goal("held")
        table = str(plan.projections)
        assert "3 a quarter, 2 quarters running" in table
        svg = em.report.svg.fan_svg(held, "leads")
        assert "target 3 a quarter, 2 quarters running" in svg
        assert "Progress toward leads: the count in each quarter" in svg
        assert "target 3<" in em.report.svg.fan_svg(plan.projections.goal("once"), "once")

    def test_the_notebook_fan_draws_the_rate_against_the_target_a_period(self) -> None:
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("Agg")
        plan = _plan(_with_rates(5, "quarter", 3.0, 2))
        ax = em.charts.projection_chart(plan, goal="held")
        assert ax.get_title() == "Progress toward held: the count in each quarter"
        legend = ax.get_legend()
        assert legend is not None
        labels = [text.get_text() for text in legend.get_texts()]
        assert "target 3 a quarter, 2 quarters running" in labels
        rate = plan.projections.goal("held").per_period
        assert rate is not None
        series = [np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()]
        drawn = max(float(values.max()) for values in series if values.size > 2)
        assert drawn == pytest.approx(max(rate.median + rate.expected))

    def test_the_report_says_the_rate_and_from_when_it_holds(self) -> None:
        data = _with_rates(5, "quarter", 1.0, 2)
        plan = _plan(data)
        text = str(plan)
        assert "1 m-requests a quarter, 2 quarters running" in text
        held = plan.projections.goal("rate")
        if held.p50 is not None:
            assert f"1 m-requests a quarter, held from {held.p50} (P50)" in text
