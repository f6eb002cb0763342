"""Hypothesis profiles: ``dev`` (the default, quick) and ``ci`` (1,000 examples, reproducible).

Choose one with ``HYPOTHESIS_PROFILE=ci``. A property that sets its own ``max_examples``
keeps it under both, which is how the planning-heavy ones stay affordable; the cheap ones
set none and get 1,000 examples in CI.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
