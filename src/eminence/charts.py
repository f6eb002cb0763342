"""Ways to look at results beyond their text and HTML: matplotlib charts (the ``plot``
extra) and the notebook explorer (the ``notebook`` extra).

It holds `split_chart`, `sensitivity_chart`, `timeline_chart`, `projection_chart` and the
`Explorer` that `eminence.explore` opens. Loaded on first use: ``import eminence`` does not
pay for it.

>>> import eminence as em
>>> callable(em.charts.split_chart), em.charts.Explorer.__name__
(True, 'Explorer')
"""

from typing import TYPE_CHECKING

from eminence._lazy import on_first_use

if TYPE_CHECKING:
    from eminence.explorer import Explorer
    from eminence.report.charts import (
        projection_chart,
        sensitivity_chart,
        split_chart,
        timeline_chart,
    )

__all__ = ("split_chart", "sensitivity_chart", "timeline_chart", "projection_chart", "Explorer")

__getattr__, __dir__ = on_first_use(
    __name__,
    {
        "eminence.report.charts": (
            "split_chart",
            "sensitivity_chart",
            "timeline_chart",
            "projection_chart",
        ),
        "eminence.explorer": ("Explorer",),
    },
)
