"""A batch written to a Parquet file as it streams (extra ``arrow``), a row group at a time.

Its rows are `BatchResult.to_arrow`'s, of one fixed `arrow_schema`, so the row groups of a
file all agree, whatever each holds (failures only, a forecast without trials).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable

from eminence.batch.result import Outcome, arrow_schema, pyarrow_module, to_arrow
from eminence.errors import InvalidArgumentError
from eminence.model.arguments import a_whole_number

__all__ = ("ROW_GROUP_PROFILES", "write_parquet")

ROW_GROUP_PROFILES = 10_000
"""Profiles per row group of a Parquet file: the most outcomes `write_parquet` holds at once."""


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
    # The arguments first: a wrong one is named whether or not the extra is installed.
    row_group_profiles = a_whole_number("row_group_profiles", row_group_profiles, least=1)
    if isinstance(outcomes, Outcome):
        raise InvalidArgumentError(
            "outcomes", "write_parquet takes a batch or its result, not a single outcome"
        )
    parquet = pyarrow_module("write_parquet", "pyarrow.parquet")
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
