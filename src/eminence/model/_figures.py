"""One way to write each kind of number, so that a table and a sentence never disagree.

Every report and message writes a metric's amounts (targets, levels, counts), hours, chances
and money with these: a target of 18.94 is "18.9" in the goals' table and in the sentence that
explains why it is not reached, never "19" there.
"""

from __future__ import annotations

__all__ = ("chance", "hours", "money", "quantity")


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


def hours(value: float) -> str:
    """Hours, to the tenth of an hour.

    >>> hours(2.0), hours(13.649), hours(1234.56)
    ('2.0', '13.6', '1,234.6')
    """
    return f"{value:,.1f}"


def money(value: float) -> str:
    """An amount of money, to the unit.

    >>> money(1234.56), money(0.4)
    ('1,235', '0')
    """
    return f"{value:,.0f}"
