"""Estimates as distributions: PERT-Beta draws, named by key and drawn only when needed."""

from __future__ import annotations

import numpy as np
import pytest

import eminence as em
from eminence.planning.planner import RANKING_TRIALS
from eminence.planning.uncertainty import EstimateTable, LazyDraws

SCIPY = pytest.mark.extra("scipy")  # the reference the laws are checked against

ESTIMATES = (
    em.Estimate(low=1.0, likely=2.0, high=6.0),
    em.Estimate.exactly(3.0),
    em.Estimate(low=0.0, likely=0.9, high=1.0),
)
KEYS = ("a", "b", "c")


class TestDraws:
    @SCIPY
    def test_follow_the_pert_beta_law(self) -> None:
        from scipy import stats

        draws = EstimateTable(ESTIMATES, KEYS).draw(seed=3, trials=20_000)
        law = stats.beta(1 + 4 * (2 - 1) / 5, 1 + 4 * (6 - 2) / 5, loc=1.0, scale=5.0)
        assert stats.kstest(draws[:, 0], law.cdf).pvalue > 1e-3
        assert draws[:, 0].mean() == pytest.approx((1 + 4 * 2 + 6) / 6, abs=0.02)

    def test_certain_estimates_stay_constant(self) -> None:
        draws = EstimateTable(ESTIMATES, KEYS).draw(seed=3, trials=100)
        assert np.all(draws[:, 1] == 3.0)

    def test_a_column_depends_on_its_key_not_its_position(self) -> None:
        forward = EstimateTable(ESTIMATES, KEYS).draw(seed=5, trials=50)
        backward = EstimateTable(ESTIMATES[::-1], KEYS[::-1]).draw(seed=5, trials=50)
        assert np.array_equal(forward, backward[:, ::-1])


class TestLazyDraws:
    def test_a_column_is_the_same_drawn_alone_or_with_all(self) -> None:
        table = EstimateTable(ESTIMATES, KEYS)
        alone = LazyDraws(table, seed=1, trials=300).take(np.array([2]))
        assert np.array_equal(alone[:, 2], table.draw(seed=1, trials=300)[:, 2])

    def test_columns_not_asked_for_are_not_drawn(self) -> None:
        lazy = LazyDraws(EstimateTable(ESTIMATES, KEYS), seed=1, trials=10)
        values = lazy.take(np.array([2]))
        assert np.all(np.isnan(values[:, 0]))
        assert np.all(values[:, 1] == 3.0)

    def test_fewer_trials_are_the_first_rows_of_more(self) -> None:
        table = EstimateTable(ESTIMATES, KEYS)
        assert np.array_equal(table.draw(seed=2, trials=40), table.draw(seed=2, trials=400)[:40])


def test_a_large_plan_ranks_on_at_most_the_ranking_trials() -> None:
    plan = em.plan(em.example("consultant"), trials=RANKING_TRIALS + 500)
    assert plan.priorities.trials == RANKING_TRIALS
    assert plan.projections.trials == RANKING_TRIALS + 500
