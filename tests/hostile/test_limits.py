"""Every documented limit (docs/limits.md): the value at the limit is accepted, and the value
just over it is refused with an error that names the limit."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import tracemalloc
from collections.abc import Callable
from typing import Any

import dateutil.rrule
import pytest

import eminence as em
from eminence.model.profile import MAX_EVENTS, MAX_GOALS, MAX_LISTED, MAX_VENUES
from eminence.planning.planner import TRIALS, check_options, check_work, most_trials
from eminence.testing import changed, profile_data, random_profile_data


def loaded(data: dict[str, Any]) -> em.model.Profile:
    return em.loads(json.dumps(data))


def padded(size: int) -> str:
    text = json.dumps(profile_data())
    return text + " " * (size - len(text))


def nested_name(depth: int) -> dict[str, Any]:
    """A document ``depth`` deep: the profile mapping is level 1, its name's lists the rest."""
    value: Any = []
    for _ in range(depth - 2):
        value = [value]
    return {**profile_data(), "name": value}


def invalid(call: Callable[..., object], *arguments: object) -> None:
    """Within the limits, yet refused by the model: proof the limit let it through."""
    with pytest.raises(em.InvalidInputError):
        call(*arguments)


def columns(count: int) -> list[str]:
    return [f"c{index}" for index in range(count)]


def entry(**cells: Any) -> dict[str, Any]:
    return {"date": "2027-02-01", "venue": "forum", "hours": 1, **cells}


LATEST = em.loads(profile_data()).capacity.latest_date


def many(venues: int = 2, goals: int = 2, events: int = 0) -> em.model.Profile:
    return em.loads(random_profile_data(0, venues=venues, goals=goals, events=events))


def with_topics(count: int) -> em.model.Profile:
    """The small profile with more topics, ``count`` in all (the other lists share a limit)."""
    data = profile_data()
    data["topics"] += [{"id": f"x{index}"} for index in range(count - len(data["topics"]))]
    return em.loads(data)


# The largest profile the limits accept, with the most trials the work budget gives it.
WIDEST = (MAX_VENUES, MAX_GOALS, MAX_EVENTS)

