"""Run a fuzz target under atheris when it is installed, else replay files through it.

    python fuzz/fuzz_load.py CORPUS_DIR [libFuzzer options]   # fuzz (needs eminence[fuzz])
    python fuzz/fuzz_load.py --replay FILE_OR_DIR ...          # replay, with or without atheris

A target takes bytes and returns; it may raise `EminenceError`, which is a clear refusal and
counts as success. Any other exception is a crash: libFuzzer saves the input as
``crash-<hash>``, and replay names the file and re-raises.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

Target = Callable[[bytes], None]


def total(target: Target) -> Target:
    """The target, with `EminenceError` (a clear refusal of bad input) counted as success."""
    from eminence.errors import EminenceError

    def run(data: bytes) -> None:
        with contextlib.suppress(EminenceError):
            target(data)

    return run


def replay(target: Target, paths: list[str]) -> int:
    files = [
        file
        for path in map(Path, paths)
        for file in (sorted(path.iterdir()) if path.is_dir() else [path])
    ]
    for file in files:
        try:
            target(file.read_bytes())
        except Exception:
            print(f"crash on {file}", file=sys.stderr)
            raise
    print(f"replayed {len(files)} inputs: no crash")
    return 0


def main(target: Target) -> int:
    arguments = sys.argv[1:]
    if arguments[:1] == ["--replay"]:
        return replay(target, arguments[1:])
    import atheris

    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
    return 0
