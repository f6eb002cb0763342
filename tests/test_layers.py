"""The import graph's contract: no module imports one that imports it back, and imports point
down the layers of ``docs/architecture.md``.

Every module under ``src/eminence`` is parsed, and every import counts: at the top, inside a
function, or for type checking only. A module may import its own layer or one below it. The
planner's stages are layers of their own, in the pipeline's order, so no stage calls a later
one; the results they return sit below them all and never plan.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SOURCE = Path(__file__).parents[1] / "src"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("eminence.errors", "eminence._lazy"),  # the base: stdlib only
    ("eminence.model",),
    ("eminence.planning.results",),
    # The pipeline's stages, in the order the planner runs them.
    (
        "eminence.planning.relevance",
        "eminence.planning.uncertainty",
        "eminence.planning.rates",
        "eminence.planning.held",
        "eminence.planning.calendar",
    ),
    ("eminence.planning.priorities",),
    ("eminence.planning.content",),
    ("eminence.planning.response", "eminence.planning.allocation", "eminence.planning.listening"),
    ("eminence.planning.events", "eminence.planning.choice"),
    ("eminence.planning.projection",),
    ("eminence.planning.scheduling", "eminence.planning.scheduled"),
    ("eminence.planning.costs",),
    # What binds a goal, checked against the hours search that required_hours runs too.
    ("eminence.planning.reach", "eminence.planning.limits"),
    # Notes of the stages; focus and the budget's price weigh the split and projections,
    # replanning through the planner.
    ("eminence.planning.focus", "eminence.planning.notes", "eminence.planning.paid_reach"),
    ("eminence.planning.budget",),
    ("eminence.planning.planner",),
    # What is done with plans: what-ifs, listening and tracking, all through the planner.
    (
        "eminence.planning.what_if",
        "eminence.planning.progress",
        "eminence.planning.learning",
        "eminence.planning.tracking",
        "eminence.planning.evidence",
        "eminence.planning.team",
    ),
    ("eminence.planning",),
    ("eminence.report",),
    # Reading and writing files, and the ways in: the command line, the service, the agent,
    # and batches of profiles (read from files, then planned).
    ("eminence", "eminence.batch"),
)
"""Layers from the bottom up; a module belongs to the layer of its longest matching prefix."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SOURCE / "eminence").rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(module: str, path: Path) -> Iterator[str]:
    """Every module of eminence that ``module`` imports, wherever the import is."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([base] if base else [])])
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [name if name in MODULES else base for name in names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                yield name


GRAPH = {module: set(_imports(module, path)) for module, path in MODULES.items()}


def _layer(module: str) -> int:
    matches = [
        (len(prefix), index)
        for index, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or module.startswith(prefix + ".")
    ]
    return max(matches)[1]


def _cycle() -> list[str] | None:
    """One cycle of the graph, if it has any (a depth-first search for a back edge)."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state and (found := visit(imported)):
                return found
        state[module] = 2
        path.pop()
        return None

    for module in sorted(GRAPH):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_module_imports_one_that_imports_it_back() -> None:
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module: str) -> None:
    upward = sorted(name for name in GRAPH[module] if _layer(name) > _layer(module))
    assert not upward, f"{module} (layer {_layer(module)}) imports a later layer: {upward}"


def test_the_model_imports_only_the_errors() -> None:
    for module in MODULES:
        if _layer(module) == LAYERS.index(("eminence.model",)):
            assert GRAPH[module] <= {m for m in MODULES if _layer(m) <= 1}, module


def test_the_contract_sees_what_it_checks() -> None:
    # Guards the guard: the parse sees imports inside functions (the plan's iCalendar), and a
    # planted cycle is found.
    assert "eminence.planning.results.ical" in GRAPH["eminence.planning.results.plan"]
    assert "eminence.model" in GRAPH["eminence.planning.results.plan"]
    GRAPH["eminence.model"].add("eminence.planning.results.plan")
    try:
        assert _cycle() is not None
    finally:
        GRAPH["eminence.model"].discard("eminence.planning.results.plan")
    assert _layer("eminence.planning.results.plan") < _layer("eminence.planning.planner")
    assert _layer("eminence.report.views") > _layer("eminence.planning.planner")


MAX_LINES = 400
"""A module longer than this does more than one job: split it by concern."""

TOO_LONG: set[str] = set()
"""Modules still over `MAX_LINES`, waiting for their split. This list may only shrink."""


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_longer_than_one_job(module: str) -> None:
    lines = len(MODULES[module].read_text("utf-8").splitlines())
    if module in TOO_LONG:
        assert lines > MAX_LINES, f"{module} has {lines} lines: take it off TOO_LONG"
    else:
        assert lines <= MAX_LINES, f"{module} has {lines} lines: split it by concern"


def test_the_allowance_names_only_modules() -> None:
    assert MODULES.keys() >= TOO_LONG