# name: (the call at the limit, the call just over it, a fragment of the error)
LIMITS: dict[str, tuple[Callable[[], object], Callable[[], object], str]] = {
    "file size": (
        lambda: em.loads(padded(1024 * 1024)),
        lambda: em.loads(padded(1024 * 1024 + 1)),
        "at most 1,048,576 characters",
    ),
    "nesting": (
        # Deep enough data is still no valid name: the model, not the limit, refuses it.
        lambda: invalid(loaded, nested_name(32)),
        lambda: loaded(nested_name(33)),
        "at most 32",
    ),
    "entries in a list": (
        lambda: invalid(loaded, changed("goals.0.segments", ["cio"] * 10_000)),
        lambda: loaded(changed("goals.0.segments", ["cio"] * 10_001)),
        "has 10,001 entries; at most 10,000 are allowed",
    ),
    "values in a document": (
        lambda: invalid(loaded, {**profile_data(), "x": [[0] * 9_000] * 10}),
        lambda: loaded({**profile_data(), "x": [[0] * 10_000] * 10}),
        "at most 100,000 are allowed",
    ),
    "string length": (
        lambda: invalid(loaded, changed("name", "x" * 20_000)),
        lambda: loaded(changed("name", "x" * 20_001)),
        "has 20,001 characters; at most 20,000 are allowed",
    ),
    "digits in an integer": (
        lambda: invalid(em.loads, '{"x": ' + "9" * 4300 + "}"),
        lambda: em.loads('{"x": ' + "9" * 4301 + "}"),
        "has 4,301 digits; at most 4,300 are allowed",
    ),
    "rows in a log": (
        lambda: em.loads_progress([entry()] * 10_000),
        lambda: em.loads_progress([entry()] * 10_001),
        "the log has 10,001 rows; at most 10,000 are allowed",
    ),
    "columns in a CSV log": (
        lambda: em.loads_progress(",".join(["date", "venue", *columns(9_998)]), format="csv"),
        lambda: em.loads_progress(",".join(["date", "venue", *columns(9_999)]), format="csv"),
        "the log has 10,001 columns",
    ),
    "most hours per week": (
        lambda: loaded(changed("capacity.hours_per_week", 168)),
        lambda: loaded(changed("capacity.hours_per_week", 168.000001)),
        "capacity.hours_per_week: must be at most 168",
    ),
    "fewest hours per week": (
        lambda: loaded(changed("capacity.hours_per_week", 0.01)),
        lambda: loaded(changed("capacity.hours_per_week", 0.00999)),
        "capacity.hours_per_week: must be at least 0.01",
    ),
    "hours of work": (
        lambda: loaded(changed("venues.0.listening_hours", 10_000)),
        lambda: loaded(changed("venues.0.listening_hours", 10_000.001)),
        "venues[0].listening_hours: must be at most 10,000",
    ),
    "estimates": (
        lambda: loaded(changed("venues.0.yields.replies", 1e12)),
        lambda: loaded(changed("venues.0.yields.replies", 1.000001e12)),
        "venues[0].yields.replies: must be from 0 to 10^12",
    ),
    "latest start": (
        lambda: loaded(
            changed(
                "goals",
                [{"id": "g", "metric": "replies", "target": 1}],
                changed("capacity.start", "9989-12-31"),
            )
        ),
        lambda: loaded(changed("capacity.start", "9990-01-01")),
        "start on or before 9989-12-31",
    ),
    "horizon of a deadline": (
        lambda: loaded(changed("goals.0.deadline", LATEST.isoformat())),
        lambda: loaded(changed("goals.0.deadline", (LATEST + dt.timedelta(days=1)).isoformat())),
        "more than ten years after the start",
    ),
    "profile name": (
        lambda: loaded(changed("name", "x" * 200)),
        lambda: loaded(changed("name", "x" * 201)),
        "name: is longer than 200 characters",
    ),
    "other names": (
        lambda: loaded(changed("venues.0.name", "x" * 2_000)),
        lambda: loaded(changed("venues.0.name", "x" * 2_001)),
        "venues[0].name: is longer than 2,000 characters",
    ),
    "ids": (
        lambda: loaded(changed("metrics.2.id", "a" * 64)),
        lambda: loaded(changed("metrics.2.id", "a" * 65)),
        "metrics[2].id: is longer than 64 characters",
    ),
    "segment size": (
        lambda: loaded(changed("segments.0.size", 10_000_000_000)),
        lambda: loaded(changed("segments.0.size", 10_000_000_001)),
        "segments[0].size: must be at most 10,000,000,000",
    ),
    "rule length": (
        lambda: loaded(changed("venues.0.rrule", "FREQ=WEEKLY;BYDAY=" + "MO," * 160 + "MO")),
        lambda: loaded(changed("venues.0.rrule", "FREQ=WEEKLY;BYDAY=" + "MO," * 160 + "MO,")),
        "venues[0].rrule: is longer than 500 characters",
    ),
    "rule COUNT": (
        lambda: loaded(changed("venues.0.rrule", "FREQ=DAILY;COUNT=3650")),
        lambda: loaded(changed("venues.0.rrule", "FREQ=DAILY;COUNT=3651")),
        "COUNT=3651 must be from 1 to 3,650",
    ),
    "rule INTERVAL": (
        lambda: loaded(changed("venues.0.rrule", "FREQ=DAILY;INTERVAL=520")),
        lambda: loaded(changed("venues.0.rrule", "FREQ=DAILY;INTERVAL=521")),
        "INTERVAL=521 must be from 1 to 520",
    ),
    "venues": (
        lambda: many(venues=MAX_VENUES),
        lambda: many(venues=MAX_VENUES + 1),
        f"venues: has {MAX_VENUES + 1} items; at most {MAX_VENUES} are allowed",
    ),
    "goals": (
        lambda: many(goals=MAX_GOALS),
        lambda: many(goals=MAX_GOALS + 1),
        f"goals: has {MAX_GOALS + 1} items; at most {MAX_GOALS} are allowed",
    ),
    "events": (
        lambda: many(events=MAX_EVENTS),
        lambda: many(events=MAX_EVENTS + 1),
        f"the venues hold {MAX_EVENTS + 1:,} events; at most {MAX_EVENTS:,}",
    ),
    "other lists": (
        lambda: with_topics(MAX_LISTED),
        lambda: with_topics(MAX_LISTED + 1),
        f"topics: has {MAX_LISTED + 1} items; at most {MAX_LISTED} are allowed",
    ),
    "work of a plan": (
        # The budget's trials for the widest profile: the check alone stands for the plan.
        lambda: check_work(many(*WIDEST), most_trials(many(*WIDEST), 520), 520),
        lambda: check_work(many(*WIDEST), most_trials(many(*WIDEST), 520) + 1, 520),
        "is more work than one plan may take",
    ),
    "trials": (
        # A million draws take seconds: the check alone stands for the plan at the limit.
        lambda: check_options(0, 1_000_000, 520),
        lambda: em.plan(em.loads(profile_data()), trials=1_000_001),
        "trials must be from 1 to 1,000,000",
    ),
    "horizon": (
        lambda: em.plan(em.loads(profile_data()), trials=20, horizon_weeks=520),
        lambda: em.plan(em.loads(profile_data()), trials=20, horizon_weeks=521),
        "horizon_weeks must be from 1 to 520 (ten years)",
    ),
    "hours in a sensitivity table": (
        lambda: em.sensitivity(em.loads(profile_data()), [0.01, 168], trials=20),
        lambda: em.sensitivity(em.loads(profile_data()), [168.5], trials=20),
        "hours per week must be from 0.01 to 168",
    ),
}


@pytest.mark.parametrize("name", LIMITS)
def test_the_limit_itself_is_accepted(name: str) -> None:
    at_limit, _, _ = LIMITS[name]
    at_limit()


