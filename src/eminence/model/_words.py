"""Counts in words, so that every footnote and title says "1 venue" and "2 venues"."""

from __future__ import annotations

__all__ = ("counted",)


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
