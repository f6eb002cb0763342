"""What a plan wants a person to know: risks, assumptions, dropped options."""

from __future__ import annotations

from eminence.model._base import Choice, Record

__all__ = ("Note", "NoteKind")


class NoteKind(Choice):
    """What a note is about."""

    VANITY_GOAL = "vanity_goal"
    UNSERVED_GOAL = "unserved_goal"
    DROPPED_EVENT = "dropped_event"
    TRADED_GOAL = "traded_goal"
    IDLE_HOURS = "idle_hours"
    LATE_START = "late_start"
    ASSUMED_CADENCE = "assumed_cadence"
    ENDED_RULE = "ended_rule"
    SCATTERED_GOALS = "scattered_goals"
    VANITY_COST = "vanity_cost"
    PAST_USEFUL_PACE = "past_useful_pace"
    PAID_REACH = "paid_reach"
    MONEY_BINDS = "money_binds"


class Note(Record):
    """Something the plan wants a person to know: a risk, an assumption, a dropped option."""

    kind: NoteKind
    subject: str | None = None
    message: str
