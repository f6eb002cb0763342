"""The weekly split of hours among venues: `allocate` solves one total exactly (`solver`, its
inputs checked in `venues`), `SplitCurve` answers every total from breakpoints found once."""

from eminence.planning.allocation.curve import SplitCurve
from eminence.planning.allocation.solver import Split, allocate

__all__ = ("Split", "SplitCurve", "allocate")
