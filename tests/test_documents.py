"""Untrusted text to plain data and back: hostile inputs end in one clear error, data survives."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import math
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eminence._documents import (
    DEFAULT_LIMITS,
    MAX_INT_DIGITS,
    Format,
    Limits,
    guess_format,
    parse_document,
    render_document,
    yaml_text,
)
from eminence.errors import (
    DocumentSyntaxError,
    EminenceError,
    InputLimitError,
    MissingExtraError,
)

YAML = pytest.mark.extra("yaml")
TOML_WRITER = pytest.mark.extra("toml")


def _formats(*, written: bool) -> list[Any]:
    """Every format as a parameter, marked with the extra that reading (or writing) it needs:
    PyYAML for YAML both ways, tomli-w to write TOML (the standard library reads it)."""
    marks = {Format.YAML: [YAML], Format.TOML: [TOML_WRITER] if written else []}
    return [pytest.param(format, marks=marks.get(format, []), id=format.value) for format in Format]


FORMATS = _formats(written=False)
WRITTEN_FORMATS = _formats(written=True)
FIFTY_MEGABYTES = 50 * 1024 * 1024


def nested_list(depth: int, format: Format) -> str:
    """A document nested `depth` deep: lists in flow style for YAML, inline arrays for TOML."""
    if format is Format.TOML:
        depth -= 1
        return "a = " + "[" * depth + "]" * depth
    return "[" * depth + "]" * depth


def list_of(count: int, format: Format) -> str:
    items = "[" + ", ".join(["1"] * count) + "]"
    return f"a = {items}" if format is Format.TOML else items


def mapping_of(count: int, format: Format) -> str:
    if format is Format.TOML:
        return "".join(f"k{index} = 1\n" for index in range(count))
    if format is Format.YAML:
        return "".join(f"k{index}: 1\n" for index in range(count))
    return "{" + ", ".join(f'"k{index}": 1' for index in range(count)) + "}"


def string_of(size: int, format: Format) -> str:
    text = f'"{"x" * size}"'
    return f"a = {text}" if format is Format.TOML else text


class TestFormat:
    @pytest.mark.parametrize(
        ("suffix", "expected"),
        [
            (".json", Format.JSON),
            (".toml", Format.TOML),
            (".yaml", Format.YAML),
            (".yml", Format.YAML),
            (".JSON", Format.JSON),
            (".Yml", Format.YAML),
        ],
    )
    def test_known_suffixes_ignore_case(self, suffix: str, expected: Format) -> None:
        assert Format.from_suffix(suffix) is expected

    @pytest.mark.parametrize("suffix", [".ini", ".txt", ".json5", ""])
    def test_an_unknown_suffix_is_named_with_the_known_ones(self, suffix: str) -> None:
        with pytest.raises(DocumentSyntaxError, match=r"\.json, \.toml, \.yaml or \.yml") as info:
            Format.from_suffix(suffix)
        assert (repr(suffix) if suffix else "no suffix") in str(info.value)

    def test_a_format_is_its_name(self) -> None:
        assert Format("yaml") is Format.YAML
        assert f"{Format.TOML}" == "toml"


class TestGuessFormat:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ('{"a": 1}', Format.JSON),
            ("  \n [1, 2]", Format.JSON),
            ("\ufeff{}", Format.JSON),
            ("[true]", Format.JSON),
            ('["a"]', Format.JSON),
            ("[capacity]\nhours = 3\n", Format.TOML),
            ("[[venues]]\nname = 'x'\n", Format.TOML),
            ("# my profile\n\nname = 'Ada'\n", Format.TOML),
            ('"quoted key" = 1', Format.TOML),
            ("a.b = 1", Format.TOML),
            ("name: Ada\n", Format.YAML),
            ("# comment\n- a\n- b\n", Format.YAML),
            ("", Format.TOML),
            (" \n# nothing said yet\n", Format.TOML),
            ("#" * FIFTY_MEGABYTES + "\nname: Ada\n", Format.YAML),
        ],
    )
    def test_guesses(self, text: str, expected: Format) -> None:
        assert guess_format(text) is expected

    def test_only_the_start_is_read(self) -> None:
        text = "a: 1\n" + "x" * FIFTY_MEGABYTES
        assert guess_format(text) is Format.YAML


class TestLimits:
    def test_documented_defaults(self) -> None:
        documented = Limits(
            max_bytes=1024 * 1024,
            max_depth=32,
            max_collection=10_000,
            max_nodes=100_000,
            max_string=20_000,
        )
        assert documented == DEFAULT_LIMITS

    @pytest.mark.parametrize("value", [0, -1, 1.5, True, "10"])
    def test_each_limit_is_a_positive_integer(self, value: Any) -> None:
        with pytest.raises(EminenceError, match="max_depth must be a positive integer"):
            Limits(max_depth=value)

    @pytest.mark.parametrize("format", FORMATS)
    def test_custom_limits_apply(self, format: Format) -> None:
        limits = Limits(max_depth=2)
        assert parse_document(nested_list(2, format), format, limits)
        with pytest.raises(InputLimitError, match="at most 2 levels"):
            parse_document(nested_list(3, format), format, limits)


class TestSize:
    @pytest.mark.parametrize("document", ["x" * FIFTY_MEGABYTES, b"x" * FIFTY_MEGABYTES])
    @pytest.mark.parametrize("format", FORMATS)
    def test_50_megabytes_are_refused_before_parsing(
        self, document: str | bytes, format: Format
    ) -> None:
        unit = "characters" if isinstance(document, str) else "bytes"
        with pytest.raises(InputLimitError, match=rf"52,428,800 {unit} long; at most 1,048,576"):
            parse_document(document, format)

    def test_the_limit_itself_is_allowed(self) -> None:
        assert parse_document(b'"xx"', Format.JSON, Limits(max_bytes=4)) == "xx"
        with pytest.raises(InputLimitError, match="5 bytes long; at most 4 bytes"):
            parse_document(b'"xxx"', Format.JSON, Limits(max_bytes=4))


class TestEncoding:
    def test_invalid_utf8_names_the_byte_and_its_offset(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="not valid UTF-8: byte 0xff at offset 7"):
            parse_document(b'{"a": "\xff"}', Format.JSON)

    def test_the_offset_counts_a_leading_bom(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="byte 0xc3 at offset 3"):
            parse_document(b"\xef\xbb\xbf\xc3(", Format.YAML)

    @pytest.mark.parametrize("format", FORMATS)
    def test_utf8_with_bom_works(self, format: Format) -> None:
        text = {Format.JSON: '{"a": "é"}', Format.TOML: 'a = "é"', Format.YAML: "a: é"}[format]
        assert parse_document(b"\xef\xbb\xbf" + text.encode(), format) == {"a": "é"}
        assert parse_document("\ufeff" + text, format) == {"a": "é"}

    @pytest.mark.parametrize("text", ['"\\ud800"', '{"a\\udfff": 1}', '["a\\ud83d"]'])
    def test_a_json_escape_for_half_a_character(self, text: str) -> None:
        with pytest.raises(DocumentSyntaxError, match="lone surrogate"):
            parse_document(text, Format.JSON)

    def test_a_json_escape_pair_is_one_character(self) -> None:
        assert parse_document('"\\ud83d\\ude00"', Format.JSON) == "\U0001f600"

    @YAML
    def test_a_lone_surrogate_in_yaml_text(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="surrogate"):
            parse_document("a: \ud800", Format.YAML)


@YAML
class TestYamlSafety:
    def test_a_billion_laughs_costs_nothing(self) -> None:
        lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for level in range(1, 10):
            refs = ",".join([f"*a{level - 1}"] * 9)
            lines.append(f"a{level}: &a{level} [{refs}]")
        with pytest.raises(DocumentSyntaxError, match="YAML anchors and aliases are not allowed"):
            parse_document("\n".join(lines), Format.YAML)

    def test_an_anchor_alone_is_refused(self) -> None:
        with pytest.raises(DocumentSyntaxError, match=r"anchors and aliases .*line 1, column 4"):
            parse_document("a: &x 1\n", Format.YAML)

    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ('!!python/object/apply:os.system ["echo hi"]', "'!!python/object/apply:os.system'"),
            ("!!python/name:os.system", "'!!python/name:os.system'"),
            ("a: !!python/object:os.PathLike {}", "'!!python/object:os.PathLike'"),
            ("a: !!binary aGk=", "'!!binary'"),
            ("a: !!str 1", "'!!str'"),
            ("a: !custom 1", "'!custom'"),
            ("a: ! 1", "'!'"),
        ],
    )
    def test_every_explicit_tag_is_refused(self, text: str, shown: str) -> None:
        with pytest.raises(DocumentSyntaxError, match=rf"YAML tags are not allowed: {shown}"):
            parse_document(text, Format.YAML)

    def test_more_than_one_document(self) -> None:
        with pytest.raises(DocumentSyntaxError, match=r"one document.*line 2, column 1"):
            parse_document("a: 1\n---\nb: 2\n", Format.YAML)

    def test_one_explicit_document_is_fine(self) -> None:
        assert parse_document("---\na: 1\n...\n", Format.YAML) == {"a": 1}

    def test_merge_keys_are_refused(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="merge keys are not allowed"):
            parse_document("a: 1\n<<: {b: 2}\n", Format.YAML)

    def test_an_impossible_date_has_a_place(self) -> None:
        with pytest.raises(DocumentSyntaxError, match=r"'2024-13-45' .line 1, column 4.: month"):
            parse_document("a: 2024-13-45\n", Format.YAML)


@YAML
class TestYaml11Numbers:
    """YAML 1.1 reads some numbers in a way nobody writing them means: refused, not guessed."""

    @pytest.mark.parametrize(
        ("text", "meaning"),
        [
            ("a: 1:30", "as a number in base 60; write it as a decimal number"),
            ("a: 1:30:00", "as a number in base 60"),
            ("a: -190:20:30.15", "as a number in base 60"),
            ("a: 0700", "as an octal number; drop the leading zero"),
            ("a: -0_7", "as an octal number"),
            ("a: 00", "as an octal number"),
        ],
    )
    def test_is_refused_with_its_place(self, text: str, meaning: str) -> None:
        with pytest.raises(DocumentSyntaxError, match=rf"\(line 1, column 4\) {meaning}"):
            parse_document(text, Format.YAML)

    def test_a_long_one_is_quoted_short(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="base 60") as info:
            parse_document("a: " + "1:" * 2500 + "1", Format.YAML)
        assert len(str(info.value)) < 300

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("a: 0", 0),
            ("a: 700", 700),
            ("a: 0.5", 0.5),
            ("a: 07.5", 7.5),
            ("a: 0x1F", 31),
            ("a: 1_000", 1000),
            ("a: '0700'", "0700"),
            ("a: '1:30'", "1:30"),
            ("a: 09", "09"),
        ],
    )
    def test_what_it_reads_as_written_stands(self, text: str, value: object) -> None:
        assert parse_document(text, Format.YAML) == {"a": value}


@YAML
class TestYamlMappingKeys:
    @pytest.mark.parametrize(
        ("text", "reads_as"),
        [
            ("1: x", "a number"),
            ("yes: x", "a boolean"),
            ("on: x", "a boolean"),
            ("null: x", "null"),
            ("2024-01-01: x", "a date"),
            ("1.5: x", "a number"),
        ],
    )
    def test_a_key_that_is_not_text_asks_for_quotes(self, text: str, reads_as: str) -> None:
        with pytest.raises(
            DocumentSyntaxError, match=rf"keys must be text.*line 1, column 1.*as {reads_as}; put"
        ):
            parse_document(text, Format.YAML)

    def test_a_collection_key(self) -> None:
        with pytest.raises(DocumentSyntaxError, match=r"keys must be text.*is a sequence"):
            parse_document("? [a, b]\n: x\n", Format.YAML)

    def test_quoted_keys_are_text(self) -> None:
        assert parse_document("'1': x\n\"yes\": y\n", Format.YAML) == {"1": "x", "yes": "y"}


class TestDuplicateKeys:
    def test_json(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="duplicate key 'x'"):
            parse_document('{"x": 1, "y": {"x": 2, "x": 3}}', Format.JSON)

    @YAML
    def test_yaml(self) -> None:
        with pytest.raises(DocumentSyntaxError, match=r"duplicate key 'x' \(line 4, column 3\)"):
            parse_document("x: 1\ny:\n  x: 2\n  x: 3\n", Format.YAML)

    @YAML
    def test_yaml_keys_that_only_look_different(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="duplicate key 'x'"):
            parse_document("x: 1\n'x': 2\n", Format.YAML)

    @pytest.mark.parametrize(
        ("text", "where"),
        [("x = 1\nx = 2\n", "line 2, column 6"), ("[t]\na = 1\n[t]\nb = 2\n", "line 3, column 3")],
    )
    def test_toml(self, text: str, where: str) -> None:
        with pytest.raises(DocumentSyntaxError, match=rf"invalid TOML at {where}: .*defined twice"):
            parse_document(text, Format.TOML)


class TestDepth:
    @pytest.mark.parametrize("format", FORMATS)
    def test_100000_deep(self, format: Format) -> None:
        with pytest.raises(InputLimitError, match=r"nested .* deep.*at most 32 levels"):
            parse_document(nested_list(100_000, format), format)

    def test_json_names_the_depth_found(self) -> None:
        with pytest.raises(InputLimitError, match="nested 100,000 deep; at most 32 levels"):
            parse_document("[" * 100_000 + "]" * 100_000, Format.JSON)

    @YAML
    def test_yaml_names_the_place(self) -> None:
        with pytest.raises(InputLimitError, match=r"more than 32 deep .line 1, column 33."):
            parse_document(nested_list(100_000, Format.YAML), Format.YAML)

    @YAML
    def test_yaml_block_style(self) -> None:
        text = "".join("  " * level + "- \n" for level in range(1000))
        with pytest.raises(InputLimitError, match="more than 32 deep"):
            parse_document(text, Format.YAML)

    @pytest.mark.parametrize("format", FORMATS)
    def test_the_limit_itself_is_allowed(self, format: Format) -> None:
        parse_document(nested_list(32, format), format)
        with pytest.raises(InputLimitError, match=r"nested (33|more than 32) deep"):
            parse_document(nested_list(33, format), format)

    @pytest.mark.parametrize(
        "text",
        ["a" + ".a" * 100_000 + " = 1", "[" + "a." * 100_000 + "a]", '"a"' + ' . "a"' * 50 + "=1"],
    )
    def test_a_toml_key_of_many_parts_is_refused_before_parsing(self, text: str) -> None:
        with pytest.raises(InputLimitError, match="by the dotted key"):
            parse_document(text, Format.TOML)

    def test_dots_inside_toml_strings_and_comments_are_not_keys(self) -> None:
        dots = "a." * 100
        text = f"a = \"{dots}\"\nb = '{dots}'\nc = '''\n{dots}'''\n# {dots}\nd = 1.5\n"
        assert parse_document(text, Format.TOML)["b"] == dots  # type: ignore[index]

    def test_toml_tables_add_up(self) -> None:
        header = "[" + ".".join(["t"] * 20) + "]\n"
        key = ".".join(["k"] * 20) + " = 1\n"
        with pytest.raises(InputLimitError, match="nested 40 deep"):
            parse_document(header + key, Format.TOML)


@YAML
class TestAFastParserWithLimitsOfItsOwn:
    """Whatever libyaml refuses first (a nesting cap, read far ahead), eminence's limits and
    the places they name stand: the pure-Python parser has the last word."""

    @pytest.fixture(autouse=True)
    def _stricter_fast_parser(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import yaml

        real = yaml_text._strict_loader

        class Refusing(yaml.SafeLoader):
            def __init__(self, text: str) -> None:
                raise yaml.scanner.ScannerError(problem="a limit of its own")

        def loader(*, fast: bool) -> Any:
            return Refusing if fast else real(fast=False)

        monkeypatch.setattr(yaml_text, "_strict_loader", loader)

    def test_too_deep_names_the_limit_and_the_place(self) -> None:
        with pytest.raises(InputLimitError, match=r"more than 32 deep .line 1, column 33.*32 lev"):
            parse_document(nested_list(100_000, Format.YAML), Format.YAML)

    def test_what_eminence_accepts_is_read(self) -> None:
        assert parse_document("a: [1, {b: 2024-05-01}]", Format.YAML) == {
            "a": [1, {"b": dt.date(2024, 5, 1)}]
        }

    def test_a_syntax_error_is_eminences(self) -> None:
        with pytest.raises(DocumentSyntaxError, match=r"invalid YAML at line 1"):
            parse_document("a: [1, 2", Format.YAML)


class TestHugeIntegers:
    @pytest.mark.parametrize("format", FORMATS)
    def test_5000_digits(self, format: Format) -> None:
        text = ("a = " if format is Format.TOML else "") + "1" * 5000
        with pytest.raises(InputLimitError, match="5,000 digits; at most 4,300 are allowed"):
            parse_document(text, format)

    @pytest.mark.parametrize("format", FORMATS)
    def test_the_limit_itself_is_allowed(self, format: Format) -> None:
        number = "9" * MAX_INT_DIGITS
        text = "a = " if format is Format.TOML else "a: " if format is Format.YAML else ""
        data = parse_document(text + number, format)
        assert str(data if format is Format.JSON else data["a"]) == number  # type: ignore[index]

    @pytest.mark.parametrize(
        ("text", "format"),
        [
            ("a = 0x" + "f" * 3600, Format.TOML),
            ("a = [0x" + "f" * 3600 + "]", Format.TOML),
            pytest.param("a: 0x" + "f" * 3600, Format.YAML, marks=YAML),
        ],
    )
    def test_few_digits_in_another_base_can_still_be_too_long(
        self, text: str, format: Format
    ) -> None:
        with pytest.raises(InputLimitError, match=r"has about 4,[3-9]\d\d digits; at most 4,300"):
            parse_document(text, format)

    def test_json_when_python_lifts_its_own_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sys, "get_int_max_str_digits", lambda: 0)
        with pytest.raises(InputLimitError, match="5,000 digits"):
            parse_document("-" + "1" * 5000, Format.JSON)


class TestCollectionSize:
    @pytest.mark.parametrize("format", FORMATS)
    def test_a_list_of_10001(self, format: Format) -> None:
        with pytest.raises(InputLimitError, match=r"10,00[01] entries; at most 10,000 are allowed"):
            parse_document(list_of(10_001, format), format)

    @pytest.mark.parametrize("format", FORMATS)
    def test_a_mapping_of_10001(self, format: Format) -> None:
        with pytest.raises(InputLimitError, match=r"mapping .*entries; at most 10,000"):
            parse_document(mapping_of(10_001, format), format)

    @pytest.mark.parametrize("format", FORMATS)
    def test_the_limit_itself_is_allowed(self, format: Format) -> None:
        limits = Limits(max_collection=50)
        parse_document(list_of(50, format), format, limits)
        parse_document(mapping_of(50, format), format, limits)
        with pytest.raises(InputLimitError, match="at most 50 are allowed"):
            parse_document(mapping_of(51, format), format, limits)

    def test_the_path_is_named(self) -> None:
        with pytest.raises(InputLimitError, match=r"the list at a\.b\[1\] has 3 entries"):
            parse_document('{"a": {"b": [[], [1, 2, 3]]}}', Format.JSON, Limits(max_collection=2))


class TestNodeCount:
    @pytest.mark.parametrize("format", FORMATS)
    def test_too_many_values(self, format: Format) -> None:
        text = list_of(5, format).replace("1", "[1, 1]")
        with pytest.raises(InputLimitError, match=r"more than 10 values.*at most 10 are allowed"):
            parse_document(text, format, Limits(max_nodes=10))

    def test_keys_count(self) -> None:
        parse_document('{"a": 1, "b": 2}', Format.JSON, Limits(max_nodes=5))
        with pytest.raises(InputLimitError, match="values"):
            parse_document('{"a": 1, "b": 2}', Format.JSON, Limits(max_nodes=4))


class TestStringLength:
    @pytest.mark.parametrize("format", FORMATS)
    def test_a_string_of_20001(self, format: Format) -> None:
        with pytest.raises(InputLimitError, match="20,001 characters; at most 20,000 are allowed"):
            parse_document(string_of(20_001, format), format)

    @pytest.mark.parametrize("format", FORMATS)
    def test_a_key_of_20001(self, format: Format) -> None:
        key = '"' + "k" * 20_001 + '"'
        text = f"{key} = 1" if format is Format.TOML else f"{{{key}: 1}}"
        with pytest.raises(InputLimitError, match="20,001 characters"):
            parse_document(text, format)

    @pytest.mark.parametrize("format", FORMATS)
    def test_the_limit_itself_is_allowed(self, format: Format) -> None:
        parse_document(string_of(20_000, format), format)

    def test_the_path_is_named(self) -> None:
        with pytest.raises(InputLimitError, match=r"the string at v\[0\]\.n has 6 characters"):
            parse_document('{"v": [{"n": "abcdef"}]}', Format.JSON, Limits(max_string=5))
        with pytest.raises(InputLimitError, match=r"a key at v\[0\] has 6 characters"):
            parse_document('{"v": [{"abcdef": 1}]}', Format.JSON, Limits(max_string=5))


class TestSyntaxErrors:
    @pytest.mark.parametrize(
        ("format", "text", "where"),
        [
            (Format.JSON, '{\n  "a": 1,\n}', "invalid JSON at line 3, column 1"),
            (Format.TOML, "a = 1\nb = \n", "invalid TOML at line 2, column 5"),
            pytest.param(
                Format.YAML, "a: [1, 2\nb: 3\n", "invalid YAML at line 2, column 2", marks=YAML
            ),
            pytest.param(Format.YAML, "a: b: c\n", "invalid YAML at line 1, column 5", marks=YAML),
        ],
    )
    def test_line_and_column(self, format: Format, text: str, where: str) -> None:
        with pytest.raises(DocumentSyntaxError, match=where):
            parse_document(text, format)

    def test_an_empty_json_document(self) -> None:
        with pytest.raises(DocumentSyntaxError, match="invalid JSON at line 1, column 1"):
            parse_document("", Format.JSON)

    @YAML
    def test_empty_toml_and_yaml_are_empty(self) -> None:
        assert parse_document("", Format.TOML) == {}
        assert parse_document("", Format.YAML) is None


class TestValues:
    def test_json_nan_and_infinity_parse_for_the_model_to_refuse(self) -> None:
        data = parse_document("[NaN, Infinity, -Infinity, 1e999]", Format.JSON)
        assert isinstance(data, list)
        assert math.isnan(data[0])
        assert data[1:] == [math.inf, -math.inf, math.inf]

    @YAML
    def test_dates_are_leaves(self) -> None:
        toml = parse_document("d = 2024-05-01\nt = 2024-05-01T10:00:00", Format.TOML)
        assert toml == {"d": dt.date(2024, 5, 1), "t": dt.datetime(2024, 5, 1, 10)}
        assert parse_document("d: 2024-05-01", Format.YAML) == {"d": dt.date(2024, 5, 1)}

    @pytest.mark.parametrize("format", [Format.JSON, pytest.param(Format.YAML, marks=YAML)])
    def test_a_scalar_may_be_the_whole_json_or_yaml_document(self, format: Format) -> None:
        assert parse_document('"hi"', format) == "hi"


TEXT = st.text(max_size=12)
NUMBERS = st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False)
# TOML and YAML write time zone offsets in whole minutes only.
OFFSETS = st.integers(-23 * 60, 23 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
DATETIMES = st.datetimes(timezones=st.none() | OFFSETS)
SCALARS = st.booleans() | NUMBERS | TEXT | st.dates() | DATETIMES


def plain_data(scalars: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
        max_leaves=15,
    )


def as_json(value: Any) -> Any:
    """What JSON can say about `value`: dates become ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


