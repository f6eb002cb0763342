"""Hostile structure: deep nesting, huge collections and strings, files just under and just
over the size limit, through every way `load` reads a profile (text, bytes, path, mapping)."""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import eminence as em
from eminence import cli
from eminence.testing import Case, check_total, profile_data, through_every_output

MIB = 1024 * 1024


def everything(source: Any) -> object:
    return through_every_output(em.loads(source))


def padded_json(size: int) -> str:
    """The small profile as JSON of exactly ``size`` characters, padded with spaces."""
    text = json.dumps(profile_data())
    return text + " " * (size - len(text))


def nested(depth: int) -> list[Any]:
    root: list[Any] = []
    for _ in range(depth - 1):
        root = [root]
    return root


def deep(depth: int) -> str:
    return '{"name": ' + "[" * depth + "]" * depth + "}"


CASES = [
    Case("text", lambda: everything(json.dumps(profile_data()))),
    Case("bytes", lambda: everything(json.dumps(profile_data()).encode())),
    Case("mapping", lambda: everything(profile_data())),
    Case("a file of exactly 1 MiB", partial(everything, padded_json(MIB))),
    Case("a file of 1 MiB and a byte", partial(everything, padded_json(MIB + 1)), "1,048,576"),
    Case("50 MiB of text", partial(everything, "x" * (50 * MIB)), "at most 1,048,576"),
    Case("nested 100,000 deep", partial(everything, deep(100_000)), "32"),
    Case("nested 33 deep", partial(everything, deep(32)), "32"),
    Case(
        "a mapping nested 100,000 deep",
        partial(everything, {**profile_data(), "name": nested(100_000)}),
        "32",
    ),
    Case(
        "10,001 topics",
        partial(everything, {**profile_data(), "topics": [{"id": f"t{i}"} for i in range(10_001)]}),
        "10,000",
    ),
    Case(
        "a name of 20,001 characters in JSON",
        partial(everything, json.dumps({**profile_data(), "name": "x" * 20_001})),
        "20,000",
    ),
    Case(
        "a name of 201 characters",
        lambda: everything({**profile_data(), "name": "x" * 201}),
        "name: is longer than 200 characters; shorten it",
    ),
    Case("a name of 200 characters", lambda: everything({**profile_data(), "name": "x" * 200})),
    Case(
        "a mapping of 20,000 keys",
        partial(everything, {**profile_data(), "extra": {str(i): i for i in range(20_000)}}),
        "the mapping at extra has 20,000 entries; at most 10,000 are allowed",
    ),
    Case("a list, not a profile", lambda: everything("[1, 2, 3]"), "Profile has"),
    Case("a short line is a document", lambda: everything("null"), "Profile has"),
    Case("a short line given to load is a path", lambda: em.load("null.json"), "cannot read"),
    Case("an empty document", lambda: everything(""), "Profile has"),
    Case("not UTF-8", lambda: everything(b"\xff\xfe{}"), "not valid UTF-8"),
    Case("an object, not a source", lambda: everything(42), "loads takes a document as text"),
    Case(
        "an object, not a path",
        partial(em.load, 42),  # type: ignore[arg-type]
        "load reads a file",
    ),
    Case(
        "no goals", lambda: everything({**profile_data(), "goals": []}), "goals: needs at least 1"
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()


class TestFiles:
    def test_a_path_to_a_large_file_is_refused_without_reading_it(self, tmp_path: Path) -> None:
        path = tmp_path / "huge.json"
        with path.open("wb") as file:
            file.truncate(2**40)  # a sparse terabyte
        Case("a terabyte", lambda: em.load(path), "larger than 1,048,576 bytes").check()

    def test_a_directory(self, tmp_path: Path) -> None:
        Case("a directory", lambda: em.load(tmp_path, format="json"), "cannot read").check()

    def test_a_missing_file(self, tmp_path: Path) -> None:
        missing = tmp_path / "missing.yaml"
        Case("missing", lambda: em.load(missing), "No such file").check()

    def test_an_unknown_suffix(self, tmp_path: Path) -> None:
        path = tmp_path / "profile.exe"
        path.write_text(json.dumps(profile_data()))
        Case("suffix", lambda: em.load(path), "name it .json, .toml, .yaml or .yml").check()

    @pytest.mark.parametrize(
        "suffix",
        [
            ".json",
            pytest.param(".toml", marks=pytest.mark.extra("toml")),
            pytest.param(".yaml", marks=pytest.mark.extra("yaml")),
        ],
    )
    def test_every_format_from_a_path(self, tmp_path: Path, suffix: str) -> None:
        path = tmp_path / f"profile{suffix}"
        path.write_text(em.dump(em.loads(profile_data()), suffix[1:]))
        Case(suffix, lambda: through_every_output(em.load(path))).check()
        Case(suffix, lambda: through_every_output(em.load(str(path)))).check()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
class TestNotARegularFile:
    """A pipe would block the reader until someone writes to it, a device never ends: both
    are refused before a byte is read, whatever reads them."""

    @pytest.fixture
    def pipe(self, tmp_path: Path) -> Path:
        path = tmp_path / "profile.json"
        os.mkfifo(path)
        return path

    @pytest.mark.parametrize(
        "read",
        [em.load, em.load_log, em.load_progress],
        ids=["profile", "listening log", "progress log"],
    )
    def test_a_named_pipe(self, pipe: Path, read: Any) -> None:
        error = check_total(lambda: read(pipe), within=5).error
        assert isinstance(error, em.UnreadableFileError)
        assert "not a regular file" in str(error)

    def test_a_device(self) -> None:
        with pytest.raises(em.UnreadableFileError, match="not a regular file"):
            em.load(Path("/dev/zero"), format="json")

    def test_columns_at_the_command_line(
        self, pipe: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        log = tmp_path / "log.csv"
        log.write_text("date,venue\n2027-01-11,forum\n")
        profile = tmp_path / "me.json"
        profile.write_text(json.dumps(profile_data()))
        assert cli.main(["listen", str(profile), str(log), "--columns", str(pipe)]) == 1
        assert "not a regular file" in capsys.readouterr().err
