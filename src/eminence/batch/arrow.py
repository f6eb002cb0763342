"""A batch as Arrow tables and Parquet files (extra ``arrow``), for batches too big for a frame.

The table has `BatchResult.to_frame`'s columns, one row per profile and goal, with a fixed
`arrow_schema`, so the row groups of a file written as the outcomes stream in all agree,
whatever each group holds (a group of failures only, a forecast without trials).
"""

from __future__ import annotations

import importlib
import itertools
import os
from collections.abc import Iterable
from typing import Any

from eminence.batch.result import COLUMNS, Outcome, rows
from eminence.errors import InvalidArgumentError, MissingExtraError
from eminence.model.arguments import a_whole_number

__all__ = ("ROW_GROUP_PROFILES", "arrow_schema", "to_arrow", "write_parquet")

ROW_GROUP_PROFILES = 10_000
"""Profiles per row group of a Parquet file: the most outcomes `write_parquet` holds at once."""

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
    pyarrow = _pyarrow("the Arrow schema of a batch")
    return pyarrow.schema(
        [pyarrow.field(column, _TYPES[column], nullable=column != "index") for column in COLUMNS]
    )


def to_arrow(outcomes: Iterable[Outcome]) -> Any:
    """A `pyarrow.Table` of ``outcomes``, one row per profile and goal, of `arrow_schema`."""
    pyarrow = _pyarrow("BatchResult.to_arrow()")
    table_rows = [row for outcome in outcomes for row in rows(outcome)]
    return pyarrow.Table.from_pylist(table_rows, schema=arrow_schema())


def write_parquet(
    outcomes: Iterable[Outcome],
    path: str | os.PathLike[str],
    *,
    row_group_profiles: int = ROW_GROUP_PROFILES,
) -> int:
    """Write ``outcomes`` (a `BatchResult`, or a `Batch` as it streams) to a Parquet file.

    The outcomes are read and written ``row_group_profiles`` at a time, one row group each,
    so a batch of any size is written in the memory of one group. The file has the rows and
    columns of `to_arrow` (its `arrow_schema`); ``pandas.read_parquet(path)`` reads it back,
    the failures with their index, source and error. Returns how many outcomes were written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas
    >>> import eminence as em
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "batch.parquet"
    >>> batch = em.plan_many([em.example("consultant"), {}], trials=0, detail="forecast")
    >>> em.batch.write_parquet(batch, path)
    2
    >>> frame = pandas.read_parquet(path)
    >>> list(frame["index"]), list(frame["error"].notna())
    ([0, 0, 1], [False, False, True])
    """
    parquet = _pyarrow("write_parquet", "pyarrow.parquet")
    row_group_profiles = a_whole_number("row_group_profiles", row_group_profiles, least=1)
    if isinstance(outcomes, Outcome):
        raise InvalidArgumentError(
            "outcomes", "write_parquet takes a batch or its result, not a single outcome"
        )
    stream, written = iter(outcomes), 0
    with parquet.ParquetWriter(os.fspath(path), arrow_schema()) as writer:
        while True:
            group = list(itertools.islice(stream, row_group_profiles))
            if not group:
                return written
            writer.write_table(to_arrow(group))
            written += len(group)
            # Let this group go before the next is planned: one group in memory, not two.
            del group


def _pyarrow(purpose: str, module: str = "pyarrow") -> Any:
    """``module`` of pyarrow, imported on first use; its absence names the extra."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError("pyarrow", "arrow", purpose) from None
