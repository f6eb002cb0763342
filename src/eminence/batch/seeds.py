"""The seed a batch gives each profile: its own stream, whatever else is in the batch."""

from __future__ import annotations

import hashlib

from eminence.model import Profile
from eminence.model.arguments import a_whole_number
from eminence.planning.planner import check_profile

__all__ = ("SEED_BITS", "batch_seed")

SEED_BITS = 53
"""A derived seed is below 2**53: a whole number every JSON reader holds exactly (an IEEE
double), so a seed read back from a plan's JSON in any language replans it to the byte."""


def batch_seed(seed: int, profile: Profile) -> int:
    """The seed a batch planned with ``seed`` plans ``profile`` with.

    It hashes (SHA-256) the batch seed and the profile's canonical JSON
    (``profile.model_dump_json()``), so it depends on what the profile says and on nothing
    else: not its place in the batch, not the other profiles, not the file it came from.
    Profiles identical in content get the same seed, and so the same plan; profiles that
    differ in anything (a name, the order of their venues) get streams of their own.

    >>> import eminence as em
    >>> profile = em.example("consultant")
    >>> em.batch_seed(0, profile) == em.batch_seed(0, profile.model_copy())
    True
    >>> em.batch_seed(0, profile) != em.batch_seed(1, profile)
    True
    """
    seed = a_whole_number("seed", seed, least=0)
    identity = check_profile(profile).model_dump_json().encode()
    digest = hashlib.sha256(f"eminence batch {seed}\x1f".encode() + identity).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - SEED_BITS)