class TestRoundTrip:
    @settings(max_examples=40, deadline=None)
    @given(plain_data(st.none() | SCALARS))
    def test_json(self, data: Any) -> None:
        assert parse_document(render_document(data, Format.JSON), Format.JSON) == as_json(data)

    @YAML
    @settings(max_examples=40, deadline=None)
    @given(plain_data(st.none() | SCALARS))
    def test_yaml(self, data: Any) -> None:
        assert parse_document(render_document(data, Format.YAML), Format.YAML) == data

    @TOML_WRITER
    @settings(max_examples=40, deadline=None)
    @given(st.dictionaries(TEXT, plain_data(SCALARS | st.times()), max_size=5))
    def test_toml(self, data: dict[str, Any]) -> None:
        assert parse_document(render_document(data, Format.TOML), Format.TOML) == data

    @pytest.mark.parametrize("format", WRITTEN_FORMATS)
    def test_line_breaks_yaml_reads_as_spaces_unless_escaped(self, format: Format) -> None:
        data = {"\x85": ["a\x85", "b\u2028c", "\u2029"]}
        assert parse_document(render_document(data, format), format) == data

    @pytest.mark.parametrize("format", WRITTEN_FORMATS)
    def test_bytes_round_trip(self, format: Format) -> None:
        data = {"name": "Zoë", "hours": [1, 2.5], "nested": {"ok": True}}
        assert parse_document(render_document(data, format).encode(), format) == data


