"""A batch over a Dask DataFrame of profile documents gives the local batch's rows, whatever
the partitioning, on the synchronous scheduler and on a cluster of two worker processes."""

from __future__ import annotations

from typing import Any

import pytest

import eminence as em
from eminence.testing import random_profile

pytestmark = pytest.mark.extra("dask")

TRIALS = 30


def _documents() -> list[str]:
    """Profiles as JSON text, one of them a document that is not a profile."""
    documents = [
        random_profile(seed, venues=2, goals=2, events=1).model_dump_json() for seed in range(6)
    ]
    documents[3] = '{"name": "no venues"}'
    return documents


def _local(detail: str = "plan", trials: int = TRIALS) -> Any:
    sources = [em.batch.ProfileText(document) for document in _documents()]
    return em.plan_many(sources, seed=3, trials=trials, detail=detail).collect().to_arrow()  # type: ignore[arg-type]


def _same_rows(distributed: Any, local: Any) -> None:
    import pyarrow

    table = pyarrow.Table.from_pandas(distributed, preserve_index=False)
    assert table.cast(em.batch.arrow_schema()).equals(local)


def _frame(partitions: int) -> Any:
    import dask.dataframe
    import pandas

    documents = pandas.DataFrame({"profile": _documents()})
    return dask.dataframe.from_pandas(documents, npartitions=partitions)


class TestSynchronous:
    @pytest.mark.parametrize("partitions", [1, 2, 6])
    def test_any_partitioning_gives_the_local_rows(self, partitions: int) -> None:
        rows = em.batch.plan_frame(_frame(partitions), seed=3, trials=TRIALS)
        computed = rows.compute(scheduler="synchronous")
        _same_rows(computed, _local())
        assert list(computed["error"].notna()).count(True) == 1

    def test_a_forecast_gives_the_local_rows(self) -> None:
        rows = em.batch.plan_frame(_frame(4), seed=3, trials=0, detail="forecast")
        _same_rows(rows.compute(scheduler="synchronous"), _local("forecast", trials=0))

    def test_the_columns_and_their_types_are_known_before_computing(self) -> None:
        rows = em.batch.plan_frame(_frame(2), trials=TRIALS)
        assert list(rows.columns) == list(em.batch.result.COLUMNS)
        assert [str(dtype) for dtype in rows.dtypes] == [
            f"{field.type}[pyarrow]" for field in em.batch.arrow_schema()
        ]

    def test_the_column_of_documents_can_have_any_name(self) -> None:
        frame = _frame(3).rename(columns={"profile": "document"})
        rows = em.batch.plan_frame(frame, "document", seed=3, trials=TRIALS)
        _same_rows(rows.compute(scheduler="synchronous"), _local())

    def test_an_unknown_column_is_named(self) -> None:
        with pytest.raises(em.InvalidArgumentError, match="'document'"):
            em.batch.plan_frame(_frame(2), "document")


@pytest.mark.parametrize("partitions", [2, 5])
def test_a_cluster_of_two_worker_processes_gives_the_local_rows(
    dask_client: object, partitions: int
) -> None:
    rows = em.batch.plan_frame(_frame(partitions), seed=3, trials=TRIALS).compute()
    _same_rows(rows, _local())
