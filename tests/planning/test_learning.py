"""The Gamma-Poisson update: exact quantiles, moment-matched priors, estimates the planner reads."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning import learning
from eminence.planning.learning import JEFFREYS, GammaBelief, gamma_quantile

SCIPY = pytest.mark.extra("scipy")  # the reference the laws are checked against


class TestGammaQuantile:
    @settings(max_examples=60, deadline=None)
    @given(
        st.floats(min_value=0.05, max_value=1e5),
        st.sampled_from([0.05, 0.25, 0.5, 0.95]),
    )
    @SCIPY
    def test_agrees_with_scipy(self, shape: float, level: float) -> None:
        from scipy import stats

        assert gamma_quantile(shape, level) == pytest.approx(
            stats.gamma.ppf(level, shape), rel=2e-4, abs=1e-12
        )

    @settings(max_examples=200, deadline=None)
    @given(
        st.floats(min_value=0.05, max_value=99.9),
        st.floats(min_value=0.01, max_value=0.99),
    )
    def test_a_handful_of_steps_reach_the_level(self, shape: float, level: float) -> None:
        # A re-forecast works out two quantiles for every (venue, metric) the log holds:
        # tens of thousands in a wide log, where sixty halvings each took half a minute.
        # Newton's steps from a close guess take ten evaluations at most (four on average).
        calls = []
        lower = learning._lower_regularized

        def counted(shape: float, x: float) -> float:
            calls.append(x)
            return lower(shape, x)

        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(learning, "_lower_regularized", counted)
            quantile = gamma_quantile(shape, level)
        assert lower(shape, quantile) == pytest.approx(level, rel=1e-9)
        assert len(calls) <= 12

    @settings(max_examples=300, deadline=None)
    @given(
        st.floats(min_value=1e-4, max_value=1e3),
        st.floats(min_value=1e-320, max_value=1.0, exclude_max=True, exclude_min=False),
    )
    def test_any_shape_and_level_give_a_quantile(self, shape: float, level: float) -> None:
        # Quantiles below the least double are 0; a small shape's density near 0, beyond
        # what a double holds, once raised.
        quantile = gamma_quantile(shape, level)
        assert 0.0 <= quantile < math.inf
        # Above a shape of 100 the quantile is Wilson-Hilferty's, to about 1e-4.
        if quantile > 1e-300 and level < 0.999 and shape < 100:
            assert learning._lower_regularized(shape, quantile) == pytest.approx(level, rel=1e-6)


class TestPrior:
    @SCIPY
    def test_the_gamma_has_the_estimates_pert_mean_and_variance(self) -> None:
        from scipy import stats

        estimate = em.model.Estimate(low=0.5, likely=1.2, high=3.0)
        belief = GammaBelief.of(estimate)
        assert belief is not None
        draws = stats.beta(1 + 4 * 0.7 / 2.5, 1 + 4 * 1.8 / 2.5, loc=0.5, scale=2.5)
        assert belief.mean == pytest.approx(estimate.mean)
        assert belief.shape / belief.rate**2 == pytest.approx(draws.var())

    def test_a_certain_estimate_is_known(self) -> None:
        assert GammaBelief.of(em.model.Estimate.exactly(2.0)) is None

    def test_no_estimate_is_jeffreys(self) -> None:
        assert GammaBelief.of(None) is JEFFREYS


class TestPosterior:
    def test_the_update_is_conjugate(self) -> None:
        belief = GammaBelief(2.0, 4.0).updated(7, 10.0)
        assert (belief.shape, belief.rate) == (9.0, 14.0)

    @settings(max_examples=40, deadline=None)
    @given(
        st.floats(min_value=0.01, max_value=10),
        st.floats(min_value=0.1, max_value=5),
        st.integers(min_value=0, max_value=500),
        st.floats(min_value=0.5, max_value=500),
    )
    @SCIPY
    def test_the_estimate_keeps_the_posterior_mean(
        self, low: float, width: float, outcomes: int, contributions: float
    ) -> None:
        from scipy import stats

        prior = em.model.Estimate(low=low, likely=low + width / 3, high=low + width)
        belief = GammaBelief.of(prior)
        assert belief is not None
        posterior = belief.updated(outcomes, contributions)
        estimate = posterior.estimate()
        # The planner reads the PERT mean: it must be the posterior's own mean.
        assert estimate.mean == pytest.approx(posterior.mean, rel=1e-9)
        low_end, high_end = posterior.interval
        assert (estimate.low, estimate.high) == (low_end, high_end)
        assert stats.gamma.cdf(high_end * posterior.rate, posterior.shape) == pytest.approx(
            0.95, abs=1e-3
        )
