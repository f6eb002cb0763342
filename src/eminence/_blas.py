"""One BLAS thread while the explorer or the service plans (threadpoolctl, extras ``notebook``
and ``api``).

A plan's matrix products are small (a block of trials by a few venues and events): the BLAS
library's threads only wake up and wait for each other, worst on a busy machine, where
`benchmarks/replan.py` measured a replan at several times its time with two threads than
with one; and they may sum a churning goal's band in another order than one thread does. Setting
``OPENBLAS_NUM_THREADS=1`` before NumPy is imported does the same for the whole process; this
limits the threads only while eminence plans, and gives them back after. Without
threadpoolctl nothing changes.
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
    each other. Taken and let go on one thread (the notebook's, the service's event loop):
    OpenBLAS ignores the calls of other threads once one has set its threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._limiter: Any = None

    @property
    def applies(self) -> bool:
        """Whether holding it limits anything: threadpoolctl is installed."""
        return _controller() is not None

    def take(self) -> None:
        controller = _controller()
        with self._lock:
            if not self._holders and controller is not None:
                self._limiter = controller.limit(limits=1, user_api="blas")
            self._holders += 1

    def let_go(self) -> None:
        with self._lock:
            self._holders -= 1
            if not self._holders and self._limiter is not None:
                self._limiter.restore_original_limits()
                self._limiter = None

    @contextmanager
    def held(self) -> Iterator[None]:
        self.take()
        try:
            yield
        finally:
            self.let_go()


@functools.cache
def _controller() -> Any:
    """The BLAS libraries loaded (NumPy's), read once; None without threadpoolctl."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


LIMIT = _Limit()
"""One BLAS thread while it is held: `take` and `let_go`, or ``with LIMIT.held():``."""
