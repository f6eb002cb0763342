"""Estimates as distributions: the PERT-Beta law, sampled for many estimates at once.

A three-point estimate (low, likely, high) becomes a Beta distribution stretched over
[low, high] with shape ``1 + 4 (likely - low) / (high - low)`` and
``1 + 4 (high - likely) / (high - low)``: its mean is the PERT mean (low + 4 likely + high) / 6
and its mode is the likely value. A certain estimate stays a constant.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from eminence.model import Estimate

__all__ = ("EstimateTable", "LazyDraws", "stream")

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]


def stream(seed: int, *key: str) -> np.random.Generator:
    """A random stream named by stable keys (ids, not positions).

    Naming every stream by what it draws for keeps results independent of the order of the
    profile's lists, and lets plans at different hours share their luck draw by draw.
    """
    digest = hashlib.blake2b("\x1f".join(key).encode(), digest_size=8).digest()
    return np.random.default_rng([seed, int.from_bytes(digest, "little")])


class EstimateTable:
    """Many estimates in columns, each drawn from its own named stream, all trials at once."""

    def __init__(self, estimates: Sequence[Estimate], keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        self.low = np.array([e.low for e in estimates], dtype=np.float64)
        self.likely = np.array([e.likely for e in estimates], dtype=np.float64)
        self.high = np.array([e.high for e in estimates], dtype=np.float64)
        width = self.high - self.low
        self._uncertain = width > 0.0
        safe_width = np.where(self._uncertain, width, 1.0)
        self._alpha = 1.0 + 4.0 * (self.likely - self.low) / safe_width
        self._beta = 1.0 + 4.0 * (self.high - self.likely) / safe_width

    def __len__(self) -> int:
        return len(self.low)

    def means(self) -> FloatArray:
        """The PERT mean of each estimate."""
        return (self.low + 4.0 * self.likely + self.high) / 6.0

    def draw(self, seed: int, trials: int) -> FloatArray:
        """A (trials, estimates) array of draws; certain estimates repeat their value."""
        return LazyDraws(self, seed, trials).take(np.arange(len(self)))

    def draw_column(self, seed: int, trials: int, column: int) -> FloatArray:
        """The draws of one estimate: the same whichever other columns are drawn, and when."""
        if not self._uncertain[column]:
            return np.full(trials, self.likely[column])
        unit = stream(seed, "estimate", self.keys[column]).beta(
            self._alpha[column], self._beta[column], trials
        )
        values: FloatArray = self.low[column] + unit * (self.high[column] - self.low[column])
        return values


class LazyDraws:
    """Draws of a table's estimates, each column drawn the first time a plan needs it.

    A plan uses only the venues its split gives hours and the events it takes, so in a large
    profile most columns are never drawn at all. Columns not yet drawn hold NaN, so a use
    that forgot to ask for its columns cannot pass unnoticed.
    """

    def __init__(self, table: EstimateTable, seed: int, trials: int) -> None:
        self.table = table
        self.seed = seed
        self.trials = trials
        self._values = np.where(table._uncertain, np.nan, table.likely)[np.newaxis, :].repeat(
            trials, axis=0
        )
        self._pending = table._uncertain.copy()
        self._lock = threading.Lock()

    def take(self, columns: IndexArray) -> FloatArray:
        """Every column's draws, (trials, estimates), with at least ``columns`` drawn.

        A column is filled under a lock before it is marked drawn, so threads sharing the
        draws never read a column another is still writing."""
        with self._lock:
            for column in np.flatnonzero(_mask(columns, self._pending)).tolist():
                self._values[:, column] = self.table.draw_column(self.seed, self.trials, column)
                self._pending[column] = False
        return self._values


def _mask(columns: IndexArray, pending: NDArray[np.bool_]) -> NDArray[np.bool_]:
    wanted = np.zeros_like(pending)
    wanted[np.asarray(columns, dtype=np.intp).ravel()] = True
    result: NDArray[np.bool_] = wanted & pending
    return result
