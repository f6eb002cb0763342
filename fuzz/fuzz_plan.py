"""Fuzz target: a valid profile with fuzzed values put into it, planned and exported.

Random bytes rarely make a valid profile, so this target starts from the bundled small
profile and lets the fuzzer choose which values to replace, and with what: numbers, text,
dates, rules. Planning and every export then meet values a file could hold.
"""

from __future__ import annotations

import sys
from typing import Any

from _harness import main, total

try:
    import atheris
except ImportError:  # replay only
    atheris = None
    import eminence as em
    from eminence.testing import profile_data, through_every_output
else:
    with atheris.instrument_imports():
        import eminence as em
        from eminence.testing import profile_data, through_every_output


class Draws:
    """Values from fuzz bytes: atheris's provider where installed, a simple reader else."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def byte(self) -> int:
        value = self.data[self.at] if self.at < len(self.data) else 0
        self.at += 1
        return value

    def number(self) -> float:
        raw = int.from_bytes(bytes(self.byte() for _ in range(8)), "little", signed=True)
        return [raw / 1000.0, float(raw), raw / 2**40, float(self.byte())][self.byte() % 4]

    def text(self) -> str:
        size = self.byte() % 40
        chunk = bytes(self.byte() for _ in range(size))
        return chunk.decode("utf-8", "replace")


def leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in leaves(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for index, item in enumerate(node) for leaf in leaves(item, (*path, index))]
    return [path]


RULES = [
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
]
ZONES = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "UTC"]


@total
def plan(data: bytes) -> None:
    draws = Draws(data)
    profile = profile_data()
    paths = leaves(profile)
    for _ in range(1 + draws.byte() % 4):
        path = paths[draws.byte() % len(paths)]
        kind = draws.byte() % 5
        if kind == 0:
            value: object = draws.number()
        elif kind == 1:
            value = draws.text()
        elif kind == 2:
            year, month, day = 1 + draws.byte() * 39, 1 + draws.byte() % 12, 1 + draws.byte() % 31
            value = f"{year:04d}-{month:02d}-{day:02d}"
        elif kind == 3:
            profile["venues"][0]["rrule"] = RULES[draws.byte() % len(RULES)] + draws.text()
            continue
        else:
            profile["capacity"]["time_zone"] = ZONES[draws.byte() % len(ZONES)]
            continue
        node: Any = profile
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    through_every_output(em.loads(profile), trials=20)


if __name__ == "__main__":
    sys.exit(main(plan))
