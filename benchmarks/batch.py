"""Time a batch of example-sized profiles against a loop over `em.plan`, in the same run.

    python benchmarks/batch.py [--profiles N] [--trials T]

The profiles are random ones the size of the bundled examples (6 venues, 2 goals, 2 events
each). The loop plans each with the seed the batch derives for it, so both do the same work
and give the same plans (checked). The batch plans its profiles one after another for now,
so expect a ratio near 1: vectorising across profiles is the next step.
"""

from __future__ import annotations

import argparse
import time

import eminence as em
from eminence.testing import random_profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=50)
    parser.add_argument("--trials", type=int, default=em.planning.planner.TRIALS)
    options = parser.parse_args()
    profiles = [random_profile(seed) for seed in range(options.profiles)]
    # Warm up (imports, first-call caches) so that neither side pays for it.
    em.plan(profiles[0], trials=options.trials)

    began = time.perf_counter()
    alone = [
        em.plan(profile, seed=em.batch_seed(0, profile), trials=options.trials)
        for profile in profiles
    ]
    loop_seconds = time.perf_counter() - began

    began = time.perf_counter()
    batch = em.plan_many(profiles, seed=0, trials=options.trials, errors="raise").collect()
    batch_seconds = time.perf_counter() - began

    assert list(batch.plans) == alone, "the batch and the loop must give the same plans"
    count = len(profiles)
    print(f"{count} profiles, {options.trials:,} trials each")
    print(f"loop over em.plan: {loop_seconds:7.2f} s  ({1000 * loop_seconds / count:6.1f} ms each)")
    print(
        f"em.plan_many:      {batch_seconds:7.2f} s  ({1000 * batch_seconds / count:6.1f} ms each)"
    )
    print(f"speed-up of the batch over the loop: {loop_seconds / batch_seconds:.2f}x")


if __name__ == "__main__":
    main()
