"""Ways to look at results beyond their text and HTML: matplotlib charts (the ``plot``
extra) and the notebook explorer (the ``notebook`` extra).

It holds `split_chart`, `sensitivity_chart`, `timeline_chart`, `projection_chart` and the
`Explorer` that `eminence.explore` opens. Loaded on first use: ``import eminence`` does not
pay for it.

>>> import eminence as em
>>> callable(em.charts.split_chart), em.charts.Explorer.__name__
(True, 'Explorer')
"""

from eminence.explorer import Explorer
from eminence.report.charts import (
    projection_chart,
    sensitivity_chart,
    split_chart,
    timeline_chart,
)

__all__ = ("split_chart", "sensitivity_chart", "timeline_chart", "projection_chart", "Explorer")
