"""Where conversations happen, online and offline, and the dated events held there."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Self

from pydantic import Field, field_validator, model_validator

from eminence.errors import Problem
from eminence.model._base import Choice, FrozenDict, FrozenMap, Record
from eminence.model._words import exact
from eminence.model.quantities import (
    MAX_ID_LENGTH,
    ContributionsPerWeek,
    Date,
    Estimate,
    Hours,
    HoursPerWeek,
    Id,
    Money,
    NotBool,
    Share,
    Text,
)
from eminence.model.recurrence import parse_rule
from eminence.model.working_time import Weekday, repeated_days

__all__ = (
    "EDITION_ID_ROOM",
    "MIN_EFFORT_HOURS",
    "Event",
    "Recurrence",
    "Venue",
    "VenueKind",
    "Voice",
)

MIN_EFFORT_HOURS = 0.01
"""Thirty-six seconds: less is a typo, and would make progress per hour meaningless."""


EDITION_ID_ROOM = len("-2028-03-07")
"""What an edition adds to its event's id: its year, or its date when a year holds several."""


class Recurrence(Record):
    """How an event repeats: an RFC 5545 rule (yearly unless told), and its call for proposals.

    ``rrule`` is checked as a venue's is (no more often than daily, no time of day, a bounded
    COUNT, INTERVAL and UNTIL), and counts from the event's ``date``. ``proposal_days_before``
    puts each edition's call for proposals that many days before it; left out, the editions
    take no proposal.
    """

    rrule: Annotated[str, Field(max_length=500)] = "FREQ=YEARLY"
    proposal_days_before: Annotated[int, Field(ge=1, le=3_650), NotBool] | None = None

    @field_validator("rrule")
    @classmethod
    def _readable_rule(cls, text: str) -> str:
        parse_rule(text)
        return text


class VenueKind(Choice):
    """The kind of place; offline kinds meet in person and are judged by the same scale."""

    SOCIAL_NETWORK = "social_network"
    FORUM = "forum"
    NEWS_GROUP = "news_group"
    MAILING_LIST = "mailing_list"
    BLOG = "blog"
    PODCAST = "podcast"
    PUBLICATION = "publication"
    WEBINAR = "webinar"
    CONFERENCE = "conference"
    PROFESSIONAL_ASSOCIATION = "professional_association"
    MEETUP = "meetup"
    PAID_REACH = "paid_reach"
    """An audience bought: ads, paid promotion, sponsored posts. Money buys it, and its
    followers count as reach only: a bought audience does not reply, ask or refer."""

    @property
    def is_offline(self) -> bool:
        """Conferences, professional bodies and meetups happen in person."""
        return self in _OFFLINE

    @property
    def is_paid_reach(self) -> bool:
        """An audience bought with money, which counts as reach and never as engagement."""
        return self is VenueKind.PAID_REACH


_OFFLINE = frozenset({VenueKind.CONFERENCE, VenueKind.PROFESSIONAL_ASSOCIATION, VenueKind.MEETUP})


class Voice(Choice):
    """Who speaks at a venue: the expert as themselves, or the expert for an organisation
    (their firm), under its protocol."""

    PERSONAL = "personal"
    FIRM = "firm"


def _audience_problems(audience: Mapping[str, float], path: str) -> list[Problem]:
    total = math.fsum(audience.values())
    if total > 1.0 + 1e-9:
        return [
            Problem(
                path,
                f"shares sum to {exact(round(total, 12))}, more than 1; the shares are "
                "fractions of one audience, so lower them",
            )
        ]
    return []


class Event(Record):
    """A dated occasion at a venue: a talk at a conference, a panel at a professional body, a
    webinar or a launch online. It is planned alike at any kind of venue.

    It yields on its date, and only if its preparation fits in the weeks before it (and before
    its proposal deadline, when a proposal is needed), with its acceptance chance.
    ``audience`` defaults to the venue's. With a ``recurrence`` it is held again and again (a
    conference every year): ``date`` is the day its rule counts from, and the plan takes each
    edition within its horizon as an event of its own (see `Recurrence`).
    """

    id: Id
    name: Text = ""
    date: Date
    proposal_deadline: Date | None = None
    preparation_hours: Estimate
    attendance_hours: Hours = 0.0
    acceptance_chance: Estimate = Estimate.exactly(1.0)
    fee: Money = 0.0
    travel_cost: Money = 0.0
    yields: FrozenMap[Id, Estimate]
    audience: FrozenMap[Id, Share] | None = None
    recurrence: Recurrence | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems: list[Problem] = []
        if self.recurrence is not None:
            problems += _recurring_problems(self)
        if self.proposal_deadline is not None and self.proposal_deadline >= self.date:
            problems.append(
                Problem(
                    "proposal_deadline",
                    f"{self.proposal_deadline.isoformat()} is not before the event on "
                    f"{self.date.isoformat()}; a proposal is due before the event",
                )
            )
        if self.preparation_hours.low + self.attendance_hours <= 0.0:
            problems.append(
                Problem(
                    "preparation_hours",
                    "an event takes some time; give preparation_hours or attendance_hours above 0",
                )
            )
        if self.acceptance_chance.high > 1.0:
            problems.append(
                Problem(
                    "acceptance_chance",
                    f"{exact(self.acceptance_chance.high)} is more than 1; give a probability "
                    "from 0 to 1",
                )
            )
        if self.audience is not None:
            problems += _audience_problems(self.audience, "audience")
        self._reject(problems)
        return self


