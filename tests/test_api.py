"""The public API: the ways in at the top, the rest in namespaces that mirror the layers, and
every name that was at the top before still there, the same object, with a warning that says
where it lives now."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import warnings
from importlib import metadata
from types import ModuleType

import pytest

import eminence as em

OLD_TOP = (
    "__version__",
    "plan",
    "Planner",
    "sensitivity",
    "required_hours",
    "compare",
    "Allocation",
    "Binding",
    "Bound",
    "CadenceSource",
    "EventChoice",
    "GoalProjection",
    "GoalShare",
    "Note",
    "NoteKind",
    "Plan",
    "Priorities",
    "Priority",
    "Progress",
    "Projections",
    "VenueHours",
    "human_duration",
    "Schedule",
    "ScheduleItem",
    "ItemKind",
    "Occurrence",
    "Comparison",
    "RequiredHours",
    "Scenario",
    "Sensitivity",
    "SensitivityRow",
    "Summary",
    "Tabular",
    "split_chart",
    "sensitivity_chart",
    "timeline_chart",
    "projection_chart",
    "explore",
    "Explorer",
    "listen",
    "load_log",
    "loads_log",
    "example_log",
    "ColumnMapping",
    "ListeningLog",
    "Observation",
    "ListeningReport",
    "AudienceEvidence",
    "SegmentShare",
    "TopicEvidence",
    "TopicShare",
    "PeerEvidence",
    "PeerCadence",
    "PeerEngagement",
    "PriorityShift",
    "Change",
    "reforecast",
    "load_progress",
    "loads_progress",
    "example_progress",
    "ProgressColumns",
    "ProgressEntry",
    "ProgressLog",
    "Reforecast",
    "GoalTrack",
    "WeekProgress",
    "ValueOverActivity",
    "YieldEvidence",
    "Verdict",
    "VenueSplit",
    "Costs",
    "VenueCost",
    "EventCost",
    "GoalCost",
    "Format",
    "Limits",
    "dump",
    "example",
    "examples",
    "load",
    "loads",
    "profile_schema",
    "schema",
    "Capacity",
    "Estimate",
    "Event",
    "Expertise",
    "Goal",
    "Metric",
    "MetricKind",
    "Peer",
    "Period",
    "Profile",
    "Segment",
    "Topic",
    "Venue",
    "VenueKind",
    "DocumentError",
    "DocumentSyntaxError",
    "EminenceError",
    "EminenceWarning",
    "InputLimitError",
    "InvalidArgumentError",
    "InvalidInputError",
    "MissingExtraError",
    "Problem",
    "UnknownReferenceError",
    "UnreadableFileError",
    "VanityGoalWarning",
)
"""``eminence.__all__`` before the namespaces: frozen, so no name of it is ever lost."""

NAMESPACES = (em.model, em.results, em.charts)


@pytest.mark.parametrize("name", OLD_TOP)
def test_every_old_name_resolves_to_the_same_object(name: str) -> None:
    assert name in dir(em)
    if name in em.__all__:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            getattr(em, name)
        return
    with pytest.warns(DeprecationWarning, match=f"eminence.{name} has moved") as caught:
        found = getattr(em, name)
    (warning,) = caught
    home = re.search(r"import it from (eminence[\w.]*) ", str(warning.message))
    assert home is not None, warning.message
    assert found is getattr(importlib.import_module(home.group(1)), name)
    assert warning.filename == __file__  # it points at the caller's line


@pytest.mark.parametrize("name", OLD_TOP)
def test_from_import_of_an_old_name_still_works(name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        namespace: dict[str, object] = {}
        exec(f"from eminence import {name}", namespace)
    assert namespace[name] is not None


def test_the_top_holds_only_the_ways_in() -> None:
    moved = set(OLD_TOP) - set(em.__all__)
    assert len(em.__all__) < 40
    for namespace in NAMESPACES:
        assert not set(namespace.__all__) & set(em.__all__), namespace.__name__
    homed = {name for namespace in NAMESPACES for name in namespace.__all__}
    assert moved - homed == {"profile_schema"}  # a file's schema, with the other file helpers


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda module: module.__name__)
def test_a_namespace_says_what_it_holds(namespace: ModuleType) -> None:
    names: tuple[str, ...] = namespace.__all__
    doc = namespace.__doc__ or ""
    quantities = {"ContributionsPerWeek", "Hours", "HoursPerWeek", "Id", "Money", "Share"}
    unlisted = [name for name in names if f"`{name}`" not in doc and name not in quantities]
    assert not unlisted


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Plans'"):
        em.__getattr__("Plans")


LOADED_ON_FIRST_USE = (
    *("eminence.planning", "eminence.report", "eminence.explorer", "eminence.charts"),
    *("eminence.io", "eminence.logs", "eminence.batch.", "eminence.schemas."),
    *("eminence.model.profile", "eminence.service", "eminence.cli"),
    *("numpy", "pandas", "matplotlib", "ipywidgets", "yaml", "icalendar", "dask"),
)
"""What ``import eminence`` must leave for first use: the planner, the views, the readers,
every record class and every extra, so that the import stays cheap
(``benchmarks/import_time.py``)."""


def test_import_leaves_the_planner_views_readers_and_extras_for_first_use() -> None:
    # A fresh interpreter: what ``import eminence`` loads, before anything is used.
    code = "import sys, eminence; print(*sorted(sys.modules), sep='\\n')"
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    early = [name for name in loaded if name.startswith(LOADED_ON_FIRST_USE)]
    assert early == []


@pytest.mark.parametrize("namespace", [*NAMESPACES, em.batch], ids=lambda module: module.__name__)
def test_every_name_of_a_namespace_loads_when_used(namespace: ModuleType) -> None:
    names: tuple[str, ...] = namespace.__all__
    assert set(names) <= set(dir(namespace))
    for name in names:
        found = getattr(namespace, name)
        assert found is not None
        assert getattr(namespace, name) is found  # kept once found


def test_every_way_in_loads_when_used() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = {name: getattr(em, name) for name in em.__all__}
    assert found["plan"] is importlib.import_module("eminence.planning").plan
    assert {"batch", "io", "planning"} <= set(dir(em))
    assert em.io.profile_schema is importlib.import_module("eminence.io").profile_schema


def test_what_loads_on_first_use_is_there_when_used() -> None:
    from eminence.explorer import explore

    assert em.explore is explore
    assert em.__version__ == metadata.version("eminence")
    assert {"explore", "__version__", "charts"} <= set(dir(em))
    # The views register themselves when a record is first shown.
    assert str(em.example("consultant")).startswith("Profile of")
