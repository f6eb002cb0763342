"""Hypothesis profiles, and which tests need an optional extra.

Hypothesis: ``dev`` (the default, quick) and ``ci`` (1,000 examples, reproducible); choose one
with ``HYPOTHESIS_PROFILE=ci``. A property that sets its own ``max_examples`` keeps it under
both, which is how the planning-heavy ones stay affordable; the cheap ones set none and get
1,000 examples in CI.

Extras: a test that needs one says so with ``@pytest.mark.extra("yaml")`` (a doctest that
imports an optional package is marked for it here). ``EMINENCE_TESTS=core`` runs the suite
against the core package alone: marked tests are skipped, every other test must pass, and
the run refuses to start if an extra is installed. Without it every extra must be installed,
so the full run never skips a test quietly.

Programs: a test that runs one besides Python says so with ``@pytest.mark.program("chromium")``.
The full run refuses to start without each program in `PROGRAMS` (``.ci/run`` installs them);
the core run skips those tests, as it skips the extras'.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Random examples on a developer's machine find new failures; under CI (``CI`` set, as
# `.ci/run` sets it) the same examples every run, so that a red run is one anyone can replay.
settings.register_profile("dev", deadline=None, derandomize="CI" in os.environ)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

EXTRAS = {
    # extra: the modules it installs that the tests import
    "yaml": ("yaml",),
    "toml": ("tomli_w",),
    "ical": ("icalendar", "recurring_ical_events"),
    "pandas": ("pandas",),
    "dask": ("dask", "distributed"),
    "progress": ("tqdm",),
    "arrow": ("pyarrow",),
    "plot": ("matplotlib",),
    "notebook": (
        "ipywidgets",
        "IPython",
        "nbclient",
        "nbformat",
        "ipykernel",
        "nbconvert",
        "threadpoolctl",
    ),
    "api": ("fastapi", "uvicorn"),
    "mcp": ("mcp",),
    "scipy": ("scipy",),
    "schemathesis": ("schemathesis", "httpx"),
}
"""Each optional extra of the package (and scipy, a reference, and schemathesis with httpx, a
client, which only the tests use)."""

LOADS_AN_EXTRA = {
    # module of the package: the extra it imports as it loads
    "src/eminence/service/app.py": "api",
    "src/eminence/agent.py": "mcp",
}
"""Modules that cannot even be imported without their extra: without it, not collected."""

PROGRAMS = {
    # program: how to install it
    "chromium": "apt-get install chromium",
}
"""Programs that some tests run: a browser that shows the HTML page as a reader sees it."""

ROOT = Path(__file__).parent
CORE_ONLY = os.environ.get("EMINENCE_TESTS") == "core"
_IMPORT = re.compile(r"^\s*(?:import|from)\s+(\w+)", re.MULTILINE)


def _installed(extra: str) -> bool:
    return all(importlib.util.find_spec(module) is not None for module in EXTRAS[extra])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "extra(*names): the test needs these optional extras")
    config.addinivalue_line("markers", "program(*names): the test runs these programs")
    if CORE_ONLY:
        present = [m for modules in EXTRAS.values() for m in modules if importlib.util.find_spec(m)]
        if present:
            raise pytest.UsageError(f"EMINENCE_TESTS=core, but these are installed: {present}")
    else:
        missing = [extra for extra in EXTRAS if not _installed(extra)]
        if missing:
            raise pytest.UsageError(
                f"the tests need every extra, and these are missing: {missing}; install "
                "them with  pip install -e '.[dev]'  or run the core alone with EMINENCE_TESTS=core"
            )
        absent = [program for program in PROGRAMS if shutil.which(program) is None]
        if absent:
            hints = "; ".join(PROGRAMS[program] for program in absent)
            raise pytest.UsageError(
                f"the tests need these programs, and they are missing: {absent}; install "
                f"them ({hints}) or run the core alone with EMINENCE_TESTS=core"
            )


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """In the core run, skip collecting (for doctests) the modules that import an extra."""
    if CORE_ONLY and collection_path.is_relative_to(ROOT):
        return collection_path.relative_to(ROOT).as_posix() in LOADS_AN_EXTRA or None
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each doctest that imports an optional package with the extra that installs it."""
    owner = {module: extra for extra, modules in EXTRAS.items() for module in modules}
    for item in items:
        if isinstance(item, pytest.DoctestItem) and item.dtest is not None:
            source = "\n".join(example.source for example in item.dtest.examples)
            for module in _IMPORT.findall(source):
                if module in owner:
                    item.add_marker(pytest.mark.extra(owner[module]))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if CORE_ONLY:
        needed = [name for mark in item.iter_markers("extra") for name in mark.args]
        needed += [name for mark in item.iter_markers("program") for name in mark.args]
        if needed:
            pytest.skip(f"needs the optional {', '.join(needed)}")


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    """A local Dask cluster of two worker processes (extra ``dask``), for a test module."""
    from distributed import Client, LocalCluster

    # The scheduler's HTTP server binds its port even without a dashboard: any free one
    # (":0"), for the default is taken whenever another cluster runs on the machine.
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
