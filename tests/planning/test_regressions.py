"""One test per bug found in review: each failed before its fix."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

import eminence as em
from eminence.cli import main
from eminence.testing import profile_data, random_profile_data


def _plan(data: dict[str, Any], **options: Any) -> em.results.Plan:
    return em.plan(
        em.model.Profile.model_validate(data), trials=options.pop("trials", 200), **options
    )


def test_a_churning_goal_with_venue_minimums_plans() -> None:
    data = profile_data()
    data["metrics"][0]["churn_per_week"] = 0.05
    data["goals"][1]["target"] = 2
    data["venues"][0]["min_hours_per_week"] = 1
    projection = _plan(data).projections.goal("conversations")
    assert projection.minimum_hours_per_week is not None
    assert projection.minimum_hours_per_week >= 1


def test_listening_is_owed_when_the_split_starts_a_venue_after_its_events_deadline() -> None:
    data = profile_data()
    summit = data["venues"][1]
    summit["listening_hours"] = 20
    summit["yields"] = {"requests": 0.5}
    summit["events"][0]["proposal_deadline"] = "2027-02-01"
    summit["events"][0]["preparation_hours"] = 8
    plan = _plan(data)
    assert plan.allocation.venue("summit").hours_per_week > 0
    active = plan.allocation.venue("summit").active_from
    assert active is not None
    assert active > dt.date(2027, 2, 1)
    # Four working weeks at 3 h give 12 h: too few for 20 h of listening and the proposal.
    assert not plan.allocation.events[0].taken
    assert "does not fit" in plan.allocation.events[0].reason


def test_results_do_not_depend_on_the_order_of_lists() -> None:
    data = random_profile_data(5, events=3)
    first = _plan(data, seed=2)
    shuffle = random.Random(1)
    shuffle.shuffle(data["venues"])
    shuffle.shuffle(data["goals"])
    for goal in data["goals"]:
        shuffle.shuffle(goal["segments"])
    second = _plan(data, seed=2)
    assert first.priorities.items == second.priorities.items
    assert {g.goal: g for g in first.projections.goals} == {
        g.goal: g for g in second.projections.goals
    }
    assert {v.venue: v for v in first.allocation.venues} == {
        v.venue: v for v in second.allocation.venues
    }


def test_scores_equal_in_exact_arithmetic_tie() -> None:
    data = profile_data()
    data["goals"] = [{"id": "talk", "metric": "replies", "target": 10}]
    base = {"kind": "forum", "audience": {"cio": 0.5}, "cadence": 2}
    data["venues"] = [
        {**base, "id": "a", "effort_hours": 0.3, "yields": {"replies": 3}},
        {**base, "id": "b", "effort_hours": 0.1, "yields": {"replies": 1}},
    ]
    data["peers"] = []
    items = _plan(data).priorities.items
    assert [(item.venue, item.rank, item.tied) for item in items] == [
        ("a", 1, True),
        ("b", 1, True),
    ]


def test_a_stock_below_its_plateau_has_no_lucky_dates() -> None:
    data = profile_data()
    data["metrics"][0]["churn_per_week"] = 0.5
    data["goals"][1]["target"] = 1000
    projection = _plan(data).projections.goal("conversations")
    assert projection.expected_date is None
    assert projection.p50 is None
    assert projection.binding is em.results.Binding.CHURN


def test_a_deadline_beyond_the_default_horizon_gets_a_full_chance() -> None:
    data = profile_data()
    data["goals"][0]["deadline"] = "2034-12-31"
    short = _plan(data).projections.goal("inbound").chance_by_deadline
    long = _plan(data, horizon_weeks=520).projections.goal("inbound").chance_by_deadline
    assert short == long


@pytest.mark.parametrize("seed", [-1, 1.5, True])
def test_a_bad_seed_is_an_eminence_error(seed: Any) -> None:
    with pytest.raises(em.EminenceError, match="seed must be a whole number"):
        em.plan(em.model.Profile.model_validate(profile_data()), seed=seed)


def test_minimums_that_fill_the_week_exactly_plan_with_nothing_left_over() -> None:
    data = profile_data()
    data["capacity"]["hours_per_week"] = 0.3
    data["venues"][0]["yields"] = {}
    data["venues"][0]["min_hours_per_week"] = 0.1
    data["venues"][1]["min_hours_per_week"] = 0.2
    data["venues"][1]["events"] = []
    assert _plan(data).allocation.leftover_hours_per_week == 0.0


def test_listening_with_no_free_hour_never_starts_instead_of_crashing() -> None:
    data = profile_data()
    data["capacity"]["hours_per_week"] = 1
    data["venues"][0].update(min_hours_per_week=1.0, listening_hours=0)
    data["venues"][1].update(min_hours_per_week=1e-13, listening_hours=5)
    summit = _plan(data).allocation.venue("summit")
    assert summit.active_from is None


def test_an_event_during_a_holiday_is_dropped() -> None:
    data = profile_data()
    data["venues"][1]["events"][0]["date"] = "2027-08-10"
    choice = _plan(data).allocation.events[0]
    assert not choice.taken
    assert "unavailable" in choice.reason


@pytest.mark.parametrize("source", [12, None, 1.5])
def test_loading_something_that_is_not_a_profile_source(source: Any) -> None:
    with pytest.raises(em.InvalidArgumentError, match="loads takes a document as text, bytes"):
        em.loads(source)
    with pytest.raises(em.InvalidArgumentError, match="load reads a file"):
        em.load(source)


def test_an_unknown_format_is_an_eminence_error() -> None:
    with pytest.raises(em.EminenceError, match="unknown format 'xml'; use one of json"):
        em.dump(em.model.Profile.model_validate(profile_data()), "xml")


def test_the_command_line_refuses_zero_hours_by_their_option_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "me.json"
    path.write_text(em.dump(em.model.Profile.model_validate(profile_data())), "utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["plan", str(path), "--hours", "0"])
    assert exit_.value.code == 2
    assert "--hours must be more than 0" in capsys.readouterr().err


def test_a_plans_repr_rebuilds_it() -> None:
    import eminence.model as model
    import eminence.planning as planning

    plan = _plan(profile_data(), trials=20)
    # The model lends its names on first use: ask for each, as `from eminence.model import *`.
    names = {name: getattr(model, name) for name in model.__all__}
    namespace = {**names, **vars(planning), "datetime": dt}
    assert eval(repr(plan), namespace) == plan


def test_preparation_that_cannot_fit_between_the_proposal_and_the_event_is_refused() -> None:
    # The preparation starts once the proposal is in: a week before the event leaves 3 hours
    # for 22, though the hours since the plan's start would have covered them.
    data = profile_data()
    data["venues"][1]["events"][0].update(
        date="2027-06-10",
        proposal_deadline="2027-06-03",
        preparation_hours=30,
        acceptance_chance=0.9,
        yields={"requests": 4},
    )
    plan = _plan(data)
    (choice,) = plan.allocation.events
    assert not choice.taken
    assert "from 2027-06-03 to 2027-06-10" in choice.reason
    assert plan.schedule.unplaced_hours == 0.0


def test_an_event_owes_listening_when_the_projection_has_its_venue_heard_too_late() -> None:
    # Working weeks alone had the summit heard by the proposal deadline; the events' own
    # hours push its listening past it, so the talk owes the listening, and then cannot fit.
    data = profile_data()
    summit = data["venues"][1]
    summit.update(listening_hours=12, yields={"requests": 0.3}, cadence=1)
    summit["events"][0].update(
        proposal_deadline="2027-02-01", acceptance_chance=0.9, yields={"requests": 3}
    )
    (choice,) = _plan(data, trials=100).allocation.events
    assert not choice.taken
    assert "does not fit" in choice.reason


def test_listening_is_owed_by_the_event_due_first_at_its_venue() -> None:
    data = _two_talks(listening_hours=10)
    plan = _plan(data, trials=100)
    owed = {choice.event: choice.listening_hours for choice in plan.allocation.events}
    assert owed == {"summit-2027": 0.0, "early": 10.0}
    blocks = [
        item
        for item in plan.schedule.items
        if item.kind is em.results.ItemKind.LISTENING and item.event == "early"
    ]
    assert blocks
    assert all(item.day < dt.date(2027, 2, 15) for item in blocks)


def test_a_trade_off_moves_the_listening_an_event_owed_to_the_next_at_its_venue() -> None:
    # Skipping the early talk leaves the later one to owe the summit's listening: the days a
    # trade-off states are those a plan without the event shows.
    data = _two_talks(listening_hours=30)
    summit = data["venues"][1]
    plan = _plan(data, trials=50)
    for choice in plan.allocation.events:
        if not (choice.taken and choice.later_goals):
            continue
        data_without = {**data, "venues": [data["venues"][0], {**summit}]}
        data_without["venues"][1]["events"] = [
            e for e in summit["events"] if e["id"] != choice.event
        ]
        without = _plan(data_without, trials=50)
        for goal in choice.later_goals:
            with_it = plan.projections.goal(goal).expected_date
            skipped = without.projections.goal(goal).expected_date
            assert with_it is not None
            assert skipped is not None
            stated = int(choice.reason.split(f"{goal!r} about ")[1].split()[0])
            assert abs((with_it - skipped).days - stated) <= 1


def _two_talks(listening_hours: float) -> dict[str, Any]:
    """The summit with two talks: an early one, then a later and better one."""
    data = profile_data()
    data["capacity"]["hours_per_week"] = 6
    summit = data["venues"][1]
    summit["listening_hours"] = listening_hours
    late = summit["events"][0]
    late.update(
        proposal_deadline="2027-06-01",
        date="2027-09-10",
        acceptance_chance=0.9,
        yields={"requests": 4},
    )
    early = {**late, "id": "early", "proposal_deadline": "2027-02-15", "date": "2027-04-10"}
    early.update(acceptance_chance=0.5, yields={"requests": 2})
    summit["events"].append(early)
    return data
