"""A batch as an Arrow table and a Parquet file (extra ``arrow``): the frame's rows and
columns, typed the same whatever each part holds, written a row group at a time."""

from __future__ import annotations

import gc
import math
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import random_profile, random_profile_data

TRIALS = 30


def _sources(tmp_path: Path) -> list[object]:
    path = tmp_path / "consultant.json"
    path.write_text(em.dump(em.example("consultant"), format="json"), "utf-8")
    profiles = [random_profile(seed, venues=2, goals=2, events=1) for seed in range(4)]
    return [profiles[0], {"name": 3}, path, *profiles[1:], tmp_path / "missing.yaml"]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> em.batch.BatchResult:
    sources = _sources(tmp_path_factory.mktemp("profiles"))
    return em.plan_many(sources, seed=5, trials=TRIALS).collect()  # type: ignore[arg-type]


def _records(frame: object) -> list[dict[str, object]]:
    """A frame's rows, with every kind of missing value (None, NaN, NA) as None."""
    import pandas

    assert isinstance(frame, pandas.DataFrame)
    return [
        {column: None if pandas.isna(value) else value for column, value in row.items()}
        for row in frame.to_dict("records")
    ]


@pytest.mark.extra("arrow", "pandas")
class TestTheTable:
    def test_it_has_the_frame_s_rows_and_columns(self, result: em.batch.BatchResult) -> None:
        table = result.to_arrow()
        assert table.schema.names == list(em.batch.result.COLUMNS)
        assert table.schema == em.batch.arrow_schema()
        assert _records(table.to_pandas()) == _records(result.to_frame())

    def test_failures_keep_their_index_source_and_error(self, result: em.batch.BatchResult) -> None:
        failed = [row for row in result.to_arrow().to_pylist() if row["error"] is not None]
        assert [(row["index"], row["goal"]) for row in failed] == [(1, None), (6, None)]
        assert failed[1]["source"].endswith("missing.yaml")
        assert failed[0]["seed"] is None

    def test_a_forecast_without_trials_has_the_same_types(self) -> None:
        profiles = [random_profile(seed, venues=2, goals=1) for seed in range(2)]
        batch = em.plan_many(profiles, trials=0, detail="forecast").collect()
        table = batch.to_arrow()
        assert table.schema == em.batch.arrow_schema()
        assert table.column("p80").null_count == len(table)

    def test_an_empty_batch_is_an_empty_table_of_the_schema(self) -> None:
        table = em.batch.BatchResult(()).to_arrow()
        assert len(table) == 0
        assert table.schema == em.batch.arrow_schema()


def _alive() -> int:
    return sum(isinstance(thing, em.batch.Outcome) for thing in gc.get_objects())


@pytest.mark.extra("arrow", "pandas")
class TestParquet:
    @settings(max_examples=10, deadline=None)
    @given(st.integers(1, 9))
    def test_any_row_groups_read_back_as_the_whole_table(
        self, result: em.batch.BatchResult, tmp_path_factory: pytest.TempPathFactory, size: int
    ) -> None:
        import pyarrow.parquet

        path = tmp_path_factory.mktemp("parquet") / "batch.parquet"
        assert em.batch.write_parquet(result, path, row_group_profiles=size) == len(result)
        assert pyarrow.parquet.ParquetFile(path).num_row_groups == math.ceil(len(result) / size)
        assert pyarrow.parquet.read_table(path).equals(result.to_arrow())

    def test_pandas_reads_back_the_frame(
        self, result: em.batch.BatchResult, tmp_path: Path
    ) -> None:
        import pandas

        em.batch.write_parquet(result, tmp_path / "batch.parquet", row_group_profiles=2)
        back = pandas.read_parquet(tmp_path / "batch.parquet")
        assert list(back.columns) == list(em.batch.result.COLUMNS)
        assert _records(back) == _records(result.to_frame())

    def test_a_streaming_batch_is_written_a_row_group_at_a_time(self, tmp_path: Path) -> None:
        def documents() -> Iterator[dict[str, object]]:
            for seed in range(60):
                yield random_profile_data(seed, venues=2, goals=1, events=0)

        def watched(outcomes: Iterator[em.batch.Outcome]) -> Iterator[em.batch.Outcome]:
            for outcome in outcomes:
                most.append(_alive() - before)
                yield outcome

        written, most = {}, list[int]()
        for size in (10, 60):
            before = _alive()
            most.clear()
            batch = em.plan_many(documents(), trials=0, detail="forecast")
            path = tmp_path / f"{size}.parquet"
            written[size] = em.batch.write_parquet(watched(batch), path, row_group_profiles=size)
            assert max(most) <= size
            if size == 60:
                assert max(most) == 60  # holding a whole group shows in the count
        assert written == {10: 60, 60: 60}

    def test_an_empty_batch_writes_an_empty_file(self, tmp_path: Path) -> None:
        import pyarrow.parquet

        assert em.batch.write_parquet(iter([]), tmp_path / "empty.parquet") == 0
        table = pyarrow.parquet.read_table(tmp_path / "empty.parquet")
        assert (len(table), table.schema) == (0, em.batch.arrow_schema())


def test_without_pyarrow_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(em.MissingExtraError, match=r"eminence\[arrow\]"):
        em.batch.BatchResult(()).to_arrow()
    with pytest.raises(em.MissingExtraError, match=r"eminence\[arrow\]"):
        em.batch.write_parquet([], tmp_path / "batch.parquet")


@pytest.mark.parametrize("size", [0, -1, 2.5])
def test_a_row_group_holds_at_least_one_profile(size: object, tmp_path: Path) -> None:
    with pytest.raises(em.InvalidArgumentError, match="row_group_profiles"):
        em.batch.write_parquet([], tmp_path / "batch.parquet", row_group_profiles=size)  # type: ignore[arg-type]
