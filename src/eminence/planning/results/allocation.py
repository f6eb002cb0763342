"""What the split and the event choice return: the weekly hours per venue, and each event."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Self

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from eminence.errors import Problem
from eminence.model import _figures as figures
from eminence.model._base import Choice, Record, Tabular, without_unwritten_defaults
from eminence.model._words import exact
from eminence.planning.results._bounds import NonNegative
from eminence.planning.results.focus import DateChange

__all__ = ("Allocation", "Bound", "EventChoice", "VenueHours")


class Bound(Choice):
    """Why a venue has the hours it has."""

    FREE = "free"
    """Placed where its marginal progress equals every other free venue's."""
    LOWER = "lower"
    """Held at its minimum: an hour more would earn less elsewhere."""
    UPPER = "upper"
    """Held at its maximum: it would take more hours if allowed."""
    LOCKED = "locked"
    """Minimum and maximum are equal."""
    EXCLUDED = "excluded"
    """Kept out of the plan by the profile."""
    ENDED = "ended"
    """Its rrule has no day left in the plan (it ended before the start): no hours."""


class VenueHours(Record):
    """A venue's place in the weekly split, and when it starts."""

    venue: str
    name: str
    hours_per_week: NonNegative
    contributions_per_week: NonNegative
    progress_per_week: NonNegative
    marginal_progress_per_hour: NonNegative
    bound: Bound
    listening_hours: NonNegative
    listening_from: dt.date | None
    active_from: dt.date | None


class EventChoice(Record):
    """An event, whether the plan takes it, and why."""

    venue: str
    event: str
    name: str
    date: dt.date
    proposal_deadline: dt.date | None
    taken: bool
    expected_hours: NonNegative
    expected_progress: NonNegative
    progress_per_hour: NonNegative
    reason: str
    listening_hours: NonNegative = 0.0
    """Listening a taken event owes its venue before the proposal, because the weekly split
    does not reach the venue in time (law 1)."""
    later_goals: tuple[str, ...] = ()
    """Goals this taken event makes later than skipping it would: its preparation takes hours
    their venues need. The plan takes it for the progress of all goals together."""


class Allocation(Tabular):
    """The split of the weekly hours; every hour is either placed or shown as leftover.

    The split is for ordinary weeks once listening is done. In the weeks before a taken
    event, its preparation takes hours from the split.
    """

    hours_per_week: Annotated[float, Field(gt=0.0, le=168.0)]
    venues: tuple[VenueHours, ...]
    events: tuple[EventChoice, ...]
    leftover_hours_per_week: NonNegative
    marginal_progress_per_hour: NonNegative
    useful_hours_per_week: NonNegative | None = None
    """From these hours per week every venue is at its useful pace (or maximum): more are left
    over, as they would buy nothing each week. None for a split made before it was known."""
    money_per_year: NonNegative | None = None
    """Money a year the split's venues cost, as the split weighs it (contributions at their
    money per hour, see `eminence.planning.costs.money_per_hour`); None without a budget."""
    leftover_money_per_year: NonNegative | None = None
    """The budget's money a year that neither the split's venues nor the taken events (their
    fees and travel in the first year, at their acceptance chance) spend; None without a
    budget."""
    money_binds: bool = False
    """Whether the budget holds hours back from paid venues (its multiplier is above 0)."""
    more_money: tuple[DateChange, ...] = ()
    """Where the budget binds, each goal's expected date in a replan with `MORE_MONEY` more a
    year (`eminence.planning.budget`); empty where it does not bind."""

    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = (
        "money_per_year",
        "leftover_money_per_year",
        "money_binds",
        "more_money",
    )

    # No return annotation: pydantic would take it for the written form's JSON Schema.
    @model_serializer(mode="wrap")
    def _unused_left_out(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        return without_unwritten_defaults(self, handler(self))

    @model_validator(mode="after")
    def _adds_up(self) -> Self:
        placed = sum(venue.hours_per_week for venue in self.venues)
        total = placed + self.leftover_hours_per_week
        if abs(total - self.hours_per_week) > 1e-9 * max(1.0, self.hours_per_week):
            self._reject(
                [
                    Problem(
                        "venues",
                        f"{exact(placed)} hours placed and {exact(self.leftover_hours_per_week)} "
                        f"left over do not add up to {exact(self.hours_per_week)}",
                    )
                ]
            )
        return self

    def venue(self, venue_id: str) -> VenueHours:
        """The split of one venue, by id."""
        for venue in self.venues:
            if venue.venue == venue_id:
                return venue
        raise KeyError(venue_id)

    @property
    def footnote(self) -> str:
        """What produced this split, in one line."""
        money = (
            ""
            if self.leftover_money_per_year is None
            else f"; {figures.money(self.leftover_money_per_year)} a year of the money budget "
            "left over"
        )
        return (
            f"{figures.hours_per_week(self.hours_per_week)} h/week split to equalise marginal "
            f"progress per hour; {figures.hours_per_week(self.leftover_hours_per_week)} h/week "
            f"left over{money}"
        )
