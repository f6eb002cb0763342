"""eminence: plan professional eminence.

Given who an expert's clients are, what they need, what the expert knows, where the clients
gather, what the expert wants and how many hours a week they can give, eminence says which
venues to invest in, how to split the hours, and when each goal will realistically be reached.

The top holds the ways in: planning (`plan`, `Planner`, `sensitivity`, `required_hours`,
`compare`), listening (`listen`) and tracking (`reforecast`), reading and writing (`load`,
`loads`, `dump`, `example`, `examples`, the logs' readers, `schema`, `Limits`, `Format`), the
explorer (`explore`), and the errors and warnings. The rest lives in namespaces that mirror
the layers: `eminence.model` (the profile and the logs), `eminence.results` (what planning
returns) and `eminence.charts` (charts and the explorer's widget).

>>> import eminence as em
>>> profile = em.example("consultant")
>>> profile.capacity.hours_per_week
2.0
"""

import importlib
import warnings
from typing import TYPE_CHECKING

from eminence import model as model
from eminence import results as results
from eminence._lazy import on_first_use
from eminence.errors import (
    DocumentError,
    DocumentSyntaxError,
    EminenceError,
    EminenceWarning,
    InputLimitError,
    InvalidArgumentError,
    InvalidInputError,
    MissingExtraError,
    Problem,
    UnknownReferenceError,
    UnreadableFileError,
    VanityGoalWarning,
)
from eminence.model._views import views_from as _views_from

if TYPE_CHECKING:
    from eminence import batch as batch
    from eminence import charts as charts
    from eminence import io as io
    from eminence import logs as logs
    from eminence import planning as planning
    from eminence import schemas as schemas
    from eminence.batch import batch_seed, plan_bag, plan_many
    from eminence.explorer import explore
    from eminence.io import Format, Limits, dump, example, examples, load, loads
    from eminence.logs import (
        example_log,
        example_progress,
        load_log,
        load_progress,
        loads_log,
        loads_progress,
    )
    from eminence.planning import Planner, compare, plan, required_hours, sensitivity
    from eminence.planning.evidence import listen
    from eminence.planning.team import plan_team
    from eminence.planning.tracking import reforecast
    from eminence.schemas import schema

    __version__: str


def _register_views() -> None:
    from eminence.report.views import register_views

    register_views()


# The records cannot import the report layer, so it hangs their str, HTML and DataFrame views
# on them, once, when the first record is shown.
_views_from(_register_views)

__all__ = (
    "__version__",
    # planning, listening and tracking
    "plan",
    "Planner",
    "sensitivity",
    "required_hours",
    "compare",
    "plan_team",
    # batches: many profiles, each with its own seed (the records are in eminence.batch)
    "plan_many",
    "plan_bag",
    "batch_seed",
    "listen",
    "reforecast",
    "explore",
    # files
    "load",
    "loads",
    "dump",
    "example",
    "examples",
    "load_log",
    "loads_log",
    "example_log",
    "load_progress",
    "loads_progress",
    "example_progress",
    "schema",
    "Limits",
    "Format",
    # errors and warnings
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

_SUBPACKAGES = ("model", "results", "charts", "batch", "io", "logs", "planning", "schemas")
"""Namespaces and layers reachable as attributes (``em.io.profile_schema``), loaded on first use."""

_ways_in, _ = on_first_use(
    __name__,
    {
        "eminence.planning": ("plan", "Planner", "sensitivity", "required_hours", "compare"),
        "eminence.batch": ("plan_many", "plan_bag", "batch_seed"),
        "eminence.planning.evidence": ("listen",),
        "eminence.planning.team": ("plan_team",),
        "eminence.planning.tracking": ("reforecast",),
        "eminence.explorer": ("explore",),
        "eminence.io": ("load", "loads", "dump", "example", "examples", "Limits", "Format"),
        "eminence.logs": (
            *("load_log", "loads_log", "example_log"),
            *("load_progress", "loads_progress", "example_progress"),
        ),
        "eminence.schemas": ("schema",),
    },
)
"""The ways in, each loading its module when first used: ``import eminence`` loads neither
the planner nor the readers, nor builds a record class."""

_MOVED: dict[str, str] = {
    **dict.fromkeys(
        (
            *("Capacity", "Estimate", "Event", "Expertise", "Goal", "Metric", "MetricKind"),
            *("Peer", "Period", "Profile", "Segment", "Topic", "Venue", "VenueKind"),
            *("ColumnMapping", "ListeningLog", "Observation"),
            *("ProgressColumns", "ProgressEntry", "ProgressLog"),
        ),
        "eminence.model",
    ),
    **dict.fromkeys(results.__all__, "eminence.results"),
    **dict.fromkeys(
        ("split_chart", "sensitivity_chart", "timeline_chart", "projection_chart", "Explorer"),
        "eminence.charts",
    ),
    "profile_schema": "eminence.io",
}
"""Names that were at the top before the namespaces grouped them, by their new home: still
importable from the top, with a `DeprecationWarning` that names the home."""


def __getattr__(name: str) -> object:
    """A way in or a namespace on first use, or a moved name from its new home with a warning."""
    if name in _SUBPACKAGES:
        return importlib.import_module(f"eminence.{name}")
    if name == "__version__":
        from importlib.metadata import version

        found = globals()[name] = version("eminence")
        return found
    home = _MOVED.get(name)
    if home is None:
        return _ways_in(name)
    warnings.warn(
        f"eminence.{name} has moved: import it from {home} (as {home}.{name})",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(home), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_MOVED, *_SUBPACKAGES})
