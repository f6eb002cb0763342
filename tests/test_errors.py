"""Every error eminence raises crosses a process boundary whole (pickled and back)."""

from __future__ import annotations

import pickle

import pytest

import eminence as em
from eminence import errors

SAMPLES: dict[type[em.EminenceError], em.EminenceError] = {
    em.EminenceError: em.EminenceError("plain"),
    em.InvalidInputError: em.InvalidInputError(
        "Profile", [em.Problem("venues[0].id", "must be text")]
    ),
    em.InvalidArgumentError: em.InvalidArgumentError("seed", "seed must be whole"),
    em.UnknownReferenceError: em.UnknownReferenceError("no goal 'g'"),
    em.DocumentError: em.DocumentError("bad line 3: 'x'", redacted="bad line 3"),
    em.DocumentSyntaxError: em.DocumentSyntaxError("syntax", redacted="syntax, redacted"),
    em.UnreadableFileError: em.UnreadableFileError("cannot read me.toml"),
    em.InputLimitError: em.InputLimitError("too deep"),
    em.MissingExtraError: em.MissingExtraError("pandas", "pandas", "to_frame()"),
}


def test_every_error_has_a_sample() -> None:
    kinds = {
        value
        for name in errors.__all__
        if isinstance(value := getattr(errors, name), type) and issubclass(value, em.EminenceError)
    }
    assert kinds == SAMPLES.keys()


@pytest.mark.parametrize("error", SAMPLES.values(), ids=lambda error: type(error).__name__)
def test_an_error_pickles_with_its_message_and_attributes(error: em.EminenceError) -> None:
    restored = pickle.loads(pickle.dumps(error))
    assert type(restored) is type(error)
    assert str(restored) == str(error)
    assert restored.args == error.args
    assert vars(restored) == vars(error)