def _recurring_problems(event: Event) -> list[Problem]:
    problems = []
    if event.proposal_deadline is not None:
        problems.append(
            Problem(
                "proposal_deadline",
                "a recurring event's call for proposals moves with each edition; give "
                "recurrence.proposal_days_before instead",
            )
        )
    longest = MAX_ID_LENGTH - EDITION_ID_ROOM
    if len(event.id) > longest:
        problems.append(
            Problem(
                "id",
                f"is {len(event.id)} characters; a recurring event's id takes at most {longest}, "
                "to leave room for each edition's year or date; shorten it",
            )
        )
    return problems


class Venue(Record):
    """Where a conversation happens, who is there, and what a contribution there yields.

    ``audience`` maps segment ids to the share of the venue's audience in that segment (the
    rest are people the goals do not target). ``yields`` maps metric ids to what one
    contribution yields. ``cadence`` is the number of contributions per week beyond which
    returns diminish; leave it out to take the median cadence of the profile's peers there.
    ``min_hours_per_week`` and ``max_hours_per_week`` bound the split (equal values lock it);
    ``excluded`` keeps the venue out of the plan while keeping it in the profile. ``rrule`` is
    an RFC 5545 rule for the days of its contributions (``FREQ=WEEKLY;BYDAY=MO,TH``); leave it
    out and the schedule derives one from the contributions per week. ``rrule_start`` is the
    day the rule counts from (its DTSTART: COUNT, the weeks of INTERVAL=2, the weekday of a
    bare FREQ=WEEKLY); leave it out for the plan's start. A re-forecast sets it to the start
    of the plan it follows, so the rule keeps its dates. ``preferred_days`` are the working
    days its blocks go on first (a list that meets on Thursdays: ``[thursday]``).

    ``voice`` says whether the expert speaks there as themselves (``personal``) or for their
    firm (``firm``); a firm's voice follows its ``protocol``: who approves a contribution, what
    may not be said. The schedule marks each contribution with its voice.
    """

    id: Id
    name: Text = ""
    kind: VenueKind
    audience: FrozenMap[Id, Share]
    contribution: Text = "contribution"
    effort_hours: Estimate
    yields: FrozenMap[Id, Estimate] = Field(default_factory=FrozenDict)
    cadence: ContributionsPerWeek | None = None
    listening_hours: Hours = 0.0
    cost_per_contribution: Money = 0.0
    cost_per_year: Money = 0.0
    events: tuple[Event, ...] = ()
    min_hours_per_week: Annotated[float, Field(ge=0.0, le=168.0), NotBool] = 0.0
    max_hours_per_week: HoursPerWeek | None = None
    excluded: bool = False
    rrule: Annotated[str, Field(max_length=500)] | None = None
    rrule_start: Date | None = None
    voice: Voice = Voice.PERSONAL
    protocol: Text = ""
    preferred_days: tuple[Weekday, ...] = ()

    @field_validator("preferred_days")
    @classmethod
    def _each_day_once(cls, days: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        repeated = repeated_days(days)
        if repeated:
            raise ValueError(repeated)
        return days

    @field_validator("rrule")
    @classmethod
    def _readable_rule(cls, text: str | None) -> str | None:
        if text is not None:
            parse_rule(text)
        return text

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = _audience_problems(self.audience, "audience")
        if self.rrule_start is not None and self.rrule is None:
            problems.append(
                Problem(
                    "rrule_start",
                    "is the day an rrule counts from, and there is no rrule; give the rrule "
                    "or remove rrule_start",
                )
            )
        if self.protocol and self.voice is Voice.PERSONAL:
            problems.append(
                Problem(
                    "protocol",
                    "is the firm's rules for speaking on its behalf, and the venue is spoken in "
                    "a personal voice; give voice = 'firm' or remove the protocol",
                )
            )
        if self.effort_hours.low < MIN_EFFORT_HOURS:
            problems.append(
                Problem(
                    "effort_hours",
                    "a contribution takes some time; give at least 0.01 hours "
                    f"(got low={exact(self.effort_hours.low)})",
                )
            )
        if self.kind.is_paid_reach:
            problems += _paid_reach_problems(self)
        if (
            self.max_hours_per_week is not None
            and self.max_hours_per_week < self.min_hours_per_week
        ):
            problems.append(
                Problem(
                    "max_hours_per_week",
                    f"{exact(self.max_hours_per_week)} is below min_hours_per_week "
                    f"({exact(self.min_hours_per_week)}); raise it or lower the minimum",
                )
            )
        self._reject(problems)
        return self

    @property
    def is_offline(self) -> bool:
        """True for venues that meet in person."""
        return self.kind.is_offline


def _paid_reach_problems(venue: Venue) -> list[Problem]:
    """What a bought audience cannot be: free, or a stage for events."""
    problems = []
    if venue.cost_per_contribution <= 0.0:
        problems.append(
            Problem(
                "cost_per_contribution",
                "a paid-reach venue is an audience bought with money, and it costs nothing per "
                "contribution; give what one promoted post or ad run costs, or another kind",
            )
        )
    if venue.events:
        problems.append(
            Problem(
                "events",
                "a paid-reach venue buys followers, and holds no talks or launches; give the "
                "events a venue of the kind where they are held",
            )
        )
    return problems
