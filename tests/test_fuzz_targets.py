"""The fuzz targets replay their seed corpora: a target that no longer imports, or a seed that
now crashes, fails here with the suite rather than only in CI's fuzzing step."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TARGETS = sorted(path.stem.removeprefix("fuzz_") for path in (ROOT / "fuzz").glob("fuzz_*.py"))


@pytest.mark.parametrize(
    "target",
    [pytest.param(t, marks=pytest.mark.extra("ical")) if t == "calendar" else t for t in TARGETS],
)
def test_the_seed_corpus_replays_without_a_crash(target: str, tmp_path: Path) -> None:
    # Replay as a machine without atheris does, whether or not this one has it.
    (tmp_path / "atheris.py").write_text("raise ImportError('replay only')\n")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run(
        [sys.executable, f"fuzz/fuzz_{target}.py", "--replay", f"fuzz/corpus/{target}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "no crash" in done.stdout


def test_every_target_has_a_seed_corpus() -> None:
    assert TARGETS
    assert all(any((ROOT / "fuzz" / "corpus" / t).iterdir()) for t in TARGETS)
