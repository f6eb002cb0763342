"""One way to write each kind of number, so that a table and a sentence never disagree.

Every report and message writes a metric's amounts (targets, levels, counts), hours, chances
and money with these: a target of 18.94 is "18.9" in the goals' table and in the sentence that
explains why it is not reached, never "19" there.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = (
    "chance",
    "chance_range",
    "signed",
    "hours",
    "hours_per_week",
    "money",
    "progress_per_hour",
    "quantity",
    "rate",
    "share_per_week",
    "weeks",
)


def quantity(value: float) -> str:
    """An amount of a metric (a target, a level, a count): three significant figures, never
    in scientific notation, whole numbers from 100 on.

    >>> quantity(0.05672), quantity(17.2313), quantity(18.94), quantity(1766.6), quantity(3.0)
    ('0.0567', '17.2', '18.9', '1,767', '3')
    """
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def chance(share: float) -> str:
    """A chance or a share, in whole percent.

    >>> chance(0.1076), chance(0.25), chance(1.0)
    ('11%', '25%', '100%')
    """
    return f"{share:.0%}"


def chance_range(low: float, high: float) -> str:
    """An interval of chances or shares, in whole percent.

    >>> chance_range(0.052, 0.4861)
    '5%-49%'
    """
    return f"{chance(low)}-{chance(high)}"


def hours(value: float) -> str:
    """An amount of work in hours (a block, a year's hours, a preparation): as a quantity,
    three significant figures, whole from 100 on.

    >>> hours(2.0), hours(0.25), hours(13.649), hours(1234.56)
    ('2', '0.25', '13.6', '1,235')
    """
    return quantity(value)


def hours_per_week(value: float) -> str:
    """A rate of work in hours per week, to the hundredth with trailing zeros dropped: the
    split adds up to the hours given, and 12 hours a week read "12".

    >>> hours_per_week(12.0), hours_per_week(1.5), hours_per_week(0.2349), hours_per_week(39.883)
    ('12', '1.5', '0.23', '39.88')
    """
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def share_per_week(share: float) -> str:
    """A share lost or gained each week (a stock's churn), in percent to three significant
    figures: a whole percent would make 1.5 % a week read 2 %.

    >>> share_per_week(0.015), share_per_week(0.1), share_per_week(0.00123)
    ('1.5%', '10%', '0.123%')
    """
    return f"{share * 100:.3g}%"


def weeks(value: float, noun: str = "week") -> str:
    """A span in weeks (a log's length, a window's working weeks), with its noun: the number as
    a quantity, the noun singular only when that number reads 1.

    >>> weeks(13.0), weeks(3.4285, "working week"), weeks(1.0001)
    ('13 weeks', '3.43 working weeks', '1 week')
    """
    number = quantity(value)
    return f"{number} {noun}" if number == "1" else f"{number} {noun}s"


def rate(value: float) -> str:
    """An effective rate (contributions a week, outcomes per contribution): as a quantity.

    >>> rate(0.2313), rate(4.0), rate(12.25)
    ('0.231', '4', '12.2')
    """
    return quantity(value)


def progress_per_hour(value: float) -> str:
    """Progress toward the goals per hour, a small share, in percent to three decimals.

    >>> progress_per_hour(0.001234)
    '0.123%'
    """
    return f"{value:.3%}"


def money(value: float) -> str:
    """An amount of money in the profile's currency, to the unit.

    >>> money(1234.56), money(0.4)
    ('1,235', '0')
    """
    return f"{value:,.0f}"


def signed(value: float, kind: Callable[[float], str] = quantity) -> str:
    """A change, written by the rule of its kind with its sign: ahead of plan, more hours.

    >>> signed(0.2999), signed(-1.5), signed(0.25, hours_per_week)
    ('+0.3', '-1.5', '+0.25')
    """
    return ("+" if value >= 0 else "") + kind(value)
