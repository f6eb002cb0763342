"""Write the JSON Schemas into the package and, in a source checkout, into ``docs/schemas/``.

Run ``python -m eminence.schemas`` after a change to the model. It refuses to replace a
schema whose contract changed while its document kept its schema version.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eminence.schemas import write

__all__ = ("main",)


def main() -> int:
    """Write the schemas; 0 when written, 1 when a contract needs a new version first."""
    package = Path(__file__).parent
    docs = package.parents[2] / "docs"
    folders = (package, docs / "schemas") if docs.is_dir() else (package,)
    refused = write(folders)
    for why in refused.values():
        print(f"eminence.schemas: {why}", file=sys.stderr)
    if not refused:
        print(f"wrote the schemas to {', '.join(str(folder) for folder in folders)}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