@pytest.mark.parametrize("name", LIMITS)
def test_just_over_the_limit_is_refused_by_name(name: str) -> None:
    _, over, fragment = LIMITS[name]
    with pytest.raises(em.EminenceError) as caught:
        over()
    assert fragment in str(caught.value)


class TestOccurrences:
    def test_a_window_of_more_than_the_limit_is_refused(self) -> None:
        schedule = em.plan(em.loads(profile_data()), trials=20).schedule
        count = len(schedule.occurrences())
        assert len(schedule.occurrences(limit=count)) == count
        with pytest.raises(em.EminenceError, match=f"more than {count - 1:,} occurrences"):
            schedule.occurrences(limit=count - 1)

    def test_the_default_limit_is_documented(self) -> None:
        from eminence.planning.results.schedule import MAX_OCCURRENCES

        assert MAX_OCCURRENCES == 100_000


class TestSensitivity:
    def test_more_levels_than_allowed_are_refused_naming_the_most(self) -> None:
        with pytest.raises(
            em.InvalidArgumentError, match=r"hours holds more than 100 .* at most 100"
        ):
            em.sensitivity(em.example("executive"), hours=[1.0 + i / 100 for i in range(101)])

    def test_an_endless_iterator_is_read_no_further_than_the_limit(self) -> None:
        with pytest.raises(em.InvalidArgumentError, match="more than 100"):
            em.sensitivity(em.example("executive"), hours=itertools.count(1))


class TestLateWindows:
    def test_a_late_window_of_an_item_walks_its_days_not_all_since_its_start(self) -> None:
        # A weekly item over ten years: the last week's days once walked every week before.
        plan = em.plan(em.example("consultant"), trials=20)
        item = next(i for i in plan.schedule.items if i.rule and i.until and not i.topics)
        assert item.until is not None
        walked = []
        iterate = dateutil.rrule.rrule._iter  # type: ignore[attr-defined]

        def counted(rule: Any) -> Any:
            for day in iterate(rule):
                walked.append(day)
                yield day

        last = item.until
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(dateutil.rrule.rrule, "_iter", counted)
            late = item.days(last - dt.timedelta(days=13), last)
        assert late == [d for d in item.days() if d >= last - dt.timedelta(days=13)]
        assert len(walked) <= 40


class TestWorkBudget:
    def test_every_profile_the_limits_accept_plans_with_the_default_trials(self) -> None:
        assert most_trials(many(*WIDEST), 520) >= TRIALS

    @pytest.mark.parametrize("per", list(em.model.RatePeriod))
    def test_one_whose_goals_are_all_rates_held_as_long_as_allowed_has_half(
        self, per: em.model.RatePeriod
    ) -> None:
        # A rate's counts are drawn week by week and each period is a pass over its path:
        # the widest profile whose thirty goals are all such rates may have 1,000 trials.
        data = random_profile_data(0, venues=MAX_VENUES, goals=MAX_GOALS, events=MAX_EVENTS)
        for goal in data["goals"]:
            goal |= {"metric": "m-requests", "per": per.value}
            goal["held_for"] = math.floor(520 / per.weeks + 1e-9)
        assert most_trials(em.loads(data), 520) >= TRIALS // 2

    def test_a_rate_goal_counts_in_the_work_budget(self) -> None:
        # Thirty weekly rates of a small profile were allowed 266,581 trials: eight minutes.
        data = random_profile_data(1, goals=MAX_GOALS)
        plain = most_trials(em.loads(data), 520)
        for goal in data["goals"]:
            goal |= {"metric": "m-requests", "per": "week"}
        assert most_trials(em.loads(data), 520) * 10 < plain

    def test_a_rate_held_longer_than_the_longest_plan_is_refused_naming_the_most(
        self,
    ) -> None:
        data = random_profile_data(0)
        data["goals"][0] |= {"metric": "m-requests", "per": "month", "held_for": 120}
        with pytest.raises(em.InvalidInputError, match=r"held_for 120 months .* at most 119"):
            em.loads(data)

    def test_a_rate_held_for_ten_years_plans_in_bounded_time_and_memory(self) -> None:
        # Each of its 520 periods was once a full copy of every block of trials' paths: 11 s
        # and 680 MB for 200 trials.
        data = random_profile_data(0)
        data["goals"][0] |= {"metric": "m-requests", "per": "week", "held_for": 520}
        profile = em.loads(data)
        tracemalloc.start()
        try:
            em.plan(profile, trials=200)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 64 * 2**20

    def test_a_small_profile_takes_the_most_trials_the_options_allow(self) -> None:
        assert most_trials(em.example("consultant"), 520) == 1_000_000

    def test_the_refusal_says_how_many_trials_the_profile_may_have(self) -> None:
        profile = many(*WIDEST)
        most = most_trials(profile, 520)
        with pytest.raises(em.EminenceError, match=f"at most {most:,} trials"):
            em.Planner(profile, trials=most + 1, horizon_weeks=520)
