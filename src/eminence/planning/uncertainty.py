"""Estimates as distributions: the PERT-Beta law, sampled for many estimates at once.

A three-point estimate (low, likely, high) becomes a Beta distribution stretched over
[low, high] with shape ``1 + 4 (likely - low) / (high - low)`` and
``1 + 4 (high - likely) / (high - low)``: its mean is the PERT mean (low + 4 likely + high) / 6
and its mode is the likely value. A certain estimate stays a constant.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

from eminence.model import Estimate

__all__ = (
    "BLOCK_BYTES",
    "KEPT_BYTES",
    "Draws",
    "EstimateTable",
    "in_blocks",
    "rows_within",
    "stream",
)

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]

KEPT_BYTES = 32 * 2**20
"""Draws are kept between readings while all of them fit in this many bytes."""

BLOCK_BYTES = 16 * 2**20
"""The working arrays of one block of trials are sized to about this many bytes: with the
temporaries numpy makes of them, a plan's extra memory stays well under 256 MiB."""


def stream(seed: int, *key: str) -> np.random.Generator:
    """A random stream named by stable keys (ids, not positions).

    Naming every stream by what it draws for keeps results independent of the order of the
    profile's lists, and lets plans at different hours share their luck draw by draw.
    """
    return np.random.Generator(np.random.PCG64(_seed_sequence(seed, key)))


@functools.lru_cache(maxsize=4096)
def _seed_sequence(seed: int, key: tuple[str, ...]) -> np.random.SeedSequence:
    """The seed of the stream named ``key``, hashed once: a replan opens the same streams
    again, and a seed sequence is only read when a stream starts from it."""
    digest = hashlib.blake2b("\x1f".join(key).encode(), digest_size=8).digest()
    return np.random.SeedSequence([seed, int.from_bytes(digest, "little")])


class EstimateTable:
    """Many estimates in columns, each drawn from its own named stream."""

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

    def column_stream(self, seed: int, column: int) -> np.random.Generator:
        """The stream of one estimate's draws, read in trial order."""
        return stream(seed, "estimate", self.keys[column])

    def draw_column(self, rng: np.random.Generator, column: int, trials: int) -> FloatArray:
        """The next ``trials`` draws of one estimate from its stream; a certain one repeats."""
        if not self._uncertain[column]:
            return np.full(trials, self.likely[column])
        unit = rng.beta(self._alpha[column], self._beta[column], trials)
        values: FloatArray = self.low[column] + unit * (self.high[column] - self.low[column])
        return values


class Draws:
    """Draws of a table's estimates for ``trials`` trials, read in blocks of trials.

    Each estimate has its own stream, read in trial order, so a block holds the same numbers
    whatever the size of the blocks, and a plan's first trials are those of any plan with
    more. While every draw fits in `KEPT_BYTES`, a column is kept once drawn (a slider
    replans many times with the same draws); beyond, each reading draws its blocks again, so
    memory grows with the block and not with the trials. A plan uses only the venues its
    split gives hours and the events it takes: columns not asked for hold NaN, so a use that
    forgot to ask for its columns cannot pass unnoticed.
    """

    def __init__(self, table: EstimateTable, seed: int, trials: int) -> None:
        self.table = table
        self.seed = seed
        self.trials = trials
        self._unasked = np.where(table._uncertain, np.nan, table.likely)
        self._kept: FloatArray | None = None
        if trials * len(table) * 8 <= KEPT_BYTES:
            self._kept = self._unasked[np.newaxis, :].repeat(trials, axis=0)
        self._pending = table._uncertain.copy()
        self._lock = threading.Lock()

    def blocks(self, columns: IndexArray, rows: int) -> Iterator[FloatArray]:
        """Rows of every estimate, (n, estimates), for blocks of at most ``rows`` trials in
        trial order, with at least ``columns`` drawn."""
        if self._kept is not None:
            kept = self._keep(columns)
            for first in range(0, self.trials, rows):
                yield kept[first : first + rows]
            return
        wanted = np.flatnonzero(_mask(columns, self.table._uncertain))
        readers = [
            functools.partial(
                self.table.draw_column, self.table.column_stream(self.seed, column), column
            )
            for column in wanted.tolist()
        ]
        for drawn in in_blocks(readers, self.trials, rows):
            block = self._unasked[np.newaxis, :].repeat(len(drawn), axis=0)
            block[:, wanted] = drawn
            yield block

    def _keep(self, columns: IndexArray) -> FloatArray:
        """The kept draws, with ``columns`` drawn: each is filled under a lock before it is
        marked drawn, so threads sharing the draws never read a column another is writing."""
        assert self._kept is not None
        with self._lock:
            for column in np.flatnonzero(_mask(columns, self._pending)).tolist():
                rng = self.table.column_stream(self.seed, column)
                self._kept[:, column] = self.table.draw_column(rng, column, self.trials)
                self._pending[column] = False
        return self._kept


def rows_within(floats_per_trial: int, trials: int) -> int:
    """Trials in a block whose working arrays hold ``floats_per_trial`` floats per trial
    within `BLOCK_BYTES`: at least one, at most all."""
    return max(1, min(trials, BLOCK_BYTES // (8 * max(floats_per_trial, 1))))


def _mask(columns: IndexArray, pending: NDArray[np.bool_]) -> NDArray[np.bool_]:
    wanted = np.zeros_like(pending)
    wanted[np.asarray(columns, dtype=np.intp).ravel()] = True
    result: NDArray[np.bool_] = wanted & pending
    return result


def in_blocks(
    readers: Sequence[Callable[[int], FloatArray]], trials: int, rows: int
) -> Iterator[FloatArray]:
    """Blocks (n, streams) of at most ``rows`` trials, each column read from its stream in
    trial order: the same numbers whatever the size of the blocks."""
    for first in range(0, trials, rows):
        count = min(rows, trials - first)
        block = np.empty((count, len(readers)))
        for column, read in enumerate(readers):
            block[:, column] = read(count)
        yield block
