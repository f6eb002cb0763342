"""What is measured, and whether it accumulates or churns."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from eminence.model._base import Choice, Record
from eminence.model.quantities import Id, NotBool, Text

__all__ = ("Metric", "MetricKind")


class MetricKind(Choice):
    """What a metric says about eminence; only engagement and value show it."""

    ACTIVITY = "activity"
    """Work done: posts made, talks given."""
    REACH = "reach"
    """Attention held: followers, impressions."""
    ENGAGEMENT = "engagement"
    """Meaningful replies and conversations with target clients."""
    VALUE = "value"
    """Inbound requests, invitations, referrals, work won."""

    @property
    def is_vanity(self) -> bool:
        """Activity and reach measure effort and attention, not value to clients."""
        return self in {MetricKind.ACTIVITY, MetricKind.REACH}


class Metric(Record):
    """Something measured: counted (it only grows) or a stock that loses a share each week.

    An engaged audience forgets and leaves: give its ``churn_per_week`` (0.02 = 2 % a week).
    Invitations received so far never shrink: leave ``churn_per_week`` out (a churn of 0 is
    refused, as it would be a counted metric under another name).
    """

    id: Id
    name: Text = ""
    kind: MetricKind
    unit: Text = ""
    churn_per_week: Annotated[float, Field(gt=0.0, lt=1.0), NotBool] | None = None

    @property
    def is_stock(self) -> bool:
        """True for a metric that churns, so growth must outpace the weekly loss."""
        return self.churn_per_week is not None
