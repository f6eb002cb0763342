"""What a batch gives back: one outcome per profile, a plan or the error that stopped it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from eminence.errors import EminenceError, MissingExtraError
from eminence.planning import Forecast, GoalForecast, GoalProjection, Plan

__all__ = ("COLUMNS", "BatchResult", "Outcome")

COLUMNS = (
    "index",
    "source",
    "name",
    "seed",
    "goal",
    "expected_date",
    "p50",
    "p80",
    "p95",
    "deadline",
    "chance_by_deadline",
    "error",
)
"""The columns of `BatchResult.to_frame`, in order."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One profile of a batch: where it was in the batch, and its plan, forecast or error.

    ``source`` is the file the profile was read from, when it was given as a path; ``seed``
    is the one the batch derived for it (`batch_seed`), None when the profile could not be
    read. Exactly one of ``plan``, ``forecast`` (a batch with ``detail="forecast"``) and
    ``error`` is set.
    """

    index: int
    source: Path | None
    seed: int | None
    plan: Plan | None = None
    error: EminenceError | None = None
    forecast: Forecast | None = None

    def __post_init__(self) -> None:
        if [self.plan, self.forecast, self.error].count(None) != 2:
            raise ValueError("an outcome holds a plan, a forecast or an error, exactly one of them")

    @property
    def ok(self) -> bool:
        """Whether the profile was planned (or forecast)."""
        return self.error is None


@dataclass(frozen=True, slots=True)
class BatchResult(Sequence[Outcome]):
    """Every outcome of a batch, in the order its profiles were given."""

    outcomes: tuple[Outcome, ...]

    @overload
    def __getitem__(self, index: int) -> Outcome: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Outcome, ...]: ...
    def __getitem__(self, index: int | slice) -> Outcome | tuple[Outcome, ...]:
        return self.outcomes[index]

    def __len__(self) -> int:
        return len(self.outcomes)

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self.outcomes)

    @property
    def plans(self) -> tuple[Plan, ...]:
        """The plans of the profiles that were planned, in order (none in a forecast)."""
        return tuple(outcome.plan for outcome in self.outcomes if outcome.plan is not None)

    @property
    def forecasts(self) -> tuple[Forecast, ...]:
        """The forecasts of the profiles that were forecast, in order (none in a plan batch)."""
        return tuple(outcome.forecast for outcome in self.outcomes if outcome.forecast is not None)

    @property
    def failures(self) -> tuple[Outcome, ...]:
        """The outcomes of the profiles that could not be planned, each with its error."""
        return tuple(outcome for outcome in self.outcomes if outcome.error is not None)

    def to_frame(self) -> Any:
        """A pandas DataFrame (extra ``pandas``): one row per profile and goal.

        Its columns are `COLUMNS`: where the profile was, its name and seed, then per goal
        the expected date, P50 / P80 / P95 and the chance by the deadline. A profile that
        failed has one row, its goal empty and its error's message in ``error``. Dates stay
        `datetime.date` objects, as in the plans. A forecast's rows are the same as its
        plan's would be; without trials, its quantiles and chances are empty.
        """
        try:
            import pandas
        except ImportError:
            raise MissingExtraError("pandas", "pandas", "BatchResult.to_frame()") from None
        rows = [row for outcome in self.outcomes for row in _rows(outcome)]
        return pandas.DataFrame(rows, columns=list(COLUMNS))


def _rows(outcome: Outcome) -> list[dict[str, object]]:
    lead: dict[str, object] = {
        "index": outcome.index,
        "source": None if outcome.source is None else str(outcome.source),
    }
    goals: tuple[GoalProjection, ...] | tuple[GoalForecast, ...]
    if outcome.plan is not None:
        name, goals = outcome.plan.profile.name, outcome.plan.projections.goals
    elif outcome.forecast is not None:
        name, goals = outcome.forecast.name, outcome.forecast.goals
    else:
        return [{**lead, "seed": outcome.seed, "error": str(outcome.error)}]
    lead |= {"name": name, "seed": outcome.seed}
    return [
        {
            **lead,
            "goal": goal.goal,
            "expected_date": goal.expected_date,
            "p50": goal.p50,
            "p80": goal.p80,
            "p95": goal.p95,
            "deadline": goal.deadline,
            "chance_by_deadline": goal.chance_by_deadline,
            "error": None,
        }
        for goal in goals
    ]
