"""Time ``import eminence`` against importing its core dependencies alone.

    python benchmarks/import_time.py [--runs 7]

Each import runs in a fresh interpreter (``python -c``), so nothing is cached in the process;
the best of ``--runs`` is kept, as the least disturbed by a busy machine. The reference,
measured in the same run, is ``import numpy, pydantic, dateutil.rrule``: the part of the cost
eminence cannot avoid. Target: eminence at most 1.3 times the reference.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

TARGET = 1.3
"""How many times the dependencies' import time ``import eminence`` may take."""

REFERENCE = "import numpy, pydantic, dateutil.rrule"
EMINENCE = "import eminence"


def best_seconds(statement: str, runs: int) -> float:
    """The fastest of ``runs`` fresh interpreters running ``statement``, less one doing nothing."""

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = min(once("pass") for _ in range(runs))
    return min(once(statement) for _ in range(runs)) - bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per import")
    runs = parser.parse_args().runs
    reference = best_seconds(REFERENCE, runs)
    eminence = best_seconds(EMINENCE, runs)
    ratio = eminence / reference
    print(f"{REFERENCE:<40} {reference * 1000:7.1f} ms (interpreter start-up taken off)")
    print(f"{EMINENCE:<40} {eminence * 1000:7.1f} ms")
    verdict = "within" if ratio <= TARGET else "over"
    print(f"ratio {ratio:.2f}x ({verdict} the {TARGET:g}x target)")


if __name__ == "__main__":
    main()
