"""Many independent profiles planned as one batch, each with luck of its own.

A batch derives each profile's seed from the batch seed and the profile's content
(`batch_seed`), so two profiles never share their draws because they share a venue id, and a
profile's plan is the one `eminence.plan` gives it alone with that seed, to the byte, wherever
it sits in the batch and however the batch is split. `plan_many` streams the outcomes
(`Batch`, `Outcome`; `BatchResult` keeps them), from profiles, mappings, `ProfileText` or
paths; `write_parquet` writes them as they come (`arrow_schema`); `plan_bag` and
`plan_frame` plan a Dask bag or DataFrame where Dask runs it. Its modules load on first use.
"""

from typing import TYPE_CHECKING

from eminence._lazy import on_first_use

if TYPE_CHECKING:
    from eminence.batch.bags import plan_bag
    from eminence.batch.frames import plan_frame
    from eminence.batch.many import Batch, ProfileText, plan_many
    from eminence.batch.parquet import write_parquet
    from eminence.batch.result import BatchResult, Outcome, arrow_schema
    from eminence.batch.seeds import batch_seed

__all__ = (
    "Batch",
    "BatchResult",
    "Outcome",
    "ProfileText",
    "arrow_schema",
    "batch_seed",
    "plan_bag",
    "plan_frame",
    "plan_many",
    "write_parquet",
)

__getattr__, __dir__ = on_first_use(
    __name__,
    {
        "eminence.batch.bags": ("plan_bag",),
        "eminence.batch.frames": ("plan_frame",),
        "eminence.batch.many": ("Batch", "ProfileText", "plan_many"),
        "eminence.batch.parquet": ("write_parquet",),
        "eminence.batch.result": ("BatchResult", "Outcome", "arrow_schema"),
        "eminence.batch.seeds": ("batch_seed",),
    },
)
