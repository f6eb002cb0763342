"""Builders and invariant checks for tests, here and in the tools that embed eminence.

`profile_data` returns the plain data of a small valid profile; change a copy of it to build
the exact bad input a test needs. `check_total` runs a call the way an embedding tool would
and insists that it ends well: a result with every number finite, or one clear
`EminenceError`, in bounded time. `through_every_output` takes a profile through planning and
every export, the way a stranger's file would travel.
"""

from eminence.testing.builders import (
    changed,
    profile_data,
    random_profile,
    random_profile_data,
    small_profile,
)
from eminence.testing.checks import Case, Outcome, check_total, non_finite, through_every_output
from eminence.testing.references import events_fitted_from_scratch

__all__ = (
    "Case",
    "Outcome",
    "changed",
    "check_total",
    "events_fitted_from_scratch",
    "non_finite",
    "profile_data",
    "random_profile",
    "random_profile_data",
    "small_profile",
    "through_every_output",
)
