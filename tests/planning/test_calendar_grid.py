"""The weekly grid a projection reads is the calendar's own count of working weeks."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eminence.model import Capacity
from eminence.planning.calendar import WorkingCalendar

START = dt.date(2027, 1, 4)

# Days off anywhere around the start and the horizon: overlapping, adjacent, before the
# start, straddling it or the horizon's end, one day long or years long.
periods = st.lists(
    st.tuples(st.integers(-60, 3700), st.integers(0, 800)).map(
        lambda p: {
            "start": (START + dt.timedelta(days=p[0])).isoformat(),
            "end": (START + dt.timedelta(days=p[0] + p[1])).isoformat(),
        }
    ),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(periods, st.integers(1, 520))
def test_every_boundary_counts_the_working_weeks_the_calendar_counts(
    unavailable: list[dict[str, str]], weeks: int
) -> None:
    calendar = WorkingCalendar(
        Capacity.model_validate(
            {"hours_per_week": 4, "start": START.isoformat(), "unavailable": unavailable}
        )
    )
    boundaries, working = calendar.weekly_grid(weeks)
    dates = [START + dt.timedelta(weeks=week) for week in range(weeks + 1)]
    assert boundaries.tolist() == dates
    assert working.tolist() == [calendar.working_weeks(day) for day in dates]
