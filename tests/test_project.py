"""The project keeps its promises: README and CI agree, layers point downwards, extras stay lazy."""

from __future__ import annotations

import ast
import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eminence"


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


class TestReadme:
    def test_has_exactly_two_quick_start_commands(self) -> None:
        commands = _readme_commands()
        assert len(commands) == 2
        assert commands[0].endswith("eminence demo")
        assert "pytest" in commands[1]

    def test_ci_runs_the_readme_test_command_verbatim(self) -> None:
        ci = (ROOT / ".ci" / "run").read_text("utf-8")
        assert _readme_commands()[1] in ci.splitlines()

    def test_links_to_the_docs_resolve(self) -> None:
        readme = (ROOT / "README.md").read_text("utf-8")
        links = re.findall(r"\]\(([^)#]+)\)", readme)
        assert "docs/index.md" in links
        assert "docs/api.md" in links
        for link in links:
            assert (ROOT / link).exists(), link

    def test_python_blocks_run(self) -> None:
        readme = (ROOT / "README.md").read_text("utf-8")
        for block in re.findall(r"```python\n(.+?)```", readme, flags=re.DOTALL):
            exec(compile(block, "README.md", "exec"), {})


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*.md")), ids=lambda page: page.name)
def test_the_examples_in_the_docs_run_as_shown(page: Path) -> None:
    # The test paths hold no docs, so pytest's own doctest collection never reaches them.
    result = doctest.testfile(str(page), module_relative=False, encoding="utf-8")
    assert result.failed == 0


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


class TestLayers:
    """The layer order itself is tests/test_layers.py's; here, what each layer may not load."""

    def test_model_imports_no_numpy(self) -> None:
        for path in (PACKAGE / "model").rglob("*.py"):
            assert not {m for m in _imports(path) if m.split(".")[0] in {"numpy", "scipy"}}

    def test_import_eminence_loads_no_optional_extra(self) -> None:
        code = (
            "import sys, eminence; "
            "heavy = {'pandas', 'matplotlib', 'icalendar', 'yaml', 'tomli_w', 'ipywidgets', "
            "'IPython', 'fastapi', 'mcp', 'tqdm', 'pyarrow', 'dask'}; "
            "print(sorted(heavy & set(sys.modules)))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "[]"
