"""Laws of recurring events: a profile plans, and is tracked, as if its editions were written
out by hand."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import profile_data, random_profile_data

TRIALS = 200


def _written_out(data: dict[str, Any], venue: int) -> dict[str, Any]:
    """The same profile with the venue's recurring events replaced by their editions."""
    profile = em.model.Profile.model_validate(data)
    by_hand = copy.deepcopy(data)
    by_hand["venues"][venue]["events"] = [
        event.model_dump(mode="json", exclude_defaults=True)
        for event in profile.editions(profile.venues[venue])
    ]
    return by_hand


def _without_profiles(value: Any) -> Any:
    """A result's JSON without the profiles it holds, which say the events as written."""
    if isinstance(value, dict):
        return {k: _without_profiles(v) for k, v in value.items() if k != "profile"}
    if isinstance(value, list):
        return [_without_profiles(item) for item in value]
    return value


def _plan_json(data: dict[str, Any]) -> Any:
    plan = em.plan(em.model.Profile.model_validate(data), trials=TRIALS)
    return _without_profiles(json.loads(plan.model_dump_json()))


class TestARecurringEventPlansAsItsEditionsWrittenOut:
    @settings(max_examples=8)
    @given(
        seed=st.integers(0, 10_000),
        rule=st.sampled_from(
            ["FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=2WE;COUNT=6"]
        ),
        anchor_days=st.integers(-900, 1_500),
        proposal_days_before=st.none() | st.integers(20, 240),
        holiday_on=st.none() | st.integers(0, 3),
    )
    def test_the_plan_is_the_same(
        self,
        seed: int,
        rule: str,
        anchor_days: int,
        proposal_days_before: int | None,
        holiday_on: int | None,
    ) -> None:
        data = random_profile_data(seed, events=1)
        start = dt.date.fromisoformat(data["capacity"]["start"])
        recurrence: dict[str, Any] = {"rrule": rule}
        if proposal_days_before is not None:
            recurrence["proposal_days_before"] = proposal_days_before
        data["venues"][0]["events"] = [
            {
                "id": "conf",
                "name": "Conf",
                "date": (start + dt.timedelta(days=anchor_days)).isoformat(),
                "preparation_hours": {"low": 6, "likely": 10, "high": 20},
                "attendance_hours": 8,
                "acceptance_chance": {"low": 0.2, "likely": 0.4, "high": 0.6},
                "travel_cost": 300,
                "yields": {"m-requests": {"low": 0.5, "likely": 2, "high": 4}},
                "recurrence": recurrence,
            }
        ]
        profile = em.model.Profile.model_validate(data)
        editions = profile.editions(profile.venues[0])
        if holiday_on is not None and holiday_on < len(editions):
            # The expert is away for one edition (and the days around it): it stays an event
            # the plan weighs, as one written out by hand would.
            day = editions[holiday_on].date
            data["capacity"]["unavailable"] = [
                {
                    "start": (day - dt.timedelta(days=10)).isoformat(),
                    "end": (day + dt.timedelta(days=3)).isoformat(),
                }
            ]
        assert _plan_json(data) == _plan_json(_written_out(data, 0))


class TestTrackingKeepsEachEditionsIdentity:
    def _data(self) -> dict[str, Any]:
        data = profile_data()
        event = data["venues"][1]["events"][0]
        del event["proposal_deadline"]
        event.update(id="summit", name="CIO Summit", recurrence={"proposal_days_before": 115})
        return data

    def _log(self) -> em.model.ProgressLog:
        return em.model.ProgressLog(
            entries=(
                em.model.ProgressEntry(
                    date=dt.date(2027, 2, 10), venue="summit", event="summit-2027", hours=6.0
                ),
                em.model.ProgressEntry(
                    date=dt.date(2027, 3, 20),
                    venue="summit",
                    event="summit-2027",
                    outcomes={"requests": 1.0},
                ),
            )
        )

    def _reforecast(self, data: dict[str, Any]) -> em.results.Reforecast:
        profile = em.model.Profile.model_validate(data)
        return em.reforecast(profile, self._log(), today=dt.date(2027, 3, 31), trials=TRIALS)

    def test_the_re_forecast_is_that_of_the_editions_written_out(self) -> None:
        data = self._data()
        recurring = json.loads(self._reforecast(data).model_dump_json())
        by_hand = json.loads(self._reforecast(_written_out(data, 1)).model_dump_json())
        assert _without_profiles(recurring) == _without_profiles(by_hand)

    def test_the_edition_worked_on_is_written_out_and_the_rest_still_recur(self) -> None:
        forecast = self._reforecast(self._data()).forecast
        assert forecast is not None
        venue = forecast.profile.venue("summit")
        written = {event.id: event for event in venue.events}
        assert set(written) == {"summit", "summit-2027"}
        assert written["summit-2027"].preparation_hours.likely == 20 - 6
        editions = forecast.profile.editions(venue)
        assert [event.id for event in editions] == [f"summit-{y}" for y in range(2027, 2037)]
