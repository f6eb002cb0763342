"""Estimates as distributions: PERT-Beta draws, named by key and drawn only when needed."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning import uncertainty
from eminence.planning.planner import RANKING_TRIALS
from eminence.planning.uncertainty import Draws, EstimateTable, FloatArray

SCIPY = pytest.mark.extra("scipy")  # the reference the laws are checked against

ESTIMATES = (
    em.model.Estimate(low=1.0, likely=2.0, high=6.0),
    em.model.Estimate.exactly(3.0),
    em.model.Estimate(low=0.0, likely=0.9, high=1.0),
)
KEYS = ("a", "b", "c")


def drawn(table: EstimateTable, seed: int, trials: int, rows: int | None = None) -> FloatArray:
    """Every estimate's draws, (trials, estimates), read in blocks of ``rows`` trials."""
    blocks = Draws(table, seed, trials).blocks(np.arange(len(table)), rows or trials)
    return np.concatenate(list(blocks))


class TestDraws:
    @SCIPY
    def test_follow_the_pert_beta_law(self) -> None:
        from scipy import stats

        draws = drawn(EstimateTable(ESTIMATES, KEYS), seed=3, trials=20_000)
        law = stats.beta(1 + 4 * (2 - 1) / 5, 1 + 4 * (6 - 2) / 5, loc=1.0, scale=5.0)
        assert stats.kstest(draws[:, 0], law.cdf).pvalue > 1e-3
        assert draws[:, 0].mean() == pytest.approx((1 + 4 * 2 + 6) / 6, abs=0.02)

    def test_certain_estimates_stay_constant(self) -> None:
        draws = drawn(EstimateTable(ESTIMATES, KEYS), seed=3, trials=100)
        assert np.all(draws[:, 1] == 3.0)

    def test_a_column_depends_on_its_key_not_its_position(self) -> None:
        forward = drawn(EstimateTable(ESTIMATES, KEYS), seed=5, trials=50)
        backward = drawn(EstimateTable(ESTIMATES[::-1], KEYS[::-1]), seed=5, trials=50)
        assert np.array_equal(forward, backward[:, ::-1])

    def test_a_column_is_the_same_drawn_alone_or_with_all(self) -> None:
        table = EstimateTable(ESTIMATES, KEYS)
        (alone,) = Draws(table, seed=1, trials=300).blocks(np.array([2]), 300)
        assert np.array_equal(alone[:, 2], drawn(table, seed=1, trials=300)[:, 2])

    def test_columns_not_asked_for_are_not_drawn(self) -> None:
        (values,) = Draws(EstimateTable(ESTIMATES, KEYS), seed=1, trials=10).blocks(
            np.array([2]), 10
        )
        assert np.all(np.isnan(values[:, 0]))
        assert np.all(values[:, 1] == 3.0)

    def test_fewer_trials_are_the_first_rows_of_more(self) -> None:
        table = EstimateTable(ESTIMATES, KEYS)
        assert np.array_equal(drawn(table, seed=2, trials=40), drawn(table, 2, 400)[:40])

    @pytest.mark.parametrize("rows", [1, 7, 64, 1000])
    def test_blocks_hold_the_same_draws_whatever_their_size_kept_or_not(
        self, rows: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        table = EstimateTable(ESTIMATES, KEYS)
        kept = drawn(table, seed=4, trials=1000)
        monkeypatch.setattr(uncertainty, "KEPT_BYTES", 0)
        assert np.array_equal(drawn(table, seed=4, trials=1000, rows=rows), kept)


def test_a_large_plan_ranks_on_at_most_the_ranking_trials() -> None:
    plan = em.plan(em.example("consultant"), trials=RANKING_TRIALS + 500)
    assert plan.priorities.trials == RANKING_TRIALS
    assert plan.projections.trials == RANKING_TRIALS + 500


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32), key=st.lists(st.text(max_size=8), min_size=1, max_size=3))
def test_a_stream_opened_again_starts_again(seed: int, key: list[str]) -> None:
    # A replan opens the same named streams again: each opening starts at the first draw,
    # whatever was read from an earlier one, and a stream is the one its name has always
    # named (the seed and the hashed key, as NumPy's default generator takes them).
    first = uncertainty.stream(seed, *key)
    drawn = first.random(5)
    digest = hashlib.blake2b("\x1f".join(key).encode(), digest_size=8).digest()
    named = np.random.default_rng([seed, int.from_bytes(digest, "little")])
    assert np.array_equal(uncertainty.stream(seed, *key).random(5), drawn)
    assert np.array_equal(named.random(5), drawn)
