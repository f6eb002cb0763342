"""A progress bar over a batch's outcomes (extra ``progress``), for batches that take a while."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO

from eminence.batch.result import Outcome
from eminence.errors import MissingExtraError

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ("with_progress",)


def with_progress(
    outcomes: Iterator[Outcome], total: int | None, stream: bool | TextIO
) -> Iterator[Outcome]:
    """``outcomes``, advancing a tqdm bar on ``stream`` (True: standard error) as each comes.

    tqdm is imported here, as the batch is made, so that a missing extra is said before any
    profile is planned; the bar itself starts with the first profile and closes with the last.
    """
    try:
        from tqdm import tqdm
    except ImportError:
        raise MissingExtraError("tqdm", "progress", "plan_many(progress=...)") from None
    file = sys.stderr if stream is True else stream
    return _counted(outcomes, functools.partial(tqdm, total=total, file=file, unit="profile"))


def _counted(outcomes: Iterator[Outcome], new_bar: Callable[[], tqdm[None]]) -> Iterator[Outcome]:
    failed = 0
    with new_bar() as bar:
        for outcome in outcomes:
            failed += not outcome.ok
            if failed:
                bar.set_postfix(failed=failed, refresh=False)
            bar.update()
            yield outcome
