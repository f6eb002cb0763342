"""The iCalendar export: another expander reads back exactly the schedule, byte for byte stable."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import profile_data, random_profile

icalendar = pytest.importorskip("icalendar")
recurring_ical_events = pytest.importorskip("recurring_ical_events")

PLANS = {name: em.plan(em.example(name), trials=100) for name in em.examples()}


def _expanded(plan: em.results.Plan) -> list[tuple[str, object, object]]:
    """Occurrences as an independent expander reads them from the file: uid, start, end."""
    calendar = icalendar.Calendar.from_ical(plan.to_ical())
    window = (plan.schedule.start, plan.schedule.until + dt.timedelta(days=1))
    found = []
    for event in recurring_ical_events.of(calendar).between(*window):
        uid = str(event["UID"]).split("@")[0]
        found.append((uid, event.start, event.end))
    return sorted(found, key=repr)


def _scheduled(plan: em.results.Plan) -> list[tuple[str, object, object]]:
    found: list[tuple[str, object, object]] = []
    for o in plan.schedule.occurrences():
        if o.start is None:
            found.append((o.uid, o.day, o.day + dt.timedelta(days=1)))
        else:
            found.append((o.uid, o.start, o.end))
    return sorted(found, key=repr)


class TestRoundTrip:
    @pytest.mark.parametrize("name", sorted(PLANS))
    def test_an_independent_expander_finds_every_occurrence(self, name: str) -> None:
        plan = PLANS[name]
        expanded, scheduled = _expanded(plan), _scheduled(plan)
        assert len(expanded) == len(scheduled)
        for theirs, ours in zip(expanded, scheduled, strict=True):
            assert theirs[0] == ours[0]
            assert theirs[1] == ours[1]
            assert theirs[2] == ours[2]

    def test_a_venue_rule_on_the_31st_and_a_leap_day_expand_alike(self) -> None:
        for rule in ("FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"):
            data = profile_data()
            data["venues"][0]["rrule"] = rule
            plan = em.plan(em.model.Profile.model_validate(data), trials=20)
            assert _expanded(plan) == _scheduled(plan)

    @pytest.mark.parametrize("hours", [0.3, 2.0])
    def test_an_own_rule_merged_into_fewer_blocks_expands_alike(self, hours: float) -> None:
        # A daily rule under an hour a day keeps only some of its days (one every four weeks
        # at 0.3 h a week, two a week at 2 h): the others are exceptions in the file.
        data = profile_data()
        data["capacity"] |= {"hours_per_week": hours, "min_block_minutes": 60}
        data["venues"][0]["rrule"] = "FREQ=DAILY"
        plan = em.plan(em.model.Profile.model_validate(data), trials=20)
        assert any(item.exceptions for item in plan.schedule.items if item.kind.is_work)
        assert _expanded(plan) == _scheduled(plan)

    def test_a_recurring_block_is_one_vevent_with_its_rule(self) -> None:
        plan = PLANS["community"]
        calendar = icalendar.Calendar.from_ical(plan.to_ical())
        events = calendar.walk("VEVENT")
        assert len(events) == len(plan.schedule.items)
        recurring = [event for event in events if "RRULE" in event]
        assert len(recurring) == sum(1 for item in plan.schedule.items if item.rule)
        forum = next(e for e in events if str(e["UID"]).startswith("contribution.forum@"))
        assert "EXDATE" in forum

    def test_times_carry_the_profiles_time_zone(self) -> None:
        plan = PLANS["executive"]
        calendar = icalendar.Calendar.from_ical(plan.to_ical())
        assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Amsterdam"]
        starts = [event.decoded("DTSTART") for event in calendar.walk("VEVENT")]
        timed = [start for start in starts if isinstance(start, dt.datetime)]
        assert timed
        assert all(str(start.tzinfo) == "Europe/Amsterdam" for start in timed)


class TestStability:
    def test_the_same_plan_gives_the_same_bytes(self) -> None:
        again = em.plan(em.example("consultant"), trials=100)
        assert again.to_ical() == PLANS["consultant"].to_ical()

    def test_a_plan_read_back_from_json_gives_the_same_bytes(self) -> None:
        plan = PLANS["community"]
        assert (
            em.results.Plan.model_validate_json(plan.model_dump_json()).to_ical() == plan.to_ical()
        )

    def test_uids_come_from_ids_so_a_replan_updates_the_same_blocks(self) -> None:
        def uids(plan: em.results.Plan) -> set[str]:
            calendar = icalendar.Calendar.from_ical(plan.to_ical())
            return {str(event["UID"]) for event in calendar.walk("VEVENT") if "RRULE" in event}

        planner = em.Planner(em.example("executive"), trials=50)
        assert uids(planner.plan(4.0)) == uids(planner.plan(5.0))
        assert "contribution.sop-list@" in " ".join(uids(planner.plan(4.0)))

    @pytest.mark.parametrize(
        "names",
        [
            ("Анна Петрова", "Ирина Соколова"),  # no Latin letters at all
            ("Ada Lovelace", "ada lovelace"),
            ("Ada Lovelace", "Ada, Lovelace!"),
            ("x" * 60 + "a", "x" * 60 + "b"),
        ],
    )
    def test_two_profiles_never_share_a_uid(self, names: tuple[str, str]) -> None:
        def uids(name: str) -> set[str]:
            plan = em.plan(em.loads({**profile_data(), "name": name}), trials=20)
            calendar = icalendar.Calendar.from_ical(plan.to_ical())
            return {str(event["UID"]) for event in calendar.walk("VEVENT")}

        first, second = (uids(name) for name in names)
        assert first == uids(names[0])
        assert not first & second

    @settings(max_examples=40, deadline=None)
    @given(st.integers(0, 10_000))
    def test_uids_are_unique_within_a_plan(self, seed: int) -> None:
        plan = em.plan(random_profile(seed, events=4), trials=20)
        calendar = icalendar.Calendar.from_ical(plan.to_ical())
        found = [str(event["UID"]) for event in calendar.walk("VEVENT")]
        assert len(found) == len(set(found)) == len(plan.schedule.items)

    def test_a_block_of_event_work_is_named_by_its_slot_not_by_its_rank(self) -> None:
        # Dropping the first talk must not rename the blocks of the others.
        profile = em.example("community")
        plan = em.plan(profile, trials=50)
        first = min((c for c in plan.allocation.events if c.taken), key=lambda c: c.date)
        venues = tuple(
            venue.replace(events=tuple(e for e in venue.events if e.id != first.event))
            for venue in profile.venues
        )
        without = em.plan(profile.replace(venues=venues), trials=50)

        def blocks(plan: em.results.Plan) -> dict[str, tuple[object, ...]]:
            return {
                item.uid: (item.day, item.venue, item.event, item.kind)
                for item in plan.schedule.items
                if item.kind is em.results.ItemKind.PREPARATION
            }

        before, after = blocks(plan), blocks(without)
        same_uid = before.keys() & after.keys()
        assert same_uid
        assert all(before[uid] == after[uid] for uid in same_uid)
        assert all(str(slot[0]) in uid for uid, slot in before.items())


class TestAlarms:
    def test_each_proposal_deadline_reminds_a_week_ahead(self) -> None:
        plan = PLANS["community"]
        calendar = icalendar.Calendar.from_ical(plan.to_ical())
        deadlines = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("deadline.")]
        taken = [c for c in plan.allocation.events if c.taken and c.proposal_deadline]
        assert len(deadlines) == len(taken) > 0
        for event in deadlines:
            (alarm,) = event.walk("VALARM")
            assert alarm.decoded("TRIGGER") == -dt.timedelta(days=7)


class TestHostileText:
    def _plan(self, name: str) -> em.results.Plan:
        data = profile_data()
        data["venues"][0]["name"] = name
        data["name"] = name[:200]
        return em.plan(em.model.Profile.model_validate(data), trials=20)

    def test_line_breaks_and_control_characters_do_not_break_the_file(self) -> None:
        plan = self._plan("Forum\nBEGIN:VEVENT\r\nX:\x07\x1b[31m\u2028end")
        data = plan.to_ical()
        assert b"\x07" not in data
        assert b"\x1b" not in data
        assert data.split(b"\r\n").count(b"BEGIN:VEVENT") == len(plan.schedule.items)
        calendar = icalendar.Calendar.from_ical(data)
        titles = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
        assert "Listen at Forum BEGIN:VEVENT X:[31m end" in titles

    def test_long_multibyte_names_are_folded_without_splitting_a_character(self) -> None:
        name = "Конференция 専門家の集い 🚀" * 30
        data = self._plan(name).to_ical()
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))
        data.decode("utf-8")  # every folded line still holds whole characters
        calendar = icalendar.Calendar.from_ical(data)
        assert any(name in str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


class TestExtra:
    def test_without_icalendar_the_error_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "icalendar", None)
        with pytest.raises(em.MissingExtraError, match=r"eminence\[ical\]"):
            PLANS["executive"].to_ical()

    def test_the_error_is_also_an_import_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "icalendar", None)
        error: Any = None
        try:
            PLANS["executive"].to_ical()
        except ImportError as caught:
            error = caught
        assert isinstance(error, em.MissingExtraError)
