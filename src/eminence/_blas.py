"""One BLAS thread while the explorer replans (threadpoolctl, extra ``notebook``).

A plan's matrix products are small (a block of trials by a few venues and events): the BLAS
library's threads only wake up and wait for each other, worst on a busy machine, where
`benchmarks/replan.py` measured a replan at several times its time with two threads than
with one; and they may sum a churning goal's band in another order than one thread does.
Setting ``OPENBLAS_NUM_THREADS=1`` before NumPy is imported does the same for the whole
process, and is what a service should do: OpenBLAS ignores a thread count set from a thread
other than the one that set it before, so a pool of threads cannot each set their own. The
explorer replans on the notebook's own thread, so it limits the threads only while it plans
and gives them back after. Without threadpoolctl nothing changes.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ("LIMIT",)


class _Limit:
    """The process-wide limit, held while anything plans: the first holder sets it, the last
    to let go restores the threads as they were found, so holders never restore them under
    each other."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._limiter: Any = None

    @property
    def applies(self) -> bool:
        """Whether holding it limits anything: threadpoolctl is installed."""
        return _controller() is not None

    @contextmanager
    def held(self) -> Iterator[None]:
        """One BLAS thread while the block runs."""
        controller = _controller()
        with self._lock:
            if not self._holders and controller is not None:
                self._limiter = controller.limit(limits=1, user_api="blas")
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if not self._holders and self._limiter is not None:
                    self._limiter.restore_original_limits()
                    self._limiter = None


@functools.cache
def _controller() -> Any:
    """The BLAS libraries loaded (NumPy's), read once; None without threadpoolctl."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


LIMIT = _Limit()
"""One BLAS thread while it is held: ``with LIMIT.held():``."""
