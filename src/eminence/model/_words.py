"""Counts in words, so that every footnote and title says "1 venue" and "2 venues"."""

from __future__ import annotations

__all__ = ("counted", "exact")


def exact(number: float) -> str:
    """A number as it was written: every digit it has, none it lacks, so that a message never
    says "sums to 1, more than 1" of 1.0004.

    >>> exact(1.0004), exact(2.0), exact(0.1 + 0.2), exact(1e-7)
    ('1.0004', '2', '0.30000000000000004', '1e-07')
    """
    text = repr(float(number))
    return text.removesuffix(".0")


def counted(count: float, noun: str, plural: str = "") -> str:
    """A count and its noun, the noun plural unless the count is exactly one.

    ``plural`` is for nouns that do not just take an "s".

    >>> counted(1, "venue"), counted(0, "goal"), counted(2_000, "draw")
    ('1 venue', '0 goals', '2,000 draws')
    >>> counted(1, "entry", "entries"), counted(2.5, "outcome")
    ('1 entry', '2.5 outcomes')
    """
    number = f"{count:,}" if isinstance(count, int) else f"{count:,g}"
    return f"{number} {noun if count == 1 else plural or noun + 's'}"
