"""A recurring event: its editions within the plan, and every bad recurrence refused with the
field and the fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eminence as em
from eminence.model.profile import MAX_EVENTS
from eminence.model.recurrence import MAX_ANCHOR_WEEKS, parse_rule
from eminence.testing import profile_data

START = dt.date(2027, 1, 4)
LAST_DAY = START + dt.timedelta(weeks=520)


def _recurring(**changes: Any) -> dict[str, Any]:
    """The summit of `profile_data` held every year from 2027, its call 115 days ahead."""
    data = profile_data()
    event = data["venues"][1]["events"][0]
    del event["proposal_deadline"]
    event.update(id="summit", name="CIO Summit", recurrence={"proposal_days_before": 115})
    event.update(changes)
    return data


def _profile(**changes: Any) -> em.model.Profile:
    return em.model.Profile.model_validate(_recurring(**changes))


def _editions(profile: em.model.Profile) -> tuple[em.model.Event, ...]:
    return profile.editions(profile.venue("summit"))


class TestEditions:
    def test_each_year_is_an_event_of_its_own_named_with_its_year(self) -> None:
        editions = _editions(_profile())
        assert [edition.id for edition in editions] == [f"summit-{y}" for y in range(2027, 2037)]
        assert editions[1].name == "CIO Summit 2028"
        assert editions[1].date == dt.date(2028, 6, 10)
        assert editions[1].proposal_deadline == dt.date(2028, 6, 10) - dt.timedelta(days=115)
        assert all(edition.recurrence is None for edition in editions)

    def test_an_edition_is_the_event_written_out_by_hand(self) -> None:
        edition = _editions(_profile())[3]
        by_hand = em.model.Event.model_validate(
            {
                **edition.model_dump(exclude={"recurrence"}),
                "id": "summit-2030",
                "name": "CIO Summit 2030",
            }
        )
        assert edition == by_hand

    def test_editions_before_the_start_are_left_out_and_an_early_call_is_fine(self) -> None:
        # From 2020, with the call for 2027 closing in 2026, before the plan's start.
        profile = _profile(date="2020-01-20", recurrence={"proposal_days_before": 200})
        editions = _editions(profile)
        assert editions[0].id == "summit-2027"
        assert editions[0].proposal_deadline is not None
        assert editions[0].proposal_deadline < profile.capacity.start

    def test_a_rule_with_several_days_a_year_names_each_edition_by_its_date(self) -> None:
        rule = {"rrule": "FREQ=MONTHLY;BYDAY=1TU;COUNT=3"}
        editions = _editions(_profile(date="2027-02-01", recurrence=rule))
        assert [edition.name for edition in editions] == [
            "CIO Summit 2027-02-02",
            "CIO Summit 2027-03-02",
            "CIO Summit 2027-04-06",
        ]
        assert editions[0].proposal_deadline is None

    def test_an_event_written_with_an_editions_id_stands_for_it(self) -> None:
        data = _recurring()
        moved = {**data["venues"][1]["events"][0], "id": "summit-2029", "date": "2029-09-01"}
        del moved["recurrence"]
        data["venues"][1]["events"].append(moved)
        editions = _editions(em.model.Profile.model_validate(data))
        assert [e.date for e in editions if e.id == "summit-2029"] == [dt.date(2029, 9, 1)]
        assert len(editions) == 10

    def test_the_planner_sees_every_edition(self) -> None:
        profile = _profile()
        assert [event.id for _, event in profile.events] == [e.id for e in _editions(profile)]


RULES = st.sampled_from(
    [
        "FREQ=YEARLY",
        "FREQ=YEARLY;INTERVAL=2",
        "FREQ=YEARLY;BYMONTH=3;BYDAY=2TU",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=1TU",
        "FREQ=WEEKLY;INTERVAL=3;COUNT=40",
        "FREQ=YEARLY;BYMONTH=4,10;BYMONTHDAY=15",
    ]
)


class TestTheHorizonBoundsTheEditions:
    @given(RULES, st.integers(-3_000, 520 * 7))
    def test_editions_are_the_rules_days_within_the_plan_named_apart(
        self, rule: str, offset: int
    ) -> None:
        anchor = START + dt.timedelta(days=offset)
        data = _recurring(date=anchor.isoformat(), recurrence={"rrule": rule})
        if next(parse_rule(rule).days(anchor, LAST_DAY), None) is None:
            # A rule with no day at all from its date in the plan is a mistake, said so.
            with pytest.raises(em.InvalidInputError, match=r"recurrence\.rrule: it has no day"):
                em.model.Profile.model_validate(data)
            return
        editions = _editions(em.model.Profile.model_validate(data))
        days = list(parse_rule(rule).days(START, LAST_DAY, anchor))
        assert [edition.date for edition in editions] == days
        assert all(START <= day <= LAST_DAY for day in days)
        assert len({edition.id for edition in editions}) == len(editions)
        if parse_rule(rule).once_a_year_at_most:
            assert len(editions) <= LAST_DAY.year - START.year + 1
            assert all(edition.id.endswith(str(edition.date.year)) for edition in editions)


class TestBadRecurrences:
    @pytest.mark.parametrize(
        ("rrule", "message"),
        [
            ("FREQ=HOURLY", "FREQ=HOURLY is not one of"),
            ("FREQ=YEARLY;COUNT=10000", "COUNT=10000 must be from 1 to 3,650"),
            ("FREQ=YEARLY;UNTIL=20200101", "before its date"),
            ("FREQ=YEARLY;UNTIL=20400101", "beyond the plan's ten years"),
            ("FREQ=YEARLY;BYMONTH=2", "it has no day from 2020-01-30"),
        ],
    )
    def test_a_bad_rule_names_its_path_and_the_fix(self, rrule: str, message: str) -> None:
        with pytest.raises(em.InvalidInputError) as caught:
            _profile(date="2020-01-30", recurrence={"rrule": rrule})
        (problem,) = caught.value.problems
        assert problem.path == "venues[1].events[0].recurrence.rrule"
        assert message in problem.message

    @pytest.mark.parametrize(
        ("changes", "path", "message"),
        [
            ({"proposal_deadline": "2027-02-15"}, "proposal_deadline", "proposal_days_before"),
            ({"id": "s" * 60}, "id", "at most 53"),
            ({"recurrence": {"proposal_days_before": 0}}, "recurrence.proposal_days_before", ""),
            ({"date": "1900-01-01"}, "date", f"more than {MAX_ANCHOR_WEEKS:,} weeks"),
            ({"date": "2040-01-01"}, "date", "beyond the plan's ten years"),
        ],
    )
    def test_a_bad_field_names_itself(
        self, changes: dict[str, Any], path: str, message: str
    ) -> None:
        with pytest.raises(em.InvalidInputError) as caught:
            _profile(**changes)
        (problem,) = caught.value.problems
        assert problem.path == f"venues[1].events[0].{path}"
        assert message in problem.message

    def test_an_editions_id_taken_by_an_event_elsewhere_is_refused(self) -> None:
        data = _recurring()
        data["venues"][0]["events"] = [{**data["venues"][1]["events"][0], "id": "summit-2031"}]
        del data["venues"][0]["events"][0]["recurrence"]
        with pytest.raises(em.InvalidInputError) as caught:
            em.model.Profile.model_validate(data)
        (problem,) = caught.value.problems
        assert problem.path == "venues[1].events[0].id"
        assert "'summit-2031' has the id of another event" in problem.message

    def test_editions_count_toward_the_events_a_plan_holds(self) -> None:
        with pytest.raises(em.InvalidInputError) as caught:
            _profile(recurrence={"rrule": "FREQ=DAILY"})
        (problem,) = caught.value.problems
        assert problem.path == "venues[*].events"
        assert f"more than {MAX_EVENTS:,} events, each edition" in problem.message
