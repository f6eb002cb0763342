"""Fuzz target: any bytes as a profile document (format guessed), then every output of it."""

from __future__ import annotations

import sys

from _harness import main, total

try:
    import atheris
except ImportError:  # replay only
    import eminence as em
    from eminence.testing import through_every_output
else:
    with atheris.instrument_imports():
        import eminence as em
        from eminence.testing import through_every_output


@total
def load(data: bytes) -> None:
    profile = em.loads(data)
    through_every_output(profile, trials=20)


if __name__ == "__main__":
    sys.exit(main(load))
