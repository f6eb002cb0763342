"""Time every hostile case of ``tests/hostile`` against loading a bundled example.

    python benchmarks/hostile.py

The tests assert only a generous bound (2 s), so that a loaded machine does not fail them;
this prints the real figures. A case refused with an error should take well under 100 ms;
a case that ends in a result goes through planning and every export, and takes what a plan
takes. The reference, loading the bundled ``consultant`` example from its TOML text, is
measured in the same run, so the ratios hold from one machine to the next. Times are the
best of three runs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import eminence as em
from eminence.testing import Case

TESTS = Path(__file__).resolve().parent.parent / "tests" / "hostile"
ERROR_BUDGET = 0.100


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(em.EminenceError):
            run()
        times.append(time.perf_counter() - start)
    return min(times)


def _cases() -> list[tuple[str, Case]]:
    found = []
    for path in sorted(TESTS.glob("test_*.py")):
        spec = importlib.util.spec_from_file_location(f"hostile_{path.stem}", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found += [(path.stem.removeprefix("test_"), case) for case in getattr(module, "CASES", [])]
    return found


def main() -> None:
    text = (resources.files("eminence") / "examples" / "consultant.toml").read_text("utf-8")
    reference = _best(lambda: em.loads(text, format="toml"), repeat=20)
    print(f"reference: loading the consultant example takes {reference * 1e3:.2f} ms\n")
    print(f"{'kind':<12}{'case':<52}{'ends in':<8}{'ms':>9}{'x ref':>8}")
    slow_errors = []
    for kind, case in _cases():
        ended = "error" if case.error is not None else "result"
        seconds = _best(case.call)
        ratio = seconds / reference
        print(f"{kind:<12}{case.name[:50]:<52}{ended:<8}{seconds * 1e3:>9.1f}{ratio:>8.1f}")
        if case.error is not None and seconds > ERROR_BUDGET:
            slow_errors.append(case.name)
    print(f"\nerrors slower than {ERROR_BUDGET * 1e3:.0f} ms: {', '.join(slow_errors) or 'none'}")


if __name__ == "__main__":
    main()
