"""A long batch can show its progress (extra ``progress``): every profile, on the stream given."""

from __future__ import annotations

import io
import re
import sys

import pytest

import eminence as em
from eminence.testing import random_profile

TRIALS = 20


def _sources() -> list[object]:
    return [random_profile(seed, venues=2, goals=1, events=0) for seed in range(3)] + [{}]


def _last_state(drawn: str) -> str:
    """The bar as it was drawn last (tqdm redraws it in place with carriage returns)."""
    return re.split(r"[\r\n]", drawn.strip())[-1]


@pytest.mark.extra("progress")
class TestTheBar:
    def test_it_counts_every_profile_and_the_failures_on_the_stream_given(self) -> None:
        stream = io.StringIO()
        outcomes = list(em.plan_many(_sources(), trials=TRIALS, progress=stream))  # type: ignore[arg-type]
        assert len(outcomes) == 4
        last = _last_state(stream.getvalue())
        assert "4/4" in last
        assert "failed=1" in last

    def test_a_stream_of_unknown_length_is_counted_too(self) -> None:
        stream = io.StringIO()
        batch = em.plan_many(iter(_sources()), trials=TRIALS, progress=stream)  # type: ignore[arg-type]
        assert stream.getvalue() == ""  # nothing is drawn before the first profile is read
        assert sum(1 for _ in batch) == 4
        assert re.search(r"\b4profile", _last_state(stream.getvalue()))

    def test_true_draws_on_standard_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        em.plan_many(_sources()[:1], trials=TRIALS, progress=True).collect()  # type: ignore[arg-type]
        captured = capsys.readouterr()
        assert "1/1" in captured.err
        assert captured.out == ""

    def test_the_outcomes_are_those_of_a_batch_without_a_bar(self) -> None:
        plain = em.plan_many(_sources(), trials=TRIALS).collect()  # type: ignore[arg-type]
        shown = em.plan_many(_sources(), trials=TRIALS, progress=io.StringIO()).collect()  # type: ignore[arg-type]
        assert [o.plan for o in shown] == [o.plan for o in plain]


def test_without_tqdm_the_error_names_the_extra_before_planning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(em.MissingExtraError, match=r"eminence\[progress\]"):
        em.plan_many(_sources(), progress=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("progress", ["yes", 1.0, None])
def test_progress_is_a_switch_or_a_stream(progress: object) -> None:
    with pytest.raises(em.InvalidArgumentError, match="progress"):
        em.plan_many(_sources(), progress=progress)  # type: ignore[arg-type]
