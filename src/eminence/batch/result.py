"""What a batch gives back: one outcome per profile, a plan or the error that stopped it."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from eminence.errors import EminenceError, MissingExtraError
from eminence.planning import Forecast, GoalForecast, GoalProjection, Plan

__all__ = (
    "COLUMNS",
    "FRAME_DTYPES",
    "BatchResult",
    "Outcome",
    "arrow_schema",
    "pyarrow_module",
    "rows",
    "to_arrow",
)

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

FRAME_DTYPES = {"index": "int64", "seed": "Int64", "chance_by_deadline": "float64"}
"""The pandas dtypes of `BatchResult.to_frame`'s columns that are not Python objects (text
and dates are, None when missing): fixed, so that frames of any part of a batch concatenate
to the frame of the whole (a seed stays a whole number in a batch where a profile failed)."""


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
        failed has one row, its goal empty and its error's message in ``error``. Text and
        dates are Python objects (`datetime.date`, as in the plans), None when missing;
        the other columns have `FRAME_DTYPES`, whatever the batch holds. A forecast's rows
        are the same as its plan's would be; without trials, its quantiles and chances are
        empty.
        """
        try:
            import pandas
        except ImportError:
            raise MissingExtraError("pandas", "pandas", "BatchResult.to_frame()") from None
        table = [row for outcome in self.outcomes for row in rows(outcome)]
        return pandas.DataFrame(
            {
                column: pandas.Series(
                    [row.get(column) for row in table], dtype=FRAME_DTYPES.get(column, object)
                )
                for column in COLUMNS
            }
        )

    def to_arrow(self) -> Any:
        """A `pyarrow.Table` (extra ``arrow``) of `to_frame`'s rows and columns, typed by
        `arrow_schema`; `eminence.batch.write_parquet` writes a batch to a file as it comes."""
        return to_arrow(self.outcomes)


def rows(outcome: Outcome) -> list[dict[str, object]]:
    """An outcome's rows of a batch's table: one per goal, or one with its error."""
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


_TYPES = {
    "index": "int64",
    "source": "string",
    "name": "string",
    "seed": "int64",
    "goal": "string",
    "expected_date": "date32",
    "p50": "date32",
    "p80": "date32",
    "p95": "date32",
    "deadline": "date32",
    "chance_by_deadline": "float64",
    "error": "string",
}


def arrow_schema() -> Any:
    """The Arrow schema of a batch's table: `COLUMNS` with their types; only ``index`` is
    never null."""
    pyarrow = pyarrow_module("the Arrow schema of a batch")
    return pyarrow.schema(
        [pyarrow.field(column, _TYPES[column], nullable=column != "index") for column in COLUMNS]
    )


def to_arrow(outcomes: Iterable[Outcome]) -> Any:
    """A `pyarrow.Table` of ``outcomes``, one row per profile and goal, of `arrow_schema`."""
    pyarrow = pyarrow_module("BatchResult.to_arrow()")
    table_rows = [row for outcome in outcomes for row in rows(outcome)]
    return pyarrow.Table.from_pylist(table_rows, schema=arrow_schema())


def pyarrow_module(purpose: str, module: str = "pyarrow") -> Any:
    """``module`` of pyarrow, imported on first use; its absence names the extra."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError("pyarrow", "arrow", purpose) from None