class TestRender:
    def test_json_is_indented_unicode_with_a_final_newline(self) -> None:
        assert render_document({"a": ["é"]}, Format.JSON) == '{\n  "a": [\n    "é"\n  ]\n}\n'

    def test_json_writes_dates_as_iso_text(self) -> None:
        data = {"d": dt.date(2024, 5, 1), "t": dt.datetime(2024, 5, 1, 10, 30)}
        text = render_document(data, Format.JSON)
        assert parse_document(text, Format.JSON) == {"d": "2024-05-01", "t": "2024-05-01T10:30:00"}

    @pytest.mark.parametrize("format", [Format.TOML, Format.YAML])
    def test_an_offset_of_seconds_is_refused_where_it_would_be_misread(
        self, format: Format
    ) -> None:
        monrovia = dt.timezone(-dt.timedelta(minutes=44, seconds=30))
        with pytest.raises(EminenceError, match="offsets are whole minutes"):
            render_document({"t": dt.datetime(1970, 1, 1, tzinfo=monrovia)}, format)

    def test_json_refuses_nan(self) -> None:
        with pytest.raises(EminenceError, match=r"cannot write nan at a\[0\] as JSON"):
            render_document({"a": [math.nan]}, Format.JSON)

    @YAML
    def test_yaml_keeps_the_order_of_keys(self) -> None:
        assert render_document({"b": 1, "a": 2}, Format.YAML) == "b: 1\na: 2\n"

    @TOML_WRITER
    def test_toml_drops_none_in_mappings(self) -> None:
        data = {"a": None, "b": {"c": None, "d": 1}, "e": [{"f": None}]}
        text = render_document(data, Format.TOML)
        assert parse_document(text, Format.TOML) == {"b": {"d": 1}, "e": [{}]}

    def test_toml_refuses_none_in_a_list(self) -> None:
        with pytest.raises(EminenceError, match=r"cannot write null at a\[1\] as TOML"):
            render_document({"a": [1, None]}, Format.TOML)

    @pytest.mark.parametrize("data", [[1, 2], "text", None, 3])
    def test_toml_needs_a_mapping_at_the_top(self, data: object) -> None:
        with pytest.raises(EminenceError, match="a TOML document is a mapping at the top"):
            render_document(data, Format.TOML)

    @pytest.mark.parametrize("format", WRITTEN_FORMATS)
    def test_tuples_become_lists(self, format: Format) -> None:
        text = render_document({"a": (1, (2, 3))}, format)
        assert parse_document(text, format) == {"a": [1, [2, 3]]}

    @pytest.mark.parametrize("format", FORMATS)
    def test_keys_must_be_text(self, format: Format) -> None:
        with pytest.raises(EminenceError, match="key 1 at the top level: mapping keys must be"):
            render_document({1: "x"}, format)

    @pytest.mark.parametrize("format", FORMATS)
    def test_objects_are_not_plain_data(self, format: Format) -> None:
        with pytest.raises(EminenceError, match=r"an object of type set at a\.b"):
            render_document({"a": {"b": {1}}}, format)

    @pytest.mark.parametrize("format", WRITTEN_FORMATS)
    def test_enum_members_are_written_as_their_values(self, format: Format) -> None:
        class Colour(enum.StrEnum):
            RED = "red"

        class Size(enum.IntEnum):
            BIG = 3

        text = render_document({"colour": Colour.RED, "size": Size.BIG}, format)
        assert parse_document(text, format) == {"colour": "red", "size": 3}


