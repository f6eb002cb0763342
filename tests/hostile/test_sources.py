"""Text is text, a path is a path: a file is read only when a path is given on purpose, and an
error about a file never echoes a file that is not the document it was read as (issue 16)."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import profile_data

PROFILE = em.loads(profile_data())

# Lines such as a password file, a shell script, an INI or a .env file hold: words, numbers
# and the punctuation every format gives a meaning to.
WORD = st.from_regex(r"[a-z][a-z0-9]{3,9}", fullmatch=True)
PUNCTUATION = st.sampled_from(
    [
        ":",
        "=",
        ",",
        ";",
        " ",
        "{",
        "}",
        "[",
        "]",
        '"',
        "'",
        "#",
        "!",
        "&",
        "*",
        "|",
        ">",
        "%",
        "@",
        "-",
        "/",
        "\t",
        ": ",
        "= ",
    ]
)
LINE = st.lists(st.one_of(WORD, PUNCTUATION), min_size=2, max_size=10).map("".join)
NOT_A_DOCUMENT = st.lists(LINE, min_size=1, max_size=8).map("\n".join)


def _telling(line: str) -> bool:
    """A line whose appearance in a message would show the file: long enough to be its own."""
    return len(line.strip()) >= 8


def _error(call: Callable[[], object]) -> em.EminenceError | None:
    try:
        call()
    except em.EminenceError as error:
        return error
    return None


READERS: dict[str, tuple[Callable[..., object], tuple[str, ...]]] = {
    "profile": (em.load, (".json", ".toml", ".yaml", ".yml")),
    "listening log": (em.load_log, (".csv", ".json", ".yaml")),
    "progress log": (em.load_progress, (".csv", ".json", ".yaml")),
}


class TestFilesAreNotEchoed:
    @pytest.mark.extra("yaml")
    @pytest.mark.parametrize("reader", sorted(READERS))
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=NOT_A_DOCUMENT, data=st.data())
    def test_no_line_of_a_file_that_is_not_a_document_appears_in_the_error(
        self, reader: str, text: str, data: st.DataObject
    ) -> None:
        read, suffixes = READERS[reader]
        suffix = data.draw(st.sampled_from(suffixes), label="suffix")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"secrets{suffix}"
            path.write_text(text, "utf-8")
            error = _error(lambda: read(path))
        if error is None:
            return  # it read as a document of the kind asked for: nothing was refused
        message = str(error)
        for line in filter(_telling, text.splitlines()):
            assert line.strip() not in message, f"{line!r} is echoed in: {message}"

    @pytest.mark.extra("yaml")
    def test_etc_passwd_read_as_yaml_says_where_not_what(self, tmp_path: Path) -> None:
        lines = ["root:x:0:0:root:/root:/bin/bash", "daemon:x:1:1:daemon:/usr/sbin:/bin/sh"]
        path = tmp_path / "passwd.yaml"
        path.write_text("\n".join(lines) + "\n\tbroken: [\n")
        message = str(_error(lambda: em.load(path)))
        assert "line 3" in message
        assert not any(line in message for line in lines)
        path.write_text("\n".join(lines) + "\n")
        message = str(_error(lambda: em.load(path)))
        assert "not a profile" in message
        assert not any(line in message for line in lines)

    def test_a_csv_that_is_not_a_log_is_not_listed(self, tmp_path: Path) -> None:
        path = tmp_path / "secrets.csv"
        path.write_text("user,password,password\nada,hunter22,hunter22\n")
        message = str(_error(lambda: em.load_progress(path)))
        assert "not a CSV log" in message
        assert "password" not in message
        assert "hunter22" not in message

    def test_a_profile_file_is_quoted_once_it_reads_as_one(self, tmp_path: Path) -> None:
        path = tmp_path / "me.json"
        path.write_text(json.dumps({**profile_data(), "name": 7}))
        assert "(got 7)" in str(_error(lambda: em.load(path)))

    def test_a_document_held_in_memory_is_quoted_as_sent(self) -> None:
        message = str(_error(lambda: em.loads('{"name": "a", "name": "b"}')))
        assert "duplicate key 'name'" in message


class TestTextIsNeverAPath:
    @pytest.mark.parametrize(
        "text",
        ['{"name": "x"}', "[1]", "name: x\n", "name = 'x'\r", "\ufeffname: x", "a\0b", "  "],
    )
    @pytest.mark.parametrize("read", [em.load, em.load_log, em.load_progress])
    def test_a_document_given_to_a_reader_of_files_is_refused_before_any_file_is_opened(
        self, text: str, read: Callable[..., object], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def opened(*arguments: object, **options: object) -> None:
            raise AssertionError("the file system was asked")

        monkeypatch.setattr(os, "open", opened)
        error = _error(lambda: read(text))
        assert isinstance(error, em.InvalidArgumentError)
        assert error.argument == "path"
        assert "em.loads" in str(error)

    def test_loads_never_reads_a_file(self, tmp_path: Path) -> None:
        path = tmp_path / "me.json"
        path.write_text(json.dumps(profile_data()))
        error = _error(lambda: em.loads(str(path)))
        assert isinstance(error, em.EminenceError)
        assert not isinstance(error, em.UnreadableFileError)
        assert isinstance(_error(lambda: em.loads(path)), em.InvalidArgumentError)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("call", "given"),
        [
            (lambda: em.load(em.dump(PROFILE).encode()), PROFILE),  # type: ignore[arg-type]
            (lambda: em.load(profile_data()), PROFILE),  # type: ignore[arg-type]
            (
                lambda: em.load_progress([{"date": "2027-01-11", "venue": "forum"}]),  # type: ignore[arg-type]
                em.loads_progress([{"date": "2027-01-11", "venue": "forum"}]),
            ),
            (
                lambda: em.load_log(b"date,venue\n2027-01-11,forum\n", format="csv"),  # type: ignore[arg-type]
                em.loads_log(b"date,venue\n2027-01-11,forum\n", format="csv"),
            ),
        ],
    )
    def test_old_calls_that_were_never_paths_still_work_for_a_release_with_a_warning(
        self, call: Callable[[], object], given: object
    ) -> None:
        with pytest.warns(DeprecationWarning, match="em.loads"):
            assert call() == given


ENCODINGS: dict[str, Callable[[str], str | bytes]] = {
    "BOM": lambda text: "\ufeff" + text,
    "BOM bytes": lambda text: codecs.BOM_UTF8 + text.encode(),
    "CR": lambda text: text.replace("\n", "\r"),
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "BOM and CR bytes": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r").encode(),
}


class TestLineEnds:
    @pytest.mark.extra("yaml")
    @pytest.mark.extra("toml")
    @settings(max_examples=60, deadline=None)
    @given(
        format=st.sampled_from(["json", "toml", "yaml", "one-line json"]),
        encoding=st.sampled_from(sorted(ENCODINGS)),
        name=st.text(
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=200
        ),
        guessed=st.booleans(),
    )
    def test_a_document_reads_the_same_with_any_line_ends_and_a_byte_order_mark(
        self, format: str, encoding: str, name: str, guessed: bool
    ) -> None:
        profile = PROFILE.replace(name=name.strip() or "x")
        if format == "one-line json":
            text: str = json.dumps(profile.model_dump(mode="json", exclude_defaults=True))
            format = "json"
        else:
            text = em.dump(profile, format)
        document = ENCODINGS[encoding](text)
        assert em.loads(document, format=None if guessed else format) == profile


class TestCells:
    def test_a_blank_header_over_values_is_named_at_its_row_and_column(self) -> None:
        text = "date,venue,,hours\n2027-01-11,forum,,1\n2027-01-12,forum,7,1\n"
        with pytest.raises(em.InvalidInputError, match=r"row 3, column 3: holds a value, but"):
            em.loads_progress(text, format="csv")

    def test_a_blank_header_over_nothing_is_a_trailing_delimiter(self) -> None:
        log = em.loads_progress("date,venue,hours,\n2027-01-11,forum,1,\n", format="csv")
        assert log.entries[0].outcomes == {}

    @pytest.mark.parametrize("decimal", [".", ","])
    @pytest.mark.parametrize("read", [em.loads_log, em.loads_progress])
    def test_a_cell_is_quoted_as_written(self, decimal: str, read: Any) -> None:
        written = f"1{decimal}5"
        text = f"date;venue;replies\n2027-01-11;forum;{written}\n"
        if read is em.loads_progress:
            text = f"date;venue;hours\n2027-01-11;forum;20000{decimal}5\n"
            written = f"20000{decimal}5"
        with pytest.raises(em.InvalidInputError) as raised:
            read(text, format="csv", decimal=decimal)
        assert f"(got {written!r})" in str(raised.value)

    @given(
        digit=st.characters(categories=["Nd"]).filter(lambda c: not c.isascii()),
        column=st.sampled_from(["hours", "requests", "contributions"]),
    )
    def test_every_number_cell_reads_ascii_digits_only(self, digit: str, column: str) -> None:
        text = f"date,venue,{column}\n2027-01-11,forum,{digit}\n"
        with pytest.raises(em.InvalidInputError, match="ASCII digits"):
            em.loads_progress(text, format="csv")
