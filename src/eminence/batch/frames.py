"""A batch over a Dask DataFrame of profile documents (extra ``dask``), giving the batch's
frame as a Dask DataFrame: the rows `BatchResult.to_arrow` gives locally, however the input
is partitioned.

Documents are held as text in a column, not as one column per field: Dask turns columns of
Python objects (a profile's lists of venues and goals) into strings by default."""

from __future__ import annotations

from typing import Any, Literal

from eminence.batch.bags import planned_parts
from eminence.batch.many import ProfileSource, ProfileText
from eminence.batch.result import Outcome, to_arrow
from eminence.errors import InvalidArgumentError, MissingExtraError
from eminence.planning.planner import TRIALS
from eminence.planning.projection import HORIZON_WEEKS

__all__ = ("plan_frame",)


def plan_frame(
    frame: Any,
    column: str = "profile",
    *,
    seed: int = 0,
    trials: int = TRIALS,
    horizon_weeks: int = HORIZON_WEEKS,
    errors: Literal["collect", "raise"] = "collect",
    detail: Literal["plan", "forecast"] = "plan",
) -> Any:
    """A Dask DataFrame of the batch's rows for ``frame``'s profiles, typed by Arrow.

    Each row of ``frame`` is one profile: ``column`` holds its document as text (JSON, TOML
    or YAML, read as `eminence.loads` reads it: a JSON Lines file read a line a row); a
    mapping or a `Profile` is read too, where Dask keeps Python objects (its
    ``dataframe.convert-string`` off). The rows are those of `BatchResult.to_arrow` for the
    same profiles planned locally, with the same indices and seeds, whatever the
    partitioning, in columns of ``pandas.ArrowDtype`` of its `eminence.batch.arrow_schema`;
    a partition is planned where Dask computes it. A row that cannot be read or planned has
    its error.

    Parameters
    ----------
    frame
        A ``dask.dataframe.DataFrame``, one profile a row.
    column
        The column that holds each profile's document.
    seed, trials, horizon_weeks, errors, detail
        As in `plan_many`.
    """
    try:
        import dask
        import dask.dataframe
    except ImportError:
        raise MissingExtraError("dask", "dask", "plan_frame") from None
    if column not in frame.columns:
        raise InvalidArgumentError(
            "column", f"the frame has no column {column!r}; its columns are {list(frame.columns)}"
        )
    parts = [dask.delayed(_sources)(part[column]) for part in frame.to_delayed()]
    planned = planned_parts(
        parts, seed=seed, trials=trials, horizon_weeks=horizon_weeks, errors=errors, detail=detail
    )
    rows = [dask.delayed(_frame)(outcomes) for outcomes in planned]
    return dask.dataframe.from_delayed(rows, meta=_frame([]))


def _sources(documents: Any) -> list[ProfileSource]:
    """A partition's profiles: text is a document, never a path, in a frame."""
    return [
        ProfileText(document) if isinstance(document, str | bytes) else document
        for document in documents
    ]


def _frame(outcomes: list[Outcome]) -> Any:
    """The outcomes' rows, typed by `arrow_schema` (Dask would read Python objects, the
    dates among them, as text)."""
    import pandas

    return to_arrow(outcomes).to_pandas(types_mapper=pandas.ArrowDtype)