class TestMissingExtras:
    def test_reading_yaml_without_pyyaml(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "yaml", None)
        with pytest.raises(MissingExtraError, match=r"PyYAML.*eminence\[yaml\]") as info:
            parse_document("a: 1", Format.YAML)
        assert isinstance(info.value, ImportError)

    def test_writing_yaml_without_pyyaml(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "yaml", None)
        with pytest.raises(MissingExtraError, match=r"eminence\[yaml\]"):
            render_document({"a": 1}, Format.YAML)

    def test_toml_needs_tomli_w_only_to_write(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "tomli_w", None)
        assert parse_document("a = 1", Format.TOML) == {"a": 1}
        with pytest.raises(MissingExtraError, match=r"tomli-w.*eminence\[toml\]"):
            render_document({"a": 1}, Format.TOML)

    def test_json_needs_nothing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "yaml", None)
        monkeypatch.setitem(sys.modules, "tomli_w", None)
        assert parse_document(render_document({"a": 1}, Format.JSON), Format.JSON) == {"a": 1}


STRUCTURE = st.sampled_from(list("{}[]:,\"'\\-#=.&*!|>?%@`~ \n\t0123456789aeflnrstuxyz+_<"))


class TestOnlyEminenceErrors:
    @settings(max_examples=150, deadline=None)
    @given(st.text(STRUCTURE | st.characters(), max_size=40), st.sampled_from(list(Format)))
    def test_any_text(self, text: str, format: Format) -> None:
        with contextlib.suppress(EminenceError):
            parse_document(text, format, Limits(max_depth=4, max_collection=5, max_string=30))

    @settings(max_examples=100, deadline=None)
    @given(st.binary(max_size=40), st.sampled_from(list(Format)))
    def test_any_bytes(self, data: bytes, format: Format) -> None:
        with contextlib.suppress(EminenceError):
            parse_document(data, format)
