"""Plan or forecast many profiles one after another, streaming each outcome as it comes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from eminence.batch.progress import with_progress
from eminence.batch.result import BatchResult, Outcome
from eminence.batch.seeds import batch_seed
from eminence.errors import EminenceError, InvalidArgumentError
from eminence.io import load, loads
from eminence.model import Profile
from eminence.model.arguments import a_whole_number
from eminence.planning import Plan, forecast, plan
from eminence.planning.planner import TRIALS, check_options
from eminence.planning.projection import HORIZON_WEEKS

__all__ = ("Batch", "ProfileSource", "ProfileText", "check_detail", "check_errors", "plan_many")


@dataclass(frozen=True, slots=True)
class ProfileText:
    """A profile document's text (JSON, TOML or YAML), read as `eminence.loads` reads it.

    A batch reads a plain string as a path; this says it is the document itself, as a line
    of a JSON Lines file or a column of a DataFrame holds it.
    """

    text: str | bytes


ProfileSource = Profile | Mapping[str, Any] | ProfileText | str | os.PathLike[str]
"""What a batch plans: a profile, its data as a mapping or text, or the path of its file."""

ERRORS = ("collect", "raise")
DETAILS = ("plan", "forecast")


def plan_many(
    profiles: Iterable[ProfileSource],
    *,
    seed: int = 0,
    trials: int = TRIALS,
    horizon_weeks: int = HORIZON_WEEKS,
    errors: Literal["collect", "raise"] = "collect",
    start: int = 0,
    detail: Literal["plan", "forecast"] = "plan",
    progress: bool | TextIO = False,
) -> Batch:
    """Plan independent profiles, each with its own seed derived from ``seed``.

    Each profile is planned as `eminence.plan` plans it alone with ``batch_seed(seed,
    profile)``: the same plan to the byte, whatever the order of the batch or how it is split.
    The profiles are read and planned one at a time as the batch is iterated, so a batch of
    thousands streams in the memory of one plan; ``.collect()`` keeps them all.

    Parameters
    ----------
    profiles
        Profiles, their data as mappings or as `ProfileText` (read as `eminence.loads` reads
        them), or paths of their files (read as `eminence.load` reads them).
    seed
        The batch's seed, from which every profile's own seed is derived.
    trials, horizon_weeks
        As in `eminence.plan`, for every profile.
    errors
        ``"collect"``: a profile that cannot be read or planned gives an outcome holding its
        `EminenceError`, and the batch goes on. ``"raise"``: the first such error stops the
        batch.
    start
        The index of the first profile: a batch split in parts numbers its outcomes as the
        whole would, when each part starts where the one before it ended.
    detail
        ``"plan"``: each outcome holds the profile's whole `Plan`. ``"forecast"``: it holds
        only its goals' `Forecast` (`eminence.planning.forecast`): the expected dates,
        P50 / P80 / P95 and chances the plan would report, without the ranking, band, costs,
        notes and schedule, several times faster; ``trials=0`` gives the closed-form
        expected dates alone.
    progress
        True: draw a progress bar on standard error as the profiles are planned (extra
        ``progress``), with the count of failures; a text stream: draw it there. The total
        is known when ``profiles`` has a length.

    Examples
    --------
    >>> import eminence as em
    >>> result = em.plan_many([em.example("consultant"), {"name": "?"}], trials=200).collect()
    >>> [(outcome.index, outcome.ok) for outcome in result]
    [(0, True), (1, False)]
    >>> result[0].plan == em.plan(em.example("consultant"), seed=result[0].seed, trials=200)
    True
    """
    check_detail(detail)
    seed, trials, horizon_weeks = check_options(
        seed, trials, horizon_weeks, least_trials=0 if detail == "forecast" else 1
    )
    check_errors(errors)
    start = a_whole_number("start", start, least=0)
    if isinstance(profiles, str | bytes | os.PathLike | Mapping | Profile):
        raise InvalidArgumentError(
            "profiles", "plan_many takes an iterable of profiles; to plan one, use em.plan"
        )
    outcomes: Iterator[Outcome] = (
        _outcome(index, source, seed, trials, horizon_weeks, errors, detail)
        for index, source in enumerate(profiles, start)
    )
    if not isinstance(progress, bool) and not callable(getattr(progress, "write", None)):
        raise InvalidArgumentError(
            "progress", f"progress must be True, False or a text stream, not {progress!r:.60}"
        )
    if progress is not False:
        total = len(profiles) if isinstance(profiles, Sized) else None
        outcomes = with_progress(outcomes, total, progress)
    return Batch(outcomes)


def check_detail(detail: object) -> None:
    """Refuse a ``detail`` that is neither ``"plan"`` nor ``"forecast"``."""
    if detail not in DETAILS:
        raise InvalidArgumentError("detail", f"detail must be 'plan' or 'forecast', not {detail!r}")


def check_errors(errors: object) -> None:
    """Refuse an ``errors`` that is neither ``"collect"`` nor ``"raise"``."""
    if errors not in ERRORS:
        raise InvalidArgumentError("errors", f"errors must be 'collect' or 'raise', not {errors!r}")


class Batch(Iterator[Outcome]):
    """The outcomes of a batch, planned one by one as they are read (a single pass)."""

    def __init__(self, outcomes: Iterator[Outcome]) -> None:
        self._outcomes = outcomes

    def __next__(self) -> Outcome:
        return next(self._outcomes)

    def collect(self) -> BatchResult:
        """Plan the profiles not read yet and keep every outcome."""
        return BatchResult(tuple(self._outcomes))


def _outcome(
    index: int,
    source: ProfileSource,
    seed: int,
    trials: int,
    horizon_weeks: int,
    errors: str,
    detail: str,
) -> Outcome:
    path = Path(source) if isinstance(source, str | os.PathLike) else None
    derived = None
    try:
        profile = _profile(source, path)
        derived = batch_seed(seed, profile)
        if detail == "forecast":
            return Outcome(
                index,
                path,
                derived,
                forecast=forecast(
                    profile, seed=derived, trials=trials, horizon_weeks=horizon_weeks
                ),
            )
        planned: Plan = plan(profile, seed=derived, trials=trials, horizon_weeks=horizon_weeks)
    except EminenceError as error:
        if errors == "raise":
            raise
        return Outcome(index, path, derived, error=error)
    return Outcome(index, path, derived, plan=planned)


def _profile(source: ProfileSource, path: Path | None) -> Profile:
    if path is not None:
        return load(path)
    if isinstance(source, Mapping):
        return loads(source)
    if isinstance(source, ProfileText):
        return loads(source.text)
    if isinstance(source, Profile):
        return source
    raise InvalidArgumentError(
        "profiles",
        "a batch plans profiles, their data as mappings or ProfileText, or paths of their "
        f"files, not {source!r:.60}",
    )
