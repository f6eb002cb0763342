"""The notebooks run from top to bottom, as a reader would run them, without a warning, on
what the ``notebook`` extra installs."""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
README = ROOT / "notebooks" / "README.md"
BEFORE = "import sys as _sys; _before = set(_sys.modules)"
LOADED = (
    "import json; "
    "print(json.dumps(sorted({m.partition('.')[0] for m in set(_sys.modules) - _before})))"
)
"""A first and a last cell: the top-level modules the notebook loads in its kernel."""

LOADED_IF_INSTALLED = {"pyarrow", "cloudpickle"}
"""What pandas (and pyarrow in turn) load only because another extra installed them: a
notebook runs as well without them."""


def test_there_are_notebooks() -> None:
    assert [path.name[:2] for path in NOTEBOOKS] == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_committed_without_outputs(path: Path) -> None:
    for cell in json.loads(path.read_text("utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], (path.name, cell["source"])
            assert cell["execution_count"] is None


@pytest.mark.extra("notebook")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_runs_top_to_bottom(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Jupyter's own path migration warns unless told which layout to use.
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    import nbformat
    from nbclient import NotebookClient

    book = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    book.cells.insert(0, nbformat.v4.new_code_cell(BEFORE))  # type: ignore[no-untyped-call]
    book.cells.append(nbformat.v4.new_code_cell(LOADED))  # type: ignore[no-untyped-call]
    client = NotebookClient(
        book, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    for cell in book.cells:
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", (path.name, cell.source, output.get("text"))
            assert output["output_type"] != "error"
    # Every module the run loaded comes with the extra the README installs, or with Python.
    loaded = json.loads(book.cells[-1].outputs[0]["text"])
    providers = metadata.packages_distributions()
    needed = {
        _name(dist)
        for module in loaded
        if module not in sys.stdlib_module_names
        for dist in providers.get(module, ())
    }
    assert needed - _installs(f"eminence[{_readme_extra()}]") - LOADED_IF_INSTALLED == set()


def _readme_extra() -> str:
    (extra,) = re.findall(r"pip install -e '\.\[(\w+)\]'", README.read_text("utf-8"))
    return str(extra)


def _name(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _installs(requirement: str) -> set[str]:
    """The distributions a requirement installs, its own included, with their dependencies."""
    from packaging.requirements import Requirement

    found: set[str] = set()
    pending = [Requirement(requirement)]
    while pending:
        wanted = pending.pop()
        name = _name(wanted.name)
        key = name + "[" + ",".join(sorted(wanted.extras)) + "]"
        if key in found:
            continue
        found |= {key, name}
        for text in metadata.requires(name) or ():
            needed = Requirement(text)
            extras = wanted.extras or {""}
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                pending.append(needed)
    return {name for name in found if "[" not in name}


@pytest.mark.extra("notebook")
def test_the_readme_runs_them_with_what_its_extra_installs() -> None:
    text = README.read_text("utf-8")
    tools = set(re.findall(r"^jupyter (\w+)", text, re.MULTILINE))
    assert tools, "the README says how to run the notebooks"
    scripts = {entry.name: entry for entry in metadata.entry_points(group="console_scripts")}
    providers = {_name(scripts[f"jupyter-{tool}"].dist.name) for tool in tools}  # type: ignore[union-attr]
    # nbconvert --execute runs the notebooks in a Python kernel.
    assert providers | {"ipykernel"} <= _installs(f"eminence[{_readme_extra()}]")
